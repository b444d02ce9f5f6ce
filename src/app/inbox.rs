//! The inbox underneath every dialog: the cursor, the search and the detail pane's scroll. The
//! list and detail modes call in here; what the rows and details are comes from the reads
//! ([`super::sync`]), which these moves ask to follow.

use super::sync::{more_pages, prefetch, selection_changed};
use super::{Effect, Level, State};

fn rows(state: &State) -> usize {
    state.geometry.list_rows
}

/// Narrows the list to rows matching `text`.
pub(super) fn set_search(state: &mut State, text: &str) -> Vec<Effect> {
    let before = state.selected().map(|s| s.id.clone());
    state.list.set_search(text);
    state.list.scroll_to_cursor(rows(state));
    let mut effects = if state.selected().map(|s| &s.id) != before.as_ref() {
        selection_changed(state)
    } else {
        prefetch(state)
    };
    effects.extend(more_pages(state));
    effects
}

/// Moves the cursor by `delta` rows, fetching more pages near the end.
pub(super) fn step(state: &mut State, delta: isize) -> Vec<Effect> {
    let changed = state.list.move_by(delta, rows(state));
    let mut effects = if changed {
        selection_changed(state)
    } else {
        Vec::new()
    };
    effects.extend(more_pages(state));
    effects
}

/// Scrolls the detail pane by `delta` lines, within its content.
pub(super) fn scroll_detail(state: &mut State, delta: isize) {
    let target = (state.detail_scroll as isize)
        .saturating_add(delta)
        .clamp(0, u16::MAX as isize);
    state.detail_scroll = target as u16;
    clamp_detail_scroll(state);
}

/// Keeps the detail scroll within what the drawing side measured.
pub(super) fn clamp_detail_scroll(state: &mut State) {
    let g = state.geometry;
    let max = g.detail_lines.saturating_sub(g.detail_rows);
    state.detail_scroll = state.detail_scroll.min(max.min(u16::MAX as usize) as u16);
}

/// The screen changed size.
pub(super) fn resized(state: &mut State) -> Vec<Effect> {
    state.list.scroll_to_cursor(rows(state));
    clamp_detail_scroll(state);
    let mut effects = prefetch(state);
    effects.extend(more_pages(state));
    effects
}

/// Moves the cursor to an invitation, if it is in the list.
pub(super) fn select(state: &mut State, id: &str) -> Vec<Effect> {
    if state.list.select(id, rows(state)) {
        selection_changed(state)
    } else {
        Vec::new()
    }
}

/// Moves the cursor to the next unread invitation below it, wrapping around.
pub(super) fn next_new(state: &mut State) -> Vec<Effect> {
    let Some(id) = state
        .list
        .next_matching(|id| state.memory.unread.contains(id))
    else {
        state.notify(Level::Info, "Nothing new");
        return Vec::new();
    };
    select(state, &id)
}
