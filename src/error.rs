//! The errors a user sees: one line, naming the file and the bad value.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{}: no such file or folder", crate::sanitize::quote(&.0.to_string_lossy()))]
    NoSuchPath(PathBuf),
    #[error("the reader needs a terminal; for scripts use --list, --dump or --check")]
    NotATerminal,
    #[error("terminal error: {0}")]
    Terminal(std::io::Error),
    #[error("{0}")]
    Config(crate::config::ConfigError),
    #[error("{0}")]
    Theme(crate::theme::ThemeError),
    #[error("cannot write output: {0}")]
    Output(std::io::Error),
}

impl AppError {
    /// The error in `lang` (what the configuration and the files said is
    /// quoted as it was).
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Msg;
        match self {
            AppError::NoSuchPath(p) => {
                let path = crate::sanitize::quote(&p.to_string_lossy());
                Msg::NoSuchPath.fill(lang, &[("path", &path)])
            }
            AppError::NotATerminal => Msg::NotATerminal.say(lang),
            AppError::Terminal(e) => Msg::TerminalError.fill(lang, &[("error", e)]),
            AppError::Output(e) => Msg::CannotWriteOutput.fill(lang, &[("error", e)]),
            other => other.to_string(),
        }
    }
}
