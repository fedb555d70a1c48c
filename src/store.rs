//! The in-memory model: posts in order, categories with counts, and the
//! filter that the list view and `--list` show.

use rayon::prelude::*;

use crate::loader::Load;
use crate::post::Post;
use crate::problem::Problem;
use crate::search::{Query, label_key};
use crate::site::Site;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub name: String,
    /// Posts in this category (drafts counted only when shown).
    pub count: usize,
}

#[derive(Debug, Default)]
pub struct Store {
    posts: Vec<Post>,
    categories: Vec<Category>,
    problems: Vec<Problem>,
    skipped: usize,
    /// Drafts are kept (`--drafts`).
    drafts: bool,
    sites: Vec<Site>,
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
    /// The model of a load; drafts are left out unless `drafts`.
    pub fn new(load: Load, drafts: bool) -> Store {
        let problems = load.all_problems().into_iter().cloned().collect();
        let posts: Vec<Post> = load
            .posts
            .into_iter()
            .filter(|p| drafts || p.published)
            .collect();
        let categories = count_categories(&posts);
        Store {
            posts,
            categories,
            problems,
            skipped: load.skipped,
            drafts,
            sites: load.sites,
        }
    }

    /// The Jekyll site read (the first, when several were), for its title,
    /// `url` and `baseurl`.
    pub fn site(&self) -> Option<&Site> {
        self.sites.first()
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

    /// What Liquid in `post` resolves against: its site's `url`, `baseurl`
    /// and `title` when it has a site, and its own front matter.
    pub fn liquid_context(&self, post: &Post) -> crate::markdown::LiquidContext {
        match self.site_for(post) {
            Some(site) => site.liquid_context(post),
            None => crate::markdown::LiquidContext::for_post(post),
        }
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

    /// Indices of the posts that pass `filter`, in order.
    pub fn filter(&self, filter: &Filter) -> Vec<usize> {
        let wanted: Vec<String> = filter.categories.iter().map(|c| label_key(c)).collect();
        let keep = |post: &Post| {
            (wanted.is_empty()
                || post
                    .categories
                    .iter()
                    .any(|c| wanted.contains(&label_key(c))))
                && filter.query.matches(post)
        };
        if !filter.is_active() {
            return (0..self.posts.len()).collect();
        }
        (0..self.posts.len())
            .into_par_iter()
            .filter(|&i| keep(&self.posts[i]))
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
        let incoming: Vec<Post> = reloaded
            .posts
            .iter()
            .filter(|p| self.drafts || p.published)
            .cloned()
            .collect();
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
        self.problems
            .extend(incoming.iter().flat_map(|p| p.problems.iter().cloned()));
        self.problems.sort();
        self.problems.dedup();
        // Each new post goes where the order puts it: no sort of them all.
        for post in incoming {
            let at = self.posts.partition_point(|p| {
                crate::loader::post_order(p, &post) == std::cmp::Ordering::Less
            });
            self.posts.insert(at, post);
        }
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
        post.path.starts_with(root)
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
