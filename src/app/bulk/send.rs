//! Sending the queue: asking, starting (rejects held for the undo window), one write at a time
//! once the frame showed it, a throttled write again after a pause, undo, Esc, and the start's
//! and the quit's answers about writes not sent.

use super::{finish, BulkKind, BulkQueue, ItemState};
use crate::app::modes::{BulkConfirm, Modal, Target, UnsentPrompt};
use crate::app::tasks::{self, Phase};
use crate::app::{Effect, Level, State};
use crate::domain::{TaskKind, TaskStart};
use crate::keymap::Action;

/// True (and said) while a queue has writes to send: another action waits for it.
pub(in crate::app) fn refuse_while_running(state: &mut State) -> bool {
    if state.bulk.as_ref().is_none_or(|q| q.finished()) {
        return false;
    }
    let back = state.list_key(Action::Back);
    state.notify(
        Level::Info,
        format!("Writes are queued; wait for them, or press {back} to stop them"),
    );
    true
}

/// `a` or `x` with marks: the confirmation, naming the count, the rows and what is skipped.
pub(in crate::app) fn ask(state: &mut State, accept: bool) -> Vec<Effect> {
    if refuse_while_running(state) {
        return Vec::new();
    }
    let mut targets = Vec::new();
    let mut skipped = Vec::new();
    for row in state.list.marked() {
        let target = Target {
            id: row.id.clone(),
            title: row
                .engagement_title
                .clone()
                .unwrap_or_else(|| row.id.clone()),
        };
        match state.why_not_actionable(row) {
            None => targets.push(target),
            Some(why) => skipped.push((target, why)),
        }
    }
    if targets.is_empty() {
        let verb = if accept { "accepted" } else { "rejected" };
        state.notify(
            Level::Info,
            format!(
                "None of the {} marked invitations can be {verb}",
                skipped.len()
            ),
        );
        return Vec::new();
    }
    state.modals.push(Modal::Bulk(BulkConfirm {
        accept,
        targets,
        skipped,
        scroll: 0,
        note: None,
    }));
    Vec::new()
}

/// Starts a confirmed action on `targets`: the marks are used up and the queue is saved.
/// Rejects are held for the undo window first; anything else goes out at once.
pub(in crate::app) fn start(
    state: &mut State,
    kind: BulkKind,
    targets: Vec<Target>,
) -> Vec<Effect> {
    state.list.clear_marks();
    let mut queue = BulkQueue::new(kind, targets);
    let hold = state.settings.reject_hold;
    if matches!(queue.kind, BulkKind::Reject { .. }) && !hold.is_zero() {
        queue.hold_until = chrono::Duration::from_std(hold)
            .ok()
            .map(|hold| state.clock.now + hold);
    }
    state.bulk = Some(queue);
    advance(state)
}

/// Time passed: a hold that ran out lets the queue go on, and a queue that waited for its
/// line to be drawn (the terminal was too small) tries again.
pub(in crate::app) fn on_tick(state: &mut State) -> Vec<Effect> {
    match state.bulk.as_ref() {
        Some(q) if !q.finished() && !q.items.iter().any(|i| i.state == ItemState::Sending) => {
            advance(state)
        }
        _ => Vec::new(),
    }
}

/// Sends the next waiting item's write, or, when none is left, says how it went. Nothing goes
/// out while the queue is held or waits for a yes, nor for an item the last frame did not
/// show (it waits for the next tick).
pub(in crate::app) fn advance(state: &mut State) -> Vec<Effect> {
    let now = state.clock.now;
    let Some(queue) = state.bulk.as_mut() else {
        return Vec::new();
    };
    if queue.items.iter().any(|i| i.state == ItemState::Sending) {
        return vec![save(state)];
    }
    let Some(at) = queue
        .items
        .iter()
        .position(|i| i.state == ItemState::Waiting)
    else {
        return finish(state);
    };
    let paused = [queue.hold_until, queue.retry_at]
        .into_iter()
        .flatten()
        .any(|until| now < until);
    if paused || queue.awaiting_yes {
        return vec![save(state)];
    }
    queue.hold_until = None;
    queue.retry_at = None;
    let kind = queue.kind.clone();
    let (id, title) = (queue.items[at].id.clone(), queue.items[at].title.clone());
    let write = queue.write_for(&id);
    // Resumed after a restart, an accept whose task had started already is done.
    let started = kind == BulkKind::Accept
        && matches!(
            state.tasks.get(TaskKind::Accept, &id).map(|a| &a.phase),
            Some(Phase::Running { .. } | Phase::Complete { .. })
        );
    if !started && !state.was_shown(&write) {
        return Vec::new();
    }
    let item = &mut state.bulk.as_mut().expect("the queue is there").items[at];
    if started {
        item.state = ItemState::Done;
        return advance(state);
    }
    item.state = ItemState::Sending;
    let mut effects = vec![save(state)];
    match kind {
        BulkKind::Accept => {
            let start = TaskStart::Accept { invitation_id: id };
            effects.push(tasks::update::begin(state, start, Some(title)));
        }
        BulkKind::Reject { reason } => effects.push(Effect::Reject {
            invitation_id: id,
            reason,
        }),
    }
    effects
}

