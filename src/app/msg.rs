use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use super::create::CreateMsg;
use super::engage::EngageMsg;
use super::engagements::EngagementMsg;
use super::sync::SyncMsg;
use super::tasks::TaskMsg;
use super::Geometry;
use crate::domain::journal::Entry;
use crate::domain::Requests;
use crate::service::ServiceError;

/// Everything that can happen to the app: what every part hears (keys, time, the screen), and
/// each feature's own replies, which [`super::update`] hands to that feature.
#[derive(Debug, Clone)]
pub enum Msg {
    /// A key press.
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste): it only ever goes into a text field.
    Paste(String),
    /// The screen's new geometry (after a resize).
    Resize(Geometry),
    /// The selected detail takes this many rows when drawn.
    DetailMeasured { lines: usize },
    /// The writes the frame just drawn asked the user about (sent when they change).
    Shown(Vec<super::consent::Write>),
    /// Time passes (spinner, relative dates, notices that expire).
    Tick { now: DateTime<Utc> },
    /// For the reads: pages, details, the watch's looks.
    Sync(SyncMsg),
    /// For the task machine (accept, engage).
    Task(TaskMsg),
    /// For the create form.
    Create(CreateMsg),
    /// For the engage dialog.
    Engage(EngageMsg),
    /// For the engagement lookups (members, contexts).
    Engagement(EngagementMsg),
    /// The answer to a reject.
    Rejected {
        invitation_id: String,
        reason: String,
        result: Result<(), ServiceError>,
    },
    /// The browser was asked to open a URL.
    Opened {
        url: String,
        result: Result<(), String>,
    },
    /// Saving local state failed.
    StorageFailed(String),
    /// The requests made today against the account's daily quotas, by every process.
    RequestsToday(Requests),
    /// The journal, oldest entry first.
    JournalRead(Result<Vec<Entry>, String>),
    /// SIGTERM or similar: leave now.
    Terminate,
}
