//! The engage dialog: type to narrow the opportunities, move, choose; `y` starts the
//! engagement; Enter on a finished one opens the invitation form on it.

use crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

use super::dialog::{Asking, Dialog, Hints, Keys, OnPaste, Title};
use super::Modal;
use crate::app::consent::Write;
use crate::app::engage::{self, EngageDialog, Stage};
use crate::app::tasks::Phase;
use crate::app::text::paste_into;
use crate::app::{Effect, State};
use crate::keymap::{Action, Mode};

/// What the picker's hint line names.
pub const PICK_HINTS: &[(&[Action], &str)] = &[
    (&[Action::Up, Action::Down], "move"),
    (&[Action::Confirm], "choose"),
    (&[Action::Cancel], "close"),
];

/// What the confirmation's hint line names.
pub const CONFIRM_HINTS: &[(&[Action], &str)] = &[
    (&[Action::Accept], "start the engagement"),
    (&[Action::Cancel], "back"),
];

/// What the progress view's hint line names once the engagement is made.
pub const COMPLETE_HINTS: &[(&[Action], &str)] = &[
    (&[Action::Confirm], "invite a partner"),
    (&[Action::Cancel], "close"),
];

/// What the progress view's hint line names after a failure that a retry may mend.
pub const RETRY_HINTS: &[(&[Action], &str)] = &[
    (&[Action::Accept], "try again"),
    (&[Action::Cancel], "close"),
];

/// What the progress view's hint line names while the task runs, or after it failed for good.
pub const PROGRESS_HINTS: &[(&[Action], &str)] = &[(&[Action::Cancel], "close")];

/// Whether the dialog takes typed text (the picker's query).
pub fn typing(dialog: &EngageDialog) -> bool {
    matches!(dialog.stage, Stage::Pick(_))
}

fn picker(state: &mut State) -> Option<&mut engage::OpportunityPicker> {
    match state.modals.last_mut() {
        Some(Modal::Engage(EngageDialog {
            stage: Stage::Pick(p),
        })) => Some(p),
        _ => None,
    }
}

/// A paste narrows the opportunities like typing.
pub fn on_paste(state: &mut State, text: &str) -> Vec<Effect> {
    if let Some(p) = picker(state) {
        paste_into(&mut p.query, text);
        p.cursor = 0;
    }
    Vec::new()
}

/// Every key the dialog takes.
pub fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let Some(Modal::Engage(dialog)) = state.modals.last() else {
        return Vec::new();
    };
    let action = if typing(dialog) {
        state.keymap.action_typing(Mode::Engage, &key)
    } else {
        state.keymap.action(Mode::Engage, &key)
    };
    let complete = matches!(
        engage::run(state).map(|r| &r.phase),
        Some(Phase::Complete { .. })
    );
    match (action, &dialog.stage) {
        (Some(Action::Cancel), _) => engage::back(state),
        (Some(Action::Confirm), Stage::Pick(_)) => engage::choose(state),
        (Some(Action::Accept), Stage::Confirm(_) | Stage::Progress) => engage::start(state),
        (Some(Action::Confirm), Stage::Progress) if complete => engage::invite(state),
        (Some(Action::Down), Stage::Pick(_)) => {
            if let Some(p) = picker(state) {
                p.cursor = (p.cursor + 1).min(p.matches().len().saturating_sub(1));
            }
            Vec::new()
        }
        (Some(Action::Up), Stage::Pick(_)) => {
            if let Some(p) = picker(state) {
                p.cursor = p.cursor.saturating_sub(1);
            }
            Vec::new()
        }
        (None, Stage::Pick(_)) => {
            if let Some(p) = picker(state) {
                p.query.handle_event(&Event::Key(key));
                p.cursor = 0;
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

impl Dialog for EngageDialog {
    fn title(&self, _: &State) -> Title {
        Title::plain(match self.stage {
            Stage::Pick(_) => "Engage from an opportunity",
            Stage::Confirm(_) => "Start an engagement?",
            Stage::Progress => "Engage",
        })
    }

    fn keys(&self) -> Keys {
        let hints = match self.stage {
            Stage::Pick(_) => PICK_HINTS,
            Stage::Confirm(_) => CONFIRM_HINTS,
            Stage::Progress => PROGRESS_HINTS,
        };
        Keys::new(Mode::Engage, on_key, hints).paste(typing(self).then_some(on_paste as OnPaste))
    }

    fn hints(&self, state: &State) -> Hints {
        match (&self.stage, engage::run(state).map(|r| &r.phase)) {
            (Stage::Progress, Some(Phase::Complete { .. })) => COMPLETE_HINTS,
            (Stage::Progress, Some(Phase::Failed { retry: true, .. })) => RETRY_HINTS,
            _ => self.keys().hints,
        }
    }

    fn asks(&self, asking: &Asking<'_>) -> Vec<Write> {
        match (&self.stage, asking.retry) {
            (Stage::Confirm(o), _) => vec![Write::Engage(o.id.clone())],
            (Stage::Progress, Some(id)) => vec![Write::Engage(id.to_string())],
            _ => Vec::new(),
        }
    }
}
