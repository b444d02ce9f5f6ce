//! The HTTP front: awsJson1_0 over `POST /`, SigV4 authentication, quotas, model validation of
//! every request and response, and dispatch to the operation handlers. An awsQuery request
//! (STS GetCallerIdentity) goes to [`super::sts`] instead.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{to_bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use chrono::Utc;
use http_body_util::LengthLimitError;
use parking_lot::RwLock;
use serde_json::Value;

use super::auth::{self, SignedRequest};
use super::clock::Clock;
use super::error::ApiError;
use super::faults::{Fault, Injector, Plan};
use super::listen::ConnectionReset;
use super::ops;
use super::quota::{Quotas, RequestClass};
use super::store::Store;
use super::sts::{self, Query};
use crate::model::model;

/// The `X-Amz-Target` prefix of the service.
pub const TARGET_PREFIX: &str = "AWSPartnerCentralSelling.";
const CONTENT_TYPE: &str = "application/x-amz-json-1.0";
/// How many field errors a ValidationException lists; its message counts them all.
const REPORTED_VIOLATIONS: usize = 10;

/// State shared by all connections.
pub struct Shared {
    /// Lists and gets share it; changes take it alone (see [`ops::dispatch`]).
    pub store: RwLock<Store>,
    pub quotas: Option<Mutex<Quotas>>,
    /// Requests refused for being over quota so far.
    pub throttled: AtomicU64,
    /// The access keys accepted.
    pub keys: HashMap<String, auth::Key>,
    pub faults: Injector,
    pub clock: Clock,
    /// How long a request's body may take to arrive.
    pub body_timeout: Duration,
}

/// The largest request body accepted.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// What becomes of a request: an answer, or (an injected fault) a connection closed without
/// one.
pub enum Outcome {
    Answer(Response),
    Reset,
}

/// The handler for every request that comes over HTTP: reads the body within
/// [`Shared::body_timeout`] and [`BODY_LIMIT`], then answers as [`Shared::respond`] does. A body
/// that is too large or too slow gets its error and the connection is closed; a reset asks the
/// connection's task (see [`ConnectionReset`]) to drop the connection, and never answers.
pub async fn handle(
    State(shared): State<Arc<Shared>>,
    Extension(reset): Extension<ConnectionReset>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    if body.size_hint().lower() > BODY_LIMIT as u64 {
        return closing(ApiError::too_large(BODY_LIMIT));
    }
    let read = tokio::time::timeout(shared.body_timeout, to_bytes(body, BODY_LIMIT)).await;
    let error = match read {
        Ok(Ok(body)) => {
            return match shared
                .respond(&parts.method, &parts.uri, &parts.headers, &body, true)
                .await
            {
                Outcome::Answer(response) => response,
                Outcome::Reset => reset.close().await,
            }
        }
        Ok(Err(e)) if std::error::Error::source(&e).is_some_and(|s| s.is::<LengthLimitError>()) => {
            ApiError::too_large(BODY_LIMIT)
        }
        Ok(Err(_)) => ApiError::serialization("The request body could not be read"),
        Err(_) => ApiError::body_timeout(),
    };
    closing(error)
}

/// How long a request on a connection past the cap may take to send its body.
const BUSY_BODY_TIMEOUT: Duration = Duration::from_secs(1);

/// The handler of a connection past the cap of `max` connections: reads the request's body
/// (within [`BUSY_BODY_TIMEOUT`] and [`BODY_LIMIT`], so that closing cannot reset the answer
/// away) and answers 503, after which the connection closes.
pub async fn busy(State(max): State<usize>, request: Request) -> Response {
    let body = to_bytes(request.into_body(), BODY_LIMIT);
    let _ = tokio::time::timeout(BUSY_BODY_TIMEOUT, body).await;
    closing(ApiError::unavailable(format!(
        "The emulator is serving its maximum of {max} connections; retry later"
    )))
}

/// An error answer after which the server closes the connection.
fn closing(error: ApiError) -> Response {
    let mut response = answer(Err(error));
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// An answer as awsJson1_0 sends it.
fn answer(result: Result<Value, ApiError>) -> Response {
    let request_id = uuid::Uuid::new_v4().to_string();
    let (status, error_type, body) = match result {
        Ok(value) => (StatusCode::OK, None, value),
        Err(e) => (
            StatusCode::from_u16(e.status).unwrap_or(StatusCode::BAD_REQUEST),
            Some(e.type_name),
            e.body(),
        ),
    };
    let mut response = (status, body.to_string()).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        h.insert("x-amzn-requestid", v);
    }
    if let Some(t) = error_type {
        h.insert("x-amzn-errortype", HeaderValue::from_static(t));
    }
    response
}

