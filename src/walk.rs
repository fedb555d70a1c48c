//! Walking the folders a load was given, the only code that does: each
//! folder is read once, by (device, inode), over the whole walk (a graph of
//! symlinked folders would otherwise be walked once per path through it:
//! 40 links, a million posts); symlinked folders that lead outside the
//! given folders are followed only when asked (a link to `/` would walk
//! `/proc`); entries that are not regular files (FIFOs, sockets, devices,
//! a link to `/dev/tty`) are never opened, only counted and reported.
//!
//! Folders are read as Jekyll reads them: files under `_posts` are posts
//! and under `_drafts` drafts, the folders above them are categories, and
//! a folder named `name` holding `index.md` is a page bundle with that
//! name. A Jekyll site (a folder with `_config.yml` or `_posts`) is read
//! for its posts alone: only `_posts` and `_drafts` folders, wherever they
//! are below folders Jekyll reads (not `_site`, `_layouts`, other
//! underscore or dot folders, nor what `exclude` names). A Hugo site
//! (its configuration beside `content/`) is read for `content/` alone.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::i18n::{Message, Msg};
use crate::post::{Folder, Format, Place};
use crate::problem::Problem;
use crate::site::{Engine, Site};

const POSTS: &str = "_posts";
const DRAFTS: &str = "_drafts";

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
    pub place: Place,
    pub format: Format,
    /// The site it belongs to: its Liquid (and search text) resolves
    /// against it.
    pub site: Option<Arc<Site>>,
}

/// What a walk found.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub sources: Vec<Source>,
    pub problems: Vec<Problem>,
    /// Files that are not posts (other extensions, pages of a site,
    /// section pages).
    pub skipped: usize,
    /// Entries named like posts that are not regular files.
    pub special: usize,
    /// The Jekyll sites the given folders are, or are the `_posts` of.
    pub sites: Vec<Site>,
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
        engine: Engine::default(),
        post_extension: None,
        site: None,
        resolved_root: None,
        file_categories: None,
    };
    for root in roots {
        walk.root(root);
    }
    walk.found
}

/// Which files of a folder are posts, and which of its folders are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    /// Every post file is a post; every folder but dot folders is read.
    Plain,
    /// A site's folders outside `_posts` and `_drafts`: files are pages
    /// (skipped); folders are read as Jekyll reads them.
    Site,
    /// Inside a site's `_posts` or `_drafts`.
    SitePosts,
}

struct Walk {
    found: Found,
    /// The given folders, resolved: symlinks that lead under one of them
    /// stay inside.
    inside: Vec<PathBuf>,
    options: WalkOptions,
    /// Each folder read so far, with the path it was read as.
    visited: HashMap<DirId, PathBuf>,
    /// What builds the site of the root being walked.
    engine: Engine,
    /// The extension of its posts, when only files of one are posts.
    post_extension: Option<String>,
    /// The site of the root being walked.
    site: Option<Arc<Site>>,
    /// The root being walked resolved, when it names a `_posts` or
    /// `_drafts` folder that the root as given does not (`.` inside one).
    resolved_root: Option<PathBuf>,
    /// A file given alone in a site: the categories its folders give it
    /// there, as when the site is read.
    file_categories: Option<Vec<String>>,
}

/// What an entry is, its symlinks followed.
enum Kind {
    Dir,
    File,
    /// A FIFO, socket or device: what it is.
    Special(Msg),
}

impl Walk {
    fn root(&mut self, root: &Path) {
        let marked = |p: &Path| {
            p.components()
                .any(|c| c.as_os_str() == POSTS || c.as_os_str() == DRAFTS)
        };
        self.resolved_root = fs::canonicalize(root)
            .ok()
            .filter(|resolved| marked(resolved) && !marked(root));
        match fs::metadata(root) {
            Ok(m) if m.is_dir() => {
                let site = Site::of_folder(root).map(|(site, problems)| {
                    self.found.problems.extend(problems);
                    site
                });
                // A site root is read as a site; a `_posts` folder given
                // on its own is read whole.
                let is_site_root =
                    site.as_ref().is_some_and(|s| s.root == root) || root.join(POSTS).is_dir();
                let zone = if is_site_root {
                    Zone::Site
                } else {
                    Zone::Plain
                };
                let exclude = site.clone().filter(|_| is_site_root);
                self.engine = site.as_ref().map_or(Engine::default(), |s| s.engine);
                self.post_extension = site.as_ref().and_then(|s| s.post_extension.clone());
                self.site = site.clone().map(Arc::new);
                // A Hugo site's posts are its `content` folder, a Hexo
                // site's the `_posts` of its `source` (when the site or
                // that folder is given, not a folder inside).
                let content = site
                    .as_ref()
                    .filter(|s| s.root == root || s.content.as_deref() == Some(root))
                    .and_then(|s| s.content.clone());
                match content {
                    Some(content) if self.engine == Engine::Hexo => {
                        self.tree(&content, Zone::Site, site.as_ref())
                    }
                    Some(content) => self.tree(&content, Zone::Plain, None),
                    None => self.tree(root, zone, exclude.as_ref()),
                }
                self.found.sites.extend(site.map(|mut s| {
                    s.whole = s.root == root;
                    s
                }));
            }
            Ok(m) => {
                self.engine = Engine::default();
                self.post_extension = None;
                self.site = None;
                if let Some((site, problems)) = Site::of_file(root) {
                    self.found.problems.extend(problems);
                    self.engine = site.engine;
                    self.file_categories = categories_in(&site, root);
                    self.site = Some(Arc::new(site.clone()));
                    self.found.sites.push(site);
                }
                let name = root.file_name().map(Path::new).unwrap_or(root);
                self.entry(root, root, name, kind_of(&m), true);
                self.file_categories = None;
            }
            Err(e) => {
                self.found
                    .problems
                    .push(Problem::new(root, 1, Msg::CannotRead.with("error", e)))
            }
        }
    }

