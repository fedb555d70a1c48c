//! A site: a Jekyll site (the folder that holds `_config.yml` beside its
//! `_posts`), a Hugo site (`hugo.toml`, `config.toml` or a `config/`
//! folder beside `content/`) or a Hexo site (`_config.yml` beside
//! `source/_posts`). Its `title` names the site in the reader, `url` and
//! `baseurl` resolve Liquid URLs, Jekyll's `exclude` keeps folders out of
//! the walk as Jekyll keeps them out of the build, and root-relative
//! addresses (`/assets/x.png`) resolve to files under it (under `static/`
//! for Hugo, which publishes that folder at the root).

use std::path::{Component, Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde_yaml::Value;

use crate::frontmatter::{self, Syntax};
use crate::markdown::{Dialect, Includes, LiquidContext};
use crate::post::{Post, yaml_text};
use crate::problem::Problem;
use crate::text::one_line;

mod hexo;
mod hugo;
mod posts;

pub(crate) use posts::{posts_of_site, posts_of_sites};

pub(crate) use hugo::Languages;

#[cfg(test)]
pub(crate) use hexo::test_site;

/// The file that makes a folder a Jekyll site.
pub(crate) const CONFIG_FILE: &str = "_config.yml";
/// A `_config.yml` larger than this is reported and not read.
const MAX_CONFIG: u64 = 1024 * 1024;
/// What Jekyll leaves out of every site, beside what `exclude` names.
const DEFAULT_EXCLUDES: &[&str] = &["node_modules", "vendor", "gemfiles", ".jekyll-cache"];

/// Whether `dir` is the root of a site: a Jekyll `_config.yml`, or a Hugo
/// configuration (a file or a `config` folder) beside a `content` folder.
pub(crate) fn is_site_root(dir: &Path) -> bool {
    dir.join(CONFIG_FILE).is_file() || hugo::is_root(dir)
}

/// What builds a site, which decides how its folders are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Engine {
    /// Posts in `_posts` folders, dated by their file names; the folders
    /// above `_posts` are categories.
    #[default]
    Jekyll,
    /// Every page under `content/` is a post.
    Hugo,
    /// Posts in `source/_posts`, named as their authors like, dated by
    /// their front matter (else their files); categories from the front
    /// matter alone.
    Hexo,
}

impl Engine {
    /// The Markdown the engine reads.
    pub fn dialect(self) -> Dialect {
        match self {
            Engine::Jekyll => Dialect::Kramdown,
            Engine::Hugo | Engine::Hexo => Dialect::CommonMark,
        }
    }
}

/// A site's root and what its configuration says.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// The folder holding `_config.yml` (or Hugo's configuration).
    pub root: PathBuf,
    pub engine: Engine,
    /// The folder holding the posts and published at the site's root:
    /// Hugo's `content`, Hexo's `source`.
    pub content: Option<PathBuf>,
    /// With Hexo's `post_asset_folder`, the extension of its posts
    /// (`new_post_name`'s, `md`): other files in `_posts` are the posts'
    /// pictures and attachments.
    pub post_extension: Option<String>,
    /// `title`, for the reader's status line ("" when not set).
    pub title: String,
    /// `url` (`https://example.com`), for Liquid's `absolute_url`.
    pub url: String,
    /// `baseurl` (`/blog`), for Liquid's `relative_url`.
    pub baseurl: String,
    /// The `permalink` patterns: Jekyll's and Hexo's under "", Hugo's by
    /// section (in lower case, as Hugo compares them).
    permalinks: Vec<(String, String)>,
    /// Whether posts dated in the future are published: Jekyll's
    /// `future`, Hugo's `buildFuture` (both off unless set), Hexo's
    /// `future` (on unless set).
    pub future: bool,
    /// Jekyll's `includes_dir` (`_includes` unless set), under the root.
    pub includes_dir: PathBuf,
    /// Hugo's languages: where each one's pages are published.
    pub(crate) languages: Languages,
    /// `:name:` in Markdown becomes the emoji (Jekyll's `jemoji` plugin,
    /// Hugo's `enableEmoji`).
    pub emoji: bool,
    /// Which goldmark attribute lists (`{#id .class}`) Hugo reads in the
    /// site's Markdown (none elsewhere).
    pub attributes: crate::markdown::goldmark::Attributes,
    /// `:(fas fa-link):` is an icon (Hugo's LoveIt family of themes).
    pub icons: bool,
    /// A theme is named (`theme`, `remote_theme`): includes the site
    /// lacks may be the theme's.
    pub theme: bool,
    /// The site was read from its root, every post of it: a `post_url`
    /// naming none of them names no post.
    pub whole: bool,
    /// `exclude`, and Jekyll's own exclusions, as written (leading `/`
    /// removed).
    exclude: Vec<String>,
    exclude_globs: GlobSet,
}

