//! The opportunities of one catalog: each record, how it reads on the wire, and an index that
//! keeps them in order for every field ListOpportunities sorts by. A page seeks to its
//! NextToken in the order asked for and reads forward until it is full; it never sorts, and
//! scans only the rows a filter rejects on the way.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound::{Excluded, Unbounded};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::domain::Catalog;
use crate::wire::Timestamp;

/// The members of an opportunity that clients set (CreateOpportunity, UpdateOpportunity) and
/// GetOpportunity returns.
pub const SETTABLE: [&str; 10] = [
    "PrimaryNeedsFromAws",
    "NationalSecurity",
    "PartnerOpportunityIdentifier",
    "Customer",
    "Project",
    "OpportunityType",
    "Marketing",
    "SoftwareRevenue",
    "LifeCycle",
    "OpportunityTeam",
];

/// The review status of a new opportunity, as the CreateOpportunity documentation says.
pub const PENDING_SUBMISSION: &str = "Pending Submission";

/// One opportunity in the partner's pipeline.
#[derive(Debug, Clone)]
pub struct Opportunity {
    pub id: Arc<str>,
    /// The partner account whose pipeline it is in; no other account sees it.
    pub owner: Arc<str>,
    pub created: DateTime<Utc>,
    pub last_modified: DateTime<Utc>,
    /// The [`SETTABLE`] members, as a request gave them (the model validator has checked them)
    /// or an accepted invitation made them.
    pub fields: Map<String, Value>,
}

impl Opportunity {
    /// Whether `account` may see it.
    pub fn owned_by(&self, account: &str) -> bool {
        *self.owner == *account
    }

    /// The settable members of a request body.
    pub fn settable(request: &Value) -> Map<String, Value> {
        SETTABLE
            .iter()
            .filter_map(|&k| request.get(k).map(|v| (k.to_string(), v.clone())))
            .collect()
    }

    fn text(&self, path: &[&str]) -> Option<&str> {
        let (first, rest) = path.split_first()?;
        rest.iter()
            .try_fold(self.fields.get(*first)?, |v, k| v.get(k))?
            .as_str()
    }

    /// `LifeCycle.Stage`.
    pub fn stage(&self) -> Option<&str> {
        self.text(&["LifeCycle", "Stage"])
    }

    /// `LifeCycle.ReviewStatus`.
    pub fn review_status(&self) -> Option<&str> {
        self.text(&["LifeCycle", "ReviewStatus"])
    }

    /// `Customer.Account.CompanyName`.
    pub fn company_name(&self) -> Option<&str> {
        self.text(&["Customer", "Account", "CompanyName"])
    }

    /// `LifeCycle.TargetCloseDate` (`YYYY-MM-DD`).
    pub fn target_close_date(&self) -> Option<&str> {
        self.text(&["LifeCycle", "TargetCloseDate"])
    }

    /// The opportunity's ARN in a catalog.
    pub fn arn(&self, catalog: Catalog, account: &str) -> String {
        format!(
            "arn:aws:partnercentral:us-east-1:{account}:catalog/{}/opportunity/{}",
            catalog.as_str(),
            self.id
        )
    }

    /// Its `GetOpportunityResponse`.
    pub fn detail(&self, catalog: Catalog, account: &str) -> Value {
        let mut out = self.fields.clone();
        out.insert("Catalog".into(), json!(catalog.as_str()));
        out.insert("Id".into(), json!(&*self.id));
        out.insert("Arn".into(), json!(self.arn(catalog, account)));
        out.insert("CreatedDate".into(), json!(Timestamp(self.created)));
        out.insert(
            "LastModifiedDate".into(),
            json!(Timestamp(self.last_modified)),
        );
        out.insert("RelatedEntityIdentifiers".into(), json!({}));
        Value::Object(out)
    }

    /// Its `OpportunitySummary`: the detail cut to the members a summary has.
    pub fn summary(&self, catalog: Catalog, account: &str) -> Value {
        let mut out = pick(
            &Value::Object(self.fields.clone()),
            &["PartnerOpportunityIdentifier", "OpportunityType"],
        );
        out.insert("Catalog".into(), json!(catalog.as_str()));
        out.insert("Id".into(), json!(&*self.id));
        out.insert("Arn".into(), json!(self.arn(catalog, account)));
        out.insert("CreatedDate".into(), json!(Timestamp(self.created)));
        out.insert(
            "LastModifiedDate".into(),
            json!(Timestamp(self.last_modified)),
        );
        if let Some(life_cycle) = self.fields.get("LifeCycle") {
            let keep = [
                "Stage",
                "ClosedLostReason",
                "NextSteps",
                "TargetCloseDate",
                "ReviewStatus",
                "ReviewComments",
                "ReviewStatusReason",
            ];
            out.insert("LifeCycle".into(), Value::Object(pick(life_cycle, &keep)));
        }
        if let Some(account) = self.fields.get("Customer").and_then(|c| c.get("Account")) {
            let keep = ["Industry", "OtherIndustry", "CompanyName", "WebsiteUrl"];
            let mut summary = pick(account, &keep);
            if let Some(address) = account.get("Address") {
                let keep = ["City", "PostalCode", "StateOrRegion", "CountryCode"];
                summary.insert("Address".into(), Value::Object(pick(address, &keep)));
            }
            out.insert("Customer".into(), json!({ "Account": summary }));
        }
        if let Some(project) = self.fields.get("Project") {
            let keep = [
                "DeliveryModels",
                "ExpectedCustomerSpend",
                "ExpectedContractDuration",
            ];
            out.insert("Project".into(), Value::Object(pick(project, &keep)));
        }
        Value::Object(out)
    }
}

