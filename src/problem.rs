//! What the loader reports: `path:line: message`, one per problem. Notes
//! (`path:line: note: message`) tell where Jekyll reads a file differently
//! from sinmun; they are shown beside problems but are not errors. The
//! message is a catalog message, said in the reader's language where it is
//! shown (`--check`, the reader's `!` popup) and in English by `Display`
//! (logs, tests, `--list --json`).

use std::cmp::Ordering;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::i18n::{Lang, Message, Msg};

/// How much a report matters: a problem is something to fix (and makes
/// `--check` fail); a note is information.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Problem,
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    pub path: PathBuf,
    /// 1-based line in the file; 1 for problems of the whole file.
    pub line: usize,
    pub message: Message,
    pub severity: Severity,
}

impl Problem {
    pub fn new(path: &Path, line: usize, message: impl Into<Message>) -> Problem {
        Problem {
            path: path.to_path_buf(),
            line: line.max(1),
            message: message.into(),
            severity: Severity::Problem,
        }
    }

    /// A note: information about a file, not something wrong with it.
    pub fn note(path: &Path, line: usize, message: impl Into<Message>) -> Problem {
        Problem {
            severity: Severity::Note,
            ..Problem::new(path, line, message)
        }
    }

    pub fn is_note(&self) -> bool {
        self.severity == Severity::Note
    }

    /// `path:line: ` (and `note: `) in `lang`: what leads the message.
    pub fn place(&self, lang: Lang) -> String {
        let mut place = at(&self.path, self.line);
        if self.is_note() {
            place.push_str(Msg::NoteMark.text(lang));
        }
        place
    }

    /// The whole report in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        self.place(lang) + &self.message.say(lang)
    }
}

/// `path:line: `, what leads a message about a line of a file.
pub(crate) fn at(path: &Path, line: usize) -> String {
    // Paths come from the file system and may hold anything.
    let path = crate::text::one_line(&path.to_string_lossy());
    format!("{path}:{line}: ")
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

/// How many of some reports are problems and how many are notes: the
/// count `--check` ends with and the reader shows, decided by
/// [`Problem::is_note`] alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub problems: usize,
    pub notes: usize,
}

impl Tally {
    pub fn of<'a>(reports: impl IntoIterator<Item = &'a Problem>) -> Tally {
        reports.into_iter().fold(Tally::default(), |t, p| Tally {
            problems: t.problems + usize::from(!p.is_note()),
            notes: t.notes + usize::from(p.is_note()),
        })
    }

    pub fn total(&self) -> usize {
        self.problems + self.notes
    }

    /// "no problems, 1 note", "5 problems, 66 notes", "1 problem" in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        let mut said = match self.problems {
            0 => Msg::NoProblemsCount.say(lang),
            1 => Msg::OneProblem.say(lang),
            n => Msg::ProblemsCount.fill(lang, &[("n", &n)]),
        };
        match self.notes {
            0 => {}
            1 => said.push_str(Msg::NoteOne.text(lang)),
            n => said.push_str(&Msg::Notes.fill(lang, &[("n", &n)])),
        }
        said
    }
}

/// By path, line, then the message as English reads it (the order
/// `--check` prints), then severity.
impl Ord for Problem {
    fn cmp(&self, other: &Problem) -> Ordering {
        self.path
            .cmp(&other.path)
            .then(self.line.cmp(&other.line))
            .then_with(|| self.message.to_string().cmp(&other.message.to_string()))
            .then(self.severity.cmp(&other.severity))
            // Two messages that read the same are still two messages.
            .then_with(|| self.message.cmp(&other.message))
    }
}

impl PartialOrd for Problem {
    fn partial_cmp(&self, other: &Problem) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn said_in_either_language_english_by_display() {
        let p = Problem::note(Path::new("글/가.md"), 3, Msg::NotAMapping);
        assert_eq!(
            p.to_string(),
            "글/가.md:3: note: not a mapping of keys to values"
        );
        assert_eq!(p.say(Lang::Ko), "글/가.md:3: 참고: 키와 값의 매핑이 아님");
        assert_eq!(p.place(Lang::Ko), "글/가.md:3: 참고: ");
    }

    #[test]
    fn a_tally_counts_notes_apart() {
        let problem = Problem::new(Path::new("a.md"), 1, Msg::NotAMapping);
        let note = Problem::note(Path::new("b.md"), 1, Msg::NotPublishedNoDate);
        let tally = Tally::of([&note]);
        assert_eq!(tally.say(Lang::En), "no problems, 1 note");
        assert_eq!(tally.say(Lang::Ko), "문제 없음, 참고 1개");
        let tally = Tally::of([&problem, &note, &note]);
        assert_eq!(tally.say(Lang::En), "1 problem, 2 notes");
        assert_eq!(tally.total(), 3);
    }

    #[test]
    fn ordered_by_path_line_then_english_text() {
        let at = |line, msg: Msg| Problem::new(Path::new("a.md"), line, msg);
        let mut v = [
            at(2, Msg::NotAMapping),
            at(1, Msg::NoFrontMatter),
            at(1, Msg::FileGone),
            Problem::new(Path::new("0.md"), 9, Msg::NotAMapping),
        ];
        v.sort();
        let lines: Vec<String> = v.iter().map(ToString::to_string).collect();
        let mut by_text = lines.clone();
        by_text.sort();
        assert_eq!(lines, by_text);
    }
}
