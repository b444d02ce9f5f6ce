//! "Accept 3 invitations?": the bulk confirmation. It lists the invitations (scrollable) and
//! those that will be skipped, with why. `y` goes on: an accept starts the queue, a reject
//! asks for one reason for all in the reject dialog.

use crossterm::event::KeyEvent;

use super::dialog::{Asking, Dialog, Keys, Title, Tone};
use super::{Modal, RejectDialog};
use crate::app::bulk::{self, BulkKind};
use crate::app::consent::Write;
use crate::app::{Effect, State};
use crate::keymap::{Action, Mode};

/// An invitation a bulk action is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub id: String,
    pub title: String,
}

/// The bulk confirmation's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkConfirm {
    /// Accept (else reject) the targets.
    pub accept: bool,
    pub targets: Vec<Target>,
    /// Marked invitations that cannot be acted on, with why.
    pub skipped: Vec<(Target, String)>,
    /// First line of the list on screen.
    pub scroll: usize,
    /// Why the last go-on key did nothing (a notice had just come in).
    pub note: Option<String>,
}

impl BulkConfirm {
    /// "Accept 3 invitations?" or "Reject 1 invitation?".
    pub fn question(&self) -> String {
        let verb = if self.accept { "Accept" } else { "Reject" };
        let n = self.targets.len();
        let noun = if n == 1 { "invitation" } else { "invitations" };
        format!("{verb} {n} {noun}?")
    }

    /// Lines the list has: the targets, then a heading and the skipped ones.
    pub fn lines(&self) -> usize {
        self.targets.len()
            + if self.skipped.is_empty() {
                0
            } else {
                self.skipped.len() + 1
            }
    }
}

/// What the confirmation's hint line names.
pub const HINTS: &[(&[Action], &str)] = &[
    (&[Action::Accept], "go on"),
    (&[Action::Cancel], "cancel"),
    (&[Action::Up, Action::Down], "scroll"),
];

/// Every key the bulk confirmation takes (the accept confirmation's key table).
pub fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let action = state.keymap.action(Mode::Confirm, &key);
    let interrupted = state.interrupted;
    let again = state.keymap.hint(Mode::Confirm, Action::Accept);
    let Some(Modal::Bulk(confirm)) = state.modals.last_mut() else {
        return Vec::new();
    };
    confirm.note = None;
    match action {
        Some(Action::Down) => {
            confirm.scroll = (confirm.scroll + 1).min(confirm.lines().saturating_sub(1));
            Vec::new()
        }
        Some(Action::Up) => {
            confirm.scroll = confirm.scroll.saturating_sub(1);
            Vec::new()
        }
        Some(Action::Cancel) => {
            state.modals.pop();
            Vec::new()
        }
        Some(Action::Accept | Action::Confirm) if interrupted => {
            confirm.note = Some(format!(
                "A notice came in just now; press {again} again to go on."
            ));
            Vec::new()
        }
        Some(Action::Accept | Action::Confirm) => {
            let Some(Modal::Bulk(confirm)) = state.modals.pop() else {
                return Vec::new();
            };
            if confirm.accept {
                bulk::start(state, BulkKind::Accept, confirm.targets)
            } else {
                state
                    .modals
                    .push(Modal::Reject(RejectDialog::for_many(confirm.targets)));
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}

impl Dialog for BulkConfirm {
    fn title(&self, _: &State) -> Title {
        match self.accept {
            true => Title::plain(self.question()),
            false => Title::toned(self.question(), Tone::Danger),
        }
    }

    fn keys(&self) -> Keys {
        Keys::new(Mode::Confirm, on_key, HINTS)
    }

    fn asks(&self, _: &Asking<'_>) -> Vec<Write> {
        let write = |id: String| match self.accept {
            true => Write::Accept(id),
            false => Write::Reject(id),
        };
        self.targets.iter().map(|t| write(t.id.clone())).collect()
    }
}
