//! Popups over the panes, drawn from their layout (the same one `update`
//! scrolls by): border, title, the visible lines, a position when not all
//! fit.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{fill, put};
use crate::app::App;
use crate::app::layout::PopupLayout;
use crate::text::screen;
use crate::theme::Part;

pub(super) fn draw(app: &App, layout: &PopupLayout, buf: &mut Buffer) {
    let (title, cursor) = (&layout.title, layout.cursor);
    screen::clear(buf, layout.clear, app.theme.style(Part::Base));
    let area = layout.area;
    let position = layout.position().unwrap_or_default();
    let border = app.theme.style(Part::BorderFocused);
    screen::frame(buf, area, title, &position, border);
    let text = layout.text;
    for (row, line) in layout
        .lines
        .iter()
        .skip(layout.top)
        .take(layout.rows())
        .enumerate()
    {
        let y = text.y + row as u16;
        let mut style = app.theme.style(line.part);
        if cursor == Some(line.row) {
            style = style.patch(app.theme.style(Part::Selection));
            fill(
                buf,
                Rect {
                    x: text.x - 1,
                    y,
                    width: text.width + 2,
                    height: 1,
                },
                style,
            );
        }
        put(buf, text.x, y, &line.text, usize::from(text.width), style);
    }
}
