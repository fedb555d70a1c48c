//! Finding a theme by name or path, and laying it over what it extends.

use std::path::{Path, PathBuf};

use ratatui::style::Style;

use super::file::{ThemeFile, ToRgb};
use super::{BUILTIN, ColorDepth, DEFAULT_THEME, MAX_EXTENDS, Part, Theme, ThemeError};
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
        let (line, message) = crate::frontmatter::describe(&e);
        ThemeError::File {
            path: path.to_path_buf(),
            line,
            message,
        }
    })
}

pub(super) fn resolve(
    spec: &str,
    user_dir: Option<&Path>,
    depth: usize,
) -> Result<Layers, ThemeError> {
    let as_path = Path::new(spec);
    let is_path =
        spec.contains(std::path::MAIN_SEPARATOR) || spec.contains('/') || spec.ends_with(".yaml");
    let user_file = user_dir
        .map(|d| d.join(format!("{spec}.yaml")))
        .filter(|p| !is_path && p.is_file());
    let file_path = if is_path {
        Some(as_path.to_path_buf())
    } else {
        user_file
    };
    let (text, path, builtin) = if let Some(path) = file_path {
        let text = std::fs::read_to_string(&path).map_err(|error| ThemeError::Unreadable {
            path: path.clone(),
            error,
        })?;
        (text, path, false)
    } else if let Some((name, text)) = BUILTIN.iter().find(|(n, _)| *n == spec) {
        (
            text.to_string(),
            PathBuf::from(format!("themes/{name}.yaml")),
            true,
        )
    } else {
        return Err(ThemeError::Unknown(spec.to_string()));
    };
    let file = parse_file(&text, &path)?;
    let extends_line = text
        .lines()
        .position(|l| l.starts_with("extends:"))
        .map_or(1, |i| i + 1);
    let base = match file.extends.as_deref() {
        Some(parent) if depth >= MAX_EXTENDS || parent == spec => {
            return Err(ThemeError::File {
                path,
                line: extends_line,
                message: format!(
                    "extends \"{}\": themes extend each other in a loop",
                    crate::text::one_line(parent)
                ),
            });
        }
        Some(parent) => resolve(parent, user_dir, depth + 1).map_err(|e| match e {
            ThemeError::Unknown(name) => ThemeError::File {
                path: path.clone(),
                line: extends_line,
                message: format!(
                    "extends an unknown theme \"{}\"",
                    crate::text::one_line(&name)
                ),
            },
            other => other,
        })?,
        None if builtin => Layers::default(),
        None => resolve(DEFAULT_THEME, None, depth + 1)?,
    };
    Ok(base.over(file))
}

/// Every theme `--list-themes` shows: (name, description, where from).
pub fn available(user_dir: Option<&Path>) -> Vec<(String, String, &'static str)> {
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
                Err(e) => format!("(broken: {e})"),
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
