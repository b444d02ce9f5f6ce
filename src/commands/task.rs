//! The command line's task machine, one for accepts and engages: the client token is claimed
//! in the local store before the start (an earlier run's token wins, so a rerun resumes the
//! same task and never starts a second), the start is journaled as `…Started` or `…Resumed`,
//! work the service already finished counts as done, and `--wait` polls each task to its end,
//! which is journaled once and lets the token go.

use std::time::{Duration, Instant};

use super::{record, Failure};
use crate::domain::journal::{Action, Entry, Outcome};
use crate::domain::{PollSchedule, SavedTask, TaskKind, TaskStatus};
use crate::service::{PartnerCentral, ServiceError, ServiceResult};
use crate::store::Store;

/// One kind of task: what it acts on, how it starts and is read, and how it is kept.
#[allow(async_fn_in_trait)]
pub trait Work {
    /// The service's task.
    type Task;
    /// Journal names: started, resumed, completed, failed.
    const ACTIONS: [Action; 4];

    /// Its kind, under which the store keeps its record.
    const KIND: TaskKind;

    /// What it acts on: the invitation or the opportunity.
    fn subject(&self) -> &str;
    /// A journal entry about this work (its invitation or opportunity).
    fn entry(&self, action: Action, outcome: Outcome) -> Entry;
    /// Starts the task; the same token always returns the same task.
    async fn start(&self, service: &dyn PartnerCentral, token: &str) -> ServiceResult<Self::Task>;
    /// Reads the task again.
    async fn poll(&self, service: &dyn PartnerCentral, task_id: &str) -> ServiceResult<Self::Task>;
    /// A task the service already has for this work, running or complete (another run's, or
    /// another client's): following it beats starting a second. Only these two statuses.
    async fn existing(&self, service: &dyn PartnerCentral) -> ServiceResult<Option<Self::Task>>;

    fn status(task: &Self::Task) -> &TaskStatus;
    fn id(task: &Self::Task) -> &str;
    /// What a COMPLETE task made, for the journal: the entry with its opportunity or
    /// engagement.
    fn completed(task: &Self::Task, entry: Entry) -> Entry;
    /// `ReasonCode: Message` of a FAILED task.
    fn failure(task: &Self::Task) -> String;
}

/// A task started, resumed or found done, with the token it is kept under.
pub struct Begun<T> {
    pub token: String,
    pub task: T,
    /// The service had finished this work before this run: nothing was started.
    pub already: bool,
}

/// `ReasonCode: Message`, from a task's optional parts.
pub fn failure_text(reason_code: Option<&str>, message: Option<&str>) -> String {
    format!(
        "{}: {}",
        reason_code.unwrap_or("no reason code"),
        message.unwrap_or("no message")
    )
}

/// Starts (or resumes) `work` and journals it; `why` goes into the journal's detail (e.g. the
/// triage rule that asked for it). The service is asked first whether it has a task for the
/// work already, then the token is claimed: of processes racing on one piece of work, the one
/// whose token the store kept journals the start, every other a resume.
pub async fn begin<W: Work>(
    service: &dyn PartnerCentral,
    work: &W,
    why: Option<&str>,
    mut store: Option<&mut Store>,
) -> Result<Begun<W::Task>, Failure> {
    let [started, resumed, ..] = W::ACTIONS;
    let found = match work.existing(service).await? {
        Some(task) if W::status(&task) == &TaskStatus::Complete => {
            return Ok(Begun {
                token: String::new(),
                task,
                already: true,
            })
        }
        other => other,
    };
    let proposed = format!("pc-inbox-{}-1", uuid::Uuid::new_v4().simple());
    let token = match store.as_deref_mut() {
        Some(store) => store
            .claim_task(W::KIND, work.subject(), &saved(&proposed, None))
            .map_err(|e| {
                Failure::Usage(format!(
                    "not sent: its client token could not be saved ({e})"
                ))
            })?,
        None => proposed.clone(),
    };
    let (action, task) = match found {
        Some(task) => (resumed, task),
        None => {
            let action = if token == proposed { started } else { resumed };
            match work.start(service, &token).await {
                Ok(task) => (action, task),
                Err(e) => return Err(refused(work, store, &token, action, e, why)),
            }
        }
    };
    record(
        store.as_deref_mut(),
        work.entry(action, Outcome::Succeeded)
            .token(&token)
            .task(Some(W::id(&task).to_string()))
            .detail(why.map(str::to_string)),
    );
    if let Some(store) = store.as_deref_mut() {
        store
            .save_task(W::KIND, work.subject(), &saved(&token, Some(W::id(&task))))
            .map_err(Failure::Usage)?;
    }
    settle(store, work, &token, &task);
    Ok(Begun {
        token,
        task,
        already: false,
    })
}

/// A start the service refused: journaled, and its token let go unless a retry may need it.
fn refused<W: Work>(
    work: &W,
    mut store: Option<&mut Store>,
    token: &str,
    action: Action,
    e: ServiceError,
    why: Option<&str>,
) -> Failure {
    let detail = match why {
        Some(why) => format!("{e} ({why})"),
        None => e.to_string(),
    };
    record(
        store.as_deref_mut(),
        work.entry(action, Outcome::Failed)
            .token(token)
            .detail(Some(detail)),
    );
    if !e.is_transient() {
        forget(store, work, token);
    }
    e.into()
}

/// Journals the end of a task that has ended and lets its token go. Of several processes
/// following one task, the one that lets the token go journals the end: one row per change.
pub fn settle<W: Work>(store: Option<&mut Store>, work: &W, token: &str, task: &W::Task) {
    let [_, _, completed, failed] = W::ACTIONS;
    let entry = match W::status(task) {
        TaskStatus::Complete => W::completed(task, work.entry(completed, Outcome::Succeeded)),
        TaskStatus::Failed => work
            .entry(failed, Outcome::Failed)
            .detail(Some(W::failure(task))),
        _ => return,
    };
    let mut store = store;
    if forget(store.as_deref_mut(), work, token) {
        record(
            store,
            entry.token(token).task(Some(W::id(task).to_string())),
        );
    }
}

/// Polls every begun task still in progress until all have ended or `timeout` has passed.
pub async fn wait_all<W: Work>(
    service: &dyn PartnerCentral,
    running: &mut [(W, Begun<W::Task>)],
    mut store: Option<&mut Store>,
    schedule: PollSchedule,
    timeout: Duration,
) -> Result<(), Failure> {
    let begun = Instant::now();
    let mut polls = 0;
    let in_progress = |b: &Begun<W::Task>| W::status(&b.task) == &TaskStatus::InProgress;
    while running.iter().any(|(_, b)| in_progress(b)) {
        if begun.elapsed() >= timeout {
            return Err(Failure::Usage(format!(
                "still IN_PROGRESS after {} s; run the same command again to keep waiting (it resumes the same tasks)",
                timeout.as_secs()
            )));
        }
        tokio::time::sleep(schedule.delay(polls)).await;
        polls += 1;
        for (work, begun) in running.iter_mut().filter(|(_, b)| in_progress(b)) {
            begun.task = work.poll(service, W::id(&begun.task)).await?;
            settle(store.as_deref_mut(), work, &begun.token, &begun.task);
        }
    }
    Ok(())
}

/// Lets the token go; false when another process had done so already.
fn forget<W: Work>(store: Option<&mut Store>, work: &W, token: &str) -> bool {
    let Some(store) = store else { return true };
    store
        .forget_task(W::KIND, work.subject(), token)
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
        started: chrono::Utc::now(),
    }
}
