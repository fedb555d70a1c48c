//! Reading the marks without a reader open (`--list --json`).

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::db::{BUSY_TIMEOUT, load};
use super::{Marks, aside, import};

/// The marks for reading only (`--list --json`): from the database when
/// there is one, else from a `state.json` not imported yet. Nothing is
/// created or set aside, and no mark changed; what cannot be read reads as
/// no marks.
pub fn peek(path: &Path, state_json: Option<&Path>) -> Marks {
    if std::fs::symlink_metadata(path).is_ok() {
        if aside::not_regular(path).is_some() {
            return Marks::default();
        }
        // Opened for writing but never written (`query_only`): a connection
        // opened read-only would leave SQLite's `-wal` and `-shm` files
        // behind, one opened for writing removes them when it closes.
        let no_create = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let read_only = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        return Connection::open_with_flags(path, no_create)
            .or_else(|_| Connection::open_with_flags(path, read_only))
            .and_then(|conn| {
                conn.pragma_update(None, "query_only", true)?;
                conn.busy_timeout(BUSY_TIMEOUT)?;
                load(&conn)
            })
            .map_or_else(|_| Marks::default(), |(marks, _)| marks);
    }
    state_json
        .and_then(|p| import::read_state(p).ok())
        .map(|state| state.into_marks())
        .unwrap_or_default()
}
