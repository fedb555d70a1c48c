//! Liquid, as Jekyll runs it over a post before the Markdown is read.
//!
//! This is a tolerant scanner, not a template engine. The `liquid` crate is
//! a full Shopify Liquid engine: it stops with an error on a tag it does not
//! know (`highlight`, `include`, `post_url` and every plugin tag are Jekyll
//! additions), on a block left open or on a filter it lacks, and it would
//! evaluate Liquid inside Markdown code, which posts that explain Liquid
//! rely on being shown as written. A reader must show every post whatever
//! it holds, so each tag is recognised on its own: the few that change what
//! a reader sees (`highlight`, `raw`, `include`, URL filters, `site.*`,
//! `page.*`, `assign`) are understood, every other tag shows nothing, and
//! anything that is not a well-formed tag stays text.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::post::Post;

/// What `{{ site.* }}` and `{{ page.* }}` resolve to. The default resolves
/// them all to empty text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiquidContext {
    /// The site's `url` (`https://example.com`), without `baseurl`.
    pub site_url: String,
    /// The site's `baseurl` (`/blog`), or empty.
    pub baseurl: String,
    /// Other `site.KEY` values (`title`, …).
    pub site: Vec<(String, String)>,
    /// The post's front matter, for `page.KEY`.
    pub page: Vec<(String, String)>,
}

impl LiquidContext {
    /// A context whose `page` is `post`'s front matter.
    pub fn for_post(post: &Post) -> LiquidContext {
        let mut page = vec![
            ("title".to_string(), post.title.clone()),
            ("categories".to_string(), post.categories.join(", ")),
            ("tags".to_string(), post.tags.join(", ")),
            ("excerpt".to_string(), post.excerpt.clone()),
            ("feature_text".to_string(), post.feature_text.clone()),
            ("image".to_string(), post.image.clone()),
            ("layout".to_string(), post.layout.clone()),
            ("id".to_string(), post.id.clone()),
        ];
        if let Some(d) = post.date {
            page.push(("date".to_string(), d.day_string()));
        }
        page.extend(post.extra.iter().cloned());
        LiquidContext {
            page,
            ..LiquidContext::default()
        }
    }

    fn site_value(&self, key: &str) -> Option<&str> {
        match key {
            "url" => Some(&self.site_url),
            "baseurl" => Some(&self.baseurl),
            _ => lookup(&self.site, key),
        }
    }

    /// `path` under the site's `baseurl`, as Jekyll's `relative_url` makes it.
    fn relative_url(&self, path: &str) -> String {
        if is_absolute_url(path) {
            return path.to_string();
        }
        let base = self.baseurl.trim().trim_end_matches('/');
        let base = match base {
            "" => String::new(),
            b if b.starts_with('/') => b.to_string(),
            b => format!("/{b}"),
        };
        if path.starts_with('/') {
            format!("{base}{path}")
        } else {
            format!("{base}/{path}")
        }
    }

    fn absolute_url(&self, path: &str) -> String {
        if is_absolute_url(path) {
            return path.to_string();
        }
        format!(
            "{}{}",
            self.site_url.trim().trim_end_matches('/'),
            self.relative_url(path)
        )
    }
}

fn lookup<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn is_absolute_url(s: &str) -> bool {
    s.starts_with("//")
        || s.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

/// What one tag or output stands for in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    /// Text shown in its place: an output, an include placeholder, a link.
    Text(String),
    /// `{% highlight LANG %}`: code, exactly as written.
    Highlight { lang: String, code: String },
    /// `{% raw %}`: its content, exactly as written.
    Raw(String),
    /// Nothing is shown: control flow, `assign`, `comment`, `capture`, and
    /// any tag not known.
    Nothing,
}

/// A tag or output found at a position: where it ends and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub end: usize,
    pub item: Item,
}

/// Longest tag or output read as one (longer ones stay text).
const MAX_TAG: usize = 2048;
const MAX_OUTPUT: usize = 512;

