//! Error answers as awsJson1_0 shapes them.

use serde_json::{json, Map, Value};

use crate::model::Violations;

/// An error answer: HTTP status, `__type` and `message`, plus any shape-specific members.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub type_name: &'static str,
    pub message: String,
    pub extra: Map<String, Value>,
}

impl ApiError {
    fn new(status: u16, type_name: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            type_name,
            message: message.into(),
            extra: Map::new(),
        }
    }

    /// A request that breaks the model's constraints: the count of violations, and one
    /// `ErrorList` entry per violation kept.
    pub fn validation(violations: &Violations) -> Self {
        let count = violations.total;
        let plural = if count == 1 { "" } else { "s" };
        let violations = &violations.first;
        let details: Vec<&str> = violations.iter().map(|v| v.message.as_str()).collect();
        let mut e = ApiError::new(
            400,
            "ValidationException",
            format!(
                "{count} validation error{plural} detected: {}",
                details.join("; ")
            ),
        );
        e.extra
            .insert("Reason".into(), json!("REQUEST_VALIDATION_FAILED"));
        e.extra.insert(
            "ErrorList".into(),
            violations
                .iter()
                .map(|v| json!({"FieldName": v.field, "Message": v.message, "Code": v.code}))
                .collect(),
        );
        e
    }

    /// A well-formed request that the service's business rules refuse.
    pub fn business(field: &str, code: &'static str, message: impl Into<String>) -> Self {
        let message = message.into();
        let mut e = ApiError::new(400, "ValidationException", message.clone());
        e.extra
            .insert("Reason".into(), json!("BUSINESS_VALIDATION_FAILED"));
        e.extra.insert(
            "ErrorList".into(),
            json!([{"FieldName": field, "Message": message, "Code": code}]),
        );
        e
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(400, "ResourceNotFoundException", message)
    }

    /// A request the acting account is not allowed to make.
    pub fn access_denied(message: impl Into<String>) -> Self {
        ApiError::new(403, "AccessDeniedException", message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        ApiError::new(400, "ConflictException", message)
    }

    pub fn throttling() -> Self {
        ApiError::new(400, "ThrottlingException", "Rate exceeded")
    }

    pub fn serialization(message: impl Into<String>) -> Self {
        ApiError::new(400, "SerializationException", message)
    }

    pub fn unknown_operation(message: impl Into<String>) -> Self {
        ApiError::new(400, "UnknownOperationException", message)
    }

    /// A body over the size limit.
    pub fn too_large(limit: usize) -> Self {
        ApiError::new(
            413,
            "RequestEntityTooLargeException",
            format!("Request body is larger than {limit} bytes"),
        )
    }

    /// A body that did not arrive within the body read timeout.
    pub fn body_timeout() -> Self {
        ApiError::new(
            408,
            "RequestTimeoutException",
            "The request body did not arrive in time",
        )
    }

    /// What a service that cannot take requests right now answers (not in the model; SDKs
    /// retry any 503).
    pub fn unavailable(message: impl Into<String>) -> Self {
        ApiError::new(503, "ServiceUnavailableException", message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        ApiError::new(500, "InternalServerException", message)
    }

    /// An authentication failure at the front door (always HTTP 403).
    pub fn auth(type_name: &'static str, message: impl Into<String>) -> Self {
        ApiError::new(403, type_name, message)
    }

    /// The JSON body: `__type`, the message and the extra members. The message goes in
    /// `Message`, the member every exception of the model has; SDKs, botocore and the AWS CLI
    /// also read an unmodeled error's message from it.
    pub fn body(&self) -> Value {
        let mut body = self.extra.clone();
        body.insert("__type".into(), json!(self.type_name));
        body.insert("Message".into(), json!(self.message));
        Value::Object(body)
    }
}
