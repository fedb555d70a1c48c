//! `update`: the only code that changes the reader's state. Pure: no
//! terminal, no files; what needs either is returned as an [`Effect`].

use std::sync::Arc;

use super::{Action, App, Article, Effect, Pane, Popup, SearchBox};
use crate::marks::Field;
use crate::render::article::is_openable;
use crate::render::cache::ArticleLines;
use crate::search::Query;

/// Apply `action` to `app`; the effects are for the runner to carry out.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let _mode = app.ambiguous.enter();
    if action.is_from_user() {
        app.message = None;
    }
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Suspend => return vec![Effect::Suspend],
        Action::Resize(w, h) => {
            app.size = (w, h);
            app.keep_selection_in_view();
            app.render_article();
        }
        Action::IndexReady(texts) => {
            app.store.set_search_texts(texts);
            app.indexed = true;
            app.refilter();
        }
        Action::Problems(problems) => app.later_problems.extend(problems),
        Action::Idle => return app.prefetch().map(Effect::Prefetch).into_iter().collect(),
        Action::Prefetched { post, body } => {
            app.bodies.insert(post, body);
            app.prefetch();
        }
        Action::BodyLoaded { post, body } => {
            if let Some(article) = app.article.as_mut().filter(|a| a.post == post) {
                article.body = Some(body);
                app.render_article();
            }
        }
        Action::Up => move_or_scroll(app, -1),
        Action::Down => move_or_scroll(app, 1),
        Action::PageDown => move_or_scroll(app, page(app) as isize),
        Action::PageUp => move_or_scroll(app, -(page(app) as isize)),
        Action::HalfPageDown => move_or_scroll(app, (page(app) / 2).max(1) as isize),
        Action::HalfPageUp => move_or_scroll(app, -((page(app) / 2).max(1) as isize)),
        Action::Top => move_or_scroll(app, isize::MIN / 2),
        Action::Bottom => move_or_scroll(app, isize::MAX / 2),
        Action::Open => return open(app),
        Action::Back => back(app),
        Action::SwitchPane => {
            if app.article.is_some() && app.article_shown() && app.areas().list.width > 0 {
                app.focus = if app.focus == Pane::List {
                    Pane::Article
                } else {
                    Pane::List
                };
            } else if app.article.is_some() {
                app.reading = !app.reading;
                app.focus = if app.reading {
                    Pane::Article
                } else {
                    Pane::List
                };
            }
        }
        Action::NextArticle => return step_article(app, 1),
        Action::PrevArticle => return step_article(app, -1),
        Action::StartSearch => {
            app.search.editing = true;
            app.search.end();
        }
        Action::SearchInput(c) => edit_search(app, |s| s.insert(&c.to_string())),
        Action::Paste(text) if app.search.editing => {
            let clean: String = crate::sanitize::one_line(&text);
            edit_search(app, |s| s.insert(&clean));
        }
        Action::Paste(_) => {}
        Action::SearchBackspace => edit_search(app, SearchBox::backspace),
        Action::SearchDeleteWord => edit_search(app, SearchBox::delete_word),
        Action::SearchLeft => app.search.left(),
        Action::SearchRight => app.search.right(),
        Action::SearchHome => app.search.home(),
        Action::SearchEnd => app.search.end(),
        Action::SearchAccept => app.search.editing = false,
        Action::SearchCancel => {
            app.search.editing = false;
            if !app.search.input.is_empty() {
                edit_search(app, SearchBox::clear);
            }
        }
        Action::OpenCategories => app.popup = Some(Popup::Categories { cursor: 0 }),
        Action::ToggleCategory => {
            if let Some(Popup::Categories { cursor }) = app.popup
                && let Some(c) = app.store.categories().get(cursor)
            {
                let name = c.name.clone();
                match app.categories.iter().position(|x| *x == name) {
                    Some(i) => {
                        app.categories.remove(i);
                    }
                    None => app.categories.push(name),
                }
                app.refilter();
            }
        }
        Action::OpenLinks => {
            if app
                .article
                .as_ref()
                .is_some_and(|a| !a.rendered.links.is_empty())
            {
                app.popup = Some(Popup::Links { cursor: 0 });
            } else {
                app.message = Some("no links in this article".into());
            }
        }
        Action::OpenLink(n) => return open_link(app, n),
        Action::ToggleRead => return toggle_mark(app, Field::Read),
        Action::ToggleStar => return toggle_mark(app, Field::Starred),
        Action::MarksSaved { seq, error } => {
            app.marks.saved(seq);
            if let Some(e) = error {
                app.message = Some(format!("cannot save marks: {}", crate::text::one_line(&e)));
            }
        }
        Action::MarksChanged(rows) => {
            if app.marks.merge_from_elsewhere(&rows) && app.unread_only {
                app.refilter();
            }
        }
        Action::ToggleUnreadOnly => {
            app.unread_only = !app.unread_only;
            app.refilter();
        }
        Action::ShowProblems => app.popup = Some(Popup::Problems { scroll: 0 }),
        Action::ShowHelp => app.popup = Some(Popup::Help { scroll: 0 }),
        Action::Close => app.popup = None,
        Action::Scroll { column, row, lines } => scroll_at(app, column, row, lines),
        Action::Click { column, row } => return click(app, column, row),
    }
    Vec::new()
}

