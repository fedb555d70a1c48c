//! `if`, `elsif`, `else` and `unless` in a site's include, decided on the
//! include's parameters (and `page.*`, `site.*`, what `assign` set before
//! them, a loop's variables), as Jekyll decides them: the pass that runs
//! the include's Liquid (run.rs) shows only the branch taken. A condition
//! is a value (true when set, not empty and not `false`; a list or a map
//! always), or two compared with `==`, `!=`, `<`, `>`, `<=`, `>=` or
//! `contains` (a list's item, a map's key, a text's part), joined by `and`
//! and `or`; `== empty` holds for an empty list too. `case` shows all its
//! branches.

use super::Liquid;
use super::value::Value;

/// One `if` or `unless` open: whether its branch is shown, and whether a
/// branch of it was taken already.
pub(super) struct Open {
    outer: bool,
    shown: bool,
    taken: bool,
    /// A `case` block: its `else` is its own.
    case: bool,
}

/// Whether the text at this point of the `open` blocks is shown.
pub(super) fn shown(open: &[Open]) -> bool {
    open.last().is_none_or(|o| o.shown)
}

/// Take the tag `name` into the `open` blocks; true when it is a
/// conditional tag, which leaves nothing in the text.
pub(super) fn step(open: &mut Vec<Open>, name: &str, condition: impl FnOnce() -> bool) -> bool {
    let outer = open.last().is_none_or(|o| o.shown);
    match name {
        "if" | "unless" => {
            let met = outer && condition() == (name == "if");
            open.push(Open {
                outer,
                shown: met,
                taken: met,
                case: false,
            });
        }
        "case" => {
            open.push(Open {
                outer,
                shown: outer,
                taken: false,
                case: true,
            });
            return false;
        }
        "endcase" => {
            open.pop();
            return false;
        }
        _ => {
            let Some(top) = open.last_mut().filter(|o| !o.case) else {
                return false;
            };
            match name {
                "elsif" => {
                    let met = top.outer && !top.taken && condition();
                    top.shown = met;
                    top.taken |= met;
                }
                "else" => {
                    top.shown = top.outer && !top.taken;
                    top.taken = true;
                }
                "endif" | "endunless" => {
                    open.pop();
                }
                _ => return false,
            }
        }
    }
    true
}

/// Whether `markup`, an `if`'s condition, holds.
pub(super) fn condition(liquid: &Liquid<'_>, markup: &str) -> bool {
    markup
        .split(" or ")
        .any(|any| any.split(" and ").all(|all| comparison(liquid, all)))
}

fn comparison(liquid: &Liquid<'_>, text: &str) -> bool {
    const OPERATORS: [&str; 7] = ["==", "!=", "<=", ">=", "<", ">", " contains "];
    let found = OPERATORS
        .iter()
        .find_map(|op| text.split_once(op).map(|(a, b)| (*op, a, b)));
    let Some((op, a, b)) = found else {
        return term(liquid, text).truthy();
    };
    // `list == empty`: a list or a map with nothing in it.
    let is_empty = |t: &str| matches!(t.trim(), "empty" | "blank");
    if matches!(op, "==" | "!=") && (is_empty(a) || is_empty(b)) {
        let other = if is_empty(b) { a } else { b };
        return term(liquid, other).is_empty() == (op == "==");
    }
    let (a, b) = (term(liquid, a), term(liquid, b));
    if op == " contains " {
        return a.contains(&b);
    }
    let (a, b) = (a.text(), b.text());
    let numbers = a
        .trim()
        .parse::<f64>()
        .ok()
        .zip(b.trim().parse::<f64>().ok());
    match (op, numbers) {
        ("==", _) => a == b,
        ("!=", _) => a != b,
        ("<", Some((x, y))) => x < y,
        (">", Some((x, y))) => x > y,
        ("<=", Some((x, y))) => x <= y,
        (">=", Some((x, y))) => x >= y,
        _ => false,
    }
}

/// A term's value: Liquid's literals, else what the pass resolves.
fn term(liquid: &Liquid<'_>, text: &str) -> Value {
    match text.trim() {
        "true" => Value::Text("true".to_string()),
        "false" | "nil" | "null" | "empty" | "blank" => Value::default(),
        other => liquid.value_of(other),
    }
}
