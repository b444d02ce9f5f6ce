//! Shared set-up for integration tests: an emulator on 127.0.0.1, the real SDK client pointed
//! at it, a raw signed HTTP call for checking the wire format itself, and the real binary run
//! with a private HOME.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{
    sign, PayloadChecksumKind, SignableBody, SignableRequest, SigningSettings,
};
use aws_sigv4::sign::v4::SigningParams;
use aws_smithy_runtime_api::client::identity::Identity;
use pc_inbox::emulator::{Emulator, EmulatorConfig, Seed, TEST_ACCESS_KEY, TEST_SECRET_KEY};
use pc_inbox::service::aws::{AwsPartnerCentral, ClientSettings, StaticCredentials};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Quotas off, fast accept tasks, the embedded seed plus `generate` synthetic invitations.
pub fn config(generate: usize) -> EmulatorConfig {
    EmulatorConfig {
        generate,
        accept_delay: Duration::from_millis(300),
        quotas: None,
        ..EmulatorConfig::default()
    }
}

pub async fn start(config: EmulatorConfig) -> Emulator {
    Emulator::start(config, 0).await.expect("emulator starts")
}

pub fn settings(emulator: &Emulator, access_key: &str, secret_key: &str) -> ClientSettings {
    ClientSettings {
        endpoint_url: Some(emulator.endpoint_url()),
        static_credentials: Some(StaticCredentials {
            access_key_id: access_key.to_string(),
            secret_access_key: secret_key.to_string(),
        }),
        max_attempts: 1,
        ..ClientSettings::default()
    }
}

/// An emulator with `config` and our adapter talking to it over TCP.
pub async fn start_with_client(config: EmulatorConfig) -> (Emulator, AwsPartnerCentral) {
    let emulator = start(config).await;
    let client = client(&emulator).await;
    (emulator, client)
}

/// An emulator with `config` and our adapter on its in-process HTTP client, for tests on
/// paused tokio time (see [`client_in_process`]).
pub async fn start_in_process(config: EmulatorConfig) -> (Emulator, AwsPartnerCentral) {
    let emulator = start(config).await;
    let client = client_in_process(&emulator).await;
    (emulator, client)
}

/// Our adapter, with the test credentials and no retries.
pub async fn client(emulator: &Emulator) -> AwsPartnerCentral {
    AwsPartnerCentral::connect(&settings(emulator, TEST_ACCESS_KEY, TEST_SECRET_KEY)).await
}

/// Our adapter for checks on an emulator whose quotas the process under test shares: paced
/// to the service quota, and retrying when throttled anyway (as the SDK does by default).
pub async fn patient_client(emulator: &Emulator) -> pc_inbox::service::Paced<AwsPartnerCentral> {
    let settings = ClientSettings {
        max_attempts: 5,
        ..settings(emulator, TEST_ACCESS_KEY, TEST_SECRET_KEY)
    };
    pc_inbox::service::Paced::new(
        AwsPartnerCentral::connect(&settings).await,
        pc_inbox::service::SERVICE_QUOTA,
    )
}

/// Our adapter on the emulator's in-process HTTP client, for tests on paused tokio time
/// (`#[tokio::test(start_paused = true)]`): the same signed requests, without a socket.
pub async fn client_in_process(emulator: &Emulator) -> AwsPartnerCentral {
    let settings = settings(emulator, TEST_ACCESS_KEY, TEST_SECRET_KEY);
    AwsPartnerCentral::connect_with(&settings, Some(emulator.http_client())).await
}

/// Our adapter on an in-process HTTP client that no injected fault touches: what the service
/// really holds, for checking what faulty requests did.
pub async fn client_without_faults(emulator: &Emulator) -> AwsPartnerCentral {
    let settings = settings(emulator, TEST_ACCESS_KEY, TEST_SECRET_KEY);
    AwsPartnerCentral::connect_with(&settings, Some(emulator.http_client_without_faults())).await
}

/// The bare SDK client, for operations the app does not use.
pub fn sdk(emulator: &Emulator) -> aws_sdk_partnercentralselling::Client {
    sdk_as(emulator, TEST_ACCESS_KEY, TEST_SECRET_KEY)
}

/// [`sdk`] signing with another key pair, such as another seed account's.
pub fn sdk_as(
    emulator: &Emulator,
    access_key: &str,
    secret_key: &str,
) -> aws_sdk_partnercentralselling::Client {
    sdk_with(
        emulator,
        Credentials::new(access_key, secret_key, None, None, "test"),
    )
}

