//! What the loader reports: `path:line: message`, one per problem. Notes
//! (`path:line: note: message`) tell where Jekyll reads a file differently
//! from sinmun; they are shown beside problems but are not errors.

use std::fmt;
use std::path::{Path, PathBuf};

/// How much a report matters: a problem is something to fix (and makes
/// `--check` fail); a note is information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Problem,
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Problem {
    pub path: PathBuf,
    /// 1-based line in the file; 1 for problems of the whole file.
    pub line: usize,
    pub message: String,
    pub severity: Severity,
}

impl Problem {
    pub fn new(path: &Path, line: usize, message: impl Into<String>) -> Problem {
        Problem {
            path: path.to_path_buf(),
            line: line.max(1),
            message: message.into(),
            severity: Severity::Problem,
        }
    }

    /// A note: information about a file, not something wrong with it.
    pub fn note(path: &Path, line: usize, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Note,
            ..Problem::new(path, line, message)
        }
    }

    pub fn is_note(&self) -> bool {
        self.severity == Severity::Note
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Paths come from the file system and may hold anything.
        let path = crate::text::one_line(&self.path.to_string_lossy());
        let note = if self.is_note() { "note: " } else { "" };
        write!(f, "{}:{}: {note}{}", path, self.line, self.message)
    }
}
