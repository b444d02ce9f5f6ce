//! The help overlay: the keys of the mode it was opened from, then the global ones.

use crossterm::event::KeyEvent;

use super::dialog::{Dialog, Keys, Title};
use super::Modal;
use crate::app::{Effect, State};
use crate::keymap::{Action, Mode};

/// Which mode's keys are shown, and how far the table is scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpView {
    pub mode: Mode,
    pub scroll: u16,
}

/// What the help's hint line names.
pub const HINTS: &[(&[Action], &str)] = &[
    (&[Action::Up, Action::Down], "scroll"),
    (&[Action::Cancel], "close"),
];

/// Opens help on the keys of the mode in use now.
pub fn open(state: &mut State) {
    let mode = state.mode();
    state.modals.push(Modal::Help(HelpView { mode, scroll: 0 }));
}

/// Every key help takes. The key that opened it from the list closes it too.
pub fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let action = match state.keymap.action(Mode::Help, &key) {
        None if state.keymap.action(Mode::List, &key) == Some(Action::Help) => Some(Action::Cancel),
        action => action,
    };
    let Some(Modal::Help(view)) = state.modals.last_mut() else {
        return Vec::new();
    };
    match action {
        Some(Action::Down) => view.scroll = view.scroll.saturating_add(1),
        Some(Action::Up) => view.scroll = view.scroll.saturating_sub(1),
        Some(Action::Cancel) => {
            state.modals.pop();
        }
        _ => {}
    }
    Vec::new()
}

impl Dialog for HelpView {
    fn title(&self, _: &State) -> Title {
        Title::plain(format!("Keys: {}", self.mode.title()))
    }

    fn keys(&self) -> Keys {
        Keys::new(Mode::Help, on_key, HINTS)
    }
}
