//! ListEngagements, GetEngagement, CreateEngagement and CreateEngagementInvitation.

use std::sync::Arc;

use chrono::Duration;
use serde::Deserialize;
use serde_json::Value;

use super::idempotency::{once, Made};
use super::{answer, sees, visible_engagement, Ctx, Paging, View};
use crate::domain::InvitationStatus;
use crate::emulator::error::ApiError;
use crate::emulator::store::{resource_id, Engagement, Invitation};
use crate::wire::{self, Timestamp};

/// How long an invitation stays open, as the service documents.
const INVITATION_LIFETIME_DAYS: i64 = 15;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct ListRequest {
    #[serde(flatten)]
    paging: Paging,
    created_by: Option<Vec<String>>,
    exclude_created_by: Option<Vec<String>>,
    context_types: Option<Vec<String>>,
    exclude_context_types: Option<Vec<String>>,
    engagement_identifier: Option<Vec<String>>,
}

fn has_any(values: &[String], wanted: &[String]) -> bool {
    values.iter().any(|v| wanted.contains(v))
}

pub(super) fn list(view: &View<'_>, req: ListRequest, raw: &Value) -> Result<Value, ApiError> {
    let account = view.account();
    let ids: Option<Vec<&str>> = req
        .engagement_identifier
        .as_ref()
        .map(|l| l.iter().map(|i| resource_id(i)).collect());
    let data = view.data();
    let rows: Vec<&Engagement> = data
        .engagements
        .values()
        .filter(|e| sees(data, &account, e))
        .filter(|e| {
            req.created_by
                .as_ref()
                .is_none_or(|f| f.contains(&e.created_by))
        })
        .filter(|e| {
            req.exclude_created_by
                .as_ref()
                .is_none_or(|f| !f.contains(&e.created_by))
        })
        .filter(|e| {
            req.context_types
                .as_ref()
                .is_none_or(|f| f.is_empty() || has_any(&e.context_types, f))
        })
        .filter(|e| {
            req.exclude_context_types
                .as_ref()
                .is_none_or(|f| !has_any(&e.context_types, f))
        })
        .filter(|e| ids.as_ref().is_none_or(|f| f.contains(&e.id.as_str())))
        .collect();
    let (page, token) = req.paging.page(
        (&view.account(), "ListEngagements"),
        raw,
        rows,
        |e| (e.created_at.timestamp_millis(), e.id.as_str().into()),
        |e| e.summary(view.catalog, &account),
        20,
    )?;
    answer(wire::ListEngagementsResponse {
        engagement_summary_list: page,
        next_token: token,
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct GetRequest {
    identifier: String,
}

pub(super) fn get(view: &View<'_>, req: GetRequest) -> Result<Value, ApiError> {
    let id = resource_id(&req.identifier);
    let account = view.account();
    let engagement = visible_engagement(view.data(), &account, id)?;
    answer(engagement.detail(view.catalog, &account))
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct CreateRequest {
    client_token: String,
    title: Option<String>,
    description: Option<String>,
    #[serde(default)]
    contexts: Vec<wire::EngagementContextDetails>,
}

pub(super) fn create(
    ctx: &mut Ctx<'_>,
    req: CreateRequest,
    raw: &Value,
) -> Result<Value, ApiError> {
    let account = ctx.account();
    let member = ctx.acting.member();
    let token = req.client_token.clone();
    let id = once(ctx, Made::Engagement, raw, &token, |ctx| {
        let engagement = Engagement {
            id: ctx.store.new_id("eng-", 14),
            title: req.title.unwrap_or_default(),
            description: req.description,
            created_at: ctx.now,
            created_by: account.clone(),
            members: vec![member],
            modified_at: ctx.now,
            context_types: req.contexts.iter().map(|c| c.r#type.clone()).collect(),
            contexts: req.contexts,
        };
        let id = engagement.id.clone();
        ctx.data().engagements.insert(id.clone(), engagement);
        Ok(id)
    })?;
    let catalog = ctx.catalog;
    let engagement = &ctx.data().engagements[&id];
    answer(wire::CreateEngagementResponse {
        id: engagement.id.clone(),
        arn: engagement.arn(catalog, &account),
        modified_at: Timestamp(engagement.modified_at),
    })
}

pub(super) fn invite(
    ctx: &mut Ctx<'_>,
    req: wire::CreateEngagementInvitationRequest,
    raw: &Value,
) -> Result<Value, ApiError> {
    let account = ctx.account();
    let token = req.client_token.clone();
    let id = once(ctx, Made::Invitation, raw, &token, |ctx| {
        create_invitation(ctx, req)
    })?;
    let catalog = ctx.catalog;
    let arn = ctx
        .view()
        .invitations
        .get(&id)
        .expect("the invitation was made")
        .arn(catalog, &account);
    answer(wire::CreateEngagementInvitationResponse { id, arn })
}

fn create_invitation(
    ctx: &mut Ctx<'_>,
    req: wire::CreateEngagementInvitationRequest,
) -> Result<String, ApiError> {
    let account = ctx.acting.clone();
    let engagement_id = resource_id(&req.engagement_identifier);
    let engagement = visible_engagement(ctx.view(), &account.aws_account_id, engagement_id)?;
    if !engagement
        .members
        .iter()
        .any(|m| m.account_id == account.aws_account_id)
    {
        return Err(ApiError::access_denied(format!(
            "Only a member of engagement '{engagement_id}' can invite others to it"
        )));
    }
    let engagement = engagement.clone();
    let wire::Receiver::Account(receiver) = &req.invitation.receiver;
    if receiver.aws_account_id == account.aws_account_id {
        return Err(ApiError::business(
            "Invitation.Receiver.Account.AwsAccountId",
            "ACTION_NOT_PERMITTED",
            "You cannot invite your own account",
        ));
    }
    let invitation = Invitation {
        id: ctx.store.new_id("engi-", 13).into(),
        status: InvitationStatus::Pending,
        invitation_date: ctx.now,
        expiration_date: Some(ctx.now + Duration::days(INVITATION_LIFETIME_DAYS)),
        engagement_id: engagement.id.as_str().into(),
        engagement_title: engagement.title.clone(),
        engagement_description: engagement.description.clone(),
        sender_account: account.aws_account_id.as_str().into(),
        sender_company: account.company_name.clone(),
        receiver: req.invitation.receiver,
        message: Some(req.invitation.message),
        rejection_reason: None,
        payload: req.invitation.payload,
        existing_members: engagement.members.iter().map(|m| m.summary()).collect(),
        enrichment: None,
        accept_failure: None,
    };
    let id = invitation.id.to_string();
    ctx.data().invitations.insert(Arc::new(invitation));
    Ok(id)
}
