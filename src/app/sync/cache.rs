//! The local store's side of the inbox: the cached rows shown at once, what arrived since the
//! last visit and what the user has read since, and whether the service can be reached. The
//! store itself is written by effects; this module only decides what to ask of it.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::app::notices::Topic;
use crate::app::{DetailEntry, Effect, Level, Remember, State};
use crate::domain::{InvitationDetail, InvitationStatus, InvitationSummary, Participant};
use crate::keymap::Action;
use crate::service::ServiceError;

/// What the inbox knows of the local store's rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Memory {
    /// A complete listing was seen before (in an earlier run or this one): only then do
    /// invitations the inbox has not seen count as new.
    pub visited: bool,
    /// Arrived since the last visit and not selected since.
    pub unread: HashSet<String>,
    /// The rows on screen came from the store, fetched then; the service has not answered yet.
    pub as_of: Option<DateTime<Utc>>,
    /// The service could not be reached: the inbox is read-only until it can.
    pub offline: bool,
    /// The requests made today, by every process of this origin, once counted.
    pub requests_today: Option<crate::domain::Requests>,
}

impl Memory {
    /// Unread invitations among `ids`.
    pub fn unread_among<'a>(&self, ids: impl Iterator<Item = &'a str>) -> usize {
        if self.unread.is_empty() {
            return 0;
        }
        ids.filter(|id| self.unread.contains(*id)).count()
    }
}

/// Details the store had: shown until the service's arrive.
pub(in crate::app) fn on_cached_details(
    state: &mut State,
    generation: u64,
    details: Vec<InvitationDetail>,
) -> Vec<Effect> {
    if generation != state.details.generation() {
        return Vec::new();
    }
    for detail in details {
        let id = detail.summary.id.clone();
        if !matches!(state.details.get(&id), Some(DetailEntry::Ready(_))) {
            state.details.set(&id, DetailEntry::Ready(Box::new(detail)));
        }
    }
    Vec::new()
}

/// Rows the inbox learned from a listing of `side`, into the store (and from there into the
/// list); those in `unread` are new to the user. A look's rows count as listed by the listing
/// under way, which must not forget them.
pub(super) fn remember_rows(
    state: &mut State,
    side: Participant,
    mut rows: Vec<InvitationSummary>,
    unread: Vec<String>,
) -> Effect {
    for row in &mut rows {
        row.participant.get_or_insert(side);
    }
    state
        .reads
        .seen
        .extend(rows.iter().map(|row| row.id.clone()));
    state.reads.writing();
    Effect::Remember {
        what: Remember::Rows { rows, unread },
        at: state.clock.now,
    }
}

/// A page of the listing arrived: those received since a complete earlier listing and not
/// listed before are new. The service answered, so the inbox is online.
pub(in crate::app) fn remember_page(state: &mut State, rows: Vec<InvitationSummary>) -> Effect {
    let unread: Vec<String> = if state.memory.visited && state.side() == Participant::Received {
        rows.iter()
            .filter(|row| !state.list.contains(&row.id))
            .map(|row| row.id.clone())
            .collect()
    } else {
        Vec::new()
    };
    state.memory.as_of = None;
    if state.memory.offline {
        state.memory.offline = false;
        state.notices.resolve(Topic::Offline, state.clock.now);
    }
    remember_rows(state, state.side(), rows, unread)
}

/// Received invitations the watch found arrived: into the store, unread.
pub(in crate::app) fn arrived(state: &mut State, rows: Vec<InvitationSummary>) -> Vec<Effect> {
    if rows.is_empty() {
        return Vec::new();
    }
    let unread = rows.iter().map(|row| row.id.clone()).collect();
    vec![remember_rows(state, Participant::Received, rows, unread)]
}

/// The listing is complete: what the store has of the view and the listing did not list is
/// gone.
pub(in crate::app) fn listed(state: &mut State) -> Effect {
    state.memory.visited = true;
    tell_unknown_kinds(state);
    state.reads.writing();
    Effect::Remember {
        what: Remember::Listed {
            query: state.query(),
            ids: state.reads.seen.clone(),
        },
        at: state.clock.now,
    }
}

