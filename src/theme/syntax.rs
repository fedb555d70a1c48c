//! The colours of highlighted code: each sinmun theme names one of
//! syntect's built-in themes (`syntax_theme:`), and each kind of token
//! takes that theme's style for it, made readable on the theme's paper.

use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};
use syntect::highlighting::{FontStyle, Highlighter, ThemeSet};
use syntect::parsing::Scope;

use crate::render::Rgb;
use crate::render::highlight::Token;

/// `syntax_theme: none` turns highlighting off.
pub(super) const NONE: &str = "none";

fn themes() -> &'static ThemeSet {
    static SET: OnceLock<ThemeSet> = OnceLock::new();
    SET.get_or_init(ThemeSet::load_defaults)
}

/// The syntect theme names a theme file may use.
pub(super) fn names() -> Vec<&'static str> {
    let mut names: Vec<&str> = themes().themes.keys().map(String::as_str).collect();
    names.push(NONE);
    names
}

pub(super) fn is_known(name: &str) -> bool {
    name == NONE || themes().themes.contains_key(name)
}

/// One style per [`Token`] kind (empty: code is not highlighted).
pub(super) fn styles(name: Option<&str>, paper: Rgb) -> Vec<Style> {
    let Some(theme) = name.and_then(|n| themes().themes.get(n)) else {
        return Vec::new();
    };
    let highlighter = Highlighter::new(theme);
    let source = Scope::new("source").ok();
    Token::ALL
        .iter()
        .map(|token| {
            let Ok(scope) = Scope::new(token.scope()) else {
                return Style::default();
            };
            let stack: Vec<Scope> = source.into_iter().chain([scope]).collect();
            let s = highlighter.style_for_stack(&stack);
            let fg = Rgb(s.foreground.r, s.foreground.g, s.foreground.b).readable_on(paper);
            let mut style = Style::default().fg(Color::Rgb(fg.0, fg.1, fg.2));
            if s.font_style.contains(FontStyle::BOLD) {
                style = style.add_modifier(Modifier::BOLD);
            }
            if s.font_style.contains(FontStyle::ITALIC) {
                style = style.add_modifier(Modifier::ITALIC);
            }
            style
        })
        .collect()
}
