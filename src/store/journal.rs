//! The journal table: entries are only ever added.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{parse_stamp, stamp, Error, Result, Store};
use crate::domain::journal::{Action, Entry, Outcome};

impl Store {
    /// Adds an entry, under this store's origin.
    pub fn journal_append(&mut self, entry: &Entry) -> Result<()> {
        let o = &self.origin;
        self.conn
            .execute(
                "INSERT INTO journal (at, origin, endpoint, identity, catalog, action, \
                 invitation_id, client_token, task_id, outcome, detail, opportunity_id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    stamp(entry.time),
                    o.key(),
                    o.endpoint,
                    o.identity,
                    o.catalog,
                    entry.action.as_str(),
                    entry.invitation_id,
                    entry.client_token,
                    entry.task_id,
                    match entry.outcome {
                        Outcome::Succeeded => "Succeeded",
                        Outcome::Failed => "Failed",
                    },
                    entry.detail,
                    entry.opportunity_id,
                ],
            )
            .map(drop)
            .map_err(Error::from)
    }

    /// Every entry (of every origin) since `since`, oldest first. Entries of actions a newer
    /// version added are left out.
    pub fn journal(&self, since: Option<DateTime<Utc>>) -> Result<Vec<Entry>> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT at, action, outcome, invitation_id, client_token, task_id, detail, \
                 endpoint, identity, catalog, opportunity_id FROM journal WHERE at >= ?1 ORDER BY at, seq",
            )
            .map_err(Error::from)?;
        let since = since.map(stamp).unwrap_or_default();
        let entries = statement
            .query_map([since], |r| {
                let at: String = r.get(0)?;
                let action: String = r.get(1)?;
                let outcome: String = r.get(2)?;
                let Some(action) = Action::parse(&action) else {
                    return Ok(None);
                };
                Ok(Some(Entry {
                    time: parse_stamp(&at).unwrap_or_default(),
                    action,
                    outcome: if outcome == "Succeeded" {
                        Outcome::Succeeded
                    } else {
                        Outcome::Failed
                    },
                    invitation_id: r.get(3)?,
                    opportunity_id: r.get(10)?,
                    client_token: r.get(4)?,
                    task_id: r.get(5)?,
                    detail: r.get(6)?,
                    endpoint: r.get(7)?,
                    identity: r.get(8)?,
                    catalog: r.get(9)?,
                }))
            })
            .map_err(Error::from)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(Error::from)?;
        Ok(entries.into_iter().flatten().collect())
    }
}
