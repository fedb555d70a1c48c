//! Callouts: blocks a theme sets apart with a colour and an icon (Chirpy's
//! prompts, Minimal Mistakes' notices, Hugo themes' admonitions, GitHub's
//! alerts). A terminal shows neither, so a callout begins with its label
//! (`Tip:`), and its title when it has one.

use std::borrow::Cow;

use comrak::Arena;
use comrak::nodes::{AstNode, NodeValue};

type Node<'a> = &'a AstNode<'a>;

/// The label of a callout of `kind`: the kinds of GitHub's alerts, of
/// Chirpy's prompts, of LoveIt's admonitions and Obsidian's callouts (and
/// the other names Obsidian gives them).
pub(crate) fn label(kind: &str) -> Option<&'static str> {
    Some(match kind.to_ascii_lowercase().as_str() {
        "note" | "seealso" => "Note",
        "abstract" | "summary" | "tldr" => "Abstract",
        "info" | "information" => "Info",
        "todo" => "Todo",
        "tip" | "hint" => "Tip",
        "important" => "Important",
        "success" | "check" | "done" => "Success",
        "question" | "help" | "faq" => "Question",
        "warning" | "warn" | "attention" => "Warning",
        "caution" => "Caution",
        "failure" | "fail" | "missing" => "Failure",
        "danger" | "error" => "Danger",
        "bug" => "Bug",
        "example" => "Example",
        "quote" | "cite" => "Quote",
        _ => return None,
    })
}

/// The words a callout begins with: `Tip:`, or `Tip: 제목` with a title.
pub(crate) fn heading(label: &str, title: Option<&str>) -> String {
    match title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(title) => format!("{label}: {title}"),
        None => format!("{label}:"),
    }
}

/// Begin `block` (a quote's first paragraph, or the paragraph itself) with
/// its label, as the theme shows its icon: `Warning: …`.
pub(super) fn prepend_label<'a>(arena: &'a Arena<'a>, block: Node<'a>, label: &str) {
    let first = match block.data().value {
        NodeValue::Paragraph => Some(block),
        _ => block.first_child(),
    };
    let paragraph = match first {
        Some(p) if matches!(p.data().value, NodeValue::Paragraph) => p,
        _ => {
            let p = new(arena, NodeValue::Paragraph);
            block.prepend(p);
            p
        }
    };
    let strong = new(arena, NodeValue::Strong);
    strong.append(new(arena, NodeValue::Text(heading(label, None).into())));
    paragraph.prepend(new(arena, NodeValue::Text(" ".into())));
    paragraph.prepend(strong);
}

/// A quote that is an alert (`> [!NOTE]`, GitHub's; with Obsidian's and
/// Hugo's any type, a `+` or `-` to fold it and a title after it): its
/// first line becomes the label, and the title with it on a line of its
/// own. Hugo reads the marker at the very start of the quote's first
/// paragraph, as here.
pub(super) fn label_alert<'a>(arena: &'a Arena<'a>, quote: Node<'a>) {
    let Some(paragraph) = quote
        .first_child()
        .filter(|p| matches!(p.data().value, NodeValue::Paragraph))
    else {
        return;
    };
    // The first line's inlines, and the text they begin with.
    let line: Vec<Node<'a>> = paragraph.children().take_while(|n| !is_break(n)).collect();
    let mut text = String::new();
    for node in &line {
        match &node.data().value {
            NodeValue::Text(t) => text.push_str(t),
            _ => break,
        }
    }
    let Some((kind, title_at)) = marker(&text) else {
        return;
    };
    let label: Cow<'static, str> = match label(kind) {
        Some(l) => Cow::Borrowed(l),
        None => Cow::Owned(title_case(kind)),
    };
    let texts = line
        .iter()
        .take_while(|n| matches!(n.data().value, NodeValue::Text(_)))
        .count();
    // The title: the rest of the leading text, and what follows it on
    // the line (emphasis, code, links) as written.
    let title = new(arena, NodeValue::Strong);
    let rest = match texts == line.len() {
        true => text[title_at..].trim_end(),
        false => &text[title_at..],
    };
    for node in &line[..texts] {
        node.detach();
    }
    let has_title = !rest.is_empty() || texts < line.len();
    if !rest.is_empty() {
        title.append(new(arena, NodeValue::Text(rest.to_string().into())));
    }
    for node in &line[texts..] {
        node.detach();
        title.append(node);
    }
    if let Some(b) = paragraph.first_child().filter(|n| is_break(n)) {
        b.detach();
    }
    if paragraph.first_child().is_none() {
        paragraph.detach();
    }
    if !has_title {
        prepend_label(arena, quote, &label);
        return;
    }
    title.prepend(new(arena, NodeValue::Text(format!("{label}: ").into())));
    let heading = new(arena, NodeValue::Paragraph);
    heading.append(title);
    quote.prepend(heading);
}

/// `[!type]`, a `+` or `-`, and one space, at the start of `text`: the
/// type and where the title after them starts (Hugo's pattern).
fn marker(text: &str) -> Option<(&str, usize)> {
    let inner = text.strip_prefix("[!")?;
    let len = inner.bytes().take_while(u8::is_ascii_alphabetic).count();
    if len == 0 || !inner[len..].starts_with(']') {
        return None;
    }
    let mut at = 2 + len + 1;
    if matches!(text.as_bytes().get(at), Some(b'+' | b'-')) {
        at += 1;
    }
    if matches!(text.as_bytes().get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    Some((&inner[..len], at))
}

/// `memo` as a theme shows an alert type it has no name for: `Memo`.
fn title_case(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

fn is_break(node: Node<'_>) -> bool {
    matches!(
        node.data().value,
        NodeValue::SoftBreak | NodeValue::LineBreak
    )
}

fn new<'a>(arena: &'a Arena<'a>, value: NodeValue) -> Node<'a> {
    arena.alloc(AstNode::from(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_as_hugo_reads_them() {
        assert_eq!(marker("[!NOTE]"), Some(("NOTE", 7)));
        assert_eq!(marker("[!tip]- 접힌 제목"), Some(("tip", 8)));
        assert_eq!(marker("[!tip]+제목"), Some(("tip", 7)));
        assert_eq!(marker("[!note]  둘"), Some(("note", 8)));
        assert_eq!(marker("[!]"), None);
        assert_eq!(marker("[!노트]"), None, "a type is ASCII letters");
        assert_eq!(marker("[!note 제목]"), None);
        assert_eq!(marker(" [!note]"), None);
    }

    #[test]
    fn labels_of_every_kind_and_unknown_types() {
        assert_eq!(label("NOTE"), Some("Note"));
        assert_eq!(label("tldr"), Some("Abstract"));
        assert_eq!(label("success"), Some("Success"));
        assert_eq!(label("failure"), Some("Failure"));
        assert_eq!(label("memo"), None);
        assert_eq!(title_case("MEMO"), "Memo");
        assert_eq!(heading("Tip", Some(" SSL 구성 ")), "Tip: SSL 구성");
        assert_eq!(heading("Tip", Some("  ")), "Tip:");
    }
}
