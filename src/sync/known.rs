//! What a sync knows of the received invitations: each one's status, by id, and the newest
//! invitation date seen.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::domain::{InvitationStatus, InvitationSummary};

/// The received invitations seen so far and the status each had when last seen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Known {
    rows: HashMap<String, Option<InvitationStatus>>,
    newest: Option<DateTime<Utc>>,
}

impl Known {
    /// Takes in what a listing or a detail said.
    pub fn learn<'a>(&mut self, rows: impl IntoIterator<Item = &'a InvitationSummary>) {
        for row in rows {
            self.rows.insert(row.id.clone(), row.status.clone());
            self.newest = self.newest.max(row.invitation_date);
        }
    }

    /// The newest invitation date seen: an invitation not seen before that is at least as new
    /// arrived since.
    pub fn newest(&self) -> Option<DateTime<Utc>> {
        self.newest
    }

    /// True when nothing has been seen yet.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// True when `id` was seen.
    pub fn has(&self, id: &str) -> bool {
        self.rows.contains_key(id)
    }

    /// The status `id` had when last seen; `None` when it was never seen.
    pub fn status(&self, id: &str) -> Option<Option<&InvitationStatus>> {
        self.rows.get(id).map(Option::as_ref)
    }

    /// The ids last seen pending.
    pub fn pending(&self) -> impl Iterator<Item = &str> {
        self.rows
            .iter()
            .filter(|(_, status)| **status == Some(InvitationStatus::Pending))
            .map(|(id, _)| id.as_str())
    }

    /// How many invitations were seen.
    pub fn len(&self) -> usize {
        self.rows.len()
    }
}
