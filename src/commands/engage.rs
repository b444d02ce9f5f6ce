//! `pc-inbox engage OPPORTUNITY_ID [--wait]`: submits one of the partner's opportunities to
//! AWS, which makes an engagement of it (StartEngagementFromOpportunityTask). The client token
//! is the one the local store holds for the opportunity, so a rerun (after a crash, a kill, a
//! lost answer) resumes the same task and never starts a second. With `--wait` it polls the
//! task to COMPLETE or FAILED. Every step is journaled.

use std::io::Write;
use std::time::{Duration, Instant};

use chrono::Utc;

use super::output::write_json;
use super::show::ShowFormat;
use super::{record, CommandResult, Failure};
use crate::app::PollSchedule;
use crate::domain::journal::{Action, Entry, Outcome};
use crate::domain::{EngageTask, Involvement, TaskStatus};
use crate::service::PartnerCentral;
use crate::store::{SavedEngage, Store};
use crate::wire::ListEngagementFromOpportunityTaskSummary;

/// Options of `pc-inbox engage`.
#[derive(Debug, Clone, clap::Args)]
pub struct EngageArgs {
    /// The opportunity's id (O…).
    pub opportunity_id: String,
    /// How AWS takes part (AwsSubmission.InvolvementType).
    #[arg(long, value_enum, default_value = "co-sell")]
    pub involvement: Involvement,
    /// Wait until the task is COMPLETE or FAILED (exit code 3 when it fails).
    #[arg(long)]
    pub wait: bool,
    /// With --wait: give up waiting after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    pub timeout: u64,
    /// `json` prints the task as ListEngagementFromOpportunityTasks does.
    #[arg(long, value_enum, default_value = "text")]
    pub output: ShowFormat,
}

fn entry(opportunity_id: &str, token: &str, action: Action, outcome: Outcome) -> Entry {
    Entry::new(action, outcome, Utc::now())
        .opportunity(opportunity_id)
        .token(token)
}

/// An engage task started (or resumed) with its client token.
pub struct Engaging {
    pub client_token: String,
    pub task: EngageTask,
}

/// Starts (or resumes) the engage of one opportunity, journals it and records its task.
pub async fn start(
    service: &dyn PartnerCentral,
    opportunity_id: &str,
    involvement: Involvement,
    mut store: Option<&mut Store>,
) -> Result<Engaging, Failure> {
    let mut token = format!("pc-inbox-{}-1", uuid::Uuid::new_v4().simple());
    if let Some(store) = store.as_deref_mut() {
        let record = SavedEngage {
            client_token: token.clone(),
            task_id: None,
            started: Utc::now(),
        };
        token = store
            .claim_engage(opportunity_id, &record)
            .map_err(Failure::Usage)?;
    }
    let task = match service
        .start_engage(opportunity_id, involvement, &token)
        .await
    {
        Ok(task) => task,
        Err(e) => {
            record(
                store.as_deref_mut(),
                entry(
                    opportunity_id,
                    &token,
                    Action::EngageStarted,
                    Outcome::Failed,
                )
                .detail(Some(e.to_string())),
            );
            if !e.is_transient() {
                forget(store, opportunity_id, &token);
            }
            return Err(e.into());
        }
    };
    record(
        store.as_deref_mut(),
        entry(
            opportunity_id,
            &token,
            Action::EngageStarted,
            Outcome::Succeeded,
        )
        .task(Some(task.id.clone())),
    );
    if let Some(store) = store.as_deref_mut() {
        store
            .save_engage_task(opportunity_id, &token, &task.id)
            .map_err(Failure::Usage)?;
    }
    settle(store, opportunity_id, &token, &task);
    Ok(Engaging {
        client_token: token,
        task,
    })
}

/// Journals the end of a task that has ended and drops its record.
pub fn settle(store: Option<&mut Store>, opportunity_id: &str, token: &str, task: &EngageTask) {
    let (action, outcome, detail) = match task.status {
        TaskStatus::Complete => (
            Action::EngageCompleted,
            Outcome::Succeeded,
            task.engagement_id
                .as_ref()
                .map(|e| format!("engagement {e}")),
        ),
        TaskStatus::Failed => (
            Action::EngageFailed,
            Outcome::Failed,
            Some(failure_text(task)),
        ),
        _ => return,
    };
    let mut store = store;
    record(
        store.as_deref_mut(),
        entry(opportunity_id, token, action, outcome)
            .task(Some(task.id.clone()))
            .detail(detail),
    );
    forget(store, opportunity_id, token);
}

/// `ReasonCode: Message` of a failed task.
pub fn failure_text(task: &EngageTask) -> String {
    format!(
        "{}: {}",
        task.reason_code.as_deref().unwrap_or("no reason code"),
        task.message.as_deref().unwrap_or("no message")
    )
}

fn forget(store: Option<&mut Store>, opportunity_id: &str, token: &str) {
    if let Some(store) = store {
        if let Err(e) = store.forget_engage(opportunity_id, token) {
            eprintln!("pc-inbox: warning: {e}");
        }
    }
}

/// Starts (or resumes) the engage, and with `--wait` follows it to the end.
pub async fn run(
    service: &dyn PartnerCentral,
    args: &EngageArgs,
    mut store: Option<&mut Store>,
    schedule: PollSchedule,
    out: &mut dyn Write,
) -> CommandResult {
    let id = &args.opportunity_id;
    let Engaging {
        client_token: token,
        mut task,
    } = start(service, id, args.involvement, store.as_deref_mut()).await?;
    let begun = Instant::now();
    let mut polls = 0;
    let mut waited = Ok(());
    while args.wait && task.status == TaskStatus::InProgress {
        if begun.elapsed() >= Duration::from_secs(args.timeout) {
            waited = Err(Failure::Usage(format!(
                "still IN_PROGRESS after {} s; run the same command again to keep waiting (it resumes the same task)",
                args.timeout
            )));
            break;
        }
        tokio::time::sleep(schedule.delay(polls)).await;
        polls += 1;
        task = service.get_engage_task(&task.id).await?;
        settle(store.as_deref_mut(), id, &token, &task);
    }
    match args.output {
        ShowFormat::Json => {
            write_json(out, &ListEngagementFromOpportunityTaskSummary::from(&task))?
        }
        ShowFormat::Text => {
            let detail = match task.status {
                TaskStatus::Complete => format!(
                    "engagement {}",
                    task.engagement_id.as_deref().unwrap_or("?")
                ),
                TaskStatus::Failed => failure_text(&task),
                _ => "still running".into(),
            };
            writeln!(out, "{} {} — {detail}", task.id, task.status.as_wire())?;
        }
    }
    waited?;
    if task.status == TaskStatus::Failed {
        return Err(Failure::TaskFailed(format!(
            "engaging from {id} failed: {}",
            failure_text(&task)
        )));
    }
    Ok(())
}
