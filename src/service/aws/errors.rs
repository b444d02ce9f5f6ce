//! Maps every SDK error onto [`ServiceError`].

use aws_sdk_partnercentralselling::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_partnercentralselling::operation::{
    create_engagement_invitation::CreateEngagementInvitationError,
    get_engagement::GetEngagementError, get_engagement_invitation::GetEngagementInvitationError,
    get_opportunity::GetOpportunityError,
    list_engagement_by_accepting_invitation_tasks::ListEngagementByAcceptingInvitationTasksError,
    list_engagement_from_opportunity_tasks::ListEngagementFromOpportunityTasksError,
    list_engagement_invitations::ListEngagementInvitationsError,
    list_engagement_members::ListEngagementMembersError, list_engagements::ListEngagementsError,
    list_opportunities::ListOpportunitiesError,
    reject_engagement_invitation::RejectEngagementInvitationError,
    start_engagement_by_accepting_invitation_task::StartEngagementByAcceptingInvitationTaskError,
    start_engagement_from_opportunity_task::StartEngagementFromOpportunityTaskError,
};
use aws_sdk_partnercentralselling::types::error::ValidationException;
use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityError;

use aws_credential_types::provider::error::CredentialsError;

use crate::service::{CredentialsProblem, FieldError, ServiceError, PARTNER_CENTRAL_REGION};

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
    GetOpportunityError,
    RejectEngagementInvitationError,
    StartEngagementByAcceptingInvitationTaskError,
    ListEngagementByAcceptingInvitationTasksError,
    ListEngagementsError,
    CreateEngagementInvitationError,
    ListOpportunitiesError,
    StartEngagementFromOpportunityTaskError,
    ListEngagementFromOpportunityTasksError,
    ListEngagementMembersError,
    GetEngagementError,
);

impl OperationError for GetCallerIdentityError {
    fn validation(&self) -> Option<&ValidationException> {
        None
    }
}

/// What the client is aimed at: what an error's advice names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Target {
    pub profile: Option<String>,
    /// The region requests are signed for and sent to.
    pub region: String,
    /// The endpoint URL requests go to.
    pub endpoint: String,
}

/// Turns a Partner Central SDK error into a [`ServiceError`] whose text names the endpoint or
/// profile. The SDK's whole chain of causes goes to the log, never into the text.
pub(super) fn map<E, R>(err: SdkError<E, R>, target: &Target) -> ServiceError
where
    E: OperationError + 'static,
    R: std::fmt::Debug + 'static,
{
    in_region(map_in_any_region(err, target), &target.region)
}

/// [`map`] for a service that runs in every region (STS), so that the region is never taken
/// for the cause.
pub(super) fn map_in_any_region<E, R>(err: SdkError<E, R>, target: &Target) -> ServiceError
where
    E: OperationError + 'static,
    R: std::fmt::Debug + 'static,
{
    match &err {
        SdkError::ServiceError(service) => {
            let e = service.err();
            tracing::debug!(
                code = e.code(),
                message = e.message(),
                endpoint = %target.endpoint,
                "the service answered with an error"
            );
            let message = e.message().unwrap_or("no message").to_string();
            match e.validation() {
                Some(v) => ServiceError::Validation {
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
                },
                None => from_code(e.code(), message, target.profile.clone()),
            }
        }
        _ => {
            tracing::warn!(
                endpoint = %target.endpoint,
                region = %target.region,
                profile = target.profile.as_deref().unwrap_or("-"),
                error = %DisplayErrorContext(&err),
                "the request got no answer from the service"
            );
            unanswered(&err, target)
        }
    }
}

