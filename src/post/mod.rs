//! One post: its front matter, body and the problems found reading it.

use std::path::{Path, PathBuf};

use crate::date::PostDate;
use crate::frontmatter;
use crate::i18n::Msg;
use crate::problem::Problem;
use crate::text::{one_line, sanitize};

mod fields;

pub use fields::yaml_text;

/// Files larger than this are reported and not read.
pub const MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// The version of the rules that make a file into a post: a persistent
/// index of posts read by other rules is rebuilt (2: front matter after
/// blank lines; bundles' translations named by their folder; 3: image
/// mappings, dates whose zone is not one; 4: search texts of what Hugo's
/// shortcodes, Tistory's placeholders and themes' includes show, and of
/// HTML bodies through Liquid; translated section pages; 5: Hexo sites'
/// posts, and search texts of what Hexo's tags show; 6: Markdown's tabs
/// read as block structure, kramdown's backslashes; 7: files of Jekyll's
/// `_drafts` and dated files of `_posts` need no front matter; 8: search
/// texts in the site's Markdown dialect, with its includes' text; 9:
/// includes' loops, captures and structured front matter; 10: callouts'
/// labels, Hugo's `details` summaries and tab names; 11: emoji shortcodes
/// where the site turns them into emoji; 12: alerts' labels, callouts'
/// titles, goldmark's attribute lists and the LoveIt family's icons
/// taken out, kramdown's kept in Hugo's and Hexo's Markdown, Liquid not
/// run in Hugo's; a post's own loops run, date and list filters,
/// `page.url`, `page.date` with its time; Hugo's `images`, and `image`
/// mappings without a `path` (Hugo Blox) not a problem).
pub(crate) const READING_RULES: u32 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Html,
    Markdown,
}

impl Format {
    /// The format for a file extension, or `None` when it is not a post.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Post {
    /// The path relative to the folder it was found in, without extension.
    pub id: String,
    pub path: PathBuf,
    pub title: String,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub date: Option<PostDate>,
    /// Hugo's `publishDate` (`pubdate`, or a date as `published`): when
    /// Hugo publishes the post, if not at its `date`.
    pub publish_date: Option<PostDate>,
    pub excerpt: String,
    pub feature_text: String,
    pub image: String,
    pub layout: String,
    /// False for a draft: `published: false`, Hugo's `draft: true`, or a
    /// file under a `_drafts` folder.
    pub published: bool,
    /// Dated in the future, which its site does not publish yet: hidden
    /// as drafts are. Decided when posts are loaded, from the date and
    /// the clock (never kept in the index: it changes with the day).
    pub scheduled: bool,
    /// Every other front-matter key, with its value as YAML text.
    pub extra: Vec<(String, String)>,
    pub format: Format,
    /// The body, sanitised, when the loader was asked to keep it.
    pub body: Option<String>,
    /// Lowercased visible text for search, when the loader was asked for it.
    pub search: Option<crate::search::SearchText>,
    /// The tags of its body naming other files (`post_url`, `include`).
    pub references: Vec<crate::references::Reference>,
    /// The document number of the post's file in the persistent index,
    /// when it was loaded through one: search postings name it.
    pub doc: Option<u32>,
    pub problems: Vec<Problem>,
}

impl Post {
    /// Whether the post is hidden unless drafts are shown: a draft, or
    /// a post waiting for its date.
    pub fn is_hidden(&self) -> bool {
        !self.published || self.scheduled
    }

    /// A front-matter key kept as written (`slug`, `url` …) as text, its
    /// quotes aside; `None` when missing or empty.
    pub fn front_text(&self, key: &str) -> Option<&str> {
        let (_, v) = self.extra.iter().find(|(k, _)| k == key)?;
        Some(v.trim().trim_matches(['"', '\'']).trim()).filter(|v| !v.is_empty())
    }

    /// Whether its text takes in a site's include (its search text, then,
    /// says what the include says).
    pub fn includes_any(&self) -> bool {
        use crate::references::RefKind;
        self.references
            .iter()
            .any(|r| matches!(r.kind, RefKind::Include | RefKind::IncludeRelative))
    }

