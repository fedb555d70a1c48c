//! Front matter: splitting it from the body, guarding the YAML parser
//! against hostile input, and parsing it leniently so that one bad entry
//! does not cost the whole post.

use serde_yaml::{Mapping, Value};

use crate::i18n::{Message, Msg};

#[allow(unsafe_code)]
mod census;
mod hexo;
mod limits;
mod message;
mod simple;
mod toml_matter;

pub(crate) use hexo::split_unopened;
pub(crate) use limits::{MAX_DEPTH, MAX_FRONT_MATTER, Refusal, check};
pub(crate) use message::{explain_settings, key_text, own_error, quote};
use message::{first_line, yaml_problem};

/// YAML of `levels` anchors, each a list of nine aliases to the one before
/// ("billion laughs"), for tests.
#[cfg(test)]
pub(crate) fn alias_bomb(levels: usize) -> String {
    let mut yaml = String::from("a0: &a0 [\"ㅋ\"]\n");
    for i in 1..levels {
        let prev = format!("*a{}", i - 1);
        yaml.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 9].join(", ")));
    }
    yaml
}

/// The syntax of a front matter: YAML between `---` lines (Jekyll, Hugo)
/// or TOML between `+++` lines (Hugo).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Syntax {
    #[default]
    Yaml,
    Toml,
}

impl Syntax {
    /// The delimiter line, as a message shows it.
    pub(crate) fn delimiter(self) -> &'static str {
        match self {
            Syntax::Yaml => "---",
            Syntax::Toml => "+++",
        }
    }

    fn is_delimiter(self, line: &str, closing: bool) -> bool {
        let t = line.trim_end();
        t == self.delimiter() || (closing && self == Syntax::Yaml && t == "...")
    }
}

/// A file split into front matter and body.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    /// The text between the delimiters; `None` when the file has none.
    pub front: Option<&'a str>,
    pub syntax: Syntax,
    /// 1-based line of the front matter's first line in the file.
    pub front_line: usize,
    pub body: &'a str,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
    /// The file opens front matter but never closes it.
    pub unclosed: bool,
    /// Blank lines before the opening delimiter.
    pub blank_lines: usize,
}

/// Split `text` (BOM already removed) at its `---` (YAML) or `+++` (TOML)
/// delimiters. CRLF line ends are accepted.
pub(crate) fn split(text: &str) -> Split<'_> {
    // Hugo reads front matter after blank lines (Jekyll does not; the
    // caller says so where Jekyll reads the file).
    let mut open = 0;
    let mut blank_lines = 0;
    let first_end = loop {
        let end = text[open..].find('\n').map_or(text.len(), |i| open + i + 1);
        let line = &text[open..end];
        if end == text.len() || !line.trim_matches([' ', '\t', '\r', '\n']).is_empty() {
            break end;
        }
        open = end;
        blank_lines += 1;
    };
    let first = &text[open..first_end];
    let Some(syntax) = [Syntax::Yaml, Syntax::Toml]
        .into_iter()
        .find(|s| s.is_delimiter(first, false))
    else {
        return Split {
            front: None,
            syntax: Syntax::Yaml,
            front_line: 1,
            body: text,
            body_line: 1,
            unclosed: false,
            blank_lines: 0,
        };
    };
    let start = first_end;
    let front_line = blank_lines + 2;
    let mut pos = start;
    let mut line_no = front_line;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if syntax.is_delimiter(&text[pos..end], true) {
            return Split {
                front: Some(&text[start..pos]),
                syntax,
                front_line,
                body: &text[end..],
                body_line: line_no + 1,
                unclosed: false,
                blank_lines,
            };
        }
        pos = end;
        line_no += 1;
    }
    Split {
        front: None,
        syntax,
        front_line,
        body: &text[start..],
        body_line: front_line,
        unclosed: true,
        blank_lines,
    }
}

/// One problem found in the front matter, at a line relative to the YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlProblem {
    /// 1-based line within the YAML text.
    pub line: usize,
    pub message: Message,
}

/// The parsed front matter: its mapping, the raw text of each top-level
/// scalar (to show non-string scalars as written), and what went wrong.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub map: Mapping,
    /// (key, value as written, 1-based line) of each top-level `key: value`.
    pub raw_scalars: Vec<(String, String, usize)>,
    pub problems: Vec<YamlProblem>,
}

impl Parsed {
    /// The text after `key:` on the key's own line, as written.
    pub(crate) fn raw(&self, key: &str) -> Option<&str> {
        self.raw_scalars
            .iter()
            .rev()
            .find(|(k, ..)| k == key)
            .map(|(_, v, _)| v.as_str())
    }

    /// The 1-based line (within the YAML) where `key` is last set.
    pub(crate) fn key_line(&self, key: &str) -> Option<usize> {
        self.raw_scalars
            .iter()
            .rev()
            .find(|(k, ..)| k == key)
            .map(|(.., l)| *l)
    }
}

