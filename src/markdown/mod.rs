//! Markdown bodies in the dialect Korean Jekyll blogs write (DESIGN §6):
//! CommonMark and GFM read by comrak with CJK-friendly emphasis
//! (`**임베딩(embedding)**은` is bold, as kramdown shows it), footnotes,
//! description lists and `$…$`/`$$…$$` math; kramdown's attribute lists and
//! extensions; and the Liquid Jekyll runs first. Rendering turns the body
//! into HTML for the one HTML renderer; search takes its visible text from
//! the same parse.

mod autolink;
mod blocks;
mod callout;
pub(crate) mod goldmark;
mod icons;
mod kramdown;
pub mod liquid;
mod math;
mod math_lines;
mod resolve;
mod scan;
mod toc;
mod tree;

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};

pub use liquid::{Dialect, Includes, LiquidContext, PostTitles, SitePost, SitePosts};
use tree::Mode;

fn options() -> Options<'static> {
    let mut o = Options::default();
    let e = &mut o.extension;
    e.strikethrough = true;
    e.table = true;
    e.autolink = true;
    e.tasklist = true;
    e.footnotes = true;
    e.description_lists = true;
    e.math_dollars = true;
    e.cjk_friendly_emphasis = true;
    // Raw HTML goes to the HTML renderer, which sanitises it.
    o.render.r#unsafe = true;
    o
}

/// Parse `markdown` as the published page reads it and hand the document
/// to `f`.
fn with_document<R>(
    markdown: &str,
    ctx: &LiquidContext,
    mode: Mode,
    f: impl for<'a> FnOnce(&'a AstNode<'a>, &Options<'static>) -> R,
) -> R {
    let prepared = scan::prepare(markdown, ctx);
    let mut options = options();
    options.extension.shortcodes = ctx.emoji;
    let arena = Arena::new();
    let root = parse_document(&arena, &prepared.source, &options);
    let tokens = tree::without_unclosed_quotes(root, &prepared.tokens, &prepared.quotes);
    tree::transform(&arena, root, &tokens, mode);
    if ctx.icons {
        tree::drop_icons(root);
    }
    f(root, &options)
}

/// The tags of a body that name other files (Jekyll's `post_url`,
/// `include`, `include_relative`), outside code as the page runs them,
/// each with its line in the body (1 for the first).
pub(crate) fn references(
    body: &str,
    format: crate::post::Format,
) -> Vec<(usize, crate::references::RefKind, String)> {
    match format {
        crate::post::Format::Markdown => scan::references(body),
        crate::post::Format::Html => liquid::html_references(body),
    }
}

/// The body as HTML for the renderer.
pub fn to_html(markdown: &str, ctx: &LiquidContext) -> String {
    with_document(markdown, ctx, Mode::Html, |root, options| {
        let mut html = String::with_capacity(markdown.len() * 3 / 2);
        // Writing to a String cannot fail.
        let _ = comrak::format_html(root, options, &mut html);
        html
    })
}

/// The text a reader of the rendered Markdown sees, for search.
pub fn visible_text(markdown: &str, ctx: &LiquidContext) -> String {
    with_document(markdown, ctx, Mode::Text, |root, _| {
        let mut out = String::with_capacity(markdown.len());
        let mut html_parts = String::new();
        for edge in root.traverse() {
            let (node, entering) = match edge {
                comrak::arena_tree::NodeEdge::Start(n) => (n, true),
                comrak::arena_tree::NodeEdge::End(n) => (n, false),
            };
            let data = node.data();
            match &data.value {
                NodeValue::Text(t) if entering => out.push_str(t),
                NodeValue::Code(c) if entering => out.push_str(&c.literal),
                NodeValue::ShortCode(s) if entering => out.push_str(&s.emoji),
                NodeValue::CodeBlock(c) if entering => {
                    out.push(' ');
                    out.push_str(&c.literal);
                }
                NodeValue::HtmlBlock(h) if entering => html_parts.push_str(&h.literal),
                NodeValue::HtmlInline(h) if entering => html_parts.push_str(h),
                NodeValue::SoftBreak | NodeValue::LineBreak | NodeValue::ThematicBreak => {
                    out.push(' ')
                }
                v if !entering && v.block() => out.push(' '),
                NodeValue::TableCell if !entering => out.push(' '),
                _ => {}
            }
        }
        if !html_parts.is_empty() {
            out.push(' ');
            out.push_str(&crate::html_text::visible_text(&html_parts));
        }
        crate::html_text::fold_whitespace(&out)
    })
}
