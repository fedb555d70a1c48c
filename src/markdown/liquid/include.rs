//! What `{% include NAME … %}` shows. Jekyll writes the file there: the
//! includes themes use to put something in the article (Minimal
//! Mistakes' `figure`, `video` and `toc`, Chirpy's `embed/…`) become that
//! thing (their files are the theme's, often not in the site); else the
//! site's own file is read (see site_include.rs); any other shows as
//! `[include: NAME]`.

use super::embed::{link_html, push_figure, push_linked_figure, video_url};
use super::shortcode::quoted_arguments;
use super::value::Value;
use super::{Item, Liquid};
use crate::references::RefKind;

/// The include tag whose markup is `markup`, from `start` to `end` in
/// `src`; `relative`: `include_relative`, whose file is beside the post.
pub(super) fn include(
    liquid: &mut Liquid<'_>,
    src: &str,
    (start, end): (usize, usize),
    (markup, relative): (&str, bool),
) -> Item {
    let name = markup.split_whitespace().next().unwrap_or("");
    let params = quoted_arguments(&markup[name.len()..], &['"', '\'']);
    let name = name.trim_matches(['"', '\'']);
    // A parameter's value: a quoted literal, or a variable (`fig_path`).
    let arg = |key: &str| {
        params
            .iter()
            .find(|(k, _, _)| *k == Some(key))
            .map(|&(_, value, quoted)| {
                if quoted {
                    value.to_string()
                } else {
                    liquid.value(value)
                }
            })
            .filter(|v| !v.is_empty())
    };
    let paragraph = crate::markdown::scan::alone_on_line(src, start, end);
    let link = |url: String| Item::Html(link_html(&url, &url, paragraph));
    let base = name.trim_end_matches(".html");
    let themes = if relative { "" } else { base };
    let shown = match themes {
        "toc" => Some(Item::Toc),
        "figure" => arg("image_path").map(|image| {
            let mut html = String::new();
            let alt = arg("alt").unwrap_or_default();
            push_figure(&mut html, &image, &alt, arg("caption").as_deref());
            Item::Html(html)
        }),
        // Minimal Mistakes names the site; Chirpy has an include a site.
        "video" => arg("provider")
            .zip(arg("id"))
            .and_then(|(site, id)| video_url(&site, &id))
            .map(link),
        "embed/youtube" | "embed/bilibili" | "embed/twitch" => arg("id")
            .and_then(|id| video_url(&base["embed/".len()..], &id))
            .map(link),
        "embed/video" | "embed/audio" => arg("src").map(link),
        _ => None,
    };
    if let Some(shown) = shown {
        return shown;
    }
    let kind = match relative {
        true => RefKind::IncludeRelative,
        false => RefKind::Include,
    };
    liquid.refer(start, kind, name);
    // A variable keeps its structure: `{% include card.html item=img %}`.
    let params: Vec<(String, Value)> = params
        .iter()
        .filter_map(|&(key, value, quoted)| {
            let value = if quoted {
                Value::Text(value.to_string())
            } else {
                liquid.value_of(value)
            };
            Some((key?.to_string(), value))
        })
        .collect();
    let mut child = liquid.child(params);
    match super::site_include::text(&mut child, name, relative) {
        Some(text) => Item::Include(text),
        // Minimal Mistakes' gallery, when the theme's file is not in the
        // site (a `remote_theme`): its pictures, as the theme shows them.
        // (A post that names no pictures keeps the placeholder.)
        None => {
            let caption = arg("caption");
            (themes == "gallery")
                .then(|| gallery(liquid, arg("id").as_deref(), caption.as_deref()))
                .flatten()
                .unwrap_or_else(|| Item::Text(format!("[include: {name}]")))
        }
    }
}

/// Minimal Mistakes' `gallery`: the pictures of the front matter's list
/// (`gallery`, or the one `id` names), each with its alt text and linked
/// to its `url` when it has one, and the caption under them.
fn gallery(liquid: &Liquid<'_>, id: Option<&str>, caption: Option<&str>) -> Option<Item> {
    let key = id.filter(|id| !id.contains(['"', '[', ']']));
    let list = liquid.value_of(&format!("page[\"{}\"]", key.unwrap_or("gallery")));
    let mut html = String::new();
    for item in list.items().iter().take(super::bundle::MAX_PICTURES) {
        let image = item.field("image_path").text().into_owned();
        if image.is_empty() {
            continue;
        }
        let src = liquid.ctx.relative_url(&image);
        let alt = item.field("alt").text().into_owned();
        let url = item.field("url").text().into_owned();
        let href = (!url.is_empty()).then(|| liquid.ctx.relative_url(&url));
        push_linked_figure(&mut html, href.as_deref(), (&src, &alt), None);
    }
    if html.is_empty() {
        return None;
    }
    // The theme reads its caption as Markdown.
    if let Some(caption) = caption {
        html.push_str(&super::filters::markdownify(liquid, caption));
    }
    Some(Item::Html(html))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_quoted_or_not() {
        assert_eq!(
            quoted_arguments(
                r#" image_path=fig_path alt="그림 설명" caption='둘째, "인용"' x"#,
                &['"', '\'']
            ),
            [
                (Some("image_path"), "fig_path", false),
                (Some("alt"), "그림 설명", true),
                (Some("caption"), r#"둘째, "인용""#, true),
                (None, "x", false)
            ]
        );
        assert_eq!(
            quoted_arguments(r#"a="열림"#, &['"']),
            [(Some("a"), "열림", false)]
        );
    }
}
