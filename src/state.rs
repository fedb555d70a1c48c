//! Read and starred marks, kept across runs (DESIGN §7). Saved atomically
//! after every change: a temporary file in the same folder, fsync, rename,
//! fsync of the folder. A kill at any moment leaves either the old file or
//! the new one, never a torn one.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct State {
    #[serde(default)]
    pub read: BTreeSet<String>,
    #[serde(default)]
    pub starred: BTreeSet<String>,
}

/// What loading found besides the state itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadNote {
    Fresh,
    Loaded,
    /// The file could not be read as state; it was renamed to this path and
    /// the reader starts with no marks.
    SetAside(PathBuf, String),
}

impl State {
    /// Load the state at `path`. A missing file is an empty state; a damaged
    /// one is renamed aside (kept, never deleted) and reported.
    pub fn load(path: &Path) -> (State, LoadNote) {
        let bytes = match fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (State::default(), LoadNote::Fresh);
            }
            Err(e) => {
                return (
                    State::default(),
                    LoadNote::SetAside(path.to_path_buf(), e.to_string()),
                );
            }
        };
        match serde_json::from_slice::<State>(&bytes) {
            Ok(state) => (state, LoadNote::Loaded),
            Err(e) => {
                let aside = aside_name(path);
                let note = match fs::rename(path, &aside) {
                    Ok(()) => LoadNote::SetAside(aside, e.to_string()),
                    Err(_) => LoadNote::SetAside(path.to_path_buf(), e.to_string()),
                };
                (State::default(), note)
            }
        }
    }

    /// The state at `path` for reading only (`--list --json`): a missing or
    /// damaged file reads as no marks and is left where it is.
    pub fn peek(path: &Path) -> State {
        fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Save atomically to `path`, creating its folder.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let name = path
            .file_name()
            .map_or_else(|| "state".into(), |n| n.to_string_lossy().into_owned());
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let result = (|| {
            let mut file = File::create(&tmp)?;
            serde_json::to_writer_pretty(&mut file, self)?;
            file.write_all(b"\n")?;
            file.sync_all()?;
            fs::rename(&tmp, path)?;
            // The rename itself must reach the disk.
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
            remove_stale_temporaries(dir, &name);
            Ok(())
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }
}

/// Temporary files of saves that were killed (older than ten minutes, so
/// never another process's save in progress).
fn remove_stale_temporaries(dir: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 600);
        if file_name.starts_with(&prefix) && file_name.ends_with(".tmp") && old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// `state.json` -> `state.json.damaged-<seconds>` (a new name each time).
fn aside_name(path: &Path) -> PathBuf {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut n = 0;
    loop {
        let suffix = if n == 0 {
            format!("damaged-{secs}")
        } else {
            format!("damaged-{secs}-{n}")
        };
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".{suffix}"));
        let candidate = PathBuf::from(name);
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/state.json");
        let mut s = State::default();
        s.read.insert("2024-07-19-jeju-air".into());
        s.starred.insert("culture/005_2f3e".into());
        s.save(&path).unwrap();
        assert_eq!(State::load(&path), (s, LoadNote::Loaded));
        assert_eq!(
            fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn damaged_file_is_set_aside_not_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        fs::write(&path, b"{\"read\": [\"a\", ").unwrap();
        let (state, note) = State::load(&path);
        assert_eq!(state, State::default());
        let LoadNote::SetAside(aside, _) = note else {
            panic!("{note:?}")
        };
        assert_eq!(fs::read(&aside).unwrap(), b"{\"read\": [\"a\", ");
        assert!(!path.exists());
        assert_eq!(State::load(&path).1, LoadNote::Fresh);
    }
}
