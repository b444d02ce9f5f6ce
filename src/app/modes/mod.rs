//! The modes: the list and the detail pane underneath, and the dialogs and prompts stacked over
//! them. Each mode's file holds its state, every key it takes ([`on_key`](list::on_key)) and
//! the hints it shows. [`crate::app::keys`] gives each key press to exactly one of them.

pub mod bulk;
pub mod confirm;
pub mod detail;
pub mod engage;
pub mod filters;
pub mod form;
pub mod help;
pub mod journal;
pub mod list;
pub mod notices;
pub mod picker;
pub mod quit;
pub mod reject;
pub mod search;
pub mod unsent;

use crate::keymap::Mode;

pub use bulk::{BulkConfirm, Target};
pub use confirm::ConfirmAccept;
pub use filters::FilterMenu;
pub use help::HelpView;
pub use journal::JournalView;
pub use notices::NoticesLog;
pub use quit::QuitPrompt;
pub use reject::{RejectDialog, RejectFocus};
pub use search::SearchPrompt;
pub use unsent::UnsentPrompt;

use super::consent::Write;
use super::engage::dialog::{EngageDialog, Stage};
use super::form::InvitationForm;

/// A dialog or prompt over the inbox. Only a key the user pressed opens one, except the
/// start's question about writes the last run left unsent.
#[derive(Debug, Clone)]
pub enum Modal {
    Search(SearchPrompt),
    Filters(FilterMenu),
    Help(HelpView),
    Notices(NoticesLog),
    Journal(JournalView),
    Confirm(ConfirmAccept),
    Bulk(BulkConfirm),
    Reject(RejectDialog),
    Create(Box<InvitationForm>),
    Engage(EngageDialog),
    Quit(QuitPrompt),
    Unsent(UnsentPrompt),
}

impl Modal {
    /// The writes this dialog asks about when it is on top: what its yes would send. The
    /// engage dialog's retry asks about the engage from `retry` (an opportunity whose start may
    /// be sent again); the start's question about the write queue's `queued` writes.
    pub fn asks(&self, retry: Option<&str>, queued: &[Write]) -> Vec<Write> {
        match self {
            Modal::Confirm(c) => vec![Write::Accept(c.invitation_id.clone())],
            Modal::Bulk(c) => c
                .targets
                .iter()
                .map(|t| {
                    if c.accept {
                        Write::Accept(t.id.clone())
                    } else {
                        Write::Reject(t.id.clone())
                    }
                })
                .collect(),
            Modal::Reject(d) if d.many.is_empty() => {
                vec![Write::Reject(d.invitation_id.clone())]
            }
            Modal::Reject(d) => d.many.iter().map(|t| Write::Reject(t.id.clone())).collect(),
            Modal::Unsent(_) => queued.to_vec(),
            Modal::Create(form) if form.picker.is_none() => {
                vec![Write::Create(form.draft.client_token.clone())]
            }
            Modal::Engage(d) => match (&d.stage, retry) {
                (Stage::Confirm(o), _) => vec![Write::Engage(o.id.clone())],
                (Stage::Progress, Some(id)) => vec![Write::Engage(id.to_string())],
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// The key table this modal reads.
    pub fn mode(&self) -> Mode {
        match self {
            Modal::Search(_) => Mode::Search,
            Modal::Filters(_) => Mode::Filters,
            Modal::Help(_) => Mode::Help,
            Modal::Notices(_) => Mode::Notices,
            Modal::Journal(_) => Mode::Journal,
            Modal::Confirm(_) | Modal::Bulk(_) | Modal::Quit(_) | Modal::Unsent(_) => Mode::Confirm,
            Modal::Reject(_) => Mode::Reject,
            Modal::Create(form) if form.picker.is_some() => Mode::Picker,
            Modal::Create(_) => Mode::Form,
            Modal::Engage(_) => Mode::Engage,
        }
    }
}
