//! Popups over the panes, drawn from their layout (the same one `update`
//! scrolls by): border, title, the visible lines, a position when not all
//! fit.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Widget};

use super::{fill, put};
use crate::app::App;
use crate::app::layout::PopupLayout;
use crate::text::{truncate, width};
use crate::theme::Part;

pub(super) fn draw(app: &App, layout: &PopupLayout, buf: &mut Buffer) {
    let (title, cursor) = (&layout.title, layout.cursor);
    clear(buf, layout.clear, app.theme.style(Part::Base));
    let area = layout.area;
    let border = app.theme.style(Part::BorderFocused);
    let mut block = Block::bordered()
        .title(format!(
            " {} ",
            truncate(title, usize::from(area.width.saturating_sub(4)))
        ))
        .border_style(border);
    if let Some(position) = layout.position() {
        let room = usize::from(area.width.saturating_sub(4));
        if width(&position) + 2 <= room {
            block = block
                .title_bottom(ratatui::text::Line::from(format!(" {position} ")).right_aligned());
        }
    }
    block.render(area, buf);
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

/// Blank the popup's cells. A wide character just left of the cleared
/// area would hide its first cell (ratatui issue 2526): blank that too.
fn clear(buf: &mut Buffer, area: Rect, style: ratatui::style::Style) {
    if area.x > buf.area.x {
        for y in area.top()..area.bottom() {
            let left = (area.x - 1, y);
            if buf.cell(left).is_some_and(|c| width(c.symbol()) > 1)
                && let Some(cell) = buf.cell_mut(left)
            {
                cell.set_symbol(" ");
            }
        }
    }
    fill(buf, area, style);
}
