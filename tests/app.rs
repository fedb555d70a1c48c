//! The whole reader driven without a terminal: scripted actions through
//! the effect loop, whole frames drawn on Ratatui's TestBackend and
//! reviewed as insta snapshots at several sizes, over the Korean demo posts.

mod common;

use common::reader::{Reader, typed};
use sinmun::app::effects::Outside;
use sinmun::app::{Action, Effect, Pane, Screen};
use sinmun::marks::{Field, MarkRow, Marks};

const SIZES: [(u16, u16); 4] = [(120, 40), (80, 24), (61, 20), (40, 15)];
/// The sizes every new screen is drawn at.
const NEW_SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (40, 15)];

#[test]
fn snapshots_list_and_open_article() {
    for (w, h) in SIZES {
        let mut r = Reader::demo(w, h);
        insta::assert_snapshot!(format!("list_{w}x{h}"), r.frame());
        r.run([Action::Down, Action::Down, Action::Open]);
        insta::assert_snapshot!(format!("open_{w}x{h}"), r.frame());
        r.run([Action::PageDown]);
        insta::assert_snapshot!(format!("page_{w}x{h}"), r.frame());
    }
}

#[test]
fn snapshots_search_categories_help_links() {
    for (w, h) in SIZES {
        let mut r = Reader::demo(w, h);
        r.run(std::iter::once(Action::StartSearch).chain(typed("ㅈㅈㅎㄱ")));
        insta::assert_snapshot!(format!("search_{w}x{h}"), r.frame());

        let mut r = Reader::demo(w, h);
        r.run([Action::OpenCategories, Action::Down, Action::ToggleCategory]);
        insta::assert_snapshot!(format!("categories_{w}x{h}"), r.frame());
        r.run([Action::ApplyCategories]);
        insta::assert_snapshot!(format!("category_filter_{w}x{h}"), r.frame());

        let mut r = Reader::demo(w, h);
        r.run([Action::ShowHelp]);
        insta::assert_snapshot!(format!("help_{w}x{h}"), r.frame());

        let mut r = Reader::demo(w, h);
        r.run([Action::Open, Action::OpenLinks]);
        insta::assert_snapshot!(format!("links_{w}x{h}"), r.frame());
    }
}

#[test]
fn snapshots_of_the_reading_screens() {
    for (w, h) in NEW_SIZES {
        let mut r = Reader::demo(w, h);
        r.run([Action::ShowHelp, Action::Bottom]);
        insta::assert_snapshot!(format!("help_end_{w}x{h}"), r.frame());

        let mut r = Reader::demo(w, h);
        r.run([
            Action::Down,
            Action::ToggleStar,
            Action::Down,
            Action::Down,
            Action::ToggleStar,
        ]);
        r.run([Action::Open, Action::Back, Action::ToggleStarredOnly]);
        insta::assert_snapshot!(format!("starred_{w}x{h}"), r.frame());

        let mut r = Reader::demo(w, h);
        r.run([Action::MarkAllRead]);
        insta::assert_snapshot!(format!("all_read_{w}x{h}"), r.frame());

        let mut r = Reader::demo(w, h);
        r.run([Action::CycleSort]);
        insta::assert_snapshot!(format!("sorted_by_title_{w}x{h}"), r.frame());

        // A word only in a body: the preview shows the line, the open
        // article marks it, `]` goes to it.
        let mut r = Reader::demo(w, h);
        r.run(std::iter::once(Action::StartSearch).chain(typed("후쿠오카")));
        r.run([Action::SearchAccept]);
        r.idle();
        insta::assert_snapshot!(format!("body_match_{w}x{h}"), r.frame());
        r.run([Action::Open, Action::NextMatch]);
        insta::assert_snapshot!(format!("body_match_open_{w}x{h}"), r.frame());

        let mut r = Reader::demo(w, h);
        r.run([Action::HangulKey]);
        insta::assert_snapshot!(format!("hangul_hint_{w}x{h}"), r.frame());
    }
}

#[test]
fn snapshots_of_problems_and_an_empty_folder() {
    // A relative path: the problems name it, the same on every machine.
    let broken = std::path::PathBuf::from("tests/fixtures/broken");
    for (w, h) in NEW_SIZES {
        let mut r = Reader::folder(&broken, w, h);
        insta::assert_snapshot!(format!("problems_at_start_{w}x{h}"), r.frame());
        r.run([Action::ShowProblems, Action::Bottom]);
        insta::assert_snapshot!(format!("problems_{w}x{h}"), r.frame());

        let site = common::Site::new();
        site.write("notes.yaml", "not a post");
        let r = Reader::folder(&site.path(), w, h);
        let frame = r.rows().join(" ");
        let words: Vec<&str> = frame.split_whitespace().collect();
        let text = words.join(" ");
        assert!(
            text.contains("no posts in")
                && text.contains("1 other")
                && text.contains("file skipped"),
            "{frame}"
        );
    }
}

