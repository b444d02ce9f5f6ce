//! The text search: a folded key per row, matched by substring (a SIMD substring finder built
//! once per search). A search that only grows looks in the rows it showed already.

use memchr::memmem;

use super::{InvitationList, RowFacts};
use crate::domain::{fold, fold_into, InvitationSummary};

/// Between the fields of a key, so that a search never matches across two of them.
const SEPARATOR: char = '\u{1f}';

/// The folded text a row is found by: engagement title, sender company, receiver alias and
/// account, invitation id and, once known, customer.
pub(super) fn key(row: &InvitationSummary, customer: Option<&str>) -> String {
    let receiver = row.receiver.as_ref();
    let fields = [
        row.engagement_title.as_deref(),
        row.sender_company.as_deref(),
        receiver.and_then(|r| r.alias.as_deref()),
        receiver.map(|r| r.account_id.as_str()),
        Some(row.id.as_str()),
        customer,
    ];
    let mut key = String::with_capacity(fields.iter().flatten().map(|f| f.len() + 1).sum());
    for field in fields.into_iter().flatten() {
        if !key.is_empty() {
            key.push(SEPARATOR);
        }
        fold_into(field, &mut key);
    }
    key
}

impl InvitationList {
    /// Changes the text search and recomputes the visible rows. The cursor goes to the top, or
    /// stays with the first row shown so far when that still matches.
    pub fn set_search(&mut self, text: &str) {
        let first = self
            .visible
            .first()
            .map(|&i| self.rows[i].summary.id.clone());
        self.search = text.to_lowercase();
        let query = fold(text);
        let narrowing = !self.query.is_empty() && query.contains(self.query.as_str());
        self.query = query;
        if narrowing {
            let rows = &self.rows;
            let finder = memmem::Finder::new(self.query.as_bytes());
            self.visible
                .retain(|&i| finder.find(rows[i].key.as_bytes()).is_some());
        } else {
            self.refilter();
        }
        self.cursor = first.and_then(|id| self.position_of(&id)).unwrap_or(0);
        self.offset = 0;
    }

    /// Sets what an invitation's detail told: the customer, which the search also looks in,
    /// and the spend. A view sorted by either moves the row.
    pub fn set_facts(&mut self, id: &str, facts: RowFacts) {
        let Some(&slot) = self.index.get(id) else {
            return;
        };
        if self.rows[slot].facts == facts {
            return;
        }
        // What a view shows does not depend on facts (the counts stay): the order and the
        // search may.
        self.revision += 1;
        let row = &mut self.rows[slot];
        row.customer = facts.customer.as_deref().map(fold);
        row.key = key(&row.summary, facts.customer.as_deref());
        row.facts = facts;
        if self.lens.view.sort.needs_detail() {
            let anchor = self.anchor();
            self.reposition(vec![slot]);
            self.restore(anchor);
        } else {
            self.rematch(slot);
        }
    }

    /// Recomputes the visible rows from the list order.
    pub(super) fn refilter(&mut self) {
        self.visible.clear();
        let rows = &self.rows;
        let finder = memmem::Finder::new(self.query.as_bytes());
        self.visible.extend(self.order.iter().copied().filter(|&i| {
            rows[i].admitted
                && (self.query.is_empty() || finder.find(rows[i].key.as_bytes()).is_some())
        }));
    }

    /// Shows or hides one row after its key changed, keeping the selection.
    pub(super) fn rematch(&mut self, slot: usize) {
        let row = &self.rows[slot];
        let wanted = row.admitted && row.key.contains(self.query.as_str());
        let at = self
            .visible
            .binary_search_by(|&i| self.compare_slots(i, slot));
        let anchor = self.anchor();
        match (wanted, at) {
            (true, Err(pos)) => self.visible.insert(pos, slot),
            (false, Ok(pos)) => {
                self.visible.remove(pos);
            }
            _ => return,
        }
        self.restore(anchor);
    }
}
