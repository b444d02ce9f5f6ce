//! What the service was asked, per origin and UTC day, and when an origin last looked at it
//! successfully: for `pc-inbox status`, and for the count the inbox shows.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};

use super::{parse_stamp, stamp, Result, Store};
use crate::domain::Requests;

/// Days of counts kept; older ones go as new ones are added.
const KEPT_DAYS: i64 = 30;

impl Store {
    /// Adds requests made to the origin's counts.
    pub fn count_requests(&mut self, counted: &BTreeMap<NaiveDate, Requests>) -> Result<()> {
        let key = self.key();
        let tx = self.conn.transaction()?;
        for (day, requests) in counted {
            tx.execute(
                "INSERT INTO requests (origin, day, reads, writes) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (origin, day) DO UPDATE SET reads = reads + excluded.reads, \
                 writes = writes + excluded.writes",
                params![key, day.to_string(), requests.reads, requests.writes],
            )?;
        }
        if let Some(newest) = counted.keys().next_back() {
            let oldest = *newest - chrono::Duration::days(KEPT_DAYS);
            tx.execute(
                "DELETE FROM requests WHERE day < ?1",
                params![oldest.to_string()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The origin's requests on `day`, by every process that counted them.
    pub fn requests_on(&self, day: NaiveDate) -> Result<Requests> {
        let found = self
            .conn
            .query_row(
                "SELECT reads, writes FROM requests WHERE origin = ?1 AND day = ?2",
                params![self.key(), day.to_string()],
                |row| {
                    Ok(Requests {
                        reads: row.get(0)?,
                        writes: row.get(1)?,
                    })
                },
            )
            .optional()?;
        Ok(found.unwrap_or_default())
    }

    /// Notes a successful look at the service.
    pub fn looked(&mut self, at: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO looks (origin, at) VALUES (?1, ?2) \
             ON CONFLICT (origin) DO UPDATE SET at = excluded.at WHERE excluded.at > at",
            params![self.key(), stamp(at)],
        )?;
        Ok(())
    }

    /// The origin's last successful look, by any process.
    pub fn last_look(&self) -> Result<Option<DateTime<Utc>>> {
        let at: Option<String> = self
            .conn
            .query_row(
                "SELECT at FROM looks WHERE origin = ?1",
                params![self.key()],
                |row| row.get(0),
            )
            .optional()?;
        Ok(at.as_deref().and_then(parse_stamp))
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::store::DataDir;

    #[test]
    fn counts_add_up_per_day_and_old_days_go() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = DataDir::at(dir.path()).open().unwrap().store;
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let one = |reads, writes| Requests { reads, writes };
        store
            .count_requests(&BTreeMap::from([(day(1), one(5, 1))]))
            .unwrap();
        store
            .count_requests(&BTreeMap::from([(day(1), one(2, 0)), (day(7), one(1, 1))]))
            .unwrap();
        assert_eq!(store.requests_on(day(1)).unwrap(), one(7, 1));
        assert_eq!(store.requests_on(day(2)).unwrap(), Requests::default());
        let later = day(1) + chrono::Duration::days(KEPT_DAYS + 1);
        store
            .count_requests(&BTreeMap::from([(later, one(1, 0))]))
            .unwrap();
        assert_eq!(store.requests_on(day(1)).unwrap(), Requests::default());
        assert_eq!(store.requests_on(day(7)).unwrap(), one(1, 1));
    }

    #[test]
    fn the_last_look_only_moves_forward() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = DataDir::at(dir.path()).open().unwrap().store;
        assert_eq!(store.last_look().unwrap(), None);
        let at = |m| Utc.with_ymd_and_hms(2026, 12, 7, 10, m, 0).unwrap();
        store.looked(at(5)).unwrap();
        store.looked(at(1)).unwrap();
        assert_eq!(store.last_look().unwrap(), Some(at(5)));
    }
}
