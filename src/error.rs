//! The errors a user sees: one line, naming the file and the bad value.

use std::path::PathBuf;

use crate::i18n::{Lang, Msg};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    NoSuchPath(PathBuf),
    NotATerminal,
    Terminal(std::io::Error),
    Config(crate::config::ConfigError),
    Theme(crate::theme::ThemeError),
    Output(std::io::Error),
}

impl AppError {
    /// The error in `lang` (what the configuration, the files and the
    /// system said is quoted as it was).
    pub fn say(&self, lang: Lang) -> String {
        match self {
            AppError::NoSuchPath(p) => {
                let path = crate::sanitize::quote(&p.to_string_lossy());
                Msg::NoSuchPath.fill(lang, &[("path", &path)])
            }
            AppError::NotATerminal => Msg::NotATerminal.say(lang),
            AppError::Terminal(e) => Msg::TerminalError.fill(lang, &[("error", e)]),
            AppError::Config(e) => e.say(lang),
            AppError::Theme(e) => e.say(lang),
            AppError::Output(e) => Msg::CannotWriteOutput.fill(lang, &[("error", e)]),
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}
