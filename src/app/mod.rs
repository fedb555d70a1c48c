//! The interactive reader: state, actions, key mapping, update and view.
//!
//! Flow in one direction (DESIGN §1): a crossterm event becomes an
//! [`Action`] ([`keys::action_for`]), [`update`] changes the [`App`] and
//! returns [`Effect`]s for the runner (file reads, opening links), and the
//! view draws from `&App` alone. Nothing here touches the terminal or files.

pub mod action;
mod bodies;
pub mod keys;
pub mod layout;
mod search_box;
mod update;
pub mod view;

use std::sync::Arc;

pub use action::{Action, Effect};
use bodies::Bodies;
pub use search_box::SearchBox;
pub use update::update;

use crate::render::cache::{ArticleLines, RenderCache};
use crate::render::{RenderOptions, article};
use crate::search::Query;
use crate::store::{Filter, Store};
use crate::text::AmbiguousWidth;
use crate::theme::Theme;

/// Which pane keys go to when both are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Article,
}

/// A window over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    Help { scroll: usize },
    Categories { cursor: usize },
    Links { cursor: usize },
    Problems { scroll: usize },
}

/// The open article.
#[derive(Debug, Clone)]
pub struct Article {
    /// Index of the post in the store.
    pub post: usize,
    /// The body, once the runner has read it; an error message if it could
    /// not be read.
    pub body: Option<Result<String, String>>,
    /// Rendered lines (header, body, links) at the pane's width.
    pub rendered: Arc<ArticleLines>,
    /// First line shown.
    pub scroll: usize,
}

pub struct App {
    pub store: Store,
    pub theme: Theme,
    /// Indices (into the store) of the posts the list shows, in order.
    pub visible: Vec<usize>,
    /// The selected row (index into `visible`).
    pub selected: usize,
    /// The first row the list shows.
    pub list_top: usize,
    pub focus: Pane,
    /// With one pane at a time: the article is the one shown.
    pub reading: bool,
    pub popup: Option<Popup>,
    pub search: SearchBox,
    query: Query,
    /// Categories chosen in the picker (posts in any of them show).
    pub categories: Vec<String>,
    pub unread_only: bool,
    /// Read and starred marks, for drawing; the marks database holds them.
    pub marks: crate::marks::Marks,
    pub article: Option<Article>,
    cache: RenderCache,
    pub size: (u16, u16),
    /// A one-off message for the status line.
    pub message: Option<String>,
    /// Whether post bodies are in the search index yet.
    pub indexed: bool,
    /// The post clicked last, for a second click to open it.
    last_click: Option<usize>,
    /// Bodies read ahead of opening (a few, most recent last).
    bodies: Bodies,
    /// Problems found after loading: posts sinmun failed to index or render.
    pub later_problems: Vec<crate::problem::Problem>,
    /// How wide the terminal draws ambiguous characters: update, the view
    /// and rendering measure so.
    pub ambiguous: AmbiguousWidth,
    /// What the user asked for; the runner settles `ambiguous` from it
    /// once it has the terminal (`auto` asks the terminal).
    pub ambiguous_setting: crate::config::AmbiguousSetting,
}

impl App {
    /// A reader over `store`; `indexed` says whether the posts already carry
    /// their search text.
    pub fn new(store: Store, theme: Theme, indexed: bool) -> App {
        let mut app = App {
            store,
            theme,
            visible: Vec::new(),
            selected: 0,
            list_top: 0,
            focus: Pane::List,
            reading: false,
            popup: None,
            search: SearchBox::default(),
            query: Query::default(),
            categories: Vec::new(),
            unread_only: false,
            marks: crate::marks::Marks::default(),
            article: None,
            cache: RenderCache::new(16),
            size: (80, 24),
            message: None,
            indexed,
            last_click: None,
            bodies: Bodies::default(),
            later_problems: Vec::new(),
            ambiguous: AmbiguousWidth::Narrow,
            ambiguous_setting: crate::config::AmbiguousSetting::Auto,
        };
        app.refilter();
        app
    }

    /// Start with the marks saved by earlier runs.
    pub fn with_marks(mut self, marks: crate::marks::Marks) -> App {
        self.marks = marks;
        self.refilter();
        self
    }

    /// Start with a search query and category filter (from the command line).
    pub fn with_filter(mut self, categories: Vec<String>, query: &str) -> App {
        self.categories = categories;
        self.search.input = query.to_string();
        self.search.caret = query.chars().count();
        self.query = Query::parse(query);
        self.refilter();
        self
    }

    pub fn query(&self) -> &Query {
        &self.query
    }

