//! The write queue: bulk actions on the marked invitations and every reject. One confirmation,
//! then a queue that sends one write at a time (the service's write quota paces them) and
//! shows each row's progress. Rejects are held first for `[actions] reject_hold_seconds`, a
//! countdown in the status line that `z` undoes. The queue survives a quit or crash (the local
//! store keeps it, and accepts keep their client tokens), but what was never sent waits for a
//! fresh yes at the next start; Esc stops it, keeping what is done.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::consent::Write;
use super::modes::{BulkConfirm, Modal, Target, UnsentPrompt};
use super::{inbox, AcceptPhase, Effect, Level, State};
use crate::keymap::Action;
use crate::service::ServiceError;

/// What a bulk action does to each invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BulkKind {
    Accept,
    Reject { reason: String },
}

/// Where one invitation of a bulk action is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemState {
    Waiting,
    /// Its write is out.
    Sending,
    Done,
    /// The service says it can no longer be acted on (e.g. someone else rejected it).
    Skipped(String),
    Failed(String),
    /// Esc stopped the queue before its turn.
    Cancelled,
}

/// One invitation of a bulk action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkItem {
    pub id: String,
    pub title: String,
    pub state: ItemState,
    /// Times the service throttled this item's write; it goes again after a pause.
    #[serde(default)]
    pub throttled: u32,
}

/// A bulk action in progress, or just finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkQueue {
    pub kind: BulkKind,
    pub items: Vec<BulkItem>,
    /// Nothing is sent before this time: the undo window.
    #[serde(default)]
    pub hold_until: Option<DateTime<Utc>>,
    /// Read back from an earlier run: nothing more is sent until the user says yes again.
    #[serde(default)]
    pub awaiting_yes: bool,
    /// A throttled write goes again at this time, not before.
    #[serde(default)]
    pub retry_at: Option<DateTime<Utc>>,
}

impl BulkQueue {
    /// A queue of `targets`, none started.
    pub fn new(kind: BulkKind, targets: Vec<Target>) -> Self {
        BulkQueue {
            kind,
            items: targets
                .into_iter()
                .map(|t| BulkItem {
                    id: t.id,
                    title: t.title,
                    state: ItemState::Waiting,
                    throttled: 0,
                })
                .collect(),
            hold_until: None,
            awaiting_yes: false,
            retry_at: None,
        }
    }

    /// A queue read back after a restart: a write that was out may or may not have arrived,
    /// so it waits with the rest (accepts reuse their client token; a repeated reject is a
    /// conflict, which counts as skipped). Nothing is sent before a fresh yes.
    pub fn resumed(mut self) -> Self {
        for item in &mut self.items {
            if item.state == ItemState::Sending {
                item.state = ItemState::Waiting;
            }
        }
        self.hold_until = None;
        self.awaiting_yes = self.unsent() > 0;
        self
    }

    /// The write this queue sends for invitation `id`.
    pub fn write_for(&self, id: &str) -> Write {
        match self.kind {
            BulkKind::Accept => Write::Accept(id.to_string()),
            BulkKind::Reject { .. } => Write::Reject(id.to_string()),
        }
    }

    /// The writes of the items not settled yet (waiting or out): what the queue's status line
    /// speaks for while it holds or runs.
    pub fn unsettled_writes(&self) -> Vec<Write> {
        self.items
            .iter()
            .filter(|i| matches!(i.state, ItemState::Waiting | ItemState::Sending))
            .map(|i| self.write_for(&i.id))
            .collect()
    }

    /// Items not sent yet: held, queued or waiting for a yes.
    pub fn unsent(&self) -> usize {
        self.count(|s| *s == ItemState::Waiting)
    }

    /// "3 rejects" or "1 accept".
    pub fn describe(&self, n: usize) -> String {
        let noun = match self.kind {
            BulkKind::Accept => "accept",
            BulkKind::Reject { .. } => "reject",
        };
        format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
    }

    /// The seconds left of the hold, rounded up, while it holds at `now`.
    pub fn held_for(&self, now: DateTime<Utc>) -> Option<i64> {
        let left = self.hold_until? - now;
        (left > chrono::Duration::zero()).then(|| (left.num_milliseconds() + 999) / 1000)
    }

    /// "Accepting" or "Rejecting".
    pub fn verb(&self) -> &'static str {
        match self.kind {
            BulkKind::Accept => "Accepting",
            BulkKind::Reject { .. } => "Rejecting",
        }
    }

    /// Items whose turn has come (sent or settled), and all items.
    pub fn progress(&self) -> (usize, usize) {
        let started = self
            .items
            .iter()
            .filter(|i| i.state != ItemState::Waiting)
            .count();
        (started, self.items.len())
    }

    /// True when no item waits or is out.
    pub fn finished(&self) -> bool {
        !self
            .items
            .iter()
            .any(|i| matches!(i.state, ItemState::Waiting | ItemState::Sending))
    }

    /// The state of an invitation in this queue.
    pub fn state_of(&self, id: &str) -> Option<&ItemState> {
        self.items.iter().find(|i| i.id == id).map(|i| &i.state)
    }

    /// The item whose write is out, if it is `id`.
    fn sending_mut(&mut self, id: &str) -> Option<&mut BulkItem> {
        self.items
            .iter_mut()
            .find(|i| i.id == id && i.state == ItemState::Sending)
    }

    fn count(&self, wanted: fn(&ItemState) -> bool) -> usize {
        self.items.iter().filter(|i| wanted(&i.state)).count()
    }
}

