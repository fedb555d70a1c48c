//! The user's editor, for `e`: `$VISUAL`, else `$EDITOR`, else `vi`, as
//! terminal programs choose it. Its words are split at spaces, as
//! `$BROWSER`'s are (`code --wait` works), and it is run from an argv with
//! the file as its last argument, never through a shell.

use std::path::Path;

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

    /// The program and its arguments for editing `path`.
    pub fn argv(&self, path: &Path) -> Vec<std::ffi::OsString> {
        self.command
            .iter()
            .map(Into::into)
            .chain([path.as_os_str().to_owned()])
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(e: &Editor, path: &str) -> Vec<String> {
        e.argv(Path::new(path))
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
}
