//! The reject dialog: the documented reasons as quick picks, a free-text reason validated live,
//! and Cancel focused by default because rejecting cannot be undone. [Reject] hands the
//! reject to the write queue, which holds it for the undo window before sending it.

use crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::EventHandler;
use tui_input::Input;

use super::dialog::{Asking, Dialog, Keys, OnPaste, Title, Tone};
use super::{Modal, Target};
use crate::app::bulk::{self, BulkKind};
use crate::app::consent::Write;
use crate::app::text::paste_into;
use crate::app::{Effect, State};
use crate::domain::reject::reason_problem;
use crate::keymap::{Action, Mode};

/// The reasons Partner Central documents.
pub const REASONS: [&str; 5] = [
    "Customer problem unclear",
    "Next steps unclear",
    "Unable to support",
    "Duplicate of partner referral",
    "Other",
];

/// Where "Other" is in [`REASONS`].
const OTHER: usize = REASONS.len() - 1;

/// Where the keyboard is in the dialog; Tab goes round in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RejectFocus {
    Reasons,
    Text,
    Reject,
    Cancel,
}

impl RejectFocus {
    /// The next stop for Tab (or Shift-Tab when `back`).
    pub fn cycle(self, back: bool) -> Self {
        use RejectFocus::*;
        let order = [Reasons, Text, Reject, Cancel];
        let i = order.iter().position(|f| *f == self).unwrap_or(0);
        let n = order.len();
        order[if back { (i + n - 1) % n } else { (i + 1) % n }]
    }
}

/// The dialog's state.
#[derive(Debug, Clone)]
pub struct RejectDialog {
    pub invitation_id: String,
    pub title: String,
    pub customer: Option<String>,
    pub cursor: usize,
    /// The reason picked from the list last, if any.
    pub picked: Option<usize>,
    pub reason: Input,
    pub focus: RejectFocus,
    /// Why the last press of [Reject] sent nothing (a notice had just come in, or the reason
    /// is not valid yet).
    pub note: Option<String>,
    /// For a bulk reject: every invitation the reason is for (then `invitation_id` is the
    /// first and `title` counts them).
    pub many: Vec<Target>,
}

impl RejectDialog {
    pub fn new(invitation_id: String, title: String, customer: Option<String>) -> Self {
        RejectDialog {
            invitation_id,
            title,
            customer,
            cursor: 0,
            picked: None,
            reason: Input::default(),
            focus: RejectFocus::Cancel,
            note: None,
            many: Vec::new(),
        }
    }

    /// The dialog for one reason for all of `targets` (at least one).
    pub fn for_many(targets: Vec<Target>) -> Self {
        let n = targets.len();
        let first = targets.first().map(|t| t.id.clone()).unwrap_or_default();
        let noun = if n == 1 { "invitation" } else { "invitations" };
        RejectDialog {
            many: targets,
            ..RejectDialog::new(first, format!("{n} {noun}"), None)
        }
    }

    /// Starts from a reason given before (a retry): picked when it is a documented one.
    pub fn keep(&mut self, reason: String) {
        self.reason = Input::new(reason);
        if let Some(at) = self.chosen() {
            self.cursor = at;
            self.picked = Some(at);
        }
    }

    /// Picks the reason under the cursor into the text ("Other" empties it for typing; it
    /// sends "Other" while nothing is typed).
    pub fn pick(&mut self) {
        let text = if self.cursor == OTHER {
            ""
        } else {
            REASONS[self.cursor]
        };
        self.picked = Some(self.cursor);
        self.reason = Input::new(text.to_string());
    }

    /// The reason [Reject] sends: the text, or "Other" when that was picked and nothing typed.
    pub fn sends(&self) -> String {
        match self.reason.value() {
            "" if self.picked == Some(OTHER) => REASONS[OTHER].to_string(),
            text => text.to_string(),
        }
    }

    /// Which of [`REASONS`] the text is: the documented reason it equals, else "Other" for any
    /// text of your own; `None` while it is empty.
    pub fn chosen(&self) -> Option<usize> {
        let text = self.reason.value();
        if text.is_empty() {
            return None;
        }
        Some(
            REASONS[..REASONS.len() - 1]
                .iter()
                .position(|r| *r == text)
                .unwrap_or(REASONS.len() - 1),
        )
    }

    /// Why the reason cannot be sent yet, if it cannot.
    pub fn problem(&self) -> Option<String> {
        reason_problem(&self.sends())
    }
}

/// What the dialog's hint line names.
pub const HINTS: &[(&[Action], &str)] = &[
    (&[Action::Next], "next"),
    (&[Action::Up, Action::Down], "pick"),
    (&[Action::Confirm], "press"),
    (&[Action::Cancel], "cancel"),
];