/// Outside us-east-1 a signature refusal, an unreachable endpoint or an unknown failure is the
/// region's doing, not the credentials' or the network's.
fn in_region(err: ServiceError, region: &str) -> ServiceError {
    if region == PARTNER_CENTRAL_REGION {
        return err;
    }
    tracing::warn!(region, error = %err.detail(), "failed outside {PARTNER_CENTRAL_REGION}");
    match err {
        ServiceError::Network { .. }
        | ServiceError::AccessDenied { .. }
        | ServiceError::Service { .. }
        | ServiceError::Credentials {
            problem: CredentialsProblem::Rejected,
            ..
        } => ServiceError::WrongRegion {
            region: region.to_string(),
        },
        other => other,
    }
}

/// An error and the errors that caused it, outermost first.
fn causes<'a>(
    err: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(err), |e| e.source())
}

/// A request that got no answer: no credentials to sign it, no connection, a timeout.
fn unanswered<E, R>(err: &SdkError<E, R>, target: &Target) -> ServiceError
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    let text = DisplayErrorContext(err).to_string().to_lowercase();
    let endpoint = &target.endpoint;
    let credentials = causes(err).find(|e| {
        e.is::<CredentialsError>() || e.is::<aws_credential_types::provider::error::TokenError>()
    });
    if credentials.is_some() || text.contains("credential") {
        let problem = if text.contains("expired") {
            CredentialsProblem::Expired
        } else {
            CredentialsProblem::Missing
        };
        let message = credentials.map_or_else(|| "no credentials".to_string(), |e| e.to_string());
        return ServiceError::Credentials {
            problem,
            message,
            profile: target.profile.clone(),
        };
    }
    match err {
        SdkError::TimeoutError(_) => ServiceError::Network {
            message: format!("the request to {endpoint} timed out"),
        },
        SdkError::DispatchFailure(failure) => ServiceError::Network {
            message: connection_failure(err, failure.is_timeout(), &text, endpoint),
        },
        SdkError::ResponseError(_) => ServiceError::Service {
            code: None,
            message: format!("{endpoint} sent an answer that is not Partner Central's"),
        },
        _ => ServiceError::Service {
            code: None,
            message: format!("the request could not be made: {err}"),
        },
    }
}

