//! What a post's Liquid names in other files: Jekyll's `post_url` (another
//! post) and `include` or `include_relative` (a file of the site). Each
//! post's references are read with it (and kept in the index with it);
//! whether what they name is there depends on the other files, so it is
//! decided after each load, over all the posts, and never kept: a post
//! added later, or an include written later, puts an end to the problem.
//! Jekyll stops its build on either, so either is a problem.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::date::file_name_date;
use crate::i18n::Msg;
use crate::post::{Format, Post};
use crate::problem::Problem;
use crate::site::{Engine, Site};
use crate::store::site_of;

/// A tag of a post's own text naming another file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// The tag's line in the post's file.
    pub line: usize,
    pub kind: RefKind,
    /// The name as written (a post's `YYYY-MM-DD-title`, an include's
    /// file).
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RefKind {
    PostUrl,
    Include,
    IncludeRelative,
}

/// The references of a post's `body` (in `format`), whose first line is
/// line `first_line` of its file.
pub(crate) fn of_body(body: &str, format: Format, first_line: usize) -> Vec<Reference> {
    // Most bodies have none: one look for each word before any scan.
    let b = body.as_bytes();
    let may = |word: &[u8]| memchr::memmem::find(b, word).is_some();
    if !may(b"{%") || !(may(b"post_url") || may(b"include")) {
        return Vec::new();
    }
    crate::markdown::references(body, format)
        .into_iter()
        .map(|(line, kind, name)| Reference {
            line: first_line + line - 1,
            kind,
            name,
        })
        .collect()
}

/// The problems of `posts`' references among `sites`: `post_url`s that
/// name no post of their site (when the site was read whole: a folder
/// of it does not hold every post a link may name), includes that are
/// not there. Only Jekyll sites' posts are looked at: elsewhere nothing
/// runs these tags.
pub(crate) fn problems(posts: &[&Post], sites: &[Site]) -> Vec<Problem> {
    let mut problems = Vec::new();
    if posts.iter().all(|p| p.references.is_empty()) {
        return problems;
    }
    let mut names: Option<HashMap<PathBuf, PostNames>> = None;
    let mut found = Found::new();
    for post in posts.iter().filter(|p| !p.references.is_empty()) {
        let Some(site) = site_of(sites, post).filter(|s| s.engine == Engine::Jekyll) else {
            continue;
        };
        for reference in &post.references {
            let problem = match reference.kind {
                RefKind::PostUrl if !site.whole => None,
                RefKind::PostUrl => {
                    let names = names.get_or_insert_with(|| PostNames::by_site(posts, sites));
                    post_url_problem(&reference.name, names.get(&site.root))
                }
                _ => include_problem(site, post, reference, &mut found),
            };
            if let Some(message) = problem {
                problems.push(Problem::new(&post.path, reference.line, message));
            }
        }
    }
    problems
}

/// What a `post_url` naming `name` finds wrong among `names` (the posts of
/// its site), if anything.
fn post_url_problem(name: &str, names: Option<&PostNames>) -> Option<crate::i18n::Message> {
    let shown = crate::sanitize::quote(name);
    let Some((slug, date)) = post_name(name) else {
        return Some(Msg::PostUrlBadName.with("name", shown));
    };
    let last = name.rsplit('/').next().unwrap_or(name);
    let known = names.is_some_and(|n| n.stems.contains(last) || n.slugs.contains(&(slug, date)));
    (!known).then(|| Msg::PostUrlNotFound.with("name", shown))
}

/// Whether an include's file was found, by folder, kind and name.
type Found = HashMap<(PathBuf, RefKind, String), bool>;

/// What an include `reference` of `post` in `site` finds wrong, if
/// anything (`found`: the answers so far).
fn include_problem(
    site: &Site,
    post: &Post,
    reference: &Reference,
    found: &mut Found,
) -> Option<crate::i18n::Message> {
    let relative = reference.kind == RefKind::IncludeRelative;
    // A theme (a gem, `remote_theme`) may hold the site's includes: only
    // its own files can be told missing.
    if !relative && site.theme {
        return None;
    }
    let includes = site.includes_for(post);
    let dir = match relative {
        true => &includes.post_dir,
        false => &includes.dir,
    };
    let key = (dir.clone(), reference.kind, reference.name.clone());
    let here = *found.entry(key).or_insert_with(|| {
        crate::markdown::liquid::include_file(&includes, &reference.name, relative).is_some()
    });
    if here {
        return None;
    }
    let folder = dir.strip_prefix(&site.root).unwrap_or(dir);
    let folder = match folder.as_os_str().is_empty() {
        true => ".".to_string(),
        false => folder.to_string_lossy().into_owned(),
    };
    let tag = match relative {
        true => "include_relative",
        false => "include",
    };
    Some(
        Msg::IncludeNotFound
            .with("tag", tag)
            .with("name", crate::sanitize::quote(&reference.name))
            .with("folder", crate::text::one_line(&folder)),
    )
}

/// A post's name as `post_url` gives it (`2024-07-19-title`, after
/// folders): its slug and its date, when it is one.
fn post_name(name: &str) -> Option<(String, (i32, u8, u8))> {
    let last = name.trim_start_matches('/').rsplit('/').next()?;
    let (date, len) = file_name_date(last)?;
    Some((last[len..].to_string(), (date.year, date.month, date.day)))
}

/// The names a site's posts answer to, as Jekyll matches `post_url`: the
/// file's name (without its extension), or its slug (the front matter's
/// `slug`, else the name's) on its date.
#[derive(Default)]
struct PostNames {
    stems: HashSet<String>,
    slugs: HashSet<(String, (i32, u8, u8))>,
}

impl PostNames {
    /// The names of `posts`, by the root of their site.
    fn by_site(posts: &[&Post], sites: &[Site]) -> HashMap<PathBuf, PostNames> {
        let mut by_site: HashMap<PathBuf, PostNames> = HashMap::new();
        for post in posts {
            if let Some(site) = site_of(sites, post) {
                by_site.entry(site.root.clone()).or_default().add(post);
            }
        }
        by_site
    }

    fn add(&mut self, post: &Post) {
        let stem = file_stem(&post.path);
        let slug = post.jekyll_slug();
        if let Some(d) = post.date {
            self.slugs.insert((slug, (d.year, d.month, d.day)));
        }
        self.stems.insert(stem);
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_names_as_post_url_writes_them() {
        assert_eq!(
            post_name("/Java/2022-10-2-스레드"),
            Some(("스레드".to_string(), (2022, 10, 2)))
        );
        assert_eq!(post_name("스레드"), None);
        assert_eq!(
            post_name("2022-10-02-"),
            Some((String::new(), (2022, 10, 2)))
        );
    }
}
