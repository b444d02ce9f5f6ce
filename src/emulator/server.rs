//! The HTTP front: awsJson1_0 over `POST /`, SigV4 authentication, quotas, model validation of
//! every request and response, and dispatch to the operation handlers.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{to_bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use http_body_util::LengthLimitError;
use parking_lot::RwLock;
use serde_json::Value;

use super::auth::{self, SignedRequest};
use super::clock::Clock;
use super::error::ApiError;
use super::ops;
use super::quota::{Quotas, RequestClass};
use super::store::Store;
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
    pub secrets: HashMap<String, String>,
    /// Fault injection: the 1st, (N+1)th, (2N+1)th… write fails with a 500; the writes so far.
    pub faults: Option<(u32, std::sync::atomic::AtomicU32)>,
    pub clock: Clock,
    /// How long a request's body may take to arrive.
    pub body_timeout: Duration,
}

/// The largest request body accepted.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The handler for every request that comes over HTTP: reads the body within
/// [`Shared::body_timeout`] and [`BODY_LIMIT`], then answers as [`Shared::respond`] does. A body
/// that is too large or too slow gets its error and the connection is closed.
pub async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    if body.size_hint().lower() > BODY_LIMIT as u64 {
        return closing(ApiError::too_large(BODY_LIMIT));
    }
    let read = tokio::time::timeout(shared.body_timeout, to_bytes(body, BODY_LIMIT)).await;
    let error = match read {
        Ok(Ok(body)) => return shared.respond(&parts.method, &parts.uri, &parts.headers, &body),
        Ok(Err(e)) if std::error::Error::source(&e).is_some_and(|s| s.is::<LengthLimitError>()) => {
            ApiError::too_large(BODY_LIMIT)
        }
        Ok(Err(_)) => ApiError::serialization("The request body could not be read"),
        Err(_) => ApiError::body_timeout(),
    };
    closing(error)
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
    /// Answers a request whose body has been read.
    pub fn respond(
        &self,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Response {
        answer(self.answer(method, uri, headers, body))
    }

    fn answer(
        &self,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Value, ApiError> {
        let access_key = auth::verify(
            &SignedRequest {
                method: method.as_str(),
                path: uri.path(),
                query: uri.query().unwrap_or_default(),
                headers,
                body,
            },
            &self.secrets,
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
        let Some(operation) = model().operation(operation_name) else {
            return Err(ApiError::unknown_operation(format!(
                "Unknown operation: X-Amz-Target '{target}'"
            )));
        };
        if !ops::IMPLEMENTED.contains(&operation_name) {
            return Err(ops::unimplemented(operation_name));
        }
        if let Some(quotas) = &self.quotas {
            let admitted = quotas.lock().expect("quota lock").admit(
                &access_key,
                RequestClass::of(operation_name),
                self.clock.instant(),
            );
            if !admitted {
                return Err(ApiError::throttling());
            }
        }
        if let Some((every, count)) = &self.faults {
            if RequestClass::of(operation_name) == RequestClass::Write {
                let n = count.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                if (n - 1) % every == 0 {
                    return Err(ApiError::internal(format!(
                        "Injected fault: every {every}th write fails"
                    )));
                }
            }
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
        let output = ops::dispatch(operation_name, &input, &self.store, self.clock.now())?;
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
