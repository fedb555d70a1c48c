//! Drawing: reads `&App`, writes the frame's buffer, changes nothing else.
//! Only visible rows are drawn; article lines come pre-wrapped from the
//! render cache.

mod article;
mod list;
mod popup;
mod status;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::App;
use crate::text::glyphs;
use crate::theme::Part;

/// The help popup: keys and what they do.
pub const HELP: &[(&str, &str)] = &[
    ("j k ↓ ↑", "move in the list, scroll the article"),
    ("Enter l →", "open the article"),
    (
        "Esc h ←",
        "back to the list; in the list, clear the search or filter",
    ),
    ("Tab", "switch between the list and the article"),
    ("Space PgDn ^d", "page down"),
    ("b PgUp ^u", "page up"),
    ("g Home / G End", "top / bottom"),
    ("n / p", "next / previous article while reading"),
    ("/", "search (live; Enter keeps it, Esc clears it)"),
    ("  ㅈㅈㅎㄱ", "initial consonants find 제주항공"),
    ("  #name", "a category or tag, exactly"),
    ("c", "choose categories (Space toggles)"),
    ("o", "links of the article; a digit opens one"),
    ("r", "mark read / unread"),
    ("s", "star / unstar"),
    ("u", "only unread posts"),
    ("!", "problems found while loading"),
    ("?", "this help"),
    ("q", "quit (from the list); ^c quits anywhere"),
    (
        "mouse",
        "wheel scrolls the pane under it; click selects, click again opens",
    ),
];

/// Draw the whole reader.
pub fn draw(app: &App, frame: &mut Frame) {
    let _mode = app.ambiguous.enter();
    let area = frame.area();
    let buf = frame.buffer_mut();
    fill(buf, area, app.theme.style(Part::Base));
    let areas = app.areas();
    list::draw(app, buf, areas.list);
    if areas.divider.width > 0 {
        let style = app.theme.style(Part::Border);
        for y in areas.divider.top()..areas.divider.bottom() {
            put(buf, areas.divider.x, y, glyphs().divider, 1, style);
        }
    }
    article::draw(app, buf, areas.article);
    if let Some(cursor) = status::draw(app, buf, areas.status) {
        frame.set_cursor_position(cursor);
    }
    if let Some(p) = &app.popup {
        popup::draw(app, p, frame.buffer_mut(), area);
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
/// the x after it. Every text drawn passes here and is cleaned on the way:
/// the buffer takes control characters as they come, and messages carry
/// paths and values from files.
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
