//! The command line's task machine, one for accepts and engages: the client token is claimed
//! in the local store before the start (an earlier run's token wins, so a rerun resumes the
//! same task and never starts a second), the start is journaled as `…Started` or `…Resumed`,
//! work the service already finished counts as done, and `--wait` polls each task to its end,
//! which is journaled once and lets the token go.

use std::time::{Duration, Instant};

use chrono::Utc;

use super::{record, Failure};
use crate::domain::journal::{Entry, Outcome, Step};
use crate::domain::{PollSchedule, SavedTask, Task, TaskFilter, TaskKind, TaskStart, TaskStatus};
use crate::service::{PartnerCentral, ServiceError};
use crate::store::Store;

/// A task started, resumed or found done, with the token it is kept under.
pub struct Begun {
    pub token: String,
    pub task: Task,
    /// The service had finished this work before this run: nothing was started.
    pub already: bool,
}

/// A journal entry about the work `start` does, now.
fn entry(start: &TaskStart, step: Step, outcome: Outcome) -> Entry {
    Entry::of_task(start.kind(), step, outcome, Utc::now(), start.subject())
}

/// A task the service already has for this work, running or complete (another run's, or
/// another client's): following it beats starting a second.
async fn existing(
    service: &dyn PartnerCentral,
    start: &TaskStart,
) -> Result<Option<Task>, Failure> {
    let of = TaskFilter::Of(start.subject().to_string());
    let tasks = service.list_tasks(start.kind(), &of).await?;
    Ok(tasks
        .into_iter()
        .find(|t| matches!(t.status, TaskStatus::Complete | TaskStatus::InProgress)))
}

/// Starts (or resumes) the work and journals it; `why` goes into the journal's detail (e.g.
/// the triage rule that asked for it). The service is asked first whether it has a task for the
/// work already, then the token is claimed: of processes racing on one piece of work, the one
/// whose token the store kept journals the start, every other a resume.
pub async fn begin(
    service: &dyn PartnerCentral,
    start: &TaskStart,
    why: Option<&str>,
    mut store: Option<&mut Store>,
) -> Result<Begun, Failure> {
    let found = match existing(service, start).await? {
        Some(task) if task.status == TaskStatus::Complete => {
            return Ok(Begun {
                token: String::new(),
                task,
                already: true,
            })
        }
        other => other,
    };
    let (kind, subject) = (start.kind(), start.subject());
    let proposed = format!("pc-inbox-{}-1", uuid::Uuid::new_v4().simple());
    let token = match store.as_deref_mut() {
        Some(store) => store
            .claim_task(kind, subject, &saved(&proposed, None))
            .map_err(|e| {
                Failure::Usage(format!(
                    "not sent: its client token could not be saved ({e})"
                ))
            })?,
        None => proposed.clone(),
    };
    let (step, task) = match found {
        Some(task) => (Step::Resumed, task),
        None => {
            let step = if token == proposed {
                Step::Started
            } else {
                Step::Resumed
            };
            match service.start_task(start, &token).await {
                Ok(task) => (step, task),
                Err(e) => return Err(refused(start, store, &token, step, e, why)),
            }
        }
    };
    record(
        store.as_deref_mut(),
        entry(start, step, Outcome::Succeeded)
            .token(&token)
            .task(Some(task.id.clone()))
            .detail(why.map(str::to_string)),
    );
    if let Some(store) = store.as_deref_mut() {
        store.save_task(kind, subject, &saved(&token, Some(&task.id)))?;
    }
    settle(store, start, &token, &task);
    Ok(Begun {
        token,
        task,
        already: false,
    })
}

/// A start the service refused: journaled, and its token let go unless a retry may need it.
fn refused(
    start: &TaskStart,
    mut store: Option<&mut Store>,
    token: &str,
    step: Step,
    e: ServiceError,
    why: Option<&str>,
) -> Failure {
    let detail = match why {
        Some(why) => format!("{e} ({why})"),
        None => e.to_string(),
    };
    record(
        store.as_deref_mut(),
        entry(start, step, Outcome::Failed)
            .token(token)
            .detail(Some(detail)),
    );
    if !e.is_transient() {
        forget(store, start, token);
    }
    e.into()
}

/// Journals the end of a task that has ended and lets its token go. Of several processes
/// following one task, the one that lets the token go journals the end: one row per change.
pub fn settle(store: Option<&mut Store>, start: &TaskStart, token: &str, task: &Task) {
    let entry = match task.status {
        TaskStatus::Complete => entry(start, Step::Completed, Outcome::Succeeded).made_by(task),
        TaskStatus::Failed => {
            entry(start, Step::Failed, Outcome::Failed).detail(Some(task.failure()))
        }
        _ => return,
    };
    let mut store = store;
    if forget(store.as_deref_mut(), start, token) {
        record(store, entry.token(token).task(Some(task.id.clone())));
    }
}

/// Polls every begun task still in progress until all have ended or `timeout` has passed.
pub async fn wait_all(
    service: &dyn PartnerCentral,
    running: &mut [(TaskStart, Begun)],
    mut store: Option<&mut Store>,
    schedule: PollSchedule,
    timeout: Duration,
) -> Result<(), Failure> {
    let begun = Instant::now();
    let mut polls = 0;
    let in_progress = |b: &Begun| b.task.status == TaskStatus::InProgress;
    while running.iter().any(|(_, b)| in_progress(b)) {
        if begun.elapsed() >= timeout {
            return Err(Failure::Usage(format!(
                "still IN_PROGRESS after {} s; run the same command again to keep waiting (it resumes the same tasks)",
                timeout.as_secs()
            )));
        }
        tokio::time::sleep(schedule.delay(polls)).await;
        polls += 1;
        for (start, begun) in running.iter_mut().filter(|(_, b)| in_progress(b)) {
            begun.task = service.get_task(start.kind(), &begun.task.id).await?;
            settle(store.as_deref_mut(), start, &begun.token, &begun.task);
        }
    }
    Ok(())
}

/// A task's line: its id, status and what it made (or that it was done before), why it failed,
/// or that it still runs.
pub fn report(begun: &Begun) -> String {
    let task = &begun.task;
    let detail = match task.status {
        TaskStatus::Complete => {
            let (done, made) = match task.kind {
                TaskKind::Accept => ("accepted", "opportunity"),
                TaskKind::Engage => ("engaged", "engagement"),
            };
            let made = match task.made() {
                Some(id) => format!("{made} {id}"),
                None => format!("no {made} made"),
            };
            if begun.already {
                format!("already {done} — {made}")
            } else {
                made
            }
        }
        TaskStatus::Failed => task.failure(),
        _ => "still running".into(),
    };
    format!("{} {} — {detail}", task.id, task.status.as_wire())
}

/// Lets the token go; false when another process had done so already.
fn forget(store: Option<&mut Store>, start: &TaskStart, token: &str) -> bool {
    let Some(store) = store else { return true };
    store
        .forget_task(start.kind(), start.subject(), token)
        .unwrap_or_else(|e| {
            eprintln!("pc-inbox: warning: {e}");
            true
        })
}

/// The store's record of a task with `token`.
fn saved(token: &str, task_id: Option<&str>) -> SavedTask {
    SavedTask {
        client_token: token.to_string(),
        task_id: task_id.map(str::to_string),
        title: None,
        started: Utc::now(),
    }
}
