//! Read and starred marks: kept by post id (what is saved), mirrored per
//! post index so that drawing and counting never hash a string, and the
//! last bulk change, for undo.

use std::collections::HashSet;

use crate::state::State;
use crate::store::Store;

#[derive(Debug, Clone, Default)]
pub struct Marks {
    read: HashSet<String>,
    starred: HashSet<String>,
    /// `read` and `starred` by post index in the store.
    read_at: Vec<bool>,
    starred_at: Vec<bool>,
    /// Ids the last "mark all read" changed.
    undo: Option<Vec<String>>,
}

impl Marks {
    pub fn from_state(state: State, store: &Store) -> Marks {
        let mut marks = Marks {
            read: state.read.into_iter().collect(),
            starred: state.starred.into_iter().collect(),
            ..Marks::default()
        };
        marks.index(store);
        marks
    }

    /// Rebuild the per-index view after the store changed.
    pub fn index(&mut self, store: &Store) {
        self.read_at = store
            .posts()
            .iter()
            .map(|p| self.read.contains(&p.id))
            .collect();
        self.starred_at = store
            .posts()
            .iter()
            .map(|p| self.starred.contains(&p.id))
            .collect();
    }

    pub fn is_read(&self, post: usize) -> bool {
        self.read_at.get(post).copied().unwrap_or(false)
    }

    pub fn is_starred(&self, post: usize) -> bool {
        self.starred_at.get(post).copied().unwrap_or(false)
    }

    /// Set the read mark of `post`; true when it changed.
    pub fn set_read(&mut self, store: &Store, post: usize, read: bool) -> bool {
        let Some(slot) = self.read_at.get_mut(post) else {
            return false;
        };
        if *slot == read {
            return false;
        }
        *slot = read;
        let id = &store.posts()[post].id;
        if read {
            self.read.insert(id.clone());
        } else {
            self.read.remove(id);
        }
        true
    }

    pub fn toggle_star(&mut self, store: &Store, post: usize) {
        let Some(slot) = self.starred_at.get_mut(post) else {
            return;
        };
        *slot = !*slot;
        let id = &store.posts()[post].id;
        if *slot {
            self.starred.insert(id.clone());
        } else {
            self.starred.remove(id);
        }
    }

    /// Mark every post of `posts` read; remembers which changed, for
    /// [`Marks::undo`]. Returns how many changed.
    pub fn mark_all_read(&mut self, store: &Store, posts: &[usize]) -> usize {
        let changed: Vec<usize> = posts
            .iter()
            .copied()
            .filter(|&p| !self.is_read(p))
            .collect();
        for &p in &changed {
            self.set_read(store, p, true);
        }
        self.undo = Some(
            changed
                .iter()
                .map(|&p| store.posts()[p].id.clone())
                .collect(),
        );
        changed.len()
    }

    /// Take back the last "mark all read"; how many posts are unread again.
    pub fn undo(&mut self, store: &Store) -> Option<usize> {
        let ids = self.undo.take()?;
        for id in &ids {
            self.read.remove(id);
        }
        self.index(store);
        Some(ids.len())
    }

    /// How many of `posts` are unread.
    pub fn unread_among(&self, posts: &[usize]) -> usize {
        posts.iter().filter(|&&p| !self.is_read(p)).count()
    }

    /// The marks, to save.
    pub fn state(&self) -> State {
        State {
            read: self.read.iter().cloned().collect(),
            starred: self.starred.iter().cloned().collect(),
        }
    }
}
