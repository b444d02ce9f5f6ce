//! `pc-inbox accept ID... [--wait]`: starts each accept task under the write quota through
//! the command line's task machine ([`super::task`]): the client token the local store holds
//! for the invitation (the inbox's, or an earlier run's) is used, so it never starts twice, and
//! an invitation already accepted counts as done. With `--wait` it polls them all to COMPLETE
//! or FAILED. Every step is journaled.

use std::io::Write;
use std::time::Duration;

use chrono::Utc;
use serde_json::json;

use super::bulk::{read_ids, Progress, Tally};
use super::reject::write_objects;
use super::show::ShowFormat;
use super::task::{self, failure_text, Begun, Work};
use super::{CommandResult, Failure};
use crate::domain::journal::{Action, Entry, Outcome};
use crate::domain::PollSchedule;
use crate::domain::{AcceptTask, TaskKind, TaskStatus};
use crate::service::{PartnerCentral, ServiceResult};
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

/// Accepting one invitation, as the task machine runs it.
pub struct AcceptWork {
    pub invitation_id: String,
}

impl Work for AcceptWork {
    type Task = AcceptTask;
    const ACTIONS: [Action; 4] = [
        Action::AcceptStarted,
        Action::AcceptResumed,
        Action::AcceptCompleted,
        Action::AcceptFailed,
    ];

    const KIND: TaskKind = TaskKind::Accept;

    fn subject(&self) -> &str {
        &self.invitation_id
    }

    fn entry(&self, action: Action, outcome: Outcome) -> Entry {
        Entry::new(action, outcome, Utc::now()).invitation(&self.invitation_id)
    }

    async fn start(&self, service: &dyn PartnerCentral, token: &str) -> ServiceResult<AcceptTask> {
        service.start_accept(&self.invitation_id, token).await
    }

    async fn poll(&self, service: &dyn PartnerCentral, task_id: &str) -> ServiceResult<AcceptTask> {
        service.get_accept_task(task_id).await
    }

    async fn existing(&self, service: &dyn PartnerCentral) -> ServiceResult<Option<AcceptTask>> {
        let tasks = service.list_accept_tasks(&self.invitation_id).await?;
        Ok(tasks
            .into_iter()
            .find(|t| matches!(t.status, TaskStatus::Complete | TaskStatus::InProgress)))
    }

    fn status(task: &AcceptTask) -> &TaskStatus {
        &task.status
    }

    fn id(task: &AcceptTask) -> &str {
        &task.id
    }

    fn completed(task: &AcceptTask, entry: Entry) -> Entry {
        match &task.opportunity_id {
            Some(opportunity) => entry.opportunity(opportunity),
            None => entry,
        }
    }

    fn failure(task: &AcceptTask) -> String {
        failure_text(task.reason_code.as_deref(), task.message.as_deref())
    }
}

fn report_text(out: &mut dyn Write, begun: &Begun<AcceptTask>) -> std::io::Result<()> {
    let task = &begun.task;
    let detail = match task.status {
        TaskStatus::Complete => {
            let opportunity = task.opportunity_id.as_deref().unwrap_or("?");
            if begun.already {
                format!("already accepted — opportunity {opportunity}")
            } else {
                format!("opportunity {opportunity}")
            }
        }
        TaskStatus::Failed => AcceptWork::failure(task),
        _ => "still running".into(),
    };
    writeln!(out, "{} {} — {detail}", task.id, task.status.as_wire())
}

/// Starts (or resumes) the accept of one invitation and journals it; `why` goes into the
/// journal's detail (e.g. the triage rule that asked for it).
pub async fn start_one(
    service: &dyn PartnerCentral,
    id: &str,
    why: Option<&str>,
    store: Option<&mut Store>,
) -> Result<Begun<AcceptTask>, Failure> {
    let work = AcceptWork {
        invitation_id: id.to_string(),
    };
    task::begin(service, &work, why, store).await
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
            Ok(begun) => running.push((
                AcceptWork {
                    invitation_id: id.clone(),
                },
                begun,
            )),
            Err(failure) => {
                refused.push(json!({"EngagementInvitationId": id, "Error": failure.to_string()}));
                tally.fail(id, failure);
            }
        }
    }
    progress.done();
    let waited = if args.wait {
        let timeout = Duration::from_secs(args.timeout);
        task::wait_all(service, &mut running, store, schedule, timeout).await
    } else {
        Ok(())
    };
    let mut objects = refused;
    for (work, begun) in &running {
        let task = &begun.task;
        match args.output {
            ShowFormat::Json => objects.push(
                serde_json::to_value(ListEngagementByAcceptingInvitationTaskSummary::from(task))
                    .expect("wire shapes serialize"),
            ),
            ShowFormat::Text => report_text(out, begun)?,
        }
        if task.status == TaskStatus::Failed {
            tally.fail(
                &work.invitation_id,
                Failure::TaskFailed(format!(
                    "accepting {} failed: {}",
                    work.invitation_id,
                    AcceptWork::failure(task)
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
