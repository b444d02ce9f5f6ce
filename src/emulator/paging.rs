//! Opaque NextTokens that stay valid while data changes: a token names the sort key of the last
//! row returned, not an offset, so inserts and deletes never shift a page. A page also stops
//! early, with a token, before its answer passes [`PAGE_BYTES`].

use std::io;
use std::sync::Arc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::error::ApiError;

/// The most the rows of one page may take, serialized. Items have no size limit of their own
/// (an address part may be megabytes long), so a page of the number of rows asked for could
/// answer hundreds of megabytes: a page whose rows would pass this stops early with a
/// NextToken, as the service's own pages do. A page always holds at least one row.
pub const PAGE_BYTES: usize = 4 * 1024 * 1024;

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

/// Cuts one page out of `rows`, which must already be in listing order (by key, then id), and
/// summarizes its rows as [`fit`] does. Returns the summaries and the token for the next page.
pub fn page<T, S: Serialize>(
    rows: Vec<T>,
    key: impl Fn(&T) -> SortKey,
    summary: impl Fn(&T) -> S,
    seek: &Seek,
    fingerprint: &str,
) -> (Vec<S>, Option<String>) {
    let mut rows: Vec<T> = rows.into_iter().filter(|r| seek.follows(&key(r))).collect();
    let more = rows.len() > seek.max;
    rows.truncate(seek.max);
    let (summaries, cut) = fit(&mut rows, summary);
    let token = rows
        .last()
        .filter(|_| more || cut)
        .map(|r| token(&key(r), fingerprint));
    (summaries, token)
}

/// Summarizes the rows of a page in order while they fit in [`PAGE_BYTES`], always the first:
/// drops the rows that do not fit from `rows`, and returns the summaries with whether it
/// dropped any (then the page needs a NextToken after its new last row).
pub fn fit<T, S: Serialize>(rows: &mut Vec<T>, summary: impl Fn(&T) -> S) -> (Vec<S>, bool) {
    let mut summaries = Vec::new();
    let mut bytes = 0;
    for row in rows.iter() {
        let s = summary(row);
        // The item and the comma before the next.
        bytes += serialized_len(&s) + 1;
        if bytes > PAGE_BYTES && !summaries.is_empty() {
            break;
        }
        summaries.push(s);
    }
    let cut = summaries.len() < rows.len();
    rows.truncate(summaries.len());
    (summaries, cut)
}

/// How many bytes `value` takes as JSON, counted without keeping them.
fn serialized_len(value: &impl Serialize) -> usize {
    struct Count(usize);
    impl io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    // Writing to a counter fails only for a value that does not serialize, which then adds
    // nothing to the page.
    let _ = serde_json::to_writer(&mut count, value);
    count.0
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
        let (first, token) = page(rows.clone(), key, |r| *r, &seek(None, 2), "f");
        assert_eq!(first, [(3, "c"), (2, "b")]);
        let after = decode(&token.unwrap(), "f").unwrap();
        let mut grown = rows;
        grown.insert(0, (9, "new"));
        let (second, token) = page(grown, key, |r| *r, &seek(Some(after), 2), "f");
        assert_eq!(second, [(2, "a"), (1, "z")]);
        assert!(token.is_none());
    }

    #[test]
    fn refuses_tokens_from_other_filters_or_garbage() {
        let (_, token) = page(vec![(1, "a"), (0, "b")], key, |r| *r, &seek(None, 1), "f");
        assert!(decode(&token.unwrap(), "g").is_err());
        assert!(decode("not a token", "f").is_err());
    }

    #[test]
    fn a_page_stops_before_its_rows_pass_the_byte_limit_and_the_next_goes_on_from_there() {
        // Three rows of 1.5 MiB: two fit in 4 MiB, the third starts the next page.
        let big = |id: &str| (id.to_string(), "x".repeat(1536 * 1024));
        let rows = vec![big("c"), big("b"), big("a")];
        let key = |r: &(String, String)| (0, r.0.as_str().into());
        let summary = |r: &(String, String)| r.clone();
        let (first, token) = page(rows.clone(), key, summary, &seek(None, 20), "f");
        assert_eq!(first.iter().map(|r| &r.0).collect::<Vec<_>>(), ["c", "b"]);
        let after = decode(&token.expect("a page cut short has a token"), "f").unwrap();
        let (second, token) = page(rows, key, summary, &seek(Some(after), 20), "f");
        assert_eq!(second.iter().map(|r| &r.0).collect::<Vec<_>>(), ["a"]);
        assert!(token.is_none());
    }

    #[test]
    fn a_page_holds_one_row_even_if_that_row_alone_passes_the_limit() {
        let mut rows = vec!["x".repeat(PAGE_BYTES + 1), "y".into()];
        let (summaries, cut) = fit(&mut rows, |r| r.clone());
        assert_eq!(summaries.len(), 1);
        assert!(cut);
        assert_eq!(rows.len(), 1);
    }
}
