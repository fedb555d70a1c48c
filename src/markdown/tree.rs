//! The parsed document made into what a reader of the published post sees:
//! tokens (scan.rs) put back as written in code and math and resolved
//! elsewhere, math shown as its TeX source, task items marked, Korean
//! particles kept out of bare links, empty paragraphs dropped, and the
//! table of contents built from the headings.

use std::borrow::Cow;

use comrak::Arena;
use comrak::nodes::{AstNode, NodeCode, NodeCodeBlock, NodeValue};

use super::liquid::push_escaped;
use super::scan::{BLOCK_CLOSE, BLOCK_OPEN, INLINE_CLOSE, INLINE_OPEN, Token, Value};
use super::{math, toc};

type Node<'a> = &'a AstNode<'a>;

/// Whether the document is made for HTML or for its visible text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Html,
    Text,
}

pub(crate) fn transform<'a>(arena: &'a Arena<'a>, root: Node<'a>, tokens: &[Token], mode: Mode) {
    let mut pass = Pass {
        arena,
        tokens,

        toc_targets: Vec::new(),
        no_toc: Vec::new(),
    };
    let nodes: Vec<Node<'a>> = root.descendants().collect();
    for &node in &nodes {
        pass.node(node);
    }
    for &node in &nodes {
        tidy(node);
    }
    if !pass.toc_targets.is_empty() {
        toc::place(arena, root, &pass.toc_targets, &pass.no_toc, mode);
    }
}

struct Pass<'a, 't> {
    arena: &'a Arena<'a>,
    tokens: &'t [Token],
    toc_targets: Vec<Node<'a>>,
    no_toc: Vec<Node<'a>>,
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
                math::show(self.arena, node, m);
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
            Value::Toc => {
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

fn has_token(s: &str) -> bool {
    s.contains([INLINE_OPEN, BLOCK_OPEN])
}

/// A piece of text holding tokens.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'s> {
    Text(&'s str),
    Token(usize),
}

/// `text` cut at its tokens; a token character out of place is dropped.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find([INLINE_OPEN, BLOCK_OPEN]) {
        let block = rest[i..].starts_with(BLOCK_OPEN);
        let (open, close) = if block {
            (BLOCK_OPEN, BLOCK_CLOSE)
        } else {
            (INLINE_OPEN, INLINE_CLOSE)
        };
        let after = &rest[i + open.len_utf8()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let mut start = i;
        let mut end = i + open.len_utf8();
        let id = after[..digits].parse::<usize>().ok();
        if let (Some(id), true) = (id, after[digits..].starts_with(close)) {
            end += digits + close.len_utf8();
            if block && rest[..i].ends_with("<!--") && rest[end..].starts_with("-->") {
                start -= 4;
                end += 3;
            }
            out.push(Piece::Text(&rest[..start]));
            out.push(Piece::Token(id));
        } else {
            out.push(Piece::Text(&rest[..start]));
        }
        rest = &rest[end..];
    }
    out.push(Piece::Text(rest));
    out
}

/// The token that is all of `s` (but spaces), if one is.
fn only_token(s: &str) -> Option<usize> {
    let mut found = None;
    for piece in pieces(s.trim()) {
        match piece {
            Piece::Text("") => {}
            Piece::Token(id) if found.is_none() => found = Some(id),
            _ => return None,
        }
    }
    found
}

fn join<'s>(s: &'s str, tokens: &[Token], each: impl Fn(&mut String, &Token)) -> Cow<'s, str> {
    if !has_token(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for piece in pieces(s) {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Token(id) => {
                if let Some(token) = tokens.get(id) {
                    each(&mut out, token);
                }
            }
        }
    }
    Cow::Owned(out)
}

/// Code and math: every token as written.
fn in_code<'s>(s: &'s str, tokens: &[Token]) -> Cow<'s, str> {
    join(s, tokens, |out, t| out.push_str(&t.in_code))
}

