//! `--list` and `--list --json`.

use std::io::{self, Write};

use crate::i18n::{Lang, Msg};
use crate::post::Post;
use crate::text::{fit, pad_right, truncate, width};

/// The widest the categories column grows before it truncates with `…`.
const MAX_CATEGORY_CELLS: usize = 24;
const GAP: &str = "  ";
const NONE: &str = "-";

fn categories_of(post: &Post) -> String {
    if post.categories.is_empty() {
        NONE.to_string()
    } else {
        post.categories.join(", ")
    }
}

fn title_of(post: &Post, lang: Lang) -> String {
    let mark = if !post.published {
        Msg::Draft
    } else if post.scheduled {
        Msg::Scheduled
    } else {
        return post.title.clone();
    };
    mark.fill(lang, &[("title", &post.title)])
}

/// One line per post, `DATE  CATEGORIES  ID  TITLE`, columns aligned in
/// terminal cells. With `max_width` (a terminal), lines are fitted to it:
/// the ids are cut when ids and titles do not both fit (see [`id_cells`]),
/// then the titles. Drafts and posts waiting for their dates are marked in
/// `lang`.
pub fn write_list(
    out: &mut impl Write,
    posts: &[&Post],
    max_width: Option<usize>,
    lang: Lang,
) -> io::Result<()> {
    let cat_w = posts
        .iter()
        .map(|p| width(&categories_of(p)))
        .max()
        .unwrap_or(0)
        .min(MAX_CATEGORY_CELLS);
    let longest_id = posts.iter().map(|p| width(&p.id)).max().unwrap_or(0);
    let date_w = 10;
    let before_id = date_w + cat_w + 2 * GAP.len();
    let id_w = match max_width {
        Some(w) => {
            let longest_title = posts
                .iter()
                .map(|p| width(&title_of(p, lang)))
                .max()
                .unwrap_or(0);
            let room = w.saturating_sub(before_id + GAP.len());
            id_cells(longest_id, longest_title, room, w)
        }
        None => longest_id,
    };
    let title_col = before_id + id_w + GAP.len();
    let mut line = String::with_capacity(256);
    for post in posts {
        line.clear();
        let date = post
            .date
            .map_or_else(|| NONE.to_string(), |d| d.day_string());
        line.push_str(&fit(&date, date_w));
        line.push_str(GAP);
        line.push_str(&fit(&categories_of(post), cat_w));
        line.push_str(GAP);
        // Piped, the id is whole: scripts take it for --dump.
        match max_width {
            Some(_) => line.push_str(&fit(&post.id, id_w)),
            None => line.push_str(&pad_right(&post.id, id_w)),
        }
        line.push_str(GAP);
        let title = title_of(post, lang);
        match max_width {
            Some(w) => line.push_str(&truncate(&title, w.saturating_sub(title_col).max(1))),
            None => line.push_str(&title),
        }
        // Fields were cleaned at load; the line is cleaned again on its way
        // out, like everything sinmun prints.
        writeln!(out, "{}", crate::sanitize::terminal_text(line.trim_end()))?;
    }
    Ok(())
}

/// The id column's cells on a terminal `w` cells wide, with `room` cells
/// for the ids and titles together: ids as long as they are when the
/// titles still fit; else at most a third of the width and half the room,
/// so that titles keep the rest (ids can be 100 cells and more, and
/// pushed every title down to `…`).
fn id_cells(longest_id: usize, longest_title: usize, room: usize, w: usize) -> usize {
    let fair = (w / 3).min(room / 2);
    longest_id.min(room.saturating_sub(longest_title).max(fair))
}

#[derive(serde::Serialize)]
struct JsonPost<'a> {
    id: &'a str,
    path: String,
    title: &'a str,
    categories: &'a [String],
    tags: &'a [String],
    date: Option<String>,
    excerpt: &'a str,
    image: &'a str,
    published: bool,
    scheduled: bool,
    /// The post's page on the web, as a browser asks for it.
    url: Option<String>,
    read: bool,
    starred: bool,
    problems: Vec<String>,
}

/// A JSON array of the posts' documented fields. Characters a terminal
/// would obey are written as `\uXXXX` escapes (serde_json leaves C1 and
/// bidi controls raw), so the text is safe to print and exact to parse.
pub fn write_json(
    out: &mut impl Write,
    posts: &[&Post],
    store: &crate::store::Store,
    marks: &crate::marks::Marks,
) -> io::Result<()> {
    let items: Vec<JsonPost> = posts
        .iter()
        .map(|p| JsonPost {
            id: &p.id,
            path: p.path.to_string_lossy().into_owned(),
            title: &p.title,
            categories: &p.categories,
            tags: &p.tags,
            date: p.date.map(|d| d.to_string()),
            excerpt: &p.excerpt,
            image: &p.image,
            published: p.published,
            scheduled: p.scheduled,
            url: store.page_address(p).map(|a| crate::permalink::as_sent(&a)),
            read: marks.is_read(&p.id),
            starred: marks.is_starred(&p.id),
            // In English whatever the interface speaks: scripts read them.
            problems: p.problems.iter().map(ToString::to_string).collect(),
        })
        .collect();
    let json = serde_json::to_string_pretty(&items)?;
    writeln!(out, "{}", crate::sanitize::json_text(&json))
}
