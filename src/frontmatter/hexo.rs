//! Hexo's other front matter: YAML from the first line, closed by a `---`
//! line, with no opening one (what `hexo new` wrote before version 3, and
//! what Hexo still reads).

use super::{Split, Syntax};

/// `text` split as Hexo splits a post that does not open with `---`: its
/// first line is a YAML key (`title: …`) and a `---` line closes the front
/// matter. `None` when it is not so written.
pub(crate) fn split_unopened(text: &str) -> Option<Split<'_>> {
    let first = text.lines().next()?;
    if !is_yaml_key(first) {
        return None;
    }
    let mut pos = 0;
    let mut line_no = 1;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line.len() >= 3 && line.bytes().all(|b| b == b'-') {
            return Some(Split {
                front: Some(&text[..pos]),
                syntax: Syntax::Yaml,
                front_line: 1,
                body: &text[end..],
                body_line: line_no + 1,
                unclosed: false,
                blank_lines: 0,
            });
        }
        pos = end;
        line_no += 1;
    }
    None
}

/// `key:` or `key: value`, the key a word without spaces.
fn is_yaml_key(line: &str) -> bool {
    let Some((key, value)) = line.split_once(':') else {
        return false;
    };
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        && (value.is_empty() || value.starts_with([' ', '\t', '\r']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_closed_without_an_opening_line() {
        let s =
            split_unopened("title: 옛 글\r\ndate: 2014-05-01 10:00:00\r\n---\r\n본문\n").unwrap();
        assert_eq!(
            s.front,
            Some("title: 옛 글\r\ndate: 2014-05-01 10:00:00\r\n")
        );
        assert_eq!((s.body, s.body_line), ("본문\n", 4));
        let s = split_unopened("layout: post\n----\n").unwrap();
        assert_eq!((s.front, s.body), (Some("layout: post\n"), ""));
    }

    #[test]
    fn prose_and_unclosed_keys_are_not_front_matter() {
        for text in [
            "오늘의 기록: 맑음\n---\n본문",
            "http://example.kr 참고\n---\n",
            "title: 닫히지 않음\n본문만 있다\n",
            "",
            "# 제목\n---\n",
        ] {
            assert_eq!(split_unopened(text), None, "{text:?}");
        }
    }
}
