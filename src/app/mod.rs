//! The interactive reader: state, actions, key table, update and view.
//!
//! Flow in one direction (DESIGN §1): a crossterm event becomes an
//! [`Action`] ([`keys::action_for`]), [`update`] changes the [`App`] and
//! returns [`Effect`]s, which the [`effects`] loop carries out off the key
//! path (its workers answer with actions), and the view draws from `&App`
//! alone. Nothing here but `effects` touches files or threads.
//!
//! The `App` is made of parts with one job each: the view model
//! ([`screen`]), the list's position ([`position`]), the filters
//! ([`filter`]), the marks ([`marks`]) and the rendered articles
//! ([`rendering`]). Every `impl App` is in this file.

pub mod action;
mod commands;
pub mod effects;
mod filter;
mod incoming;
pub mod keymap;
pub mod keys;
pub mod layout;
mod links;
mod marks;
mod navigate;
mod picker;
mod places;
pub mod popup;
mod position;
mod rendering;
pub mod screen;
mod search_box;
mod update;
pub mod view;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

pub use action::{Action, Effect};
pub use filter::Filters;
pub use keymap::KeyMap;
pub use layout::Arrangement;
pub use marks::Marks;
pub use position::ListPosition;
use rendering::{Lookup, Rendering};
pub use screen::{Article, Context, Pane, Popup, Screen};
pub use search_box::SearchBox;
pub use update::update;

use crate::config::Sort;
use crate::i18n::{Lang, Msg};
use crate::search::Query;
use crate::store::{Filter, Store};
use crate::theme::Theme;

/// A row of the headline list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListLine {
    /// The headline of row `i` of the list.
    Headline(usize),
    /// Under row `i`: the line of its body the search matched.
    Snippet(usize, String),
}

/// How far the background index has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IndexProgress {
    /// Posts whose bodies are in the index.
    pub indexed: usize,
    pub total: usize,
}

impl IndexProgress {
    pub fn done(&self) -> bool {
        self.indexed >= self.total
    }
}

pub struct App {
    pub store: Store,
    pub theme: Theme,
    pub keymap: Arc<KeyMap>,
    /// What is on screen and which pane has the keys.
    pub screen: Screen,
    /// A popup over the screen; it has the keys while open.
    pub popup: Option<Popup>,
    pub list: ListPosition,
    pub filters: Filters,
    pub marks: Marks,
    rendering: Rendering,
    pub index: IndexProgress,
    pub arrangement: Arrangement,
    pub size: (u16, u16),
    /// A one-off message for the status line.
    pub message: Option<String>,
    /// Problems found after loading: posts sinmun failed to index or render.
    pub later_problems: Vec<crate::problem::Problem>,
    /// Whether the mouse is captured (off: the terminal selects text).
    pub mouse: bool,
    /// How wide the terminal draws ambiguous characters: update, the view
    /// and rendering measure so.
    pub ambiguous: crate::text::AmbiguousWidth,
    /// What the user asked for; the runner settles `ambiguous` from it
    /// once it has the terminal (`auto` asks the terminal).
    pub ambiguous_setting: crate::config::AmbiguousSetting,
    /// The language of the interface.
    pub lang: Lang,
    /// The folders the posts were read from (none for the demo posts).
    pub folders: Vec<PathBuf>,
    /// Bumped whenever the posts are read again: answers about the posts
    /// before that are dropped.
    pub generation: u64,
    /// A reload is running; `true` inside: another one is wanted after it.
    reloading: Option<bool>,
    /// The user asked for the reload (`R`): its outcome is told even when
    /// nothing changed.
    reload_asked: bool,
    /// Post index by path, for the index's answers.
    by_path: HashMap<PathBuf, usize>,
    /// The post clicked last, for a second click to open it.
    last_click: Option<usize>,
    /// The articles left by following links to other posts of the blog
    /// (their files and scroll), the last left last: `back` returns to
    /// them.
    pub trail: Vec<(PathBuf, usize)>,
    /// Today's date (year, month, day) where the list says how old a
    /// post is; unset, the list shows months and days alone.
    pub today: Option<(i32, u8, u8)>,
    /// Where the articles read this session were left.
    places: places::Places,
    /// The last key paged down at the end of the article and was told that
    /// another opens the next unread post.
    end_hinted: bool,
    /// Files looked at so far, of how many, while the posts are read in
    /// the background (a start from the persistent index).
    pub reading: Option<(usize, usize)>,
    /// A search whose posts are still being decided (a slice of time at a
    /// time, between keys).
    filtering: Option<crate::store::Filtering>,
    /// How long a key may spend deciding which posts a search shows (tests
    /// make it zero: a post at a time).
    pub search_slice: std::time::Duration,
    /// The open article's post, which the search under way has not
    /// reached yet: the article stays open, and the selection returns to
    /// it once the search lists it.
    awaiting: Option<usize>,
    /// How pictures in articles are shown.
    pub pictures: crate::picture::Mode,
}

