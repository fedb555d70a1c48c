//! Read and starred marks (DESIGN §7).
//!
//! The database in the user's data folder ([`MarksDb`], SQLite in WAL
//! mode) is the truth, shared by every reader open at once. A reader keeps
//! the marks in memory for drawing ([`Marks`]) and sends each change to a
//! worker thread ([`MarksWorker`]) as a set operation ("set read on these
//! posts"), never as a copy of its whole state, so that readers saving at
//! the same time never undo each other's marks: each (post, read) and
//! (post, starred) mark ends with the value of the last change saved to it.
//! The worker also notices changes saved by other readers and sends them
//! back as an action.

mod aside;
mod db;
mod import;
mod peek;
mod worker;

use std::collections::{HashMap, HashSet};

pub use db::{MarksDb, MarksError, Opened};
pub use peek::peek;
pub use worker::{MarksWorker, POLL_EVERY};

/// Which of a post's marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Read,
    Starred,
}

/// A set operation: set `field` to `on` for every post in `ids`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: Field,
    pub on: bool,
    pub ids: Vec<String>,
}

impl Change {
    /// The change that undoes this one. [`Marks::set`] keeps only the posts
    /// whose mark really changed, so undoing a bulk change ("mark all read")
    /// restores exactly the marks it replaced.
    pub fn undo(&self) -> Change {
        Change {
            field: self.field,
            on: !self.on,
            ids: self.ids.clone(),
        }
    }
}

/// A change numbered by the reader that made it: the worker's answer
/// ([`crate::app::Action::MarksSaved`]) names the last number it saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Save {
    pub seq: u64,
    pub change: Change,
}

/// One post's marks as the database holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkRow {
    pub id: String,
    pub read: bool,
    pub starred: bool,
}

/// The marks a reader draws from, and which of its changes are not saved
/// yet. Pure: saving is the worker's job.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    read: HashSet<String>,
    starred: HashSet<String>,
    last_seq: u64,
    /// Marks changed here whose save has not been confirmed, with the
    /// number of their latest change.
    unsaved: HashMap<(Field, String), u64>,
}

impl Marks {
    /// The marks set in `rows` (a post may come in several rows).
    pub fn from_rows(rows: impl IntoIterator<Item = MarkRow>) -> Marks {
        let mut marks = Marks::default();
        for row in rows {
            if row.read {
                marks.read.insert(row.id.clone());
            }
            if row.starred {
                marks.starred.insert(row.id);
            }
        }
        marks
    }

    pub fn is_read(&self, id: &str) -> bool {
        self.read.contains(id)
    }

    pub fn is_starred(&self, id: &str) -> bool {
        self.starred.contains(id)
    }

    /// How many posts carry the mark.
    pub fn count(&self, field: Field) -> usize {
        self.set_of(field).len()
    }

    /// Set `field` to `on` for `ids`; the change to save holds only the
    /// posts whose mark changed (none: nothing to save).
    pub fn set<I, S>(&mut self, field: Field, ids: I, on: bool) -> Option<Save>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let ids: Vec<String> = ids
            .into_iter()
            .filter(|id| self.put(field, id.as_ref(), on))
            .map(|id| id.as_ref().to_string())
            .collect();
        (!ids.is_empty()).then(|| self.record(Change { field, on, ids }))
    }

    /// Flip `field` of one post.
    pub fn toggle(&mut self, field: Field, id: &str) -> Save {
        let on = !self.set_of(field).contains(id);
        self.put(field, id, on);
        self.record(Change {
            field,
            on,
            ids: vec![id.to_string()],
        })
    }

    /// Number a change made in memory and note its marks as unsaved.
    fn record(&mut self, change: Change) -> Save {
        self.last_seq += 1;
        for id in &change.ids {
            self.unsaved
                .insert((change.field, id.clone()), self.last_seq);
        }
        Save {
            seq: self.last_seq,
            change,
        }
    }

    /// Apply a change made elsewhere (an undo) as a change of this reader.
    pub fn apply(&mut self, change: &Change) -> Option<Save> {
        self.set(change.field, &change.ids, change.on)
    }

    /// The worker saved every change numbered up to `seq`.
    pub fn saved(&mut self, seq: u64) {
        self.unsaved.retain(|_, s| *s > seq);
    }

    /// Marks that another reader saved. A mark changed here and not yet
    /// saved keeps this reader's value: its save comes later, so it is the
    /// one the database will keep. True when anything shown changed.
    pub fn merge_from_elsewhere(&mut self, rows: &[MarkRow]) -> bool {
        let mut changed = false;
        for row in rows {
            for (field, on) in [(Field::Read, row.read), (Field::Starred, row.starred)] {
                if !self.unsaved.contains_key(&(field, row.id.clone())) {
                    changed |= self.put(field, &row.id, on);
                }
            }
        }
        changed
    }

    fn set_of(&self, field: Field) -> &HashSet<String> {
        match field {
            Field::Read => &self.read,
            Field::Starred => &self.starred,
        }
    }

    /// Set one mark in memory; true when it changed.
    fn put(&mut self, field: Field, id: &str, on: bool) -> bool {
        let set = match field {
            Field::Read => &mut self.read,
            Field::Starred => &mut self.starred,
        };
        if on {
            !set.contains(id) && set.insert(id.to_string())
        } else {
            set.remove(id)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, read: bool, starred: bool) -> MarkRow {
        MarkRow {
            id: id.into(),
            read,
            starred,
        }
    }

    #[test]
    fn a_bulk_change_holds_only_what_it_changed_and_its_undo_restores_that() {
        let mut marks = Marks::from_rows([row("a", true, false)]);
        let save = marks.set(Field::Read, ["a", "b", "c"], true).unwrap();
        assert_eq!(save.change.ids, ["b", "c"], "a was read already");
        marks.apply(&save.change.undo());
        assert!(marks.is_read("a"), "undo leaves what was read before");
        assert!(!marks.is_read("b") && !marks.is_read("c"));
        assert_eq!(marks.set(Field::Read, ["a"], true), None, "no change");
    }

    #[test]
    fn marks_from_elsewhere_never_undo_an_unsaved_change_here() {
        let mut marks = Marks::default();
        let first = marks.toggle(Field::Read, "a");
        let second = marks.toggle(Field::Starred, "b");
        assert_eq!((first.seq, second.seq), (1, 2));
        // Another reader's values, read before this reader's saves landed.
        let elsewhere = [row("a", false, true), row("b", true, false)];
        assert!(marks.merge_from_elsewhere(&elsewhere));
        assert!(marks.is_read("a"), "unsaved: kept");
        assert!(marks.is_starred("a"), "the other mark of the post is taken");
        assert!(marks.is_read("b") && marks.is_starred("b"));
        marks.saved(2);
        assert!(marks.merge_from_elsewhere(&elsewhere));
        assert!(
            !marks.is_read("a") && !marks.is_starred("b"),
            "saved: later values win"
        );
    }
}
