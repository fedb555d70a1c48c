//! A small, forgiving HTML scanner for the two jobs that need no layout:
//! the visible text of a body (for search) and its first heading (for a
//! title), and the tokens that the renderer rebuilds its HTML from. It
//! mends the one slip that costs text in a real parser: a tag that lost its
//! `>` right after its name (`</b고 …`) ends there, as the author meant.

/// One piece of HTML, in document order. Comments, doctypes and the
/// contents of `script`, `style` and `title` never appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// Text with its character references still encoded.
    Text(&'a str),
    /// A start tag: its name as written and the raw text of its attributes.
    Start {
        name: &'a str,
        attrs: &'a str,
    },
    End {
        name: &'a str,
    },
}

/// Where a tag starting at a `<` ends; `None` when the `<` is literal text.
struct TagSpan<'a> {
    name: &'a str,
    end_tag: bool,
    attrs: &'a str,
    /// Index just past the tag.
    next: usize,
}

fn scan_tag<'a>(s: &'a str, i: usize) -> Option<TagSpan<'a>> {
    let b = s.as_bytes();
    let mut j = i + 1;
    let end_tag = b.get(j) == Some(&b'/');
    if end_tag {
        j += 1;
    }
    if !b.get(j).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_start = j;
    while b
        .get(j)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b':')
    {
        j += 1;
    }
    let name = &s[name_start..j];
    let span = |attrs: &'a str, next: usize| {
        Some(TagSpan {
            name,
            end_tag,
            attrs,
            next,
        })
    };
    match b.get(j) {
        None => span("", j),
        Some(b'>') => span("", j + 1),
        Some(c) if c.is_ascii_whitespace() || *c == b'/' => {
            let attrs_start = j;
            let mut quote = None;
            while let Some(&c) = b.get(j) {
                match (quote, c) {
                    (Some(q), c) if c == q => quote = None,
                    (None, b'"' | b'\'') if b[j - 1] == b'=' || b[j - 1].is_ascii_whitespace() => {
                        quote = Some(c)
                    }
                    (None, b'>') => return span(&s[attrs_start..j], j + 1),
                    _ => {}
                }
                j += 1;
            }
            span(&s[attrs_start..], s.len())
        }
        // The name runs into a character no tag name continues with
        // (`</b고 강조`): a browser would swallow the words up to the next
        // `>` into the tag; the author meant the tag to end here.
        Some(_) => span("", j),
    }
}

/// The HTML tokens of `html`.
pub fn tokens(html: &str) -> Tokens<'_> {
    Tokens {
        html,
        pos: 0,
        pending: None,
    }
}

pub struct Tokens<'a> {
    html: &'a str,
    pos: usize,
    pending: Option<(Token<'a>, usize)>,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if let Some((token, next)) = self.pending.take() {
            self.pos = next;
            return Some(token);
        }
        let html = self.html;
        let b = html.as_bytes();
        let mut text_start = self.pos;
        let mut i = self.pos;
        while let Some(off) = memchr::memchr(b'<', &b[i..]) {
            let lt = i + off;
            let rest = &html[lt..];
            let (token, next) = if rest.starts_with("<!--") {
                (
                    None,
                    html[lt + 4..]
                        .find("-->")
                        .map_or(html.len(), |e| lt + 4 + e + 3),
                )
            } else if rest.starts_with("<!") || rest.starts_with("<?") {
                (
                    None,
                    html[lt..].find('>').map_or(html.len(), |e| lt + e + 1),
                )
            } else if let Some(tag) = scan_tag(html, lt) {
                if tag.end_tag {
                    (Some(Token::End { name: tag.name }), tag.next)
                } else if is_raw_text(tag.name) {
                    (None, skip_raw_text(html, tag.next, tag.name))
                } else {
                    (
                        Some(Token::Start {
                            name: tag.name,
                            attrs: tag.attrs,
                        }),
                        tag.next,
                    )
                }
            } else {
                i = lt + 1;
                continue;
            };
            if lt > text_start {
                // Text comes first; the tag (if any) waits its turn.
                self.pending = token.map(|t| (t, next));
                self.pos = if self.pending.is_some() { lt } else { next };
                return Some(Token::Text(&html[text_start..lt]));
            }
            match token {
                Some(t) => {
                    self.pos = next;
                    return Some(t);
                }
                // A skipped comment or script with nothing before it.
                None => {
                    text_start = next;
                    i = next;
                }
            }
        }
        self.pos = b.len();
        (text_start < b.len()).then(|| Token::Text(&html[text_start..]))
    }
}

