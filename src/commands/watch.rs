//! `pc-inbox watch [--interval SECS] [--output text|json]`: runs without a screen until
//! interrupted and prints one line per invitation that arrived, changed status or expired.
//! Each look lists only the pending invitations and reads the detail of those that left, paced
//! to at most one read a second on average.

use std::io::Write;
use std::time::Duration;

use chrono::Utc;
use serde_json::json;

use super::{CommandResult, Failure};
use crate::domain::changes::{compare, Change};
use crate::domain::{InvitationStatus, InvitationSummary, ListQuery, Participant};
use crate::service::{Bucket, PartnerCentral};
use crate::wire;

/// How `watch` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WatchFormat {
    Text,
    /// One JSON object per line: the summary's members plus `Change`.
    Json,
}

/// Options of `pc-inbox watch`.
#[derive(Debug, Clone, clap::Args)]
pub struct WatchArgs {
    /// Seconds between looks (default: the config file's `watch.interval_seconds`, or 300).
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
    pub interval: Option<u64>,
    #[arg(long, value_enum, default_value = "text")]
    pub output: WatchFormat,
}

/// The read budget of a watcher: one read a second on average.
const READS_PER_SECOND: f64 = 1.0;

/// Every pending invitation received, within the read budget.
async fn pending(
    service: &dyn PartnerCentral,
    budget: &Bucket,
) -> Result<Vec<InvitationSummary>, Failure> {
    let mut query = ListQuery::new(Participant::Received);
    query.statuses = vec![InvitationStatus::Pending];
    query.page_size = Some(100);
    let mut rows = Vec::new();
    let mut token = None;
    loop {
        budget.take().await;
        let page = service.list_invitations(&query, token).await?;
        rows.extend(page.items);
        token = page.next_token;
        if token.is_none() {
            return Ok(rows);
        }
    }
}

fn print(
    out: &mut dyn Write,
    summary: &InvitationSummary,
    change: Change,
    format: WatchFormat,
) -> std::io::Result<()> {
    match format {
        WatchFormat::Json => {
            let mut value = serde_json::to_value(wire::EngagementInvitationSummary::from(summary))
                .expect("wire shapes serialize");
            value["Change"] = json!(change);
            writeln!(out, "{value}")?;
        }
        WatchFormat::Text => {
            let status = summary.status.as_ref().map_or("?", |s| s.as_wire());
            writeln!(
                out,
                "{}  {:<13}  {}  {:<8}  {} — {}",
                Utc::now().format("%Y-%m-%d %H:%M:%S"),
                format!("{change:?}"),
                summary.id,
                status,
                summary.sender_company.as_deref().unwrap_or("?"),
                summary.engagement_title.as_deref().unwrap_or("")
            )?;
        }
    }
    out.flush()
}

/// Watches until interrupted (or until the service fails).
pub async fn run(
    service: &dyn PartnerCentral,
    args: &WatchArgs,
    default_interval: Duration,
    out: &mut dyn Write,
) -> CommandResult {
    let interval = args
        .interval
        .map(Duration::from_secs)
        .unwrap_or(default_interval);
    let budget = Bucket::new(READS_PER_SECOND);
    let mut known = pending(service, &budget).await?;
    eprintln!(
        "pc-inbox: watching {} pending invitations every {} s; Ctrl-c stops",
        known.len(),
        interval.as_secs_f64()
    );
    loop {
        tokio::time::sleep(interval).await;
        match look(service, &budget, &known, args.output, out).await {
            Ok(now) => known = now,
            // A look the service could not answer now is tried again at the next one.
            Err(Failure::Service(e)) if e.is_transient() => {
                eprintln!(
                    "pc-inbox: warning: {e}; trying again in {} s",
                    interval.as_secs_f64()
                );
            }
            Err(failure) => return Err(failure),
        }
    }
}

/// One look: prints what arrived and what left since `known`, and returns the pending set.
async fn look(
    service: &dyn PartnerCentral,
    budget: &Bucket,
    known: &[InvitationSummary],
    format: WatchFormat,
    out: &mut dyn Write,
) -> Result<Vec<InvitationSummary>, Failure> {
    let now = pending(service, budget).await?;
    let difference = compare(known, &now);
    let mut departed = Vec::with_capacity(difference.left.len());
    for before in &difference.left {
        budget.take().await;
        let mut summary = service.get_invitation(&before.id).await?.summary;
        summary.participant = before.participant;
        departed.push(summary);
    }
    for summary in &difference.arrived {
        print(out, summary, Change::New, format)?;
    }
    for summary in &departed {
        print(
            out,
            summary,
            Change::of_departure(summary.status.as_ref()),
            format,
        )?;
    }
    Ok(now)
}
