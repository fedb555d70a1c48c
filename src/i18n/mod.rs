//! The interface's words, in English and in Korean: one catalog
//! ([`catalog`]). Every message is written in both languages side by side;
//! `{name}` stands for a value filled in by [`Msg::fill`]. What is said
//! later, somewhere else (a problem found while loading, an error), is a
//! [`Message`]: a catalog message with its values, said in the reader's
//! language where it is shown, in English by `Display` (logs, tests,
//! `--list --json`). The language is Korean under a Korean locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`) or with `language: ko` in the config;
//! `language: en` forces English.

use std::fmt::Display;

mod catalog;
mod message;

pub use catalog::Msg;
pub use message::Message;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    /// The config's choice, else the locale's.
    pub fn detect(config: Option<Lang>) -> Lang {
        config.unwrap_or_else(|| {
            let var = |name| std::env::var(name).ok();
            Lang::of_locale(var("LC_ALL"), var("LC_MESSAGES"), var("LANG"))
        })
    }

    /// The language of a locale given as `LC_ALL`, `LC_MESSAGES` and
    /// `LANG` (the first one set and not empty decides, as in POSIX).
    pub fn of_locale(
        lc_all: Option<String>,
        lc_messages: Option<String>,
        lang: Option<String>,
    ) -> Lang {
        let locale = [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if locale.starts_with("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }
}

impl Msg {
    /// The message in `lang` with each `{name}` replaced by its value.
    pub fn fill(self, lang: Lang, values: &[(&str, &dyn Display)]) -> String {
        let values: Vec<(&str, String)> = values
            .iter()
            .map(|(name, value)| (*name, value.to_string()))
            .collect();
        fill(self.text(lang), &values)
    }

    /// The message in `lang`, as an owned string (no values).
    pub fn say(self, lang: Lang) -> String {
        self.text(lang).to_string()
    }

    /// This message with the value of `{name}`, to be said later.
    pub fn with(self, name: &'static str, value: impl Display) -> Message {
        Message::from(self).with(name, value)
    }

    /// This message with `{name}` another message, said in the same
    /// language as this one.
    pub fn with_msg(self, name: &'static str, value: impl Into<Message>) -> Message {
        Message::from(self).with_msg(name, value)
    }
}

/// `template` with each `{name}` replaced by its value, in one pass: a
/// value is never read as a template (a path or a title may hold `{n}`).
/// A `{` that opens no known name stays as written.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let known = after.find('}').and_then(|close| {
            let name = &after[..close];
            let value = values.iter().find(|(n, _)| *n == name)?;
            Some((&value.1, close))
        });
        match known {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `{name}`s a message takes.
    fn holes(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names
    }

    /// Every message exists in both languages, takes the same values in
    /// both, and the Korean one is Korean.
    #[test]
    fn every_message_is_in_both_languages() {
        for &m in Msg::ALL {
            let (en, ko) = (m.text(Lang::En), m.text(Lang::Ko));
            assert!(!en.trim().is_empty() && !ko.trim().is_empty(), "{m:?}");
            assert_eq!(holes(en), holes(ko), "{m:?} takes other values in Korean");
            let korean = ko.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c));
            assert!(korean, "{m:?} has no Korean: {ko:?}");
            assert!(
                !en.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c))
                    || en.contains("한/영")
                    || en.contains("제주"),
                "{m:?} has Korean in English: {en:?}"
            );
        }
    }

    #[test]
    fn a_value_is_never_filled_again() {
        let path = "{n}/{why}.md";
        assert_eq!(
            Msg::NoSuchPath.fill(Lang::En, &[("path", &path), ("n", &3)]),
            "{n}/{why}.md: no such file or folder"
        );
        assert_eq!(
            Msg::NewPosts.fill(Lang::En, &[("m", &2)]),
            "{n} new posts",
            "a name without a value stays"
        );
    }

    #[test]
    fn values_fill_their_places() {
        assert_eq!(Msg::NewPosts.fill(Lang::Ko, &[("n", &2)]), "새 글 2개");
        assert_eq!(Msg::NewPosts.fill(Lang::En, &[("n", &2)]), "2 new posts");
        assert_eq!(
            Msg::UnreadOf.fill(Lang::Ko, &[("shown", &3), ("all", &11)]),
            "안 읽음 3/11"
        );
    }

    #[test]
    fn the_locale_decides_unless_the_config_does() {
        let s = |v: &str| Some(v.to_string());
        assert_eq!(Lang::of_locale(None, None, s("ko_KR.UTF-8")), Lang::Ko);
        assert_eq!(
            Lang::of_locale(s("C.UTF-8"), None, s("ko_KR.UTF-8")),
            Lang::En,
            "LC_ALL first"
        );
        assert_eq!(
            Lang::of_locale(s(""), s("ko_KR.UTF-8"), s("en_US.UTF-8")),
            Lang::Ko,
            "empty is unset"
        );
        assert_eq!(Lang::of_locale(None, None, None), Lang::En);
        assert_eq!(Lang::detect(Some(Lang::En)), Lang::En);
        assert_eq!(Lang::detect(Some(Lang::Ko)), Lang::Ko);
    }
}