/// Elements whose contents are never shown.
fn is_raw_text(name: &str) -> bool {
    ["script", "style", "title", "template"]
        .iter()
        .any(|n| n.eq_ignore_ascii_case(name))
}

/// Index just past `</name ...>` from `from`, or the end of `html`.
fn skip_raw_text(html: &str, from: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let mut i = from;
    while let Some(off) = memchr::memmem::find(&b[i..], b"</") {
        let at = i + off + 2;
        if b.len() >= at + name.len()
            && b[at..at + name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return html[at..].find('>').map_or(html.len(), |e| at + e + 1);
        }
        i = at;
    }
    html.len()
}

/// The attributes in a start tag's attribute text, names lowercased and
/// values with their character references decoded.
pub fn attributes(attrs: &str) -> Vec<(String, String)> {
    let b = attrs.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        // `>` can only be here inside an unclosed quote; like `/`, skip it.
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/' || b[i] == b'>') {
            i += 1;
        }
        if i >= b.len() {
            return out;
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'/' | b'>') {
            i += 1;
        }
        let name = attrs[name_start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let raw = match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = memchr::memchr(q, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e);
                    let v = &attrs[i + 1..end];
                    i = (end + 1).min(b.len());
                    v
                }
                _ => {
                    let start = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    &attrs[start..i]
                }
            };
            push_decoded(&mut value, raw);
        }
        if !name.is_empty() {
            out.push((name, value));
        }
    }
}

pub fn is_block(name: &str) -> bool {
    const BLOCKS: &[&str] = &[
        "p",
        "br",
        "div",
        "li",
        "ul",
        "ol",
        "tr",
        "td",
        "th",
        "table",
        "blockquote",
        "pre",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "dd",
        "dt",
        "figure",
        "figcaption",
        "img",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "main",
        "nav",
    ];
    BLOCKS.iter().any(|b| b.eq_ignore_ascii_case(name))
}

pub fn heading_level(name: &str) -> Option<u8> {
    let b = name.as_bytes();
    (b.len() == 2 && b[0].eq_ignore_ascii_case(&b'h') && (b'1'..=b'6').contains(&b[1]))
        .then(|| b[1] - b'0')
}

/// The text a reader sees, entities decoded, whitespace runs folded to one
/// space, block boundaries kept as spaces so words do not run together.
pub fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    for token in tokens(html) {
        match token {
            Token::Text(t) => push_decoded(&mut out, t),
            Token::Start { name, .. } | Token::End { name } if is_block(name) => out.push(' '),
            _ => {}
        }
    }
    fold_whitespace(&out)
}

/// The visible text split into its blocks (paragraphs, headings, list
/// items, cells), each folded onto one line; empty blocks are left out.
pub fn blocks(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut flush = |current: &mut String| {
        let block = fold_whitespace(current);
        if !block.is_empty() {
            out.push(block);
        }
        current.clear();
    };
    for token in tokens(html) {
        match token {
            Token::Text(t) => push_decoded(&mut current, t),
            Token::Start { name, .. } | Token::End { name } if is_block(name) => {
                flush(&mut current)
            }
            _ => {}
        }
    }
    flush(&mut current);
    out
}

/// The text of the first `<h1>`…`<h6>` that has any.
pub fn first_heading(html: &str) -> Option<String> {
    let mut inside: Option<u8> = None;
    let mut text = String::new();
    for token in tokens(html) {
        match token {
            Token::Start { name, .. } if inside.is_none() => inside = heading_level(name),
            Token::End { name } if inside.is_some() && heading_level(name) == inside => {
                let t = fold_whitespace(&text);
                if !t.is_empty() {
                    return Some(t);
                }
                inside = None;
                text.clear();
            }
            Token::Text(t) if inside.is_some() => push_decoded(&mut text, t),
            _ => {}
        }
    }
    None
}

pub(crate) use crate::sanitize::fold_whitespace;