/// [`sdk`] signing with `credentials`, such as temporary ones with a session token.
pub fn sdk_with(
    emulator: &Emulator,
    credentials: Credentials,
) -> aws_sdk_partnercentralselling::Client {
    let config = sdk_config(emulator).credentials_provider(credentials);
    aws_sdk_partnercentralselling::Client::from_conf(config.build())
}

/// [`sdk`] on the emulator's in-process HTTP client, for tests on paused tokio time.
pub fn sdk_in_process(emulator: &Emulator) -> aws_sdk_partnercentralselling::Client {
    let config = sdk_config(emulator).http_client(emulator.http_client());
    aws_sdk_partnercentralselling::Client::from_conf(config.build())
}

fn sdk_config(emulator: &Emulator) -> aws_sdk_partnercentralselling::config::Builder {
    aws_sdk_partnercentralselling::Config::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(Credentials::new(
            TEST_ACCESS_KEY,
            TEST_SECRET_KEY,
            None,
            None,
            "test",
        ))
        .endpoint_url(emulator.endpoint_url())
}

/// The embedded seed as JSON, for tests that tweak it.
pub fn seed_json() -> Value {
    serde_json::from_str(include_str!("../../assets/seed.json")).unwrap()
}

pub fn seed_from(json: &Value) -> Seed {
    Seed::parse(&json.to_string()).unwrap()
}

/// Ids of seed invitations matching a predicate, in file order.
pub fn seed_ids(pred: impl Fn(&Value) -> bool) -> Vec<String> {
    seed_json()["Invitations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| pred(i))
        .map(|i| i["Id"].as_str().unwrap().to_string())
        .collect()
}

/// The first seed invitation whose accept task the seed makes fail.
pub fn failing_invitation() -> Value {
    seed_json()["Invitations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i.get("AcceptOutcome").is_some())
        .expect("the seed has an invitation whose accept fails")
        .clone()
}

/// Checks on the service that an invitation is REJECTED with this reason.
pub async fn assert_rejected(emulator: &Emulator, id: &str, reason: &str) {
    use pc_inbox::service::PartnerCentral;
    let detail = client(emulator).await.get_invitation(id).await.unwrap();
    assert_eq!(
        detail.summary.status,
        Some(pc_inbox::domain::InvitationStatus::Rejected)
    );
    assert_eq!(detail.rejection_reason.as_deref(), Some(reason));
}

/// A PENDING received invitation whose accept succeeds and that is not about to expire.
pub fn acceptable(n: usize) -> String {
    seed_ids(|i| {
        i["ParticipantType"] == "RECEIVER"
            && i["Status"] == "PENDING"
            && i.get("AcceptOutcome").is_none()
            && i["ExpiresInHours"].as_i64().unwrap() > 72
    })
    .swap_remove(n)
}

/// An HTTP answer as the wire carries it.
pub struct RawResponse {
    pub status: u16,
    pub head: String,
    pub body: Value,
    /// The body's length in bytes.
    pub len: usize,
}

/// How [`raw_request`] signs: with these credentials at `time`, over `body` (the body sent
/// unless set), adding `X-Amz-Content-Sha256` when `checksum` says so.
pub struct Signing<'a> {
    pub credentials: (&'a str, &'a str),
    pub time: SystemTime,
    pub body: Option<SignableBody<'a>>,
    pub checksum: PayloadChecksumKind,
}

impl Signing<'_> {
    /// What the SDK does: now, the test credentials, no body hash header.
    pub fn sdk() -> Self {
        Signing {
            credentials: ("test", "test"),
            time: SystemTime::now(),
            body: None,
            checksum: PayloadChecksumKind::NoHeader,
        }
    }
}

/// POSTs `body` to the emulator with `X-Amz-Target: AWSPartnerCentralSelling.<target>`,
/// SigV4-signed with `credentials` when given.
pub async fn raw_call(
    emulator: &Emulator,
    target: &str,
    body: &str,
    credentials: Option<(&str, &str)>,
) -> RawResponse {
    let signing = credentials.map(|credentials| Signing {
        credentials,
        ..Signing::sdk()
    });
    raw_request(emulator, target, body.as_bytes(), signing, &[]).await
}

