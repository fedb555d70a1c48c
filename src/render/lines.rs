//! html2text's lines -> styled lines that fit the width exactly: clusters
//! put back, roles read off the reserved colours, rules stretched, runs of
//! blank lines folded, and anything still too wide split at graphemes.

use html2text::render::TaggedLine;

use super::block::Block;
use super::color::Rgb;
use super::decorator::{Ann, QUOTE_PREFIX};
use super::prepare::{MAX_LINES, Prepared, SEPARATOR, block_index};
use super::role::Role;
use super::{Flags, Line, SpanStyle, code, notes, picture_rows, table};
use crate::text::{Splitter, glyphs, is_forbidden, width};

/// What prepare.rs writes for `<hr>`; here it becomes a line of the
/// mode's rule glyph across the width.
pub(super) const RULE_MARK: char = '─';

pub(super) fn finish(
    lines: Vec<TaggedLine<Vec<Ann>>>,
    prepared: &Prepared,
    max: usize,
) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for tagged in lines {
        let mut line = Line::default();
        for ts in tagged.tagged_strings() {
            let decoded = prepared.glyphs.decode(&ts.s);
            let text: String = if decoded.chars().any(|c| is_forbidden(c) || c == '\u{a0}') {
                decoded
                    .chars()
                    .filter(|c| !is_forbidden(*c))
                    .map(|c| if c == '\u{a0}' { ' ' } else { c })
                    .collect()
            } else {
                decoded.into_owned()
            };
            if text.is_empty() {
                continue;
            }
            let style = style_of(&ts.tag, &text, line.spans.is_empty());
            line.push(text, style);
        }
        if let Some((prefix, index)) = placeholder(&line) {
            if let Some(block) = prepared.blocks.get(index) {
                splice(&mut out, &prefix, block, max);
            }
            continue;
        }
        if line.spans.iter().any(|s| s.text.contains(SEPARATOR)) {
            // A blank line, under the marks of the quote it is in.
            let mut marks = Line::default();
            for span in &line.spans {
                let before = span.text.split(SEPARATOR).next().unwrap_or("");
                marks.push(before.to_string(), span.style);
                if span.text.contains(SEPARATOR) {
                    break;
                }
            }
            trim_end(&mut marks);
            line = marks;
        }
        stretch_rule(&mut line, max);
        push_blank_folded(&mut out, line);
        if out.len() > MAX_LINES {
            break;
        }
    }
    while out.last().is_some_and(Line::is_blank) {
        out.pop();
    }
    let mut out = split_wide(space_headings(tidy_quotes(out)), max);
    let cut = if out.len() > MAX_LINES {
        out.truncate(MAX_LINES);
        true
    } else {
        prepared.cut.is_some()
    };
    if cut {
        out.push(Line::default());
        out.extend(split_wide(
            vec![Line::plain(
                format!(
                    "[… the rest of this article is not shown: it is longer than {MAX_LINES} lines]"
                ),
                Flags::META,
            )],
            max,
        ));
    }
    out
}

/// A line that holds a block's placeholder: what stands before it (the
/// indentation of a list or a quote) and the block's index.
fn placeholder(line: &Line) -> Option<(Line, usize)> {
    let mut prefix = Line::default();
    for span in &line.spans {
        if let Some((at, index)) = span
            .text
            .char_indices()
            .find_map(|(i, c)| block_index(c).map(|n| (i, n)))
        {
            if at > 0 {
                prefix.push(span.text[..at].to_string(), span.style);
            }
            return Some((prefix, index));
        }
        prefix.push(span.text.clone(), span.style);
    }
    None
}

