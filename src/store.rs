//! The in-memory model: posts in order, categories with counts, and the
//! filter that the list view and `--list` show.

use rayon::prelude::*;

use crate::loader::Load;
use crate::markdown::PostTitles;
use crate::post::Post;
use crate::problem::Problem;
use crate::search::{Query, label_key};
use crate::site::Site;

mod arrivals;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub name: String,
    /// Posts in this category (drafts counted only when shown).
    pub count: usize,
}

#[derive(Debug)]
pub struct Store {
    posts: Vec<Post>,
    categories: Vec<Category>,
    problems: Vec<Problem>,
    skipped: usize,
    /// Drafts, and posts waiting for their dates, are shown (`--drafts`,
    /// `D`).
    drafts: bool,
    /// The drafts and waiting posts read and not shown, kept for `D`.
    hidden: Vec<Post>,
    sites: Vec<Site>,
    /// Searches bodies through the persistent index, when the posts came
    /// through one.
    searcher: Option<crate::index::Searcher>,
    /// The order other than by date the posts were put in, if any.
    order: Option<crate::config::Sort>,
    /// The posts' titles by id, made when a Hexo post first links to
    /// another; made again after the posts change.
    titles: std::sync::OnceLock<crate::markdown::PostTitles>,
    /// Each Jekyll site's posts for its Liquid (`site.posts`), by the
    /// site's place in `sites`; made when an article first needs them.
    site_posts: std::sync::OnceLock<Vec<crate::markdown::SitePosts>>,
    /// What tells the time: which posts wait for their dates.
    clock: crate::schedule::Clock,
    /// The problems of the tags naming other files, as last found (among
    /// `problems`): found again when the posts change.
    linked: Vec<Problem>,
}

/// A search under way: the posts it looks at, how many it decided, those
/// that matched. Posts whose stored text must be read are decided a slice
/// of time at a time ([`Store::advance`]), so that no keystroke waits for
/// them.
#[derive(Debug, Clone)]
pub struct Filtering {
    within: Vec<usize>,
    checked: usize,
    matched: Vec<usize>,
    prepared: Option<crate::index::Prepared>,
    query: Query,
}

impl Filtering {
    /// The posts found so far (all of them once [`Filtering::done`]).
    pub fn matched(&self) -> &[usize] {
        &self.matched
    }

    pub fn done(&self) -> bool {
        self.checked >= self.within.len()
    }

    /// Posts decided, and posts to decide.
    pub fn progress(&self) -> (usize, usize) {
        (self.checked, self.within.len())
    }
}

/// Which posts to show: any of `categories` (all when empty), matching
/// `query`.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub categories: Vec<String>,
    pub query: Query,
}

impl Filter {
    pub fn is_active(&self) -> bool {
        !self.categories.is_empty() || !self.query.is_empty()
    }
}

impl Store {
    /// The model of a load; drafts, and posts waiting for their dates,
    /// are left out unless `drafts`.
    pub fn new(load: Load, drafts: bool) -> Store {
        Store::with_clock(load, drafts, std::time::SystemTime::now)
    }

    /// [`Store::new`], telling the time by `clock` (a test's day).
    pub fn with_clock(load: Load, drafts: bool, clock: fn() -> std::time::SystemTime) -> Store {
        let linked = load.reference_problems();
        let mut problems: Vec<Problem> = load.file_problems().into_iter().cloned().collect();
        problems.extend(linked.iter().cloned());
        problems.sort();
        let mut store = Store {
            posts: Vec::new(),
            categories: Vec::new(),
            problems,
            skipped: load.skipped,
            drafts,
            hidden: Vec::new(),
            sites: load.sites,
            searcher: None,
            order: None,
            titles: std::sync::OnceLock::new(),
            site_posts: std::sync::OnceLock::new(),
            clock,
            linked,
        };
        (store.posts, store.hidden) = store.admit(load.posts);
        store.categories = count_categories(&store.posts);
        store
    }

    /// Put the posts in `order` (and keep them in it as posts arrive).
    pub fn set_order(&mut self, order: crate::config::Sort) {
        self.order = Some(order);
        self.apply_order();
    }

    fn apply_order(&mut self) {
        use crate::config::Sort;
        match self.order {
            None | Some(Sort::Date) => {}
            Some(Sort::Title) => self.posts.sort_by(|a, b| a.title.cmp(&b.title)),
            Some(Sort::Path) => self.posts.sort_by(|a, b| a.path.cmp(&b.path)),
        }
    }

