//! Paths -> posts. The only code that walks folders: recursively, symlink
//! loops detected, post files parsed in parallel.

use std::cmp::Ordering;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::post::{self, Format, Keep, Post};
use crate::problem::Problem;

/// Everything a load found.
#[derive(Debug, Default)]
pub struct Load {
    /// Posts in DESIGN order: newest first, then file name; undated last.
    pub posts: Vec<Post>,
    /// Problems of files that could not become posts, and of the walk.
    pub problems: Vec<Problem>,
    /// Files that are not posts (other extensions), skipped.
    pub skipped: usize,
}

impl Load {
    /// Every problem: the walk's, then each post's, in path order.
    pub fn all_problems(&self) -> Vec<&Problem> {
        let mut all: Vec<&Problem> = self
            .problems
            .iter()
            .chain(self.posts.iter().flat_map(|p| &p.problems))
            .collect();
        all.sort();
        all
    }
}

/// A post file found by the walk.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    id: String,
    format: Format,
}

/// Load every post under `roots` (folders or single files).
pub fn load(roots: &[PathBuf], keep: Keep) -> Load {
    let walk = walk(roots);
    read_sources(&walk.sources, walk.problems, walk.skipped, keep)
}

/// The post files under `roots`, without reading them.
pub fn walk(roots: &[PathBuf]) -> Walk {
    let mut walk = Walk::default();
    for root in roots {
        walk.root(root);
    }
    walk
}

/// Read `sources` (in parallel) into a load that also carries `problems`
/// and the count of `skipped` files from the walk.
pub fn read_sources(
    sources: &[Source],
    problems: Vec<Problem>,
    skipped: usize,
    keep: Keep,
) -> Load {
    let results: Vec<Result<Post, Problem>> =
        sources.par_iter().map(|s| read_post(s, keep)).collect();
    finish(results, problems, skipped)
}

/// Load posts given as (name, text) pairs, such as the demo posts built
/// into the binary; `prefix` stands in for their folder in paths.
pub fn load_embedded(files: &[(&str, &str)], prefix: &str, keep: Keep) -> Load {
    let results = files
        .par_iter()
        .filter_map(|(name, text)| {
            let path = Path::new(prefix).join(name);
            let format = Format::from_extension(path.extension()?.to_str()?)?;
            Some(post::parse(
                &path,
                &id_of(Path::new(name)),
                text.as_bytes(),
                format,
                keep,
            ))
        })
        .collect();
    finish(results, Vec::new(), 0)
}

/// The demo posts built into the binary, under the folder name `demo`.
pub fn load_demo(keep: Keep) -> Load {
    load_embedded(crate::demo::DEMO_POSTS, "demo", keep)
}

fn finish(results: Vec<Result<Post, Problem>>, mut problems: Vec<Problem>, skipped: usize) -> Load {
    let mut posts = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(p) => posts.push(p),
            Err(problem) => problems.push(problem),
        }
    }
    posts.par_sort_by(post_order);
    report_duplicate_ids(&mut posts);
    Load {
        posts,
        problems,
        skipped,
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
                let msg = format!(
                    "id \"{}\" is also the id of {}; that post is the one --dump finds",
                    post.id,
                    first.display()
                );
                post.problems.push(Problem::new(&post.path, 1, msg));
            }
            None => {
                seen.insert(post.id.clone(), post.path.clone());
            }
        }
    }
}

fn read_post(source: &Source, keep: Keep) -> Result<Post, Problem> {
    let bytes = read_limited(&source.path).map_err(|e| Problem::new(&source.path, 1, e))?;
    post::parse(&source.path, &source.id, &bytes, source.format, keep)
}

/// Read a file, refusing one over the size limit before reading it all.
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let file = fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > post::MAX_FILE_SIZE {
        return Err(format!(
            "file is {len} bytes, over the 16 MiB limit; not read"
        ));
    }
    let mut bytes = Vec::with_capacity(len as usize + 1);
    file.take(post::MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    Ok(bytes)
}

/// The id of a post at `rel` (relative to its folder): the path without
/// its extension, with `/` separators.
fn id_of(rel: &Path) -> String {
    let no_ext = rel.with_extension("");
    no_ext
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// What a walk of the folders found.
#[derive(Debug, Default)]
pub struct Walk {
    pub sources: Vec<Source>,
    pub problems: Vec<Problem>,
    /// Files that are not posts (other extensions).
    pub skipped: usize,
}

impl Walk {
    fn root(&mut self, root: &Path) {
        match fs::metadata(root) {
            Ok(m) if m.is_dir() => {
                let mut ancestors = Vec::new();
                self.dir(root, root, &mut ancestors);
            }
            Ok(_) => {
                let name = root.file_name().map(Path::new).unwrap_or(root);
                self.file(root, name);
            }
            Err(e) => self
                .problems
                .push(Problem::new(root, 1, format!("cannot read: {e}"))),
        }
    }

    fn file(&mut self, path: &Path, rel: &Path) {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
        {
            Some(format) => self.sources.push(Source {
                path: path.to_path_buf(),
                id: id_of(rel),
                format,
            }),
            None => self.skipped += 1,
        }
    }

    fn dir(&mut self, root: &Path, dir: &Path, ancestors: &mut Vec<DirId>) {
        let id = match dir_id(dir) {
            Ok(id) => id,
            Err(e) => {
                return self.problems.push(Problem::new(
                    dir,
                    1,
                    format!("cannot read folder: {e}"),
                ));
            }
        };
        if ancestors.contains(&id) {
            let msg = "symlink loop: this folder contains itself; not followed again";
            return self.problems.push(Problem::new(dir, 1, msg));
        }
        // The entry's own type costs no system call; only symlinks are
        // followed with a stat.
        let mut entries: Vec<(PathBuf, Option<fs::FileType>)> = match fs::read_dir(dir) {
            Ok(rd) => rd
                .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
                .collect(),
            Err(e) => {
                return self.problems.push(Problem::new(
                    dir,
                    1,
                    format!("cannot read folder: {e}"),
                ));
            }
        };
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        ancestors.push(id);
        for (path, file_type) in entries {
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            let is_dir = match file_type {
                Some(t) if !t.is_symlink() => Ok(t.is_dir()),
                _ => fs::metadata(&path).map(|m| m.is_dir()),
            };
            match is_dir {
                Ok(true) => {
                    if !hidden {
                        self.dir(root, &path, ancestors);
                    }
                }
                Ok(false) => {
                    let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                    self.file(&path, &rel);
                }
                Err(e) => self
                    .problems
                    .push(Problem::new(&path, 1, format!("cannot read: {e}"))),
            }
        }
        ancestors.pop();
    }
}

#[cfg(unix)]
type DirId = (u64, u64);
#[cfg(not(unix))]
type DirId = PathBuf;

#[cfg(unix)]
fn dir_id(dir: &Path) -> std::io::Result<DirId> {
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(dir)?;
    Ok((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn dir_id(dir: &Path) -> std::io::Result<DirId> {
    fs::canonicalize(dir)
}
