//! Reading the folders again, cheaply: the folders are walked, and only
//! the files whose size or modification time changed since they were last
//! read are read again. The stamps of the files as last read are kept here.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::i18n::{Lang, Msg};
use crate::loader;
use crate::post::{Format, Keep, Post};
use crate::problem::Problem;
use crate::walk::{self, WalkOptions};

/// What tells a file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

fn stamp(path: &std::path::Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
    })
}

/// Whether `root` is, or is in, a site, as the walk tells: a folder of a
/// site (or holding `_posts`), or a file in one.
fn in_site(root: &Path) -> bool {
    use crate::site::Site;
    if root.is_dir() {
        Site::of_folder(root).is_some() || root.join("_posts").is_dir()
    } else {
        Site::of_file(root).is_some()
    }
}

/// What a reload found.
#[derive(Debug, Default)]
pub struct Reloaded {
    /// The posts of the files read again (new or changed).
    pub posts: Vec<Post>,
    /// Problems of the files read again that are not posts, and of the walk.
    pub problems: Vec<Problem>,
    /// Every file read again.
    pub reread: Vec<PathBuf>,
    /// Files gone since they were read.
    pub removed: Vec<PathBuf>,
    /// Files that are not posts, when the folders were walked.
    pub skipped: Option<usize>,
    /// Other files changed too (an include, a picture, a configuration),
    /// or the user asked: what articles show may have changed with them.
    pub others: bool,
}

/// The folders and the stamps of their files as last read.
#[derive(Debug)]
pub(crate) struct Reloader {
    roots: Vec<PathBuf>,
    /// The roots resolved, to place the absolute paths a watcher reports.
    resolved: Vec<Option<PathBuf>>,
    /// Which roots are, or are in, a site: there the walk says which files
    /// are posts (pages, sections, `_posts`, a Hexo post's asset folder).
    in_site: Vec<bool>,
    options: WalkOptions,
    /// By the path's bytes: hashing a `Path` walks its components, which
    /// costs more than the stat it is compared with.
    stamps: HashMap<OsString, Stamp>,
}

impl Reloader {
    /// Stamp `known` (the files of the first load, read at `loaded_at` or
    /// after). A file modified since then stays unstamped, so that the
    /// first reload reads it again.
    pub(crate) fn new(
        roots: Vec<PathBuf>,
        options: WalkOptions,
        known: &[PathBuf],
        loaded_at: SystemTime,
    ) -> Reloader {
        let stamps = known
            .iter()
            .filter_map(|p| {
                let s = stamp(p)?;
                let before = s.modified.is_some_and(|m| m < loaded_at);
                before.then(|| (p.clone().into_os_string(), s))
            })
            .collect();
        Reloader {
            resolved: roots
                .iter()
                .map(|r| std::fs::canonicalize(r).ok())
                .collect(),
            in_site: roots.iter().map(|r| in_site(r)).collect(),
            roots,
            options,
            stamps,
        }
    }

    /// Whether the files of the first load all were stamped (none changed
    /// while they were being read).
    pub(crate) fn stamped(&self) -> usize {
        self.stamps.len()
    }

    /// Walk the folders and read the new and changed files.
    pub(crate) fn reload(&mut self) -> Reloaded {
        Reloaded {
            others: true,
            ..self.walk_again()
        }
    }

    /// [`Reloader::reload`], for changes the watcher reported at `paths`:
    /// whether others than posts changed is told by them.
    fn reload_for(&mut self, paths: &[PathBuf]) -> Reloaded {
        let mut found = self.walk_again();
        found.others = paths
            .iter()
            .filter_map(|event| self.place(event))
            .any(|(_, path, _)| !found.reread.contains(&path) && !found.removed.contains(&path));
        found
    }

    fn walk_again(&mut self) -> Reloaded {
        use rayon::prelude::*;
        let mut found = walk::walk(&self.roots, self.options);
        let mut seen: HashSet<OsString> = HashSet::with_capacity(found.sources.len());
        let mut changed = Vec::new();
        let sources = std::mem::take(&mut found.sources);
        let stamps: Vec<Option<Stamp>> = sources.par_iter().map(|s| stamp(&s.path)).collect();
        for (source, now) in sources.into_iter().zip(stamps) {
            let key = source.path.as_os_str();
            if now.is_none() || self.stamps.get(key) != now.as_ref() {
                match now {
                    Some(s) => self.stamps.insert(key.to_os_string(), s),
                    None => self.stamps.remove(key),
                };
                seen.insert(key.to_os_string());
                changed.push(source);
            } else {
                seen.insert(source.path.into_os_string());
            }
        }
        let reread: Vec<PathBuf> = changed.iter().map(|s| s.path.clone()).collect();
        let removed: Vec<PathBuf> = self
            .stamps
            .keys()
            .filter(|p| !seen.contains(*p))
            .map(PathBuf::from)
            .collect();
        for p in &removed {
            self.stamps.remove(p.as_os_str());
        }
        found.sources = changed;
        read(found, reread, removed, true)
    }

