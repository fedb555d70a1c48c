//! Recognising Markdown's lines before comrak reads them: code fences,
//! indented code, code spans, and the lines kramdown reads differently
//! from CommonMark. The scan uses these to leave code as written.

/// What the lines before tell about the next: enough to know an indented
/// code block when one starts.
#[derive(Debug, Default)]
pub(super) struct LineState {
    /// The previous line was blank (or there was none).
    pub blank_before: bool,
    /// The column a list item's content starts at, while in a list.
    pub list_content: usize,
}

impl LineState {
    /// Whether `line` starts an indented code block, then note it.
    pub(super) fn starts_indented_code(&mut self, line: &str, first: bool) -> bool {
        let blank = line.trim().is_empty();
        let indent = indentation(line);
        let code = !blank && (first || self.blank_before) && indent >= self.list_content + 4;
        if !blank && !code {
            if let Some(content) =
                list_item_content(line).filter(|_| indent < self.list_content + 4)
            {
                self.list_content = content;
            } else if self.blank_before && indent < self.list_content {
                self.list_content = 0;
            }
        }
        self.blank_before = blank;
        code
    }
}

fn indentation(line: &str) -> usize {
    line.bytes()
        .take_while(|b| *b == b' ' || *b == b'\t')
        .map(|b| if b == b'\t' { 4 } else { 1 })
        .sum()
}

/// The column a list item's content starts at, when `line` begins one.
fn list_item_content(line: &str) -> Option<usize> {
    let indent = indentation(line);
    let s = line.trim_start();
    let marker = match s.as_bytes().first()? {
        b'-' | b'*' | b'+' => 1,
        b'0'..=b'9' => {
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 9 || !matches!(s.as_bytes().get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    let spaces = s[marker..].bytes().take_while(|b| *b == b' ').count();
    (spaces > 0 || s.len() == marker).then_some(indent + marker + spaces.clamp(1, 4))
}

/// The end of the indented code block whose first line starts at `pos`:
/// its last line indented at least `min` columns (blank lines between).
pub(super) fn indented_block_end(src: &str, pos: usize, min: usize) -> usize {
    let b = src.as_bytes();
    let mut end = line_end(b, pos);
    let mut next = end + 1;
    while next < b.len() {
        let e = line_end(b, next);
        let line = &src[next..e];
        if !line.trim().is_empty() {
            if indentation(line) < min {
                break;
            }
            end = e;
        }
        next = e + 1;
    }
    end
}

/// An open code fence: its character and length.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fence {
    ch: u8,
    len: usize,
}

pub(super) fn line_end(b: &[u8], pos: usize) -> usize {
    memchr::memchr(b'\n', &b[pos..]).map_or(b.len(), |i| pos + i)
}

/// The line with its container markers (`>`, list markers) and
/// indentation taken off.
pub(super) fn line_content(line: &str) -> &str {
    let mut s = line.trim_start_matches([' ', '\t']);
    loop {
        if let Some(rest) = s.strip_prefix('>') {
            s = rest.trim_start_matches([' ', '\t']);
            continue;
        }
        let marker = match s.as_bytes().first() {
            Some(b'-' | b'*' | b'+') => 1,
            Some(b'0'..=b'9') => {
                let digits = s.bytes().take_while(u8::is_ascii_digit).count();
                if digits <= 9 && matches!(s.as_bytes().get(digits), Some(b'.' | b')')) {
                    digits + 1
                } else {
                    0
                }
            }
            _ => 0,
        };
        if marker > 0 && matches!(s.as_bytes().get(marker), Some(b' ' | b'\t')) {
            s = s[marker..].trim_start_matches([' ', '\t']);
            continue;
        }
        return s;
    }
}

pub(super) fn fence_open(line: &str) -> Option<Fence> {
    let s = line_content(line);
    let ch = *s.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = s.bytes().take_while(|&c| c == ch).count();
    if len < 3 || (ch == b'`' && s[len..].contains('`')) {
        return None;
    }
    Some(Fence { ch, len })
}

/// The end of the fenced block whose opening line ends at `from`: after
/// its closing line, or the end of the source.
pub(super) fn fenced_block_end(src: &str, from: usize, fence: Fence) -> usize {
    let b = src.as_bytes();
    let mut pos = from;
    while pos < b.len() {
        let start = pos + 1;
        let end = line_end(b, start.min(b.len()));
        let s = line_content(&src[start.min(b.len())..end]);
        let run = s.bytes().take_while(|&c| c == fence.ch).count();
        if run >= fence.len && s[run..].trim().is_empty() {
            return end;
        }
        pos = end;
    }
    b.len()
}

/// The end of the code span whose opening run of `run` backticks ends at
/// `from`: after a closing run of the same length, before a blank line
/// or a fence. `Err` tells where the search stopped.
pub(super) fn code_span_end(b: &[u8], from: usize, run: usize) -> Result<usize, usize> {
    let mut pos = from;
    while pos < b.len() {
        match b[pos] {
            b'`' => {
                let n = b[pos..].iter().take_while(|&&c| c == b'`').count();
                if n == run {
                    return Ok(pos + n);
                }
                pos += n;
            }
            b'\n' => {
                let next = pos + 1;
                let end = line_end(b, next.min(b.len()));
                let line = std::str::from_utf8(&b[next.min(b.len())..end]).unwrap_or("");
                if line.trim().is_empty() || fence_open(line).is_some() {
                    return Err(pos);
                }
                pos = next;
            }
            _ => pos += 1,
        }
    }
    Err(b.len())
}

/// A line kramdown reads as markup of its own: `^` alone (the end of a
/// block) or an abbreviation definition `*[abbr]: meaning`.
pub(super) fn is_kramdown_line(line: &str) -> bool {
    let t = line.trim();
    t == "^"
        || (indentation(line) < 4
            && t.strip_prefix("*[")
                .and_then(|r| r.split_once("]:"))
                .is_some_and(|(abbr, _)| !abbr.is_empty() && !abbr.contains(['[', ']'])))
}

/// Elements kramdown reads as part of a paragraph.
const SPAN_ELEMENTS: &[&str] = &[
    "a", "abbr", "b", "big", "br", "cite", "code", "del", "em", "font", "i", "img", "ins", "kbd",
    "mark", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "u",
];

/// A line that is one tag of a span element (`<br>`, `<img src="…">`,
/// `</span>`), which CommonMark reads as the start of an HTML block.
pub(super) fn is_lone_span_tag(line: &str) -> bool {
    let t = line.trim();
    let Some(inner) = t.strip_prefix('<').and_then(|t| t.strip_suffix('>')) else {
        return false;
    };
    if inner.contains(['<', '>']) || line.len() - line.trim_start().len() > 3 {
        return false;
    }
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    let name_len = inner.bytes().take_while(u8::is_ascii_alphanumeric).count();
    SPAN_ELEMENTS.contains(&inner[..name_len].to_ascii_lowercase().as_str())
}

/// A line of HTML tags whose last is a start tag with kramdown's
/// `markdown="1"` (`<div markdown="1">`, `</td><td markdown=1>`): what
/// follows is Markdown, so an empty line after it lets CommonMark read it
/// as such.
pub(super) fn opens_markdown_html(line: &str) -> bool {
    let t = line.trim();
    if !t.starts_with('<') || !t.ends_with('>') {
        return false;
    }
    let last = &t[t.rfind('<').unwrap_or(0)..];
    !last.starts_with("</")
        && [
            "markdown=\"1\"",
            "markdown='1'",
            "markdown=1",
            "markdown=\"block\"",
        ]
        .iter()
        .any(|a| last.contains(a))
}
