//! Fault injection on the wire, through the real SDK: each kind of fault comes at about its
//! configured rate and is counted, the same seed meets the same faults, the error answers have
//! the service's shapes, a reset drops the connection (before or after the operation ran), and
//! the latency is a tokio timer that paused time skips.

use crate::common;

use std::time::Duration;

use pc_inbox::domain::{InvitationStatus, ListQuery, Participant};
use pc_inbox::emulator::{
    Emulator, EmulatorConfig, FaultCounts, Faults, TEST_ACCESS_KEY, TEST_SECRET_KEY,
};
use pc_inbox::service::aws::AwsPartnerCentral;
use pc_inbox::service::{PartnerCentral, ServiceError, ServiceResult};

fn with_faults(faults: Faults) -> EmulatorConfig {
    EmulatorConfig {
        faults,
        ..common::config(200)
    }
}

fn mixed(seed: u64) -> Faults {
    Faults {
        fail_rate: 0.2,
        throttle_rate: 0.2,
        reset_rate: 0.1,
        seed,
        ..Faults::default()
    }
}

/// What a call met, as the client (without retries) sees it.
fn kind<T>(result: &ServiceResult<T>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(ServiceError::Service { code: Some(c), .. }) if c == "InternalServerException" => "500",
        Err(ServiceError::Service { code: Some(c), .. }) if c == "ServiceUnavailableException" => {
            "503"
        }
        Err(ServiceError::Throttled { .. }) => "throttled",
        Err(ServiceError::Network { .. }) => "reset",
        Err(other) => panic!("not an injected fault: {other:?}"),
    }
}

/// `n` GetEngagementInvitation calls, one after the other: what each met.
async fn kinds(client: &AwsPartnerCentral, n: usize) -> Vec<&'static str> {
    let id = common::acceptable(0);
    let mut seen = Vec::new();
    for _ in 0..n {
        seen.push(kind(&client.get_invitation(&id).await));
    }
    seen
}

fn count(seen: &[&str], what: &str) -> u64 {
    seen.iter().filter(|k| **k == what).count() as u64
}

#[tokio::test]
async fn over_http_each_fault_comes_at_its_rate_and_is_counted() {
    let (emulator, client) = common::start_with_client(with_faults(mixed(11))).await;
    let n = 400;
    let seen = kinds(&client, n).await;
    let counts = emulator.faults_injected();
    assert_eq!(counts.internal, count(&seen, "500"));
    assert_eq!(counts.unavailable, count(&seen, "503"));
    assert_eq!(counts.throttled, count(&seen, "throttled"));
    assert_eq!(
        counts.reset_before + counts.reset_after,
        count(&seen, "reset")
    );
    assert_eq!(counts.every_write, 0);
    assert!(
        counts.reset_before > 0 && counts.reset_after > 0,
        "{counts:?}"
    );
    let rate = |c: u64| c as f64 / n as f64;
    let near = |c: u64, p: f64| (rate(c) - p).abs() < 0.06;
    assert!(near(counts.internal, 0.1), "{counts:?}");
    assert!(near(counts.unavailable, 0.1), "{counts:?}");
    assert!(near(counts.throttled, 0.2), "{counts:?}");
    assert!(
        near(counts.reset_before + counts.reset_after, 0.1),
        "{counts:?}"
    );
    assert!(counts.to_string().contains(" × 503"), "{counts}");
}

#[tokio::test(start_paused = true)]
async fn the_same_seed_meets_the_same_faults() {
    let run = |seed| async move {
        let (emulator, client) = common::start_in_process(with_faults(mixed(seed))).await;
        let seen = kinds(&client, 100).await;
        (seen, emulator.faults_injected())
    };
    let (first, first_counts) = run(5).await;
    let (again, again_counts) = run(5).await;
    assert_eq!(first, again);
    assert_eq!(first_counts, again_counts);
    let (other, _) = run(6).await;
    assert_ne!(first, other, "another seed, other faults");
}

#[tokio::test(start_paused = true)]
async fn a_client_without_faults_sees_none_and_draws_nothing() {
    let emulator = common::start(with_faults(mixed(5))).await;
    let clean = common::client_without_faults(&emulator).await;
    assert!(kinds(&clean, 50).await.iter().all(|k| *k == "ok"));
    assert_eq!(emulator.faults_injected(), FaultCounts::default());
    let faulty = common::client_in_process(&emulator).await;
    let seen = kinds(&faulty, 100).await;
    let (_reference, reference) = common::start_in_process(with_faults(mixed(5))).await;
    assert_eq!(
        seen,
        kinds(&reference, 100).await,
        "the clean calls left the fault sequence where it was"
    );
}

/// Pending received invitations, read without faults.
async fn pending(emulator: &Emulator, n: usize) -> Vec<String> {
    let mut query = ListQuery::new(Participant::Received);
    query.statuses = vec![InvitationStatus::Pending];
    query.page_size = Some(100);
    let page = common::client_without_faults(emulator)
        .await
        .list_invitations(&query, None)
        .await
        .unwrap();
    let ids: Vec<String> = page.items.into_iter().map(|r| r.id).take(n).collect();
    assert_eq!(ids.len(), n);
    ids
}

