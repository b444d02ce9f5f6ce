//! One handler per operation. Each receives a request that already passed model validation,
//! reads it into a typed struct and answers with the output shape's JSON.

mod contexts;
mod engagements;
mod idempotency;
mod invitations;
mod members;
mod opportunities;
mod tasks;

use chrono::{DateTime, Utc};
use parking_lot::{RwLock, RwLockReadGuard, RwLockWriteGuard};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::accounts::Account;
use super::error::ApiError;
use super::paging::{self, Seek, SortKey};
use super::store::{CatalogData, Engagement, Store};
use crate::domain::{Catalog, TaskKind};

/// What a handler that only reads gets: the state, the request's catalog, the current time and
/// the account the request acts as.
pub struct View<'a> {
    pub store: &'a Store,
    pub catalog: Catalog,
    pub now: DateTime<Utc>,
    pub acting: Account,
}

impl View<'_> {
    /// The request's catalog.
    fn data(&self) -> &CatalogData {
        self.store.catalog(self.catalog)
    }

    fn account(&self) -> String {
        self.acting.aws_account_id.clone()
    }
}

/// What a handler that changes the state gets.
pub struct Ctx<'a> {
    pub store: &'a mut Store,
    pub catalog: Catalog,
    pub now: DateTime<Utc>,
    pub acting: Account,
}

impl Ctx<'_> {
    /// The request's catalog, to read.
    fn view(&self) -> &CatalogData {
        self.store.catalog(self.catalog)
    }

    /// The request's catalog, to change.
    fn data(&mut self) -> &mut CatalogData {
        self.store.catalog_mut(self.catalog)
    }

    fn account(&self) -> String {
        self.acting.aws_account_id.clone()
    }
}

/// Operations of the real service this emulator implements.
pub const IMPLEMENTED: [&str; 19] = [
    "ListEngagementInvitations",
    "GetEngagementInvitation",
    "RejectEngagementInvitation",
    "AcceptEngagementInvitation",
    "StartEngagementByAcceptingInvitationTask",
    "ListEngagementByAcceptingInvitationTasks",
    "ListEngagements",
    "GetEngagement",
    "ListEngagementMembers",
    "CreateEngagement",
    "CreateEngagementContext",
    "UpdateEngagementContext",
    "CreateEngagementInvitation",
    "CreateOpportunity",
    "GetOpportunity",
    "ListOpportunities",
    "UpdateOpportunity",
    "StartEngagementFromOpportunityTask",
    "ListEngagementFromOpportunityTasks",
];

/// Runs one operation against the store, as the account `access_key` selects: a read under a
/// shared lock, so reads never wait for each other, and a write under the exclusive one.
pub fn dispatch(
    operation: &str,
    input: &Value,
    store: &RwLock<Store>,
    now: DateTime<Utc>,
    access_key: &str,
) -> Result<Value, ApiError> {
    let catalog = catalog(input)?;
    let reads = matches!(
        operation,
        "ListEngagementInvitations"
            | "GetEngagementInvitation"
            | "ListEngagementByAcceptingInvitationTasks"
            | "ListEngagements"
            | "GetEngagement"
            | "ListEngagementMembers"
            | "GetOpportunity"
            | "ListOpportunities"
            | "ListEngagementFromOpportunityTasks"
    );
    if reads {
        let store = settled(store, catalog, now);
        let view = View {
            acting: store.accounts.acting(access_key).clone(),
            store: &store,
            catalog,
            now,
        };
        return match operation {
            "ListEngagementInvitations" => invitations::list(&view, parse(input)?, input),
            "GetEngagementInvitation" => invitations::get(&view, parse(input)?),
            "ListEngagementByAcceptingInvitationTasks" => {
                tasks::list(&view, TaskKind::Accept, parse(input)?, input)
            }
            "ListEngagements" => engagements::list(&view, parse(input)?, input),
            "ListEngagementMembers" => members::list(&view, parse(input)?, input),
            "GetOpportunity" => opportunities::get(&view, parse(input)?),
            "ListOpportunities" => opportunities::list(&view, parse(input)?, input),
            "ListEngagementFromOpportunityTasks" => {
                tasks::list(&view, TaskKind::Engage, parse(input)?, input)
            }
            _ => engagements::get(&view, parse(input)?),
        };
    }
    let mut store = store.write();
    if store.behind(catalog, now) {
        store.catch_up(catalog, now);
    }
    let mut ctx = Ctx {
        acting: store.accounts.acting(access_key).clone(),
        store: &mut store,
        catalog,
        now,
    };
    match operation {
        "RejectEngagementInvitation" => invitations::reject(&mut ctx, parse(input)?),
        "AcceptEngagementInvitation" => invitations::accept(&mut ctx, parse(input)?),
        "StartEngagementByAcceptingInvitationTask" => {
            tasks::start(&mut ctx, TaskKind::Accept, parse(input)?, input)
        }
        "CreateEngagement" => engagements::create(&mut ctx, parse(input)?, input),
        "CreateEngagementContext" => contexts::create(&mut ctx, parse(input)?, input),
        "UpdateEngagementContext" => contexts::update(&mut ctx, parse(input)?),
        "CreateEngagementInvitation" => engagements::invite(&mut ctx, parse(input)?, input),
        "CreateOpportunity" => opportunities::create(&mut ctx, parse(input)?, input),
        "UpdateOpportunity" => opportunities::update(&mut ctx, parse(input)?, input),
        "StartEngagementFromOpportunityTask" => {
            tasks::start(&mut ctx, TaskKind::Engage, parse(input)?, input)
        }
        other => Err(unimplemented(other)),
    }
}

