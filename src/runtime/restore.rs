//! What an earlier run left behind: accepts to resume and the unsent draft.

use crate::app::form::draft::Draft;
use crate::app::{Accepts, Level, Notice, SavedAccepts, State};
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
            state.notice = Some(Notice {
                level: Level::Info,
                text: "You have an unsent invitation draft: n continues it".into(),
                since: state.clock.now,
            });
        }
        Some(Err(e)) => problems.push(format!("could not read the saved draft ({e})")),
        _ => {}
    }
    if !problems.is_empty() {
        state.notice = Some(Notice {
            level: Level::Error,
            text: problems.join("; "),
            since: state.clock.now,
        });
    }
}
