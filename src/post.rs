//! One post: its front matter, body and the problems found reading it.

use std::path::{Path, PathBuf};

use serde_yaml::Value;

use crate::date::PostDate;
use crate::frontmatter::{self, quote};
use crate::html_text;
use crate::problem::Problem;
use crate::text::{one_line, sanitize};

/// Files larger than this are reported and not read.
pub const MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

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
    pub excerpt: String,
    pub feature_text: String,
    pub image: String,
    pub layout: String,
    /// `published: false` makes a draft.
    pub published: bool,
    /// Every other front-matter key, with its value as YAML text.
    pub extra: Vec<(String, String)>,
    pub format: Format,
    /// The body, sanitised, when the loader was asked to keep it.
    pub body: Option<String>,
    /// Lowercased visible text for search, when the loader was asked for it.
    pub search: Option<crate::search::SearchText>,
    pub problems: Vec<Problem>,
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

/// Decode `bytes` as a post, or report why it cannot be one.
pub fn parse(
    path: &Path,
    id: &str,
    bytes: &[u8],
    format: Format,
    keep: Keep,
) -> Result<Post, Problem> {
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(Problem::new(
            path,
            1,
            format!(
                "file is {} bytes, over the 16 MiB limit; not read",
                bytes.len()
            ),
        ));
    }
    let decoded = crate::decode::decode(bytes).map_err(|e| Problem::new(path, 1, e.to_string()))?;
    let mut problems: Vec<Problem> = decoded
        .notes
        .into_iter()
        .map(|(line, message)| Problem::new(path, line, message))
        .collect();
    let text = decoded.text.as_ref();
    let split = frontmatter::split(text);
    if split.unclosed {
        problems.push(Problem::new(
            path,
            1,
            "front matter is not closed: no `---` line after it",
        ));
    } else if split.yaml.is_none() {
        problems.push(Problem::new(
            path,
            1,
            "no front matter: the first line is not `---`",
        ));
    }
    let parsed = match split.yaml {
        Some(yaml) if yaml.len() > frontmatter::MAX_FRONT_MATTER => {
            problems.push(Problem::new(
                path,
                split.yaml_line,
                format!(
                    "front matter is {} KiB, over the 64 KiB limit; not parsed",
                    yaml.len() / 1024
                ),
            ));
            frontmatter::Parsed::default()
        }
        Some(yaml) => frontmatter::parse(yaml),
        None => frontmatter::Parsed::default(),
    };
    for p in &parsed.problems {
        problems.push(Problem::new(
            path,
            split.yaml_line + p.line - 1,
            format!("front matter: {}", p.message),
        ));
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut post = Post {
        id: one_line(id),
        path: path.to_path_buf(),
        title: String::new(),
        categories: Vec::new(),
        tags: Vec::new(),
        date: None,
        excerpt: String::new(),
        feature_text: String::new(),
        image: String::new(),
        layout: String::new(),
        published: true,
        extra: Vec::new(),
        format,
        body: None,
        search: None,
        problems: Vec::new(),
    };
    let fields = Fields {
        parsed: &parsed,
        path,
        line: split.yaml_line,
    };
    fields.apply(&mut post, &mut problems);
    if post.date.is_none() {
        post.date = PostDate::from_file_name(&file_name);
    }
    if post.title.is_empty() {
        post.title = match format {
            Format::Html => html_text::first_heading(split.body),
            Format::Markdown => markdown_heading(split.body),
        }
        .map(|t| one_line(&t))
        .unwrap_or_else(|| title_from_file_name(&file_name));
    }
    // The body is only sanitised when something keeps it: `--list` reads
    // front matter alone.
    if keep.body || keep.search_text {
        let body = sanitize(split.body);
        if keep.search_text {
            post.search = Some(crate::search::SearchText::of(&post, &body));
        }
        if keep.body {
            post.body = Some(body);
        }
    }
    post.problems = problems;
    Ok(post)
}

/// The file name without extension and without a `YYYY-MM-DD-` prefix.
fn title_from_file_name(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let stem = if PostDate::from_file_name(stem).is_some() {
        &stem[11..]
    } else {
        stem
    };
    one_line(stem)
}

