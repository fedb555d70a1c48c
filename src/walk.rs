//! Walking the folders a load was given, the only code that does: each
//! folder is read once, by (device, inode), over the whole walk (a graph of
//! symlinked folders would otherwise be walked once per path through it:
//! 40 links, a million posts); symlinked folders that lead outside the
//! given folders are followed only when asked (a link to `/` would walk
//! `/proc`); entries that are not regular files (FIFOs, sockets, devices,
//! a link to `/dev/tty`) are never opened, only counted and reported.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::post::Format;
use crate::problem::Problem;

/// How the walk treats symlinked folders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WalkOptions {
    /// Follow symlinked folders that lead outside the given folders.
    pub follow_symlinks: bool,
}

/// A post file found by the walk.
#[derive(Debug)]
pub(crate) struct Source {
    pub path: PathBuf,
    pub id: String,
    pub format: Format,
}

/// What a walk found.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub sources: Vec<Source>,
    pub problems: Vec<Problem>,
    /// Files that are not posts (other extensions).
    pub skipped: usize,
    /// Entries named like posts that are not regular files.
    pub special: usize,
}

/// Walk `roots` (folders or single files).
pub(crate) fn walk(roots: &[PathBuf], options: WalkOptions) -> Found {
    let mut walk = Walk {
        found: Found::default(),
        // Roots that cannot be resolved cannot contain anything either.
        inside: roots
            .iter()
            .filter_map(|r| fs::canonicalize(r).ok())
            .collect(),
        options,
        visited: HashMap::new(),
    };
    for root in roots {
        walk.root(root);
    }
    walk.found
}

struct Walk {
    found: Found,
    /// The given folders, resolved: symlinks that lead under one of them
    /// stay inside.
    inside: Vec<PathBuf>,
    options: WalkOptions,
    /// Each folder read so far, with the path it was read as.
    visited: HashMap<DirId, PathBuf>,
}

/// What an entry is, its symlinks followed.
enum Kind {
    Dir,
    File,
    /// A FIFO, socket or device, by name.
    Special(&'static str),
}

impl Walk {
    fn root(&mut self, root: &Path) {
        match fs::metadata(root) {
            Ok(m) if m.is_dir() => self.tree(root),
            Ok(m) => {
                let name = root.file_name().map(Path::new).unwrap_or(root);
                self.entry(root, name, kind_of(&m));
            }
            Err(e) => self
                .found
                .problems
                .push(Problem::new(root, 1, format!("cannot read: {e}"))),
        }
    }

    /// Every folder under `root`, depth first in name order, without
    /// recursion (folders can nest thousands deep).
    fn tree(&mut self, root: &Path) {
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let mut subdirs = self.dir(root, &dir);
            subdirs.reverse();
            stack.extend(subdirs);
        }
    }

    /// Read one folder: its files become sources; its folders to visit are
    /// returned in name order.
    fn dir(&mut self, root: &Path, dir: &Path) -> Vec<PathBuf> {
        let mut subdirs = Vec::new();
        let id = match dir_id(dir) {
            Ok(id) => id,
            Err(e) => {
                self.problem(dir, format!("cannot read folder: {e}"));
                return subdirs;
            }
        };
        if let Some(first) = self.visited.get(&id) {
            let msg = if dir.starts_with(first) {
                "symlink loop: this folder contains itself; not followed again".to_string()
            } else {
                format!(
                    "the same folder as {}, already read; not read again",
                    crate::text::one_line(&first.to_string_lossy())
                )
            };
            self.problem(dir, msg);
            return subdirs;
        }
        self.visited.insert(id, dir.to_path_buf());
        // The entry's own type costs no system call; only symlinks are
        // followed with a stat.
        let mut entries: Vec<(PathBuf, Option<fs::FileType>)> = match fs::read_dir(dir) {
            Ok(rd) => rd
                .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
                .collect(),
            Err(e) => {
                self.problem(dir, format!("cannot read folder: {e}"));
                return subdirs;
            }
        };
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, file_type) in entries {
            let (kind, symlink) = match file_type {
                Some(t) if !t.is_symlink() => (kind_of_type(&t), false),
                _ => match fs::metadata(&path) {
                    Ok(m) => (kind_of(&m), true),
                    Err(e) => {
                        self.problem(&path, format!("cannot read: {e}"));
                        continue;
                    }
                },
            };
            let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            match kind {
                Kind::Dir if is_hidden(&path) => {}
                Kind::Dir if symlink && !self.may_follow(&path) => self.problem(
                    &path,
                    "symlink to a folder outside the folders given; not followed \
                     (--follow-symlinks follows it)",
                ),
                Kind::Dir => subdirs.push(path),
                kind => self.entry(&path, &rel, kind),
            }
        }
        subdirs
    }

    /// A file (or what stands where a file is): a source when it is a post.
    fn entry(&mut self, path: &Path, rel: &Path, kind: Kind) {
        let format = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension);
        match (format, kind) {
            (None, _) => self.found.skipped += 1,
            (Some(format), Kind::File) => self.found.sources.push(Source {
                path: path.to_path_buf(),
                id: id_of(rel),
                format,
            }),
            (Some(_), Kind::Special(what)) => {
                self.found.special += 1;
                self.problem(path, format!("not a regular file ({what}); not read"));
            }
            (Some(_), Kind::Dir) => {}
        }
    }

    /// A symlinked folder is followed when it leads under a given folder,
    /// or when the user asked for every link to be followed.
    fn may_follow(&self, path: &Path) -> bool {
        self.options.follow_symlinks
            || fs::canonicalize(path)
                .is_ok_and(|target| self.inside.iter().any(|root| target.starts_with(root)))
    }

    fn problem(&mut self, path: &Path, message: impl Into<String>) {
        self.found.problems.push(Problem::new(path, 1, message));
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

fn kind_of(meta: &fs::Metadata) -> Kind {
    kind_of_type(&meta.file_type())
}

fn kind_of_type(t: &fs::FileType) -> Kind {
    if t.is_dir() {
        return Kind::Dir;
    }
    if t.is_file() {
        return Kind::File;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Kind::Special("a FIFO");
        }
        if t.is_socket() {
            return Kind::Special("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Kind::Special("a device");
        }
    }
    Kind::Special("not a file")
}

/// The id of a post at `rel` (relative to its folder): the path without
/// its extension, with `/` separators.
pub(crate) fn id_of(rel: &Path) -> String {
    let no_ext = rel.with_extension("");
    no_ext
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
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
