//! `pc-inbox accept ID... [--wait]`: starts each accept task under the write quota with the
//! client token the local store holds for the invitation (the inbox's, or an earlier run's, so
//! it never starts twice), and with `--wait` polls them all to COMPLETE or FAILED. Every step
//! is journaled.

use std::io::Write;
use std::time::{Duration, Instant};

use chrono::Utc;
use serde_json::json;

use super::bulk::{read_ids, Progress, Tally};
use super::reject::write_objects;
use super::show::ShowFormat;
use super::{record, CommandResult, Failure};
use crate::app::{PollSchedule, SavedAccept};
use crate::domain::journal::{Action, Entry, Outcome};
use crate::domain::{AcceptTask, TaskStatus};
use crate::service::PartnerCentral;
use crate::store::Store;
use crate::wire::ListEngagementByAcceptingInvitationTaskSummary;

/// Options of `pc-inbox accept`.
#[derive(Debug, Clone, clap::Args)]
pub struct AcceptArgs {
    /// The invitations' ids (engi-…); `-` reads them from stdin, one per line.
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// Wait until every task is COMPLETE or FAILED (exit code 3 when one fails).
    #[arg(long)]
    pub wait: bool,
    /// With --wait: give up waiting after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    pub timeout: u64,
    /// `json` prints each task as ListEngagementByAcceptingInvitationTasks does (or
    /// {"EngagementInvitationId", "Error"}); an array for several ids.
    #[arg(long, value_enum, default_value = "text")]
    pub output: ShowFormat,
}

/// An accept task that has been started (or resumed) for an invitation.
pub struct Started {
    pub invitation_id: String,
    pub accept: SavedAccept,
    pub task: AcceptTask,
}

fn report_text(out: &mut dyn Write, task: &AcceptTask) -> std::io::Result<()> {
    let detail = match task.status {
        TaskStatus::Complete => format!(
            "opportunity {}",
            task.opportunity_id.as_deref().unwrap_or("?")
        ),
        TaskStatus::Failed => failure_text(task),
        _ => "still running".into(),
    };
    writeln!(out, "{} {} — {detail}", task.id, task.status.as_wire())
}

fn entry(id: &str, token: &str, action: Action, outcome: Outcome) -> Entry {
    Entry::new(action, outcome, Utc::now())
        .invitation(id)
        .token(token)
}

/// Starts (or resumes) the accept of one invitation and journals it; `why` goes into the
/// journal's detail (e.g. the triage rule that asked for it).
pub async fn start_one(
    service: &dyn PartnerCentral,
    id: &str,
    why: Option<&str>,
    mut store: Option<&mut Store>,
) -> Result<Started, Failure> {
    let mut accept = SavedAccept {
        client_token: format!("pc-inbox-{}-1", uuid::Uuid::new_v4().simple()),
        task_id: None,
        title: None,
        started: Utc::now(),
    };
    if let Some(store) = store.as_deref_mut() {
        accept.client_token = store.claim_accept(id, &accept).map_err(Failure::Usage)?;
    }
    let token = accept.client_token.clone();
    let task = match service.start_accept(id, &token).await {
        Ok(task) => task,
        Err(e) => {
            let detail = match why {
                Some(why) => format!("{e} ({why})"),
                None => e.to_string(),
            };
            record(
                store.as_deref_mut(),
                entry(id, &token, Action::AcceptStarted, Outcome::Failed).detail(Some(detail)),
            );
            if !e.is_transient() {
                forget(store.as_deref_mut(), id, &token);
            }
            return Err(e.into());
        }
    };
    record(
        store.as_deref_mut(),
        entry(id, &token, Action::AcceptStarted, Outcome::Succeeded)
            .task(Some(task.id.clone()))
            .detail(why.map(str::to_string)),
    );
    accept.task_id = Some(task.id.clone());
    if let Some(store) = store {
        store.save_accept(id, &accept).map_err(Failure::Usage)?;
    }
    Ok(Started {
        invitation_id: id.to_string(),
        accept,
        task,
    })
}

