//! The index file: SQLite in WAL mode in the user's cache folder. It is a
//! cache: a file that is damaged, from another version of sinmun or not
//! ours at all is emptied or replaced, never trusted; several readers may
//! use it at once (each write waits for the others).

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use crate::sqlite_files::with_companions;

/// `PRAGMA user_version` of the schema below.
const SCHEMA_VERSION: i64 = 4;

/// How long a write waits for another reader's write to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The page size of a new index file: with SQLite's 4 KiB a cold build of
/// 100,000 posts took 15 % longer (a write call a page); 32 KiB pages made
/// the file 25 % larger.
const PAGE_SIZE: i64 = 16384;

/// What else decides what the index holds: how files are read into posts
/// and search texts. Another sinmun version may read files differently, so
/// its index is rebuilt.
pub(super) fn rules() -> String {
    format!(
        "sinmun {} reading {} records {} search {}",
        env!("CARGO_PKG_VERSION"),
        crate::post::READING_RULES,
        super::record::FORMAT,
        super::grams::RULES
    )
}

const SCHEMA: &str = "
CREATE TABLE files (
    -- never reused: search postings name documents by it
    doc INTEGER PRIMARY KEY AUTOINCREMENT,
    path BLOB NOT NULL UNIQUE,
    dev INTEGER NOT NULL,
    ino INTEGER NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    -- 0 when the file changed just before it was read: read it again
    settled INTEGER NOT NULL,
    -- where the walk found it (its id, categories, kind of folder, format)
    source INTEGER NOT NULL,
    record BLOB NOT NULL,
    -- a fingerprint of the includes its search text took in; 0: none
    deps INTEGER NOT NULL
);
-- the posts' date order at the last complete load (apart from the files:
-- writing a rank into each large row of a million was a random write each)
CREATE TABLE ranks (
    rank INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL
);
CREATE TABLE texts (
    doc INTEGER PRIMARY KEY,
    text BLOB NOT NULL
);
-- apart from the texts, so that listing them reads small rows only
CREATE TABLE text_docs (
    doc INTEGER PRIMARY KEY,
    -- the segment whose postings hold it; NULL while pending
    segment INTEGER
);
CREATE TABLE segments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    docs BLOB NOT NULL
);
-- by segment first: a new segment's rows are written at the end
CREATE TABLE grams (
    segment INTEGER NOT NULL,
    key INTEGER NOT NULL,
    docs BLOB NOT NULL,
    PRIMARY KEY (segment, key)
) WITHOUT ROWID;
CREATE TABLE meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;
";

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot create its folder: {0}")]
    Folder(std::io::Error),
    #[error("not a regular file")]
    NotRegular,
    #[error("damaged: a stored value does not match its checksum")]
    Damaged,
    #[error("cannot remove the damaged index: {0}")]
    Remove(std::io::Error),
}

impl IndexError {
    /// The file is damaged (found by SQLite, or by a checksum).
    pub fn is_damage(&self) -> bool {
        match self {
            IndexError::Damaged => true,
            IndexError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                matches!(e.code, ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
            }
            _ => false,
        }
    }

    /// SQLite answers BUSY at once, without the busy timeout, while another
    /// connection creates the file or switches it to WAL.
    fn is_busy(&self) -> bool {
        matches!(self, IndexError::Sqlite(rusqlite::Error::SqliteFailure(e, _))
            if matches!(e.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked))
    }
}

/// Open the index at `path`, creating it when missing and starting it
/// afresh when it is damaged, of another version or not an index.
pub(crate) fn open(path: &Path) -> Result<Connection, IndexError> {
    match open_patiently(path) {
        Err(e) if e.is_damage() => {
            remove_with_companions(path)?;
            open_patiently(path)
        }
        other => other,
    }
}