    /// Read again only `paths`, as a watcher reported them: new and
    /// changed post files are read, vanished ones removed. A folder among
    /// them (made, moved, removed) needs the whole walk.
    pub(crate) fn reload_paths(&mut self, paths: &[PathBuf]) -> Reloaded {
        let mut sources = Vec::new();
        let mut removed = Vec::new();
        let mut done = HashSet::new();
        for event in paths {
            let Some((i, path, rel)) = self.place(event) else {
                continue;
            };
            // In a site, which files are posts is the walk's to say.
            if self.in_site[i] {
                return self.reload_for(paths);
            }
            let root = self.roots[i].clone();
            if !done.insert(path.clone()) {
                continue;
            }
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => return self.reload(),
                Ok(_) => {
                    let hidden = rel
                        .components()
                        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
                    let format = path
                        .extension()
                        .and_then(|e| e.to_str())
                        .and_then(Format::from_extension);
                    let (Some(format), false) = (format, hidden) else {
                        continue;
                    };
                    let now = stamp(&path);
                    let key = path.as_os_str();
                    if now.is_some() && self.stamps.get(key) == now.as_ref() {
                        continue;
                    }
                    match now {
                        Some(s) => self.stamps.insert(key.to_os_string(), s),
                        None => self.stamps.remove(key),
                    };
                    sources.push(walk::Source {
                        place: walk::place_of(&root, &rel, Default::default()),
                        path,
                        format,
                        site: None,
                    });
                }
                Err(_) => {
                    // Gone: the file, or everything under a folder.
                    let gone: Vec<PathBuf> = self
                        .stamps
                        .keys()
                        .map(PathBuf::from)
                        .filter(|p| p.starts_with(&path))
                        .collect();
                    for p in gone {
                        self.stamps.remove(p.as_os_str());
                        removed.push(p);
                    }
                }
            }
        }
        let reread: Vec<PathBuf> = sources.iter().map(|s| s.path.clone()).collect();
        let found = walk::Found {
            sources,
            ..walk::Found::default()
        };
        read(found, reread, removed, false)
    }

    /// The root a reported path is under (its index), the path as the
    /// load names it (under the root as given) and its part under that
    /// root; `None` outside the roots.
    fn place(&self, event: &Path) -> Option<(usize, PathBuf, PathBuf)> {
        for (i, (root, resolved)) in self.roots.iter().zip(&self.resolved).enumerate() {
            for base in [Some(root), resolved.as_ref()].into_iter().flatten() {
                match event.strip_prefix(base) {
                    // A root that is a file is its own name.
                    Ok(rel) if rel.as_os_str().is_empty() => {
                        let name = PathBuf::from(root.file_name()?);
                        return Some((i, root.clone(), name));
                    }
                    Ok(rel) => return Some((i, root.join(rel), rel.to_path_buf())),
                    Err(_) => {}
                }
            }
        }
        None
    }
}

/// Read the files `found` names (front matter only: bodies are read when
/// opened, and indexed in the background); `walked`: the folders were
/// walked, so the count of files that are not posts is known.
fn read(found: walk::Found, reread: Vec<PathBuf>, removed: Vec<PathBuf>, walked: bool) -> Reloaded {
    let load = loader::read_found(found, Keep::default());
    Reloaded {
        posts: load.posts,
        problems: load.problems,
        reread,
        removed,
        skipped: walked.then_some(load.skipped),
        others: false,
    }
}

/// What a reload changed in the store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    /// The files read again, to index.
    pub reread: Vec<PathBuf>,
}

