//! `update`: the only code that changes the reader's state. Pure: no
//! terminal, no files, no threads; what needs them is returned as an
//! [`Effect`]. What a key does depends on [`App::context`] alone.

use super::position::clamp_add;
use super::screen::{Context, Pane, Popup, Screen};
use super::{Action, App, Effect, SearchBox, commands, links, navigate, picker};
use crate::i18n::Msg;

/// Apply `action` to `app`; the effects are for the effect loop.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let _mode = app.ambiguous.enter();
    let left = app.left_place();
    let effects = apply(app, action);
    app.remember_place(left);
    effects
}

fn apply(app: &mut App, action: Action) -> Vec<Effect> {
    let end_hinted = is_from_user(&action) && std::mem::take(&mut app.end_hinted);
    if is_from_user(&action) {
        app.message = None;
    }
    let context = app.context();
    match action {
        Action::PageDown if context == Context::Article && app.article_at_end() => {
            return navigate::page_past_the_end(app, end_hinted);
        }
        Action::Quit if context == Context::Article => return navigate::back(app, context),
        Action::Quit => return vec![Effect::Quit],
        Action::Suspend => return vec![Effect::Suspend],
        Action::Redraw => return vec![Effect::Redraw],
        Action::Resize(w, h) => {
            app.size = (w, h);
            app.fit_pictures();
            let rows = app.list_rows();
            app.list.keep_in_view(rows);
            return app.sync_article().into_iter().collect();
        }
        Action::Idle if app.is_refining() => app.refine(),
        Action::Idle => return commands::work_ahead(app),
        Action::PostsArrived { posts, done, total } => {
            app.reading = Some((done, total));
            if let Some(posts) = posts.take() {
                app.posts_arrived(posts);
            }
        }
        Action::Reading { done, total } => app.reading = Some((done, total)),
        Action::Loaded(load) => {
            app.reading = None;
            if let Some(load) = load.take() {
                return app.take_loaded(load);
            }
        }
        Action::BodiesIndexed { done, total } => app.bodies_indexed(done, total),
        Action::Rendered {
            post,
            width,
            ambiguous,
            generation,
            result,
        } => {
            if generation == app.generation {
                return app
                    .take_rendered((post, width, ambiguous), result)
                    .into_iter()
                    .collect();
            }
        }
        Action::Pictured {
            post,
            width,
            ambiguous,
            generation,
            lines,
            done,
        } => {
            if generation == app.generation {
                return app
                    .take_pictured((post, width, ambiguous), lines.0, done)
                    .into_iter()
                    .collect();
            }
        }
        Action::Indexed { texts, done } => app.take_index(texts, done),
        Action::FolderChanged(paths) => return commands::reload(app, Some(paths)),
        Action::Stamped { changed: true } => return commands::reload(app, Some(Vec::new())),
        Action::Stamped { changed: false } => {}
        Action::Reload => return commands::reload(app, None),
        Action::Reloaded(reloaded) => return commands::reloaded(app, &reloaded.0),
        Action::Notice(text) => app.message = Some(text),
        Action::Problems(problems) => {
            // A post rendered again (another width, its pictures drawn
            // again) finds the same problems: each is kept once.
            for problem in problems {
                if !app.later_problems.contains(&problem) {
                    app.later_problems.push(problem);
                }
            }
        }
        Action::MarksSaved { seq, error } => {
            app.marks.saved(seq);
            if let Some(e) = error {
                let text = Msg::CannotSaveMarks.with_msg("error", e).say(app.lang);
                app.message = Some(crate::sanitize::one_line(&text));
            }
        }
        Action::MarksChanged(rows) => {
            if app.marks.merge_from_elsewhere(&rows, &app.store)
                && (app.filters.unread_only || app.filters.starred_only)
            {
                app.refilter();
            }
        }
        Action::HangulKey => {
            app.message = Some(Msg::HangulKey.say(app.lang));
        }
        Action::Unbound { key, article } => {
            let msg = match (article, app.screen.article().is_some()) {
                (true, true) => Msg::KeyForOpenArticle,
                (true, false) => Msg::KeyForArticle,
                (false, _) => Msg::KeyUnbound,
            };
            app.message = Some(msg.with("key", key.to_string()).say(app.lang));
        }
        Action::Up => move_by(app, context, -1),
        Action::Down => move_by(app, context, 1),
        Action::PageDown => move_by(app, context, page(app, context) as isize),
        Action::PageUp => move_by(app, context, -(page(app, context) as isize)),
        Action::HalfPageDown => move_by(app, context, (page(app, context) / 2).max(1) as isize),
        Action::HalfPageUp => move_by(app, context, -((page(app, context) / 2).max(1) as isize)),
        Action::Top => move_by(app, context, isize::MIN / 2),
        Action::Bottom => move_by(app, context, isize::MAX / 2),
        Action::Open => return open(app, context),
        Action::Back => return navigate::back(app, context),
        Action::SwitchPane => return navigate::switch_pane(app),
        Action::NextArticle => return navigate::step_article(app, 1),
        Action::PrevArticle => return navigate::step_article(app, -1),
        Action::NextUnread => return navigate::next_unread(app),
        Action::StartSearch if context == Context::Categories => {
            picker::edit_category_filter(app, |f| f.editing = true);
        }
        Action::StartSearch => app.filters.start_editing(),
        Action::SearchInput(c) => edit_search(app, |s| s.insert(&c.to_string())),
        Action::Paste(text) if context.is_typing() => {
            let clean = crate::text::one_line(&text);
            edit_search(app, |s| s.insert(&clean));
        }
        Action::Paste(_) => {}
        Action::SearchBackspace => edit_search(app, SearchBox::backspace),
        Action::SearchDeleteWord => edit_search(app, SearchBox::delete_word),
        Action::SearchLeft => move_caret(app, SearchBox::left),
        Action::SearchRight => move_caret(app, SearchBox::right),
        Action::SearchHome => move_caret(app, SearchBox::home),
        Action::SearchEnd => move_caret(app, SearchBox::end),
        Action::SearchAccept if context == Context::CategoryFilter => {
            picker::edit_category_filter(app, |f| f.editing = false);
        }
        Action::SearchCancel if context == Context::CategoryFilter => {
            picker::edit_category_filter(app, |f| *f = SearchBox::default());
        }
        Action::SearchAccept => app.filters.accept(),
        Action::SearchCancel => {
            app.filters.cancel();
            app.refilter();
        }
        Action::NextMatch => commands::jump_to_match(app, true),
        Action::PrevMatch => commands::jump_to_match(app, false),
        Action::NextHeading => commands::jump_to_heading(app, true),
        Action::PrevHeading => commands::jump_to_heading(app, false),
        Action::OpenCategories if context == Context::Categories => app.popup = None,
        Action::OpenCategories => {
            app.popup = Some(Popup::Categories {
                cursor: 0,
                chosen: app.filters.categories.clone(),
                filter: SearchBox::default(),
            });
        }
        Action::ToggleCategory => picker::toggle_category(app),
        Action::ApplyCategories => picker::apply_categories(app),
        Action::ClearCategories => {
            if let Some(Popup::Categories { chosen, .. }) = &mut app.popup {
                chosen.clear();
            }
        }
        Action::OpenLinks if context == Context::Links => app.popup = None,
        Action::OpenLinks => {
            if app.screen.article().is_some_and(|a| !a.links().is_empty()) {
                app.popup = Some(Popup::Links { cursor: 0 });
            } else {
                app.message = Some(Msg::NoLinks.say(app.lang));
            }
        }
        Action::OpenLink(n) => return links::open_link(app, n),
        Action::CopyLink => return links::copy_link(app, context),
        Action::OpenPage => return links::open_page(app),
        Action::ToggleRead => return commands::toggle_read(app),
        Action::ToggleStar => return commands::toggle_star(app),
        Action::ToggleUnreadOnly => {
            app.filters.unread_only = !app.filters.unread_only;
            app.refilter();
        }
        Action::ToggleStarredOnly => {
            app.filters.starred_only = !app.filters.starred_only;
            app.refilter();
        }
        Action::MarkAllRead => return commands::mark_all_read(app),
        Action::Undo => return commands::undo(app),
        Action::CycleSort => commands::cycle_sort(app),
        Action::Edit => return commands::edit(app, context),
        Action::ToggleDrafts => return commands::toggle_drafts(app),
        Action::WidenList | Action::NarrowList | Action::ToggleList => {
            return commands::arrange(app, &action);
        }
        Action::ToggleMouse => {
            app.mouse = !app.mouse;
            app.message = Some(
                if app.mouse {
                    Msg::MouseOn
                } else {
                    Msg::MouseOff
                }
                .say(app.lang),
            );
            return vec![Effect::SetMouse(app.mouse)];
        }
        Action::ShowProblems if context == Context::Problems => app.popup = None,
        Action::ShowProblems => app.popup = Some(Popup::Problems { cursor: 0 }),
        Action::ShowHelp if context == Context::Help => app.popup = None,
        Action::ShowHelp => app.popup = Some(Popup::Help { scroll: 0 }),
        Action::Close => app.popup = None,
        Action::Scroll { column, row, lines } => scroll_at(app, column, row, lines),
        Action::Click { column, row } => return click(app, column, row),
    }
    Vec::new()
}

