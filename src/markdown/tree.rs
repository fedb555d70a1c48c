//! The parsed document made into what a reader of the published post sees:
//! tokens (scan.rs) put back as written in code and math and resolved
//! elsewhere, math shown as its TeX source, task items marked, Korean
//! particles kept out of bare links, empty paragraphs dropped, and the
//! table of contents built from the headings.

use std::borrow::Cow;

use comrak::Arena;
use comrak::nodes::{AstNode, NodeCode, NodeCodeBlock, NodeValue};

use super::autolink::keep_particles_out_of_autolink;
use super::resolve::{Piece, has_token, in_code, only_token, pieces, resolve_html, resolve_text};
use super::scan::{Token, Value};
use super::{callout, math, toc};

type Node<'a> = &'a AstNode<'a>;

fn is_quote(node: Node<'_>) -> bool {
    matches!(node.data().value, NodeValue::BlockQuote)
}

/// Whether `node` is a quote or a paragraph: what a callout's attribute
/// list (a Chirpy prompt, a Minimal Mistakes notice) sets apart.
fn is_callout_block(node: Node<'_>) -> bool {
    matches!(
        node.data().value,
        NodeValue::BlockQuote | NodeValue::Paragraph
    )
}

/// Whether the document is made for HTML or for its visible text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Html,
    Text,
}

/// `tokens`, where a Hexo quote that is not closed opens nothing (not the
/// rest of the post inside it): one with no closing token, or whose
/// closing token comrak put in code, where it shows as written.
pub(crate) fn without_unclosed_quotes<'t>(
    root: Node<'_>,
    tokens: &'t [Token],
    quotes: &[(usize, Option<usize>)],
) -> Cow<'t, [Token]> {
    if quotes.is_empty() {
        return Cow::Borrowed(tokens);
    }
    let mut in_code = std::collections::HashSet::new();
    for node in root.descendants() {
        let data = node.data();
        let literals: [&str; 2] = match &data.value {
            NodeValue::Code(c) => [&c.literal, ""],
            NodeValue::CodeBlock(c) => [&c.literal, &c.info],
            NodeValue::Math(m) => [&m.literal, ""],
            _ => continue,
        };
        for literal in literals.into_iter().filter(|l| has_token(l)) {
            in_code.extend(pieces(literal).into_iter().filter_map(|p| match p {
                Piece::Token(id) => Some(id),
                Piece::Text(_) => None,
            }));
        }
    }
    let mut owned: Option<Vec<Token>> = None;
    for &(open, close) in quotes {
        let closed = close.is_some_and(|close| !in_code.contains(&close));
        if !closed && !in_code.contains(&open) {
            let tokens = owned.get_or_insert_with(|| tokens.to_vec());
            tokens[open].value = Value::Nothing;
        }
    }
    owned.map_or(Cow::Borrowed(tokens), Cow::Owned)
}

pub(crate) fn transform<'a>(arena: &'a Arena<'a>, root: Node<'a>, tokens: &[Token], mode: Mode) {
    let mut pass = Pass {
        arena,
        tokens,

        toc_targets: Vec::new(),
        no_toc: Vec::new(),
        prompts: Vec::new(),
    };
    let nodes: Vec<Node<'a>> = root.descendants().collect();
    for &node in &nodes {
        pass.node(node);
    }
    for &(block, label) in &pass.prompts {
        callout::prepend_label(arena, block, label);
    }
    for &node in &nodes {
        if is_quote(node) && node.parent().is_some() {
            callout::label_alert(arena, node);
        }
    }
    for &node in &nodes {
        tidy(node);
    }
    if !pass.toc_targets.is_empty() {
        toc::place(arena, root, &pass.toc_targets, &pass.no_toc, mode);
    }
}

/// Take out the LoveIt family's icon shortcuts (`:(fas fa-link):`) from
/// the document's text.
pub(crate) fn drop_icons(root: Node<'_>) {
    for node in root.descendants() {
        if let NodeValue::Text(t) = &mut node.data_mut().value
            && let Some(text) = super::icons::without_icons(t)
        {
            *t = Cow::Owned(text);
        }
    }
}

struct Pass<'a, 't> {
    arena: &'a Arena<'a>,
    tokens: &'t [Token],
    toc_targets: Vec<Node<'a>>,
    no_toc: Vec<Node<'a>>,
    /// Quotes that are Chirpy prompts, and their labels.
    prompts: Vec<(Node<'a>, &'static str)>,
}