/// A second connection to an index opened before, for reading only (the
/// reader's searches, while a worker writes).
pub(super) fn open_reader(path: &Path) -> Result<Connection, IndexError> {
    // Not read-only: the last connection to close moves the WAL into the
    // database and removes it, so that the next start need not read it.
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// Move the WAL into the database and cut it back, after a large write: a
/// start that finds a large WAL reads all of it first. Readers using the
/// index may keep it from finishing; it is tried again after the next.
pub(super) fn checkpoint(conn: &Connection) {
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
}

fn open_patiently(path: &Path) -> Result<Connection, IndexError> {
    crate::sqlite_files::patiently(BUSY_TIMEOUT, IndexError::is_busy, || try_open(path))
}

fn try_open(path: &Path) -> Result<Connection, IndexError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(IndexError::Folder)?;
    }
    for file in with_companions(path) {
        if let Ok(meta) = std::fs::symlink_metadata(file)
            && !meta.is_file()
        {
            return Err(IndexError::NotRegular);
        }
    }
    let mut conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    // Pages freed by merging segments go back to the file system (takes
    // effect in a new file; an older one is vacuumed when started afresh).
    conn.pragma_update(None, "auto_vacuum", "INCREMENTAL")?;
    // Reading the schema reads the header: a file that is not SQLite is
    // damage, found here.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
    let _mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    // A cache: a crash may lose the last transactions, never consistency.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // The WAL grows while a large batch is written; it is cut back after.
    conn.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
    if !is_current(&conn)? {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another reader may have made it current meanwhile.
        let afresh = !is_current(&tx)?;
        if afresh {
            start_afresh(&tx)?;
        }
        tx.commit()?;
        if afresh {
            // An empty database: vacuuming it is quick, and it may wait for
            // another reader; if it cannot be done, the file only stays
            // larger or slower than it needs to be.
            let _ = vacuum_if_older(&conn);
        }
    }
    Ok(conn)
}

/// Give a file made by an older version this version's settings: pages
/// freed go back to the file system, and pages of [`PAGE_SIZE`].
fn vacuum_if_older(conn: &Connection) -> Result<(), IndexError> {
    let auto_vacuum: i64 = conn.pragma_query_value(None, "auto_vacuum", |r| r.get(0))?;
    let page_size: i64 = conn.pragma_query_value(None, "page_size", |r| r.get(0))?;
    if page_size != PAGE_SIZE {
        // A WAL file keeps its page size: it changes out of WAL mode only,
        // which needs the file to itself.
        let _mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        let vacuumed = conn.execute_batch("VACUUM");
        let _mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        vacuumed?;
    } else if auto_vacuum != 2 {
        conn.execute_batch("VACUUM")?;
    }
    Ok(())
}

/// Whether the index has this version's schema and rules.
fn is_current(conn: &Connection) -> Result<bool, IndexError> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version != SCHEMA_VERSION {
        return Ok(false);
    }
    let stored: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'rules'", [], |r| {
            r.get(0)
        })
        .ok();
    Ok(stored.as_deref() == Some(rules().as_str()))
}

/// Drop whatever the file holds and create the schema.
fn start_afresh(tx: &Connection) -> Result<(), IndexError> {
    let objects: Vec<(String, String)> = {
        let mut stmt = tx.prepare(
            "SELECT type, name FROM sqlite_master \
             WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    for (kind, name) in objects {
        let kind = if kind == "view" { "VIEW" } else { "TABLE" };
        tx.execute_batch(&format!(
            "DROP {kind} IF EXISTS \"{}\"",
            name.replace('"', "\"\"")
        ))?;
    }
    tx.execute_batch(SCHEMA)?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('rules', ?1)",
        [rules()],
    )?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    Ok(())
}

/// Give the file system the pages nothing uses any more.
pub(super) fn release_free_pages(conn: &Connection) -> Result<(), IndexError> {
    let mut stmt = conn.prepare("PRAGMA incremental_vacuum")?;
    let mut rows = stmt.query([])?;
    while rows.next()?.is_some() {}
    Ok(())
}

/// Remove a damaged index and its WAL companions.
pub(super) fn remove_with_companions(path: &Path) -> Result<(), IndexError> {
    for file in with_companions(path) {
        match std::fs::remove_file(file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(IndexError::Remove(e));
            }
            _ => {}
        }
    }
    Ok(())
}
