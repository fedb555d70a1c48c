//! What the index keeps of one file: the outcome of reading it (a post's
//! front matter and problems, or why it is not a post), in a compact binary
//! form (postcard). Problems keep their catalog message with its values
//! (by name), so a problem read back is said in the reader's language as
//! when the file was read. Paths are kept as the bytes the file system gave, so
//! that any file name comes back exactly as it was.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::date::PostDate;
use crate::i18n::Message;
use crate::post::{Format, Outcome, Post};
use crate::problem::{Problem, Severity};

#[derive(Serialize, Deserialize)]
enum Record {
    // Boxed: serialised as the record itself.
    Post(Box<PostRecord>),
    NotAPost(ProblemRecord),
    Unreadable(ProblemRecord),
}

#[derive(Serialize, Deserialize)]
struct PostRecord {
    id: String,
    title: String,
    categories: Vec<String>,
    tags: Vec<String>,
    date: Option<DateRecord>,
    publish_date: Option<DateRecord>,
    excerpt: String,
    feature_text: String,
    image: String,
    layout: String,
    published: bool,
    extra: Vec<(String, String)>,
    markdown: bool,
    problems: Vec<ProblemRecord>,
    references: Vec<crate::references::Reference>,
}

#[derive(Serialize, Deserialize)]
struct DateRecord {
    year: i32,
    month: u8,
    day: u8,
    time: Option<(u8, u8, u8)>,
    offset_minutes: Option<i16>,
}

impl DateRecord {
    fn of(d: PostDate) -> DateRecord {
        DateRecord {
            year: d.year,
            month: d.month,
            day: d.day,
            time: d.time,
            offset_minutes: d.offset_minutes,
        }
    }

