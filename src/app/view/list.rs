//! The headline list: read and star marks, title cut to its cells with `…`
//! and its search matches marked, categories, date, in aligned columns.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{fill, put};
use crate::app::{App, Context, ListLine};
use crate::i18n::Msg;
use crate::text::{fit, glyphs, truncate};
use crate::theme::Part;

/// Cells for the categories column, when the list is wide enough for it.
const CATEGORY_CELLS: usize = 12;

pub(super) fn draw(app: &App, buf: &mut Buffer, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = &app.theme;
    if app.list.visible.is_empty() {
        let room = usize::from(area.width.saturating_sub(2)).max(1);
        let text = crate::text::wrap(&empty_reason(app), room);
        for (row, line) in text.iter().take(usize::from(area.height)).enumerate() {
            put(
                buf,
                area.x + 1,
                area.y + row as u16,
                line,
                room,
                theme.style(Part::Meta),
            );
        }
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
    for (row, line) in app
        .list_lines(usize::from(area.height))
        .into_iter()
        .enumerate()
    {
        let y = area.y + row as u16;
        let index = match line {
            ListLine::Headline(i) => i,
            ListLine::Snippet(_, text) => {
                let line = super::article::snippet_line(app, &text, w.saturating_sub(marks));
                let x = area.x + marks as u16;
                super::article::draw_line_at(app, buf, (x, y), w.saturating_sub(marks), &line);
                continue;
            }
        };
        let Some(&post_index) = app.list.visible.get(index) else {
            break;
        };
        let post = &app.store.posts()[post_index];
        let selected = index == app.list.selected;
        let base = if selected {
            let sel = theme.style(Part::Selection);
            if matches!(app.context(), Context::List | Context::Search) {
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
        super::put_marked(
            buf,
            (x, y),
            &title,
            title_cells,
            (title_style, theme.style(Part::SearchMatch)),
            &app.query().highlights(&title),
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
            // A draft (shown with `D`) says so where its date would be.
            let date = post.date.map(|d| d.day_string()).unwrap_or_default();
            let date = if !post.published {
                Msg::DraftMark.say(app.lang)
            } else if date_cells == 5 {
                short_date(app, post.date)
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

/// Why the list is empty, and what to do about it.
fn empty_reason(app: &App) -> String {
    if !app.store.posts().is_empty() {
        return Msg::NoPostsMatch.say(app.lang);
    }
    let mut text = if app.folders.is_empty() {
        Msg::NoPosts.say(app.lang)
    } else {
        let folders: Vec<String> = app
            .folders
            .iter()
            .map(|f| crate::text::one_line(&f.to_string_lossy()))
            .collect();
        Msg::NoPostsIn.fill(app.lang, &[("folders", &folders.join(", "))])
    };
    text.push_str(Msg::PostKinds.text(app.lang));
    match app.store.skipped() {
        0 => {}
        1 => text.push_str(Msg::OtherSkippedOne.text(app.lang)),
        n => text.push_str(&Msg::OtherSkipped.fill(app.lang, &[("n", &n)])),
    }
    if app.problems().next().is_some() {
        let summary = crate::problem::Tally::of(app.problems()).say(app.lang);
        text.push_str(&Msg::ProblemsShown.fill(app.lang, &[("summary", &summary)]));
    }
    text
}

/// A date in five cells: `MM-DD` within the year before today (where the
/// month and day say which), the year alone before that (`01-24` beside
/// `12-27` said nothing of the years between them).
fn short_date(app: &App, date: Option<crate::date::PostDate>) -> String {
    let Some(d) = date else {
        return String::new();
    };
    let day = (d.year, d.month, d.day);
    match app.today {
        Some((y, m, dd)) if day <= (y - 1, m, dd) => format!("{:04}", d.year),
        _ => format!("{:02}-{:02}", d.month, d.day),
    }
}
