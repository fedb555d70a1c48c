//! Finding a theme by name or path, and laying it over what it extends.

use std::path::{Path, PathBuf};

use ratatui::style::Style;

use super::file::{ThemeFile, ToRgb};
use super::{BUILTIN, ColorDepth, DEFAULT_THEME, MAX_EXTENDS, Part, Theme, ThemeError};
use crate::i18n::{Lang, Message, Msg};
use crate::render::Rgb;

/// A theme file with what it extends already applied: every field may
/// still be missing.
#[derive(Debug, Default)]
pub(super) struct Layers {
    description: Option<String>,
    inline_colors: Option<bool>,
    paper: Option<Rgb>,
    syntax_theme: Option<String>,
    styles: Vec<Option<Style>>,
}

impl Layers {
    /// The theme these layers make; what no layer set takes its default.
    pub(super) fn into_theme(mut self, name: String) -> Theme {
        self.styles.resize(Part::ALL.len(), None);
        let paper = self.paper.unwrap_or(Rgb(0, 0, 0));
        Theme {
            name,
            description: self.description.unwrap_or_default(),
            inline_colors: self.inline_colors.unwrap_or(true),
            paper,
            syntax: super::syntax::styles(self.syntax_theme.as_deref(), paper),
            styles: self
                .styles
                .into_iter()
                .map(Option::unwrap_or_default)
                .collect(),
            depth: ColorDepth::TrueColor,
        }
    }

    pub(super) fn over(mut self, top: ThemeFile) -> Layers {
        if top.description.is_some() {
            self.description = top.description;
        }
        if top.inline_colors.is_some() {
            self.inline_colors = top.inline_colors;
        }
        if let Some(p) = top.paper.and_then(|c| c.0.rgb()) {
            self.paper = Some(p);
        }
        if let Some(t) = top.syntax_theme {
            self.syntax_theme = Some(t.0);
        }
        self.styles.resize(Part::ALL.len(), None);
        for (i, part) in Part::ALL.iter().enumerate() {
            if let Some(spec) = top.styles.get(*part) {
                self.styles[i] = Some(spec.to_style());
            }
        }
        self
    }
}

pub(super) fn parse_file(text: &str, path: &Path) -> Result<ThemeFile, ThemeError> {
    serde_yaml::from_str(text).map_err(|e| {
        let (line, message) = super::expected::explain(&e, text);
        ThemeError::File {
            path: path.to_path_buf(),
            line,
            message,
        }
    })
}

/// Theme files larger than this are not read.
const MAX_THEME_SIZE: u64 = 1024 * 1024;

/// Where a theme's text comes from.
enum Origin {
    File(PathBuf),
    Builtin(&'static str, &'static str),
}

/// A theme name, not a path: what `extends:` and the themes folder take.
fn is_theme_name(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('.')
        && !s.contains(['/', '\\', '\0', std::path::MAIN_SEPARATOR])
}

/// Find `spec`: with `paths` allowed (the command line, the config), a
/// spec with a `/` or ending in `.yaml` is a file; otherwise it is a name,
/// looked up in the user's themes folder, then among the built-in themes.
fn locate(spec: &str, user_dir: Option<&Path>, paths: bool) -> Result<Origin, ThemeError> {
    let looks_like_path =
        spec.contains(std::path::MAIN_SEPARATOR) || spec.contains('/') || spec.ends_with(".yaml");
    if paths && looks_like_path {
        return Ok(Origin::File(PathBuf::from(spec)));
    }
    if !is_theme_name(spec) {
        return Err(ThemeError::Unknown(spec.to_string()));
    }
    if let Some(file) = user_dir
        .map(|d| d.join(format!("{spec}.yaml")))
        .filter(|p| p.exists())
    {
        return Ok(Origin::File(file));
    }
    BUILTIN
        .iter()
        .find(|(n, _)| *n == spec)
        .map(|(name, text)| Origin::Builtin(name, text))
        .ok_or_else(|| ThemeError::Unknown(spec.to_string()))
}

/// The layers of `spec` and everything it extends. `extends:` takes names
/// only: a theme file must not make sinmun read (and quote in an error)
/// any file it points at.
pub(super) fn resolve(
    spec: &str,
    user_dir: Option<&Path>,
    depth: usize,
) -> Result<Layers, ThemeError> {
    let (text, path, builtin) = match locate(spec, user_dir, depth == 0)? {
        Origin::File(path) => {
            let text =
                crate::fsread::read_regular_text(&path, MAX_THEME_SIZE).map_err(|error| {
                    ThemeError::Unreadable {
                        path: path.clone(),
                        error,
                    }
                })?;
            (text, path, false)
        }
        Origin::Builtin(name, text) => (
            text.to_string(),
            PathBuf::from(format!("themes/{name}.yaml")),
            true,
        ),
    };
    if let Err(refusal) = crate::frontmatter::check(&text) {
        return Err(ThemeError::File {
            path,
            line: 1,
            message: Msg::ThisFile.with_msg("refusal", refusal.message()),
        });
    }
    let file = parse_file(&text, &path)?;
    let extends_line = text
        .lines()
        .position(|l| l.starts_with("extends:"))
        .map_or(1, |i| i + 1);
    let at_extends = |message: Message| ThemeError::File {
        path: path.clone(),
        line: extends_line,
        message,
    };
    let base = match file.extends.as_deref() {
        Some(parent) if !is_theme_name(parent) => {
            let parent = crate::frontmatter::quote(parent);
            return Err(at_extends(Msg::ExtendsNotName.with("name", parent)));
        }
        Some(parent) if depth >= MAX_EXTENDS || parent == spec => {
            let parent = crate::frontmatter::quote(parent);
            return Err(at_extends(Msg::ExtendsLoop.with("name", parent)));
        }
        Some(parent) => resolve(parent, user_dir, depth + 1).map_err(|e| match e {
            ThemeError::Unknown(name) => {
                let name = crate::frontmatter::quote(&name);
                at_extends(Msg::ExtendsUnknown.with("name", name))
            }
            other => other,
        })?,
        None if builtin => Layers::default(),
        None => resolve(DEFAULT_THEME, None, depth + 1)?,
    };
    Ok(base.over(file))
}

/// Every theme `--list-themes` shows: (name, description, where from).
/// A broken user theme is described by its error, in `lang`.
pub fn available(user_dir: Option<&Path>, lang: Lang) -> Vec<(String, String, &'static str)> {
    let mut out: Vec<(String, String, &'static str)> = Vec::new();
    if let Some(dir) = user_dir
        && let Ok(entries) = std::fs::read_dir(dir)
    {
        let mut names: Vec<String> = entries
            .filter_map(|e| {
                e.ok()?
                    .file_name()
                    .to_str()?
                    .strip_suffix(".yaml")
                    .map(str::to_string)
            })
            .collect();
        names.sort();
        for name in names {
            let description = match Theme::load(&name, Some(dir)) {
                Ok(t) => t.description,
                Err(e) => Msg::BrokenTheme.with("error", e.say(lang)).say(lang),
            };
            out.push((
                crate::text::one_line(&name),
                crate::text::one_line(&description),
                "user",
            ));
        }
    }
    for (name, _) in BUILTIN {
        if !out.iter().any(|(n, ..)| n == name) {
            let description = Theme::load(name, None)
                .map(|t| t.description)
                .unwrap_or_default();
            out.push((name.to_string(), description, "built-in"));
        }
    }
    out
}

pub(super) fn builtin_names() -> String {
    BUILTIN
        .iter()
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(", ")
}