/// Whether the action comes from the user (and so clears a message).
fn is_from_user(action: &Action) -> bool {
    !matches!(
        action,
        Action::Resize(..)
            | Action::Idle
            | Action::Rendered { .. }
            | Action::Pictured { .. }
            | Action::Indexed { .. }
            | Action::PostsArrived { .. }
            | Action::Reading { .. }
            | Action::Loaded(_)
            | Action::BodiesIndexed { .. }
            | Action::FolderChanged(_)
            | Action::Stamped { .. }
            | Action::Reloaded(_)
            | Action::Notice(_)
            | Action::Problems(_)
            | Action::MarksSaved { .. }
            | Action::MarksChanged(_)
    )
}

/// Rows in a page of whatever has the keys.
fn page(app: &App, context: Context) -> usize {
    let rows = match context {
        c if c.is_popup() => app.popup_layout().map_or(1, |l| l.rows()),
        Context::Article => app.article_rows(),
        _ => app.list_rows(),
    };
    rows.saturating_sub(1).max(1)
}

fn move_by(app: &mut App, context: Context, delta: isize) {
    let layout = app.popup_layout();
    let categories = picker::shown_categories(app).len();
    let links = app.screen.article().map_or(0, |a| a.links().len());
    let problems = app.problems().count();
    match (&mut app.popup, context) {
        (Some(Popup::Help { scroll }), _) => {
            let max = layout.map_or(0, |l| l.max_top);
            *scroll = clamp_add((*scroll).min(max), delta, max + 1);
        }
        (Some(Popup::Categories { cursor, .. }), _) => {
            *cursor = clamp_add(*cursor, delta, categories)
        }
        (Some(Popup::Links { cursor }), _) => *cursor = clamp_add(*cursor, delta, links),
        (Some(Popup::Problems { cursor }), _) => *cursor = clamp_add(*cursor, delta, problems),
        (None, Context::Article) => {
            let rows = app.article_rows();
            if let Some(a) = app.screen.article_mut() {
                let max = a.lines().len().saturating_sub(rows);
                a.scroll = clamp_add(a.scroll, delta, max + 1);
            }
        }
        (None, _) => {
            let rows = app.list_rows();
            app.list.step(delta, rows);
            app.follow_selection();
        }
    }
}

