//! Setting a damaged file aside: renamed next to where it was, never
//! deleted, so that nothing the user had is lost.

use std::fs;
use std::path::{Path, PathBuf};

use crate::sqlite_files::{COMPANIONS, with_suffix};

/// Rename `path` to `path.damaged-<seconds>` (a new name each time) and
/// return the new name.
pub(super) fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let aside = aside_name(path);
    fs::rename(path, &aside)?;
    Ok(aside)
}

/// Set aside a database and its companions (those that exist).
pub(super) fn set_aside_database(path: &Path) -> std::io::Result<PathBuf> {
    let aside = aside_name(path);
    for suffix in COMPANIONS {
        let from = with_suffix(path, suffix);
        if fs::symlink_metadata(&from).is_ok() {
            fs::rename(&from, with_suffix(&aside, suffix))?;
        }
    }
    match fs::rename(path, &aside) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(aside),
        other => other.map(|()| aside),
    }
}

/// The kind of what is at `path` when it is there and not a regular file
/// (symlinks followed): SQLite must never open a FIFO or a device.
pub(super) fn not_regular(path: &Path) -> Option<crate::i18n::Msg> {
    let meta = fs::metadata(path).ok()?;
    if meta.is_file() {
        return None;
    }
    Some(crate::fsread::kind_name(&meta))
}

fn aside_name(path: &Path) -> PathBuf {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    (0..)
        .map(|n| match n {
            0 => with_suffix(path, &format!(".damaged-{secs}")),
            n => with_suffix(path, &format!(".damaged-{secs}-{n}")),
        })
        .find(|candidate| fs::symlink_metadata(candidate).is_err())
        .unwrap_or_else(|| with_suffix(path, ".damaged"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_moves_with_its_companions_under_a_new_name_each_time() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("marks.sqlite3");
        let mut asides = Vec::new();
        for round in 0..2 {
            fs::write(&db, format!("db {round}")).unwrap();
            fs::write(with_suffix(&db, "-wal"), format!("wal {round}")).unwrap();
            asides.push(set_aside_database(&db).unwrap());
        }
        assert_ne!(asides[0], asides[1]);
        for (round, aside) in asides.iter().enumerate() {
            assert_eq!(fs::read_to_string(aside).unwrap(), format!("db {round}"));
            let wal = with_suffix(aside, "-wal");
            assert_eq!(fs::read_to_string(wal).unwrap(), format!("wal {round}"));
        }
        assert!(!db.exists());
    }
}
