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

use super::opportunities::{Opportunities, Opportunity, PENDING_SUBMISSION};
use super::store::{millis, Engagement, Failure};
use super::tasks::{Task, Tasks};
use crate::domain::TaskKind;
use crate::model::model;
use crate::wire::EngagementContextDetails;

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

/// Applies a completed submission, as of the moment it finished: its engagement exists and its
/// opportunity is Submitted.
pub fn settle(
    task: &Task,
    opportunities: &mut Opportunities,
    engagements: &mut HashMap<String, Engagement>,
) {
    let Some(old) = opportunities.get(&task.subject).cloned() else {
        return;
    };
    let at = millis(task.finishes_at);
    engagements.insert(task.made.clone(), engagement(&old, task, at));
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

/// Why submitting `opportunity` fails, given the catalog's earlier tasks; `None` when it may be
/// submitted (see the module documentation).
pub fn failure(opportunity: &Opportunity, earlier: &Tasks) -> Option<Failure> {
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
        .of(TaskKind::Engage)
        .find(|t| *t.subject == **id && t.failure.is_none())
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
fn engagement(opportunity: &Opportunity, task: &Task, at: DateTime<Utc>) -> Engagement {
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
        id: task.made.clone(),
        title: title.chars().take(40).collect(),
        description: Some(description.chars().take(255).collect()),
        created_at: at,
        created_by: task.member.account_id.clone(),
        members: vec![task.member.clone()],
        modified_at: at,
        context_types: contexts.iter().map(|c| c.r#type.clone()).collect(),
        contexts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Catalog;
    use crate::emulator::members::Member;
    use crate::emulator::seed::Seed;

    fn task(opportunity: &Opportunity) -> Task {
        Task {
            kind: TaskKind::Engage,
            id: "task-0000000000001".into(),
            subject: opportunity.id.to_string(),
            start_time: Utc::now(),
            finishes_at: Utc::now(),
            failure: None,
            made: "eng-00000000000001".into(),
            snapshot_job_id: Some("job-0000000000001".into()),
            member: Member {
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
        let none = Tasks::default();
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
        let none = Tasks::default();
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
        let mut earlier = Tasks::default();
        earlier.push(task(passing));
        assert_eq!(
            failure(passing, &earlier).unwrap().reason_code,
            "OpportunityConflict"
        );
    }
}