/// How long a key may spend deciding which posts a search shows; the rest
/// is decided between keys ([`App::refine`]).
const SEARCH_SLICE: std::time::Duration = std::time::Duration::from_millis(8);

impl App {
    /// A reader over `store`; `indexed` says whether the posts already carry
    /// their search text.
    pub fn new(store: Store, theme: Theme, indexed: bool) -> App {
        let total = store.posts().len();
        let mut app = App {
            marks: Marks::new(Default::default(), &store),
            store,
            theme,
            keymap: Arc::new(KeyMap::default()),
            screen: Screen::List,
            popup: None,
            list: ListPosition::default(),
            filters: Filters::default(),
            rendering: Rendering::default(),
            index: IndexProgress {
                indexed: if indexed { total } else { 0 },
                total,
            },
            arrangement: Arrangement::default(),
            size: (80, 24),
            message: None,
            later_problems: Vec::new(),
            mouse: true,
            ambiguous: crate::text::AmbiguousWidth::Narrow,
            ambiguous_setting: crate::config::AmbiguousSetting::Auto,
            lang: Lang::En,
            folders: Vec::new(),
            generation: 0,
            reloading: None,
            reload_asked: false,
            by_path: HashMap::new(),
            last_click: None,
            trail: Vec::new(),
            today: None,
            places: places::Places::default(),
            end_hinted: false,
            reading: None,
            filtering: None,
            search_slice: SEARCH_SLICE,
            awaiting: None,
            pictures: crate::picture::Mode::Off,
        };
        app.message = app.problems_note();
        app.refilter();
        app
    }

    /// The interface in `lang`.
    pub fn with_lang(mut self, lang: Lang) -> App {
        self.lang = lang;
        self.message = self.problems_note();
        self
    }

    /// "found while loading: 3 problems, 1 note", when the load found
    /// any, counted as `--check` counts them.
    fn problems_note(&self) -> Option<String> {
        let tally = crate::problem::Tally::of(self.store.problems());
        let summary = tally.say(self.lang);
        match tally.total() {
            0 => None,
            1 => Some(Msg::FoundWhileLoadingOne.fill(self.lang, &[("summary", &summary)])),
            _ => Some(Msg::FoundWhileLoading.fill(self.lang, &[("summary", &summary)])),
        }
    }

    /// Start with the marks saved by earlier runs.
    pub fn with_marks(mut self, marks: crate::marks::Marks) -> App {
        self.marks = Marks::new(marks, &self.store);
        self.refilter();
        self
    }

    /// Everything the load found wrong, and what went wrong later (a post
    /// sinmun failed to index or render).
    pub fn problems(&self) -> impl Iterator<Item = &crate::problem::Problem> {
        self.store.problems().iter().chain(&self.later_problems)
    }

    /// Start with a search query and category filter (from the command line).
    pub fn with_filter(mut self, categories: Vec<String>, query: &str) -> App {
        self.filters.categories = categories;
        self.filters.set_search(query);
        self.refilter();
        self
    }

    /// The keys from the config.
    pub fn with_keys(mut self, keymap: KeyMap) -> App {
        self.keymap = Arc::new(keymap);
        self
    }

    pub fn with_sort(mut self, sort: Sort) -> App {
        self.filters.sort = sort;
        self.refilter();
        self
    }

    pub fn query(&self) -> &Query {
        self.filters.query()
    }

    pub fn indexed(&self) -> bool {
        self.index.done()
    }

    /// The selected post's index in the store.
    pub fn selected_post(&self) -> Option<usize> {
        self.list.selected_post()
    }

    /// The post the marks and `e` act on: the open article's while it has
    /// the keys (a followed link may open a post the list's filter hides),
    /// else the selected one.
    pub fn target_post(&self) -> Option<usize> {
        match &self.screen {
            Screen::Article {
                keys: Pane::Article,
                article,
            } => Some(article.post),
            _ => self.selected_post(),
        }
    }

