//! The listing of the side on screen: the store's rows at once, then the service's pages, a
//! refresh that keeps the rows until its first page, and the further pages until the listing
//! is complete.

use super::cache;
use super::details::{prefetch, selection_changed};
use crate::app::list::RowFacts;
use crate::app::{Effect, Focus, Level, State};
use crate::domain::{CachedView, InvitationSummary, Page, Participant};
use crate::keymap::Action;
use crate::service::ServiceError;

fn rows(state: &State) -> usize {
    state.geometry.list_rows
}

/// Starts over on the side on screen: rows go (the local store's come back at once), cached
/// details stay (they are keyed by id).
pub(in crate::app) fn reload(state: &mut State) -> Vec<Effect> {
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
pub(in crate::app) fn refresh(state: &mut State) -> Vec<Effect> {
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
pub(in crate::app) fn more_pages(state: &mut State) -> Vec<Effect> {
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

/// A page of invitations arrived.
pub(in crate::app) fn on_page(
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

/// The store's rows of the current view: shown at once, unless the service answered first.
pub(in crate::app) fn on_cached_view(
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