/// Journals the end of a task that has ended and drops its record.
fn settle(store: Option<&mut Store>, started: &Started) {
    let task = &started.task;
    let (action, outcome, detail) = match task.status {
        TaskStatus::Complete => (
            Action::AcceptCompleted,
            Outcome::Succeeded,
            task.opportunity_id.clone(),
        ),
        TaskStatus::Failed => (
            Action::AcceptFailed,
            Outcome::Failed,
            Some(failure_text(task)),
        ),
        _ => return,
    };
    let mut store = store;
    let (id, token) = (&started.invitation_id, &started.accept.client_token);
    record(
        store.as_deref_mut(),
        entry(id, token, action, outcome)
            .task(Some(task.id.clone()))
            .detail(detail),
    );
    forget(store, id, token);
}

/// Polls every task still in progress until all have ended or `timeout` has passed.
async fn wait_all(
    service: &dyn PartnerCentral,
    running: &mut [Started],
    mut store: Option<&mut Store>,
    schedule: PollSchedule,
    timeout: Duration,
) -> Result<(), Failure> {
    for started in running.iter() {
        settle(store.as_deref_mut(), started);
    }
    let begun = Instant::now();
    let mut polls = 0;
    while running
        .iter()
        .any(|s| s.task.status == TaskStatus::InProgress)
    {
        if begun.elapsed() >= timeout {
            return Err(Failure::Usage(format!(
                "still IN_PROGRESS after {} s; run the same command again to keep waiting (it resumes the same tasks)",
                timeout.as_secs()
            )));
        }
        tokio::time::sleep(schedule.delay(polls)).await;
        polls += 1;
        for started in running
            .iter_mut()
            .filter(|s| s.task.status == TaskStatus::InProgress)
        {
            started.task = service.get_accept_task(&started.task.id).await?;
            settle(store.as_deref_mut(), started);
        }
    }
    Ok(())
}

/// Starts (or resumes) every accept, and with `--wait` follows them to the end.
pub async fn run(
    service: &dyn PartnerCentral,
    args: &AcceptArgs,
    mut store: Option<&mut Store>,
    schedule: PollSchedule,
    out: &mut dyn Write,
) -> CommandResult {
    let ids = read_ids(&args.ids, &mut std::io::stdin().lock())?;
    let progress = Progress::new("Accepting", ids.len());
    let mut tally = Tally::new("accepts", ids.len());
    let mut running = Vec::new();
    let mut refused = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        progress.at(n + 1);
        match start_one(service, id, None, store.as_deref_mut()).await {
            Ok(started) => running.push(started),
            Err(failure) => {
                refused.push(json!({"EngagementInvitationId": id, "Error": failure.to_string()}));
                tally.fail(id, failure);
            }
        }
    }
    progress.done();
    let waited = if args.wait {
        let timeout = Duration::from_secs(args.timeout);
        wait_all(service, &mut running, store, schedule, timeout).await
    } else {
        Ok(())
    };
    let mut objects = refused;
    for started in &running {
        let task = &started.task;
        match args.output {
            ShowFormat::Json => objects.push(
                serde_json::to_value(ListEngagementByAcceptingInvitationTaskSummary::from(task))
                    .expect("wire shapes serialize"),
            ),
            ShowFormat::Text => report_text(out, task)?,
        }
        if task.status == TaskStatus::Failed {
            tally.fail(
                &started.invitation_id,
                Failure::TaskFailed(format!(
                    "accepting {} failed: {}",
                    started.invitation_id,
                    failure_text(task)
                )),
            );
        }
    }
    if args.output == ShowFormat::Json {
        write_objects(out, objects)?;
    }
    waited?;
    tally.finish()
}

fn failure_text(task: &AcceptTask) -> String {
    format!(
        "{}: {}",
        task.reason_code.as_deref().unwrap_or("no reason code"),
        task.message.as_deref().unwrap_or("no message")
    )
}

/// Drops the accept's record: its task ended, or it never started and cannot.
fn forget(store: Option<&mut Store>, id: &str, token: &str) {
    if let Some(store) = store {
        if let Err(e) = store.forget_accept(id, token) {
            eprintln!("pc-inbox: warning: {e}");
        }
    }
}
