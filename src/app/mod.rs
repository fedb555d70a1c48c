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
    /// Work under way in the background, for the status line.
    pub progress: Option<Progress>,
    /// A search whose posts are still being decided (a slice of time at a
    /// time, between keys).
    filtering: Option<crate::store::Filtering>,
}

/// Posts being read, or bodies indexed, in the background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub task: Task,
    pub done: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    /// Reading the posts' files (their front matter).
    Reading,
    /// Indexing the bodies for search.
    Indexing,
}

/// How long a key may spend deciding which posts a search shows; the rest
/// is decided between keys.
const SEARCH_SLICE: std::time::Duration = std::time::Duration::from_millis(8);

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
            progress: None,
            filtering: None,
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
    /// selected post selected when it is still shown. A search whose
    /// posts take longer to decide shows those decided so far, and goes on
    /// with [`App::refine`].
    fn refilter(&mut self) {
        let filter = Filter {
            categories: self.categories.clone(),
            query: self.query.clone(),
        };
        let mut filtering = self.store.start_filter(&filter);
        self.store
            .advance(&mut filtering, std::time::Instant::now() + SEARCH_SLICE);
        self.show_filtered(&filtering, true);
        self.filtering = (!filtering.done()).then_some(filtering);
    }

    /// Whether a search is still being decided.
    pub fn is_refining(&self) -> bool {
        self.filtering.is_some()
    }

    /// Decide more of the search under way, for a slice of time.
    pub(crate) fn refine(&mut self) {
        let Some(mut filtering) = self.filtering.take() else {
            return;
        };
        self.store
            .advance(&mut filtering, std::time::Instant::now() + SEARCH_SLICE);
        self.show_filtered(&filtering, false);
        self.filtering = (!filtering.done()).then_some(filtering);
    }

    /// Show the posts `filtering` found so far; the selected post stays
    /// selected, and (unless `from_top`) where it is on the screen.
    fn show_filtered(&mut self, filtering: &crate::store::Filtering, from_top: bool) {
        let keep = self.selected_post();
        let row = self.selected.saturating_sub(self.list_top);
        let mut visible = filtering.matched().to_vec();
        if self.unread_only {
            visible.retain(|&i| !self.is_read(i) || Some(i) == keep);
        }
        self.visible = visible;
        let found = keep.and_then(|p| self.visible.iter().position(|&v| v == p));
        self.selected = found.unwrap_or(0);
        self.list_top = if from_top || found.is_none() {
            0
        } else {
            self.selected.saturating_sub(row)
        };
        self.keep_selection_in_view();
    }

    /// Posts read in the background arrive: shown after those there are.
    pub(crate) fn posts_arrived(&mut self, posts: Vec<crate::post::Post>) {
        self.store.extend(posts);
        self.refilter_in_place();
    }

    /// The complete load arrives: its posts, in order, replace those shown;
    /// the selected post (and the open article) stay, where they are on the
    /// screen.
    pub(crate) fn loaded(&mut self, load: crate::loader::Load) {
        let path_of = |app: &App, i: usize| app.store.posts().get(i).map(|p| p.path.clone());
        let selected = self.selected_post().and_then(|i| path_of(self, i));
        let row = self.selected.saturating_sub(self.list_top);
        let article = self.article.as_ref().and_then(|a| path_of(self, a.post));
        self.store.replace(load);
        self.cache = RenderCache::new(16);
        self.bodies = Bodies::default();
        if let Some(a) = self.article.as_mut() {
            match article.and_then(|p| self.store.position_of(&p)) {
                Some(post) => a.post = post,
                None => self.article = None,
            }
        }
        self.refilter();
        if let Some(at) = selected
            .and_then(|p| self.store.position_of(&p))
            .and_then(|i| self.visible.iter().position(|&v| v == i))
        {
            self.selected = at;
            self.list_top = at.saturating_sub(row);
            self.keep_selection_in_view();
        }
        self.render_article();
    }

    /// [`App::refilter`], keeping the list where it is on the screen.
    fn refilter_in_place(&mut self) {
        let top = self.list_top;
        let filter = Filter {
            categories: self.categories.clone(),
            query: self.query.clone(),
        };
        let mut filtering = self.store.start_filter(&filter);
        self.store
            .advance(&mut filtering, std::time::Instant::now() + SEARCH_SLICE);
        self.show_filtered(&filtering, false);
        if self.selected >= top {
            self.list_top = top;
            self.keep_selection_in_view();
        }
        self.filtering = (!filtering.done()).then_some(filtering);
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
        let key = (article.post, width);
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

/// [`render_lines`], with a panic contained: `None` when it panicked.
fn render_contained(
    post: &crate::post::Post,
    body: &str,
    opts: &RenderOptions,
) -> Option<ArticleLines> {
    crate::render::guard::quietly(|| render_lines(post, body, opts)).ok()
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

/// An article's lines at `width`: header, rendered body, links.
fn render_lines(post: &crate::post::Post, body: &str, opts: &RenderOptions) -> ArticleLines {
    let rendered = crate::render::render(body, post.format, opts);
    let links = rendered.links.clone();
    ArticleLines {
        lines: article::lines(post, rendered, opts.width),
        links,
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
        if self.article.as_ref().is_some_and(|a| a.post == post)
            || self.cache.get((post, width)).is_some()
        {
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
            self.cache.get_or_render((post, width), || lines);
        } else {
            self.bodies.insert(post, Err(RENDER_FAILED.into()));
        }
        None
    }
}
