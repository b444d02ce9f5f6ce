//! StartEngagementByAcceptingInvitationTask and ListEngagementByAcceptingInvitationTasks:
//! idempotency, COMPLETE and FAILED outcomes, resuming a task from another client.
//!
//! These run on paused tokio time with the emulator's in-process HTTP client, so the accept
//! delay passes as the polls sleep, without waiting for it.

use crate::common;

use std::time::Duration;

use pc_inbox::domain::{InvitationStatus, Task, TaskFilter, TaskKind, TaskStart, TaskStatus};
use pc_inbox::emulator::EmulatorConfig;
use pc_inbox::service::aws::AwsPartnerCentral;
use pc_inbox::service::{PartnerCentral, ServiceError};

/// Polls until the task has finished, as the app does (bounded, so a bug fails the test).
/// Starts accepting `invitation_id` with `token`.
async fn start_accept(
    client: &AwsPartnerCentral,
    invitation_id: &str,
    token: &str,
) -> Result<Task, ServiceError> {
    let start = TaskStart::Accept {
        invitation_id: invitation_id.to_string(),
    };
    client.start_task(&start, token).await
}

async fn finished(client: &AwsPartnerCentral, task_id: &str) -> Task {
    for _ in 0..100 {
        let task = client.get_task(TaskKind::Accept, task_id).await.unwrap();
        if task.status.is_finished() {
            return task;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("task {task_id} never finished");
}

#[tokio::test(start_paused = true)]
async fn an_accept_task_completes_with_an_opportunity_and_accepts_the_invitation() {
    let (_emulator, client) = common::start_in_process(common::config(0)).await;
    let id = common::acceptable(0);
    let started = start_accept(&client, &id, "token-complete").await.unwrap();
    assert_eq!(started.status, TaskStatus::InProgress);
    assert_eq!(started.invitation_id.as_deref(), Some(id.as_str()));
    assert!(
        started.id.starts_with("task-") && started.id.len() == 18,
        "{}",
        started.id
    );
    assert!(started.start_time.is_some());
    let done = finished(&client, &started.id).await;
    assert_eq!(done.status, TaskStatus::Complete);
    let opportunity = done.opportunity_id.unwrap();
    assert!(
        opportunity.starts_with('O') && opportunity[1..].chars().all(|c| c.is_ascii_digit()),
        "{opportunity}"
    );
    let detail = client.get_invitation(&id).await.unwrap();
    assert_eq!(detail.summary.status, Some(InvitationStatus::Accepted));
}

#[tokio::test(start_paused = true)]
async fn the_same_client_token_returns_the_same_task() {
    let (_emulator, client) = common::start_in_process(common::config(0)).await;
    let id = common::acceptable(0);
    let first = start_accept(&client, &id, "token-a").await.unwrap();
    let again = start_accept(&client, &id, "token-a").await.unwrap();
    assert_eq!(first.id, again.id);
    let other = start_accept(&client, &id, "token-b").await.unwrap_err();
    assert!(matches!(other, ServiceError::Conflict { .. }), "{other:?}");
    assert_eq!(
        client
            .list_tasks(TaskKind::Accept, &TaskFilter::Of(id.to_string()))
            .await
            .unwrap()
            .len(),
        1
    );
    finished(&client, &first.id).await;
    let after = start_accept(&client, &id, "token-a").await.unwrap();
    assert_eq!(
        (after.id, after.status),
        (first.id, TaskStatus::Complete),
        "a replay after completion still returns the task"
    );
    let elsewhere = start_accept(&client, &common::acceptable(1), "token-a")
        .await
        .unwrap_err();
    assert!(
        matches!(elsewhere, ServiceError::Conflict { .. }),
        "a token belongs to one invitation"
    );
}

#[tokio::test(start_paused = true)]
async fn a_task_for_an_invitation_the_seed_marks_fails_with_its_reason() {
    let (_emulator, client) = common::start_in_process(common::config(0)).await;
    let failing = common::failing_invitation();
    let id = failing["Id"].as_str().unwrap();
    let task = start_accept(&client, id, "token-fail").await.unwrap();
    let done = finished(&client, &task.id).await;
    assert_eq!(done.status, TaskStatus::Failed);
    assert_eq!(
        done.reason_code.as_deref(),
        failing["AcceptOutcome"]["ReasonCode"].as_str()
    );
    assert_eq!(
        done.message.as_deref(),
        failing["AcceptOutcome"]["Message"].as_str()
    );
    assert!(done.opportunity_id.is_none());
    let detail = client.get_invitation(id).await.unwrap();
    assert_eq!(
        detail.summary.status,
        Some(InvitationStatus::Pending),
        "a failed accept leaves it pending"
    );
    let retry = start_accept(&client, id, "token-fail-retry").await.unwrap();
    assert_ne!(
        retry.id, task.id,
        "after a failure a new token may start a new task"
    );
}

#[tokio::test(start_paused = true)]
async fn a_second_client_finds_and_finishes_a_task_started_by_the_first() {
    let emulator = common::start(common::config(0)).await;
    let id = common::acceptable(0);
    let task = {
        let first = common::client_in_process(&emulator).await;
        start_accept(&first, &id, "token-restart").await.unwrap()
    };
    let second = common::client_in_process(&emulator).await;
    let sdk = common::sdk_in_process(&emulator);
    let in_progress = sdk
        .list_engagement_by_accepting_invitation_tasks()
        .catalog("AWS")
        .task_status(aws_sdk_partnercentralselling::types::TaskStatus::InProgress)
        .send()
        .await
        .unwrap();
    let ids: Vec<_> = in_progress
        .task_summaries()
        .iter()
        .filter_map(|t| t.task_id())
        .collect();
    assert_eq!(ids, [task.id.as_str()]);
    let resumed = second
        .list_tasks(TaskKind::Accept, &TaskFilter::Of(id.to_string()))
        .await
        .unwrap();
    assert_eq!(resumed[0].id, task.id);
    assert_eq!(
        finished(&second, &task.id).await.status,
        TaskStatus::Complete
    );
    let by_opportunity = sdk
        .list_engagement_by_accepting_invitation_tasks()
        .catalog("AWS")
        .opportunity_identifier(
            second
                .get_task(TaskKind::Accept, &task.id)
                .await
                .unwrap()
                .opportunity_id
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(by_opportunity.task_summaries().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn task_listings_page() {
    let (emulator, client) = common::start_in_process(common::config(0)).await;
    for n in 0..5 {
        start_accept(&client, &common::acceptable(n), &format!("token-{n}"))
            .await
            .unwrap();
    }
    let sdk = common::sdk_in_process(&emulator);
    let mut seen = Vec::new();
    let mut token = None;
    loop {
        let page = sdk
            .list_engagement_by_accepting_invitation_tasks()
            .catalog("AWS")
            .max_results(2)
            .set_next_token(token)
            .send()
            .await
            .unwrap();
        seen.extend(
            page.task_summaries()
                .iter()
                .map(|t| t.task_id().unwrap().to_string()),
        );
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            break;
        }
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 5);
}

#[tokio::test(start_paused = true)]
async fn a_task_is_in_progress_for_exactly_the_accept_delay() {
    let (_emulator, client) = common::start_in_process(EmulatorConfig {
        accept_delay: Duration::from_secs(3),
        ..common::config(0)
    })
    .await;
    let id = common::acceptable(0);
    let task = start_accept(&client, &id, "token-timed").await.unwrap();
    tokio::time::sleep(Duration::from_millis(2990)).await;
    let running = client.get_task(TaskKind::Accept, &task.id).await.unwrap();
    assert_eq!(running.status, TaskStatus::InProgress);
    let detail = client.get_invitation(&id).await.unwrap();
    assert_eq!(detail.summary.status, Some(InvitationStatus::Pending));
    tokio::time::sleep(Duration::from_millis(10)).await;
    let done = client.get_task(TaskKind::Accept, &task.id).await.unwrap();
    assert_eq!(done.status, TaskStatus::Complete);
    let detail = client.get_invitation(&id).await.unwrap();
    assert_eq!(detail.summary.status, Some(InvitationStatus::Accepted));
}

#[tokio::test(start_paused = true)]
async fn sandbox_seed_invitations_fail_their_accepts_with_every_reason_code_of_the_model() {
    let (emulator, _) = common::start_in_process(common::config(0)).await;
    let sdk = common::sdk_in_process(&emulator);
    let seed = common::seed_json();
    let failing: Vec<&serde_json::Value> = ["Invitations", "SandboxInvitations"]
        .iter()
        .flat_map(|list| seed[list].as_array().unwrap())
        .filter(|i| i.get("AcceptOutcome").is_some() && i["Status"] == "PENDING")
        .collect();
    let mut started = Vec::new();
    for invitation in &failing {
        let task = sdk
            .start_engagement_by_accepting_invitation_task()
            .catalog("Sandbox")
            .identifier(invitation["Id"].as_str().unwrap())
            .client_token(format!("token-{}", invitation["Id"]))
            .send()
            .await
            .unwrap();
        started.push((task.task_id().unwrap().to_string(), invitation));
    }
    let mut produced = Vec::new();
    for (task_id, invitation) in started {
        let mut summary = None;
        for _ in 0..100 {
            let out = sdk
                .list_engagement_by_accepting_invitation_tasks()
                .catalog("Sandbox")
                .task_identifier(&task_id)
                .send()
                .await
                .unwrap();
            let task = out.task_summaries()[0].clone();
            if task.task_status()
                != Some(&aws_sdk_partnercentralselling::types::TaskStatus::InProgress)
            {
                summary = Some(task);
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let task = summary.expect("the task finishes");
        let outcome = &invitation["AcceptOutcome"];
        assert_eq!(
            task.task_status(),
            Some(&aws_sdk_partnercentralselling::types::TaskStatus::Failed)
        );
        let code = task.reason_code().unwrap().as_str().to_string();
        assert_eq!(Some(code.as_str()), outcome["ReasonCode"].as_str());
        assert_eq!(task.message(), outcome["Message"].as_str());
        produced.push(code);
    }
    produced.sort();
    produced.dedup();
    let mut model: Vec<String> = pc_inbox::model::model().enum_values("ReasonCode").to_vec();
    model.sort();
    assert_eq!(produced, model);

    let sandbox_only = seed["SandboxInvitations"][0]["Id"].as_str().unwrap();
    let in_aws = sdk
        .get_engagement_invitation()
        .catalog("AWS")
        .identifier(sandbox_only)
        .send()
        .await
        .unwrap_err();
    assert!(
        in_aws
            .as_service_error()
            .unwrap()
            .is_resource_not_found_exception(),
        "Sandbox-only invitations are not in the AWS catalog"
    );
}

#[tokio::test(start_paused = true)]
async fn accepting_an_account_plan_completes_without_an_opportunity() {
    let (_emulator, client) = common::start_in_process(common::config(0)).await;
    let id = common::seed_ids(|i| {
        i["PayloadType"] == "AccountPlanningInvitation" && i["Status"] == "PENDING"
    })
    .remove(0);
    let started = start_accept(&client, &id, "token-plan").await.unwrap();
    let done = finished(&client, &started.id).await;
    assert_eq!(done.status, TaskStatus::Complete);
    assert_eq!(
        done.opportunity_id, None,
        "an account plan makes no opportunity"
    );
    let detail = client.get_invitation(&id).await.unwrap();
    assert_eq!(detail.summary.status, Some(InvitationStatus::Accepted));
}
