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

/// The only region Partner Central runs in.
pub const PARTNER_CENTRAL_REGION: &str = "us-east-1";

/// Every way a Partner Central call can fail, in terms a person can act on.
///
/// `Display` is one or two sentences that say what went wrong and what to do, on one line, so
/// it fits a status line and a terminal's stderr; the SDK's chain of causes never shows there
/// (the adapter logs it). [`ServiceError::detail`] is the full record, for the log file.
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
    /// The request never got an answer: DNS, connection, TLS, timeout. `message` says what
    /// failed and names the endpoint, e.g. "http://127.0.0.1:1 refused the connection".
    Network {
        message: String,
    },
    Credentials {
        problem: CredentialsProblem,
        message: String,
        profile: Option<String>,
    },
    /// The client is set to a region other than us-east-1, where Partner Central does not run.
    WrongRegion {
        region: String,
    },
    /// A write pc-inbox did not send, because what makes it safe could not be done first
    /// (its client token could not be saved): nothing reached the service.
    NotSent {
        why: String,
    },
}

impl std::error::Error for ServiceError {}

/// Most fields named in the one-line text of a validation error; the rest are counted.
const FIELDS_SHOWN: usize = 3;
/// Most characters of a message from elsewhere (the service, the SDK) that the text quotes.
const QUOTE_MAX: usize = 200;