    /// Add posts read in the background, after those there are (drafts
    /// left out unless kept), each batch in the posts' order: a folder
    /// read in one batch is listed in order at once. The order of them
    /// all comes with [`Store::replace`].
    pub fn extend(&mut self, posts: Vec<Post>) {
        let (mut shown, hidden) = self.admit(posts);
        shown.sort_by(crate::loader::post_order);
        self.posts.extend(shown);
        self.hidden.extend(hidden);
        self.categories = count_categories(&self.posts);
    }

    /// The files of every post, drafts not shown included: those a reload
    /// knows as read.
    pub fn files(&self) -> Vec<std::path::PathBuf> {
        self.posts
            .iter()
            .chain(&self.hidden)
            .map(|p| p.path.clone())
            .collect()
    }

    /// The draft, or the post waiting for its date, read from `path`
    /// and not shown.
    pub fn hidden_post(&self, path: &std::path::Path) -> Option<&Post> {
        self.hidden.iter().find(|p| p.path == path)
    }

    /// Whether drafts are shown.
    pub fn drafts_shown(&self) -> bool {
        self.drafts
    }

    /// Show or hide the drafts (and the posts waiting for their dates)
    /// among the posts; returns how many there are.
    pub fn show_drafts(&mut self, on: bool) -> usize {
        let drafts = self
            .posts
            .iter()
            .chain(&self.hidden)
            .filter(|p| p.is_hidden())
            .count();
        if drafts == 0 {
            // Nothing to show: drafts written later stay as they were.
            return 0;
        }
        self.drafts = on;
        if on {
            let hidden = std::mem::take(&mut self.hidden);
            self.posts.extend(hidden);
            self.posts.sort_by(crate::loader::post_order);
            self.apply_order();
        } else {
            let (shown, hidden) = std::mem::take(&mut self.posts)
                .into_iter()
                .partition(|p| !p.is_hidden());
            (self.posts, self.hidden) = (shown, hidden);
        }
        self.categories = count_categories(&self.posts);
        self.titles = std::sync::OnceLock::new();
        self.site_posts = std::sync::OnceLock::new();
        drafts
    }

    /// Take the posts of a complete load in place of those there are,
    /// keeping the searcher and the order.
    pub fn replace(&mut self, load: Load) {
        let mut next = Store::with_clock(load, self.drafts, self.clock);
        next.searcher = self.searcher.take();
        next.order = self.order;
        next.apply_order();
        *self = next;
    }

    /// The index of the post read from `path`.
    pub fn position_of(&self, path: &std::path::Path) -> Option<usize> {
        self.posts.iter().position(|p| p.path == path)
    }

    /// Search through `searcher` (the index the posts were loaded through).
    pub fn set_searcher(&mut self, searcher: crate::index::Searcher) {
        self.searcher = Some(searcher);
    }

    pub fn searcher(&self) -> Option<&crate::index::Searcher> {
        self.searcher.as_ref()
    }

    /// Whether `post`'s body is searchable: by its own search text, or in
    /// the persistent index (a reload reads changed posts into memory; the
    /// others stay in the index).
    pub fn body_searchable(&self, post: &Post) -> bool {
        post.search.as_ref().is_some_and(|s| !s.is_partial())
            || post
                .doc
                .zip(self.searcher.as_ref())
                .is_some_and(|(doc, s)| s.has_body(doc))
    }

    pub fn searcher_mut(&mut self) -> Option<&mut crate::index::Searcher> {
        self.searcher.as_mut()
    }

    /// The Jekyll site read (the first, when several were), for its title,
    /// `url` and `baseurl`.
    pub fn site(&self) -> Option<&Site> {
        self.sites.first()
    }

    /// Every site read.
    pub fn sites(&self) -> &[Site] {
        &self.sites
    }

    /// The site's `title`, when a site with one was read: the reader's
    /// status line names it.
    pub fn site_title(&self) -> Option<&str> {
        self.site()
            .map(|s| s.title.as_str())
            .filter(|t| !t.is_empty())
    }

    /// The site `post` belongs to: its `url` and `baseurl` resolve the
    /// post's Liquid URLs and `resolve_asset` its `/assets/…` images.
    pub fn site_for(&self, post: &Post) -> Option<&Site> {
        site_of(&self.sites, post)
    }

    /// The post's page on the web, readable (see
    /// [`crate::permalink::page_address`]).
    pub fn page_address(&self, post: &Post) -> Option<String> {
        crate::permalink::page_address(post, self.site_for(post))
    }

