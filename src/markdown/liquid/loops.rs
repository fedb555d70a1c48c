//! `for` loops in a site's include, as Liquid runs them: `{% for x in
//! LIST %}` over a list (a front-matter list, a `split`, a map's pairs)
//! or a range `(a..b)`, with `limit:`, `offset:`, `reversed`, its
//! `{% else %}` for an empty list, `forloop.index` and the rest, `break`
//! and `continue`, loops inside loops.
//!
//! Bounded, as a hostile include must not hang or blow up the reader:
//! the loops of one post run [`MAX_ITERATIONS`] times in all and over
//! [`MAX_LOOPED`] bytes of body text in all (a loop over a huge range
//! stops there; what it wrote is shown), nest [`MAX_NESTED`] deep in one
//! include (a deeper one shows nothing), and an include's text stops at
//! `MAX_TOTAL` (see run.rs).

use std::rc::Rc;

use super::Liquid;
use super::blocks::{Blocks, For};
use super::run::{Flow, run};
use super::value::Value;

/// The iterations the loops of one post's includes run, all together.
pub(super) const MAX_ITERATIONS: usize = 10_000;
/// The body text those iterations run over, all together.
pub(super) const MAX_LOOPED: usize = 8 * 1024 * 1024;
/// How deep loops nest in one include.
pub(super) const MAX_NESTED: usize = 16;

/// What the loops of a post's includes have run so far.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Looped {
    iterations: usize,
    text: usize,
}

impl Liquid<'_> {
    /// Whether a loop of this pass is running.
    pub(super) fn in_loop(&self) -> bool {
        !self.scopes.is_empty()
    }

    /// Count an iteration (`iterations`: 1) over `text` bytes, or a
    /// filter's work over them (0), against the post's bounds: false,
    /// and nothing counted, when that would pass one.
    pub(super) fn spend(&self, iterations: usize, text: usize) -> bool {
        let mut looped = self.shared.looped.get();
        if looped.iterations + iterations > MAX_ITERATIONS || looped.text + text > MAX_LOOPED {
            return false;
        }
        looped.iterations += iterations;
        looped.text += text;
        self.shared.looped.set(looped);
        true
    }
}

/// What a loop walks.
enum Items {
    List(Rc<[Value]>),
    /// From, to, both included.
    Range(i64, i64),
}

impl Items {
    fn len(&self) -> u64 {
        match self {
            Items::List(items) => items.len() as u64,
            Items::Range(a, b) => {
                let len = (i128::from(*b) - i128::from(*a) + 1).max(0);
                u64::try_from(len).unwrap_or(u64::MAX)
            }
        }
    }

    fn get(&self, i: u64) -> Value {
        match self {
            Items::List(items) => usize::try_from(i)
                .ok()
                .and_then(|i| items.get(i))
                .cloned()
                .unwrap_or_default(),
            Items::Range(a, _) => Value::Text((i128::from(*a) + i128::from(i)).to_string()),
        }
    }
}

/// Run the loop whose tag's markup is `markup` and whose parts `block`
/// gives, into `out`. A markup not understood shows nothing.
pub(super) fn run_for(
    text: &str,
    (markup, block): (&str, For),
    blocks: &Blocks,
    liquid: &mut Liquid<'_>,
    out: &mut String,
) {
    if liquid.scopes.len() / 2 >= MAX_NESTED {
        return;
    }
    let Some((name, items, (offset, count, reversed))) = parse(markup, liquid) else {
        return;
    };
    if count == 0 {
        if let Some(empty) = block.empty {
            run(text, empty, blocks, liquid, out);
        }
        return;
    }
    let body_len = block.body.1 - block.body.0;
    liquid.scopes.push((name.to_string(), Value::default()));
    liquid
        .scopes
        .push(("forloop".to_string(), Value::default()));
    let n = liquid.scopes.len();
    for k in 0..count {
        if out.len() > super::site_include::MAX_TOTAL || !liquid.spend(1, body_len) {
            break;
        }
        let i = if reversed {
            offset + count - 1 - k
        } else {
            offset + k
        };
        liquid.scopes[n - 2].1 = items.get(i);
        liquid.scopes[n - 1].1 = forloop(k, count);
        if run(text, block.body, blocks, liquid, out) == Flow::Break {
            break;
        }
    }
    liquid.scopes.truncate(n - 2);
}

/// `NAME in LIST` (or `(a..b)`) with `offset:`, `limit:` and `reversed`:
/// the name, what the loop walks, and the first item, how many and
/// whether backwards.
fn parse<'m>(markup: &'m str, liquid: &Liquid<'_>) -> Option<(&'m str, Items, (u64, u64, bool))> {
    let (name, rest) = markup.trim().split_once(char::is_whitespace)?;
    let rest = rest.trim_start().strip_prefix("in")?;
    if !rest.starts_with(char::is_whitespace) && !rest.starts_with('(') {
        return None;
    }
    let rest = rest.trim_start();
    let (items, rest) = match rest.strip_prefix('(') {
        Some(range) => {
            let (range, rest) = range.split_once(')')?;
            let (a, b) = range.split_once("..")?;
            (Items::Range(number(liquid, a), number(liquid, b)), rest)
        }
        None => {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let list = liquid.value_of(&rest[..end]).items();
            (Items::List(list), &rest[end..])
        }
    };
    let len = items.len();
    let option = |key: &str| {
        let (_, after) = rest.split_once(key)?;
        let after = after.trim_start().strip_prefix(':')?.trim_start();
        let value = after
            .split(|c: char| c.is_whitespace() || c == ',')
            .next()?;
        Some(number(liquid, value).max(0) as u64)
    };
    let offset = option("offset").unwrap_or(0).min(len);
    let count = option("limit").map_or(len - offset, |l| l.min(len - offset));
    let reversed = rest.split_whitespace().any(|w| w == "reversed");
    Some((name, items, (offset, count, reversed)))
}

/// A number as Liquid reads one (`to_i`): a whole number, else 0.
fn number(liquid: &Liquid<'_>, term: &str) -> i64 {
    let text = liquid.value(term);
    let text = text.trim();
    text.parse::<i64>()
        .ok()
        .or_else(|| text.parse::<f64>().ok().map(|f| f as i64))
        .unwrap_or(0)
}

/// `forloop` in the iteration `k` of `count`.
fn forloop(k: u64, count: u64) -> Value {
    let n = |v: u64| Value::Text(v.to_string());
    let b = |v: bool| Value::Text(v.to_string());
    let pairs = [
        ("index", n(k + 1)),
        ("index0", n(k)),
        ("rindex", n(count - k)),
        ("rindex0", n(count - k - 1)),
        ("first", b(k == 0)),
        ("last", b(k + 1 == count)),
        ("length", n(count)),
    ];
    Value::Map(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

#[cfg(test)]
mod tests;
