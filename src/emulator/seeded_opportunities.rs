//! The seed's `Opportunities`: the partner's own pipeline (Partner Referrals it created, as
//! opposed to those accepting an invitation made). Dates are relative to start-up, like every
//! seed date, so a target close date stays in the future.

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::opportunities::{Opportunity, SETTABLE};
use super::store::millis;
use crate::domain::Catalog;
use crate::model::model;

/// One opportunity as the seed file has it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct SeedOpportunity {
    id: String,
    created_days_ago: i64,
    /// Days since the last change; the creation day unless given (or if it is earlier).
    modified_days_ago: Option<i64>,
    /// Sets `LifeCycle.TargetCloseDate` this many days after start-up.
    target_close_in_days: Option<i64>,
    /// The members GetOpportunity returns that clients set ([`SETTABLE`]).
    opportunity: Map<String, Value>,
}

impl SeedOpportunity {
    /// The opportunity of `account` at start-up `now`, checked against the
    /// `GetOpportunityResponse` shape.
    pub fn materialize(&self, account: &str, now: DateTime<Utc>) -> Result<Opportunity, String> {
        let problem = |message: String| format!("seed opportunity {}: {message}", self.id);
        if let Some(key) = self
            .opportunity
            .keys()
            .find(|k| !SETTABLE.contains(&k.as_str()))
        {
            return Err(problem(format!("{key} is not a member clients set")));
        }
        let mut fields = self.opportunity.clone();
        if let Some(days) = self.target_close_in_days {
            let date = (now + Duration::days(days)).format("%Y-%m-%d").to_string();
            let life_cycle = fields.entry("LifeCycle").or_insert_with(|| json!({}));
            life_cycle["TargetCloseDate"] = json!(date);
        }
        let created = millis(now - Duration::days(self.created_days_ago));
        let opportunity = Opportunity {
            id: self.id.as_str().into(),
            owner: account.into(),
            created,
            last_modified: self
                .modified_days_ago
                .map_or(created, |d| millis(now - Duration::days(d)))
                .max(created),
            fields,
        };
        let detail = opportunity.detail(Catalog::Aws, account);
        let violations = model()
            .validate("GetOpportunityResponse", &detail)
            .map_err(|e| problem(e.0))?;
        match violations.first() {
            None => Ok(opportunity),
            Some(v) => Err(problem(v.message.clone())),
        }
    }
}
