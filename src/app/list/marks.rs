//! Marks: invitations picked for a bulk action. A mark is kept by id, so it stays on its
//! invitation while pages merge and the search changes; an invitation that leaves the list
//! takes its mark with it, so the marks are always a subset of the rows.

use super::InvitationList;
use crate::domain::InvitationSummary;

impl InvitationList {
    /// Marks the selected invitation, or unmarks it; true when it is marked now.
    pub fn toggle_mark(&mut self) -> bool {
        let Some(id) = self.selected().map(|s| s.id.clone()) else {
            return false;
        };
        if self.marks.remove(&id) {
            false
        } else {
            self.marks.insert(id);
            true
        }
    }

    /// Marks every row the search lets through.
    pub fn mark_visible(&mut self) {
        for &slot in &self.visible {
            self.marks.insert(self.rows[slot].summary.id.clone());
        }
    }

    /// Removes every mark.
    pub fn clear_marks(&mut self) {
        self.marks.clear();
    }

    /// How many invitations are marked.
    pub fn mark_count(&self) -> usize {
        self.marks.len()
    }

    /// Whether an invitation is marked.
    pub fn is_marked(&self, id: &str) -> bool {
        self.marks.contains(id)
    }

    /// The marked invitations, in list order.
    pub fn marked(&self) -> Vec<&InvitationSummary> {
        if self.marks.is_empty() {
            return Vec::new();
        }
        self.order
            .iter()
            .map(|&slot| &self.rows[slot].summary)
            .filter(|s| self.marks.contains(&s.id))
            .collect()
    }

    /// Drops the marks of invitations no longer in the list.
    pub(super) fn prune_marks(&mut self) {
        if !self.marks.is_empty() {
            let index = &self.index;
            self.marks.retain(|id| index.contains_key(id));
        }
    }
}