/// The queue as the local store should keep it: `None` once finished.
pub(super) fn save(state: &State) -> Effect {
    Effect::SaveBulk(
        state
            .bulk
            .as_ref()
            .filter(|q| !q.finished())
            .map(|q| Box::new(q.clone())),
    )
}

/// Esc in the list while a queue runs: what has not started is cancelled; the write that is
/// out finishes. True when there was something to stop.
pub(in crate::app) fn cancel(state: &mut State) -> Option<Vec<Effect>> {
    let queue = state.bulk.as_mut().filter(|q| !q.finished())?;
    drop_unsent(queue);
    Some(advance(state))
}

/// `z`: while the queue is held, nothing of it is sent. True when there was a hold to undo.
pub(in crate::app) fn undo(state: &mut State) -> Option<Vec<Effect>> {
    let now = state.clock.now;
    let queue = state
        .bulk
        .as_mut()
        .filter(|q| !q.finished() && q.held_for(now).is_some())?;
    drop_unsent(queue);
    Some(advance(state))
}

pub(super) fn drop_unsent(queue: &mut BulkQueue) {
    queue.hold_until = None;
    queue.awaiting_yes = false;
    for item in &mut queue.items {
        if item.state == ItemState::Waiting {
            item.state = ItemState::Cancelled;
        }
    }
}

/// At start: a queue the last run left with writes never sent asks for a fresh yes.
pub(in crate::app) fn resume(state: &mut State) -> Vec<Effect> {
    if state.bulk.as_ref().is_some_and(|q| q.awaiting_yes) {
        state.modals.push(Modal::Unsent(UnsentPrompt::default()));
    }
    advance(state)
}

/// The answer to the start's question about the last run's unsent writes: send them, or drop
/// them.
pub(in crate::app) fn answer_unsent(state: &mut State, send: bool) -> Vec<Effect> {
    let Some(queue) = state.bulk.as_mut().filter(|q| q.awaiting_yes) else {
        return Vec::new();
    };
    if send {
        queue.awaiting_yes = false;
    } else {
        drop_unsent(queue);
    }
    advance(state)
}

/// Quitting with `q` after the user agreed to drop what was not sent.
pub(in crate::app) fn drop_on_quit(state: &mut State) -> Vec<Effect> {
    match state.bulk.as_mut().filter(|q| !q.finished()) {
        Some(queue) => {
            drop_unsent(queue);
            vec![save(state)]
        }
        None => Vec::new(),
    }
}

/// Most times one item's write is throttled before it counts as failed.
const MAX_THROTTLED: u32 = 6;

/// The write of `id` this queue sent was throttled: it goes again after a pause (1 s,
/// doubling), nothing else in between. `None` when it has been throttled too often.
pub(in crate::app) fn retry_throttled(state: &mut State, id: &str) -> Option<Vec<Effect>> {
    let now = state.clock.now;
    let queue = state.bulk.as_mut()?;
    let item = queue.sending_mut(id)?;
    if item.throttled >= MAX_THROTTLED {
        return None;
    }
    item.throttled += 1;
    item.state = ItemState::Waiting;
    let pause = chrono::Duration::seconds(1 << (item.throttled - 1));
    queue.retry_at = Some(now + pause);
    Some(advance(state))
}
