use std::collections::HashSet;
use std::time::Duration;

use crate::compose::draft::Draft;
use crate::compose::fields::Field;
use chrono::{DateTime, Utc};

use crate::domain::journal::Entry;
use crate::domain::{
    InvitationDetail, InvitationSummary, ListQuery, NewInvitation, Participant, SavedTask,
    TaskKind, TaskStart,
};

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
    /// Fetch one page of invitations; the reply is an `SyncMsg::PageLoaded` for `generation`.
    LoadPage {
        generation: u64,
        query: ListQuery,
        next_token: Option<String>,
    },
    /// Fetch one invitation's detail; the reply is an `SyncMsg::DetailLoaded`.
    LoadDetail {
        id: String,
        generation: u64,
        priority: Priority,
    },
    /// Start a task (accept, engage); the reply is a `TaskMsg::Started`. The service is asked
    /// first for a task it has for the same work (followed instead); then the token is claimed
    /// in the local store, which may hold an older one for the work (another process's): that
    /// one is used. A token that cannot be saved is not sent.
    StartTask {
        start: TaskStart,
        client_token: String,
        title: Option<String>,
        started: DateTime<Utc>,
    },
    /// Poll a task after a pause; the reply is a `TaskMsg::Polled`.
    PollTask {
        kind: TaskKind,
        subject: String,
        task_id: String,
        after: Duration,
    },
    /// Ask the service for the tasks of a kind in progress; the reply is a
    /// `TaskMsg::Running`.
    FindRunningTasks(TaskKind),
    /// Keep a task's record (its token and task id) in the local store.
    SaveTask {
        kind: TaskKind,
        subject: String,
        record: SavedTask,
    },
    /// Drop a task's record, if it still holds this token.
    ForgetTask {
        kind: TaskKind,
        subject: String,
        client_token: String,
    },
    /// Reject an invitation; the reply is a `Msg::Rejected`.
    Reject {
        invitation_id: String,
        reason: String,
    },
    /// Fetch a page of engagements; the reply is a `CreateMsg::EngagementsLoaded`.
    LoadEngagements { next_token: Option<String> },
    /// Create an invitation; the reply is a `CreateMsg::Created`.
    CreateInvitation {
        engagement_id: String,
        client_token: String,
        invitation: Box<NewInvitation>,
    },
    /// Write the draft to the data directory, or remove it (`None`).
    SaveDraft(Option<Box<Draft>>),
    /// Keep the bulk action in progress in the local store, or forget it (`None`).
    SaveBulk(Option<Box<super::BulkQueue>>),
    /// Keep what the service said, or what the user read, in the local store.
    Remember { what: Remember, at: DateTime<Utc> },
    /// Read the cached rows of a query; the reply is an `SyncMsg::CachedView`.
    ReadCachedView { generation: u64, query: ListQuery },
    /// Read the cached rows of a query again if another process wrote to the store since it
    /// was last asked; the reply, if any, is an `SyncMsg::CachedView`.
    ReadCachedViewIfChanged { generation: u64, query: ListQuery },
    /// Look up the opportunity accepting an invitation created (by `known` id, else through its
    /// completed accept task); the reply is an `SyncMsg::OpportunityLoaded`.
    LoadOpportunity {
        invitation_id: String,
        known: Option<String>,
    },
    /// Read the cached rows of one side, to count its views; the reply is an
    /// `SyncMsg::CachedSide`.
    ReadCachedSide { side: Participant },
    /// List a page of every invitation of one side in the background, to count its views;
    /// the reply is an `SyncMsg::SideListed`.
    ListSide {
        side: Participant,
        next_token: Option<String>,
    },
    /// Read the cached details of invitations; the reply is an `SyncMsg::CachedDetails`.
    ReadCachedDetails { generation: u64, ids: Vec<String> },
    /// Add an entry to the journal.
    Journal(Box<Entry>),
    /// Read the journal; the reply is a `Msg::JournalRead`.
    ReadJournal,
    /// Send `SyncMsg::WatchTick { timer }` after this long.
    WatchAfter { after: Duration, timer: u64 },
    /// List a page of the watch's look; the reply is an `SyncMsg::Looked`.
    Look {
        query: ListQuery,
        next_token: Option<String>,
    },
    /// Tell the user something arrived: the terminal bell, a desktop notification (OSC 9).
    Announce {
        bell: bool,
        notification: Option<String>,
    },
    /// Send `SyncMsg::SelectionSettled { epoch }` after `after`.
    SettleSelection { epoch: u64, after: Duration },
    /// Send `CreateMsg::DraftSettled { epoch }` after `after`.
    SettleDraft { epoch: u64, after: Duration },
    /// Hand a form field's text to the user's editor; the reply is a `CreateMsg::TextEdited`. The
    /// runtime gives the editor the terminal until it exits.
    EditText { field: Field, text: String },
    /// Open a URL in the browser; the reply is a `Msg::Opened`.
    OpenUrl(String),
    /// Put text on the clipboard.
    Copy(String),
    /// Fetch a page of the partner's opportunities; the reply is an
    /// `EngageMsg::OpportunitiesLoaded`.
    LoadOpportunities { next_token: Option<String> },
    /// Read one opportunity; the reply is an `EngageMsg::OpportunityRead`.
    ReadOpportunity { id: String },
    /// List every member of an engagement; the reply is an `EngagementMsg::Members`.
    LoadMembers { engagement_id: String },
    /// Read an engagement with its context; the reply is an `EngagementMsg::Read`.
    LoadEngagement { id: String },
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
    /// A complete listing of `query` listed these invitations: the query's other rows are
    /// gone.
    Listed {
        query: ListQuery,
        ids: HashSet<String>,
    },
    /// A look at the service succeeded.
    Looked,
}
