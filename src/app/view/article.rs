//! The article pane: the visible slice of the pre-rendered lines; before an
//! article is opened, a preview of the selected headline.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::put;
use crate::app::{App, layout};
use crate::render::{Flags, Line, SpanStyle, article};
use crate::text::wrap;
use crate::theme::Part;

pub fn draw(app: &App, buf: &mut Buffer, pane: Rect) {
    if pane.width == 0 || pane.height == 0 {
        return;
    }
    let area = layout::article_text(pane);
    let rows = usize::from(area.height);
    match &app.article {
        Some(a) if a.body.is_none() => {
            put(
                buf,
                area.x,
                area.y,
                "loading…",
                usize::from(area.width),
                app.theme.style(Part::Meta),
            );
        }
        Some(a) => {
            for (row, line) in a
                .rendered
                .lines
                .iter()
                .skip(a.scroll)
                .take(rows)
                .enumerate()
            {
                draw_line(app, buf, area, row, line);
            }
        }
        None => preview(app, buf, area),
    }
}

fn draw_line(app: &App, buf: &mut Buffer, area: Rect, row: usize, line: &Line) {
    let y = area.y + row as u16;
    let mut x = area.x;
    let right = usize::from(area.right());
    for span in &line.spans {
        let room = right.saturating_sub(usize::from(x));
        x = put(buf, x, y, &span.text, room, app.theme.span(&span.style));
    }
}

/// What the pane shows before an article is opened: the selected post's
/// title, meta line and excerpt.
fn preview(app: &App, buf: &mut Buffer, area: Rect) {
    let Some(post) = app.selected_post().map(|i| &app.store.posts()[i]) else {
        return;
    };
    let w = usize::from(area.width);
    let mut lines: Vec<Line> = wrap(&post.title, w)
        .into_iter()
        .map(|l| Line::plain(l, Flags::TITLE))
        .collect();
    lines.extend(
        wrap(&article::meta(post), w)
            .into_iter()
            .map(|l| Line::plain(l, Flags::META)),
    );
    lines.push(Line::default());
    lines.extend(
        wrap(&post.excerpt, w)
            .into_iter()
            .map(|l| Line::plain(l, Flags::default())),
    );
    lines.push(Line::default());
    let mut hint = Line::default();
    hint.push("Enter opens the article".into(), SpanStyle::of(Flags::META));
    lines.push(hint);
    for (row, line) in lines.iter().take(usize::from(area.height)).enumerate() {
        draw_line(app, buf, area, row, line);
    }
}
