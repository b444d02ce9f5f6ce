//! `pc-inbox engage OPPORTUNITY_ID [--wait]`: submits one of the partner's opportunities to
//! AWS, which makes an engagement of it (StartEngagementFromOpportunityTask), through the
//! command line's task machine ([`super::task`]). The client token is the one the local store
//! holds for the opportunity, and a task the service already has for it is followed, so a
//! rerun (after a crash, a kill, a lost answer, or once done) never starts a second. With
//! `--wait` it polls the task to COMPLETE or FAILED. Every step is journaled.

use std::io::Write;
use std::time::Duration;

use chrono::Utc;

use super::output::write_json;
use super::show::ShowFormat;
use super::task::{self, failure_text, Work};
use super::{CommandResult, Failure};
use crate::domain::journal::{Action, Entry, Outcome};
use crate::domain::{EngageTask, Involvement, PollSchedule, TaskKind, TaskStatus};
use crate::service::{PartnerCentral, ServiceResult};
use crate::store::Store;
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

/// Engaging from one opportunity, as the task machine runs it.
pub struct EngageWork {
    pub opportunity_id: String,
    pub involvement: Involvement,
}

impl Work for EngageWork {
    type Task = EngageTask;
    const ACTIONS: [Action; 4] = [
        Action::EngageStarted,
        Action::EngageResumed,
        Action::EngageCompleted,
        Action::EngageFailed,
    ];

    const KIND: TaskKind = TaskKind::Engage;

    fn subject(&self) -> &str {
        &self.opportunity_id
    }

    fn entry(&self, action: Action, outcome: Outcome) -> Entry {
        Entry::new(action, outcome, Utc::now()).opportunity(&self.opportunity_id)
    }

    async fn start(&self, service: &dyn PartnerCentral, token: &str) -> ServiceResult<EngageTask> {
        service
            .start_engage(&self.opportunity_id, self.involvement, token)
            .await
    }

    async fn poll(&self, service: &dyn PartnerCentral, task_id: &str) -> ServiceResult<EngageTask> {
        service.get_engage_task(task_id).await
    }

    async fn existing(&self, service: &dyn PartnerCentral) -> ServiceResult<Option<EngageTask>> {
        let tasks = service.list_engage_tasks(&self.opportunity_id).await?;
        Ok(tasks
            .into_iter()
            .find(|t| matches!(t.status, TaskStatus::Complete | TaskStatus::InProgress)))
    }

    fn status(task: &EngageTask) -> &TaskStatus {
        &task.status
    }

    fn id(task: &EngageTask) -> &str {
        &task.id
    }

    fn completed(task: &EngageTask, entry: Entry) -> Entry {
        entry.detail(
            task.engagement_id
                .as_ref()
                .map(|e| format!("engagement {e}")),
        )
    }

    fn failure(task: &EngageTask) -> String {
        failure_text(task.reason_code.as_deref(), task.message.as_deref())
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
    let work = EngageWork {
        opportunity_id: id.clone(),
        involvement: args.involvement,
    };
    let begun = task::begin(service, &work, None, store.as_deref_mut()).await?;
    let mut running = [(work, begun)];
    let waited = if args.wait {
        let timeout = Duration::from_secs(args.timeout);
        task::wait_all(service, &mut running, store, schedule, timeout).await
    } else {
        Ok(())
    };
    let [(_, begun)] = running;
    let task = &begun.task;
    match args.output {
        ShowFormat::Json => write_json(out, &ListEngagementFromOpportunityTaskSummary::from(task))?,
        ShowFormat::Text => {
            let detail = match task.status {
                TaskStatus::Complete => {
                    let engagement = task.engagement_id.as_deref().unwrap_or("?");
                    if begun.already {
                        format!("already engaged — engagement {engagement}")
                    } else {
                        format!("engagement {engagement}")
                    }
                }
                TaskStatus::Failed => EngageWork::failure(task),
                _ => "still running".into(),
            };
            writeln!(out, "{} {} — {detail}", task.id, task.status.as_wire())?;
        }
    }
    waited?;
    if task.status == TaskStatus::Failed {
        return Err(Failure::TaskFailed(format!(
            "engaging from {id} failed: {}",
            EngageWork::failure(task)
        )));
    }
    Ok(())
}
