//! Error shapes on the wire and through the SDK: validation with field names, not found,
//! throttling, protocol errors and every authentication failure.

use crate::common;

use std::time::Duration;

use pc_inbox::domain::{ListQuery, Participant, TaskKind};
use pc_inbox::emulator::{Clock, EmulatorConfig, QuotaLimits};
use pc_inbox::service::aws::AwsPartnerCentral;
use pc_inbox::service::{CredentialsProblem, PartnerCentral, ServiceError};

#[tokio::test]
async fn validation_errors_name_each_field() {
    let (_emulator, client) = common::start_with_client(common::config(0)).await;
    let mut query = ListQuery::new(Participant::Received);
    query.page_size = Some(101);
    let err = client.list_invitations(&query, None).await.unwrap_err();
    let ServiceError::Validation { fields, message } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(fields.len(), 1);
    assert_eq!(fields[0].field.as_deref(), Some("MaxResults"));
    assert_eq!(fields[0].code, "VALUE_OUT_OF_RANGE");
    assert!(message.contains("less than or equal to 100"), "{message}");

    let err = client
        .reject_invitation("engi-bad", Some("tab\there"))
        .await
        .unwrap_err();
    let ServiceError::Validation { fields, .. } = &err else {
        panic!("{err:?}")
    };
    let names: Vec<_> = fields.iter().map(|f| f.field.as_deref().unwrap()).collect();
    assert_eq!(names, ["Identifier", "RejectionReason"]);
    assert!(fields.iter().all(|f| f.code == "INVALID_STRING_FORMAT"));
}

