//! Popups over the panes: help, categories, links, problems.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{HELP, fill, put};
use crate::app::{App, Popup};
use crate::render::article::is_openable;
use crate::text::{fit, glyphs, screen, width};
use crate::theme::Part;

pub fn draw(app: &App, popup: &Popup, buf: &mut Buffer, screen: Rect) {
    let (title, lines, cursor, scroll) = content(app, popup);
    let want_w = lines
        .iter()
        .map(|(l, _)| width(l))
        .max()
        .unwrap_or(0)
        .max(width(&title) + 4)
        + 4;
    let w = (want_w as u16)
        .min(screen.width.saturating_sub(2))
        .max(screen.width.min(12));
    // Problems are read whole: long ones wrap instead of being cut.
    let lines = if matches!(popup, Popup::Problems { .. }) {
        let room = usize::from(w.saturating_sub(4)).max(1);
        lines
            .into_iter()
            .flat_map(|(text, part)| {
                crate::text::wrap(&text, room)
                    .into_iter()
                    .enumerate()
                    .map(move |(i, l)| {
                        let l = if i == 0 { l } else { format!("  {l}") };
                        (l, part)
                    })
            })
            .collect()
    } else {
        lines
    };
    let h = (lines.len() as u16 + 2)
        .min(screen.height.saturating_sub(2).max(3))
        .min(screen.height);
    let area = Rect {
        x: screen.x + (screen.width.saturating_sub(w)) / 2,
        y: screen.y + (screen.height.saturating_sub(h)) / 2,
        width: w,
        height: h,
    };
    if area.width < 3 || area.height < 3 {
        return;
    }
    screen::clear(buf, area, app.theme.style(Part::Base));
    screen::frame(buf, area, &title, "", app.theme.style(Part::BorderFocused));
    let inner = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width - 2,
        height: area.height - 2,
    };
    let rows = usize::from(inner.height);
    let top = match cursor {
        Some(c) if c >= rows => c + 1 - rows,
        Some(_) => 0,
        None => scroll.min(lines.len().saturating_sub(rows)),
    };
    for (row, (text, part)) in lines.iter().enumerate().skip(top).take(rows) {
        let y = inner.y + (row - top) as u16;
        let mut style = app.theme.style(*part);
        if cursor == Some(row) {
            style = style.patch(app.theme.style(Part::Selection));
            fill(
                buf,
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
                style,
            );
        }
        put(
            buf,
            inner.x + 1,
            y,
            &fit(text, usize::from(inner.width.saturating_sub(2))),
            usize::from(inner.width.saturating_sub(2)),
            style,
        );
    }
}

type Rows = Vec<(String, Part)>;

fn content(app: &App, popup: &Popup) -> (String, Rows, Option<usize>, usize) {
    match *popup {
        Popup::Help { scroll } => {
            let keys_w = HELP.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
            let rows = HELP
                .iter()
                .map(|(k, d)| (format!("{}  {d}", fit(k, keys_w)), Part::Base))
                .collect();
            ("keys".into(), rows, None, scroll)
        }
        Popup::Categories { cursor } => {
            let rows: Rows = app
                .store
                .categories()
                .iter()
                .map(|c| {
                    let mark = if app.categories.contains(&c.name) {
                        "[x]"
                    } else {
                        "[ ]"
                    };
                    (format!("{mark} {}  ({})", c.name, c.count), Part::Base)
                })
                .collect();
            let rows = if rows.is_empty() {
                vec![("no categories".to_string(), Part::Meta)]
            } else {
                rows
            };
            (
                ["categories", "Space chooses", "Esc closes"].join(glyphs().separator),
                rows,
                Some(cursor),
                0,
            )
        }
        Popup::Links { cursor } => {
            let links = app
                .article
                .as_ref()
                .map(|a| a.rendered.links.clone())
                .unwrap_or_default();
            let rows = links
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let part = if is_openable(l) {
                        Part::Link
                    } else {
                        Part::Meta
                    };
                    let row = format!("[{}] {l}", i + 1);
                    (crate::sanitize::terminal_text(&row).into_owned(), part)
                })
                .collect();
            (
                ["links", "a digit or Enter opens"].join(glyphs().separator),
                rows,
                Some(cursor),
                0,
            )
        }
        Popup::Problems { scroll } => {
            let mut rows: Rows = app
                .problems()
                .map(|p| (crate::sanitize::one_line(&p.to_string()), Part::Error))
                .collect();
            if rows.is_empty() {
                rows.push(("no problems found while loading".into(), Part::Meta));
            }
            if app.store.skipped() > 0 {
                rows.push((
                    format!("{} other files skipped (not posts)", app.store.skipped()),
                    Part::Meta,
                ));
            }
            (
                format!("problems ({})", app.problems().count()),
                rows,
                None,
                scroll,
            )
        }
    }
}
