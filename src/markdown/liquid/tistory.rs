//! Tistory's placeholders, `[##_Image|kage@…|…_##]`: what the editor
//! writes for a picture, a grid or gallery of them, or an attached file,
//! and the blog turns into a figure when it publishes the post. Posts
//! copied out of Tistory, or moved to Jekyll and Hugo, keep them as
//! written; here they become the figures and links the blog shows.

use super::embed::{link_html, push_figure};
use super::finds::Finds;
use super::{Found, Item};

/// Longest placeholder read as one (longer ones stay text).
const MAX_PLACEHOLDER: usize = 16 * 1024;

/// Where Tistory serves what it stores as `kage@PATH`.
const KAGE: &str = "https://blog.kakaocdn.net/dn/";

/// The placeholder starting at `start`, when one does and is of a kind
/// that shows something.
pub(super) fn at(src: &str, start: usize, finds: &mut Finds) -> Option<Found> {
    let rest = src.get(start..)?.strip_prefix("[##_")?;
    // The kind first, told at once (a failed opening must cost nothing).
    let kind_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    let kind = &rest[..kind_len];
    if !matches!(kind, "Image" | "ImageGrid" | "Gallery" | "File") {
        return None;
    }
    let from = start + 4;
    let close = finds.close(src, ("_##]", "\n"), from, MAX_PLACEHOLDER)?;
    // Placeholders do not nest: an opening before the close is the one.
    if finds
        .next(src, "[##_", from)
        .is_some_and(|next| next < close)
    {
        return None;
    }
    let fields: Vec<&str> = src[from + kind_len..close].split('|').skip(1).collect();
    let end = close + 4;
    let html = match kind {
        "Image" | "ImageGrid" | "Gallery" => figures(&fields)?,
        "File" => {
            let paragraph = crate::markdown::scan::alone_on_line(src, start, end);
            file_link(&fields, paragraph)?
        }
        _ => return None,
    };
    Some(Found {
        end,
        item: Item::Html(html),
    })
}

/// The address of a stored file (`kage@PATH`).
fn kage_url(field: &str) -> Option<String> {
    let path = field.trim().strip_prefix("kage@")?;
    (!path.is_empty()).then(|| format!("{KAGE}{path}"))
}

/// One figure a picture: each `kage@` field, with the caption and text
/// the JSON field after it gives (or the old form's caption field).
fn figures(fields: &[&str]) -> Option<String> {
    let mut out = String::new();
    for (i, field) in fields.iter().enumerate() {
        let Some(url) = kage_url(field) else {
            continue;
        };
        // Until the next picture: its settings.
        let own: Vec<&str> = fields[i + 1..]
            .iter()
            .take_while(|f| kage_url(f).is_none())
            .copied()
            .collect();
        let json = own.iter().find_map(|f| {
            serde_json::from_str::<serde_json::Value>(f.trim())
                .ok()
                .filter(serde_json::Value::is_object)
        });
        let text = |key: &str| {
            json.as_ref()
                .and_then(|j| j.get(key))
                .and_then(serde_json::Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        // The old form: style, attributes, then the caption.
        let old_caption = || {
            own.get(2)
                .map(|c| c.trim())
                .filter(|c| !c.is_empty() && !c.contains('='))
        };
        let caption = text("caption").or_else(|| json.is_none().then(old_caption).flatten());
        push_figure(&mut out, &url, text("alt").unwrap_or_default(), caption);
    }
    (!out.is_empty()).then_some(out)
}

/// An attached file: a link named by its file name.
fn file_link(fields: &[&str], paragraph: bool) -> Option<String> {
    let url = fields.iter().find_map(|f| kage_url(f))?;
    let name = fields
        .iter()
        .find_map(|f| {
            let json = serde_json::from_str::<serde_json::Value>(f.trim()).ok()?;
            json.get("filename")?.as_str().map(str::to_string)
        })
        .or_else(|| {
            fields
                .iter()
                .find_map(|f| f.trim().strip_prefix("filename=\"")?.split('"').next())
                .map(str::to_string)
        })
        .unwrap_or_else(|| url.clone());
    Some(link_html(&url, &name, paragraph))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(src: &str) -> Option<String> {
        match at(src, 0, &mut Finds::default())? {
            Found {
                item: Item::Html(h),
                end,
            } => {
                assert_eq!(end, src.len(), "{src}");
                Some(h)
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn images_become_figures_with_their_captions() {
        assert_eq!(
            html(
                r#"[##_Image|kage@R9X3b/btsk1/lUdi2/img.png|CDM|1.3|{"originWidth":1314,"style":"alignCenter","caption":"설치 첫 화면","alt":"설치"}_##]"#
            )
            .as_deref(),
            Some(
                r#"<figure><img src="https://blog.kakaocdn.net/dn/R9X3b/btsk1/lUdi2/img.png" alt="설치"><figcaption>설치 첫 화면</figcaption></figure>"#
            )
        );
        // The old form: the caption after the attributes.
        assert_eq!(
            html(
                r#"[##_Image|kage@kKgAW/bt/FH/img.png|widthContent|data-origin-width="0" data-origin-height="0"|예제 화면||_##]"#
            )
            .as_deref(),
            Some(
                r#"<figure><img src="https://blog.kakaocdn.net/dn/kKgAW/bt/FH/img.png" alt=""><figcaption>예제 화면</figcaption></figure>"#
            )
        );
        let grid = html(
            r#"[##_ImageGrid|kage@a/b/img.png|{"caption":"첫째"}|kage@c/d/img.jpg|{"caption":"<둘째>"}_##]"#,
        )
        .unwrap();
        assert_eq!(grid.matches("<figure>").count(), 2);
        assert!(grid.contains("&lt;둘째&gt;"), "{grid}");
    }

    #[test]
    fn a_million_openings_without_a_close_cost_one_search() {
        // Each opening searched its 16 KiB window again: minutes.
        let src = "[##_".repeat(1_000_000);
        let mut finds = Finds::default();
        let found = (0..src.len())
            .step_by(4)
            .filter(|&i| at(&src, i, &mut finds).is_some())
            .count();
        assert_eq!(found, 0);
        let shortcodes = "{{< x".repeat(1_000_000);
        let mut state = (Vec::new(), Finds::default());
        let ctx = super::super::LiquidContext::default();
        let found = (0..shortcodes.len())
            .step_by(5)
            .filter(|&i| {
                super::super::shortcode::at(&shortcodes, i, &ctx, (&mut state.0, &mut state.1))
                    .is_some()
            })
            .count();
        assert_eq!(found, 0);
    }

    #[test]
    fn files_become_links_and_others_stay_text() {
        assert_eq!(
            html(r#"[##_File|kage@x/y/자료.zip|filename="자료.zip" size="1.2MB"|_##]"#).as_deref(),
            Some(r#"<p><a href="https://blog.kakaocdn.net/dn/x/y/자료.zip">자료.zip</a></p>"#)
        );
        for src in [
            "[##_Map|{}_##]",
            "[##_Image|no-picture|_##]",
            "[##_Image|kage@a\nb_##]",
            "[##_Image|kage@a",
            "[##_Image|kage@|_##]",
        ] {
            assert_eq!(at(src, 0, &mut Finds::default()), None, "{src}");
        }
    }
}
