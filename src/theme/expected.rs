//! What a theme file's setting must be, said in the user's terms when
//! serde's words would name Rust's types ("expected struct ThemeFile",
//! "expected struct StyleSpec") or leave the choices unsaid ("unknown
//! variant"). As for the config: the file is read again as plain YAML,
//! and its first value in the file's order that does not fit is the one
//! serde stopped at.

use serde_yaml::{Mapping, Value};

use super::Part;
use super::file::MODIFIERS;
use crate::i18n::{Message, Msg};

/// A value that does not fit: where (`styles.heading`), what it must be,
/// and the value.
type Misfit<'a> = (String, Message, &'a Value);

/// What to say of `error`, serde's reading of the theme `text`: the line
/// it names, and what the value there must be with the value found;
/// serde's own words (or sinmun's own, a bad colour) otherwise.
pub(super) fn explain(error: &serde_yaml::Error, text: &str) -> (usize, Message) {
    let frames = (Msg::ThemeSays, Msg::ThemeNotMapping);
    crate::frontmatter::explain_settings(error, text, frames, |top| {
        first_misfit(top).err().flatten()
    })
}

/// `Err(Some(..))`: the first value that does not fit; `Err(None)`: one
/// whose own error says it (a colour) or an unknown key.
fn first_misfit(top: &Mapping) -> Result<(), Option<Misfit<'_>>> {
    for (key, value) in top {
        let key = key.as_str().ok_or(None)?;
        let what = match key {
            "description" => Msg::WhatText,
            "extends" => Msg::WhatThemeNameOnly,
            "syntax_theme" => Msg::WhatSyntaxTheme,
            "inline_colors" => Msg::WhatBool,
            "paper" => {
                colour(value)?;
                continue;
            }
            "styles" => {
                styles(value)?;
                continue;
            }
            _ => return Err(None),
        };
        let fits = match key {
            "inline_colors" => value.is_null() || value.is_bool(),
            _ => value.is_null() || value.is_string(),
        };
        if !fits {
            return Err(Some((key.to_string(), what.into(), value)));
        }
    }
    Ok(())
}

fn styles(value: &Value) -> Result<(), Option<Misfit<'_>>> {
    if value.is_null() {
        return Ok(());
    }
    let Value::Mapping(styles) = value else {
        return Err(Some(("styles".into(), Msg::WhatStyles.into(), value)));
    };
    for (part, spec) in styles {
        let part = part
            .as_str()
            .filter(|p| Part::ALL.iter().any(|known| known.key() == *p))
            .ok_or(None)?;
        if spec.is_null() {
            continue;
        }
        let at = format!("styles.{part}");
        let Value::Mapping(spec) = spec else {
            return Err(Some((at, Msg::WhatStyle.into(), spec)));
        };
        for (key, value) in spec {
            match key.as_str() {
                Some("fg" | "bg") => colour(value)?,
                Some("modifiers") => modifiers(&at, value)?,
                _ => return Err(None),
            }
        }
    }
    Ok(())
}

fn modifiers<'a>(at: &str, value: &'a Value) -> Result<(), Option<Misfit<'a>>> {
    let what = || Msg::WhatModifiers.with("names", MODIFIERS.join(", "));
    let Value::Sequence(items) = value else {
        return Err(Some((format!("{at}.modifiers"), what(), value)));
    };
    for (i, item) in items.iter().enumerate() {
        if !item.as_str().is_some_and(|m| MODIFIERS.contains(&m)) {
            let one = Msg::WhatModifier.with("names", MODIFIERS.join(", "));
            return Err(Some((format!("{at}.modifiers[{i}]"), one, item)));
        }
    }
    Ok(())
}

/// A colour's own error says what it must be.
fn colour(value: &Value) -> Result<(), Option<Misfit<'_>>> {
    match value.is_null() || super::file::colour_of(value).is_ok() {
        true => Ok(()),
        false => Err(None),
    }
}
