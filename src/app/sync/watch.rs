//! The inbox watches by itself, on the sync engine's rules ([`crate::sync`]): every
//! `[watch] interval_seconds` a look lists the received invitations newest first until what it
//! knew (a pass over the pending set every few looks), adds what arrived to the list (marked
//! new, announced), updates what changed and re-reads the detail of what left the pending set;
//! what passed its expiry date is expired here at the start of a look, at no cost.
//! A look that fails is tried again after a backoff, with no key press; when the service is
//! back the inbox catches up and stops saying it is offline.

use super::{cache, pages};
use crate::app::{Effect, Level, Priority, Remember, State};
use crate::domain::{InvitationSummary, Page};
use crate::service::ServiceError;
use crate::sync::{Found, Known, Look, Schedule, Step};

/// Where watching is.
#[derive(Debug, Clone, PartialEq)]
pub struct Watching {
    known: Known,
    schedule: Schedule,
    /// The look in progress.
    look: Option<Look>,
    /// Tags the timer set last: a tick of an older one is dropped.
    timer: u64,
}

impl Watching {
    /// Looks every `interval`; never when it is zero.
    pub fn new(interval: std::time::Duration) -> Self {
        Watching {
            known: Known::default(),
            schedule: Schedule::new(interval),
            look: None,
            timer: 0,
        }
    }

    /// Takes in received invitations the inbox listed or read elsewhere.
    pub(super) fn learn<'a>(&mut self, rows: impl IntoIterator<Item = &'a InvitationSummary>) {
        self.known.learn(rows);
    }

    /// True when the invitation was seen on the received side.
    pub(super) fn knows(&self, id: &str) -> bool {
        self.known.has(id)
    }

    /// True while a look is out.
    pub fn looking(&self) -> bool {
        self.look.is_some()
    }

    /// Looks done since something was known.
    pub fn looks(&self) -> u32 {
        self.schedule.looks()
    }

    /// The timer set last: only its tick starts a look.
    pub fn timer(&self) -> u64 {
        self.timer
    }
}

/// Sets the timer for the next look, `after` from now; nothing when watching is off.
fn look_after(state: &mut State, after: std::time::Duration) -> Vec<Effect> {
    if state.watching.schedule.interval().is_zero() {
        return Vec::new();
    }
    state.watching.timer += 1;
    vec![Effect::WatchAfter {
        after,
        timer: state.watching.timer,
    }]
}

/// The first look, after one interval.
pub(in crate::app) fn start(state: &mut State) -> Vec<Effect> {
    let interval = state.watching.schedule.interval();
    look_after(state, interval)
}

/// The service could not be reached (a page load found out): look again soon, not after a
/// whole interval, unless looks are already backing off.
pub(in crate::app) fn retry_soon(state: &mut State) -> Vec<Effect> {
    if state.watching.looking() || state.watching.schedule.failing() {
        return Vec::new();
    }
    let wait = state.watching.schedule.failed();
    look_after(state, wait)
}

/// Time for a look, if `timer` is the one set last.
pub(in crate::app) fn on_tick(state: &mut State, timer: u64) -> Vec<Effect> {
    if timer != state.watching.timer || state.watching.looking() {
        return Vec::new();
    }
    let mut effects = cache::expire_due(state);
    effects.push(Effect::ReadCachedViewIfChanged {
        generation: state.list_generation,
        query: state.query(),
    });
    let look = state.watching.schedule.next_look(&state.watching.known);
    let query = look.query(state.settings.page_size);
    state.watching.look = Some(look);
    effects.push(Effect::Look {
        query,
        next_token: None,
    });
    effects
}

/// A page of the look: ask for the next, or apply what it found.
pub(in crate::app) fn on_page(
    state: &mut State,
    result: Result<Page<InvitationSummary>, ServiceError>,
) -> Vec<Effect> {
    let Some(mut look) = state.watching.look.take() else {
        return Vec::new();
    };
    let page = match result {
        Ok(page) => page,
        Err(e) => {
            cache::went_offline(state, &e);
            let wait = state.watching.schedule.failed();
            return look_after(state, wait);
        }
    };
    match look.on_page(page, &mut state.watching.known) {
        Step::Next(token) => {
            let query = look.query(state.settings.page_size);
            state.watching.look = Some(look);
            vec![Effect::Look {
                query,
                next_token: Some(token),
            }]
        }
        Step::Done(found) => {
            state.watching.schedule.succeeded();
            let mut effects = back_online(state);
            effects.push(Effect::Remember {
                what: Remember::Looked,
                at: state.clock.now,
            });
            effects.extend(apply(state, found));
            effects.extend(start(state));
            effects
        }
    }
}

/// The service answers again: the inbox says so and catches up.
fn back_online(state: &mut State) -> Vec<Effect> {
    if !state.memory.offline {
        return Vec::new();
    }
    cache::back_online(state);
    pages::refresh(state)
}

/// Applies what a look found.
fn apply(state: &mut State, found: Found) -> Vec<Effect> {
    let generation = state.details.generation();
    let mut effects: Vec<Effect> = found
        .left
        .into_iter()
        .map(|id| Effect::LoadDetail {
            id,
            generation,
            priority: Priority::Prefetch,
        })
        .collect();
    effects.extend(cache::changed(state, found.changed));
    effects.extend(arrived(state, found.arrived));
    effects
}

/// Announces what arrived and keeps it, unread.
fn arrived(state: &mut State, arrived: Vec<InvitationSummary>) -> Vec<Effect> {
    let arrived: Vec<InvitationSummary> = arrived
        .into_iter()
        .filter(|s| !state.list.contains(&s.id))
        .collect();
    if arrived.is_empty() {
        return Vec::new();
    }
    let titles: Vec<String> = arrived
        .iter()
        .map(|s| {
            format!(
                "“{}”",
                s.engagement_title.clone().unwrap_or_else(|| s.id.clone())
            )
        })
        .collect();
    let text = match titles.len() {
        1 => format!("New invitation: {}", titles[0]),
        n => format!("{n} new invitations: {}", titles.join(", ")),
    };
    let mut effects = cache::arrived(state, arrived);
    effects.push(Effect::Announce {
        bell: state.settings.watch.bell,
        notification: state.settings.watch.notify.then(|| text.clone()),
    });
    state.notify(Level::Info, text);
    effects
}
