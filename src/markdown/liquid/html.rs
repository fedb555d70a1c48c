//! Liquid over HTML bodies, and the HTML that Liquid's code becomes.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::{Item, Liquid, LiquidContext};
use crate::references::RefKind;

/// Whether `text` may hold Liquid, a shortcode or a Tistory placeholder.
pub(crate) fn may_hold_liquid(text: &str) -> bool {
    // One pass: this runs over every HTML body, for its search text too.
    let b = text.as_bytes();
    memchr::memchr2_iter(b'{', b'[', b).any(|i| {
        let rest = &b[i + 1..];
        match b[i] {
            b'{' => matches!(rest.first(), Some(b'{' | b'%')),
            _ => rest.starts_with(b"##_"),
        }
    })
}

/// Liquid over an HTML body: tags and outputs become what Jekyll would
/// write there (escaped), except inside `<pre>` and `<code>`, which keep
/// what is written. Costs one scan when the body holds no `{%` or `{{`.
pub fn html<'b>(body: &'b str, ctx: &LiquidContext) -> Cow<'b, str> {
    if !may_hold_liquid(body) {
        return Cow::Borrowed(body);
    }
    Cow::Owned(run(body, &mut Liquid::new(ctx)))
}

/// The tags of an HTML body naming other files (outside `<pre>` and
/// `<code>`), each with its line (1 for the first).
pub(crate) fn references(body: &str) -> Vec<(usize, RefKind, String)> {
    let ctx = LiquidContext::default();
    let mut liquid = Liquid::new(&ctx);
    run(body, &mut liquid);
    super::with_lines(body, liquid.references())
}

/// [`html`] with the pass `liquid`.
fn run(body: &str, liquid: &mut Liquid<'_>) -> String {
    let mut closes = Closes::default();
    // Where each quote's `<blockquote>` was written, by its number.
    let mut quotes: Vec<(usize, usize)> = Vec::new();
    let mut out = String::with_capacity(body.len());
    let bytes = body.as_bytes();
    let mut copied = 0;
    let mut pos = 0;
    while let Some(off) = memchr::memchr3(b'{', b'<', b'[', &bytes[pos..]) {
        let at = pos + off;
        if bytes[at] == b'<' {
            pos = skip_code_element(body, at, &mut closes).unwrap_or(at + 1);
            continue;
        }
        let Some(found) = liquid.at(body, at) else {
            pos = at + 1;
            continue;
        };
        out.push_str(&body[copied..at]);
        match found.item {
            Item::Text(t) => push_escaped(&mut out, &t),
            Item::Highlight { lang, code } => push_code_block(&mut out, &lang, &code),
            Item::Raw(r) | Item::Html(r) | Item::QuoteClose(_, r) => out.push_str(&r),
            Item::QuoteOpen(id) => {
                quotes.push((id, out.len()));
                out.push_str(QUOTE_OPEN);
            }
            Item::Include(text) => out.push_str(&run(&text, &mut liquid.child(Vec::new()))),
            // Liquid runs once: what a loop wrote is the post's HTML.
            Item::Loop(text) => out.push_str(&text),
            Item::Nothing | Item::Toc => {}
        }
        copied = found.end;
        pos = found.end;
    }
    out.push_str(&body[copied..]);
    without_unclosed_quotes(out, &quotes, liquid)
}

const QUOTE_OPEN: &str = "<blockquote>";

/// `out` without the `<blockquote>` of each quote never closed (written at
/// the places `quotes` gives, in order), in one copy.
fn without_unclosed_quotes(out: String, quotes: &[(usize, usize)], liquid: &Liquid<'_>) -> String {
    let unclosed = liquid.unclosed_quotes();
    if unclosed.is_empty() {
        return out;
    }
    let mut kept = String::with_capacity(out.len());
    let mut copied = 0;
    for &(_, at) in quotes.iter().filter(|(id, _)| unclosed.contains(id)) {
        kept.push_str(&out[copied..at]);
        copied = at + QUOTE_OPEN.len();
    }
    kept.push_str(&out[copied..]);
    kept
}

/// Where the next `</pre` and `</code` are, by name, remembered as the
/// scan goes: the position searched from and what was found after it (a
/// body of unclosed `<pre` searched the rest of itself at each one).
struct Closes([(usize, Option<usize>); 2]);

impl Default for Closes {
    fn default() -> Closes {
        Closes([(usize::MAX, None); 2])
    }
}

const CODE_ELEMENTS: [&str; 2] = ["pre", "code"];

/// The end of the `<pre>` or `<code>` element starting at `at`, if one does.
fn skip_code_element(body: &str, at: usize, closes: &mut Closes) -> Option<usize> {
    let rest = &body.as_bytes()[at + 1..];
    let which = CODE_ELEMENTS.iter().position(|n| {
        rest.len() > n.len()
            && rest[..n.len()].eq_ignore_ascii_case(n.as_bytes())
            && matches!(rest[n.len()], b'>' | b' ' | b'\t' | b'\n' | b'/')
    })?;
    let name = CODE_ELEMENTS[which];
    let close = format!("</{name}");
    let lower_from = at + 1 + name.len();
    let (from, found) = &mut closes.0[which];
    if !(*from <= lower_from && found.is_none_or(|f| f >= lower_from)) {
        let hay = &body.as_bytes()[lower_from..];
        *found = hay
            .windows(close.len())
            .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
            .map(|i| lower_from + i);
        *from = lower_from;
    }
    found.map(|f| f + close.len())
}

pub(crate) fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// `<pre><code class="language-LANG">` with the code escaped.
pub(crate) fn push_code_block(out: &mut String, lang: &str, code: &str) {
    out.push_str("<pre><code");
    if !lang.is_empty() {
        let _ = write!(out, " class=\"language-{lang}\"");
    }
    out.push('>');
    push_escaped(out, code);
    if !code.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("</code></pre>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> LiquidContext {
        LiquidContext {
            baseurl: "/blog".into(),
            ..LiquidContext::default()
        }
    }

    #[test]
    fn html_bodies_resolve_outside_code() {
        let out = html(
            "<p><img src=\"{{ site.baseurl }}/a.png\">{% if x %}</p><pre>{{ kept }}</pre><code>{% if %}</code>",
            &ctx(),
        );
        assert_eq!(
            out,
            "<p><img src=\"/blog/a.png\"></p><pre>{{ kept }}</pre><code>{% if %}</code>"
        );
        assert!(matches!(html("<p>그냥 글</p>", &ctx()), Cow::Borrowed(_)));
    }

    #[test]
    fn unclosed_code_elements_cost_one_search() {
        // Each searched the rest of the body: minutes at a megabyte.
        let body = format!("{{{{ x }}}}{}", "<pre ".repeat(400_000));
        assert_eq!(html(&body, &ctx()).len(), body.len() - "{{ x }}".len());
        let body = "<PRE>{{ a }}</pre>{{ site.baseurl }}<code>{{ b }}</CODE>";
        assert_eq!(
            html(body, &ctx()),
            "<PRE>{{ a }}</pre>/blog<code>{{ b }}</CODE>"
        );
    }

    #[test]
    fn a_quote_the_body_never_closes_shows_nothing() {
        let out = html(
            "<p>{% blockquote 저자 %}인용</p><pre>{% endblockquote %}</pre><p>{% quote %}둘{% endquote %}</p>",
            &ctx(),
        );
        assert_eq!(
            out,
            "<p>인용</p><pre>{% endblockquote %}</pre><p><blockquote>둘</blockquote></p>"
        );
    }
}
