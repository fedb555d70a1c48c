//! A fast path for the front matter most posts have: `key: text`, folded
//! `key: >` blocks, block lists of text and flow lists of text. It gives
//! exactly the mapping serde_yaml gives, or `None` as soon as it meets
//! anything else (then serde_yaml parses). Reading front matter is most of
//! what `--list` and the reader's first frame cost; this makes it a third
//! of that.

use serde_yaml::{Mapping, Value};

/// The mapping of `yaml` if it is made only of the simple forms.
pub(super) fn parse(yaml: &str) -> Option<Mapping> {
    let lines: Vec<&str> = yaml
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut map = Mapping::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if line.trim().is_empty() {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        if !is_plain_key(key) || !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        let rest = rest.trim();
        let value = match rest {
            "" => {
                // A block list follows (or the value is null).
                let mut items = Vec::new();
                while i < lines.len() && lines[i].starts_with("  - ") {
                    items.push(Value::String(scalar(lines[i][4..].trim())?));
                    i += 1;
                }
                if items.is_empty() {
                    if i < lines.len() && lines[i].starts_with([' ', '\t', '-']) {
                        return None;
                    }
                    Value::Null
                } else {
                    Value::Sequence(items)
                }
            }
            ">" => {
                let mut words = Vec::new();
                while i < lines.len() && lines[i].starts_with("  ") {
                    let text = &lines[i][2..];
                    if text.starts_with([' ', '\t'])
                        || text.trim().is_empty()
                        || text.ends_with([' ', '\t'])
                    {
                        return None;
                    }
                    words.push(text);
                    i += 1;
                }
                if words.is_empty() {
                    return None;
                }
                Value::String(words.join(" ") + "\n")
            }
            r if r.starts_with('[') => {
                let inner = r.strip_prefix('[')?.strip_suffix(']')?;
                if inner.contains(['[', ']', '{', '}', '"', '\'']) {
                    return None;
                }
                let items: Option<Vec<Value>> = if inner.trim().is_empty() {
                    Some(Vec::new())
                } else {
                    inner
                        .split(',')
                        .map(|item| scalar(item.trim()).map(Value::String))
                        .collect()
                };
                Value::Sequence(items?)
            }
            r => Value::String(scalar(r)?),
        };
        if i < lines.len() && lines[i].starts_with([' ', '\t']) && !lines[i].trim().is_empty() {
            return None;
        }
        let key = Value::String(key.to_string());
        if map.contains_key(&key) {
            return None;
        }
        map.insert(key, value);
    }
    Some(map)
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && !key.starts_with('-')
}

/// A scalar that is text for certain: single-quoted, double-quoted without
/// escapes, or plain and neither null, boolean nor a number.
fn scalar(s: &str) -> Option<String> {
    if let Some(inner) = s.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
        if inner.replace("''", "").contains('\'') {
            return None;
        }
        return Some(inner.replace("''", "'"));
    }
    if let Some(inner) = s.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        return (!inner.contains(['"', '\\'])).then(|| inner.to_string());
    }
    let first = s.chars().next()?;
    let special_start = "-?:,[]{}#&*!|>'\"%@`~".contains(first);
    if special_start || s.contains(": ") || s.contains(" #") || s.ends_with(':') || s.contains('\t')
    {
        return None;
    }
    if looks_typed(s) {
        return None;
    }
    Some(s.to_string())
}

