//! Rows coming and going, always as the local store holds them: the whole view loaded, rows
//! put by id, rows the store forgot removed; and where the listing's paging is.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use super::{compare, InvitationList, Row, RowFacts};
use crate::domain::InvitationSummary;

impl InvitationList {
    /// Replaces every row with the local store's rows of the view, with what their details
    /// told. The selection stays on the same invitation when it is still there, else the
    /// cursor stays where it was. The view, the search and the paging stay.
    pub fn load(&mut self, rows: Vec<(InvitationSummary, RowFacts)>) {
        let anchor = self.anchor();
        self.rows = Vec::with_capacity(rows.len());
        self.index = HashMap::with_capacity(rows.len());
        for (summary, facts) in rows {
            self.upsert(summary, facts);
        }
        self.order = (0..self.rows.len()).collect();
        let (rows, sort) = (&self.rows, self.lens.view.sort);
        self.order
            .sort_by(|&a, &b| compare(sort, &rows[a], &rows[b]));
        self.rows_changed();
        self.refilter();
        self.prune_marks();
        self.restore(anchor);
    }

    /// A page of the listing was stored: the paging moves on to `next_token`.
    pub fn paged(&mut self, next_token: Option<String>) {
        self.failed = None;
        self.next_token = next_token;
        self.pages += 1;
    }

    /// A new listing starts: paging starts over, the rows stay.
    pub fn restart_paging(&mut self) {
        self.pages = 0;
        self.next_token = None;
    }

    /// Puts rows as the local store now holds them, by id: known rows are replaced where they
    /// stand (or move, if what the view sorts by changed), new ones go in list order. The
    /// selection stays on the same invitation and, in a window of `height` rows, on the same
    /// screen row when it can. Returns the ids that were not in the list before.
    pub fn put(&mut self, rows: Vec<(InvitationSummary, RowFacts)>, height: usize) -> Vec<String> {
        let anchor = self.anchor();
        let mut added = Vec::new();
        let mut touched = Vec::with_capacity(rows.len());
        for (summary, facts) in rows {
            if !self.index.contains_key(&summary.id) {
                added.push(summary.id.clone());
            }
            touched.push(self.upsert(summary, facts));
        }
        self.reposition(touched);
        self.restore(anchor);
        self.scroll_to_cursor(height);
        added
    }

    /// Removes the invitations the local store forgot, keeping the selection on the same
    /// invitation, or else on the same position.
    pub fn forget(&mut self, ids: &[String], height: usize) {
        let gone: HashSet<&str> = ids.iter().map(String::as_str).collect();
        self.remove_where(|row| gone.contains(row.summary.id.as_str()));
        self.scroll_to_cursor(height);
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
    fn upsert(&mut self, summary: InvitationSummary, facts: RowFacts) -> usize {
        self.rows_changed();
        let row = Row::new(summary, facts, &self.lens);
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
    fn remove_where(&mut self, gone: impl Fn(&Row) -> bool) {
        if !self.rows.iter().any(&gone) {
            return;
        }
        let anchor = self.anchor();
        self.rows_changed();
        let mut slots = vec![None; self.rows.len()];
        let mut kept = Vec::with_capacity(self.rows.len());
        for (old, row) in std::mem::take(&mut self.rows).into_iter().enumerate() {
            if !gone(&row) {
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
