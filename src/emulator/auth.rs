//! AWS Signature Version 4 verification, the way the AWS front door checks a request.

use std::collections::HashMap;

use axum::http::HeaderMap;
use chrono::{DateTime, NaiveDateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::error::ApiError;

/// The signing name of the service.
pub const SERVICE: &str = "partnercentral-selling";
/// The signing name of STS, whose GetCallerIdentity the emulator also answers.
pub const STS: &str = "sts";
/// The only region requests may be scoped to.
pub const REGION: &str = "us-east-1";
/// How far a request's signing time may be from the server's clock, either way.
const MAX_SKEW: chrono::TimeDelta = chrono::TimeDelta::minutes(15);
const PAYLOAD_HASH: &str = "x-amz-content-sha256";
const SECURITY_TOKEN: &str = "x-amz-security-token";

/// What the front door knows of an access key.
#[derive(Debug, Clone)]
pub struct Key {
    pub secret: String,
    /// For temporary credentials, the session token that every request signed with the key
    /// must send in `X-Amz-Security-Token`.
    pub session_token: Option<String>,
}

/// What a request looks like to the signature check.
pub struct SignedRequest<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

struct Authorization<'a> {
    access_key: &'a str,
    date: &'a str,
    region: &'a str,
    service: &'a str,
    signed_headers: Vec<&'a str>,
    signature: &'a str,
}

fn parse(header: &str) -> Option<Authorization<'_>> {
    let rest = header.strip_prefix("AWS4-HMAC-SHA256 ")?;
    let mut credential = None;
    let mut signed = None;
    let mut signature = None;
    for part in rest.split(',') {
        let (k, v) = part.trim().split_once('=')?;
        match k {
            "Credential" => credential = Some(v),
            "SignedHeaders" => signed = Some(v),
            "Signature" => signature = Some(v),
            _ => {}
        }
    }
    let mut scope = credential?.split('/');
    let auth = Authorization {
        access_key: scope.next()?,
        date: scope.next()?,
        region: scope.next()?,
        service: scope.next()?,
        signed_headers: signed?.split(';').collect(),
        signature: signature?,
    };
    (scope.next()? == "aws4_request").then_some(auth)
}

/// Checks the request's SigV4 signature for the signing name `service`, and the session token
/// of a temporary key, against `keys` (by access key) and returns the access key it was signed
/// with.
pub fn verify(
    req: &SignedRequest<'_>,
    keys: &HashMap<String, Key>,
    service: &str,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let header = req
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok());
    let Some(header) = header else {
        return Err(ApiError::auth(
            "MissingAuthenticationTokenException",
            "Missing Authentication Token",
        ));
    };
    let auth = parse(header).ok_or_else(|| {
        ApiError::auth(
            "IncompleteSignatureException",
            "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters",
        )
    })?;
    let Some(key) = keys.get(auth.access_key) else {
        return Err(unrecognized());
    };
    if let Some(token) = &key.session_token {
        if header_value(req.headers, SECURITY_TOKEN).as_ref() != Some(token) {
            return Err(unrecognized());
        }
    }
    if auth.region != REGION {
        return Err(invalid(format!(
            "Credential should be scoped to a valid region, not '{}'.",
            auth.region
        )));
    }
    if auth.service != service {
        return Err(invalid(format!(
            "Credential should be scoped to correct service: '{service}'."
        )));
    }
    if !auth.signed_headers.contains(&"host") {
        return Err(invalid("'Host' must be a signed header."));
    }
    // Every `x-amz-*` header sent is part of the request's meaning (the operation is
    // `x-amz-target`): one left out of the signature could be swapped on a replayed request.
    if let Some(unsigned) = req
        .headers
        .keys()
        .map(|name| name.as_str())
        .find(|name| name.starts_with("x-amz-") && !auth.signed_headers.contains(name))
    {
        return Err(invalid(format!(
            "'{}' must be a signed header when it is sent.",
            spelled(unsigned)
        )));
    }
    let amz_date = header_value(req.headers, "x-amz-date").ok_or_else(|| {
        invalid(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
        )
    })?;
    let signed_at = NaiveDateTime::parse_from_str(&amz_date, "%Y%m%dT%H%M%SZ")
        .map_err(|_| {
            invalid(format!(
                "Date must be in ISO-8601 'basic format'. Got '{amz_date}'."
            ))
        })?
        .and_utc();
    check_time(&amz_date, signed_at, now)?;
    if !amz_date.starts_with(auth.date) {
        return Err(invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP."));
    }

    let payload_hash = payload_hash(req, &auth.signed_headers)?;
    let canonical = canonical_request(req, &auth.signed_headers, &payload_hash);
    let scope = format!("{}/{REGION}/{service}/aws4_request", auth.date);
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let mut signing_key = hmac(
        format!("AWS4{}", key.secret).as_bytes(),
        auth.date.as_bytes(),
    );
    for part in [REGION, service, "aws4_request"] {
        signing_key = hmac(&signing_key, part.as_bytes());
    }
    let mut mac =
        Hmac::<Sha256>::new_from_slice(&signing_key).expect("HMAC takes keys of any length");
    mac.update(string_to_sign.as_bytes());
    let provided = hex::decode(auth.signature).unwrap_or_default();
    if mac.verify_slice(&provided).is_err() {
        return Err(mismatch());
    }
    Ok(auth.access_key.to_string())
}

