//! What every dialog over the inbox says about itself: its title, its key table, where its keys
//! and pastes go, its hints, and what its yes would send. The modal stack asks the dialog on
//! top and `ui` frames every dialog from it, so a new dialog is its own file (state, keys,
//! hints, this trait) plus the drawing of its body in `ui`.

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

/// How a title reads: plain, a warning, or a write that cannot be undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Warning,
    Danger,
}

/// A dialog's title and its tone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    pub text: String,
    pub tone: Tone,
}

impl Title {
    /// A plain title.
    pub fn plain(text: impl Into<String>) -> Self {
        Title {
            text: text.into(),
            tone: Tone::Plain,
        }
    }

    /// A title in the given tone.
    pub fn toned(text: impl Into<String>, tone: Tone) -> Self {
        Title {
            text: text.into(),
            tone,
        }
    }
}

/// Where a dialog's keys and pastes go, the key table it reads and its hints.
#[derive(Clone, Copy)]
pub struct Keys {
    pub mode: Mode,
    pub on_key: OnKey,
    /// Set while a text field of it has the focus.
    pub on_paste: Option<OnPaste>,
    pub hints: Hints,
}

impl Keys {
    /// Keys of a dialog that takes no paste.
    pub fn new(mode: Mode, on_key: OnKey, hints: Hints) -> Self {
        Keys {
            mode,
            on_key,
            on_paste: None,
            hints,
        }
    }

    /// With a paste going to `on_paste`, when there is one.
    pub fn paste(self, on_paste: Option<OnPaste>) -> Self {
        Keys { on_paste, ..self }
    }
}

/// One dialog or prompt over the inbox.
pub trait Dialog {
    /// What its frame says it is (`state` for what it counts, such as the notices).
    fn title(&self, state: &State) -> Title;

    /// Where its keys go, and what it shows for them.
    fn keys(&self) -> Keys;

    /// What its hint line names now: its keys' hints, unless what a key does depends on
    /// `state` (then only the keys that do something now).
    fn hints(&self, _: &State) -> Hints {
        self.keys().hints
    }

    /// The writes its yes would send: none leaves before this was on screen.
    fn asks(&self, _: &Asking<'_>) -> Vec<Write> {
        Vec::new()
    }
}
