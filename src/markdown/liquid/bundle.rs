//! A Hugo page bundle's resources: the files beside its `index.md`, which
//! a theme's shortcode may name by a pattern (`images="img/*"`) rather
//! than one by one. Only pictures are taken, in name order, and only from
//! inside the bundle's folder.

use std::path::{Path, PathBuf};

use globset::GlobBuilder;

use super::embed::push_figure;

/// Files of a bundle looked at, at most.
const MAX_FILES: usize = 1024;
/// How deep a bundle's folders are looked into.
const MAX_DEPTH: usize = 4;
/// Pictures a pattern gives, at most.
const MAX_PICTURES: usize = 64;

/// The folder of the page bundle `post` is the content of (`x/index.md`,
/// or a translation `x/index.ko.md`); `None` for a post of its own.
pub fn bundle_of(post: &Path) -> Option<PathBuf> {
    let stem = post.file_stem()?.to_str()?;
    let name = stem.split_once('.').map_or(stem, |(name, _)| name);
    (name == "index").then(|| post.parent().map(Path::to_path_buf))?
}

/// Each picture of `bundle` that `pattern` matches (as Hugo's
/// `Resources.Match`: a glob over paths inside the bundle, `*` not
/// crossing a `/`, case ignored), as a figure.
pub(super) fn pictures_html(bundle: &Path, pattern: &str) -> String {
    let matcher = match GlobBuilder::new(pattern.trim_start_matches('/'))
        .literal_separator(true)
        .case_insensitive(true)
        .build()
    {
        Ok(glob) => glob.compile_matcher(),
        Err(_) => return String::new(),
    };
    let mut found: Vec<String> = crate::fsread::files_below(bundle, MAX_DEPTH, MAX_FILES)
        .into_iter()
        .filter(|rel| matcher.is_match(rel) && super::shortcode::is_picture(rel))
        .collect();
    found.sort();
    let mut out = String::new();
    for rel in found.iter().take(MAX_PICTURES) {
        push_figure(&mut out, rel, "", None);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_gives_the_bundle_s_pictures_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let img = dir.path().join("img");
        std::fs::create_dir_all(img.join("깊이")).unwrap();
        for name in ["한라산2.JPG", "한라산1.jpeg", "메모.txt", "깊이/숨은.png"] {
            std::fs::write(img.join(name), "x").unwrap();
        }
        std::fs::write(dir.path().join("표지.png"), "x").unwrap();
        let html = pictures_html(dir.path(), "img/*");
        assert_eq!(
            html,
            "<figure><img src=\"img/한라산1.jpeg\" alt=\"\"></figure>\
             <figure><img src=\"img/한라산2.JPG\" alt=\"\"></figure>"
        );
        assert!(pictures_html(dir.path(), "IMG/**").contains("img/깊이/숨은.png"));
        assert_eq!(pictures_html(dir.path(), "../*"), "");
        assert_eq!(pictures_html(dir.path(), "["), "", "a broken pattern");
    }

    #[test]
    fn only_an_index_is_a_bundle() {
        let bundle = Path::new("content/posts/제주/index.ko.md");
        assert_eq!(bundle_of(bundle), Some(PathBuf::from("content/posts/제주")));
        assert_eq!(bundle_of(Path::new("content/posts/제주.md")), None);
    }
}
