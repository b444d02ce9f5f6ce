//! Reads for the views: the details a sort by customer or spend needs (a few at a time, behind
//! everything else), and the side not on screen, listed in the background to count its views.

use crate::app::{DetailEntry, Effect, Priority, State};
use crate::domain::{CachedView, InvitationSummary, Page, Participant};
use crate::service::ServiceError;

/// Details asked for at a time for a view sorted by customer or spend.
const SORT_DETAILS_AT_ONCE: usize = 16;

/// A detail answered (or failed): one backfill fewer waits.
pub(in crate::app) fn detail_answered(state: &mut State, id: &str) {
    state.reads.backfilling.remove(id);
}

/// A view sorted by customer or spend needs every row's detail. Those not known yet are read
/// from the local store (with `from_store`, when the view goes on screen) and asked of the
/// service a few at a time: each answer asks for the next few, and the read queue paces them
/// under the quota, behind everything else.
pub(in crate::app) fn fetch_sort_details(state: &mut State, from_store: bool) -> Vec<Effect> {
    if !state.views.active.sort.needs_detail() {
        state.reads.backfilling.clear();
        return Vec::new();
    }
    let generation = state.details.generation();
    let missing = || {
        state
            .list
            .in_view()
            .filter(|row| state.details.get(&row.id).is_none())
            .map(|row| row.id.clone())
    };
    let mut effects = Vec::new();
    if from_store {
        let ids: Vec<String> = missing().collect();
        if !ids.is_empty() {
            effects.push(Effect::ReadCachedDetails { generation, ids });
        }
    }
    let room = SORT_DETAILS_AT_ONCE.saturating_sub(state.reads.backfilling.len());
    let wanted: Vec<String> = missing().take(room).collect();
    for id in wanted {
        state.reads.backfilling.insert(id.clone());
        state
            .details
            .set(&id, DetailEntry::Loading { urgent: false });
        effects.push(Effect::LoadDetail {
            id,
            generation,
            priority: Priority::Backfill,
        });
    }
    effects
}

/// The effects that count the views of the side not on screen: from the local store at once,
/// then from a listing of that side in the background (behind every other read).
pub(in crate::app) fn count_other_side(state: &mut State) -> Vec<Effect> {
    let other = match state.views.active.side {
        Participant::Received => Participant::Sent,
        Participant::Sent => Participant::Received,
    };
    if !state.views.all.iter().any(|v| v.side == other) {
        return Vec::new();
    }
    state.reads.listing = Some((other, Vec::new()));
    vec![
        Effect::ReadCachedSide { side: other },
        Effect::ListSide {
            side: other,
            next_token: None,
        },
    ]
}

/// A page of the side not on screen: the next is asked for; after the last, that side's views
/// are counted and its rows remembered. A failure leaves the counts the store gave.
pub(in crate::app) fn on_side_listed(
    state: &mut State,
    side: Participant,
    result: Result<Page<InvitationSummary>, ServiceError>,
) -> Vec<Effect> {
    let listing = match &mut state.reads.listing {
        Some((listed, rows)) if *listed == side && side != state.views.active.side => rows,
        _ => return Vec::new(),
    };
    let Ok(page) = result else {
        state.reads.listing = None;
        return Vec::new();
    };
    listing.extend(page.items);
    if page.next_token.is_some() {
        return vec![Effect::ListSide {
            side,
            next_token: page.next_token,
        }];
    }
    let Some((_, rows)) = state.reads.listing.take() else {
        return Vec::new();
    };
    if side == Participant::Received {
        state.watching.learn(&rows);
    }
    let now = state.clock.now;
    state.views.count_side(side, &rows, now);
    state.reads.listed = Some(side);
    vec![super::cache::remember_rows(state, side, rows, Vec::new())]
}

/// The local store's rows of one side: the counts of its views, unless it is on screen.
pub(in crate::app) fn on_cached_side(
    state: &mut State,
    side: Participant,
    result: Result<CachedView, String>,
) -> Vec<Effect> {
    let Ok(cached) = result else {
        return Vec::new();
    };
    if side == state.views.active.side || cached.rows.is_empty() || state.reads.listed == Some(side)
    {
        // Nothing stored of that side: its counts are unknown, not zero.
        return Vec::new();
    }
    let rows: Vec<InvitationSummary> = cached.rows.into_iter().map(|r| r.summary).collect();
    let now = state.clock.now;
    state.views.count_side(side, &rows, now);
    Vec::new()
}
