use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use crate::domain::{InvitationDetail, InvitationSummary, Page};
use crate::service::ServiceError;

/// Everything that can happen to the app.
#[derive(Debug, Clone)]
pub enum Msg {
    /// A key press.
    Key(KeyEvent),
    /// The terminal's new size.
    Resize { width: u16, height: u16 },
    /// Time passes (spinner, relative dates, notices that expire).
    Tick { now: DateTime<Utc> },
    /// A ListEngagementInvitations reply for the list generation it was asked for.
    PageLoaded {
        generation: u64,
        result: Result<Page<InvitationSummary>, ServiceError>,
    },
    /// A GetEngagementInvitation reply for the cache generation it was asked for.
    DetailLoaded {
        id: String,
        generation: u64,
        result: Result<Box<InvitationDetail>, ServiceError>,
    },
    /// The selection has rested since the given epoch.
    SelectionSettled { epoch: u64 },
    /// SIGTERM or similar: leave now.
    Terminate,
}
