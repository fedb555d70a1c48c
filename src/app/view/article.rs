//! The article pane: the visible slice of the open article's pre-rendered
//! lines, the search's matches marked; with no article open, a preview of
//! the selected post (and, for a match only in its body, the line it is on).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{put, put_marked};
use crate::app::App;
use crate::i18n::Msg;
use crate::render::{Flags, Line, SpanStyle, article};
use crate::text::{truncate, wrap};
use crate::theme::Part;

pub(super) fn draw(app: &App, buf: &mut Buffer, pane: Rect) {
    if pane.width == 0 || pane.height == 0 {
        return;
    }
    let area = app.article_text(pane);
    let rows = usize::from(area.height);
    let Some(a) = app.screen.article() else {
        return preview(app, buf, area);
    };
    if let Some(why) = &a.error {
        let post = &app.store.posts()[a.post];
        let mut lines: Vec<Line> = wrap(&post.title, usize::from(area.width))
            .into_iter()
            .map(|l| Line::plain(l, Flags::TITLE))
            .collect();
        lines.push(Line::default());
        lines.extend(
            wrap(
                &Msg::CannotReadPost
                    .with_msg("why", why.clone())
                    .say(app.lang),
                usize::from(area.width),
            )
            .into_iter()
            .map(|l| Line::plain(l, Flags::META)),
        );
        for (row, line) in lines.iter().take(rows).enumerate() {
            draw_line(app, buf, area, row, line);
        }
        return;
    }
    if a.rendered.is_none() {
        put(
            buf,
            area.x,
            area.y,
            Msg::Loading.text(app.lang),
            usize::from(area.width),
            app.theme.style(Part::Meta),
        );
        return;
    }
    for (row, line) in a.lines().iter().skip(a.scroll).take(rows).enumerate() {
        draw_line(app, buf, area, row, line);
    }
    if app.popup.is_none() {
        draw_graphics(a, buf, area);
    }
}

/// Pictures drawn through a graphics protocol, over the half-block rows
/// that hold their place, inside the text area only. Not while a popup is
/// open: the protocol's pixels would cover it (the half blocks show then,
/// and drawing them replaces the pixels).
fn draw_graphics(a: &crate::app::Article, buf: &mut Buffer, area: Rect) {
    let Some(article) = &a.rendered else {
        return;
    };
    let rows = usize::from(area.height);
    for slot in &article.pictures {
        let crate::picture::slot::State::Drawn(Some(graphic)) = &slot.state else {
            continue;
        };
        if slot.line + slot.rows <= a.scroll || slot.line >= a.scroll + rows {
            continue;
        }
        let top = slot.line as i64 - a.scroll as i64;
        // The protocol writes its own cells: the half blocks under them
        // are blanked so that the next frame that shows them (a popup
        // opened) differs and is written.
        for r in 0..slot.rows as i64 {
            let y = top + r;
            if y < 0 || y >= rows as i64 {
                continue;
            }
            for c in 0..slot.cols {
                let x = area.x as usize + slot.x + c;
                if x >= usize::from(area.right()) {
                    break;
                }
                if let Some(cell) = buf.cell_mut((x as u16, area.y + y as u16)) {
                    cell.set_symbol(" ");
                }
            }
        }
        graphic.draw(area, top as i32, slot.x as u16, buf);
    }
}

/// One line, its spans in their styles and the search's matches marked.
fn draw_line(app: &App, buf: &mut Buffer, area: Rect, row: usize, line: &Line) {
    draw_line_at(
        app,
        buf,
        (area.x, area.y + row as u16),
        usize::from(area.width),
        line,
    );
}

/// [`draw_line`] at (x, y), in at most `cells`.
pub(super) fn draw_line_at(
    app: &App,
    buf: &mut Buffer,
    (x, y): (u16, u16),
    cells: usize,
    line: &Line,
) {
    let mut x = x;
    let right = usize::from(x) + cells;
    let query = app.query();
    let marks = if query.is_empty() {
        Vec::new()
    } else {
        query.highlights(&line.text())
    };
    let matched = app.theme.style(Part::SearchMatch);
    let mut at = 0;
    for span in &line.spans {
        let room = right.saturating_sub(usize::from(x));
        let end = at + span.text.len();
        // The matches within this span, in its own byte offsets.
        let local: Vec<_> = marks
            .iter()
            .filter(|r| r.start < end && r.end > at)
            .map(|r| r.start.max(at) - at..r.end.min(end) - at)
            .collect();
        x = put_marked(
            buf,
            (x, y),
            &span.text,
            room,
            (app.theme.span(&span.style), matched),
            &local,
        );
        at = end;
    }
}

/// What the pane shows while the list has the keys: the selected post's
/// title, meta line and excerpt, else the article's beginning; for a search
/// that matches only the body, the first line that matches (both once the
/// article is rendered ahead).
fn preview(app: &App, buf: &mut Buffer, area: Rect) {
    let Some(index) = app.selected_post() else {
        return;
    };
    let post = &app.store.posts()[index];
    let w = usize::from(area.width);
    let mut lines: Vec<Line> = wrap(&post.title, w)
        .into_iter()
        .map(|l| Line::plain(l, Flags::TITLE))
        .collect();
    lines.extend(
        article::meta_lines(post, app.lang, w)
            .into_iter()
            .map(|l| Line::plain(l, Flags::META)),
    );
    lines.push(Line::default());
    lines.extend(
        wrap(&post.excerpt, w)
            .into_iter()
            .map(|l| Line::plain(l, Flags::default())),
    );
    if let Some(snippet) = body_match(app, index, w) {
        lines.push(Line::default());
        lines.push(snippet);
    } else if post.excerpt.trim().is_empty() {
        // No excerpt (most blogs write none): the article's beginning, as
        // Jekyll takes its first paragraph, once it is rendered ahead.
        let room = usize::from(area.height).saturating_sub(lines.len() + 2);
        lines.extend(opening(app, index).into_iter().take(room));
    }
    lines.push(Line::default());
    let mut hint = Line::default();
    hint.push(Msg::EnterOpens.say(app.lang), SpanStyle::of(Flags::META));
    lines.push(hint);
    for (row, line) in lines.iter().take(usize::from(area.height)).enumerate() {
        draw_line(app, buf, area, row, line);
    }
}

/// The rendered article's body (past its title and meta line), when it
/// was rendered ahead: at the preview's width, the same lines it opens on.
fn opening(app: &App, post_index: usize) -> Vec<Line> {
    let Some(rendered) = app.rendered(post_index) else {
        return Vec::new();
    };
    let mut body = rendered.lines.iter().skip_while(|l| !l.is_blank());
    body.next();
    let mut lines: Vec<Line> = body.cloned().collect();
    while lines.last().is_some_and(Line::is_blank) {
        lines.pop();
    }
    lines
}

/// "in the text: …" and the line of the body that matched, when the
/// search matches the body but not the title or excerpt.
fn body_match(app: &App, post_index: usize, w: usize) -> Option<Line> {
    let found = app.body_match(post_index)?;
    Some(snippet_line(app, &found, w))
}

/// The line of the body that matched, after a label, cut to `w` cells.
pub(super) fn snippet_line(app: &App, found: &str, w: usize) -> Line {
    let label = Msg::InTheText.text(app.lang);
    let mut line = Line::default();
    line.push(label.into(), SpanStyle::of(Flags::META));
    line.push(
        truncate(found, w.saturating_sub(crate::text::width(label))),
        SpanStyle::default(),
    );
    line
}
