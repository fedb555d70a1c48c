//! Opening links and copying them: a text browser (w3m, lynx, …) runs in
//! the terminal with the reader suspended; any other browser is started
//! beside it. Programs are run from an argv, never through a shell. Copies
//! go to the clipboard as an OSC 52 sequence, written only on the user's
//! `y`, never because of anything in a post.

use base64::Engine;

use crate::i18n::{Lang, Msg};

/// Browsers that draw in the terminal they are started from.
const TEXT_BROWSERS: &[&str] = &[
    "w3m", "lynx", "links", "links2", "elinks", "browsh", "carbonyl", "cha", "chawan",
];

/// The most bytes put on the clipboard (terminals refuse larger copies).
const MAX_COPY: usize = 8 * 1024;

/// How links are opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Opener {
    /// Opening is off (tests and examples): nothing is started.
    pub disabled: bool,
    /// `$BROWSER`, as it was at start.
    pub browser: Option<String>,
    /// The config's `browser_in_terminal`: the browser draws in the
    /// terminal whatever its name.
    pub in_terminal: bool,
    /// The language of what it says when nothing opens.
    pub lang: Lang,
}

impl Opener {
    /// Links opened with `$BROWSER` or the platform's opener.
    pub fn from_env(in_terminal: bool, lang: Lang) -> Opener {
        Opener {
            disabled: false,
            browser: std::env::var("BROWSER")
                .ok()
                .filter(|b| !b.trim().is_empty()),
            in_terminal,
            lang,
        }
    }

    /// Tests and examples: nothing is started.
    pub fn off() -> Opener {
        Opener {
            disabled: true,
            ..Opener::default()
        }
    }

    /// Open `url`: `Ok(Some(argv))` is a program to run in the terminal,
    /// `Ok(None)` one started beside the reader; `Err` says what was tried.
    pub fn open(&self, url: &str) -> Result<Option<Vec<String>>, String> {
        if self.disabled {
            return Ok(None);
        }
        let argv = self.argv(url);
        let program = argv[0].clone();
        if self.in_terminal || TEXT_BROWSERS.contains(&super::program_name(&program).as_str()) {
            return Ok(Some(argv));
        }
        std::process::Command::new(&program)
            .args(&argv[1..])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map(|mut child| {
                // Waited for on a thread of its own: no zombie is left.
                let _ = std::thread::Builder::new()
                    .name("opener".into())
                    .spawn(move || child.wait());
                None
            })
            .map_err(|e| {
                let tried = crate::text::one_line(&program);
                let message = if self.browser.is_some() {
                    Msg::CannotOpenWithBrowser
                } else {
                    Msg::CannotOpenTried
                };
                message.fill(self.lang, &[("tried", &tried), ("error", &e)])
            })
    }

    /// The command for `url`: `$BROWSER` (its first entry; `%s` stands for
    /// the address), else the platform's opener.
    fn argv(&self, url: &str) -> Vec<String> {
        let mut argv: Vec<String> = match &self.browser {
            Some(b) => b
                .split(':')
                .next()
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_string)
                .collect(),
            None => Vec::new(),
        };
        if argv.is_empty() {
            argv.push(
                if cfg!(target_os = "macos") {
                    "open"
                } else if cfg!(windows) {
                    "explorer"
                } else {
                    "xdg-open"
                }
                .into(),
            );
        }
        if argv.iter().any(|a| a.contains("%s")) {
            for a in &mut argv {
                *a = a.replace("%s", url);
            }
        } else {
            argv.push(url.to_string());
        }
        argv
    }
}

/// The OSC 52 sequence that puts `text` on the clipboard: the text made
/// one clean line (nothing in it can steer the terminal), capped, base64.
pub fn osc52(text: &str) -> String {
    let mut clean = crate::text::one_line(text);
    if clean.len() > MAX_COPY {
        let mut end = MAX_COPY;
        while !clean.is_char_boundary(end) {
            end -= 1;
        }
        clean.truncate(end);
    }
    let payload = base64::engine::general_purpose::STANDARD.encode(clean.as_bytes());
    format!("\u{1b}]52;c;{payload}\u{7}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_carries_only_clean_text_in_base64() {
        let seq = osc52("https://example.com/a\u{1b}]52;c;evil\u{7}\n");
        assert!(seq.starts_with("\u{1b}]52;c;") && seq.ends_with('\u{7}'));
        let payload = &seq["\u{1b}]52;c;".len()..seq.len() - 1];
        assert!(
            payload
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .unwrap();
        assert_eq!(String::from_utf8(decoded).unwrap(), "https://example.com/a");
        assert!(osc52(&"가".repeat(10_000)).len() < MAX_COPY * 2);
    }

    #[test]
    fn text_browsers_run_in_the_terminal_and_argv_is_never_a_shell_line() {
        let o = Opener {
            disabled: false,
            browser: Some("w3m -o x=1".into()),
            in_terminal: false,
            lang: Lang::En,
        };
        assert_eq!(
            o.open("https://a.example/?q=1;rm -rf ~").unwrap(),
            Some(vec![
                "w3m".into(),
                "-o".into(),
                "x=1".into(),
                "https://a.example/?q=1;rm -rf ~".into()
            ])
        );
        let o = Opener {
            browser: Some("/usr/bin/lynx %s:firefox".into()),
            ..o
        };
        assert_eq!(
            o.open("https://b.example").unwrap(),
            Some(vec!["/usr/bin/lynx".into(), "https://b.example".into()])
        );
        let missing = Opener {
            browser: Some("no-such-browser-sinmun".into()),
            ..o
        };
        let e = missing.open("https://c.example").unwrap_err();
        assert!(e.contains("$BROWSER (no-such-browser-sinmun)"), "{e}");
        assert_eq!(Opener::off().open("https://d.example"), Ok(None));
    }
}
