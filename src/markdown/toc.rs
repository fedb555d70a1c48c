//! kramdown's `{:toc}`: the list it marks (`* TOC`, `1. 목차`) is replaced
//! by a table of contents, a nested list of the article's headings' text
//! (headings marked `{: .no_toc}` left out).

use comrak::Arena;
use comrak::nodes::{AstNode, NodeValue};

use super::liquid::push_escaped;
use super::tree::Mode;

type Node<'a> = &'a AstNode<'a>;

/// What a `{:toc}` found at `node` replaces: the list it sits in, else the
/// block it sits in.
pub(crate) fn target<'a>(node: Node<'a>) -> Node<'a> {
    if let Some(list) = node
        .ancestors()
        .take(5)
        .find(|a| matches!(a.data().value, NodeValue::List(_)))
    {
        return list;
    }
    node.ancestors()
        .find(|a| {
            a.parent()
                .is_some_and(|p| matches!(p.data().value, NodeValue::Document))
        })
        .unwrap_or(node)
}

pub(crate) fn place<'a>(
    arena: &'a Arena<'a>,
    root: Node<'a>,
    targets: &[Node<'a>],
    no_toc: &[Node<'a>],
    mode: Mode,
) {
    let headings: Vec<(u8, String)> = root
        .descendants()
        .filter(|n| !no_toc.iter().any(|x| x.same_node(n)))
        .filter_map(|n| match n.data().value {
            NodeValue::Heading(h) => Some((h.level, text_of(n))),
            _ => None,
        })
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let mut placed: Vec<Node<'a>> = Vec::new();
    for &target in targets {
        if placed.iter().any(|p| p.same_node(target)) || target.parent().is_none() {
            continue;
        }
        placed.push(target);
        if mode == Mode::Text {
            // Search finds the headings themselves.
            target.detach();
            continue;
        }
        let ordered = matches!(
            &target.data().value,
            NodeValue::List(l) if l.list_type == comrak::nodes::ListType::Ordered
        );
        let html = list_html(&headings, ordered);
        let block = NodeValue::HtmlBlock(comrak::nodes::NodeHtmlBlock {
            block_type: 6,
            literal: html,
        });
        target.insert_before(arena.alloc(AstNode::from(block)));
        target.detach();
    }
}

/// The text a heading shows.
fn text_of<'a>(node: Node<'a>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        match &d.data().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Headings as nested lists, each deeper level inside the item before it.
fn list_html(headings: &[(u8, String)], ordered: bool) -> String {
    let (open, close) = if ordered {
        ("<ol>", "</ol>")
    } else {
        ("<ul>", "</ul>")
    };
    let mut out = String::new();
    let mut levels: Vec<u8> = Vec::new();
    for (level, text) in headings {
        match levels.last() {
            None => {
                out.push_str(open);
                levels.push(*level);
            }
            Some(&top) if *level > top => {
                out.push_str(open);
                levels.push(*level);
            }
            Some(_) => {
                while levels.len() > 1 && levels.last().is_some_and(|&top| *level < top) {
                    out.push_str("</li>");
                    out.push_str(close);
                    levels.pop();
                }
                out.push_str("</li>");
            }
        }
        out.push_str("<li>");
        push_escaped(&mut out, text);
    }
    for _ in &levels {
        out.push_str("</li>");
        out.push_str(close);
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_by_level() {
        let h = |l: u8, t: &str| (l, t.to_string());
        let html = list_html(
            &[
                h(2, "개요"),
                h(3, "설치"),
                h(3, "설정"),
                h(2, "정리"),
                h(4, "부록"),
            ],
            false,
        );
        assert_eq!(
            html,
            "<ul><li>개요<ul><li>설치</li><li>설정</li></ul></li><li>정리<ul><li>부록</li></ul></li></ul>\n"
        );
        assert_eq!(list_html(&[], true), "\n");
    }
}
