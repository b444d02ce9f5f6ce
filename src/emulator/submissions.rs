//! StartEngagementFromOpportunityTask tasks: submitting one of the partner's own opportunities
//! to AWS and starting an engagement from it. A task's outcome is decided when it starts, by
//! the submission rules below; it shows only once the task finishes, when a completed one makes
//! its engagement and marks the opportunity Submitted.
//!
//! The rules, from the model's documentation of `LifeCycle` and the fields a submission needs:
//! - an opportunity already submitted, or with an earlier task that has not failed, cannot be
//!   submitted again: `OpportunityConflict`;
//! - a prospect must mature to Qualified first, and a Launched or Closed Lost one is over:
//!   `OpportunitySubmissionFailed`;
//! - the customer's company name, industry, website and country (and postal code in the US),
//!   the project's title, business problem and expected spend, and the stage and target close
//!   date must be filled in: `OpportunityValidationFailed`.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use super::members::Member;
use super::opportunities::{Opportunities, Opportunity, PENDING_SUBMISSION};
use super::store::{millis, Engagement, Failure, Idempotent};
use crate::domain::{Catalog, TaskStatus};
use crate::model::model;
use crate::wire::{EngagementContextDetails, Timestamp};

/// The review status of a submitted opportunity.
pub const SUBMITTED: &str = "Submitted";

/// Members a submission needs, as paths into the opportunity.
const REQUIRED: [&[&str]; 9] = [
    &["Customer", "Account", "CompanyName"],
    &["Customer", "Account", "Industry"],
    &["Customer", "Account", "WebsiteUrl"],
    &["Customer", "Account", "Address", "CountryCode"],
    &["Project", "Title"],
    &["Project", "CustomerBusinessProblem"],
    &["Project", "ExpectedCustomerSpend"],
    &["LifeCycle", "Stage"],
    &["LifeCycle", "TargetCloseDate"],
];

/// One StartEngagementFromOpportunityTask task. It is in progress until `finishes_at`.
#[derive(Debug, Clone)]
pub struct SubmitTask {
    pub id: String,
    /// The opportunity it submits.
    pub opportunity_id: String,
    pub start_time: DateTime<Utc>,
    pub finishes_at: DateTime<Utc>,
    /// Set when the submission rules refused the opportunity at the start.
    pub failure: Option<Failure>,
    /// The engagement a completed task makes.
    pub engagement_id: String,
    /// The resource snapshot job a completed task reports.
    pub snapshot_job_id: String,
    /// The account that started it, which creates the engagement and is its first member.
    pub creator: Member,
    /// True once a completed task's engagement exists.
    pub settled: bool,
}

impl SubmitTask {
    /// In progress, complete or failed at `now`.
    pub fn status_at(&self, now: DateTime<Utc>) -> TaskStatus {
        match (now < self.finishes_at, &self.failure) {
            (true, _) => TaskStatus::InProgress,
            (false, None) => TaskStatus::Complete,
            (false, Some(_)) => TaskStatus::Failed,
        }
    }

    /// The task's ARN in a catalog.
    pub fn arn(&self, catalog: Catalog, account: &str) -> String {
        format!(
            "arn:aws:partnercentral:us-east-1:{account}:catalog/{}/engagement-from-opportunity-task/{}",
            catalog.as_str(),
            self.id
        )
    }

    /// The task as both the start response and the task listing show it.
    pub fn summary(&self, catalog: Catalog, account: &str, now: DateTime<Utc>) -> Value {
        let status = self.status_at(now);
        let mut out = json!({
            "TaskId": self.id,
            "TaskArn": self.arn(catalog, account),
            "StartTime": Timestamp(self.start_time),
            "TaskStatus": status.as_wire(),
            "OpportunityId": self.opportunity_id,
        });
        match (&status, &self.failure) {
            (TaskStatus::Complete, _) => {
                out["Message"] = json!("Opportunity submitted and engagement started");
                out["EngagementId"] = json!(self.engagement_id);
                out["ResourceSnapshotJobId"] = json!(self.snapshot_job_id);
            }
            (TaskStatus::Failed, Some(f)) => {
                out["Message"] = json!(f.message);
                out["ReasonCode"] = json!(f.reason_code);
            }
            _ => out["Message"] = json!("Submitting the opportunity"),
        }
        out
    }
}

/// Every task of a catalog and the ClientTokens that started them.
#[derive(Debug, Clone, Default)]
pub struct Submissions {
    /// In the order they started.
    pub tasks: Vec<SubmitTask>,
    /// What each ClientToken started, so a replay returns the same task.
    pub tokens: HashMap<String, Idempotent>,
}