/// Parse a front matter written in `syntax`.
pub(crate) fn parse_as(text: &str, syntax: Syntax) -> Parsed {
    match syntax {
        Syntax::Yaml => parse(text),
        Syntax::Toml => toml_matter::parse(text),
    }
}

/// Parse `yaml`. A document that fails as a whole is parsed again one
/// top-level entry at a time, so the good entries survive; duplicate keys
/// (which Jekyll accepts) keep the last value and are reported. Merge keys
/// (`<<: *defaults`) are applied. YAML that nests too deeply is not parsed;
/// when aliases repeat too much, only the entries without aliases are.
pub(crate) fn parse(yaml: &str) -> Parsed {
    let mut parsed = Parsed {
        raw_scalars: raw_scalars(yaml),
        ..Parsed::default()
    };
    if yaml.trim().is_empty() {
        return parsed;
    }
    if let Some(map) = simple::parse(yaml) {
        parsed.map = map;
        return parsed;
    }
    if let Err(refusal) = check(yaml) {
        parsed.problems.push(YamlProblem {
            line: 1,
            message: refusal.message(),
        });
        if refusal != Refusal::TooDeep {
            parse_entries(yaml, None, &mut parsed);
        }
        return parsed;
    }
    match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(map)) => parsed.map = merged(map, 1, &mut parsed.problems),
        Ok(Value::Null) => {}
        Ok(_) => parsed.problems.push(YamlProblem {
            line: 1,
            message: Msg::NotAMapping.into(),
        }),
        Err(whole) => parse_entries(yaml, Some(&whole), &mut parsed),
    }
    parsed
}

/// `map` with its merge keys applied; a merge that cannot be applied is
/// reported and left as written.
fn merged(map: Mapping, line: usize, problems: &mut Vec<YamlProblem>) -> Mapping {
    let mut value = Value::Mapping(map);
    if let Err(e) = value.apply_merge() {
        problems.push(yaml_problem(&e, line));
    }
    match value {
        Value::Mapping(map) => map,
        _ => Mapping::new(),
    }
}

/// Parse each top-level entry on its own. `whole` is the error of the
/// whole document, reported when no entry shows a problem; without it the
/// document was refused for its aliases (already reported), and entries
/// that use aliases are left out.
fn parse_entries(yaml: &str, whole: Option<&serde_yaml::Error>, parsed: &mut Parsed) {
    let before = parsed.problems.len();
    for (line, text) in top_level_entries(yaml) {
        if whole.is_none() && census::census(text, MAX_DEPTH).aliases > 0 {
            continue;
        }
        if let Err(refusal) = check(text) {
            parsed.problems.push(YamlProblem {
                line,
                message: refusal.message(),
            });
            continue;
        }
        match serde_yaml::from_str::<Value>(text) {
            Ok(Value::Mapping(map)) => {
                for (k, v) in merged(map, line, &mut parsed.problems) {
                    if parsed.map.contains_key(&k) {
                        parsed.problems.push(YamlProblem {
                            line,
                            message: Msg::DuplicateKey.with("key", key_text(&k)),
                        });
                    }
                    parsed.map.insert(k, v);
                }
            }
            Ok(_) => parsed.problems.push(YamlProblem {
                line,
                message: Msg::ExpectedKeyValue.with("text", quote(first_line(text))),
            }),
            Err(e) => parsed.problems.push(yaml_problem(&e, line)),
        }
    }
    if let Some(whole) = whole
        && parsed.problems.len() == before
    {
        parsed.problems.push(yaml_problem(whole, 1));
    }
}

/// Top-level entries: a line at column 0 starts one; indented, blank and
/// comment lines continue it.
fn top_level_entries(yaml: &str) -> Vec<(usize, &str)> {
    let mut entries = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    let mut offset = 0;
    for (i, line) in yaml.split_inclusive('\n').enumerate() {
        let starts_entry = !line.starts_with([' ', '\t', '#', '\r', '\n', '-']);
        if starts_entry {
            if let Some((l, s)) = start {
                entries.push((l, &yaml[s..offset]));
            }
            start = Some((i + 1, offset));
        }
        offset += line.len();
    }
    if let Some((l, s)) = start {
        entries.push((l, &yaml[s..]));
    }
    entries
}

