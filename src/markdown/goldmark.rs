//! goldmark's attribute lists, as Hugo reads them: `{#id .class key="v"}`
//! at the end of a heading (on unless `markup.goldmark.parser.attribute.
//! title` is off), and on a line of its own after a block (when
//! `attribute.block` is on). They set HTML attributes and are never shown.

/// Which of goldmark's attribute lists a site's Markdown reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Attributes {
    /// After a heading, on its line.
    pub headings: bool,
    /// On a line of their own, for the block before.
    pub blocks: bool,
}

impl Attributes {
    /// Hugo's defaults: headings' lists read, blocks' not.
    pub const HUGO: Attributes = Attributes {
        headings: true,
        blocks: false,
    };

    pub fn any(self) -> bool {
        self.headings || self.blocks
    }
}

/// Longest attribute list read as one; longer ones stay text.
const MAX_LIST: usize = 512;

/// The end of the attribute list starting at `start` (a `{`), when
/// `attributes` reads one there: the list ends its line, and either the
/// line is a heading's or the list is alone on it.
pub(crate) fn list_at(src: &str, start: usize, attributes: Attributes) -> Option<usize> {
    let end = start + list_len(src.get(start..)?)?;
    if !ends_line(src, end) {
        return None;
    }
    let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = inside_containers(&src[line_start..start]);
    let alone = before.len() <= 3 && before.bytes().all(|b| b == b' ');
    let heading = is_heading(before) || (!alone && before_underline(src, end));
    let ok = (attributes.headings && heading) || (attributes.blocks && alone);
    ok.then_some(end)
}

/// A line's text inside the quotes and list items it is in (`> - ## 제목`
/// is a heading's line).
fn inside_containers(mut line: &str) -> &str {
    loop {
        let text = line.trim_start_matches(' ');
        if line.len() - text.len() > 3 {
            return line;
        }
        if let Some(rest) = text.strip_prefix('>') {
            line = rest.strip_prefix(' ').unwrap_or(rest);
            continue;
        }
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        let marker = match text.as_bytes().get(digits) {
            Some(b'-' | b'*' | b'+') if digits == 0 => 1,
            Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
            _ => return text,
        };
        match text[marker..].strip_prefix([' ', '\t']) {
            Some(rest) => line = rest,
            None => return text,
        }
    }
}

/// Whether the line after the one ending at `end` underlines it as a
/// setext heading (`===` or `---`).
fn before_underline(src: &str, end: usize) -> bool {
    let Some(newline) = src[end..].find('\n') else {
        return false;
    };
    let next = src[end + newline + 1..]
        .split('\n')
        .next()
        .unwrap_or_default();
    let text = next.trim_start_matches(' ');
    if next.len() - text.len() > 3 {
        return false;
    }
    let text = text.trim_end_matches([' ', '\t', '\r']);
    let underline = |c: char| !text.is_empty() && text.chars().all(|t| t == c);
    underline('=') || underline('-')
}

/// Whether only spaces are left on the line at `at` (looked at up to
/// the first other character: a long line of lists costs each one a
/// look at what follows it, not the line).
pub(crate) fn ends_line(src: &str, at: usize) -> bool {
    src.as_bytes()[at..]
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\r'))
        .is_none_or(|&b| b == b'\n')
}

/// Whether a line beginning `before` is an ATX heading's (`## 제목 `):
/// up to three spaces, one to six `#`, then a space.
fn is_heading(before: &str) -> bool {
    let text = before.trim_start_matches(' ');
    if before.len() - text.len() > 3 {
        return false;
    }
    let hashes = text.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && text[hashes..].starts_with([' ', '\t'])
}