/// Also: the client takes a reject retried after a lost answer (the service says it is
/// REJECTED already, with this reason) as done, and only that.
#[tokio::test(start_paused = true)]
async fn a_reset_comes_before_or_after_the_write_is_applied() {
    let faults = Faults {
        reset_rate: 1.0,
        seed: 3,
        ..Faults::default()
    };
    let (emulator, client) = common::start_in_process(with_faults(faults)).await;
    let ids = pending(&emulator, 30).await;
    for id in &ids {
        let result = client.reject_invitation(id, Some("Other")).await;
        assert_eq!(kind(&result), "reset", "{result:?}");
    }
    let clean = common::client_without_faults(&emulator).await;
    let mut applied = 0;
    for id in &ids {
        let detail = clean.get_invitation(id).await.unwrap();
        if detail.summary.status == Some(InvitationStatus::Rejected) {
            applied += 1;
            let other = clean.reject_invitation(id, Some("Unable to support")).await;
            assert!(
                matches!(other, Err(ServiceError::Conflict { .. })),
                "another reason is a conflict: {other:?}"
            );
            let again = clean.reject_invitation(id, Some("Other")).await;
            assert_eq!(again, Ok(()), "a retry after a lost answer is done");
        }
    }
    let counts = emulator.faults_injected();
    assert_eq!(counts.reset_after, applied);
    assert_eq!(counts.reset_before, ids.len() as u64 - applied);
    assert!(
        counts.reset_before > 0 && counts.reset_after > 0,
        "{counts:?}"
    );
}

#[tokio::test]
async fn error_answers_have_the_service_shapes_and_a_reset_sends_nothing() {
    let all = |faults: Faults| with_faults(Faults { seed: 9, ..faults });
    let failing = common::start(all(Faults {
        fail_rate: 1.0,
        ..Faults::default()
    }))
    .await;
    let body = format!(
        r#"{{"Catalog":"AWS","Identifier":"{}"}}"#,
        common::acceptable(0)
    );
    let mut statuses = Vec::new();
    for _ in 0..10 {
        let r = common::raw_call(
            &failing,
            "GetEngagementInvitation",
            &body,
            Some(("test", "test")),
        )
        .await;
        let expected = match r.status {
            500 => "InternalServerException",
            503 => "ServiceUnavailableException",
            other => panic!("status {other}"),
        };
        assert_eq!(r.body["__type"], expected);
        assert!(r.body["Message"]
            .as_str()
            .unwrap()
            .contains("Injected fault"));
        assert!(r
            .head
            .contains(&format!("x-amzn-errortype: {expected}").to_lowercase()));
        statuses.push(r.status);
    }
    assert!(statuses.contains(&500) && statuses.contains(&503));

    let throttling = common::start(all(Faults {
        throttle_rate: 1.0,
        ..Faults::default()
    }))
    .await;
    let r = common::raw_call(
        &throttling,
        "GetEngagementInvitation",
        &body,
        Some(("test", "test")),
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.body["__type"], "ThrottlingException");

    let resetting = common::start(all(Faults {
        reset_rate: 1.0,
        ..Faults::default()
    }))
    .await;
    for _ in 0..4 {
        let bytes = common::raw_exchange(
            &resetting,
            "GetEngagementInvitation",
            body.as_bytes(),
            Some(common::Signing::sdk()),
            &[],
        )
        .await;
        assert!(bytes.is_empty(), "{}", String::from_utf8_lossy(&bytes));
    }
    let unsigned = common::raw_call(&resetting, "GetEngagementInvitation", &body, None).await;
    assert_eq!(unsigned.status, 403, "faults meet only admitted requests");
    let counts = resetting.faults_injected();
    assert_eq!(counts.reset_before + counts.reset_after, 4);
}

#[tokio::test(start_paused = true)]
async fn latency_is_a_tokio_sleep_that_paused_time_skips() {
    let fixed = Faults {
        latency: Some("100".parse().unwrap()),
        ..Faults::default()
    };
    let (_emulator, client) = common::start_in_process(with_faults(fixed)).await;
    let started = tokio::time::Instant::now();
    kinds(&client, 10).await;
    assert_eq!(started.elapsed(), Duration::from_millis(1000));

    let ranged = Faults {
        latency: Some("50-300".parse().unwrap()),
        seed: 1,
        ..Faults::default()
    };
    let (_emulator, client) = common::start_in_process(with_faults(ranged)).await;
    let mut delays = Vec::new();
    for _ in 0..20 {
        let started = tokio::time::Instant::now();
        kinds(&client, 1).await;
        delays.push(started.elapsed());
    }
    assert!(delays
        .iter()
        .all(|d| (Duration::from_millis(50)..=Duration::from_millis(300)).contains(d)));
    delays.dedup();
    assert!(delays.len() > 10, "random within the range: {delays:?}");
}

#[tokio::test(start_paused = true)]
async fn every_attempt_is_counted_the_sdk_s_retries_too() {
    let emulator = common::start(with_faults(Faults {
        fail_rate: 0.2,
        seed: 7,
        ..Faults::default()
    }))
    .await;
    let tally = std::sync::Arc::new(pc_inbox::service::RequestTally::default());
    let settings = pc_inbox::service::aws::ClientSettings {
        max_attempts: 5,
        ..common::settings(&emulator, TEST_ACCESS_KEY, TEST_SECRET_KEY)
    };
    let client = AwsPartnerCentral::connect_with(&settings, Some(emulator.http_client()))
        .await
        .counting(tally.clone());
    let id = common::acceptable(0);
    for _ in 0..20 {
        client.get_invitation(&id).await.expect("the SDK retried");
    }
    let injected = emulator.faults_injected();
    let retried = injected.internal + injected.unavailable;
    assert!(retried > 0, "seed 7 fails some: {injected:?}");
    let counted: u64 = tally.take().values().map(|r| r.reads).sum();
    assert_eq!(counted, 20 + retried, "each call and each retry");
}
