//! `pc-inbox engage OPPORTUNITY_ID [--wait]`: submits one of the partner's opportunities to
//! AWS, which makes an engagement of it (StartEngagementFromOpportunityTask), through the
//! command line's task machine ([`super::task`]). The client token is the one the local store
//! holds for the opportunity, and a task the service already has for it is followed, so a
//! rerun (after a crash, a kill, a lost answer, or once done) never starts a second. With
//! `--wait` it polls the task to COMPLETE or FAILED. Every step is journaled.

use std::io::Write;
use std::time::Duration;

use super::output::write_json;
use super::show::ShowFormat;
use super::task;
use super::{CommandResult, Failure};
use crate::domain::{Involvement, PollSchedule, TaskStart, TaskStatus};
use crate::service::PartnerCentral;
use crate::store::Store;
use crate::wire::TaskSummary;

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

/// Starts (or resumes) the engage, and with `--wait` follows it to the end.
pub async fn run(
    service: &dyn PartnerCentral,
    args: &EngageArgs,
    mut store: Option<&mut Store>,
    schedule: PollSchedule,
    out: &mut dyn Write,
) -> CommandResult {
    let id = &args.opportunity_id;
    let work = TaskStart::Engage {
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
        ShowFormat::Json => write_json(out, &TaskSummary::from(task))?,
        ShowFormat::Text => writeln!(out, "{}", task::report(&begun))?,
    }
    waited?;
    if task.status == TaskStatus::Failed {
        return Err(Failure::TaskFailed(format!(
            "engaging from {id} failed: {}",
            task.failure()
        )));
    }
    Ok(())
}
