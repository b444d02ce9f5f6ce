//! StartEngagementFromOpportunityTask and ListEngagementFromOpportunityTasks with the real SDK:
//! idempotency, COMPLETE with an engagement, FAILED by the submission rules, listing.
//!
//! These run on paused tokio time with the emulator's in-process HTTP client, so the task delay
//! passes as the polls sleep, without waiting for it.

use crate::common;

use std::time::Duration;

use aws_sdk_partnercentralselling::operation::list_engagement_from_opportunity_tasks::ListEngagementFromOpportunityTasksOutput;
use aws_sdk_partnercentralselling::types::{
    AwsSubmission, ListEngagementFromOpportunityTaskSummary, ListTasksSortBase, ListTasksSortName,
    ReviewStatus, SalesInvolvementType, SortOrder, TaskStatus, Visibility,
};
use aws_sdk_partnercentralselling::Client;
use serde_json::Value;

fn submission(involvement: SalesInvolvementType) -> AwsSubmission {
    AwsSubmission::builder()
        .involvement_type(involvement)
        .visibility(Visibility::Full)
        .build()
        .unwrap()
}

/// The seed's own opportunities.
fn seed_opportunities() -> Vec<Value> {
    common::seed_json()["Opportunities"]
        .as_array()
        .unwrap()
        .clone()
}

/// The id of the first seed opportunity that matches.
fn seed_opportunity(pred: impl Fn(&Value) -> bool) -> String {
    let found = seed_opportunities().into_iter().find(|o| pred(o)).unwrap();
    found["Id"].as_str().unwrap().to_string()
}

fn life_cycle<'a>(o: &'a Value, member: &str) -> &'a str {
    o["Opportunity"]["LifeCycle"][member].as_str().unwrap()
}

/// A Qualified seed opportunity that passes the submission rules.
fn submittable() -> String {
    seed_opportunity(|o| {
        life_cycle(o, "Stage") == "Qualified"
            && life_cycle(o, "ReviewStatus") == "Pending Submission"
            && o["Opportunity"]["Customer"]["Account"]["Address"]
                .get("CountryCode")
                .is_some()
    })
}

async fn start(client: &Client, id: &str, token: &str) -> ListEngagementFromOpportunityTaskSummary {
    let out = client
        .start_engagement_from_opportunity_task()
        .catalog("AWS")
        .identifier(id)
        .client_token(token)
        .aws_submission(submission(SalesInvolvementType::CoSell))
        .send()
        .await
        .unwrap();
    ListEngagementFromOpportunityTaskSummary::builder()
        .set_task_id(out.task_id)
        .set_task_arn(out.task_arn)
        .set_start_time(out.start_time)
        .set_task_status(out.task_status)
        .set_opportunity_id(out.opportunity_id)
        .set_engagement_id(out.engagement_id)
        .set_reason_code(out.reason_code)
        .build()
}

async fn list_task(client: &Client, task_id: &str) -> ListEngagementFromOpportunityTaskSummary {
    let out = client
        .list_engagement_from_opportunity_tasks()
        .catalog("AWS")
        .task_identifier(task_id)
        .send()
        .await
        .unwrap();
    assert_eq!(out.task_summaries().len(), 1);
    out.task_summaries()[0].clone()
}