impl<'a> Pass<'a, '_> {
    fn new_node(&self, value: NodeValue) -> Node<'a> {
        self.arena.alloc(AstNode::from(value))
    }

    fn node(&mut self, node: Node<'a>) {
        let mut data = node.data_mut();
        let tokens = self.tokens;
        match &mut data.value {
            NodeValue::Text(t) if has_token(t) => {
                let text = std::mem::take(t).into_owned();
                drop(data);
                self.split_text(node, &text);
            }
            NodeValue::HtmlBlock(h) if has_token(&h.literal) => {
                if let Some(id) = only_token(&h.literal) {
                    drop(data);
                    self.block_token(node, id);
                } else {
                    h.literal = resolve_html(&h.literal, tokens);
                }
            }
            NodeValue::HtmlInline(h) if has_token(h) => {
                if let Some(id) = only_token(h) {
                    drop(data);
                    self.inline_token(node, id);
                    node.detach();
                } else {
                    *h = resolve_html(h, tokens);
                }
            }
            NodeValue::Code(c) => c.literal = in_code(&c.literal, tokens).into_owned(),
            NodeValue::CodeBlock(c) => {
                c.literal = in_code(&c.literal, tokens).into_owned();
                c.info = in_code(&c.info, tokens).into_owned();
            }
            NodeValue::Math(m) => {
                m.literal = in_code(&m.literal, tokens).into_owned();
                let m = m.clone();
                drop(data);
                math::show(self.arena, node, m, |t| in_code(t, tokens).into_owned());
            }
            NodeValue::Link(l) | NodeValue::Image(l) => {
                l.url = resolve_text(&l.url, tokens).into_owned();
                l.title = resolve_text(&l.title, tokens).into_owned();
                let is_link = matches!(data.value, NodeValue::Link(_));
                drop(data);
                if is_link {
                    keep_particles_out_of_autolink(self.arena, node);
                }
            }
            NodeValue::TaskItem(task) => {
                let mark = if task.symbol.is_some() {
                    "[x] "
                } else {
                    "[ ] "
                };
                let list = node.parent().and_then(|p| match &p.data().value {
                    NodeValue::List(l) => Some(*l),
                    _ => None,
                });
                if let Some(list) = list {
                    data.value = NodeValue::Item(list);
                    drop(data);
                    let text = self.new_node(NodeValue::Text(mark.into()));
                    match node.first_child() {
                        Some(p) if matches!(p.data().value, NodeValue::Paragraph) => {
                            p.prepend(text)
                        }
                        _ => {
                            let p = self.new_node(NodeValue::Paragraph);
                            p.append(text);
                            node.prepend(p);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// A text node holding tokens: its pieces as text, code and HTML.
    fn split_text(&mut self, node: Node<'a>, text: &str) {
        for piece in pieces(text) {
            match piece {
                Piece::Text(t) if !t.is_empty() => {
                    node.insert_before(self.new_node(NodeValue::Text(t.to_string().into())));
                }
                Piece::Text(_) => {}
                Piece::Token(id) => {
                    let placeholder = self.new_node(NodeValue::Text("".into()));
                    node.insert_before(placeholder);
                    self.inline_token(placeholder, id);
                    placeholder.detach();
                }
            }
        }
        node.detach();
    }

    /// Put what token `id` means before the inline `at`.
    fn inline_token(&mut self, at: Node<'a>, id: usize) {
        let Some(token) = self.tokens.get(id) else {
            return;
        };
        let new = match &token.value {
            Value::Nothing => None,
            Value::Text(t) if t.is_empty() => None,
            Value::Text(t) => Some(NodeValue::Text(t.clone().into())),
            Value::Code { code, .. } => Some(NodeValue::Code(NodeCode {
                num_backticks: 1,
                literal: code.clone(),
            })),
            Value::Html(h) => Some(NodeValue::HtmlInline(h.clone())),
            Value::Toc | Value::TocHere => {
                self.toc_targets.push(toc::target(at));
                None
            }
            Value::NoToc => {
                if let Some(h) = at
                    .ancestors()
                    .find(|a| matches!(a.data().value, NodeValue::Heading(_)))
                {
                    self.no_toc.push(h);
                }
                None
            }
            // The list on the line after a quote continues its paragraph.
            Value::Prompt(label) => {
                // At the end of the paragraph it sets apart, or of a
                // quote's last one.
                let quote = at.ancestors().find(|a| is_quote(a));
                if let Some(block) = quote.or_else(|| at.ancestors().find(|a| is_callout_block(a)))
                {
                    self.prompts.push((block, label));
                }
                None
            }
        };
        if let Some(value) = new {
            at.insert_before(self.new_node(value));
        }
    }

    /// An HTML block that is one token alone on its line.
    fn block_token(&mut self, node: Node<'a>, id: usize) {
        let Some(token) = self.tokens.get(id) else {
            node.detach();
            return;
        };
        match &token.value {
            Value::Nothing => node.detach(),
            Value::Text(t) if t.is_empty() => node.detach(),
            Value::Text(t) => {
                let p = self.new_node(NodeValue::Paragraph);
                p.append(self.new_node(NodeValue::Text(t.clone().into())));
                replace(node, p);
            }
            Value::Code { lang, code } => {
                let mut literal = code.clone();
                if !literal.ends_with('\n') {
                    literal.push('\n');
                }
                let block = NodeCodeBlock {
                    fenced: true,
                    fence_char: b'`',
                    fence_length: 3,
                    info: lang.clone(),
                    literal,
                    closed: true,
                    ..NodeCodeBlock::default()
                };
                replace(node, self.new_node(NodeValue::CodeBlock(Box::new(block))));
            }
            Value::Html(h) => {
                if let NodeValue::HtmlBlock(b) = &mut node.data_mut().value {
                    b.literal = h.clone();
                }
            }
            Value::TocHere => self.toc_targets.push(toc::target(node)),
            Value::Toc => {
                // A table of contents takes the place of the list before it.
                let target = match node.previous_sibling() {
                    Some(prev) if matches!(prev.data().value, NodeValue::List(_)) => {
                        node.detach();
                        prev
                    }
                    _ => toc::target(node),
                };
                self.toc_targets.push(target);
            }
            Value::NoToc => {
                if let Some(prev) = node
                    .previous_sibling()
                    .filter(|p| matches!(p.data().value, NodeValue::Heading(_)))
                {
                    self.no_toc.push(prev);
                }
                node.detach();
            }
            Value::Prompt(label) => {
                // kramdown gives a list on a line of its own to the block
                // it touches: the one just before it, else the one just
                // after it; a blank line apart, the one before (as
                // Chirpy's prompts are written).
                let at = node.data().sourcepos;
                let before = node.previous_sibling().filter(|p| is_callout_block(p));
                let after = node.next_sibling().filter(|n| {
                    is_callout_block(n) && n.data().sourcepos.start.line == at.end.line + 1
                });
                let block = match (before, after) {
                    (Some(b), _) if b.data().sourcepos.end.line + 1 == at.start.line => Some(b),
                    (_, Some(a)) => Some(a),
                    (b, None) => b,
                };
                if let Some(block) = block.or_else(|| node.ancestors().find(|a| is_quote(a))) {
                    self.prompts.push((block, *label));
                }
                node.detach();
            }
        }
    }
}

fn replace<'a>(old: Node<'a>, new: Node<'a>) {
    old.insert_before(new);
    old.detach();
}

/// Paragraphs left empty by tokens that showed nothing are dropped, and
/// line breaks left at their edges; headings lose trailing spaces.
fn tidy<'a>(node: Node<'a>) {
    let is = |n: &AstNode<'_>, f: fn(&NodeValue) -> bool| f(&n.data().value);
    if is(node, |v| {
        matches!(v, NodeValue::Paragraph | NodeValue::Heading(_))
    }) {
        while let Some(c) = node.first_child().filter(|c| is(c, is_break)) {
            c.detach();
        }
        while let Some(c) = node.last_child().filter(|c| is(c, is_break)) {
            c.detach();
        }
        if let Some(last) = node.last_child()
            && let NodeValue::Text(t) = &mut last.data_mut().value
            && t.ends_with([' ', '\t'])
        {
            *t = Cow::Owned(t.trim_end().to_string());
        }
        let empty = node
            .children()
            .all(|c| matches!(&c.data().value, NodeValue::Text(t) if t.trim().is_empty()));
        if empty && is(node, |v| matches!(v, NodeValue::Paragraph)) {
            node.detach();
        }
    }
}

fn is_break(v: &NodeValue) -> bool {
    matches!(v, NodeValue::SoftBreak | NodeValue::LineBreak)
        || matches!(v, NodeValue::Text(t) if t.trim().is_empty())
}
