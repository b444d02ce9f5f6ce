//! The local store's rows of the view in list order, the rows the text search lets through, the
//! cursor and the scroll position. Rows are keyed by id: what the store now holds goes in where
//! it belongs, and what it forgot goes.

mod marks;
mod search;
mod sync;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use crate::domain::{fold, InvitationDetail, InvitationSummary, Participant, View, ViewSort};

/// What an invitation's detail tells the list: the customer (searched, and sorted by) and the
/// expected monthly spend (sorted by).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowFacts {
    pub customer: Option<String>,
    pub spend: Option<f64>,
}

impl RowFacts {
    /// What a detail tells.
    pub fn of(detail: &InvitationDetail) -> Self {
        RowFacts {
            customer: detail.customer_name().map(str::to_string),
            spend: detail.largest_monthly_spend(),
        }
    }
}

/// One loaded invitation and what the list keeps beside it.
#[derive(Debug, Clone)]
struct Row {
    summary: InvitationSummary,
    facts: RowFacts,
    /// The folded text the search looks in.
    key: String,
    /// The sender company and the customer, folded, for sorting by them.
    sender: Option<String>,
    customer: Option<String>,
    /// The view shows it. Worked out when the row comes from the service or the store and when
    /// the view changes, not when the app changes the row (an accepted invitation stays in the
    /// Pending view, with its new status, until the view is applied again).
    admitted: bool,
}

impl Row {
    fn new(summary: InvitationSummary, facts: RowFacts, lens: &Lens) -> Self {
        let key = search::key(&summary, facts.customer.as_deref());
        let admitted = lens.admits(&summary);
        Row {
            sender: summary.sender_company.as_deref().map(fold),
            customer: facts.customer.as_deref().map(fold),
            summary,
            facts,
            key,
            admitted,
        }
    }
}

/// The view the list applies, at a moment (an expiry window moves with the clock).
#[derive(Debug, Clone)]
struct Lens {
    view: View,
    now: DateTime<Utc>,
}

impl Default for Lens {
    fn default() -> Self {
        Lens {
            view: View::all("All", Participant::Received),
            now: DateTime::UNIX_EPOCH,
        }
    }
}

impl Lens {
    fn admits(&self, row: &InvitationSummary) -> bool {
        self.view.admits(row, self.now)
    }
}

/// The invitation list. Everything per frame works on the visible window only; per keystroke
/// the search scans the precomputed keys.
#[derive(Debug, Clone, Default)]
pub struct InvitationList {
    /// Rows in slots that stay put until a row is removed.
    rows: Vec<Row>,
    /// The slot of each id.
    index: HashMap<String, usize>,
    /// Every slot, in the view's order.
    order: Vec<usize>,
    /// The slots the view admits and the search matches, in the view's order.
    visible: Vec<usize>,
    lens: Lens,
    /// The search as typed, lower-cased.
    search: String,
    /// The search folded like the keys.
    query: String,
    /// Position in `visible`.
    cursor: usize,
    /// First position in `visible` on screen.
    offset: usize,
    next_token: Option<String>,
    pages: usize,
    /// The ids of marked invitations; always rows of the list.
    marks: HashSet<String>,
    /// Bumped by every change to the rows or the view, so that what is worked out from them
    /// (the pipeline summary) knows when to work it out again.
    revision: u64,
    /// Bumped by changes to the rows only: what every view shows (the counts) depends on these.
    rows_revision: u64,
    /// True while a page request is out.
    pub loading: bool,
    /// Why the last page request failed, until the next one succeeds.
    pub failed: Option<String>,
}

/// Where the selection was, to put it back after rows come or go.
struct Anchor {
    id: Option<String>,
    cursor: usize,
    /// The selection's row on screen.
    line: usize,
}

