//! CreateOpportunity, GetOpportunity, ListOpportunities and UpdateOpportunity.

use chrono::{DateTime, Duration, Utc};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::idempotency::{once, Made};
use super::{not_found, Ctx, View};
use crate::domain::Catalog;
use crate::emulator::error::ApiError;
use crate::emulator::opportunities::{
    Filter, Opportunity, OrderKey, SortBy, SortValue, Window, PENDING_SUBMISSION,
};
use crate::emulator::paging;
use crate::emulator::store::millis;
use crate::wire::Timestamp;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct CreateRequest {
    client_token: String,
    origin: Option<String>,
}

pub(super) fn create(
    ctx: &mut Ctx<'_>,
    req: CreateRequest,
    raw: &Value,
) -> Result<Value, ApiError> {
    if ctx.catalog == Catalog::Aws && req.origin.as_deref() == Some("AWS Referral") {
        return Err(ApiError::business(
            "Origin",
            "ACTION_NOT_PERMITTED",
            "In the AWS catalog an opportunity's Origin can only be Partner Referral; \
             use the Sandbox catalog to simulate an AWS Referral",
        ));
    }
    let owner = ctx.account();
    let id = once(ctx, Made::Opportunity, raw, &req.client_token, |ctx| {
        let catalog = ctx.catalog;
        let id = ctx.store.new_opportunity_id(catalog);
        let mut fields = Opportunity::settable(raw);
        set_review_status(&mut fields, PENDING_SUBMISSION);
        let now = millis(ctx.now);
        ctx.data().opportunities.insert(Opportunity {
            id: id.as_str().into(),
            owner: owner.as_str().into(),
            created: now,
            last_modified: now,
            fields,
        });
        Ok(id)
    })?;
    let opportunity = ctx.view().opportunities.get(&id).expect("it was made");
    let mut out = json!({
        "Id": id,
        "LastModifiedDate": Timestamp(opportunity.last_modified),
    });
    if let Some(partner_id) = opportunity.fields.get("PartnerOpportunityIdentifier") {
        out["PartnerOpportunityIdentifier"] = partner_id.clone();
    }
    Ok(out)
}

/// Sets `LifeCycle.ReviewStatus`, which clients cannot set: creating an opportunity sets it
/// to Pending Submission, and an update keeps it.
fn set_review_status(fields: &mut Map<String, Value>, status: &str) {
    let life_cycle = fields
        .entry("LifeCycle")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Some(life_cycle) = life_cycle.as_object_mut() {
        life_cycle.insert("ReviewStatus".into(), json!(status));
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct GetRequest {
    identifier: String,
}

pub(super) fn get(view: &View<'_>, req: GetRequest) -> Result<Value, ApiError> {
    let opportunity = view
        .data()
        .opportunities
        .get(&req.identifier)
        .filter(|o| o.owned_by(&view.account()))
        .ok_or_else(|| not_found("Opportunity", &req.identifier))?;
    Ok(opportunity.detail(view.catalog, &view.account()))
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct UpdateRequest {
    identifier: String,
    last_modified_date: Timestamp,
}

/// Replaces every settable member with the request's (a member left out is cleared, as the
/// documentation says), if the request names the opportunity's current LastModifiedDate.
pub(super) fn update(
    ctx: &mut Ctx<'_>,
    req: UpdateRequest,
    raw: &Value,
) -> Result<Value, ApiError> {
    let id = req.identifier;
    let old = ctx
        .view()
        .opportunities
        .get(&id)
        .filter(|o| o.owned_by(&ctx.account()))
        .ok_or_else(|| not_found("Opportunity", &id))?
        .clone();
    if req.last_modified_date.0 != old.last_modified {
        return Err(ApiError::conflict(format!(
            "Opportunity '{id}' was modified at {}, not at the LastModifiedDate given ({}); \
             get it again and apply the change to what it holds now",
            json!(Timestamp(old.last_modified)),
            json!(req.last_modified_date),
        )));
    }
    let mut fields = Opportunity::settable(raw);
    set_review_status(
        &mut fields,
        old.review_status().unwrap_or(PENDING_SUBMISSION),
    );
    let last_modified = millis(ctx.now).max(old.last_modified + Duration::milliseconds(1));
    ctx.data().opportunities.insert(Opportunity {
        last_modified,
        fields,
        ..(*old).clone()
    });
    Ok(json!({"Id": id, "LastModifiedDate": Timestamp(last_modified)}))
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Sort {
    sort_order: String,
    sort_by: SortBy,
}

/// The `[After…, Before…)` window of the request's date filter `name` (e.g. `CreatedDate`
/// with `AfterCreatedDate` and `BeforeCreatedDate`).
fn window<T: DeserializeOwned>(raw: &Value, name: &str) -> Window<T> {
    let end = |side: &str| {
        let value = raw.get(name)?.get(format!("{side}{name}"))?;
        serde_json::from_value(value.clone()).ok()
    };
    Window {
        after: end("After"),
        before: end("Before"),
    }
}

/// [`window`] for a filter on a `DateTime`.
fn time_window(raw: &Value, name: &str) -> Window<DateTime<Utc>> {
    let w: Window<Timestamp> = window(raw, name);
    Window {
        after: w.after.map(|t| t.0),
        before: w.before.map(|t| t.0),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct ListRequest {
    max_results: Option<usize>,
    next_token: Option<String>,
    sort: Option<Sort>,
    identifier: Option<Vec<String>>,
    life_cycle_stage: Option<Vec<String>>,
    life_cycle_review_status: Option<Vec<String>>,
    customer_company_name: Option<Vec<String>>,
}

impl ListRequest {
    fn filter(&self, raw: &Value, owner: String) -> Filter {
        Filter {
            owner: Some(owner),
            ids: self.identifier.clone(),
            stages: self.life_cycle_stage.clone(),
            review_statuses: self.life_cycle_review_status.clone(),
            company_names: self.customer_company_name.clone(),
            last_modified: time_window(raw, "LastModifiedDate"),
            created: time_window(raw, "CreatedDate"),
            target_close: window(raw, "TargetCloseDate"),
        }
    }
}

/// Newest change first unless the request sorts otherwise; 20 rows unless it says.
pub(super) fn list(view: &View<'_>, req: ListRequest, raw: &Value) -> Result<Value, ApiError> {
    let fingerprint = paging::fingerprint(&view.account(), "ListOpportunities", raw);
    let after = req
        .next_token
        .as_deref()
        .map(|t| paging::decode_key::<(SortValue, String)>(t, &fingerprint))
        .transpose()?
        .map(|(value, id)| -> OrderKey { (value, id.into()) });
    let sort_by = req.sort.as_ref().map_or(SortBy::default(), |s| s.sort_by);
    let descending = req
        .sort
        .as_ref()
        .is_none_or(|s| s.sort_order == "DESCENDING");
    let max = req.max_results.unwrap_or(20);
    let (mut page, more) = view.data().opportunities.page(
        sort_by,
        &req.filter(raw, view.account()),
        after.as_ref(),
        descending,
        max,
    );
    let account = view.account();
    let (summaries, cut) = paging::fit(&mut page, |o| o.summary(view.catalog, &account));
    let mut out = json!({ "OpportunitySummaries": summaries });
    if let Some(last) = page.last().filter(|_| more || cut) {
        let (value, id) = sort_by.key(last);
        out["NextToken"] = json!(paging::encode(&(value, &*id), &fingerprint));
    }
    Ok(out)
}
