//! What the reads hear back: pages and details from the service or the local store, the
//! selection resting, the watch's looks, the other side's listing for the view counts, and the
//! opportunity an accept created.

use crate::domain::{
    CachedRow, CachedView, InvitationDetail, InvitationSummary, Opportunity, Page, Participant,
};
use crate::service::ServiceError;

/// A reply or timer for the reads.
#[derive(Debug, Clone)]
pub enum SyncMsg {
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
    /// The local store's rows for the list generation they were read for.
    CachedView {
        generation: u64,
        result: Result<CachedView, String>,
    },
    /// What the local store holds after a write of rows.
    Stored(Stored),
    /// Details the local store had, for the cache generation they were read for.
    CachedDetails {
        generation: u64,
        details: Vec<InvitationDetail>,
    },
    /// The local store's rows of one side, for counting its views.
    CachedSide {
        side: Participant,
        result: Result<CachedView, String>,
    },
    /// A page of the side not on screen, listed to count its views.
    SideListed {
        side: Participant,
        result: Result<Page<InvitationSummary>, ServiceError>,
    },
    /// Time for the watch's next look, if `timer` is the one it set last.
    WatchTick { timer: u64 },
    /// A page of the watch's look.
    Looked(Result<Page<InvitationSummary>, ServiceError>),
    /// The opportunity an accepted invitation created, or `None` when no accept task completed.
    OpportunityLoaded {
        invitation_id: String,
        result: Result<Option<Box<Opportunity>>, ServiceError>,
    },
}

impl SyncMsg {
    /// True when the reply may change the rows (the timers and the selection do not).
    pub fn may_change_rows(&self) -> bool {
        !matches!(
            self,
            SyncMsg::SelectionSettled { .. } | SyncMsg::WatchTick { .. }
        )
    }
}

/// What the local store holds after it wrote what the inbox learned: the rows the views show
/// come from here (and from whole views read), never straight from the service. Every write of
/// rows, a detail or a listing's end answers with one, even when the store could not make it
/// (then it tells what was learned, and the inbox says the store failed).
#[derive(Debug, Clone, PartialEq)]
pub enum Stored {
    /// Rows of a listing or a look, as now stored.
    Rows(Vec<CachedRow>),
    /// The row of an invitation whose detail was stored (none when it has no row).
    Detail(Option<Box<CachedRow>>),
    /// Rows a complete listing no longer had: forgotten.
    Gone(Vec<String>),
}