/// A pass of Liquid over one body: the context, and the variables its
/// `assign` and `capture` tags set, in order.
#[derive(Debug)]
pub(crate) struct Liquid<'c> {
    ctx: &'c LiquidContext,
    vars: Vec<(String, String)>,
    /// Blocks whose end tag was looked for from a position and not found:
    /// later searches from further on give up at once, so a post full of
    /// unclosed tags costs one scan per tag name, not one per tag.
    unclosed: Vec<(&'static str, usize)>,
}

impl<'c> Liquid<'c> {
    pub fn new(ctx: &'c LiquidContext) -> Liquid<'c> {
        Liquid {
            ctx,
            vars: Vec::new(),
            unclosed: Vec::new(),
        }
    }

    /// The tag (`{%`) or output (`{{`) that starts at `start`, if one does.
    pub fn at(&mut self, src: &str, start: usize) -> Option<Found> {
        let rest = &src.as_bytes()[start..];
        if rest.starts_with(b"{{") {
            let (end, expr) = output_at(src, start)?;
            let item = Item::Text(self.eval(expr));
            return Some(Found { end, item });
        }
        let tag = tag_at(src, start)?;
        let item = match tag.name {
            "highlight" | "codeblock" => {
                let Some(close) = self.end_of(src, &tag) else {
                    return Some(Found {
                        end: tag.end,
                        item: Item::Nothing,
                    });
                };
                let code = strip_raw_markers(&src[tag.end..close.start]);
                let code = code
                    .trim_start_matches(['\n', '\r'])
                    .trim_end_matches(['\n', '\r']);
                let lang = if tag.name == "codeblock" {
                    tag.markup
                        .split_whitespace()
                        .find_map(|w| w.strip_prefix("lang:"))
                        .unwrap_or("")
                } else {
                    tag.markup.split_whitespace().next().unwrap_or("")
                };
                return Some(Found {
                    end: close.end,
                    item: Item::Highlight {
                        lang: clean_lang(lang),
                        code: code.to_string(),
                    },
                });
            }
            "raw" => {
                let Some(close) = self.end_of(src, &tag) else {
                    return Some(Found {
                        end: tag.end,
                        item: Item::Nothing,
                    });
                };
                return Some(Found {
                    end: close.end,
                    item: Item::Raw(src[tag.end..close.start].to_string()),
                });
            }
            "comment" | "capture" => {
                let Some(close) = self.end_of(src, &tag) else {
                    return Some(Found {
                        end: tag.end,
                        item: Item::Nothing,
                    });
                };
                if tag.name == "capture"
                    && let Some(name) = tag.markup.split_whitespace().next()
                {
                    let body = src[tag.end..close.start].trim().to_string();
                    self.vars.push((name.to_string(), body));
                }
                return Some(Found {
                    end: close.end,
                    item: Item::Nothing,
                });
            }
            "include" | "include_relative" | "include_cached" => {
                let name = tag.markup.split_whitespace().next().unwrap_or("");
                let name = name.trim_matches(['"', '\'']);
                Item::Text(format!("[include: {name}]"))
            }
            "assign" => {
                if let Some((name, expr)) = tag.markup.split_once('=') {
                    let value = self.eval(expr);
                    self.vars.push((name.trim().to_string(), value));
                }
                Item::Nothing
            }
            "link" => Item::Text(self.ctx.relative_url(tag.markup.trim())),
            "post_url" => Item::Text(tag.markup.trim().to_string()),
            _ => Item::Nothing,
        };
        Some(Found { end: tag.end, item })
    }

    /// The end tag of the block `open` starts, unless a search for one
    /// from before it already failed.
    fn end_of<'s>(&mut self, src: &'s str, open: &Tag<'_>) -> Option<Tag<'s>> {
        let name: &'static str = match open.name {
            "highlight" => "highlight",
            "codeblock" => "codeblock",
            "raw" => "raw",
            "comment" => "comment",
            _ => "capture",
        };
        if self
            .unclosed
            .iter()
            .any(|&(n, from)| n == name && from <= open.end)
        {
            return None;
        }
        let found = if name == "raw" {
            find_raw_end(src, open.end)
        } else {
            find_end(src, open.end, name)
        };
        if found.is_none() {
            self.unclosed.push((name, open.end));
        }
        found
    }

