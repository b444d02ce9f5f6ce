//! What an earlier run left behind: accepts and engages to follow again, writes never sent (the
//! start asks about them), the unsent draft and the cached rows of the view the inbox opens with.

use crate::app::{BulkQueue, Level, State};
use crate::compose::draft::Draft;
use crate::domain::{Opportunity, TaskKind};
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

/// Gives the state a fresh session id, the tasks, the draft and the bulk action `store` holds.
/// A record that cannot be read is reported, not fatal.
pub fn restore(state: &mut State, store: Option<&Store>) {
    let session = uuid::Uuid::new_v4().simple().to_string();
    state.session = session.clone();
    let mut problems = Vec::new();
    let mut saved = Vec::new();
    for kind in [TaskKind::Accept, TaskKind::Engage] {
        match store.map(|s| s.tasks(kind)) {
            Some(Ok(records)) => {
                saved.extend(records.into_iter().map(|(subject, r)| (kind, subject, r)));
            }
            Some(Err(e)) => problems.push(format!(
                "could not read the {}s in progress ({e}); they will not be resumed",
                kind.as_str()
            )),
            None => {}
        }
    }
    if let Some((_, id, _)) = saved.iter().find(|(k, ..)| *k == TaskKind::Engage) {
        let key = state.list_key(Action::Engage);
        state.notify(
            Level::Info,
            format!("Following the engagement from {id} the last run started ({key} shows it)"),
        );
        state.engaging = Some(Opportunity::with_id(id.clone()));
    }
    state.restore_tasks(saved, session);
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
    match store.map(Store::bulk::<BulkQueue>) {
        Some(Ok(Some(queue))) => state.bulk = Some(queue.resumed()),
        Some(Err(e)) => problems.push(format!("could not read the unfinished bulk action ({e})")),
        _ => {}
    }
    if !problems.is_empty() {
        state.notify(Level::Error, problems.join("; "));
    }
}