/// The length of the list at the start of `rest` (`{` to `}`), as goldmark
/// parses one: `#id`, `.class` and `name=value` (quoted or bare), apart
/// by spaces, on one line.
fn list_len(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    if b.first() != Some(&b'{') {
        return None;
    }
    let mut i = 1;
    loop {
        while matches!(b.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        match b.get(i)? {
            // `{}` too: an empty list, as goldmark takes it.
            b'}' => return Some(i + 1),
            b'#' | b'.' => {
                let len = word(&b[i + 1..]);
                if len == 0 {
                    return None;
                }
                i += 1 + len;
            }
            c if c.is_ascii_alphabetic() || *c == b'_' || *c == b':' => {
                i += b[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || b"_:.-".contains(c))
                    .count();
                if b.get(i) != Some(&b'=') {
                    return None;
                }
                i += 1 + value_len(&b[i + 1..])?;
            }
            _ => return None,
        }
        if i > MAX_LIST || !matches!(b.get(i), Some(b' ' | b'\t' | b'}')) {
            return None;
        }
    }
}

/// An id's or a class's length: up to a space or the list's end.
fn word(b: &[u8]) -> usize {
    b.iter()
        .take_while(|c| !matches!(c, b' ' | b'\t' | b'}' | b'{' | b'\n' | b'\r'))
        .count()
}

/// A value's length: quoted (a `\` escapes), or bare up to a space.
fn value_len(b: &[u8]) -> Option<usize> {
    match b.first()? {
        quote @ (b'"' | b'\'') => {
            let mut i = 1;
            loop {
                match b.get(i)? {
                    b'\\' => i += 2,
                    b'\n' => return None,
                    c if c == quote => return Some(i + 1),
                    _ => i += 1,
                }
            }
        }
        _ => match word(b) {
            0 => None,
            len => Some(len),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: Attributes = Attributes {
        headings: true,
        blocks: true,
    };

    fn at(src: &str, attributes: Attributes) -> Option<&str> {
        let start = src.find('{')?;
        list_at(src, start, attributes).map(|end| &src[start..end])
    }

    #[test]
    fn lists_after_headings() {
        let src = "## 첫 제목 {#first .big data-x=\"1 2\"}\n본문";
        assert_eq!(
            at(src, Attributes::HUGO),
            Some("{#first .big data-x=\"1 2\"}")
        );
        assert_eq!(at("### 셋 {.a}  \n", Attributes::HUGO), Some("{.a}"));
        assert_eq!(at("   # 하나 {#a}", Attributes::HUGO), Some("{#a}"));
        // Not a heading's line, not at its end, or turned off.
        assert_eq!(at("문단 {#a}\n", Attributes::HUGO), None);
        assert_eq!(at("## 제목 {#a} 뒤\n", Attributes::HUGO), None);
        assert_eq!(at("####### 일곱 {#a}\n", Attributes::HUGO), None);
        assert_eq!(at("    ## 코드 {#a}\n", Attributes::HUGO), None);
        assert_eq!(at("## 제목 {#a}\n", Attributes::default()), None);
    }

    #[test]
    fn lists_on_lines_of_their_own() {
        assert_eq!(at("문단.\n{.lead}\n", BOTH), Some("{.lead}"));
        assert_eq!(
            at("> 인용\n{icon=\"email\" hideIcon=true}\n", BOTH),
            Some("{icon=\"email\" hideIcon=true}")
        );
        assert_eq!(at("문단.\n{.lead}\n", Attributes::HUGO), None);
        assert_eq!(at("글 {.lead}\n", BOTH), None, "after text on its line");
    }

    #[test]
    fn lists_inside_quotes_and_items_and_under_setext_headings() {
        assert_eq!(at("> ## 인용 속 {.c}\n", Attributes::HUGO), Some("{.c}"));
        assert_eq!(at("- ## 항목 속 {.c}\n", Attributes::HUGO), Some("{.c}"));
        assert_eq!(at("> 1. ### 둘 {#d}\n", Attributes::HUGO), Some("{#d}"));
        assert_eq!(at("> 인용\n> {.q}\n", BOTH), Some("{.q}"));
        assert_eq!(at("제목 {#sid}\n===\n", Attributes::HUGO), Some("{#sid}"));
        assert_eq!(
            at("제목 {#sid}\n  ---  \n", Attributes::HUGO),
            Some("{#sid}")
        );
        assert_eq!(at("문단 {#p}\n다음 줄\n", Attributes::HUGO), None);
        assert_eq!(at("## 빈 {}\n", Attributes::HUGO), Some("{}"));
        assert_eq!(at("-## 아님 {.c}\n", Attributes::HUGO), None);
    }

    #[test]
    fn what_is_not_a_list() {
        for src in [
            "{#}",
            "{.a",
            "{a}",
            "{a=}",
            "{a=\"열린}",
            "{a=\"x\"b=1}",
            "{ a: 1 }",
            "{{ .Title }}",
            "{%raw%}",
        ] {
            assert_eq!(list_len(src), None, "{src}");
        }
        let long = format!("{{.{}}}", "a".repeat(MAX_LIST + 1));
        assert_eq!(list_len(&long), None);
    }
}
