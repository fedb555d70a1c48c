//! The reading commands `update` dispatches to: marks, sorting, the
//! category picker, links, matches in the article, reloading, working
//! ahead. Pure, like `update`.

use super::screen::{Context, Popup, Screen};
use super::{Action, App, Effect};
use crate::config::Sort;
use crate::i18n::{Lang, Msg};

/// A quiet moment: render the selected article ahead; with it open and
/// ready, the next one (for `n`).
pub(super) fn work_ahead(app: &mut App) -> Vec<Effect> {
    if let Some(effect) = app.prefetch() {
        return vec![effect];
    }
    if app.screen.article().is_some() {
        let next = app.list.visible.get(app.list.selected + 1).copied();
        if let Some(key) = next.map(|post| app.render_key(post))
            && app.rendering.lookup(key) == super::rendering::Lookup::Missing
            && app.rendering.ask(key)
        {
            return vec![Effect::Render {
                post: key.0,
                width: key.1,
            }];
        }
    }
    Vec::new()
}

/// `R` (`paths` none: the whole folders), or the watcher's changed
/// paths: one reload at a time, and a whole one after it when asked for
/// meanwhile.
pub(super) fn reload(app: &mut App, paths: Option<Vec<std::path::PathBuf>>) -> Vec<Effect> {
    if app.folders.is_empty() {
        if paths.is_none() {
            app.message = Some(Msg::NothingToReload.say(app.lang));
        }
        return Vec::new();
    }
    if paths.is_none() {
        app.message = Some(Msg::Reloading.say(app.lang));
        app.reload_asked = true;
    }
    match &mut app.reloading {
        Some(again) => {
            *again = true;
            Vec::new()
        }
        None => {
            app.reloading = Some(false);
            vec![Effect::Reload(paths)]
        }
    }
}

pub(super) fn reloaded(app: &mut App, reloaded: &crate::reload::Reloaded) -> Vec<Effect> {
    let again = app.reloading.take().unwrap_or(false);
    let mut effects = app.take_reload(reloaded);
    if again {
        app.reloading = Some(false);
        effects.push(Effect::Reload(None));
    }
    effects
}

/// `e`: the selected post's file, in the user's editor; in the problems,
/// the file of the problem under the cursor, at its line. The demo posts
/// have no file.
pub(super) fn edit(app: &mut App, context: Context) -> Vec<Effect> {
    if app.folders.is_empty() {
        app.message = Some(Msg::NothingToEdit.say(app.lang));
        return Vec::new();
    }
    let target = match (&app.popup, context) {
        (Some(Popup::Problems { cursor }), Context::Problems) => app
            .problems()
            .nth(*cursor)
            .map(|p| (p.path.clone(), Some(p.line))),
        _ => app
            .target_post()
            .and_then(|post| app.store.posts().get(post))
            .map(|post| (post.path.clone(), None)),
    };
    target
        .map(|(path, line)| Effect::Edit { path, line })
        .into_iter()
        .collect()
}

/// `D`: the drafts (and the posts waiting for their dates) shown or
/// hidden; shown, those whose bodies are not searchable yet are indexed.
pub(super) fn toggle_drafts(app: &mut App) -> Vec<Effect> {
    let on = !app.store.drafts_shown();
    let n = app.rearrange(|_| false, true, |store| store.show_drafts(on));
    let message = match (n, on) {
        (0, _) => Msg::NoDrafts,
        (_, true) => Msg::DraftsShown,
        (_, false) => Msg::DraftsHidden,
    };
    app.message = Some(message.fill(app.lang, &[("n", &n)]));
    let mut effects: Vec<Effect> = app.sync_article().into_iter().collect();
    let store = &app.store;
    let unindexed: Vec<std::path::PathBuf> = store
        .posts()
        .iter()
        .filter(|p| p.is_hidden() && !store.body_searchable(p))
        .map(|p| p.path.clone())
        .collect();
    if !unindexed.is_empty() {
        effects.push(Effect::Index(unindexed));
    }
    effects
}

/// `Enter` in the problems: the post the problem is about, opened. A file
/// that is no post (skipped, unreadable, a draft not shown) says so.
pub(super) fn open_problem(app: &mut App, cursor: usize) -> Vec<Effect> {
    let Some(path) = app.problems().nth(cursor).map(|p| p.path.clone()) else {
        return Vec::new();
    };
    match app.store.position_of(&path) {
        Some(post) => super::navigate::show_post(app, post),
        None => {
            let hidden = app.store.hidden_post(&path);
            let date = hidden
                .and_then(|p| p.date.or(p.publish_date))
                .map_or_else(String::new, |d| d.day_string());
            let message = match hidden {
                Some(post) if post.published => Msg::HiddenScheduled,
                Some(_) => Msg::HiddenDraft,
                None => Msg::NotAPostShown,
            };
            let path = crate::sanitize::quote(&path.display().to_string());
            app.message = Some(message.fill(app.lang, &[("path", &path), ("date", &date)]));
            Vec::new()
        }
    }
}

