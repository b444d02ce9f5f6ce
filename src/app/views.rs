//! The inbox's named views: which one is on, what the user changed of it (`s`, `p`, `f`), and
//! how many invitations each shows. The service lists a whole side; a view of the side on screen
//! is applied to the loaded rows at once, a view of the other side loads that side.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};

use super::{inbox, DetailEntry, Effect, Priority, Remember, State};
use crate::domain::{
    CachedView, InvitationStatus, InvitationSummary, Page, Participant, PayloadKind, View,
};
use crate::service::ServiceError;

/// The views, the one on screen and their counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Views {
    /// The configured views, in key order (1–9).
    pub all: Vec<View>,
    /// The one chosen last.
    pub chosen: usize,
    /// The chosen view with what the user changed of it since.
    pub active: View,
    /// How many invitations each view shows; `None` until known. Views of the side on screen
    /// count the loaded rows; those of the other side count what the local store last held.
    pub counts: Vec<Option<usize>>,
    /// The list's rows revision and the time the counts were worked out at.
    counted: Option<(u64, DateTime<Utc>)>,
    /// Details asked for because the sort needs them, not answered yet.
    backfilling: HashSet<String>,
    /// The side not on screen as listed so far, while its background listing runs.
    listing: Option<(Participant, Vec<InvitationSummary>)>,
    /// The side whose counts came from a complete listing: the store's older rows do not
    /// replace them.
    listed: Option<Participant>,
}

impl Views {
    /// Views opening on the first (or on every received invitation, if there is none).
    pub fn new(all: Vec<View>) -> Self {
        let active = all
            .first()
            .cloned()
            .unwrap_or_else(|| View::all("All", Participant::Received));
        Views {
            counts: vec![None; all.len()],
            all,
            chosen: 0,
            active,
            counted: None,
            backfilling: HashSet::new(),
            listing: None,
            listed: None,
        }
    }

    /// True when the user changed the chosen view's filters or order.
    pub fn modified(&self) -> bool {
        self.all.get(self.chosen) != Some(&self.active)
    }
}

/// Switches to view `index` (from 0), as configured: what was changed of the view on screen is
/// dropped.
pub(super) fn switch(state: &mut State, index: usize) -> Vec<Effect> {
    let Some(view) = state.views.all.get(index).cloned() else {
        return Vec::new();
    };
    state.views.chosen = index;
    apply(state, view)
}

/// The next view (`step` 1) or the previous (`step` -1), wrapping around.
pub(super) fn step(state: &mut State, step: isize) -> Vec<Effect> {
    let n = state.views.all.len() as isize;
    if n == 0 {
        return Vec::new();
    }
    let index = (state.views.chosen as isize + step).rem_euclid(n);
    switch(state, index as usize)
}

/// Puts the first view of `side` on screen (or, if none is configured, every invitation of
/// it), loading the side afresh.
pub(super) fn show_side(state: &mut State, side: Participant) -> Vec<Effect> {
    if state.side() == side {
        return inbox::reload(state);
    }
    match state.views.all.iter().position(|v| v.side == side) {
        Some(index) => switch(state, index),
        None => {
            let name = match side {
                Participant::Received => "Received",
                Participant::Sent => "Sent",
            };
            apply(state, View::all(name, side))
        }
    }
}

/// Sorts the view on screen the next way.
pub(super) fn next_sort(state: &mut State) -> Vec<Effect> {
    let mut view = state.views.active.clone();
    view.sort = view.sort.next();
    apply(state, view)
}

/// Shows only pending invitations, or every status, in the view on screen.
pub(super) fn toggle_pending(state: &mut State) -> Vec<Effect> {
    let mut view = state.views.active.clone();
    view.statuses = if view.statuses == [InvitationStatus::Pending] {
        Vec::new()
    } else {
        vec![InvitationStatus::Pending]
    };
    apply(state, view)
}

/// Sets the statuses and payload types the view on screen shows.
pub(super) fn set_filters(
    state: &mut State,
    statuses: Vec<InvitationStatus>,
    payloads: Vec<PayloadKind>,
) -> Vec<Effect> {
    let mut view = state.views.active.clone();
    view.statuses = statuses;
    view.payloads = payloads;
    apply(state, view)
}