impl Submissions {
    /// The task with this id.
    pub fn get(&self, id: &str) -> Option<&SubmitTask> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// Whether a completed task has yet to make its engagement.
    pub fn unsettled(&self, now: DateTime<Utc>) -> bool {
        self.tasks.iter().any(|t| due(t, now))
    }

    /// Applies every task that has completed by `now`, as of the moment it finished: its
    /// engagement exists and its opportunity is Submitted.
    pub fn settle(
        &mut self,
        now: DateTime<Utc>,
        opportunities: &mut Opportunities,
        engagements: &mut HashMap<String, Engagement>,
    ) {
        for task in self.tasks.iter_mut().filter(|t| due(t, now)) {
            task.settled = true;
            let Some(old) = opportunities.get(&task.opportunity_id).cloned() else {
                continue;
            };
            let at = millis(task.finishes_at);
            engagements.insert(task.engagement_id.clone(), engagement(&old, task, at));
            let mut fields = old.fields.clone();
            if let Some(life_cycle) = fields.get_mut("LifeCycle").and_then(Value::as_object_mut) {
                life_cycle.insert("ReviewStatus".into(), json!(SUBMITTED));
            }
            opportunities.insert(Opportunity {
                fields,
                last_modified: at.max(old.last_modified + Duration::milliseconds(1)),
                ..(*old).clone()
            });
        }
    }
}

fn due(task: &SubmitTask, now: DateTime<Utc>) -> bool {
    !task.settled && task.failure.is_none() && task.finishes_at <= now
}

/// Why submitting `opportunity` fails, given the catalog's earlier tasks; `None` when it may be
/// submitted (see the module documentation).
pub fn failure(opportunity: &Opportunity, earlier: &Submissions) -> Option<Failure> {
    let id = &opportunity.id;
    let fail = |code: &str, message: String| {
        Some(Failure {
            reason_code: code.to_string(),
            message,
        })
    };
    let review = opportunity.review_status().unwrap_or(PENDING_SUBMISSION);
    if review != PENDING_SUBMISSION {
        return fail(
            "OpportunityConflict",
            format!("Opportunity {id} was already submitted to AWS (ReviewStatus {review})"),
        );
    }
    if let Some(task) = earlier
        .tasks
        .iter()
        .find(|t| *t.opportunity_id == **id && t.failure.is_none())
    {
        return fail(
            "OpportunityConflict",
            format!(
                "Opportunity {id} is already being submitted by task {}",
                task.id
            ),
        );
    }
    match opportunity.stage() {
        Some("Prospect") => {
            return fail(
                "OpportunitySubmissionFailed",
                format!(
                    "Opportunity {id} is a Prospect; it must mature to Qualified before it can \
                     be submitted"
                ),
            )
        }
        Some(stage @ ("Launched" | "Closed Lost")) => {
            return fail(
                "OpportunitySubmissionFailed",
                format!("Opportunity {id} is {stage}; a closed opportunity cannot be submitted"),
            )
        }
        _ => {}
    }
    let missing = missing(opportunity);
    if missing.is_empty() {
        return None;
    }
    fail(
        "OpportunityValidationFailed",
        format!(
            "Opportunity validation failed: {} required to submit the opportunity. Update the \
             opportunity and try again.",
            missing.join(", ") + if missing.len() == 1 { " is" } else { " are" }
        ),
    )
}

/// The members a submission needs that `opportunity` lacks, as dotted paths.
fn missing(opportunity: &Opportunity) -> Vec<String> {
    let fields = Value::Object(opportunity.fields.clone());
    let filled = |path: &[&str]| {
        path.iter()
            .try_fold(&fields, |v, k| v.get(k))
            .is_some_and(|v| match v {
                Value::String(s) => !s.trim().is_empty(),
                Value::Array(a) => !a.is_empty(),
                Value::Null => false,
                _ => true,
            })
    };
    let mut required: Vec<&[&str]> = REQUIRED.to_vec();
    let country = ["Customer", "Account", "Address", "CountryCode"];
    if country
        .iter()
        .try_fold(&fields, |v, k| v.get(k))
        .and_then(Value::as_str)
        == Some("US")
    {
        required.push(&["Customer", "Account", "Address", "PostalCode"]);
    }
    required
        .into_iter()
        .filter(|p| !filled(p))
        .map(|p| p.join("."))
        .collect()
}

