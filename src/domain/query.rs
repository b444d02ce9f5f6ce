use serde::Deserialize;

use super::view::any_of;
use super::{InvitationStatus, InvitationSummary, Participant, PayloadKind};

/// Order of the invitation list by invitation date. Its serde form is the config file's
/// `sort` value: `newest` or `oldest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum SortOrder {
    #[default]
    #[serde(rename = "newest")]
    NewestFirst,
    #[serde(rename = "oldest")]
    OldestFirst,
}

/// What to ask ListEngagementInvitations for. Empty filter lists mean "all".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    pub participant: Participant,
    pub statuses: Vec<InvitationStatus>,
    pub payload_kinds: Vec<PayloadKind>,
    pub engagement_ids: Vec<String>,
    pub sender_account_ids: Vec<String>,
    pub sort: SortOrder,
    /// 1–100; `None` lets the service choose.
    pub page_size: Option<u32>,
}

impl ListQuery {
    /// All invitations on one side, newest first.
    pub fn new(participant: Participant) -> Self {
        ListQuery {
            participant,
            statuses: Vec::new(),
            payload_kinds: Vec::new(),
            engagement_ids: Vec::new(),
            sender_account_ids: Vec::new(),
            sort: SortOrder::NewestFirst,
            page_size: None,
        }
    }

    /// True when the query lists this invitation: its side and every filter hold, as the
    /// service and the local store apply them.
    pub fn admits(&self, row: &InvitationSummary) -> bool {
        row.participant.unwrap_or(Participant::Received) == self.participant
            && any_of(&self.statuses, row.status.as_ref())
            && any_of(&self.payload_kinds, row.payload_kind.as_ref())
            && any_of(&self.engagement_ids, row.engagement_id.as_ref())
            && any_of(&self.sender_account_ids, row.sender_account_id.as_ref())
    }
}

/// One page of a listing and the token for the next one.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_token: Option<String>,
}