/// The problems popup in Korean: each kind of problem and note said in
/// Korean, the place leading and the sentence hanging under it, wrapped to
/// fit at 40x15 as at 80x24.
#[test]
fn snapshots_of_problems_in_korean() {
    use sinmun::i18n::Lang;
    let posts = std::path::PathBuf::from("tests/fixtures/problems/_posts");
    for (w, h) in [(80, 24), (40, 15)] {
        let mut r = Reader::folder_in(Lang::Ko, &posts, w, h);
        r.run([Action::ShowProblems]);
        insta::assert_snapshot!(format!("ko_problems_{w}x{h}"), r.frame());
    }
    let mut r = Reader::folder_in(Lang::Ko, &posts, 40, 15);
    r.run([Action::ShowProblems, Action::Bottom]);
    insta::assert_snapshot!("ko_problems_end_40x15", r.frame());
}

/// The main screens with the interface in Korean (the words are wider:
/// everything still fits at 40x15).
#[test]
fn snapshots_in_korean() {
    use sinmun::i18n::Lang;
    for (w, h) in NEW_SIZES {
        let mut r = Reader::demo_in(Lang::Ko, w, h);
        insta::assert_snapshot!(format!("ko_list_{w}x{h}"), r.frame());
        r.run([Action::Down, Action::Down, Action::Open]);
        insta::assert_snapshot!(format!("ko_open_{w}x{h}"), r.frame());
        let mut r = Reader::demo_in(Lang::Ko, w, h);
        r.run([Action::ShowHelp]);
        insta::assert_snapshot!(format!("ko_help_{w}x{h}"), r.frame());
        let mut r = Reader::demo_in(Lang::Ko, w, h);
        r.run([Action::OpenCategories, Action::Down, Action::ToggleCategory]);
        insta::assert_snapshot!(format!("ko_categories_{w}x{h}"), r.frame());
        let mut r = Reader::demo_in(Lang::Ko, w, h);
        r.run(std::iter::once(Action::StartSearch).chain(typed("ㅈㅈㅎㄱ")));
        insta::assert_snapshot!(format!("ko_search_{w}x{h}"), r.frame());
        r.run([Action::SearchAccept, Action::MarkAllRead]);
        insta::assert_snapshot!(format!("ko_all_read_{w}x{h}"), r.frame());
    }
}

#[test]
fn snapshot_of_a_wide_terminal() {
    let mut r = Reader::demo(220, 30);
    insta::assert_snapshot!("wide_list_220x30", r.frame());
    r.run([Action::Down, Action::Down, Action::Open]);
    insta::assert_snapshot!("wide_open_220x30", r.frame());
    let areas = r.app.areas();
    assert!(areas.list.width >= 80, "{areas:?}");
    assert_eq!(r.app.article_width(), 80, "text_width caps the article");
    r.run([Action::ToggleList]);
    assert_eq!(r.app.areas().list.width, 0);
    assert_eq!(r.app.article_width(), 80);
    r.run([Action::ToggleList, Action::NarrowList, Action::NarrowList]);
    assert!(r.app.areas().list.width < areas.list.width);
}

#[test]
fn initials_search_finds_jeju_air_and_enter_keeps_it() {
    let mut r = Reader::demo(120, 40);
    r.run(std::iter::once(Action::StartSearch).chain(typed("ㅈㅈㅎㄱ")));
    assert_eq!(r.app.list.visible.len(), 1);
    assert!(r.title(r.app.list.visible[0]).starts_with("제주항공"));
    r.run([Action::SearchAccept, Action::Open]);
    assert!(r.app.screen.article().is_some(), "Enter after Enter opens");
    r.run([Action::Back, Action::Back]);
    assert_eq!(
        r.app.list.visible.len(),
        r.app.store.posts().len(),
        "Esc in the list clears the search"
    );
}

#[test]
fn search_editing_and_paste_are_sanitised() {
    let mut r = Reader::demo(80, 24);
    r.run([
        Action::StartSearch,
        Action::Paste("\u{1b}[31m태풍\n제주".into()),
    ]);
    assert_eq!(
        r.app.filters.search.input, "태풍 제주",
        "the whole escape sequence goes"
    );
    r.run([
        Action::SearchDeleteWord,
        Action::SearchDeleteWord,
        Action::SearchBackspace,
    ]);
    assert_eq!(r.app.filters.search.input, "");
    r.run(typed("태풍"));
    assert_eq!(r.app.list.visible.len(), 1);
    r.run([
        Action::SearchLeft,
        Action::SearchInput('x'),
        Action::SearchEnd,
    ]);
    assert_eq!(r.app.filters.search.input, "태x풍");
    r.run([Action::SearchCancel]);
    assert!(r.app.filters.search.input.is_empty() && !r.app.filters.search.editing);
}

