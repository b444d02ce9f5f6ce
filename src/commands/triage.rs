//! `pc-inbox triage --rules FILE [--apply]`: decides every pending invitation you received
//! with a rules file (see [`crate::rules`]). By default it prints what it would do and changes
//! nothing; with `--apply` it accepts and rejects, paced by the write quota, journaling each
//! action with the rule that asked for it.

use std::io::Write;
use std::path::PathBuf;

use chrono::Utc;
use serde_json::{json, Value};

use super::accept::start_one;
use super::bulk::{Progress, Tally};
use super::output::{write_json, write_table};
use super::reject::reject_one;
use super::show::ShowFormat;
use super::{CommandResult, Failure};
use crate::domain::{InvitationDetail, InvitationStatus, ListQuery, Participant};
use crate::rules::{Rule, RuleAction, Rules};
use crate::service::PartnerCentral;
use crate::store::Store;

/// Options of `pc-inbox triage`.
#[derive(Debug, Clone, clap::Args)]
pub struct TriageArgs {
    /// The rules file (TOML; see the README and assets/rules.example.toml).
    #[arg(long, value_name = "FILE")]
    pub rules: PathBuf,
    /// Act on the decisions. Without it, triage only prints what it would do.
    #[arg(long)]
    pub apply: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub output: ShowFormat,
}

/// One pending invitation and what the rules make of it.
struct Row {
    detail: InvitationDetail,
    rule: Option<Rule>,
    /// After `--apply`: what happened.
    outcome: Option<Result<String, String>>,
}

/// Every pending invitation received, in full.
async fn pending(service: &dyn PartnerCentral) -> Result<Vec<InvitationDetail>, Failure> {
    let mut query = ListQuery::new(Participant::Received);
    query.statuses = vec![InvitationStatus::Pending];
    query.page_size = Some(100);
    let mut ids = Vec::new();
    let mut token = None;
    loop {
        let page = service.list_invitations(&query, token).await?;
        ids.extend(page.items.into_iter().map(|s| s.id));
        token = page.next_token;
        if token.is_none() {
            break;
        }
    }
    let progress = Progress::new("Reading", ids.len());
    let mut details = Vec::with_capacity(ids.len());
    for (n, id) in ids.iter().enumerate() {
        progress.at(n + 1);
        details.push(service.get_invitation(id).await?);
    }
    progress.done();
    Ok(details)
}

/// Carries out one row's decision.
async fn apply(
    service: &dyn PartnerCentral,
    row: &Row,
    rule: &Rule,
    store: Option<&mut Store>,
) -> Result<String, Failure> {
    let id = &row.detail.summary.id;
    let why = format!("rule {:?}", rule.name);
    match &rule.action {
        RuleAction::Accept => start_one(service, id, Some(&why), store)
            .await
            .map(|s| format!("accept started ({})", s.task.id)),
        RuleAction::Reject { reason } => reject_one(service, id, reason, Some(&why), store)
            .await
            .map(|()| "rejected".to_string())
            .map_err(Failure::from),
    }
}

/// Decides every pending invitation and, with `--apply`, acts.
pub async fn run(
    service: &dyn PartnerCentral,
    args: &TriageArgs,
    mut store: Option<&mut Store>,
    out: &mut dyn Write,
) -> CommandResult {
    let rules = Rules::load(&args.rules).map_err(Failure::BadInput)?;
    let now = Utc::now();
    let mut rows: Vec<Row> = pending(service)
        .await?
        .into_iter()
        .map(|detail| Row {
            rule: rules
                .decide(&detail, Participant::Received, now)
                .ok()
                .cloned(),
            detail,
            outcome: None,
        })
        .collect();
    let decided = rows.iter().filter(|r| r.rule.is_some()).count();
    let mut tally = Tally::new("actions", decided);
    if args.apply {
        let progress = Progress::new("Applying", decided);
        let mut n = 0;
        for row in rows.iter_mut() {
            let Some(rule) = row.rule.clone() else {
                continue;
            };
            n += 1;
            progress.at(n);
            row.outcome = Some(
                match apply(service, row, &rule, store.as_deref_mut()).await {
                    Ok(done) => Ok(done),
                    Err(failure) => {
                        let text = failure.to_string();
                        tally.fail(&row.detail.summary.id, failure);
                        Err(text)
                    }
                },
            );
        }
        progress.done();
    }
    match args.output {
        ShowFormat::Json => write_json(out, &rows.iter().map(json_row).collect::<Vec<_>>())?,
        ShowFormat::Text => write_text(out, &rows)?,
    }
    let undecided = rows.len() - decided;
    eprintln!(
        "pc-inbox: {} pending: {decided} decided by a rule, {undecided} left for you{}",
        rows.len(),
        if args.apply {
            ""
        } else {
            " (a dry run: nothing was changed; add --apply to act)"
        }
    );
    tally.finish()
}

fn json_row(row: &Row) -> Value {
    let summary = &row.detail.summary;
    let mut value = json!({
        "Id": summary.id,
        "EngagementTitle": summary.engagement_title,
        "Customer": row.detail.customer_name(),
        "Rule": row.rule.as_ref().map(|r| r.name.clone()),
        "Action": row.rule.as_ref().map(|r| match r.action {
            RuleAction::Accept => "Accept",
            RuleAction::Reject { .. } => "Reject",
        }),
    });
    if let Some(RuleAction::Reject { reason }) = row.rule.as_ref().map(|r| &r.action) {
        value["RejectionReason"] = json!(reason);
    }
    match &row.outcome {
        Some(Ok(done)) => value["Outcome"] = json!(done),
        Some(Err(error)) => value["Error"] = json!(error),
        None => {}
    }
    value
}

fn write_text(out: &mut dyn Write, rows: &[Row]) -> std::io::Result<()> {
    let applied = rows.iter().any(|r| r.outcome.is_some());
    let mut header = vec!["ID", "ACTION", "RULE", "CUSTOMER", "TITLE"];
    if applied {
        header.push("OUTCOME");
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let summary = &row.detail.summary;
            let mut cells = vec![
                summary.id.clone(),
                row.rule
                    .as_ref()
                    .map_or("—".into(), |r| r.action.describe()),
                row.rule.as_ref().map_or("—".into(), |r| r.name.clone()),
                row.detail.customer_name().unwrap_or("—").to_string(),
                summary.engagement_title.clone().unwrap_or_default(),
            ];
            if applied {
                cells.push(match &row.outcome {
                    Some(Ok(done)) => done.clone(),
                    Some(Err(error)) => format!("failed: {error}"),
                    None => "—".into(),
                });
            }
            cells
        })
        .collect();
    write_table(out, &header, &cells)
}
