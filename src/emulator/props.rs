//! Property tests of the emulator's request handling, in process through [`Shared::respond`]:
//! garbage methods, paths, headers and bodies, and properly signed requests for real operations
//! whose JSON bodies are fuzzed, always get a well-formed awsJson1_0 error (4xx, `__type` and a
//! message) — never a 5xx and never a panic.

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4::SigningParams;
use aws_smithy_runtime_api::client::identity::Identity;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, Uri};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value};

use super::auth::{Key, REGION, SERVICE};
use super::clock::Clock;
use super::faults::{Faults, Injector};
use super::opportunities::{Filter, SortBy};
use super::ops::IMPLEMENTED;
use super::seed::Seed;
use super::server::{Outcome, Shared, TARGET_PREFIX};
use super::store::Store;
use super::{TEST_ACCESS_KEY, TEST_SECRET_KEY};
use crate::domain::{
    Catalog, Contact, Customer, NewInvitation, NewPayload, OpportunityPayload, Project, Receiver,
    Spend,
};
use crate::wire::Timestamp;

/// A fresh emulator state: the embedded seed, quotas off.
fn shared() -> Shared {
    let clock = Clock::new();
    let now = clock.now();
    let data = Seed::embedded().materialize(now).unwrap();
    Shared {
        store: parking_lot::RwLock::new(Store::new(data, chrono::Duration::seconds(3), now)),
        quotas: None,
        throttled: AtomicU64::new(0),
        keys: HashMap::from([(
            TEST_ACCESS_KEY.to_string(),
            Key {
                secret: TEST_SECRET_KEY.to_string(),
                session_token: None,
            },
        )]),
        faults: Injector::new(Faults::default()),
        clock,
        body_timeout: Duration::from_secs(30),
    }
}

/// What the emulator answered: status, `X-Amzn-ErrorType` and the body as JSON.
struct Answer {
    status: u16,
    error_type: Option<String>,
    content_type: Option<String>,
    body: Value,
}

fn respond(
    shared: &Shared,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Answer {
    let outcome = futures::executor::block_on(shared.respond(method, uri, headers, body, false));
    let Outcome::Answer(response) = outcome else {
        panic!("no fault is injected, so every request is answered")
    };
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (status, error_type, content_type) = (
        response.status().as_u16(),
        header("x-amzn-errortype"),
        header("content-type"),
    );
    let bytes = futures::executor::block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
        .unwrap();
    Answer {
        status,
        error_type,
        content_type,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    }
}

/// A well-formed awsJson1_0 error: 4xx, the JSON content type, `__type` as in
/// `X-Amzn-ErrorType`, and a message.
fn assert_error(answer: &Answer) -> Result<(), TestCaseError> {
    prop_assert!(
        (400..500).contains(&answer.status),
        "status {}: {}",
        answer.status,
        answer.body
    );
    prop_assert_eq!(
        answer.content_type.as_deref(),
        Some("application/x-amz-json-1.0")
    );
    let kind = answer.body["__type"].as_str().unwrap_or_default();
    prop_assert!(!kind.is_empty(), "no __type: {}", answer.body);
    prop_assert_eq!(answer.error_type.as_deref(), Some(kind));
    let message = answer.body["Message"].as_str().unwrap_or_default();
    prop_assert!(!message.is_empty(), "no message: {}", answer.body);
    Ok(())
}

/// Bytes a header value may hold (visible ASCII, space, tab and obs-text).
fn header_bytes() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(
        prop_oneof![8 => 0x20u8..0x7f, 1 => Just(b'\t'), 1 => 0x80u8..=0xff],
        0..60,
    )
}

fn amz_date() -> impl Strategy<Value = Vec<u8>> {
    let now = chrono::Utc::now();
    prop_oneof![
        Just(now.format("%Y%m%dT%H%M%SZ").to_string().into_bytes()),
        (-100_000i64..100_000).prop_map(move |s| (now + chrono::Duration::seconds(s))
            .format("%Y%m%dT%H%M%SZ")
            .to_string()
            .into_bytes()),
        "[0-9]{8}T[0-9]{6}Z".prop_map(String::into_bytes),
        header_bytes(),
    ]
}