impl Shared {
    /// Answers a request whose body has been read; `with_faults`, after the delay and with
    /// the fault (see [`super::faults`]) its plan says. An STS query meets no fault, and draws
    /// no plan.
    pub async fn respond(
        &self,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: &[u8],
        with_faults: bool,
    ) -> Outcome {
        if let Some(query) = Query::of(method, headers, body) {
            return Outcome::Answer(self.caller_identity(&query, uri, headers, body));
        }
        let plan = if with_faults {
            self.faults.plan()
        } else {
            Plan::NONE
        };
        if !plan.delay.is_zero() {
            tokio::time::sleep(plan.delay).await;
        }
        let (access_key, operation_name) = match self.admit(method, uri, headers, body) {
            Ok(admitted) => admitted,
            Err(e) => return Outcome::Answer(answer(Err(e))),
        };
        let Some(fault) = plan.fault else {
            return Outcome::Answer(answer(self.execute(
                &access_key,
                operation_name,
                body,
                with_faults,
            )));
        };
        self.faults.record(fault);
        let error = match fault {
            Fault::ResetBefore => return Outcome::Reset,
            Fault::ResetAfter => {
                let _lost = self.execute(&access_key, operation_name, body, with_faults);
                return Outcome::Reset;
            }
            Fault::Internal | Fault::EveryWrite => {
                ApiError::internal("Injected fault: internal error")
            }
            Fault::Unavailable => {
                ApiError::unavailable("Injected fault: the service is unavailable")
            }
            Fault::Throttle => ApiError::throttling(),
        };
        Outcome::Answer(answer(Err(error)))
    }

    /// Answers an STS query, signed for `sts` with one of the emulator's keys.
    fn caller_identity(
        &self,
        query: &Query,
        uri: &Uri,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Response {
        let signed = SignedRequest {
            method: Method::POST.as_str(),
            path: uri.path(),
            query: uri.query().unwrap_or_default(),
            headers,
            body,
        };
        match auth::verify(&signed, &self.keys, auth::STS, Utc::now()) {
            Ok(access_key) => query.answer(self.store.read().accounts.acting(&access_key)),
            Err(e) => sts::refused(&e),
        }
    }

    /// Authenticates a request and finds its operation: the access key and operation name.
    fn admit(
        &self,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(String, &'static str), ApiError> {
        let access_key = auth::verify(
            &SignedRequest {
                method: method.as_str(),
                path: uri.path(),
                query: uri.query().unwrap_or_default(),
                headers,
                body,
            },
            &self.keys,
            auth::SERVICE,
            // Clients sign with the real time, so signatures are checked against it too.
            Utc::now(),
        )?;
        if method != Method::POST || uri.path() != "/" {
            return Err(ApiError::unknown_operation(format!(
                "{method} {} is not an operation of this service; use POST /",
                uri.path()
            )));
        }
        let target = headers
            .get("x-amz-target")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let operation_name = target.strip_prefix(TARGET_PREFIX).unwrap_or_default();
        if model().operation(operation_name).is_none() {
            return Err(ApiError::unknown_operation(format!(
                "Unknown operation: X-Amz-Target '{target}'"
            )));
        }
        match ops::IMPLEMENTED.iter().find(|&&n| n == operation_name) {
            Some(&name) => Ok((access_key, name)),
            None => Err(ops::unimplemented(operation_name)),
        }
    }

    /// Runs an admitted request: quotas, `--fail-every-write` (`with_faults`), validation, the
    /// operation.
    fn execute(
        &self,
        access_key: &str,
        operation_name: &'static str,
        body: &[u8],
        with_faults: bool,
    ) -> Result<Value, ApiError> {
        let operation = model()
            .operation(operation_name)
            .expect("admitted operations are in the model");
        if let Some(quotas) = &self.quotas {
            let admitted = quotas.lock().expect("quota lock").admit(
                access_key,
                RequestClass::of(operation_name),
                self.clock.instant(),
            );
            if !admitted {
                self.throttled.fetch_add(1, Ordering::Relaxed);
                return Err(ApiError::throttling());
            }
        }
        let write = RequestClass::of(operation_name) == RequestClass::Write;
        if write && with_faults && self.faults.fails_write() {
            return Err(ApiError::internal("Injected fault: a failing write"));
        }
        let input: Value = if body.iter().all(u8::is_ascii_whitespace) {
            Value::Object(Default::default())
        } else {
            serde_json::from_slice(body).map_err(|e| {
                ApiError::serialization(format!("Request body is not valid JSON: {e}"))
            })?
        };
        let violations = model()
            .validate_first(&operation.input, &input, REPORTED_VIOLATIONS)
            .map_err(|e| ApiError::serialization(e.0))?;
        if violations.total > 0 {
            return Err(ApiError::validation(&violations));
        }
        let output = ops::dispatch(
            operation_name,
            &input,
            &self.store,
            self.clock.now(),
            access_key,
        )?;
        if let Some(shape) = &operation.output {
            let problems = model()
                .validate(shape, &output)
                .map_err(|e| ApiError::internal(e.0))?;
            if let Some(p) = problems.first() {
                return Err(ApiError::internal(format!(
                    "the emulator produced an invalid {shape}: {}",
                    p.message
                )));
            }
        }
        Ok(output)
    }
}
