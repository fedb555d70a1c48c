//! Moving between articles: opening one, back (through followed links),
//! the next and previous article, the next unread post, and paging on past
//! an article's end.

use super::position::clamp_add;
use super::screen::{Article, Context, Pane, Screen};
use super::{Action, App, Effect};
use crate::i18n::Msg;

/// Open `post` (the selected one) in the article pane, with the keys.
/// The way back through followed links starts again.
pub(super) fn open_post(app: &mut App, post: usize) -> Vec<Effect> {
    app.trail.clear();
    app.awaiting = None;
    let mut effects = Vec::new();
    if let Some(save) = app.marks.set_read(&app.store, post, true) {
        effects.push(Effect::SaveMarks(save));
    }
    let place = app.place_of(post);
    match &mut app.screen {
        Screen::Article { keys, article } if article.post == post => *keys = Pane::Article,
        screen => {
            *screen = Screen::Article {
                keys: Pane::Article,
                article: Article {
                    scroll: place,
                    ..Article::new(post)
                },
            }
        }
    }
    effects.extend(app.sync_article());
    effects
}

/// Back to the list: the article closes. In the list, `Esc` drops a
/// filter, and with none left, closes an article shown beside it.
pub(super) fn back(app: &mut App, context: Context) -> Vec<Effect> {
    match context {
        Context::Article => {
            // To the article a followed link was in, where it was read.
            while let Some((path, scroll)) = app.trail.pop() {
                if let Some(post) = app.store.position_of(&path) {
                    let effects = follow(app, post);
                    if let Some(a) = app.screen.article_mut() {
                        a.scroll = scroll;
                    }
                    return effects;
                }
            }
            app.screen = Screen::List;
        }
        _ => {
            if app.filters.clear_one() {
                app.refilter();
            } else {
                app.screen = Screen::List;
            }
        }
    }
    Vec::new()
}

/// Open `post` from another article (a link followed, or back), keeping
/// the way back.
pub(super) fn follow(app: &mut App, post: usize) -> Vec<Effect> {
    let trail = std::mem::take(&mut app.trail);
    let effects = show_post(app, post);
    app.trail = trail;
    effects
}

/// Select and open `post` from elsewhere than the list (a link, a
/// problem): any popup closes.
pub(super) fn show_post(app: &mut App, post: usize) -> Vec<Effect> {
    app.popup = None;
    let rows = app.list_rows();
    app.list.select_post(post, rows);
    open_post(app, post)
}

pub(super) fn switch_pane(app: &mut App) -> Vec<Effect> {
    match &mut app.screen {
        Screen::Article { keys, .. } => {
            *keys = match keys {
                Pane::List => Pane::Article,
                Pane::Article => Pane::List,
            };
            Vec::new()
        }
        Screen::List => match app.selected_post() {
            Some(post) => open_post(app, post),
            None => Vec::new(),
        },
    }
}

pub(super) fn step_article(app: &mut App, delta: isize) -> Vec<Effect> {
    if app.screen.article().is_none() || app.list.visible.is_empty() {
        return Vec::new();
    }
    // From a post the list does not show, back to the list's own.
    if app.article_apart() {
        return match app.selected_post() {
            Some(post) => open_post(app, post),
            None => Vec::new(),
        };
    }
    let next = clamp_add(app.list.selected, delta, app.list.visible.len());
    if next == app.list.selected {
        app.message = Some(
            if delta > 0 {
                Msg::LastArticle
            } else {
                Msg::FirstArticle
            }
            .say(app.lang),
        );
        return Vec::new();
    }
    let rows = app.list_rows();
    app.list.step(delta, rows);
    match app.selected_post() {
        Some(post) => open_post(app, post),
        None => Vec::new(),
    }
}

/// `N`: the next unread post below the selection, else the first from the
/// top, opened.
pub(super) fn next_unread(app: &mut App) -> Vec<Effect> {
    match next_unread_post(app) {
        Some(post) => show_post(app, post),
        None => {
            app.message = Some(Msg::NoUnread.say(app.lang));
            Vec::new()
        }
    }
}

/// The next unread post of the list, from the selection (the selected
/// post counts when it is not the one being read), from the top after the
/// last.
fn next_unread_post(app: &App) -> Option<usize> {
    let n = app.list.visible.len();
    // An article apart from the list (a link, a search that hides it) is
    // not the selected post: that one counts.
    let reading_selected = app
        .screen
        .article()
        .is_some_and(|a| Some(a.post) == app.selected_post());
    let start = app.list.selected + usize::from(reading_selected);
    (start..n)
        .chain(0..start.min(n))
        .map(|row| app.list.visible[row])
        .find(|&post| !app.is_read(post))
}

/// Paging down at the end of an article: the first time says so, the
/// second opens the next unread post (as tin and slrn page on into the
/// next article, but never by one key too many).
pub(super) fn page_past_the_end(app: &mut App, hinted: bool) -> Vec<Effect> {
    if next_unread_post(app).is_none() {
        app.message = Some(Msg::NoUnread.say(app.lang));
        return Vec::new();
    }
    if hinted {
        return next_unread(app);
    }
    app.end_hinted = true;
    let key = app.keymap.first_key(&Action::PageDown).unwrap_or_default();
    app.message = Some(Msg::EndOfArticle.with("key", key).say(app.lang));
    Vec::new()
}