/// The members `keys` of an object, those it has.
fn pick(from: &Value, keys: &[&str]) -> Map<String, Value> {
    keys.iter()
        .filter_map(|&k| from.get(k).map(|v| (k.to_string(), v.clone())))
        .collect()
}

/// A field ListOpportunities sorts by (`OpportunitySortName`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum SortBy {
    #[default]
    LastModifiedDate,
    Identifier,
    CustomerCompanyName,
    CreatedDate,
    TargetCloseDate,
}

impl SortBy {
    const ALL: [SortBy; 5] = [
        SortBy::LastModifiedDate,
        SortBy::Identifier,
        SortBy::CustomerCompanyName,
        SortBy::CreatedDate,
        SortBy::TargetCloseDate,
    ];

    /// Where an opportunity sits in this order.
    pub fn key(self, o: &Opportunity) -> OrderKey {
        let text = |t: Option<&str>| t.map_or(SortValue::Missing, |t| SortValue::Text(t.into()));
        let value = match self {
            SortBy::LastModifiedDate => SortValue::Millis(o.last_modified.timestamp_millis()),
            SortBy::CreatedDate => SortValue::Millis(o.created.timestamp_millis()),
            SortBy::Identifier => SortValue::Text(o.id.to_string()),
            SortBy::CustomerCompanyName => text(o.company_name().map(str::to_lowercase).as_deref()),
            SortBy::TargetCloseDate => text(o.target_close_date()),
        };
        (value, o.id.clone())
    }
}

/// The value of the sorted field. In one order all values are of one kind, or missing (an
/// opportunity without a customer or a target close date), which sorts first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SortValue {
    Missing,
    Millis(i64),
    /// Text; company names compare ignoring case.
    Text(String),
}

/// Position in an order: the sorted field's value, then the id that breaks ties.
pub type OrderKey = (SortValue, Arc<str>);

/// A `[after, before)` window on a date; either end may be open.
#[derive(Debug, Clone, Default)]
pub struct Window<T> {
    pub after: Option<T>,
    pub before: Option<T>,
}

impl<T: PartialOrd> Window<T> {
    /// Whether `value` is in the window; a missing value is only in an open one.
    fn holds(&self, value: Option<T>) -> bool {
        if self.after.is_none() && self.before.is_none() {
            return true;
        }
        value.is_some_and(|v| {
            self.after.as_ref().is_none_or(|a| v >= *a)
                && self.before.as_ref().is_none_or(|b| v < *b)
        })
    }
}

/// What a listing keeps; `None` (or an empty list) keeps every value.
#[derive(Debug, Default)]
pub struct Filter {
    /// The account listing: only its own opportunities.
    pub owner: Option<String>,
    pub ids: Option<Vec<String>>,
    pub stages: Option<Vec<String>>,
    pub review_statuses: Option<Vec<String>>,
    /// Keeps a customer whose company name contains one of these, ignoring case.
    pub company_names: Option<Vec<String>>,
    pub last_modified: Window<DateTime<Utc>>,
    pub created: Window<DateTime<Utc>>,
    /// `YYYY-MM-DD` dates, which compare as text.
    pub target_close: Window<String>,
}

impl Filter {
    fn keeps(&self, o: &Opportunity) -> bool {
        let company = o.company_name().map(str::to_lowercase);
        self.owner.as_deref().is_none_or(|a| o.owned_by(a))
            && allows(&self.ids, |id| id == &*o.id)
            && allows(&self.stages, |s| Some(s.as_str()) == o.stage())
            && allows(&self.review_statuses, |s| {
                Some(s.as_str()) == o.review_status()
            })
            && allows(&self.company_names, |n| {
                company
                    .as_deref()
                    .is_some_and(|c| c.contains(&n.to_lowercase()))
            })
            && self.last_modified.holds(Some(o.last_modified))
            && self.created.holds(Some(o.created))
            && self
                .target_close
                .holds(o.target_close_date().map(str::to_string))
    }
}

fn allows(wanted: &Option<Vec<String>>, matches: impl Fn(&String) -> bool) -> bool {
    wanted
        .as_ref()
        .is_none_or(|w| w.is_empty() || w.iter().any(matches))
}