impl Site {
    /// The Jekyll site `root` is when it holds a `_config.yml`, with the
    /// problems of reading it; `None` when it holds none.
    pub fn at(root: &Path) -> Option<(Site, Vec<Problem>)> {
        let (parsed, mut problems) = read_config(&root.join(CONFIG_FILE), Syntax::Yaml)?;
        let mut site = Site::with_root(root);
        site.title = text_of(&parsed.map, "title");
        site.url = text_of(&parsed.map, "url");
        site.baseurl = text_of(&parsed.map, "baseurl");
        let permalink = match text_of(&parsed.map, "permalink") {
            own if own.is_empty() => posts_default(&parsed.map, "permalink"),
            own => own,
        };
        site.permalinks = vec![(String::new(), permalink)];
        site.future = flag(&parsed.map, "future").unwrap_or(false);
        site.theme = ["theme", "remote_theme"]
            .iter()
            .any(|k| !text_of(&parsed.map, k).is_empty());
        // `plugins:`, or `gems:` as Jekyll 2 named them.
        site.emoji = ["plugins", "gems"]
            .iter()
            .any(|k| match parsed.map.get(*k) {
                Some(Value::Sequence(names)) => names.iter().any(|n| n.as_str() == Some("jemoji")),
                _ => false,
            });
        if let Some(dir) = Some(text_of(&parsed.map, "includes_dir")).filter(|d| is_below(d)) {
            site.includes_dir = root.join(dir);
        }
        if let Some(Value::Sequence(items)) = parsed.map.get("exclude") {
            let written = items.iter().filter_map(Value::as_str);
            site.set_exclude(written.map(str::to_string).collect());
        }
        problems.extend(parsed.problems);
        Some((site, problems))
    }

    /// The site of a folder given to read: the folder itself, or, for a
    /// Jekyll `_posts` folder or a Hugo `content` folder, the folder it is
    /// in, or else the nearest site root above it (a folder inside
    /// `_posts`, `content/posts`), as for a file.
    pub fn of_folder(folder: &Path) -> Option<(Site, Vec<Problem>)> {
        Site::any_at(folder)
            .or_else(|| {
                let parent = match folder.parent()? {
                    p if p.as_os_str().is_empty() => Path::new("."),
                    p => p,
                };
                match folder.file_name()?.to_str()? {
                    "_posts" => Site::at(parent),
                    "content" => Site::hugo_at(parent),
                    _ => None,
                }
            })
            .or_else(|| Site::of_file(folder))
    }

    /// The site of a folder or a file given to read, as the walk finds it.
    pub fn of_path(path: &Path) -> Option<(Site, Vec<Problem>)> {
        if path.is_dir() {
            Site::of_folder(path)
        } else {
            Site::of_file(path)
        }
    }

    /// The site a single file belongs to: the nearest folder above it that
    /// is a site's root.
    pub fn of_file(file: &Path) -> Option<(Site, Vec<Problem>)> {
        let file = std::fs::canonicalize(file).ok()?;
        let dir = file.ancestors().skip(1).find(|dir| is_site_root(dir))?;
        Site::any_at(dir)
    }

    /// The site `dir` is the root of, whichever builds it (Hexo's is told
    /// first: it shares Jekyll's configuration file).
    fn any_at(dir: &Path) -> Option<(Site, Vec<Problem>)> {
        Site::hexo_at(dir)
            .or_else(|| Site::at(dir))
            .or_else(|| Site::hugo_at(dir))
    }

    /// Whether its posts' Liquid needs the titles of the other posts
    /// (Hexo's `post_link` shows the title of the post it links to).
    pub fn needs_post_titles(&self) -> bool {
        self.engine == Engine::Hexo
    }

    /// What Liquid in `post` resolves against: the site's `url`,
    /// `baseurl` and `title`, the post's own front matter, and a Jekyll
    /// site's includes.
    pub fn liquid_context(&self, post: &Post) -> LiquidContext {
        let mut own = LiquidContext::for_post(post);
        // Jekyll's `page.url`: where the post is on the site, from its
        // root, which a series list compares its posts' with.
        if self.engine == Engine::Jekyll
            && let Some(path) = crate::permalink::site_path(post, self)
        {
            own.page.push(("url".to_string(), path));
        }
        LiquidContext {
            site_url: self.url.clone(),
            baseurl: self.baseurl.clone(),
            site: vec![("title".to_string(), self.title.clone())],
            dialect: self.engine.dialect(),
            includes: (self.engine == Engine::Jekyll).then(|| self.includes_for(post)),
            emoji: self.emoji,
            attributes: self.attributes,
            icons: self.icons,
            liquid_shown: self.engine == Engine::Hugo,
            bundle: (self.engine == Engine::Hugo)
                .then(|| crate::markdown::liquid::bundle_of(&post.path))
                .flatten(),
            ..own
        }
    }