#[test]
fn next_and_previous_article_while_reading_mark_read() {
    let mut r = Reader::demo(120, 40);
    r.run([Action::Open]);
    let first = r.app.screen.article().unwrap().post;
    r.run([Action::NextArticle]);
    let second = r.app.screen.article().unwrap().post;
    assert_ne!(first, second);
    assert_eq!(r.app.list.selected, 1);
    r.run([Action::PrevArticle]);
    assert_eq!(r.app.screen.article().unwrap().post, first);
    assert!(r.app.is_read(first) && r.app.is_read(second));
    r.run([Action::ToggleRead]);
    assert!(!r.app.is_read(first), "r toggles the article being read");
    r.run([Action::PrevArticle]);
    assert!(r.app.message.as_deref().unwrap_or("").contains("first"));
}

#[test]
fn unread_only_and_esc_clears_filters_in_order() {
    let mut r = Reader::demo(80, 24);
    let all = r.app.list.visible.len();
    r.run([
        Action::Open,
        Action::Back,
        Action::Down,
        Action::ToggleUnreadOnly,
    ]);
    assert_eq!(r.app.list.visible.len(), all - 1);
    r.run([
        Action::OpenCategories,
        Action::ToggleCategory,
        Action::ApplyCategories,
    ]);
    assert!(!r.app.filters.categories.is_empty());
    r.run([Action::Back]);
    assert!(
        r.app.filters.categories.is_empty(),
        "Esc clears the category filter"
    );
    r.run([Action::Back]);
    assert!(!r.app.filters.unread_only);
    assert_eq!(r.app.list.visible.len(), all);
}

#[test]
fn a_search_after_the_end_of_the_list_shows_every_match() {
    let dir = tempfile::tempdir().unwrap();
    for i in 1..=30 {
        let title = if i % 3 == 0 {
            "경제 기사"
        } else {
            "날씨 소식"
        };
        let body = format!("---\ntitle: {title} {i:02}\ndate: 2024-01-{i:02}\n---\n\n본문\n");
        std::fs::write(dir.path().join(format!("2024-01-{i:02}-p.md")), body).unwrap();
    }
    let mut r = Reader::folder(dir.path(), 60, 20);
    r.run(std::iter::once(Action::Bottom).chain([Action::StartSearch]));
    r.run(typed("경제"));
    let shown = r
        .rows()
        .iter()
        .filter(|row| row.contains("경제 기사"))
        .count();
    assert_eq!(shown, 10, "all ten matches on screen:\n{}", r.frame());
}

#[test]
fn a_search_typed_over_an_article_leaves_it_open_where_it_was() {
    for (w, h) in [(120, 24), (60, 20)] {
        let mut r = Reader::demo(w, h);
        r.run([Action::Down, Action::Down, Action::Open, Action::PageDown]);
        let reading = |r: &Reader| r.app.screen.article().map(|a| (a.post, a.scroll));
        let before = reading(&r);
        assert!(before.is_some_and(|(_, scroll)| scroll > 0));
        r.run(std::iter::once(Action::StartSearch).chain(typed("태풍")));
        assert_eq!(r.app.list.visible.len(), 1);
        assert_eq!(reading(&r), before, "{w}x{h}: typing keeps the article");
        r.run([Action::SearchCancel]);
        assert_eq!(reading(&r), before, "{w}x{h}: Esc finds it as it was");
        assert_eq!(r.app.selected_post(), before.map(|(p, _)| p));
        r.run(std::iter::once(Action::StartSearch).chain(typed("태풍")));
        r.run([Action::SearchAccept]);
        assert_eq!(reading(&r), before, "{w}x{h}: a kept search keeps it");
        assert!(r.title(r.app.selected_post().unwrap()).contains("태풍"));
        r.run([Action::Back]);
        assert!(r.app.screen.article().is_none(), "Esc: the list of matches");
        assert_eq!(r.app.list.visible.len(), 1);
    }
}

#[test]
fn links_open_only_web_and_mail_addresses() {
    let mut r = Reader::demo(120, 40);
    r.run([Action::Open]);
    let effects = r.effects_of(Action::OpenLink(1));
    assert!(
        matches!(&effects[..], [Effect::OpenUrl(u)] if u.starts_with("https://")),
        "{effects:?}"
    );
    let effects = r.effects_of(Action::OpenLink(99));
    assert!(effects.is_empty());
    assert_eq!(r.app.message.as_deref(), Some("no link [99]"));
}