    /// Every folder under `root`, depth first in name order, without
    /// recursion (folders can nest thousands deep).
    fn tree(&mut self, root: &Path, zone: Zone, site: Option<&Site>) {
        let mut stack = vec![(root.to_path_buf(), zone)];
        while let Some((dir, zone)) = stack.pop() {
            let mut subdirs = self.dir(root, &dir, zone, site);
            subdirs.reverse();
            stack.extend(subdirs);
        }
    }

    /// Read one folder: its files become sources; its folders to visit are
    /// returned in name order, each with its zone.
    fn dir(
        &mut self,
        root: &Path,
        dir: &Path,
        zone: Zone,
        site: Option<&Site>,
    ) -> Vec<(PathBuf, Zone)> {
        let mut subdirs = Vec::new();
        let id = match dir_id(dir) {
            Ok(id) => id,
            Err(e) => {
                self.problem(dir, Msg::CannotReadFolder.with("error", e));
                return subdirs;
            }
        };
        if let Some(first) = self.visited.get(&id) {
            let msg = if dir.starts_with(first) {
                Msg::SymlinkLoop.into()
            } else {
                let first = crate::text::one_line(&first.to_string_lossy());
                Msg::SameFolder.with("path", first)
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
                self.problem(dir, Msg::CannotReadFolder.with("error", e));
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
                        self.problem(&path, Msg::CannotRead.with("error", e));
                        continue;
                    }
                },
            };
            let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            match kind {
                Kind::Dir => {
                    let Some(inner) = subdir_zone(zone, &path, &rel, site) else {
                        continue;
                    };
                    if symlink && !self.may_follow(&path) {
                        self.problem(&path, Msg::SymlinkOutside);
                    } else {
                        subdirs.push((path, inner));
                    }
                }
                kind => self.entry(root, &path, &rel, kind, zone != Zone::Site),
            }
        }
        subdirs
    }

    /// A file (or what stands where a file is): a source when it is a post
    /// and `posts` says its folder holds posts.
    fn entry(&mut self, root: &Path, path: &Path, rel: &Path, kind: Kind, posts: bool) {
        let post = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
            .filter(|_| posts && !is_section_page(path))
            .map(|format| (format, self.place(root, rel)))
            .filter(|(_, place)| self.is_post_extension(path, place));
        match (post, kind) {
            (None, _) => self.found.skipped += 1,
            (Some((format, place)), Kind::File) => self.found.sources.push(Source {
                // `sinmun` in a site's folder reads `.`: `./` says nothing.
                path: path.strip_prefix(".").unwrap_or(path).to_path_buf(),
                place,
                format,
                site: self.site.clone(),
            }),
            (Some(_), Kind::Special(what)) => {
                self.found.special += 1;
                self.problem(path, Msg::NotRegular.with_msg("kind", what));
            }
            (Some(_), Kind::Dir) => {}
        }
    }

    /// Where a file at `rel` below `root` is: [`place_of`], the kind of
    /// folder told from the root as resolved (`sinmun .` run inside
    /// `_posts` reads a `_posts` folder).
    fn place(&self, root: &Path, rel: &Path) -> Place {
        let mut place = place_of(root, rel, self.engine);
        if let Some(resolved) = self.resolved_root.as_deref()
            && place.folder == Folder::Plain
        {
            place.folder = place_of(resolved, rel, self.engine).folder;
        }
        if let Some(categories) = &self.file_categories {
            place.categories = categories.clone();
        }
        place
    }

    /// Whether `path` has the extension of the site's posts, when only one
    /// makes a post in Hexo's `_posts` and `_drafts` (their asset folders
    /// hold pages of other kinds).
    fn is_post_extension(&self, path: &Path, place: &Place) -> bool {
        let hexo = matches!(place.folder, Folder::Hexo | Folder::HexoDraft);
        self.post_extension
            .as_deref()
            .filter(|_| hexo)
            .is_none_or(|wanted| {
                path.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case(wanted))
            })
    }

    /// A symlinked folder is followed when it leads under a given folder,
    /// or when the user asked for every link to be followed.
    fn may_follow(&self, path: &Path) -> bool {
        self.options.follow_symlinks
            || fs::canonicalize(path)
                .is_ok_and(|target| self.inside.iter().any(|root| target.starts_with(root)))
    }

    fn problem(&mut self, path: &Path, message: impl Into<Message>) {
        self.found.problems.push(Problem::new(path, 1, message));
    }
}