/// Once a run, after a complete listing: how many invitations are of a payload type this build
/// does not know (their details show their fields as sent).
fn tell_unknown_kinds(state: &mut State) {
    if state.reads.told_unknown || state.reads.unknown_kinds.is_empty() {
        return;
    }
    state.reads.told_unknown = true;
    let total: usize = state.reads.unknown_kinds.values().sum();
    let kinds: Vec<String> = state
        .reads
        .unknown_kinds
        .iter()
        .map(|(kind, n)| format!("{kind} ({n})"))
        .collect();
    let (count, them) = match total {
        1 => ("1 invitation".to_string(), "its detail shows its fields"),
        n => (
            format!("{n} invitations"),
            "their details show their fields",
        ),
    };
    state.notify(
        Level::Info,
        format!(
            "{count} of a kind this version does not know fully: {}; {them} as the service sent them.",
            kinds.join(", ")
        ),
    );
}

/// A detail arrived from the service.
pub(in crate::app) fn remember_detail(state: &mut State, detail: &InvitationDetail) -> Effect {
    state.reads.writing();
    Effect::Remember {
        what: Remember::Detail(Box::new(detail.clone())),
        at: state.clock.now,
    }
}

/// The selection rested on `id`: it is read now.
pub(in crate::app) fn mark_read(state: &mut State, id: &str) -> Option<Effect> {
    state.memory.unread.remove(id).then(|| Effect::Remember {
        what: Remember::Read(id.to_string()),
        at: state.clock.now,
    })
}

/// A read failed. With rows to show and no connection, the inbox goes read-only (and says so
/// once); true when it is.
pub(in crate::app) fn went_offline(state: &mut State, error: &ServiceError) -> bool {
    if !matches!(error, ServiceError::Network { .. }) || state.list.loaded() == 0 {
        return false;
    }
    if !state.memory.offline {
        state.memory.offline = true;
        let key = state.list_key(Action::Refresh);
        state.notices.push_on(
            Topic::Offline,
            Level::Error,
            format!("Offline: {error} Showing what was cached; trying again by itself (or press {key})."),
            state.clock.now,
        );
    }
    true
}

/// The service answers again: no longer offline, and the offline notice is resolved.
pub(in crate::app) fn back_online(state: &mut State) {
    state.memory.offline = false;
    state.notices.resolve(Topic::Offline, state.clock.now);
    state.notify(Level::Success, "Back online: catching up.");
}

/// Pending invitations whose expiry date has passed: expired here and now, without asking the
/// service (whose next pass over the pending set agrees).
pub(in crate::app) fn expire_due(state: &mut State) -> Vec<Effect> {
    let now = state.clock.now;
    let due: Vec<InvitationSummary> = state
        .list
        .ids()
        .filter_map(|id| state.list.get(id))
        .filter(|row| {
            row.status == Some(InvitationStatus::Pending)
                && row.expiration_date.is_some_and(|at| at <= now)
        })
        .map(|row| InvitationSummary {
            status: Some(InvitationStatus::Expired),
            ..row.clone()
        })
        .collect();
    if state.side() == Participant::Received {
        state.watching.learn(&due);
    }
    changed(state, due)
}

/// Invitations whose status changed elsewhere, as a look listed them (or as their expiry
/// passed): into the store.
pub(in crate::app) fn changed(state: &mut State, rows: Vec<InvitationSummary>) -> Vec<Effect> {
    if rows.is_empty() {
        return Vec::new();
    }
    vec![remember_rows(
        state,
        Participant::Received,
        rows,
        Vec::new(),
    )]
}

/// Refuses an action that needs the service while offline (nothing is queued); true when it
/// did.
pub(in crate::app) fn refuse_offline(state: &mut State, what: &str) -> bool {
    if !state.memory.offline {
        return false;
    }
    let key = state.list_key(Action::Refresh);
    state.notify(
        Level::Error,
        format!(
            "Offline: cannot {what} until the service can be reached. Press {key} to try again."
        ),
    );
    true
}
