//! Liquid's filters, as Jekyll's sites use them in their includes: URL
//! filters, text filters, date filters (dates.rs), and those of lists
//! (`split`, `join`, `size`, `first`, `last`, `reverse`, and lists.rs's
//! `sort`, `where`, `map` …). What a filter
//! makes is bounded (see value.rs); one not known leaves the value as it
//! is.

use super::Liquid;
use super::value::{MAX_ITEMS, Value, bounded};

/// `value` through the filter `name` with its arguments.
pub(super) fn filtered(liquid: &Liquid<'_>, name: &str, value: Value, args: &[String]) -> Value {
    let arg = |i: usize| args.get(i).map_or("", String::as_str);
    // The filters of lists.
    match name {
        "split" => return split(&value.text(), arg(0)),
        "join" => {
            let sep = if args.is_empty() { " " } else { arg(0) };
            let items = value.items();
            let texts: Vec<_> = items.iter().map(Value::text).collect();
            return Value::Text(bounded(texts.join(sep)));
        }
        "size" => return value.field("size"),
        "first" | "last" => return value.field(name),
        "reverse" => {
            let mut items = value.items().to_vec();
            items.reverse();
            return Value::List(items.into());
        }
        _ => {}
    }
    if let Some(list) = super::lists::filtered(name, &value, args) {
        return list;
    }
    let text = value.text();
    let text = match name {
        "relative_url" => liquid.ctx.relative_url(&text),
        "absolute_url" => liquid.ctx.absolute_url(&text),
        "prepend" => format!("{}{text}", arg(0)),
        "append" => format!("{text}{}", arg(0)),
        "default" if value.is_empty() || text == "false" => {
            return Value::Text(arg(0).to_string());
        }
        "upcase" => text.to_uppercase(),
        "downcase" => text.to_lowercase(),
        "strip" => text.trim().to_string(),
        "replace" => text.replace(arg(0), arg(1)),
        "plus" | "minus" => arithmetic(name, &text, arg(0)),
        "remove" if !arg(0).is_empty() => text.replace(arg(0), ""),
        // Counted as a loop's text is: it may run in one.
        "markdownify" if liquid.spend(0, text.len()) => markdownify(liquid, &text),
        "date"
        | "date_to_xmlschema"
        | "date_to_rfc822"
        | "date_to_string"
        | "date_to_long_string" => match super::dates::filtered(name, &text, args) {
            Some(formatted) => formatted,
            // Not a date: Liquid leaves it as it is.
            None => return value,
        },
        _ => return value,
    };
    Value::Text(bounded(text))
}

/// Jekyll's `markdownify`: `text` read as Markdown (a gallery's caption
/// with its emphasis and links), as HTML; no include is read there.
pub(super) fn markdownify(liquid: &Liquid<'_>, text: &str) -> String {
    let ctx = crate::markdown::LiquidContext {
        dialect: liquid.ctx.dialect,
        ..crate::markdown::LiquidContext::default()
    };
    crate::markdown::to_html(text, &ctx).trim_end().to_string()
}

/// Liquid's `split`, as Ruby splits: at each `sep` (a space: at runs of
/// white space; nothing: between characters), empty items at the end
/// left out; at most [`MAX_ITEMS`] of them.
fn split(text: &str, sep: &str) -> Value {
    let items: Vec<&str> = match sep {
        " " => text.split_whitespace().take(MAX_ITEMS).collect(),
        "" => text
            .char_indices()
            .map(|(i, c)| &text[i..i + c.len_utf8()])
            .take(MAX_ITEMS)
            .collect(),
        _ => {
            let mut items: Vec<&str> = text.split(sep).take(MAX_ITEMS).collect();
            while items.last().is_some_and(|s| s.is_empty()) {
                items.pop();
            }
            items
        }
    };
    Value::List(items.into_iter().map(|s| Value::Text(s.into())).collect())
}

/// Liquid's `plus` and `minus` on whole numbers (`{{ include.level |
/// plus: 1 }}`); other values are left as they are.
fn arithmetic(op: &str, value: &str, arg: &str) -> String {
    match (value.trim().parse::<i64>(), arg.trim().parse::<i64>()) {
        (Ok(a), Ok(b)) if op == "plus" => a.saturating_add(b).to_string(),
        (Ok(a), Ok(b)) => a.saturating_sub(b).to_string(),
        _ => value.to_string(),
    }
}
