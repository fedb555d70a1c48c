//! The html2text decorator: annotations for the theme, and the few marks
//! that keep a style visible without colour (`## ` before a heading,
//! `~~` around struck-out text, `> ` before a quote).

use html2text::Colour;
use html2text::render::TextDecorator;

/// What html2text attaches to a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Ann {
    #[default]
    Plain,
    Strong,
    Emphasis,
    Strike,
    Code,
    Pre,
    Colour(Colour),
    Background(Colour),
}

pub(super) const QUOTE_PREFIX: &str = "> ";
pub(super) const BULLET: &str = "- ";
/// Around struck-out text, as Markdown writes it.
pub(super) const STRIKE_MARK: &str = "~~";

#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Decorator;

impl TextDecorator for Decorator {
    type Annotation = Ann;

    fn decorate_link_start(&mut self, _url: &str) -> (String, Ann) {
        (String::new(), Ann::Plain)
    }

    fn decorate_link_end(&mut self) -> String {
        String::new()
    }

    fn decorate_em_start(&self) -> (String, Ann) {
        (String::new(), Ann::Emphasis)
    }

    fn decorate_em_end(&self) -> String {
        String::new()
    }

    fn decorate_strong_start(&self) -> (String, Ann) {
        (String::new(), Ann::Strong)
    }

    fn decorate_strong_end(&self) -> String {
        String::new()
    }

    fn decorate_strikeout_start(&self) -> (String, Ann) {
        (STRIKE_MARK.to_string(), Ann::Strike)
    }

    fn decorate_strikeout_end(&self) -> String {
        STRIKE_MARK.to_string()
    }

    fn decorate_code_start(&self) -> (String, Ann) {
        (String::new(), Ann::Code)
    }

    fn decorate_code_end(&self) -> String {
        String::new()
    }

    fn decorate_preformat_first(&self) -> Ann {
        Ann::Pre
    }

    fn decorate_preformat_cont(&self) -> Ann {
        Ann::Pre
    }

    /// Images never reach html2text (prepare.rs writes them as text), but
    /// an SVG title might: show it as plain text.
    fn decorate_image(&mut self, _src: &str, title: &str) -> (String, Ann) {
        (title.to_string(), Ann::Plain)
    }

    fn header_prefix(&self, level: usize) -> String {
        let mut prefix = "#".repeat(level.clamp(1, 6));
        prefix.push(' ');
        prefix
    }

    fn quote_prefix(&self) -> String {
        QUOTE_PREFIX.to_string()
    }

    fn unordered_item_prefix(&self) -> String {
        BULLET.to_string()
    }

    fn ordered_item_prefix(&self, i: i64) -> String {
        format!("{i}. ")
    }

    fn make_subblock_decorator(&self) -> Self {
        *self
    }

    fn push_colour(&mut self, colour: Colour) -> Option<Ann> {
        Some(Ann::Colour(colour))
    }

    fn pop_colour(&mut self) -> bool {
        true
    }

    fn push_bgcolour(&mut self, colour: Colour) -> Option<Ann> {
        Some(Ann::Background(colour))
    }

    fn pop_bgcolour(&mut self) -> bool {
        true
    }
}
