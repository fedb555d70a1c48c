//! Tokens (scan.rs) found in the parsed text: cut out, and replaced by
//! what they stand for in each place (as written in code, as text in
//! addresses, escaped in raw HTML).

use std::borrow::Cow;

use super::liquid::push_escaped;
use super::scan::{BLOCK_CLOSE, BLOCK_OPEN, INLINE_CLOSE, INLINE_OPEN, Token, Value};

pub(super) fn has_token(s: &str) -> bool {
    s.contains([INLINE_OPEN, BLOCK_OPEN])
}

/// A piece of text holding tokens.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Piece<'s> {
    Text(&'s str),
    Token(usize),
}

/// `text` cut at its tokens; a token character out of place is dropped.
pub(super) fn pieces(text: &str) -> Vec<Piece<'_>> {
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
pub(super) fn only_token(s: &str) -> Option<usize> {
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

pub(super) fn join<'s>(
    s: &'s str,
    tokens: &[Token],
    each: impl Fn(&mut String, &Token),
) -> Cow<'s, str> {
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
pub(super) fn in_code<'s>(s: &'s str, tokens: &[Token]) -> Cow<'s, str> {
    join(s, tokens, |out, t| out.push_str(&t.in_code))
}

/// Addresses and titles: the text a token stands for.
pub(super) fn resolve_text<'s>(s: &'s str, tokens: &[Token]) -> Cow<'s, str> {
    join(s, tokens, |out, t| match &t.value {
        Value::Text(v) => out.push_str(v),
        Value::Code { code, .. } => out.push_str(code),
        _ => {}
    })
}

/// Raw HTML: text escaped, code as a code element, HTML as written.
pub(super) fn resolve_html(s: &str, tokens: &[Token]) -> String {
    join(s, tokens, |out, t| match &t.value {
        Value::Text(v) => push_escaped(out, v),
        Value::Code { lang, code } => super::liquid::push_code_block(out, lang, code),
        Value::Html(h) => out.push_str(h),
        _ => {}
    })
    .into_owned()
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
}
