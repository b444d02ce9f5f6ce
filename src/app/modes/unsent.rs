//! "3 rejects from the last run were not sent": asked at start, before anything of the last
//! run's queue goes out. `y` sends them, `n` drops them.

use crossterm::event::KeyEvent;

use super::dialog::{Asking, Dialog, Keys, Title, Tone};
use super::Modal;
use crate::app::consent::Write;
use crate::app::{bulk, Effect, State};
use crate::keymap::{Action, Mode};

/// The question; what it is about is the queue in [`State::bulk`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnsentPrompt {
    /// Why the last yes did nothing (a notice had just come in).
    pub note: Option<String>,
}

/// What the prompt's hint line names.
pub const HINTS: &[(&[Action], &str)] = &[(&[Action::Accept], "send"), (&[Action::Cancel], "drop")];

/// Every key the prompt takes (the confirmation's key table).
pub fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let send = match state.keymap.action(Mode::Confirm, &key) {
        Some(Action::Accept) => true,
        Some(Action::Cancel) => false,
        _ => return Vec::new(),
    };
    let again = state.keymap.hint(Mode::Confirm, Action::Accept);
    let interrupted = state.interrupted;
    let Some(Modal::Unsent(prompt)) = state.modals.last_mut() else {
        return Vec::new();
    };
    if send && interrupted {
        prompt.note = Some(format!(
            "A notice came in just now; press {again} again to send."
        ));
        return Vec::new();
    }
    state.modals.pop();
    bulk::answer_unsent(state, send)
}

impl Dialog for UnsentPrompt {
    fn title(&self, _: &State) -> Title {
        Title::toned("Not sent by the last run", Tone::Danger)
    }

    fn keys(&self) -> Keys {
        Keys::new(Mode::Confirm, on_key, HINTS)
    }

    fn asks(&self, asking: &Asking<'_>) -> Vec<Write> {
        asking.queued.to_vec()
    }
}
