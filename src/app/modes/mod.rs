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

use super::engage::EngageDialog;
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