    fn date(self) -> PostDate {
        PostDate {
            year: self.year,
            month: self.month,
            day: self.day,
            time: self.time,
            offset_minutes: self.offset_minutes,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct ProblemRecord {
    /// `None`: the file's own path (nearly always).
    path: Option<Vec<u8>>,
    line: u64,
    message: Message,
    note: bool,
}

/// The version of the records' form: an index holding another form is
/// rebuilt (2: problems keep their catalog message, not English text;
/// 3: Hugo's publish date; 4: the tags naming other files).
pub(super) const FORMAT: u32 = 4;

/// What a record is sealed under: its document and its file's path.
fn seal_key(doc: i64, path: &Path) -> Vec<u8> {
    let mut key = doc.to_le_bytes().to_vec();
    key.extend_from_slice(&path_bytes(path));
    key
}

/// `outcome` (of the file at `path`, document `doc`) as bytes.
pub(super) fn encode(doc: i64, path: &Path, outcome: &Outcome) -> Vec<u8> {
    let record = match outcome {
        Outcome::Post(post) => Record::Post(Box::new(PostRecord {
            id: post.id.clone(),
            title: post.title.clone(),
            categories: post.categories.clone(),
            tags: post.tags.clone(),
            date: post.date.map(DateRecord::of),
            publish_date: post.publish_date.map(DateRecord::of),
            excerpt: post.excerpt.clone(),
            feature_text: post.feature_text.clone(),
            image: post.image.clone(),
            layout: post.layout.clone(),
            published: post.published,
            extra: post.extra.clone(),
            markdown: post.format == Format::Markdown,
            problems: post.problems.iter().map(|p| problem(path, p)).collect(),
            references: post.references.clone(),
        })),
        Outcome::NotAPost(p) => Record::NotAPost(problem(path, p)),
        Outcome::Unreadable(p) => Record::Unreadable(problem(path, p)),
    };
    // Serialising plain data into a Vec cannot fail.
    let bytes = postcard::to_allocvec(&record).unwrap_or_default();
    super::seal::seal(&seal_key(doc, path), bytes)
}

/// The outcome encoded in `bytes` for the file at `path`, document `doc`;
/// `None` when the bytes are not its record (a damaged index).
pub(super) fn decode(doc: i64, path: &Path, bytes: &[u8]) -> Option<Outcome> {
    let bytes = super::seal::unseal(&seal_key(doc, path), bytes)?;
    let record: Record = postcard::from_bytes(bytes).ok()?;
    Some(match record {
        Record::Post(r) => Outcome::Post(Box::new(Post {
            id: r.id,
            path: path.to_path_buf(),
            title: r.title,
            categories: r.categories,
            tags: r.tags,
            date: r.date.map(DateRecord::date),
            publish_date: r.publish_date.map(DateRecord::date),
            excerpt: r.excerpt,
            feature_text: r.feature_text,
            image: r.image,
            layout: r.layout,
            published: r.published,
            // Decided at each load, by the clock of that day.
            scheduled: false,
            extra: r.extra,
            format: if r.markdown {
                Format::Markdown
            } else {
                Format::Html
            },
            body: None,
            search: None,
            references: r.references,
            doc: None,
            problems: r.problems.into_iter().map(|p| unproblem(path, p)).collect(),
        })),
        Record::NotAPost(p) => Outcome::NotAPost(unproblem(path, p)),
        Record::Unreadable(p) => Outcome::Unreadable(unproblem(path, p)),
    })
}

fn problem(own: &Path, p: &Problem) -> ProblemRecord {
    ProblemRecord {
        path: (p.path != own).then(|| path_bytes(&p.path)),
        line: p.line as u64,
        message: p.message.clone(),
        note: p.is_note(),
    }
}

fn unproblem(own: &Path, p: ProblemRecord) -> Problem {
    Problem {
        path: p
            .path
            .map_or_else(|| own.to_path_buf(), |b| path_from_bytes(&b)),
        line: usize::try_from(p.line).unwrap_or(usize::MAX),
        message: p.message,
        severity: if p.note {
            Severity::Note
        } else {
            Severity::Problem
        },
    }
}

/// A path as the bytes the file system gave.
#[cfg(unix)]
pub(super) fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(unix)]
pub(super) fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
pub(super) fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

#[cfg(not(unix))]
pub(super) fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_comes_back_as_it_was_read() {
        let path = Path::new("뉴스/2024-07-19-제주.md");
        let text = "---\ntitle: 제주항공\ncategories: [경제, 항공]\ntags: 속보\n\
                    date: 2024-07-19 09:30:00 +0900\nfoo: [1, 2]\n---\n본문";
        let outcome = crate::post::read(
            path,
            &crate::post::Place::plain(path, "2024-07-19-제주"),
            text.as_bytes(),
            Format::Markdown,
            crate::post::Keep::default(),
        );
        let again = decode(7, path, &encode(7, path, &outcome)).expect("decodes");
        assert!(decode(8, path, &encode(7, path, &outcome)).is_none());
        match (outcome, again) {
            (Outcome::Post(a), Outcome::Post(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}")),
            other => panic!("not posts: {other:?}"),
        }
    }

    #[test]
    fn a_problem_comes_back_said_in_the_readers_language() {
        use crate::i18n::{Lang, Msg};
        let path = Path::new("뉴스/fifo.md");
        let message = Msg::NotRegular
            .with_msg("kind", Msg::KindFifo)
            .with("extra", "{kind}");
        let outcome = Outcome::Unreadable(Problem::new(path, 1, message.clone()));
        let Some(Outcome::Unreadable(back)) = decode(3, path, &encode(3, path, &outcome)) else {
            panic!("not an unreadable file");
        };
        assert_eq!(back.message, message);
        assert_eq!(back.message.say(Lang::Ko), message.say(Lang::Ko));
        assert_ne!(back.message.say(Lang::Ko), back.message.say(Lang::En));
    }

    #[test]
    fn damaged_bytes_are_no_record() {
        assert!(decode(1, Path::new("a.md"), &[0xff, 0xff, 0xff]).is_none());
        assert!(decode(1, Path::new("a.md"), &[]).is_none());
        let path = Path::new("a.md");
        let outcome = Outcome::Unreadable(Problem::new(path, 1, crate::i18n::Msg::BinaryNul));
        let mut bytes = encode(1, path, &outcome);
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert!(
            decode(1, path, &bytes).is_none(),
            "a flipped bit is noticed"
        );
    }
}
