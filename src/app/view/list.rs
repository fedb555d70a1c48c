//! The headline list: read and star marks, title cut to its cells with `…`
//! and its search matches marked, categories, date, in aligned columns.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{fill, put};
use crate::app::{App, Pane};
use crate::text::{fit, glyphs, truncate, width};
use crate::theme::Part;

/// Cells for the categories column, when the list is wide enough for it.
const CATEGORY_CELLS: usize = 12;

pub fn draw(app: &App, buf: &mut Buffer, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = &app.theme;
    if app.visible.is_empty() {
        let msg = if app.store.posts().is_empty() {
            "no posts"
        } else {
            "no posts match; Esc clears the filter"
        };
        put(
            buf,
            area.x + 1,
            area.y,
            msg,
            usize::from(area.width.saturating_sub(1)),
            theme.style(Part::Meta),
        );
        return;
    }
    let w = usize::from(area.width);
    let date_cells = if w >= 60 {
        10
    } else if w >= 36 {
        5
    } else {
        0
    };
    let category_cells = if w >= 72 { CATEGORY_CELLS } else { 0 };
    let marks = 3.min(w);
    let gaps = usize::from(date_cells > 0) + usize::from(category_cells > 0);
    let title_cells = w.saturating_sub(marks + date_cells + category_cells + gaps);
    for row in 0..usize::from(area.height) {
        let Some(&post_index) = app.visible.get(app.list_top + row) else {
            break;
        };
        let post = &app.store.posts()[post_index];
        let y = area.y + row as u16;
        let selected = app.list_top + row == app.selected;
        let base = if selected {
            let sel = theme.style(Part::Selection);
            if app.focus == Pane::List || app.article.is_none() {
                sel
            } else {
                sel.add_modifier(ratatui::style::Modifier::DIM)
            }
        } else {
            theme.style(Part::Base)
        };
        fill(
            buf,
            Rect {
                y,
                height: 1,
                ..area
            },
            base,
        );
        let read = app.is_read(post_index);
        let mut x = area.x;
        let unread_mark = if read { " " } else { glyphs().unread };
        x = put(
            buf,
            x,
            y,
            unread_mark,
            marks,
            base.patch(theme.style(Part::Unread)),
        );
        let star = if app.is_starred(post_index) {
            glyphs().starred
        } else {
            " "
        };
        x = put(
            buf,
            x,
            y,
            star,
            marks.saturating_sub(1),
            base.patch(theme.style(Part::Starred)),
        );
        x = put(buf, x, y, " ", marks.saturating_sub(2), base);
        let title_style = base.patch(theme.style(if read { Part::Read } else { Part::Unread }));
        let title = truncate(&post.title, title_cells);
        draw_title(
            app,
            buf,
            (x, y),
            &title,
            title_style,
            theme.style(Part::SearchMatch),
        );
        x += title_cells as u16;
        if category_cells > 0 {
            x = put(buf, x, y, " ", 1, base);
            let cats = fit(&post.categories.join(","), category_cells);
            x = put(
                buf,
                x,
                y,
                &cats,
                category_cells,
                base.patch(theme.style(Part::Category)),
            );
        }
        if date_cells > 0 {
            x = put(buf, x, y, " ", 1, base);
            let date = post.date.map(|d| d.day_string()).unwrap_or_default();
            let date = if date_cells == 5 {
                date.get(5..).unwrap_or_default().to_string()
            } else {
                date
            };
            put(
                buf,
                x,
                y,
                &fit(&date, date_cells),
                date_cells,
                base.patch(theme.style(Part::Date)),
            );
        }
    }
}

/// The title with the search's matches in the match style.
fn draw_title(
    app: &App,
    buf: &mut Buffer,
    (x, y): (u16, u16),
    title: &str,
    style: Style,
    matched: Style,
) {
    let ranges = app.query().highlights(title);
    let mut x = x;
    let mut at = 0;
    for r in ranges {
        if r.start < at {
            continue;
        }
        x = put(
            buf,
            x,
            y,
            &title[at..r.start],
            width(&title[at..r.start]),
            style,
        );
        x = put(
            buf,
            x,
            y,
            &title[r.clone()],
            width(&title[r.clone()]),
            style.patch(matched),
        );
        at = r.end;
    }
    put(buf, x, y, &title[at..], width(&title[at..]), style);
}
