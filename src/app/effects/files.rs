//! Reading posts' files for the workers: a body read again from its file
//! (only a regular file, and only the file that was loaded), bodies indexed
//! in the background. A post that makes sinmun panic while it is read or
//! indexed is contained: it becomes a problem of that post, and the reader
//! goes on.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::fsread::{self, ReadError};
use crate::i18n::{Message, Msg};
use crate::loader;
use crate::post::{Keep, Post};
use crate::problem::Problem;
use crate::render::guard;
use crate::search::SearchText;

/// A file's identity: its device and inode. A post whose file has another
/// identity than the one loaded was replaced (by another file, a FIFO, a
/// folder) and is not shown as if it were the same post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId {
    dev: u64,
    ino: u64,
}

impl FileId {
    #[cfg(unix)]
    pub fn of(meta: &std::fs::Metadata) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        Some(FileId {
            dev: meta.dev(),
            ino: meta.ino(),
        })
    }

    #[cfg(not(unix))]
    pub fn of(_meta: &std::fs::Metadata) -> Option<FileId> {
        None
    }
}

/// The identity of each file, in order (`None` when it cannot be seen).
pub fn identities(paths: &[PathBuf]) -> Vec<Option<FileId>> {
    paths
        .par_iter()
        .map(|p| std::fs::metadata(p).ok().and_then(|m| FileId::of(&m)))
        .collect()
}

/// The body of a post, read again from its file (the reader keeps only
/// front matter in memory).
pub fn read_body(post: &Post) -> Result<String, Message> {
    read_checked(post, None).0
}

/// The body of `post`, and the identity of the file it came from. Only a
/// regular file is read, and only when it is `expected` (if given).
pub fn read_checked(
    post: &Post,
    expected: Option<FileId>,
) -> (Result<String, Message>, Option<FileId>) {
    if let Some(body) = &post.body {
        return (Ok(body.clone()), None);
    }
    let seen = match fsread::open_regular(&post.path) {
        Ok((_, meta)) => FileId::of(&meta),
        Err(ReadError::NotRegular(kind)) => {
            return (Err(Msg::NowNotRegular.with_msg("kind", kind)), None);
        }
        Err(e) if e.is_not_found() => return (Err(Msg::FileGone.into()), None),
        Err(e) => return (Err(e.message()), None),
    };
    if expected.is_some() && seen != expected {
        return (Err(Msg::FileReplaced.into()), seen);
    }
    let keep = Keep {
        body: true,
        search_text: false,
    };
    // One file: the loader reads it on this thread, inside the guard.
    let body = match guard::quietly(|| loader::load(std::slice::from_ref(&post.path), keep)) {
        Ok(load) => match load.posts.into_iter().next() {
            Some(p) => Ok(p.body.unwrap_or_default()),
            None => Err(load
                .problems
                .first()
                .map_or_else(|| Msg::TheFileIsGone.into(), |p| p.message.clone())),
        },
        Err(guard::Panicked) => Err(Msg::FailedOnFile.into()),
    };
    (body, seen)
}

/// The search text of the posts read from `paths`, in order (bodies read
/// again from disk).
pub fn build_index(paths: &[PathBuf]) -> Vec<SearchText> {
    index(paths).0
}

/// [`build_index`], with a problem for each file sinmun failed on (its
/// search text is left empty).
pub fn index(paths: &[PathBuf]) -> (Vec<SearchText>, Vec<Problem>) {
    let keep = Keep {
        body: false,
        search_text: true,
    };
    index_with(paths, |path| {
        let load = loader::load(&[path.to_path_buf()], keep);
        load.posts
            .into_iter()
            .next()
            .and_then(|p| p.search)
            .unwrap_or_default()
    })
}

/// Index each of `paths` with `text_of`, on worker threads; a panic in it
/// is contained to its file.
pub fn index_with(
    paths: &[PathBuf],
    text_of: impl Fn(&Path) -> SearchText + Sync,
) -> (Vec<SearchText>, Vec<Problem>) {
    let results: Vec<Result<SearchText, guard::Panicked>> = paths
        .par_iter()
        .map(|path| guard::quietly(|| text_of(path)))
        .collect();
    let mut problems = Vec::new();
    let texts = results
        .into_iter()
        .zip(paths)
        .map(|(r, path)| {
            r.unwrap_or_else(|guard::Panicked| {
                problems.push(Problem::new(path, 1, Msg::FailedIndexing));
                SearchText::default()
            })
        })
        .collect();
    (texts, problems)
}

/// Load the folders through the persistent index and send the posts (in
/// batches when the reader started without them, then the complete load),
/// then index the bodies the index does not have, sending progress. An
/// index that fails leaves the posts read from the files, bodies searched
/// on their front matter.
pub(super) fn load_and_index(
    start: super::IndexStart,
    roots: &[PathBuf],
    options: loader::WalkOptions,
    tx: &std::sync::mpsc::Sender<crate::app::Action>,
) {
    use crate::app::Action;
    use crate::app::action::Handoff;
    let super::IndexStart { mut index, warm } = start;
    let mut on_batch = |batch: crate::index::Batch<'_>| {
        let (done, total) = (batch.done, batch.total);
        let _ = tx.send(if warm {
            Action::Reading { done, total }
        } else {
            Action::PostsArrived {
                posts: Handoff::new(batch.posts()),
                done,
                total,
            }
        });
    };
    let load = match index.load_streaming(roots, options, Some(&mut on_batch)) {
        Ok((load, _)) => load,
        Err(_) => loader::load_with(roots, Keep::default(), options),
    };
    // What indexing needs of the posts without a search text yet: their
    // front matter, file and number.
    let posts: Vec<Post> = index.without_text(&load.posts).unwrap_or_default();
    let all = load.posts.len();
    let before = all - posts.len();
    let sites = load.sites.clone();
    let _ = tx.send(Action::Loaded(Handoff::new(load)));
    // (Only the last answer says all are done: the loop counts it.)
    if before < all {
        let _ = tx.send(Action::BodiesIndexed {
            done: before,
            total: all,
        });
    }
    let indexed = index.index_texts(&posts, &sites, |done, _| {
        let _ = tx.send(Action::BodiesIndexed {
            done: (before + done).min(all.saturating_sub(1)),
            total: all,
        });
    });
    if let Ok(problems) = indexed
        && !problems.is_empty()
    {
        let _ = tx.send(Action::Problems(problems));
    }
    drop(posts);
    crate::memory::give_back();
    let _ = tx.send(Action::BodiesIndexed {
        done: all,
        total: all,
    });
    // Every body is searched already; merging the segments makes look-ups
    // cheaper and the file smaller (seconds at 100,000 posts, which the
    // status line no longer waits for). An index it cannot tidy is
    // tidied by a later start.
    if let Ok(true) = index.tidy() {
        crate::memory::give_back();
    }
}
