//! A Jekyll site's own includes: the file `{% include NAME %}` names in
//! `_includes` (or `{% include_relative NAME %}` beside the post), read as
//! post text is (decoded, sanitised), and its Liquid run as Jekyll runs
//! it, over the whole text before any Markdown is read (run.rs): its
//! conditions decided, its loops run and its outputs written
//! (`include.KEY` is the tag's parameter), its own includes put in. What is left is the text Jekyll
//! writes where the tag was; the pass over the post reads it as the
//! post's own (see html.rs and scan.rs): `raw` and `highlight` blocks,
//! left as written, become code there.
//!
//! Bounded, as a hostile or recursive include must not hang or blow up
//! the reader: includes nest [`MAX_DEPTH`] deep, a file is read up to
//! [`MAX_FILE`], one post takes in [`MAX_TOTAL`] of include text in all
//! (a file that includes itself twice at each level stops there), and
//! one include's text, its loops run, stops at [`MAX_TOTAL`] too (see
//! loops.rs for the loops' own bounds).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

use super::Liquid;
use super::context::Includes;
use super::loops::Looped;
use super::value::Front;
use crate::references::RefKind;

/// How deep includes nest: one that goes deeper shows as a placeholder.
pub(super) const MAX_DEPTH: usize = 8;
/// The largest include file read.
const MAX_FILE: u64 = 256 * 1024;
/// The include text one post takes in, all its includes together; and
/// the most one include's Liquid writes.
pub(super) const MAX_TOTAL: usize = 4 * 1024 * 1024;

/// The include files read, by kind (`include_relative` or not) and name;
/// `None`: not there, or not readable.
type Files = HashMap<(bool, String), Option<Rc<str>>>;

/// What the passes over a post and over its includes share.
#[derive(Debug, Default)]
pub(super) struct Shared {
    files: RefCell<Files>,
    /// Include text taken in so far.
    taken: Cell<usize>,
    /// The post's own tags naming other files, where each starts.
    pub(super) references: RefCell<Vec<(usize, RefKind, String)>>,
    /// The post's front-matter values asked for, by key: each read for
    /// its structure once.
    pub(super) front: RefCell<HashMap<String, Rc<Front>>>,
    /// What the loops of the post's includes have run so far.
    pub(super) looped: Cell<Looped>,
    /// `site.posts`, `site.tags` and `site.categories`, each made once.
    pub(super) site_posts: RefCell<HashMap<String, super::value::Value>>,
}

/// The file of the include `name` (`relative`: `include_relative`'s,
/// beside the post) under `includes`, when it is a regular file there:
/// no `..`, nothing outside the site's root (a symlink out included).
pub fn include_file(includes: &Includes, name: &str, relative: bool) -> Option<PathBuf> {
    let dir = if relative {
        &includes.post_dir
    } else {
        &includes.dir
    };
    let file = crate::site::file_under(dir, name)?;
    let root = std::fs::canonicalize(&includes.root).ok()?;
    file.starts_with(root).then_some(file)
}

/// The text of the include `name` for the pass `liquid` (a child pass:
/// its parameters are the tag's), its Liquid run; `None` when the site
/// has no such file, or a bound is reached.
pub(super) fn text(liquid: &mut Liquid<'_>, name: &str, relative: bool) -> Option<String> {
    let includes = liquid.ctx.includes.as_ref()?;
    if liquid.depth > MAX_DEPTH {
        return None;
    }
    let shared = Rc::clone(&liquid.shared);
    let file = shared
        .files
        .borrow_mut()
        .entry((relative, name.to_string()))
        .or_insert_with(|| read(includes, name, relative))
        .clone()?;
    let taken = shared.taken.get() + file.len();
    if taken > MAX_TOTAL {
        return None;
    }
    shared.taken.set(taken);
    Some(super::run::run_text(&file, liquid))
}

/// The include's text as post text is read: decoded, sanitised.
fn read(includes: &Includes, name: &str, relative: bool) -> Option<Rc<str>> {
    let file = include_file(includes, name, relative)?;
    let bytes = crate::fsread::read_regular(&file, MAX_FILE).ok()?;
    let decoded = crate::decode::decode(&bytes).ok()?;
    Some(crate::text::sanitize(&decoded.text).into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::LiquidContext;

    /// A site with `files` (name, text) in `_includes`, and a context
    /// reading them for a post at its root.
    fn site(files: &[(&str, String)]) -> (tempfile::TempDir, LiquidContext) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("_includes")).unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join("_includes").join(name), text).unwrap();
        }
        let ctx = LiquidContext {
            includes: Some(Includes {
                root: dir.path().to_path_buf(),
                dir: dir.path().join("_includes"),
                post_dir: dir.path().to_path_buf(),
            }),
            ..LiquidContext::default()
        };
        (dir, ctx)
    }

    #[test]
    fn a_post_takes_in_a_bounded_amount_of_include_text() {
        let big = format!("<p>{}</p>\n", "넓은 ".repeat(30_000));
        assert!(big.len() < MAX_FILE as usize);
        let (_dir, ctx) = site(&[("big.html", big.clone())]);
        let body = "{% include big.html %}\n".repeat(40);
        let out = crate::markdown::liquid::html(&body, &ctx);
        let shown = out.matches("<p>").count();
        assert_eq!(shown, MAX_TOTAL / big.len(), "then placeholders");
        assert!(out.contains("[include: big.html]"));
        assert!(out.len() < MAX_TOTAL + body.len());
    }

    /// A loop's item handed to an include keeps its fields.
    #[test]
    fn a_loop_hands_its_items_to_an_include() {
        let card = "<li>{{ include.item.name }}: {{ include.item.menu | join: ', ' }}</li>";
        let list = "<ul>{% for p in page.맛집 %}{% include card.html item=p %}{% endfor %}</ul>";
        let (_dir, mut ctx) = site(&[("card.html", card.into()), ("list.html", list.into())]);
        ctx.page = vec![(
            "맛집".into(),
            "- name: 흑돼지집\n  menu: [오겹살, 목살]\n- name: 국수집\n  menu: [고기국수]".into(),
        )];
        let out = crate::markdown::liquid::html("{% include list.html %}", &ctx);
        assert_eq!(
            out,
            "<ul><li>흑돼지집: 오겹살, 목살</li><li>국수집: 고기국수</li></ul>"
        );
    }

    #[test]
    fn nothing_is_read_outside_the_site() {
        let (dir, ctx) = site(&[("a.html", "가".to_string())]);
        let includes = ctx.includes.as_ref().unwrap();
        assert!(include_file(includes, "a.html", false).is_some());
        assert!(include_file(includes, "../_config.yml", false).is_none());
        assert!(include_file(includes, "/etc/passwd", false).is_none());
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.html"), "비밀").unwrap();
        #[cfg(unix)]
        {
            let link = dir.path().join("_includes/link.html");
            std::os::unix::fs::symlink(outside.path().join("secret.html"), link).unwrap();
            assert!(include_file(includes, "link.html", false).is_none());
        }
    }
}