/// A paste into the reason text.
pub fn on_paste(state: &mut State, text: &str) -> Vec<Effect> {
    if let Some(Modal::Reject(dialog)) = state.modals.last_mut() {
        paste_into(&mut dialog.reason, text);
    }
    Vec::new()
}

/// Every key the dialog takes. In the text field, characters type themselves.
pub fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let Some(Modal::Reject(dialog)) = state.modals.last() else {
        return Vec::new();
    };
    let action = if dialog.focus == RejectFocus::Text {
        state.keymap.action_typing(Mode::Reject, &key)
    } else {
        state.keymap.action(Mode::Reject, &key)
    };
    let interrupted = state.interrupted;
    let again = state.keymap.hint(Mode::Reject, Action::Confirm);
    let Some(Modal::Reject(dialog)) = state.modals.last_mut() else {
        return Vec::new();
    };
    dialog.note = None;
    match (action, dialog.focus) {
        (Some(Action::Cancel), _) | (Some(Action::Confirm), RejectFocus::Cancel) => {
            state.modals.pop();
        }
        (Some(Action::Next), _) => dialog.focus = dialog.focus.cycle(false),
        (Some(Action::Previous), _) => dialog.focus = dialog.focus.cycle(true),
        (Some(Action::Down), RejectFocus::Reasons) => {
            dialog.cursor = (dialog.cursor + 1) % REASONS.len();
            dialog.pick();
        }
        (Some(Action::Up), RejectFocus::Reasons) => {
            dialog.cursor = (dialog.cursor + REASONS.len() - 1) % REASONS.len();
            dialog.pick();
        }
        (Some(Action::Up | Action::Down), RejectFocus::Reject | RejectFocus::Cancel) => {
            // The arrows pick from anywhere but the text: the first press lands on the list.
            dialog.focus = RejectFocus::Reasons;
            dialog.pick();
        }
        (Some(Action::Confirm | Action::Toggle), RejectFocus::Reasons) => {
            dialog.pick();
            dialog.focus = if dialog.reason.value().is_empty() {
                RejectFocus::Text
            } else {
                RejectFocus::Reject
            };
        }
        (Some(Action::Confirm), RejectFocus::Text) => dialog.focus = RejectFocus::Reject,
        (None, RejectFocus::Text) => {
            dialog.reason.handle_event(&Event::Key(key));
        }
        (Some(Action::Confirm), RejectFocus::Reject) => {
            if let Some(problem) = dialog.problem() {
                dialog.note = Some(format!("Not sent: {problem}."));
                return Vec::new();
            }
            if interrupted {
                dialog.note = Some(format!(
                    "A notice came in just now; press {again} again to reject."
                ));
                return Vec::new();
            }
            let reason = dialog.sends();
            let single = dialog.many.is_empty();
            let id = dialog.invitation_id.clone();
            let targets = if single {
                vec![Target {
                    id: id.clone(),
                    title: dialog.title.clone(),
                }]
            } else {
                std::mem::take(&mut dialog.many)
            };
            state.modals.pop();
            let mut effects = bulk::start(state, BulkKind::Reject { reason }, targets);
            if single && state.selected().is_some_and(|s| s.id == id) {
                effects.extend(bulk::next_actionable(state, &id));
            }
            return effects;
        }
        (Some(Action::Switch), RejectFocus::Reject | RejectFocus::Cancel) => {
            dialog.focus = if dialog.focus == RejectFocus::Reject {
                RejectFocus::Cancel
            } else {
                RejectFocus::Reject
            };
        }
        _ => {}
    }
    Vec::new()
}

impl Dialog for RejectDialog {
    fn title(&self, _: &State) -> Title {
        Title::toned("Reject invitation", Tone::Danger)
    }

    fn keys(&self) -> Keys {
        Keys::new(Mode::Reject, on_key, HINTS)
            .paste((self.focus == RejectFocus::Text).then_some(on_paste as OnPaste))
    }

    fn asks(&self, _: &Asking<'_>) -> Vec<Write> {
        if self.many.is_empty() {
            return vec![Write::Reject(self.invitation_id.clone())];
        }
        self.many
            .iter()
            .map(|t| Write::Reject(t.id.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancel_has_focus_first_and_tab_goes_round() {
        let d = RejectDialog::new("engi-1".into(), "T".into(), None);
        assert_eq!(d.focus, RejectFocus::Cancel);
        assert_eq!(d.focus.cycle(false), RejectFocus::Reasons);
        assert_eq!(d.focus.cycle(true), RejectFocus::Reject);
    }
}
