//! Liquid's expressions: a literal or a variable's path (`page.gallery`,
//! `img.url`, `page[include.id]`, `gallery[0]`, `list.size`), through its
//! filters. Anything not known is empty, as Liquid makes it.

use std::rc::Rc;

use super::Liquid;
use super::context::lookup;
use super::value::{Front, Value};

impl Liquid<'_> {
    /// An output's value as text.
    pub(super) fn eval(&self, expr: &str) -> String {
        self.eval_value(expr).into_text()
    }

    /// An expression's value: its first term through its filters.
    pub(super) fn eval_value(&self, expr: &str) -> Value {
        let mut parts = split_outside_quotes(expr, '|').into_iter();
        let mut value = self.value_of(parts.next().unwrap_or(""));
        for filter in parts {
            let (name, args) = filter.split_once(':').unwrap_or((filter, ""));
            let args: Vec<String> = match args.trim() {
                "" => Vec::new(),
                args => split_outside_quotes(args, ',')
                    .into_iter()
                    .map(|a| self.value(a))
                    .collect(),
            };
            value = super::filters::filtered(self, name.trim(), value, &args);
        }
        value
    }

    /// A term's value as text.
    pub(super) fn value(&self, term: &str) -> String {
        self.value_of(term).into_text()
    }

    /// A term's value: a literal, or a variable and its path.
    pub(super) fn value_of(&self, term: &str) -> Value {
        let term = term.trim();
        if let Some(s) = unquote(term) {
            return Value::Text(s.to_string());
        }
        let number = term.strip_prefix('-').unwrap_or(term);
        if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return Value::Text(term.to_string());
        }
        match term {
            "true" | "false" => return Value::Text(term.to_string()),
            "nil" | "null" | "empty" | "blank" => return Value::default(),
            _ => {}
        }
        let Some((head, path)) = parse_path(term) else {
            return Value::default();
        };
        let mut path = path.into_iter();
        let mut value = match head {
            "page" | "site" | "include" => {
                let Some(key) = path.next().map(|seg| self.segment_key(seg)) else {
                    return Value::default();
                };
                self.root_value(head, &key)
            }
            _ => self.variable(head),
        };
        for seg in path {
            value = match seg {
                Seg::Field(name) => value.field(name),
                Seg::Index(expr) => value.index(&self.value_of(expr)),
            };
        }
        value
    }

    /// The key a path's segment names: `.KEY`, or `[EXPR]`'s value.
    fn segment_key(&self, seg: Seg<'_>) -> String {
        match seg {
            Seg::Field(name) => name.to_string(),
            Seg::Index(expr) => self.value(expr),
        }
    }

    /// `page.KEY`, `site.KEY`, `include.KEY`.
    fn root_value(&self, root: &str, key: &str) -> Value {
        match root {
            "site" => match self.site_posts_value(key) {
                Some(posts) => posts,
                None => Value::Text(self.ctx.site_value(key).unwrap_or("").to_string()),
            },
            "include" => self
                .params
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .unwrap_or_default(),
            _ => self.page_value(key),
        }
    }

    /// `site.posts`, `site.tags`, `site.categories`: made once per post
    /// (a loop may ask for them at every turn).
    fn site_posts_value(&self, key: &str) -> Option<Value> {
        if let Some(made) = self.shared.site_posts.borrow().get(key) {
            return Some(made.clone());
        }
        let made = self.ctx.site_posts.value(key)?;
        self.shared
            .site_posts
            .borrow_mut()
            .insert(key.to_string(), made.clone());
        Some(made)
    }

    /// A front-matter value, read for its structure once per post.
    fn page_value(&self, key: &str) -> Value {
        let Some(text) = lookup(&self.ctx.page, key) else {
            return Value::default();
        };
        let mut cache = self.shared.front.borrow_mut();
        let front = cache.entry(key.to_string()).or_insert_with(|| {
            Rc::new(match lookup_list(&self.ctx.page_lists, key) {
                Some(list) => Front::list(text.to_string(), list),
                None => Front::new(text.to_string()),
            })
        });
        Value::Front(Rc::clone(front))
    }

    /// A loop's variable (the innermost first), else an assigned one.
    fn variable(&self, name: &str) -> Value {
        self.scopes
            .iter()
            .rev()
            .chain(self.vars.iter().rev())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

fn lookup_list<'a>(lists: &'a [(String, Vec<String>)], key: &str) -> Option<&'a [String]> {
    lists
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_slice())
}

/// One step of a variable's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seg<'t> {
    /// `.NAME`
    Field(&'t str),
    /// `[EXPR]`
    Index(&'t str),
}

/// A variable's name and path (`gallery[0].url`): `None` when `term` is
/// not one.
fn parse_path(term: &str) -> Option<(&str, Vec<Seg<'_>>)> {
    let is_name = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'?') || b >= 0x80;
    let b = term.as_bytes();
    let head_len = b.iter().take_while(|&&c| is_name(c)).count();
    if head_len == 0 || b[0].is_ascii_digit() || b[0] == b'-' {
        return None;
    }
    let mut path = Vec::new();
    let mut pos = head_len;
    while pos < b.len() {
        match b[pos] {
            b'.' => {
                let len = b[pos + 1..].iter().take_while(|&&c| is_name(c)).count();
                if len == 0 {
                    return None;
                }
                path.push(Seg::Field(&term[pos + 1..pos + 1 + len]));
                pos += 1 + len;
            }
            b'[' => {
                let close = closing_bracket(term, pos)?;
                path.push(Seg::Index(&term[pos + 1..close]));
                pos = close + 1;
            }
            _ => return None,
        }
    }
    Some((&term[..head_len], path))
}

/// The `]` closing the `[` at `open`, brackets and quotes inside counted.
fn closing_bracket(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    for (i, c) in s[open..].char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => depth += 1,
            (None, ']') => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

pub(super) fn unquote(term: &str) -> Option<&str> {
    let b = term.as_bytes();
    (b.len() >= 2 && (b[0] == b'"' || b[0] == b'\'') && b[b.len() - 1] == b[0])
        .then(|| &term[1..term.len() - 1])
}

/// Split at `sep` where it is not inside quotes.
pub(super) fn split_outside_quotes(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quote = None;
    let mut from = 0;
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == sep => {
                parts.push(&s[from..i]);
                from = i + c.len_utf8();
            }
            None => {}
        }
    }
    parts.push(&s[from..]);
    parts
}

#[cfg(test)]
mod tests;
