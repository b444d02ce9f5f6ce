//! `pc-inbox watch [--interval SECS] [--output text|json]`: runs without a screen until
//! interrupted and prints one line per invitation that arrived, changed status or expired.
//! It follows the sync engine's rules ([`crate::sync`]), as the inbox does: a look lists the
//! newest invitations until what it knew (every fifth, the whole pending set) and reads the
//! detail of those that left the pending set, paced to at most one read a second on average.

use std::io::Write;
use std::time::Duration;

use chrono::Utc;
use serde_json::json;

use super::{CommandResult, Failure};
use crate::domain::changes::Change;
use crate::domain::{InvitationSummary, Participant};
use crate::service::{Bucket, PartnerCentral, RequestTally};
use crate::store::Store;
use crate::sync::{Found, Known, Schedule, Step};
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
    /// Seconds between looks (default: the config file's `watch.interval_seconds`, or 60).
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
    pub interval: Option<u64>,
    #[arg(long, value_enum, default_value = "text")]
    pub output: WatchFormat,
}

/// The read budget of a watcher: one read a second on average.
const READS_PER_SECOND: f64 = 1.0;

/// Rows per page of a look.
const PAGE_SIZE: u32 = 100;

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

/// Watches until interrupted (or until the service refuses for good). It starts from the
/// newest page and the pending set, prints nothing for them, and then prints what each look
/// finds. A look the service could not answer now is tried again after a backoff.
/// `counting` is where a successful look is noted and the requests counted go (the store's
/// daily count), after every look.
pub async fn run(
    service: &dyn PartnerCentral,
    args: &WatchArgs,
    default_interval: Duration,
    counting: (Option<&mut Store>, &RequestTally),
    out: &mut dyn Write,
) -> CommandResult {
    let interval = args
        .interval
        .map(Duration::from_secs)
        .unwrap_or(default_interval);
    let (store, tally) = counting;
    let mut watcher = Watcher {
        service,
        store,
        tally,
        budget: Bucket::new(READS_PER_SECOND),
        known: Known::default(),
        schedule: Schedule::new(interval),
        format: args.output,
    };
    while watcher.schedule.looks() == 0 {
        if let Err(wait) = watcher.look(out).await? {
            tokio::time::sleep(wait).await;
        }
    }
    eprintln!(
        "pc-inbox: watching {} pending invitations every {} s; Ctrl-c stops",
        watcher.known.pending().count(),
        interval.as_secs_f64()
    );
    loop {
        let wait = match watcher.look(out).await? {
            Ok(()) => interval,
            Err(wait) => wait,
        };
        tokio::time::sleep(wait).await;
    }
}

/// A watch's service, where it counts, its read budget and what it learned.
struct Watcher<'a> {
    service: &'a dyn PartnerCentral,
    store: Option<&'a mut Store>,
    tally: &'a RequestTally,
    budget: Bucket,
    known: Known,
    schedule: Schedule,
    format: WatchFormat,
}

impl Watcher<'_> {
    /// One look: prints what it found. A transient failure is `Ok(Err(wait))`: try again after
    /// `wait`.
    async fn look(&mut self, out: &mut dyn Write) -> Result<Result<(), Duration>, Failure> {
        let looked = self.try_look(out).await;
        if let (Ok(()), Some(store)) = (&looked, self.store.as_deref_mut()) {
            if let Err(e) = store.looked(Utc::now()) {
                eprintln!("pc-inbox: warning: the look could not be noted: {e}");
            }
        }
        super::count_requests(self.store.as_deref_mut(), self.tally);
        match looked {
            Ok(()) => {
                if self.schedule.succeeded() {
                    eprintln!("pc-inbox: the service answers again");
                }
                Ok(Ok(()))
            }
            Err(Failure::Service(e)) if e.is_transient() => {
                let wait = self.schedule.failed();
                eprintln!(
                    "pc-inbox: warning: {e}; trying again in {} s",
                    wait.as_secs_f64()
                );
                Ok(Err(wait))
            }
            Err(failure) => Err(failure),
        }
    }

    async fn try_look(&mut self, out: &mut dyn Write) -> Result<(), Failure> {
        let mut look = self.schedule.next_look(&self.known);
        let query = look.query(PAGE_SIZE);
        let mut token = None;
        let found = loop {
            self.budget.take().await;
            let page = self.service.list_invitations(&query, token).await?;
            match look.on_page(page, &mut self.known) {
                Step::Next(next) => token = Some(next),
                Step::Done(found) => break found,
            }
        };
        for summary in &found.arrived {
            print(out, summary, Change::New, self.format)?;
        }
        for summary in &found.changed {
            let change = Change::of_departure(summary.status.as_ref());
            print(out, summary, change, self.format)?;
        }
        let mut departed = Vec::with_capacity(found.left.len());
        for id in &found.left {
            self.budget.take().await;
            let mut summary = self.service.get_invitation(id).await?.summary;
            summary.participant = Some(Participant::Received);
            self.known.learn([&summary]);
            let change = Change::of_departure(summary.status.as_ref());
            print(out, &summary, change, self.format)?;
            departed.push(summary);
        }
        self.keep(found, departed);
        Ok(())
    }

    /// Keeps what a look learned in the store, the arrivals unread: the inbox shows them at its
    /// next start, marked new.
    fn keep(&mut self, found: Found, departed: Vec<InvitationSummary>) {
        let Some(store) = self.store.as_deref_mut() else {
            return;
        };
        let unread: Vec<String> = found.arrived.iter().map(|s| s.id.clone()).collect();
        let mut rows = found.arrived;
        rows.extend(found.changed);
        rows.extend(departed);
        if rows.is_empty() {
            return;
        }
        if let Err(e) = store.remember_rows(&rows, &unread, Utc::now()) {
            eprintln!("pc-inbox: warning: what the look found could not be kept: {e}");
        }
    }
}