/// Why a connection to `endpoint` failed, in a few words that name it.
fn connection_failure(
    err: &(dyn std::error::Error + 'static),
    timed_out: bool,
    text: &str,
    endpoint: &str,
) -> String {
    let io = causes(err)
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .last();
    let kind = io.map(std::io::Error::kind);
    if timed_out || kind == Some(std::io::ErrorKind::TimedOut) {
        format!("the connection to {endpoint} timed out")
    } else if text.contains("dns error") || text.contains("failed to lookup address") {
        format!("the host name in {endpoint} could not be resolved")
    } else if kind == Some(std::io::ErrorKind::ConnectionRefused)
        || text.contains("connection refused")
    {
        format!("{endpoint} refused the connection")
    } else if text.contains("certificate") || text.contains("tls") || text.contains("ssl") {
        format!("the secure connection (TLS) to {endpoint} failed")
    } else if let Some(kind) = kind {
        format!("the connection to {endpoint} failed ({kind})")
    } else {
        format!("the connection to {endpoint} failed")
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

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_partnercentralselling::error::{ConnectorError, ErrorMetadata};
    use aws_sdk_partnercentralselling::types::error::ValidationException;
    use aws_sdk_partnercentralselling::types::{
        ValidationExceptionError, ValidationExceptionErrorCode, ValidationExceptionReason,
    };
    use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityError;
    use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
    use aws_smithy_types::body::SdkBody;

    type Sdk = SdkError<ListEngagementInvitationsError, HttpResponse>;

    fn target(profile: Option<&str>, region: &str) -> Target {
        Target {
            profile: profile.map(str::to_string),
            region: region.to_string(),
            endpoint: "http://127.0.0.1:1".to_string(),
        }
    }

    fn east() -> Target {
        target(None, "us-east-1")
    }

    fn response(status: u16) -> HttpResponse {
        HttpResponse::new(status.try_into().unwrap(), SdkBody::empty())
    }

    fn answered(code: &str, message: &str) -> Sdk {
        let meta = ErrorMetadata::builder().code(code).message(message).build();
        SdkError::service_error(ListEngagementInvitationsError::generic(meta), response(400))
    }

    fn dispatch(error: ConnectorError) -> Sdk {
        SdkError::dispatch_failure(error)
    }

    fn io(kind: std::io::ErrorKind) -> ConnectorError {
        ConnectorError::io(Box::new(std::io::Error::from(kind)))
    }

    fn credentials(error: CredentialsError) -> Sdk {
        dispatch(ConnectorError::other(Box::new(error), None))
    }

    /// What every text must be: one line, no debug dump, a finished sentence.
    fn assert_readable(err: &ServiceError) {
        let text = err.to_string();
        for bad in ["DispatchFailure", "ConnectorError", "{", "\n"] {
            assert!(!text.contains(bad), "{bad:?} in {text}");
        }
        assert!(text.ends_with('.'), "{text}");
    }

    #[test]
    fn a_refused_connection_names_the_endpoint() {
        let err = map(dispatch(io(std::io::ErrorKind::ConnectionRefused)), &east());
        assert_eq!(
            err,
            ServiceError::Network {
                message: "http://127.0.0.1:1 refused the connection".into()
            }
        );
        assert_readable(&err);
    }

    #[test]
    fn other_connection_failures_say_what_happened() {
        let reset = map(dispatch(io(std::io::ErrorKind::ConnectionReset)), &east());
        assert_eq!(
            reset,
            ServiceError::Network {
                message: "the connection to http://127.0.0.1:1 failed (connection reset)".into()
            }
        );
        let timeout = map(dispatch(ConnectorError::timeout("slow".into())), &east());
        assert_eq!(
            timeout,
            ServiceError::Network {
                message: "the connection to http://127.0.0.1:1 timed out".into()
            }
        );
        let dns = map(
            dispatch(ConnectorError::io(
                "dns error: failed to lookup address information".into(),
            )),
            &east(),
        );
        assert_eq!(
            dns,
            ServiceError::Network {
                message: "the host name in http://127.0.0.1:1 could not be resolved".into()
            }
        );
        let late = map(Sdk::timeout_error("operation timeout"), &east());
        assert_eq!(
            late,
            ServiceError::Network {
                message: "the request to http://127.0.0.1:1 timed out".into()
            }
        );
        for err in [reset, timeout, dns, late] {
            assert_readable(&err);
        }
    }

    #[test]
    fn missing_credentials_name_the_profile() {
        let missing = || credentials(CredentialsError::not_loaded("no credentials in chain"));
        let err = map(missing(), &target(Some("partner-sales"), "us-east-1"));
        assert!(
            matches!(
                &err,
                ServiceError::Credentials {
                    problem: CredentialsProblem::Missing,
                    profile: Some(p),
                    ..
                } if p == "partner-sales"
            ),
            "{err:?}"
        );
        assert!(err
            .to_string()
            .contains("aws sso login --profile partner-sales"));
        assert_readable(&err);
        let anywhere = map(missing(), &target(None, "eu-west-1"));
        assert!(
            matches!(
                anywhere,
                ServiceError::Credentials {
                    problem: CredentialsProblem::Missing,
                    ..
                }
            ),
            "missing credentials are missing in any region: {anywhere:?}"
        );
    }

    #[test]
    fn an_expired_session_is_expired() {
        let err = map(
            credentials(CredentialsError::provider_error(
                "The SSO session associated with this profile has expired",
            )),
            &target(Some("p"), "us-east-1"),
        );
        assert!(
            matches!(
                err,
                ServiceError::Credentials {
                    problem: CredentialsProblem::Expired,
                    ..
                }
            ),
            "{err:?}"
        );
        assert_readable(&err);
    }

    /// `err` says the credentials were refused, with the service's `code` first.
    fn assert_rejected(err: &ServiceError, code: &str) {
        assert!(
            matches!(
                err,
                ServiceError::Credentials {
                    problem: CredentialsProblem::Rejected,
                    message,
                    ..
                } if message.starts_with(code)
            ),
            "{err:?}"
        );
    }

    #[test]
    fn a_refused_signature_blames_the_credentials_in_us_east_1_and_the_region_elsewhere() {
        let refused = || answered("InvalidSignatureException", "Credential should be scoped");
        let err = map(refused(), &east());
        assert_rejected(&err, "InvalidSignatureException");
        let err = map(refused(), &target(None, "eu-west-1"));
        assert_eq!(
            err,
            ServiceError::WrongRegion {
                region: "eu-west-1".into()
            }
        );
        assert!(err.to_string().contains("only in us-east-1"), "{err}");
        assert!(!err.to_string().contains("credentials"), "{err}");
        let unreachable = map(
            dispatch(io(std::io::ErrorKind::ConnectionRefused)),
            &target(None, "eu-west-1"),
        );
        assert!(
            matches!(unreachable, ServiceError::WrongRegion { .. }),
            "{unreachable:?}"
        );
    }

    #[test]
    fn an_sts_refusal_blames_the_credentials_in_any_region() {
        let meta = ErrorMetadata::builder()
            .code("InvalidClientTokenId")
            .message("The security token included in the request is invalid.")
            .build();
        let refused = SdkError::service_error(GetCallerIdentityError::generic(meta), response(403));
        let err = map_in_any_region(refused, &target(None, "eu-west-1"));
        assert_rejected(&err, "InvalidClientTokenId");
    }

    #[test]
    fn validation_errors_keep_their_fields() {
        let field = ValidationExceptionError::builder()
            .field_name("Invitation.Receiver")
            .message("must be 12 digits")
            .code(ValidationExceptionErrorCode::InvalidValue)
            .build()
            .unwrap();
        let v = ValidationException::builder()
            .message("bad request")
            .reason(ValidationExceptionReason::RequestValidationFailed)
            .error_list(field)
            .build()
            .unwrap();
        let err = map(
            Sdk::service_error(
                ListEngagementInvitationsError::ValidationException(v),
                response(400),
            ),
            &east(),
        );
        assert_eq!(
            err,
            ServiceError::Validation {
                message: "bad request".into(),
                fields: vec![FieldError {
                    field: Some("Invitation.Receiver".into()),
                    message: "must be 12 digits".into(),
                    code: "INVALID_VALUE".into(),
                }],
            }
        );
        assert_readable(&err);
    }

    #[test]
    fn every_error_code_maps_to_its_kind() {
        let kind = |code: &str| {
            let err = map(answered(code, "m"), &east());
            assert_readable(&err);
            std::mem::discriminant(&err)
        };
        let m = || "m".to_string();
        let expected = [
            (
                "ThrottlingException",
                ServiceError::Throttled { message: m() },
            ),
            (
                "AccessDeniedException",
                ServiceError::AccessDenied { message: m() },
            ),
            (
                "ResourceNotFoundException",
                ServiceError::NotFound { message: m() },
            ),
            ("ConflictException", ServiceError::Conflict { message: m() }),
            (
                "ServiceQuotaExceededException",
                ServiceError::QuotaExceeded { message: m() },
            ),
            (
                "ExpiredTokenException",
                ServiceError::Credentials {
                    problem: CredentialsProblem::Expired,
                    message: m(),
                    profile: None,
                },
            ),
        ];
        for (code, error) in expected {
            assert_eq!(kind(code), std::mem::discriminant(&error), "{code}");
        }
        assert_eq!(
            map(answered("InternalServerException", "boom"), &east()),
            ServiceError::Service {
                code: Some("InternalServerException".into()),
                message: "boom".into()
            }
        );
    }
}