/// A captured block laid out under `prefix`: the first line after the
/// prefix as html2text wrote it, the following ones after the prefix with
/// its list marker blanked (quote marks stay). A blank line before and
/// after, as between any two blocks.
fn splice(out: &mut Vec<Line>, prefix: &Line, block: &Block, max: usize) {
    let room = max.saturating_sub(prefix.width()).max(1);
    let lines = match block {
        Block::Code { text, lang } => code::layout(text, lang.as_deref(), room),
        Block::Table(t) => table::layout(t, room),
        Block::Notes(n) => notes::layout(n, room),
        Block::Image(p) => picture_rows::layout(p, room),
    };
    let mut follow = Line::default();
    for span in &prefix.spans {
        let kept: String = span
            .text
            .chars()
            .map(|c| if c == '>' { '>' } else { ' ' })
            .collect();
        let blanked = if kept.chars().count() == span.text.chars().count() {
            kept
        } else {
            " ".repeat(width(&span.text))
        };
        follow.push(blanked, span.style);
    }
    let blank = {
        let mut b = follow.clone();
        trim_end(&mut b);
        b
    };
    if out.last().is_some_and(|l| !l.is_blank() && *l != blank) {
        out.push(blank.clone());
    }
    for (i, body) in lines.into_iter().enumerate() {
        let mut line = if i == 0 {
            prefix.clone()
        } else {
            follow.clone()
        };
        if line.spans.iter().all(|s| s.text.trim().is_empty()) && i == 0 {
            line = follow.clone();
        }
        for s in body.spans {
            line.push(s.text, s.style);
        }
        if line.is_blank() {
            line = Line::default();
        }
        out.push(line);
    }
    out.push(blank);
}

/// Drop the spaces at the end of a line.
pub(super) fn trim_end(line: &mut Line) {
    while let Some(last) = line.spans.last_mut() {
        let t = last.text.trim_end_matches(' ').len();
        if t == 0 {
            line.spans.pop();
        } else {
            last.text.truncate(t);
            break;
        }
    }
}

/// A heading always has a blank line before and after it (html2text puts
/// none between a heading and a list).
fn space_headings(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len() + 8);
    for line in lines {
        let prev_heading = out.last().is_some_and(Line::is_heading);
        let this_heading = line.is_heading();
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

/// Only quote marks (`> > `), no text (and no picture).
fn is_quote_blank(line: &Line) -> bool {
    !line.is_blank()
        && line.spans.iter().all(|s| {
            !s.style.flags.contains(Flags::PICTURE) && s.text.chars().all(|c| c == '>' || c == ' ')
        })
}

fn is_quote(line: &Line) -> bool {
    line.spans
        .first()
        .is_some_and(|s| s.style.flags.contains(Flags::QUOTE))
}

/// Blank lines inside a quote keep its marks (trimmed), one at a time and
/// never at the quote's start or end; a blank line takes a quote's place
/// between it and what is not quoted.
fn tidy_quotes(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let n = lines.len();
    let mut lines = lines.into_iter().peekable();
    let mut i = 0;
    while let Some(mut line) = lines.next() {
        i += 1;
        if is_quote_blank(&line) {
            let prev_quote = out
                .last()
                .is_some_and(|l| is_quote(l) && !is_quote_blank(l));
            let next_quote = lines
                .peek()
                .is_some_and(|l| is_quote(l) && !is_quote_blank(l));
            if prev_quote && next_quote && i < n {
                trim_end(&mut line);
                out.push(line);
            }
            continue;
        }
        let prev = out.last();
        if !line.is_blank() && prev.is_some_and(|p| !p.is_blank() && is_quote(p) != is_quote(&line))
        {
            out.push(Line::default());
        }
        out.push(line);
    }
    out
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
    line.spans[i].text = rule(max.saturating_sub(others));
}

/// A horizontal rule `cells` wide (at least one glyph).
pub(super) fn rule(cells: usize) -> String {
    let glyph = glyphs().rule;
    glyph.repeat((cells / width(glyph).max(1)).max(1))
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
pub(super) fn split_wide(lines: Vec<Line>, max: usize) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if line.width() <= max {
            out.push(line);
            continue;
        }
        let mut current = Line::default();
        let mut splitter = Splitter::new(max, 0);
        for span in line.spans {
            splitter.feed(&span.text, |piece, new_line| {
                if new_line {
                    out.push(std::mem::take(&mut current));
                }
                current.push(piece.to_string(), span.style);
            });
        }
        if !current.spans.is_empty() {
            out.push(current);
        }
    }
    out
}