/// Plain scalars YAML would (or might) read as something other than text:
/// null, booleans in any case, numbers in any notation.
fn looks_typed(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "null" | "true" | "false" | "~" | "yes" | "no" | "on" | "off"
    ) {
        return true;
    }
    let unsigned = lower.trim_start_matches(['+', '-']);
    let unsigned = unsigned.replace('_', "");
    unsigned.starts_with(".inf")
        || unsigned.starts_with(".nan")
        || unsigned.starts_with("0x")
        || unsigned.starts_with("0o")
        || unsigned.starts_with("0b")
        || unsigned.parse::<f64>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path either declines or agrees with serde_yaml.
    fn agrees(yaml: &str) -> bool {
        match parse(yaml) {
            None => false,
            Some(fast) => {
                let slow: Value = serde_yaml::from_str(yaml).expect("valid YAML in the test");
                assert_eq!(Value::Mapping(fast), slow, "{yaml}");
                true
            }
        }
    }

    #[test]
    fn seed_shaped_front_matter_takes_the_fast_path() {
        let yaml = "title: IT당국 Microsoft 원인 파악 공식 요청에 따른 긴급 상황!\ncategories:\n  - News\n  - \"IT 뉴스\"\nexcerpt: >\n  마이크로소프트 클라우드 서비스 장애로 국내 항공·게임업계가 큰 피해를 입었습니다.\n  둘째 줄입니다.\nimage: '/assets/img/newsdao_breakingnews.jpg'\ndate: 2024-07-19 10:00:00 +0900\ntags: [도서관, 지역사회]\nempty:\n";
        assert!(agrees(yaml));
    }

    #[test]
    fn anything_unusual_goes_to_serde_yaml() {
        for yaml in [
            "title: 2024\n",
            "published: false\n",
            "title: \"탈출\\e문자\"\n",
            "tags: [도서관, 2026]\n",
            "a: b: c\n",
            "title: x # comment\n",
            "excerpt: |\n  literal\n",
            "excerpt: >-\n  kept\n",
            "nested:\n  key: value\n",
            "title: a\ntitle: b\n",
            "list:\n- item\n",
            "title: &anchor x\n",
            "x: 1.5\n",
            "x: ~\n",
            "x: .5\n",
            "x: 1_000\n",
            "x: 0x1F\n",
            "x: inf\n",
            "x: NaN\n",
            "x: No\n",
            "excerpt: >\n  trailing space \n",
        ] {
            assert!(parse(yaml).is_none() || agrees(yaml), "{yaml}");
            assert!(parse(yaml).is_none(), "declined: {yaml}");
        }
    }

    #[test]
    fn dates_and_versions_are_text() {
        assert!(agrees(
            "date: 2024-07-19\nversion: v2.1\ntime: 2024-07-19 10:00:00 +0900\n"
        ));
    }

    #[test]
    fn crlf_and_blank_lines() {
        assert!(agrees(
            "title: 윈도우\r\ncategories:\r\n  - 기술\r\n\r\nimage: x.jpg\r\n"
        ));
    }

    mod agreement {
        use super::*;
        use proptest::prelude::*;

        fn value() -> impl Strategy<Value = String> {
            prop::sample::select(vec![
                "제주항공",
                "IT 대란 원인!",
                "2024-07-19",
                "2024-07-19 10:00:00 +0900",
                "v2.1",
                "1.5",
                "2026",
                "-3",
                "true",
                "False",
                "no",
                "~",
                "null",
                "'작은따옴표'",
                "'it''s'",
                "\"큰따옴표\"",
                "\"탈\\e출\"",
                "a: b",
                "x # y",
                "#tag",
                "- item",
                "[a, b]",
                "[도서관, 2026]",
                "[]",
                "&a x",
                "*a",
                "!tag x",
                ">",
                "|",
                "",
                "0x1F",
                ".inf",
                "a,b",
                "{a: 1}",
                "@at",
                "`tick`",
                "%pct",
                "?q",
                "값:",
                "한 줄 \t 탭",
            ])
            .prop_map(str::to_string)
        }

        fn line() -> impl Strategy<Value = String> {
            let key = prop::sample::select(vec![
                "title",
                "categories",
                "tags",
                "excerpt",
                "image",
                "date",
                "x_1",
                "a-b",
                "제목",
            ]);
            prop_oneof![
                (key.clone(), value()).prop_map(|(k, v)| format!("{k}: {v}")),
                (key.clone(), prop::collection::vec(value(), 1..3)).prop_map(|(k, vs)| {
                    format!(
                        "{k}:\n{}",
                        vs.iter()
                            .map(|v| format!("  - {v}"))
                            .collect::<Vec<_>>()
                            .join("\n")
                    )
                }),
                (key, prop::collection::vec(value(), 1..3)).prop_map(|(k, vs)| {
                    format!(
                        "{k}: >\n{}",
                        vs.iter()
                            .map(|v| format!("  {v}"))
                            .collect::<Vec<_>>()
                            .join("\n")
                    )
                }),
                Just(String::new()),
                Just("# comment".to_string()),
            ]
        }

        proptest! {
            #[test]
            fn the_fast_path_agrees_with_serde_yaml_or_declines(lines in prop::collection::vec(line(), 0..8)) {
                let yaml = lines.join("\n") + "\n";
                if let Some(fast) = parse(&yaml) {
                    let slow: Result<Value, _> = serde_yaml::from_str(&yaml);
                    prop_assert!(slow.is_ok(), "fast path took invalid YAML: {yaml}");
                    let slow = slow.unwrap_or(Value::Null);
                    let slow = if slow.is_null() { Value::Mapping(Mapping::new()) } else { slow };
                    prop_assert_eq!(Value::Mapping(fast), slow, "{}", yaml);
                }
            }
        }
    }
}
