//! A Jekyll site's own includes: the file `{% include NAME %}` names in
//! `_includes` (or `{% include_relative NAME %}` beside the post), found
//! only under the site's root.

use std::cell::RefCell;
use std::path::PathBuf;

use super::context::Includes;
use crate::references::RefKind;

/// What the passes over a post share.
#[derive(Debug, Default)]
pub(super) struct Shared {
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
