//! The modes: the list and the detail pane underneath, and the dialogs and prompts stacked over
//! them. Each mode's file holds its state, every key it takes ([`on_key`](list::on_key)) and
//! the hints it shows; each dialog says so through one trait, [`dialog::Dialog`], which the
//! modal stack asks. [`crate::app::keys`] gives each key press to exactly one of them.

pub mod bulk;
pub mod confirm;
pub mod detail;
pub mod dialog;
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
use super::engage::dialog::EngageDialog;
use super::form::InvitationForm;
use dialog::{Asking, Dialog};

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
    /// The dialog itself, which says where keys go, its hints and what its yes sends.
    pub fn dialog(&self) -> &dyn Dialog {
        match self {
            Modal::Search(d) => d,
            Modal::Filters(d) => d,
            Modal::Help(d) => d,
            Modal::Notices(d) => d,
            Modal::Journal(d) => d,
            Modal::Confirm(d) => d,
            Modal::Bulk(d) => d,
            Modal::Reject(d) => d,
            Modal::Create(d) => d.as_ref(),
            Modal::Engage(d) => d,
            Modal::Quit(d) => d,
            Modal::Unsent(d) => d,
        }
    }

    /// The writes this dialog asks about when it is on top: what its yes would send. The
    /// engage dialog's retry asks about the engage from `retry` (an opportunity whose start may
    /// be sent again); the start's question about the write queue's `queued` writes.
    pub fn asks(&self, retry: Option<&str>, queued: &[Write]) -> Vec<Write> {
        self.dialog().asks(&Asking { retry, queued })
    }

    /// The key table this modal reads.
    pub fn mode(&self) -> Mode {
        self.dialog().keys().mode
    }
}
