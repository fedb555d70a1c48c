//! Finding Liquid tags and outputs in text: where each starts and ends,
//! the end tag of a block, and the tags of `raw` pairs.

use std::borrow::Cow;

/// Longest tag or output read as one (longer ones stay text).
const MAX_TAG: usize = 2048;
const MAX_OUTPUT: usize = 512;

/// One `{% name markup %}` tag.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tag<'s> {
    pub start: usize,
    pub end: usize,
    pub name: &'s str,
    pub markup: &'s str,
}

/// The tag starting at `start`, when it is one: `{%`, an optional `-`, a
/// name of letters, digits and `_`, its markup, and `%}` within
/// [`MAX_TAG`] bytes and no blank line.
pub(super) fn tag_at(src: &str, start: usize) -> Option<Tag<'_>> {
    let rest = src.get(start..)?.strip_prefix("{%")?;
    let limit = &rest[..floor_boundary(rest, MAX_TAG)];
    let close = limit.find("%}")?;
    let inner = &rest[..close];
    if inner.contains("\n\n") || inner.contains("{%") {
        return None;
    }
    let inner = inner.strip_prefix('-').unwrap_or(inner);
    let inner = inner.strip_suffix('-').unwrap_or(inner).trim();
    let name_len = inner
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    let name = &inner[..name_len];
    if !name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    Some(Tag {
        start,
        end: start + 2 + close + 2,
        name,
        markup: inner[name_len..].trim(),
    })
}

/// The output `{{ … }}` starting at `start`: its end and its expression.
/// It stays on one line, holds no `$` (TeX braces are not Liquid) and is
/// at most [`MAX_OUTPUT`] bytes long.
pub(super) fn output_at(src: &str, start: usize) -> Option<(usize, &str)> {
    let rest = src.get(start..)?.strip_prefix("{{")?;
    let limit = &rest[..floor_boundary(rest, MAX_OUTPUT)];
    let close = limit.find("}}")?;
    let inner = &rest[..close];
    if inner.contains(['\n', '$', '{']) {
        return None;
    }
    let inner = inner.strip_prefix('-').unwrap_or(inner);
    let inner = inner.strip_suffix('-').unwrap_or(inner);
    Some((start + 2 + close + 2, inner))
}

pub(super) fn floor_boundary(s: &str, max: usize) -> usize {
    let mut i = max.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The `{% endNAME %}` closing the block `name` opened before `from`,
/// counting nested blocks of the same name and skipping `raw` content.
pub(super) fn find_end<'s>(src: &'s str, from: usize, name: &str) -> Option<Tag<'s>> {
    let mut depth = 0usize;
    let mut pos = from;
    let mut raw_unclosed = false;
    while let Some(off) = src.get(pos..)?.find("{%") {
        let at = pos + off;
        let Some(tag) = tag_at(src, at) else {
            pos = at + 2;
            continue;
        };
        pos = tag.end;
        if tag.name == "raw" && !raw_unclosed {
            match find_raw_end(src, tag.end) {
                Some(t) => pos = t.end,
                // No `endraw` after this one means none after the next.
                None => raw_unclosed = true,
            }
        } else if tag.name == name {
            depth += 1;
        } else if tag.name.strip_prefix("end") == Some(name) {
            if depth == 0 {
                return Some(tag);
            }
            depth -= 1;
        }
    }
    None
}

pub(super) fn find_raw_end(src: &str, from: usize) -> Option<Tag<'_>> {
    let mut pos = from;
    while let Some(off) = src.get(pos..)?.find("{%") {
        let at = pos + off;
        match tag_at(src, at) {
            Some(tag) if tag.name == "endraw" => return Some(tag),
            _ => pos = at + 2,
        }
    }
    None
}

/// `text` with each `{% raw %}` … `{% endraw %}` pair's tags taken out:
/// Jekyll shows what is between them, so code keeps that.
pub(crate) fn strip_raw_markers(text: &str) -> Cow<'_, str> {
    if !text.contains("{%") {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut copied = 0;
    let mut pos = 0;
    while let Some(off) = text[pos..].find("{%") {
        let at = pos + off;
        let raw = tag_at(text, at).filter(|t| t.name == "raw");
        let Some(open) = raw else {
            pos = at + 2;
            continue;
        };
        let Some(close) = find_raw_end(text, open.end) else {
            break;
        };
        out.push_str(&text[copied..open.start]);
        out.push_str(&text[open.end..close.start]);
        copied = close.end;
        pos = close.end;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_markers_come_out_of_code() {
        assert_eq!(
            strip_raw_markers("a {% raw %}{{ x }}{% endraw %} b"),
            "a {{ x }} b"
        );
        assert_eq!(strip_raw_markers("{% raw %} open"), "{% raw %} open");
    }
}
