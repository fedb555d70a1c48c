//! What a post's search text depends on beside its own file: the site's
//! includes, when the post includes any. The index keeps, with each such
//! post, a fingerprint of those files; a start that finds another one
//! reads the post again, as if its own file had changed, so that its
//! search text says what the include says now.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::fnv;
use super::stamp::Stamp;
use crate::post::Post;
use crate::references::RefKind;
use crate::site::{Engine, Site};

/// Files of an includes folder looked at, at most: a folder holding more
/// is fingerprinted by the first ones (in name order) alone.
const MAX_FILES: usize = 4096;
/// How deep an includes folder is looked into.
const MAX_DEPTH: usize = 8;

/// The fingerprints of the includes folders of the sites of one load,
/// each worked out once.
#[derive(Default)]
pub(super) struct Deps {
    /// By the site's root.
    by_site: HashMap<PathBuf, u64>,
}

impl Deps {
    /// The fingerprints of the includes folders of `sites` (Jekyll's:
    /// only its sites' includes are rendered).
    pub(super) fn of<'a>(sites: impl Iterator<Item = &'a Site>) -> Deps {
        let mut by_site = HashMap::new();
        for site in sites {
            if site.engine == Engine::Jekyll && !by_site.contains_key(&site.root) {
                let fingerprint = folder_fingerprint(&site.includes_dir);
                by_site.insert(site.root.clone(), fingerprint);
            }
        }
        Deps { by_site }
    }

    /// What `post`'s search text depends on beside its file, in `site`:
    /// 0 when it includes nothing (or no site renders its includes).
    pub(super) fn of_post(&self, site: Option<&Site>, post: &Post) -> i64 {
        // Most posts include nothing: no look-up at all.
        if !post.includes_any() {
            return 0;
        }
        let Some((site, folder)) = site.and_then(|s| Some((s, *self.by_site.get(&s.root)?))) else {
            return 0;
        };
        let mut bytes = folder.to_le_bytes().to_vec();
        for reference in &post.references {
            if reference.kind == RefKind::IncludeRelative {
                // Beside the post: its stamp, or a mark that it is not there
                // (one stat: whether it may be read is the renderer's to say).
                let beside = site.includes_for(post).post_dir.join(&reference.name);
                bytes.extend_from_slice(reference.name.as_bytes());
                push_stamp(&mut bytes, Some(&beside));
            }
        }
        // Never 0, which says "depends on nothing".
        (fnv(&bytes) | 1) as i64
    }
}

/// A fingerprint of every file under `dir` (names, sizes, times), up to
/// [`MAX_FILES`] of them: any file added, removed or changed gives
/// another. Symlinks are followed to files, never to folders.
fn folder_fingerprint(dir: &Path) -> u64 {
    let mut bytes = Vec::new();
    for rel in crate::fsread::files_below(dir, MAX_DEPTH, MAX_FILES) {
        bytes.extend_from_slice(rel.as_bytes());
        push_stamp(&mut bytes, Some(&dir.join(&rel)));
    }
    fnv(&bytes)
}

/// `path`'s stamp (or a mark that there is none) appended to `bytes`.
fn push_stamp(bytes: &mut Vec<u8>, path: Option<&Path>) {
    bytes.push(0);
    match path.and_then(|p| std::fs::metadata(p).ok()) {
        Some(meta) => {
            let s = Stamp::of(&meta);
            for n in [s.dev, s.ino, s.size, s.mtime_ns as u64, s.ctime_ns as u64] {
                bytes.extend_from_slice(&n.to_le_bytes());
            }
        }
        None => bytes.push(0xff),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_fingerprint_changes_with_any_file_in_it() {
        let dir = tempfile::tempdir().unwrap();
        let includes = dir.path().join("_includes");
        std::fs::create_dir_all(includes.join("post")).unwrap();
        std::fs::write(includes.join("note.html"), "제주 감귤").unwrap();
        let first = folder_fingerprint(&includes);
        assert_eq!(first, folder_fingerprint(&includes), "stable");
        std::fs::write(includes.join("post/figure.html"), "한라산").unwrap();
        let added = folder_fingerprint(&includes);
        assert_ne!(first, added, "a file added below");
        std::fs::write(includes.join("note.html"), "제주 한라봉 감귤").unwrap();
        assert_ne!(added, folder_fingerprint(&includes), "a file changed");
        std::fs::remove_file(includes.join("note.html")).unwrap();
        assert_ne!(added, folder_fingerprint(&includes), "a file removed");
        assert_eq!(
            folder_fingerprint(&dir.path().join("없음")),
            folder_fingerprint(&dir.path().join("없음2")),
            "no folder is an empty one"
        );
    }
}
