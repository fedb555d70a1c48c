//! Code blocks: never reflowed. Each line keeps its characters and spaces;
//! a line wider than the pane is cut into pieces, each following piece
//! starting with the line's indentation and a continuation mark. A rule at
//! the left sets the block apart, with or without colour.

use super::highlight::{self, Token};
use super::{Flags, Line, SpanStyle};
use crate::text::{Splitter, glyphs, width};

/// A code block laid out at `max` cells.
pub(super) fn layout(text: &str, lang: Option<&str>, max: usize) -> Vec<Line> {
    let max = max.max(1);
    let gutter = glyphs().gutter;
    let gutter_w = width(gutter);
    let (gutter, room) = if max > gutter_w + 4 {
        (Some(gutter), max - gutter_w)
    } else {
        (None, max)
    };
    // Tabs reach here from Markdown code and from `&#9;`.
    let text = expand_tabs(text);
    let source: Vec<&str> = text
        .trim_end_matches(['\n', ' '])
        .split('\n')
        .map(str::trim_end)
        .collect();
    let tokens = highlight::tokens(&source, lang);
    let mut out = Vec::with_capacity(source.len());
    for (i, line) in source.iter().enumerate() {
        let spans: Vec<(&str, Option<Token>)> = match tokens.get(i) {
            Some(t) => t.iter().map(|(r, k)| (&line[r.clone()], *k)).collect(),
            None => vec![(*line, None)],
        };
        cut(&spans, line, room, gutter, &mut out);
    }
    out
}

fn style(token: Option<Token>) -> SpanStyle {
    SpanStyle {
        token,
        ..SpanStyle::of(Flags::PRE)
    }
}

/// A new output line, with the gutter.
fn start<'a>(out: &'a mut Vec<Line>, gutter: Option<&str>) -> &'a mut Line {
    let mut l = Line::default();
    if let Some(g) = gutter {
        l.push(g.to_string(), SpanStyle::of(Flags::RULE));
    }
    out.push(l);
    out.last_mut().expect("pushed")
}

/// One source line into pieces of at most `room` cells after the gutter.
fn cut(
    spans: &[(&str, Option<Token>)],
    line: &str,
    room: usize,
    gutter: Option<&str>,
    out: &mut Vec<Line>,
) {
    start(out, gutter);
    // Following pieces: the indentation (at most half the room), the mark.
    let indent = (line.len() - line.trim_start_matches(' ').len()).min(room / 2);
    let continuation = glyphs().continuation;
    let mark = width(continuation);
    let lead = if room > indent + mark + 1 {
        indent + mark
    } else {
        0
    };
    let mut splitter = Splitter::new(room, 0).hanging(lead);
    for (t, k) in spans {
        splitter.feed(t, |piece, new_line| {
            if new_line {
                let l = start(out, gutter);
                if lead > 0 {
                    l.push(" ".repeat(indent), style(None));
                    l.push(continuation.to_string(), SpanStyle::of(Flags::RULE));
                }
            }
            if let Some(l) = out.last_mut() {
                l.push(piece.to_string(), style(*k));
            }
        });
    }
}

/// Tabs to the tab stops, counted from each code line's start in the
/// cells the terminal draws.
pub(super) fn expand_tabs(text: &str) -> std::borrow::Cow<'_, str> {
    crate::sanitize::expand_tabs(text, |c| width(c.encode_utf8(&mut [0; 4])))
}
