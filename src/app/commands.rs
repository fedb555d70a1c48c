//! The reading commands `update` dispatches to: marks, sorting, the
//! category picker, links, matches in the article, reloading, working
//! ahead. Pure, like `update`.

use super::screen::{Context, Popup, Screen};
use super::{Action, App, Effect, SearchBox};
use crate::config::Sort;
use crate::i18n::{Lang, Msg};
use crate::render::article::is_openable;

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
        Some(post) => super::update::show_post(app, post),
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

pub(super) fn toggle_category(app: &mut App) {
    let shown = shown_categories(app);
    let name = match &app.popup {
        Some(Popup::Categories { cursor, .. }) => shown
            .get(*cursor)
            .map(|&i| app.store.categories()[i].name.clone()),
        _ => None,
    };
    if let (Some(Popup::Categories { chosen, .. }), Some(name)) = (&mut app.popup, name) {
        match chosen.iter().position(|c| *c == name) {
            Some(i) => {
                chosen.remove(i);
            }
            None => chosen.push(name),
        }
    }
}

/// The categories the picker shows, as indices into the store's: those
/// its filter matches, as the search matches (초성, spacing, case).
pub(crate) fn shown_categories(app: &App) -> Vec<usize> {
    let all = app.store.categories();
    let query = match &app.popup {
        Some(Popup::Categories { filter, .. }) if !filter.input.is_empty() => {
            crate::search::Query::parse(&filter.input)
        }
        _ => return (0..all.len()).collect(),
    };
    (0..all.len())
        .filter(|&i| {
            let text = crate::search::SearchText::new(&all[i].name);
            query.matches_text(&text, &[], &[])
        })
        .collect()
}

/// Edit the picker's filter; the cursor goes back to the first row when
/// the categories shown change.
pub(super) fn edit_category_filter(app: &mut App, edit: impl FnOnce(&mut SearchBox)) {
    if let Some(Popup::Categories { cursor, filter, .. }) = &mut app.popup {
        let before = filter.input.clone();
        edit(filter);
        if filter.input != before {
            *cursor = 0;
        }
    }
}

pub(super) fn apply_categories(app: &mut App) {
    if let Some(Popup::Categories { chosen, .. }) = app.popup.take() {
        app.filters.categories = chosen;
        app.refilter();
    }
}

pub(super) fn open_link(app: &mut App, n: usize) -> Vec<Effect> {
    let Some(address) = app
        .screen
        .article()
        .and_then(|a| a.links().get(n.wrapping_sub(1)))
        .cloned()
    else {
        app.message = Some(Msg::NoLink.fill(app.lang, &[("n", &n)]));
        return Vec::new();
    };
    if !is_openable(&address) {
        // A link to another post of the blog opens it here.
        if let Some(post) = linked_post(app, &address) {
            let from = app.screen.article().map(|a| {
                let path = app.store.posts()[a.post].path.clone();
                (path, a.scroll)
            });
            app.trail.extend(from);
            return super::update::follow(app, post);
        }
        app.message = Some(Msg::NotOpened.fill(app.lang, &[("address", &quoted(&address))]));
        return Vec::new();
    }
    app.popup = None;
    app.message = Some(Msg::Opening.fill(app.lang, &[("address", &quoted(&address))]));
    vec![Effect::OpenUrl(address)]
}

/// An address as a message quotes it: shown as the article shows it.
fn quoted(address: &str) -> String {
    crate::sanitize::quote(&crate::text::shown_address(address))
}

/// The post of the blog that `address`, a link in the article shown,
/// names (a link the reader opens itself).
pub(super) fn linked_post(app: &App, address: &str) -> Option<usize> {
    let site = app.screen.article().and_then(|a| {
        let post = app.store.posts().get(a.post)?;
        app.store.site_for(post)
    });
    crate::post_link::post_named_by(app.store.posts(), address, site)
}

/// `y`: in the links, the link under the cursor (as written); in the
/// article, the post's page address (as browsers send it).
pub(super) fn copy_link(app: &mut App, context: Context) -> Vec<Effect> {
    let address = match (&app.popup, app.screen.article()) {
        (Some(Popup::Links { cursor }), Some(a)) if context == Context::Links => {
            a.links().get(*cursor).map(|l| (l.clone(), l.clone()))
        }
        (_, Some(a)) => page_address(app, a.post).map(|p| {
            let sent = encoded(&p);
            (p, sent)
        }),
        _ => None,
    };
    match address {
        Some((address, copied)) => {
            app.message = Some(Msg::Copied.fill(app.lang, &[("address", &quoted(&address))]));
            vec![Effect::Copy(copied)]
        }
        None => {
            app.message = Some(Msg::NoAddress.say(app.lang));
            Vec::new()
        }
    }
}

/// `O`: the open (or selected) post's page on the web, in the browser.
pub(super) fn open_page(app: &mut App) -> Vec<Effect> {
    let Some(address) = app.target_post().and_then(|p| page_address(app, p)) else {
        app.message = Some(Msg::NoAddress.say(app.lang));
        return Vec::new();
    };
    app.message = Some(Msg::Opening.fill(app.lang, &[("address", &quoted(&address))]));
    vec![Effect::OpenUrl(encoded(&address))]
}

/// The post's page on the web: the address its front matter gives, else
/// where its site publishes it (readable: Hangul as written).
fn page_address(app: &App, post: usize) -> Option<String> {
    let post = app.store.posts().get(post)?;
    post_address(post).or_else(|| {
        let site = app.store.site_for(post)?;
        crate::permalink::web_address(post, site)
    })
}

/// An address as browsers send it: non-ASCII characters, spaces and the
/// characters a URL may not hold percent-encoded.
fn encoded(address: &str) -> String {
    const UNSAFE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'<')
        .add(b'>')
        .add(b'`')
        .add(b'{')
        .add(b'}')
        .add(b'|')
        .add(b'\\')
        .add(b'^');
    percent_encoding::utf8_percent_encode(address, UNSAFE).to_string()
}

/// The web address a post gives for itself, if any.
fn post_address(post: &crate::post::Post) -> Option<String> {
    ["url", "permalink", "canonical_url", "link"]
        .iter()
        .find_map(|key| post.extra.iter().find(|(k, _)| k == key))
        .map(|(_, v)| v.trim().trim_matches(['"', '\'']).to_string())
        .filter(|v| v.starts_with("http://") || v.starts_with("https://"))
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
