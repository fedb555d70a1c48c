//! Where each article was left. Opened again in the same session, it
//! starts at the line it was read to, as w3m's and a browser's history do;
//! one read to its end starts at the top again.

use std::collections::HashMap;
use std::path::PathBuf;

/// The line each article was left at, by its post's file.
#[derive(Debug, Default)]
pub(super) struct Places {
    by_path: HashMap<PathBuf, usize>,
}

/// An open article as it stood before an action.
#[derive(Debug)]
pub(super) struct Left {
    pub path: PathBuf,
    pub scroll: usize,
    pub at_end: bool,
}

impl Places {
    /// The line the article of `path` starts at.
    pub(super) fn of(&self, path: &std::path::Path) -> usize {
        self.by_path.get(path).copied().unwrap_or(0)
    }

    /// The article was closed or another took its place.
    pub(super) fn leave(&mut self, left: Left) {
        if left.at_end || left.scroll == 0 {
            self.by_path.remove(&left.path);
        } else {
            self.by_path.insert(left.path, left.scroll);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_kept_until_read_to_the_end() {
        let mut p = Places::default();
        let path = PathBuf::from("a.md");
        let left = |scroll, at_end| Left {
            path: path.clone(),
            scroll,
            at_end,
        };
        p.leave(left(12, false));
        assert_eq!(p.of(&path), 12);
        p.leave(left(40, true));
        assert_eq!(p.of(&path), 0, "read through: from the top");
    }
}
