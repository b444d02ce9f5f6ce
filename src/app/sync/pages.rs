//! The listing of the side on screen: the store's rows at once, then the service's pages, a
//! refresh that keeps the rows until its first page, and the further pages until the listing
//! is complete.

use super::cache;
use super::stored;
use crate::app::{Effect, Focus, Level, State};
use crate::domain::{CachedView, InvitationSummary, Page, Participant, PayloadKind};
use crate::keymap::Action;
use crate::service::ServiceError;

/// Starts over on the side on screen: rows go (the local store's come back at once), cached
/// details stay (they are keyed by id).
pub(in crate::app) fn reload(state: &mut State) -> Vec<Effect> {
    state.list_generation += 1;
    state.list.clear();
    state.replace_rows = false;
    state.memory.as_of = None;
    state.reads.seen.clear();
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

/// A page of invitations arrived: it goes into the local store, whose rows the list shows
/// once stored ([`super::stored`]).
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
            if std::mem::take(&mut state.replace_rows) || state.list.pages() == 0 {
                state.list.restart_paging();
                state.reads.seen.clear();
                state.reads.unknown_kinds.clear();
            }
            for row in &page.items {
                if let Some(PayloadKind::Unknown(kind)) = &row.payload_kind {
                    *state.reads.unknown_kinds.entry(kind.clone()).or_default() += 1;
                }
            }
            if state.side() == Participant::Received {
                state.watching.learn(&page.items);
            }
            state.list.paged(page.next_token);
            state
                .reads
                .seen
                .extend(page.items.iter().map(|row| row.id.clone()));
            let mut effects = vec![cache::remember_page(state, page.items)];
            if state.list.next_token().is_none() {
                effects.push(cache::listed(state));
            }
            effects.extend(more_pages(state));
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

/// The store's rows of the current view: the list is now exactly these.
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
    if view.rows.is_empty() && state.list.loaded() == 0 {
        return Vec::new();
    }
    if state.list.pages() == 0 {
        state.memory.as_of = view.as_of;
    }
    let before = stored::Before::of(state);
    let mut rows = Vec::with_capacity(view.rows.len());
    for row in view.rows {
        // A row read since stays read, whatever a read queued before it found.
        let fresh = !state.list.contains(&row.summary.id);
        if row.unread && (fresh || state.memory.unread.contains(&row.summary.id)) {
            state.memory.unread.insert(row.summary.id.clone());
        } else {
            state.memory.unread.remove(&row.summary.id);
        }
        let facts = stored::facts(&row);
        rows.push((row.summary, facts));
    }
    state.list.load(rows);
    stored::after_rows(state, before)
}
