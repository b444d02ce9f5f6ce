use serde::Deserialize;

use super::{InvitationStatus, Participant, PayloadKind};

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
}

/// One page of a listing and the token for the next one.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_token: Option<String>,
}
