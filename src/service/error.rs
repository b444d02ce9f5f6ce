use std::fmt;

/// One field the service refused, as named in a ValidationException's `ErrorList`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Dotted path of the member, e.g. `Invitation.Message`; `None` when the service gave none.
    pub field: Option<String>,
    pub message: String,
    pub code: String,
}

/// Why the SDK could not sign a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialsProblem {
    /// No credentials anywhere in the provider chain.
    Missing,
    /// The session or SSO token is past its expiry.
    Expired,
    /// The service did not accept the credentials or the signature.
    Rejected,
}

/// Every way a Partner Central call can fail, in terms a person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceError {
    Throttled {
        message: String,
    },
    AccessDenied {
        message: String,
    },
    NotFound {
        message: String,
    },
    Conflict {
        message: String,
    },
    Validation {
        message: String,
        fields: Vec<FieldError>,
    },
    QuotaExceeded {
        message: String,
    },
    /// The service failed (5xx) or answered with something this build does not know.
    Service {
        code: Option<String>,
        message: String,
    },
    /// The request never got an answer: DNS, connection, TLS, timeout.
    Network {
        message: String,
    },
    Credentials {
        problem: CredentialsProblem,
        message: String,
        profile: Option<String>,
    },
}

impl std::error::Error for ServiceError {}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServiceError::Throttled { message } => write!(
                f,
                "Partner Central is throttling requests ({message}); wait a few seconds and try again"
            ),
            ServiceError::AccessDenied { message } => write!(
                f,
                "access denied: {message}. Your IAM identity needs the partnercentral:* actions for this catalog"
            ),
            ServiceError::NotFound { message } => {
                write!(f, "not found: {message}. It may have been removed; refresh the list")
            }
            ServiceError::Conflict { message } => write!(
                f,
                "conflict: {message}. Someone may have changed it; refresh and try again"
            ),
            ServiceError::Validation { message, fields } => {
                write!(f, "the service refused the request: {message}")?;
                for field in fields {
                    match &field.field {
                        Some(name) => write!(f, "; {name}: {}", field.message)?,
                        None => write!(f, "; {}", field.message)?,
                    }
                }
                Ok(())
            }
            ServiceError::QuotaExceeded { message } => write!(
                f,
                "service quota exceeded: {message}. Wait until the quota resets or ask AWS for a higher one"
            ),
            ServiceError::Service { code, message } => match code {
                Some(code) => write!(f, "Partner Central failed ({code}): {message}; try again later"),
                None => write!(f, "Partner Central failed: {message}; try again later"),
            },
            ServiceError::Network { message } => write!(
                f,
                "could not reach Partner Central: {message}. Check your network connection and endpoint"
            ),
            ServiceError::Credentials { problem, message, profile } => {
                let login = match profile {
                    Some(p) => format!("aws sso login --profile {p}"),
                    None => "aws sso login --profile <name>".to_string(),
                };
                match problem {
                    CredentialsProblem::Missing => write!(
                        f,
                        "no AWS credentials found ({message}). Run `aws configure sso` or `{login}`, or pass --profile"
                    ),
                    CredentialsProblem::Expired => write!(
                        f,
                        "your AWS credentials have expired ({message}). Run `{login}` and try again"
                    ),
                    CredentialsProblem::Rejected => write!(
                        f,
                        "AWS did not accept your credentials ({message}). Check the profile, or run `{login}`"
                    ),
                }
            }
        }
    }
}

impl ServiceError {
    /// True when trying the same call again later may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ServiceError::Throttled { .. }
                | ServiceError::Network { .. }
                | ServiceError::Service { .. }
        )
    }
}
