//! The marks database: SQLite in WAL mode, one row per post, changed by
//! set operations in small transactions. Several readers may have it open
//! at once; each write waits for the others (busy timeout) instead of
//! failing, and no reader ever writes marks it did not change.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, TransactionBehavior, params};

use super::{Change, Field, MarkRow, Marks, aside, import};
use crate::i18n::{Message, Msg};

/// `PRAGMA user_version` of the schema below.
const SCHEMA_VERSION: i64 = 1;

/// How long a write waits for another reader's write to finish.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

const SCHEMA: &str = "
CREATE TABLE marks (
    post_id TEXT PRIMARY KEY NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    -- when the last change to the row was saved, in ms since 1970
    changed_at INTEGER NOT NULL,
    -- the order of changes across all readers, to find the new ones
    seq INTEGER NOT NULL,
    -- the open database (one reader) that saved the last change
    writer INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX marks_by_seq ON marks (seq);
CREATE TABLE meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;
";

/// One statement per field: set it, and number the row only when the
/// value really changes.
const SET_READ: &str = "
INSERT INTO marks (post_id, read, starred, changed_at, seq, writer)
VALUES (?1, ?2, 0, ?3, ?4, ?5)
ON CONFLICT (post_id) DO UPDATE SET read = excluded.read,
    changed_at = excluded.changed_at, seq = excluded.seq, writer = excluded.writer
WHERE read IS NOT excluded.read";
const SET_STARRED: &str = "
INSERT INTO marks (post_id, read, starred, changed_at, seq, writer)
VALUES (?1, 0, ?2, ?3, ?4, ?5)
ON CONFLICT (post_id) DO UPDATE SET starred = excluded.starred,
    changed_at = excluded.changed_at, seq = excluded.seq, writer = excluded.writer
WHERE starred IS NOT excluded.starred";

#[derive(Debug, thiserror::Error)]
pub enum MarksError {
    Sqlite(#[from] rusqlite::Error),
    /// Not a regular file: what it is ([`Msg::KindFifo`] …).
    NotRegular(Msg),
    Newer(i64),
    Foreign,
    Folder(std::io::Error),
    /// Why the file was to be set aside, and why it could not be.
    CannotSetAside(Message, std::io::Error),
}

impl std::fmt::Display for MarksError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

impl MarksError {
    /// What to tell the user (SQLite's and the system's own words are
    /// kept as they are).
    pub fn message(&self) -> Message {
        match self {
            MarksError::Sqlite(e) => Msg::SqliteSays.with("error", e),
            MarksError::NotRegular(kind) => Msg::MarksNotRegular.with_msg("kind", *kind),
            MarksError::Newer(version) => Msg::MarksNewer.with("version", version),
            MarksError::Foreign => Msg::MarksForeign.into(),
            MarksError::Folder(e) => Msg::MarksFolder.with("error", e),
            MarksError::CannotSetAside(why, e) => Msg::CannotSetAside
                .with_msg("why", why.clone())
                .with("error", e),
        }
    }

    /// The file itself is bad, not the place it is in: set it aside.
    fn is_damage(&self) -> bool {
        match self {
            MarksError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                matches!(e.code, ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
            }
            MarksError::NotRegular(_) | MarksError::Newer(_) | MarksError::Foreign => true,
            MarksError::Sqlite(_) | MarksError::Folder(_) | MarksError::CannotSetAside(..) => false,
        }
    }

    /// Another reader holds the database in a way the busy timeout does not
    /// wait out (SQLite answers at once while it creates the file or
    /// switches it to WAL): worth trying again.
    fn is_busy(&self) -> bool {
        matches!(
            self,
            MarksError::Sqlite(rusqlite::Error::SqliteFailure(e, _))
                if matches!(e.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
        )
    }
}

/// An open marks database (one reader's connection).
pub struct MarksDb {
    conn: Connection,
    /// Names this connection in the rows it writes.
    writer: i64,
    /// The highest change number seen so far.
    seen_seq: i64,
    /// `PRAGMA data_version` when last looked: it moves when another
    /// connection commits.
    data_version: i64,
}

/// A database just opened, with the marks it holds.
pub struct Opened {
    pub db: MarksDb,
    pub marks: Marks,
    /// What the user should be told: a damaged file set aside, a
    /// `state.json` that could not be imported.
    pub notes: Vec<Message>,
}

impl MarksDb {
    /// Open (or create) the database at `path`, importing the marks of
    /// `state_json` the first time. A damaged file, one from a newer
    /// version or anything that is not a regular file is set aside (renamed,
    /// with its companions) and a fresh database created.
    pub fn open(path: &Path, state_json: Option<&Path>) -> Result<Opened, MarksError> {
        match Self::try_open_patiently(path, state_json) {
            Err(e) if e.is_damage() => {
                let why = e.message();
                let aside = aside::set_aside_database(path)
                    .map_err(|io| MarksError::CannotSetAside(why.clone(), io))?;
                let mut opened = Self::try_open_patiently(path, state_json)?;
                let aside = crate::text::one_line(&aside.to_string_lossy());
                let note = Msg::MarksDamaged.with_msg("why", why).with("path", aside);
                opened.notes.insert(0, note);
                Ok(opened)
            }
            other => other,
        }
    }

    /// [`Self::try_open`], again after a short pause while another reader
    /// keeps the database busy, for as long as the busy timeout.
    fn try_open_patiently(path: &Path, state_json: Option<&Path>) -> Result<Opened, MarksError> {
        crate::sqlite_files::patiently(BUSY_TIMEOUT, MarksError::is_busy, || {
            Self::try_open(path, state_json)
        })
    }

    fn try_open(path: &Path, state_json: Option<&Path>) -> Result<Opened, MarksError> {
        for file in crate::sqlite_files::with_companions(path) {
            if let Some(kind) = aside::not_regular(&file) {
                return Err(MarksError::NotRegular(kind));
            }
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(MarksError::Folder)?;
        }
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Before anything is written (switching to WAL changes the file's
        // header): a file that is not ours is set aside as it was.
        check_schema(&conn)?;
        // WAL: readers never block the writer, and a commit is one append.
        // Where WAL is not possible (some network file systems) SQLite
        // keeps its rollback journal, which is just as safe.
        let _mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        let writer = random_id();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        check_or_create_schema(&tx)?;
        let notes = import::import_once(&tx, state_json, writer)?;
        tx.commit()?;
        let (marks, seen_seq) = load(&conn)?;
        let data_version = data_version(&conn)?;
        Ok(Opened {
            db: MarksDb {
                conn,
                writer,
                seen_seq,
                data_version,
            },
            marks,
            notes,
        })
    }

    /// Save one change in a transaction of its own.
    pub fn apply(&mut self, change: &Change) -> Result<(), MarksError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        write_change(&tx, change, self.writer)?;
        tx.commit()?;
        Ok(())
    }

    /// The marks other readers saved since the last call (cheap when there
    /// are none: one pragma).
    pub fn changed_elsewhere(&mut self) -> Result<Vec<MarkRow>, MarksError> {
        let version = data_version(&self.conn)?;
        if version == self.data_version {
            return Ok(Vec::new());
        }
        self.data_version = version;
        let mut stmt = self.conn.prepare_cached(
            "SELECT post_id, read, starred, seq, writer FROM marks WHERE seq > ?1 ORDER BY seq",
        )?;
        let mut rows = stmt.query([self.seen_seq])?;
        let mut changed = Vec::new();
        while let Some(row) = rows.next()? {
            self.seen_seq = self.seen_seq.max(row.get(3)?);
            if row.get::<_, i64>(4)? != self.writer {
                changed.push(MarkRow {
                    id: row.get(0)?,
                    read: row.get(1)?,
                    starred: row.get(2)?,
                });
            }
        }
        Ok(changed)
    }
}

/// Write `change` inside a transaction: every post gets the next change
/// number (the transaction holds the write lock, so numbers only grow).
pub(super) fn write_change(tx: &Connection, change: &Change, writer: i64) -> rusqlite::Result<()> {
    let mut seq: i64 = tx.query_row("SELECT coalesce(max(seq), 0) FROM marks", [], |r| r.get(0))?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    let mut stmt = tx.prepare_cached(match change.field {
        Field::Read => SET_READ,
        Field::Starred => SET_STARRED,
    })?;
    for id in &change.ids {
        seq += 1;
        stmt.execute(params![id, change.on, now, seq, writer])?;
    }
    Ok(())
}

/// Create the tables in an empty database (inside the transaction that
/// holds the write lock: another reader may have created them meanwhile).
fn check_or_create_schema(tx: &Connection) -> Result<(), MarksError> {
    if check_schema(tx)? == Schema::Empty {
        tx.execute_batch(SCHEMA)?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    }
    Ok(())
}

#[derive(Debug, PartialEq, Eq)]
enum Schema {
    Empty,
    Current,
}

/// Which schema the database has, or why it is not ours.
fn check_schema(conn: &Connection) -> Result<Schema, MarksError> {
    // One statement, one snapshot: another reader may be creating the
    // tables and setting the version at this moment.
    let (version, objects): (i64, i64) = conn.query_row(
        "SELECT user_version, (SELECT count(*) FROM sqlite_master) FROM pragma_user_version",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    match version {
        0 if objects > 0 => Err(MarksError::Foreign),
        0 => Ok(Schema::Empty),
        SCHEMA_VERSION => {
            let columns = "SELECT post_id, read, starred, changed_at, seq, writer FROM marks";
            match conn
                .prepare(columns)
                .and(conn.prepare("SELECT key, value FROM meta"))
            {
                Ok(_) => Ok(Schema::Current),
                Err(e) if is_damaged_file(&e) => Err(e.into()),
                Err(_) => Err(MarksError::Foreign),
            }
        }
        v if v > SCHEMA_VERSION => Err(MarksError::Newer(v)),
        _ => Err(MarksError::Foreign),
    }
}

/// Every marked post, and the highest change number.
pub(super) fn load(conn: &Connection) -> rusqlite::Result<(Marks, i64)> {
    let mut stmt =
        conn.prepare("SELECT post_id, read, starred FROM marks WHERE read OR starred")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(MarkRow {
                id: r.get(0)?,
                read: r.get(1)?,
                starred: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let seq = conn.query_row("SELECT coalesce(max(seq), 0) FROM marks", [], |r| r.get(0))?;
    Ok((Marks::from_rows(rows), seq))
}

fn data_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "data_version", |r| r.get(0))
}

fn is_damaged_file(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if matches!(f.code, ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt))
}

/// A number naming one open database among all readers'.
fn random_id() -> i64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    h.finish() as i64
}
