//! CreateEngagementContext and UpdateEngagementContext: a member of an engagement adds a
//! context to it (a lead, a customer project, a customer account) or changes one, the latter
//! only against the engagement's last modification time, as the service does.

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::idempotency::{once, Made};
use super::{answer, not_found, visible_engagement, Ctx};
use crate::emulator::error::ApiError;
use crate::emulator::store::{resource_id, Engagement};
use crate::wire::{EngagementContextDetails, Timestamp};

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct CreateRequest {
    client_token: String,
    engagement_identifier: String,
    r#type: String,
    payload: Map<String, Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct UpdateRequest {
    engagement_identifier: String,
    context_identifier: String,
    engagement_last_modified_at: Timestamp,
    r#type: String,
    payload: Map<String, Value>,
}

/// The engagement, if the acting account is one of its members: only members change it. One
/// the account cannot see is not found.
fn member_engagement<'c>(
    ctx: &'c mut Ctx<'_>,
    identifier: &str,
) -> Result<&'c mut Engagement, ApiError> {
    let account = ctx.account();
    let id = resource_id(identifier).to_string();
    visible_engagement(ctx.view(), &account, &id)?;
    let engagement = ctx
        .data()
        .engagements
        .get_mut(&id)
        .ok_or_else(|| not_found("Engagement", &id))?;
    if !engagement.members.iter().any(|m| m.account_id == account) {
        return Err(ApiError::access_denied(format!(
            "Only a member of engagement {id} can change its contexts"
        )));
    }
    Ok(engagement)
}

/// The payload union's one member, which must be the context's type.
fn member_of(payload: Map<String, Value>, r#type: &str) -> Result<Value, ApiError> {
    let mut members = payload.into_iter();
    match (members.next(), members.next()) {
        (Some((name, value)), None) if name == r#type => Ok(value),
        _ => Err(ApiError::business(
            "Payload",
            "INVALID_VALUE",
            format!("The payload must be the context's type, {}", r#type),
        )),
    }
}

/// The answer both operations give.
fn answered(ctx: &mut Ctx<'_>, engagement_id: &str, context_id: &str) -> Result<Value, ApiError> {
    let (catalog, account) = (ctx.catalog, ctx.account());
    let engagement = &ctx.data().engagements[engagement_id];
    answer(json!({
        "EngagementId": engagement.id,
        "EngagementArn": engagement.arn(catalog, &account),
        "EngagementLastModifiedAt": Timestamp(engagement.modified_at),
        "ContextId": context_id,
    }))
}

pub(super) fn create(
    ctx: &mut Ctx<'_>,
    req: CreateRequest,
    raw: &Value,
) -> Result<Value, ApiError> {
    let engagement_id = resource_id(&req.engagement_identifier).to_string();
    member_engagement(ctx, &engagement_id)?;
    let payload = member_of(req.payload, &req.r#type)?;
    let context_id = once(ctx, Made::Context, raw, &req.client_token, |ctx| {
        let now = ctx.now;
        let engagement = member_engagement(ctx, &engagement_id)?;
        let next = engagement
            .contexts
            .iter()
            .filter_map(|c| c.id.as_deref()?.parse::<u64>().ok())
            .max()
            .unwrap_or(0)
            + 1;
        let id = next.to_string();
        engagement.contexts.push(EngagementContextDetails {
            id: Some(id.clone()),
            r#type: req.r#type.clone(),
            payload: Some(json!({ &req.r#type: payload })),
        });
        if !engagement.context_types.contains(&req.r#type) {
            engagement.context_types.push(req.r#type.clone());
        }
        engagement.modified_at = now;
        Ok(id)
    })?;
    answered(ctx, &engagement_id, &context_id)
}

pub(super) fn update(ctx: &mut Ctx<'_>, req: UpdateRequest) -> Result<Value, ApiError> {
    let engagement_id = resource_id(&req.engagement_identifier).to_string();
    let now = ctx.now;
    let engagement = member_engagement(ctx, &engagement_id)?;
    // The service compares to the millisecond it sends.
    if req.engagement_last_modified_at.0.timestamp_millis()
        != engagement.modified_at.timestamp_millis()
    {
        return Err(ApiError::conflict(format!(
            "Engagement {engagement_id} was modified at {}, not at the EngagementLastModifiedAt given",
            engagement
                .modified_at
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        )));
    }
    let Some(context) = engagement
        .contexts
        .iter_mut()
        .find(|c| c.id.as_deref() == Some(req.context_identifier.as_str()))
    else {
        return Err(not_found(
            "Context",
            &format!("{} of engagement {engagement_id}", req.context_identifier),
        ));
    };
    if context.r#type != req.r#type {
        return Err(ApiError::business(
            "Type",
            "INVALID_VALUE",
            format!(
                "Context {} is a {} context",
                req.context_identifier, context.r#type
            ),
        ));
    }
    let change = member_of(req.payload, &req.r#type)?;
    let current = context
        .payload
        .as_mut()
        .and_then(|p| p.get_mut(&req.r#type))
        .ok_or_else(|| ApiError::internal("the context has no payload"))?;
    if req.r#type == "Lead" {
        update_lead(current, change);
    } else {
        *current = change;
    }
    engagement.modified_at = now;
    let context_id = req.context_identifier.clone();
    answered(ctx, &engagement_id, &context_id)
}

/// An `UpdateLeadContext` applied to a `LeadContext`: the status, customer and insights it
/// gives replace the lead's, and its interaction is added to the lead's interactions.
fn update_lead(lead: &mut Value, change: Value) {
    let Value::Object(change) = change else {
        return;
    };
    for (name, value) in change {
        match name.as_str() {
            "Interaction" => {
                if let Some(Value::Array(all)) = lead.get_mut("Interactions") {
                    all.push(value);
                } else {
                    lead["Interactions"] = json!([value]);
                }
            }
            _ => lead[name] = value,
        }
    }
}
