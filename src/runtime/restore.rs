//! What an earlier run left behind: accepts to resume and the unsent draft.

use crate::app::form::draft::Draft;
use crate::app::{Accepts, Level, SavedAccepts, State};
use crate::keymap::Action;
use crate::storage::DataDir;

/// Gives the state a fresh session id and what `data` holds. A file that cannot be read is
/// reported, not fatal.
pub fn restore(state: &mut State, data: Option<&DataDir>) {
    let session = uuid::Uuid::new_v4().simple().to_string();
    state.session = session.clone();
    let mut problems = Vec::new();
    let saved = match data.map(|d| d.load_accepts::<SavedAccepts>()) {
        Some(Ok(saved)) => saved,
        Some(Err(e)) => {
            problems.push(format!(
                "could not read the accepts in progress ({e}); they will not be resumed"
            ));
            SavedAccepts::default()
        }
        None => SavedAccepts::default(),
    };
    state.accepts = Accepts::restore(saved, session);
    match data.map(|d| d.load_draft::<Draft>()) {
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
    if !problems.is_empty() {
        state.notify(Level::Error, problems.join("; "));
    }
}
