//! A generated corpus in a temporary folder, removed on drop.

// Each benchmark is its own crate and uses a different part of this.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Instant;

use super::corpus::write_corpus;

pub struct TempCorpus {
    _tmp: tempfile::TempDir,
    pub dir: PathBuf,
    pub bytes: u64,
    pub posts: usize,
}

impl TempCorpus {
    /// Write `posts` posts (seed, body size as `write_corpus` takes them)
    /// into a new temporary folder named with `prefix`.
    pub fn new(prefix: &str, posts: usize, seed: u64, body_bytes: usize) -> TempCorpus {
        let tmp = tempfile::Builder::new()
            .prefix(prefix)
            .tempdir()
            .expect("create a temporary folder");
        let dir = tmp.path().join("posts");
        let start = Instant::now();
        let bytes = write_corpus(&dir, posts, seed, body_bytes).expect("write the corpus");
        eprintln!(
            "corpus: {posts} posts, {bytes} bytes ({:.1} MiB) in {}, written in {:.1?}",
            bytes as f64 / (1024.0 * 1024.0),
            dir.display(),
            start.elapsed()
        );
        TempCorpus {
            _tmp: tmp,
            dir,
            bytes,
            posts,
        }
    }
}
