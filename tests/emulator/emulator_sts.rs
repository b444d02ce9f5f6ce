//! STS GetCallerIdentity on the emulator's port, through the real `aws-sdk-sts` client and our
//! adapter's [`CallerIdentity`]: each seed account's key pair is answered with its account and
//! IAM user, and STS's own errors (XML, HTTP 403) meet a key or signature it does not accept.
//! The signing name `sts` is accepted for this call only.

use crate::common;

use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sdk_sts::error::ProvideErrorMetadata;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4::SigningParams;
use aws_smithy_runtime_api::client::identity::Identity as SigningIdentity;
use pc_inbox::domain::Identity;
use pc_inbox::emulator::Emulator;
use pc_inbox::service::aws::AwsPartnerCentral;
use pc_inbox::service::{CallerIdentity, CredentialsProblem, ServiceError};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const QUERY: &str = "Action=GetCallerIdentity&Version=2011-06-15";

fn sts(emulator: &Emulator, access_key: &str, secret_key: &str) -> aws_sdk_sts::Client {
    let config = aws_sdk_sts::Config::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(Credentials::new(access_key, secret_key, None, None, "test"))
        .endpoint_url(emulator.endpoint_url())
        .build();
    aws_sdk_sts::Client::from_conf(config)
}

/// The caller's (account, ARN, user id), or the error's (code, message, HTTP status).
async fn whoami(client: &aws_sdk_sts::Client) -> Result<(String, String, String), (String, u16)> {
    match client.get_caller_identity().send().await {
        Ok(out) => Ok((
            out.account().unwrap_or_default().to_string(),
            out.arn().unwrap_or_default().to_string(),
            out.user_id().unwrap_or_default().to_string(),
        )),
        Err(e) => {
            let status = e.raw_response().map_or(0, |r| r.status().as_u16());
            Err((
                e.into_service_error().code().unwrap_or_default().into(),
                status,
            ))
        }
    }
}

#[tokio::test]
async fn each_seed_account_s_key_is_answered_with_its_account_and_user() {
    let emulator = common::start(common::config(0)).await;
    let (account, arn, user_id) = whoami(&sts(&emulator, "test", "test")).await.unwrap();
    assert_eq!(account, "111122223333");
    assert_eq!(arn, "arn:aws:iam::111122223333:user/northwind");
    assert!(
        user_id.starts_with("AIDA") && user_id.len() == 21,
        "{user_id}"
    );
    let partner2 = whoami(&sts(&emulator, "partner2", "partner2"))
        .await
        .unwrap();
    assert_eq!(partner2.0, "246813579135");
    assert_eq!(partner2.1, "arn:aws:iam::246813579135:user/tidewater");
    assert_ne!(partner2.2, user_id);
    let again = whoami(&sts(&emulator, "test", "test")).await.unwrap();
    assert_eq!(again.2, user_id, "the user id is stable");
}

#[tokio::test]
async fn an_unknown_key_or_a_wrong_secret_is_refused_as_sts_refuses_it() {
    let emulator = common::start(common::config(0)).await;
    let unknown = whoami(&sts(&emulator, "AKIANOTAREALKEY00000", "x")).await;
    assert_eq!(unknown, Err(("InvalidClientTokenId".into(), 403)));
    let wrong = whoami(&sts(&emulator, "test", "not-the-secret")).await;
    assert_eq!(wrong, Err(("SignatureDoesNotMatch".into(), 403)));
}

/// POSTs `body` signed for `signing_name` with the test key; the status and body answered.
async fn post(
    emulator: &Emulator,
    signing_name: &str,
    body: &str,
    target: Option<&str>,
) -> (u16, String) {
    let host = emulator.addr().to_string();
    let mut headers: Vec<(String, String)> = vec![
        ("host".into(), host.clone()),
        (
            "content-type".into(),
            "application/x-www-form-urlencoded".into(),
        ),
    ];
    if let Some(target) = target {
        headers.push(("x-amz-target".into(), target.into()));
    }
    let identity: SigningIdentity = Credentials::new("test", "test", None, None, "test").into();
    let params: SigningParams<'_, _> = SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name(signing_name)
        .time(SystemTime::now())
        .settings(SigningSettings::default())
        .build()
        .unwrap();
    let signable = SignableRequest::new(
        "POST",
        format!("http://{host}/"),
        headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        SignableBody::Bytes(body.as_bytes()),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params.into()).unwrap().into_parts();
    for (k, v) in instructions.headers() {
        headers.push((k.to_string(), v.to_string()));
    }
    let mut request = String::from("POST / HTTP/1.1\r\n");
    for (k, v) in &headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    ));
    let mut stream = tokio::net::TcpStream::connect(emulator.addr())
        .await
        .unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, body.to_string())
}

#[tokio::test]
async fn the_signing_name_sts_is_accepted_for_get_caller_identity_only() {
    let emulator = common::start(common::config(0)).await;
    let (status, body) = post(&emulator, "sts", QUERY, None).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.starts_with(
        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
    ));
    assert!(body.contains("<Account>111122223333</Account>"), "{body}");
    assert!(body.contains("<RequestId>"), "{body}");

    let (status, body) = post(&emulator, "partnercentral-selling", QUERY, None).await;
    assert_eq!(status, 403, "{body}");
    assert!(
        body.contains("<Code>SignatureDoesNotMatch</Code>"),
        "{body}"
    );
    assert!(
        body.contains("scoped to correct service: &apos;sts&apos;"),
        "{body}"
    );

    let target = Some("AWSPartnerCentralSelling.ListEngagements");
    let (status, body) = post(&emulator, "sts", r#"{"Catalog":"AWS"}"#, target).await;
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("InvalidSignatureException"), "{body}");
    assert!(body.contains("partnercentral-selling"), "{body}");

    let other = "Action=AssumeRole&Version=2011-06-15";
    let (status, body) = post(&emulator, "sts", other, None).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("<Code>InvalidAction</Code>"), "{body}");
}

#[tokio::test]
async fn our_adapter_names_the_caller_with_the_partner_central_client_s_settings() {
    let emulator = common::start(common::config(0)).await;
    let northwind = Identity {
        account: "111122223333".into(),
        arn: "arn:aws:iam::111122223333:user/northwind".into(),
    };
    let over_tcp = common::client(&emulator).await;
    assert_eq!(over_tcp.caller_identity().await, Ok(northwind.clone()));
    let in_process = common::client_in_process(&emulator).await;
    assert_eq!(in_process.caller_identity().await, Ok(northwind));
    let settings = common::settings(&emulator, "partner2", "partner2");
    let partner2 = AwsPartnerCentral::connect(&settings).await;
    let tidewater = partner2.caller_identity().await.unwrap();
    assert_eq!(tidewater.account, "246813579135");

    let settings = common::settings(&emulator, "AKIANOTAREALKEY00000", "x");
    let unknown = AwsPartnerCentral::connect(&settings).await;
    match unknown.caller_identity().await {
        Err(ServiceError::Credentials {
            problem: CredentialsProblem::Rejected,
            message,
            ..
        }) => assert!(message.starts_with("InvalidClientTokenId"), "{message}"),
        other => panic!("{other:?}"),
    }
}