/// Append `t` with its character references decoded.
pub fn push_decoded(out: &mut String, t: &str) {
    let mut rest = t;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        match decode_entity(tail) {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Decode the reference at the start of `s` (which starts with `&`):
/// the character and how many bytes it used.
pub fn decode_entity(s: &str) -> Option<(char, usize)> {
    let semi = memchr::memchr(b';', &s.as_bytes()[..s.len().min(12)])?;
    let name = &s[1..semi];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code).unwrap_or('\u{fffd}')
    } else {
        match name {
            "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "hellip" => '…',
            "middot" => '·',
            "mdash" => '—',
            "ndash" => '–',
            "lsquo" => '‘',
            "rsquo" => '’',
            "ldquo" => '“',
            "rdquo" => '”',
            "laquo" => '«',
            "raquo" => '»',
            "bull" => '•',
            "copy" => '©',
            "reg" => '®',
            "trade" => '™',
            "times" => '×',
            "deg" => '°',
            "rarr" => '→',
            "larr" => '←',
            _ => return None,
        }
    };
    Some((c, semi + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_drops_markup_script_and_style() {
        let html = "<p>제주<b>항공</b>&nbsp;발권</p><script>alert(1)</script><style>p{}</style><p>복구</p>";
        assert_eq!(visible_text(html), "제주항공 발권 복구");
    }

    #[test]
    fn broken_end_tag_keeps_the_words_after_it() {
        let html = "<p><b><span>무관하다</span></b고 강조한 바 있습니다.</p>";
        assert_eq!(visible_text(html), "무관하다고 강조한 바 있습니다.");
    }

    #[test]
    fn tokens_of_tricky_markup() {
        let html = "<p a=\"x>y\">a < b</p><!-- </b고 --><SCRIPT>x</b></script >c";
        let got: Vec<Token> = tokens(html).collect();
        let want = [
            Token::Start {
                name: "p",
                attrs: " a=\"x>y\"",
            },
            Token::Text("a < b"),
            Token::End { name: "p" },
            Token::Text("c"),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn attributes_quoted_unquoted_and_decoded() {
        let attrs = attributes(" SRC=/a.jpg alt='사진 &amp; 설명' data-x hidden=\"\" ");
        let pairs: Vec<(&str, &str)> = attrs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("src", "/a.jpg"),
                ("alt", "사진 & 설명"),
                ("data-x", ""),
                ("hidden", "")
            ]
        );
    }

    #[test]
    fn first_heading_skips_empty_ones() {
        assert_eq!(
            first_heading("<h2> </h2><p>x</p><h3>클라우드 <b>장애</b></h3>").as_deref(),
            Some("클라우드 장애")
        );
        assert_eq!(first_heading("<p>제목 없음</p>"), None);
    }

    #[test]
    fn an_ampersand_before_hangul_is_text() {
        assert_eq!(visible_text("&Q제주항공; &제"), "&Q제주항공; &제");
    }

    #[test]
    fn attribute_text_with_a_stray_bracket_ends() {
        assert_eq!(attributes(" \">"), [("\"".to_string(), String::new())]);
        assert!(attributes(">>= >").is_empty());
        assert_eq!(visible_text("<c \">글"), "");
    }

    #[test]
    fn entities() {
        assert_eq!(
            visible_text("a&amp;b &#54620;&#xAE00; &bogus; &lt;x&gt;"),
            "a&b 한글 &bogus; <x>"
        );
    }

    #[test]
    fn multi_byte_text_at_every_offset_never_panics() {
        let seeds = [
            "<p a=\"x>y\" b='z' c=d>제주</p><!-- 주석 --><b>굵게</b고 &amp;&#54620;&#xAE00;&nbsp;<h2>제목</h2>",
            "<script>x</script ><STYLE>p{}</style><title>t</title><br/><img src=a.jpg alt='사진'>",
            "<a href=\"https://example.com/?q=1&amp;r=2\">링크</a><![CDATA[x]]><?xml ?><!DOCTYPE html>&#x;&#;&;",
        ];
        for seed in seeds {
            for c in [
                '가', 'é', '\u{301}', '😀', '<', '>', '&', '"', '\'', ';', '/', '=', '#',
            ] {
                for text in crate::frontmatter::tests::every_offset(seed, c) {
                    let _: Vec<Token> = tokens(&text).collect();
                    let _ = visible_text(&text);
                    let _ = blocks(&text);
                    let _ = first_heading(&text);
                    let _ = attributes(&text);
                    let mut out = String::new();
                    push_decoded(&mut out, &text);
                }
            }
        }
    }

    mod never_panic {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn arbitrary_markup(s in "([<>&;#=/\"' a-z가-힣é😀]|&#x?[0-9a-fA-F]{0,8};?|</?[a-z가]{1,6}){0,60}") {
                let _: Vec<Token> = tokens(&s).collect();
                let _ = visible_text(&s);
                let _ = blocks(&s);
                let _ = first_heading(&s);
                let _ = attributes(&s);
            }
        }
    }
}
