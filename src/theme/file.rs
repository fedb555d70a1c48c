//! The theme file format: what a `themes/*.yaml` file may say, read with
//! serde so that every mistake comes with its line.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use super::StylesFile;
use crate::i18n::Msg;
use crate::render::Rgb;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ThemeFile {
    pub(super) description: Option<String>,
    pub(super) extends: Option<String>,
    pub(super) inline_colors: Option<bool>,
    pub(super) paper: Option<ColorSpec>,
    /// The syntect theme that colours code (`none`: no highlighting).
    pub(super) syntax_theme: Option<SyntaxTheme>,
    #[serde(default)]
    pub(super) styles: StylesFile,
}

/// A syntect theme name, checked when the file is read.
#[derive(Debug, Clone)]
pub(super) struct SyntaxTheme(pub(super) String);

impl<'de> Deserialize<'de> for SyntaxTheme {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        if super::syntax::is_known(&name) {
            Ok(SyntaxTheme(name))
        } else {
            Err(crate::frontmatter::own_error(
                Msg::UnknownSyntaxTheme
                    .with("name", crate::frontmatter::quote(&name))
                    .with("names", super::syntax::names().join(", ")),
            ))
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StyleSpec {
    fg: Option<ColorSpec>,
    bg: Option<ColorSpec>,
    #[serde(default)]
    modifiers: Vec<ModifierSpec>,
}

impl StyleSpec {
    pub(super) fn to_style(&self) -> Style {
        let mut s = Style::default();
        if let Some(c) = &self.fg {
            s = s.fg(c.0);
        }
        if let Some(c) = &self.bg {
            s = s.bg(c.0);
        }
        for m in &self.modifiers {
            s = s.add_modifier(m.modifier());
        }
        s
    }
}

/// The modifiers a style may list, as a theme writes them (what an
/// error says the choices are).
pub(super) const MODIFIERS: &[&str] = &[
    "bold",
    "dim",
    "italic",
    "underlined",
    "reversed",
    "crossed_out",
];

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum ModifierSpec {
    Bold,
    Dim,
    Italic,
    Underlined,
    Reversed,
    CrossedOut,
}

impl ModifierSpec {
    fn modifier(self) -> Modifier {
        match self {
            ModifierSpec::Bold => Modifier::BOLD,
            ModifierSpec::Dim => Modifier::DIM,
            ModifierSpec::Italic => Modifier::ITALIC,
            ModifierSpec::Underlined => Modifier::UNDERLINED,
            ModifierSpec::Reversed => Modifier::REVERSED,
            ModifierSpec::CrossedOut => Modifier::CROSSED_OUT,
        }
    }
}

/// A colour as a theme writes it: a name, `#rrggbb`, or 0–255.
#[derive(Debug, Clone, Copy)]
pub(super) struct ColorSpec(pub(super) Color);

pub(super) trait ToRgb {
    fn rgb(&self) -> Option<Rgb>;
}

impl ToRgb for Color {
    fn rgb(&self) -> Option<Rgb> {
        match *self {
            Color::Rgb(r, g, b) => Some(Rgb(r, g, b)),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for ColorSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_yaml::Value::deserialize(d)?;
        colour_of(&value).map(ColorSpec).map_err(|shown| {
            let shown = crate::frontmatter::quote(&shown);
            crate::frontmatter::own_error::<D::Error>(Msg::BadColour.with("value", shown))
        })
    }
}

/// The colour a theme's value names, or the value as a message shows it.
pub(super) fn colour_of(value: &serde_yaml::Value) -> Result<Color, String> {
    match value {
        serde_yaml::Value::Number(n) => match n.as_u64() {
            Some(i) if i <= 255 => Ok(Color::Indexed(i as u8)),
            _ => Err(n.to_string()),
        },
        serde_yaml::Value::String(s) => parse_color(s).ok_or_else(|| s.clone()),
        other => Err(crate::post::yaml_text(other)),
    }
}

/// A theme colour: the terminal's named colours, `#rrggbb`, `reset`.
pub fn parse_color(s: &str) -> Option<Color> {
    let lower = s.trim().to_ascii_lowercase().replace(['_', '-', ' '], "");
    if let Some(hex) = lower.strip_prefix('#') {
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        return Some(Color::Rgb(byte(0)?, byte(2)?, byte(4)?));
    }
    Some(match lower.as_str() {
        "reset" | "default" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_modifiers_named_are_those_read() {
        for name in MODIFIERS {
            let read: ModifierSpec = serde_yaml::from_str(name).unwrap();
            assert_eq!(
                MODIFIERS.iter().position(|m| m == name),
                Some(read as usize),
                "{name}"
            );
        }
        assert!(serde_yaml::from_str::<ModifierSpec>("blink").is_err());
        assert_eq!(MODIFIERS.len(), ModifierSpec::CrossedOut as usize + 1);
    }
}
