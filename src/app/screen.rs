//! The view model: what is on screen and which part has the keys. Key
//! mapping, `update`, the status hints and drawing all read it here, and
//! nowhere else work it out again.

use std::sync::Arc;

use crate::render::cache::ArticleLines;

/// A pane of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Article,
}

/// The main screen under any popup.
#[derive(Debug, Clone)]
pub enum Screen {
    /// The headline list has the keys; beside it (on a wide terminal), a
    /// preview of the selected post.
    List,
    /// The selected post is open. `keys` is the pane that has the keys:
    /// side by side, `Tab` gives them to the list while the article stays
    /// shown; one pane at a time, the pane with the keys is the one shown.
    /// The article belongs to the selected post: moving the selection
    /// closes it, and so does a change of the list that drops it. Only a
    /// link to a post the list does not show (hidden by the search, say),
    /// or a search typed over the article that hides its post, leaves an
    /// article apart from the selection; it stays open until the
    /// selection moves.
    Article { keys: Pane, article: Article },
}

/// The open article.
#[derive(Debug, Clone)]
pub struct Article {
    /// Index of the post in the store.
    pub post: usize,
    /// Its lines, rendered at the pane's width; `None` until the worker
    /// answers (the pane says it is loading).
    pub rendered: Option<Arc<ArticleLines>>,
    /// First line shown.
    pub scroll: usize,
    /// Why the body could not be read, when it could not.
    pub error: Option<crate::i18n::Message>,
}

impl Article {
    pub fn new(post: usize) -> Article {
        Article {
            post,
            rendered: None,
            scroll: 0,
            error: None,
        }
    }

    /// Lines of the rendered article (none while loading).
    pub fn lines(&self) -> &[crate::render::Line] {
        self.rendered.as_ref().map_or(&[], |r| &r.lines)
    }

    /// The article's link addresses.
    pub fn links(&self) -> &[String] {
        self.rendered.as_ref().map_or(&[], |r| &r.links)
    }
}

/// A window over the main screen; it has the keys while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    Help {
        scroll: usize,
    },
    /// The problems found while loading; the cursor is on one of them.
    Problems {
        cursor: usize,
    },
    /// The category picker: `chosen` is the choice being made, applied on
    /// `Enter` and dropped on `Esc`; `filter` narrows the categories shown
    /// (`/`, matched as the search matches: 초성 too), `cursor` is a row of
    /// those.
    Categories {
        cursor: usize,
        chosen: Vec<String>,
        filter: crate::app::SearchBox,
    },
    Links {
        cursor: usize,
    },
}

/// Where keys go: the context the key table is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    List,
    Article,
    /// Typing in the search field.
    Search,
    Help,
    Problems,
    Categories,
    /// Typing the category picker's filter.
    CategoryFilter,
    Links,
}

impl Context {
    pub const ALL: [Context; 8] = [
        Context::List,
        Context::Article,
        Context::Search,
        Context::Help,
        Context::Problems,
        Context::Categories,
        Context::CategoryFilter,
        Context::Links,
    ];

    /// Keys type text here: the search field, the picker's filter.
    pub fn is_typing(self) -> bool {
        matches!(self, Context::Search | Context::CategoryFilter)
    }

    pub fn is_popup(self) -> bool {
        matches!(
            self,
            Context::Help
                | Context::Problems
                | Context::Categories
                | Context::CategoryFilter
                | Context::Links
        )
    }
}

impl Popup {
    pub fn context(&self) -> Context {
        match self {
            Popup::Help { .. } => Context::Help,
            Popup::Problems { .. } => Context::Problems,
            Popup::Categories { filter, .. } if filter.editing => Context::CategoryFilter,
            Popup::Categories { .. } => Context::Categories,
            Popup::Links { .. } => Context::Links,
        }
    }
}

impl Screen {
    /// The pane with the keys when no popup or search field has them.
    pub fn keys(&self) -> Pane {
        match self {
            Screen::List => Pane::List,
            Screen::Article { keys, .. } => *keys,
        }
    }

    pub fn article(&self) -> Option<&Article> {
        match self {
            Screen::List => None,
            Screen::Article { article, .. } => Some(article),
        }
    }

    pub fn article_mut(&mut self) -> Option<&mut Article> {
        match self {
            Screen::List => None,
            Screen::Article { article, .. } => Some(article),
        }
    }
}
