//! What Liquid's `site.*` and `page.*` resolve to, and Jekyll's URL rules.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::post::Post;

/// What `{{ site.* }}` and `{{ page.* }}` resolve to. The default resolves
/// them all to empty text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiquidContext {
    /// The site's `url` (`https://example.com`), without `baseurl`.
    pub site_url: String,
    /// The site's `baseurl` (`/blog`), or empty.
    pub baseurl: String,
    /// Other `site.KEY` values (`title`, …).
    pub site: Vec<(String, String)>,
    /// The post's front matter, for `page.KEY`.
    pub page: Vec<(String, String)>,
    /// The keys of `page` that are lists of names (`categories`, `tags`:
    /// `page` has them joined), for a loop over one.
    pub page_lists: Vec<(String, Vec<String>)>,
    /// The titles of the site's posts, for Hexo's `post_link`.
    pub titles: PostTitles,
    /// The site's posts, for `site.posts`, `site.tags` and
    /// `site.categories` (none unless the site is Jekyll's).
    pub site_posts: super::site_posts::SitePosts,
    /// The Markdown its site's generator reads.
    pub dialect: Dialect,
    /// Where a Jekyll site's own includes are read from; `None` outside
    /// a site.
    pub includes: Option<Includes>,
    /// `:name:` becomes the emoji, as the site's generator is told to
    /// (Jekyll's `jemoji`, Hugo's `enableEmoji`).
    pub emoji: bool,
    /// A Hugo page bundle's folder, whose files (its resources) shortcodes
    /// name by pattern (Blowfish's `carousel images="img/*"`).
    pub bundle: Option<PathBuf>,
    /// Which goldmark attribute lists (`{#id .class}`) Hugo reads in the
    /// site's Markdown; none elsewhere.
    pub attributes: crate::markdown::goldmark::Attributes,
    /// `:(fas fa-link):` is an icon, not text: Hugo's LoveIt family of
    /// themes.
    pub icons: bool,
    /// Liquid's tags and outputs are text, shown as written: Hugo runs
    /// none in a page's content (its shortcodes still show).
    pub liquid_shown: bool,
}

/// The Markdown a generator reads, where it matters to a reader.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dialect {
    /// Jekyll's kramdown (with its GFM parser, Jekyll's default): a
    /// backslash escapes only the characters of its markup.
    #[default]
    Kramdown,
    /// Hugo's goldmark, Hexo's marked: a backslash escapes any ASCII
    /// punctuation.
    CommonMark,
}

/// Where a post's includes are read from: nothing outside `root`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Includes {
    /// The site's root.
    pub root: PathBuf,
    /// Its `_includes` folder, for `include`.
    pub dir: PathBuf,
    /// The post's folder, for `include_relative`.
    pub post_dir: PathBuf,
}

/// What every article of a site shares (its posts' titles, its posts):
/// made once, compared by identity rather than item by item.
pub(super) struct Shared<T: ?Sized>(Option<Arc<T>>);

impl<T: ?Sized> Shared<T> {
    pub(super) fn new(value: Arc<T>) -> Shared<T> {
        Shared(Some(value))
    }

    pub(super) fn get(&self) -> Option<&T> {
        self.0.as_deref()
    }
}

impl<T: ?Sized> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared(self.0.clone())
    }
}

impl<T: ?Sized> Default for Shared<T> {
    fn default() -> Shared<T> {
        Shared(None)
    }
}

impl<T: ?Sized> PartialEq for Shared<T> {
    fn eq(&self, other: &Shared<T>) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        }
    }
}

impl<T: ?Sized> Eq for Shared<T> {}

/// The titles of a site's posts by id, shared by every article of it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct PostTitles(Shared<Titles>);

#[derive(Default)]
struct Titles {
    by_id: HashMap<String, String>,
    /// Each title's post, by its title (the first of a title).
    id_by_title: HashMap<String, String>,
}

impl PostTitles {
    /// The titles of `posts`, by id.
    pub fn of(posts: &[Post]) -> PostTitles {
        PostTitles::from_pairs(posts.iter().map(|p| (p.id.clone(), p.title.clone())))
    }

    /// Titles from `(id, title)` pairs.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> PostTitles {
        let mut titles = Titles::default();
        for (id, title) in pairs {
            titles
                .id_by_title
                .entry(title.clone())
                .or_insert_with(|| id.clone());
            titles.by_id.insert(id, title);
        }
        PostTitles(Shared::new(Arc::new(titles)))
    }

    /// The post `name` names, as Hexo looks one up: by its id, else by its
    /// title; its id and its title.
    pub(super) fn find(&self, name: &str) -> Option<(&str, &str)> {
        let titles = self.0.get()?;
        let (id, title) = match titles.by_id.get_key_value(name) {
            Some(found) => found,
            None => titles.by_id.get_key_value(titles.id_by_title.get(name)?)?,
        };
        Some((id, title))
    }
}

impl std::fmt::Debug for PostTitles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0.get().map_or(0, |t| t.by_id.len());
        write!(f, "PostTitles({n})")
    }
}

impl LiquidContext {
    /// A context whose `page` is `post`'s front matter.
    pub fn for_post(post: &Post) -> LiquidContext {
        let mut page = vec![
            ("title".to_string(), post.title.clone()),
            ("categories".to_string(), post.categories.join(", ")),
            ("tags".to_string(), post.tags.join(", ")),
            ("excerpt".to_string(), post.excerpt.clone()),
            ("feature_text".to_string(), post.feature_text.clone()),
            ("image".to_string(), post.image.clone()),
            ("layout".to_string(), post.layout.clone()),
            ("id".to_string(), post.id.clone()),
        ];
        if let Some(d) = post.date {
            page.push(("date".to_string(), d.liquid_string()));
        }
        page.extend(post.extra.iter().cloned());
        let page_lists = vec![
            ("categories".to_string(), post.categories.clone()),
            ("tags".to_string(), post.tags.clone()),
        ];
        LiquidContext {
            page,
            page_lists,
            ..LiquidContext::default()
        }
    }

    pub(super) fn site_value(&self, key: &str) -> Option<&str> {
        match key {
            "url" => Some(&self.site_url),
            "baseurl" => Some(&self.baseurl),
            _ => lookup(&self.site, key),
        }
    }

    /// `path` under the site's `baseurl`, as Jekyll's `relative_url` makes it.
    pub(super) fn relative_url(&self, path: &str) -> String {
        if is_absolute_url(path) {
            return path.to_string();
        }
        let base = self.baseurl.trim().trim_end_matches('/');
        let base = match base {
            "" => String::new(),
            b if b.starts_with('/') => b.to_string(),
            b => format!("/{b}"),
        };
        if path.starts_with('/') {
            format!("{base}{path}")
        } else {
            format!("{base}/{path}")
        }
    }

    pub(super) fn absolute_url(&self, path: &str) -> String {
        if is_absolute_url(path) {
            return path.to_string();
        }
        format!(
            "{}{}",
            self.site_url.trim().trim_end_matches('/'),
            self.relative_url(path)
        )
    }
}

pub(super) fn lookup<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn is_absolute_url(s: &str) -> bool {
    s.starts_with("//")
        || s.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}