#[test]
fn tab_switches_panes_and_keys_follow_focus() {
    let mut r = Reader::demo(120, 40);
    r.run([Action::Open]);
    assert_eq!(r.app.screen.keys(), Pane::Article);
    r.run([Action::Down, Action::Down]);
    assert_eq!(r.app.screen.article().unwrap().scroll, 2);
    assert_eq!(
        r.app.list.selected, 0,
        "j scrolls the article, not the list"
    );
    r.run([Action::SwitchPane, Action::Down]);
    assert_eq!(r.app.screen.keys(), Pane::List);
    assert_eq!(r.app.list.selected, 1);
    assert!(
        matches!(r.app.screen, Screen::List),
        "the article followed the selection away"
    );
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_it_and_clicks_select_then_open() {
    let mut r = Reader::demo(120, 40);
    r.run([Action::Click { column: 5, row: 3 }]);
    assert_eq!(r.app.list.selected, 3);
    assert!(r.app.screen.article().is_none());
    r.run([Action::Click { column: 5, row: 3 }]);
    assert_eq!(
        r.app.screen.article().map(|a| a.post),
        Some(r.app.list.visible[3])
    );
    r.run([Action::Scroll {
        column: 80,
        row: 10,
        lines: 3,
    }]);
    assert_eq!(r.app.screen.article().unwrap().scroll, 3);
}

#[test]
fn resize_rerenders_at_the_new_width() {
    let mut r = Reader::demo(120, 40);
    r.run([Action::Open]);
    let wide = r.app.screen.article().unwrap().lines().len();
    r.run([Action::Resize(50, 20)]);
    let narrow = r.app.screen.article().unwrap().lines();
    assert!(narrow.len() > wide);
    assert!(narrow.iter().all(|l| l.width() <= 48));
}

#[test]
fn the_pane_shows_exactly_what_dump_prints_at_its_width() {
    let mut r = Reader::demo(120, 40);
    r.run([Action::Down, Action::Down, Action::Open]);
    let article = r.app.screen.article().unwrap();
    let id = r.app.store.posts()[article.post].id.clone();
    let width = r.app.article_width().to_string();
    let out = common::command()
        .args(["--dump", &id, "--width", &width, "--color", "never"])
        .output()
        .unwrap();
    let dumped = String::from_utf8(out.stdout).unwrap();
    let pane: Vec<String> = article.lines().iter().map(|l| l.text()).collect();
    assert_eq!(dumped.lines().collect::<Vec<_>>(), pane);
}

/// The changes the effects ask to save.
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
    let load = sinmun::loader::load_demo(sinmun::post::Keep::ALL);
    let app = sinmun::app::App::new(
        sinmun::store::Store::new(load, false),
        common::reader::theme(),
        true,
    )
    .with_marks(marks);
    let mut r = Reader::of(app, sinmun::app::effects::Effects::quiet(), 80, 24);
    assert!(
        r.app.is_read(r.app.list.visible[0]),
        "the typhoon story was read before"
    );
    assert!(
        r.frame().lines().nth(1).unwrap().starts_with("●"),
        "unread rows keep the mark"
    );
    assert!(
        r.frame().lines().next().unwrap().starts_with("   "),
        "read rows lose it:\n{}",
        r.frame()
    );
    let second = r.app.store.posts()[r.app.list.visible[1]].id.clone();
    r.run([Action::Down]);
    let effects = r.effects_of(Action::Open);
    assert_eq!(
        saved_change(&effects),
        [(Field::Read, true, vec![second.clone()])],
        "opening marks read and saves"
    );
    r.settle();
    let mut effects = r.effects_of(Action::ToggleStar);
    effects.extend(r.effects_of(Action::ToggleRead));
    assert_eq!(
        saved_change(&effects),
        [
            (Field::Starred, true, vec![second.clone()]),
            (Field::Read, false, vec![second.clone()])
        ],
        "each key saves only the mark it changed"
    );
    let post = r.app.list.visible[1];
    assert!(r.app.is_starred(post) && !r.app.is_read(post));
    r.run([Action::Back, Action::ToggleUnreadOnly]);
    assert!(r.app.list.visible.iter().all(|&p| !r.app.is_read(p)));
}