/// Puts a view on screen. The same side: the loaded rows are filtered and sorted again. The
/// other side: that side is loaded.
fn apply(state: &mut State, view: View) -> Vec<Effect> {
    let same_side = view.side == state.views.active.side;
    state.views.active = view.clone();
    let rows = state.geometry.list_rows;
    let before = state.selected().map(|s| s.id.clone());
    state.list.set_view(view, state.clock.now, rows);
    let mut effects = if !same_side {
        inbox::reload(state)
    } else if state.selected().map(|s| &s.id) != before.as_ref() {
        inbox::selection_changed(state)
    } else {
        Vec::new()
    };
    effects.extend(fetch_sort_details(state, true));
    effects
}

/// Details asked for at a time for a view sorted by customer or spend.
const SORT_DETAILS_AT_ONCE: usize = 16;

/// A detail answered (or failed): one backfill fewer waits.
pub(super) fn detail_answered(state: &mut State, id: &str) {
    state.views.backfilling.remove(id);
}

/// A view sorted by customer or spend needs every row's detail. Those not known yet are read
/// from the local store (with `from_store`, when the view goes on screen) and asked of the
/// service a few at a time: each answer asks for the next few, and the read queue paces them
/// under the quota, behind everything else.
pub(super) fn fetch_sort_details(state: &mut State, from_store: bool) -> Vec<Effect> {
    if !state.views.active.sort.needs_detail() {
        state.views.backfilling.clear();
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
    let room = SORT_DETAILS_AT_ONCE.saturating_sub(state.views.backfilling.len());
    let wanted: Vec<String> = missing().take(room).collect();
    for id in wanted {
        state.views.backfilling.insert(id.clone());
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
pub(super) fn count_other_side(state: &mut State) -> Vec<Effect> {
    let other = match state.views.active.side {
        Participant::Received => Participant::Sent,
        Participant::Sent => Participant::Received,
    };
    if !state.views.all.iter().any(|v| v.side == other) {
        return Vec::new();
    }
    state.views.listing = Some((other, Vec::new()));
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
pub(super) fn on_side_listed(
    state: &mut State,
    side: Participant,
    result: Result<Page<InvitationSummary>, ServiceError>,
) -> Vec<Effect> {
    let listing = match &mut state.views.listing {
        Some((listed, rows)) if *listed == side && side != state.views.active.side => rows,
        _ => return Vec::new(),
    };
    let Ok(page) = result else {
        state.views.listing = None;
        return Vec::new();
    };
    listing.extend(page.items);
    if page.next_token.is_some() {
        return vec![Effect::ListSide {
            side,
            next_token: page.next_token,
        }];
    }
    let Some((_, rows)) = state.views.listing.take() else {
        return Vec::new();
    };
    if side == Participant::Received {
        state.watching.learn(&rows);
    }
    count_side(state, side, &rows);
    state.views.listed = Some(side);
    vec![Effect::Remember {
        what: Remember::Rows {
            rows,
            unread: Vec::new(),
        },
        at: state.clock.now,
    }]
}

/// Counts the views of `side` over these rows.
fn count_side(state: &mut State, side: Participant, rows: &[InvitationSummary]) {
    let now = state.clock.now;
    for (view, count) in state.views.all.iter().zip(&mut state.views.counts) {
        if view.side == side {
            *count = Some(rows.iter().filter(|r| view.admits(r, now)).count());
        }
    }
}

/// The local store's rows of one side: the counts of its views, unless it is on screen.
pub(super) fn on_cached_side(
    state: &mut State,
    side: Participant,
    result: Result<CachedView, String>,
) -> Vec<Effect> {
    let Ok(cached) = result else {
        return Vec::new();
    };
    if side == state.views.active.side || cached.rows.is_empty() || state.views.listed == Some(side)
    {
        // Nothing stored of that side: its counts are unknown, not zero.
        return Vec::new();
    }
    let rows: Vec<InvitationSummary> = cached.rows.into_iter().map(|r| r.summary).collect();
    count_side(state, side, &rows);
    Vec::new()
}

/// Works the counts of the side on screen out again when the rows changed, and moves expiry
/// windows on each minute.
pub(super) fn recount(state: &mut State) {
    let now = state.clock.now;
    let rolled = match state.views.counted {
        Some((_, at)) if now - at < Duration::minutes(1) => at,
        _ => {
            state.list.retime(now, state.geometry.list_rows);
            now
        }
    };
    let revision = state.list.rows_revision();
    if state.views.counted == Some((revision, rolled)) {
        return;
    }
    let side = state.views.active.side;
    let views = &mut state.views;
    for (view, count) in views.all.iter().zip(&mut views.counts) {
        if view.side == side {
            *count = Some(state.list.count(view, rolled));
        }
    }
    views.counted = Some((revision, rolled));
}
