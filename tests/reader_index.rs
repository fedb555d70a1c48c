//! The reader started from the persistent index: posts arriving in
//! batches on a first start, the complete load replacing them in order
//! without moving the selection, progress on the status line, and search
//! through the index while bodies are indexed.

mod common;

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sinmun::app::action::Handoff;
use sinmun::app::{Action, App, update, view};
use sinmun::index::Index;
use sinmun::loader::{Load, WalkOptions};
use sinmun::store::Store;
use sinmun::theme::{ColorDepth, Theme};

use common::{Site, post};

fn status(app: &App) -> String {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view::draw(app, f)).unwrap();
    let screen = terminal.backend().to_string();
    screen.lines().last().unwrap_or("").to_string()
}

fn theme() -> Theme {
    Theme::builtin("dark")
        .unwrap()
        .with_depth(ColorDepth::TrueColor)
}

/// A folder of `n` posts, dated one a day, and its load through an index.
fn site(n: usize) -> (Site, tempfile::TempDir, Load) {
    let site = Site::new();
    for i in 0..n {
        site.write(
            &format!("2024-07-{:02}-post-{i}.html", i + 1),
            post(
                &format!("제주 소식 {i}"),
                "",
                &format!("<p>본문 {i} 항공편</p>"),
            ),
        );
    }
    let cache = tempfile::tempdir().unwrap();
    let mut index = Index::open(&cache.path().join("i.sqlite3"))
        .unwrap()
        .with_settle(Duration::ZERO);
    let (load, _) = index.load(&[site.path()], WalkOptions::default()).unwrap();
    (site, cache, load)
}

#[test]
fn a_first_start_shows_posts_as_they_arrive_and_keeps_the_selection_when_sorted() {
    let (_site, _cache, load) = site(6);
    let mut app = App::new(Store::new(Load::default(), false), theme(), false);
    app.reading = Some((0, 0));
    // Fewer rows than posts: a row to keep the selection on.
    update(&mut app, Action::Resize(100, 4));
    assert!(status(&app).contains("reading…"), "{}", status(&app));
    // The oldest posts arrive first (the walk's order, not the date's).
    let mut oldest_first: Vec<_> = load.posts.iter().rev().cloned().collect();
    let rest = oldest_first.split_off(3);
    update(
        &mut app,
        Action::PostsArrived {
            posts: Handoff::new(oldest_first),
            done: 3,
            total: 6,
        },
    );
    assert_eq!(app.list.visible.len(), 3);
    assert!(
        status(&app).contains("reading 3/6 [#####-----]"),
        "{}",
        status(&app)
    );
    update(&mut app, Action::Down);
    let chosen = app.store.posts()[app.selected_post().unwrap()].path.clone();
    update(
        &mut app,
        Action::PostsArrived {
            posts: Handoff::new(rest),
            done: 6,
            total: 6,
        },
    );
    assert_eq!(app.list.visible.len(), 6);
    let row_before = app.list.selected - app.list.top;
    update(&mut app, Action::Loaded(Handoff::new(load)));
    let now = &app.store.posts()[app.selected_post().unwrap()];
    assert_eq!(now.path, chosen, "the selected post stays selected");
    assert_eq!(
        app.list.selected - app.list.top,
        row_before,
        "on the same row"
    );
    assert!(!status(&app).contains("reading"));
    let titles: Vec<&str> = app
        .list
        .visible
        .iter()
        .map(|&i| app.store.posts()[i].title.as_str())
        .collect();
    assert_eq!(titles.first(), Some(&"제주 소식 5"), "sorted, newest first");
}

#[test]
fn a_folder_read_in_one_batch_is_listed_in_order_before_the_load_completes() {
    let (_site, _cache, load) = site(4);
    let mut app = App::new(Store::new(Load::default(), false), theme(), false);
    app.reading = Some((0, 0));
    update(&mut app, Action::Resize(100, 20));
    // In the walk's order (oldest first), as a batch comes.
    let walked: Vec<_> = load.posts.iter().rev().cloned().collect();
    update(
        &mut app,
        Action::PostsArrived {
            posts: Handoff::new(walked),
            done: 4,
            total: 4,
        },
    );
    let titles: Vec<&str> = app
        .list
        .visible
        .iter()
        .map(|&i| app.store.posts()[i].title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["제주 소식 3", "제주 소식 2", "제주 소식 1", "제주 소식 0"]
    );
}

#[test]
fn a_first_start_left_at_the_top_shows_the_newest_post_once_sorted_and_keeps_its_note() {
    let (_site, _cache, load) = site(6);
    let mut app = App::new(Store::new(Load::default(), false), theme(), false);
    app.reading = Some((0, 0));
    let note = "marks database damaged (not a database); kept as marks.sqlite3.damaged-1";
    app.message = Some(note.to_string());
    update(&mut app, Action::Resize(100, 20));
    let oldest_first: Vec<_> = load.posts.iter().rev().cloned().collect();
    update(
        &mut app,
        Action::PostsArrived {
            posts: Handoff::new(oldest_first),
            done: 6,
            total: 6,
        },
    );
    update(&mut app, Action::Loaded(Handoff::new(load)));
    let selected = &app.store.posts()[app.selected_post().unwrap()];
    assert_eq!(selected.title, "제주 소식 5", "the newest post, at the top");
    assert_eq!(
        (app.list.selected, app.list.top),
        (0, 0),
        "no row hidden above"
    );
    assert_eq!(app.message.as_deref(), Some(note), "the start's note stays");
}

