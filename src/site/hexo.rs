//! A Hexo site: `_config.yml` beside `source/_posts`, told from a Jekyll
//! site (which has the same configuration file) by Hexo's `scaffolds`
//! folder or a `package.json` that depends on Hexo.

use std::path::Path;

use super::{CONFIG_FILE, Engine, Site, flag, is_below, read_config, split_base_url, text_of};
use crate::frontmatter::Syntax;
use crate::problem::Problem;

/// A `package.json` larger than this is not looked into.
const MAX_PACKAGE: u64 = 256 * 1024;

impl Site {
    /// The Hexo site `root` is, with the problems of reading its
    /// configuration; `None` when it is not one.
    pub fn hexo_at(root: &Path) -> Option<(Site, Vec<Problem>)> {
        if !root.join(CONFIG_FILE).is_file() || !made_by_hexo(root) {
            return None;
        }
        let (parsed, mut problems) = read_config(&root.join(CONFIG_FILE), Syntax::Yaml)?;
        let source = match text_of(&parsed.map, "source_dir") {
            dir if dir.is_empty() => "source".to_string(),
            dir => dir,
        };
        // The folder must be below the root: `source_dir: ../x` is not
        // followed out of the site.
        let content = root.join(&source);
        if !is_below(&source) || !content.join("_posts").is_dir() {
            return None;
        }
        let mut site = Site::with_root(root);
        site.engine = Engine::Hexo;
        site.content = Some(content);
        site.title = text_of(&parsed.map, "title");
        site.permalinks = vec![(String::new(), text_of(&parsed.map, "permalink"))];
        site.future = flag(&parsed.map, "future").unwrap_or(true);
        if text_of(&parsed.map, "post_asset_folder") == "true" {
            let name = match text_of(&parsed.map, "new_post_name") {
                n if n.is_empty() => ":title.md".to_string(),
                n => n,
            };
            site.post_extension = Path::new(&name)
                .extension()
                .map(|e| e.to_string_lossy().into_owned());
        }
        let (url, path) = split_base_url(&text_of(&parsed.map, "url"));
        site.url = url;
        // `root` is the path the site is served under; the URL's own path
        // when it is not set.
        site.baseurl = match text_of(&parsed.map, "root") {
            r if r.is_empty() => path,
            r => r.trim_end_matches('/').to_string(),
        };
        problems.extend(parsed.problems);
        Some((site, problems))
    }
}

/// Whether the site at `root` is Hexo's: `hexo new` writes posts from its
/// `scaffolds`, and `package.json` names `hexo` among its dependencies.
fn made_by_hexo(root: &Path) -> bool {
    root.join("scaffolds").is_dir()
        || crate::fsread::read_regular(&root.join("package.json"), MAX_PACKAGE)
            .is_ok_and(|bytes| memchr::memmem::find(&bytes, b"\"hexo\"").is_some())
}

/// A Hexo site for tests: `config` as its `_config.yml`, `scaffolds/`, and
/// an empty `source/_posts`.
#[cfg(test)]
pub(crate) fn test_site(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let write = |rel: &str, text: &str| std::fs::write(dir.path().join(rel), text);
    write(CONFIG_FILE, config).expect("write the configuration");
    for folder in ["scaffolds", "source/_posts"] {
        std::fs::create_dir_all(dir.path().join(folder)).expect("make a folder");
    }
    dir
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Hexo site told by `marker`: its `scaffolds`, its `package.json`,
    /// or neither.
    fn hexo_site(config: &str, marker: &str) -> tempfile::TempDir {
        let dir = test_site(config);
        if marker != "scaffolds" {
            std::fs::remove_dir(dir.path().join("scaffolds")).unwrap();
        }
        if marker == "package" {
            let package = r#"{"dependencies": {"hexo": "^7.0.0"}}"#;
            std::fs::write(dir.path().join("package.json"), package).unwrap();
        }
        dir
    }

    #[test]
    fn hexo_is_told_from_jekyll_by_its_scaffolds_or_package() {
        let config = "title: 개발 일지\nurl: https://dev.example.kr/blog\nroot: /blog/\n";
        for marker in ["scaffolds", "package"] {
            let dir = hexo_site(config, marker);
            let (site, problems) = Site::hexo_at(dir.path()).unwrap();
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(site.engine, Engine::Hexo);
            assert_eq!(site.content, Some(dir.path().join("source")));
            assert_eq!(site.title, "개발 일지");
            assert_eq!(site.url, "https://dev.example.kr");
            assert_eq!(site.baseurl, "/blog");
            // Found from the folders inside it too.
            let posts = dir.path().join("source/_posts");
            let (site, _) = Site::of_folder(&posts).unwrap();
            assert_eq!(site.engine, Engine::Hexo);
        }
        let jekyll = hexo_site(config, "none");
        assert!(Site::hexo_at(jekyll.path()).is_none());
        assert_eq!(
            Site::of_folder(jekyll.path()).unwrap().0.engine,
            Engine::Jekyll
        );
    }

    #[test]
    fn its_source_folder_may_be_renamed_but_not_left() {
        let dir = hexo_site("source_dir: 글\n", "scaffolds");
        assert!(Site::hexo_at(dir.path()).is_none());
        std::fs::create_dir_all(dir.path().join("글/_posts")).unwrap();
        let (site, _) = Site::hexo_at(dir.path()).unwrap();
        assert_eq!(site.content, Some(dir.path().join("글")));
        // The root is the URL's path when `root` is not set.
        let dir = hexo_site("url: https://x.kr/a/\nsource_dir: ../source\n", "scaffolds");
        assert!(Site::hexo_at(dir.path()).is_none());
    }

    #[test]
    fn with_asset_folders_only_the_post_extension_makes_posts() {
        let site = |config: &str| {
            let dir = hexo_site(config, "scaffolds");
            Site::hexo_at(dir.path()).unwrap().0.post_extension
        };
        assert_eq!(site("post_asset_folder: true\n").as_deref(), Some("md"));
        assert_eq!(
            site("post_asset_folder: true\nnew_post_name: :year-:title.markdown\n").as_deref(),
            Some("markdown")
        );
        assert_eq!(site("post_asset_folder: false\n"), None);
        assert_eq!(site("title: x\n"), None);
    }

    #[test]
    fn pictures_resolve_under_source() {
        let dir = hexo_site("url: https://x.kr/a/\n", "scaffolds");
        std::fs::create_dir_all(dir.path().join("source/images")).unwrap();
        std::fs::write(dir.path().join("source/images/표지.png"), b"png").unwrap();
        let (site, _) = Site::hexo_at(dir.path()).unwrap();
        assert_eq!(site.baseurl, "/a");
        assert!(site.resolve_asset("/a/images/표지.png").is_some());
        assert!(site.resolve_asset("/images/표지.png").is_some());
        assert!(site.resolve_asset("/_config.yml").is_none());
    }
}
