//! Maps every SDK error onto [`ServiceError`].

use aws_sdk_partnercentralselling::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_partnercentralselling::operation::{
    create_engagement_invitation::CreateEngagementInvitationError,
    get_engagement_invitation::GetEngagementInvitationError,
    list_engagement_by_accepting_invitation_tasks::ListEngagementByAcceptingInvitationTasksError,
    list_engagement_invitations::ListEngagementInvitationsError,
    list_engagements::ListEngagementsError,
    reject_engagement_invitation::RejectEngagementInvitationError,
    start_engagement_by_accepting_invitation_task::StartEngagementByAcceptingInvitationTaskError,
};
use aws_sdk_partnercentralselling::types::error::ValidationException;

use crate::service::{CredentialsProblem, FieldError, ServiceError};

/// An operation error that may carry the service's ValidationException.
pub(super) trait OperationError: ProvideErrorMetadata + std::error::Error {
    fn validation(&self) -> Option<&ValidationException>;
}

macro_rules! operation_errors {
    ($($t:ty),* $(,)?) => {$(
        impl OperationError for $t {
            fn validation(&self) -> Option<&ValidationException> {
                match self {
                    Self::ValidationException(v) => Some(v),
                    _ => None,
                }
            }
        }
    )*};
}

operation_errors!(
    ListEngagementInvitationsError,
    GetEngagementInvitationError,
    RejectEngagementInvitationError,
    StartEngagementByAcceptingInvitationTaskError,
    ListEngagementByAcceptingInvitationTasksError,
    ListEngagementsError,
    CreateEngagementInvitationError,
);

/// Turns an SDK error into a [`ServiceError`]; `profile` goes into the credentials advice.
pub(super) fn map<E, R>(err: SdkError<E, R>, profile: Option<&str>) -> ServiceError
where
    E: OperationError + 'static,
    R: std::fmt::Debug,
{
    let profile = profile.map(str::to_string);
    match &err {
        SdkError::ServiceError(service) => {
            let e = service.err();
            let message = e.message().unwrap_or("no message").to_string();
            if let Some(v) = e.validation() {
                return ServiceError::Validation {
                    message: v.message().to_string(),
                    fields: v
                        .error_list()
                        .iter()
                        .map(|f| FieldError {
                            field: f.field_name().map(str::to_string),
                            message: f.message().to_string(),
                            code: f.code().as_str().to_string(),
                        })
                        .collect(),
                };
            }
            from_code(e.code(), message, profile)
        }
        SdkError::TimeoutError(_) => ServiceError::Network {
            message: "the request timed out".to_string(),
        },
        _ => {
            let text = DisplayErrorContext(&err).to_string();
            let lower = text.to_lowercase();
            if lower.contains("credential") || lower.contains("token") && lower.contains("sso") {
                let problem = if lower.contains("expired") {
                    CredentialsProblem::Expired
                } else {
                    CredentialsProblem::Missing
                };
                ServiceError::Credentials {
                    problem,
                    message: text,
                    profile,
                }
            } else if matches!(err, SdkError::DispatchFailure(_)) {
                ServiceError::Network { message: text }
            } else {
                ServiceError::Service {
                    code: None,
                    message: text,
                }
            }
        }
    }
}

/// Maps an error code (modeled or from the AWS front door) onto our error kinds.
pub(crate) fn from_code(
    code: Option<&str>,
    message: String,
    profile: Option<String>,
) -> ServiceError {
    match code.unwrap_or_default() {
        "ThrottlingException" | "TooManyRequestsException" => ServiceError::Throttled { message },
        "AccessDeniedException" => ServiceError::AccessDenied { message },
        "ResourceNotFoundException" => ServiceError::NotFound { message },
        "ConflictException" => ServiceError::Conflict { message },
        "ServiceQuotaExceededException" => ServiceError::QuotaExceeded { message },
        "ValidationException" => ServiceError::Validation {
            message,
            fields: Vec::new(),
        },
        "ExpiredTokenException" | "ExpiredToken" => ServiceError::Credentials {
            problem: CredentialsProblem::Expired,
            message,
            profile,
        },
        "UnrecognizedClientException"
        | "InvalidSignatureException"
        | "MissingAuthenticationTokenException"
        | "InvalidClientTokenId"
        | "SignatureDoesNotMatch" => ServiceError::Credentials {
            problem: CredentialsProblem::Rejected,
            message: format!("{}: {message}", code.unwrap_or_default()),
            profile,
        },
        "" => ServiceError::Service {
            code: None,
            message,
        },
        other => ServiceError::Service {
            code: Some(other.to_string()),
            message,
        },
    }
}