#[test]
fn marks_saved_by_another_reader_show_and_a_failed_save_is_said_until_a_key() {
    let mut r = Reader::demo(80, 24);
    r.run([Action::ToggleUnreadOnly]);
    let shown = r.app.list.visible.len();
    let post = r.app.list.visible[1];
    let first = r.app.store.posts()[post].id.clone();
    let elsewhere = |read| MarkRow {
        id: first.clone(),
        read,
        starred: true,
    };
    r.run([Action::MarksChanged(vec![elsewhere(false)])]);
    assert!(r.app.is_starred(post));
    assert!(r.frame().contains('★'), "{}", r.frame());
    r.run([Action::MarksChanged(vec![elsewhere(true)])]);
    assert_eq!(
        r.app.list.visible.len(),
        shown - 1,
        "read elsewhere: no longer unread"
    );
    let effects = r.effects_of(Action::ToggleStar);
    let [Effect::SaveMarks(save)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    r.run([
        Action::MarksSaved {
            seq: save.seq,
            error: Some(sinmun::i18n::Msg::SqliteSays.with("error", "disk I/O error")),
        },
        Action::Idle,
        Action::Idle,
    ]);
    assert_eq!(
        r.app.message.as_deref(),
        Some("cannot save marks: disk I/O error")
    );
    r.run([Action::Down]);
    assert_eq!(r.app.message, None, "a key clears it");
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
    let load = sinmun::loader::load(&[site.path().to_path_buf()], sinmun::post::Keep::ALL);
    let app = sinmun::app::App::new(
        sinmun::store::Store::new(load, false),
        common::reader::theme(),
        true,
    );
    let mut r = Reader::of(app, sinmun::app::effects::Effects::quiet(), 120, 40);
    r.run([Action::Open]);
    let links = r.app.screen.article().unwrap().links();
    assert_eq!(links, ["https://blog.example.kr/dev/2024/first"]);
}

#[test]
fn idle_time_renders_the_selected_article_ahead() {
    let mut r = Reader::folder(&common::fixture("site/_posts"), 120, 40);
    r.run([Action::Down]);
    let selected = r.app.selected_post().unwrap();
    assert!(r.app.rendered(selected).is_none());
    r.idle();
    assert!(r.app.rendered(selected).is_some(), "rendered ahead");
    assert!(r.effects_of(Action::Idle).is_empty(), "nothing more to do");
    let effects = r.effects_of(Action::Open);
    assert!(
        matches!(effects.as_slice(), [Effect::SaveMarks(_)]),
        "opening needs no file read and no render now: {effects:?}"
    );
    assert!(
        !r.app.screen.article().unwrap().lines().is_empty(),
        "{:?}",
        r.app.screen.article()
    );
}

#[test]
fn the_preview_of_a_post_without_excerpt_shows_its_beginning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("2024-03-01-note.md"),
        "---\ntitle: 요약 없는 글\n---\n\n첫 문단은 미리보기에 나옵니다.\n\n## 둘째 절\n\n둘째 문단.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("2024-02-01-lead.md"),
        "---\ntitle: 요약 있는 글\nexcerpt: 요약문입니다.\n---\n\n본문 첫 문단.\n",
    )
    .unwrap();
    let mut r = Reader::folder(dir.path(), 120, 20);
    r.idle();
    assert!(r.shows("첫 문단은 미리보기에 나옵니다."), "{}", r.frame());
    assert!(r.shows("## 둘째 절"));
    assert!(r.shows("Enter opens the article"));
    r.run([Action::Down]);
    r.idle();
    assert!(r.shows("요약문입니다."), "{}", r.frame());
    assert!(!r.shows("본문 첫 문단."), "the excerpt stands for the body");
}

#[test]
fn keys_that_do_nothing_where_they_are_typed_say_so() {
    let mut r = Reader::demo(120, 24);
    r.keys("n");
    assert!(
        r.status().contains("n acts in an article: Enter opens one"),
        "{}",
        r.status()
    );
    assert!(r.app.screen.article().is_none());
    r.keys("jx");
    assert!(
        r.status().contains("x does nothing here: ? shows the keys"),
        "{}",
        r.status()
    );
    r.run([Action::Open]);
    r.keys("x");
    assert!(r.status().contains("x does nothing here"), "{}", r.status());
    let mut r = Reader::demo_in(sinmun::i18n::Lang::Ko, 120, 24);
    r.keys("o");
    assert!(
        r.status()
            .contains("o: 기사를 연 뒤에 쓰는 키 (Enter로 열기)"),
        "{}",
        r.status()
    );
    r.keys("ㅜ");
    assert!(
        r.status().contains("n: 기사를 연 뒤에 쓰는 키"),
        "a jamo of n: {}",
        r.status()
    );
}

#[test]
fn an_article_opened_again_starts_where_it_was_left() {
    for (w, h) in [(120, 24), (60, 20)] {
        let mut r = Reader::demo(w, h);
        let scroll = |r: &Reader| r.app.screen.article().map(|a| a.scroll);
        r.run([Action::Open, Action::PageDown]);
        let left = scroll(&r);
        assert!(left > Some(0));
        r.run([Action::Back, Action::Open]);
        assert_eq!(scroll(&r), left, "{w}x{h}: Esc, Enter");
        r.run([Action::NextArticle]);
        assert_eq!(scroll(&r), Some(0), "another article from its top");
        r.run([Action::PrevArticle]);
        assert_eq!(scroll(&r), left, "{w}x{h}: n, p");
        r.run([Action::Bottom, Action::Back, Action::Open]);
        assert_eq!(
            scroll(&r),
            Some(0),
            "{w}x{h}: read to the end, from the top"
        );
    }
}

