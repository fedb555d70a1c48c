//! A SQLite database in WAL mode as the files it is: the database and its
//! companions, and opening it while another process keeps it busy. Marks
//! and the index are two such databases.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// SQLite's companions of a database in WAL mode: they hold committed
/// changes too, so they move (or go) with it.
pub(crate) const COMPANIONS: [&str; 2] = ["-wal", "-shm"];

/// The database at `path`, then its companions.
pub(crate) fn with_companions(path: &Path) -> impl Iterator<Item = PathBuf> + '_ {
    std::iter::once(path.to_path_buf()).chain(COMPANIONS.iter().map(|s| with_suffix(path, s)))
}

/// `path` with `suffix` added to its file name.
pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `open`, again after a short pause while it fails busy, for as long as
/// `timeout`: SQLite answers BUSY at once, without its busy timeout, while
/// another connection creates the file or switches it to WAL.
pub(crate) fn patiently<T, E>(
    timeout: Duration,
    is_busy: impl Fn(&E) -> bool,
    mut open: impl FnMut() -> Result<T, E>,
) -> Result<T, E> {
    let start = Instant::now();
    let mut pause = Duration::from_millis(5);
    loop {
        match open() {
            Err(e) if is_busy(&e) && start.elapsed() < timeout => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(100));
            }
            other => return other,
        }
    }
}
