//! Bulk actions on the marked invitations: one confirmation, then a queue that sends one write
//! at a time (the service's write quota paces them), shows each row's progress, survives a
//! quit or crash (the local store keeps it, and accepts keep their client tokens), and can be
//! stopped with Esc, keeping what is done.

use serde::{Deserialize, Serialize};

use super::modes::{BulkConfirm, Modal, Target};
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
}

/// A bulk action in progress, or just finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkQueue {
    pub kind: BulkKind,
    pub items: Vec<BulkItem>,
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
                })
                .collect(),
        }
    }

    /// A queue read back after a restart: a write that was out may or may not have arrived,
    /// so it is sent again (accepts reuse their client token; a repeated reject is a conflict,
    /// which counts as skipped).
    pub fn resumed(mut self) -> Self {
        for item in &mut self.items {
            if item.state == ItemState::Sending {
                item.state = ItemState::Waiting;
            }
        }
        self
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

/// `a` or `x` with marks: the confirmation, naming the count, the rows and what is skipped.
pub(super) fn ask(state: &mut State, accept: bool) -> Vec<Effect> {
    if state.bulk.as_ref().is_some_and(|q| !q.finished()) {
        let back = state.list_key(Action::Back);
        state.notify(
            Level::Info,
            format!("A bulk action is running; wait for it, or press {back} to stop it"),
        );
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

/// Starts a confirmed bulk action: the marks are used up, the queue is saved, and the first
/// write goes out.
pub(super) fn start(state: &mut State, kind: BulkKind, targets: Vec<Target>) -> Vec<Effect> {
    state.list.clear_marks();
    state.bulk = Some(BulkQueue::new(kind, targets));
    advance(state)
}

/// Sends the next waiting item's write, or, when none is left, says how it went.
pub(super) fn advance(state: &mut State) -> Vec<Effect> {
    let now = state.clock.now;
    let Some(queue) = state.bulk.as_ref() else {
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
    let kind = queue.kind.clone();
    let (id, title) = (queue.items[at].id.clone(), queue.items[at].title.clone());
    // Resumed after a restart, an accept whose task had started already is done.
    let started = kind == BulkKind::Accept
        && matches!(
            state.accepts.get(&id).map(|a| &a.phase),
            Some(AcceptPhase::Running { .. } | AcceptPhase::Complete { .. })
        );
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
    let done = queue.count(|s| *s == ItemState::Done);
    let failed: Vec<String> = queue
        .items
        .iter()
        .filter(|i| matches!(i.state, ItemState::Failed(_)))
        .map(|i| i.id.clone())
        .collect();
    let skipped = queue.count(|s| matches!(s, ItemState::Skipped(_)));
    let cancelled = queue.count(|s| *s == ItemState::Cancelled);
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
        let key = match queue.kind {
            BulkKind::Accept => state.list_key(Action::Accept),
            BulkKind::Reject { .. } => state.list_key(Action::Reject),
        };
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

/// Esc in the list while a bulk action runs: what has not started is cancelled; the write
/// that is out finishes. True when there was something to stop.
pub(super) fn cancel(state: &mut State) -> Option<Vec<Effect>> {
    let queue = state.bulk.as_mut().filter(|q| !q.finished())?;
    for item in &mut queue.items {
        if item.state == ItemState::Waiting {
            item.state = ItemState::Cancelled;
        }
    }
    Some(advance(state))
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

/// Whether a reject answer belongs to this queue's write that is out.
pub(super) fn owns_reject(state: &State, id: &str) -> bool {
    state.bulk.as_ref().is_some_and(|q| {
        matches!(q.kind, BulkKind::Reject { .. }) && q.state_of(id) == Some(&ItemState::Sending)
    })
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
