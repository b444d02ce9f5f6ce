//! Temporary credentials: a seed account whose key has a session token is served only when a
//! request sends that token, signed, in `X-Amz-Security-Token`.

use crate::common;

use aws_credential_types::Credentials;
use aws_sdk_partnercentralselling::error::ProvideErrorMetadata;
use aws_sdk_partnercentralselling::types::ParticipantType;
use aws_sdk_partnercentralselling::Client;
use common::Signing;
use pc_inbox::emulator::{Emulator, EmulatorConfig};
use serde_json::json;

const TOKEN: &str = "IQoJb3JpZ2luX2VjEXAMPLEsessiontoken";
const INVALID: &str = "The security token included in the request is invalid.";

/// The embedded seed, its second account's key (`partner2`) made temporary with [`TOKEN`].
async fn with_temporary_partner2() -> Emulator {
    let mut seed = common::seed_json();
    seed["Accounts"][1]["SessionToken"] = json!(TOKEN);
    common::start(EmulatorConfig {
        seed: common::seed_from(&seed),
        ..common::config(0)
    })
    .await
}

fn partner2(emulator: &Emulator, token: Option<&str>) -> Client {
    let credentials = Credentials::new("partner2", "partner2", token.map(String::from), None, "x");
    common::sdk_with(emulator, credentials)
}

/// Lists received invitations; the error's code and message if refused.
async fn list(client: &Client) -> Result<(), (String, String)> {
    let sent = client
        .list_engagement_invitations()
        .catalog("AWS")
        .participant_type(ParticipantType::Receiver)
        .send()
        .await;
    sent.map(|_| ()).map_err(|e| {
        let e = e.into_service_error();
        let text = |s: Option<&str>| s.unwrap_or_default().to_string();
        (text(e.code()), text(e.message()))
    })
}

#[tokio::test]
async fn a_temporary_key_is_served_only_with_its_session_token() {
    let emulator = with_temporary_partner2().await;
    assert_eq!(list(&partner2(&emulator, Some(TOKEN))).await, Ok(()));
    let refused = Err((
        "UnrecognizedClientException".to_string(),
        INVALID.to_string(),
    ));
    assert_eq!(list(&partner2(&emulator, None)).await, refused, "no token");
    let wrong = partner2(&emulator, Some("another-token"));
    assert_eq!(list(&wrong).await, refused, "another token");
    assert_eq!(
        list(&common::sdk(&emulator)).await,
        Ok(()),
        "a key without a token works as before"
    );
}

#[tokio::test]
async fn a_session_token_outside_the_signature_is_refused() {
    let emulator = with_temporary_partner2().await;
    let body = r#"{"Catalog":"AWS","ParticipantType":"RECEIVER"}"#;
    let signing = Signing {
        credentials: ("partner2", "partner2"),
        ..Signing::sdk()
    };
    let r = common::raw_request(
        &emulator,
        "ListEngagementInvitations",
        body.as_bytes(),
        Some(signing),
        &[("x-amz-security-token", TOKEN)],
    )
    .await;
    assert_eq!(
        (r.status, r.body["__type"].as_str()),
        (403, Some("InvalidSignatureException")),
        "{}",
        r.body
    );
    assert_eq!(
        r.body["Message"],
        "'X-Amz-Security-Token' must be a signed header when it is sent."
    );
    let r = common::raw_request(
        &emulator,
        "ListEngagementInvitations",
        body.as_bytes(),
        Some(Signing {
            credentials: ("partner2", "partner2"),
            ..Signing::sdk()
        }),
        &[],
    )
    .await;
    assert_eq!(
        (r.status, r.body["__type"].as_str()),
        (403, Some("UnrecognizedClientException")),
        "no token at all: {}",
        r.body
    );
}
