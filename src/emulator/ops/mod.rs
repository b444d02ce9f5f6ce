//! One handler per operation. Each receives a request that already passed model validation,
//! reads it into a typed struct and answers with the output shape's JSON.

mod engagements;
mod invitations;
mod tasks;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::ApiError;
use super::paging::{self, SortKey};
use super::store::{CatalogData, Store};
use crate::domain::Catalog;

/// What every handler gets: the state, the request's catalog and the current time.
pub struct Ctx<'a> {
    pub store: &'a mut Store,
    pub catalog: Catalog,
    pub now: DateTime<Utc>,
}

impl Ctx<'_> {
    /// The request's catalog, to read.
    fn view(&self) -> &CatalogData {
        self.store
            .catalogs
            .get(&self.catalog)
            .expect("catalog was checked")
    }

    /// The request's catalog, to change.
    fn data(&mut self) -> &mut CatalogData {
        self.store
            .catalogs
            .get_mut(&self.catalog)
            .expect("catalog was checked")
    }

    fn account(&self) -> String {
        self.store.account.aws_account_id.clone()
    }
}

/// Operations of the real service this emulator implements.
pub const IMPLEMENTED: [&str; 10] = [
    "ListEngagementInvitations",
    "GetEngagementInvitation",
    "RejectEngagementInvitation",
    "AcceptEngagementInvitation",
    "StartEngagementByAcceptingInvitationTask",
    "ListEngagementByAcceptingInvitationTasks",
    "ListEngagements",
    "GetEngagement",
    "CreateEngagement",
    "CreateEngagementInvitation",
];

/// Runs one operation against the store.
pub fn dispatch(
    operation: &str,
    input: &Value,
    store: &mut Store,
    now: DateTime<Utc>,
) -> Result<Value, ApiError> {
    let name = input
        .get("Catalog")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let Some(catalog) = Catalog::from_wire(name) else {
        let known: Vec<&str> = Catalog::ALL.iter().map(|c| c.as_str()).collect();
        return Err(ApiError::business(
            "Catalog",
            "INVALID_VALUE",
            format!(
                "Catalog '{name}' does not exist; use one of: {}",
                known.join(", ")
            ),
        ));
    };
    let mut ctx = Ctx {
        store,
        catalog,
        now,
    };
    ctx.data().settle(now);
    match operation {
        "ListEngagementInvitations" => invitations::list(&mut ctx, parse(input)?, input),
        "GetEngagementInvitation" => invitations::get(&mut ctx, parse(input)?),
        "RejectEngagementInvitation" => invitations::reject(&mut ctx, parse(input)?),
        "AcceptEngagementInvitation" => invitations::accept(&mut ctx, parse(input)?),
        "StartEngagementByAcceptingInvitationTask" => tasks::start(&mut ctx, parse(input)?),
        "ListEngagementByAcceptingInvitationTasks" => tasks::list(&mut ctx, parse(input)?, input),
        "ListEngagements" => engagements::list(&mut ctx, parse(input)?, input),
        "GetEngagement" => engagements::get(&mut ctx, parse(input)?),
        "CreateEngagement" => engagements::create(&mut ctx, parse(input)?, input),
        "CreateEngagementInvitation" => engagements::invite(&mut ctx, parse(input)?, input),
        other => Err(unimplemented(other)),
    }
}

/// The answer to an operation of the service that this emulator does not implement: a client
/// error, so that SDKs do not retry it.
pub fn unimplemented(operation: &str) -> ApiError {
    ApiError::unknown_operation(format!(
        "the pc-inbox emulator does not implement {operation}; it implements {}",
        IMPLEMENTED.join(", ")
    ))
}

fn parse<T: DeserializeOwned>(input: &Value) -> Result<T, ApiError> {
    serde_json::from_value(input.clone()).map_err(|e| ApiError::serialization(e.to_string()))
}

/// An output shape as the JSON the server checks and sends.
fn answer(output: impl Serialize) -> Result<Value, ApiError> {
    Ok(serde_json::to_value(output).expect("wire shapes serialize"))
}

/// The `Sort` member of list requests.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Sort {
    sort_order: String,
}

/// The paging members every list request has.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Paging {
    max_results: Option<usize>,
    next_token: Option<String>,
    sort: Option<Sort>,
}

impl Paging {
    /// Sorts `rows` into listing order (newest first unless the request says ASCENDING) and
    /// cuts the page asked for, `default_max` rows unless it says. Returns the page and the
    /// token for the next one.
    fn page<T>(
        &self,
        operation: &str,
        request: &Value,
        mut rows: Vec<T>,
        key: impl Fn(&T) -> SortKey,
        default_max: usize,
    ) -> Result<(Vec<T>, Option<String>), ApiError> {
        let descending = self
            .sort
            .as_ref()
            .is_none_or(|s| s.sort_order == "DESCENDING");
        let fingerprint = paging::fingerprint(operation, request);
        let after = self
            .next_token
            .as_deref()
            .map(|t| paging::decode(t, &fingerprint))
            .transpose()?;
        rows.sort_by_key(|r| key(r));
        if descending {
            rows.reverse();
        }
        Ok(paging::page(
            rows,
            key,
            descending,
            after,
            self.max_results.unwrap_or(default_max),
            &fingerprint,
        ))
    }
}

fn not_found(kind: &str, id: &str) -> ApiError {
    ApiError::not_found(format!("{kind} '{id}' was not found in this catalog"))
}
