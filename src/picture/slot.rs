//! The rows an article holds for its pictures, found in its lines, and
//! the article again with a picture drawn into them (or the reason it
//! cannot be). The lines stay the article's one model: the pane draws
//! them, `--dump` prints them, search and scrolling count them.

use std::sync::Arc;

use super::Graphic;
use super::locate::ImageFile;
use crate::render::picture_rows::{placeholder_rows, row_span};
use crate::render::{Flags, Line};

/// A picture's place in an article's lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Its first row, as an index into the lines.
    pub line: usize,
    /// Cells left of it (a list's indentation, a quote's marks).
    pub x: usize,
    pub cols: usize,
    pub rows: usize,
    pub file: ImageFile,
    pub state: State,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Not decoded yet: the rows name the image.
    Waiting,
    /// Half blocks in the rows, and the picture for a graphics protocol
    /// when the terminal has one.
    Drawn(Option<Arc<Graphic>>),
    /// It could not be decoded: the first row says why.
    Failed(crate::i18n::Message),
}

impl PartialEq for Graphic {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for Graphic {}

/// The slots in `lines`: each run of picture rows, matched in order with
/// `files` (the pictures the renderer held rows for).
pub fn find(lines: &[Line], files: Vec<ImageFile>) -> Vec<Slot> {
    if files.is_empty() {
        return Vec::new();
    }
    let mut slots = Vec::new();
    let mut files = files.into_iter();
    let mut i = 0;
    while i < lines.len() {
        let Some((x, cols)) = row_span(&lines[i]) else {
            i += 1;
            continue;
        };
        let start = i;
        while i < lines.len() && row_span(&lines[i]).is_some() {
            i += 1;
        }
        let Some(file) = files.next() else {
            break;
        };
        slots.push(Slot {
            line: start,
            x,
            cols,
            rows: i - start,
            file,
            state: State::Waiting,
        });
    }
    slots
}

/// `line` with its picture spans replaced by `row`'s.
fn with_row(line: &Line, row: &Line) -> Line {
    let mut out = Line::default();
    let mut placed = false;
    for span in &line.spans {
        if span.style.flags.contains(Flags::PICTURE) {
            if !placed {
                for s in &row.spans {
                    out.push(s.text.clone(), s.style);
                }
                placed = true;
            }
        } else {
            out.push(span.text.clone(), span.style);
        }
    }
    out
}

/// Put `rows` (half blocks, or a placeholder) into slot `slot`'s rows of
/// `lines`, and set its state.
pub fn fill(lines: &mut [Line], slot: &mut Slot, rows: &[Line], state: State) {
    for (r, row) in rows.iter().enumerate().take(slot.rows) {
        if let Some(line) = lines.get_mut(slot.line + r) {
            *line = with_row(line, row);
        }
    }
    slot.state = state;
}

/// What a slot's rows say when its picture cannot be drawn (the caption
/// under them still gives its alt text).
pub fn failed_rows(slot: &Slot, why: &str) -> Vec<Line> {
    placeholder_rows(&format!("[image] ({why})"), (slot.cols, slot.rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::SpanStyle;

    #[test]
    fn runs_of_picture_rows_are_slots_and_filling_keeps_the_indentation() {
        let mut lines = vec![Line::plain("글", Flags::default())];
        for rows in [
            placeholder_rows("[image: 표지] a.png", (4, 2)),
            placeholder_rows("[image]", (3, 1)),
        ] {
            for row in rows {
                let mut line = Line::plain("  ", Flags::default());
                line.push(row.text(), SpanStyle::of(Flags::PICTURE));
                lines.push(line);
            }
            lines.push(Line::default());
        }
        let file = |n: &str| ImageFile {
            path: n.into(),
            address: n.into(),
            pixels: (8, 4),
        };
        let mut slots = find(&lines, vec![file("a.png"), file("b.png")]);
        assert_eq!(slots.len(), 2);
        assert_eq!(
            (slots[0].line, slots[0].x, slots[0].cols, slots[0].rows),
            (1, 2, 4, 2)
        );
        assert_eq!((slots[1].line, slots[1].cols, slots[1].rows), (4, 3, 1));
        let why = failed_rows(&slots[1], "bad");
        let s = &mut slots[1];
        fill(
            &mut lines,
            s,
            &why,
            State::Failed(crate::i18n::Msg::PictureEmpty.into()),
        );
        assert_eq!(lines[4].text(), "  [i…");
        assert_eq!(lines[4].width(), 5);
    }
}
