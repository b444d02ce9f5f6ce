//! What every dialog over the inbox says about itself: its key table, where its keys and pastes
//! go, its hints, and what its yes would send. The modal stack asks the dialog on top, so a new
//! dialog is its own file (state, keys, hints, this trait) plus its drawing in `ui`.

use crossterm::event::KeyEvent;

use crate::app::consent::Write;
use crate::app::{Effect, State};
use crate::keymap::{Action, Mode};

/// The action bar's hints: the actions and the word for them.
pub type Hints = &'static [(&'static [Action], &'static str)];

/// Where a key goes while the dialog is on top of the state.
pub type OnKey = fn(&mut State, KeyEvent) -> Vec<Effect>;

/// Where a paste goes while the dialog is on top of the state.
pub type OnPaste = fn(&mut State, &str) -> Vec<Effect>;

/// What a dialog's question may depend on beyond itself.
pub struct Asking<'a> {
    /// The opportunity whose engage start may be sent again.
    pub retry: Option<&'a str>,
    /// The writes the write queue holds.
    pub queued: &'a [Write],
}

/// One dialog or prompt over the inbox.
pub trait Dialog {
    /// The key table it reads.
    fn mode(&self) -> Mode;

    /// Where its keys go.
    fn on_key(&self) -> OnKey;

    /// Where a paste goes, when a text field of it has the focus.
    fn on_paste(&self) -> Option<OnPaste> {
        None
    }

    /// The hints of the action bar.
    fn hints(&self) -> Hints;

    /// The writes its yes would send: none leaves before this was on screen.
    fn asks(&self, _: &Asking<'_>) -> Vec<Write> {
        Vec::new()
    }
}