/// Scroll the article to the next (or previous) line the search matches.
pub(super) fn jump_to_match(app: &mut App, forward: bool) {
    let query = app.query().clone();
    if query.is_empty() {
        app.message = Some(Msg::NoSearchToFind.say(app.lang));
        return;
    }
    let none = [Msg::NoMoreBelow, Msg::NoMoreAbove];
    jump_to_line(app, forward, none, |lines, i| {
        !query.highlights(&lines[i].text()).is_empty()
    });
}

/// `}` and `{`: the first line of the next or previous heading.
pub(super) fn jump_to_heading(app: &mut App, forward: bool) {
    let none = [Msg::NoHeadingBelow, Msg::NoHeadingAbove];
    jump_to_line(app, forward, none, |lines, i| {
        lines[i].is_heading() && (i == 0 || !lines[i - 1].is_heading())
    });
}

/// Scroll the open article to the first line below (or the last above)
/// the top one that `is_target`, else say there is none (`none`: below,
/// above).
fn jump_to_line(
    app: &mut App,
    forward: bool,
    none: [Msg; 2],
    is_target: impl Fn(&[crate::render::Line], usize) -> bool,
) {
    let Some(article) = app.screen.article_mut() else {
        return;
    };
    let lines = article.lines();
    let found = if forward {
        (article.scroll + 1..lines.len()).find(|&i| is_target(lines, i))
    } else {
        (0..article.scroll.min(lines.len()))
            .rev()
            .find(|&i| is_target(lines, i))
    };
    match found {
        Some(line) => article.scroll = line,
        None => app.message = Some(none[usize::from(!forward)].say(app.lang)),
    }
}

pub(super) fn toggle_read(app: &mut App) -> Vec<Effect> {
    let Some(post) = app.target_post() else {
        return Vec::new();
    };
    let read = app.is_read(post);
    app.marks
        .set_read(&app.store, post, !read)
        .map(Effect::SaveMarks)
        .into_iter()
        .collect()
}

pub(super) fn toggle_star(app: &mut App) -> Vec<Effect> {
    let Some(post) = app.target_post() else {
        return Vec::new();
    };
    app.marks
        .toggle_star(&app.store, post)
        .map(Effect::SaveMarks)
        .into_iter()
        .collect()
}

pub(super) fn mark_all_read(app: &mut App) -> Vec<Effect> {
    let (save, n) = app.marks.mark_all_read(&app.store, &app.list.visible);
    app.message = Some(match n {
        0 => Msg::NothingUnread.say(app.lang),
        1 => Msg::MarkedReadOne.say(app.lang),
        n => Msg::MarkedRead.fill(app.lang, &[("n", &n)]),
    });
    app.refilter();
    save.map(Effect::SaveMarks).into_iter().collect()
}

pub(super) fn undo(app: &mut App) -> Vec<Effect> {
    match app.marks.undo(&app.store) {
        Some((save, n)) => {
            app.message = Some(Msg::UnreadAgain.fill(app.lang, &[("n", &n)]));
            app.refilter();
            save.map(Effect::SaveMarks).into_iter().collect()
        }
        None => {
            app.message = Some(Msg::NothingToUndo.say(app.lang));
            Vec::new()
        }
    }
}

pub(super) fn cycle_sort(app: &mut App) {
    app.filters.sort = match app.filters.sort {
        Sort::Date => Sort::Title,
        Sort::Title => Sort::Path,
        Sort::Path => Sort::Date,
    };
    app.message = Some(Msg::SortedByMessage.fill(
        app.lang,
        &[("sort", &sort_name(app.filters.sort, app.lang))],
    ));
    let keep = app.selected_post();
    app.refilter_keeping(keep);
}

pub(super) fn sort_name(sort: Sort, lang: Lang) -> &'static str {
    match sort {
        Sort::Date => Msg::SortDate,
        Sort::Title => Msg::SortTitle,
        Sort::Path => Msg::SortPath,
    }
    .text(lang)
}

/// Widen, narrow or hide the list; the article follows the new width.
pub(super) fn arrange(app: &mut App, action: &Action) -> Vec<Effect> {
    let a = &mut app.arrangement;
    match action {
        Action::WidenList => a.list_steps = (a.list_steps + 1).min(7),
        Action::NarrowList => a.list_steps = (a.list_steps - 1).max(-5),
        _ => {
            a.list_hidden = !a.list_hidden;
            if a.list_hidden && matches!(app.screen, Screen::List) {
                app.message = Some(Msg::ListHides.say(app.lang));
            }
        }
    }
    app.sync_article().into_iter().collect()
}
