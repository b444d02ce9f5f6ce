//! What an earlier run left behind: accepts and an engage to resume, writes never sent (the
//! start asks about them), the unsent draft and the cached rows of the view the inbox opens with.

use crate::app::form::draft::Draft;
use crate::app::{engage, Accepts, BulkQueue, Level, SavedAccepts, State};
use crate::domain::TaskKind;
use crate::keymap::Action;
use crate::store::{DataDir, Store};

/// Opens the store in `data`, if there is one. Problems become notices: without a store the
/// inbox still runs, remembering nothing.
pub fn open(state: &mut State, data: Option<&DataDir>) -> Option<Store> {
    match data.map(DataDir::open)? {
        Ok(opened) => {
            for warning in opened.warnings {
                state.notify(Level::Error, warning);
            }
            Some(opened.store)
        }
        Err(e) => {
            state.notify(
                Level::Error,
                format!(
                    "The local store could not be opened ({e}); nothing is remembered this run."
                ),
            );
            None
        }
    }
}

/// Gives the state a fresh session id and the accepts and draft `store` holds; returns the
/// accepts as read. A record that cannot be read is reported, not fatal.
pub fn restore(state: &mut State, store: Option<&Store>) -> SavedAccepts {
    let session = uuid::Uuid::new_v4().simple().to_string();
    state.session = session.clone();
    let mut problems = Vec::new();
    let saved = match store.map(Store::accepts) {
        Some(Ok(saved)) => saved,
        Some(Err(e)) => {
            problems.push(format!(
                "could not read the accepts in progress ({e}); they will not be resumed"
            ));
            SavedAccepts::default()
        }
        None => SavedAccepts::default(),
    };
    state.accepts = Accepts::restore(saved.clone(), session);
    match store.map(Store::draft::<Draft>) {
        Some(Ok(Some(draft))) if !draft.is_blank() => {
            state.draft = Some(draft);
            let key = state.list_key(Action::NewInvitation);
            state.notify(
                Level::Info,
                format!("You have an unsent invitation draft: {key} continues it"),
            );
        }
        Some(Err(e)) => problems.push(format!("could not read the saved draft ({e})")),
        _ => {}
    }
    match store.map(|s| s.tasks(TaskKind::Engage)) {
        Some(Ok(engages)) => {
            if let Some((id, saved)) = engages.into_iter().next() {
                let key = state.list_key(Action::Engage);
                state.notify(
                    Level::Info,
                    format!(
                        "Following the engagement from {id} the last run started ({key} shows it)"
                    ),
                );
                state.engage = Some(engage::resumed(id, saved));
            }
        }
        Some(Err(e)) => problems.push(format!("could not read the engage in progress ({e})")),
        None => {}
    }
    match store.map(Store::bulk::<BulkQueue>) {
        Some(Ok(Some(queue))) => state.bulk = Some(queue.resumed()),
        Some(Err(e)) => problems.push(format!("could not read the unfinished bulk action ({e})")),
        _ => {}
    }
    if !problems.is_empty() {
        state.notify(Level::Error, problems.join("; "));
    }
    saved
}
