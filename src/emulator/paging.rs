//! Opaque NextTokens that stay valid while data changes: a token names the sort key of the last
//! row returned, not an offset, so inserts and deletes never shift a page.

use std::sync::Arc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::error::ApiError;

/// Position in a sorted listing: the time key in milliseconds and the id that breaks ties.
pub type SortKey = (i64, Arc<str>);

/// Where a page starts and which way it reads.
#[derive(Debug)]
pub struct Seek {
    /// The key of the last row of the previous page.
    pub after: Option<SortKey>,
    pub descending: bool,
    pub max: usize,
}

impl Seek {
    /// Whether a row with this key comes after the cursor.
    pub fn follows(&self, key: &SortKey) -> bool {
        match (&self.after, self.descending) {
            (None, _) => true,
            (Some(after), true) => key < after,
            (Some(after), false) => key > after,
        }
    }
}

/// What a token holds: the fingerprint of its request's filters and the key of the last row.
#[derive(Serialize, Deserialize)]
struct Cursor<K> {
    q: String,
    k: K,
}

/// A fingerprint of the caller's account, the operation and the request's filters, so a token
/// cannot be replayed by another account or against other filters.
pub fn fingerprint(account: &str, operation: &str, request: &Value) -> String {
    let mut filters = request.clone();
    if let Some(obj) = filters.as_object_mut() {
        obj.remove("NextToken");
        obj.remove("MaxResults");
    }
    let digest = Sha256::digest(format!("{account}\n{operation}{filters}").as_bytes());
    hex::encode(&digest[..8])
}

/// Cuts one page out of `rows`, which must already be in listing order (by key, then id).
/// Returns the page and the token for the next one.
pub fn page<T>(
    rows: Vec<T>,
    key: impl Fn(&T) -> SortKey,
    seek: &Seek,
    fingerprint: &str,
) -> (Vec<T>, Option<String>) {
    let mut rows: Vec<T> = rows.into_iter().filter(|r| seek.follows(&key(r))).collect();
    let more = rows.len() > seek.max;
    rows.truncate(seek.max);
    let token = rows
        .last()
        .filter(|_| more)
        .map(|r| token(&key(r), fingerprint));
    (rows, token)
}

/// The NextToken of a page whose last row has `key`, for requests with this fingerprint.
pub fn token(key: &SortKey, fingerprint: &str) -> String {
    encode(&(key.0, &*key.1), fingerprint)
}

/// Reads a token back; it must have been issued for the same filters.
pub fn decode(token: &str, fingerprint: &str) -> Result<SortKey, ApiError> {
    let (t, id): (i64, String) = decode_key(token, fingerprint)?;
    Ok((t, id.into()))
}

/// The NextToken of a page whose last row has `key` (any serializable sort key), for requests
/// with this fingerprint.
pub fn encode<K: Serialize>(key: &K, fingerprint: &str) -> String {
    let cursor = Cursor {
        q: fingerprint.to_string(),
        k: key,
    };
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(&cursor).expect("cursor serializes"))
}

/// Reads back the key of a token made by [`encode`]; it must have been issued for the same
/// filters.
pub fn decode_key<K: DeserializeOwned>(token: &str, fingerprint: &str) -> Result<K, ApiError> {
    let invalid = || {
        ApiError::business(
            "NextToken",
            "INVALID_VALUE",
            "The NextToken is not valid for this request.",
        )
    };
    let bytes = URL_SAFE_NO_PAD.decode(token).map_err(|_| invalid())?;
    let cursor: Cursor<K> = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
    if cursor.q != fingerprint {
        return Err(invalid());
    }
    Ok(cursor.k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(r: &(i64, &str)) -> SortKey {
        (r.0, r.1.into())
    }

    fn seek(after: Option<SortKey>, max: usize) -> Seek {
        Seek {
            after,
            descending: true,
            max,
        }
    }

    #[test]
    fn pages_never_repeat_or_skip_even_when_rows_arrive() {
        let rows = vec![(3, "c"), (2, "b"), (2, "a"), (1, "z")];
        let (first, token) = page(rows.clone(), key, &seek(None, 2), "f");
        assert_eq!(first, [(3, "c"), (2, "b")]);
        let after = decode(&token.unwrap(), "f").unwrap();
        let mut grown = rows;
        grown.insert(0, (9, "new"));
        let (second, token) = page(grown, key, &seek(Some(after), 2), "f");
        assert_eq!(second, [(2, "a"), (1, "z")]);
        assert!(token.is_none());
    }

    #[test]
    fn refuses_tokens_from_other_filters_or_garbage() {
        let (_, token) = page(vec![(1, "a"), (0, "b")], key, &seek(None, 1), "f");
        assert!(decode(&token.unwrap(), "g").is_err());
        assert!(decode("not a token", "f").is_err());
    }
}
