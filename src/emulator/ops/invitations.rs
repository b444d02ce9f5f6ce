//! ListEngagementInvitations, GetEngagementInvitation, RejectEngagementInvitation and
//! AcceptEngagementInvitation.

use serde::Deserialize;
use serde_json::Value;

use super::{answer, not_found, Ctx, Paging};
use crate::domain::{InvitationStatus, Participant, TaskStatus};
use crate::emulator::error::ApiError;
use crate::emulator::store::{resource_id, Invitation};
use crate::wire;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct ListRequest {
    #[serde(flatten)]
    paging: Paging,
    payload_type: Option<Vec<String>>,
    #[serde(with = "wire::value")]
    participant_type: Participant,
    status: Option<Vec<String>>,
    engagement_identifier: Option<Vec<String>>,
    sender_aws_account_id: Option<Vec<String>>,
}

fn allows(filter: &Option<Vec<String>>, value: &str) -> bool {
    filter.as_ref().is_none_or(|f| f.iter().any(|x| x == value))
}

pub(super) fn list(ctx: &mut Ctx<'_>, req: ListRequest, raw: &Value) -> Result<Value, ApiError> {
    let now = ctx.now;
    let engagements: Option<Vec<String>> = req
        .engagement_identifier
        .as_ref()
        .map(|ids| ids.iter().map(|i| resource_id(i).to_string()).collect());
    let data = ctx.view();
    let rows: Vec<&Invitation> = data
        .invitations
        .values()
        .filter(|i| i.participant == req.participant_type)
        .filter(|i| allows(&req.status, i.status_at(now).as_wire()))
        .filter(|i| allows(&req.payload_type, i.payload.kind().as_wire()))
        .filter(|i| allows(&engagements, &i.engagement_id))
        .filter(|i| allows(&req.sender_aws_account_id, &i.sender_account))
        .collect();
    let (page, token) = req.paging.page(
        "ListEngagementInvitations",
        raw,
        rows,
        |i| (i.invitation_date.timestamp_millis(), i.id.clone()),
        20,
    )?;
    let account = ctx.account();
    answer(wire::ListEngagementInvitationsResponse {
        engagement_invitation_summaries: page
            .iter()
            .map(|i| i.summary(ctx.catalog, &account, now))
            .collect(),
        next_token: token,
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct IdRequest {
    identifier: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct RejectRequest {
    identifier: String,
    rejection_reason: Option<String>,
}

/// The invitation, if this account received it and it is still PENDING.
pub(super) fn pending_received<'a>(
    ctx: &'a mut Ctx<'_>,
    identifier: &str,
    verb: &str,
) -> Result<&'a mut Invitation, ApiError> {
    let now = ctx.now;
    let id = resource_id(identifier).to_string();
    let in_progress = ctx
        .data()
        .tasks
        .iter()
        .any(|t| t.invitation_id == id && t.status_at(now) == TaskStatus::InProgress);
    let invitation = ctx
        .data()
        .invitations
        .get_mut(&id)
        .ok_or_else(|| not_found("Engagement invitation", &id))?;
    if invitation.participant != Participant::Received {
        return Err(ApiError::business(
            "Identifier",
            "ACTION_NOT_PERMITTED",
            format!("Only the receiver can {verb} invitation '{id}'"),
        ));
    }
    let status = invitation.status_at(now);
    if status != InvitationStatus::Pending {
        return Err(ApiError::conflict(format!(
            "Invitation '{id}' is {}; only a PENDING invitation can be {verb}ed",
            status.as_wire()
        )));
    }
    if in_progress {
        return Err(ApiError::conflict(format!(
            "Invitation '{id}' is being accepted by a task in progress"
        )));
    }
    Ok(invitation)
}

pub(super) fn get(ctx: &mut Ctx<'_>, req: IdRequest) -> Result<Value, ApiError> {
    let id = resource_id(&req.identifier);
    let account = ctx.account();
    let data = ctx.view();
    let invitation = data
        .invitations
        .get(id)
        .ok_or_else(|| not_found("Engagement invitation", id))?;
    answer(invitation.detail(ctx.catalog, &account, ctx.now))
}

pub(super) fn reject(ctx: &mut Ctx<'_>, req: RejectRequest) -> Result<Value, ApiError> {
    let invitation = pending_received(ctx, &req.identifier, "reject")?;
    invitation.status = InvitationStatus::Rejected;
    invitation.rejection_reason = req.rejection_reason;
    Ok(Value::Object(Default::default()))
}

pub(super) fn accept(ctx: &mut Ctx<'_>, req: IdRequest) -> Result<Value, ApiError> {
    let invitation = pending_received(ctx, &req.identifier, "accept")?;
    invitation.status = InvitationStatus::Accepted;
    Ok(Value::Object(Default::default()))
}