    /// Every `permalink` pattern, by section (`page.url`, which a
    /// post's Liquid may write, follows them).
    pub(crate) fn permalink_patterns(&self) -> &[(String, String)] {
        &self.permalinks
    }

    /// The `permalink` pattern for posts of `section` ("" for Jekyll's and
    /// Hexo's one, its case ignored for Hugo's); "" when the configuration
    /// sets none.
    pub fn permalink(&self, section: &str) -> String {
        let lower = section.to_lowercase();
        self.permalinks
            .iter()
            .find(|(s, _)| *s == lower)
            .map(|(_, p)| p.clone())
            .unwrap_or_default()
    }

    /// Where `post`'s includes are: the site's `_includes`, and the post's
    /// folder for `include_relative`.
    pub fn includes_for(&self, post: &Post) -> Includes {
        Includes {
            root: self.root.clone(),
            dir: self.includes_dir.clone(),
            // A post named from its own folder (`sinmun .` in `_posts`)
            // has an empty parent: that folder.
            post_dir: match post.path.parent() {
                Some(p) if p.as_os_str().is_empty() => PathBuf::from("."),
                Some(p) => p.to_path_buf(),
                None => self.root.clone(),
            },
        }
    }

    fn with_root(root: &Path) -> Site {
        let mut site = Site {
            root: root.to_path_buf(),
            includes_dir: root.join("_includes"),
            ..Site::default()
        };
        site.set_exclude(Vec::new());
        site
    }

    fn set_exclude(&mut self, written: Vec<String>) {
        let mut exclude: Vec<String> = written
            .iter()
            .map(|p| {
                p.trim()
                    .trim_start_matches('/')
                    .trim_end_matches('/')
                    .to_string()
            })
            .filter(|p| !p.is_empty())
            .collect();
        exclude.extend(DEFAULT_EXCLUDES.iter().map(|p| p.to_string()));
        let mut globs = GlobSetBuilder::new();
        for pattern in exclude.iter().filter(|p| p.contains(['*', '?', '['])) {
            // As Ruby's fnmatch without flags: `*` crosses `/`.
            if let Ok(glob) = Glob::new(pattern) {
                globs.add(glob);
            }
        }
        self.exclude_globs = globs.build().unwrap_or_else(|_| GlobSet::empty());
        self.exclude = exclude;
    }

    /// Whether `rel` (a path relative to the root, `/`-separated) is
    /// excluded: it is, or is under, an `exclude` entry, or matches one
    /// of its patterns.
    pub fn excludes(&self, rel: &str) -> bool {
        self.exclude.iter().any(|p| {
            rel == p
                || rel
                    .strip_prefix(p.as_str())
                    .is_some_and(|r| r.starts_with('/'))
        }) || self.exclude_globs.is_match(rel)
    }

    /// The folders published at the site's root: the root itself for
    /// Jekyll; `static`, then `content` (whose pictures Hugo publishes
    /// beside the pages) for Hugo; `source` for Hexo.
    fn asset_roots(&self) -> Vec<PathBuf> {
        match (&self.content, self.engine) {
            (Some(content), Engine::Hugo) => vec![self.root.join("static"), content.clone()],
            (Some(content), _) => vec![content.clone()],
            (None, _) => vec![self.root.clone()],
        }
    }

    /// The file under the site's root that a root-relative address such as
    /// `/assets/img/x.png` (with or without the `baseurl`, or as an
    /// absolute URL of the site's own `url`) names, when it exists. Query
    /// and fragment are ignored and `%` escapes decoded; an address with a
    /// `..` component, or that leads outside the root through a symlink,
    /// names nothing.
    pub fn resolve_asset(&self, address: &str) -> Option<PathBuf> {
        let address = path_on_site(address, &self.url, &self.baseurl)?;
        if !address.starts_with('/') {
            return None;
        }
        let decoded = percent_encoding::percent_decode_str(address)
            .decode_utf8()
            .ok()?;
        self.asset_roots()
            .iter()
            .find_map(|root| file_under(root, &decoded))
    }
}

