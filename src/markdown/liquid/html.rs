//! Liquid over HTML bodies, and the HTML that Liquid's code becomes.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::{Item, Liquid, LiquidContext};

/// Whether `text` may hold Liquid at all.
pub(crate) fn may_hold_liquid(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"{%").is_some()
        || memchr::memmem::find(text.as_bytes(), b"{{").is_some()
        || memchr::memmem::find(text.as_bytes(), b"[##_").is_some()
}

/// Liquid over an HTML body: tags and outputs become what Jekyll would
/// write there (escaped), except inside `<pre>` and `<code>`, which keep
/// what is written. Costs one scan when the body holds no `{%` or `{{`.
pub fn html<'b>(body: &'b str, ctx: &LiquidContext) -> Cow<'b, str> {
    if !may_hold_liquid(body) {
        return Cow::Borrowed(body);
    }
    let mut liquid = Liquid::new(ctx);
    let mut out = String::with_capacity(body.len());
    let bytes = body.as_bytes();
    let mut copied = 0;
    let mut pos = 0;
    while let Some(off) = memchr::memchr3(b'{', b'<', b'[', &bytes[pos..]) {
        let at = pos + off;
        if bytes[at] == b'<' {
            pos = skip_code_element(body, at).unwrap_or(at + 1);
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
            Item::Raw(r) | Item::Html(r) => out.push_str(&r),
            Item::Nothing | Item::Toc => {}
        }
        copied = found.end;
        pos = found.end;
    }
    out.push_str(&body[copied..]);
    Cow::Owned(out)
}

/// The end of the `<pre>` or `<code>` element starting at `at`, if one does.
fn skip_code_element(body: &str, at: usize) -> Option<usize> {
    let rest = &body.as_bytes()[at + 1..];
    let name = ["pre", "code"].into_iter().find(|n| {
        rest.len() > n.len()
            && rest[..n.len()].eq_ignore_ascii_case(n.as_bytes())
            && matches!(rest[n.len()], b'>' | b' ' | b'\t' | b'\n' | b'/')
    })?;
    let close = format!("</{name}");
    let lower_from = at + 1 + name.len();
    let hay = &body.as_bytes()[lower_from..];
    let end = hay
        .windows(close.len())
        .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))?;
    Some(lower_from + end + close.len())
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
}
