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
}

impl Default for Rendering {
    fn default() -> Rendering {
        Rendering {
            cache: RenderCache::new(16),
            pending: HashSet::new(),
            failed: HashMap::new(),
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
    }

    /// Whether any answer is awaited.
    pub(super) fn busy(&self) -> bool {
        !self.pending.is_empty()
    }
}
