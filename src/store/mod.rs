//! The local store: one SQLite file in the data directory, `pc-inbox.db` (mode 0600, WAL), that
//! remembers between runs what the service said (invitations and their details, as last seen),
//! what the user has read, tasks in flight (accepts and engages) with their client tokens, the unsent draft and a
//! journal of every action. Everything but the journal is kept apart by [`Origin`]: where it
//! came from. Several pc-inbox processes may use one file at once; writes are transactions.

mod invitations;
mod journal;
mod legacy;
mod requests;
mod saved;
mod schema;
mod tasks;

use std::fs;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags};

/// The database file's name in the data directory.
pub const DATABASE: &str = "pc-inbox.db";

/// How long a write waits for another process's transaction before it fails.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Where data came from: the endpoint (`aws` for the real service, `demo` for the embedded
/// emulator, else its URL), the catalog and the identity (profile or access key id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub endpoint: String,
    pub catalog: String,
    pub identity: String,
}

impl Origin {
    /// The key rows are stored under.
    pub fn key(&self) -> String {
        format!("{}|{}|{}", self.endpoint, self.catalog, self.identity)
    }
}

impl Default for Origin {
    fn default() -> Self {
        Origin {
            endpoint: "default".into(),
            catalog: "AWS".into(),
            identity: "default".into(),
        }
    }
}

/// The data directory (`$XDG_DATA_HOME/pc-inbox` or the platform's default), seen from one
/// origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    path: PathBuf,
    origin: Origin,
}

impl DataDir {
    /// A data directory at `path` (created when first used), for the default origin.
    pub fn at(path: impl Into<PathBuf>) -> Self {
        DataDir {
            path: path.into(),
            origin: Origin::default(),
        }
    }

    /// The same directory, seen from `origin`.
    pub fn for_origin(self, origin: Origin) -> Self {
        DataDir { origin, ..self }
    }

    /// The platform's data directory for pc-inbox, if the home directory is known.
    pub fn default_location() -> Option<Self> {
        directories::ProjectDirs::from("", "", "pc-inbox").map(|d| DataDir::at(d.data_dir()))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// Creates the directory, private to the user (0700) whatever it was before.
    pub fn create(&self) -> Result<()> {
        let fail = |source| Error::File {
            path: self.path.clone(),
            source,
        };
        crate::files::private_dir(&self.path).map_err(fail)
    }

    /// Opens the store. A file that is not a readable database is moved aside, with a
    /// warning that says where, and a new one is started; files of older versions are
    /// imported once.
    pub fn open(&self) -> Result<Opened> {
        self.create()?;
        let file = self.path.join(DATABASE);
        let mut warnings = Vec::new();
        let conn = match connect(&file) {
            Ok(conn) => conn,
            Err(OpenError::Damaged(e)) => {
                let aside = move_aside(&file)?;
                warnings.push(format!(
                    "The local store {} could not be read ({e}); it was moved to {} and a new \
                     one was started.",
                    file.display(),
                    aside.display()
                ));
                connect(&file).map_err(|e| opening(&file, e))?
            }
            Err(e) => return Err(opening(&file, e)),
        };
        let mut store = Store {
            conn,
            origin: self.origin.clone(),
            data_version: 0,
            durable: true,
        };
        store.changed_elsewhere()?;
        warnings.extend(legacy::import(&mut store, &self.path));
        Ok(Opened { store, warnings })
    }
}

/// A freshly opened store and what went wrong on the way (shown to the user).
pub struct Opened {
    pub store: Store,
    pub warnings: Vec<String>,
}

/// A connection to the store, seen from one origin.
pub struct Store {
    conn: Connection,
    origin: Origin,
    /// SQLite's `data_version` when last asked: it moves when another connection commits.
    data_version: i64,
    /// Kept on disk: false for a store in memory, which a restart does not find again.
    durable: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("origin", &self.origin)
            .finish()
    }
}

impl Store {
    /// A store in memory, for a run that has no data directory it can use: the inbox reads
    /// its rows the same way, and nothing outlives the run.
    pub fn in_memory(origin: Origin) -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        schema::migrate(&mut conn).map_err(|e| opening(Path::new(":memory:"), e))?;
        let mut store = Store {
            conn,
            origin,
            data_version: 0,
            durable: false,
        };
        store.changed_elsewhere()?;
        Ok(store)
    }

    /// True for a store on disk, which the next run finds again.
    pub fn durable(&self) -> bool {
        self.durable
    }

    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The schema version of the file (how many migrations have run on it).
    pub fn schema_version(&self) -> Result<usize> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    fn key(&self) -> String {
        self.origin.key()
    }
}

/// A store failure, said so that the user knows where it happened.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite refused: a damaged page, a full disk, a read-only file system, a newer schema.
    #[error("local store: {0}")]
    Sql(#[from] rusqlite::Error),
    /// A file or folder of the store.
    #[error("{}: {source}", path.display())]
    File {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The database file could not be opened.
    #[error("{}: {why}", path.display())]
    Open { path: PathBuf, why: String },
    /// A saved record that does not parse, or a value that does not serialize.
    #[error("{what}: {source}")]
    Json {
        what: String,
        #[source]
        source: serde_json::Error,
    },
}

/// The result of a store operation.
pub type Result<T> = std::result::Result<T, Error>;

fn opening(file: &Path, e: OpenError) -> Error {
    Error::Open {
        path: file.to_path_buf(),
        why: e.to_string(),
    }
}

/// Why the database could not be opened.
#[derive(Debug)]
enum OpenError {
    /// The file is not a database, or a damaged one.
    Damaged(String),
    /// Anything else (permissions, a newer version's schema, a full disk): the file is left
    /// alone.
    Other(String),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Damaged(e) | OpenError::Other(e) => f.write_str(e),
        }
    }
}

