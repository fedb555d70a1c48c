//! Liquid's filters of lists that pages use to pick and order a site's
//! posts: `sort` and `sort_natural` (by a field when named), `where` (the
//! items whose field is a value, or holds it), `map` (a field of each),
//! `uniq` and `compact`.

use std::cmp::Ordering;

use super::value::Value;

/// `value` through the list filter `name`; `None` for another filter.
pub(super) fn filtered(name: &str, value: &Value, args: &[String]) -> Option<Value> {
    let arg = |i: usize| args.get(i).map_or("", String::as_str);
    let items = value.items();
    let list: Vec<Value> = match name {
        "sort" | "sort_natural" => {
            let mut list = items.to_vec();
            let folded = name == "sort_natural";
            list.sort_by(|a, b| compare(&key(a, arg(0)), &key(b, arg(0)), folded));
            list
        }
        "where" => items
            .iter()
            .filter(|item| {
                let field = item.field(arg(0));
                field.text() == arg(1) || field.contains(&Value::Text(arg(1).to_string()))
            })
            .cloned()
            .collect(),
        "map" => items.iter().map(|item| item.field(arg(0))).collect(),
        "uniq" => {
            let mut seen: Vec<String> = Vec::new();
            let mut list = Vec::new();
            for item in items.iter() {
                let text = item.text().into_owned();
                if !seen.contains(&text) {
                    seen.push(text);
                    list.push(item.clone());
                }
            }
            list
        }
        "compact" => items.iter().filter(|i| !i.is_empty()).cloned().collect(),
        _ => return None,
    };
    Some(Value::List(list.into()))
}

/// What an item is sorted by: itself, or its field `name`.
fn key(item: &Value, name: &str) -> Value {
    match name {
        "" => item.clone(),
        name => item.field(name),
    }
}

/// Liquid's order: numbers by value, text by its characters (case folded
/// for `sort_natural`), an empty value last.
fn compare(a: &Value, b: &Value, folded: bool) -> Ordering {
    let (a, b) = (a.text(), b.text());
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        _ => {}
    }
    if let (Ok(x), Ok(y)) = (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
        return x.total_cmp(&y);
    }
    if folded {
        return a.to_lowercase().cmp(&b.to_lowercase());
    }
    a.cmp(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(title: &str, date: &str, tags: &[&str]) -> Value {
        let tags = tags.iter().map(|t| Value::Text(t.to_string())).collect();
        Value::Map(
            vec![
                ("title".to_string(), Value::Text(title.to_string())),
                ("date".to_string(), Value::Text(date.to_string())),
                ("tags".to_string(), Value::List(tags)),
            ]
            .into(),
        )
    }

    fn titles(v: &Value) -> Vec<String> {
        v.items()
            .iter()
            .map(|p| p.field("title").text().into_owned())
            .collect()
    }

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn posts_sorted_picked_and_mapped() {
        let posts = Value::List(
            vec![
                post("둘", "2024-02-01", &["제주"]),
                post("하나", "2024-01-01", &["제주", "산"]),
                post("셋", "", &["서울"]),
            ]
            .into(),
        );
        let sorted = filtered("sort", &posts, &args(&["date"])).unwrap();
        assert_eq!(titles(&sorted), ["하나", "둘", "셋"], "no date last");
        let jeju = filtered("where", &posts, &args(&["tags", "제주"])).unwrap();
        assert_eq!(titles(&jeju), ["둘", "하나"]);
        let named = filtered("where", &posts, &args(&["title", "셋"])).unwrap();
        assert_eq!(titles(&named), ["셋"]);
        let dates = filtered("map", &posts, &args(&["date"])).unwrap();
        let compact = filtered("compact", &dates, &[]).unwrap();
        assert_eq!(compact.items().len(), 2);
        assert!(filtered("upcase", &posts, &[]).is_none());
    }

    #[test]
    fn numbers_by_value_text_by_characters() {
        let list = |items: &[&str]| {
            Value::List(items.iter().map(|s| Value::Text(s.to_string())).collect())
        };
        let texts =
            |v: Value| -> Vec<String> { v.items().iter().map(|i| i.text().into_owned()).collect() };
        let sorted = filtered("sort", &list(&["10", "9", "100"]), &[]).unwrap();
        assert_eq!(texts(sorted), ["9", "10", "100"]);
        let natural = filtered("sort_natural", &list(&["b", "A", "가", "a"]), &[]).unwrap();
        assert_eq!(texts(natural), ["A", "a", "b", "가"]);
        let uniq = filtered("uniq", &list(&["제주", "산", "제주"]), &[]).unwrap();
        assert_eq!(texts(uniq), ["제주", "산"]);
    }
}
