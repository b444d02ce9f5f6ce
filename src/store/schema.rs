//! The database's schema, one migration per version. Never edit a released migration: add one.

use rusqlite_migration::{Migrations, M};

/// Every migration, oldest first; `PRAGMA user_version` records how many have run.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(V1)])
}

/// Version 1: cached invitations (with what was read), accepts in flight, drafts, the journal.
const V1: &str = "
CREATE TABLE invitations (
    origin TEXT NOT NULL,
    id TEXT NOT NULL,
    participant TEXT NOT NULL,
    status TEXT,
    payload_type TEXT,
    invitation_date TEXT,
    arn TEXT,
    catalog TEXT NOT NULL,
    engagement_id TEXT,
    engagement_title TEXT,
    expiration_date TEXT,
    sender_account_id TEXT,
    sender_company TEXT,
    receiver_account_id TEXT,
    receiver_alias TEXT,
    customer TEXT,
    detail TEXT,
    fetched_at TEXT NOT NULL,
    first_seen_at TEXT NOT NULL,
    read_at TEXT,
    PRIMARY KEY (origin, id)
) WITHOUT ROWID;
CREATE INDEX invitations_by_view ON invitations (origin, participant, invitation_date);

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

#[cfg(test)]
mod tests {
    #[test]
    fn the_migrations_are_valid() {
        super::migrations().validate().unwrap();
    }
}
