//! Rendered articles: kept per (post, width, mode), asked of a worker when
//! missing, never rendered on the key path.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::i18n::Message;
use crate::render::cache::{ArticleLines, RenderCache};

/// A post (index in the store), the width and the ambiguous-width mode it
/// is rendered at.
pub(super) type RenderKey = (usize, usize, crate::text::AmbiguousWidth);

#[derive(Debug)]
pub(super) struct Rendering {
    cache: RenderCache,
    /// Asked of the worker, not answered yet.
    pending: HashSet<RenderKey>,
    /// Posts whose body could not be read, and why.
    failed: HashMap<usize, Message>,
    /// Renderings whose pictures the picture worker was asked to draw.
    pictures_asked: HashSet<RenderKey>,
    /// The most rows a picture takes in the renderings kept.
    picture_rows: usize,
}

impl Default for Rendering {
    fn default() -> Rendering {
        Rendering {
            cache: RenderCache::new(16),
            pending: HashSet::new(),
            failed: HashMap::new(),
            pictures_asked: HashSet::new(),
            picture_rows: 0,
        }
    }
}

/// What is known of a post's rendering at a width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Lookup {
    Ready(Arc<ArticleLines>),
    Failed(Message),
    /// Asked for already.
    Pending,
    /// Not asked for yet.
    Missing,
}

impl Rendering {
    pub(super) fn lookup(&self, key: RenderKey) -> Lookup {
        if let Some(lines) = self.cache.get(key) {
            return Lookup::Ready(lines);
        }
        if let Some(why) = self.failed.get(&key.0) {
            return Lookup::Failed(why.clone());
        }
        if self.pending.contains(&key) {
            return Lookup::Pending;
        }
        Lookup::Missing
    }

    /// Note that `key` was asked for; false when it already was.
    pub(super) fn ask(&mut self, key: RenderKey) -> bool {
        self.pending.insert(key)
    }

    /// A worker's answer.
    pub(super) fn answer(&mut self, key: RenderKey, result: Result<Arc<ArticleLines>, Message>) {
        self.pending.remove(&key);
        match result {
            Ok(lines) => {
                self.failed.remove(&key.0);
                self.cache.insert(key, lines);
            }
            Err(why) => {
                self.failed.insert(key.0, why);
            }
        }
    }

    /// Everything is stale (the posts were read again).
    pub(super) fn clear(&mut self) {
        self.cache.clear();
        self.pending.clear();
        self.failed.clear();
        self.pictures_asked.clear();
    }

    /// Pictures now take at most `rows` rows: renderings made for another
    /// height are stale (those asked for still come, and are dropped).
    pub(super) fn set_picture_rows(&mut self, rows: usize) {
        if rows != self.picture_rows {
            self.picture_rows = rows;
            self.cache.clear();
            self.pending.clear();
            self.pictures_asked.clear();
        }
    }

    /// Note that the pictures of `key` were asked for; false when they
    /// already were.
    pub(super) fn ask_pictures(&mut self, key: RenderKey) -> bool {
        self.pictures_asked.insert(key)
    }

    /// The picture worker's answer: kept when it belongs to the rendering
    /// kept for `key` (the same rows held for the same pictures). The last
    /// answer (`done`) of a job stopped before all were drawn lets them be
    /// asked for again.
    pub(super) fn pictured(
        &mut self,
        key: RenderKey,
        lines: Arc<ArticleLines>,
        done: bool,
    ) -> bool {
        let same = |a: &ArticleLines| {
            a.lines.len() == lines.lines.len()
                && a.pictures.len() == lines.pictures.len()
                && a.pictures.iter().zip(&lines.pictures).all(|(x, y)| {
                    (x.line, x.x, x.cols, x.rows, &x.file) == (y.line, y.x, y.cols, y.rows, &y.file)
                })
        };
        match self.cache.get(key) {
            Some(kept) if same(&kept) => {
                if done && lines.pictures_waiting() {
                    self.pictures_asked.remove(&key);
                }
                self.cache.insert(key, lines);
                true
            }
            _ => false,
        }
    }

    /// Whether any answer is awaited.
    pub(super) fn busy(&self) -> bool {
        !self.pending.is_empty()
    }
}