/// Refuses a signing time more than [`MAX_SKEW`] before or after `now`.
fn check_time(
    amz_date: &str,
    signed_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let stamp = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    if now - signed_at > MAX_SKEW {
        return Err(invalid(format!(
            "Signature expired: {amz_date} is now earlier than {} ({} - 15 min.)",
            stamp(now - MAX_SKEW),
            stamp(now)
        )));
    }
    if signed_at - now > MAX_SKEW {
        return Err(invalid(format!(
            "Signature not yet current: {amz_date} is still later than {} ({} + 15 min.)",
            stamp(now + MAX_SKEW),
            stamp(now)
        )));
    }
    Ok(())
}

/// The body's SHA-256. An `X-Amz-Content-Sha256` header, which only some signers send, must be
/// signed and must be that hash: the server never takes the client's word for the body.
fn payload_hash(req: &SignedRequest<'_>, signed_headers: &[&str]) -> Result<String, ApiError> {
    let hash = hex::encode(Sha256::digest(req.body));
    match header_value(req.headers, PAYLOAD_HASH) {
        None => Ok(hash),
        Some(_) if !signed_headers.contains(&PAYLOAD_HASH) => Err(invalid(
            "'X-Amz-Content-Sha256' must be a signed header when it is sent.",
        )),
        Some(claimed) if claimed == hash => Ok(hash),
        Some(_) => Err(mismatch()),
    }
}

