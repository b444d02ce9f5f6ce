//! The reducer's part for acting on invitations: opening the accept confirmation and the
//! reject dialog, accept tasks and their polling, resuming them after a restart, and what the
//! service answers. Results arrive in the background, so they only ever become notices.

use super::accept::AcceptPhase;
use super::modes::{ConfirmAccept, Modal, RejectDialog};
use super::polling::{self, Poll};
use super::{bulk, cache, Effect, Level, State};
use crate::domain::journal::{Action as Done, Entry, Outcome};
use crate::domain::{InvitationStatus, Task, TaskStatus};
use crate::keymap::Action;
use crate::service::ServiceError;

fn title_of(state: &State, id: &str) -> String {
    state
        .details
        .ready(id)
        .and_then(|d| d.summary.engagement_title.clone())
        .or_else(|| {
            state
                .selected()
                .filter(|s| s.id == id)
                .and_then(|s| s.engagement_title.clone())
        })
        .unwrap_or_else(|| id.to_string())
}

/// Effects to run at start-up: poll the tasks an earlier run left running, and ask the
/// service for any other task in progress.
pub(super) fn resume(state: &mut State) -> Vec<Effect> {
    let mut effects: Vec<Effect> = state
        .accepts
        .running()
        .map(|(invitation_id, task_id)| Effect::PollTask {
            invitation_id: invitation_id.clone(),
            task_id: task_id.clone(),
            after: std::time::Duration::ZERO,
        })
        .collect();
    effects.push(Effect::FindActiveTasks);
    effects
}

/// A journal entry about invitation `id`, now.
fn journal(state: &State, action: Done, outcome: Outcome, id: &str) -> Entry {
    Entry::new(action, outcome, state.clock.now).invitation(id)
}

/// `a`: asks for confirmation (for the marked invitations, if any), or says why the
/// selection cannot be accepted.
pub(super) fn ask_accept(state: &mut State) -> Vec<Effect> {
    if cache::refuse_offline(state, "accept") {
        return Vec::new();
    }
    if state.list.mark_count() > 0 {
        return bulk::ask(state, true);
    }
    let Some(row) = state.actionable().or_else(|| state.resumable()) else {
        explain_not_actionable(state, "accepted");
        return Vec::new();
    };
    let id = row.id.clone();
    let retry = state.accepts.get(&id).is_some();
    state.modals.push(Modal::Confirm(ConfirmAccept {
        title: title_of(state, &id),
        customer: customer_of(state, &id),
        invitation_id: id,
        retry,
        accept_focused: true,
        note: None,
    }));
    Vec::new()
}

/// `x`: opens the reject dialog (for the marked invitations, if any), or says why the
/// selection cannot be rejected.
pub(super) fn ask_reject(state: &mut State) -> Vec<Effect> {
    if cache::refuse_offline(state, "reject") || bulk::refuse_while_running(state) {
        return Vec::new();
    }
    if state.list.mark_count() > 0 {
        return bulk::ask(state, false);
    }
    let Some(row) = state.actionable() else {
        explain_not_actionable(state, "rejected");
        return Vec::new();
    };
    let id = row.id.clone();
    let mut dialog = RejectDialog::new(id.clone(), title_of(state, &id), customer_of(state, &id));
    if let Some(reason) = bulk::failed_reason(state, &id) {
        dialog.keep(reason);
    }
    state.modals.push(Modal::Reject(dialog));
    Vec::new()
}

fn customer_of(state: &State, id: &str) -> Option<String> {
    state
        .details
        .ready(id)
        .and_then(|d| d.customer_name())
        .map(str::to_string)
}

fn explain_not_actionable(state: &mut State, verb: &str) {
    let Some(row) = state.selected() else { return };
    let text = if state
        .accepts
        .get(&row.id)
        .is_some_and(|a| a.phase.is_active())
    {
        "This invitation is already being accepted".to_string()
    } else if state.side() != crate::domain::Participant::Received {
        format!("Sent invitations cannot be {verb} by you")
    } else {
        format!(
            "Only PENDING invitations can be {verb}; this one is {}",
            row.status.as_ref().map_or("?", |s| s.as_wire())
        )
    };
    state.notify(Level::Info, text);
}

/// The user confirmed: start accepting with the invitation's client token, saved first; the
/// selection moves on to the next invitation to act on.
pub(super) fn start_accept(state: &mut State, confirm: ConfirmAccept) -> Vec<Effect> {
    let id = confirm.invitation_id;
    let token = state
        .accepts
        .begin(&id, Some(confirm.title.clone()), state.clock.now);
    let mut effects = vec![
        Effect::SaveAccepts(state.accepts.saved()),
        Effect::StartAccept {
            invitation_id: id.clone(),
            client_token: token,
            title: Some(confirm.title),
            started: state.clock.now,
        },
    ];
    effects.extend(advance_from(state, &id));
    effects
}

