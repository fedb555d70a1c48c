//! Rendered articles kept per (post, width): the reader draws from here and
//! never renders in a frame what it rendered before.

use std::collections::VecDeque;
use std::sync::Arc;

use super::Line;
use crate::text::AmbiguousWidth;

/// The post (by index in the model), the width it was rendered at and how
/// wide ambiguous characters were counted.
pub type Key = (usize, usize, AmbiguousWidth);

/// An article as the pane shows it: its lines, its link addresses, and
/// the rows its pictures hold.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ArticleLines {
    pub lines: Vec<Line>,
    pub links: Vec<String>,
    pub pictures: Vec<crate::picture::slot::Slot>,
    /// What is wrong with the local pictures it names (a file missing,
    /// outside its site, over a limit …).
    pub problems: Vec<crate::i18n::Message>,
}

impl ArticleLines {
    /// Whether a picture is still to be decoded.
    pub fn pictures_waiting(&self) -> bool {
        self.pictures
            .iter()
            .any(|s| s.state == crate::picture::slot::State::Waiting)
    }
}

/// The last `capacity` articles rendered, most recent last.
#[derive(Debug)]
pub struct RenderCache {
    entries: VecDeque<(Key, Arc<ArticleLines>)>,
    capacity: usize,
}

impl RenderCache {
    pub fn new(capacity: usize) -> RenderCache {
        RenderCache {
            entries: VecDeque::with_capacity(capacity),
            capacity: capacity.max(1),
        }
    }

    pub fn get(&self, key: Key) -> Option<Arc<ArticleLines>> {
        self.entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| Arc::clone(v))
    }

    /// The lines for `key`, rendering them with `render` only when absent.
    pub fn get_or_render(
        &mut self,
        key: Key,
        render: impl FnOnce() -> ArticleLines,
    ) -> Arc<ArticleLines> {
        if let Some(i) = self.entries.iter().position(|(k, _)| *k == key) {
            let entry = self.entries.remove(i).expect("index from position");
            let lines = Arc::clone(&entry.1);
            self.entries.push_back(entry);
            return lines;
        }
        let lines = Arc::new(render());
        if self.entries.len() == self.capacity {
            self.entries.pop_front();
        }
        self.entries.push_back((key, Arc::clone(&lines)));
        lines
    }

    /// Keep `lines` for `key` (rendered elsewhere), replacing what was there.
    pub fn insert(&mut self, key: Key, lines: Arc<ArticleLines>) {
        self.entries.retain(|(k, _)| *k != key);
        if self.entries.len() == self.capacity {
            self.entries.pop_front();
        }
        self.entries.push_back((key, lines));
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_once_per_post_width_and_mode_and_forgets_the_oldest() {
        let mut cache = RenderCache::new(2);
        let mut calls = 0;
        let mut get = |cache: &mut RenderCache, key| {
            cache.get_or_render(key, || {
                calls += 1;
                ArticleLines {
                    lines: vec![Line::default()],
                    ..ArticleLines::default()
                }
            });
        };
        let narrow = AmbiguousWidth::Narrow;
        get(&mut cache, (1, 80, narrow));
        get(&mut cache, (1, 80, narrow));
        get(&mut cache, (1, 40, narrow));
        get(&mut cache, (1, 80, narrow));
        get(&mut cache, (2, 80, narrow));
        get(&mut cache, (1, 40, narrow));
        get(&mut cache, (1, 40, AmbiguousWidth::Wide));
        assert_eq!(
            calls, 5,
            "(1,40) was the oldest when (2,80) came in; narrow lines are not wide ones"
        );
    }
}
