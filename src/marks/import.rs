//! The marks of `state.json` (where earlier versions kept them), merged
//! into the database once. The file is kept; a row in `meta` records that
//! it was imported, so a mark removed later never comes back from it.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension};

use crate::i18n::{Message, Msg};

use super::{Change, Field, MarkRow, Marks, aside, db};

/// Larger than any real state file (100,000 marks are about 3 MB); a
/// runaway or hostile file is refused rather than read into memory.
const STATE_CAP: u64 = 64 * 1024 * 1024;

/// The `meta` key set once `state.json` has been dealt with.
const IMPORTED: &str = "state_json_imported";

#[derive(Debug, Default, serde::Deserialize)]
pub(super) struct StateFile {
    #[serde(default)]
    read: Vec<String>,
    #[serde(default)]
    starred: Vec<String>,
}

impl StateFile {
    pub(super) fn into_marks(self) -> Marks {
        let row = |id, read, starred| MarkRow { id, read, starred };
        let read = self.read.into_iter().map(|id| row(id, true, false));
        let starred = self.starred.into_iter().map(|id| row(id, false, true));
        Marks::from_rows(read.chain(starred))
    }
}

/// Read `state.json` as a regular file under a size cap (a FIFO or a
/// device there must neither hang nor fill memory).
pub(super) fn read_state(path: &Path) -> Result<StateFile, String> {
    let bytes = crate::fsread::read_regular(path, STATE_CAP).map_err(|e| e.to_string())?;
    serde_json::from_slice(&bytes).map_err(|e| e.to_string())
}

/// Inside the transaction that opened the database: merge `state.json`
/// unless that was done before. A damaged file is set aside as before;
/// one that cannot be read is left where it is. Returns what to tell the
/// user.
pub(super) fn import_once(
    tx: &Connection,
    path: Option<&Path>,
    writer: i64,
) -> rusqlite::Result<Vec<Message>> {
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    let done = tx
        .query_row("SELECT 1 FROM meta WHERE key = ?1", [IMPORTED], |_| Ok(()))
        .optional()?;
    if done.is_some() {
        return Ok(Vec::new());
    }
    let shown = || crate::text::one_line(&path.to_string_lossy());
    let notes = match crate::fsread::read_regular(path, STATE_CAP) {
        Err(e) if e.is_not_found() => return Ok(Vec::new()),
        Err(e) => vec![
            Msg::StateNotImported
                .with("path", shown())
                .with_msg("error", e.message()),
        ],
        Ok(bytes) => match serde_json::from_slice::<StateFile>(&bytes) {
            Ok(state) => {
                for (field, ids) in [(Field::Read, state.read), (Field::Starred, state.starred)] {
                    let change = Change {
                        field,
                        on: true,
                        ids,
                    };
                    db::write_change(tx, &change, writer)?;
                }
                Vec::new()
            }
            Err(e) => vec![match aside::set_aside(path) {
                Ok(aside) => Msg::StateDamagedKept
                    .with("error", &e)
                    .with("path", crate::text::one_line(&aside.to_string_lossy())),
                Err(_) => Msg::StateDamaged.with("error", &e).with("path", shown()),
            }],
        },
    };
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)",
        [IMPORTED, &path.to_string_lossy()],
    )?;
    Ok(notes)
}