/// Polls until the task has finished (bounded, so a bug fails the test).
async fn finished(client: &Client, task_id: &str) -> ListEngagementFromOpportunityTaskSummary {
    for _ in 0..100 {
        let task = list_task(client, task_id).await;
        if task.task_status() != Some(&TaskStatus::InProgress) {
            return task;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("task {task_id} never finished");
}

fn matches(id: &str, prefix: &str, len: usize) -> bool {
    id.strip_prefix(prefix).is_some_and(|rest| {
        rest.len() == len
            && rest
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
    })
}

#[tokio::test(start_paused = true)]
async fn a_task_completes_with_an_engagement_and_submits_the_opportunity() {
    let emulator = common::start(common::config(0)).await;
    let sdk = common::sdk_in_process(&emulator);
    let id = submittable();
    let before = sdk
        .get_opportunity()
        .catalog("AWS")
        .identifier(&id)
        .send()
        .await
        .unwrap();
    let started = start(&sdk, &id, "token-complete").await;
    assert_eq!(started.task_status(), Some(&TaskStatus::InProgress));
    let task_id = started.task_id().unwrap();
    assert!(matches(task_id, "task-", 13), "{task_id}");
    assert!(started.task_arn().unwrap().ends_with(task_id));
    assert!(started.start_time().is_some());
    assert_eq!(started.opportunity_id(), Some(id.as_str()));
    assert!(started.engagement_id().is_none());

    let done = finished(&sdk, task_id).await;
    assert_eq!(done.task_status(), Some(&TaskStatus::Complete));
    assert!(done.reason_code().is_none());
    let engagement_id = done.engagement_id().unwrap();
    assert!(matches(engagement_id, "eng-", 14), "{engagement_id}");
    let job = done.resource_snapshot_job_id().unwrap();
    assert!(matches(job, "job-", 13), "{job}");

    let engagement = sdk
        .get_engagement()
        .catalog("AWS")
        .identifier(engagement_id)
        .send()
        .await
        .unwrap();
    let project = before.project().unwrap();
    let title: String = project.title().unwrap().chars().take(40).collect();
    assert_eq!(engagement.title(), Some(title.as_str()));
    assert!(project
        .customer_business_problem()
        .unwrap()
        .starts_with(engagement.description().unwrap()));
    assert_eq!(engagement.member_count(), Some(1));
    let context = &engagement.contexts()[0];
    assert_eq!(context.r#type().as_str(), "CustomerProject");
    let customer = context
        .payload()
        .unwrap()
        .as_customer_project()
        .unwrap()
        .customer()
        .unwrap();
    let account = before.customer().unwrap().account().unwrap();
    assert_eq!(customer.company_name(), account.company_name());
    let listed = sdk
        .list_engagements()
        .catalog("AWS")
        .engagement_identifier(engagement_id)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.engagement_summary_list().len(), 1);

    let after = sdk
        .get_opportunity()
        .catalog("AWS")
        .identifier(&id)
        .send()
        .await
        .unwrap();
    let review = after.life_cycle().unwrap().review_status();
    assert_eq!(review, Some(&ReviewStatus::Submitted));
    assert!(after.last_modified_date() > before.last_modified_date());

    let again = start(&sdk, &id, "token-second").await;
    let again = finished(&sdk, again.task_id().unwrap()).await;
    assert_eq!(
        again.reason_code().map(|r| r.as_str()),
        Some("OpportunityConflict"),
        "a submitted opportunity cannot be submitted again"
    );
}

#[tokio::test(start_paused = true)]
async fn the_same_client_token_returns_the_same_task() {
    let emulator = common::start(common::config(0)).await;
    let sdk = common::sdk_in_process(&emulator);
    let id = submittable();
    let first = start(&sdk, &id, "token-a").await;
    let again = start(&sdk, &id, "token-a").await;
    assert_eq!(first.task_id(), again.task_id());

    let other_opportunity = seed_opportunity(|o| o["Id"] != id.as_str());
    let conflict = sdk
        .start_engagement_from_opportunity_task()
        .catalog("AWS")
        .identifier(other_opportunity)
        .client_token("token-a")
        .aws_submission(submission(SalesInvolvementType::CoSell))
        .send()
        .await
        .unwrap_err();
    assert!(
        conflict.as_service_error().unwrap().is_conflict_exception(),
        "{conflict:?}"
    );
    let other_involvement = sdk
        .start_engagement_from_opportunity_task()
        .catalog("AWS")
        .identifier(&id)
        .client_token("token-a")
        .aws_submission(submission(SalesInvolvementType::ForVisibilityOnly))
        .send()
        .await
        .unwrap_err();
    assert!(other_involvement
        .as_service_error()
        .unwrap()
        .is_conflict_exception());

    let done = finished(&sdk, first.task_id().unwrap()).await;
    let after = start(&sdk, &id, "token-a").await;
    assert_eq!(after.task_id(), first.task_id());
    assert_eq!(
        after.task_status(),
        Some(&TaskStatus::Complete),
        "a replay after completion returns the finished task"
    );
    assert_eq!(after.engagement_id(), done.engagement_id());
    let tasks = sdk
        .list_engagement_from_opportunity_tasks()
        .catalog("AWS")
        .send()
        .await
        .unwrap();
    assert_eq!(tasks.task_summaries().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn opportunities_that_break_the_submission_rules_fail_with_their_reason() {
    let emulator = common::start(common::config(0)).await;
    let sdk = common::sdk_in_process(&emulator);
    let no_country = seed_opportunity(|o| {
        o["Opportunity"]["Customer"]["Account"]["Address"]
            .get("CountryCode")
            .is_none()
    });
    let prospect = seed_opportunity(|o| life_cycle(o, "Stage") == "Prospect");
    let submitted = seed_opportunity(|o| life_cycle(o, "ReviewStatus") == "Submitted");
    for (id, code, says) in [
        (
            &no_country,
            "OpportunityValidationFailed",
            "Customer.Account.Address.CountryCode",
        ),
        (&prospect, "OpportunitySubmissionFailed", "Qualified"),
        (&submitted, "OpportunityConflict", "already submitted"),
    ] {
        let task = start(&sdk, id, &format!("token-{id}")).await;
        assert_eq!(
            task.task_status(),
            Some(&TaskStatus::InProgress),
            "{id}: the failure shows when the task finishes"
        );
        assert!(task.reason_code().is_none());
        let done = finished(&sdk, task.task_id().unwrap()).await;
        assert_eq!(done.task_status(), Some(&TaskStatus::Failed), "{id}");
        assert_eq!(done.reason_code().map(|r| r.as_str()), Some(code), "{id}");
        assert!(done.message().unwrap().contains(says), "{id}: {done:?}");
        assert!(done.engagement_id().is_none());
    }
    let unchanged = sdk
        .get_opportunity()
        .catalog("AWS")
        .identifier(&no_country)
        .send()
        .await
        .unwrap();
    assert_eq!(
        unchanged.life_cycle().unwrap().review_status(),
        Some(&ReviewStatus::PendingSubmission)
    );
}

#[tokio::test(start_paused = true)]
async fn an_unknown_opportunity_is_not_found() {
    let emulator = common::start(common::config(0)).await;
    let sdk = common::sdk_in_process(&emulator);
    let err = sdk
        .start_engagement_from_opportunity_task()
        .catalog("AWS")
        .identifier("O9999999999")
        .client_token("token-unknown")
        .aws_submission(submission(SalesInvolvementType::CoSell))
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_resource_not_found_exception(),
        "{err:?}"
    );
    let missing_submission = sdk
        .start_engagement_from_opportunity_task()
        .catalog("AWS")
        .identifier(submittable())
        .client_token("token-invalid")
        .send()
        .await;
    assert!(
        missing_submission.is_err(),
        "AwsSubmission is required by the model"
    );
}

async fn page(
    sdk: &Client,
    order: SortOrder,
    token: Option<String>,
) -> ListEngagementFromOpportunityTasksOutput {
    sdk.list_engagement_from_opportunity_tasks()
        .catalog("AWS")
        .max_results(2)
        .sort(
            ListTasksSortBase::builder()
                .sort_by(ListTasksSortName::StartTime)
                .sort_order(order)
                .build()
                .unwrap(),
        )
        .set_next_token(token)
        .send()
        .await
        .unwrap()
}

#[tokio::test(start_paused = true)]
async fn task_listings_page_sort_and_filter() {
    let emulator = common::start(common::config(0)).await;
    let sdk = common::sdk_in_process(&emulator);
    let mut started = Vec::new();
    for o in seed_opportunities() {
        let id = o["Id"].as_str().unwrap();
        started.push(start(&sdk, id, &format!("token-{id}")).await);
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let ids: Vec<String> = started
        .iter()
        .map(|t| t.task_id().unwrap().to_string())
        .collect();
    for (order, expected) in [
        (SortOrder::Ascending, ids.clone()),
        (SortOrder::Descending, ids.iter().rev().cloned().collect()),
    ] {
        let mut seen = Vec::new();
        let mut token = None;
        loop {
            let out = page(&sdk, order.clone(), token).await;
            assert!(out.task_summaries().len() <= 2);
            seen.extend(
                out.task_summaries()
                    .iter()
                    .map(|t| t.task_id().unwrap().to_string()),
            );
            token = out.next_token().map(str::to_string);
            if token.is_none() {
                break;
            }
        }
        assert_eq!(seen, expected, "{order:?}");
    }

    let first = page(&sdk, SortOrder::Ascending, None).await;
    let foreign = sdk
        .list_engagement_from_opportunity_tasks()
        .catalog("AWS")
        .max_results(2)
        .task_status(TaskStatus::Failed)
        .set_next_token(first.next_token().map(str::to_string))
        .send()
        .await
        .unwrap_err();
    assert!(
        foreign
            .as_service_error()
            .unwrap()
            .is_validation_exception(),
        "a token is bound to its request's filters"
    );

    let by_status = |status: TaskStatus| {
        sdk.list_engagement_from_opportunity_tasks()
            .catalog("AWS")
            .task_status(status)
            .send()
    };
    let running = by_status(TaskStatus::InProgress).await.unwrap();
    assert_eq!(running.task_summaries().len(), ids.len());
    let last = ids.last().unwrap();
    finished(&sdk, last).await;
    let complete = by_status(TaskStatus::Complete).await.unwrap();
    let failed = by_status(TaskStatus::Failed).await.unwrap();
    assert_eq!(
        complete.task_summaries().len() + failed.task_summaries().len(),
        ids.len()
    );
    assert!(!complete.task_summaries().is_empty() && !failed.task_summaries().is_empty());

    let engaged = &complete.task_summaries()[0];
    let by_engagement = sdk
        .list_engagement_from_opportunity_tasks()
        .catalog("AWS")
        .engagement_identifier(engaged.engagement_id().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(
        by_engagement.task_summaries(),
        std::slice::from_ref(engaged)
    );
    let by_opportunity = sdk
        .list_engagement_from_opportunity_tasks()
        .catalog("AWS")
        .opportunity_identifier(engaged.opportunity_id().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(
        by_opportunity.task_summaries(),
        std::slice::from_ref(engaged)
    );
    let by_task = list_task(&sdk, &ids[1]).await;
    assert_eq!(by_task.task_id(), Some(ids[1].as_str()));
    let other_catalog = sdk
        .list_engagement_from_opportunity_tasks()
        .catalog("Sandbox")
        .send()
        .await
        .unwrap();
    assert!(other_catalog.task_summaries().is_empty());
}
