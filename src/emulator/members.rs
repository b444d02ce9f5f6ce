//! Who is in an engagement: its creator and every account whose invitation into it was
//! accepted.

use serde::{Deserialize, Serialize};

use crate::wire;

/// One member of an engagement, as `ListEngagementMembers` returns it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Member {
    pub account_id: String,
    pub company_name: String,
    pub website_url: Option<String>,
}

impl Member {
    /// The member as an invitation's `ExistingMembers` lists it.
    pub fn summary(&self) -> wire::EngagementMemberSummary {
        wire::EngagementMemberSummary {
            company_name: Some(self.company_name.clone()),
            website_url: self.website_url.clone(),
        }
    }
}

/// Adds `member` to `members` unless its account is there already.
pub fn join(members: &mut Vec<Member>, member: Member) {
    if !members.iter().any(|m| m.account_id == member.account_id) {
        members.push(member);
    }
}