/// `Authorization` values: shaped like SigV4 with any parts, or anything.
fn authorization() -> impl Strategy<Value = Vec<u8>> {
    let part = || "[ -~]{0,20}";
    prop_oneof![
        (
            select(vec!["test", "AKIA", ""]),
            "[0-9]{8}|[ -~]{0,10}",
            select(vec![REGION, "eu-west-1", ""]),
            select(vec![SERVICE, "s3", ""]),
            select(vec!["aws4_request", "x", ""]),
            select(vec!["host", "host;x-amz-date", "host;x-amz-content-sha256;x-amz-date", "", ";;"]),
            "[0-9a-f]{64}|[ -~]{0,70}",
        )
            .prop_map(|(key, date, region, service, term, signed, signature)| format!(
                "AWS4-HMAC-SHA256 Credential={key}/{date}/{region}/{service}/{term}, SignedHeaders={signed}, Signature={signature}"
            )
            .into_bytes()),
        (part(), part()).prop_map(|(a, b)| format!("AWS4-HMAC-SHA256 {a},{b}").into_bytes()),
        header_bytes(),
    ]
}

fn target() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        select(IMPLEMENTED.to_vec()).prop_map(|op| format!("{TARGET_PREFIX}{op}").into_bytes()),
        select(vec!["ListSolutions", "ListTagsForResource", "", "Nope"])
            .prop_map(|op| format!("{TARGET_PREFIX}{op}").into_bytes()),
        header_bytes(),
    ]
}

fn method() -> impl Strategy<Value = Method> {
    prop_oneof![
        4 => Just(Method::POST),
        2 => select(vec![Method::GET, Method::PUT, Method::DELETE, Method::HEAD, Method::OPTIONS, Method::PATCH]),
        1 => "[A-Z]{1,10}".prop_map(|m| Method::from_bytes(m.as_bytes()).unwrap()),
    ]
}

fn uri() -> impl Strategy<Value = Uri> {
    prop_oneof![
        4 => Just(Uri::from_static("/")),
        1 => "/[a-zA-Z0-9._~%!$&'()*+,;=:@/-]{0,20}(\\?[a-zA-Z0-9=&%]{0,20})?"
            .prop_filter_map("a valid path", |p| p.parse().ok()),
    ]
}

/// Headers as a client may send them: each one missing, plausible or garbage.
fn headers() -> impl Strategy<Value = HeaderMap> {
    (
        proptest::option::of(target()),
        proptest::option::of(prop_oneof![
            Just(b"application/x-amz-json-1.0".to_vec()),
            header_bytes()
        ]),
        proptest::option::of(authorization()),
        proptest::option::of(amz_date()),
        proptest::option::of(prop_oneof![
            "[0-9a-f]{64}".prop_map(String::into_bytes),
            header_bytes()
        ]),
    )
        .prop_map(|(target, content_type, authorization, date, sha)| {
            let mut headers = HeaderMap::new();
            headers.insert("host", HeaderValue::from_static("localhost"));
            for (name, value) in [
                ("x-amz-target", target),
                ("content-type", content_type),
                ("authorization", authorization),
                ("x-amz-date", date),
                ("x-amz-content-sha256", sha),
            ] {
                if let Some(value) = value.and_then(|v| HeaderValue::from_bytes(&v).ok()) {
                    headers.insert(name, value);
                }
            }
            headers
        })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..200),
        "\\PC{0,100}".prop_map(String::into_bytes),
        json_value().prop_map(|v| v.to_string().into_bytes()),
    ]
}

/// Any JSON value, a few levels deep, with member names of the service among random ones.
fn json_value() -> impl Strategy<Value = Value> {
    let names = prop_oneof![
        select(vec![
            "Catalog",
            "Identifier",
            "ParticipantType",
            "MaxResults",
            "NextToken",
            "Sort",
            "ClientToken",
            "RejectionReason",
            "EngagementIdentifier",
            "Invitation",
            "Title",
            "Description",
            "Payload",
            "Receiver",
            "Status",
            "PayloadType",
        ])
        .prop_map(String::from),
        "[A-Za-z]{0,10}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        select(vec![
            "AWS", "Sandbox", "RECEIVER", "SENDER", "PENDING", "Other", ""
        ])
        .prop_map(Value::from),
        "\\PC{0,30}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 40, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((names.clone(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A valid request body for each implemented operation.
