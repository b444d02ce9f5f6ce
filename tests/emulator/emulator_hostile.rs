//! Hostile request bodies: a refused request costs a bounded answer, however many members it
//! breaks.

use crate::common;

use serde_json::{json, Value};

/// A CreateEngagementInvitation whose `ExpectedCustomerSpend` holds `n` empty objects (the model
/// allows 10), plus one refused receiver responsibility far longer than what is echoed.
fn create_with_spend(n: usize) -> String {
    json!({
        "Catalog": "AWS",
        "ClientToken": "token",
        "EngagementIdentifier": "eng-0123456789abc",
        "Invitation": {
            "Message": "Hello",
            "Receiver": {"Account": {"AwsAccountId": "123456789012"}},
            "Payload": {"OpportunityInvitation": {
                "ReceiverResponsibilities": ["x".repeat(100_000)],
                "Customer": {"CompanyName": "Acme", "CountryCode": "US", "Industry": "Other", "WebsiteUrl": "https://acme.example"},
                "Project": {
                    "BusinessProblem": "A business problem worth solving",
                    "Title": "Title",
                    "TargetCompletionDate": "2027-01-01",
                    "ExpectedCustomerSpend": vec![json!({}); n],
                },
            }},
        },
    })
    .to_string()
}

fn assert_bounded(r: &common::RawResponse) {
    assert_eq!(r.status, 400);
    assert!(r.len < 64 * 1024, "a {}-byte answer", r.len);
    assert_eq!(r.body["__type"], "ValidationException");
    let message = r.body["Message"].as_str().unwrap();
    assert!(
        message.contains(" validation errors detected: "),
        "{message}"
    );
    let errors = r.body["ErrorList"].as_array().unwrap();
    assert!(errors.len() <= 10, "{} errors listed", errors.len());
    let spend = errors
        .iter()
        .find(|e| {
            e["FieldName"]
                == "Invitation.Payload.OpportunityInvitation.Project.ExpectedCustomerSpend"
        })
        .expect("the oversized list is named");
    assert_eq!(spend["Code"], "TOO_MANY_VALUES");
    let echoed = format!("'{}…'", "x".repeat(64));
    assert!(message.contains(&echoed), "the long value is cut");
    assert!(!message.contains(&"x".repeat(65)), "the long value is cut");
    assert!(r.body.get("message").is_none(), "the message is sent once");
}

#[tokio::test]
async fn a_hundred_thousand_refused_items_get_a_small_answer() {
    let emulator = common::start(common::config(0)).await;
    let body = create_with_spend(100_000);
    assert!(body.len() > 300_000);
    let r = common::raw_call(
        &emulator,
        "CreateEngagementInvitation",
        &body,
        Some(("test", "test")),
    )
    .await;
    println!("answer to a {}-byte request: {} bytes", body.len(), r.len);
    assert_bounded(&r);
}

/// Peak memory is not measured here: the test process's RSS is shared with the other tests and
/// the allocator keeps freed pages, so it would be flaky. What made memory grow was the answer,
/// which grew with the request (185 MB for this one); each answer of the burst stays small, and
/// the model's unit tests show the validator stops collecting at the cap and skips the items of
/// oversized lists.
#[tokio::test]
async fn a_hostile_burst_gets_small_answers() {
    let emulator = common::start(common::config(0)).await;
    let body = create_with_spend(100_000);
    let answers = futures::future::join_all((0..20).map(|_| {
        common::raw_call(
            &emulator,
            "CreateEngagementInvitation",
            &body,
            Some(("test", "test")),
        )
    }))
    .await;
    for r in &answers {
        assert_bounded(r);
    }
    let total: usize = answers.iter().map(|r| r.len).sum();
    assert!(total < 20 * 64 * 1024, "{total} bytes in all");
    let first: &Value = &answers[0].body;
    assert!(
        answers.iter().all(|r| &r.body == first),
        "the same answer each time"
    );
}
