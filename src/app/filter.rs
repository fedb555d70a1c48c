//! What the list is narrowed to and in which order: the search field and
//! its query, the chosen categories, unread-only and starred-only, the sort.

use super::SearchBox;
use crate::config::Sort;
use crate::search::Query;

#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub search: SearchBox,
    query: Query,
    /// The search as it was when the field was opened: `Esc` while
    /// refining a kept search goes back to it.
    before_edit: String,
    /// Categories chosen in the picker (posts in any of them show).
    pub categories: Vec<String>,
    pub unread_only: bool,
    pub starred_only: bool,
    pub sort: Sort,
}

impl Filters {
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// Set the search to `text` (not editing).
    pub fn set_search(&mut self, text: &str) {
        self.search.input = text.to_string();
        self.search.end();
        self.query = Query::parse(text);
    }

    /// Open the field to type in, remembering the search it starts from.
    pub fn start_editing(&mut self) {
        self.before_edit = self.search.input.clone();
        self.search.editing = true;
        self.search.end();
    }

    /// Edit the field; the query follows.
    pub fn edit(&mut self, edit: impl FnOnce(&mut SearchBox)) {
        edit(&mut self.search);
        self.query = Query::parse(&self.search.input);
    }

    pub fn accept(&mut self) {
        self.search.editing = false;
    }

    /// `Esc` in the field: back to the search it was opened on (none when
    /// it was opened empty).
    pub fn cancel(&mut self) {
        let before = std::mem::take(&mut self.before_edit);
        self.search.editing = false;
        if self.search.input != before {
            self.set_search(&before);
        }
    }

    /// `Esc` in the list: drop the narrowest filter first (search, then
    /// categories, then unread-only and starred-only). False when there was
    /// none.
    pub fn clear_one(&mut self) -> bool {
        if !self.search.input.is_empty() {
            self.set_search("");
        } else if !self.categories.is_empty() {
            self.categories.clear();
        } else if self.unread_only || self.starred_only {
            self.unread_only = false;
            self.starred_only = false;
        } else {
            return false;
        }
        true
    }

    /// Whether anything narrows the list.
    pub fn is_active(&self) -> bool {
        !self.query.is_empty()
            || !self.categories.is_empty()
            || self.unread_only
            || self.starred_only
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esc_while_refining_restores_the_kept_search() {
        let mut f = Filters::default();
        f.start_editing();
        f.edit(|s| s.insert("제주"));
        f.accept();
        f.start_editing();
        f.edit(|s| s.insert(" 항공"));
        assert_eq!(f.query().as_str(), "제주 항공");
        f.cancel();
        assert_eq!(
            (f.search.input.as_str(), f.query().as_str()),
            ("제주", "제주")
        );
        assert!(!f.search.editing);
        f.start_editing();
        f.edit(|s| s.clear());
        f.cancel();
        assert_eq!(f.search.input, "제주", "Esc undoes a cleared field too");
    }

    #[test]
    fn esc_in_the_list_clears_one_filter_at_a_time() {
        let mut f = Filters::default();
        f.set_search("태풍");
        f.categories.push("날씨".into());
        f.unread_only = true;
        assert!(f.clear_one() && f.search.input.is_empty() && !f.categories.is_empty());
        assert!(f.clear_one() && f.categories.is_empty() && f.unread_only);
        assert!(f.clear_one() && !f.is_active());
        assert!(!f.clear_one());
    }
}
