//! STS `GetCallerIdentity` on the emulator's port, so a client learns whose credentials it
//! holds as it would from AWS. STS speaks awsQuery: `POST /` with a form body
//! (`Action=GetCallerIdentity&Version=2011-06-15`) and no `X-Amz-Target`, signed for `sts`,
//! answered in XML. The access keys and accounts are the emulator's own; no quota or injected
//! fault applies.

use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

use super::accounts::Account;
use super::error::ApiError;

/// The XML namespace of STS answers.
const NAMESPACE: &str = "https://sts.amazonaws.com/doc/2011-06-15/";
/// The API version clients send.
const VERSION: &str = "2011-06-15";
/// The one action answered.
const ACTION: &str = "GetCallerIdentity";

/// What a query-protocol request asks: its `Action` and `Version`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    action: String,
    version: Option<String>,
}

impl Query {
    /// The query of a `POST` whose body is a form naming an `Action` and that sends no
    /// `X-Amz-Target`; `None` for anything else (an awsJson1_0 request).
    pub fn of(method: &Method, headers: &HeaderMap, body: &[u8]) -> Option<Query> {
        if method != Method::POST || headers.contains_key("x-amz-target") {
            return None;
        }
        let mut action = None;
        let mut version = None;
        for (name, value) in form_urlencoded::parse(body) {
            match name.as_ref() {
                "Action" => action = Some(value.into_owned()),
                "Version" => version = Some(value.into_owned()),
                _ => {}
            }
        }
        Some(Query {
            action: action?,
            version,
        })
    }

    /// The answer to this query from `account`, the caller's.
    pub fn answer(&self, account: &Account) -> Response {
        if self.action != ACTION || self.version.as_deref() != Some(VERSION) {
            let version = self.version.as_deref().unwrap_or_default();
            return error(
                StatusCode::BAD_REQUEST,
                "InvalidAction",
                &format!(
                    "Could not find operation {} for version {version}",
                    self.action
                ),
            );
        }
        let body = format!(
            "<GetCallerIdentityResponse xmlns=\"{NAMESPACE}\">\
             <GetCallerIdentityResult>\
             <Arn>{}</Arn><UserId>{}</UserId><Account>{}</Account>\
             </GetCallerIdentityResult>\
             {}\
             </GetCallerIdentityResponse>",
            escaped(&account.user_arn()),
            escaped(&account.user_id()),
            escaped(&account.aws_account_id),
            metadata(),
        );
        xml(StatusCode::OK, body)
    }
}

/// An authentication failure as STS answers it: the front door's error under STS's code.
pub fn refused(e: &ApiError) -> Response {
    let code = match e.type_name {
        "MissingAuthenticationTokenException" => "MissingAuthenticationToken",
        "IncompleteSignatureException" => "IncompleteSignature",
        "UnrecognizedClientException" => "InvalidClientTokenId",
        "InvalidSignatureException" => "SignatureDoesNotMatch",
        other => other,
    };
    let status = StatusCode::from_u16(e.status).unwrap_or(StatusCode::FORBIDDEN);
    error(status, code, &e.message)
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = format!(
        "<ErrorResponse xmlns=\"{NAMESPACE}\">\
         <Error><Type>Sender</Type><Code>{}</Code><Message>{}</Message></Error>\
         <RequestId>{}</RequestId>\
         </ErrorResponse>",
        escaped(code),
        escaped(message),
        uuid::Uuid::new_v4(),
    );
    xml(status, body)
}

fn metadata() -> String {
    format!(
        "<ResponseMetadata><RequestId>{}</RequestId></ResponseMetadata>",
        uuid::Uuid::new_v4()
    )
}

fn xml(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/xml"));
    if let Ok(id) = HeaderValue::from_str(&uuid::Uuid::new_v4().to_string()) {
        headers.insert("x-amzn-requestid", id);
    }
    response
}

/// `text` with XML's five special characters escaped.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_with_an_action_and_no_target_is_a_query() {
        let body = b"Action=GetCallerIdentity&Version=2011-06-15";
        let query = Query::of(&Method::POST, &HeaderMap::new(), body).unwrap();
        assert_eq!(query.action, "GetCallerIdentity");
        assert_eq!(query.version.as_deref(), Some("2011-06-15"));
        let mut targeted = HeaderMap::new();
        targeted.insert("x-amz-target", HeaderValue::from_static("X.Y"));
        assert_eq!(Query::of(&Method::POST, &targeted, body), None);
        assert_eq!(Query::of(&Method::GET, &HeaderMap::new(), body), None);
        assert_eq!(Query::of(&Method::POST, &HeaderMap::new(), b"{}"), None);
    }

    #[test]
    fn messages_are_escaped() {
        assert_eq!(escaped("a<b & 'c'"), "a&lt;b &amp; &apos;c&apos;");
    }
}
