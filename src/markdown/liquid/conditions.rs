//! `if`, `elsif`, `else` and `unless` in a site's include, decided on the
//! include's parameters (and `page.*`, `site.*`, what `assign` set before
//! them), as Jekyll decides them: only the branch taken is left for the
//! pass that runs the include's Liquid. A condition is a value (true when
//! set, not empty and not `false`), or two compared with `==`, `!=`, `<`,
//! `>`, `<=`, `>=` or `contains`, joined by `and` and `or`. Everything
//! else (`case`, `for`, `raw` and `comment` blocks) is left as written.

use super::Liquid;
use super::tags::{find_end, find_raw_end, tag_at};

/// One `if` or `unless` open: whether its branch is shown, and whether a
/// branch of it was taken already.
struct Open {
    outer: bool,
    shown: bool,
    taken: bool,
    /// A `case` block: its `else` is its own.
    case: bool,
}

/// `text` with its conditional tags decided by `liquid`.
pub(super) fn decide(text: &str, liquid: &mut Liquid<'_>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open: Vec<Open> = Vec::new();
    let shown = |open: &[Open]| open.last().is_none_or(|o| o.shown);
    let mut copied = 0;
    let mut pos = 0;
    while let Some(off) = text[pos..].find("{%") {
        let at = pos + off;
        let Some(tag) = tag_at(text, at) else {
            pos = at + 2;
            continue;
        };
        let skip_to = match tag.name {
            "raw" => find_raw_end(text, tag.end).map(|t| t.end),
            "comment" => find_end(text, tag.end, "comment").map(|t| t.end),
            _ => None,
        };
        if let Some(end) = skip_to {
            pos = end;
            continue;
        }
        let before = shown(&open);
        if !step(&mut open, tag.name, || condition(liquid, tag.markup)) {
            if before && tag.name == "assign" {
                liquid.assign(tag.markup);
            }
            pos = tag.end;
            continue;
        }
        if before {
            push_trimmed(&mut out, &text[copied..at], text[at..].starts_with("{%-"));
        }
        copied = tag.end;
        if text[..tag.end].ends_with("-%}") {
            copied += text[copied..].len() - text[copied..].trim_start().len();
        }
        pos = tag.end;
    }
    if shown(&open) {
        out.push_str(&text[copied..]);
    }
    out
}

/// Take the tag `name` into the `open` blocks; true when it is a
/// conditional tag, which leaves nothing in the text.
fn step(open: &mut Vec<Open>, name: &str, condition: impl FnOnce() -> bool) -> bool {
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

/// Text before a tag, its trailing spaces and line ends left out when the
/// tag trims them (`{%-`).
fn push_trimmed(out: &mut String, text: &str, trim: bool) {
    out.push_str(text);
    if trim {
        out.truncate(out.trim_end().len());
    }
}

/// Whether `markup`, an `if`'s condition, holds.
fn condition(liquid: &Liquid<'_>, markup: &str) -> bool {
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
        return truthy(&term(liquid, text));
    };
    let (a, b) = (term(liquid, a), term(liquid, b));
    let numbers = a
        .trim()
        .parse::<f64>()
        .ok()
        .zip(b.trim().parse::<f64>().ok());
    match (op, numbers) {
        ("==", _) => a == b,
        ("!=", _) => a != b,
        (" contains ", _) => !b.is_empty() && a.contains(&b),
        ("<", Some((x, y))) => x < y,
        (">", Some((x, y))) => x > y,
        ("<=", Some((x, y))) => x <= y,
        (">=", Some((x, y))) => x >= y,
        _ => false,
    }
}

/// A term's value: Liquid's literals, else what the pass resolves.
fn term(liquid: &Liquid<'_>, text: &str) -> String {
    match text.trim() {
        "true" => "true".to_string(),
        "false" | "nil" | "null" | "empty" | "blank" => String::new(),
        other => liquid.value(other),
    }
}

fn truthy(value: &str) -> bool {
    !value.is_empty() && value != "false"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::LiquidContext;

    fn decided(text: &str, params: &[(&str, &str)]) -> String {
        let ctx = LiquidContext {
            page: vec![("title".into(), "설치 안내".into())],
            ..LiquidContext::default()
        };
        let parent = Liquid::new(&ctx);
        let params = params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut liquid = parent.child(params);
        decide(text, &mut liquid)
    }

    #[test]
    fn branches_on_the_parameters() {
        let text = "<img src=\"{{ include.url }}\">{% if include.caption %}<p>{{ include.caption }}</p>{% else %}<p>없음</p>{% endif %}";
        assert_eq!(
            decided(text, &[("caption", "설명")]),
            "<img src=\"{{ include.url }}\"><p>{{ include.caption }}</p>"
        );
        assert_eq!(
            decided(text, &[]),
            "<img src=\"{{ include.url }}\"><p>없음</p>"
        );
        let text = "{% if include.width == \"360\" %}작게{% elsif include.width > 500 %}크게{% else %}보통{% endif %}";
        assert_eq!(decided(text, &[("width", "360")]), "작게");
        assert_eq!(decided(text, &[("width", "640")]), "크게");
        assert_eq!(decided(text, &[]), "보통");
        let text = "{% unless include.hide %}보임{% endunless %}{% if page.title contains '설치' and include.x %}둘 다{% endif %}";
        assert_eq!(decided(text, &[("x", "1")]), "보임둘 다");
        assert_eq!(decided(text, &[("hide", "true")]), "");
    }

    #[test]
    fn nesting_trimming_and_what_is_left_as_written() {
        let text = "{% if include.a %}A{% if include.b %}B{% else %}b{% endif %}{% endif %}.";
        assert_eq!(decided(text, &[("a", "1")]), "Ab.");
        assert_eq!(decided(text, &[("b", "1")]), ".");
        let text = "<figure>\n  {%- if include.c -%}\n  <figcaption>캡션</figcaption>\n  {%- endif -%}\n</figure>";
        assert_eq!(
            decided(text, &[("c", "1")]),
            "<figure><figcaption>캡션</figcaption></figure>"
        );
        let text = "{% raw %}{% if x %}{% endraw %}{% case include.a %}{% when 1 %}일{% else %}기타{% endcase %}";
        assert_eq!(decided(text, &[]), text);
        // `assign` before a condition counts.
        let text = "{% assign w = include.width %}{% if w %}있음{% endif %}";
        assert_eq!(
            decided(text, &[("width", "9")]),
            "{% assign w = include.width %}있음"
        );
        // An `endif` with no `if` open, or an `if` never closed.
        assert_eq!(
            decided("{% endif %}글{% if include.z %}숨김", &[]),
            "{% endif %}글"
        );
    }
}