/// Auto-advance, when the selection is still on the invitation just acted on.
fn advance_from(state: &mut State, id: &str) -> Vec<Effect> {
    if state.selected().is_some_and(|s| s.id == id) {
        bulk::next_actionable(state, id)
    } else {
        Vec::new()
    }
}

pub(super) fn on_accept_started(
    state: &mut State,
    id: String,
    result: Result<Task, ServiceError>,
) -> Vec<Effect> {
    let outcome = result.as_ref().map(|_| ()).map_err(|e| e.to_string());
    let mut effects = accept_started(state, id.clone(), result);
    effects.extend(bulk::on_accept_started(state, &id, &outcome));
    effects
}

fn accept_started(
    state: &mut State,
    id: String,
    result: Result<Task, ServiceError>,
) -> Vec<Effect> {
    let key = state.list_key(Action::Accept);
    let Some(accept) = state.accepts.get_mut(&id) else {
        return Vec::new();
    };
    if accept.phase != AcceptPhase::Starting {
        return Vec::new();
    }
    let token = accept.client_token.clone();
    // A refusal (not found, conflict, access denied…) started nothing: its token is dropped, so
    // no record outlives it. Only a start that may have reached the service keeps its token.
    match result {
        Ok(task) => {
            let action = if accept.resumed {
                Done::AcceptResumed
            } else {
                Done::AcceptStarted
            };
            let entry = journal(state, action, Outcome::Succeeded, &id)
                .token(token)
                .task(Some(task.id.clone()));
            let mut effects = vec![Effect::Journal(Box::new(entry))];
            effects.extend(apply_task(state, &id, task, 0));
            effects
        }
        Err(e) => {
            let title = accept.title.clone().unwrap_or_else(|| id.clone());
            let text = if matches!(e, ServiceError::NotSent { .. }) {
                accept.phase = AcceptPhase::Failed {
                    reason_code: None,
                    message: Some(e.to_string()),
                };
                format!("Did not accept “{title}”: {e}")
            } else if e.is_transient() {
                accept.phase = AcceptPhase::Interrupted {
                    error: e.to_string(),
                };
                format!("Could not start accepting “{title}”: {e} Press {key} to try again; it cannot start twice.")
            } else {
                accept.phase = AcceptPhase::Failed {
                    reason_code: None,
                    message: Some(e.to_string()),
                };
                format!("The service refused to accept “{title}”: {e}")
            };
            state.notify(Level::Error, text);
            let entry = journal(state, Done::AcceptStarted, Outcome::Failed, &id)
                .token(token)
                .detail(Some(e.to_string()));
            vec![
                Effect::SaveAccepts(state.accepts.saved()),
                Effect::Journal(Box::new(entry)),
            ]
        }
    }
}

pub(super) fn on_task_polled(
    state: &mut State,
    id: String,
    task_id: String,
    result: Result<Task, ServiceError>,
) -> Vec<Effect> {
    let schedule = state.settings.poll;
    let Some(accept) = state.accepts.get_mut(&id) else {
        return Vec::new();
    };
    let AcceptPhase::Running {
        task_id: current,
        polls,
        last_error,
    } = &mut accept.phase
    else {
        return Vec::new();
    };
    if *current != task_id {
        return Vec::new();
    }
    match polling::read((polls, last_error), result, |t| &t.status, schedule) {
        Poll::Again { after, failure } => {
            if let Some(e) = failure {
                let title = accept.title.clone().unwrap_or_else(|| id.clone());
                state.notify(
                    Level::Info,
                    format!("Checking on accepting “{title}” failed ({e}); retrying"),
                );
            }
            vec![Effect::PollTask {
                invitation_id: id,
                task_id,
                after,
            }]
        }
        Poll::Ended(task) => {
            let polls = *polls;
            apply_task(state, &id, task, polls)
        }
        Poll::Lost(e) => {
            accept.phase = AcceptPhase::Interrupted {
                error: e.to_string(),
            };
            let key = state.list_key(Action::Accept);
            state.notify(
                Level::Error,
                format!("Lost track of the accept task {task_id}: {e} Press {key} to check again."),
            );
            vec![Effect::SaveAccepts(state.accepts.saved())]
        }
    }
}

