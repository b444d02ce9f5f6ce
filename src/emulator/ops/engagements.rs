//! ListEngagements, GetEngagement, CreateEngagement and CreateEngagementInvitation.

use chrono::Duration;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{descending, listing, not_found, Ctx, Sort};
use crate::emulator::paging::fingerprint;
use crate::emulator::store::{resource_id, Engagement, Idempotent, Invitation};
use crate::emulator::wire::{timestamp, ApiError};

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
    let summaries: Vec<Value> = page
        .iter()
        .map(|e| e.summary_json(&ctx.catalog, &account))
        .collect();
    let mut out = json!({ "EngagementSummaryList": summaries });
    if let Some(t) = token {
        out["NextToken"] = json!(t);
    }
    Ok(out)
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
    Ok(engagement.detail_json(&ctx.catalog, &account))
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
    contexts: Vec<Value>,
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
                context_types: req
                    .contexts
                    .iter()
                    .filter_map(|c| c.get("Type")?.as_str().map(str::to_string))
                    .collect(),
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
    let catalog = ctx.catalog.clone();
    let engagement = &ctx.data().engagements[&id];
    Ok(json!({
        "Id": engagement.id,
        "Arn": engagement.arn(&catalog, &account),
        "ModifiedAt": timestamp(engagement.modified_at),
    }))
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct InviteRequest {
    client_token: String,
    engagement_identifier: String,
    invitation: NewInvitation,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct NewInvitation {
    message: String,
    receiver: Value,
    payload: Value,
}

pub(super) fn invite(
    ctx: &mut Ctx<'_>,
    req: InviteRequest,
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
    let catalog = ctx.catalog.clone();
    Ok(json!({ "Id": id, "Arn": ctx.data().invitations[&id].arn(&catalog, &account) }))
}

fn create_invitation(
    ctx: &mut Ctx<'_>,
    req: InviteRequest,
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
    let receiver_account = req
        .invitation
        .receiver
        .pointer("/Account/AwsAccountId")
        .and_then(Value::as_str);
    if receiver_account == Some(account.aws_account_id.as_str()) {
        return Err(ApiError::business(
            "Invitation.Receiver.Account.AwsAccountId",
            "ACTION_NOT_PERMITTED",
            "You cannot invite your own account",
        ));
    }
    let payload_type = req
        .invitation
        .payload
        .as_object()
        .and_then(|o| o.keys().next().cloned())
        .unwrap_or_default();
    let invitation = Invitation {
        id: ctx.store.new_id("engi-", 13),
        participant: "SENDER".to_string(),
        status: "PENDING".to_string(),
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
        payload_type,
        payload: req.invitation.payload,
        existing_members: vec![json!({"CompanyName": account.company_name})],
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
