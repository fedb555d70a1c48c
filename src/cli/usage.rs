//! A usage error from clap as one line in the interface's language: the
//! kinds a user meets are said from the catalog with clap's own values (the
//! argument, the value, the valid ones, the suggestion); any other kind
//! keeps the first line of clap's English.

use std::error::Error as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::{Lang, Message, Msg};

/// The one line that says what was wrong with the command line, in `lang`.
pub(super) fn usage_line(e: &clap::Error, lang: Lang) -> String {
    let line = catalog_message(e).map_or_else(|| clap_first_line(e), |m| m.say(lang));
    Msg::SeeHelp.fill(lang, &[("error", &line)])
}

/// The error as a catalog message, when its kind is one sinmun says itself.
fn catalog_message(e: &clap::Error) -> Option<Message> {
    let arg = || text(e, ContextKind::InvalidArg);
    let message = match e.kind() {
        ErrorKind::UnknownArgument => {
            let unknown = Msg::UsageUnknown.with("arg", arg()?);
            let similar = text(e, ContextKind::SuggestedArg);
            detailed(unknown, Msg::UsageSimilar, "similar", similar)
        }
        ErrorKind::InvalidValue => {
            let value = text(e, ContextKind::InvalidValue)?;
            if value.is_empty() {
                return Some(Msg::UsageNeedsValue.with("arg", arg()?));
            }
            let bad = Msg::UsageBadValue.with("arg", arg()?).with("value", value);
            let valid = text(e, ContextKind::ValidValue);
            detailed(bad, Msg::UsagePossible, "valid", valid)
        }
        ErrorKind::ValueValidation => {
            let value = text(e, ContextKind::InvalidValue)?;
            let bad = Msg::UsageBadValue.with("arg", arg()?).with("value", value);
            detailed(bad, Msg::UsageBecause, "why", e.source())
        }
        ErrorKind::ArgumentConflict => Msg::UsageConflict
            .with("arg", arg()?)
            .with("prior", text(e, ContextKind::PriorArg)?),
        ErrorKind::MissingRequiredArgument => Msg::UsageRequires.with("args", arg()?),
        ErrorKind::InvalidUtf8 => Msg::UsageNotUtf8.into(),
        _ => return None,
    };
    Some(message)
}

/// `error` inside `outer` with `detail` as `name`, when there is one.
fn detailed(
    error: Message,
    outer: Msg,
    name: &'static str,
    detail: Option<impl std::fmt::Display>,
) -> Message {
    match detail {
        Some(detail) => outer.with_msg("error", error).with(name, detail),
        None => error,
    }
}

/// A context value of the error as text (a list joined with commas); a
/// long value is quoted short.
fn text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    let short = |v: &String| crate::sanitize::quote(v);
    match e.get(kind)? {
        ContextValue::String(v) => Some(short(v)),
        ContextValue::Strings(vs) => Some(vs.iter().map(short).collect::<Vec<_>>().join(", ")),
        ContextValue::StyledStr(s) => Some(short(&s.to_string())),
        ContextValue::StyledStrs(ss) => Some(
            ss.iter()
                .map(|s| short(&s.to_string()))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The first line of clap's own message, its long values quoted short.
fn clap_first_line(e: &clap::Error) -> String {
    let text = e.to_string();
    let first = text.lines().next().unwrap_or("invalid arguments");
    let mut first = first.strip_prefix("error: ").unwrap_or(first).to_string();
    for (_, value) in e.context() {
        if let ContextValue::String(v) = value
            && v.chars().count() > crate::sanitize::QUOTE_CHARS
        {
            first = first.replace(v.as_str(), &crate::sanitize::quote(v));
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::Args;
    use clap::Parser;

    fn said(args: &[&str], lang: Lang) -> String {
        let e = Args::try_parse_from(args).expect_err("a usage error");
        usage_line(&e, lang)
    }

    #[test]
    fn unknown_arguments_name_a_similar_one() {
        assert_eq!(
            said(&["sinmun", "--lst"], Lang::En),
            "unexpected argument '--lst' found (a similar one exists: '--list'); see 'sinmun --help'"
        );
        assert_eq!(
            said(&["sinmun", "--lst"], Lang::Ko),
            "알 수 없는 인자 '--lst' (비슷한 인자: '--list'); 'sinmun --help'를 보세요"
        );
    }

    #[test]
    fn invalid_values_list_the_possible_ones() {
        assert_eq!(
            said(&["sinmun", "--images", "foo"], Lang::Ko),
            "'--images <HOW>'에 맞지 않는 값 'foo' (가능한 값: auto, halfblocks, off); 'sinmun --help'를 보세요"
        );
        let en = said(&["sinmun", "--images", "foo"], Lang::En);
        assert!(
            en.starts_with("invalid value 'foo' for '--images <HOW>' (possible values: auto"),
            "{en}"
        );
    }

    #[test]
    fn conflicts_requirements_and_missing_values_are_said_in_korean() {
        let conflict = said(&["sinmun", "--list", "--check"], Lang::Ko);
        assert!(conflict.contains("함께 쓸 수 없음"), "{conflict}");
        let requires = said(&["sinmun", "--width", "40"], Lang::Ko);
        assert!(
            requires.starts_with("필요한 인자가 빠짐: ") && requires.contains("--dump"),
            "{requires}"
        );
        let needs = said(&["sinmun", "--images"], Lang::Ko);
        assert!(needs.contains("값이 필요함"), "{needs}");
        let bad = said(&["sinmun", "--dump", "x", "--width", "abc"], Lang::Ko);
        assert!(
            bad.starts_with("'--width <N>'에 맞지 않는 값 'abc', 이유: "),
            "{bad}"
        );
    }
}
