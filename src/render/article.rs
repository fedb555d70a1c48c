//! A whole article as the reader shows it and `--dump` prints it: title,
//! meta line, lead picture, body, numbered link list.

use std::sync::Arc;

use super::cache::ArticleLines;
use super::{Flags, Line, RenderOptions, Rendered, SpanStyle};
use crate::i18n::{Lang, Msg};
use crate::markdown::LiquidContext;
use crate::picture::Found;
use crate::post::Post;
use crate::text::{glyphs, wrap, wrap_hanging};

/// Whether a link may be opened: only web and mail addresses, without
/// control characters, and a mail address only when it does not ask the
/// mail program to attach a file (`?attach=/etc/passwd`).
pub fn is_openable(address: &str) -> bool {
    let address = address.trim();
    if address
        .chars()
        .any(|c| c.is_control() || crate::sanitize::is_forbidden(c))
    {
        return false;
    }
    let lower = address.to_ascii_lowercase();
    if let Some(mail) = lower.strip_prefix("mailto:") {
        return !names_an_attachment(mail);
    }
    ["http://", "https://"].iter().any(|p| lower.starts_with(p))
}

/// Whether a `mailto:` address has a query field whose name starts with
/// `attach` (`attach`, `attachment`, in any case, percent-encoded or not).
/// The query is decoded before it is split, as some mail programs do.
fn names_an_attachment(mail: &str) -> bool {
    let Some((_, query)) = mail.split_once('?') else {
        return false;
    };
    let mut query = query.to_string();
    // Decoded until nothing changes: `%2561` is `%61` is `a`.
    for _ in 0..4 {
        let decoded = percent_encoding::percent_decode_str(&query)
            .decode_utf8_lossy()
            .into_owned();
        if decoded == query {
            break;
        }
        query = decoded;
    }
    query.split(['&', ';', '?']).any(|field| {
        let name = field.split('=').next().unwrap_or("");
        name.trim().to_lowercase().starts_with("attach")
    })
}

/// The meta line at `width` cells: categories, tags, date, whether a
/// draft (in `lang`, as the list says it) and file, broken between them.
pub fn meta_lines(post: &Post, lang: Lang, width: usize) -> Vec<String> {
    crate::text::wrap_parts(&meta_parts(post, lang), glyphs().separator, width)
}

