//! Accepts in flight and their client tokens, one row per invitation, so two processes never
//! start two tasks for one invitation and never overwrite each other's records.

use rusqlite::params;

use super::{parse_stamp, sql_error, stamp, Result, Store};
use crate::app::{SavedAccept, SavedAccepts};

/// What a second record of the same invitation does: nothing (the first token wins), or add
/// the task and title when it carries the same token.
const KEEP_FIRST: &str = "DO NOTHING";
const ADD_TASK: &str = "DO UPDATE SET task_id = COALESCE(excluded.task_id, task_id), \
     title = COALESCE(excluded.title, title) WHERE client_token = excluded.client_token";

/// Writes an accept record under `origin`; `on_conflict` says what happens to an existing one.
fn write(
    conn: &rusqlite::Connection,
    origin: &str,
    invitation_id: &str,
    record: &SavedAccept,
    on_conflict: &str,
) -> Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO accepts (origin, invitation_id, client_token, task_id, title, \
             started_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
             ON CONFLICT (origin, invitation_id) {on_conflict}"
        ),
        params![
            origin,
            invitation_id,
            record.client_token,
            record.task_id,
            record.title,
            stamp(record.started)
        ],
    )
    .map(drop)
    .map_err(sql_error)
}

/// Records an accept under `origin` unless one is recorded for the invitation already.
pub(super) fn insert_if_absent(
    conn: &rusqlite::Connection,
    origin: &str,
    invitation_id: &str,
    record: &SavedAccept,
) -> Result<()> {
    write(conn, origin, invitation_id, record, KEEP_FIRST)
}

impl Store {
    /// Every accept record of this origin.
    pub fn accepts(&self) -> Result<SavedAccepts> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT invitation_id, client_token, task_id, title, started_at FROM accepts \
                 WHERE origin = ?1 ORDER BY invitation_id",
            )
            .map_err(sql_error)?;
        let records = statement
            .query_map([self.key()], |r| {
                let accept = SavedAccept {
                    client_token: r.get(1)?,
                    task_id: r.get(2)?,
                    title: r.get(3)?,
                    started: parse_stamp(&r.get::<_, String>(4)?).unwrap_or_default(),
                };
                Ok((r.get(0)?, accept))
            })
            .map_err(sql_error)?
            .collect::<rusqlite::Result<_>>()
            .map_err(sql_error)?;
        Ok(SavedAccepts {
            invitations: records,
        })
    }

    /// Records an accept about to start and returns the client token to start it with: the
    /// one already recorded for the invitation (by this or another process), else `record`'s.
    pub fn claim_accept(&mut self, invitation_id: &str, record: &SavedAccept) -> Result<String> {
        let key = self.key();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(sql_error)?;
        insert_if_absent(&tx, &key, invitation_id, record)?;
        let token = tx
            .query_row(
                "SELECT client_token FROM accepts WHERE origin = ?1 AND invitation_id = ?2",
                params![key, invitation_id],
                |r| r.get(0),
            )
            .map_err(sql_error)?;
        tx.commit().map_err(sql_error)?;
        Ok(token)
    }

    /// Saves what is known of an accept (its task, once started). A record another process
    /// made with a different token is left alone: its token came first.
    pub fn save_accept(&mut self, invitation_id: &str, record: &SavedAccept) -> Result<()> {
        write(&self.conn, &self.key(), invitation_id, record, ADD_TASK)
    }

    /// Drops the record of an accept that ended (its token is no longer needed); true when
    /// there was one (another process may have dropped it first).
    pub fn forget_accept(&mut self, invitation_id: &str, client_token: &str) -> Result<bool> {
        self.conn
            .execute(
                "DELETE FROM accepts WHERE origin = ?1 AND invitation_id = ?2 \
                 AND client_token = ?3",
                params![self.key(), invitation_id, client_token],
            )
            .map(|rows| rows > 0)
            .map_err(sql_error)
    }

    /// Saves the accepts of `next` and deletes those of `before` (what this process saved
    /// last) that left it. Records other processes made are left alone.
    pub fn save_accepts(&mut self, before: &SavedAccepts, next: &SavedAccepts) -> Result<()> {
        for (id, old) in &before.invitations {
            if next.invitations.get(id).map(|a| &a.client_token) != Some(&old.client_token) {
                self.forget_accept(id, &old.client_token)?;
            }
        }
        for (id, a) in &next.invitations {
            self.save_accept(id, a)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::store::DataDir;

    fn accept(token: &str, task: Option<&str>) -> SavedAccept {
        SavedAccept {
            client_token: token.into(),
            task_id: task.map(str::to_string),
            title: None,
            started: Utc::now(),
        }
    }

    #[test]
    fn the_first_token_claimed_for_an_invitation_wins_in_every_connection() {
        let dir = tempfile::tempdir().unwrap();
        let mut one = DataDir::at(dir.path()).open().unwrap().store;
        let mut two = DataDir::at(dir.path()).open().unwrap().store;
        assert_eq!(
            one.claim_accept("engi-1", &accept("t1", None)).unwrap(),
            "t1"
        );
        assert_eq!(
            two.claim_accept("engi-1", &accept("t2", None)).unwrap(),
            "t1"
        );
        two.save_accept("engi-1", &accept("t2", Some("task-2")))
            .unwrap();
        one.save_accept("engi-1", &accept("t1", Some("task-1")))
            .unwrap();
        let saved = two.accepts().unwrap().invitations;
        assert_eq!(saved["engi-1"].client_token, "t1");
        assert_eq!(saved["engi-1"].task_id.as_deref(), Some("task-1"));
        two.forget_accept("engi-1", "t2").unwrap();
        assert!(
            one.accepts().unwrap().invitations.contains_key("engi-1"),
            "not its token"
        );
    }

    #[test]
    fn a_snapshot_deletes_only_what_this_process_saved_before() {
        let dir = tempfile::tempdir().unwrap();
        let mut inbox = DataDir::at(dir.path()).open().unwrap().store;
        let mut cli = DataDir::at(dir.path()).open().unwrap().store;
        let mut mine = SavedAccepts::default();
        mine.invitations.insert("engi-1".into(), accept("t1", None));
        inbox.save_accepts(&SavedAccepts::default(), &mine).unwrap();
        cli.claim_accept("engi-2", &accept("c2", None)).unwrap();
        inbox.save_accepts(&mine, &SavedAccepts::default()).unwrap();
        let left = cli.accepts().unwrap().invitations;
        assert_eq!(
            left.keys().collect::<Vec<_>>(),
            ["engi-2"],
            "the CLI's record stays"
        );
    }
}
