//! Where a key press goes: Control-c quits from anywhere, the global help key opens help on the
//! current mode, and every other key goes to exactly one mode — the dialog on top of the stack,
//! else the detail pane when it has the focus (handing on what it does not take), else the list.
//! A paste goes to the text field that has the focus, if there is one, and nowhere else.
//! While the terminal is too small to draw the app, every key but quit is ignored.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::modes::RejectFocus;
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
    match state.top() {
        Some(Modal::Search(_)) => modes::search::on_key(state, key),
        Some(Modal::Filters(_)) => modes::filters::on_key(state, key),
        Some(Modal::Help(_)) => modes::help::on_key(state, key),
        Some(Modal::Notices(_)) => modes::notices::on_key(state, key),
        Some(Modal::Journal(_)) => modes::journal::on_key(state, key),
        Some(Modal::Confirm(_)) => modes::confirm::on_key(state, key),
        Some(Modal::Bulk(_)) => modes::bulk::on_key(state, key),
        Some(Modal::Reject(_)) => modes::reject::on_key(state, key),
        Some(Modal::Create(form)) if form.picker.is_some() => modes::picker::on_key(state, key),
        Some(Modal::Create(_)) => modes::form::on_key(state, key),
        Some(Modal::Engage(_)) => modes::engage::on_key(state, key),
        Some(Modal::Quit(_)) => modes::quit::on_key(state, key),
        Some(Modal::Unsent(_)) => modes::unsent::on_key(state, key),
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
    match state.top() {
        Some(Modal::Search(_)) => modes::search::on_paste(state, text),
        Some(Modal::Reject(d)) if d.focus == RejectFocus::Text => {
            modes::reject::on_paste(state, text)
        }
        Some(Modal::Create(form)) if form.picker.is_some() => modes::picker::on_paste(state, text),
        Some(Modal::Create(form)) if form.typing() => modes::form::on_paste(state, text),
        Some(Modal::Engage(d)) if modes::engage::typing(d) => modes::engage::on_paste(state, text),
        _ => {
            state.notify(
                Level::Info,
                "Pasted text goes into a text field; nothing here takes text",
            );
            Vec::new()
        }
    }
}
