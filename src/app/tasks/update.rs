//! The task machine's part of the reducer: start with the run's client token (the runtime
//! claims it in the store before it sends, and asks the service first for a task it has for
//! the same work), follow the answer, poll on the schedule until the task ends, and journal each
//! change once. What an ended task means for the rest of the app is in [`completed`].

use std::time::Duration;

use super::words::Words;
use super::{Phase, TaskMsg};
use crate::app::polling::{self, Poll};
use crate::app::{bulk, opportunities, Effect, Level, Modal, State};
use crate::domain::journal::{Entry, Outcome, Step};
use crate::domain::{InvitationStatus, Task, TaskKind, TaskStart, TaskStatus};
use crate::keymap::Action;
use crate::service::ServiceError;

/// Starts the task for `start`, after a yes that was on screen: with the token an unfinished
/// run kept, else a new one.
pub(in crate::app) fn begin(state: &mut State, start: TaskStart, title: Option<String>) -> Effect {
    let now = state.clock.now;
    let run = state
        .tasks
        .begin(start.kind(), start.subject(), title.clone(), now);
    Effect::StartTask {
        client_token: run.client_token.clone(),
        start,
        title,
        started: now,
    }
}

/// Effects at start-up: poll the tasks an earlier run left running, and ask the service for
/// accepts in progress this run does not know of.
pub(in crate::app) fn resume(state: &State) -> Vec<Effect> {
    let mut effects: Vec<Effect> = state
        .tasks
        .running()
        .map(|(kind, subject, task_id)| Effect::PollTask {
            kind,
            subject: subject.clone(),
            task_id: task_id.clone(),
            after: Duration::ZERO,
        })
        .collect();
    effects.push(Effect::FindRunningTasks(TaskKind::Accept));
    effects
}

fn words(state: &State, kind: TaskKind, subject: &str) -> Words {
    let name = match kind {
        TaskKind::Accept => state.tasks.get(kind, subject).and_then(|r| r.title.clone()),
        TaskKind::Engage => None,
    };
    let key = match kind {
        TaskKind::Accept => Action::Accept,
        TaskKind::Engage => Action::Engage,
    };
    Words {
        kind,
        name: name.unwrap_or_else(|| subject.to_string()),
        key: state.list_key(key),
    }
}

/// A journal entry about the task of `kind` on `subject`, now, with its token.
fn journal(state: &State, kind: TaskKind, subject: &str, step: Step, outcome: Outcome) -> Entry {
    let token = state
        .tasks
        .get(kind, subject)
        .map(|r| r.client_token.clone())
        .unwrap_or_default();
    Entry::of_task(kind, step, outcome, state.clock.now, subject).token(token)
}

/// The answer to a start, with the token the store held for the work if it was not the one
/// asked for; or the task the service already had for the work (`found`): a running one is
/// followed, a complete one is done.
pub(in crate::app) fn on_started(
    state: &mut State,
    (kind, subject): (TaskKind, String),
    claimed: Option<String>,
    result: Result<Task, ServiceError>,
    found: bool,
) -> Vec<Effect> {
    let outcome = result.as_ref().map(|_| ()).map_err(|e| e.to_string());
    let mut effects = started(state, kind, &subject, claimed, result, found);
    if kind == TaskKind::Accept {
        effects.extend(bulk::on_accept_started(state, &subject, &outcome));
    }
    effects
}

fn started(
    state: &mut State,
    kind: TaskKind,
    subject: &str,
    claimed: Option<String>,
    result: Result<Task, ServiceError>,
    found: bool,
) -> Vec<Effect> {
    let Some(run) = state.tasks.get_mut(kind, subject) else {
        return Vec::new();
    };
    if run.phase != Phase::Starting {
        return Vec::new();
    }
    if let Some(token) = claimed {
        run.client_token = token;
    }
    let resumed = run.resumed || found;
    let forget = Effect::ForgetTask {
        kind,
        subject: subject.to_string(),
        client_token: run.client_token.clone(),
    };
    match result {
        Ok(task) if found && task.status == TaskStatus::Complete => {
            run.phase = Phase::Complete {
                made: task.made().map(str::to_string),
            };
            let text = words(state, kind, subject).done_before(task.made().unwrap_or("?"));
            state.notify(Level::Info, text);
            let mut effects = vec![forget];
            effects.extend(completed(state, kind, subject, &task, false));
            effects
        }
        Ok(task) => {
            let step = if resumed {
                Step::Resumed
            } else {
                Step::Started
            };
            let record = run.saved(Some(task.id.clone()));
            let entry =
                journal(state, kind, subject, step, Outcome::Succeeded).task(Some(task.id.clone()));
            let mut effects = vec![
                Effect::Journal(Box::new(entry)),
                Effect::SaveTask {
                    kind,
                    subject: subject.to_string(),
                    record,
                },
            ];
            effects.extend(apply(state, kind, subject, task, 0));
            effects
        }
        Err(e) => {
            let not_sent = matches!(e, ServiceError::NotSent { .. });
            let retry = e.is_transient() && !not_sent;
            run.phase = Phase::Failed {
                reason: e.to_string(),
                retry,
            };
            let text = words(state, kind, subject).start_failed(&e);
            state.notify(Level::Error, text);
            let entry = journal(state, kind, subject, Step::Started, Outcome::Failed)
                .detail(Some(e.to_string()));
            // A refusal started nothing: its token is let go. A start that may have reached
            // the service keeps it, so that a retry cannot start a second task.
            let mut effects = vec![Effect::Journal(Box::new(entry))];
            if !retry && !not_sent {
                effects.push(forget);
            }
            effects
        }
    }
}

