//! The database's schema, one migration per version. Never edit a released migration: add one.

use rusqlite::{Connection, TransactionBehavior};

use super::OpenError;

/// One migration: SQL, or SQL and a pass over the data in Rust.
type Migration = fn(&Connection) -> rusqlite::Result<()>;

/// Every migration, oldest first; `PRAGMA user_version` records how many have run.
const MIGRATIONS: [Migration; 6] = [
    |c| c.execute_batch(V1),
    |c| c.execute_batch(V2),
    |c| {
        c.execute_batch(V3)?;
        super::invitations::backfill_spend(c)
    },
    |c| c.execute_batch(V4),
    |c| c.execute_batch(V5),
    |c| c.execute_batch(V6),
];

/// Brings the schema up to date. The version is read again inside a `BEGIN IMMEDIATE`
/// transaction, with the write lock held, so of several processes opening a new file at once
/// one migrates and the others wait and find it done (a version read before the lock may be
/// stale: migrating from it would run a migration twice).
pub fn migrate(conn: &mut Connection) -> Result<(), OpenError> {
    if version(conn)? == MIGRATIONS.len() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let from = version(&tx)?;
    if from > MIGRATIONS.len() {
        return Err(OpenError::Other(format!(
            "it has schema version {from}, made by a newer version of pc-inbox (this one knows \
             versions up to {})",
            MIGRATIONS.len()
        )));
    }
    for step in &MIGRATIONS[from..] {
        step(&tx)?;
    }
    tx.pragma_update(None, "user_version", MIGRATIONS.len())?;
    tx.commit()?;
    Ok(())
}

/// How many migrations have run on the file.
fn version(conn: &Connection) -> rusqlite::Result<usize> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Version 1: cached invitations (with what was read), accepts in flight, drafts, the journal.
const V1: &str = "
CREATE TABLE invitations (
    origin TEXT NOT NULL,
    id TEXT NOT NULL,
    participant TEXT NOT NULL,
    status TEXT,
    payload_type TEXT,
    invitation_date INTEGER,
    arn TEXT,
    catalog TEXT NOT NULL,
    engagement_id TEXT,
    engagement_title TEXT,
    expiration_date INTEGER,
    sender_account_id TEXT,
    sender_company TEXT,
    receiver_account_id TEXT,
    receiver_alias TEXT,
    customer TEXT,
    detail TEXT,
    fetched_at INTEGER NOT NULL,
    first_seen_at INTEGER NOT NULL,
    read_at INTEGER,
    PRIMARY KEY (origin, id)
) WITHOUT ROWID;

CREATE TABLE accepts (
    origin TEXT NOT NULL,
    invitation_id TEXT NOT NULL,
    client_token TEXT NOT NULL,
    task_id TEXT,
    title TEXT,
    started_at TEXT NOT NULL,
    PRIMARY KEY (origin, invitation_id)
) WITHOUT ROWID;

CREATE TABLE drafts (
    origin TEXT PRIMARY KEY NOT NULL,
    draft TEXT NOT NULL,
    saved_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE journal (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    origin TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    identity TEXT NOT NULL,
    catalog TEXT NOT NULL,
    action TEXT NOT NULL,
    invitation_id TEXT,
    client_token TEXT,
    task_id TEXT,
    outcome TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX journal_by_time ON journal (at);
";

/// Drafts and bulk actions share one form: a JSON value per origin.
const V2: &str = "
ALTER TABLE drafts RENAME COLUMN draft TO value;

CREATE TABLE bulk (
    origin TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    saved_at TEXT NOT NULL
) WITHOUT ROWID;
";

/// The expected monthly spend of each invitation with a detail, for sorting by it; the
/// migration works it out for the details already stored.
const V3: &str = "
ALTER TABLE invitations ADD COLUMN monthly_spend REAL;
";

/// Engagements started from the partner's own opportunities: their client tokens while the
/// task runs, and the opportunity each journal entry is about.
const V4: &str = "
CREATE TABLE engages (
    origin TEXT NOT NULL,
    opportunity_id TEXT NOT NULL,
    client_token TEXT NOT NULL,
    task_id TEXT,
    started_at TEXT NOT NULL,
    PRIMARY KEY (origin, opportunity_id)
) WITHOUT ROWID;

ALTER TABLE journal ADD COLUMN opportunity_id TEXT;
";

/// One table for the tasks in flight, accepts and engages alike: what a task is for is its
/// kind (`accept`, `engage`) and subject (the invitation, the opportunity).
const V5: &str = "
CREATE TABLE tasks (
    origin TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    client_token TEXT NOT NULL,
    task_id TEXT,
    title TEXT,
    started_at TEXT NOT NULL,
    PRIMARY KEY (origin, kind, subject)
) WITHOUT ROWID;

INSERT INTO tasks (origin, kind, subject, client_token, task_id, title, started_at)
    SELECT origin, 'accept', invitation_id, client_token, task_id, title, started_at FROM accepts;
INSERT INTO tasks (origin, kind, subject, client_token, task_id, title, started_at)
    SELECT origin, 'engage', opportunity_id, client_token, task_id, NULL, started_at FROM engages;

DROP TABLE accepts;
DROP TABLE engages;
";

/// Version 6: requests made per origin and UTC day (the service's daily quotas count them the
/// same way), and when each origin last looked at the service successfully.
const V6: &str = "
CREATE TABLE requests (
    origin TEXT NOT NULL,
    day TEXT NOT NULL,
    reads INTEGER NOT NULL DEFAULT 0,
    writes INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (origin, day)
) WITHOUT ROWID;

CREATE TABLE looks (
    origin TEXT PRIMARY KEY,
    at TEXT NOT NULL
) WITHOUT ROWID;
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_5_moves_the_accepts_and_engages_in_flight_into_one_tasks_table() {
        let mut conn = Connection::open_in_memory().unwrap();
        for step in &MIGRATIONS[..4] {
            step(&conn).unwrap();
        }
        conn.pragma_update(None, "user_version", 4).unwrap();
        conn.execute_batch(
            "INSERT INTO accepts VALUES ('o', 'engi-1', 't1', 'task-1', 'Title', '2026-12-07T10:00:00Z');
             INSERT INTO engages VALUES ('o', 'O1', 't2', NULL, '2026-12-07T11:00:00Z');",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        type Row = (String, String, String, Option<String>, Option<String>);
        let rows: Vec<Row> = conn
            .prepare("SELECT kind, subject, client_token, task_id, title FROM tasks ORDER BY kind")
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                (
                    "accept".into(),
                    "engi-1".into(),
                    "t1".into(),
                    Some("task-1".into()),
                    Some("Title".into())
                ),
                ("engage".into(), "O1".into(), "t2".into(), None, None),
            ]
        );
        let old: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('accepts', 'engages')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(old, 0, "the old tables are gone");
    }

    #[test]
    fn the_migrations_run_once_and_a_newer_schema_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), MIGRATIONS.len());
        migrate(&mut conn).expect("an up-to-date file is left alone");
        conn.pragma_update(None, "user_version", MIGRATIONS.len() + 1)
            .unwrap();
        let newer = migrate(&mut conn).unwrap_err();
        assert!(
            matches!(&newer, OpenError::Other(e) if e.contains("newer version")),
            "{newer:?}"
        );
    }
}
