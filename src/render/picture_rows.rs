//! The rows a picture holds in an article: as many as its fitted size
//! takes, each exactly as wide, the first naming the image until the
//! picture is drawn over them; then its alt text as a caption.

use super::block::Picture;
use super::{Flags, Line};
use crate::text::{fit, wrap};

/// `[image: alt]`, or `[image]` without alt text.
pub(super) fn label(alt: &str) -> String {
    if alt.is_empty() {
        "[image]".to_string()
    } else {
        format!("[image: {alt}]")
    }
}

/// What a picture's rows say before it is drawn (or when it cannot be).
pub(crate) fn placeholder_rows(alt_label: &str, (cols, rows): (usize, usize)) -> Vec<Line> {
    (0..rows.max(1))
        .map(|i| {
            let text = if i == 0 {
                fit(alt_label, cols)
            } else {
                " ".repeat(cols)
            };
            Line::plain(text, Flags::PICTURE)
        })
        .collect()
}

/// The picture's rows in `room` cells, then its caption.
pub(super) fn layout(p: &Picture, room: usize) -> Vec<Line> {
    let size = crate::picture::fit::cells(p.file.pixels, room, p.max_rows);
    let mut lines = placeholder_rows(&format!("{} {}", label(&p.alt), p.address), size);
    lines.extend(
        wrap(&p.alt, room)
            .into_iter()
            .map(|l| Line::plain(l, Flags::IMAGE)),
    );
    lines
}

/// Whether `line` is a picture's row, and where in it the picture starts
/// (cells from the left) and how wide it is.
pub(crate) fn row_span(line: &Line) -> Option<(usize, usize)> {
    let mut x = 0;
    for span in &line.spans {
        let w = crate::text::width(&span.text);
        if span.style.flags.contains(Flags::PICTURE) {
            let cols = line
                .spans
                .iter()
                .skip_while(|s| !s.style.flags.contains(Flags::PICTURE))
                .take_while(|s| s.style.flags.contains(Flags::PICTURE))
                .map(|s| crate::text::width(&s.text))
                .sum();
            return Some((x, cols));
        }
        x += w;
    }
    None
}
