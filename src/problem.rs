//! What the loader reports: `path:line: message`, one per problem.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Problem {
    pub path: PathBuf,
    /// 1-based line in the file; 1 for problems of the whole file.
    pub line: usize,
    pub message: String,
}

impl Problem {
    pub fn new(path: &Path, line: usize, message: impl Into<String>) -> Problem {
        Problem {
            path: path.to_path_buf(),
            line: line.max(1),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Paths come from the file system and may hold anything.
        let path = crate::text::one_line(&self.path.to_string_lossy());
        write!(f, "{}:{}: {}", path, self.line, self.message)
    }
}
