//! A Hugo page bundle's resources: the files beside its `index.md`, which
//! a theme's shortcode may name by a pattern (`images="img/*"`) rather
//! than one by one, and among which Hugo's templates find the page's
//! featured picture. Only pictures are taken, in name order, and only from
//! inside the bundle's folder.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobMatcher};

use super::embed::push_figure;

/// Files of a bundle looked at, at most.
const MAX_FILES: usize = 1024;
/// How deep a bundle's folders are looked into.
const MAX_DEPTH: usize = 4;
/// Pictures a pattern gives, at most.
pub(super) const MAX_PICTURES: usize = 64;

/// The patterns Hugo's embedded `_funcs/get-page-images` partial (behind
/// its Open Graph and Twitter cards) tries, in turn, for a page's picture
/// when its front matter names none; Blowfish, Congo and Hugo Blox show
/// the same one at the top of an article.
const FEATURED: &[&str] = &["*feature*", "{*cover*,*thumbnail*}"];

/// The folder of the page bundle `post` is the content of (`x/index.md`,
/// or a translation `x/index.ko.md`); `None` for a post of its own.
pub fn bundle_of(post: &Path) -> Option<PathBuf> {
    let stem = post.file_stem()?.to_str()?;
    let name = stem.split_once('.').map_or(stem, |(name, _)| name);
    (name == "index").then(|| post.parent().map(Path::to_path_buf))?
}

/// Each picture of `bundle` that `pattern` matches, as a figure.
pub(super) fn pictures_html(bundle: &Path, pattern: &str) -> String {
    let Some(matcher) = resource_matcher(pattern) else {
        return String::new();
    };
    let mut out = String::new();
    for rel in pictures_in(bundle, MAX_DEPTH)
        .iter()
        .filter(|rel| matcher.is_match(rel))
        .take(MAX_PICTURES)
    {
        push_figure(&mut out, &resource_address(rel), "", None);
    }
    out
}

/// The picture of `bundle` Hugo takes for its page when the front matter
/// names none: the first in name order whose name has `feature` in it,
/// else `cover` or `thumbnail` (case ignored). Its name inside the bundle.
pub fn featured_picture(bundle: &Path) -> Option<String> {
    // The patterns' `*` does not cross a `/`: only the bundle's own
    // folder can hold a match, so no deeper one is listed.
    let pictures = pictures_in(bundle, 0);
    FEATURED
        .iter()
        .filter_map(|pattern| resource_matcher(pattern))
        .find_map(|matcher| pictures.iter().find(|rel| matcher.is_match(rel)).cloned())
}

/// `name`, a resource's path inside its bundle, as an address relative to
/// the page that finds that file again.
pub fn resource_address(name: &str) -> String {
    let mut address = String::with_capacity(name.len());
    for c in name.chars() {
        // Escaped, these read as the file's own characters: `%` would be
        // read as an escape, `?` and `#` would end the path, a `:` make
        // it a scheme (Hangul and the rest stay as they are, readable).
        match c {
            '%' | '?' | '#' | ':' => address.push_str(&format!("%{:02X}", u32::from(c))),
            c => address.push(c),
        }
    }
    address
}

/// A pattern over a bundle's resources as Hugo's `Resources.Match` reads
/// one: a glob over paths inside the bundle, `*` not crossing a `/`, case
/// ignored. `None` for a broken pattern.
fn resource_matcher(pattern: &str) -> Option<GlobMatcher> {
    GlobBuilder::new(pattern.trim_start_matches('/'))
        .literal_separator(true)
        .case_insensitive(true)
        .build()
        .ok()
        .map(|glob| glob.compile_matcher())
}

/// The pictures of `bundle`, folders `depth` deep at most, by their paths
/// inside it in name order.
fn pictures_in(bundle: &Path, depth: usize) -> Vec<String> {
    let mut found: Vec<String> = crate::fsread::files_below(bundle, depth, MAX_FILES)
        .into_iter()
        .filter(|rel| super::shortcode::is_picture(rel))
        .collect();
    found.sort();
    found
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

    /// A bundle folder holding `names` (folders made as needed).
    fn bundle_with(names: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for name in names {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        dir
    }

    #[test]
    fn the_featured_picture_is_the_first_named_feature_case_ignored() {
        let dir = bundle_with(&[
            "index.md",
            "b-featured.png",
            "a-표지-FEATURE.JPG",
            "cover.png",
            "featured.txt",
        ]);
        assert_eq!(
            featured_picture(dir.path()).as_deref(),
            Some("a-표지-FEATURE.JPG")
        );
        let dir = bundle_with(&["index.md", "featured.JPG", "한라산.png"]);
        assert_eq!(
            featured_picture(dir.path()).as_deref(),
            Some("featured.JPG")
        );
    }

    #[test]
    fn without_a_feature_a_cover_or_a_thumbnail_is_taken_in_name_order() {
        let dir = bundle_with(&["index.md", "thumbnail.png", "cover.png", "표지.png"]);
        assert_eq!(featured_picture(dir.path()).as_deref(), Some("cover.png"));
        // One pattern for both, as Hugo's: the first name of either.
        let dir = bundle_with(&["index.md", "cover.png", "0-thumbnail.webp"]);
        assert_eq!(
            featured_picture(dir.path()).as_deref(),
            Some("0-thumbnail.webp")
        );
    }

    #[test]
    fn only_pictures_directly_in_the_bundle_are_featured() {
        let dir = bundle_with(&[
            "index.md",
            "featured.txt",
            "사진/featured.png",
            "feature/한라산.png",
            "표지.png",
        ]);
        assert_eq!(featured_picture(dir.path()), None);
        assert_eq!(featured_picture(&dir.path().join("없는 폴더")), None);
    }

    #[test]
    fn a_resource_s_address_finds_its_file_again() {
        assert_eq!(
            resource_address("사진/표지 featured.png"),
            "사진/표지 featured.png"
        );
        assert_eq!(
            resource_address("50%:feature#1?.png"),
            "50%25%3Afeature%231%3F.png"
        );
    }

    #[test]
    fn only_an_index_is_a_bundle() {
        let bundle = Path::new("content/posts/제주/index.ko.md");
        assert_eq!(bundle_of(bundle), Some(PathBuf::from("content/posts/제주")));
        assert_eq!(bundle_of(Path::new("content/posts/제주.md")), None);
    }
}
