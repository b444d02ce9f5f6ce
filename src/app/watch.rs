//! The inbox watches by itself: every `[watch] interval_seconds` it lists only the pending
//! invitations received (a page or two, whatever the history), compares them with the last
//! look, adds what arrived to the list (marked new, announced) and re-reads the detail of what
//! left, whose status then shows. Between looks it costs nothing.

use super::{cache, Effect, Level, Priority, State};
use crate::domain::changes::compare;
use crate::domain::{InvitationSummary, Page, Participant};
use crate::service::ServiceError;

/// Where watching is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Watching {
    /// The pending set of the last look; `None` until the first.
    pub known: Option<Vec<InvitationSummary>>,
    /// Pages of the look in progress.
    pub collecting: Vec<InvitationSummary>,
    /// A look is in progress.
    pub looking: bool,
}

/// The first look, after one interval; nothing when watching is off.
pub(super) fn start(state: &State) -> Vec<Effect> {
    let interval = state.settings.watch.interval;
    if interval.is_zero() {
        Vec::new()
    } else {
        vec![Effect::WatchAfter(interval)]
    }
}

/// Time for a look: list the first page of pending invitations.
pub(super) fn on_tick(state: &mut State) -> Vec<Effect> {
    if state.watching.looking {
        return Vec::new();
    }
    if state.memory.offline {
        return start(state);
    }
    state.watching.looking = true;
    state.watching.collecting.clear();
    vec![Effect::ListPending { next_token: None }]
}

/// A page of the look: ask for the next, or compare when it was the last.
pub(super) fn on_page(
    state: &mut State,
    result: Result<Page<InvitationSummary>, ServiceError>,
) -> Vec<Effect> {
    let page = match result {
        Ok(page) => page,
        // Tried again at the next look; the inbox says elsewhere when the service is down.
        Err(_) => {
            state.watching.looking = false;
            return start(state);
        }
    };
    state.watching.collecting.extend(page.items);
    if let Some(token) = page.next_token {
        return vec![Effect::ListPending {
            next_token: Some(token),
        }];
    }
    state.watching.looking = false;
    let now = std::mem::take(&mut state.watching.collecting);
    let mut effects = match state.watching.known.take() {
        Some(known) => changes(state, &known, &now),
        None => Vec::new(),
    };
    state.watching.known = Some(now);
    effects.extend(start(state));
    effects
}

/// Applies what changed since the last look.
fn changes(
    state: &mut State,
    known: &[InvitationSummary],
    now: &[InvitationSummary],
) -> Vec<Effect> {
    let difference = compare(known, now);
    let mut effects = Vec::new();
    let generation = state.details.generation();
    for left in &difference.left {
        effects.push(Effect::LoadDetail {
            id: left.id.clone(),
            generation,
            priority: Priority::Prefetch,
        });
    }
    let arrived: Vec<InvitationSummary> = difference
        .arrived
        .into_iter()
        .filter(|s| !state.list.contains(&s.id))
        .cloned()
        .collect();
    if arrived.is_empty() {
        return effects;
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
    let shown: Vec<InvitationSummary> = arrived
        .iter()
        .filter(|s| fits_view(state, s))
        .cloned()
        .collect();
    effects.extend(cache::arrived(state, shown));
    effects.push(Effect::Announce {
        bell: state.settings.watch.bell,
        notification: state.settings.watch.notify.then(|| text.clone()),
    });
    state.notify(Level::Info, text);
    effects
}

/// Received invitations belong in the list while it holds the received side (the view then
/// shows them or not).
fn fits_view(state: &State, _: &InvitationSummary) -> bool {
    state.side() == Participant::Received
}
