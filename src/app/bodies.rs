//! Bodies read ahead of opening their article, so that opening it needs no
//! file read. A few are kept; a body that could not be read is remembered so
//! that it is not read again and again while the list sits on it.

use std::collections::VecDeque;

const KEEP: usize = 8;

#[derive(Debug, Default)]
pub struct Bodies {
    /// (post, body or why it could not be read), most recent last.
    entries: VecDeque<(usize, Result<String, String>)>,
}

impl Bodies {
    pub fn insert(&mut self, post: usize, body: Result<String, String>) {
        self.entries.retain(|(p, _)| *p != post);
        if self.entries.len() == KEEP {
            self.entries.pop_front();
        }
        self.entries.push_back((post, body));
    }

    pub fn get(&self, post: usize) -> Option<String> {
        self.entries
            .iter()
            .find(|(p, _)| *p == post)
            .and_then(|(_, b)| b.as_ref().ok().cloned())
    }

    pub fn failed(&self, post: usize) -> bool {
        self.entries.iter().any(|(p, b)| *p == post && b.is_err())
    }
}