/// The engagement a completed `task` makes from `opportunity` at `at`: the project's title
/// (cut to the 40 characters an engagement title allows) and business problem (cut to 255),
/// and a CustomerProject context when the opportunity's members make a valid one.
fn engagement(opportunity: &Opportunity, task: &SubmitTask, at: DateTime<Utc>) -> Engagement {
    let fields = Value::Object(opportunity.fields.clone());
    let text = |path: &[&str]| {
        path.iter()
            .try_fold(&fields, |v, k| v.get(k))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let title =
        text(&["Project", "Title"]).unwrap_or_else(|| format!("Opportunity {}", opportunity.id));
    let description = text(&["Project", "CustomerBusinessProblem"])
        .unwrap_or_else(|| format!("Engagement started from opportunity {}", opportunity.id));
    let account = |k: &str| text(&["Customer", "Account", k]);
    let context = EngagementContextDetails {
        id: Some("1".into()),
        r#type: "CustomerProject".into(),
        payload: Some(json!({"CustomerProject": {
            "Customer": {
                "Industry": account("Industry"),
                "CompanyName": account("CompanyName"),
                "WebsiteUrl": account("WebsiteUrl"),
                "CountryCode": text(&["Customer", "Account", "Address", "CountryCode"]),
            },
            "Project": {
                "Title": title,
                "BusinessProblem": description,
                "TargetCompletionDate": text(&["LifeCycle", "TargetCloseDate"]),
            },
        }})),
    };
    let valid = serde_json::to_value(&context).is_ok_and(|c| {
        model()
            .validate("EngagementContextDetails", &c)
            .is_ok_and(|problems| problems.is_empty())
    });
    let contexts: Vec<EngagementContextDetails> = valid.then_some(context).into_iter().collect();
    Engagement {
        id: task.engagement_id.clone(),
        title: title.chars().take(40).collect(),
        description: Some(description.chars().take(255).collect()),
        created_at: at,
        created_by: task.creator.account_id.clone(),
        members: vec![task.creator.clone()],
        modified_at: at,
        context_types: contexts.iter().map(|c| c.r#type.clone()).collect(),
        contexts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulator::seed::Seed;

    fn task(opportunity: &Opportunity) -> SubmitTask {
        SubmitTask {
            id: "task-0000000000001".into(),
            opportunity_id: opportunity.id.to_string(),
            start_time: Utc::now(),
            finishes_at: Utc::now(),
            failure: None,
            engagement_id: "eng-00000000000001".into(),
            snapshot_job_id: "job-0000000000001".into(),
            creator: Member {
                account_id: "111122223333".into(),
                company_name: "Northwind Cloud Partners".into(),
                website_url: None,
            },
            settled: false,
        }
    }

    #[test]
    fn the_seed_opportunities_cover_every_outcome_and_make_valid_engagements() {
        let seed = Seed::embedded().materialize(Utc::now()).unwrap();
        let none = Submissions::default();
        let mut outcomes: Vec<Option<String>> = seed
            .opportunities
            .iter()
            .map(|o| failure(o, &none).map(|f| f.reason_code))
            .collect();
        outcomes.sort();
        outcomes.dedup();
        assert_eq!(
            outcomes,
            [
                None,
                Some("OpportunityConflict".into()),
                Some("OpportunitySubmissionFailed".into()),
                Some("OpportunityValidationFailed".into()),
            ]
        );
        for o in seed
            .opportunities
            .iter()
            .filter(|o| failure(o, &none).is_none())
        {
            assert!(!["Prospect", "Launched", "Closed Lost"].contains(&o.stage().unwrap()));
            let e = engagement(o, &task(o), Utc::now());
            let detail = serde_json::to_value(e.detail(Catalog::Aws, "111122223333")).unwrap();
            let problems = model().validate("GetEngagementResponse", &detail).unwrap();
            assert!(problems.is_empty(), "{}: {problems:?}", o.id);
            assert_eq!(e.context_types, ["CustomerProject"], "{}", o.id);
        }
    }

    #[test]
    fn a_us_customer_needs_a_postal_code_and_a_second_submission_conflicts() {
        let seed = Seed::embedded().materialize(Utc::now()).unwrap();
        let none = Submissions::default();
        let passing = seed
            .opportunities
            .iter()
            .find(|o| failure(o, &none).is_none())
            .unwrap();
        let mut fields = passing.fields.clone();
        fields["Customer"]["Account"]["Address"] = json!({"CountryCode": "US"});
        let us = Opportunity {
            fields,
            ..passing.clone()
        };
        let f = failure(&us, &none).unwrap();
        assert_eq!(f.reason_code, "OpportunityValidationFailed");
        assert!(
            f.message.contains("Customer.Account.Address.PostalCode is"),
            "{}",
            f.message
        );
        let earlier = Submissions {
            tasks: vec![task(passing)],
            tokens: HashMap::new(),
        };
        assert_eq!(
            failure(passing, &earlier).unwrap().reason_code,
            "OpportunityConflict"
        );
    }
}