/// The view's order. Every order ends by invitation date, newest first, then by id; rows
/// without the value sorted by go last. By date, newest first is oldest first reversed, as the
/// service lists them, with undated rows last either way.
fn compare(sort: ViewSort, a: &Row, b: &Row) -> Ordering {
    let (x, y) = (&a.summary, &b.summary);
    let newest = || by_date(false, x, y);
    match sort {
        ViewSort::Newest => by_date(false, x, y),
        ViewSort::Oldest => by_date(true, x, y),
        ViewSort::Expires => known_first(x.expiration_date, y.expiration_date).then_with(newest),
        ViewSort::Sender => known_first(a.sender.as_ref(), b.sender.as_ref()).then_with(newest),
        ViewSort::Customer => {
            known_first(a.customer.as_ref(), b.customer.as_ref()).then_with(newest)
        }
        ViewSort::Spend => match (a.facts.spend, b.facts.spend) {
            (Some(p), Some(q)) => q.total_cmp(&p),
            (p, q) => q.is_some().cmp(&p.is_some()),
        }
        .then_with(newest),
    }
}

/// Ascending, with `None` last.
fn known_first<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (a, b) => b.is_some().cmp(&a.is_some()),
    }
}

/// By invitation date, then by id: oldest first, or that reversed; undated rows last either way.
fn by_date(oldest_first: bool, a: &InvitationSummary, b: &InvitationSummary) -> Ordering {
    let ascending = match (a.invitation_date, b.invitation_date) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => return Ordering::Less,
        (None, Some(_)) => return Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.id.cmp(&b.id));
    if oldest_first {
        ascending
    } else {
        ascending.reverse()
    }
}

impl InvitationList {
    /// Forgets all rows and marks (a view of the other side); the view and the search stay.
    pub fn clear(&mut self) {
        *self = InvitationList {
            lens: std::mem::take(&mut self.lens),
            search: std::mem::take(&mut self.search),
            query: std::mem::take(&mut self.query),
            revision: self.revision + 1,
            rows_revision: self.rows_revision + 1,
            ..Default::default()
        };
    }

    /// The view the list applies.
    pub fn view(&self) -> &View {
        &self.lens.view
    }

    /// Applies a view at `now`: its filters pick the rows shown (with the search), its order
    /// sorts them, and marks on rows it does not show go. The selection stays on the same
    /// invitation if the view shows it, in a window of `height` rows.
    pub fn set_view(&mut self, view: View, now: DateTime<Utc>, height: usize) {
        let resort = view.sort != self.lens.view.sort;
        self.lens = Lens { view, now };
        let anchor = self.anchor();
        if resort {
            let (rows, sort) = (&self.rows, self.lens.view.sort);
            self.order
                .sort_by(|&a, &b| compare(sort, &rows[a], &rows[b]));
        }
        self.readmit();
        let id = anchor.id.clone();
        self.restore(anchor);
        if self.selected().map(|s| &s.id) != id.as_ref() {
            (self.cursor, self.offset) = (0, 0);
        }
        self.scroll_to_cursor(height);
    }

    /// Moves an expiry window on to `now`; a view without one is left as it is.
    pub fn retime(&mut self, now: DateTime<Utc>, height: usize) {
        if self.lens.view.expires_within_days.is_some() {
            self.set_view(self.lens.view.clone(), now, height);
        }
    }

    /// How many rows `view` shows (before the search) at `now`.
    pub fn count(&self, view: &View, now: DateTime<Utc>) -> usize {
        self.rows
            .iter()
            .filter(|r| view.admits(&r.summary, now))
            .count()
    }

    /// The rows the view shows, before the search, in its order.
    pub fn in_view(&self) -> impl Iterator<Item = &InvitationSummary> {
        self.order
            .iter()
            .map(|&i| &self.rows[i])
            .filter(|r| r.admitted)
            .map(|r| &r.summary)
    }

    /// Changes with every change to the rows or the view.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Changes with every change to the rows (not with the view).
    pub fn rows_revision(&self) -> u64 {
        self.rows_revision
    }

    /// Notes a change to the rows.
    fn rows_changed(&mut self) {
        self.revision += 1;
        self.rows_revision += 1;
    }

    /// Works out again which rows the view shows, and drops marks on the others.
    fn readmit(&mut self) {
        for row in &mut self.rows {
            row.admitted = self.lens.admits(&row.summary);
        }
        let (index, rows) = (&self.index, &self.rows);
        self.marks
            .retain(|id| index.get(id).is_some_and(|&slot| rows[slot].admitted));
        self.refilter();
        self.revision += 1;
    }