impl Change {
    /// "2 new posts · 1 changed", for the status line.
    pub fn describe(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        match self.added {
            0 => {}
            1 => parts.push(Msg::NewPostOne.say(lang)),
            n => parts.push(Msg::NewPosts.fill(lang, &[("n", &n)])),
        }
        if self.changed > 0 {
            parts.push(Msg::ChangedPosts.fill(lang, &[("n", &self.changed)]));
        }
        if self.removed > 0 {
            parts.push(Msg::RemovedPosts.fill(lang, &[("n", &self.removed)]));
        }
        if parts.is_empty() {
            Msg::NoNewPosts.say(lang)
        } else {
            parts.join(" · ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(title: &str) -> String {
        format!("---\ntitle: {title}\ndate: 2024-07-19\n---\n<p>본문</p>\n")
    }

    /// A folder of two posts, a.html and b.html, stamped as loaded.
    fn two_posts() -> (tempfile::TempDir, Reloader, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.html");
        let b = dir.path().join("b.html");
        std::fs::write(&a, post("가")).unwrap();
        std::fs::write(&b, post("나")).unwrap();
        let later = SystemTime::now() + std::time::Duration::from_secs(5);
        let r = Reloader::new(
            vec![dir.path().to_path_buf()],
            WalkOptions::default(),
            &[a.clone(), b.clone()],
            later,
        );
        (dir, r, a, b)
    }

    #[test]
    fn only_new_changed_and_removed_files_are_noticed() {
        let (dir, mut r, a, b) = two_posts();
        assert_eq!(r.stamped(), 2);
        let nothing = r.reload();
        assert!(
            nothing.reread.is_empty() && nothing.removed.is_empty() && nothing.posts.is_empty()
        );
        let c = dir.path().join("c.html");
        std::fs::write(&c, post("다")).unwrap();
        std::fs::write(&a, post("가나다라마바사")).unwrap();
        std::fs::remove_file(&b).unwrap();
        let mut found = r.reload();
        found.reread.sort();
        assert_eq!(found.reread, [a, c]);
        assert_eq!(found.removed, [b]);
        assert_eq!(found.posts.len(), 2);
        assert!(r.reload().reread.is_empty(), "stamped now");
    }

    #[test]
    fn reported_paths_alone_are_read_again() {
        let (dir, mut r, a, b) = two_posts();
        let c = dir.path().join("sub/c.html");
        std::fs::create_dir_all(c.parent().unwrap()).unwrap();
        std::fs::write(&c, post("다")).unwrap();
        std::fs::remove_file(&b).unwrap();
        let elsewhere = PathBuf::from("/elsewhere/d.html");
        let found = r.reload_paths(&[
            c.clone(),
            b.clone(),
            a.clone(),
            elsewhere,
            dir.path().join(".x.swp"),
        ]);
        assert_eq!(
            found.reread,
            std::slice::from_ref(&c),
            "a is unchanged, the others are not posts here"
        );
        assert_eq!(found.removed, [b]);
        assert_eq!(found.posts.len(), 1);
        assert_eq!(found.posts[0].id, "sub/c");
        assert_eq!(found.skipped, None, "no walk, no count");
        // A folder among them: the whole walk.
        std::fs::write(dir.path().join("sub/e.html"), post("라")).unwrap();
        let found = r.reload_paths(&[dir.path().join("sub")]);
        assert_eq!(found.reread.len(), 1);
        assert!(found.skipped.is_some());
    }

    #[test]
    fn in_a_site_the_walk_says_which_changed_files_are_posts() {
        let dir = crate::site::test_site("title: 일지\n");
        let source = dir.path().join("source");
        std::fs::create_dir_all(source.join("about")).unwrap();
        let a = source.join("_posts/a.md");
        std::fs::write(&a, post("가")).unwrap();
        let later = SystemTime::now() + std::time::Duration::from_secs(5);
        let mut r = Reloader::new(
            vec![source.clone()],
            WalkOptions::default(),
            std::slice::from_ref(&a),
            later,
        );
        // A page of the site changes: not a post.
        let page = source.join("about/index.md");
        std::fs::write(&page, post("소개")).unwrap();
        let found = r.reload_paths(std::slice::from_ref(&page));
        assert!(found.posts.is_empty(), "{:?}", found.posts);
        assert!(found.skipped.is_some(), "the whole walk");
        // A post changes: read again.
        std::fs::write(&a, post("가나다")).unwrap();
        let found = r.reload_paths(std::slice::from_ref(&a));
        assert_eq!(found.posts.len(), 1);
        assert_eq!(found.posts[0].id, "a");
    }

    #[test]
    fn a_folder_with_posts_is_a_site_and_a_file_keeps_its_sites_rules() {
        // `_posts` and no configuration: the walk reads it as a site.
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("_posts")).unwrap();
        let a = dir.path().join("_posts/2024-01-01-a.md");
        std::fs::write(&a, post("가")).unwrap();
        let later = SystemTime::now() + std::time::Duration::from_secs(5);
        let mut r = Reloader::new(
            vec![dir.path().to_path_buf()],
            WalkOptions::default(),
            std::slice::from_ref(&a),
            later,
        );
        let page = dir.path().join("about.md");
        std::fs::write(&page, post("소개")).unwrap();
        assert!(r.reload_paths(std::slice::from_ref(&page)).posts.is_empty());
        // A Hexo post named on its own: read again as Hexo reads it (no
        // front matter date: dated by its file).
        let site = crate::site::test_site("title: 일지\n");
        let hello = site.path().join("source/_posts/hello.md");
        std::fs::write(&hello, "---\ntitle: 가\n---\n본문\n").unwrap();
        let mut r = Reloader::new(
            vec![hello.clone()],
            WalkOptions::default(),
            std::slice::from_ref(&hello),
            later,
        );
        std::fs::write(&hello, "---\ntitle: 가나\n---\n본문\n").unwrap();
        let found = r.reload_paths(std::slice::from_ref(&hello));
        assert_eq!(found.posts.len(), 1);
        assert_eq!(found.posts[0].title, "가나");
        assert!(found.posts[0].date.is_some(), "dated by its file");
    }

    #[test]
    fn a_file_changed_while_loading_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.html");
        std::fs::write(&a, post("가")).unwrap();
        let long_ago = SystemTime::UNIX_EPOCH;
        let mut r = Reloader::new(
            vec![dir.path().to_path_buf()],
            WalkOptions::default(),
            std::slice::from_ref(&a),
            long_ago,
        );
        assert_eq!(r.stamped(), 0);
        assert_eq!(r.reload().reread, [a]);
    }
}
