//! The status line: position, unread counts, the active filter and sort,
//! and the key hints of the context (from the key table); the search
//! field while searching.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::{fill, put};
use crate::app::{App, Context};
use crate::config::Sort;
use crate::i18n::Msg;
use crate::text::{truncate, width};
use crate::theme::Part;

/// Draw the status line; returns where the terminal cursor goes (the search
/// caret, so that an input method's window follows it).
pub(super) fn draw(app: &App, buf: &mut Buffer, area: Rect) -> Option<Position> {
    if area.width == 0 || area.height == 0 {
        return None;
    }
    let theme = &app.theme;
    let w = usize::from(area.width);
    fill(buf, area, theme.style(Part::StatusDim));
    if app.context() == Context::Search {
        return search_field(app, buf, area);
    }
    let parts = position_parts(app);
    let Some(message) = &app.message else {
        let hints = hints(app);
        // The site's title after the counters, when the hints leave room.
        let titled = app.store.site_title().map(|title| {
            let mut with = parts.clone();
            with.push(title.to_string());
            counters(&with)
        });
        let left = match titled {
            Some(t) if width(&t) + width(&hints) < w => t,
            _ => truncate(&counters(&parts), w),
        };
        let x = put(buf, area.x, area.y, &left, w, theme.style(Part::Status));
        let room = w.saturating_sub(width(&left) + 1);
        let right = truncate(&hints, room);
        let rx = area.right().saturating_sub(width(&right) as u16).max(x + 1);
        put(buf, rx, area.y, &right, room, theme.style(Part::StatusDim));
        return None;
    };
    // The answer to the key just pressed comes first: whole when the row
    // holds it, the counters keeping what room is left; cut at its end
    // when even the row is too narrow.
    let style = theme.style(Part::StatusDim).patch(theme.style(Part::Key));
    let message_w = width(message);
    if message_w >= w {
        put(buf, area.x, area.y, &truncate(message, w), w, style);
        return None;
    }
    let left = counters_within(&parts, w - message_w - 1);
    put(buf, area.x, area.y, &left, w, theme.style(Part::Status));
    let rx = area.right().saturating_sub(message_w as u16);
    put(buf, rx, area.y, message, message_w, style);
    None
}

fn search_field(app: &App, buf: &mut Buffer, area: Rect) -> Option<Position> {
    let theme = &app.theme;
    let w = usize::from(area.width);
    let mut count = format!(
        " {} ",
        Msg::SearchCount.fill(
            app.lang,
            &[
                ("shown", &app.list.visible.len()),
                ("total", &app.store.posts().len())
            ]
        )
    );
    if !app.indexed() {
        count.insert_str(0, &format!(" {}", indexing(app)));
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
    let search = &app.filters.search;
    let shown = field_view(&search.input, search.caret, w.saturating_sub(1 + count_w));
    let x = put(buf, area.x, area.y, "/", w, theme.style(Part::Status));
    put(
        buf,
        x,
        area.y,
        &shown.0,
        w.saturating_sub(1),
        theme.style(Part::StatusDim),
    );
    let caret_x = area.x + 1 + shown.1 as u16;
    (caret_x < area.right()).then_some(Position {
        x: caret_x,
        y: area.y,
    })
}

/// "bodies 2,300/10,000…": how far the index is, while search sees only
/// part of the bodies.
fn indexing(app: &App) -> String {
    Msg::Indexing.fill(
        app.lang,
        &[("done", &app.index.indexed), ("total", &app.index.total)],
    )
}

/// "reading 1,234/100,000 [#---------]": the posts being read in the
/// background, with a bar (ASCII: one column wide in every terminal).
fn reading(app: &App, done: usize, total: usize) -> String {
    const CELLS: usize = 10;
    if total == 0 {
        return Msg::ReadingStarts.say(app.lang);
    }
    let filled = done.min(total) * CELLS / total;
    let bar = format!("[{}{}]", "#".repeat(filled), "-".repeat(CELLS - filled));
    Msg::Reading.fill(
        app.lang,
        &[("done", &done), ("total", &total), ("bar", &bar)],
    )
}

/// " 12/340 · 5 unread · #항공 · /ㅈㅈㅎㄱ · 45% " as a line.
fn counters(parts: &[String]) -> String {
    format!(" {} ", parts.join(crate::text::glyphs().separator))
}

/// The counters that fit in `cells`, from the first: those at the end go
/// first, then all of them.
fn counters_within(parts: &[String], cells: usize) -> String {
    (0..=parts.len())
        .rev()
        .map(|n| counters(&parts[..n]))
        .find(|line| width(line) <= cells)
        .filter(|line| !line.trim().is_empty())
        .unwrap_or_default()
}

/// The status line's counters, in the order they are dropped from the
/// end: the position, counts, filters, progress, the article's scroll.
fn position_parts(app: &App) -> Vec<String> {
    let mut parts = Vec::new();
    let total = app.store.posts().len();
    let shown = app.list.visible.len();
    // An empty list (nothing starred, a search that matches nothing)
    // shows no row of any number.
    parts.push(if shown == 0 {
        "0/0".to_string()
    } else {
        format!("{}/{}", app.list.selected + 1, shown)
    });
    if shown != total {
        parts.push(Msg::OfTotal.fill(app.lang, &[("n", &total)]));
    }
    let (unread_shown, unread_all) = app.unread_counts();
    parts.push(if unread_shown == unread_all {
        Msg::Unread.fill(app.lang, &[("n", &unread_all)])
    } else {
        Msg::UnreadOf.fill(app.lang, &[("shown", &unread_shown), ("all", &unread_all)])
    });
    let f = &app.filters;
    if !f.categories.is_empty() {
        parts.push(
            f.categories
                .iter()
                .map(|c| format!("#{c}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    if !f.search.input.is_empty() {
        let mut q = format!("/{}", f.search.input);
        if !app.indexed() {
            q.push_str(&format!(" ({})", indexing(app)));
        }
        parts.push(q);
    } else if !app.indexed() && app.reading.is_none() {
        parts.push(indexing(app));
    }
    if app.is_refining() {
        parts.push(Msg::Searching.say(app.lang));
    }
    if let Some((done, total)) = app.reading {
        parts.push(reading(app, done, total));
    }
    if f.unread_only {
        parts.push(Msg::UnreadOnly.say(app.lang));
    }
    if f.starred_only {
        parts.push(Msg::StarredOnly.say(app.lang));
    }
    if f.sort != Sort::Date {
        let sort = crate::app::commands::sort_name(f.sort, app.lang);
        parts.push(Msg::SortedBy.fill(app.lang, &[("sort", &sort)]));
    }
    if let Some(a) = app.screen.article() {
        let rows = app.article_rows();
        let total = a.lines().len();
        if rows > 0 && total > rows {
            let pct = (a.scroll + rows).min(total) * 100 / total;
            parts.push(format!("{pct}%"));
        }
    }
    parts
}

/// "/ search  c categories  ? help  q quit": the key table's hints for
/// where the keys are, with the keys in effect.
fn hints(app: &App) -> String {
    let mut out = String::new();
    for (key, word) in app.keymap.hints(app.context(), app.lang) {
        out.push_str(&format!("{key} {word}  "));
    }
    out.truncate(out.trim_end().len());
    out.push(' ');
    out
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
