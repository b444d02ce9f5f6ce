use crate::domain::{InvitationSummary, Page};

/// The loaded invitations, the rows the text search lets through, the cursor and the scroll
/// position. Everything per frame works on the visible window only.
#[derive(Debug, Clone, Default)]
pub struct InvitationList {
    rows: Vec<InvitationSummary>,
    /// Indices into `rows` that match the search, in list order.
    visible: Vec<usize>,
    search: String,
    /// Position in `visible`.
    cursor: usize,
    /// First position in `visible` on screen.
    offset: usize,
    next_token: Option<String>,
    pages: usize,
    /// True while a page request is out.
    pub loading: bool,
    /// Why the last page request failed, until the next one succeeds.
    pub failed: Option<String>,
}

impl InvitationList {
    /// Forgets all rows (a new view, filter or sort).
    pub fn clear(&mut self) {
        let search = std::mem::take(&mut self.search);
        *self = InvitationList {
            search,
            ..Default::default()
        };
    }

    /// Adds a page; `replace` swaps out the current rows (a refresh), keeping the cursor on the
    /// same invitation when it is still there.
    pub fn add_page(
        &mut self,
        page: Page<InvitationSummary>,
        replace: bool,
        matches: impl Fn(&InvitationSummary, &str) -> bool,
    ) {
        let selected = self.selected().map(|s| s.id.clone());
        self.failed = None;
        if replace {
            self.rows.clear();
            self.pages = 0;
        }
        self.rows.extend(page.items);
        self.next_token = page.next_token;
        self.pages += 1;
        self.refilter(matches);
        if replace {
            if let Some(pos) =
                selected.and_then(|id| self.visible.iter().position(|&i| self.rows[i].id == id))
            {
                self.cursor = pos;
            }
        }
        self.clamp();
    }

    /// Changes the text search and recomputes the visible rows.
    pub fn set_search(&mut self, search: &str, matches: impl Fn(&InvitationSummary, &str) -> bool) {
        self.search = search.to_lowercase();
        self.cursor = 0;
        self.offset = 0;
        self.refilter(matches);
    }

    /// Recomputes the visible rows, keeping the cursor on the same invitation when possible.
    pub fn refilter(&mut self, matches: impl Fn(&InvitationSummary, &str) -> bool) {
        let selected = self.selected().map(|s| s.id.clone());
        self.visible = if self.search.is_empty() {
            (0..self.rows.len()).collect()
        } else {
            (0..self.rows.len())
                .filter(|&i| matches(&self.rows[i], &self.search))
                .collect()
        };
        if let Some(pos) =
            selected.and_then(|id| self.visible.iter().position(|&i| self.rows[i].id == id))
        {
            self.cursor = pos;
        }
        self.clamp();
    }

    fn clamp(&mut self) {
        self.cursor = self.cursor.min(self.visible.len().saturating_sub(1));
        self.offset = self.offset.min(self.cursor);
    }

    /// The lower-cased text search.
    pub fn search(&self) -> &str {
        &self.search
    }

    /// The invitation under the cursor.
    pub fn selected(&self) -> Option<&InvitationSummary> {
        self.visible.get(self.cursor).map(|&i| &self.rows[i])
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
            .map(move |(k, &i)| (self.offset + k == self.cursor, &self.rows[i]))
    }

    /// Cursor position (0-based) and number of visible rows.
    pub fn position(&self) -> (usize, usize) {
        (self.cursor, self.visible.len())
    }

    /// Rows loaded from the service, before the text search.
    pub fn loaded(&self) -> usize {
        self.rows.len()
    }

    /// Pages loaded so far.
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// The token for the next page; `None` when everything is loaded.
    pub fn next_token(&self) -> Option<&String> {
        self.next_token.as_ref()
    }

    /// Whether the next page should be fetched: the cursor is within `margin` rows of the end
    /// of what is loaded, or the window is not full.
    pub fn wants_more(&self, height: usize, margin: usize) -> bool {
        self.next_token.is_some()
            && !self.loading
            && (self.cursor + margin >= self.visible.len()
                || self.visible.len() < self.offset + height)
    }

    /// Moves the cursor to an invitation if it is visible; true when it was found.
    pub fn select(&mut self, id: &str) -> bool {
        match self.visible.iter().position(|&i| self.rows[i].id == id) {
            Some(pos) => {
                self.cursor = pos;
                true
            }
            None => false,
        }
    }

    /// Changes one loaded row in place (e.g. its status after an action).
    pub fn update_row(&mut self, id: &str, change: impl FnOnce(&mut InvitationSummary)) {
        if let Some(row) = self.rows.iter_mut().find(|r| r.id == id) {
            change(row);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, title: &str) -> InvitationSummary {
        InvitationSummary {
            id: id.into(),
            arn: None,
            catalog: "AWS".into(),
            participant: None,
            status: None,
            payload_kind: None,
            engagement_id: None,
            engagement_title: Some(title.into()),
            invitation_date: None,
            expiration_date: None,
            sender_account_id: None,
            sender_company: None,
            receiver: None,
        }
    }

    fn by_title(r: &InvitationSummary, q: &str) -> bool {
        r.engagement_title
            .as_deref()
            .unwrap_or("")
            .to_lowercase()
            .contains(q)
    }

    fn page(ids: &[&str], more: bool) -> Page<InvitationSummary> {
        Page {
            items: ids
                .iter()
                .map(|id| row(id, &format!("title {id}")))
                .collect(),
            next_token: more.then(|| "t".into()),
        }
    }

    #[test]
    fn the_window_follows_the_cursor() {
        let mut l = InvitationList::default();
        l.add_page(page(&["a", "b", "c", "d", "e"], false), false, by_title);
        l.move_by(3, 2);
        let ids: Vec<_> = l.window(2).map(|(sel, r)| (sel, r.id.as_str())).collect();
        assert_eq!(ids, [(false, "c"), (true, "d")]);
        l.move_by(-10, 2);
        assert_eq!(l.selected().unwrap().id, "a");
        assert!(!l.move_by(-1, 2), "clamped at the top");
    }

    #[test]
    fn search_keeps_the_selection_when_it_still_matches() {
        let mut l = InvitationList::default();
        l.add_page(page(&["a", "b", "c"], false), false, by_title);
        l.set_search("title b", by_title);
        assert_eq!(l.position(), (0, 1));
        assert_eq!(l.selected().unwrap().id, "b");
        l.set_search("", by_title);
        assert_eq!(l.position().1, 3);
    }

    #[test]
    fn refresh_replaces_rows_but_keeps_the_cursor_on_the_same_invitation() {
        let mut l = InvitationList::default();
        l.add_page(page(&["a", "b", "c"], true), false, by_title);
        l.move_by(1, 10);
        l.add_page(page(&["new", "a", "b"], false), true, by_title);
        assert_eq!(l.selected().unwrap().id, "b");
        assert_eq!((l.loaded(), l.pages()), (3, 1));
    }

    #[test]
    fn wants_more_near_the_end_only_when_there_is_more() {
        let mut l = InvitationList::default();
        l.add_page(page(&["a", "b", "c", "d", "e", "f"], true), false, by_title);
        assert!(!l.wants_more(3, 2));
        l.move_by(4, 3);
        assert!(l.wants_more(3, 2));
        l.loading = true;
        assert!(!l.wants_more(3, 2));
        l.loading = false;
        l.add_page(page(&["g"], false), false, by_title);
        assert!(!l.wants_more(3, 2));
    }
}
