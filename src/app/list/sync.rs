//! Rows coming and going: a bulk load, pages merged by id, and syncs that remove what a full
//! listing no longer has.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::{compare, InvitationList, Row, RowFacts};
use crate::domain::{InvitationSummary, Page};

impl InvitationList {
    /// Replaces every row (e.g. from a local cache), with what their details told when known;
    /// the cursor goes to the top. None of the rows counts as listed by a sync. The view, the
    /// search and the paging (a request out, the next token) stay.
    pub fn load(&mut self, rows: Vec<(InvitationSummary, RowFacts)>) {
        self.rows = Vec::with_capacity(rows.len());
        self.index = HashMap::with_capacity(rows.len());
        for (summary, facts) in rows {
            self.upsert(summary, facts, false);
        }
        self.order = (0..self.rows.len()).collect();
        let (rows, sort) = (&self.rows, self.lens.view.sort);
        self.order
            .sort_by(|&a, &b| compare(sort, &rows[a], &rows[b]));
        self.rows_changed();
        self.refilter();
        self.prune_marks();
        self.cursor = 0;
        self.offset = 0;
    }

    /// Merges a page by id: known rows are replaced where they stand (or move, if their date
    /// changed), new ones go in list order. The selection stays on the same invitation and, in
    /// a window of `height` rows, on the same screen row when it can. Returns the ids that were
    /// not in the list before.
    pub fn merge(&mut self, page: Page<InvitationSummary>, height: usize) -> Vec<String> {
        self.failed = None;
        self.next_token = page.next_token;
        self.pages += 1;
        self.add(page.items, height)
    }

    /// Merges rows that come outside the paging (e.g. arrivals the watch found), as
    /// [`Self::merge`] does; returns the ids that were not in the list before.
    pub fn add(&mut self, rows: Vec<InvitationSummary>, height: usize) -> Vec<String> {
        let anchor = self.anchor();
        let mut added = Vec::new();
        let mut touched = Vec::with_capacity(rows.len());
        for summary in rows {
            let facts = match self.index.get(&summary.id) {
                Some(&slot) => std::mem::take(&mut self.rows[slot].facts),
                None => {
                    added.push(summary.id.clone());
                    RowFacts::default()
                }
            };
            touched.push(self.upsert(summary, facts, true));
        }
        self.reposition(touched);
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

    /// Changes one row in place (e.g. its status after an action), moving it if what the view
    /// sorts by changed. Whether the view shows it is not worked out again (see `Row::admitted`).
    /// `change` must keep the id.
    pub fn update_row(&mut self, id: &str, change: impl FnOnce(&mut InvitationSummary)) {
        let Some(&slot) = self.index.get(id) else {
            return;
        };
        self.rows_changed();
        let row = &mut self.rows[slot];
        let before = row.clone();
        change(&mut row.summary);
        debug_assert_eq!(row.summary.id, id, "update_row must keep the id");
        row.key = super::search::key(&row.summary, row.facts.customer.as_deref());
        row.sender = row
            .summary
            .sender_company
            .as_deref()
            .map(crate::domain::fold);
        let sort = self.lens.view.sort;
        let moved = compare(sort, &before, row) != std::cmp::Ordering::Equal;
        let rekeyed = before.key != row.key;
        if moved {
            let anchor = self.anchor();
            self.reposition(vec![slot]);
            self.restore(anchor);
        } else if rekeyed {
            self.rematch(slot);
        }
    }

    /// Puts a row in its slot, or in a new one; returns the slot. The list order is the
    /// caller's to fix.
    fn upsert(&mut self, summary: InvitationSummary, facts: RowFacts, listed: bool) -> usize {
        self.rows_changed();
        let row = Row::new(summary, facts, listed, &self.lens);
        match self.index.get(&row.summary.id) {
            Some(&slot) => {
                self.rows[slot] = row;
                slot
            }
            None => {
                let slot = self.rows.len();
                self.index.insert(row.summary.id.clone(), slot);
                self.rows.push(row);
                slot
            }
        }
    }

    /// Takes the `touched` rows (new or changed) out of the list order and the search results
    /// and puts them back where they now belong: O(n) copying and O(k log n) comparisons for
    /// k touched rows, where sorting everything would compare O(n) times.
    pub(super) fn reposition(&mut self, mut touched: Vec<usize>) {
        let mut is_touched = vec![false; self.rows.len()];
        touched.retain(|&slot| !std::mem::replace(&mut is_touched[slot], true));
        let (rows, sort) = (&self.rows, self.lens.view.sort);
        let order = |&a: &usize, &b: &usize| compare(sort, &rows[a], &rows[b]);
        touched.sort_by(order);
        self.order.retain(|&slot| !is_touched[slot]);
        insert_sorted(&mut self.order, &touched, order);
        let query = self.query.as_str();
        touched.retain(|&slot| rows[slot].admitted && rows[slot].key.contains(query));
        self.visible.retain(|&slot| !is_touched[slot]);
        insert_sorted(&mut self.visible, &touched, order);
    }

    /// Removes the rows `gone` picks and returns their ids, keeping the selection.
    fn remove_where(&mut self, gone: impl Fn(&Row) -> bool) -> Vec<String> {
        if !self.rows.iter().any(&gone) {
            return Vec::new();
        }
        let anchor = self.anchor();
        self.rows_changed();
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
        self.prune_marks();
        self.restore(anchor);
        removed
    }
}

/// Merges `new` into `list`, both in the order `cmp` gives.
fn insert_sorted(list: &mut Vec<usize>, new: &[usize], cmp: impl Fn(&usize, &usize) -> Ordering) {
    if new.is_empty() {
        return;
    }
    let mut merged = Vec::with_capacity(list.len() + new.len());
    let mut rest = list.as_slice();
    for slot in new {
        let at = rest.partition_point(|i| cmp(i, slot) == Ordering::Less);
        merged.extend_from_slice(&rest[..at]);
        merged.push(*slot);
        rest = &rest[at..];
    }
    merged.extend_from_slice(rest);
    *list = merged;
}
