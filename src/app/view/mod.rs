//! Drawing: reads `&App`, writes the frame's buffer, changes nothing else.
//! Only visible rows are drawn; article lines come pre-rendered from the
//! render cache, and every geometry comes from [`crate::app::layout`].

mod article;
mod list;
mod popup;
mod status;

use std::ops::Range;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{App, Pane};
use crate::text::{glyphs, width};
use crate::theme::Part;

/// Draw the whole reader.
pub fn draw(app: &App, frame: &mut Frame) {
    let _mode = app.ambiguous.enter();
    let area = frame.area();
    let buf = frame.buffer_mut();
    fill(buf, area, app.theme.style(Part::Base));
    let areas = app.areas();
    list::draw(app, buf, areas.list);
    if areas.divider.width > 0 {
        // The divider lights up on the side of the article when it has the keys.
        let part = if app.screen.keys() == Pane::Article && app.screen.article().is_some() {
            Part::BorderFocused
        } else {
            Part::Border
        };
        for y in areas.divider.top()..areas.divider.bottom() {
            put(
                buf,
                areas.divider.x,
                y,
                glyphs().divider,
                1,
                app.theme.style(part),
            );
        }
    }
    article::draw(app, buf, areas.article);
    if let Some(cursor) = status::draw(app, buf, areas.status) {
        frame.set_cursor_position(cursor);
    }
    if let Some(layout) = app.popup_layout() {
        popup::draw(app, &layout, frame.buffer_mut());
    }
}

/// Paint `area` with spaces in `style`.
pub(crate) fn fill(buf: &mut Buffer, area: Rect, style: Style) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.reset();
                cell.set_style(style);
            }
        }
    }
}

/// Write `text` at (x, y), at most `max` cells and never past the buffer's
/// edge, each character over the cells the terminal draws it on; returns
/// the x after it. Every text drawn passes here and is
/// cleaned on the way: the buffer takes control characters as they come,
/// and messages carry paths and values from files.
pub(crate) fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, max: usize, style: Style) -> u16 {
    if !buf.area.contains(ratatui::layout::Position { x, y }) || max == 0 {
        return x;
    }
    let text = crate::sanitize::terminal_text(text);
    let text = match text.contains('\n') {
        true => std::borrow::Cow::Owned(text.replace('\n', " ")),
        false => text,
    };
    crate::text::screen::put(buf, x, y, &text, max, style)
}

/// Write `text` with the byte ranges `marks` in `marked` style (patched
/// over `style`), at most `max` cells; returns the x after it.
pub(crate) fn put_marked(
    buf: &mut Buffer,
    (x, y): (u16, u16),
    text: &str,
    max: usize,
    (style, marked): (Style, Style),
    marks: &[Range<usize>],
) -> u16 {
    let mut x = x;
    let mut at = 0;
    let mut left = max;
    let piece = |buf: &mut Buffer, x: u16, s: &str, style: Style, left: &mut usize| {
        let w = width(s).min(*left);
        *left -= w;
        put(buf, x, y, s, w, style)
    };
    for r in marks {
        if r.start < at
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        x = piece(buf, x, &text[at..r.start], style, &mut left);
        x = piece(buf, x, &text[r.clone()], style.patch(marked), &mut left);
        at = r.end;
    }
    piece(buf, x, &text[at..], style, &mut left)
}