/// Records what a task says and schedules the next poll while it runs.
fn apply_task(state: &mut State, id: &str, task: Task, polls: u32) -> Vec<Effect> {
    let Some(accept) = state.accepts.get_mut(id) else {
        return Vec::new();
    };
    let title = accept.title.clone().unwrap_or_else(|| id.to_string());
    let token = accept.client_token.clone();
    let task_id = Some(task.id.clone());
    match task.status {
        TaskStatus::Complete => {
            accept.phase = AcceptPhase::Complete {
                opportunity_id: task.opportunity_id.clone(),
            };
            state
                .list
                .update_row(id, |row| row.status = Some(InvitationStatus::Accepted));
            state
                .details
                .update(id, |d| d.summary.status = Some(InvitationStatus::Accepted));
            let opportunity_id = task.opportunity_id.clone();
            let opportunity = task
                .opportunity_id
                .map(|o| format!(" — opportunity {o}"))
                .unwrap_or_default();
            state.notify(Level::Success, format!("Accepted “{title}”{opportunity}"));
            let mut entry = journal(state, Done::AcceptCompleted, Outcome::Succeeded, id)
                .token(token)
                .task(task_id);
            if let Some(opportunity) = opportunity_id {
                entry = entry.opportunity(opportunity);
            }
            let mut effects = vec![
                Effect::SaveAccepts(state.accepts.saved()),
                Effect::Journal(Box::new(entry)),
            ];
            effects.extend(super::opportunities::want(state, id));
            effects
        }
        TaskStatus::Failed => {
            let reason = [task.reason_code.clone(), task.message.clone()]
                .into_iter()
                .flatten()
                .map(|s| s.trim_end_matches('.').to_string())
                .collect::<Vec<_>>()
                .join(": ");
            accept.phase = AcceptPhase::Failed {
                reason_code: task.reason_code,
                message: task.message,
            };
            let key = state.list_key(Action::Accept);
            state.notify(
                Level::Error,
                format!("Accepting “{title}” failed — {reason}. Press {key} to try again."),
            );
            let entry = journal(state, Done::AcceptFailed, Outcome::Failed, id)
                .token(token)
                .task(task_id)
                .detail(Some(reason));
            vec![
                Effect::SaveAccepts(state.accepts.saved()),
                Effect::Journal(Box::new(entry)),
            ]
        }
        TaskStatus::InProgress | TaskStatus::Unknown(_) => {
            let first = !matches!(accept.phase, AcceptPhase::Running { .. });
            accept.phase = AcceptPhase::Running {
                task_id: task.id.clone(),
                polls,
                last_error: None,
            };
            let mut effects = vec![Effect::PollTask {
                invitation_id: id.to_string(),
                task_id: task.id,
                after: state.settings.poll.delay(polls),
            }];
            if first {
                effects.push(Effect::SaveAccepts(state.accepts.saved()));
            }
            effects
        }
    }
}

/// Tasks the service has in progress: track and poll those this run does not know yet.
pub(super) fn on_active_tasks(
    state: &mut State,
    result: Result<Vec<Task>, ServiceError>,
) -> Vec<Effect> {
    let Ok(tasks) = result else { return Vec::new() };
    let mut effects = Vec::new();
    for task in tasks
        .into_iter()
        .filter(|t| t.status == TaskStatus::InProgress)
    {
        let Some(invitation_id) = task.invitation_id.clone() else {
            continue;
        };
        let started = task.start_time.unwrap_or(state.clock.now);
        if state
            .accepts
            .adopt(&invitation_id, task.id.clone(), started)
        {
            effects.push(Effect::PollTask {
                invitation_id,
                task_id: task.id,
                after: state.settings.poll.first,
            });
        }
    }
    effects
}

/// The answer to a reject the write queue sent.
pub(super) fn on_rejected(
    state: &mut State,
    id: String,
    reason: String,
    result: Result<(), ServiceError>,
) -> Vec<Effect> {
    if let Err(ServiceError::Throttled { .. }) = &result {
        if let Some(effects) = bulk::retry_throttled(state, &id) {
            return effects;
        }
    }
    let (outcome, detail) = match &result {
        Ok(()) => (Outcome::Succeeded, reason.clone()),
        Err(e) => (Outcome::Failed, format!("{reason}: {e}")),
    };
    let entry = journal(state, Done::Reject, outcome, &id).detail(Some(detail));
    if result.is_ok() {
        mark_rejected(state, &id, reason);
    }
    let mut effects = vec![Effect::Journal(Box::new(entry))];
    effects.extend(bulk::on_rejected(state, &id, &result));
    effects
}

/// Shows a rejection in the list and the detail.
fn mark_rejected(state: &mut State, id: &str, reason: String) {
    state
        .list
        .update_row(id, |row| row.status = Some(InvitationStatus::Rejected));
    state.details.update(id, |d| {
        d.summary.status = Some(InvitationStatus::Rejected);
        d.rejection_reason = Some(reason);
    });
}
