//! The reducer's part for acting on invitations: opening the accept confirmation and the
//! reject dialog, starting the accept (the task machine in [`super::tasks`] follows it), and
//! what the service answers a reject. Results arrive in the background, so they only ever
//! become notices.

use super::modes::{ConfirmAccept, Modal, RejectDialog};
use super::sync::cache;
use super::{bulk, tasks, Effect, Level, State};
use crate::domain::journal::{Action as Done, Entry, Outcome};
use crate::domain::{InvitationStatus, TaskKind, TaskStart};
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
    let retry = state.tasks.get(TaskKind::Accept, &id).is_some();
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
        .tasks
        .get(TaskKind::Accept, &row.id)
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
    let start = TaskStart::Accept {
        invitation_id: id.clone(),
    };
    let mut effects = vec![tasks::update::begin(state, start, Some(confirm.title))];
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