/// A valid request of `operation` on the state of `shared`.
fn template(operation: &str, shared: &Shared) -> Value {
    let invitation = "engi-x18f7spqnuek2";
    let (opportunity, modified) = {
        let store = shared.store.read();
        let (page, _) = store.catalog(Catalog::Aws).opportunities.page(
            SortBy::default(),
            &Filter::default(),
            None,
            false,
            1,
        );
        let o = page.first().expect("the seed has opportunities");
        (o.id.to_string(), json!(Timestamp(o.last_modified)))
    };
    let engagement = "eng-3ek073i3v9yb1t";
    let (engagement_modified, project) = {
        let store = shared.store.read();
        let e = &store.catalog(Catalog::Aws).engagements[engagement];
        let project = e.contexts[0]
            .payload
            .clone()
            .expect("the seed's context has a payload");
        (json!(Timestamp(e.modified_at)), project)
    };
    match operation {
        "ListEngagementInvitations" => {
            json!({"Catalog": "AWS", "ParticipantType": "RECEIVER", "MaxResults": 10})
        }
        "GetEngagementInvitation" | "AcceptEngagementInvitation" => {
            json!({"Catalog": "AWS", "Identifier": invitation})
        }
        "RejectEngagementInvitation" => {
            json!({"Catalog": "AWS", "Identifier": invitation, "RejectionReason": "Other"})
        }
        "StartEngagementByAcceptingInvitationTask" => {
            json!({"Catalog": "AWS", "Identifier": invitation, "ClientToken": "props-token"})
        }
        "ListEngagementByAcceptingInvitationTasks" | "ListEngagements" => {
            json!({"Catalog": "AWS", "MaxResults": 10})
        }
        "GetEngagement" => json!({"Catalog": "AWS", "Identifier": "eng-3ek073i3v9yb1t"}),
        "ListEngagementMembers" => {
            json!({"Catalog": "AWS", "Identifier": "eng-3ek073i3v9yb1t", "MaxResults": 2})
        }
        "CreateEngagement" => json!({
            "Catalog": "AWS", "ClientToken": "props-token", "Title": "Props", "Description": "Fuzzed"
        }),
        "CreateOpportunity" => json!({
            "Catalog": "AWS", "ClientToken": "props-token", "Origin": "Partner Referral",
            "Customer": {"Account": {"CompanyName": "Contoso", "Industry": "Retail"}},
            "Project": {"Title": "Migration", "CustomerBusinessProblem": "The lease ends next year."},
            "LifeCycle": {"Stage": "Prospect", "TargetCloseDate": "2030-06-30"}
        }),
        "GetOpportunity" => json!({"Catalog": "AWS", "Identifier": opportunity}),
        "ListOpportunities" => json!({
            "Catalog": "AWS", "MaxResults": 10,
            "Sort": {"SortBy": "CustomerCompanyName", "SortOrder": "ASCENDING"},
            "LifeCycleStage": ["Prospect"]
        }),
        "StartEngagementFromOpportunityTask" => json!({
            "Catalog": "AWS", "ClientToken": "props-token", "Identifier": opportunity,
            "AwsSubmission": {"InvolvementType": "Co-Sell", "Visibility": "Full"}
        }),
        "ListEngagementFromOpportunityTasks" => json!({
            "Catalog": "AWS", "MaxResults": 10,
            "Sort": {"SortBy": "StartTime", "SortOrder": "ASCENDING"},
            "TaskStatus": ["IN_PROGRESS", "COMPLETE"]
        }),
        "CreateEngagementContext" => json!({
            "Catalog": "AWS", "ClientToken": "props-token", "EngagementIdentifier": engagement,
            "Type": "Lead",
            "Payload": {"Lead": {
                "Customer": {"CompanyName": "Contoso"},
                "Interactions": [{"Contact": {
                    "BusinessTitle": "CTO", "Email": "cto@contoso.example",
                    "FirstName": "Ana", "LastName": "Lima"
                }}]
            }}
        }),
        "UpdateEngagementContext" => json!({
            "Catalog": "AWS", "EngagementIdentifier": engagement, "ContextIdentifier": "1",
            "EngagementLastModifiedAt": engagement_modified, "Type": "CustomerProject",
            "Payload": project
        }),
        "UpdateOpportunity" => json!({
            "Catalog": "AWS", "Identifier": opportunity, "LastModifiedDate": modified,
            "LifeCycle": {"Stage": "Qualified"}
        }),
        _ => crate::model::create_invitation_request(
            "AWS",
            "eng-3ek073i3v9yb1t",
            "props-token",
            &new_invitation(),
        ),
    }
}

