//! A Jekyll site's own includes: the file `{% include NAME %}` names in
//! `_includes` (or `{% include_relative NAME %}` beside the post), read as
//! post text is (decoded, sanitised), and its Liquid run as Jekyll runs
//! it, over the whole text before any Markdown is read: its conditions
//! decided and its outputs written (`include.KEY` is the tag's
//! parameter), its own includes put in. What is left is the text Jekyll
//! writes where the tag was; the pass over the post reads it as the
//! post's own (see html.rs and scan.rs): `raw` and `highlight` blocks,
//! left as written, become code there.
//!
//! Bounded, as a hostile or recursive include must not hang or blow up
//! the reader: includes nest [`MAX_DEPTH`] deep, a file is read up to
//! [`MAX_FILE`], and one post takes in [`MAX_TOTAL`] of include text in
//! all (a file that includes itself twice at each level stops there).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

use super::context::Includes;
use super::tags::{find_end, find_raw_end, tag_at};
use super::{Item, Liquid};
use crate::references::RefKind;

/// How deep includes nest: one that goes deeper shows as a placeholder.
pub(super) const MAX_DEPTH: usize = 8;
/// The largest include file read.
const MAX_FILE: u64 = 256 * 1024;
/// The include text one post takes in, all its includes together.
const MAX_TOTAL: usize = 4 * 1024 * 1024;

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
    let decided = super::conditions::decide(&file, liquid);
    Some(expand(&decided, liquid))
}

/// `text` with its Liquid run by `liquid`, as text (no code is told
/// apart: Jekyll runs Liquid first); `raw` and `highlight` blocks, and
/// what only the post's pass can place (a table of contents), left as
/// written.
fn expand(text: &str, liquid: &mut Liquid<'_>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut pos = 0;
    while let Some(off) = memchr::memchr(b'{', &text.as_bytes()[pos..]) {
        let at = pos + off;
        if let Some(end) = code_block_end(text, at) {
            pos = end;
            continue;
        }
        let Some(found) = liquid.at(text, at) else {
            pos = at + 1;
            continue;
        };
        out.push_str(&text[copied..at]);
        match found.item {
            Item::Text(t) | Item::Html(t) | Item::Include(t) => out.push_str(&t),
            Item::Nothing => {}
            _ => out.push_str(&text[at..found.end]),
        }
        copied = found.end;
        pos = found.end;
    }
    out.push_str(&text[copied..]);
    out
}

/// The end of the `raw` or `highlight` block opening at `at`, if one does.
fn code_block_end(text: &str, at: usize) -> Option<usize> {
    let tag = tag_at(text, at)?;
    let close = match tag.name {
        "raw" => find_raw_end(text, tag.end),
        "highlight" => find_end(text, tag.end, "highlight"),
        _ => None,
    }?;
    Some(close.end)
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
