//! What a finished queue says: one notice, and the rows that failed marked again.

use super::{save, BulkItem, BulkKind, BulkQueue, ItemState};
use crate::app::{Effect, Level, State};
use crate::keymap::Action;

/// The queue has run out: a notice says how it went, and failed rows are marked again so one
/// key retries them.
pub(super) fn finish(state: &mut State) -> Vec<Effect> {
    let Some(queue) = state.bulk.as_ref() else {
        return Vec::new();
    };
    if let [item] = queue.items.as_slice() {
        let (level, text) = one_finished(state, queue, item);
        state.notify(level, text);
        return vec![save(state)];
    }
    let done = queue.count(|s| *s == ItemState::Done);
    let failed: Vec<String> = queue
        .items
        .iter()
        .filter(|i| matches!(i.state, ItemState::Failed(_)))
        .map(|i| i.id.clone())
        .collect();
    let skipped = queue.count(|s| matches!(s, ItemState::Skipped(_)));
    let cancelled = queue.count(|s| *s == ItemState::Cancelled);
    if done + failed.len() + skipped == 0 {
        let text = format!("Nothing was sent: {} dropped", queue.describe(cancelled));
        state.notify(Level::Info, text);
        return vec![save(state)];
    }
    let past = match queue.kind {
        BulkKind::Accept => "Started accepting",
        BulkKind::Reject { .. } => "Rejected",
    };
    let mut text = format!("{past} {done} of {}", queue.items.len());
    if skipped > 0 {
        text.push_str(&format!("; {skipped} skipped (no longer pending)"));
    }
    if cancelled > 0 {
        text.push_str(&format!("; {cancelled} cancelled"));
    }
    let level = if failed.is_empty() {
        Level::Success
    } else {
        let key = retry_key(state, queue);
        text.push_str(&format!(
            "; {} failed and are marked again: {key} retries them",
            failed.len()
        ));
        for id in &failed {
            if state.list.select(id, state.geometry.list_rows) {
                state.list.toggle_mark();
            }
        }
        if let Some(first) = failed.first() {
            state.list.select(first, state.geometry.list_rows);
        }
        Level::Error
    };
    state.notify(level, text);
    vec![save(state)]
}

pub(super) fn retry_key(state: &State, queue: &BulkQueue) -> String {
    match queue.kind {
        BulkKind::Accept => state.list_key(Action::Accept),
        BulkKind::Reject { .. } => state.list_key(Action::Reject),
    }
}

/// How a queue of one went, in a notice.
pub(super) fn one_finished(state: &State, queue: &BulkQueue, item: &BulkItem) -> (Level, String) {
    let title = &item.title;
    let (verb, past) = match queue.kind {
        BulkKind::Accept => ("Accepting", "Started accepting"),
        BulkKind::Reject { .. } => ("Rejecting", "Rejected"),
    };
    match &item.state {
        ItemState::Done => (Level::Success, format!("{past} “{title}”")),
        ItemState::Skipped(why) => (
            Level::Info,
            format!("“{title}” is no longer pending; nothing was sent again ({why})"),
        ),
        ItemState::Failed(why) => (
            Level::Error,
            format!(
                "{verb} “{title}” failed: {why} Press {} to try again.",
                retry_key(state, queue)
            ),
        ),
        ItemState::Cancelled => (
            Level::Info,
            format!(
                "Nothing was sent: {} “{title}” dropped",
                verb.to_lowercase()
            ),
        ),
        ItemState::Waiting | ItemState::Sending => (Level::Info, String::new()),
    }
}
