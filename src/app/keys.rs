//! Where a key press goes: Control-c quits from anywhere, the global help key opens help on the
//! current mode, and every other key goes to exactly one mode — the dialog on top of the stack,
//! else the detail pane when it has the focus (handing on what it does not take), else the list.
//! A paste goes to the text field that has the focus, if there is one, and nowhere else.
//! While the terminal is too small to draw the app, every key but quit is ignored.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::modes::{self, Modal};
use super::{Effect, Focus, Level, State};
use crate::keymap::{Action, Mode};

/// Handles one key press.
pub(super) fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    if key.kind != KeyEventKind::Press {
        return Vec::new();
    }
    let effects = dispatch(state, key);
    state.interrupted = false;
    effects
}

fn dispatch(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    let global = state.keymap.action(Mode::Global, &key);
    if ctrl_c || global == Some(Action::ForceQuit) {
        state.quit = true;
        return Vec::new();
    }
    if !state.geometry.fits {
        // Nothing is on screen to act on: only quitting works (what was agreed to but not
        // sent stays for the next start to ask about).
        state.quit = state.keymap.action(Mode::List, &key) == Some(Action::Quit);
        return Vec::new();
    }
    if global == Some(Action::Help) && !matches!(state.top(), Some(Modal::Help(_))) {
        modes::help::open(state);
        return Vec::new();
    }
    match state.top().map(|top| top.dialog().keys().on_key) {
        Some(on_key) => on_key(state, key),
        None if state.focus == Focus::Detail => {
            modes::detail::on_key(state, key).unwrap_or_else(|| modes::list::on_key(state, key))
        }
        None => modes::list::on_key(state, key),
    }
}

/// Handles pasted text: typed into the focused text field; anywhere else it does nothing.
pub(super) fn on_paste(state: &mut State, text: &str) -> Vec<Effect> {
    if !state.geometry.fits {
        return Vec::new();
    }
    match state.top().and_then(|top| top.dialog().keys().on_paste) {
        Some(on_paste) => on_paste(state, text),
        None => {
            state.notify(
                Level::Info,
                "Pasted text goes into a text field; nothing here takes text",
            );
            Vec::new()
        }
    }
}
