//! html2text's lines -> styled lines that fit the width exactly: clusters
//! put back, roles read off the reserved colours, rules stretched, runs of
//! blank lines folded, and anything still too wide split at graphemes.

use html2text::render::TaggedLine;

use super::color::Rgb;
use super::decorator::{Ann, QUOTE_PREFIX};
use super::glyphs::Glyphs;
use super::role::Role;
use super::{Flags, Line, SpanStyle};
use unicode_segmentation::UnicodeSegmentation;

use crate::text::{grapheme_width, is_forbidden, width};

/// What prepare.rs writes for `<hr>`; stretched to the width here.
pub const RULE_MARK: char = '─';

pub fn finish(lines: Vec<TaggedLine<Vec<Ann>>>, glyphs: &Glyphs, max: usize) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for tagged in lines {
        let mut line = Line::default();
        for ts in tagged.tagged_strings() {
            let decoded = glyphs.decode(&ts.s);
            let text: String = if decoded.chars().any(is_forbidden) {
                decoded.chars().filter(|c| !is_forbidden(*c)).collect()
            } else {
                decoded.into_owned()
            };
            if text.is_empty() {
                continue;
            }
            let style = style_of(&ts.tag, &text, line.spans.is_empty());
            line.push(text, style);
        }
        stretch_rule(&mut line, max);
        push_blank_folded(&mut out, line);
    }
    while out.last().is_some_and(Line::is_blank) {
        out.pop();
    }
    fit(space_headings(out), max)
}

fn is_heading(line: &Line) -> bool {
    line.spans
        .iter()
        .any(|s| s.style.flags.contains(Flags::HEADING))
}

/// A heading always has a blank line before and after it (html2text puts
/// none between a heading and a list).
fn space_headings(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len() + 8);
    for line in lines {
        let prev_heading = out.last().is_some_and(is_heading);
        let this_heading = is_heading(&line);
        let prev_blank = out.last().is_none_or(Line::is_blank);
        if !prev_blank && !line.is_blank() && prev_heading != this_heading {
            out.push(Line::default());
        }
        out.push(line);
    }
    out
}

fn style_of(anns: &[Ann], text: &str, first: bool) -> SpanStyle {
    let mut style = SpanStyle::default();
    for ann in anns {
        match ann {
            Ann::Plain => {}
            Ann::Strong => style.flags |= Flags::STRONG,
            Ann::Emphasis => style.flags |= Flags::EMPHASIS,
            Ann::Strike => style.flags |= Flags::STRIKE,
            Ann::Code => style.flags |= Flags::CODE,
            Ann::Pre => style.flags |= Flags::PRE,
            Ann::Colour(c) => {
                let rgb = Rgb(c.r, c.g, c.b);
                match Role::from_marker(rgb) {
                    Some(role) => style.flags |= Flags::of_role(role),
                    None => style.fg = Some(rgb),
                }
            }
            Ann::Background(c) => style.bg = Some(Rgb(c.r, c.g, c.b)),
        }
    }
    let only_borders = text.chars().all(|c| ('\u{2500}'..='\u{257f}').contains(&c));
    if only_borders && style.flags.is_empty() {
        style.flags |= Flags::TABLE_BORDER;
    }
    if first
        && text.starts_with(QUOTE_PREFIX.trim_end())
        && text.trim_end() == QUOTE_PREFIX.trim_end()
    {
        style.flags |= Flags::QUOTE;
    }
    style
}

/// A rule's one-character mark becomes a line across what is left.
fn stretch_rule(line: &mut Line, max: usize) {
    let Some(i) = line.spans.iter().position(|s| {
        s.style.flags.contains(Flags::RULE) && s.text.trim() == RULE_MARK.to_string()
    }) else {
        return;
    };
    let others: usize = line
        .spans
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != i)
        .map(|(_, s)| width(&s.text))
        .sum();
    let n = max.saturating_sub(others).max(1);
    line.spans[i].text = RULE_MARK.to_string().repeat(n);
}

/// Blank lines (spaces and no-break spaces only) fold to one; none lead.
fn push_blank_folded(out: &mut Vec<Line>, line: Line) {
    if line.is_blank() {
        if out.last().is_none_or(Line::is_blank) {
            return;
        }
        out.push(Line::default());
    } else {
        out.push(line);
    }
}

/// Any line still wider than `max` is split at grapheme boundaries; a
/// grapheme wider than the whole line (Hangul at width 1) shows as `?`.
pub fn fit(lines: Vec<Line>, max: usize) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if line.width() <= max {
            out.push(line);
            continue;
        }
        let mut current = Line::default();
        let mut used = 0;
        for span in line.spans {
            for g in span.text.graphemes(true) {
                let gw = grapheme_width(g);
                let (g, gw) = if gw > max { ("?", 1) } else { (g, gw) };
                if used + gw > max {
                    out.push(std::mem::take(&mut current));
                    used = 0;
                }
                current.push(g.to_string(), span.style);
                used += gw;
            }
        }
        if !current.spans.is_empty() {
            out.push(current);
        }
    }
    out
}