/// Addresses and titles: the text a token stands for.
fn resolve_text<'s>(s: &'s str, tokens: &[Token]) -> Cow<'s, str> {
    join(s, tokens, |out, t| match &t.value {
        Value::Text(v) => out.push_str(v),
        Value::Code { code, .. } => out.push_str(code),
        _ => {}
    })
}

/// Raw HTML: text escaped, code as a code element, HTML as written.
fn resolve_html(s: &str, tokens: &[Token]) -> String {
    join(s, tokens, |out, t| match &t.value {
        Value::Text(v) => push_escaped(out, v),
        Value::Code { lang, code } => super::liquid::push_code_block(out, lang, code),
        Value::Html(h) => out.push_str(h),
        _ => {}
    })
    .into_owned()
}

/// A bare address written straight before a Korean particle
/// (`https://example.com에서`) ends where the Hangul starts, unless the
/// Hangul follows a `/`, `=`, `#` or the like, as a path or query would.
fn keep_particles_out_of_autolink<'a>(arena: &'a Arena<'a>, link: Node<'a>) {
    let Some(text_node) = link.first_child().filter(|c| c.next_sibling().is_none()) else {
        return;
    };
    let text = match &text_node.data().value {
        NodeValue::Text(t) => t.to_string(),
        _ => return,
    };
    let Some(cut) = particle_cut(&text) else {
        return;
    };
    {
        let mut data = link.data_mut();
        let NodeValue::Link(l) = &mut data.value else {
            return;
        };
        // An autolink's address is its text, after any scheme comrak added.
        let Some(scheme) = l.url.strip_suffix(text.as_str()) else {
            return;
        };
        l.url = format!("{scheme}{}", &text[..cut]);
    }
    text_node.data_mut().value = NodeValue::Text(text[..cut].to_string().into());
    let particle = NodeValue::Text(text[cut..].to_string().into());
    link.insert_after(arena.alloc(AstNode::from(particle)));
}

/// Korean particles and endings written straight after an address.
const PARTICLES: &[&str] = &[
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "에서",
    "에서는",
    "에서도",
    "에게",
    "에는",
    "로",
    "으로",
    "로는",
    "와",
    "과",
    "도",
    "만",
    "까지",
    "부터",
    "처럼",
    "보다",
    "이나",
    "나",
    "이다",
    "입니다",
    "이고",
    "이며",
    "참고",
    "참조",
];

/// Where the Hangul that is not part of an address starts: Hangul after
/// an ASCII letter, digit, `.` or `)`; or a particle alone after a `/`.
fn particle_cut(text: &str) -> Option<usize> {
    let i = text.find(|c: char| ('\u{ac00}'..='\u{d7a3}').contains(&c))?;
    let prev = text[..i].chars().next_back()?;
    if prev.is_ascii_alphanumeric() || prev == '.' || prev == ')' {
        return Some(i);
    }
    (prev == '/' && PARTICLES.contains(&&text[i..])).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_of_text() {
        assert_eq!(
            pieces("a\u{FDD0}3\u{FDD1}b<!--\u{FDD2}12\u{FDD3}-->c\u{FDD0}x"),
            [
                Piece::Text("a"),
                Piece::Token(3),
                Piece::Text("b"),
                Piece::Token(12),
                Piece::Text("c"),
                Piece::Text("x"),
            ]
        );
        assert_eq!(only_token(" <!--\u{FDD2}7\u{FDD3}-->\n"), Some(7));
        assert_eq!(only_token("x<!--\u{FDD2}7\u{FDD3}-->"), None);
    }

    #[test]
    fn particles_after_addresses() {
        assert_eq!(particle_cut("https://example.com에서"), Some(19));
        assert_eq!(particle_cut("https://ko.wikipedia.org/wiki/서울"), None);
        assert_eq!(particle_cut("https://a.kr/?q=한글"), None);
        assert_eq!(particle_cut("https://a.kr/docs/에서"), Some(18));
        assert_eq!(particle_cut("https://a.kr/wiki/마크다운"), None);
    }
}