#[test]
fn search_finds_bodies_once_indexed_and_progress_shows_meanwhile() {
    let (_site, cache, load) = site(5);
    let file = cache.path().join("i.sqlite3");
    let index = Index::open(&file).unwrap();
    let mut store = Store::new(load, false);
    store.set_searcher(index.searcher().unwrap());
    let mut app = App::new(store, theme(), false);
    update(&mut app, Action::Resize(100, 20));
    update(&mut app, Action::StartSearch);
    for c in "항공편".chars() {
        update(&mut app, Action::SearchInput(c));
    }
    // Bodies not indexed yet: front matter alone.
    assert!(app.list.visible.is_empty());
    update(&mut app, Action::BodiesIndexed { done: 0, total: 5 });
    update(&mut app, Action::SearchAccept);
    assert!(status(&app).contains("bodies 0/5"), "{}", status(&app));
    let mut index = Index::open(&file).unwrap();
    let posts = app.store.posts().to_vec();
    index
        .index_texts(&posts, app.store.sites(), |_, _| {})
        .unwrap();
    update(&mut app, Action::BodiesIndexed { done: 5, total: 5 });
    assert_eq!(app.list.visible.len(), 5, "every body has 항공편");
    assert!(!status(&app).contains("bodies"));
}

/// A reader over 40 indexed posts whose searches are decided a post at a
/// time (never in one go), and the folders it lives on.
fn deciding_slowly() -> (App, (Site, tempfile::TempDir)) {
    let (site, cache, _) = site(40);
    let file = cache.path().join("i.sqlite3");
    let mut index = Index::open(&file).unwrap();
    let (load, _) = index.load(&[site.path()], WalkOptions::default()).unwrap();
    index
        .index_texts(&load.posts, &load.sites, |_, _| {})
        .unwrap();
    let mut store = Store::new(load, false);
    store.set_searcher(index.searcher().unwrap());
    let mut app = App::new(store, theme(), false);
    app.search_slice = Duration::ZERO;
    update(&mut app, Action::Resize(100, 20));
    update(
        &mut app,
        Action::BodiesIndexed {
            done: 40,
            total: 40,
        },
    );
    (app, (site, cache))
}

/// A search that needs checking is decided a slice of time at a time.
/// When the list is filtered again (bodies indexed, the complete load)
/// before the search reaches the open article's post, the article stays
/// open and the selection returns to it once the search lists it; an
/// article the search drops closes once the search is decided.
#[test]
fn an_open_article_waits_for_a_search_still_being_decided() {
    let (mut app, _folders) = deciding_slowly();
    let decide = |app: &mut App| {
        while app.is_refining() {
            update(app, Action::Idle);
        }
    };
    update(&mut app, Action::StartSearch);
    for c in "항공편".chars().chain(" 본문".chars()) {
        update(&mut app, Action::SearchInput(c));
    }
    update(&mut app, Action::SearchAccept);
    decide(&mut app);
    assert_eq!(app.list.visible.len(), 40);
    // The oldest post, at the bottom, open.
    update(&mut app, Action::Bottom);
    update(&mut app, Action::Open);
    let open = app.screen.article().map(|a| a.post).expect("open");
    // Filtered again: the search starts over from the newest.
    update(
        &mut app,
        Action::BodiesIndexed {
            done: 40,
            total: 40,
        },
    );
    assert!(app.is_refining());
    assert_eq!(app.screen.article().map(|a| a.post), Some(open), "waits");
    decide(&mut app);
    assert_eq!(app.screen.article().map(|a| a.post), Some(open));
    assert_eq!(
        app.selected_post(),
        Some(open),
        "the selection is back on it"
    );

    // A search typed over it that drops it: the article stays as it was
    // until the selection moves (Esc: the list of what the search found).
    update(&mut app, Action::StartSearch);
    update(&mut app, Action::SearchInput('없'));
    update(&mut app, Action::SearchInput('다'));
    decide(&mut app);
    update(&mut app, Action::SearchAccept);
    assert_eq!(app.screen.article().map(|a| a.post), Some(open));
    update(&mut app, Action::Back);
    assert!(app.screen.article().is_none(), "{:?}", app.list.visible);
}

/// A search typed over an open article and kept before it is decided
/// leaves the article open once decided, though it hides its post.
#[test]
fn a_search_kept_before_it_is_decided_leaves_the_article_open() {
    let (mut app, _folders) = deciding_slowly();
    update(&mut app, Action::Bottom);
    update(&mut app, Action::Open);
    let open = app.screen.article().map(|a| a.post).expect("open");
    update(&mut app, Action::StartSearch);
    for c in "항공편 없다".chars() {
        update(&mut app, Action::SearchInput(c));
    }
    update(&mut app, Action::SearchAccept);
    assert!(app.is_refining(), "not decided yet");
    while app.is_refining() {
        update(&mut app, Action::Idle);
    }
    assert_eq!(app.screen.article().map(|a| a.post), Some(open));
}