/// What Liquid in `post` resolves against: `site`'s context when it
/// belongs to one (see [`Site::liquid_context`]), else its front matter's.
pub(crate) fn liquid_context_in(site: Option<&Site>, post: &Post) -> LiquidContext {
    site.map_or_else(|| LiquidContext::for_post(post), |s| s.liquid_context(post))
}

/// Whether `dir`, a folder a configuration names, is below the root:
/// nothing above it (`..`) or absolute is followed out of the site.
fn is_below(dir: &str) -> bool {
    !dir.is_empty()
        && Path::new(dir)
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// A site's full address (`https://x.kr/blog/`) as its `url`
/// (`https://x.kr`) and `baseurl` (`/blog`).
fn split_base_url(base: &str) -> (String, String) {
    let host_end = base
        .find("://")
        .map(|i| base[i + 3..].find('/').map_or(base.len(), |j| i + 3 + j));
    match host_end {
        Some(end) => (
            base[..end].to_string(),
            base[end..].trim_end_matches('/').to_string(),
        ),
        None => (String::new(), base.trim_end_matches('/').to_string()),
    }
}

/// The path on a site with `url` and `baseurl` that `address` names, `%`
/// escapes left as written: query and fragment left out, the site's own
/// URL and base taken off (`https://x.kr/blog/a/` → `/a/`), a relative
/// address as it is. `None` for another site's address or another scheme's
/// (`mailto:`).
pub(crate) fn path_on_site<'a>(address: &'a str, url: &str, baseurl: &str) -> Option<&'a str> {
    let address = address.trim().split(['?', '#']).next().unwrap_or("");
    let url = url.trim_end_matches('/');
    let address = match address.strip_prefix(url) {
        Some(rest) if !url.is_empty() && rest.starts_with('/') => rest,
        _ => address,
    };
    let scheme = address.split('/').next().is_some_and(|s| s.contains(':'));
    if address.starts_with("//") || scheme {
        return None;
    }
    let base = baseurl.trim().trim_end_matches('/');
    let base = format!("/{}", base.trim_start_matches('/'));
    Some(match address.strip_prefix(base.as_str()) {
        Some(rest) if base != "/" && rest.starts_with('/') => rest,
        _ => address,
    })
}

/// `path` below `dir`, either named from `.` or not: the walk names the
/// files of `sinmun .` without the `./` that a site's folders keep.
pub(crate) fn below<'p>(path: &'p Path, dir: &Path) -> Option<&'p Path> {
    let plain = |p: &'p Path| p.strip_prefix(".").unwrap_or(p);
    plain(path)
        .strip_prefix(dir.strip_prefix(".").unwrap_or(dir))
        .ok()
}

/// The file at the `/`-separated `rel` under `root`, when it is one and
/// stays under it (no `..`, no symlink out).
pub(crate) fn file_under(root: &Path, rel: &str) -> Option<PathBuf> {
    let mut path = root.to_path_buf();
    for part in rel.split('/') {
        let component = Path::new(part).components().next();
        match component {
            None | Some(Component::CurDir) => {}
            Some(Component::Normal(name)) if name == part => path.push(name),
            _ => return None,
        }
    }
    let root = std::fs::canonicalize(root).ok()?;
    let file = std::fs::canonicalize(&path).ok()?;
    (file.starts_with(&root) && file.is_file()).then_some(file)
}

/// A configuration file, parsed with the front matter's limits, and the
/// problems of reading it (each at its line); `None` when it is missing.
fn read_config(path: &Path, syntax: Syntax) -> Option<(ConfigRead, Vec<Problem>)> {
    let bytes = match crate::fsread::read_regular(path, MAX_CONFIG) {
        Ok(bytes) => bytes,
        Err(e) if e.is_not_found() => return None,
        Err(e) => {
            let problem = Problem::new(path, 1, e.message());
            return Some((ConfigRead::default(), vec![problem]));
        }
    };
    let mut problems = Vec::new();
    let text = match crate::decode::decode(&bytes) {
        Ok(d) => {
            problems.extend(d.notes.into_iter().map(|(l, m)| Problem::new(path, l, m)));
            d.text.into_owned()
        }
        Err(e) => {
            problems.push(Problem::new(path, 1, e.message()));
            String::new()
        }
    };
    let parsed = frontmatter::parse_as(&text, syntax);
    let read = ConfigRead {
        problems: parsed
            .problems
            .iter()
            .map(|p| Problem::new(path, p.line, p.message.clone()))
            .collect(),
        map: parsed.map,
    };
    Some((read, problems))
}

/// A configuration's keys and the problems in its text.
#[derive(Default)]
struct ConfigRead {
    map: serde_yaml::Mapping,
    problems: Vec<Problem>,
}

