//! The whole reader driven without a terminal: scripted actions, whole
//! frames drawn on Ratatui's TestBackend and reviewed as insta snapshots at
//! several sizes, over the Korean demo posts.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sinmun::app::{Action, App, Effect, Pane, update, view};
use sinmun::loader;
use sinmun::marks::{Field, MarkRow, Marks};
use sinmun::post::Keep;
use sinmun::store::Store;
use sinmun::theme::{ColorDepth, Theme};

fn demo_app(w: u16, h: u16) -> App {
    let load = loader::load_demo(Keep::ALL);
    let theme = Theme::builtin("dark")
        .unwrap()
        .with_depth(ColorDepth::TrueColor);
    let mut app = App::new(Store::new(load, false), theme, true);
    run(&mut app, [Action::Resize(w, h)]);
    app
}

/// Apply actions the way the runner does, reading bodies when asked.
fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) -> Vec<Effect> {
    let mut outside = Vec::new();
    let mut queue: std::collections::VecDeque<Action> = actions.into_iter().collect();
    while let Some(action) = queue.pop_front() {
        for effect in update(app, action) {
            match effect {
                Effect::LoadBody(post) => {
                    let body = sinmun::tui::read_body(&app.store.posts()[post]);
                    queue.push_back(Action::BodyLoaded { post, body });
                }
                other => outside.push(other),
            }
        }
    }
    outside
}

fn frame(app: &App) -> String {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view::draw(app, f)).unwrap();
    terminal.backend().to_string()
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::SearchInput).collect()
}

const SIZES: [(u16, u16); 4] = [(120, 40), (80, 24), (61, 20), (40, 15)];

#[test]
fn snapshots_list_and_open_article() {
    for (w, h) in SIZES {
        let mut app = demo_app(w, h);
        insta::assert_snapshot!(format!("list_{w}x{h}"), frame(&app));
        run(&mut app, [Action::Down, Action::Down, Action::Open]);
        insta::assert_snapshot!(format!("open_{w}x{h}"), frame(&app));
        run(&mut app, [Action::PageDown]);
        insta::assert_snapshot!(format!("page_{w}x{h}"), frame(&app));
    }
}

#[test]
fn snapshots_search_categories_help_links() {
    for (w, h) in SIZES {
        let mut app = demo_app(w, h);
        run(
            &mut app,
            std::iter::once(Action::StartSearch).chain(typed("ㅈㅈㅎㄱ")),
        );
        insta::assert_snapshot!(format!("search_{w}x{h}"), frame(&app));

        let mut app = demo_app(w, h);
        run(
            &mut app,
            [Action::OpenCategories, Action::Down, Action::ToggleCategory],
        );
        insta::assert_snapshot!(format!("categories_{w}x{h}"), frame(&app));
        run(&mut app, [Action::Close]);
        insta::assert_snapshot!(format!("category_filter_{w}x{h}"), frame(&app));

        let mut app = demo_app(w, h);
        run(&mut app, [Action::ShowHelp]);
        insta::assert_snapshot!(format!("help_{w}x{h}"), frame(&app));

        let mut app = demo_app(w, h);
        run(&mut app, [Action::Open, Action::OpenLinks]);
        insta::assert_snapshot!(format!("links_{w}x{h}"), frame(&app));
    }
}

#[test]
fn initials_search_finds_jeju_air_and_enter_keeps_it() {
    let mut app = demo_app(120, 40);
    run(
        &mut app,
        std::iter::once(Action::StartSearch).chain(typed("ㅈㅈㅎㄱ")),
    );
    assert_eq!(app.visible.len(), 1);
    assert!(
        app.store.posts()[app.visible[0]]
            .title
            .starts_with("제주항공")
    );
    run(&mut app, [Action::SearchAccept, Action::Open]);
    assert!(app.article.is_some(), "Enter after Enter opens");
    run(&mut app, [Action::Back, Action::Back]);
    assert_eq!(
        app.visible.len(),
        app.store.posts().len(),
        "Esc in the list clears the search"
    );
}

