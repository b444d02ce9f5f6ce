//! `pc-inbox accept ID [--wait]`: starts the accept task with the client token the local store
//! holds for the invitation (the inbox's, or an earlier run's, so it never starts twice), and
//! with `--wait` polls it to COMPLETE or FAILED. Every step is journaled.

use std::io::Write;
use std::time::{Duration, Instant};

use chrono::Utc;

use super::output::write_json;
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
    /// The invitation's id (engi-…).
    pub id: String,
    /// Wait until the task is COMPLETE or FAILED (exit code 3 when it fails).
    #[arg(long)]
    pub wait: bool,
    /// With --wait: give up waiting after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    pub timeout: u64,
    #[arg(long, value_enum, default_value = "text")]
    pub output: ShowFormat,
}

fn report(out: &mut dyn Write, task: &AcceptTask, format: ShowFormat) -> std::io::Result<()> {
    match format {
        ShowFormat::Json => write_json(
            out,
            &ListEngagementByAcceptingInvitationTaskSummary::from(task),
        ),
        ShowFormat::Text => {
            let detail = match task.status {
                TaskStatus::Complete => format!(
                    "opportunity {}",
                    task.opportunity_id.as_deref().unwrap_or("?")
                ),
                TaskStatus::Failed => format!(
                    "{}: {}",
                    task.reason_code.as_deref().unwrap_or("no reason code"),
                    task.message.as_deref().unwrap_or("no message")
                ),
                _ => "still running".into(),
            };
            writeln!(out, "{} {} — {detail}", task.id, task.status.as_wire())
        }
    }
}

/// Starts (or resumes) the accept, and with `--wait` follows it to the end.
pub async fn run(
    service: &dyn PartnerCentral,
    args: &AcceptArgs,
    mut store: Option<&mut Store>,
    schedule: PollSchedule,
    out: &mut dyn Write,
) -> CommandResult {
    let mut accept = SavedAccept {
        client_token: format!("pc-inbox-{}-1", uuid::Uuid::new_v4().simple()),
        task_id: None,
        title: None,
        started: Utc::now(),
    };
    if let Some(store) = store.as_deref_mut() {
        accept.client_token = store
            .claim_accept(&args.id, &accept)
            .map_err(Failure::Usage)?;
    }
    let entry = |action, outcome| {
        Entry::new(action, outcome, Utc::now())
            .invitation(&args.id)
            .token(&accept.client_token)
    };
    let mut task = match service.start_accept(&args.id, &accept.client_token).await {
        Ok(task) => task,
        Err(e) => {
            record(
                store.as_deref_mut(),
                entry(Action::AcceptStarted, Outcome::Failed).detail(Some(e.to_string())),
            );
            if !e.is_transient() {
                forget(store.as_deref_mut(), &args.id, &accept.client_token);
            }
            return Err(e.into());
        }
    };
    record(
        store.as_deref_mut(),
        entry(Action::AcceptStarted, Outcome::Succeeded).task(Some(task.id.clone())),
    );
    accept.task_id = Some(task.id.clone());
    if let Some(store) = store.as_deref_mut() {
        store
            .save_accept(&args.id, &accept)
            .map_err(Failure::Usage)?;
    }
    let started = Instant::now();
    let mut polls = 0;
    while task.status == TaskStatus::InProgress && args.wait {
        if started.elapsed() >= Duration::from_secs(args.timeout) {
            report(out, &task, args.output)?;
            return Err(Failure::Usage(format!(
                "task {} is still IN_PROGRESS after {} s; run the same command again to keep waiting (it resumes the same task)",
                task.id, args.timeout
            )));
        }
        tokio::time::sleep(schedule.delay(polls)).await;
        polls += 1;
        task = service.get_accept_task(&task.id).await?;
    }
    let ended = match task.status {
        TaskStatus::Complete => Some((Action::AcceptCompleted, Outcome::Succeeded)),
        TaskStatus::Failed => Some((Action::AcceptFailed, Outcome::Failed)),
        _ => None,
    };
    if let Some((action, outcome)) = ended {
        let detail = match &task.status {
            TaskStatus::Complete => task.opportunity_id.clone(),
            _ => Some(failure_text(&task)),
        };
        record(
            store.as_deref_mut(),
            entry(action, outcome)
                .task(Some(task.id.clone()))
                .detail(detail),
        );
        forget(store, &args.id, &accept.client_token);
    }
    report(out, &task, args.output)?;
    if task.status == TaskStatus::Failed {
        return Err(Failure::TaskFailed(format!(
            "accepting {} failed: {}",
            args.id,
            failure_text(&task)
        )));
    }
    Ok(())
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