    /// Jekyll's slug: the front matter's `slug`, else the file's name
    /// without its date prefix and extension.
    pub fn jekyll_slug(&self) -> String {
        if let Some(slug) = self.front_text("slug") {
            return slug.to_string();
        }
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default();
        crate::date::undated(&stem).to_string()
    }
}

/// What the loader keeps of each post beyond its front matter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Keep {
    pub body: bool,
    pub search_text: bool,
}

impl Keep {
    /// Everything: the body and its search text.
    pub const ALL: Keep = Keep {
        body: true,
        search_text: true,
    };
}

/// Where a post file was found, as Jekyll and Hugo read folders.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// The post's id.
    pub id: String,
    /// The name its date and title come from when the front matter gives
    /// none: the file name without extension, or a page bundle's folder
    /// name (`name/index.md`).
    pub name: String,
    pub folder: Folder,
    /// The folders above `_posts` (or `_drafts`), which Jekyll makes the
    /// post's first categories.
    pub categories: Vec<String>,
}

/// The kind of folder a post file is in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Folder {
    /// Any folder: every post file is a post.
    #[default]
    Plain,
    /// Under a Jekyll `_posts` folder.
    Posts,
    /// Under a Jekyll `_drafts` folder: every post is a draft.
    Drafts,
    /// Under a Hexo site's `_posts`: every post file is a post, named as
    /// its author likes, dated by its file when its front matter is not.
    Hexo,
    /// Under a Hexo site's `_drafts`: as [`Folder::Hexo`], drafts.
    HexoDraft,
}

impl Place {
    /// A file in a plain folder, with `id`.
    pub fn plain(path: &Path, id: &str) -> Place {
        Place {
            id: id.to_string(),
            name: path
                .file_stem()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            ..Place::default()
        }
    }
}

/// What a file turned out to be.
#[derive(Debug)]
pub enum Outcome {
    Post(Box<Post>),
    /// Not a post, by Jekyll's rules (a note says why).
    NotAPost(Problem),
    /// Not readable as a post (a problem says why).
    Unreadable(Problem),
}

/// Decode `bytes` as a post of a plain folder, or report why it cannot be
/// one.
pub fn parse(
    path: &Path,
    id: &str,
    bytes: &[u8],
    format: Format,
    keep: Keep,
) -> Result<Post, Problem> {
    match read(path, &Place::plain(path, id), bytes, format, keep) {
        Outcome::Post(post) => Ok(*post),
        Outcome::NotAPost(p) | Outcome::Unreadable(p) => Err(p),
    }
}

/// Whether a file of `folder` is published without front matter as it
/// is: Jekyll's PostReader renders every dated file of `_posts` (undated
/// ones are no posts) and every file of `_drafts`, front matter or not.
/// Elsewhere a missing front matter is said: JSON front matter, or a
/// first line that is not quite `---`, would be read as text.
fn renders_without_front_matter(folder: Folder) -> bool {
    matches!(folder, Folder::Posts | Folder::Drafts)
}

/// Decode `bytes`, found at `place`, as a post of no site.
pub fn read(path: &Path, place: &Place, bytes: &[u8], format: Format, keep: Keep) -> Outcome {
    read_in(None, path, place, bytes, format, keep)
}

