//! Liquid's values in a site's includes: text, as most are, or the lists
//! and maps a loop walks (a post's front matter, `split`, a range's
//! numbers). A post keeps a front-matter key it has no field for as YAML
//! text; that text is read for its structure only when a loop, an index
//! or a field asks for it, once per post, and shows as written otherwise.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::rc::Rc;

use serde_yaml::Value as Yaml;

/// Longest front-matter text read for its structure: the front matter's
/// own cap (a longer value stays text).
const MAX_YAML: usize = 64 * 1024;
/// Longest text a filter makes (`append` in a loop doubles it each time).
pub(super) const MAX_TEXT: usize = 64 * 1024;
/// Most items a list made by a filter (`split`) holds.
pub(super) const MAX_ITEMS: usize = 10_000;

#[derive(Debug, Clone)]
pub(crate) enum Value {
    Text(String),
    List(Rc<[Value]>),
    Map(Rc<[(String, Value)]>),
    /// A front-matter value: shown as the post keeps it, its structure
    /// read when first needed.
    Front(Rc<Front>),
}

#[derive(Debug)]
pub(crate) struct Front {
    text: String,
    structure: OnceCell<Value>,
}

impl Front {
    /// A value kept as `text`, its structure read from it when needed.
    pub(super) fn new(text: String) -> Front {
        Front {
            text,
            structure: OnceCell::new(),
        }
    }

    /// A value shown as `text` whose structure is `list`.
    pub(super) fn list(text: String, list: &[String]) -> Front {
        let items = list.iter().map(|s| Value::Text(s.clone())).collect();
        Front {
            text,
            structure: OnceCell::from(Value::List(items)),
        }
    }

    fn structure(&self) -> &Value {
        self.structure
            .get_or_init(|| parse(&self.text).unwrap_or_else(|| Value::Text(self.text.clone())))
    }
}

/// The list or map `text` holds as YAML, when it may hold one: a text
/// that could not be one (no `:`, no line break, no `-`, `[` or `{`
/// first) is not read.
fn parse(text: &str) -> Option<Value> {
    let t = text.trim_start();
    let may = t.starts_with(['-', '[', '{']) || text.contains([':', '\n']);
    if !may || text.len() > MAX_YAML {
        return None;
    }
    match serde_yaml::from_str::<Yaml>(text).ok()? {
        y @ (Yaml::Sequence(_) | Yaml::Mapping(_)) => Some(from_yaml(&y)),
        _ => None,
    }
}

/// Scalars as the front matter writes them; serde_yaml bounds the depth.
fn from_yaml(y: &Yaml) -> Value {
    match y {
        Yaml::Null => Value::Text(String::new()),
        Yaml::Bool(b) => Value::Text(b.to_string()),
        Yaml::Number(n) => Value::Text(n.to_string()),
        Yaml::String(s) => Value::Text(crate::text::sanitize(s)),
        Yaml::Sequence(items) => Value::List(items.iter().map(from_yaml).collect()),
        Yaml::Mapping(map) => Value::Map(
            map.iter()
                .map(|(k, v)| (key_text(k), from_yaml(v)))
                .collect(),
        ),
        Yaml::Tagged(t) => from_yaml(&t.value),
    }
}

fn key_text(k: &Yaml) -> String {
    match from_yaml(k) {
        Value::Text(t) => t,
        _ => String::new(),
    }
}