    /// The search as typed, lower-cased.
    pub fn search(&self) -> &str {
        &self.search
    }

    /// The invitation under the cursor.
    pub fn selected(&self) -> Option<&InvitationSummary> {
        self.visible
            .get(self.cursor)
            .map(|&i| &self.rows[i].summary)
    }

    /// Moves the cursor by `delta` rows, clamped; true when the selection changed.
    pub fn move_by(&mut self, delta: isize, height: usize) -> bool {
        let before = self.cursor;
        let last = self.visible.len().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize + delta).clamp(0, last.max(0)) as usize;
        self.scroll_to_cursor(height);
        before != self.cursor
    }

    /// Keeps the cursor inside a window of `height` rows.
    pub fn scroll_to_cursor(&mut self, height: usize) {
        let height = height.max(1);
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + height {
            self.offset = self.cursor + 1 - height;
        }
        let max_offset = self.visible.len().saturating_sub(height);
        self.offset = self.offset.min(max_offset).min(self.cursor);
    }

    /// The rows on screen: (is selected, invitation), at most `height` of them.
    pub fn window(&self, height: usize) -> impl Iterator<Item = (bool, &InvitationSummary)> {
        let end = (self.offset + height).min(self.visible.len());
        self.visible[self.offset.min(end)..end]
            .iter()
            .enumerate()
            .map(move |(k, &i)| (self.offset + k == self.cursor, &self.rows[i].summary))
    }

    /// Cursor position (0-based) and number of visible rows.
    pub fn position(&self) -> (usize, usize) {
        (self.cursor, self.visible.len())
    }

    /// Rows in the list, before the view and the text search.
    pub fn loaded(&self) -> usize {
        self.rows.len()
    }

    /// An invitation in the list (visible or not).
    pub fn get(&self, id: &str) -> Option<&InvitationSummary> {
        self.index.get(id).map(|&slot| &self.rows[slot].summary)
    }

    /// Whether an invitation is in the list (visible or not).
    pub fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// The ids of all rows, in list order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(|&i| self.rows[i].summary.id.as_str())
    }

    /// Pages merged since the list was cleared or the sync began.
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// The token for the next page; `None` when everything is loaded.
    pub fn next_token(&self) -> Option<&String> {
        self.next_token.as_ref()
    }

    /// Moves the cursor to an invitation if it is visible, scrolling a window of `height` rows
    /// to it; true when it was found.
    pub fn select(&mut self, id: &str, height: usize) -> bool {
        match self.position_of(id) {
            Some(pos) => {
                self.cursor = pos;
                self.scroll_to_cursor(height);
                true
            }
            None => false,
        }
    }

    /// The id of the first visible row after the cursor (wrapping around) that `wanted`
    /// accepts.
    pub fn next_matching(&self, wanted: impl Fn(&str) -> bool) -> Option<String> {
        let n = self.visible.len();
        (1..=n)
            .map(|k| &self.rows[self.visible[(self.cursor + k) % n]].summary.id)
            .find(|id| wanted(id))
            .cloned()
    }

    /// Where an invitation is among the visible rows.
    fn position_of(&self, id: &str) -> Option<usize> {
        let slot = *self.index.get(id)?;
        self.visible
            .binary_search_by(|&i| self.compare_slots(i, slot))
            .ok()
    }

    fn compare_slots(&self, a: usize, b: usize) -> Ordering {
        compare(self.lens.view.sort, &self.rows[a], &self.rows[b])
    }

    fn anchor(&self) -> Anchor {
        Anchor {
            id: self.selected().map(|s| s.id.clone()),
            cursor: self.cursor,
            line: self.cursor.saturating_sub(self.offset),
        }
    }

    /// Puts the cursor back on the anchored invitation, on the same screen row, or when it is
    /// gone on the row at the same position.
    fn restore(&mut self, anchor: Anchor) {
        self.cursor = anchor
            .id
            .and_then(|id| self.position_of(&id))
            .unwrap_or(anchor.cursor)
            .min(self.visible.len().saturating_sub(1));
        self.offset = self.cursor.saturating_sub(anchor.line);
    }
}