    /// Where keys go now: the one answer key mapping, update and the
    /// status hints use.
    pub fn context(&self) -> Context {
        match (&self.popup, self.filters.search.editing, self.screen.keys()) {
            (Some(p), ..) => p.context(),
            (None, true, _) => Context::Search,
            (None, false, Pane::List) => Context::List,
            (None, false, Pane::Article) => Context::Article,
        }
    }

    pub fn areas(&self) -> layout::Areas {
        layout::areas(
            self.size.0,
            self.size.1,
            self.screen.keys(),
            self.arrangement,
        )
    }

    /// Rows of headlines the list shows.
    pub fn list_rows(&self) -> usize {
        // One pane at a time, the list may be hidden now but is what a
        // move in it scrolls.
        usize::from(self.size.1.saturating_sub(1))
    }

    /// Rows of text the article pane shows.
    pub fn article_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(1))
    }

    /// The most rows a picture takes in the article pane: about half.
    pub fn picture_rows(&self) -> usize {
        crate::picture::max_rows_for(self.article_rows())
    }

    /// Renderings whose pictures were fitted to another height are stale.
    fn fit_pictures(&mut self) {
        if self.pictures.shows() {
            let rows = self.picture_rows();
            self.rendering.set_picture_rows(rows);
        }
    }

    /// Show pictures (in `mode`).
    pub fn with_pictures(mut self, mode: crate::picture::Mode) -> App {
        self.pictures = mode;
        self.fit_pictures();
        self
    }

    /// The article's text area inside `pane`.
    pub fn article_text(&self, pane: ratatui::layout::Rect) -> ratatui::layout::Rect {
        layout::article_text(pane, self.arrangement.text_width)
    }

    /// The width articles are rendered at: the text area of the article
    /// pane when the article has the keys.
    pub fn article_width(&self) -> usize {
        let pane = layout::areas(self.size.0, self.size.1, Pane::Article, self.arrangement).article;
        usize::from(self.article_text(pane).width).max(1)
    }

    pub fn is_read(&self, post: usize) -> bool {
        self.marks.is_read(post)
    }

    pub fn is_starred(&self, post: usize) -> bool {
        self.marks.is_starred(post)
    }

    /// Unread posts: in the list as shown, and in all.
    pub fn unread_counts(&self) -> (usize, usize) {
        (
            self.marks.unread_among(&self.list.visible),
            self.marks.unread(),
        )
    }

    /// Each category: (name, posts, unread posts).
    pub fn category_counts(&self) -> Vec<(String, usize, usize)> {
        let mut unread: HashMap<&str, usize> = HashMap::new();
        for (i, post) in self.store.posts().iter().enumerate() {
            if !self.is_read(i) {
                for c in &post.categories {
                    *unread.entry(c.as_str()).or_default() += 1;
                }
            }
        }
        self.store
            .categories()
            .iter()
            .map(|c| {
                (
                    c.name.clone(),
                    c.count,
                    unread.get(c.name.as_str()).copied().unwrap_or(0),
                )
            })
            .collect()
    }

    /// The open popup laid out on the current screen.
    pub fn popup_layout(&self) -> Option<layout::PopupLayout> {
        let popup = self.popup.as_ref()?;
        let (w, h) = self.size;
        let screen = ratatui::layout::Rect::new(0, 0, w, h.saturating_sub(1));
        layout::popup(screen, &popup::content(self, popup))
    }

    /// Recompute the list after a filter, the sort or the posts changed,
    /// keeping the selected post selected when it is still shown. An open
    /// article whose post left the list closes.
    fn refilter(&mut self) {
        self.refilter_keeping(self.selected_post());
    }

    /// [`App::refilter`], keeping `keep` (a post index) selected.
    fn refilter_keeping(&mut self, keep: Option<usize>) {
        let filter = Filter {
            categories: self.filters.categories.clone(),
            query: self.filters.query().clone(),
        };
        let mut filtering = self.store.start_filter(&filter);
        self.decide_slice(&mut filtering);
        self.show_filtered(&filtering, keep);
        self.filtering = (!filtering.done()).then_some(filtering);
    }

    /// Show the posts `filtering` found so far, keeping `keep` selected.
    fn show_filtered(&mut self, filtering: &crate::store::Filtering, keep: Option<usize>) {
        let mut visible = filtering.matched().to_vec();
        let article = self.screen.article().map(|a| a.post);
        let awaited = article.is_some() && article == self.awaiting;
        // Opened by a link apart from the selection: it joins the selection
        // once its post is listed, and stays open until then. A search typed
        // over an open article leaves it open, as it was, the same way: `Esc`
        // in the field finds it again, and a kept search that hides its post
        // leaves it apart until the selection moves.
        let held = self.linked_apart() || (self.filters.search.editing && article.is_some());
        let keep = match article {
            Some(p) if awaited || (held && visible.contains(&p)) => Some(p),
            _ => keep,
        };
        // The post just read stays until the selection leaves it.
        if self.filters.unread_only {
            visible.retain(|&i| !self.is_read(i) || Some(i) == keep);
        }
        if self.filters.starred_only {
            visible.retain(|&i| self.is_starred(i));
        }
        self.sort(&mut visible);
        let rows = self.list_rows();
        self.list.replace(visible, keep, rows);
        // The open article's post not decided yet: it waits for the search.
        // (An article held by a search typed over it is apart, not waiting:
        // once the search is kept, it stays whatever the search decides.)
        let waiting = !held
            && !filtering.done()
            && article.is_some_and(|p| keep == Some(p) && self.selected_post() != Some(p));
        self.awaiting = if waiting { article } else { None };
        if !held && !waiting {
            self.follow_selection();
        }
    }

    /// Whether a search is still being decided.
    pub fn is_refining(&self) -> bool {
        self.filtering.is_some()
    }

    /// Decide more of `filtering`, for one slice of time.
    fn decide_slice(&self, filtering: &mut crate::store::Filtering) {
        let deadline = std::time::Instant::now() + self.search_slice;
        self.store.advance(filtering, deadline);
    }

    /// Decide more of the search under way, for a slice of time.
    fn refine(&mut self) {
        let Some(mut filtering) = self.filtering.take() else {
            return;
        };
        self.decide_slice(&mut filtering);
        self.show_filtered(&filtering, self.selected_post());
        self.filtering = (!filtering.done()).then_some(filtering);
    }

    /// Order `posts` by the chosen sort (the store holds them by date).
    fn sort(&self, posts: &mut [usize]) {
        let all = self.store.posts();
        match self.filters.sort {
            Sort::Date => {}
            Sort::Title => posts.sort_by(|&a, &b| {
                all[a]
                    .title
                    .cmp(&all[b].title)
                    .then_with(|| crate::loader::post_order(&all[a], &all[b]))
            }),
            Sort::Path => posts.sort_by(|&a, &b| all[a].path.cmp(&all[b].path)),
        }
    }

    /// Whether the open article is not the selected post's: a link opened
    /// a post the list does not show. It stays open while the list
    /// changes, until the selection moves.
    pub(super) fn article_apart(&self) -> bool {
        self.screen
            .article()
            .is_some_and(|a| Some(a.post) != self.selected_post())
    }

    /// [`App::article_apart`] because a link or a search left it open, not because a
    /// search under way has yet to reach its post.
    fn linked_apart(&self) -> bool {
        self.article_apart() && self.screen.article().map(|a| a.post) != self.awaiting
    }

    /// The open article as it stands, to remember where it was left.
    fn left_place(&self) -> Option<places::Left> {
        let a = self.screen.article()?;
        Some(places::Left {
            path: self.store.posts().get(a.post)?.path.clone(),
            scroll: a.scroll,
            at_end: self.article_at_end(),
        })
    }

    /// Whether the open article shows its last line (once rendered).
    pub(super) fn article_at_end(&self) -> bool {
        self.screen.article().is_some_and(|a| {
            a.rendered
                .as_ref()
                .is_some_and(|r| a.scroll + self.article_rows() >= r.lines.len())
        })
    }

    /// Remember where `left` was left when it is no longer the open
    /// article.
    fn remember_place(&mut self, left: Option<places::Left>) {
        let Some(left) = left else { return };
        let open = self
            .screen
            .article()
            .and_then(|a| self.store.posts().get(a.post));
        if open.is_none_or(|p| p.path != left.path) {
            self.places.leave(left);
        }
    }

    /// The line the article of `post` opens at: where it was left.
    fn place_of(&self, post: usize) -> usize {
        self.store
            .posts()
            .get(post)
            .map_or(0, |p| self.places.of(&p.path))
    }

    /// The open article belongs to the selected post: when the selection
    /// moved away from it, it closes.
    fn follow_selection(&mut self) {
        if let Some(a) = self.screen.article()
            && Some(a.post) != self.selected_post()
        {
            self.screen = Screen::List;
        }
    }

    /// Show the rendered lines of the open article at the current width,
    /// asking a worker for them when they are missing.
    fn sync_article(&mut self) -> Option<Effect> {
        let key = self.render_key(self.screen.article()?.post);
        let lookup = self.rendering.lookup(key);
        let rows = self.article_rows();
        let article = self.screen.article_mut()?;
        match lookup {
            Lookup::Ready(lines) => {
                let max = lines.lines.len().saturating_sub(rows);
                article.scroll = article.scroll.min(max);
                article.rendered = Some(Arc::clone(&lines));
                article.error = None;
                (self.pictures.shows()
                    && lines.pictures_waiting()
                    && self.rendering.ask_pictures(key))
                .then(|| Effect::Pictures {
                    post: key.0,
                    width: key.1,
                    ambiguous: key.2,
                    lines: action::Shared(lines),
                })
            }
            Lookup::Failed(why) => {
                article.error = Some(why);
                None
            }
            Lookup::Pending => None,
            Lookup::Missing => {
                self.rendering.ask(key);
                Some(Effect::Render {
                    post: key.0,
                    width: key.1,
                })
            }
        }
    }

    /// While the list has the keys, render the selected article ahead so
    /// that opening it is instant.
    fn prefetch(&mut self) -> Option<Effect> {
        let key = self.render_key(self.selected_post()?);
        (self.rendering.lookup(key) == Lookup::Missing && self.rendering.ask(key)).then_some(
            Effect::Render {
                post: key.0,
                width: key.1,
            },
        )
    }

    /// Where the rendering of `post` for the article pane is kept: its
    /// width and the ambiguous-width mode are part of it.
    fn render_key(&self, post: usize) -> rendering::RenderKey {
        (post, self.article_width(), self.ambiguous)
    }

    /// The rendered lines of `post` at the article width, when ready.
    pub fn rendered(&self, post: usize) -> Option<Arc<crate::render::cache::ArticleLines>> {
        match self.rendering.lookup(self.render_key(post)) {
            Lookup::Ready(lines) => Some(lines),
            _ => None,
        }
    }

    /// The line of post `post`'s body the search matches, when it matches
    /// the body but neither the title nor the excerpt (and the article was
    /// rendered ahead).
    pub fn body_match(&self, post: usize) -> Option<String> {
        let query = self.query();
        let p = &self.store.posts()[post];
        if query.is_empty()
            || !query.highlights(&p.title).is_empty()
            || !query.highlights(&p.excerpt).is_empty()
        {
            return None;
        }
        let rendered = self.rendered(post)?;
        rendered
            .lines
            .iter()
            // Past the header (title and meta line, then a blank line).
            .skip_while(|l| !l.is_blank())
            .map(|l| l.text())
            .find(|t| !query.highlights(t).is_empty())
            .map(|t| t.trim().to_string())
    }

    /// The rows of the headline list as drawn in `rows` rows: headlines,
    /// and, with no preview beside the list, the line of the body that
    /// matched under the selected headline. Clicks map through it too.
    pub fn list_lines(&self, rows: usize) -> Vec<ListLine> {
        let selected = self.list.selected;
        let snippet = (self.areas().article.width == 0)
            .then(|| self.selected_post().and_then(|p| self.body_match(p)))
            .flatten();
        let mut top = self.list.top;
        if snippet.is_some() && rows > 1 && selected + 1 == top + rows {
            top += 1;
        }
        let mut lines = Vec::with_capacity(rows);
        for i in top..self.list.visible.len() {
            if lines.len() >= rows {
                break;
            }
            lines.push(ListLine::Headline(i));
            if i == selected
                && let Some(s) = &snippet
            {
                lines.push(ListLine::Snippet(i, s.clone()));
            }
        }
        lines.truncate(rows);
        lines
    }

    /// Whether a render was asked for and not answered.
    pub fn rendering_busy(&self) -> bool {
        self.rendering.busy()
    }

    /// Store a worker's rendering; the open article takes it if it is its.
    fn take_rendered(
        &mut self,
        key: rendering::RenderKey,
        result: Result<Arc<crate::render::cache::ArticleLines>, crate::i18n::Message>,
    ) -> Option<Effect> {
        self.rendering.answer(key, result);
        self.sync_article()
    }

    /// The picture worker's answer: the article with more pictures drawn
    /// (`done`: the last answer to this rendering's job).
    fn take_pictured(
        &mut self,
        key: rendering::RenderKey,
        lines: Arc<crate::render::cache::ArticleLines>,
        done: bool,
    ) -> Option<Effect> {
        if self.rendering.pictured(key, lines, done) {
            self.sync_article()
        } else {
            None
        }
    }
}
