//! The status line: position, counts, the active filter, key hints; the
//! search field while searching.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::{fill, put};
use crate::app::App;
use crate::text::{glyphs, truncate, width};
use crate::theme::Part;

/// Draw the status line; returns where the terminal cursor goes (the search
/// caret, so that an input method's window follows it).
pub fn draw(app: &App, buf: &mut Buffer, area: Rect) -> Option<Position> {
    if area.width == 0 || area.height == 0 {
        return None;
    }
    let theme = &app.theme;
    let w = usize::from(area.width);
    fill(buf, area, theme.style(Part::StatusDim));
    if app.search.editing {
        let prompt = "/";
        let mut count = format!(" {} of {} ", app.visible.len(), app.store.posts().len());
        if !app.indexed {
            count.insert_str(0, " indexing bodies…");
        }
        let count = if width(&count) * 2 < w {
            count
        } else {
            String::new()
        };
        let count_w = width(&count);
        put(
            buf,
            area.right().saturating_sub(count_w as u16),
            area.y,
            &count,
            count_w,
            theme.style(Part::StatusDim),
        );
        let shown = field_view(
            &app.search.input,
            app.search.caret,
            w.saturating_sub(1 + count_w),
        );
        let x = put(buf, area.x, area.y, prompt, w, theme.style(Part::Status));
        put(
            buf,
            x,
            area.y,
            &shown.0,
            w.saturating_sub(1),
            theme.style(Part::StatusDim),
        );
        let caret_x = area.x + 1 + shown.1 as u16;
        return (caret_x < area.right()).then_some(Position {
            x: caret_x,
            y: area.y,
        });
    }
    let left = position_text(app);
    let right = match &app.message {
        // Cleaned before it is measured (it is cleaned again when drawn).
        Some(m) => crate::sanitize::one_line(m),
        None => hints(app).to_string(),
    };
    let left = truncate(&left, w);
    let x = put(buf, area.x, area.y, &left, w, theme.style(Part::Status));
    let room = w.saturating_sub(width(&left) + 1);
    let right = truncate(&right, room);
    let style = if app.message.is_some() {
        theme.style(Part::StatusDim).patch(theme.style(Part::Key))
    } else {
        theme.style(Part::StatusDim)
    };
    let rx = area.right().saturating_sub(width(&right) as u16).max(x + 1);
    put(buf, rx, area.y, &right, room, style);
    None
}

/// " 12/340 · #항공 · /ㅈㅈㅎㄱ · unread · 45% "
fn position_text(app: &App) -> String {
    let mut parts = Vec::new();
    let total = app.store.posts().len();
    let shown = app.visible.len();
    parts.push(if shown == 0 {
        format!("0/{total}")
    } else {
        format!("{}/{}", app.selected + 1, shown)
    });
    if shown != total {
        parts.push(format!("of {total}"));
    }
    if !app.categories.is_empty() {
        parts.push(
            app.categories
                .iter()
                .map(|c| format!("#{c}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    if !app.search.input.is_empty() {
        let mut q = format!("/{}", app.search.input);
        if !app.indexed {
            q.push_str(" (indexing bodies…)");
        }
        parts.push(q);
    }
    if app.unread_only {
        parts.push("unread".into());
    }
    if let Some(a) = &app.article {
        let rows = app.article_rows();
        let total = a.rendered.lines.len();
        if rows > 0 && total > rows {
            let pct = (a.scroll + rows).min(total) * 100 / total;
            parts.push(format!("{pct}%"));
        }
    }
    format!(" {} ", parts.join(glyphs().separator))
}

fn hints(app: &App) -> &'static str {
    if app.article.is_some() && (app.reading || app.focus == crate::app::Pane::Article) {
        "Esc list  n/p next/prev  o links  ? help "
    } else {
        "/ search  c categories  ? help  q quit "
    }
}

/// The part of the field that fits in `cells`, keeping the caret visible;
/// returns the text and the caret's cell offset in it.
fn field_view(input: &str, caret: usize, cells: usize) -> (String, usize) {
    let chars: Vec<char> = input.chars().collect();
    let mut start = 0;
    let caret_cells = |from: usize| {
        width(
            &chars[from..caret.min(chars.len())]
                .iter()
                .collect::<String>(),
        )
    };
    while start < caret && caret_cells(start) + 1 > cells {
        start += 1;
    }
    let text: String = chars[start..].iter().collect();
    (truncate(&text, cells), caret_cells(start))
}
