//! Front matter: splitting it from the body, guarding the YAML parser
//! against hostile input, and parsing it leniently so that one bad entry
//! does not cost the whole post.

use serde_yaml::{Mapping, Value};

mod simple;

/// Front matter larger than this is reported and not parsed: serde_yaml's
/// parse time grows quadratically with nesting.
pub const MAX_FRONT_MATTER: usize = 64 * 1024;
/// Front matter nested deeper than this is reported and not parsed.
pub const MAX_DEPTH: usize = 64;

/// A file split into front matter and body.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the delimiters; `None` when the file has none.
    pub yaml: Option<&'a str>,
    /// 1-based line of the YAML's first line in the file.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
    /// The file opens front matter but never closes it.
    pub unclosed: bool,
}

fn is_delimiter(line: &str, closing: bool) -> bool {
    let t = line.trim_end();
    t == "---" || (closing && t == "...")
}

/// Split `text` (BOM already removed) at its `---` delimiters. CRLF line
/// ends are accepted.
pub fn split(text: &str) -> Split<'_> {
    let no_front = Split {
        yaml: None,
        yaml_line: 1,
        body: text,
        body_line: 1,
        unclosed: false,
    };
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if !is_delimiter(&text[..first_end], false) {
        return no_front;
    }
    let yaml_start = first_end;
    let mut pos = yaml_start;
    let mut line_no = 2;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if is_delimiter(&text[pos..end], true) {
            return Split {
                yaml: Some(&text[yaml_start..pos]),
                yaml_line: 2,
                body: &text[end..],
                body_line: line_no + 1,
                unclosed: false,
            };
        }
        pos = end;
        line_no += 1;
    }
    Split {
        yaml: None,
        yaml_line: 2,
        body: &text[yaml_start..],
        body_line: 2,
        unclosed: true,
    }
}

/// An upper estimate of how deeply `yaml` nests: block indentation levels,
/// leading `- ` markers and open flow brackets, outside quotes, comments and
/// block scalars.
pub fn nesting_depth(yaml: &str) -> usize {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut max = 0usize;
    let mut block_scalar_indent: Option<usize> = None;
    for line in yaml.lines() {
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if content.trim().is_empty() || content.starts_with('#') {
            continue;
        }
        if let Some(parent) = block_scalar_indent {
            if indent > parent {
                continue;
            }
            block_scalar_indent = None;
        }
        if flow == 0 {
            while indents.last().is_some_and(|&top| top > indent) {
                indents.pop();
            }
            if indents.last().is_none_or(|&top| top < indent) {
                indents.push(indent);
            }
        }
        let mut rest = content;
        let mut dashes = 0;
        while let Some(r) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("-\t")) {
            dashes += 1;
            rest = r.trim_start();
        }
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        let mut line_max_flow = flow;
        for c in rest.chars() {
            match quote {
                Some(q) if c == q && !(q == '"' && prev == '\\') => quote = None,
                Some(_) => {}
                None => match c {
                    '"' | '\''
                        if prev == ' '
                            || prev == '['
                            || prev == '{'
                            || prev == ','
                            || prev == ':' =>
                    {
                        quote = Some(c)
                    }
                    '#' if prev == ' ' => break,
                    '[' | '{' => {
                        flow += 1;
                        line_max_flow = line_max_flow.max(flow);
                    }
                    ']' | '}' => flow = flow.saturating_sub(1),
                    _ => {}
                },
            }
            prev = c;
        }
        max = max.max(indents.len() + dashes + line_max_flow);
        let t = rest.trim_end();
        if flow == 0 && (t.ends_with('|') || t.ends_with('>') || ends_with_block_indicator(t)) {
            block_scalar_indent = Some(indent);
        }
    }
    max
}

fn ends_with_block_indicator(t: &str) -> bool {
    let tail: String = t
        .chars()
        .rev()
        .take(3)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let tail = tail.trim_start_matches(|c: char| c != '|' && c != '>');
    tail.len() > 1
        && (tail.starts_with('|') || tail.starts_with('>'))
        && tail[1..]
            .chars()
            .all(|c| matches!(c, '-' | '+' | '1'..='9'))
}

/// One problem found in the front matter, at a line relative to the YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlProblem {
    /// 1-based line within the YAML text.
    pub line: usize,
    pub message: String,
}

/// The parsed front matter: its mapping, the raw text of each top-level
/// scalar (to show non-string scalars as written), and what went wrong.
#[derive(Debug, Default)]
pub struct Parsed {
    pub map: Mapping,
    /// (key, value as written, 1-based line) of each top-level `key: value`.
    pub raw_scalars: Vec<(String, String, usize)>,
    pub problems: Vec<YamlProblem>,
}

impl Parsed {
    /// The text after `key:` on the key's own line, as written.
    pub fn raw(&self, key: &str) -> Option<&str> {
        self.raw_scalars
            .iter()
            .rev()
            .find(|(k, ..)| k == key)
            .map(|(_, v, _)| v.as_str())
    }

