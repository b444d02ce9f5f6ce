//! Engages in flight and their client tokens, one row per opportunity, so that no process
//! starts a second engagement task for an opportunity (a retry, a rerun after a crash, the
//! inbox and the command line at once).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::{parse_stamp, sql_error, stamp, Result, Store};

/// An engage started (or about to start) from an opportunity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedEngage {
    pub client_token: String,
    /// Known once the service answered the start.
    pub task_id: Option<String>,
    pub started: DateTime<Utc>,
}

impl Store {
    /// Records an engage about to start and returns the client token to start it with: the
    /// one already recorded for the opportunity (by this or another process), else `record`'s.
    pub fn claim_engage(&mut self, opportunity_id: &str, record: &SavedEngage) -> Result<String> {
        let key = self.key();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(sql_error)?;
        tx.execute(
            "INSERT INTO engages (origin, opportunity_id, client_token, task_id, started_at) \
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (origin, opportunity_id) DO NOTHING",
            params![
                key,
                opportunity_id,
                record.client_token,
                record.task_id,
                stamp(record.started)
            ],
        )
        .map_err(sql_error)?;
        let token = tx
            .query_row(
                "SELECT client_token FROM engages WHERE origin = ?1 AND opportunity_id = ?2",
                params![key, opportunity_id],
                |r| r.get(0),
            )
            .map_err(sql_error)?;
        tx.commit().map_err(sql_error)?;
        Ok(token)
    }

    /// Adds the task to the record of an engage started with `client_token`.
    pub fn save_engage_task(
        &mut self,
        opportunity_id: &str,
        client_token: &str,
        task_id: &str,
    ) -> Result<()> {
        self.conn
            .execute(
                "UPDATE engages SET task_id = ?4 WHERE origin = ?1 AND opportunity_id = ?2 \
                 AND client_token = ?3",
                params![self.key(), opportunity_id, client_token, task_id],
            )
            .map(drop)
            .map_err(sql_error)
    }

    /// The engage recorded for an opportunity, if one is in flight.
    pub fn engage(&self, opportunity_id: &str) -> Result<Option<SavedEngage>> {
        self.conn
            .query_row(
                "SELECT client_token, task_id, started_at FROM engages \
                 WHERE origin = ?1 AND opportunity_id = ?2",
                params![self.key(), opportunity_id],
                |r| {
                    Ok(SavedEngage {
                        client_token: r.get(0)?,
                        task_id: r.get(1)?,
                        started: parse_stamp(&r.get::<_, String>(2)?).unwrap_or_default(),
                    })
                },
            )
            .optional()
            .map_err(sql_error)
    }

    /// Every engage in flight, oldest first.
    pub fn engages(&self) -> Result<Vec<(String, SavedEngage)>> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT opportunity_id, client_token, task_id, started_at FROM engages \
                 WHERE origin = ?1 ORDER BY started_at",
            )
            .map_err(sql_error)?;
        let rows = statement
            .query_map([self.key()], |r| {
                let engage = SavedEngage {
                    client_token: r.get(1)?,
                    task_id: r.get(2)?,
                    started: parse_stamp(&r.get::<_, String>(3)?).unwrap_or_default(),
                };
                Ok((r.get(0)?, engage))
            })
            .map_err(sql_error)?
            .collect::<rusqlite::Result<_>>()
            .map_err(sql_error)?;
        Ok(rows)
    }

    /// Drops the record of an engage that ended (its token is no longer needed); true when
    /// there was one (another process may have dropped it first).
    pub fn forget_engage(&mut self, opportunity_id: &str, client_token: &str) -> Result<bool> {
        self.conn
            .execute(
                "DELETE FROM engages WHERE origin = ?1 AND opportunity_id = ?2 \
                 AND client_token = ?3",
                params![self.key(), opportunity_id, client_token],
            )
            .map(|rows| rows > 0)
            .map_err(sql_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::DataDir;

    fn engage(token: &str) -> SavedEngage {
        SavedEngage {
            client_token: token.into(),
            task_id: None,
            started: Utc::now(),
        }
    }

    #[test]
    fn the_first_token_claimed_for_an_opportunity_wins_until_it_is_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let mut one = DataDir::at(dir.path()).open().unwrap().store;
        let mut two = DataDir::at(dir.path()).open().unwrap().store;
        assert_eq!(one.claim_engage("O1", &engage("t1")).unwrap(), "t1");
        assert_eq!(two.claim_engage("O1", &engage("t2")).unwrap(), "t1");
        two.save_engage_task("O1", "t2", "oit-2").unwrap();
        one.save_engage_task("O1", "t1", "oit-1").unwrap();
        let saved = two.engage("O1").unwrap().unwrap();
        assert_eq!(
            (saved.client_token.as_str(), saved.task_id.as_deref()),
            ("t1", Some("oit-1"))
        );
        two.forget_engage("O1", "t2").unwrap();
        assert!(one.engage("O1").unwrap().is_some(), "not its token");
        one.forget_engage("O1", "t1").unwrap();
        assert_eq!(two.engage("O1").unwrap(), None);
        assert_eq!(two.claim_engage("O1", &engage("t3")).unwrap(), "t3");
        two.save_engage_task("O1", "t3", "task-3").unwrap();
        let all = one.engages().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].0, "O1");
        assert_eq!(all[0].1.task_id.as_deref(), Some("task-3"));
    }
}