    /// An output's value: a literal or a variable, through its filters.
    /// Anything not known is empty, as Liquid makes it.
    fn eval(&self, expr: &str) -> String {
        let mut parts = split_outside_quotes(expr, '|').into_iter();
        let mut value = self.value(parts.next().unwrap_or(""));
        for filter in parts {
            let (name, args) = filter.split_once(':').unwrap_or((filter, ""));
            let args: Vec<String> = split_outside_quotes(args, ',')
                .into_iter()
                .map(|a| self.value(a))
                .collect();
            let arg = |i: usize| args.get(i).map_or("", String::as_str);
            value = match name.trim() {
                "relative_url" => self.ctx.relative_url(&value),
                "absolute_url" => self.ctx.absolute_url(&value),
                "prepend" => format!("{}{value}", arg(0)),
                "append" => format!("{value}{}", arg(0)),
                "default" if value.is_empty() => arg(0).to_string(),
                "upcase" => value.to_uppercase(),
                "downcase" => value.to_lowercase(),
                "strip" => value.trim().to_string(),
                "replace" => value.replace(arg(0), arg(1)),
                "remove" if !arg(0).is_empty() => value.replace(arg(0), ""),
                _ => value,
            };
        }
        value
    }

    fn value(&self, term: &str) -> String {
        let term = term.trim();
        if let Some(s) = unquote(term) {
            return s.to_string();
        }
        if !term.is_empty() && term.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return term.to_string();
        }
        if let Some(key) = term.strip_prefix("site.") {
            return self.ctx.site_value(key).unwrap_or("").to_string();
        }
        if let Some(key) = term.strip_prefix("page.") {
            return lookup(&self.ctx.page, key).unwrap_or("").to_string();
        }
        self.vars
            .iter()
            .rev()
            .find(|(k, _)| k == term)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

fn unquote(term: &str) -> Option<&str> {
    let b = term.as_bytes();
    (b.len() >= 2 && (b[0] == b'"' || b[0] == b'\'') && b[b.len() - 1] == b[0])
        .then(|| &term[1..term.len() - 1])
}

/// Split at `sep` where it is not inside quotes.
fn split_outside_quotes(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quote = None;
    let mut from = 0;
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == sep => {
                parts.push(&s[from..i]);
                from = i + c.len_utf8();
            }
            None => {}
        }
    }
    parts.push(&s[from..]);
    parts
}

/// A language name safe to put in a class attribute.
fn clean_lang(lang: &str) -> String {
    lang.chars()
        .filter(|c| c.is_ascii_alphanumeric() || "+-_.#".contains(*c))
        .take(32)
        .collect()
}

/// One `{% name markup %}` tag.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tag<'s> {
    pub start: usize,
    pub end: usize,
    pub name: &'s str,
    pub markup: &'s str,
}

