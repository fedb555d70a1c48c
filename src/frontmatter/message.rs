//! Front-matter, config and theme problems said to a user: a serde_yaml
//! error as a line and one line of message, and values quoted short
//! (values can be megabytes). serde_yaml's own words are kept as they are,
//! inside a sentence of the catalog; an error of sinmun's own that a
//! deserializer gave serde_yaml is found again, to be said in any language.

use std::cell::RefCell;

use serde_yaml::{Mapping, Value};

use super::YamlProblem;
use crate::i18n::{Message, Msg};

thread_local! {
    /// The last error of sinmun's own that a deserializer returned on this
    /// thread: serde_yaml keeps only its English text.
    static OWN: RefCell<Option<Message>> = const { RefCell::new(None) };
}

/// An error of sinmun's own for a deserializer to return. serde_yaml
/// keeps its English text; [`describe`] finds the message again.
pub(crate) fn own_error<E: serde::de::Error>(message: Message) -> E {
    let e = E::custom(&message);
    OWN.with(|own| *own.borrow_mut() = Some(message));
    e
}

/// A serde_yaml error as a problem at a line of the YAML (`base` is the
/// 1-based line of the parsed text within the YAML).
pub(super) fn yaml_problem(e: &serde_yaml::Error, base: usize) -> YamlProblem {
    let (line, message) = describe(e, Msg::YamlSays);
    YamlProblem {
        line: base + line - 1,
        message,
    }
}

/// A serde_yaml error for a user: the line to look at and the message.
/// An error of sinmun's own is its message (after the key it is about,
/// when serde_yaml names one); serde_yaml's words are the `{error}` of
/// `frame` (one line, the bad value in double quotes, see
/// [`library_text`]).
pub(crate) fn describe(e: &serde_yaml::Error, frame: Msg) -> (usize, Message) {
    let text = e.to_string();
    let own = OWN.with(|own| own.borrow_mut().take());
    if let Some(own) = own
        && let Some(at) = text.find(&own.to_string())
    {
        let line = e.location().map_or(1, |l| l.line());
        let message = match text[..at].strip_suffix(": ") {
            Some(key) if !key.is_empty() => Msg::Keyed
                .with("key", crate::text::one_line(key))
                .with_msg("message", own),
            _ => own,
        };
        return (line, message);
    }
    let (line, text) = library_text(e);
    (line, frame.with("error", text))
}

/// What to say when serde could not read a settings file's `text` (the
/// config, a theme): the line serde names, and the first setting that
/// `misfit` finds of the wrong kind, said as "KEY: expected WHAT, found
/// VALUE"; `not_mapping` when the file is no mapping of settings; else
/// serde's own words in `frame`. The file is read again as plain YAML:
/// it already passed the size, nesting and alias checks.
pub(crate) fn explain_settings(
    error: &serde_yaml::Error,
    text: &str,
    (frame, not_mapping): (Msg, Msg),
    misfit: impl for<'a> FnOnce(&'a Mapping) -> Option<(String, Message, &'a Value)>,
) -> (usize, Message) {
    let (line, said) = describe(error, frame);
    let Ok(value) = serde_yaml::from_str::<Value>(text) else {
        return (line, said);
    };
    let found = |v: &Value| quote(&crate::post::yaml_text(v));
    let Value::Mapping(settings) = &value else {
        return (line, not_mapping.with("value", found(&value)));
    };
    match misfit(settings) {
        Some((key, what, value)) => {
            let expected = Msg::ConfigExpected
                .with_msg("what", what)
                .with("value", found(value));
            (
                line,
                Msg::Keyed.with("key", key).with_msg("message", expected),
            )
        }
        None => (line, said),
    }
}

/// serde_yaml's words: the line to look at and one line of message, with
/// the bad value in double quotes. When the error names the construct it
/// was reading ("while scanning a quoted scalar at line 2"), the line is
/// where that construct starts: that is where the slip is, not at the end
/// of the stream.
fn library_text(e: &serde_yaml::Error) -> (usize, String) {
    let text = e.to_string();
    let (what, context) = match text.split_once(", while ") {
        Some((w, c)) => (w, Some(c)),
        None => (text.as_str(), None),
    };
    let error_line = e.location().map_or(1, |l| l.line());
    let (line, message) = match context {
        Some(c) => {
            let (desc, at) = strip_location(c);
            (
                at.unwrap_or(error_line),
                format!("{}, while {desc}", strip_location(what).0),
            )
        }
        None => (error_line, strip_location(what).0.to_string()),
    };
    let message = match message.find(", expected one of") {
        Some(i) => &message[..i],
        None => &message,
    };
    let message = shorten_quoted(&message.replace('`', "\""));
    (line, crate::text::one_line(&message))
}

/// "did X at line 3 column 5" -> ("did X", Some(3)).
fn strip_location(s: &str) -> (&str, Option<usize>) {
    match s.find(" at line ") {
        Some(i) => {
            let line = s[i + 9..].split(' ').next().and_then(|n| n.parse().ok());
            (&s[..i], line)
        }
        None => (s, None),
    }
}

pub(crate) fn key_text(k: &Value) -> String {
    match k {
        Value::String(s) => quote(s),
        other => quote(serde_yaml::to_string(other).unwrap_or_default().trim()),
    }
}

pub(super) fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("").trim()
}

/// Cells of a value a message quotes at most.
const QUOTE_CELLS: usize = 60;

/// A value quoted for a message, cut short and made safe to print. Only
/// the start of the value is looked at: values can be megabytes.
pub(crate) fn quote(s: &str) -> String {
    format!("\"{}\"", shorten(s))
}

/// `s` on one line, at most `QUOTE_CELLS` cells, `…` when cut.
fn shorten(s: &str) -> String {
    let head = s
        .char_indices()
        .nth(QUOTE_CELLS * 4)
        .map_or(s, |(i, _)| &s[..i]);
    let mut short = crate::text::truncate(&crate::text::one_line(head), QUOTE_CELLS);
    if head.len() < s.len() && !short.ends_with(crate::text::ELLIPSIS) {
        short.push_str(crate::text::ELLIPSIS);
    }
    short
}

/// A message with every double-quoted value in it cut short (serde_yaml's
/// errors quote whole values).
fn shorten_quoted(message: &str) -> String {
    message
        .split('"')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                shorten(part)
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_quote_values_short() {
        let long = "가".repeat(5_000_000);
        let q = quote(&long);
        assert!(crate::text::width(&q) <= QUOTE_CELLS + 2, "{}", q.len());
        assert!(q.ends_with("…\""));
        assert_eq!(quote("짧은 값\n둘째 줄"), "\"짧은 값 둘째 줄\"");
        let e = serde_yaml::from_str::<bool>(&format!("\"{}\"", "x".repeat(100_000))).unwrap_err();
        let (_, message) = describe(&e, Msg::YamlSays);
        let message = message.to_string();
        assert!(message.len() < 200, "{message}");
        assert!(
            message.starts_with("invalid type: string \"xxxx"),
            "{message}"
        );
    }
}
