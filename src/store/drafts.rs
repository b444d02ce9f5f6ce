//! The unsent invitation draft of each origin, in its own JSON form.

use chrono::Utc;
use rusqlite::{params, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{sql_error, stamp, Result, Store};

impl Store {
    /// The unsent draft, if any. A draft this version cannot read is an error, not lost.
    pub fn draft<T: DeserializeOwned>(&self) -> Result<Option<T>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT draft FROM drafts WHERE origin = ?1",
                [self.key()],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_error)?;
        json.map(|j| serde_json::from_str(&j).map_err(|e| format!("the saved draft: {e}")))
            .transpose()
    }

    /// Saves the draft, or removes it when `None`.
    pub fn save_draft<T: Serialize>(&mut self, draft: Option<&T>) -> Result<()> {
        let result = match draft {
            Some(d) => {
                let json = serde_json::to_string(d).map_err(|e| format!("the draft: {e}"))?;
                self.conn.execute(
                    "INSERT INTO drafts (origin, draft, saved_at) VALUES (?1, ?2, ?3) \
                     ON CONFLICT (origin) DO UPDATE SET draft = excluded.draft, \
                     saved_at = excluded.saved_at",
                    params![self.key(), json, stamp(Utc::now())],
                )
            }
            None => self
                .conn
                .execute("DELETE FROM drafts WHERE origin = ?1", [self.key()]),
        };
        result.map(drop).map_err(sql_error)
    }
}
