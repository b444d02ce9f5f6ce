//! `pc-inbox accept ID [--wait]`: starts the accept task with the same saved client token the
//! inbox uses (so it never starts twice), and with `--wait` polls it to COMPLETE or FAILED.

use std::io::Write;
use std::time::{Duration, Instant};

use chrono::Utc;

use super::output::write_json;
use super::show::ShowFormat;
use super::{CommandResult, Failure};
use crate::app::{AcceptPhase, Accepts, PollSchedule, SavedAccepts};
use crate::domain::{AcceptTask, TaskStatus};
use crate::service::PartnerCentral;
use crate::storage::DataDir;
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

fn save(data: Option<&DataDir>, accepts: &Accepts) -> Result<(), Failure> {
    match data {
        Some(d) => d.save_accepts(&accepts.saved()).map_err(Failure::Usage),
        None => Ok(()),
    }
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

pub async fn run(
    service: &dyn PartnerCentral,
    args: &AcceptArgs,
    data: Option<&DataDir>,
    schedule: PollSchedule,
    out: &mut dyn Write,
) -> CommandResult {
    let saved: SavedAccepts = match data {
        Some(d) => d.load_accepts().map_err(Failure::Usage)?,
        None => SavedAccepts::default(),
    };
    let mut accepts = Accepts::restore(saved, uuid::Uuid::new_v4().simple().to_string());
    let token = accepts.begin(&args.id, None, Utc::now());
    save(data, &accepts)?;
    let mut task = service.start_accept(&args.id, &token).await?;
    let started = Instant::now();
    let mut polls = 0;
    loop {
        let phase = match task.status {
            TaskStatus::Complete => AcceptPhase::Complete {
                opportunity_id: task.opportunity_id.clone(),
            },
            TaskStatus::Failed => AcceptPhase::Failed {
                reason_code: task.reason_code.clone(),
                message: task.message.clone(),
            },
            _ => AcceptPhase::Running {
                task_id: task.id.clone(),
                polls,
                last_error: None,
            },
        };
        let done = !phase.is_active();
        if let Some(a) = accepts.get_mut(&args.id) {
            a.phase = phase;
        }
        save(data, &accepts)?;
        if done || !args.wait {
            break;
        }
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
    report(out, &task, args.output)?;
    if task.status == TaskStatus::Failed {
        return Err(Failure::TaskFailed(format!(
            "accepting {} failed: {}: {}",
            args.id,
            task.reason_code.as_deref().unwrap_or("no reason code"),
            task.message.as_deref().unwrap_or("no message")
        )));
    }
    Ok(())
}
