//! The inbox underneath every dialog: pages of invitations, the selection, the search, detail
//! fetches, and what each reply changes. The list and detail modes call in here.

mod msg;
mod update;

pub use msg::InboxMsg;
pub(super) use update::update;

use super::list::RowFacts;
use super::{cache, DetailEntry, Effect, Focus, Level, Priority, State};
use crate::domain::{CachedView, InvitationDetail, InvitationSummary, Page, Participant};
use crate::keymap::Action;
use crate::service::ServiceError;

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

/// Starts over on the side on screen: rows go (the local store's come back at once), cached
/// details stay (they are keyed by id).
pub(super) fn reload(state: &mut State) -> Vec<Effect> {
    state.list_generation += 1;
    state.list.clear();
    state.replace_rows = false;
    state.memory.as_of = None;
    state.focus = Focus::List;
    state.detail_scroll = 0;
    let mut effects = vec![Effect::ReadCachedView {
        generation: state.list_generation,
        query: state.query(),
    }];
    effects.extend(first_page(state));
    effects
}

/// Reloads the same query, keeping rows on screen until the new first page arrives.
pub(super) fn refresh(state: &mut State) -> Vec<Effect> {
    state.list_generation += 1;
    state.details.invalidate();
    state.replace_rows = true;
    first_page(state)
}

fn first_page(state: &mut State) -> Vec<Effect> {
    state.list.loading = true;
    vec![Effect::LoadPage {
        generation: state.list_generation,
        query: state.query(),
        next_token: None,
    }]
}

/// The next page of the listing, until it is complete: every row of the view is then in the
/// list and in the local store, for search and for the next start.
fn more_pages(state: &mut State) -> Vec<Effect> {
    if state.list.next_token().is_none() || state.list.loading {
        return Vec::new();
    }
    state.list.loading = true;
    vec![Effect::LoadPage {
        generation: state.list_generation,
        query: state.query(),
        next_token: state.list.next_token().cloned(),
    }]
}

/// Moves the cursor to an invitation, if it is in the list.
pub(super) fn select(state: &mut State, id: &str) -> Vec<Effect> {
    if state.list.select(id, rows(state)) {
        selection_changed(state)
    } else {
        Vec::new()
    }
}

pub(super) fn selection_changed(state: &mut State) -> Vec<Effect> {
    state.detail_scroll = 0;
    state.selection_epoch += 1;
    if state.selected().is_none() {
        state.focus = Focus::List;
    }
    let mut effects = vec![Effect::SettleSelection {
        epoch: state.selection_epoch,
        after: state.settings.debounce,
    }];
    effects.extend(prefetch(state));
    effects
}

/// Background detail fetches for the rows on screen that have none yet: from the local store at
/// once, and from the service. Rows still waiting are asked for again: the read queue keeps one
/// request per row and serves the newest first.
fn prefetch(state: &mut State) -> Vec<Effect> {
    let generation = state.details.generation();
    let wanted: Vec<String> = state
        .list
        .window(rows(state))
        .filter(|(_, row)| {
            matches!(
                state.details.get(&row.id),
                None | Some(DetailEntry::Loading { urgent: false })
            )
        })
        .map(|(_, row)| row.id.clone())
        .collect();
    let mut effects = Vec::with_capacity(wanted.len() + 1);
    if !wanted.is_empty() {
        effects.push(Effect::ReadCachedDetails {
            generation,
            ids: wanted.clone(),
        });
    }
    effects.extend(wanted.into_iter().map(|id| {
        state
            .details
            .set(&id, DetailEntry::Loading { urgent: false });
        Effect::LoadDetail {
            id,
            generation,
            priority: Priority::Prefetch,
        }
    }));
    effects
}

