//! Posts entering the store: which are shown and which hidden (drafts,
//! and posts the clock says wait for their dates), where each goes, and
//! the problems of the tags naming other files, found again whenever the
//! posts change.

use super::Store;
use crate::post::Post;

impl Store {
    /// `posts`, told by the clock which wait for their dates, as those
    /// shown and those hidden.
    pub(super) fn admit(&self, mut posts: Vec<Post>) -> (Vec<Post>, Vec<Post>) {
        let now = crate::schedule::now(self.clock);
        crate::schedule::mark(&mut posts, &self.sites, now);
        let drafts = self.drafts;
        posts.into_iter().partition(|p| drafts || !p.is_hidden())
    }

    /// The hidden posts whose dates came since they were read, shown.
    pub(super) fn release_due(&mut self) {
        let now = crate::schedule::now(self.clock);
        let (due, waiting): (Vec<Post>, Vec<Post>) = std::mem::take(&mut self.hidden)
            .into_iter()
            .partition(|p| p.scheduled && !crate::schedule::waits(p, &self.sites, now));
        self.hidden = waiting;
        for mut post in due {
            post.scheduled = false;
            if post.is_hidden() {
                self.hidden.push(post);
            } else {
                self.insert(post);
            }
        }
    }

    /// The problems of the tags naming other files found again, among
    /// every post (a post or an include written since may end one).
    pub(super) fn check_references(&mut self) {
        let all: Vec<&Post> = self.posts.iter().chain(&self.hidden).collect();
        let fresh = crate::references::problems(&all, &self.sites);
        let old = std::mem::replace(&mut self.linked, fresh);
        self.problems.retain(|p| !old.contains(p));
        self.problems.extend(self.linked.iter().cloned());
        self.problems.sort();
        self.problems.dedup();
    }

    /// Put `post` where the order puts it: no sort of them all.
    pub(super) fn insert(&mut self, post: Post) {
        let at = self
            .posts
            .partition_point(|p| crate::loader::post_order(p, &post) == std::cmp::Ordering::Less);
        self.posts.insert(at, post);
    }
}
