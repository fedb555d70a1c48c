//! Markdown bodies: their visible text for search. Rendering turns them
//! into HTML first, so both formats share one renderer.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
}

/// The text a reader of the rendered Markdown sees.
pub fn visible_text(markdown: &str) -> String {
    let mut html_parts = String::new();
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::Html(h) | Event::InlineHtml(h) => html_parts.push_str(&h),
            Event::SoftBreak | Event::HardBreak | Event::Rule => out.push(' '),
            Event::Start(Tag::Image { .. }) => {}
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => out.push(' '),
            _ => {}
        }
    }
    if !html_parts.is_empty() {
        out.push(' ');
        out.push_str(&crate::html_text::visible_text(&html_parts));
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