/// A header's name as AWS spells it in messages: `x-amz-target` → `X-Amz-Target`.
fn spelled(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// An access key that is unknown, or temporary and sent without its session token.
fn unrecognized() -> ApiError {
    ApiError::auth(
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
    )
}

fn mismatch() -> ApiError {
    invalid(
        "The request signature we calculated does not match the signature you provided. \
         Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    )
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::auth("InvalidSignatureException", message)
}

fn header_value(headers: &HeaderMap, name: &str) -> Option<String> {
    let values: Vec<String> = headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    (!values.is_empty()).then(|| values.join(","))
}

fn canonical_request(
    req: &SignedRequest<'_>,
    signed_headers: &[&str],
    payload_hash: &str,
) -> String {
    let mut query: Vec<&str> = req.query.split('&').filter(|p| !p.is_empty()).collect();
    query.sort_unstable();
    let headers: String = signed_headers
        .iter()
        .map(|name| {
            format!(
                "{name}:{}\n",
                header_value(req.headers, name).unwrap_or_default()
            )
        })
        .collect();
    format!(
        "{}\n{}\n{}\n{headers}\n{}\n{payload_hash}",
        req.method,
        req.path,
        query.join("&"),
        signed_headers.join(";")
    )
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use aws_credential_types::Credentials;
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    use aws_sigv4::sign::v4::SigningParams;
    use aws_smithy_runtime_api::client::identity::Identity;
    use axum::http::{HeaderName, HeaderValue};
    use chrono::{TimeDelta, TimeZone};

    use super::*;

    const BODY: &[u8] = b"{}";

    /// The headers of a request signed at `at` by the SDK's signer.
    fn signed_at(at: DateTime<Utc>) -> HeaderMap {
        signed_with(at, &[])
    }

    /// The headers of a request signed at `at` by the SDK's signer, with `extra` headers signed
    /// too.
    fn signed_with(at: DateTime<Utc>, extra: &[(&'static str, &'static str)]) -> HeaderMap {
        let identity: Identity = Credentials::new("test", "test", None, None, "test").into();
        let params: SigningParams<'_, _> = SigningParams::builder()
            .identity(&identity)
            .region(REGION)
            .name(SERVICE)
            .time(SystemTime::from(at))
            .settings(SigningSettings::default())
            .build()
            .unwrap();
        let mut sent = vec![("host", "localhost")];
        sent.extend_from_slice(extra);
        let signable = SignableRequest::new(
            "POST",
            "http://localhost/",
            sent.iter().copied(),
            SignableBody::Bytes(BODY),
        )
        .unwrap();
        let (instructions, _) = sign(signable, &params.into()).unwrap().into_parts();
        let mut headers = HeaderMap::new();
        for (name, value) in sent {
            headers.insert(name, HeaderValue::from_static(value));
        }
        for (k, v) in instructions.headers() {
            headers.insert(
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        headers
    }

    fn check(headers: &HeaderMap, now: DateTime<Utc>) -> Result<String, String> {
        let req = SignedRequest {
            method: "POST",
            path: "/",
            query: "",
            headers,
            body: BODY,
        };
        let key = Key {
            secret: "test".into(),
            session_token: None,
        };
        let keys = HashMap::from([("test".to_string(), key)]);
        verify(&req, &keys, SERVICE, now).map_err(|e| e.message)
    }

    #[test]
    fn the_signing_time_may_be_at_most_fifteen_minutes_off_either_way() {
        let at = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        let headers = signed_at(at);
        let minutes_15 = TimeDelta::minutes(15);
        let second = TimeDelta::seconds(1);
        assert_eq!(check(&headers, at + minutes_15).as_deref(), Ok("test"));
        assert_eq!(check(&headers, at - minutes_15).as_deref(), Ok("test"));
        let late = check(&headers, at + minutes_15 + second).unwrap_err();
        assert!(late.starts_with("Signature expired"), "{late}");
        let early = check(&headers, at - minutes_15 - second).unwrap_err();
        assert!(early.starts_with("Signature not yet current"), "{early}");
    }

    #[test]
    fn every_x_amz_header_sent_must_be_signed() {
        let at = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        let target = (
            "x-amz-target",
            "AWSPartnerCentralSelling.GetEngagementInvitation",
        );
        assert_eq!(
            check(&signed_with(at, &[target]), at).as_deref(),
            Ok("test")
        );
        // Signed over host and x-amz-date only, then sent with a target: a replay could name
        // any operation.
        let mut replayed = signed_at(at);
        replayed.insert(
            "x-amz-target",
            HeaderValue::from_static("AWSPartnerCentralSelling.RejectEngagementInvitation"),
        );
        assert_eq!(
            check(&replayed, at).unwrap_err(),
            "'X-Amz-Target' must be a signed header when it is sent."
        );
        let mut extra = signed_with(at, &[target]);
        extra.insert("x-amz-user-agent", HeaderValue::from_static("forged"));
        let refused = check(&extra, at).unwrap_err();
        assert!(refused.contains("'X-Amz-User-Agent'"), "{refused}");
        let mut trace = signed_with(at, &[target]);
        trace.insert("x-amzn-trace-id", HeaderValue::from_static("Root=1-abc"));
        assert_eq!(
            check(&trace, at).as_deref(),
            Ok("test"),
            "x-amzn-* is not x-amz-*"
        );
    }
}
