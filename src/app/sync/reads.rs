//! What the inbox's reads are waiting for: the details a sort asked for, the listing of the
//! view under way, the other side's background listing, and the writes the store has not
//! answered yet.

use std::collections::HashSet;

use crate::domain::{InvitationSummary, Participant};

/// What the reads are waiting for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reads {
    /// Details asked for because the sort needs them, not answered yet.
    pub(super) backfilling: HashSet<String>,
    /// The ids the listing of the view under way has given, with those looks found since it
    /// began: when it is complete, the store forgets the view's other rows.
    pub(super) seen: HashSet<String>,
    /// The side not on screen as listed so far, while its background listing runs.
    pub(super) listing: Option<(Participant, Vec<InvitationSummary>)>,
    /// The side whose counts came from a complete listing: the store's older rows do not
    /// replace them.
    pub(super) listed: Option<Participant>,
    /// Writes of rows, details or a listing's end the store has not answered yet.
    writing: usize,
    /// Payload types this build does not know, and how many of the listing under way have
    /// each.
    pub(super) unknown_kinds: std::collections::BTreeMap<String, usize>,
    /// The notice about payload types this build does not know was given (once a run).
    pub(super) told_unknown: bool,
}

impl Reads {
    /// A write the store will answer went out.
    pub(super) fn writing(&mut self) {
        self.writing += 1;
    }

    /// The store answered a write.
    pub(super) fn stored(&mut self) {
        self.writing = self.writing.saturating_sub(1);
    }

    /// True when the store has answered every write: the list shows all that was learned.
    pub fn settled(&self) -> bool {
        self.writing == 0
    }
}
