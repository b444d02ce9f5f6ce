//! The service's answers to the queue's writes, and moving on after acting on one row.

use super::{advance, BulkKind, ItemState};
use crate::app::{inbox, Effect, State};
use crate::service::ServiceError;

/// The start of an accept this queue sent has been answered.
pub(in crate::app) fn on_accept_started(
    state: &mut State,
    id: &str,
    result: &Result<(), String>,
) -> Vec<Effect> {
    let Some(item) = state
        .bulk
        .as_mut()
        .filter(|q| q.kind == BulkKind::Accept)
        .and_then(|q| q.sending_mut(id))
    else {
        return Vec::new();
    };
    item.state = match result {
        Ok(()) => ItemState::Done,
        Err(e) => ItemState::Failed(e.clone()),
    };
    advance(state)
}

/// The reason of the last reject of `id`, if it failed: a retry starts from it.
pub(in crate::app) fn failed_reason(state: &State, id: &str) -> Option<String> {
    let queue = state.bulk.as_ref()?;
    let BulkKind::Reject { reason } = &queue.kind else {
        return None;
    };
    matches!(queue.state_of(id), Some(ItemState::Failed(_))).then(|| reason.clone())
}

/// A reject this queue sent has been answered. A conflict means the invitation is no longer
/// pending (after a restart, maybe because this very reject had arrived): it is skipped.
pub(in crate::app) fn on_rejected(
    state: &mut State,
    id: &str,
    result: &Result<(), ServiceError>,
) -> Vec<Effect> {
    let Some(item) = state.bulk.as_mut().and_then(|q| q.sending_mut(id)) else {
        return Vec::new();
    };
    item.state = match result {
        Ok(()) => ItemState::Done,
        Err(ServiceError::Conflict { message }) => ItemState::Skipped(message.clone()),
        Err(e) => ItemState::Failed(e.to_string()),
    };
    advance(state)
}

/// Auto-advance: after acting on the selected row, select the next row that can be acted on.
pub(in crate::app) fn next_actionable(state: &mut State, acted_on: &str) -> Vec<Effect> {
    if !state.settings.auto_advance {
        return Vec::new();
    }
    let next = state.list.next_matching(|id| {
        id != acted_on
            && state
                .list
                .get(id)
                .is_some_and(|row| state.why_not_actionable(row).is_none())
    });
    match next {
        Some(id) => inbox::select(state, &id),
        None => Vec::new(),
    }
}
