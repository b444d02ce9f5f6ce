use std::time::Duration;

use super::form::draft::Draft;
use super::form::fields::Field;
use super::SavedAccepts;
use chrono::{DateTime, Utc};

use crate::domain::journal::Entry;
use crate::domain::{InvitationDetail, InvitationSummary, ListQuery, NewInvitation, Participant};

/// How urgent a read is; the user's own selection jumps the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Priority {
    Selected,
    /// The rows on screen.
    Prefetch,
    /// What a sort needs of rows off screen: read when nothing else waits, and never dropped.
    Backfill,
}

/// Work `update` asks the runtime to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Fetch one page of invitations; the reply is a `Msg::PageLoaded` for `generation`.
    LoadPage {
        generation: u64,
        query: ListQuery,
        next_token: Option<String>,
    },
    /// Fetch one invitation's detail; the reply is a `Msg::DetailLoaded`.
    LoadDetail {
        id: String,
        generation: u64,
        priority: Priority,
    },
    /// Start accepting; the reply is a `Msg::AcceptStarted`. The local store may hold an
    /// older token for the invitation (from another process): that one is used.
    StartAccept {
        invitation_id: String,
        client_token: String,
        title: Option<String>,
        started: DateTime<Utc>,
    },
    /// Poll an accept task after a pause; the reply is a `Msg::TaskPolled`.
    PollTask {
        invitation_id: String,
        task_id: String,
        after: Duration,
    },
    /// Ask the service for accept tasks in progress; the reply is a `Msg::ActiveTasks`.
    FindActiveTasks,
    /// Reject an invitation; the reply is a `Msg::Rejected`.
    Reject {
        invitation_id: String,
        reason: String,
    },
    /// Fetch a page of engagements; the reply is a `Msg::EngagementsLoaded`.
    LoadEngagements { next_token: Option<String> },
    /// Create an invitation; the reply is a `Msg::InvitationCreated`.
    CreateInvitation {
        engagement_id: String,
        client_token: String,
        invitation: Box<NewInvitation>,
    },
    /// Write the draft to the data directory, or remove it (`None`).
    SaveDraft(Option<Box<Draft>>),
    /// Write the unfinished accepts to the data directory.
    SaveAccepts(SavedAccepts),
    /// Keep the bulk action in progress in the local store, or forget it (`None`).
    SaveBulk(Option<Box<super::BulkQueue>>),
    /// Keep what the service said, or what the user read, in the local store.
    Remember { what: Remember, at: DateTime<Utc> },
    /// Read the cached rows of a query; the reply is a `Msg::CachedView`.
    ReadCachedView { generation: u64, query: ListQuery },
    /// Look up the opportunity accepting an invitation created (by `known` id, else through its
    /// completed accept task); the reply is a `Msg::OpportunityLoaded`.
    LoadOpportunity {
        invitation_id: String,
        known: Option<String>,
    },
    /// Read the cached rows of one side, to count its views; the reply is a `Msg::CachedSide`.
    ReadCachedSide { side: Participant },
    /// List a page of every invitation of one side in the background, to count its views;
    /// the reply is a `Msg::SideListed`.
    ListSide {
        side: Participant,
        next_token: Option<String>,
    },
    /// Read the cached details of invitations; the reply is a `Msg::CachedDetails`.
    ReadCachedDetails { generation: u64, ids: Vec<String> },
    /// Add an entry to the journal.
    Journal(Box<Entry>),
    /// Read the journal; the reply is a `Msg::JournalRead`.
    ReadJournal,
    /// Send `Msg::WatchTick` after this long.
    WatchAfter(Duration),
    /// List a page of the pending invitations received; the reply is a `Msg::PendingListed`.
    ListPending { next_token: Option<String> },
    /// Tell the user something arrived: the terminal bell, a desktop notification (OSC 9).
    Announce {
        bell: bool,
        notification: Option<String>,
    },
    /// Send `Msg::SelectionSettled { epoch }` after `after`.
    SettleSelection { epoch: u64, after: Duration },
    /// Send `Msg::DraftSettled { epoch }` after `after`.
    SettleDraft { epoch: u64, after: Duration },
    /// Hand a form field's text to the user's editor; the reply is a `Msg::TextEdited`. The
    /// runtime gives the editor the terminal until it exits.
    EditText { field: Field, text: String },
    /// Open a URL in the browser; the reply is a `Msg::Opened`.
    OpenUrl(String),
    /// Put text on the clipboard.
    Copy(String),
    /// Fetch a page of the partner's opportunities; the reply is a `Msg::OpportunitiesLoaded`.
    LoadOpportunities { next_token: Option<String> },
    /// Read one opportunity; the reply is a `Msg::OpportunityRead`.
    ReadOpportunity { id: String },
    /// Start engaging from an opportunity, unless the service has a task for it already (then
    /// that one is followed); the reply is a `Msg::EngageStarted`. The local store may hold an
    /// older token for the opportunity (from another process): that one is used.
    StartEngage {
        opportunity_id: String,
        client_token: String,
        started: DateTime<Utc>,
    },
    /// Poll the engage task after a pause; the reply is a `Msg::EngagePolled`.
    PollEngage { task_id: String, after: Duration },
    /// Record in the local store the task an engage started.
    SaveEngageTask {
        opportunity_id: String,
        client_token: String,
        task_id: String,
    },
    /// List every member of an engagement; the reply is a `Msg::MembersLoaded`.
    LoadMembers { engagement_id: String },
    /// Read an engagement with its context; the reply is a `Msg::EngagementRead`.
    LoadEngagement { id: String },
    /// Drop the local store's record of an engage that ended.
    ForgetEngage {
        opportunity_id: String,
        client_token: String,
    },
}

/// What the local store is asked to remember.
#[derive(Debug, Clone, PartialEq)]
pub enum Remember {
    /// Rows of a listing; those in `unread` arrived since the last visit.
    Rows {
        rows: Vec<InvitationSummary>,
        unread: Vec<String>,
    },
    /// An invitation's detail.
    Detail(Box<InvitationDetail>),
    /// The user has seen this invitation.
    Read(String),
    /// The service no longer lists these invitations.
    Gone(Vec<String>),
}
