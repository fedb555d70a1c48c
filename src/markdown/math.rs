//! `$…$` and `$$…$$` math, shown as the TeX source the author wrote: a
//! terminal cannot typeset it, and the source is what a reader of TeX
//! understands. comrak has already kept it from Markdown (no emphasis,
//! escapes or entities inside); here it becomes code, and display math
//! that stands alone (a paragraph of its own, as kramdown requires for a
//! display block) becomes a block of its own.

use comrak::Arena;
use comrak::nodes::{AstNode, NodeCode, NodeCodeBlock, NodeMath, NodeValue};

type Node<'a> = &'a AstNode<'a>;

/// The info string of display math blocks (`<pre><code class="language-math">`).
pub(crate) const DISPLAY_INFO: &str = "math";

/// Show `node` (math) as code. Display math alone in its paragraph takes
/// its siblings with it; `as_written` puts back what the scan took out of
/// their TeX (the visited node's own literal has it back already).
pub(crate) fn show<'a>(
    arena: &'a Arena<'a>,
    node: Node<'a>,
    math: NodeMath,
    as_written: impl Fn(&str) -> String,
) {
    if math.display_math
        && let Some(paragraph) = node.parent().filter(|p| alone_in(p))
    {
        for child in paragraph.children() {
            let literal = match &mut child.data_mut().value {
                NodeValue::Math(m) => as_written(&std::mem::take(&mut m.literal)),
                _ => continue,
            };
            // Visited later, the node is text and left alone.
            child.data_mut().value = NodeValue::Text("".into());
            let block = NodeCodeBlock {
                fenced: true,
                fence_char: b'`',
                fence_length: 3,
                info: DISPLAY_INFO.to_string(),
                literal: format!("{}\n", trim_lines(&literal)),
                closed: true,
                ..NodeCodeBlock::default()
            };
            let block = arena.alloc(AstNode::from(NodeValue::CodeBlock(Box::new(block))));
            paragraph.insert_before(block);
        }
        paragraph.detach();
        return;
    }
    node.data_mut().value = NodeValue::Code(NodeCode {
        num_backticks: 1,
        literal: math.literal.trim().to_string(),
    });
}

/// A paragraph of display math only (and line breaks between).
fn alone_in<'a>(paragraph: Node<'a>) -> bool {
    matches!(paragraph.data().value, NodeValue::Paragraph)
        && paragraph.children().all(|c| match &c.data().value {
            NodeValue::Math(m) => m.display_math,
            NodeValue::SoftBreak | NodeValue::LineBreak => true,
            NodeValue::Text(t) => t.trim().is_empty(),
            NodeValue::HtmlInline(h) => is_line_break(h),
            _ => false,
        })
}

fn is_line_break(html: &str) -> bool {
    let t = html.trim().to_ascii_lowercase();
    matches!(t.as_str(), "<br>" | "<br/>" | "<br />")
}

/// Blank lines and the spaces at the very ends taken off; every line
/// between kept as written.
fn trim_lines(s: &str) -> &str {
    let s = s.trim_end();
    let start = s
        .char_indices()
        .find(|&(_, c)| !c.is_whitespace())
        .map_or(s.len(), |(i, _)| i);
    // Keep the indentation of the first line when it has text.
    let line_start = s[..start].rfind('\n').map_or(0, |i| i + 1);
    if line_start == 0 {
        &s[start..]
    } else {
        &s[line_start..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimming_keeps_lines() {
        assert_eq!(trim_lines("\n  a_1 \\\\\n  b\n"), "  a_1 \\\\\n  b");
        assert_eq!(trim_lines(" x "), "x");
    }
}
