use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use super::Geometry;
use crate::compose::fields::Field;
use crate::domain::journal::Entry;
use crate::domain::{
    CachedView, Engagement, EngagementMember, EngagementSummary, InvitationDetail,
    InvitationSummary, Opportunity, Page, Participant, Task, TaskKind,
};
use crate::service::{CreatedInvitation, ServiceError};

/// Everything that can happen to the app.
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
    /// The answer to a start (or the task the service had for the work already: `found`).
    /// `claimed` is the token the store held for the work when it was not the one asked for
    /// (another process's): the start used that one.
    TaskStarted {
        work: (TaskKind, String),
        claimed: Option<String>,
        result: Result<Task, ServiceError>,
        found: bool,
    },
    TaskPolled {
        work: (TaskKind, String),
        task_id: String,
        result: Result<Task, ServiceError>,
    },
    /// The tasks of a kind the service has in progress.
    RunningTasks {
        kind: TaskKind,
        result: Result<Vec<Task>, ServiceError>,
    },
    Rejected {
        invitation_id: String,
        reason: String,
        result: Result<(), ServiceError>,
    },
    /// A page of ListEngagements for the create form.
    EngagementsLoaded(Result<Page<EngagementSummary>, ServiceError>),
    /// The answer to CreateEngagementInvitation for the draft with this client token.
    InvitationCreated {
        client_token: String,
        result: Result<CreatedInvitation, ServiceError>,
    },
    /// The user's editor exited with a field's new text, or could not run.
    TextEdited {
        field: Field,
        result: Result<String, String>,
    },
    /// The browser was asked to open a URL.
    Opened {
        url: String,
        result: Result<(), String>,
    },
    /// Saving local state failed.
    StorageFailed(String),
    /// The local store's rows for the list generation they were read for.
    CachedView {
        generation: u64,
        result: Result<CachedView, String>,
    },
    /// The local store's rows of one side, for counting its views.
    CachedSide {
        side: Participant,
        result: Result<CachedView, String>,
    },
    /// The opportunity an accepted invitation created, or `None` when no accept task completed.
    OpportunityLoaded {
        invitation_id: String,
        result: Result<Option<Opportunity>, ServiceError>,
    },
    /// A page of the side not on screen, listed to count its views.
    SideListed {
        side: Participant,
        result: Result<Page<InvitationSummary>, ServiceError>,
    },
    /// Details the local store had, for the cache generation they were read for.
    CachedDetails {
        generation: u64,
        details: Vec<InvitationDetail>,
    },
    /// The journal, oldest entry first.
    JournalRead(Result<Vec<Entry>, String>),
    /// The selection has rested since the given epoch.
    SelectionSettled { epoch: u64 },
    /// Time for the watch's next look.
    WatchTick,
    /// A page of the pending invitations received, for the watch.
    PendingListed(Result<Page<InvitationSummary>, ServiceError>),
    /// The create form's draft has rested since the given epoch.
    DraftSettled { epoch: u64 },
    /// A page of ListOpportunities for the engage picker.
    OpportunitiesLoaded(Result<Page<Opportunity>, ServiceError>),
    /// GetOpportunity for the engage dialog.
    OpportunityRead {
        id: String,
        result: Result<Opportunity, ServiceError>,
    },
    /// Every member of an engagement.
    MembersLoaded {
        engagement_id: String,
        result: Result<Vec<EngagementMember>, ServiceError>,
    },
    /// GetEngagement, for the create form.
    EngagementRead {
        id: String,
        result: Result<Engagement, ServiceError>,
    },
    /// SIGTERM or similar: leave now.
    Terminate,
}