    /// The 1-based line (within the YAML) where `key` is last set.
    pub fn key_line(&self, key: &str) -> Option<usize> {
        self.raw_scalars
            .iter()
            .rev()
            .find(|(k, ..)| k == key)
            .map(|(.., l)| *l)
    }
}

/// Parse `yaml`. A document that fails as a whole is parsed again one
/// top-level entry at a time, so the good entries survive; duplicate keys
/// (which Jekyll accepts) keep the last value and are reported.
pub fn parse(yaml: &str) -> Parsed {
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
    match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(map)) => parsed.map = map,
        Ok(Value::Null) => {}
        Ok(_) => parsed.problems.push(YamlProblem {
            line: 1,
            message: "front matter is not a mapping of keys to values".into(),
        }),
        Err(whole) => parse_entries(yaml, &whole, &mut parsed),
    }
    parsed
}

fn parse_entries(yaml: &str, whole: &serde_yaml::Error, parsed: &mut Parsed) {
    let before = parsed.problems.len();
    for (line, text) in top_level_entries(yaml) {
        match serde_yaml::from_str::<Value>(text) {
            Ok(Value::Mapping(map)) => {
                for (k, v) in map {
                    if parsed.map.contains_key(&k) {
                        parsed.problems.push(YamlProblem {
                            line,
                            message: format!(
                                "duplicate key {}: the last one is used",
                                key_text(&k)
                            ),
                        });
                    }
                    parsed.map.insert(k, v);
                }
            }
            Ok(_) => parsed.problems.push(YamlProblem {
                line,
                message: format!("expected `key: value`, found {}", quote(first_line(text))),
            }),
            Err(e) => parsed.problems.push(yaml_problem(&e, line)),
        }
    }
    if parsed.problems.len() == before {
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

/// A serde_yaml error as a problem at a line of the YAML (`base` is the
/// 1-based line of the parsed text within the YAML).
fn yaml_problem(e: &serde_yaml::Error, base: usize) -> YamlProblem {
    let (line, message) = describe(e);
    YamlProblem {
        line: base + line - 1,
        message,
    }
}

/// A serde_yaml error for a user: the line to look at and one line of
/// message, with the bad value in double quotes. When the error names the
/// construct it was reading ("while scanning a quoted scalar at line 2"),
/// the line is where that construct starts: that is where the slip is, not
/// at the end of the stream.
pub fn describe(e: &serde_yaml::Error) -> (usize, String) {
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
    (line, crate::text::one_line(&message.replace('`', "\"")))
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

pub fn key_text(k: &Value) -> String {
    match k {
        Value::String(s) => quote(s),
        other => quote(serde_yaml::to_string(other).unwrap_or_default().trim()),
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("").trim()
}

/// A value quoted for a message, cut short and made safe to print.
pub fn quote(s: &str) -> String {
    let one = crate::text::one_line(s);
    format!("\"{}\"", crate::text::truncate(&one, 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_with_crlf() {
        let s = split("---\r\ntitle: 가\r\n---\r\n<p>본문</p>\r\n");
        assert_eq!(s.yaml, Some("title: 가\r\n"));
        assert_eq!(s.body, "<p>본문</p>\r\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn split_without_front_matter_and_unclosed() {
        assert_eq!(split("<p>x</p>").yaml, None);
        let s = split("---\ntitle: x\n<p>본문</p>");
        assert!(s.unclosed);
        assert_eq!(s.yaml, None);
    }

    #[test]
    fn depth_counts_blocks_dashes_and_flows() {
        assert_eq!(nesting_depth("title: a\n"), 1);
        assert_eq!(nesting_depth("a:\n  b:\n    c: 1\n"), 3);
        assert_eq!(nesting_depth("a: [[[1]]]\n"), 4);
        assert_eq!(nesting_depth("a: \"[[[[\"\n"), 1);
        assert_eq!(nesting_depth("excerpt: >\n  [[[[[ 괄호 ]]]]]\n"), 1);
        let deep = format!("a: {}{}\n", "[".repeat(100), "]".repeat(100));
        assert!(nesting_depth(&deep) > MAX_DEPTH);
        assert_eq!(nesting_depth("- - - x\n"), 4);
    }

    #[test]
    fn duplicate_keys_keep_the_last_and_report() {
        let p = parse("title: 하나\ntitle: 둘\ncategories: [a]\n");
        assert_eq!(p.map.get("title").and_then(Value::as_str), Some("둘"));
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].line, 2);
        assert!(p.problems[0].message.contains("duplicate key \"title\""));
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
    fn raw_scalars_as_written() {
        let p = parse("title: 2024.10 # comment\nn: 007\n");
        assert_eq!(p.raw("title"), Some("2024.10"));
        assert_eq!(p.raw("n"), Some("007"));
    }
}