/// A message from elsewhere, fit to quote inside a sentence: its first line, at most
/// [`QUOTE_MAX`] characters (cut with "…"), without a final period.
fn quote(message: &str) -> String {
    let line = message.lines().map(str::trim).find(|l| !l.is_empty());
    let line = line.unwrap_or("no message").trim_end_matches('.');
    if line.chars().count() <= QUOTE_MAX {
        line.to_string()
    } else {
        let cut: String = line.chars().take(QUOTE_MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The command that renews credentials, with the profile when there is one.
fn sso_login(profile: Option<&str>) -> String {
    match profile {
        Some(p) => format!("aws sso login --profile {p}"),
        None => "aws sso login --profile NAME".to_string(),
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServiceError::Throttled { message } => write!(
                f,
                "Partner Central is throttling requests ({}); wait a few seconds and try again.",
                quote(message)
            ),
            ServiceError::AccessDenied { message } => write!(
                f,
                "Partner Central denied access ({}). Your IAM identity needs the partnercentral:* actions on this catalog.",
                quote(message)
            ),
            ServiceError::NotFound { message } => write!(
                f,
                "not found: {}. Check the id and the catalog; it may have been removed.",
                quote(message)
            ),
            ServiceError::Conflict { message } => write!(
                f,
                "conflict: {}. It changed since it was read; refresh your copy and try again.",
                quote(message)
            ),
            ServiceError::Validation { message, fields } => {
                write!(f, "the service refused the request: {}", quote(message))?;
                for field in fields.iter().take(FIELDS_SHOWN) {
                    match &field.field {
                        Some(name) => write!(f, "; {name}: {}", quote(&field.message))?,
                        None => write!(f, "; {}", quote(&field.message))?,
                    }
                }
                if fields.len() > FIELDS_SHOWN {
                    write!(f, "; and {} more", fields.len() - FIELDS_SHOWN)?;
                }
                write!(f, ".")
            }
            ServiceError::QuotaExceeded { message } => write!(
                f,
                "service quota exceeded: {}. Wait until the quota resets, or ask AWS for a higher one.",
                quote(message)
            ),
            ServiceError::Service { code, message } => match code {
                Some(code) => write!(
                    f,
                    "Partner Central failed ({code}: {}). Try again later.",
                    quote(message)
                ),
                None => write!(
                    f,
                    "Partner Central failed ({}). Try again later.",
                    quote(message)
                ),
            },
            ServiceError::Network { message } => write!(
                f,
                "could not reach Partner Central: {}. Check your network connection and the endpoint URL, then try again.",
                quote(message)
            ),
            ServiceError::Credentials {
                problem,
                message,
                profile,
            } => {
                let login = sso_login(profile.as_deref());
                match (problem, profile) {
                    (CredentialsProblem::Missing, Some(p)) => write!(
                        f,
                        "no AWS credentials found for profile {p}. Run `{login}` (after `aws configure sso --profile {p}` if the profile is new) and try again."
                    ),
                    (CredentialsProblem::Missing, None) => write!(
                        f,
                        "no AWS credentials found. Run `aws configure sso` to set up a profile, then `{login}`, and pass --profile NAME."
                    ),
                    (CredentialsProblem::Expired, Some(p)) => write!(
                        f,
                        "the AWS session of profile {p} has expired. Run `{login}` and try again."
                    ),
                    (CredentialsProblem::Expired, None) => write!(
                        f,
                        "your AWS credentials have expired. Renew them (e.g. `{login}`) and try again."
                    ),
                    (CredentialsProblem::Rejected, Some(p)) => write!(
                        f,
                        "AWS did not accept the credentials of profile {p} ({}). Check the profile, or run `{login}`, and try again.",
                        quote(message)
                    ),
                    (CredentialsProblem::Rejected, None) => write!(
                        f,
                        "AWS did not accept your credentials ({}). Check them, or run `{login}`, and try again.",
                        quote(message)
                    ),
                }
            }
            ServiceError::WrongRegion { region } => write!(
                f,
                "Partner Central runs only in {PARTNER_CENTRAL_REGION}, not in {region}. Set the region to {PARTNER_CENTRAL_REGION} (--region, `region` in the config file, AWS_REGION or the profile) or leave it unset."
            ),
            ServiceError::NotSent { why } => write!(
                f,
                "Not sent: {why}. Nothing reached the service; fix the local store and try again."
            ),
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

    /// Everything the error holds, unshortened: the service's code, message and every field it
    /// named. For the log file; what a person reads is `Display`.
    pub fn detail(&self) -> String {
        match self {
            ServiceError::Validation { message, fields } => {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|f| {
                        format!(
                            "{} ({}): {}",
                            f.field.as_deref().unwrap_or("-"),
                            f.code,
                            f.message
                        )
                    })
                    .collect();
                format!("Validation: {message} [{}]", fields.join("; "))
            }
            ServiceError::Service { code, message } => {
                format!(
                    "Service ({}): {message}",
                    code.as_deref().unwrap_or("no code")
                )
            }
            ServiceError::Credentials {
                problem,
                message,
                profile,
            } => format!(
                "Credentials {problem:?} (profile {}): {message}",
                profile.as_deref().unwrap_or("none")
            ),
            ServiceError::WrongRegion { region } => format!("WrongRegion: {region}"),
            ServiceError::NotSent { why } => format!("NotSent: {why}"),
            ServiceError::Throttled { message } => format!("Throttled: {message}"),
            ServiceError::AccessDenied { message } => format!("AccessDenied: {message}"),
            ServiceError::NotFound { message } => format!("NotFound: {message}"),
            ServiceError::Conflict { message } => format!("Conflict: {message}"),
            ServiceError::QuotaExceeded { message } => format!("QuotaExceeded: {message}"),
            ServiceError::Network { message } => format!("Network: {message}"),
        }
    }
}

/// A URL fit to log, journal or show: without the `user:password@` of its authority.
pub fn without_userinfo(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    format!("{scheme}://{host}{path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_loses_its_user_and_password_and_nothing_else() {
        let bare = |u: &str| without_userinfo(u);
        assert_eq!(
            bare("https://me:s3cret@proxy.example:8443/pc?x=1"),
            "https://proxy.example:8443/pc?x=1"
        );
        assert_eq!(bare("http://me@127.0.0.1:9"), "http://127.0.0.1:9");
        assert_eq!(bare("http://127.0.0.1:9/a@b"), "http://127.0.0.1:9/a@b");
        assert_eq!(bare("http://a:b@c@host/"), "http://host/");
        assert_eq!(bare("not a url"), "not a url");
    }

    fn field(name: &str, message: &str) -> FieldError {
        FieldError {
            field: Some(name.into()),
            message: message.into(),
            code: "INVALID_VALUE".into(),
        }
    }

    fn all_kinds() -> Vec<ServiceError> {
        let m = |s: &str| s.to_string();
        let credentials = |problem, profile: Option<&str>| ServiceError::Credentials {
            problem,
            message: m("UnrecognizedClientException: The security token is invalid."),
            profile: profile.map(str::to_string),
        };
        vec![
            ServiceError::Throttled {
                message: m("Rate exceeded"),
            },
            ServiceError::AccessDenied {
                message: m("User is not authorized to perform partnercentral:ListEngagements"),
            },
            ServiceError::NotFound {
                message: m("Invitation engi-1 not found."),
            },
            ServiceError::Conflict {
                message: m("The invitation is not PENDING"),
            },
            ServiceError::Validation {
                message: m("Invalid input"),
                fields: vec![field("Invitation.Receiver", "must be 12 digits")],
            },
            ServiceError::QuotaExceeded {
                message: m("Too many invitations"),
            },
            ServiceError::Service {
                code: Some(m("InternalServerException")),
                message: m("boom"),
            },
            ServiceError::Service {
                code: None,
                message: m("boom"),
            },
            ServiceError::Network {
                message: m("http://127.0.0.1:1 refused the connection"),
            },
            credentials(CredentialsProblem::Missing, Some("partner-sales")),
            credentials(CredentialsProblem::Missing, None),
            credentials(CredentialsProblem::Expired, Some("partner-sales")),
            credentials(CredentialsProblem::Expired, None),
            credentials(CredentialsProblem::Rejected, Some("partner-sales")),
            credentials(CredentialsProblem::Rejected, None),
            ServiceError::WrongRegion {
                region: m("eu-west-1"),
            },
            ServiceError::NotSent {
                why: m("its client token could not be saved in the local store (disk full)"),
            },
        ]
    }

    /// Sentences: the text's periods that end it or are followed by a space and a capital.
    fn sentences(text: &str) -> usize {
        let chars: Vec<char> = text.chars().collect();
        (0..chars.len())
            .filter(|&i| chars[i] == '.')
            .filter(|&i| {
                i + 1 == chars.len()
                    || (chars[i + 1] == ' ' && chars.get(i + 2).is_some_and(|c| c.is_uppercase()))
            })
            .count()
    }

    #[test]
    fn every_kind_reads_as_one_or_two_sentences_on_one_line() {
        for err in all_kinds() {
            let text = err.to_string();
            assert!(!text.contains('\n') && !text.contains('{'), "{text}");
            assert!(text.ends_with('.') && !text.ends_with(".."), "{text}");
            assert!((1..=2).contains(&sentences(&text)), "{text}");
            assert!(text.chars().count() <= 260, "{text}");
            assert!(!text.contains("refresh the list"), "{text}");
        }
    }

    #[test]
    fn each_kind_says_what_to_do() {
        let texts: Vec<String> = all_kinds().iter().map(ToString::to_string).collect();
        let expect = [
            "Partner Central is throttling requests (Rate exceeded); wait a few seconds and try again.",
            "Partner Central denied access (User is not authorized to perform partnercentral:ListEngagements). Your IAM identity needs the partnercentral:* actions on this catalog.",
            "not found: Invitation engi-1 not found. Check the id and the catalog; it may have been removed.",
            "conflict: The invitation is not PENDING. It changed since it was read; refresh your copy and try again.",
            "the service refused the request: Invalid input; Invitation.Receiver: must be 12 digits.",
            "service quota exceeded: Too many invitations. Wait until the quota resets, or ask AWS for a higher one.",
            "Partner Central failed (InternalServerException: boom). Try again later.",
            "Partner Central failed (boom). Try again later.",
            "could not reach Partner Central: http://127.0.0.1:1 refused the connection. Check your network connection and the endpoint URL, then try again.",
            "no AWS credentials found for profile partner-sales. Run `aws sso login --profile partner-sales` (after `aws configure sso --profile partner-sales` if the profile is new) and try again.",
            "no AWS credentials found. Run `aws configure sso` to set up a profile, then `aws sso login --profile NAME`, and pass --profile NAME.",
            "the AWS session of profile partner-sales has expired. Run `aws sso login --profile partner-sales` and try again.",
            "your AWS credentials have expired. Renew them (e.g. `aws sso login --profile NAME`) and try again.",
            "AWS did not accept the credentials of profile partner-sales (UnrecognizedClientException: The security token is invalid). Check the profile, or run `aws sso login --profile partner-sales`, and try again.",
            "AWS did not accept your credentials (UnrecognizedClientException: The security token is invalid). Check them, or run `aws sso login --profile NAME`, and try again.",
            "Partner Central runs only in us-east-1, not in eu-west-1. Set the region to us-east-1 (--region, `region` in the config file, AWS_REGION or the profile) or leave it unset.",
            "Not sent: its client token could not be saved in the local store (disk full). Nothing reached the service; fix the local store and try again.",
        ];
        assert_eq!(texts, expect);
    }

    #[test]
    fn long_and_multi_line_messages_are_cut_in_the_text_and_whole_in_the_detail() {
        let long = format!("{}\nsecond line {{ debug }}", "x".repeat(500));
        let err = ServiceError::Service {
            code: None,
            message: long.clone(),
        };
        let text = err.to_string();
        assert!(
            text.contains('…') && !text.contains("second line"),
            "{text}"
        );
        assert!(err.detail().contains(&long));
    }

    #[test]
    fn validation_names_a_few_fields_and_counts_the_rest() {
        let err = ServiceError::Validation {
            message: "Invalid input".into(),
            fields: (1..=5).map(|i| field(&format!("F{i}"), "bad")).collect(),
        };
        assert_eq!(
            err.to_string(),
            "the service refused the request: Invalid input; F1: bad; F2: bad; F3: bad; and 2 more."
        );
        assert!(
            err.detail().contains("F5 (INVALID_VALUE): bad"),
            "{}",
            err.detail()
        );
    }

    #[test]
    fn the_detail_keeps_everything_for_the_log() {
        for err in all_kinds() {
            let detail = err.detail();
            match &err {
                ServiceError::WrongRegion { region } => assert!(detail.contains(region.as_str())),
                ServiceError::Service {
                    code: Some(code), ..
                } => assert!(detail.contains(code.as_str())),
                _ => {}
            }
            assert!(!detail.is_empty());
        }
    }
}