fn new_invitation() -> NewInvitation {
    NewInvitation {
        receiver: Receiver {
            account_id: "444455556666".into(),
            alias: Some("Fabrikam".into()),
        },
        message: "Join us".into(),
        payload: NewPayload::Opportunity(OpportunityPayload {
            opportunity_type: None,
            customer: Customer {
                company_name: "Contoso".into(),
                industry: "Retail".into(),
                country_code: "US".into(),
                website_url: "https://www.contoso.example".into(),
            },
            project: Project {
                title: "Migration".into(),
                business_problem: "The data centre lease ends next year.".into(),
                target_completion_date: "2030-06-30".into(),
                expected_spend: vec![Spend {
                    amount: Some("1000".into()),
                    currency: "USD".into(),
                    frequency: "Monthly".into(),
                    target_company: "AWS".into(),
                    estimation_url: None,
                }],
            },
            receiver_responsibilities: vec!["Services Partner".into()],
            sender_contacts: vec![Contact {
                email: "anna@northwind.example".into(),
                first_name: None,
                last_name: None,
                business_title: None,
                phone: None,
            }],
        }),
    }
}

/// One change to a request body, at the member `path` leads to (indexes wrap around).
#[derive(Debug, Clone)]
enum Mutation {
    Replace(Vec<usize>, Value),
    Remove(Vec<usize>),
    Insert(Vec<usize>, String, Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let path = || proptest::collection::vec(any::<usize>(), 0..5);
    prop_oneof![
        3 => (path(), json_value()).prop_map(|(p, v)| Mutation::Replace(p, v)),
        1 => path().prop_map(Mutation::Remove),
        1 => (path(), "[A-Za-z]{1,12}", json_value()).prop_map(|(p, k, v)| Mutation::Insert(p, k, v)),
    ]
}

/// The member of `value` that `path` leads to, as deep as it goes.
fn walk<'a>(value: &'a mut Value, path: &[usize]) -> &'a mut Value {
    let Some((&first, rest)) = path.split_first() else {
        return value;
    };
    let has_children = match value {
        Value::Object(m) => !m.is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => false,
    };
    if !has_children {
        return value;
    }
    match value {
        Value::Object(m) => {
            let n = first % m.len();
            walk(m.values_mut().nth(n).expect("in range"), rest)
        }
        Value::Array(a) => {
            let n = first % a.len();
            walk(&mut a[n], rest)
        }
        _ => unreachable!("checked above"),
    }
}

fn apply(body: &mut Value, mutation: Mutation) {
    match mutation {
        Mutation::Replace(path, new) => *walk(body, &path) = new,
        Mutation::Remove(path) => {
            let (last, parent) = path.split_last().unwrap_or((&0, &[]));
            match walk(body, parent) {
                Value::Object(m) if !m.is_empty() => {
                    let key = m.keys().nth(last % m.len()).cloned().expect("in range");
                    m.remove(&key);
                }
                Value::Array(a) if !a.is_empty() => {
                    a.remove(last % a.len());
                }
                _ => {}
            }
        }
        Mutation::Insert(path, key, new) => {
            if let Value::Object(m) = walk(body, &path) {
                m.insert(key, new);
            }
        }
    }
}

