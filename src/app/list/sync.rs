//! Rows coming and going: a bulk load, pages merged by id, and syncs that remove what a full
//! listing no longer has.

use super::{search, InvitationList, Row};
use crate::domain::{InvitationSummary, Page, SortOrder};

impl InvitationList {
    /// Replaces every row (e.g. from a local cache), with its customer when known, listed in
    /// `sort` order; the cursor goes to the top. None of the rows counts as listed by a sync.
    pub fn load(&mut self, rows: Vec<(InvitationSummary, Option<String>)>, sort: SortOrder) {
        self.clear(sort);
        self.rows.reserve(rows.len());
        for (summary, customer) in rows {
            self.upsert(summary, customer, false);
        }
        self.sort_rows();
        self.refilter();
    }

    /// Merges a page by id: known rows are replaced where they stand (or move, if their date
    /// changed), new ones go in list order. The selection stays on the same invitation and, in
    /// a window of `height` rows, on the same screen row when it can. Returns the ids that were
    /// not in the list before.
    pub fn merge(&mut self, page: Page<InvitationSummary>, height: usize) -> Vec<String> {
        let anchor = self.anchor();
        self.failed = None;
        self.next_token = page.next_token;
        self.pages += 1;
        let mut added = Vec::new();
        let mut moved = false;
        for summary in page.items {
            let before = self.index.get(&summary.id).map(|&i| &self.rows[i]);
            match before {
                Some(row) => moved |= row.summary.invitation_date != summary.invitation_date,
                None => added.push(summary.id.clone()),
            }
            let customer = before.and_then(|row| row.customer.clone());
            self.upsert(summary, customer, true);
        }
        if moved || !added.is_empty() {
            self.sort_rows();
        }
        self.refilter();
        self.restore(anchor);
        self.scroll_to_cursor(height);
        added
    }

    /// Starts a new full listing: no row counts as listed, and paging starts over.
    pub fn begin_sync(&mut self) {
        for row in &mut self.rows {
            row.listed = false;
        }
        self.pages = 0;
        self.next_token = None;
    }

    /// Ends a full listing, after its last page: removes the rows it did not list and returns
    /// their ids. The selection stays on the same invitation, or else on the same position.
    pub fn finish_sync(&mut self, height: usize) -> Vec<String> {
        let gone = self.remove_where(|row| !row.listed);
        self.scroll_to_cursor(height);
        gone
    }

    /// Removes one invitation; true when it was in the list. The selection stays as with
    /// [`Self::finish_sync`]; [`Self::scroll_to_cursor`] fits the window afterwards.
    pub fn remove(&mut self, id: &str) -> bool {
        self.contains(id) && !self.remove_where(|row| row.summary.id == id).is_empty()
    }

    /// Changes one row in place (e.g. its status after an action), moving it if its date
    /// changed. `change` must keep the id.
    pub fn update_row(&mut self, id: &str, change: impl FnOnce(&mut InvitationSummary)) {
        let Some(&slot) = self.index.get(id) else {
            return;
        };
        let row = &mut self.rows[slot];
        let date = row.summary.invitation_date;
        change(&mut row.summary);
        debug_assert_eq!(row.summary.id, id, "update_row must keep the id");
        let key = search::key(&row.summary, row.customer.as_deref());
        let (moved, rekeyed) = (row.summary.invitation_date != date, row.key != key);
        row.key = key;
        if moved {
            let anchor = self.anchor();
            self.sort_rows();
            self.refilter();
            self.restore(anchor);
        } else if rekeyed {
            self.rematch(slot);
        }
    }

    /// Puts a row in its slot, or in a new one at the end of the list order.
    fn upsert(&mut self, summary: InvitationSummary, customer: Option<String>, listed: bool) {
        let row = Row::new(summary, customer, listed);
        match self.index.get(&row.summary.id) {
            Some(&slot) => self.rows[slot] = row,
            None => {
                let slot = self.rows.len();
                self.index.insert(row.summary.id.clone(), slot);
                self.order.push(slot);
                self.rows.push(row);
            }
        }
    }

    /// Restores list order after rows were added or their dates changed.
    fn sort_rows(&mut self) {
        let (rows, sort) = (&self.rows, self.sort);
        self.order
            .sort_by(|&a, &b| super::compare(sort, &rows[a].summary, &rows[b].summary));
    }

    /// Removes the rows `gone` picks and returns their ids, keeping the selection.
    fn remove_where(&mut self, gone: impl Fn(&Row) -> bool) -> Vec<String> {
        if !self.rows.iter().any(&gone) {
            return Vec::new();
        }
        let anchor = self.anchor();
        let mut slots = vec![None; self.rows.len()];
        let mut removed = Vec::new();
        let mut kept = Vec::with_capacity(self.rows.len());
        for (old, row) in std::mem::take(&mut self.rows).into_iter().enumerate() {
            if gone(&row) {
                removed.push(row.summary.id);
            } else {
                slots[old] = Some(kept.len());
                kept.push(row);
            }
        }
        self.rows = kept;
        let renumber = |slot: &mut usize| match slots[*slot] {
            Some(new) => {
                *slot = new;
                true
            }
            None => false,
        };
        self.index.retain(|_, slot| renumber(slot));
        self.order.retain_mut(renumber);
        self.visible.retain_mut(renumber);
        self.restore(anchor);
        removed
    }
}
