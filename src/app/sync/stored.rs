//! What the local store holds after a write goes into the list: the views show the store's
//! rows, and only those. A page, a look, a detail, the other side's listing, whatever wrote it,
//! the row reaches the screen the same way, as stored.

use super::details::{prefetch, selection_changed};
use super::Stored;
use crate::app::list::RowFacts;
use crate::app::{Effect, State};
use crate::domain::CachedRow;

/// The selection before rows came or went.
pub(super) struct Before(Option<String>);

impl Before {
    pub(super) fn of(state: &State) -> Self {
        Before(state.selected().map(|s| s.id.clone()))
    }
}

/// What a stored row's detail told the list.
pub(super) fn facts(row: &CachedRow) -> RowFacts {
    RowFacts {
        customer: row.customer.clone(),
        spend: row.spend,
    }
}

/// The store wrote rows, or forgot them: the list follows.
pub(in crate::app) fn on_stored(state: &mut State, stored: Stored) -> Vec<Effect> {
    state.reads.stored();
    let height = state.geometry.list_rows;
    let before = Before::of(state);
    let moved = match stored {
        Stored::Rows(rows) => {
            let query = state.query();
            let rows: Vec<CachedRow> = rows
                .into_iter()
                .filter(|row| query.admits(&row.summary))
                .collect();
            let unread: Vec<String> = rows
                .iter()
                .filter(|row| row.unread)
                .map(|row| row.summary.id.clone())
                .collect();
            let put = rows
                .into_iter()
                .map(|row| {
                    let facts = facts(&row);
                    (row.summary, facts)
                })
                .collect();
            let added = state.list.put(put, height);
            // Only a row new to the list can be new to the user: one already shown may have
            // been read since the write.
            state
                .memory
                .unread
                .extend(unread.into_iter().filter(|id| added.contains(id)));
            !added.is_empty()
        }
        Stored::Detail(row) => {
            let Some(row) = row.filter(|row| state.list.contains(&row.summary.id)) else {
                return Vec::new();
            };
            let id = row.summary.id.clone();
            if let Some(status) = row.summary.status.clone() {
                state
                    .list
                    .update_row(&id, |summary| summary.status = Some(status));
            }
            state.list.set_facts(&id, facts(&row));
            false
        }
        Stored::Gone(ids) => {
            for id in &ids {
                state.memory.unread.remove(id);
            }
            state.list.forget(&ids, height);
            !ids.is_empty()
        }
    };
    if moved {
        after_rows(state, before)
    } else {
        follow_selection(state, before).unwrap_or_default()
    }
}

/// After rows came or went: the invitation a create asked for is selected once listed, and a
/// selection that moved to another invitation (or appeared) is followed, else the rows now on
/// screen get their details.
pub(super) fn after_rows(state: &mut State, before: Before) -> Vec<Effect> {
    follow_selection(state, before).unwrap_or_else(|| prefetch(state))
}

/// The selection's part of [`after_rows`]: `None` when it stayed on the same invitation.
fn follow_selection(state: &mut State, before: Before) -> Option<Vec<Effect>> {
    if let Some(id) = state.select_after_load.clone() {
        if state.list.select(&id, state.geometry.list_rows) {
            state.select_after_load = None;
        }
    }
    (state.selected().map(|s| &s.id) != before.0.as_ref()).then(|| selection_changed(state))
}