/// Decode `bytes`, found at `place`, as a post of `site`: its search text
/// is what the site shows of it (its dialect, its includes).
pub fn read_in(
    site: Option<&crate::site::Site>,
    path: &Path,
    place: &Place,
    bytes: &[u8],
    format: Format,
    keep: Keep,
) -> Outcome {
    if bytes.len() as u64 > MAX_FILE_SIZE {
        let message = crate::fsread::too_large(bytes.len() as u64, MAX_FILE_SIZE);
        return Outcome::Unreadable(Problem::new(path, 1, message));
    }
    let decoded = match crate::decode::decode(bytes) {
        Ok(d) => d,
        Err(e) => return Outcome::Unreadable(Problem::new(path, 1, e.message())),
    };
    let text = decoded.text.as_ref();
    let mut split = frontmatter::split(text);
    let hexo = matches!(place.folder, Folder::Hexo | Folder::HexoDraft);
    if hexo && split.front.is_none() && !split.unclosed {
        split = frontmatter::split_unopened(text).unwrap_or(split);
    }
    let name_date = PostDate::from_file_name(&place.name);
    if place.folder == Folder::Posts && name_date.is_none() && split.front.is_none() {
        return Outcome::NotAPost(Problem::note(path, 1, Msg::NotAPostInPosts));
    }
    let mut problems: Vec<Problem> = decoded
        .notes
        .into_iter()
        .map(|(line, message)| Problem::new(path, line, message))
        .collect();
    let delimiter = split.syntax.delimiter();
    if split.unclosed {
        let message = Msg::FrontMatterUnclosed.with("delimiter", delimiter);
        problems.push(Problem::new(path, 1, message));
    } else if split.front.is_none() && !renders_without_front_matter(place.folder) {
        problems.push(Problem::new(path, 1, Msg::NoFrontMatter));
    }
    if split.blank_lines > 0 && matches!(place.folder, Folder::Posts | Folder::Drafts) {
        let message = Msg::FrontMatterAfterBlankLines.with("n", split.blank_lines);
        problems.push(Problem::new(path, 1, message));
    }
    let parsed = match split.front {
        Some(front) if front.len() > frontmatter::MAX_FRONT_MATTER => {
            let message = Msg::FrontMatterTooLarge
                .with("kib", front.len() / 1024)
                .with(
                    "cap",
                    crate::fsread::size_text(frontmatter::MAX_FRONT_MATTER as u64),
                );
            problems.push(Problem::new(path, split.front_line, message));
            frontmatter::Parsed::default()
        }
        Some(front) => frontmatter::parse_as(front, split.syntax),
        None => frontmatter::Parsed::default(),
    };
    for p in &parsed.problems {
        problems.push(Problem::new(
            path,
            split.front_line + p.line - 1,
            Msg::FrontMatter.with_msg("problem", p.message.clone()),
        ));
    }
    let mut post = Post {
        id: one_line(&place.id),
        path: path.to_path_buf(),
        title: String::new(),
        categories: Vec::new(),
        tags: Vec::new(),
        date: None,
        publish_date: None,
        excerpt: String::new(),
        feature_text: String::new(),
        image: String::new(),
        layout: String::new(),
        published: !matches!(place.folder, Folder::Drafts | Folder::HexoDraft),
        scheduled: false,
        extra: Vec::new(),
        format,
        body: None,
        search: None,
        references: crate::references::of_body(split.body, format, split.body_line),
        doc: None,
        problems: Vec::new(),
    };
    let fields = fields::Fields {
        parsed: &parsed,
        path,
        line: split.front_line,
    };
    fields.apply(&mut post, &place.categories, &mut problems);
    if post.date.is_none() {
        post.date = name_date;
    }
    if place.folder == Folder::Posts && name_date.is_none() {
        problems.push(Problem::note(path, 1, Msg::NotPublishedNoDate));
    }
    if post.title.is_empty() {
        post.title = crate::title::first_heading(split.body)
            .map(|t| one_line(&t))
            .unwrap_or_else(|| crate::title::from_name(&place.name));
    }
    // The body is only sanitised when something keeps it: `--list` reads
    // front matter alone.
    if keep.body || keep.search_text {
        // Markdown keeps its tabs for comrak: they are block structure.
        let body = match format {
            Format::Html => sanitize(split.body),
            Format::Markdown => crate::sanitize::sanitize_keeping_tabs(split.body),
        };
        if keep.search_text {
            let context = crate::site::liquid_context_in(site, &post);
            post.search = Some(crate::search::SearchText::of(&post, &body, &context));
        }
        if keep.body {
            post.body = Some(body);
        }
    }
    post.problems = problems;
    Outcome::Post(Box::new(post))
}