fn open(app: &mut App, context: Context) -> Vec<Effect> {
    match (context, &app.popup) {
        (Context::Links, Some(Popup::Links { cursor })) => {
            let n = cursor + 1;
            links::open_link(app, n)
        }
        (Context::Problems, Some(Popup::Problems { cursor })) => {
            let cursor = *cursor;
            commands::open_problem(app, cursor)
        }
        (Context::List, _) => match app.selected_post() {
            Some(post) => navigate::open_post(app, post),
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// Move the caret of the field that has the keys.
fn move_caret(app: &mut App, step: fn(&mut SearchBox)) {
    match (app.context(), &mut app.popup) {
        (Context::CategoryFilter, Some(Popup::Categories { filter, .. })) => step(filter),
        _ => step(&mut app.filters.search),
    }
}

/// Edit the field that has the keys: the category filter in the picker,
/// else the search (and the list follows it).
fn edit_search(app: &mut App, edit: impl FnOnce(&mut SearchBox)) {
    if app.context() == Context::CategoryFilter {
        picker::edit_category_filter(app, edit);
        return;
    }
    app.filters.edit(edit);
    app.refilter();
}

fn scroll_at(app: &mut App, column: u16, row: u16, lines: i16) {
    let at = ratatui::layout::Position { x: column, y: row };
    let areas = app.areas();
    if let Some(popup) = &app.popup {
        let context = popup.context();
        move_by(app, context, isize::from(lines));
    } else if areas.article.contains(at) {
        move_by(app, Context::Article, isize::from(lines));
    } else if areas.list.contains(at) {
        let rows = app.list_rows();
        let before = app.list.selected;
        app.list.scroll(isize::from(lines), rows);
        if app.list.selected != before {
            app.follow_selection();
        }
    }
}

fn click(app: &mut App, column: u16, row: u16) -> Vec<Effect> {
    let areas = app.areas();
    let at = ratatui::layout::Position { x: column, y: row };
    if app.popup.is_some() {
        return Vec::new();
    }
    if areas.list.contains(at) {
        if let Screen::Article { keys, .. } = &mut app.screen {
            *keys = Pane::List;
        }
        let lines = app.list_lines(usize::from(areas.list.height));
        let index = match lines.get(usize::from(row - areas.list.y)) {
            Some(super::ListLine::Headline(i) | super::ListLine::Snippet(i, _)) => *i,
            None => return Vec::new(),
        };
        let Some(&post) = app.list.visible.get(index) else {
            return Vec::new();
        };
        if app.list.selected != index {
            app.list.selected = index;
            app.follow_selection();
        }
        if app.last_click == Some(post) {
            app.last_click = None;
            return navigate::open_post(app, post);
        }
        app.last_click = Some(post);
    } else if areas.article.contains(at)
        && let Screen::Article { keys, .. } = &mut app.screen
    {
        *keys = Pane::Article;
    }
    Vec::new()
}