#[test]
fn search_editing_and_paste_are_sanitised() {
    let mut app = demo_app(80, 24);
    run(
        &mut app,
        [
            Action::StartSearch,
            Action::Paste("\u{1b}[31m태풍\n제주".into()),
        ],
    );
    assert_eq!(
        app.search.input, "태풍 제주",
        "the whole escape sequence goes"
    );
    run(
        &mut app,
        [
            Action::SearchDeleteWord,
            Action::SearchDeleteWord,
            Action::SearchBackspace,
        ],
    );
    assert_eq!(app.search.input, "");
    run(&mut app, typed("태풍"));
    assert_eq!(app.visible.len(), 1);
    run(
        &mut app,
        [
            Action::SearchLeft,
            Action::SearchInput('x'),
            Action::SearchEnd,
        ],
    );
    assert_eq!(app.search.input, "태x풍");
    run(&mut app, [Action::SearchCancel]);
    assert!(app.search.input.is_empty() && !app.search.editing);
}

#[test]
fn next_and_previous_article_while_reading_mark_read() {
    let mut app = demo_app(120, 40);
    run(&mut app, [Action::Open]);
    let first = app.article.as_ref().unwrap().post;
    run(&mut app, [Action::NextArticle]);
    let second = app.article.as_ref().unwrap().post;
    assert_ne!(first, second);
    assert_eq!(app.selected, 1);
    run(&mut app, [Action::PrevArticle]);
    assert_eq!(app.article.as_ref().unwrap().post, first);
    assert!(app.is_read(first) && app.is_read(second));
    run(&mut app, [Action::ToggleRead]);
    assert!(!app.is_read(first), "r toggles the article being read");
    run(&mut app, [Action::PrevArticle]);
    assert!(app.message.as_deref().unwrap_or("").contains("first"));
}

#[test]
fn unread_only_and_esc_clears_filters_in_order() {
    let mut app = demo_app(80, 24);
    let all = app.visible.len();
    run(
        &mut app,
        [
            Action::Open,
            Action::Back,
            Action::Down,
            Action::ToggleUnreadOnly,
        ],
    );
    assert_eq!(app.visible.len(), all - 1);
    run(
        &mut app,
        [
            Action::OpenCategories,
            Action::ToggleCategory,
            Action::Close,
        ],
    );
    assert!(!app.categories.is_empty());
    run(&mut app, [Action::Back]);
    assert!(app.categories.is_empty(), "Esc clears the category filter");
    run(&mut app, [Action::Back]);
    assert!(!app.unread_only);
    assert_eq!(app.visible.len(), all);
}

#[test]
fn links_open_only_web_and_mail_addresses() {
    let mut app = demo_app(120, 40);
    run(&mut app, [Action::Open]);
    let effects = run(&mut app, [Action::OpenLink(1)]);
    assert!(
        matches!(&effects[..], [Effect::OpenUrl(u)] if u.starts_with("https://")),
        "{effects:?}"
    );
    let effects = run(&mut app, [Action::OpenLink(99)]);
    assert!(effects.is_empty());
    assert_eq!(app.message.as_deref(), Some("no link [99]"));
}

