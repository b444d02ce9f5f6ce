//! "Accept this invitation?": a yes key, a no key, and two buttons with Accept focused.

use crossterm::event::KeyEvent;

use super::dialog::{Asking, Dialog, Keys, Title};
use super::Modal;
use crate::app::consent::Write;
use crate::app::{actions, Effect, State};
use crate::keymap::{Action, Mode};

/// The question, with what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmAccept {
    pub invitation_id: String,
    pub title: String,
    pub customer: Option<String>,
    /// An earlier attempt failed.
    pub retry: bool,
    /// Which button the confirm key presses.
    pub accept_focused: bool,
    /// Why the last accept key did nothing (a notice had just come in).
    pub note: Option<String>,
}

/// What the confirmation's hint line names.
pub const HINTS: &[(&[Action], &str)] = &[
    (&[Action::Accept], "accept"),
    (&[Action::Cancel], "cancel"),
    (&[Action::Switch], "switch"),
    (&[Action::Confirm], "press"),
];

/// Every key the confirmation takes.
pub fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let action = state.keymap.action(Mode::Confirm, &key);
    let interrupted = state.interrupted;
    let again = action.map(|a| state.keymap.hint(Mode::Confirm, a));
    let shown = matches!(state.top(), Some(Modal::Confirm(c))
        if state.was_shown(&Write::Accept(c.invitation_id.clone())));
    let Some(Modal::Confirm(confirm)) = state.modals.last_mut() else {
        return Vec::new();
    };
    let accept = match action {
        Some(Action::Switch) => {
            confirm.accept_focused = !confirm.accept_focused;
            return Vec::new();
        }
        Some(Action::Accept) => true,
        Some(Action::Confirm) => confirm.accept_focused,
        Some(Action::Cancel) => false,
        _ => return Vec::new(),
    };
    if accept && interrupted {
        confirm.note = Some(format!(
            "A notice came in just now; press {} again to accept.",
            again.unwrap_or_default()
        ));
        return Vec::new();
    }
    if accept && !shown {
        return Vec::new();
    }
    match state.modals.pop() {
        Some(Modal::Confirm(confirm)) if accept => actions::start_accept(state, confirm),
        _ => Vec::new(),
    }
}

impl Dialog for ConfirmAccept {
    fn title(&self, _: &State) -> Title {
        Title::plain("Accept invitation?")
    }

    fn keys(&self) -> Keys {
        Keys::new(Mode::Confirm, on_key, HINTS)
    }

    fn asks(&self, _: &Asking<'_>) -> Vec<Write> {
        vec![Write::Accept(self.invitation_id.clone())]
    }
}
