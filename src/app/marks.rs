//! The reader's marks: the marks by post id ([`crate::marks::Marks`], what
//! the marks database saves), mirrored per post index so that drawing and
//! counting never hash a string, and the last bulk change, for undo. Every
//! change returns the [`Save`] to send to the marks worker.

use crate::marks::{Change, Field, MarkRow, Save};
use crate::store::Store;

#[derive(Debug, Clone, Default)]
pub struct Marks {
    by_id: crate::marks::Marks,
    /// Read and starred by post index in the store.
    read_at: Vec<bool>,
    starred_at: Vec<bool>,
    /// What the last "mark all read" changed.
    undo: Option<Change>,
}

impl Marks {
    pub fn new(by_id: crate::marks::Marks, store: &Store) -> Marks {
        let mut marks = Marks {
            by_id,
            ..Marks::default()
        };
        marks.index(store);
        marks
    }

    /// Rebuild the per-index view after the store changed.
    pub fn index(&mut self, store: &Store) {
        let posts = store.posts();
        self.read_at = posts.iter().map(|p| self.by_id.is_read(&p.id)).collect();
        self.starred_at = posts.iter().map(|p| self.by_id.is_starred(&p.id)).collect();
    }

    pub fn is_read(&self, post: usize) -> bool {
        self.read_at.get(post).copied().unwrap_or(false)
    }

    pub fn is_starred(&self, post: usize) -> bool {
        self.starred_at.get(post).copied().unwrap_or(false)
    }

    /// Set the read mark of `post`; the save, when it changed.
    pub fn set_read(&mut self, store: &Store, post: usize, read: bool) -> Option<Save> {
        let id = &store.posts().get(post)?.id;
        let save = self.by_id.set(Field::Read, [id], read)?;
        self.read_at[post] = read;
        Some(save)
    }

    pub fn toggle_star(&mut self, store: &Store, post: usize) -> Option<Save> {
        let id = &store.posts().get(post)?.id;
        let save = self.by_id.toggle(Field::Starred, id);
        self.starred_at[post] = self.by_id.is_starred(id);
        Some(save)
    }

    /// Mark every post of `posts` read, remembering what changed for
    /// [`Marks::undo`]; the save and how many changed.
    pub fn mark_all_read(&mut self, store: &Store, posts: &[usize]) -> (Option<Save>, usize) {
        let ids = posts.iter().map(|&p| store.posts()[p].id.as_str());
        let save = self.by_id.set(Field::Read, ids, true);
        for &p in posts {
            self.read_at[p] = true;
        }
        let n = save.as_ref().map_or(0, |s| s.change.ids.len());
        self.undo = save.as_ref().map(|s| s.change.clone());
        (save, n)
    }

    /// Take back the last "mark all read": exactly the marks it changed.
    pub fn undo(&mut self, store: &Store) -> Option<(Option<Save>, usize)> {
        let change = self.undo.take()?;
        let n = change.ids.len();
        let save = self.by_id.apply(&change.undo());
        self.index(store);
        Some((save, n))
    }

    /// The worker saved every change numbered up to `seq`.
    pub fn saved(&mut self, seq: u64) {
        self.by_id.saved(seq);
    }

    /// Marks another reader saved; true when anything shown changed.
    pub fn merge_from_elsewhere(&mut self, rows: &[MarkRow], store: &Store) -> bool {
        let changed = self.by_id.merge_from_elsewhere(rows);
        if changed {
            self.index(store);
        }
        changed
    }

    /// How many of `posts` are unread.
    pub fn unread_among(&self, posts: &[usize]) -> usize {
        posts.iter().filter(|&&p| !self.is_read(p)).count()
    }

    /// Posts not read, of all.
    pub fn unread(&self) -> usize {
        self.read_at.iter().filter(|r| !**r).count()
    }
}