/// `key: value` on one top-level line, value as written (comment removed).
fn raw_scalars(yaml: &str) -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let Some((key, value)) = line
            .split_once(": ")
            .or_else(|| line.split_once(':').filter(|(_, v)| v.is_empty()))
        else {
            continue;
        };
        let value = match value.find(" #") {
            Some(i) => &value[..i],
            None => value,
        };
        out.push((key.trim().to_string(), value.trim().to_string(), i + 1));
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn split_with_crlf() {
        let s = split("---\r\ntitle: 가\r\n---\r\n<p>본문</p>\r\n");
        assert_eq!(s.front, Some("title: 가\r\n"));
        assert_eq!(s.body, "<p>본문</p>\r\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn front_matter_after_blank_lines_as_hugo_reads_it() {
        let s = split("\r\n \t\n---\r\ntitle: 가\r\n---\r\n본문\r\n");
        assert_eq!(s.front, Some("title: 가\r\n"));
        assert_eq!((s.front_line, s.body_line, s.blank_lines), (4, 6, 2));
        assert_eq!(s.body, "본문\r\n");
        let s = split("\n+++\ntitle = \"가\"\n");
        assert!(s.unclosed);
        assert_eq!(
            (s.front_line, s.body, s.blank_lines),
            (3, "title = \"가\"\n", 1)
        );
        // Text after blank lines is a body, all of it.
        for text in ["\n\n<p>본문</p>\n", "\n \n", "", "\n"] {
            let s = split(text);
            assert_eq!((s.front, s.body, s.body_line), (None, text, 1));
        }
    }

    #[test]
    fn split_without_front_matter_and_unclosed() {
        assert_eq!(split("<p>x</p>").front, None);
        let s = split("---\ntitle: x\n<p>본문</p>");
        assert!(s.unclosed);
        assert_eq!(s.front, None);
    }

    #[test]
    fn split_toml_front_matter() {
        let s = split("+++\r\ntitle = \"가\"\r\n+++\r\n본문\r\n");
        assert_eq!(s.syntax, Syntax::Toml);
        assert_eq!(s.front, Some("title = \"가\"\r\n"));
        assert_eq!(s.body, "본문\r\n");
        // Each syntax closes with its own delimiter only.
        let s = split("+++\ntitle = \"x\"\n---\n본문\n");
        assert!(s.unclosed);
        assert_eq!(s.syntax, Syntax::Toml);
        let s = split("---\ntitle: x\n+++\n");
        assert!(s.unclosed);
    }

    #[test]
    fn duplicate_keys_keep_the_last_and_report() {
        let p = parse("title: 하나\ntitle: 둘\ncategories: [a]\n");
        assert_eq!(p.map.get("title").and_then(Value::as_str), Some("둘"));
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].line, 2);
        assert!(
            p.problems[0]
                .message
                .to_string()
                .contains("duplicate key \"title\"")
        );
    }

    #[test]
    fn a_bad_entry_does_not_lose_the_good_ones() {
        let p = parse("title: 좋은 제목\nexcerpt: \"닫히지 않은\ncategories: [News]\n");
        assert_eq!(
            p.map.get("title").and_then(Value::as_str),
            Some("좋은 제목")
        );
        assert!(!p.problems.is_empty());
    }

    #[test]
    fn merge_keys_are_applied() {
        let p =
            parse("base: &base\n  layout: post\n  categories: [뉴스]\ntitle: 제목\n<<: *base\n");
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.map.get("layout").and_then(Value::as_str), Some("post"));
        assert!(p.map.get("<<").is_none());
    }

    #[test]
    fn an_alias_bomb_keeps_the_entries_without_aliases() {
        let yaml = format!(
            "title: 폭탄
{}tags: [a*b]
",
            alias_bomb(12)
        );
        let p = parse(&yaml);
        assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
        assert!(
            p.problems[0]
                .message
                .to_string()
                .contains("through aliases")
        );
        assert_eq!(p.map.get("title").and_then(Value::as_str), Some("폭탄"));
        assert!(p.map.get("tags").is_some(), "`*` inside text is no alias");
        assert!(p.map.get("a11").is_none());
    }

    /// `seed` with `c` inserted at every character offset, and in place of
    /// every character.
    pub(crate) fn every_offset(seed: &str, c: char) -> Vec<String> {
        let chars: Vec<char> = seed.chars().collect();
        let mut out = Vec::new();
        for i in 0..=chars.len() {
            let mut v = chars.clone();
            v.insert(i, c);
            out.push(v.iter().collect());
            if i < chars.len() {
                let mut v = chars.clone();
                v[i] = c;
                out.push(v.iter().collect());
            }
        }
        out
    }

    #[test]
    fn multi_byte_text_at_every_offset_never_panics() {
        let seeds = [
            "---\ntitle: 제목\ncategories:\n  - 뉴스\n  - \"IT\"\nexcerpt: >\n  요약\ntags: [a, 'b']\ndate: 2024-07-19 10:00:00 +0900\n---\n<p>본문</p>\n",
            "---\r\nx: &a [1, *a]\r\n<<: {k: v}\r\ny: \"\\\\\" # c\r\n...\r\n",
            "---\nexcerpt: |-\n  줄\n- 항목\n? 키\n: 값\n",
        ];
        for seed in seeds {
            for c in [
                '가', 'é', '\u{301}', '😀', '\u{feff}', '\r', '#', '\'', '"', ':', '\\',
            ] {
                for text in every_offset(seed, c) {
                    let split = split(&text);
                    if let Some(yaml) = split.front {
                        let _ = parse(yaml);
                        let _ = check(yaml);
                    }
                    let _ = raw_scalars(&text);
                    let _ = quote(&text);
                }
            }
        }
    }

    #[test]
    fn raw_scalars_as_written() {
        let p = parse("title: 2024.10 # comment\nn: 007\n");
        assert_eq!(p.raw("title"), Some("2024.10"));
        assert_eq!(p.raw("n"), Some("007"));
    }
}
