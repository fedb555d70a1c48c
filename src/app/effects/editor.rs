//! The user's editor, for `e`: `$VISUAL`, else `$EDITOR`, else `vi`, as
//! terminal programs choose it. Its words are split at spaces, as
//! `$BROWSER`'s are (`code --wait` works), and it is run from an argv with
//! the file as its last argument, never through a shell. Editors known to
//! take a line (`+12 FILE`; POSIX `vi -c 12 FILE`, which BusyBox's vi
//! needs; VS Code's `--goto FILE:12`) open the file at a problem's line.
//! Editors that return at once (`code` without `--wait`, `gvim` without
//! `-f`) leave the post to be read again by the watcher.

use std::ffi::OsString;
use std::path::Path;

/// Editors that open a file at a line given as `+LINE` before it.
const PLUS_LINE: &[&str] = &[
    "vim",
    "nvim",
    "gvim",
    "mvim",
    "nano",
    "pico",
    "emacs",
    "emacsclient",
    "micro",
    "kak",
    "mg",
    "joe",
    "ne",
    "mcedit",
];

/// Editors that take POSIX's `-c LINE` (an ex command run first).
const DASH_C_LINE: &[&str] = &["vi", "view", "ex"];

/// Editors that take `--goto FILE:LINE`.
const GOTO_LINE: &[&str] = &["code", "code-insiders", "codium", "cursor"];

/// The editor command, without the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    command: Vec<String>,
}

impl Default for Editor {
    fn default() -> Editor {
        Editor::from_vars(None, None)
    }
}

impl Editor {
    /// The editor the environment names, as it was at start.
    pub fn from_env() -> Editor {
        Editor::from_vars(std::env::var("VISUAL").ok(), std::env::var("EDITOR").ok())
    }

    fn from_vars(visual: Option<String>, editor: Option<String>) -> Editor {
        let command = [visual, editor]
            .into_iter()
            .flatten()
            .map(|c| c.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .find(|words| !words.is_empty())
            .unwrap_or_else(|| vec!["vi".into()]);
        Editor { command }
    }

    /// The program and its arguments for editing `path`, at `line` when
    /// the editor is known to take one.
    pub fn argv(&self, path: &Path, line: Option<usize>) -> Vec<OsString> {
        let mut argv: Vec<OsString> = self.command.iter().map(Into::into).collect();
        let name = super::program_name(&self.command[0]);
        let name = name.as_str();
        // A relative path starting with `-` or `+` would be an option.
        let starts_like_option = path
            .components()
            .next()
            .is_some_and(|c| matches!(c.as_os_str().as_encoded_bytes().first(), Some(b'-' | b'+')));
        let file: OsString = if path.is_relative() && starts_like_option {
            Path::new(".").join(path).into()
        } else {
            path.into()
        };
        match line {
            Some(n) if PLUS_LINE.contains(&name) => argv.extend([format!("+{n}").into(), file]),
            Some(n) if DASH_C_LINE.contains(&name) => {
                argv.extend(["-c".into(), n.to_string().into(), file]);
            }
            Some(n) if GOTO_LINE.contains(&name) => {
                let mut at = file;
                at.push(format!(":{n}"));
                argv.extend(["--goto".into(), at]);
            }
            _ => argv.push(file),
        }
        argv
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(e: &Editor, path: &str) -> Vec<String> {
        at_line(e, path, None)
    }

    fn at_line(e: &Editor, path: &str, line: Option<usize>) -> Vec<String> {
        e.argv(Path::new(path), line)
            .into_iter()
            .map(|w| w.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn visual_comes_before_editor_then_vi() {
        let both = Editor::from_vars(Some("nvim".into()), Some("nano".into()));
        assert_eq!(words(&both, "a.md"), ["nvim", "a.md"]);
        let editor = Editor::from_vars(Some("  ".into()), Some("code --wait".into()));
        assert_eq!(words(&editor, "a.md"), ["code", "--wait", "a.md"]);
        assert_eq!(
            words(&Editor::from_vars(None, None), "a.md"),
            ["vi", "a.md"]
        );
    }

    #[test]
    fn the_file_is_one_argument_whatever_its_name() {
        let e = Editor::from_vars(Some("vim".into()), None);
        let name = "_posts/2024-01-01-제주 항공; rm -rf ~.md";
        assert_eq!(words(&e, name), ["vim", name]);
    }

    #[test]
    fn editors_that_take_a_line_open_the_file_there() {
        let at = |editor: &str| {
            at_line(
                &Editor::from_vars(Some(editor.into()), None),
                "a.md",
                Some(7),
            )
        };
        assert_eq!(at("/usr/bin/nvim"), ["/usr/bin/nvim", "+7", "a.md"]);
        assert_eq!(at("vi"), ["vi", "-c", "7", "a.md"], "POSIX, and BusyBox's");
        assert_eq!(at("nano"), ["nano", "+7", "a.md"]);
        assert_eq!(at("emacsclient -t"), ["emacsclient", "-t", "+7", "a.md"]);
        assert_eq!(at("code --wait"), ["code", "--wait", "--goto", "a.md:7"]);
        // Unknown editors get the file alone: `+7` could be taken for a file.
        assert_eq!(at("hx"), ["hx", "a.md"]);
        assert_eq!(at("gedit"), ["gedit", "a.md"]);
    }

    #[test]
    fn a_file_named_like_an_option_is_given_as_a_path() {
        let vim = Editor::from_vars(Some("vim".into()), None);
        assert_eq!(words(&vim, "+x.md"), ["vim", "./+x.md"]);
        assert_eq!(
            at_line(&vim, "-R/a.md", Some(2)),
            ["vim", "+2", "./-R/a.md"]
        );
        assert_eq!(words(&vim, "/posts/+x.md"), ["vim", "/posts/+x.md"]);
        assert_eq!(words(&vim, "posts/-x.md"), ["vim", "posts/-x.md"]);
    }
}
