//! ListEngagementMembers.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{answer, not_found, View};
use crate::emulator::error::ApiError;
use crate::emulator::members::Member;
use crate::emulator::paging;
use crate::emulator::store::resource_id;

/// How many members a page holds unless the request says.
const DEFAULT_PAGE: usize = 10;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct ListRequest {
    identifier: String,
    max_results: Option<usize>,
    next_token: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ListResponse<'a> {
    engagement_member_list: Vec<&'a Member>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
}

/// The members in the order they joined; only a member may list them.
pub(super) fn list(view: &View<'_>, req: ListRequest, raw: &Value) -> Result<Value, ApiError> {
    let account = view.account();
    let id = resource_id(&req.identifier);
    let engagement = view
        .data()
        .engagements
        .get(id)
        .ok_or_else(|| not_found("Engagement", id))?;
    let members = &engagement.members;
    if !members.iter().any(|m| m.account_id == account) {
        return Err(ApiError::access_denied(format!(
            "Account {account} is not a member of engagement '{id}'"
        )));
    }
    let fingerprint = paging::fingerprint(&account, "ListEngagementMembers", raw);
    let start: usize = req
        .next_token
        .as_deref()
        .map(|t| paging::decode_key(t, &fingerprint))
        .transpose()?
        .unwrap_or(0);
    let end = members
        .len()
        .min(start.saturating_add(req.max_results.unwrap_or(DEFAULT_PAGE)));
    let mut page: Vec<&Member> = members.get(start..end).unwrap_or_default().iter().collect();
    let (page, _) = paging::fit(&mut page, |m| *m);
    let end = start + page.len();
    let next_token = (end < members.len()).then(|| paging::encode(&end, &fingerprint));
    answer(ListResponse {
        engagement_member_list: page,
        next_token,
    })
}