/// Like [`raw_call`], signed as `signing` says, with `extra` headers added after signing.
pub async fn raw_request(
    emulator: &Emulator,
    target: &str,
    body: &[u8],
    signing: Option<Signing<'_>>,
    extra: &[(&str, &str)],
) -> RawResponse {
    let response = raw_exchange(emulator, target, body, signing, extra).await;
    let response = String::from_utf8(response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    RawResponse {
        status,
        head: head.to_lowercase(),
        body: serde_json::from_str(body).unwrap_or(Value::Null),
        len: body.len(),
    }
}

/// Sends a request as [`raw_request`] does and returns every byte the server sent back
/// before it closed the connection.
pub async fn raw_exchange(
    emulator: &Emulator,
    target: &str,
    body: &[u8],
    signing: Option<Signing<'_>>,
    extra: &[(&str, &str)],
) -> Vec<u8> {
    let host = emulator.addr().to_string();
    let target = format!("AWSPartnerCentralSelling.{target}");
    let mut headers: Vec<(String, String)> = vec![
        ("host".into(), host.clone()),
        ("content-type".into(), "application/x-amz-json-1.0".into()),
        ("x-amz-target".into(), target),
    ];
    if let Some(signing) = signing {
        let (ak, sk) = signing.credentials;
        let identity: Identity = Credentials::new(ak, sk, None, None, "test").into();
        let mut settings = SigningSettings::default();
        settings.payload_checksum_kind = signing.checksum;
        let params = aws_sigv4::sign::v4::SigningParams::builder()
            .identity(&identity)
            .region("us-east-1")
            .name("partnercentral-selling")
            .time(signing.time)
            .settings(settings)
            .build()
            .unwrap();
        let params: SigningParams<'_, _> = params;
        let signable = SignableRequest::new(
            "POST",
            format!("http://{host}/"),
            headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            signing.body.unwrap_or(SignableBody::Bytes(body)),
        )
        .unwrap();
        let (instructions, _) = sign(signable, &params.into()).unwrap().into_parts();
        for (k, v) in instructions.headers() {
            headers.push((k.to_string(), v.to_string()));
        }
    }
    for (k, v) in extra {
        headers.push((k.to_string(), v.to_string()));
    }
    let mut request = String::from("POST / HTTP/1.1\r\n");
    for (k, v) in &headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    ));
    let mut stream = tokio::net::TcpStream::connect(emulator.addr())
        .await
        .unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    // A server may answer and close before reading a refused body.
    let _ = stream.write_all(body).await;
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response).await;
    response
}

/// What a run of the binary ended with.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(out: Output) -> Self {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }
}

/// `pc-inbox ARGS`, ready to run, with a private HOME (config in `HOME/config`, data in
/// `HOME/data`), credentials for the emulator in env vars and nothing else from this process's
/// environment; `changes` then sets variables (`None` removes one).
pub fn command(home: &Path, args: &[&str], changes: &[(&str, Option<&str>)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pc-inbox"));
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("TZ", "UTC");
    for (name, value) in changes {
        match value {
            Some(value) => command.env(name, value),
            None => command.env_remove(name),
        };
    }
    command
}

/// Runs `pc-inbox ARGS` with a private HOME (and credentials for the emulator in env vars).
pub fn run(home: &Path, args: &[&str]) -> Run {
    run_with(home, args, &[])
}

/// Like [`run`], with environment variables changed: `None` removes one.
pub fn run_with(home: &Path, args: &[&str], changes: &[(&str, Option<&str>)]) -> Run {
    command(home, args, changes).output().unwrap().into()
}

/// Runs a command against a shared emulator, off the async runtime.
pub async fn against(url: &str, home: &Path, args: &[&str]) -> Run {
    let mut all: Vec<String> = vec!["--endpoint-url".into(), url.into()];
    all.extend(args.iter().map(|s| s.to_string()));
    let home = home.to_path_buf();
    tokio::task::spawn_blocking(move || {
        run(&home, &all.iter().map(String::as_str).collect::<Vec<_>>())
    })
    .await
    .unwrap()
}

/// An emulator in this process (quotas off, 300 ms accept tasks), its URL and a private HOME.
pub async fn emulator_and_home() -> (Emulator, String, tempfile::TempDir) {
    let emulator = start(config(0)).await;
    let url = emulator.endpoint_url();
    (emulator, url, tempfile::tempdir().unwrap())
}
