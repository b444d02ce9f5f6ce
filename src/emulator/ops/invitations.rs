//! ListEngagementInvitations, GetEngagementInvitation, RejectEngagementInvitation and
//! AcceptEngagementInvitation.

use serde::Deserialize;
use serde_json::Value;

use super::{answer, not_found, Ctx, Paging, View};
use crate::domain::{InvitationStatus, Participant, PayloadKind, TaskKind, TaskStatus};
use crate::emulator::error::ApiError;
use crate::emulator::index::Filter;
use crate::emulator::members;
use crate::emulator::paging;
use crate::emulator::store::{resource_id, CatalogData, Invitation};
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

impl ListRequest {
    fn filter(&self) -> Filter {
        Filter {
            statuses: self
                .status
                .as_ref()
                .map(|s| s.iter().map(|s| InvitationStatus::from_wire(s)).collect()),
            payloads: self
                .payload_type
                .as_ref()
                .map(|p| p.iter().map(|p| PayloadKind::from_wire(p)).collect()),
            engagements: self
                .engagement_identifier
                .as_ref()
                .map(|ids| ids.iter().map(|i| resource_id(i).to_string()).collect()),
            senders: self.sender_aws_account_id.clone(),
        }
    }
}

pub(super) fn list(view: &View<'_>, req: ListRequest, raw: &Value) -> Result<Value, ApiError> {
    let account = view.account();
    let listing = (account.as_str(), "ListEngagementInvitations");
    let (seek, fingerprint) = req.paging.seek(listing, raw, 20)?;
    let (mut page, more) = view.data().invitations.page(
        &account,
        req.participant_type,
        &req.filter(),
        view.now,
        &seek,
    );
    let (summaries, cut) = paging::fit(&mut page, |i| i.summary(view.catalog, &account, view.now));
    let token = page
        .last()
        .filter(|_| more || cut)
        .map(|last| paging::token(&last.key(), &fingerprint));
    answer(wire::ListEngagementInvitationsResponse {
        engagement_invitation_summaries: summaries,
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

/// The invitation with this id, if the acting account sent or received it.
fn party_to<'d>(data: &'d CatalogData, acting: &str, id: &str) -> Result<&'d Invitation, ApiError> {
    data.invitations
        .get(id)
        .filter(|i| i.participant_for(acting).is_some())
        .map(|i| &**i)
        .ok_or_else(|| not_found("Engagement invitation", id))
}

/// The invitation, if the acting account received it and it is still PENDING.
pub(super) fn pending_received<'a>(
    ctx: &'a Ctx<'_>,
    identifier: &str,
    verb: &str,
) -> Result<&'a Invitation, ApiError> {
    let now = ctx.now;
    let id = resource_id(identifier);
    let acting = &ctx.acting.aws_account_id;
    let data = ctx.view();
    let in_progress = data
        .tasks
        .of(TaskKind::Accept)
        .any(|t| t.subject == id && t.status_at(now) == TaskStatus::InProgress);
    let invitation = party_to(data, acting, id)?;
    if invitation.participant_for(acting) != Some(Participant::Received) {
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

pub(super) fn get(view: &View<'_>, req: IdRequest) -> Result<Value, ApiError> {
    let id = resource_id(&req.identifier);
    let invitation = party_to(view.data(), &view.account(), id)?;
    answer(invitation.detail(view.catalog, &view.account(), view.now))
}

pub(super) fn reject(ctx: &mut Ctx<'_>, req: RejectRequest) -> Result<Value, ApiError> {
    let id = pending_received(ctx, &req.identifier, "reject")?.id.clone();
    ctx.data().invitations.update(&id, |i| {
        i.status = InvitationStatus::Rejected;
        i.rejection_reason = req.rejection_reason;
    });
    Ok(Value::Object(Default::default()))
}

pub(super) fn accept(ctx: &mut Ctx<'_>, req: IdRequest) -> Result<Value, ApiError> {
    let invitation = pending_received(ctx, &req.identifier, "accept")?;
    let (id, engagement) = (invitation.id.clone(), invitation.engagement_id.clone());
    let member = ctx.acting.member();
    let data = ctx.data();
    data.invitations
        .update(&id, |i| i.status = InvitationStatus::Accepted);
    if let Some(e) = data.engagements.get_mut(&*engagement) {
        members::join(&mut e.members, member);
    }
    Ok(Value::Object(Default::default()))
}