/// The request's `Catalog`.
fn catalog(input: &Value) -> Result<Catalog, ApiError> {
    let name = input
        .get("Catalog")
        .and_then(Value::as_str)
        .unwrap_or_default();
    Catalog::from_wire(name).ok_or_else(|| {
        let known: Vec<&str> = Catalog::ALL.iter().map(|c| c.as_str()).collect();
        ApiError::business(
            "Catalog",
            "INVALID_VALUE",
            format!(
                "Catalog '{name}' does not exist; use one of: {}",
                known.join(", ")
            ),
        )
    })
}

/// The store to read, with every accept task that has finished by `now` applied in `catalog`
/// and every invitation due by then delivered. That takes the exclusive lock, which is needed
/// only when a task has just finished or an invitation has just arrived.
fn settled(
    store: &RwLock<Store>,
    catalog: Catalog,
    now: DateTime<Utc>,
) -> RwLockReadGuard<'_, Store> {
    let read = store.read();
    if !read.behind(catalog, now) {
        return read;
    }
    drop(read);
    let mut write = store.write();
    write.catch_up(catalog, now);
    RwLockWriteGuard::downgrade(write)
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
    /// Where the page asked for starts: after the NextToken, which must have been issued to the
    /// same account (`listing` is the account and the operation) for the same filters; newest first unless the request says ASCENDING; `default_max` rows
    /// unless it says. Returns it with the fingerprint of the filters, for the next token.
    fn seek(
        &self,
        (account, operation): (&str, &str),
        request: &Value,
        default_max: usize,
    ) -> Result<(Seek, String), ApiError> {
        let fingerprint = paging::fingerprint(account, operation, request);
        let after = self
            .next_token
            .as_deref()
            .map(|t| paging::decode(t, &fingerprint))
            .transpose()?;
        let seek = Seek {
            after,
            descending: self
                .sort
                .as_ref()
                .is_none_or(|s| s.sort_order == "DESCENDING"),
            max: self.max_results.unwrap_or(default_max),
        };
        Ok((seek, fingerprint))
    }

    /// Sorts `rows` into listing order and cuts the page asked for (see [`Paging::seek`]),
    /// summarized as [`paging::fit`] does. Returns the summaries and the token for the next
    /// page.
    fn page<T, S: Serialize>(
        &self,
        listing: (&str, &str),
        request: &Value,
        mut rows: Vec<T>,
        key: impl Fn(&T) -> SortKey,
        summary: impl Fn(&T) -> S,
        default_max: usize,
    ) -> Result<(Vec<S>, Option<String>), ApiError> {
        let (seek, fingerprint) = self.seek(listing, request, default_max)?;
        rows.sort_by_key(|r| key(r));
        if seek.descending {
            rows.reverse();
        }
        Ok(paging::page(rows, key, summary, &seek, &fingerprint))
    }
}

/// The engagement with this id, if `acting` may see it: as a member, or as the sender or
/// receiver of an invitation into it. Otherwise ResourceNotFoundException.
fn visible_engagement<'d>(
    data: &'d CatalogData,
    acting: &str,
    id: &str,
) -> Result<&'d Engagement, ApiError> {
    data.engagements
        .get(id)
        .filter(|e| sees(data, acting, e))
        .ok_or_else(|| not_found("Engagement", id))
}

/// Whether `acting` may see the engagement (see [`visible_engagement`]).
fn sees(data: &CatalogData, acting: &str, engagement: &Engagement) -> bool {
    engagement.members.iter().any(|m| m.account_id == acting)
        || data.invitations.involves(acting, &engagement.id)
}

fn not_found(kind: &str, id: &str) -> ApiError {
    ApiError::not_found(format!("{kind} '{id}' was not found in this catalog"))
}

#[cfg(test)]
mod tests;