/// Rows in a page of whatever has the keys.
fn page(app: &App) -> usize {
    let rows = match app.popup {
        Some(_) => usize::from(app.size.1).saturating_sub(6),
        None if keys_to_article(app) => app.article_rows(),
        None => app.list_rows(),
    };
    rows.saturating_sub(1).max(1)
}

fn keys_to_article(app: &App) -> bool {
    app.article.is_some()
        && app.article_shown()
        && (app.focus == Pane::Article || app.areas().list.width == 0)
}

/// The post the read and star keys act on: the article being read, else
/// the selected headline.
fn current_post(app: &App) -> Option<usize> {
    match &app.article {
        Some(a) if keys_to_article(app) => Some(a.post),
        _ => app.selected_post(),
    }
}

/// `r` and `s`: flip a mark of the current post and save it.
fn toggle_mark(app: &mut App, field: Field) -> Vec<Effect> {
    let Some(post) = current_post(app) else {
        return Vec::new();
    };
    vec![Effect::SaveMarks(
        app.marks.toggle(field, &app.store.posts()[post].id),
    )]
}

fn move_or_scroll(app: &mut App, delta: isize) {
    match app.popup.as_mut() {
        Some(Popup::Categories { cursor }) => {
            *cursor = clamp_add(*cursor, delta, app.store.categories().len());
            return;
        }
        Some(Popup::Links { cursor }) => {
            let n = app.article.as_ref().map_or(0, |a| a.rendered.links.len());
            *cursor = clamp_add(*cursor, delta, n);
            return;
        }
        Some(Popup::Help { scroll }) => {
            *scroll = clamp_add(*scroll, delta, super::view::HELP.len());
            return;
        }
        Some(Popup::Problems { scroll }) => {
            let n = app.store.problems().len() + app.later_problems.len();
            *scroll = clamp_add(*scroll, delta, n + 1);
            return;
        }
        None => {}
    }
    if keys_to_article(app) {
        let rows = app.article_rows();
        if let Some(a) = app.article.as_mut() {
            let max = a.rendered.lines.len().saturating_sub(rows);
            a.scroll = clamp_add(a.scroll, delta, max + 1);
        }
    } else {
        app.selected = clamp_add(app.selected, delta, app.visible.len());
        app.keep_selection_in_view();
    }
}

/// `value + delta`, kept within `0..len`.
fn clamp_add(value: usize, delta: isize, len: usize) -> usize {
    let max = len.saturating_sub(1) as isize;
    (value as isize).saturating_add(delta).clamp(0, max.max(0)) as usize
}

fn open(app: &mut App) -> Vec<Effect> {
    match app.popup {
        Some(Popup::Categories { .. }) => {
            update(app, super::Action::ToggleCategory);
            return Vec::new();
        }
        Some(Popup::Links { cursor }) => return open_link(app, cursor + 1),
        Some(_) => {
            app.popup = None;
            return Vec::new();
        }
        None => {}
    }
    match app.selected_post() {
        Some(post) => open_post(app, post),
        None => Vec::new(),
    }
}

