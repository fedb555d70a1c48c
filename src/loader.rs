//! Paths -> posts: the files the walk found (`walk`), read only when they
//! are regular files under the size limit, parsed in parallel.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::post::{self, Folder, Format, Keep, Outcome, Place, Post};
use crate::problem::Problem;
use crate::site::Site;
pub use crate::walk::WalkOptions;
use crate::walk::{self, Source, id_of};

/// Everything a load found.
#[derive(Debug, Default)]
pub struct Load {
    /// Posts in DESIGN order: newest first, then file name; undated last.
    pub posts: Vec<Post>,
    /// Problems of files that could not become posts, and of the walk;
    /// notes about files that are not posts by Jekyll's rules.
    pub problems: Vec<Problem>,
    /// Files that are not posts (other extensions, a site's pages, files
    /// Jekyll does not read as posts), skipped.
    pub skipped: usize,
    /// Entries named like posts that are not regular files (FIFOs,
    /// sockets, devices), never opened; each also has a problem.
    pub special: usize,
    /// The Jekyll sites the folders read are, or are the `_posts` of.
    pub sites: Vec<Site>,
}

impl Load {
    /// Every problem: the walk's, each post's, and those of the tags that
    /// name other files, in path order.
    pub fn all_problems(&self) -> Vec<Problem> {
        let mut all: Vec<Problem> = self.file_problems().into_iter().cloned().collect();
        all.extend(self.reference_problems());
        all.sort();
        all
    }

    /// The problems found reading the files: the walk's, then each
    /// post's, in path order.
    pub(crate) fn file_problems(&self) -> Vec<&Problem> {
        let mut all: Vec<&Problem> = self
            .problems
            .iter()
            .chain(self.posts.iter().flat_map(|p| &p.problems))
            .collect();
        all.sort();
        all
    }

    /// The problems of the tags that name other files (`post_url`,
    /// `include`): what they name is looked for among all the posts and
    /// files now, never kept.
    pub(crate) fn reference_problems(&self) -> Vec<Problem> {
        let posts: Vec<&Post> = self.posts.iter().collect();
        crate::references::problems(&posts, &self.sites)
    }
}

/// Load every post under `roots` (folders or single files); symlinked
/// folders that lead outside them are not followed.
pub fn load(roots: &[PathBuf], keep: Keep) -> Load {
    load_with(roots, keep, WalkOptions::default())
}

/// `load`, with the walk's options.
pub fn load_with(roots: &[PathBuf], keep: Keep, options: WalkOptions) -> Load {
    read_found(walk::walk(roots, options), keep)
}

/// Read what a walk found (in parallel) into a load.
pub(crate) fn read_found(found: walk::Found, keep: Keep) -> Load {
    let results: Vec<Outcome> = found
        .sources
        .par_iter()
        .map(|s| read_post(s, keep))
        .collect();
    let mut load = finish(results, found.problems, found.skipped);
    load.special = found.special;
    load.sites = found.sites;
    load
}

/// Load posts given as (name, text) pairs, such as the demo posts built
/// into the binary; `prefix` stands in for their folder in paths.
pub fn load_embedded(files: &[(&str, &str)], prefix: &str, keep: Keep) -> Load {
    let results = files
        .par_iter()
        .filter_map(|(name, text)| {
            let path = Path::new(prefix).join(name);
            let format = Format::from_extension(path.extension()?.to_str()?)?;
            let place = Place::plain(&path, &id_of(Path::new(name)));
            Some(post::read(&path, &place, text.as_bytes(), format, keep))
        })
        .collect();
    finish(results, Vec::new(), 0)
}

/// The demo posts built into the binary, under the folder name `demo`.
pub fn load_demo(keep: Keep) -> Load {
    load_embedded(crate::demo::DEMO_POSTS, "demo", keep)
}

/// A load of these outcomes (in any order) and the walk's problems.
pub(crate) fn finish(
    results: Vec<Outcome>,
    mut problems: Vec<Problem>,
    mut skipped: usize,
) -> Load {
    let mut posts = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Outcome::Post(p) => posts.push(*p),
            Outcome::NotAPost(note) => {
                skipped += 1;
                problems.push(note);
            }
            Outcome::Unreadable(problem) => problems.push(problem),
        }
    }
    posts.par_sort_by(post_order);
    report_duplicate_ids(&mut posts);
    Load {
        posts,
        problems,
        skipped,
        ..Load::default()
    }
}

/// Newest first, then file name; posts without a date after dated ones.
pub fn post_order(a: &Post, b: &Post) -> Ordering {
    let key = |p: &Post| p.date.map(|d| d.sort_key());
    match (key(a), key(b)) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.path.file_name().cmp(&b.path.file_name()))
    .then_with(|| a.path.cmp(&b.path))
}

fn report_duplicate_ids(posts: &mut [Post]) {
    let mut seen: std::collections::HashMap<String, PathBuf> =
        std::collections::HashMap::with_capacity(posts.len());
    for post in posts.iter_mut() {
        match seen.get(&post.id) {
            Some(first) => {
                // Both come from file names, which may hold anything.
                let msg = crate::i18n::Msg::DuplicateId
                    .with("id", crate::text::one_line(&post.id))
                    .with("path", crate::text::one_line(&first.to_string_lossy()));
                post.problems.push(Problem::new(&post.path, 1, msg));
            }
            None => {
                seen.insert(post.id.clone(), post.path.clone());
            }
        }
    }
}

fn read_post(source: &Source, keep: Keep) -> Outcome {
    let (mut outcome, meta) = read_source(source, keep);
    date_by_file(
        &mut outcome,
        &source.place,
        meta.and_then(|m| m.modified().ok()),
    );
    outcome
}

/// Read the file of `source` into an outcome, with the metadata of the
/// file opened (taken before it was read), when it could be opened.
pub(crate) fn read_source(source: &Source, keep: Keep) -> (Outcome, Option<std::fs::Metadata>) {
    let path = &source.path;
    let (file, meta) = match crate::fsread::open_regular(path) {
        Ok(opened) => opened,
        Err(e) => {
            return (
                Outcome::Unreadable(Problem::new(path, 1, e.message())),
                None,
            );
        }
    };
    let bytes = match crate::fsread::read_capped(file, meta.len(), post::MAX_FILE_SIZE) {
        Ok(bytes) => bytes,
        Err(e) => {
            let problem = Problem::new(path, 1, e.message());
            return (Outcome::Unreadable(problem), Some(meta));
        }
    };
    let site = source.site.as_deref();
    let outcome = post::read_in(site, path, &source.place, &bytes, source.format, keep);
    (outcome, Some(meta))
}

/// `jekyll --drafts` dates an undated draft by its modification time, and
/// Hexo an undated post by its file's.
pub(crate) fn date_by_file(
    outcome: &mut Outcome,
    place: &Place,
    modified: Option<std::time::SystemTime>,
) {
    if let Outcome::Post(post) = outcome
        && post.date.is_none()
        && matches!(
            place.folder,
            Folder::Drafts | Folder::Hexo | Folder::HexoDraft
        )
    {
        post.date = modified.and_then(crate::date::PostDate::from_system_time);
    }
}
