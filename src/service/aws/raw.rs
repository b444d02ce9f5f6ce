//! The service's own JSON of an answer, read beside the SDK. The SDK drops what its model does
//! not know: a union member newer than it (`AccountPlanningInvitation` becomes `Unknown`, with
//! no data) or a member added to a structure (`OpportunityType`, `ChannelRecommendation`). So
//! invitations are read from the answer's body with our own shapes ([`crate::wire`]), which
//! keep every member they do not know as sent; the SDK still signs, sends, retries and reads
//! the errors.

use std::sync::{Arc, Mutex};

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::AfterDeserializationInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use serde::de::DeserializeOwned;

use crate::service::ServiceError;

/// Keeps the body of the last answer to one call, as the SDK read it.
#[derive(Debug, Clone, Default)]
pub(super) struct RawBody(Arc<Mutex<Option<Vec<u8>>>>);

impl RawBody {
    /// The body kept, read with our shapes.
    pub(super) fn read<T: DeserializeOwned>(&self, operation: &str) -> Result<T, ServiceError> {
        let body = self.0.lock().map(|mut b| b.take()).unwrap_or_default();
        let body = body.ok_or_else(|| ServiceError::Service {
            code: None,
            message: format!("{operation}: the answer's body could not be read"),
        })?;
        serde_json::from_slice(&body).map_err(|e| ServiceError::Service {
            code: None,
            message: format!("{operation}: the answer does not match the service model: {e}"),
        })
    }
}

impl Intercept for RawBody {
    fn name(&self) -> &'static str {
        "RawBody"
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let (Some(bytes), Ok(mut kept)) = (context.response().body().bytes(), self.0.lock()) {
            *kept = Some(bytes.to_vec());
        }
        Ok(())
    }
}