#[test]
fn space_at_the_end_of_an_article_says_so_then_opens_the_next_unread() {
    let mut r = Reader::demo(60, 20);
    let open = |r: &Reader| r.app.screen.article().map(|a| a.post);
    r.run([Action::Open, Action::Bottom]);
    let first = open(&r);
    r.run([Action::PageDown]);
    assert_eq!(open(&r), first, "not one key too many");
    assert_eq!(
        r.app.message.as_deref(),
        Some("end of the article: Space again opens the next unread post")
    );
    r.run([Action::Up, Action::Bottom, Action::PageDown]);
    assert_eq!(open(&r), first, "another key in between: told again");
    r.run([Action::PageDown]);
    let next = open(&r);
    assert!(next.is_some() && next != first);
    assert!(r.app.is_read(next.unwrap()));
    assert_eq!(r.app.screen.article().unwrap().scroll, 0);
}

#[test]
fn braces_jump_between_the_headings_of_an_article() {
    let dir = tempfile::tempdir().unwrap();
    let para = "문단입니다. ".repeat(30);
    let body = format!(
        "---\ntitle: 소제목 이동\n---\n\n{para}\n\n## 첫째 절\n\n{para}\n\n## 둘째 절 제목은 아주 길어서 좁은 화면에서는 두 줄이 됩니다\n\n{para}\n"
    );
    std::fs::write(dir.path().join("2024-01-01-h.md"), body).unwrap();
    let mut r = Reader::folder(dir.path(), 40, 10);
    r.run([Action::Open]);
    let top_line = |r: &Reader| {
        let a = r.app.screen.article().unwrap();
        a.lines()[a.scroll].text()
    };
    r.run([Action::NextHeading]);
    assert_eq!(top_line(&r).trim(), "## 첫째 절");
    r.run([Action::NextHeading]);
    assert!(top_line(&r).starts_with("## 둘째 절"), "{}", top_line(&r));
    r.run([Action::NextHeading]);
    assert_eq!(r.app.message.as_deref(), Some("no more headings below"));
    assert!(
        top_line(&r).starts_with("## 둘째 절"),
        "a wrapped heading is one"
    );
    r.run([Action::PrevHeading]);
    assert_eq!(top_line(&r).trim(), "## 첫째 절");
    r.run([Action::PrevHeading]);
    assert_eq!(r.app.message.as_deref(), Some("no more headings above"));
}

#[test]
fn a_narrow_list_gives_the_year_of_posts_older_than_a_year() {
    let dir = tempfile::tempdir().unwrap();
    for (date, title) in [
        ("2024-01-24", "올해 글"),
        ("2023-07-02", "작년 여름 글"),
        ("2022-03-05", "오래된 글"),
    ] {
        let post = format!("---\ntitle: {title}\n---\n본문\n");
        std::fs::write(dir.path().join(format!("{date}-p.md")), post).unwrap();
    }
    let mut r = Reader::folder(dir.path(), 50, 10);
    r.app.today = Some((2024, 6, 1));
    let row = |r: &Reader, title: &str| {
        r.rows()
            .into_iter()
            .find(|row| row.contains(title))
            .unwrap_or_default()
    };
    assert!(
        row(&r, "올해 글").trim_end().ends_with("01-24"),
        "{}",
        r.frame()
    );
    assert!(row(&r, "작년 여름 글").trim_end().ends_with("07-02"));
    assert!(
        row(&r, "오래된 글").trim_end().ends_with("2022"),
        "{}",
        r.frame()
    );
}

