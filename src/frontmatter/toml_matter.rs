//! TOML front matter (`+++` … `+++`, as Hugo writes it), read with the
//! `toml` crate into the same mapping YAML front matter gives, so every key
//! is understood the same way whatever the syntax. The same limits hold:
//! the size cap is checked by the caller, nesting deeper than `MAX_DEPTH`
//! is refused, and a document that fails as a whole keeps the entries that
//! parse on their own.

use serde_yaml::{Mapping, Number, Value};

use super::{MAX_DEPTH, Parsed, Refusal, YamlProblem};
use crate::i18n::Msg;

/// Parse TOML front matter.
pub(super) fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed {
        raw_scalars: raw_scalars(text),
        ..Parsed::default()
    };
    match text.parse::<toml::Table>() {
        Ok(table) => match mapping(table) {
            Ok(map) => parsed.map = map,
            Err(refusal) => parsed.problems.push(YamlProblem {
                line: 1,
                message: refusal.message(),
            }),
        },
        Err(whole) => {
            parsed.problems.push(problem(text, &whole, 1));
            for piece in pieces(text) {
                if let Ok(Ok(map)) = piece.parse::<toml::Table>().map(mapping) {
                    parsed.map.extend(map);
                }
            }
        }
    }
    parsed
}

/// A toml error as a problem at its line (`base`: the 1-based line of
/// `text` within the front matter).
fn problem(text: &str, e: &toml::de::Error, base: usize) -> YamlProblem {
    let line = e
        .span()
        .and_then(|span| text.get(..span.start))
        .map_or(1, |before| before.matches('\n').count() + 1);
    YamlProblem {
        line: base + line - 1,
        message: Msg::TomlSays.with("error", crate::text::one_line(e.message().trim())),
    }
}

/// A TOML table as a YAML mapping, or a refusal when it nests too deeply.
fn mapping(table: toml::Table) -> Result<Mapping, Refusal> {
    let mut map = Mapping::new();
    for (k, v) in table {
        map.insert(Value::String(k), value(v, 1)?);
    }
    Ok(map)
}

fn value(v: toml::Value, depth: usize) -> Result<Value, Refusal> {
    if depth > MAX_DEPTH {
        return Err(Refusal::TooDeep);
    }
    Ok(match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(Number::from(i)),
        toml::Value::Float(f) => Value::Number(Number::from(f)),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Sequence(
            items
                .into_iter()
                .map(|item| value(item, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        toml::Value::Table(table) => {
            let mut map = Mapping::new();
            for (k, v) in table {
                map.insert(Value::String(k), value(v, depth + 1)?);
            }
            Value::Mapping(map)
        }
    })
}

/// The pieces of a TOML text that parse on their own: each top-level
/// `key = value` (a line at column 0 starts one), and each table from its
/// `[header]` to the next.
fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut in_table = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let header = line.starts_with('[');
        let starts = header || (!in_table && !line.starts_with([' ', '\t', '#', '\r', '\n', ']']));
        if starts {
            if let Some(s) = start {
                out.push(&text[s..offset]);
            }
            start = Some(offset);
            in_table |= header;
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// `key = value` on one top-level line (before any table header), value
/// as written with a trailing comment removed.
fn raw_scalars(text: &str) -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('[') {
            break;
        }
        if line.starts_with([' ', '\t', '#']) {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim().trim_matches(['"', '\'']);
        let value = match value.find(" #") {
            Some(i) => &value[..i],
            None => value,
        };
        out.push((key.to_string(), value.trim().to_string(), i + 1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(p: &Parsed, key: &str) -> Option<String> {
        p.map.get(key).map(crate::post::yaml_text)
    }

    #[test]
    fn hugo_front_matter_becomes_the_same_mapping_as_yaml() {
        let p = parse(
            "title = \"제주 여행 첫날\"\ndate = 2024-07-19T10:00:00+09:00\ndraft = true\ncategories = [\"여행\", \"제주\"]\ntags = [\"바다\"]\n\n[params]\nsubtitle = \"부제\"\n",
        );
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(text(&p, "title").as_deref(), Some("제주 여행 첫날"));
        assert_eq!(
            text(&p, "date").as_deref(),
            Some("2024-07-19T10:00:00+09:00")
        );
        assert_eq!(p.map.get("draft"), Some(&Value::Bool(true)));
        assert_eq!(
            p.map.get("categories"),
            Some(&Value::Sequence(vec!["여행".into(), "제주".into()]))
        );
        assert!(matches!(p.map.get("params"), Some(Value::Mapping(_))));
        assert_eq!(p.key_line("tags"), Some(5));
        assert_eq!(p.raw("draft"), Some("true"));
    }

    #[test]
    fn an_error_has_its_line_and_the_good_entries_stay() {
        let p = parse("title = \"좋은 제목\"\ntags = [\"a\",\nbad = = 1\ndate = 2024-07-19\n");
        assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
        assert!(p.problems[0].line >= 2, "{:?}", p.problems);
        assert_eq!(text(&p, "title").as_deref(), Some("좋은 제목"));
        assert_eq!(text(&p, "date").as_deref(), Some("2024-07-19"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        for deep in [
            format!("x = {}1{}\n", "[".repeat(70), "]".repeat(70)),
            format!("x = {}1{}\n", "{a = ".repeat(70), "}".repeat(70)),
            format!("{} = 1\n", vec!["a"; 70].join(".")),
            format!("[{}]\nb = 1\n", vec!["a"; 70].join(".")),
            format!("x = {}1{}\n", "[".repeat(30_000), "]".repeat(30_000)),
        ] {
            let p = parse(&deep);
            assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
            assert!(p.map.get("x").is_none() && p.map.get("a").is_none());
        }
        let ok = parse(&format!("x = {}1{}\n", "[".repeat(60), "]".repeat(60)));
        assert!(ok.problems.is_empty());
    }
}
