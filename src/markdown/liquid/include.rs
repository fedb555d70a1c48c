//! What `{% include NAME … %}` shows. Jekyll writes the theme's file
//! there, which a reader does not have; the includes themes use to put
//! something in the article (Minimal Mistakes' `figure`, `video` and
//! `toc`, Chirpy's `embed/…`) become that thing, and any other shows as
//! `[include: NAME]`.

use super::html::push_escaped;
use super::shortcode::link_html;
use super::{Item, Liquid};

/// The include tag whose markup is `markup`, from `start` to `end` in
/// `src`.
pub(super) fn include(
    liquid: &Liquid<'_>,
    src: &str,
    (start, end): (usize, usize),
    markup: &str,
) -> Item {
    let name = markup.split_whitespace().next().unwrap_or("");
    let params = params(&markup[name.len()..]);
    let name = name.trim_matches(['"', '\'']);
    // A parameter's value: a quoted literal, or a variable (`fig_path`).
    let arg = |key: &str| {
        params
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, raw)| liquid.value(raw))
            .filter(|v| !v.is_empty())
    };
    let paragraph = crate::markdown::scan::alone_on_line(src, start, end);
    let link = |url: String| Item::Html(link_html(&url, &url, paragraph));
    let shown = match name.trim_end_matches(".html") {
        "toc" => Some(Item::Toc),
        "figure" => {
            arg("image_path").map(|image| Item::Html(figure(&image, arg("alt"), arg("caption"))))
        }
        "video" => arg("id").and_then(|id| {
            let url = match arg("provider").as_deref() {
                Some("youtube") => format!("https://www.youtube.com/watch?v={id}"),
                Some("vimeo") => format!("https://vimeo.com/{id}"),
                Some("bilibili") => format!("https://www.bilibili.com/video/{id}"),
                Some("google-drive") => format!("https://drive.google.com/file/d/{id}/view"),
                _ => return None,
            };
            Some(link(url))
        }),
        "embed/youtube" => {
            arg("id").map(|id| link(format!("https://www.youtube.com/watch?v={id}")))
        }
        "embed/bilibili" => {
            arg("id").map(|id| link(format!("https://www.bilibili.com/video/{id}")))
        }
        "embed/twitch" => arg("id").map(|id| link(format!("https://www.twitch.tv/videos/{id}"))),
        "embed/video" | "embed/audio" => arg("src").map(link),
        _ => None,
    };
    shown.unwrap_or_else(|| Item::Text(format!("[include: {name}]")))
}

/// `key=value` parameters, each value as written (quoted or not).
fn params(s: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        let key_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        let key = &rest[..key_len];
        let after = &rest[key_len..];
        let Some(after) = after.strip_prefix('=').filter(|_| !key.is_empty()) else {
            // Not a parameter: skip a word.
            let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
            rest = rest[word..].trim_start();
            continue;
        };
        let value_len = match after.chars().next() {
            Some(q @ ('"' | '\'')) => after[1..].find(q).map_or(after.len(), |e| e + 2),
            _ => after.find(char::is_whitespace).unwrap_or(after.len()),
        };
        out.push((key, &after[..value_len]));
        rest = after[value_len..].trim_start();
    }
    out
}

/// A picture with its text and caption.
fn figure(image: &str, alt: Option<String>, caption: Option<String>) -> String {
    let mut out = String::from("<figure><img src=\"");
    push_escaped(&mut out, image);
    out.push_str("\" alt=\"");
    push_escaped(&mut out, alt.as_deref().unwrap_or_default());
    out.push_str("\">");
    if let Some(caption) = caption {
        out.push_str("<figcaption>");
        push_escaped(&mut out, &caption);
        out.push_str("</figcaption>");
    }
    out.push_str("</figure>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_quoted_or_not() {
        assert_eq!(
            params(r#" image_path=fig_path alt="그림 설명" caption='둘째, "인용"' x"#),
            [
                ("image_path", "fig_path"),
                ("alt", r#""그림 설명""#),
                ("caption", r#"'둘째, "인용"'"#)
            ]
        );
        assert_eq!(params(r#"a="열림"#), [("a", r#""열림"#)]);
    }
}