#[test]
fn the_category_picker_filters_its_categories_as_the_search_matches() {
    use crossterm::event::KeyCode;
    let dir = tempfile::tempdir().unwrap();
    for (i, cat) in ["개발", "개발 도구", "일기", "Rust"].iter().enumerate() {
        let post = format!("---\ntitle: 글 {i}\ncategories: [\"{cat}\"]\n---\n본문\n");
        std::fs::write(dir.path().join(format!("2024-01-0{}-p.md", i + 1)), post).unwrap();
    }
    let mut r = Reader::folder(dir.path(), 80, 20);
    // The picker's rows: its categories, chosen or not.
    let picked = |r: &Reader| -> Vec<String> {
        r.rows()
            .iter()
            .filter_map(|row| {
                let at = row.find("[ ] ").or_else(|| row.find("[x] "))?;
                let name = row[at + 4..].split("  ").next()?;
                Some(name.trim().to_string())
            })
            .collect()
    };
    r.keys("c/");
    r.keys("ㄱㅂ");
    assert!(r.shows("/ㄱㅂ_"), "{}", r.frame());
    assert_eq!(picked(&r), ["개발", "개발 도구"], "{}", r.frame());
    assert!(
        r.status().contains("Enter keep  Esc clear"),
        "{}",
        r.status()
    );
    r.key(KeyCode::Down);
    r.key(KeyCode::Enter);
    assert!(
        r.shows("/ㄱㅂ ") && !r.shows("/ㄱㅂ_"),
        "Enter keeps the filter"
    );
    r.keys(" ");
    r.key(KeyCode::Enter);
    assert_eq!(
        r.app.filters.categories,
        ["개발 도구"],
        "Space chose the row shown"
    );
    assert_eq!(r.app.list.visible.len(), 1);
    r.keys("c/zz");
    assert!(r.shows("no category matches"), "{}", r.frame());
    r.key(KeyCode::Esc);
    assert_eq!(picked(&r).len(), 4, "Esc clears the filter: {}", r.frame());
    assert!(r.app.popup.is_some(), "and the picker stays");
}

#[test]
fn next_unread_from_an_article_a_search_hides_starts_with_the_selected_post() {
    let dir = tempfile::tempdir().unwrap();
    for (i, title) in ["장마 소식", "태풍 소식 하나", "태풍 소식 둘"]
        .iter()
        .enumerate()
    {
        let post = format!("---\ntitle: {title}\n---\n본문\n");
        std::fs::write(dir.path().join(format!("2024-01-0{}-p.md", 3 - i)), post).unwrap();
    }
    let mut r = Reader::folder(dir.path(), 60, 20);
    r.run([Action::Open]);
    assert_eq!(r.title(r.app.screen.article().unwrap().post), "장마 소식");
    r.run(std::iter::once(Action::StartSearch).chain(typed("태풍")));
    r.run([Action::SearchAccept, Action::NextUnread]);
    let open = r.app.screen.article().map(|a| r.title(a.post));
    assert_eq!(
        open.as_deref(),
        Some("태풍 소식 하나"),
        "the selected unread post first"
    );
}