/// The zone a folder at `path` (`rel` below the root) is read in from a
/// folder of `zone`, or `None` when it is not read: dot folders never;
/// in a site, what Jekyll leaves out (`_site`, `_layouts` and other
/// underscore folders but `_posts` and `_drafts`; `#…`, `…~`, and what
/// `exclude` names).
fn subdir_zone(zone: Zone, path: &Path, rel: &Path, site: Option<&Site>) -> Option<Zone> {
    let name = path.file_name()?.to_string_lossy();
    if name.starts_with('.') {
        return None;
    }
    match zone {
        Zone::Plain => Some(Zone::Plain),
        Zone::Site | Zone::SitePosts => {
            if zone == Zone::Site && (name == POSTS || name == DRAFTS) {
                return Some(Zone::SitePosts);
            }
            let special = name.starts_with(['_', '#']) || name.ends_with('~');
            let rel = rel_text(rel);
            let excluded = site.is_some_and(|s| s.excludes(&rel));
            (!special && !excluded).then_some(zone)
        }
    }
}

/// A `/`-separated relative path.
fn rel_text(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Hugo's `_index.md` (or a translation of it, `_index.en.md`): a
/// section's page, not a post.
fn is_section_page(path: &Path) -> bool {
    path.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s == "_index" || s.strip_prefix("_index.").is_some_and(is_language))
}

/// Where a file at `rel` below `root` is, as Jekyll and Hugo see it: the
/// first `_posts` or `_drafts` folder on its path (the root's own path
/// included) gives its kind; the folders above it, below the root, its
/// categories. Its id is `rel` without extension and without `_posts`
/// (so ids read as Jekyll's URLs do); a page bundle (`name/index.md`) has
/// its folder's path as id and its folder's name as name, and a
/// translation of it (`name/index.en.md`) the language after its id.
/// Hexo's `_posts` hold every post file, whatever its name.
pub(crate) fn place_of(root: &Path, rel: &Path, engine: Engine) -> Place {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let in_root = |name: &str| root.components().any(|c| c.as_os_str() == name);
    let marker = parts[..parts.len().saturating_sub(1)]
        .iter()
        .position(|p| p == POSTS || p == DRAFTS);
    let folder = match marker.map(|i| parts[i].as_str()) {
        Some(POSTS) => Folder::Posts,
        Some(_) => Folder::Drafts,
        None if in_root(POSTS) => Folder::Posts,
        None if in_root(DRAFTS) => Folder::Drafts,
        None => Folder::Plain,
    };
    let folder = match folder {
        Folder::Posts if engine == Engine::Hexo => Folder::Hexo,
        Folder::Drafts if engine == Engine::Hexo => Folder::HexoDraft,
        folder => folder,
    };
    let categories = marker.map_or_else(Vec::new, |i| parts[..i].to_vec());
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut id_parts: Vec<&str> = parts
        .iter()
        .enumerate()
        .filter(|(i, p)| Some(*i) != marker || p.as_str() != POSTS)
        .map(|(_, p)| p.as_str())
        .collect();
    id_parts.pop();
    let (index, language) = match stem.split_once('.') {
        Some((index, language)) if is_language(language) => (index, Some(language)),
        _ => (stem.as_str(), None),
    };
    let bundle = index == "index" && !id_parts.is_empty();
    let (id, name) = if bundle {
        let name = id_parts.last().map_or(stem.clone(), |n| n.to_string());
        let mut id = id_parts.join("/");
        // Hugo's translations of a bundle (`index.en.md`): the folder's id
        // with the language.
        if let Some(language) = language {
            id = format!("{id}.{language}");
        }
        (id, name)
    } else {
        id_parts.push(&stem);
        (id_parts.join("/"), stem.clone())
    };
    Place {
        id,
        name,
        folder,
        categories,
    }
}

/// The categories the folders of `file` give it in `site` (those above
/// `_posts`), as when the site is read from its root.
fn categories_in(site: &Site, file: &Path) -> Option<Vec<String>> {
    let root = fs::canonicalize(&site.root).ok()?;
    let file = fs::canonicalize(file).ok()?;
    let rel = file.strip_prefix(&root).ok()?;
    Some(place_of(&root, rel, site.engine).categories)
}

/// A language code as Hugo's file names carry them (`en`, `ko`, `zh-cn`):
/// two letters, then subtags.
pub(crate) fn is_language(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or_default();
    primary.len() == 2
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn kind_of(meta: &fs::Metadata) -> Kind {
    kind_of_type(&meta.file_type())
}

fn kind_of_type(t: &fs::FileType) -> Kind {
    if t.is_dir() {
        Kind::Dir
    } else if t.is_file() {
        Kind::File
    } else {
        Kind::Special(crate::fsread::kind_of_type(t))
    }
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