/// The tag starting at `start`, when it is one: `{%`, an optional `-`, a
/// name of letters, digits and `_`, its markup, and `%}` within
/// [`MAX_TAG`] bytes and no blank line.
pub(crate) fn tag_at(src: &str, start: usize) -> Option<Tag<'_>> {
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
fn output_at(src: &str, start: usize) -> Option<(usize, &str)> {
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

fn floor_boundary(s: &str, max: usize) -> usize {
    let mut i = max.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The `{% endNAME %}` closing the block `name` opened before `from`,
/// counting nested blocks of the same name and skipping `raw` content.
pub(crate) fn find_end<'s>(src: &'s str, from: usize, name: &str) -> Option<Tag<'s>> {
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

fn find_raw_end(src: &str, from: usize) -> Option<Tag<'_>> {
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

/// Whether `text` may hold Liquid at all.
pub(crate) fn may_hold_liquid(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"{%").is_some()
        || memchr::memmem::find(text.as_bytes(), b"{{").is_some()
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
    while let Some(off) = memchr::memchr2(b'{', b'<', &bytes[pos..]) {
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
            Item::Raw(r) => out.push_str(&r),
            Item::Nothing => {}
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
            site_url: "https://blog.example.kr/".into(),
            baseurl: "/blog".into(),
            site: vec![("title".into(), "기술 블로그".into())],
            page: vec![("title".into(), "임베딩 입문".into())],
        }
    }

    fn eval(src: &str) -> Option<Item> {
        Liquid::new(&ctx()).at(src, 0).map(|f| f.item)
    }

    #[test]
    fn url_filters_and_site_values() {
        let t = |s: &str| Item::Text(s.to_string());
        assert_eq!(
            eval(r#"{{ "/assets/a.png" | relative_url }}"#),
            Some(t("/blog/assets/a.png"))
        );
        assert_eq!(
            eval(r#"{{ '/assets/a.png' | absolute_url }}"#),
            Some(t("https://blog.example.kr/blog/assets/a.png"))
        );
        assert_eq!(eval("{{ site.baseurl }}"), Some(t("/blog")));
        assert_eq!(eval("{{site.url}}"), Some(t("https://blog.example.kr/")));
        assert_eq!(eval("{{ page.title }}"), Some(t("임베딩 입문")));
        assert_eq!(
            eval("{{ site.title | append: ' 글' }}"),
            Some(t("기술 블로그 글"))
        );
        assert_eq!(
            eval("{{ page.nothing | default: \"없음\" }}"),
            Some(t("없음"))
        );
        assert_eq!(eval("{{ post.url }}"), Some(t("")));
        assert_eq!(
            eval(r#"{{ "https://cdn.example.com/x.png" | relative_url }}"#),
            Some(t("https://cdn.example.com/x.png"))
        );
    }

    #[test]
    fn defaults_resolve_to_empty_paths() {
        let d = LiquidContext::default();
        let mut l = Liquid::new(&d);
        let found = l.at(r#"{{ "/img/x.png" | absolute_url }}"#, 0).unwrap();
        assert_eq!(found.item, Item::Text("/img/x.png".into()));
        assert_eq!(
            l.at("{{ site.baseurl }}", 0).unwrap().item,
            Item::Text("".into())
        );
    }

    #[test]
    fn highlight_keeps_code_exactly() {
        let src = "{% highlight python linenos %}\n\ndef f():\n    #  주석   두 칸\n    return {{ x }}\n\n{% endhighlight %} 뒤";
        let found = Liquid::new(&ctx()).at(src, 0).unwrap();
        assert_eq!(
            found.item,
            Item::Highlight {
                lang: "python".into(),
                code: "def f():\n    #  주석   두 칸\n    return {{ x }}".into()
            }
        );
        assert_eq!(&src[found.end..], " 뒤");
    }

    #[test]
    fn raw_inside_highlight_is_skipped_when_looking_for_its_end() {
        let src =
            "{% highlight liquid %}{% raw %}{% endhighlight %}{% endraw %}\n{% endhighlight %}";
        let found = Liquid::new(&ctx()).at(src, 0).unwrap();
        assert_eq!(
            found.item,
            Item::Highlight {
                lang: "liquid".into(),
                code: "{% endhighlight %}".into()
            }
        );
        assert_eq!(found.end, src.len());
    }

    #[test]
    fn tags_show_nothing_or_a_placeholder() {
        assert_eq!(eval("{% if page.x %}"), Some(Item::Nothing));
        assert_eq!(eval("{%- endfor -%}"), Some(Item::Nothing));
        assert_eq!(
            eval("{% include image.html url=\"/a.png\" %}"),
            Some(Item::Text("[include: image.html]".into()))
        );
        assert_eq!(
            eval("{% comment %} 숨김 {% endcomment %}"),
            Some(Item::Nothing)
        );
        assert_eq!(eval("{% 한글 %}"), None);
        assert_eq!(eval("{% if"), None);
        assert_eq!(eval("{{ a\n}}"), None);
    }

    #[test]
    fn assign_sets_a_variable() {
        let c = ctx();
        let mut l = Liquid::new(&c);
        l.at("{% assign img = \"/assets/x\" | relative_url %}", 0);
        assert_eq!(
            l.at("{{ img }}", 0).unwrap().item,
            Item::Text("/blog/assets/x".into())
        );
    }

    #[test]
    fn raw_markers_come_out_of_code() {
        assert_eq!(
            strip_raw_markers("a {% raw %}{{ x }}{% endraw %} b"),
            "a {{ x }} b"
        );
        assert_eq!(strip_raw_markers("{% raw %} open"), "{% raw %} open");
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
