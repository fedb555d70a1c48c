//! A small, forgiving HTML scanner for the two jobs that need no layout:
//! the visible text of a body (for search) and its first heading (for a
//! title). It also repairs the one slip that costs text in a real parser:
//! a tag that lost its `>` right after its name (`</b고 …`).

use std::borrow::Cow;

/// What the scanner reports, in document order.
enum Piece<'a> {
    Text(&'a str),
    Tag { name: &'a str, end: bool },
}

/// Where a tag starting at `i` (at a `<`) ends, and its name; `None` when
/// the `<` does not start a tag and is literal text.
struct TagSpan<'a> {
    name: &'a str,
    end_tag: bool,
    /// Index just past the tag.
    next: usize,
    /// The name was followed by a character no tag name continues with
    /// (`</b고`): the tag is taken to end at its name.
    broken: bool,
}

fn scan_tag(s: &str, i: usize) -> Option<TagSpan<'_>> {
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
    match b.get(j) {
        None => Some(TagSpan {
            name,
            end_tag,
            next: j,
            broken: false,
        }),
        Some(b'>') => Some(TagSpan {
            name,
            end_tag,
            next: j + 1,
            broken: false,
        }),
        Some(c) if c.is_ascii_whitespace() || *c == b'/' => {
            let mut quote = None;
            while let Some(&c) = b.get(j) {
                match (quote, c) {
                    (Some(q), c) if c == q => quote = None,
                    (None, b'"' | b'\'') if j > 0 && b[j - 1] == b'=' => quote = Some(c),
                    (None, b'>') => {
                        return Some(TagSpan {
                            name,
                            end_tag,
                            next: j + 1,
                            broken: false,
                        });
                    }
                    _ => {}
                }
                j += 1;
            }
            Some(TagSpan {
                name,
                end_tag,
                next: s.len(),
                broken: false,
            })
        }
        Some(_) => Some(TagSpan {
            name,
            end_tag,
            next: j,
            broken: true,
        }),
    }
}

/// Walk `html`, calling `f` for text runs and tags; comments, doctypes and
/// the contents of `script` and `style` are skipped.
fn walk<'a>(html: &'a str, mut f: impl FnMut(Piece<'a>)) {
    let b = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + off;
        if html[lt..].starts_with("<!--") {
            f(Piece::Text(&html[text_start..lt]));
            i = html[lt + 4..]
                .find("-->")
                .map_or(html.len(), |e| lt + 4 + e + 3);
            text_start = i;
            continue;
        }
        if html[lt..].starts_with("<!") || html[lt..].starts_with("<?") {
            f(Piece::Text(&html[text_start..lt]));
            i = html[lt..].find('>').map_or(html.len(), |e| lt + e + 1);
            text_start = i;
            continue;
        }
        let Some(tag) = scan_tag(html, lt) else {
            i = lt + 1;
            continue;
        };
        f(Piece::Text(&html[text_start..lt]));
        let raw = tag.name.eq_ignore_ascii_case("script") || tag.name.eq_ignore_ascii_case("style");
        f(Piece::Tag {
            name: tag.name,
            end: tag.end_tag,
        });
        i = tag.next;
        if raw && !tag.end_tag {
            let close = format!("</{}", tag.name.to_ascii_lowercase());
            let rest = html[i..].to_ascii_lowercase();
            i = rest.find(&close).map_or(html.len(), |e| i + e);
        }
        text_start = i;
    }
    f(Piece::Text(&html[text_start..]));
}

fn is_block(name: &str) -> bool {
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

fn heading_level(name: &str) -> Option<u8> {
    let b = name.as_bytes();
    (b.len() == 2 && b[0].eq_ignore_ascii_case(&b'h') && (b'1'..=b'6').contains(&b[1]))
        .then(|| b[1] - b'0')
}

/// The text a reader sees, entities decoded, whitespace runs folded to one
/// space, block boundaries kept as spaces so words do not run together.
pub fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    walk(html, |piece| match piece {
        Piece::Text(t) => push_decoded(&mut out, t),
        Piece::Tag { name, .. } if is_block(name) => out.push(' '),
        Piece::Tag { .. } => {}
    });
    fold_whitespace(&out)
}

/// The text of the first `<h1>`…`<h6>`, if it has any.
pub fn first_heading(html: &str) -> Option<String> {
    let mut inside: Option<u8> = None;
    let mut done = false;
    let mut text = String::new();
    walk(html, |piece| {
        if done {
            return;
        }
        match piece {
            Piece::Tag { name, end } => match (heading_level(name), inside) {
                (Some(l), None) if !end => inside = Some(l),
                (Some(l), Some(open)) if end && l == open => {
                    if text.trim().is_empty() {
                        inside = None;
                        text.clear();
                    } else {
                        done = true;
                    }
                }
                _ => {}
            },
            Piece::Text(t) if inside.is_some() => push_decoded(&mut text, t),
            Piece::Text(_) => {}
        }
    });
    let t = fold_whitespace(&text);
    (!t.is_empty()).then_some(t)
}

/// `html` with every tag that lost its `>` after its name closed there, as
/// an author meant: `</b고 강조` becomes `</b>고 강조`.
pub fn repair(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + off;
        i = lt + 1;
        if html[lt..].starts_with("<!--") {
            i = html[lt + 4..]
                .find("-->")
                .map_or(html.len(), |e| lt + 4 + e + 3);
            continue;
        }
        let Some(tag) = scan_tag(html, lt) else {
            continue;
        };
        if tag.broken {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len() + 16));
            o.push_str(&html[copied..tag.next]);
            o.push('>');
            copied = tag.next;
        }
        i = tag.next.max(lt + 1);
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
    }
}

fn fold_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Append `t` with its character references decoded.
fn push_decoded(out: &mut String, t: &str) {
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
        assert_eq!(
            repair(html),
            "<p><b><span>무관하다</span></b>고 강조한 바 있습니다.</p>"
        );
    }

    #[test]
    fn repair_leaves_good_html_alone() {
        let html = "<p a=\"x>y\">a < b</p><!-- </b고 -->";
        assert!(matches!(repair(html), Cow::Borrowed(_)));
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
    fn entities() {
        assert_eq!(
            visible_text("a&amp;b &#54620;&#xAE00; &bogus; &lt;x&gt;"),
            "a&b 한글 &bogus; <x>"
        );
    }
}