    /// What Liquid in `post` resolves against: its site's `url`, `baseurl`
    /// and `title` when it has a site, and its own front matter.
    pub fn liquid_context(&self, post: &Post) -> crate::markdown::LiquidContext {
        let site = self.site_for(post);
        let mut context = crate::site::liquid_context_in(site, post);
        if site.is_some_and(Site::needs_post_titles) {
            let titles = self.titles.get_or_init(|| PostTitles::of(&self.posts));
            context.titles = titles.clone();
        }
        if let Some(site) = site.filter(|s| s.engine == crate::site::Engine::Jekyll) {
            let all = self
                .site_posts
                .get_or_init(|| crate::site::posts_of_sites(&self.sites, &self.posts, self.drafts));
            let place = self.sites.iter().position(|s| std::ptr::eq(s, site));
            if let Some(posts) = place.and_then(|i| all.get(i)) {
                context.site_posts = posts.clone();
            }
        }
        context
    }

    pub fn posts(&self) -> &[Post] {
        &self.posts
    }

    /// Categories by name, each with its number of posts.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// Everything the loader reported, sorted by path and line.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Files skipped for not being posts.
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// Indices of the posts that pass `filter`, in order. When the index
    /// fails, posts are matched on what they hold (front matter, unless
    /// their search text was loaded).
    pub fn filter(&self, filter: &Filter) -> Vec<usize> {
        self.filter_checked(filter)
            .unwrap_or_else(|_| self.filter_linear(filter))
    }

    /// [`Store::filter`], or why the index could not answer.
    pub fn filter_checked(&self, filter: &Filter) -> Result<Vec<usize>, crate::index::IndexError> {
        match &self.searcher {
            Some(searcher) if !filter.query.is_empty() => {
                let within = self.filter_categories(&filter.categories);
                searcher.filter(&filter.query, &self.posts, &within)
            }
            _ => Ok(self.filter_linear(filter)),
        }
    }

    /// Start searching for the posts that pass `filter`; nothing is decided
    /// yet ([`Store::advance`]).
    pub fn start_filter(&self, filter: &Filter) -> Filtering {
        let within = self.filter_categories(&filter.categories);
        let mut filtering = Filtering {
            checked: 0,
            matched: Vec::new(),
            prepared: None,
            query: filter.query.clone(),
            within,
        };
        match &self.searcher {
            Some(searcher) if !filter.query.is_empty() => {
                filtering.prepared = searcher.prepare(&filter.query).ok();
            }
            _ => {}
        }
        filtering
    }

    /// Decide more of `filtering`, until `deadline`. Without the index (or
    /// when it fails) posts are matched on what they hold, all at once.
    pub fn advance(&self, filtering: &mut Filtering, deadline: std::time::Instant) {
        if filtering.done() {
            return;
        }
        let rest = &filtering.within[filtering.checked..];
        let decided = match (&self.searcher, &filtering.prepared) {
            (Some(searcher), Some(prepared)) => searcher
                .decide(prepared, &self.posts, rest, Some(deadline))
                .ok(),
            _ => None,
        };
        match decided {
            Some(partial) => {
                filtering.checked += partial.checked;
                filtering.matched.extend(partial.matched);
            }
            None => {
                let query = &filtering.query;
                let posts = &self.posts;
                let found: Vec<usize> = rest
                    .par_iter()
                    .copied()
                    .filter(|&i| query.is_empty() || query.matches(&posts[i]))
                    .collect();
                filtering.matched.extend(found);
                filtering.checked = filtering.within.len();
            }
        }
    }

    /// The posts in any of `categories` (all when empty).
    pub fn filter_categories(&self, categories: &[String]) -> Vec<usize> {
        let wanted: Vec<String> = categories.iter().map(|c| label_key(c)).collect();
        if wanted.is_empty() {
            return (0..self.posts.len()).collect();
        }
        let posts = &self.posts;
        (0..posts.len())
            .into_par_iter()
            .filter(|&i| {
                posts[i]
                    .categories
                    .iter()
                    .any(|c| wanted.contains(&label_key(c)))
            })
            .collect()
    }

    fn filter_linear(&self, filter: &Filter) -> Vec<usize> {
        let within = self.filter_categories(&filter.categories);
        if filter.query.is_empty() {
            return within;
        }
        let posts = &self.posts;
        within
            .into_par_iter()
            .filter(|&i| filter.query.matches(&posts[i]))
            .collect()
    }

