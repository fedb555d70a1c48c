//! The typed fields of a post, read out of its parsed front matter (YAML
//! or TOML alike), with Jekyll's and Hugo's meanings.

use std::path::Path;

use serde_yaml::Value;

use super::Post;
use crate::date::PostDate;
use crate::frontmatter::{self, quote};
use crate::i18n::Msg;
use crate::problem::Problem;
use crate::text::{one_line, sanitize};

/// Reads typed fields out of the parsed front matter.
pub(super) struct Fields<'a> {
    pub parsed: &'a frontmatter::Parsed,
    pub path: &'a Path,
    pub line: usize,
}

/// Categories and tags as Jekyll gathers them: a plural key's string is
/// split at spaces, a singular key's value is one name.
#[derive(Default)]
struct Names {
    categories: Vec<String>,
    category: Vec<String>,
    tags: Vec<String>,
    tag: Option<Vec<String>>,
}

impl Fields<'_> {
    /// Fill `post` from the front matter; `folder_categories` (the folders
    /// above `_posts`) come first, as in Jekyll.
    pub(super) fn apply(
        &self,
        post: &mut Post,
        folder_categories: &[String],
        problems: &mut Vec<Problem>,
    ) {
        let mut names = Names::default();
        let mut description = None;
        // Hugo's `publishDate` (also written `pubdate`, `published`):
        // the date when `date` is not set.
        let mut publish_date = None;
        // A theme's lead picture, by rank: taken when there is no `image`.
        let mut theme_picture: Option<(usize, String)> = None;
        for (key, value) in &self.parsed.map {
            let Some(key) = key.as_str() else {
                post.extra
                    .push((frontmatter::key_text(key), yaml_text(value)));
                continue;
            };
            let mut bad = |what: Msg| {
                let message = Msg::FieldShouldBe
                    .with("key", key)
                    .with_msg("what", what)
                    .with("value", quote(&yaml_text(value)));
                problems.push(Problem::new(self.path, self.key_line(key), message));
            };
            match key {
                "title" => match self.scalar(key, value) {
                    Some(t) => post.title = one_line(&t),
                    None if value.is_null() => {}
                    None => bad(Msg::WhatText),
                },
                "categories" | "tags" => match list(value, true) {
                    Some(items) if key == "tags" => names.tags = items,
                    Some(items) => names.categories = items,
                    None => bad(Msg::WhatList),
                },
                "category" | "tag" => match list(value, false) {
                    Some(items) if key == "tag" => names.tag = Some(items),
                    Some(items) => names.category = items,
                    None => bad(Msg::WhatName),
                },
                // jekyll-seo-tag and Chirpy write `image:` as a mapping with
                // a `path`; Hugo Blox (Wowchemy) as one without, describing
                // the page bundle's `featured` picture: no picture here.
                "image" if value.is_mapping() => {
                    if let Some(path) = value.get("path").and_then(Value::as_str) {
                        post.image = one_line(path);
                    }
                }
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
                        None => bad(Msg::WhatText),
                    }
                }
                "date" => match self.date(key, value) {
                    Some(d) => post.date = Some(d),
                    None if value.is_null() => {}
                    None => match self.date_without_zone(key, value) {
                        // Jekyll's Time.parse reads it so, in the site's zone.
                        Some((d, zone)) => {
                            post.date = Some(d);
                            let message = Msg::DateZoneIgnored.with("zone", quote(&zone));
                            problems.push(Problem::note(self.path, self.key_line(key), message));
                        }
                        None => bad(Msg::WhatDate),
                    },
                },
                // A draft stays a draft whatever else the front matter says.
                "published" => match (published(value), self.date(key, value)) {
                    (Some(p), _) => post.published &= p,
                    (None, Some(date)) => publish_date = Some(date),
                    (None, None) => bad(Msg::WhatBool),
                },
                k if k.eq_ignore_ascii_case("publishDate") || k.eq_ignore_ascii_case("pubdate") => {
                    match self.date(key, value) {
                        Some(date) => publish_date = Some(date),
                        None if value.is_null() => {}
                        None => bad(Msg::WhatDate),
                    }
                    self.keep(post, key, value);
                }
                "draft" => match published(value) {
                    Some(draft) => post.published &= !draft,
                    None => bad(Msg::WhatBool),
                },
                "description" => {
                    match self.scalar(key, value) {
                        Some(t) => description = Some(one_line(&t)),
                        None if value.is_null() => {}
                        None => bad(Msg::WhatText),
                    }
                    self.keep(post, key, value);
                }
                _ => {
                    if let Some(found) = lead_picture(key, value)
                        && theme_picture
                            .as_ref()
                            .is_none_or(|(rank, _)| found.0 < *rank)
                    {
                        theme_picture = Some(found);
                    }
                    self.keep(post, key, value);
                }
            }
        }
        if post.image.is_empty()
            && let Some((_, picture)) = theme_picture
        {
            post.image = picture;
        }
        // Folder names may hold anything a file system allows.
        let folders = folder_categories.iter().map(|c| one_line(c)).collect();
        post.publish_date = publish_date;
        post.date = post.date.or(publish_date);
        for items in [folders, names.categories, names.category] {
            merge(&mut post.categories, items);
        }
        // Jekyll takes `tag` when it is there, `tags` only otherwise.
        let tags = names.tag.filter(|t| !t.is_empty()).unwrap_or(names.tags);
        merge(&mut post.tags, tags);
        if post.excerpt.is_empty()
            && let Some(d) = description
        {
            post.excerpt = d;
        }
    }

    /// A scalar that is a date.
    fn date(&self, key: &str, value: &Value) -> Option<PostDate> {
        self.scalar(key, value).as_deref().and_then(PostDate::parse)
    }

    /// A date whose time zone is not one (Chirpy's template says `+/-TTTT`
    /// and is copied as written), and that zone.
    fn date_without_zone(&self, key: &str, value: &Value) -> Option<(PostDate, String)> {
        self.scalar(key, value)
            .as_deref()
            .and_then(PostDate::parse_ignoring_zone)
    }

    /// Keep a key the reader has no field for, its value as YAML text.
    fn keep(&self, post: &mut Post, key: &str, value: &Value) {
        post.extra
            .push((one_line(key), sanitize(yaml_text(value).trim_end())));
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

/// The lead picture a theme draws from `key` when a post has no `image`,
/// with its rank (lower first): Hexo themes' `cover`, `thumbnail`,
/// `index_img` (Fluid), `banner_img` and `photos`; Hugo PaperMod's
/// `cover.image`; Minimal Mistakes' `header.image`, `overlay_image` and
/// `teaser`; last, Hugo's own `images` (its Open Graph and Twitter
/// cards' pictures), a list or one path.
fn lead_picture(key: &str, value: &Value) -> Option<(usize, String)> {
    const KEYS: &[&str] = &[
        "cover",
        "thumbnail",
        "index_img",
        "banner_img",
        "photos",
        "header",
        "images",
    ];
    let rank = KEYS.iter().position(|k| *k == key)?;
    let path = match value {
        Value::String(s) if key != "header" => Some(s.as_str()),
        // `photos`, `images`: the first that names a file.
        Value::Sequence(items) => items
            .iter()
            .filter_map(Value::as_str)
            .find(|s| !s.trim().is_empty()),
        Value::Mapping(_) if key == "cover" || key == "header" => {
            ["image", "overlay_image", "teaser"]
                .iter()
                .find_map(|k| value.get(k).and_then(Value::as_str))
        }
        _ => None,
    }?;
    let path = one_line(path.trim());
    (!path.is_empty()).then_some((rank, path))
}

/// A list of names from a sequence, or from a string: split at spaces
/// when `split` (a plural key), one name otherwise. A sequence may hold
/// sequences: Hexo's categories, one path of them each
/// (`[[일기, 게임], [생활]]`).
fn list(value: &Value, split: bool) -> Option<Vec<String>> {
    match value {
        Value::Null => Some(Vec::new()),
        Value::String(s) if split => Some(s.split_whitespace().map(one_line).collect()),
        Value::String(s) => Some(vec![one_line(s.trim())]),
        Value::Bool(_) | Value::Number(_) => Some(vec![yaml_text(value)]),
        Value::Sequence(items) => {
            let mut names = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::Sequence(path) => {
                        for v in path {
                            names.push(name(v)?);
                        }
                    }
                    v => names.push(name(v)?),
                }
            }
            Some(names)
        }
        _ => None,
    }
}

/// One name of a list: a scalar, as written.
fn name(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(one_line(s)),
        Value::Bool(_) | Value::Number(_) => Some(yaml_text(value)),
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

#[cfg(test)]
mod tests;
