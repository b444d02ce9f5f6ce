//! ListEngagements, GetEngagement, CreateEngagement and CreateEngagementInvitation.

use chrono::Duration;
use serde::Deserialize;
use serde_json::Value;

use super::{answer, descending, listing, not_found, Ctx, Sort};
use crate::domain::{InvitationStatus, Participant};
use crate::emulator::error::ApiError;
use crate::emulator::paging::fingerprint;
use crate::emulator::store::{resource_id, Engagement, Idempotent, Invitation};
use crate::wire::{self, Timestamp};

/// How long an invitation stays open, as the service documents.
const INVITATION_LIFETIME_DAYS: i64 = 15;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct ListRequest {
    created_by: Option<Vec<String>>,
    exclude_created_by: Option<Vec<String>>,
    context_types: Option<Vec<String>>,
    exclude_context_types: Option<Vec<String>>,
    sort: Option<Sort>,
    max_results: Option<usize>,
    next_token: Option<String>,
    engagement_identifier: Option<Vec<String>>,
}

fn has_any(values: &[String], wanted: &[String]) -> bool {
    values.iter().any(|v| wanted.contains(v))
}

pub(super) fn list(ctx: &mut Ctx<'_>, req: ListRequest, raw: &Value) -> Result<Value, ApiError> {
    let account = ctx.account();
    let ids: Option<Vec<&str>> = req
        .engagement_identifier
        .as_ref()
        .map(|l| l.iter().map(|i| resource_id(i)).collect());
    let data = ctx
        .store
        .catalogs
        .get(&ctx.catalog)
        .expect("catalog was checked");
    let rows: Vec<&Engagement> = data
        .engagements
        .values()
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
    let (page, token) = listing(
        "ListEngagements",
        raw,
        rows,
        |e| (e.created_at.timestamp_millis(), e.id.clone()),
        descending(&req.sort),
        req.next_token.as_deref(),
        req.max_results.unwrap_or(20),
    )?;
    answer(wire::ListEngagementsResponse {
        engagement_summary_list: page
            .iter()
            .map(|e| e.summary(ctx.catalog, &account))
            .collect(),
        next_token: token,
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct GetRequest {
    identifier: String,
}

pub(super) fn get(ctx: &mut Ctx<'_>, req: GetRequest) -> Result<Value, ApiError> {
    let account = ctx.account();
    let id = resource_id(&req.identifier);
    let data = ctx
        .store
        .catalogs
        .get(&ctx.catalog)
        .expect("catalog was checked");
    let engagement = data
        .engagements
        .get(id)
        .ok_or_else(|| not_found("Engagement", id))?;
    answer(engagement.detail(ctx.catalog, &account))
}

/// The earlier result for a replayed ClientToken, or a conflict when the request differs.
fn replay(
    earlier: Option<&Idempotent>,
    print: &str,
    token: &str,
) -> Result<Option<String>, ApiError> {
    match earlier {
        None => Ok(None),
        Some(e) if e.fingerprint == print => Ok(Some(e.id.clone())),
        Some(_) => Err(ApiError::conflict(format!(
            "ClientToken '{token}' was already used with different parameters"
        ))),
    }
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
    let print = fingerprint("CreateEngagement", raw);
    let id = match replay(
        ctx.data().engagement_tokens.get(&req.client_token),
        &print,
        &req.client_token,
    )? {
        Some(id) => id,
        None => {
            let engagement = Engagement {
                id: ctx.store.new_id("eng-", 14),
                title: req.title.unwrap_or_default(),
                description: req.description,
                created_at: ctx.now,
                created_by: account.clone(),
                member_count: 1,
                modified_at: ctx.now,
                context_types: req.contexts.iter().map(|c| c.r#type.clone()).collect(),
                contexts: req.contexts,
            };
            let id = engagement.id.clone();
            let data = ctx.data();
            data.engagements.insert(id.clone(), engagement);
            data.engagement_tokens.insert(
                req.client_token,
                Idempotent {
                    fingerprint: print,
                    id: id.clone(),
                },
            );
            id
        }
    };
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
    let print = fingerprint("CreateEngagementInvitation", raw);
    let id = match replay(
        ctx.data().invitation_tokens.get(&req.client_token),
        &print,
        &req.client_token,
    )? {
        Some(id) => id,
        None => create_invitation(ctx, req, print)?,
    };
    let catalog = ctx.catalog;
    let arn = ctx.data().invitations[&id].arn(catalog, &account);
    answer(wire::CreateEngagementInvitationResponse { id, arn })
}

fn create_invitation(
    ctx: &mut Ctx<'_>,
    req: wire::CreateEngagementInvitationRequest,
    print: String,
) -> Result<String, ApiError> {
    let account = ctx.store.account.clone();
    let engagement_id = resource_id(&req.engagement_identifier).to_string();
    let engagement = ctx
        .data()
        .engagements
        .get(&engagement_id)
        .cloned()
        .ok_or_else(|| not_found("Engagement", &engagement_id))?;
    let wire::Receiver::Account(receiver) = &req.invitation.receiver;
    if receiver.aws_account_id == account.aws_account_id {
        return Err(ApiError::business(
            "Invitation.Receiver.Account.AwsAccountId",
            "ACTION_NOT_PERMITTED",
            "You cannot invite your own account",
        ));
    }
    let invitation = Invitation {
        id: ctx.store.new_id("engi-", 13),
        participant: Participant::Sent,
        status: InvitationStatus::Pending,
        invitation_date: ctx.now,
        expiration_date: Some(ctx.now + Duration::days(INVITATION_LIFETIME_DAYS)),
        engagement_id: engagement.id.clone(),
        engagement_title: engagement.title.clone(),
        engagement_description: engagement.description.clone(),
        sender_account: account.aws_account_id.clone(),
        sender_company: account.company_name.clone(),
        receiver: req.invitation.receiver,
        message: Some(req.invitation.message),
        rejection_reason: None,
        payload: req.invitation.payload,
        existing_members: vec![wire::EngagementMemberSummary {
            company_name: Some(account.company_name.clone()),
            website_url: None,
        }],
        enrichment: None,
        accept_failure: None,
    };
    let id = invitation.id.clone();
    let data = ctx.data();
    data.invitations.insert(id.clone(), invitation);
    data.invitation_tokens.insert(
        req.client_token,
        Idempotent {
            fingerprint: print,
            id: id.clone(),
        },
    );
    Ok(id)
}