impl From<rusqlite::Error> for OpenError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                OpenError::Damaged(e.to_string())
            }
            _ => OpenError::Other(e.to_string()),
        }
    }
}

/// Opens (creating, 0600) and migrates the database file.
fn connect(file: &Path) -> std::result::Result<Connection, OpenError> {
    let created = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(file)
        // Closed before SQLite opens the file, never after: closing any descriptor of it
        // drops every POSIX lock this process holds on it, SQLite's too, and another process
        // that then thinks it is the last one checkpoints and deletes the WAL under us.
        .map(drop);
    if created.is_ok() {
        let _ = fs::set_permissions(file, fs::Permissions::from_mode(0o600));
    }
    let mut conn = Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    write_ahead_log(&conn)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    schema::migrate(&mut conn)?;
    private_side_files(file);
    Ok(conn)
}

/// Puts the file in WAL mode. Switching a new file needs an exclusive lock, and when two
/// processes switch at once SQLite answers one of them "database is locked" at once instead of
/// calling the busy handler (waiting could deadlock); so that answer is retried here, within
/// the busy timeout.
fn write_ahead_log(conn: &Connection) -> rusqlite::Result<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == ErrorCode::DatabaseBusy && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

/// Sets the WAL and shared-memory files to 0600. SQLite creates them with the database's mode,
/// but keeps the mode of ones another connection, or a run that crashed, left behind.
fn private_side_files(file: &Path) {
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", file.display()));
        let _ = fs::set_permissions(side, fs::Permissions::from_mode(0o600));
    }
}

/// Moves a damaged database (and its WAL files) to `pc-inbox.db.damaged-<time>`.
fn move_aside(file: &Path) -> Result<PathBuf> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%S");
    let aside = file.with_extension(format!("db.damaged-{stamp}"));
    fs::rename(file, &aside).map_err(|source| Error::File {
        path: file.to_path_buf(),
        source,
    })?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", file.display()));
        if side.exists() {
            let _ = fs::rename(&side, format!("{}{suffix}", aside.display()));
        }
    }
    sync_parent(file);
    Ok(aside)
}

/// Makes the renames in `file`'s directory durable (a crash right after must not undo them).
/// Best effort: a directory that cannot be synced changes nothing that was renamed.
pub(super) fn sync_parent(file: &Path) {
    if let Some(dir) = file.parent() {
        if let Ok(dir) = fs::File::open(dir) {
            let _ = dir.sync_all();
        }
    }
}

/// A time as stored: RFC 3339 UTC with milliseconds, so text order is time order.
fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn parse_stamp(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_connections_opening_a_new_file_at_once_all_open_it() {
        for _ in 0..20 {
            let dir = tempfile::tempdir().unwrap();
            let data = DataDir::at(dir.path());
            let barrier = std::sync::Arc::new(std::sync::Barrier::new(6));
            let opened: Vec<_> = (0..6)
                .map(|_| {
                    let (data, barrier) = (data.clone(), barrier.clone());
                    std::thread::spawn(move || {
                        barrier.wait();
                        data.open().map(drop)
                    })
                })
                .collect();
            for handle in opened {
                handle.join().unwrap().unwrap();
            }
        }
    }

    #[test]
    fn the_file_and_directory_are_private() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path().join("pc-inbox"));
        fs::create_dir_all(data.path()).unwrap();
        fs::set_permissions(data.path(), fs::Permissions::from_mode(0o755)).unwrap();
        fs::write(data.path().join(DATABASE), b"").unwrap();
        fs::set_permissions(
            data.path().join(DATABASE),
            fs::Permissions::from_mode(0o644),
        )
        .unwrap();
        data.open().unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(data.path()), 0o700);
        assert_eq!(mode(&data.path().join(DATABASE)), 0o600);
    }

    fn side_file(data: &DataDir, suffix: &str) -> PathBuf {
        PathBuf::from(format!("{}{suffix}", data.path().join(DATABASE).display()))
    }

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn the_wal_and_shared_memory_files_are_private_after_a_write() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path());
        let mut store = data.open().unwrap().store;
        store.save_draft(Some(&"a draft")).unwrap();
        for suffix in ["-wal", "-shm"] {
            assert_eq!(mode(&side_file(&data, suffix)), 0o600, "{suffix}");
        }
    }

    #[test]
    fn side_files_left_readable_by_an_earlier_run_become_private() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path());
        let mut crashed = data.open().unwrap().store;
        crashed.save_draft(Some(&"a draft")).unwrap();
        for suffix in ["-wal", "-shm"] {
            let side = side_file(&data, suffix);
            fs::set_permissions(&side, fs::Permissions::from_mode(0o644)).unwrap();
        }
        let mut store = data.open().unwrap().store;
        store.save_draft(Some(&"another draft")).unwrap();
        for suffix in ["-wal", "-shm"] {
            assert_eq!(mode(&side_file(&data, suffix)), 0o600, "{suffix}");
        }
        drop(crashed);
    }

    #[test]
    fn a_damaged_file_is_moved_aside_and_a_new_store_starts() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path());
        fs::write(dir.path().join(DATABASE), vec![0x5a; 8192]).unwrap();
        let opened = data.open().unwrap();
        assert_eq!(opened.warnings.len(), 1, "{:?}", opened.warnings);
        assert!(opened.warnings[0].contains("moved to"));
        let aside: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("damaged"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            fs::read(aside[0].path()).unwrap(),
            vec![0x5a; 8192],
            "kept as it was"
        );
        assert!(
            opened.store.journal(None).unwrap().is_empty(),
            "a working store"
        );
    }
}