impl Default for Value {
    fn default() -> Value {
        Value::Text(String::new())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

impl Value {
    /// What the value shows as: a list its items one after another, as
    /// Liquid writes one; a map nothing.
    pub(crate) fn text(&self) -> Cow<'_, str> {
        match self {
            Value::Text(s) => Cow::Borrowed(s),
            Value::Front(f) => Cow::Borrowed(&f.text),
            Value::List(items) => Cow::Owned(items.iter().map(|v| v.text()).collect()),
            Value::Map(_) => Cow::Borrowed(""),
        }
    }

    pub(super) fn into_text(self) -> String {
        match self {
            Value::Text(s) => s,
            other => other.text().into_owned(),
        }
    }

    /// The list or map it is, a front-matter value's read.
    pub(super) fn structure(&self) -> &Value {
        match self {
            Value::Front(f) => f.structure(),
            other => other,
        }
    }

    /// Whether a condition on it holds: set, not empty, not `false`; a
    /// list or a map always (as in Liquid).
    pub(super) fn truthy(&self) -> bool {
        match self.structure() {
            Value::List(_) | Value::Map(_) => true,
            _ => {
                let t = self.text();
                !t.is_empty() && t != "false"
            }
        }
    }

    /// A list or a map with nothing in it, or empty text (`== empty`).
    pub(super) fn is_empty(&self) -> bool {
        match self.structure() {
            Value::List(items) => items.is_empty(),
            Value::Map(pairs) => pairs.is_empty(),
            _ => self.text().is_empty(),
        }
    }

    /// `value.KEY`: a map's field, else a list's or a text's `size`, a
    /// list's `first` and `last`.
    pub(super) fn field(&self, key: &str) -> Value {
        match self.structure() {
            Value::Map(pairs) => match pairs.iter().find(|(k, _)| k == key) {
                Some((_, v)) => v.clone(),
                None if key == "size" => Value::Text(pairs.len().to_string()),
                None => Value::default(),
            },
            Value::List(items) => match key {
                "size" => Value::Text(items.len().to_string()),
                "first" => items.first().cloned().unwrap_or_default(),
                "last" => items.last().cloned().unwrap_or_default(),
                _ => Value::default(),
            },
            _ if key == "size" => Value::Text(self.text().chars().count().to_string()),
            _ => Value::default(),
        }
    }

    /// `value[KEY]`: a list's item by number (from the end when below
    /// zero), a map's field by name.
    pub(super) fn index(&self, key: &Value) -> Value {
        match self.structure() {
            Value::List(items) => {
                let Ok(i) = key.text().trim().parse::<i64>() else {
                    return Value::default();
                };
                let len = items.len() as i64;
                let i = if i < 0 { i + len } else { i };
                usize::try_from(i)
                    .ok()
                    .and_then(|i| items.get(i))
                    .cloned()
                    .unwrap_or_default()
            }
            Value::Map(_) => self.field(&key.text()),
            _ => Value::default(),
        }
    }

    /// What a loop over it walks: a list's items, a map's `[key, value]`
    /// pairs, a text itself (when not empty).
    pub(super) fn items(&self) -> Rc<[Value]> {
        match self.structure() {
            Value::List(items) => Rc::clone(items),
            Value::Map(pairs) => pairs
                .iter()
                .map(|(k, v)| Value::List(Rc::new([Value::Text(k.clone()), v.clone()])))
                .collect(),
            _ if self.text().is_empty() => Rc::new([]),
            _ => Rc::new([self.clone()]),
        }
    }

    /// Whether a list holds `item`, a map the key, a text the text.
    pub(super) fn contains(&self, item: &Value) -> bool {
        let needle = item.text();
        match self.structure() {
            Value::List(items) => items.iter().any(|i| i.text() == needle),
            Value::Map(pairs) => pairs.iter().any(|(k, _)| *k == needle),
            _ => !needle.is_empty() && self.text().contains(&*needle),
        }
    }
}

/// `text` cut to [`MAX_TEXT`] bytes, at a character's start.
pub(super) fn bounded(mut text: String) -> String {
    if text.len() > MAX_TEXT {
        let cut = super::tags::floor_boundary(&text, MAX_TEXT);
        text.truncate(cut);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(text: &str) -> Value {
        Value::Front(Rc::new(Front::new(text.to_string())))
    }

    #[test]
    fn front_matter_text_is_read_for_its_structure_when_asked() {
        let gallery = front(
            "- image_path: /img/한라산.jpg\n  alt: 한라산 사진\n- image_path: /img/성산.jpg\n  alt: 성산 일출봉\n",
        );
        assert_eq!(gallery.field("size").text(), "2");
        assert_eq!(gallery.field("first").field("alt").text(), "한라산 사진");
        let last = gallery.index(&Value::Text("-1".into()));
        assert_eq!(last.field("image_path").text(), "/img/성산.jpg");
        assert!(gallery.truthy());
        assert_eq!(gallery.items().len(), 2);
        // Shown as the post keeps it.
        assert!(gallery.text().starts_with("- image_path:"));
        let map = front("name: 제주 맛집\nplaces: [흑돼지, 고기국수]");
        assert_eq!(map.field("name").text(), "제주 맛집");
        assert!(
            map.field("places")
                .contains(&Value::Text("고기국수".into()))
        );
        assert_eq!(map.field("places").text(), "흑돼지고기국수");
        assert_eq!(map.items().len(), 2, "[key, value] pairs");
    }

    #[test]
    fn text_stays_text() {
        // A colon in a sentence is read as a map only when a field is asked.
        let note = front("참고: 공식 문서");
        assert_eq!(note.text(), "참고: 공식 문서");
        assert_eq!(note.field("size").text(), "1");
        let plain = front("제주 여행");
        assert_eq!(plain.field("size").text(), "5", "characters");
        assert_eq!(plain.items().len(), 1);
        assert_eq!(front("").items().len(), 0);
        assert!(!front("false").truthy());
        assert!(front("[]").is_empty() && front("[]").truthy());
        // Too long to be read: text.
        let long = format!("- {}", "가".repeat(MAX_YAML));
        assert_eq!(
            front(&long).field("size").text(),
            (long.chars().count()).to_string()
        );
    }

    #[test]
    fn filters_make_bounded_text() {
        let long = "나".repeat(MAX_TEXT);
        let cut = bounded(long);
        assert!(cut.len() <= MAX_TEXT && cut.len() > MAX_TEXT - 3);
    }
}
