//! An HTTP client for the SDK that hands each request straight to an emulator's handler, in
//! the calling task, with no socket in between.
//!
//! It is for tests on paused tokio time. There tokio moves the clock to the next timer as soon
//! as the runtime finds no task ready to run, and the SDK always has a timer pending (the
//! connect timeout, the connection pool's idle timer). Over a loopback socket, a request is
//! safe only because the kernel has normally put the bytes in the peer's buffer before the
//! `write` returns; should delivery ever lag (a deferred network softirq on a busy machine,
//! another OS), the runtime would look idle mid-request and time would leap ahead: buckets
//! refill, accept tasks finish early, a timeout fires. In process, a request never waits on
//! anything outside the runtime, so paused time moves only when every task sleeps.
//!
//! Injected faults apply here too: the latency is a tokio sleep, and a reset is an I/O
//! [`ConnectorError`], which the SDK treats as a transient failure, as it does a dropped
//! connection.

use std::fmt;
use std::sync::Arc;

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use axum::body::Body;
use axum::http::{header, HeaderValue};

use super::server::{Outcome, Shared};

/// See the module documentation; made by [`super::Emulator::http_client`].
#[derive(Clone)]
pub struct InProcess {
    pub(super) shared: Arc<Shared>,
    /// Whether the emulator's faults apply to these requests.
    pub(super) with_faults: bool,
}

impl fmt::Debug for InProcess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("InProcess")
    }
}

impl InProcess {
    async fn answer(
        shared: Arc<Shared>,
        with_faults: bool,
        request: HttpRequest,
    ) -> Result<HttpResponse, ConnectorError> {
        let fail = |e: Box<dyn std::error::Error + Send + Sync>| ConnectorError::other(e, None);
        let request = request.try_into_http1x().map_err(|e| fail(e.into()))?;
        let (mut parts, body) = request.into_parts();
        let body = axum::body::to_bytes(Body::new(body), usize::MAX)
            .await
            .map_err(|e| fail(e.into()))?;
        // What an HTTP/1.1 client adds on the way out; the signature covers `host`.
        if let Some(authority) = parts.uri.authority() {
            let host = HeaderValue::from_str(authority.as_str()).map_err(|e| fail(e.into()))?;
            parts.headers.entry(header::HOST).or_insert(host);
        }
        parts
            .headers
            .entry(header::CONTENT_LENGTH)
            .or_insert_with(|| HeaderValue::from(body.len()));
        let response = match shared
            .respond(
                &parts.method,
                &parts.uri,
                &parts.headers,
                &body,
                with_faults,
            )
            .await
        {
            Outcome::Answer(response) => response,
            Outcome::Reset => {
                return Err(ConnectorError::io(
                    "the emulator closed the connection without answering (injected fault)".into(),
                ))
            }
        };
        let (parts, body) = response.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX)
            .await
            .map_err(|e| fail(e.into()))?;
        let response = axum::http::Response::from_parts(parts, SdkBody::from(body));
        HttpResponse::try_from(response).map_err(|e| fail(e.into()))
    }
}

impl HttpConnector for InProcess {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        HttpConnectorFuture::new(Self::answer(self.shared.clone(), self.with_faults, request))
    }
}

impl HttpClient for InProcess {
    fn http_connector(
        &self,
        _settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}
