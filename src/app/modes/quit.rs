//! "3 rejects not sent yet": `q` with writes held or queued asks before it drops them.

use crossterm::event::KeyEvent;

use super::dialog::{Dialog, Keys, Title, Tone};
use super::Modal;
use crate::app::{bulk, Effect, State};
use crate::keymap::{Action, Mode};

/// The question; what it is about is the queue in [`State::bulk`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuitPrompt;

/// `q` in the list: quits, or asks first when writes were agreed to but not sent.
pub fn ask(state: &mut State) -> Vec<Effect> {
    if state.bulk.as_ref().is_some_and(|q| q.unsent() > 0) {
        state.modals.push(Modal::Quit(QuitPrompt));
    } else {
        state.quit = true;
    }
    Vec::new()
}

/// Every key the prompt takes: the quit key again quits and drops them; cancel stays.
pub fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    if state.keymap.action(Mode::List, &key) == Some(Action::Quit) {
        state.modals.pop();
        state.quit = true;
        return bulk::drop_on_quit(state);
    }
    if state.keymap.action(Mode::Confirm, &key) == Some(Action::Cancel) {
        state.modals.pop();
    }
    Vec::new()
}

impl Dialog for QuitPrompt {
    fn title(&self, _: &State) -> Title {
        Title::toned("Quit?", Tone::Warning)
    }

    fn keys(&self) -> Keys {
        Keys::new(Mode::Confirm, on_key, &[])
    }
}