#[test]
fn tab_switches_panes_and_keys_follow_focus() {
    let mut app = demo_app(120, 40);
    run(&mut app, [Action::Open]);
    assert_eq!(app.focus, Pane::Article);
    run(&mut app, [Action::Down, Action::Down]);
    assert_eq!(app.article.as_ref().unwrap().scroll, 2);
    assert_eq!(app.selected, 0, "j scrolls the article, not the list");
    run(&mut app, [Action::SwitchPane, Action::Down]);
    assert_eq!(app.focus, Pane::List);
    assert_eq!(app.selected, 1);
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_it_and_clicks_select_then_open() {
    let mut app = demo_app(120, 40);
    run(&mut app, [Action::Click { column: 5, row: 3 }]);
    assert_eq!(app.selected, 3);
    assert!(app.article.is_none());
    run(&mut app, [Action::Click { column: 5, row: 3 }]);
    assert_eq!(app.article.as_ref().map(|a| a.post), Some(app.visible[3]));
    run(
        &mut app,
        [Action::Scroll {
            column: 80,
            row: 10,
            lines: 3,
        }],
    );
    assert_eq!(app.article.as_ref().unwrap().scroll, 3);
}

#[test]
fn resize_rerenders_at_the_new_width() {
    let mut app = demo_app(120, 40);
    run(&mut app, [Action::Open]);
    let wide = app.article.as_ref().unwrap().rendered.lines.len();
    run(&mut app, [Action::Resize(50, 20)]);
    let narrow = app.article.as_ref().unwrap().rendered.lines.len();
    assert!(narrow > wide);
    assert!(
        app.article
            .as_ref()
            .unwrap()
            .rendered
            .lines
            .iter()
            .all(|l| l.width() <= 48)
    );
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            Just(Action::Up),
            Just(Action::Down),
            Just(Action::PageDown),
            Just(Action::PageUp),
            Just(Action::Top),
            Just(Action::Bottom),
            Just(Action::Open),
            Just(Action::Back),
            Just(Action::SwitchPane),
            Just(Action::NextArticle),
            Just(Action::PrevArticle),
            Just(Action::StartSearch),
            Just(Action::SearchInput('ㅈ')),
            Just(Action::SearchInput('제')),
            Just(Action::SearchBackspace),
            Just(Action::SearchAccept),
            Just(Action::SearchCancel),
            Just(Action::OpenCategories),
            Just(Action::ToggleCategory),
            Just(Action::OpenLinks),
            Just(Action::OpenLink(1)),
            Just(Action::ToggleRead),
            Just(Action::ToggleStar),
            Just(Action::ToggleUnreadOnly),
            Just(Action::ShowProblems),
            Just(Action::ShowHelp),
            Just(Action::Close),
            (0u16..130, 0u16..50, -5i16..5).prop_map(|(column, row, lines)| Action::Scroll {
                column,
                row,
                lines
            }),
            (0u16..130, 0u16..50).prop_map(|(column, row)| Action::Click { column, row }),
            (0u16..130, 0u16..50).prop_map(|(w, h)| Action::Resize(w, h)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

        #[test]
        fn any_size_and_any_actions_never_panic(w in 1u16..130, h in 1u16..50, actions in prop::collection::vec(action(), 0..25)) {
            let mut app = demo_app(w, h);
            for a in actions {
                run(&mut app, [a]);
                let (w, h) = app.size;
                if w == 0 || h == 0 {
                    continue;
                }
                let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                terminal.draw(|f| view::draw(&app, f)).unwrap();
            }
        }
    }
}

#[test]
fn the_pane_shows_exactly_what_dump_prints_at_its_width() {
    let mut app = demo_app(120, 40);
    run(&mut app, [Action::Down, Action::Down, Action::Open]);
    let article = app.article.as_ref().unwrap();
    let id = app.store.posts()[article.post].id.clone();
    let width = app.article_width().to_string();
    let home = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sinmun"))
        .args(["--dump", &id, "--width", &width, "--color", "never"])
        .current_dir(home.path())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env_remove("SINMUN_CONFIG")
        .output()
        .unwrap();
    let dumped = String::from_utf8(out.stdout).unwrap();
    let pane: Vec<String> = article.rendered.lines.iter().map(|l| l.text()).collect();
    assert_eq!(dumped.lines().collect::<Vec<_>>(), pane);
}

/// The change an effect asks to save.
fn saved_change(effects: &[Effect]) -> Vec<(Field, bool, Vec<String>)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::SaveMarks(s) => Some((s.change.field, s.change.on, s.change.ids.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn marks_start_from_the_saved_ones_and_every_change_asks_for_a_save() {
    let row = |id: &str, read, starred| MarkRow {
        id: id.into(),
        read,
        starred,
    };
    let marks = Marks::from_rows([
        row("2026-11-20-typhoon-jeju", true, false),
        row("2026-11-19-university-exam", false, true),
    ]);
    let load = loader::load_demo(Keep::ALL);
    let theme = Theme::builtin("dark").unwrap();
    let mut app = App::new(Store::new(load, false), theme, true).with_marks(marks);
    run(&mut app, [Action::Resize(80, 24)]);
    assert!(
        app.is_read(app.visible[0]),
        "the typhoon story was read before"
    );
    assert!(
        frame(&app).lines().nth(1).unwrap().starts_with("\"●"),
        "unread rows keep the mark"
    );
    assert!(
        frame(&app).lines().next().unwrap().starts_with("\"   "),
        "read rows lose it:\n{}",
        frame(&app)
    );
    let second = app.store.posts()[app.visible[1]].id.clone();
    let effects = run(&mut app, [Action::Down, Action::Open]);
    assert_eq!(
        saved_change(&effects),
        [(Field::Read, true, vec![second.clone()])],
        "opening marks read and saves"
    );
    let effects = run(&mut app, [Action::ToggleStar, Action::ToggleRead]);
    assert_eq!(
        saved_change(&effects),
        [
            (Field::Starred, true, vec![second.clone()]),
            (Field::Read, false, vec![second.clone()])
        ],
        "each key saves only the mark it changed"
    );
    assert!(app.marks.is_starred(&second) && !app.marks.is_read(&second));
    run(&mut app, [Action::Back, Action::ToggleUnreadOnly]);
    assert!(app.visible.iter().all(|&p| !app.is_read(p)));
}

#[test]
fn marks_saved_by_another_reader_show_and_a_failed_save_is_said_until_a_key() {
    let mut app = demo_app(80, 24);
    run(&mut app, [Action::ToggleUnreadOnly]);
    let shown = app.visible.len();
    let first = app.store.posts()[app.visible[1]].id.clone();
    let elsewhere = |read| MarkRow {
        id: first.clone(),
        read,
        starred: true,
    };
    run(&mut app, [Action::MarksChanged(vec![elsewhere(false)])]);
    assert!(app.marks.is_starred(&first));
    assert!(frame(&app).contains('★'), "{}", frame(&app));
    run(&mut app, [Action::MarksChanged(vec![elsewhere(true)])]);
    assert_eq!(
        app.visible.len(),
        shown - 1,
        "read elsewhere: no longer unread"
    );
    let effects = run(&mut app, [Action::ToggleStar]);
    let [Effect::SaveMarks(save)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    run(
        &mut app,
        [
            Action::MarksSaved {
                seq: save.seq,
                error: Some("disk I/O error".into()),
            },
            Action::Idle,
            Action::Idle,
        ],
    );
    assert_eq!(
        app.message.as_deref(),
        Some("cannot save marks: disk I/O error")
    );
    run(&mut app, [Action::Down]);
    assert_eq!(app.message, None, "a key clears it");
}

#[test]
fn idle_time_reads_and_renders_the_selected_article_ahead() {
    // Posts from files: bodies are read when needed.
    let load = loader::load(
        &[std::path::PathBuf::from("tests/fixtures/site/_posts")],
        Keep::default(),
    );
    let mut app = App::new(
        Store::new(load, false),
        Theme::builtin("dark").unwrap(),
        false,
    );
    run(&mut app, [Action::Resize(120, 40), Action::Down]);
    let selected = app.selected_post().unwrap();
    let effects = update(&mut app, Action::Idle);
    assert_eq!(
        effects,
        [Effect::Prefetch(selected)],
        "the body is asked for"
    );
    let body = sinmun::tui::read_body(&app.store.posts()[selected]);
    assert!(
        update(
            &mut app,
            Action::Prefetched {
                post: selected,
                body
            }
        )
        .is_empty()
    );
    assert!(
        update(&mut app, Action::Idle).is_empty(),
        "nothing more to do"
    );
    let effects = update(&mut app, Action::Open);
    assert!(
        matches!(effects.as_slice(), [Effect::SaveMarks(_)]),
        "opening needs no file read now: {effects:?}"
    );
    assert!(
        !app.article.as_ref().unwrap().rendered.lines.is_empty(),
        "and no render wait"
    );
}

#[test]
fn the_article_pane_resolves_liquid_against_the_site_like_dump() {
    let site = tempfile::tempdir().unwrap();
    std::fs::write(
        site.path().join("_config.yml"),
        "title: 개발 일지\nurl: https://blog.example.kr\nbaseurl: /dev\n",
    )
    .unwrap();
    std::fs::create_dir(site.path().join("_posts")).unwrap();
    std::fs::write(
        site.path().join("_posts/2024-05-01-liquid.md"),
        "---\ntitle: 주소 풀기\n---\n[첫 글]({{ \"/2024/first\" | absolute_url }}) 보기\n",
    )
    .unwrap();
    let load = loader::load(&[site.path().to_path_buf()], Keep::ALL);
    let theme = Theme::builtin("dark").unwrap();
    let mut app = App::new(Store::new(load, false), theme, true);
    run(&mut app, [Action::Resize(120, 40), Action::Open]);
    let links = &app.article.as_ref().unwrap().rendered.links;
    assert_eq!(links, &["https://blog.example.kr/dev/2024/first"]);
}
