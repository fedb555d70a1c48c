//! What Hugo's shortcodes, Hexo's tags, themes' includes and Tistory's
//! placeholders put in a page, as the HTML the renderer reads: links to
//! what they play or point at, figures and callouts' labels.

use super::html::push_escaped;

/// The page of a video (or stream) on `site`, by its id there.
pub(super) fn video_url(site: &str, id: &str) -> Option<String> {
    Some(match site {
        "youtube" => format!("https://www.youtube.com/watch?v={id}"),
        "vimeo" => format!("https://vimeo.com/{id}"),
        "bilibili" => format!("https://www.bilibili.com/video/{id}"),
        "twitch" => format!("https://www.twitch.tv/videos/{id}"),
        "google-drive" => format!("https://drive.google.com/file/d/{id}/view"),
        _ => return None,
    })
}

/// A link to `url` reading `text`, a paragraph of its own when
/// `paragraph`.
pub(super) fn link_html(url: &str, text: &str, paragraph: bool) -> String {
    let mut out = String::from(if paragraph {
        "<p><a href=\""
    } else {
        "<a href=\""
    });
    push_escaped(&mut out, url);
    out.push_str("\">");
    push_escaped(&mut out, text);
    out.push_str(if paragraph { "</a></p>" } else { "</a>" });
    out
}

/// A picture with its text, and its caption below when it has one.
pub(super) fn push_figure(out: &mut String, src: &str, alt: &str, caption: Option<&str>) {
    push_linked_figure(out, None, (src, alt), caption);
}

/// A picture with its text, linked to `href` when it has one, and its
/// caption below when it has one.
pub(super) fn push_linked_figure(
    out: &mut String,
    href: Option<&str>,
    (src, alt): (&str, &str),
    caption: Option<&str>,
) {
    out.push_str("<figure>");
    if let Some(href) = href {
        out.push_str("<a href=\"");
        push_escaped(out, href);
        out.push_str("\">");
    }
    out.push_str("<img src=\"");
    push_escaped(out, src);
    out.push_str("\" alt=\"");
    push_escaped(out, alt);
    out.push_str("\">");
    if href.is_some() {
        out.push_str("</a>");
    }
    if let Some(caption) = caption {
        out.push_str("<figcaption>");
        push_escaped(out, caption);
        out.push_str("</figcaption>");
    }
    out.push_str("</figure>");
}

/// A callout's label (`Tip:`, or `Tip: 제목` with its title), where a
/// theme shows its colour and icon: a paragraph of its own when
/// `paragraph`, else before the text.
pub(super) fn label_html(label: &str, title: Option<&str>, paragraph: bool) -> String {
    let mut out = String::from(if paragraph { "<p><strong>" } else { "<strong>" });
    push_escaped(&mut out, &crate::markdown::callout::heading(label, title));
    out.push_str(if paragraph {
        "</strong></p>"
    } else {
        "</strong> "
    });
    out
}

/// A title of its own (a note's summary, a tab's name): a paragraph of
/// strong text.
pub(crate) fn title_html(title: &str) -> String {
    let mut out = String::from("<p><strong>");
    push_escaped(&mut out, title);
    out.push_str("</strong></p>");
    out
}
