//! The loaded invitations in list order, the rows the text search lets through, the cursor and
//! the scroll position. Rows are keyed by id: pages merge into what is there, and a full listing
//! (a sync) removes what the service no longer lists.

mod marks;
mod search;
mod sync;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use crate::domain::{InvitationSummary, SortOrder};

/// One loaded invitation and what the list keeps beside it.
#[derive(Debug, Clone)]
struct Row {
    summary: InvitationSummary,
    /// The end customer's company, once known.
    customer: Option<String>,
    /// The folded text the search looks in.
    key: String,
    /// Listed by the current sync.
    listed: bool,
}

impl Row {
    fn new(summary: InvitationSummary, customer: Option<String>, listed: bool) -> Self {
        let key = search::key(&summary, customer.as_deref());
        Row {
            summary,
            customer,
            key,
            listed,
        }
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
    /// Every slot, in list order.
    order: Vec<usize>,
    /// The slots that match the search, in list order.
    visible: Vec<usize>,
    sort: SortOrder,
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

/// List order: by invitation date (newest or oldest first, undated last), then by id, so that
/// newest first is oldest first reversed, as the service lists them.
fn compare(sort: SortOrder, a: &InvitationSummary, b: &InvitationSummary) -> Ordering {
    let ascending = match (a.invitation_date, b.invitation_date) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => return Ordering::Less,
        (None, Some(_)) => return Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.id.cmp(&b.id));
    match sort {
        SortOrder::OldestFirst => ascending,
        SortOrder::NewestFirst => ascending.reverse(),
    }
}

impl InvitationList {
    /// Forgets all rows and marks (a new view or filter) and lists in `sort` order from now
    /// on; the search stays.
    pub fn clear(&mut self, sort: SortOrder) {
        *self = InvitationList {
            sort,
            search: std::mem::take(&mut self.search),
            query: std::mem::take(&mut self.query),
            ..Default::default()
        };
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

    /// Rows in the list, before the text search.
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
        compare(self.sort, &self.rows[a].summary, &self.rows[b].summary)
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
