//! SigV4 at the front door: the body hash is the server's own, and the signing time is allowed
//! exactly 15 minutes of skew either way.

use crate::common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_sigv4::http_request::{PayloadChecksumKind, SignableBody};
use common::Signing;
use sha2::{Digest, Sha256};

const TARGET: &str = "RejectEngagementInvitation";

fn reject(id: &str) -> String {
    format!(r#"{{"Catalog":"AWS","Identifier":"{id}","RejectionReason":"Other"}}"#)
}

fn assert_refused(r: &common::RawResponse, what: &str) {
    assert_eq!(
        (r.status, r.body["__type"].as_str()),
        (403, Some("InvalidSignatureException")),
        "{what}: {}",
        r.body
    );
}

#[tokio::test]
async fn a_body_swapped_under_a_signed_hash_is_refused() {
    let emulator = common::start(common::config(0)).await;
    let (signed, sent) = (
        reject(&common::acceptable(0)),
        reject(&common::acceptable(1)),
    );
    let signing = || Signing {
        body: Some(SignableBody::Bytes(signed.as_bytes())),
        checksum: PayloadChecksumKind::XAmzSha256,
        ..Signing::sdk()
    };
    let r = common::raw_request(&emulator, TARGET, sent.as_bytes(), Some(signing()), &[]).await;
    assert_refused(&r, "swapped body");
    let r = common::raw_request(&emulator, TARGET, signed.as_bytes(), Some(signing()), &[]).await;
    assert_eq!(r.status, 200, "the body it was signed for: {}", r.body);
    let r = common::raw_call(
        &emulator,
        "GetEngagementInvitation",
        &sent,
        Some(("test", "test")),
    )
    .await;
    assert_eq!(
        r.body["Status"], "PENDING",
        "the swapped body was not executed"
    );
}

#[tokio::test]
async fn an_unsigned_or_unsigned_payload_hash_is_refused() {
    let emulator = common::start(common::config(0)).await;
    let body = reject(&common::acceptable(0));
    let hash = hex::encode(Sha256::digest(body.as_bytes()));
    let extra = [("x-amz-content-sha256", hash.as_str())];
    let r = common::raw_request(
        &emulator,
        TARGET,
        body.as_bytes(),
        Some(Signing::sdk()),
        &extra,
    )
    .await;
    assert_refused(&r, "a correct but unsigned hash header");
    let unsigned = Signing {
        body: Some(SignableBody::UnsignedPayload),
        checksum: PayloadChecksumKind::XAmzSha256,
        ..Signing::sdk()
    };
    let r = common::raw_request(&emulator, TARGET, body.as_bytes(), Some(unsigned), &[]).await;
    assert_refused(&r, "UNSIGNED-PAYLOAD");
}

/// Signed `offset` from now, on a whole second rounded so that the time the request takes can
/// only push it further from the limit in the direction that keeps the expected answer (the
/// exact limits are unit-tested in `src/emulator/auth.rs` with a fixed clock).
async fn signed_at(
    emulator: &pc_inbox::emulator::Emulator,
    past: bool,
    offset: Duration,
) -> common::RawResponse {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    let (floor, ceil) = (
        Duration::from_secs(now.as_secs()),
        Duration::from_secs(now.as_secs() + 1),
    );
    let at = match (past, offset < Duration::from_secs(15 * 60)) {
        (true, true) => ceil - offset,
        (true, false) => floor - offset,
        (false, _) => ceil + offset,
    };
    let signing = Signing {
        time: UNIX_EPOCH + at,
        ..Signing::sdk()
    };
    let body = r#"{"Catalog":"AWS","Identifier":"engi-0000000000000"}"#;
    common::raw_request(
        emulator,
        "GetEngagementInvitation",
        body.as_bytes(),
        Some(signing),
        &[],
    )
    .await
}

#[tokio::test]
async fn the_signing_time_may_be_fifteen_minutes_off() {
    let emulator = common::start(common::config(0)).await;
    let secs = Duration::from_secs;
    let r = signed_at(&emulator, true, secs(15 * 60 + 1)).await;
    assert_refused(&r, "15 min 1 s old");
    assert!(r.body["Message"]
        .as_str()
        .unwrap()
        .starts_with("Signature expired"));
    let r = signed_at(&emulator, true, secs(14 * 60 + 59)).await;
    assert_eq!(
        r.body["__type"], "ResourceNotFoundException",
        "14 min 59 s old"
    );
    let r = signed_at(&emulator, false, secs(15 * 60 + 1)).await;
    assert_refused(&r, "15 min 1 s ahead");
    assert!(r.body["Message"]
        .as_str()
        .unwrap()
        .starts_with("Signature not yet current"));
}
