//! What each popup shows, as rows for [`layout::popup`]: help (from the
//! key table), problems, the category picker, the links.

use super::App;
use super::keymap::{SECTIONS, TABLE};
use super::layout::{PopupContent, PopupRow};
use super::screen::Popup;
use crate::i18n::Msg;
use crate::render::article::is_openable;
use crate::text::{fit, pad_right, width};
use crate::theme::Part;

/// Widest key column of the help.
const KEYS_CELLS: usize = 20;

pub fn content(app: &App, popup: &Popup) -> PopupContent {
    match popup {
        Popup::Help { scroll } => PopupContent {
            title: Msg::TitleKeys.say(app.lang),
            rows: help_rows(app),
            cursor: None,
            trailing: 0,
            scroll: *scroll,
        },
        Popup::Problems { cursor } => {
            let n = app.problems().count();
            let rows = problem_rows(app);
            PopupContent {
                // Counted as `--check` counts them: notes apart.
                title: crate::problem::Tally::of(app.problems()).say(app.lang),
                trailing: rows.len().saturating_sub(n),
                rows,
                cursor: (n > 0).then_some(*cursor),
                scroll: 0,
            }
        }
        Popup::Categories {
            cursor,
            chosen,
            filter,
        } => PopupContent {
            title: category_title(app, filter),
            rows: category_rows(app, chosen),
            cursor: Some(*cursor),
            trailing: 0,
            scroll: 0,
        },
        Popup::Links { cursor } => PopupContent {
            title: Msg::TitleLinks.say(app.lang),
            rows: link_rows(app),
            cursor: Some(*cursor),
            trailing: 0,
            scroll: 0,
        },
    }
}

/// The key table by section, with the keys in effect.
fn help_rows(app: &App) -> Vec<PopupRow> {
    let labels: Vec<String> = (0..TABLE.len()).map(|i| app.keymap.label(i)).collect();
    let keys_w = labels
        .iter()
        .map(|l| width(l))
        .max()
        .unwrap_or(0)
        .min(KEYS_CELLS);
    // Each command under the first section it applies in.
    let section_of = |b: &super::keymap::Binding| {
        SECTIONS
            .iter()
            .position(|(_, contexts)| contexts.iter().any(|c| b.contexts.contains(c)))
    };
    let mut rows = Vec::new();
    for (s, (section, _)) in SECTIONS.iter().enumerate() {
        let members: Vec<usize> = (0..TABLE.len())
            .filter(|&i| section_of(&TABLE[i]) == Some(s))
            .collect();
        if members.is_empty() {
            continue;
        }
        rows.push(PopupRow::new("", section.text(app.lang), Part::Heading));
        for i in members {
            let lead = format!("{}  ", fit(&labels[i], keys_w.max(width(&labels[i]))));
            rows.push(PopupRow::new(
                lead,
                TABLE[i].help.text(app.lang),
                Part::Base,
            ));
        }
    }
    rows.push(PopupRow::new("", Msg::HelpMouse.text(app.lang), Part::Meta));
    rows
}

fn problem_rows(app: &App) -> Vec<PopupRow> {
    let mut rows: Vec<PopupRow> = app
        .problems()
        .map(|p| {
            // "path:line: " (and "note: ") leads; the message hangs under it.
            let part = if p.is_note() { Part::Meta } else { Part::Error };
            PopupRow::new(
                p.place(app.lang),
                crate::sanitize::one_line(&p.message.say(app.lang)),
                part,
            )
        })
        .collect();
    if rows.is_empty() {
        rows.push(PopupRow::new(
            "",
            Msg::NoProblems.text(app.lang),
            Part::Meta,
        ));
    }
    match app.store.skipped() {
        0 => {}
        1 => rows.push(PopupRow::new(
            "",
            Msg::SkippedOne.text(app.lang),
            Part::Meta,
        )),
        n => rows.push(PopupRow::new(
            "",
            Msg::Skipped.fill(app.lang, &[("n", &n)]),
            Part::Meta,
        )),
    }
    rows
}

/// "categories", with the filter when there is one (a caret while it is
/// typed).
fn category_title(app: &App, filter: &super::SearchBox) -> String {
    let title = Msg::TitleCategories.say(app.lang);
    match (filter.editing, filter.input.is_empty()) {
        (false, true) => title,
        (false, false) => format!("{title} /{}", filter.input),
        // ASCII: a block glyph is ambiguous-width in East Asian terminals.
        (true, _) => format!("{title} /{}_", filter.input),
    }
}

/// `[x] 경제     3   2 unread`: names and counts in aligned columns.
fn category_rows(app: &App, chosen: &[String]) -> Vec<PopupRow> {
    let all = app.category_counts();
    if all.is_empty() {
        return vec![PopupRow::new(
            "",
            Msg::NoCategories.text(app.lang),
            Part::Meta,
        )];
    }
    let counts: Vec<_> = super::picker::shown_categories(app)
        .into_iter()
        .map(|i| all[i].clone())
        .collect();
    if counts.is_empty() {
        return vec![PopupRow::new(
            "",
            Msg::NoCategoryMatches.text(app.lang),
            Part::Meta,
        )];
    }
    let name_w = counts.iter().map(|(c, ..)| width(c)).max().unwrap_or(0);
    let total_w = counts
        .iter()
        .map(|(_, t, _)| t.to_string().len())
        .max()
        .unwrap_or(1);
    counts
        .iter()
        .map(|(name, total, unread)| {
            let mark = if chosen.contains(name) {
                "[x] "
            } else {
                "[ ] "
            };
            let total = total.to_string();
            let unread = if *unread > 0 {
                format!("  {}", Msg::CategoryUnread.fill(app.lang, &[("n", unread)]))
            } else {
                String::new()
            };
            let text = format!(
                "{}  {}{total}{unread}",
                pad_right(name, name_w),
                " ".repeat(total_w - total.len())
            );
            PopupRow::new(mark, text, Part::Base)
        })
        .collect()
}

fn link_rows(app: &App) -> Vec<PopupRow> {
    let links = app.screen.article().map(|a| a.links()).unwrap_or_default();
    let mark_w = format!("[{}] ", links.len()).len();
    links
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mark = pad_right(&format!("[{}]", i + 1), mark_w);
            let shown = crate::text::shown_address(l);
            if is_openable(l) {
                return PopupRow::new(mark, shown, Part::Link);
            }
            // A post of the blog opens here: its title says which.
            match super::links::linked_post(app, l) {
                Some(post) => {
                    let title = &app.store.posts()[post].title;
                    PopupRow::new(mark, format!("{shown} · {title}"), Part::Link)
                }
                None => PopupRow::new(mark, shown, Part::Meta),
            }
        })
        .collect()
}