    /// The selected post's index in the store.
    pub fn selected_post(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    pub fn areas(&self) -> layout::Areas {
        layout::areas(self.size.0, self.size.1, self.reading)
    }

    /// Whether the article pane is on screen.
    pub fn article_shown(&self) -> bool {
        self.areas().article.width > 0
    }

    /// Rows of headlines the list shows.
    pub fn list_rows(&self) -> usize {
        usize::from(self.areas().list.height)
    }

    /// Rows of text the article pane shows.
    pub fn article_rows(&self) -> usize {
        usize::from(self.areas().article.height)
    }

    /// The width articles are rendered at.
    pub fn article_width(&self) -> usize {
        let pane = layout::areas(self.size.0, self.size.1, true).article;
        usize::from(layout::article_text(pane).width).max(1)
    }

    /// Every problem: the load's, then those found since.
    pub fn problems(&self) -> impl Iterator<Item = &crate::problem::Problem> {
        self.store.problems().iter().chain(&self.later_problems)
    }

    pub fn is_read(&self, post: usize) -> bool {
        self.marks.is_read(&self.store.posts()[post].id)
    }

    pub fn is_starred(&self, post: usize) -> bool {
        self.marks.is_starred(&self.store.posts()[post].id)
    }

    /// Recompute the visible posts after a filter changed, keeping the
    /// selected post selected when it is still shown.
    fn refilter(&mut self) {
        let keep = self.selected_post();
        let filter = Filter {
            categories: self.categories.clone(),
            query: self.query.clone(),
        };
        let mut visible = self.store.filter(&filter);
        if self.unread_only {
            visible.retain(|&i| !self.is_read(i) || Some(i) == keep);
        }
        self.visible = visible;
        self.selected = keep
            .and_then(|p| self.visible.iter().position(|&v| v == p))
            .unwrap_or(0);
        self.list_top = 0;
        self.keep_selection_in_view();
    }

    fn keep_selection_in_view(&mut self) {
        let rows = self.list_rows().max(1);
        if self.selected < self.list_top {
            self.list_top = self.selected;
        } else if self.selected >= self.list_top + rows {
            self.list_top = self.selected + 1 - rows;
        }
    }

    /// Render the open article at the current width (from the cache when it
    /// was rendered before).
    fn render_article(&mut self) {
        let width = self.article_width();
        let Some(opts) = self
            .article
            .as_ref()
            .map(|a| self.render_options(a.post, width))
        else {
            return;
        };
        let Some(article) = self.article.as_mut() else {
            return;
        };
        let post = &self.store.posts()[article.post];
        let body = match &article.body {
            Some(Ok(body)) => body.as_str(),
            // Not read yet: the view says so. Unreadable: the header and
            // the reason, not cached (the file may come back).
            None => return,
            Some(Err(reason)) => {
                let reason = format!("cannot read this post: {reason}");
                article.rendered = Arc::new(failed_lines(post, &reason, width));
                return;
            }
        };
        let key = (article.post, width, opts.ambiguous);
        let mut failed = false;
        article.rendered = self.cache.get_or_render(key, || {
            render_contained(post, body, &opts).unwrap_or_else(|| {
                failed = true;
                failed_lines(post, RENDER_FAILED, width)
            })
        });
        if failed {
            self.later_problems
                .push(crate::problem::Problem::new(&post.path, 1, RENDER_FAILED));
        }
        let max = article.rendered.lines.len().saturating_sub(1);
        article.scroll = article.scroll.min(max);
    }
}

/// Why an article shows no body when sinmun failed rendering it.
const RENDER_FAILED: &str = "sinmun failed rendering this post (a bug; please report it)";

/// [`article::render`], with a panic contained: `None` when it panicked.
fn render_contained(
    post: &crate::post::Post,
    body: &str,
    opts: &RenderOptions,
) -> Option<ArticleLines> {
    crate::render::guard::quietly(|| article::render(post, body, opts)).ok()
}

/// The header of `post` and a line saying why there is no body.
fn failed_lines(post: &crate::post::Post, reason: &str, width: usize) -> ArticleLines {
    let empty = crate::render::Rendered::default();
    let mut lines = article::lines(post, empty, width);
    lines.push(crate::render::Line::plain(
        reason.to_string(),
        crate::render::Flags::META,
    ));
    ArticleLines {
        lines: crate::render::lines_fit(lines, width),
        links: Vec::new(),
    }
}

impl App {
    /// How the post at `post` is rendered at `width`: the theme's colour
    /// settings, and Liquid resolved against the post and its site.
    fn render_options(&self, post: usize, width: usize) -> RenderOptions {
        RenderOptions {
            width,
            inline_colors: self.theme.inline_colors,
            paper: self.theme.paper,
            liquid: Some(Arc::new(
                self.store.liquid_context(&self.store.posts()[post]),
            )),
            ambiguous: self.ambiguous,
        }
    }
}

impl App {
    /// While the user reads the list, render the selected article ahead, so
    /// that opening it is instant. Returns the post whose body must be read
    /// first, if any.
    pub(crate) fn prefetch(&mut self) -> Option<usize> {
        let post = self.selected_post()?;
        let width = self.article_width();
        let key = (post, width, self.ambiguous);
        if self.article.as_ref().is_some_and(|a| a.post == post) || self.cache.get(key).is_some() {
            return None;
        }
        let body = match self.store.posts()[post]
            .body
            .clone()
            .or_else(|| self.bodies.get(post))
        {
            Some(body) => body,
            None if self.bodies.failed(post) => return None,
            None => return Some(post),
        };
        let opts = self.render_options(post, width);
        let p = &self.store.posts()[post];
        // A post that fails to render is not cached: opening it renders it
        // again and reports the failure.
        if let Some(lines) = render_contained(p, &body, &opts) {
            self.cache.get_or_render(key, || lines);
        } else {
            self.bodies.insert(post, Err(RENDER_FAILED.into()));
        }
        None
    }
}