#[tokio::test]
async fn the_raw_validation_body_has_reason_and_error_list() {
    let emulator = common::start(common::config(0)).await;
    let creds = Some(("test", "test"));
    let r = common::raw_call(
        &emulator,
        "ListEngagementInvitations",
        r#"{"Catalog":"AWS"}"#,
        creds,
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(
        r.head.contains("content-type: application/x-amz-json-1.0"),
        "{}",
        r.head
    );
    assert_eq!(r.body["__type"], "ValidationException");
    assert_eq!(r.body["Reason"], "REQUEST_VALIDATION_FAILED");
    assert_eq!(r.body["ErrorList"][0]["FieldName"], "ParticipantType");
    assert_eq!(r.body["ErrorList"][0]["Code"], "REQUIRED_FIELD_MISSING");
    assert!(r.body["Message"]
        .as_str()
        .unwrap()
        .starts_with("1 validation error detected"));
}

#[tokio::test]
async fn successful_answers_use_iso_8601_timestamps() {
    let start = chrono::DateTime::parse_from_rfc3339("2026-11-26T12:00:00Z")
        .unwrap()
        .to_utc();
    let emulator = common::start(EmulatorConfig {
        clock: Clock::starting_at(start),
        ..common::config(0)
    })
    .await;
    let r = common::raw_call(
        &emulator,
        "ListEngagementInvitations",
        r#"{"Catalog":"AWS","ParticipantType":"RECEIVER","MaxResults":1}"#,
        Some(("test", "test")),
    )
    .await;
    assert_eq!(r.status, 200);
    let date = r.body["EngagementInvitationSummaries"][0]["InvitationDate"]
        .as_str()
        .unwrap();
    assert!(chrono::DateTime::parse_from_rfc3339(date).is_ok(), "{date}");
    let hours_ago = common::seed_json()["Invitations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["ParticipantType"] == "RECEIVER")
        .map(|i| i["InvitedHoursAgo"].as_i64().unwrap())
        .min()
        .unwrap();
    let newest = start - chrono::Duration::hours(hours_ago);
    assert_eq!(
        date,
        newest.format("%Y-%m-%dT%H:%M:%S.000Z").to_string(),
        "milliseconds and Z, counted from the emulator's clock"
    );
    assert!(r.body["NextToken"].is_string());
}

#[tokio::test]
async fn protocol_errors_unknown_target_bad_json_wrong_types() {
    let emulator = common::start(common::config(0)).await;
    let creds = Some(("test", "test"));
    let r = common::raw_call(&emulator, "StealAllInvitations", "{}", creds).await;
    assert_eq!(
        (r.status, r.body["__type"].as_str()),
        (400, Some("UnknownOperationException"))
    );
    let r = common::raw_call(&emulator, "ListEngagementInvitations", "{not json", creds).await;
    assert_eq!(
        (r.status, r.body["__type"].as_str()),
        (400, Some("SerializationException"))
    );
    let r = common::raw_call(
        &emulator,
        "ListEngagementInvitations",
        r#"{"Catalog":"AWS","ParticipantType":"RECEIVER","MaxResults":"ten"}"#,
        creds,
    )
    .await;
    assert_eq!(r.body["__type"], "SerializationException");
    let r = common::raw_call(
        &emulator,
        "GetEngagementInvitation",
        r#"{"Catalog":"Nope","Identifier":"engi-0000000000000"}"#,
        creds,
    )
    .await;
    assert_eq!(r.body["__type"], "ValidationException");
    assert_eq!(r.body["ErrorList"][0]["FieldName"], "Catalog");
}

#[tokio::test]
async fn unimplemented_operations_are_non_retryable_client_errors_that_name_them() {
    let emulator = common::start(common::config(0)).await;
    let creds = Some(("test", "test"));
    for (operation, body) in [
        ("ListSolutions", r#"{"Catalog":"AWS"}"#),
        ("TagResource", r#"{"ResourceArn":"arn:x","Tags":[]}"#),
        ("NoSuchOperation", "{}"),
    ] {
        let r = common::raw_call(&emulator, operation, body, creds).await;
        assert_eq!(
            (r.status, r.body["__type"].as_str()),
            (400, Some("UnknownOperationException")),
            "{operation}"
        );
        assert!(r
            .head
            .contains("x-amzn-errortype: unknownoperationexception"));
        let message = r.body["Message"].as_str().unwrap();
        assert!(message.contains(operation), "{message}");
        assert!(!message.contains("Catalog"), "{message}");
    }
}

#[tokio::test]
async fn unknown_ids_are_not_found() {
    let (_emulator, client) = common::start_with_client(common::config(0)).await;
    let err = client
        .get_invitation("engi-0000000000000")
        .await
        .unwrap_err();
    let ServiceError::NotFound { message } = &err else {
        panic!("{err:?}")
    };
    assert!(message.contains("engi-0000000000000"));
    let err = client
        .get_task(TaskKind::Accept, "task-0000000000000")
        .await
        .unwrap_err();
    assert!(matches!(err, ServiceError::NotFound { .. }), "{err:?}");
}

// The quota tests run on paused tokio time with the emulator's in-process HTTP client: the
// burst happens at one instant, and buckets refill only as the test or the SDK's back-off sleeps.

/// The documented quotas: 10 reads and 1 write a second.
fn with_quotas() -> EmulatorConfig {
    EmulatorConfig {
        quotas: Some(QuotaLimits::default()),
        ..common::config(0)
    }
}

#[tokio::test(start_paused = true)]
async fn reads_over_quota_are_throttled_and_recover() {
    let (emulator, client) = common::start_in_process(with_quotas()).await;
    let id = common::acceptable(0);
    for n in 0..10 {
        client
            .get_invitation(&id)
            .await
            .unwrap_or_else(|e| panic!("read {n} of a burst of 10: {e:?}"));
    }
    let err = client.get_invitation(&id).await.unwrap_err();
    assert!(matches!(err, ServiceError::Throttled { .. }), "{err:?}");
    assert!(err.is_transient());
    tokio::time::sleep(Duration::from_millis(100)).await;
    client
        .get_invitation(&id)
        .await
        .expect("a tenth of a second refills one read");
    assert!(matches!(
        client.get_invitation(&id).await.unwrap_err(),
        ServiceError::Throttled { .. }
    ));

    let mut retrying = common::settings(&emulator, "test", "test");
    retrying.max_attempts = 5;
    let retrying = AwsPartnerCentral::connect_with(&retrying, Some(emulator.http_client())).await;
    for _ in 0..15 {
        retrying
            .get_invitation(&id)
            .await
            .expect("the SDK's retry with backoff rides out throttling");
    }
}

#[tokio::test(start_paused = true)]
async fn writes_have_their_own_tighter_quota() {
    let (_emulator, client) = common::start_in_process(with_quotas()).await;
    client
        .reject_invitation(&common::acceptable(0), Some("Other"))
        .await
        .unwrap();
    let err = client
        .reject_invitation(&common::acceptable(1), Some("Other"))
        .await
        .unwrap_err();
    assert!(matches!(err, ServiceError::Throttled { .. }), "{err:?}");
    client
        .get_invitation(&common::acceptable(1))
        .await
        .expect("reads are not affected");
    tokio::time::sleep(Duration::from_millis(999)).await;
    let err = client
        .reject_invitation(&common::acceptable(1), Some("Other"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, ServiceError::Throttled { .. }),
        "still within the second: {err:?}"
    );
    tokio::time::sleep(Duration::from_millis(1)).await;
    client
        .reject_invitation(&common::acceptable(1), Some("Other"))
        .await
        .expect("a second later the write quota has refilled");
}

async fn credentials_error(
    emulator: &pc_inbox::emulator::Emulator,
    ak: &str,
    sk: &str,
) -> (CredentialsProblem, String) {
    let client = AwsPartnerCentral::connect(&common::settings(emulator, ak, sk)).await;
    match client
        .get_invitation("engi-0000000000000")
        .await
        .unwrap_err()
    {
        ServiceError::Credentials {
            problem, message, ..
        } => (problem, message),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn authentication_failures_map_to_credentials_errors() {
    let emulator = common::start(common::config(0)).await;
    let (problem, message) = credentials_error(&emulator, "AKIDUNKNOWN", "test").await;
    assert_eq!(problem, CredentialsProblem::Rejected);
    assert!(
        message.starts_with("UnrecognizedClientException"),
        "{message}"
    );
    let (problem, message) = credentials_error(&emulator, "test", "wrong-secret").await;
    assert_eq!(problem, CredentialsProblem::Rejected);
    assert!(
        message.starts_with("InvalidSignatureException"),
        "{message}"
    );
}

#[tokio::test]
async fn authentication_failures_on_the_wire() {
    let emulator = common::start(common::config(0)).await;
    let body = r#"{"Catalog":"AWS","Identifier":"engi-0000000000000"}"#;
    let cases = [
        (None, 403, "MissingAuthenticationTokenException"),
        (Some(("nobody", "test")), 403, "UnrecognizedClientException"),
        (Some(("test", "nope")), 403, "InvalidSignatureException"),
        // Correctly signed requests get through.
        (Some(("test", "test")), 400, "ResourceNotFoundException"),
    ];
    for (credentials, status, error) in cases {
        let r = common::raw_call(&emulator, "GetEngagementInvitation", body, credentials).await;
        assert_eq!(
            (r.status, r.body["__type"].as_str()),
            (status, Some(error)),
            "{credentials:?}"
        );
        if error == "InvalidSignatureException" {
            assert!(r.body["Message"].as_str().unwrap().contains("signature"));
        }
    }
}

#[tokio::test]
async fn an_unreachable_endpoint_is_a_network_error() {
    let emulator = common::start(common::config(0)).await;
    let settings = common::settings(&emulator, "test", "test");
    emulator.stop().await;
    let client = AwsPartnerCentral::connect(&settings).await;
    let err = client
        .get_invitation("engi-0000000000000")
        .await
        .unwrap_err();
    assert!(matches!(err, ServiceError::Network { .. }), "{err:?}");
    assert!(err.to_string().contains("could not reach Partner Central"));
}