/// True (and said) while a queue has writes to send: another action waits for it.
pub(super) fn refuse_while_running(state: &mut State) -> bool {
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
pub(super) fn ask(state: &mut State, accept: bool) -> Vec<Effect> {
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
pub(super) fn start(state: &mut State, kind: BulkKind, targets: Vec<Target>) -> Vec<Effect> {
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
pub(super) fn on_tick(state: &mut State) -> Vec<Effect> {
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
pub(super) fn advance(state: &mut State) -> Vec<Effect> {
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
            state.accepts.get(&id).map(|a| &a.phase),
            Some(AcceptPhase::Running { .. } | AcceptPhase::Complete { .. })
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
            let token = state.accepts.begin(&id, Some(title.clone()), now);
            effects.push(Effect::SaveAccepts(state.accepts.saved()));
            effects.push(Effect::StartAccept {
                invitation_id: id,
                client_token: token,
                title: Some(title),
                started: now,
            });
        }
        BulkKind::Reject { reason } => effects.push(Effect::Reject {
            invitation_id: id,
            reason,
        }),
    }
    effects
}

/// The queue as the local store should keep it: `None` once finished.
fn save(state: &State) -> Effect {
    Effect::SaveBulk(
        state
            .bulk
            .as_ref()
            .filter(|q| !q.finished())
            .map(|q| Box::new(q.clone())),
    )
}

/// The queue has run out: a notice says how it went, and failed rows are marked again so one
/// key retries them.
fn finish(state: &mut State) -> Vec<Effect> {
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

fn retry_key(state: &State, queue: &BulkQueue) -> String {
    match queue.kind {
        BulkKind::Accept => state.list_key(Action::Accept),
        BulkKind::Reject { .. } => state.list_key(Action::Reject),
    }
}

/// How a queue of one went, in a notice.
fn one_finished(state: &State, queue: &BulkQueue, item: &BulkItem) -> (Level, String) {
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

/// Esc in the list while a queue runs: what has not started is cancelled; the write that is
/// out finishes. True when there was something to stop.
pub(super) fn cancel(state: &mut State) -> Option<Vec<Effect>> {
    let queue = state.bulk.as_mut().filter(|q| !q.finished())?;
    drop_unsent(queue);
    Some(advance(state))
}

/// `z`: while the queue is held, nothing of it is sent. True when there was a hold to undo.
pub(super) fn undo(state: &mut State) -> Option<Vec<Effect>> {
    let now = state.clock.now;
    let queue = state
        .bulk
        .as_mut()
        .filter(|q| !q.finished() && q.held_for(now).is_some())?;
    drop_unsent(queue);
    Some(advance(state))
}

fn drop_unsent(queue: &mut BulkQueue) {
    queue.hold_until = None;
    queue.awaiting_yes = false;
    for item in &mut queue.items {
        if item.state == ItemState::Waiting {
            item.state = ItemState::Cancelled;
        }
    }
}

/// At start: a queue the last run left with writes never sent asks for a fresh yes.
pub(super) fn resume(state: &mut State) -> Vec<Effect> {
    if state.bulk.as_ref().is_some_and(|q| q.awaiting_yes) {
        state.modals.push(Modal::Unsent(UnsentPrompt::default()));
    }
    advance(state)
}

/// The answer to the start's question about the last run's unsent writes: send them, or drop
/// them.
pub(super) fn answer_unsent(state: &mut State, send: bool) -> Vec<Effect> {
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
pub(super) fn drop_on_quit(state: &mut State) -> Vec<Effect> {
    match state.bulk.as_mut().filter(|q| !q.finished()) {
        Some(queue) => {
            drop_unsent(queue);
            vec![save(state)]
        }
        None => Vec::new(),
    }
}

/// The start of an accept this queue sent has been answered.
pub(super) fn on_accept_started(
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

/// Most times one item's write is throttled before it counts as failed.
const MAX_THROTTLED: u32 = 6;

/// The write of `id` this queue sent was throttled: it goes again after a pause (1 s,
/// doubling), nothing else in between. `None` when it has been throttled too often.
pub(super) fn retry_throttled(state: &mut State, id: &str) -> Option<Vec<Effect>> {
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

/// The reason of the last reject of `id`, if it failed: a retry starts from it.
pub(super) fn failed_reason(state: &State, id: &str) -> Option<String> {
    let queue = state.bulk.as_ref()?;
    let BulkKind::Reject { reason } = &queue.kind else {
        return None;
    };
    matches!(queue.state_of(id), Some(ItemState::Failed(_))).then(|| reason.clone())
}

/// A reject this queue sent has been answered. A conflict means the invitation is no longer
/// pending (after a restart, maybe because this very reject had arrived): it is skipped.
pub(super) fn on_rejected(
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
pub(super) fn next_actionable(state: &mut State, acted_on: &str) -> Vec<Effect> {
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
