//! The inbox's named views: which one is on, what the user changed of it (`s`, `p`, `f`), and
//! how many invitations each shows. The service lists a whole side; a view of the side on screen
//! is applied to the loaded rows at once, a view of the other side loads that side.

use chrono::{DateTime, Duration, Utc};

use super::{sync, Effect, State};
use crate::domain::{InvitationStatus, InvitationSummary, Participant, PayloadKind, View};

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
        }
    }

    /// Counts the views of `side` over these rows, at `now`.
    pub(super) fn count_side(
        &mut self,
        side: Participant,
        rows: &[InvitationSummary],
        now: DateTime<Utc>,
    ) {
        for (view, count) in self.all.iter().zip(&mut self.counts) {
            if view.side == side {
                *count = Some(rows.iter().filter(|r| view.admits(r, now)).count());
            }
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
        return sync::reload(state);
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
        sync::reload(state)
    } else if state.selected().map(|s| &s.id) != before.as_ref() {
        sync::selection_changed(state)
    } else {
        Vec::new()
    };
    effects.extend(sync::fetch_sort_details(state, true));
    effects
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
