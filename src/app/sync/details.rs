//! Details: the selection's when it rests (ahead of everything), the rows on screen in the
//! background (from the store at once, then the service), and what each answer changes.

use super::cache;
use crate::app::{DetailEntry, Effect, Focus, Level, Priority, State};
use crate::domain::InvitationDetail;
use crate::service::ServiceError;

fn rows(state: &State) -> usize {
    state.geometry.list_rows
}

pub(in crate::app) fn selection_changed(state: &mut State) -> Vec<Effect> {
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
pub(in crate::app) fn prefetch(state: &mut State) -> Vec<Effect> {
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

/// An invitation's detail arrived.
pub(in crate::app) fn on_detail(
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
pub(in crate::app) fn on_settled(state: &mut State, epoch: u64) -> Vec<Effect> {
    if epoch != state.selection_epoch {
        return Vec::new();
    }
    let Some(id) = state.selected().map(|s| s.id.clone()) else {
        return Vec::new();
    };
    let read = cache::mark_read(state, &id);
    let mut linked = crate::app::opportunities::want(state, &id);
    linked.extend(crate::app::engagements::want_for_selection(state, &id));
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
