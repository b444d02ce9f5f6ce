//! Tasks in flight and their client tokens, accepts and engages alike: one row per piece of
//! work (an invitation to accept, an opportunity to engage from), so no process starts a second
//! task for it (a retry, a rerun after a crash, the inbox and the command line at once) and no
//! process overwrites another's record.

use rusqlite::{params, OptionalExtension};

use super::{parse_stamp, stamp, Error, Result, Store};
use crate::domain::{SavedAccepts, SavedTask, TaskKind};

/// What a second record of the same work does: nothing (the first token wins), or add the
/// task and title when it carries the same token.
const KEEP_FIRST: &str = "DO NOTHING";
const ADD_TASK: &str = "DO UPDATE SET task_id = COALESCE(excluded.task_id, task_id), \
     title = COALESCE(excluded.title, title) WHERE client_token = excluded.client_token";

/// Writes a record under `origin`; `on_conflict` says what happens to an existing one.
fn write(
    conn: &rusqlite::Connection,
    origin: &str,
    (kind, subject): (TaskKind, &str),
    record: &SavedTask,
    on_conflict: &str,
) -> Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO tasks (origin, kind, subject, client_token, task_id, title, started_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (origin, kind, subject) {on_conflict}"
        ),
        params![
            origin,
            kind.as_str(),
            subject,
            record.client_token,
            record.task_id,
            record.title,
            stamp(record.started)
        ],
    )
    .map(drop)
    .map_err(Error::from)
}

/// Records a task under `origin` unless one is recorded for the work already.
pub(super) fn insert_if_absent(
    conn: &rusqlite::Connection,
    origin: &str,
    work: (TaskKind, &str),
    record: &SavedTask,
) -> Result<()> {
    write(conn, origin, work, record, KEEP_FIRST)
}

impl Store {
    /// Records a task about to start and returns the client token to start it with: the one
    /// already recorded for the work (by this or another process), else `record`'s.
    pub fn claim_task(
        &mut self,
        kind: TaskKind,
        subject: &str,
        record: &SavedTask,
    ) -> Result<String> {
        let key = self.key();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(Error::from)?;
        insert_if_absent(&tx, &key, (kind, subject), record)?;
        let token = tx
            .query_row(
                "SELECT client_token FROM tasks WHERE origin = ?1 AND kind = ?2 AND subject = ?3",
                params![key, kind.as_str(), subject],
                |r| r.get(0),
            )
            .map_err(Error::from)?;
        tx.commit().map_err(Error::from)?;
        Ok(token)
    }

    /// Saves what is known of a task (its id, once started). A record another process made
    /// with a different token is left alone: its token came first.
    pub fn save_task(&mut self, kind: TaskKind, subject: &str, record: &SavedTask) -> Result<()> {
        write(&self.conn, &self.key(), (kind, subject), record, ADD_TASK)
    }

    /// Drops the record of a task that ended (its token is no longer needed); true when there
    /// was one (another process may have dropped it first).
    pub fn forget_task(
        &mut self,
        kind: TaskKind,
        subject: &str,
        client_token: &str,
    ) -> Result<bool> {
        self.conn
            .execute(
                "DELETE FROM tasks WHERE origin = ?1 AND kind = ?2 AND subject = ?3 \
                 AND client_token = ?4",
                params![self.key(), kind.as_str(), subject, client_token],
            )
            .map(|rows| rows > 0)
            .map_err(Error::from)
    }

    /// The record of one piece of work, if a task is in flight for it.
    pub fn task(&self, kind: TaskKind, subject: &str) -> Result<Option<SavedTask>> {
        self.conn
            .query_row(
                "SELECT client_token, task_id, title, started_at FROM tasks \
                 WHERE origin = ?1 AND kind = ?2 AND subject = ?3",
                params![self.key(), kind.as_str(), subject],
                |r| {
                    Ok(SavedTask {
                        client_token: r.get(0)?,
                        task_id: r.get(1)?,
                        title: r.get(2)?,
                        started: parse_stamp(&r.get::<_, String>(3)?).unwrap_or_default(),
                    })
                },
            )
            .optional()
            .map_err(Error::from)
    }

    /// Every record of one kind of this origin, by subject.
    pub fn tasks(&self, kind: TaskKind) -> Result<Vec<(String, SavedTask)>> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT subject, client_token, task_id, title, started_at FROM tasks \
                 WHERE origin = ?1 AND kind = ?2 ORDER BY subject",
            )
            .map_err(Error::from)?;
        let rows = statement
            .query_map(params![self.key(), kind.as_str()], |r| {
                let task = SavedTask {
                    client_token: r.get(1)?,
                    task_id: r.get(2)?,
                    title: r.get(3)?,
                    started: parse_stamp(&r.get::<_, String>(4)?).unwrap_or_default(),
                };
                Ok((r.get(0)?, task))
            })
            .map_err(Error::from)?
            .collect::<rusqlite::Result<_>>()
            .map_err(Error::from)?;
        Ok(rows)
    }

    /// Drops every task record of this origin (the demo's, whose emulator starts afresh).
    pub fn forget_tasks(&mut self) -> Result<()> {
        self.conn
            .execute("DELETE FROM tasks WHERE origin = ?1", [self.key()])
            .map(drop)
            .map_err(Error::from)
    }

    /// Every accept record of this origin.
    pub fn accepts(&self) -> Result<SavedAccepts> {
        Ok(SavedAccepts {
            invitations: self.tasks(TaskKind::Accept)?.into_iter().collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::store::DataDir;

    fn record(token: &str, task: Option<&str>) -> SavedTask {
        SavedTask {
            client_token: token.into(),
            task_id: task.map(str::to_string),
            title: None,
            started: Utc::now(),
        }
    }

    #[test]
    fn the_first_token_claimed_for_a_piece_of_work_wins_in_every_connection() {
        let dir = tempfile::tempdir().unwrap();
        let mut one = DataDir::at(dir.path()).open().unwrap().store;
        let mut two = DataDir::at(dir.path()).open().unwrap().store;
        for (kind, subject) in [(TaskKind::Accept, "engi-1"), (TaskKind::Engage, "O1")] {
            let claim = |s: &mut Store, t| s.claim_task(kind, subject, &record(t, None)).unwrap();
            assert_eq!(claim(&mut one, "t1"), "t1");
            assert_eq!(claim(&mut two, "t2"), "t1");
            two.save_task(kind, subject, &record("t2", Some("task-2")))
                .unwrap();
            one.save_task(kind, subject, &record("t1", Some("task-1")))
                .unwrap();
            let saved = two.task(kind, subject).unwrap().unwrap();
            assert_eq!(
                (saved.client_token.as_str(), saved.task_id.as_deref()),
                ("t1", Some("task-1"))
            );
            assert!(
                !two.forget_task(kind, subject, "t2").unwrap(),
                "not its token"
            );
            assert!(one.task(kind, subject).unwrap().is_some());
            assert!(one.forget_task(kind, subject, "t1").unwrap());
            assert_eq!(two.task(kind, subject).unwrap(), None);
            assert_eq!(claim(&mut two, "t3"), "t3");
        }
        assert_eq!(one.tasks(TaskKind::Engage).unwrap().len(), 1);
        assert_eq!(
            one.accepts()
                .unwrap()
                .invitations
                .keys()
                .collect::<Vec<_>>(),
            ["engi-1"],
            "the kinds are kept apart"
        );
    }
}
