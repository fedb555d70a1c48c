//! The persistent index: a cache, in the user's cache folder, of what
//! reading the posts' files gave (front matter, problems) and of their
//! search texts with n-gram postings, so that a start reads only the files
//! that changed and a search keystroke looks up postings instead of
//! scanning every text. One index per set of folders; deleting it costs
//! one slow start. What the index gives is always what reading the files
//! would give: a file whose stamp changed is read again, a damaged or
//! foreign index is started afresh.

mod compact;
mod db;
mod deps;
mod files;
mod grams;
mod postings;
mod record;
mod seal;
mod search;
mod stamp;
mod text;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use db::IndexError;
pub use files::{Batch, LoadStats, OnBatch};
pub use search::{Partial, Prepared, Searcher};

use crate::loader::{Load, WalkOptions};
use crate::post::Post;
use crate::problem::Problem;
use crate::site::Site;

/// An open index.
pub struct Index {
    conn: Connection,
    path: PathBuf,
    settle: std::time::Duration,
    /// Fewer new search texts than this are stored pending.
    pending_max: usize,
    /// Documents per segment of new postings.
    segment_docs: usize,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("path", &self.path).finish()
    }
}

/// 64-bit FNV-1a: a stable hash for names and keys (the standard hasher
/// may change between Rust versions).
pub(crate) fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Index {
    /// The index file for `roots` read with `options`, in `cache_dir`: one
    /// per set of folders (as resolved) and options.
    pub fn file_for(cache_dir: &Path, roots: &[PathBuf], options: WalkOptions) -> PathBuf {
        let mut key = Vec::new();
        for root in roots {
            let resolved = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
            key.extend_from_slice(&record::path_bytes(&resolved));
            key.push(0);
            // The same folder named differently gives other paths.
            key.extend_from_slice(&record::path_bytes(root));
            key.push(0);
        }
        key.push(u8::from(options.follow_symlinks));
        cache_dir.join(format!("index-{:016x}.sqlite3", fnv(&key)))
    }

    /// Open the index at `path`, creating it, or starting it afresh when it
    /// is damaged or was made by another version.
    pub fn open(path: &Path) -> Result<Index, IndexError> {
        Ok(Index {
            conn: db::open(path)?,
            path: path.to_path_buf(),
            settle: stamp::SETTLE,
            pending_max: search::PENDING_MAX,
            segment_docs: search::SEGMENT_DOCS,
        })
    }

    /// Store fewer than `n` new search texts without postings (matched one
    /// by one until more come); 512 unless changed.
    pub fn with_pending_max(mut self, n: usize) -> Index {
        self.pending_max = n;
        self
    }

    /// Give new postings `n` documents a segment (8192 unless changed;
    /// tests use small segments to have many).
    pub fn with_segment_docs(mut self, n: usize) -> Index {
        self.segment_docs = n.max(1);
        self
    }

    /// Trust files changed at least `settle` before they are read (2 s
    /// unless changed; tests that change files at once shorten it).
    pub fn with_settle(mut self, settle: std::time::Duration) -> Index {
        self.settle = settle;
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Load `roots`: files unchanged since the index read them come from
    /// it, the others are read (front matter only) and saved.
    pub fn load(
        &mut self,
        roots: &[PathBuf],
        options: WalkOptions,
    ) -> Result<(Load, LoadStats), IndexError> {
        self.load_streaming(roots, options, None)
    }

    /// [`Index::load`], giving each batch of files as they are read.
    pub fn load_streaming(
        &mut self,
        roots: &[PathBuf],
        options: WalkOptions,
        mut on_batch: Option<files::OnBatch>,
    ) -> Result<(Load, LoadStats), IndexError> {
        let first = files::load(
            &mut self.conn,
            roots,
            options,
            self.settle,
            on_batch.as_deref_mut().map(|f| f as files::OnBatch),
        );
        match first {
            Err(e) if e.is_damage() => {
                self.start_afresh()?;
                files::load(&mut self.conn, roots, options, self.settle, on_batch)
            }
            other => other,
        }
    }

    /// Replace a damaged index with an empty one.
    pub fn start_afresh(&mut self) -> Result<(), IndexError> {
        let closed = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        drop(closed);
        db::remove_with_companions(&self.path)?;
        self.conn = db::open(&self.path)?;
        Ok(())
    }

    /// The first `limit` posts of the last complete load, in date order,
    /// unchecked: what a start shows while the files are checked.
    pub fn first_posts(&self, limit: usize) -> Result<Vec<Post>, IndexError> {
        files::first_posts(&self.conn, limit)
    }

    /// How many files the index knows.
    pub fn count(&self) -> Result<usize, IndexError> {
        files::count(&self.conn)
    }

    /// The posts among `posts` whose search text the index does not have.
    pub fn without_text(&self, posts: &[Post]) -> Result<Vec<Post>, IndexError> {
        let (has_text, _) = text::text_state(&self.conn)?;
        Ok(posts
            .iter()
            .filter(|p| p.doc.is_some_and(|d| !has_text.contains(d)))
            .cloned()
            .collect())
    }

    /// Index the search text of every post in `posts` that has none yet,
    /// reading its body again (as its site among `sites` shows it);
    /// `progress(done, total)` after each batch. Problems: posts sinmun
    /// failed on (their bodies are not searched).
    pub fn index_texts(
        &mut self,
        posts: &[Post],
        sites: &[Site],
        progress: impl FnMut(usize, usize),
    ) -> Result<Vec<Problem>, IndexError> {
        let result = search::index_texts(
            &mut self.conn,
            posts,
            sites,
            (self.pending_max, self.segment_docs),
            progress,
        );
        if let Err(e) = &result
            && e.is_damage()
        {
            // The posts' documents are gone with it: the caller loads again.
            self.start_afresh()?;
        }
        result
    }

    /// Merge the postings' segments when there are many, and give back
    /// the pages that frees: after [`Index::index_texts`], which leaves
    /// them as written so that every body is searched sooner. Searches
    /// beside it see the same posts (damage it finds is left to the next
    /// start, which starts afresh). True when it merged.
    pub fn tidy(&mut self) -> Result<bool, IndexError> {
        compact::tidy(&mut self.conn)
    }

    /// A searcher over this index, with a connection of its own.
    pub fn searcher(&self) -> Result<Searcher, IndexError> {
        Searcher::open(&self.path)
    }
}