    /// Order the posts by `cmp` (stable: ties keep the date order).
    pub fn sort_by(&mut self, cmp: impl FnMut(&Post, &Post) -> std::cmp::Ordering) {
        self.posts.sort_by(cmp);
    }

    /// Give each post its search text (built in the background), in order.
    pub fn set_search_texts(&mut self, texts: Vec<crate::search::SearchText>) {
        for (post, text) in self.posts.iter_mut().zip(texts) {
            post.search = Some(text);
        }
    }

    /// Give post `i` its search text (from the background index).
    pub fn set_search_text(&mut self, i: usize, text: crate::search::SearchText) {
        if let Some(post) = self.posts.get_mut(i) {
            post.search = Some(text);
        }
    }

    /// Take in what a reload read: the posts and problems of the files read
    /// again replace theirs, removed files' posts go; order and category
    /// counts follow.
    pub fn merge(&mut self, reloaded: &crate::reload::Reloaded) -> crate::reload::Change {
        use std::collections::HashSet;
        use std::ffi::OsStr;
        self.titles = std::sync::OnceLock::new();
        self.site_posts = std::sync::OnceLock::new();
        // Keyed by the paths' bytes: hashing a `Path` walks its components.
        let gone: HashSet<&OsStr> = reloaded
            .reread
            .iter()
            .chain(&reloaded.removed)
            .map(|p| p.as_os_str())
            .collect();
        let old: HashSet<&OsStr> = self
            .posts
            .iter()
            .map(|p| p.path.as_os_str())
            .filter(|p| gone.contains(p))
            .collect();
        let (incoming, hidden) = self.admit(reloaded.posts.clone());
        self.hidden.retain(|p| !gone.contains(p.path.as_os_str()));
        self.hidden.extend(hidden);
        let changed = incoming
            .iter()
            .filter(|p| old.contains(p.path.as_os_str()))
            .count();
        let change = crate::reload::Change {
            added: incoming.len() - changed,
            changed,
            removed: old.len() - changed,
            reread: reloaded.reread.clone(),
        };
        self.posts.retain(|p| !gone.contains(p.path.as_os_str()));
        self.problems.retain(|p| !gone.contains(p.path.as_os_str()));
        self.problems.extend(reloaded.problems.iter().cloned());
        // Drafts not shown keep their problems, as at the first load.
        self.problems.extend(
            reloaded
                .posts
                .iter()
                .flat_map(|p| p.problems.iter().cloned()),
        );
        self.problems.sort();
        self.problems.dedup();
        for post in incoming {
            self.insert(post);
        }
        // A reader left open past a post's date shows it at the next reload.
        if !self.drafts {
            self.release_due();
        }
        self.check_references();
        self.categories = count_categories(&self.posts);
        if let Some(skipped) = reloaded.skipped {
            self.skipped = skipped;
        }
        change
    }

    /// A post by id, or by the path it was read from.
    pub fn find(&self, id_or_path: &str) -> Option<&Post> {
        let wanted = crate::text::one_line(id_or_path);
        self.posts.iter().find(|p| p.id == wanted).or_else(|| {
            let as_path = std::path::Path::new(id_or_path);
            let canonical = std::fs::canonicalize(as_path).ok();
            self.posts.iter().find(|p| {
                p.path == as_path
                    || (canonical.is_some() && std::fs::canonicalize(&p.path).ok() == canonical)
            })
        })
    }
}

/// The site among `sites` that holds `post`.
pub fn site_of<'a>(sites: &'a [Site], post: &Post) -> Option<&'a Site> {
    let canonical = |p: &std::path::Path| std::fs::canonicalize(p).ok();
    sites.iter().find(|s| {
        // Posts read from `.` have paths without the `./`; a file named
        // on its own may be named from inside the site.
        let root = s.root.strip_prefix(".").unwrap_or(&s.root);
        // A site read as `.` holds the paths named from it, not every one.
        let named = match root.as_os_str().is_empty() {
            true => post.path.is_relative(),
            false => post.path.starts_with(root),
        };
        named
            || canonical(&post.path)
                .zip(canonical(&s.root))
                .is_some_and(|(p, r)| p.starts_with(r))
    })
}

fn count_categories(posts: &[Post]) -> Vec<Category> {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for post in posts {
        for c in &post.categories {
            *counts.entry(c.as_str()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|(name, count)| Category {
            name: name.to_string(),
            count,
        })
        .collect()
}
