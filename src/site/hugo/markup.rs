//! What a Hugo site's configuration says about how its Markdown reads:
//! goldmark's attribute lists, and the icon shortcuts of the LoveIt
//! family of themes. Keys are in lower case (the configuration is read so).

use serde_yaml::{Mapping, Value};

use crate::markdown::goldmark::Attributes;

/// The themes that read `:(fas fa-link):` as a Font Awesome icon (their
/// `function/fontawesome.html` partial): LoveIt and the themes made from
/// it, by the last part of the name or module path they are given by.
const ICON_THEMES: &[&str] = &["loveit", "doit", "fixit", "feelit", "keepit", "ublogger"];

/// `markup.goldmark.parser.attribute`: lists after headings unless `title`
/// is off, on lines of their own when `block` is on.
pub(super) fn attributes(map: &Mapping) -> Attributes {
    let attribute = at(map, &["markup", "goldmark", "parser", "attribute"]);
    let setting = |key: &str| attribute.and_then(|a| a.get(key)).and_then(bool_of);
    Attributes {
        headings: setting("title").unwrap_or(Attributes::HUGO.headings),
        blocks: setting("block").unwrap_or(Attributes::HUGO.blocks),
    }
}

/// Whether the site's theme reads `:(…):` as an icon: a LoveIt-family
/// theme (`theme`, or a module imported), unless `params.page.fontawesome`
/// turns it off.
pub(super) fn icons(map: &Mapping) -> bool {
    let off = at(map, &["params", "page"])
        .and_then(|page| page.get("fontawesome"))
        .and_then(bool_of)
        == Some(false);
    let mut names: Vec<&str> = Vec::new();
    match map.get("theme") {
        Some(Value::String(name)) => names.push(name),
        Some(Value::Sequence(items)) => names.extend(items.iter().filter_map(Value::as_str)),
        _ => {}
    }
    if let Some(Value::Sequence(imports)) = at(map, &["module"]).and_then(|m| m.get("imports")) {
        names.extend(
            imports
                .iter()
                .filter_map(|i| i.get("path").and_then(Value::as_str)),
        );
    }
    !off && names.iter().any(|name| is_icon_theme(name))
}

fn is_icon_theme(name: &str) -> bool {
    let last = name.trim().trim_end_matches('/').rsplit('/').next();
    let last = last.unwrap_or_default().to_ascii_lowercase();
    let last = last.strip_prefix("hugo-theme-").unwrap_or(&last);
    ICON_THEMES.contains(&last)
}

/// The mapping at `path` below `map`.
fn at<'m>(map: &'m Mapping, path: &[&str]) -> Option<&'m Mapping> {
    let mut here = map;
    for key in path {
        here = here.get(*key)?.as_mapping()?;
    }
    Some(here)
}

/// A yes-or-no setting: a boolean, or the text `true`/`false`.
fn bool_of(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(yaml: &str) -> Mapping {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn attribute_lists_as_configured() {
        assert_eq!(attributes(&Mapping::new()), Attributes::HUGO);
        let both =
            map("markup:\n  goldmark:\n    parser:\n      attribute:\n        block: true\n");
        assert_eq!(
            attributes(&both),
            Attributes {
                headings: true,
                blocks: true
            }
        );
        let none = map("markup: {goldmark: {parser: {attribute: {title: false}}}}");
        assert_eq!(attributes(&none), Attributes::default());
    }

    #[test]
    fn icon_themes_by_name_or_module() {
        assert!(icons(&map("theme: LoveIt")));
        assert!(icons(&map("theme: [FixIt, extra]")));
        assert!(icons(&map("theme: hugo-theme-doit")));
        assert!(icons(&map(
            "module: {imports: [{path: github.com/hugo-fixit/FixIt}]}"
        )));
        assert!(!icons(&map("theme: PaperMod")));
        assert!(!icons(&map("theme: LoveIt-dark-clone")));
        assert!(!icons(&map(
            "theme: LoveIt\nparams: {page: {fontawesome: false}}"
        )));
    }
}