#[test]
fn ctrl_l_repaints_and_m_lets_the_terminal_select_text() {
    let mut r = Reader::demo(80, 24);
    assert_eq!(r.run([Action::Redraw]), [Outside::Redraw]);
    assert_eq!(r.run([Action::ToggleMouse]), [Outside::SetMouse(false)]);
    assert!(r.status().contains("mouse off"), "{}", r.status());
    assert_eq!(r.run([Action::ToggleMouse]), [Outside::SetMouse(true)]);
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    /// Every action a user (or a worker) can send.
    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            Just(Action::Up),
            Just(Action::Down),
            Just(Action::PageDown),
            Just(Action::PageUp),
            Just(Action::HalfPageDown),
            Just(Action::HalfPageUp),
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
            Just(Action::SearchInput(' ')),
            Just(Action::SearchBackspace),
            Just(Action::SearchDeleteWord),
            Just(Action::SearchLeft),
            Just(Action::SearchRight),
            Just(Action::SearchHome),
            Just(Action::SearchEnd),
            Just(Action::SearchAccept),
            Just(Action::SearchCancel),
            Just(Action::Paste("제주\u{1b}[2J 항공\n".into())),
            Just(Action::NextMatch),
            Just(Action::PrevMatch),
            Just(Action::OpenCategories),
            Just(Action::ToggleCategory),
            Just(Action::ApplyCategories),
            Just(Action::ClearCategories),
            Just(Action::OpenLinks),
            Just(Action::OpenLink(1)),
            Just(Action::OpenLink(10)),
            Just(Action::CopyLink),
            Just(Action::ToggleRead),
            Just(Action::ToggleStar),
            Just(Action::ToggleUnreadOnly),
            Just(Action::ToggleStarredOnly),
            Just(Action::MarkAllRead),
            Just(Action::Undo),
            Just(Action::CycleSort),
            Just(Action::Reload),
            Just(Action::Edit),
            Just(Action::ToggleDrafts),
            Just(Action::NextUnread),
            Just(Action::FolderChanged(vec!["demo/x.html".into()])),
            Just(Action::WidenList),
            Just(Action::NarrowList),
            Just(Action::ToggleList),
            Just(Action::ToggleMouse),
            Just(Action::ShowProblems),
            Just(Action::ShowHelp),
            Just(Action::Close),
            Just(Action::Quit),
            Just(Action::Suspend),
            Just(Action::Redraw),
            Just(Action::HangulKey),
            Just(Action::Idle),
            Just(Action::Notice("알림".into())),
            (0u16..230, 0u16..50, -5i16..5).prop_map(|(column, row, lines)| Action::Scroll {
                column,
                row,
                lines
            }),
            (0u16..230, 0u16..50).prop_map(|(column, row)| Action::Click { column, row }),
            (0u16..230, 0u16..50).prop_map(|(w, h)| Action::Resize(w, h)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

        /// Any size and any actions: no panic, nothing drawn outside the
        /// frame, and the view model holds: an open article is the
        /// selected post's unless the list hides its post, a popup's scroll
        /// never passes its last line.
        #[test]
        fn any_size_and_any_actions_never_panic(w in 1u16..230, h in 1u16..50, korean in any::<bool>(), actions in prop::collection::vec(action(), 0..30)) {
            let lang = if korean { sinmun::i18n::Lang::Ko } else { sinmun::i18n::Lang::En };
            let mut r = Reader::demo_in(lang, w, h);
            for a in actions {
                r.run([a]);
                // An article is the selected post's, or left open apart
                // from a list that does not show its post (a search typed
                // over it).
                if let Some(article) = r.app.screen.article() {
                    prop_assert!(
                        Some(article.post) == r.app.selected_post()
                            || !r.app.list.visible.contains(&article.post)
                    );
                }
                if let Some(layout) = r.app.popup_layout() {
                    prop_assert!(layout.top <= layout.max_top);
                }
                let (w, h) = r.app.size;
                if w > 0 && h > 0 {
                    r.frame();
                }
            }
        }
    }

    /// A blog with a draft, a post with a problem and posts that link to
    /// each other (one hidden by a search for 겨울).
    fn blog() -> common::Site {
        let site = common::Site::new();
        site.write("_config.yml", "title: 블로그\n");
        site.write(
            "_posts/2024-07-01-spring.md",
            "---\ntitle: 봄 소식\n---\n겨울 다음은 [여름](/2024/07/02/summer.html).\n",
        );
        site.write(
            "_posts/2024-07-02-summer.md",
            "---\ntitle: 여름 소식\ndate: 2024-02-30\n---\n[봄](/2024/07/01/spring.html)으로.\n",
        );
        site.write(
            "_posts/2024-07-03-draft.md",
            "---\ntitle: 가을 초안\npublished: false\n---\n겨울 [봄](/2024/07/01/spring.html)\n",
        );
        site
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

        /// The same over a blog's folder with drafts shown and hidden,
        /// problems chosen and links followed and gone back from: no panic,
        /// every index the view model holds is a post's, a popup's cursor
        /// is on one of its rows.
        #[test]
        fn a_blog_with_drafts_problems_and_links_never_panics(w in 1u16..160, h in 1u16..40, actions in prop::collection::vec(action(), 0..30)) {
            let site = blog();
            let mut r = Reader::folder(&site.path(), w, h);
            for a in actions {
                r.run([a]);
                let posts = r.app.store.posts().len();
                if let Some(article) = r.app.screen.article() {
                    prop_assert!(article.post < posts);
                }
                prop_assert!(r.app.list.visible.iter().all(|&p| p < posts));
                if let Some(sinmun::app::Popup::Problems { cursor }) = r.app.popup {
                    prop_assert!(cursor < r.app.problems().count().max(1));
                }
                if let Some(layout) = r.app.popup_layout() {
                    prop_assert!(layout.top <= layout.max_top);
                }
                let (w, h) = r.app.size;
                if w > 0 && h > 0 {
                    r.frame();
                }
            }
        }
    }
}

#[test]
fn the_links_popup_shows_hangul_addresses_and_opens_and_copies_them_as_written() {
    let site = common::Site::new();
    site.write(
        "2024-01-02-a.md",
        "---\ntitle: 링크\n---\n[선언형](https://ko.wikipedia.org/wiki/선언형)\n",
    );
    let mut r = Reader::folder(&site.path(), 100, 20);
    r.run([Action::Open, Action::OpenLinks]);
    assert!(
        r.shows("[1] https://ko.wikipedia.org/wiki/선언형"),
        "{}",
        r.frame()
    );
    assert!(!r.frame().contains("%EC"), "{}", r.frame());
    let written = "https://ko.wikipedia.org/wiki/%EC%84%A0%EC%96%B8%ED%98%95";
    let effects = r.effects_of(Action::OpenLink(1));
    assert!(
        matches!(&effects[..], [Effect::OpenUrl(u)] if u == written),
        "{effects:?}"
    );
    assert!(r.status().contains("wiki/선언형"), "{}", r.status());
    r.run([Action::OpenLinks]);
    let effects = r.effects_of(Action::CopyLink);
    assert!(
        matches!(&effects[..], [Effect::Copy(u)] if u == written),
        "{effects:?}"
    );
}