fn meta_parts(post: &Post, lang: Lang) -> Vec<String> {
    let mut parts = Vec::new();
    if !post.categories.is_empty() {
        parts.push(post.categories.join(", "));
    }
    if !post.tags.is_empty() {
        parts.push(
            post.tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    if let Some(d) = post.date {
        parts.push(d.day_string());
    }
    if !post.published {
        parts.push(Msg::DraftMark.say(lang));
    } else if post.scheduled {
        parts.push(Msg::ScheduledMark.say(lang));
    }
    parts.push(crate::text::one_line(&post.path.to_string_lossy()));
    parts
}

/// A post's whole article as the pane shows it and `--dump` prints it:
/// `body` rendered at `opts.width` (its Liquid resolved with the post's
/// own values unless `opts` brings some), under its header, over its
/// links, all measured in `opts.ambiguous` whatever thread this runs on.
pub fn render(post: &Post, body: &str, opts: &RenderOptions) -> ArticleLines {
    let own;
    let opts = match opts.liquid {
        Some(_) => opts,
        None => {
            own = RenderOptions {
                liquid: Some(Arc::new(LiquidContext::for_post(post))),
                ..opts.clone()
            };
            &own
        }
    };
    opts.ambiguous.scope(|| {
        let rendered = super::render(body, post.format, opts);
        let links = rendered.links.clone();
        let lead = lead(post, opts);
        let mut files = lead.as_ref().map_or_else(Vec::new, |l| l.pictures.clone());
        files.extend(rendered.pictures.iter().cloned());
        let mut problems = lead.as_ref().map_or_else(Vec::new, |l| l.problems.clone());
        problems.extend(rendered.problems.iter().cloned());
        let lines = lines(post, lead, rendered, opts);
        ArticleLines {
            pictures: crate::picture::slot::find(&lines, files),
            lines,
            links,
            problems,
        }
    })
}

/// The lead picture, when it names a local file (a missing or remote lead
/// image is not shown: it belongs to the site's page around the article).
fn lead(post: &Post, opts: &RenderOptions) -> Option<Rendered> {
    let context = opts.pictures.as_ref()?;
    let address = lead_address(post, opts)?;
    match context.locator.locate(&address) {
        Found::File(_) | Found::Problem(_) => {}
        Found::Missing | Found::Remote | Found::Elsewhere => return None,
    }
    let html = format!(
        "<p><img src=\"{}\" alt=\"\"></p>",
        address
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
    );
    Some(super::render(&html, crate::post::Format::Html, opts))
}

/// The lead picture's address: the front matter's `image:`, else a Hugo
/// page bundle's featured picture, found as Hugo's templates find it
/// (only here, when the article is shown: the list and `--json` say what
/// the front matter says).
fn lead_address(post: &Post, opts: &RenderOptions) -> Option<String> {
    if !post.image.trim().is_empty() {
        return Some(post.image.clone());
    }
    let bundle = opts.liquid.as_ref()?.bundle.as_ref()?;
    let name = crate::markdown::liquid::featured_picture(bundle)?;
    Some(crate::markdown::liquid::resource_address(&name))
}

/// The article's lines at `opts.width`: header, a blank line, the lead
/// picture, the body, and the link list when the body has links.
fn lines(post: &Post, lead: Option<Rendered>, body: Rendered, opts: &RenderOptions) -> Vec<Line> {
    let width = opts.width.max(1);
    let mut out = Vec::with_capacity(body.lines.len() + body.links.len() + 6);
    out.extend(
        wrap(&post.title, width)
            .into_iter()
            .map(|l| Line::plain(l, Flags::TITLE)),
    );
    out.extend(
        meta_lines(post, opts.lang, width)
            .into_iter()
            .map(|l| Line::plain(l, Flags::META)),
    );
    let mut out = super::lines::split_wide(out, width);
    out.push(Line::default());
    // The body's lines were fitted to the width when it was rendered.
    if let Some(lead) = lead.filter(|l| !l.lines.is_empty()) {
        out.extend(lead.lines);
        out.push(Line::default());
    }
    out.extend(body.lines);
    if !body.links.is_empty() {
        out.push(Line::default());
        out.extend(super::lines::split_wide(
            link_lines(&body.links, width),
            width,
        ));
    }
    out
}

/// `[n] address`, the address wrapped under itself when it is long.
fn link_lines(links: &[String], max: usize) -> Vec<Line> {
    /// Below this room beside the mark, the address goes under it.
    const MIN_ROOM: usize = 8;
    let mut out = Vec::with_capacity(links.len());
    for (i, address) in links.iter().enumerate() {
        let mark = format!("[{}] ", i + 1);
        // Addresses have no spaces to break at: cut them by cells.
        let address = crate::text::shown_address(address).replace(' ', "\u{a0}");
        for (k, text) in wrap_hanging(&mark, &address, max, MIN_ROOM)
            .into_iter()
            .enumerate()
        {
            let mut line = Line::default();
            let rest = match text.strip_prefix(mark.trim_end()) {
                Some(rest) if k == 0 => {
                    line.push(
                        mark.trim_end().to_string(),
                        SpanStyle::of(Flags::LINK_NUMBER),
                    );
                    rest
                }
                _ => text.as_str(),
            };
            let body = rest.trim_start_matches(' ');
            let indent = rest.len() - body.len();
            if indent > 0 {
                line.push(" ".repeat(indent), SpanStyle::default());
            }
            if !body.is_empty() {
                line.push(body.replace('\u{a0}', " "), SpanStyle::of(Flags::LINK));
            }
            out.push(line);
        }
    }
    out
}