/// Headers of a request signed by the SDK's signer for `body`, as the SDK sends it.
fn signed(method: &Method, uri: &Uri, target: &str, body: &[u8]) -> Option<HeaderMap> {
    let mut headers = vec![
        ("host".to_string(), "localhost".to_string()),
        ("content-type".into(), "application/x-amz-json-1.0".into()),
        ("x-amz-target".into(), target.to_string()),
    ];
    let identity: Identity =
        Credentials::new(TEST_ACCESS_KEY, TEST_SECRET_KEY, None, None, "props").into();
    let params: SigningParams<'_, _> = SigningParams::builder()
        .identity(&identity)
        .region(REGION)
        .name(SERVICE)
        .time(SystemTime::now())
        .settings(SigningSettings::default())
        .build()
        .unwrap();
    let signable = SignableRequest::new(
        method.as_str(),
        format!("http://localhost{uri}"),
        headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        SignableBody::Bytes(body),
    )
    .ok()?;
    let (instructions, _) = sign(signable, &params.into()).ok()?.into_parts();
    for (k, v) in instructions.headers() {
        headers.push((k.to_string(), v.to_string()));
    }
    headers
        .into_iter()
        .map(|(k, v)| {
            Some((
                HeaderName::from_bytes(k.as_bytes()).ok()?,
                HeaderValue::from_str(&v).ok()?,
            ))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    /// Any method, path, headers and body, signed or not: a well-formed error.
    #[test]
    fn garbage_gets_a_well_formed_error(
        method in method(),
        uri in uri(),
        headers in headers(),
        body in body(),
    ) {
        let answer = respond(&shared(), &method, &uri, &headers, &body);
        assert_error(&answer)?;
    }

    /// Correctly signed, with any method, path, target and body: a well-formed error, or an
    /// answer of the operation — never a 5xx.
    #[test]
    fn signed_garbage_is_never_a_server_error(
        method in method(),
        uri in uri(),
        target in target(),
        body in body(),
    ) {
        let target = String::from_utf8_lossy(&target).into_owned();
        let headers = signed(&method, &uri, &target, &body);
        prop_assume!(headers.is_some(), "the signer refuses this request");
        let headers = headers.unwrap_or_default();
        let answer = respond(&shared(), &method, &uri, &headers, &body);
        if answer.status != 200 {
            assert_error(&answer)?;
        }
    }

    /// A real operation, signed, with any JSON as its body: a ValidationException or a
    /// SerializationException when it is not the operation's input, never a 5xx.
    #[test]
    fn any_json_for_a_real_operation_is_refused_cleanly(
        operation in select(IMPLEMENTED.to_vec()),
        body in json_value(),
    ) {
        let raw = body.to_string();
        let target = format!("{TARGET_PREFIX}{operation}");
        let headers = signed(&Method::POST, &Uri::from_static("/"), &target, raw.as_bytes())
            .expect("signs");
        let shared = shared();
        let answer = respond(&shared, &Method::POST, &Uri::from_static("/"), &headers, raw.as_bytes());
        if answer.status != 200 {
            assert_error(&answer)?;
        }
        if !body.is_object() {
            prop_assert_eq!(answer.error_type.as_deref(), Some("SerializationException"));
        } else if !template(operation, &shared).as_object().unwrap().keys().any(|k| body.get(k).is_some()) {
            let kind = answer.error_type.as_deref();
            prop_assert!(
                matches!(kind, Some("ValidationException" | "SerializationException")),
                "{:?}: {}", kind, answer.body
            );
        }
    }

    /// A valid request of a real operation with members replaced, removed or added: the
    /// operation's answer or a well-formed 4xx error, never a 5xx.
    #[test]
    fn fuzzed_requests_of_real_operations_are_never_a_server_error(
        operation in select(IMPLEMENTED.to_vec()),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let shared = shared();
        let mut body = template(operation, &shared);
        for m in mutations {
            apply(&mut body, m);
        }
        let raw = body.to_string();
        let target = format!("{TARGET_PREFIX}{operation}");
        let headers = signed(&Method::POST, &Uri::from_static("/"), &target, raw.as_bytes())
            .expect("signs");
        let answer = respond(&shared, &Method::POST, &Uri::from_static("/"), &headers, raw.as_bytes());
        if answer.status != 200 {
            assert_error(&answer)?;
        }
    }
}

#[test]
fn every_template_is_a_valid_request() {
    for operation in IMPLEMENTED {
        let shared = shared();
        let raw = template(operation, &shared).to_string();
        let target = format!("{TARGET_PREFIX}{operation}");
        let headers = signed(
            &Method::POST,
            &Uri::from_static("/"),
            &target,
            raw.as_bytes(),
        )
        .expect("signs");
        let answer = respond(
            &shared,
            &Method::POST,
            &Uri::from_static("/"),
            &headers,
            raw.as_bytes(),
        );
        assert_eq!(answer.status, 200, "{operation}: {}", answer.body);
    }
}
