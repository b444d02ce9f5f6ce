//! The write queue: bulk actions on the marked invitations and every reject. One confirmation,
//! then a queue that sends one write at a time (the service's write quota paces them) and
//! shows each row's progress. Rejects are held first for `[actions] reject_hold_seconds`, a
//! countdown in the status line that `z` undoes. The queue survives a quit or crash (the local
//! store keeps it, and accepts keep their client tokens), but what was never sent waits for a
//! fresh yes at the next start; Esc stops it, keeping what is done.

mod answers;
mod report;
mod send;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::consent::Write;
use super::modes::Target;
pub(super) use answers::{failed_reason, next_actionable, on_accept_started, on_rejected};
use report::finish;
use send::save;
pub(super) use send::{
    advance, answer_unsent, ask, cancel, drop_on_quit, on_tick, refuse_while_running, resume,
    retry_throttled, start, undo,
};

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
    kind: BulkKind,
    items: Vec<BulkItem>,
    /// Nothing is sent before this time: the undo window.
    #[serde(default)]
    hold_until: Option<DateTime<Utc>>,
    /// Read back from an earlier run: nothing more is sent until the user says yes again.
    #[serde(default)]
    awaiting_yes: bool,
    /// A throttled write goes again at this time, not before.
    #[serde(default)]
    retry_at: Option<DateTime<Utc>>,
}

impl BulkQueue {
    /// What it does to each invitation.
    pub fn kind(&self) -> &BulkKind {
        &self.kind
    }

    /// Its invitations, in the order they go.
    pub fn items(&self) -> &[BulkItem] {
        &self.items
    }

    /// True when it was read back from an earlier run and waits for a fresh yes.
    pub fn awaiting_yes(&self) -> bool {
        self.awaiting_yes
    }

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