/// A yes-or-no setting, when it is one (`true`, or the text `"true"`).
fn flag(map: &serde_yaml::Mapping, key: &str) -> Option<bool> {
    match text_of(map, key).as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// A value `defaults:` gives every post (a scope of `type: posts`, or of
/// the `_posts` path), as themes like Chirpy set `permalink` ("" when none
/// does).
fn posts_default(map: &serde_yaml::Mapping, key: &str) -> String {
    let Some(Value::Sequence(defaults)) = map.get("defaults") else {
        return String::new();
    };
    defaults
        .iter()
        .filter_map(Value::as_mapping)
        .filter(|d| match d.get("scope") {
            Some(Value::Mapping(scope)) => {
                text_of(scope, "type") == "posts"
                    || text_of(scope, "path").trim_matches('/') == "_posts"
            }
            _ => false,
        })
        .filter_map(|d| match d.get("values") {
            Some(Value::Mapping(values)) => Some(text_of(values, key)),
            _ => None,
        })
        .rfind(|v| !v.is_empty())
        .unwrap_or_default()
}

/// A scalar setting as one line of text ("" when unset or not a scalar).
fn text_of(map: &serde_yaml::Mapping, key: &str) -> String {
    match map.get(key) {
        Some(v @ (Value::String(_) | Value::Number(_) | Value::Bool(_))) => {
            one_line(yaml_text(v).trim())
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(config: &str) -> (tempfile::TempDir, Site, Vec<Problem>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), config).unwrap();
        let (site, problems) = Site::at(dir.path()).unwrap();
        (dir, site, problems)
    }

    #[test]
    fn reads_title_url_baseurl_and_exclude() {
        let (_d, s, problems) = site(
            "title: \"개발 일기\"\nurl: https://example.github.io\nbaseurl: /blog\nexclude:\n  - /docs # 테마 예제\n  - \"*.sublime-project\"\n  - assets/js/\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            (s.title.as_str(), s.url.as_str(), s.baseurl.as_str()),
            ("개발 일기", "https://example.github.io", "/blog")
        );
        assert!(s.excludes("docs"));
        assert!(s.excludes("docs/_posts"));
        assert!(!s.excludes("docsy"));
        assert!(s.excludes("assets/js"));
        assert!(s.excludes("x.sublime-project"));
        assert!(s.excludes("node_modules"));
        assert!(!s.excludes("Programming-Language"));
    }

    #[test]
    fn an_empty_url_or_a_broken_config_is_no_crash() {
        let (_d, s, problems) = site("title: 블로그\nurl:\nbaseurl: \"\"\n");
        assert!(problems.is_empty());
        assert_eq!(s.url, "");
        let (_d, s, problems) = site("title: 블로그\nurl: \"닫히지 않음\nbaseurl: /b\n");
        assert_eq!(s.title, "블로그");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].to_string().contains("_config.yml:"));
        assert!(Site::at(Path::new("/nonexistent/folder")).is_none());
    }

    #[test]
    fn root_relative_addresses_resolve_under_the_root_only() {
        let (dir, s, _) = site("url: https://example.com\nbaseurl: /blog\n");
        let assets = dir.path().join("assets/img");
        std::fs::create_dir_all(&assets).unwrap();
        std::fs::write(assets.join("사진 1.png"), b"png").unwrap();
        std::fs::write(dir.path().join("secret.txt"), b"x").unwrap();
        let found = |a: &str| s.resolve_asset(a).is_some();
        assert!(found("/assets/img/사진 1.png"));
        assert!(found("/assets/img/%EC%82%AC%EC%A7%84%201.png?v=2#top"));
        assert!(found("/blog/assets/img/사진 1.png"));
        assert!(found("https://example.com/blog/assets/img/사진 1.png"));
        assert!(found("/./assets//img/사진 1.png"));
        assert!(!found("/assets/img/없는 파일.png"));
        assert!(!found("/assets/img"), "a folder is not a file");
        assert!(!found("assets/img/사진 1.png"), "relative");
        assert!(!found("//cdn.example.com/x.png"));
        assert!(!found("https://other.example/assets/img/사진 1.png"));
        assert!(!found("/assets/../secret.txt"));
        assert!(!found("/assets/%2E%2E/secret.txt"));
        assert!(!found("/../../etc/passwd"));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_out_of_the_site_names_nothing() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("x.png"), b"png").unwrap();
        let (dir, s, _) = site("title: t\n");
        std::os::unix::fs::symlink(outside.path(), dir.path().join("assets")).unwrap();
        assert_eq!(s.resolve_asset("/assets/x.png"), None);
    }
}