/// The answer to one poll of a running task.
pub(in crate::app) fn on_polled(
    state: &mut State,
    (kind, subject): (TaskKind, String),
    task_id: String,
    result: Result<Task, ServiceError>,
) -> Vec<Effect> {
    let schedule = state.settings.poll;
    let Some(run) = state.tasks.get_mut(kind, &subject) else {
        return Vec::new();
    };
    let Phase::Running {
        task_id: current,
        polls,
        last_error,
    } = &mut run.phase
    else {
        return Vec::new();
    };
    if *current != task_id {
        return Vec::new();
    }
    match polling::read((polls, last_error), result, |t| &t.status, schedule) {
        Poll::Again { after, failure } => {
            if let Some(e) = failure {
                let text = words(state, kind, &subject).poll_failed(&e);
                state.notify(Level::Info, text);
            }
            vec![Effect::PollTask {
                kind,
                subject,
                task_id,
                after,
            }]
        }
        Poll::Ended(task) => {
            let polls = *polls;
            apply(state, kind, &subject, task, polls)
        }
        Poll::Lost(e) => {
            run.phase = Phase::Failed {
                reason: format!("lost track of the task {task_id}: {e}"),
                retry: true,
            };
            let text = words(state, kind, &subject).lost(&task_id, &e);
            state.notify(Level::Error, text);
            Vec::new()
        }
    }
}

/// Records what a task says: polls again while it runs, journals its end and lets its token go.
fn apply(state: &mut State, kind: TaskKind, subject: &str, task: Task, polls: u32) -> Vec<Effect> {
    let after = state.settings.poll.delay(polls);
    let Some(run) = state.tasks.get_mut(kind, subject) else {
        return Vec::new();
    };
    let (step, outcome) = match task.status {
        TaskStatus::Complete => {
            run.phase = Phase::Complete {
                made: task.made().map(str::to_string),
            };
            (Step::Completed, Outcome::Succeeded)
        }
        TaskStatus::Failed => {
            run.phase = Phase::Failed {
                reason: task.failure(),
                retry: false,
            };
            (Step::Failed, Outcome::Failed)
        }
        TaskStatus::InProgress | TaskStatus::Unknown(_) => {
            run.phase = Phase::Running {
                task_id: task.id.clone(),
                polls,
                last_error: None,
            };
            return vec![Effect::PollTask {
                kind,
                subject: subject.to_string(),
                task_id: task.id,
                after,
            }];
        }
    };
    let client_token = run.client_token.clone();
    let entry = journal(state, kind, subject, step, outcome).task(Some(task.id.clone()));
    let entry = match outcome {
        Outcome::Succeeded => entry.made_by(&task),
        Outcome::Failed => entry.detail(Some(task.failure())),
    };
    let mut effects = vec![
        Effect::Journal(Box::new(entry)),
        Effect::ForgetTask {
            kind,
            subject: subject.to_string(),
            client_token,
        },
    ];
    if outcome == Outcome::Failed {
        let text = words(state, kind, subject).failed(&task.failure());
        state.notify(Level::Error, text);
    } else {
        effects.extend(completed(state, kind, subject, &task, true));
    }
    effects
}

/// What a COMPLETE task means for the rest of the app: an accepted invitation shows so (with
/// its new opportunity); an engagement is ready to invite partners into. `announce` says it.
fn completed(
    state: &mut State,
    kind: TaskKind,
    subject: &str,
    task: &Task,
    announce: bool,
) -> Vec<Effect> {
    let made = task.made().unwrap_or_default().to_string();
    match kind {
        TaskKind::Accept => {
            let accepted = Some(InvitationStatus::Accepted);
            state
                .list
                .update_row(subject, |row| row.status = accepted.clone());
            state
                .details
                .update(subject, |d| d.summary.status = accepted);
            if announce {
                let name = words(state, kind, subject).name;
                let opportunity = task
                    .made()
                    .map(|o| format!(" — opportunity {o}"))
                    .unwrap_or_default();
                state.notify(Level::Success, format!("Accepted “{name}”{opportunity}"));
            }
            opportunities::want(state, subject)
        }
        TaskKind::Engage => {
            if announce {
                let open = state.modals.iter().any(|m| matches!(m, Modal::Engage(_)));
                let text = if open {
                    format!("Engagement {made} is ready")
                } else {
                    let key = state.list_key(Action::Engage);
                    format!("Engagement {made} is ready ({key}: invite a partner into it)")
                };
                state.notify(Level::Success, text);
            }
            Vec::new()
        }
    }
}

/// Tasks the service has in progress: track and poll those this run does not follow yet.
pub(in crate::app) fn on_running(
    state: &mut State,
    kind: TaskKind,
    result: Result<Vec<Task>, ServiceError>,
) -> Vec<Effect> {
    let Ok(tasks) = result else { return Vec::new() };
    let mut effects = Vec::new();
    for task in tasks
        .into_iter()
        .filter(|t| t.status == TaskStatus::InProgress)
    {
        let Some(subject) = task.subject().map(str::to_string) else {
            continue;
        };
        let started = task.start_time.unwrap_or(state.clock.now);
        if state.tasks.adopt(kind, &subject, task.id.clone(), started) {
            effects.push(Effect::PollTask {
                kind,
                subject,
                task_id: task.id,
                after: state.settings.poll.first,
            });
        }
    }
    effects
}

/// Hands a task reply to its handler.
pub(crate) fn update(state: &mut State, msg: TaskMsg) -> Vec<Effect> {
    match msg {
        TaskMsg::Started {
            work,
            claimed,
            result,
            found,
        } => on_started(state, work, claimed, result, found),
        TaskMsg::Polled {
            work,
            task_id,
            result,
        } => on_polled(state, work, task_id, result),
        TaskMsg::Running { kind, result } => on_running(state, kind, result),
    }
}
