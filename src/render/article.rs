//! A whole article as the reader shows it and `--dump` prints it: title,
//! meta line, body, numbered link list.

use super::{Flags, Line, Rendered, SpanStyle};
use crate::post::Post;
use crate::text::{width, wrap};

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

/// The meta line: categories, tags, date and file.
pub fn meta(post: &Post) -> String {
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
        parts.push("draft".to_string());
    }
    parts.push(crate::text::one_line(&post.path.to_string_lossy()));
    parts.join(" · ")
}

/// The article's lines at `width`: header, a blank line, the body, and the
/// link list when the body has links.
pub fn lines(post: &Post, body: Rendered, width: usize) -> Vec<Line> {
    let width = width.max(1);
    let mut out = Vec::with_capacity(body.lines.len() + body.links.len() + 6);
    out.extend(
        wrap(&post.title, width)
            .into_iter()
            .map(|l| Line::plain(l, Flags::TITLE)),
    );
    out.extend(
        wrap(&meta(post), width)
            .into_iter()
            .map(|l| Line::plain(l, Flags::META)),
    );
    let mut out = super::lines::fit(out, width);
    out.push(Line::default());
    // The body's lines were fitted to the width when it was rendered.
    out.extend(body.lines);
    if !body.links.is_empty() {
        out.push(Line::default());
        out.extend(super::lines::fit(link_lines(&body.links, width), width));
    }
    out
}

/// `[n] address`, the address wrapped under itself when it is long.
fn link_lines(links: &[String], max: usize) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, address) in links.iter().enumerate() {
        let mark = format!("[{}] ", i + 1);
        let indent = width(&mark);
        let fits_beside = max >= indent + 8;
        let room = if fits_beside { max - indent } else { max };
        let pieces = wrap_address(address, room);
        for (k, piece) in pieces.into_iter().enumerate() {
            let mut line = Line::default();
            if k == 0 {
                line.push(mark.clone(), SpanStyle::of(Flags::LINK_NUMBER));
            } else if fits_beside {
                line.push(" ".repeat(indent), SpanStyle::default());
            }
            line.push(piece, SpanStyle::of(Flags::LINK));
            out.push(line);
        }
    }
    out
}

/// Addresses have no spaces to break at: cut them by cells.
fn wrap_address(address: &str, room: usize) -> Vec<String> {
    if width(address) <= room {
        return vec![address.to_string()];
    }
    wrap(&address.replace(' ', "\u{a0}"), room)
}
