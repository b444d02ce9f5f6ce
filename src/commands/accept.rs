//! `pc-inbox accept ID... [--wait]`: starts each accept task under the write quota through
//! the command line's task machine ([`super::task`]): the client token the local store holds
//! for the invitation (the inbox's, or an earlier run's) is used, so it never starts twice, and
//! an invitation already accepted counts as done. With `--wait` it polls them all to COMPLETE
//! or FAILED. Every step is journaled.

use std::io::Write;
use std::time::Duration;

use serde_json::json;

use super::bulk::{read_ids, Progress, Tally};
use super::reject::write_objects;
use super::show::ShowFormat;
use super::task::{self, Begun};
use super::{CommandResult, Failure};
use crate::domain::{PollSchedule, TaskStart, TaskStatus};
use crate::service::PartnerCentral;
use crate::store::Store;
use crate::wire::TaskSummary;

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

/// Starts (or resumes) the accept of one invitation and journals it; `why` goes into the
/// journal's detail (e.g. the triage rule that asked for it).
pub async fn start_one(
    service: &dyn PartnerCentral,
    id: &str,
    why: Option<&str>,
    store: Option<&mut Store>,
) -> Result<Begun, Failure> {
    task::begin(service, &accept(id), why, store).await
}

fn accept(id: &str) -> TaskStart {
    TaskStart::Accept {
        invitation_id: id.to_string(),
    }
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
            Ok(begun) => running.push((accept(id), begun)),
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
                serde_json::to_value(TaskSummary::from(task)).expect("wire shapes serialize"),
            ),
            ShowFormat::Text => writeln!(out, "{}", task::report(begun))?,
        }
        if task.status == TaskStatus::Failed {
            let id = work.subject();
            let why = format!("accepting {id} failed: {}", task.failure());
            tally.fail(id, Failure::TaskFailed(why));
        }
    }
    if args.output == ShowFormat::Json {
        write_objects(out, objects)?;
    }
    waited?;
    tally.finish()
}