/// See the module documentation.
#[derive(Debug, Clone, Default)]
pub struct Opportunities {
    by_id: HashMap<Arc<str>, Arc<Opportunity>>,
    /// One order per [`SortBy`], in the order of [`SortBy::ALL`].
    orders: [BTreeMap<OrderKey, Arc<Opportunity>>; 5],
}

impl Opportunities {
    /// The opportunity with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<Opportunity>> {
        self.by_id.get(id)
    }

    /// Adds an opportunity, or replaces the one with its id.
    pub fn insert(&mut self, opportunity: Opportunity) {
        let opportunity = Arc::new(opportunity);
        if let Some(old) = self
            .by_id
            .insert(opportunity.id.clone(), opportunity.clone())
        {
            for (sort, order) in SortBy::ALL.iter().zip(&mut self.orders) {
                order.remove(&sort.key(&old));
            }
        }
        for (sort, order) in SortBy::ALL.iter().zip(&mut self.orders) {
            order.insert(sort.key(&opportunity), opportunity.clone());
        }
    }

    /// Up to `max` opportunities that `filter` keeps, in `sort` order (or its reverse) after
    /// the key `after`; and whether more follow.
    pub fn page(
        &self,
        sort: SortBy,
        filter: &Filter,
        after: Option<&OrderKey>,
        descending: bool,
        max: usize,
    ) -> (Vec<&Arc<Opportunity>>, bool) {
        let at = SortBy::ALL
            .iter()
            .position(|s| *s == sort)
            .expect("every sort has an order");
        let order = &self.orders[at];
        let rows: Box<dyn Iterator<Item = &Arc<Opportunity>>> = match (after, descending) {
            (None, false) => Box::new(order.values()),
            (None, true) => Box::new(order.values().rev()),
            (Some(a), false) => Box::new(order.range((Excluded(a), Unbounded)).map(|(_, o)| o)),
            (Some(a), true) => {
                Box::new(order.range((Unbounded, Excluded(a))).rev().map(|(_, o)| o))
            }
        };
        let mut page: Vec<_> = rows.filter(|o| filter.keeps(o)).take(max + 1).collect();
        let more = page.len() > max;
        page.truncate(max);
        (page, more)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;

    fn opportunity(n: usize, start: DateTime<Utc>) -> Opportunity {
        let company = ["Acme", "blue Harbor", "Cedar", "acme labs"][n % 4];
        let mut fields = Map::new();
        fields.insert(
            "Customer".into(),
            json!({"Account": {"CompanyName": company}}),
        );
        let stage = if n.is_multiple_of(3) {
            "Prospect"
        } else {
            "Qualified"
        };
        let mut life_cycle = json!({"Stage": stage, "ReviewStatus": PENDING_SUBMISSION});
        if !n.is_multiple_of(5) {
            life_cycle["TargetCloseDate"] = json!(format!("2027-0{}-15", 1 + n % 9));
        }
        fields.insert("LifeCycle".into(), life_cycle);
        Opportunity {
            id: format!("O{:010}", 1_000_000_000 + n * 7919 % 1000).into(),
            owner: if n.is_multiple_of(7) { "222" } else { "111" }.into(),
            created: start + Duration::minutes(n as i64),
            last_modified: start + Duration::minutes((n * 37 % 50) as i64),
            fields,
        }
    }

    #[test]
    fn paging_any_sort_and_filter_either_way_gives_what_a_full_sort_gives() {
        let start = Utc::now();
        let all: Vec<Opportunity> = (0..60).map(|n| opportunity(n, start)).collect();
        let mut index = Opportunities::default();
        for o in &all {
            index.insert(o.clone());
        }
        index.insert(Opportunity {
            last_modified: start + Duration::days(1),
            ..all[4].clone()
        });
        let filters = [
            Filter::default(),
            Filter {
                stages: Some(vec!["Prospect".into()]),
                ..Filter::default()
            },
            Filter {
                owner: Some("111".into()),
                ..Filter::default()
            },
            Filter {
                company_names: Some(vec!["ACME".into()]),
                target_close: Window {
                    after: Some("2027-03-01".into()),
                    before: None,
                },
                ..Filter::default()
            },
        ];
        for sort in SortBy::ALL {
            for filter in &filters {
                let mut expected: Vec<OrderKey> = index
                    .by_id
                    .values()
                    .filter(|o| filter.keeps(o))
                    .map(|o| sort.key(o))
                    .collect();
                expected.sort();
                for descending in [false, true] {
                    if descending {
                        expected.reverse();
                    }
                    let mut got = Vec::new();
                    let mut after = None;
                    loop {
                        let (page, more) = index.page(sort, filter, after.as_ref(), descending, 7);
                        got.extend(page.iter().map(|o| sort.key(o)));
                        match page.last() {
                            Some(last) if more => after = Some(sort.key(last)),
                            _ => break,
                        }
                    }
                    assert_eq!(got, expected, "{sort:?} {filter:?} descending {descending}");
                }
            }
        }
        assert_eq!(index.by_id.len(), 60);
        assert!(index.orders.iter().all(|o| o.len() == 60));
    }
}