/// The first ATX heading (`# …`) of a Markdown body.
fn markdown_heading(body: &str) -> Option<String> {
    body.lines().find_map(|line| {
        let t = line.trim_start();
        let hashes = t.len() - t.trim_start_matches('#').len();
        let rest = &t[hashes..];
        if (1..=6).contains(&hashes) && rest.starts_with([' ', '\t']) {
            let text = rest.trim().trim_end_matches('#').trim();
            (!text.is_empty()).then(|| text.to_string())
        } else {
            None
        }
    })
}

/// Reads typed fields out of the parsed front matter.
struct Fields<'a> {
    parsed: &'a frontmatter::Parsed,
    path: &'a Path,
    line: usize,
}

impl Fields<'_> {
    fn apply(&self, post: &mut Post, problems: &mut Vec<Problem>) {
        for (key, value) in &self.parsed.map {
            let Some(key) = key.as_str() else {
                post.extra
                    .push((frontmatter::key_text(key), yaml_text(value)));
                continue;
            };
            let mut bad = |what: &str| {
                problems.push(Problem::new(
                    self.path,
                    self.key_line(key),
                    format!(
                        "front matter: {key} should be {what}, found {}",
                        quote(&yaml_text(value))
                    ),
                ));
            };
            match key {
                "title" => match self.scalar(key, value) {
                    Some(t) => post.title = one_line(&t),
                    None if value.is_null() => {}
                    None => bad("text"),
                },
                "categories" | "category" => match list(value) {
                    Some(items) => merge(&mut post.categories, items),
                    None => bad("a list or a space-separated string"),
                },
                "tags" | "tag" => match list(value) {
                    Some(items) => merge(&mut post.tags, items),
                    None => bad("a list or a space-separated string"),
                },
                "excerpt" | "feature_text" | "image" | "layout" => {
                    let target = match key {
                        "excerpt" => &mut post.excerpt,
                        "feature_text" => &mut post.feature_text,
                        "image" => &mut post.image,
                        _ => &mut post.layout,
                    };
                    match self.scalar(key, value) {
                        Some(t) => *target = one_line(&t),
                        None if value.is_null() => {}
                        None => bad("text"),
                    }
                }
                "date" => match self
                    .scalar(key, value)
                    .as_deref()
                    .map(|t| (t, PostDate::parse(t)))
                {
                    Some((_, Some(d))) => post.date = Some(d),
                    None if value.is_null() => {}
                    _ => bad("a date like 2024-07-19 or 2024-07-19 10:00:00 +0900"),
                },
                "published" => match published(value) {
                    Some(p) => post.published = p,
                    None => bad("true or false"),
                },
                _ => post
                    .extra
                    .push((one_line(key), sanitize(yaml_text(value).trim_end()))),
            }
        }
    }

    /// A scalar as text; non-string scalars as written in the file.
    fn scalar(&self, key: &str, value: &Value) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            Value::Bool(_) | Value::Number(_) => Some(
                self.parsed
                    .raw(key)
                    .map_or_else(|| yaml_text(value), str::to_string),
            ),
            _ => None,
        }
    }

    fn key_line(&self, key: &str) -> usize {
        self.line + self.parsed.key_line(key).unwrap_or(1) - 1
    }
}

/// A list of strings from a YAML sequence or a space-separated string.
fn list(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::Null => Some(Vec::new()),
        Value::String(s) => Some(s.split_whitespace().map(one_line).collect()),
        Value::Bool(_) | Value::Number(_) => Some(vec![yaml_text(value)]),
        Value::Sequence(items) => items
            .iter()
            .map(|v| match v {
                Value::String(s) => Some(one_line(s)),
                Value::Bool(_) | Value::Number(_) => Some(yaml_text(v)),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

fn merge(into: &mut Vec<String>, items: Vec<String>) {
    for item in items {
        if !item.is_empty() && !into.contains(&item) {
            into.push(item);
        }
    }
}

/// `published`: a YAML boolean, or the YAML 1.1 words Jekyll accepts.
fn published(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "y" => Some(true),
            "false" | "no" | "off" | "n" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A value as YAML text (one line for scalars).
pub fn yaml_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim_end()
            .to_string(),
    }
}