/// Open `post` in the article pane, reading its body when needed.
fn open_post(app: &mut App, post: usize) -> Vec<Effect> {
    app.reading = true;
    app.focus = Pane::Article;
    let save: Vec<Effect> = app
        .marks
        .set(Field::Read, [&app.store.posts()[post].id], true)
        .map(Effect::SaveMarks)
        .into_iter()
        .collect();
    if app.article.as_ref().is_some_and(|a| a.post == post) {
        return save;
    }
    let body = app.store.posts()[post]
        .body
        .clone()
        .or_else(|| app.bodies.get(post))
        .map(Ok);
    let needs_read = body.is_none();
    app.article = Some(Article {
        post,
        body,
        rendered: Arc::new(ArticleLines::default()),
        scroll: 0,
    });
    app.render_article();
    let mut effects = save;
    if needs_read {
        effects.push(Effect::LoadBody(post));
    }
    effects
}

fn back(app: &mut App) {
    if app.popup.take().is_some() {
        return;
    }
    if app.focus == Pane::Article || app.reading {
        app.focus = Pane::List;
        app.reading = false;
        app.keep_selection_in_view();
        return;
    }
    // In the list: Esc clears an active search, then a category filter.
    if !app.search.input.is_empty() {
        app.search.clear();
        app.set_query();
    } else if !app.categories.is_empty() {
        app.categories.clear();
        app.refilter();
    } else if app.unread_only {
        app.unread_only = false;
        app.refilter();
    }
}

fn step_article(app: &mut App, delta: isize) -> Vec<Effect> {
    if app.article.is_none() || app.visible.is_empty() {
        return Vec::new();
    }
    let next = clamp_add(app.selected, delta, app.visible.len());
    if next == app.selected && app.article.as_ref().map(|a| a.post) == app.selected_post() {
        app.message = Some(
            if delta > 0 {
                "this is the last article"
            } else {
                "this is the first article"
            }
            .into(),
        );
        return Vec::new();
    }
    app.selected = next;
    app.keep_selection_in_view();
    match app.selected_post() {
        Some(post) => open_post(app, post),
        None => Vec::new(),
    }
}

fn open_link(app: &mut App, n: usize) -> Vec<Effect> {
    let Some(address) = app
        .article
        .as_ref()
        .and_then(|a| a.rendered.links.get(n.wrapping_sub(1)))
        .cloned()
    else {
        app.message = Some(format!("no link [{n}]"));
        return Vec::new();
    };
    if !is_openable(&address) {
        app.message = Some(format!(
            "not opened (only http, https and mailto without attachments): {}",
            crate::sanitize::quote(&address)
        ));
        return Vec::new();
    }
    app.popup = None;
    app.message = Some(format!("opening {}", crate::sanitize::quote(&address)));
    vec![Effect::OpenUrl(address)]
}

fn edit_search(app: &mut App, edit: impl FnOnce(&mut SearchBox)) {
    edit(&mut app.search);
    app.set_query();
}

fn scroll_at(app: &mut App, column: u16, row: u16, lines: i16) {
    let areas = app.areas();
    let at = ratatui::layout::Position { x: column, y: row };
    if app.popup.is_some() {
        move_or_scroll(app, isize::from(lines));
    } else if areas.article.contains(at) {
        if let Some(a) = app.article.as_mut() {
            let max = a
                .rendered
                .lines
                .len()
                .saturating_sub(usize::from(areas.article.height));
            a.scroll = clamp_add(a.scroll, isize::from(lines), max + 1);
        }
    } else if areas.list.contains(at) {
        let rows = app.list_rows();
        let max_top = app.visible.len().saturating_sub(rows);
        app.list_top = clamp_add(app.list_top, isize::from(lines), max_top + 1);
        app.selected = app.selected.clamp(
            app.list_top,
            (app.list_top + rows)
                .saturating_sub(1)
                .min(app.visible.len().saturating_sub(1)),
        );
    }
}

fn click(app: &mut App, column: u16, row: u16) -> Vec<Effect> {
    let areas = app.areas();
    let at = ratatui::layout::Position { x: column, y: row };
    if app.popup.is_some() {
        return Vec::new();
    }
    if areas.list.contains(at) {
        app.focus = Pane::List;
        let index = app.list_top + usize::from(row - areas.list.y);
        let Some(&post) = app.visible.get(index) else {
            return Vec::new();
        };
        app.selected = index;
        if app.last_click == Some(post) {
            app.last_click = None;
            return open_post(app, post);
        }
        app.last_click = Some(post);
    } else if areas.article.contains(at) && app.article.is_some() {
        app.focus = Pane::Article;
    }
    Vec::new()
}

impl App {
    /// Parse the search field again and filter.
    fn set_query(&mut self) {
        self.query = Query::parse(&self.search.input);
        self.refilter();
    }
}