/// A page of invitations arrived.
pub(super) fn on_page(
    state: &mut State,
    generation: u64,
    result: Result<Page<InvitationSummary>, ServiceError>,
) -> Vec<Effect> {
    if generation != state.list_generation {
        return Vec::new();
    }
    state.list.loading = false;
    match result {
        Ok(page) => {
            let replace = std::mem::take(&mut state.replace_rows);
            let first = state.list.pages() == 0 || replace;
            let before = state.selected().map(|s| s.id.clone());
            if replace {
                state.list.begin_sync();
            }
            if state.side() == Participant::Received {
                state.watching.learn(&page.items);
            }
            let listed = page.items.clone();
            let added = state.list.merge(page, rows(state));
            let mut remembered = vec![cache::remember_page(state, listed, &added)];
            if state.list.next_token().is_none() {
                let gone = state.list.finish_sync(rows(state));
                remembered.extend(cache::remember_gone(state, gone));
            }
            if let Some(id) = state.select_after_load.clone() {
                if state.list.select(&id, rows(state)) {
                    state.select_after_load = None;
                }
            }
            let mut effects = if first || state.selected().map(|s| &s.id) != before.as_ref() {
                selection_changed(state)
            } else {
                prefetch(state)
            };
            effects.extend(more_pages(state));
            effects.extend(remembered);
            effects
        }
        Err(e) => {
            state.replace_rows = false;
            if cache::went_offline(state, &e) {
                return Vec::new();
            }
            state.list.failed = Some(e.to_string());
            let key = state.list_key(Action::Refresh);
            state.notify(
                Level::Error,
                format!("Could not load invitations: {e} Press {key} to try again."),
            );
            Vec::new()
        }
    }
}

/// An invitation's detail arrived.
pub(super) fn on_detail(
    state: &mut State,
    id: String,
    generation: u64,
    result: Result<Box<InvitationDetail>, ServiceError>,
) -> Vec<Effect> {
    if generation != state.details.generation() {
        return Vec::new();
    }
    match result {
        Ok(detail) => {
            if state.watching.knows(&id) {
                state.watching.learn([&detail.summary]);
            }
            if let Some(status) = detail.summary.status.clone() {
                state.list.update_row(&id, |row| row.status = Some(status));
            }
            let remember = cache::remember_detail(state, &detail);
            state.details.set(&id, DetailEntry::Ready(detail));
            vec![remember]
        }
        Err(_) if matches!(state.details.get(&id), Some(DetailEntry::Ready(_))) => Vec::new(),
        Err(e) => {
            if state.selected().is_some_and(|s| s.id == id) && !state.memory.offline {
                state.notify(Level::Error, format!("Could not load {id}: {e}"));
            }
            state.details.set(&id, DetailEntry::Failed(e.to_string()));
            Vec::new()
        }
    }
}

/// The selection has rested: fetch its detail now, ahead of the prefetches.
pub(super) fn on_settled(state: &mut State, epoch: u64) -> Vec<Effect> {
    if epoch != state.selection_epoch {
        return Vec::new();
    }
    let Some(id) = state.selected().map(|s| s.id.clone()) else {
        return Vec::new();
    };
    let read = cache::mark_read(state, &id);
    let mut linked = super::opportunities::want(state, &id);
    linked.extend(super::engagements::want_for_selection(state, &id));
    let mut effects = match state.details.get(&id) {
        Some(DetailEntry::Ready(_) | DetailEntry::Loading { urgent: true }) => Vec::new(),
        _ => {
            state
                .details
                .set(&id, DetailEntry::Loading { urgent: true });
            vec![Effect::LoadDetail {
                id,
                generation: state.details.generation(),
                priority: Priority::Selected,
            }]
        }
    };
    effects.extend(read);
    effects.extend(linked);
    effects
}

/// The store's rows of the current view: shown at once, unless the service answered first.
pub(super) fn on_cached_view(
    state: &mut State,
    generation: u64,
    result: Result<CachedView, String>,
) -> Vec<Effect> {
    if generation != state.list_generation {
        return Vec::new();
    }
    let view = match result {
        Ok(view) => view,
        Err(e) => {
            state.notify(Level::Error, format!("Could not read the local store: {e}"));
            return Vec::new();
        }
    };
    state.memory.visited |= view.visited;
    if state.list.pages() > 0 || view.rows.is_empty() {
        return Vec::new();
    }
    state.memory.as_of = view.as_of;
    let mut rows = Vec::with_capacity(view.rows.len());
    for row in view.rows {
        if row.unread {
            state.memory.unread.insert(row.summary.id.clone());
        }
        let facts = RowFacts {
            customer: row.customer,
            spend: row.spend,
        };
        rows.push((row.summary, facts));
    }
    state.list.load(rows);
    selection_changed(state)
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
