//! AWS Signature Version 4 verification, the way the AWS front door checks a request.

use std::collections::HashMap;

use axum::http::HeaderMap;
use chrono::{DateTime, NaiveDateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::error::ApiError;

/// The signing name of the service.
pub const SERVICE: &str = "partnercentral-selling";
/// The only region requests may be scoped to.
pub const REGION: &str = "us-east-1";
const MAX_SKEW_MINUTES: i64 = 15;

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

/// Checks the request's SigV4 signature against `secrets` (access key → secret key) and returns
/// the access key it was signed with.
pub fn verify(
    req: &SignedRequest<'_>,
    secrets: &HashMap<String, String>,
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
    let Some(secret) = secrets.get(auth.access_key) else {
        return Err(ApiError::auth(
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
        ));
    };
    if auth.region != REGION {
        return Err(invalid(format!(
            "Credential should be scoped to a valid region, not '{}'.",
            auth.region
        )));
    }
    if auth.service != SERVICE {
        return Err(invalid(format!(
            "Credential should be scoped to correct service: '{SERVICE}'."
        )));
    }
    if !auth.signed_headers.contains(&"host") {
        return Err(invalid("'Host' must be a signed header."));
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
    if (now - signed_at).num_minutes().abs() > MAX_SKEW_MINUTES {
        return Err(invalid(format!(
            "Signature expired: {amz_date} is now earlier than {}. (signed more than {MAX_SKEW_MINUTES} minutes from the server's clock)",
            now.format("%Y%m%dT%H%M%SZ")
        )));
    }
    if !amz_date.starts_with(auth.date) {
        return Err(invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP."));
    }

    let canonical = canonical_request(req, &auth.signed_headers);
    let scope = format!("{}/{REGION}/{SERVICE}/aws4_request", auth.date);
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let mut key = hmac(format!("AWS4{secret}").as_bytes(), auth.date.as_bytes());
    for part in [REGION, SERVICE, "aws4_request"] {
        key = hmac(&key, part.as_bytes());
    }
    let expected = hex::encode(hmac(&key, string_to_sign.as_bytes()));
    if !constant_time_eq(expected.as_bytes(), auth.signature.as_bytes()) {
        return Err(invalid(
            "The request signature we calculated does not match the signature you provided. \
             Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
        ));
    }
    Ok(auth.access_key.to_string())
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

fn canonical_request(req: &SignedRequest<'_>, signed_headers: &[&str]) -> String {
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
    let payload_hash = header_value(req.headers, "x-amz-content-sha256")
        .unwrap_or_else(|| hex::encode(Sha256::digest(req.body)));
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

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
