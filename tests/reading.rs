//! The daily reading loop: unread counts, mark all read and undo, the
//! starred view, sorting, reloading and watching the folder, links opened
//! in a text browser or copied.

mod common;

use std::time::{Duration, Instant};

use common::reader::Reader;
use sinmun::app::effects::{Effects, Opener, Outside, Setup};
use sinmun::app::{Action, App};
use sinmun::loader;
use sinmun::post::Keep;
use sinmun::store::Store;

fn post(title: &str, date: &str, category: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: {date}\ncategories: [{category}]\nexcerpt: 요약입니다.\n---\n<p>{title} 본문입니다.</p>\n"
    )
}

fn site() -> common::Site {
    let site = common::Site::new();
    site.write("2024-07-01-a.html", post("첫째 소식", "2024-07-01", "사회"));
    site.write("2024-07-02-b.html", post("둘째 소식", "2024-07-02", "경제"));
    site.write("2024-07-03-c.html", post("셋째 소식", "2024-07-03", "경제"));
    site
}

fn titles(r: &Reader) -> Vec<String> {
    r.app.list.visible.iter().map(|&i| r.title(i)).collect()
}

#[test]
fn unread_counts_follow_reading_and_the_filter() {
    let mut r = Reader::demo(120, 40);
    assert!(r.status().contains("12 unread"), "{}", r.status());
    r.run([Action::Open]);
    assert!(r.status().contains("11 unread"), "{}", r.status());
    r.run([
        Action::Back,
        Action::OpenCategories,
        Action::ToggleCategory,
        Action::ApplyCategories,
    ]);
    assert!(r.status().contains("1/11 unread"), "{}", r.status());
}

#[test]
fn mark_all_read_then_undo() {
    let mut r = Reader::demo(80, 24);
    r.run([Action::Open, Action::Back]);
    r.run([Action::MarkAllRead]);
    assert!(
        r.status().contains("0 unread") && r.shows("11 posts marked read"),
        "{}",
        r.status()
    );
    r.run([Action::Undo]);
    assert_eq!(
        r.app.unread_counts(),
        (11, 11),
        "the post read before stays read"
    );
    r.run([Action::Undo]);
    assert_eq!(r.app.message.as_deref(), Some("nothing to undo"));
}

#[test]
fn starred_view_and_sorting() {
    let mut r = Reader::demo(80, 24);
    r.run([Action::Down, Action::ToggleStar]);
    let starred = r.app.selected_post().unwrap();
    r.run([Action::ToggleStarredOnly]);
    assert_eq!(r.app.list.visible, [starred]);
    r.run([Action::Back]);
    assert_eq!(r.app.list.visible.len(), 12, "Esc leaves the starred view");
    r.run([Action::CycleSort]);
    let by_title = titles(&r);
    let mut sorted = by_title.clone();
    sorted.sort();
    assert_eq!(by_title, sorted);
    assert_eq!(
        r.app.selected_post(),
        Some(starred),
        "the selection stays on its post"
    );
    r.run([Action::CycleSort, Action::CycleSort]);
    assert!(r.status().contains("sorted by date"));
}

#[test]
fn the_configured_sort_is_the_starting_order() {
    let load = loader::load_demo(Keep::ALL);
    let app = App::new(Store::new(load, false), common::reader::theme(), true)
        .with_sort(sinmun::config::Sort::Title);
    let r = Reader::of(app, Effects::quiet(), 80, 24);
    let t = titles(&r);
    assert!(t.windows(2).all(|w| w[0] <= w[1]), "{t:?}");
}

#[test]
fn reload_reads_new_changed_and_removed_files_and_keeps_selection_and_marks() {
    let site = site();
    let mut r = Reader::folder(&site.path(), 80, 24);
    assert_eq!(titles(&r), ["셋째 소식", "둘째 소식", "첫째 소식"]);
    r.run([Action::Down, Action::ToggleStar, Action::Open, Action::Back]);
    site.write("2024-07-04-d.html", post("넷째 소식", "2024-07-04", "사회"));
    site.write(
        "2024-07-01-a.html",
        post("첫째 소식 (고침)", "2024-07-01", "사회"),
    );
    std::fs::remove_file(site.path().join("2024-07-03-c.html")).unwrap();
    r.run([Action::Reload]);
    assert_eq!(titles(&r), ["넷째 소식", "둘째 소식", "첫째 소식 (고침)"]);
    assert_eq!(
        r.title(r.app.selected_post().unwrap()),
        "둘째 소식",
        "the selection stays"
    );
    let second = r.app.selected_post().unwrap();
    assert!(
        r.app.is_starred(second) && r.app.is_read(second),
        "marks stay"
    );
    assert!(
        r.status().contains("1 new post · 1 changed · 1 removed"),
        "{}",
        r.status()
    );
    // The new and changed posts are indexed for search.
    r.run(std::iter::once(Action::StartSearch).chain(common::reader::typed("넷째")));
    assert_eq!(titles(&r), ["넷째 소식"]);
    r.run([Action::SearchCancel, Action::Reload]);
    assert!(r.status().contains("no new posts"), "{}", r.status());
}

#[test]
fn an_open_article_stays_open_across_a_reload() {
    let site = site();
    let mut r = Reader::folder(&site.path(), 120, 30);
    r.run([Action::Down, Action::Open, Action::Down]);
    site.write(
        "2024-07-05-e.html",
        post("다섯째 소식", "2024-07-05", "경제"),
    );
    r.run([Action::Reload]);
    let a = r.app.screen.article().expect("still open");
    assert_eq!(r.title(a.post), "둘째 소식");
    assert_eq!(a.scroll, 0, "short articles do not scroll");
    assert_eq!(Some(a.post), r.app.selected_post());
}

#[test]
fn a_file_added_to_the_watched_folder_appears_by_itself() {
    let site = site();
    let load = loader::load(&[site.path()], Keep::default());
    let mut app = App::new(Store::new(load, false), common::reader::theme(), false);
    app.folders = vec![site.path()];
    let effects = Effects::new(Setup {
        folders: app.folders.clone(),
        watch: true,
        loaded_at: Some(std::time::SystemTime::now()),
        opener: Opener::off(),
        ..Setup::default()
    });
    let mut r = Reader::of(app, effects, 80, 24);
    r.effects.start(&r.app);
    r.settle();
    site.write(
        "2024-07-09-new.html",
        post("새로 쓴 소식", "2024-07-09", "사회"),
    );
    let start = Instant::now();
    while !titles(&r).contains(&"새로 쓴 소식".to_string()) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "never appeared: {:?}",
            titles(&r)
        );
        std::thread::sleep(Duration::from_millis(20));
        r.effects.apply_answers(&mut r.app);
        r.settle();
    }
    assert!(r.status().contains("1 new post"), "{}", r.status());
}

/// The demo reader with `$BROWSER` set to `browser`.
fn with_browser(browser: &str) -> Reader {
    let load = loader::load_demo(Keep::ALL);
    let app = App::new(Store::new(load, false), common::reader::theme(), true);
    let effects = Effects::new(Setup {
        opener: Opener {
            disabled: false,
            browser: Some(browser.into()),
            in_terminal: false,
            lang: sinmun::i18n::Lang::En,
        },
        ..Setup::default()
    });
    Reader::of(app, effects, 120, 40)
}

#[test]
fn y_copies_through_osc_52_and_text_browsers_run_in_the_terminal() {
    let mut r = Reader::demo(120, 40);
    r.run([Action::Open, Action::OpenLinks]);
    let outside = r.run([Action::CopyLink]);
    let [Outside::Write(seq)] = &outside[..] else {
        panic!("{outside:?}")
    };
    assert!(seq.starts_with("\u{1b}]52;c;") && seq.ends_with('\u{7}'));
    assert!(r.status().contains("copied https://"), "{}", r.status());
    // Copying in the article: its own address, when its front matter has one.
    r.run([Action::Close]);
    assert!(r.run([Action::CopyLink]).is_empty());
    assert!(r.shows("no web address for this post"), "{}", r.status());

    let mut r = with_browser("w3m");
    r.run([Action::Open]);
    let outside = r.run([Action::OpenLink(1)]);
    assert!(
        matches!(&outside[..], [Outside::RunInTerminal(argv)] if argv[0] == "w3m" && argv[1].starts_with("https://")),
        "{outside:?}"
    );
}

#[test]
fn opening_with_no_browser_names_what_was_tried() {
    let mut r = with_browser("/nonexistent/browser");
    r.run([Action::Open, Action::OpenLink(1)]);
    let message = r.app.message.clone().unwrap_or_default();
    assert!(
        message.contains("$BROWSER (/nonexistent/browser)"),
        "{message}"
    );
}

#[test]
fn a_link_to_another_post_of_the_blog_opens_it_here() {
    let site = common::Site::new();
    site.write(
        "_config.yml",
        "title: 개발 노트\nurl: https://dev.example.kr\n",
    );
    site.write(
        "_posts/2024-07-01-first.md",
        "---\ntitle: 첫 글\n---\n다음 글은 [여기](/2024/07/02/second.html), \
         셋째는 [저기]({% post_url 2024-07-03-third %}), \
         소개는 [이곳](/about/).\n",
    );
    site.write(
        "_posts/2024-07-02-second.md",
        "---\ntitle: 둘째 글\n---\n본문\n",
    );
    site.write(
        "_posts/2024-07-03-third.md",
        "---\ntitle: 셋째 글\n---\n본문\n",
    );
    let mut r = Reader::folder(&site.path(), 120, 40);
    // Newest first: the first post is the last row.
    r.run([Action::Down, Action::Down, Action::Open]);
    assert_eq!(r.title(r.app.list.selected_post().unwrap()), "첫 글");
    // The links say which post each of the blog's own opens.
    r.run([Action::OpenLinks]);
    assert!(
        r.shows("/2024/07/02/second.html · 둘째 글"),
        "{:#?}",
        r.rows()
    );
    assert!(r.shows("/about/"), "{:#?}", r.rows());
    r.run([Action::Close]);
    let effects = r.effects_of(Action::OpenLink(1));
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, sinmun::app::Effect::OpenUrl(_))),
        "{effects:?}"
    );
    let shown = r.app.screen.article().map(|a| r.title(a.post));
    assert_eq!(shown.as_deref(), Some("둘째 글"));
    assert_eq!(r.title(r.app.list.selected_post().unwrap()), "둘째 글");
    // Back to the first (the row below), then its second link.
    r.run([Action::NextArticle]);
    let shown = r.app.screen.article().map(|a| r.title(a.post));
    assert_eq!(shown.as_deref(), Some("첫 글"));
    r.run([Action::OpenLink(2)]);
    let shown = r.app.screen.article().map(|a| r.title(a.post));
    assert_eq!(shown.as_deref(), Some("셋째 글"));
    // A page that is not a post is not opened.
    r.run([
        Action::NextArticle,
        Action::NextArticle,
        Action::OpenLink(3),
    ]);
    let message = r.app.message.clone().unwrap_or_default();
    assert!(message.contains("not opened"), "{message}");
}

#[test]
fn e_edits_the_selected_post_in_the_editor_and_reads_it_again_after() {
    let site = site();
    let mut r = Reader::folder(&site.path(), 120, 30);
    r.run([Action::Down, Action::Open]);
    let (argv, path) = r.edit();
    assert_eq!(path, site.path().join("2024-07-02-b.html"));
    assert_eq!(argv.last().map(std::path::Path::new), Some(path.as_path()));
    // What the editor does, then the runner's word that it was closed.
    site.write(
        "2024-07-02-b.html",
        post("둘째 소식 (고침)", "2024-07-02", "경제"),
    );
    r.editor_closed(path);
    let a = r.app.screen.article().expect("the article stays open");
    assert_eq!(r.title(a.post), "둘째 소식 (고침)");
    assert!(
        r.frame().contains("둘째 소식 (고침) 본문입니다."),
        "{}",
        r.frame()
    );
    assert!(r.status().contains("1 changed"), "{}", r.status());
}

#[test]
fn the_demo_posts_have_no_file_to_edit() {
    let mut r = Reader::demo(120, 40);
    assert!(r.run([Action::Edit]).is_empty());
    assert!(r.status().contains("nothing to edit"), "{}", r.status());
}

#[test]
fn a_post_changed_after_a_start_from_the_index_leaves_every_body_searchable() {
    let site = site();
    let cache = tempfile::tempdir().unwrap();
    let file = cache.path().join("index.sqlite3");
    // The second start is warm: bodies come from the index.
    drop(Reader::indexed(&site.path(), &file, 100, 20));
    let mut r = Reader::indexed(&site.path(), &file, 100, 20);
    assert!(!r.status().contains("bodies"), "{}", r.status());
    site.write(
        "2024-07-01-a.html",
        format!(
            "{}<p>새 단어 두루미</p>\n",
            post("첫째 소식", "2024-07-01", "사회")
        ),
    );
    r.run([Action::Reload]);
    assert!(r.status().contains("1 changed"), "{}", r.status());
    assert!(
        !r.status().contains("bodies"),
        "every body is still searchable: {}",
        r.status()
    );
    r.run(std::iter::once(Action::StartSearch).chain(common::reader::typed("두루미")));
    assert_eq!(titles(&r), ["첫째 소식"]);
    r.run(std::iter::once(Action::SearchCancel));
    r.run(std::iter::once(Action::StartSearch).chain(common::reader::typed("본문입니다")));
    assert_eq!(titles(&r).len(), 3, "{:?}", titles(&r));
}

/// A post without problems, and one whose date is no date (line 3).
fn fine_and_misdated() -> common::Site {
    let site = common::Site::new();
    site.write(
        "2024-07-01-fine.html",
        post("멀쩡한 소식", "2024-07-01", "사회"),
    );
    site.write(
        "2024-07-02-bad.html",
        "---\ntitle: 날짜가 틀린 소식\ndate: 2024-02-30\n---\n<p>본문</p>\n",
    );
    site
}

/// The problems popup chooses: `Enter` opens the post a problem is about,
/// `e` edits its file at the problem's line.
#[test]
fn a_problem_opens_its_post_or_its_file_at_the_line() {
    let site = fine_and_misdated();
    site.write("2024-07-03-binary.html", b"\x00\x01\x02PNG");
    let mut r = Reader::folder(&site.path(), 100, 24);
    r.run([Action::ShowProblems]);
    let places: Vec<(String, usize)> = r
        .app
        .problems()
        .map(|p| (p.path.file_name().unwrap().to_string_lossy().into(), p.line))
        .collect();
    let bad = places
        .iter()
        .position(|(f, _)| f == "2024-07-02-bad.html")
        .unwrap();
    let binary = places
        .iter()
        .position(|(f, _)| f == "2024-07-03-binary.html")
        .unwrap();
    assert!(r.status().contains("Enter open  e edit"), "{}", r.status());

    let to = |r: &mut Reader, row: usize| {
        r.run([Action::Top]);
        r.run(std::iter::repeat_n(Action::Down, row));
    };
    to(&mut r, bad);
    let (argv, path) = r.edit();
    assert_eq!(path, site.path().join("2024-07-02-bad.html"));
    assert_eq!(places[bad].1, 3, "the date's line");
    assert_eq!(
        argv[..3],
        ["vi", "-c", "3"],
        "the editor by default, at the line"
    );
    assert!(r.app.popup.is_some(), "the problems stay open");

    to(&mut r, binary);
    r.run([Action::Open]);
    assert!(r.app.popup.is_some());
    assert!(r.status().contains("is not a post"), "{}", r.status());

    to(&mut r, bad);
    r.run([Action::Open]);
    assert!(r.app.popup.is_none());
    let a = r.app.screen.article().expect("its post is open");
    assert_eq!(r.title(a.post), "날짜가 틀린 소식");
}

/// After following a link to another post, `Esc` returns to the article
/// the link was in, where it was read; then to the list. Opening a post
/// any other way starts the way back again.
#[test]
fn back_after_a_followed_link_returns_to_the_article_it_was_in() {
    let site = common::Site::new();
    site.write("_config.yml", "title: 개발 노트\n");
    let long: String = (1..=60)
        .map(|i| format!("{i}번째 문단입니다.\n\n"))
        .collect();
    site.write(
        "_posts/2024-07-01-first.md",
        format!("---\ntitle: 첫 글\n---\n{long}다음 글은 [여기](/2024/07/02/second.html).\n"),
    );
    site.write(
        "_posts/2024-07-02-second.md",
        "---\ntitle: 둘째 글\n---\n셋째는 [저기](/2024/07/03/third.html).\n",
    );
    site.write(
        "_posts/2024-07-03-third.md",
        "---\ntitle: 셋째 글\n---\n본문\n",
    );
    let shown = |r: &Reader| r.app.screen.article().map(|a| (r.title(a.post), a.scroll));
    let mut r = Reader::folder(&site.path(), 120, 30);
    r.run([Action::Bottom, Action::Open, Action::Bottom]);
    let (_, read_to) = shown(&r).unwrap();
    assert!(read_to > 0, "the first post is long");
    r.run([Action::OpenLink(1)]);
    assert_eq!(shown(&r), Some(("둘째 글".into(), 0)));
    r.run([Action::OpenLink(1)]);
    assert_eq!(shown(&r), Some(("셋째 글".into(), 0)));
    r.run([Action::Back]);
    assert_eq!(shown(&r), Some(("둘째 글".into(), 0)));
    assert_eq!(r.title(r.app.selected_post().unwrap()), "둘째 글");
    r.run([Action::Back]);
    assert_eq!(
        shown(&r),
        Some(("첫 글".into(), read_to)),
        "where it was read"
    );
    r.run([Action::Back]);
    assert!(r.app.screen.article().is_none(), "then the list");

    // `n` opens another post: the way back starts again.
    r.run([Action::Open, Action::OpenLink(1), Action::PrevArticle]);
    assert_eq!(shown(&r).map(|s| s.0).as_deref(), Some("셋째 글"));
    r.run([Action::Back]);
    assert!(r.app.screen.article().is_none());
}

/// A problem's post hidden by the search opens all the same, and the marks
/// and `e` then act on that post, not on the one selected in the list.
#[test]
fn a_problem_post_hidden_by_the_search_is_the_one_marks_and_edit_act_on() {
    let site = fine_and_misdated();
    let mut r = Reader::folder(&site.path(), 100, 24);
    r.run(std::iter::once(Action::StartSearch).chain(common::reader::typed("멀쩡")));
    r.run([Action::SearchAccept, Action::ShowProblems, Action::Open]);
    let open = r.app.screen.article().map(|a| a.post).expect("opened");
    assert_eq!(r.title(open), "날짜가 틀린 소식");
    r.run([Action::ToggleStar]);
    assert!(r.app.is_starred(open), "the open post is starred");
    let (_, path) = r.edit();
    assert_eq!(path, site.path().join("2024-07-02-bad.html"));
}

/// After the editor closes on a problem's file, the problems show what is
/// left: the cursor stays on the problem it was on, problems found later
/// in the file are gone with it.
#[test]
fn the_problems_after_an_edit_keep_the_cursor_on_its_problem() {
    let site = common::Site::new();
    let bad = |n: u8| format!("---\ntitle: 소식 {n}\ndate: 2024-02-3{n}\n---\n<p>본문</p>\n");
    site.write("2024-07-01-a.html", bad(0));
    site.write("2024-07-02-b.html", bad(1));
    site.write("2024-07-03-c.html", bad(0));
    let mut r = Reader::folder(&site.path(), 100, 24);
    let later = sinmun::problem::Problem::new(
        &site.path().join("2024-07-01-a.html"),
        1,
        sinmun::i18n::Msg::FailedRendering,
    );
    r.run([Action::Problems(vec![later]), Action::ShowProblems]);
    let places = |r: &Reader| -> Vec<String> {
        r.app
            .problems()
            .map(|p| p.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(places(&r).len(), 4, "{:?}", places(&r));
    // On b's problem; a's are fixed meanwhile (one found later among them).
    let b = places(&r)
        .iter()
        .position(|p| p == "2024-07-02-b.html")
        .unwrap();
    r.run(std::iter::repeat_n(Action::Down, b));
    site.write("2024-07-01-a.html", post("소식 0", "2024-07-01", "사회"));
    let path = site.path().join("2024-07-01-a.html");
    r.editor_closed(path);
    assert_eq!(places(&r), ["2024-07-02-b.html", "2024-07-03-c.html"]);
    let Some(sinmun::app::Popup::Problems { cursor }) = r.app.popup else {
        panic!("the problems stay open")
    };
    assert_eq!(
        places(&r)[cursor],
        "2024-07-02-b.html",
        "still on b's problem"
    );
}

/// A draft not shown keeps its problems when it is read again (after `e`
/// on its problem, say), as it had them at the first load.
#[test]
fn a_hidden_draft_keeps_its_problems_when_read_again() {
    let site = site();
    let draft = "---\ntitle: 초안\ndate: 2024-02-30\npublished: false\n---\n<p>쓰는 중</p>\n";
    site.write("2024-07-09-draft.html", draft);
    let mut r = Reader::folder(&site.path(), 100, 24);
    let count = |r: &Reader| r.app.problems().count();
    assert_eq!(count(&r), 1, "the draft's date");
    assert_eq!(titles(&r).len(), 3, "the draft is not shown");
    site.write(
        "2024-07-09-draft.html",
        draft.replace("쓰는 중", "계속 쓰는 중"),
    );
    r.editor_closed(site.path().join("2024-07-09-draft.html"));
    assert_eq!(count(&r), 1, "still there");
}

/// `D` shows the drafts among the posts, where their dates put them,
/// searchable by their bodies, and hides them again; the selection stays.
#[test]
fn d_shows_and_hides_the_drafts() {
    let site = site();
    site.write(
        "2024-07-02-draft.html",
        "---\ntitle: 쓰는 중인 소식\ndate: 2024-07-02 12:00\npublished: false\n---\n<p>두루미가 날아왔다</p>\n",
    );
    let mut r = Reader::folder(&site.path(), 100, 24);
    r.run([Action::Down]);
    assert_eq!(titles(&r), ["셋째 소식", "둘째 소식", "첫째 소식"]);
    r.run([Action::ToggleDrafts]);
    assert_eq!(
        titles(&r),
        ["셋째 소식", "쓰는 중인 소식", "둘째 소식", "첫째 소식"]
    );
    assert_eq!(r.title(r.app.selected_post().unwrap()), "둘째 소식");
    assert!(r.status().contains("drafts shown (1)"), "{}", r.status());
    let row = r
        .rows()
        .into_iter()
        .find(|row| row.contains("쓰는 중인 소식"));
    assert!(
        row.as_deref().is_some_and(|row| row.contains(" draft│")),
        "a draft says so in the date column: {row:?}"
    );
    assert!(!r.status().contains("bodies"), "{}", r.status());
    r.run(std::iter::once(Action::StartSearch).chain(common::reader::typed("두루미")));
    assert_eq!(titles(&r), ["쓰는 중인 소식"]);
    r.run([Action::SearchCancel, Action::ToggleDrafts]);
    assert_eq!(titles(&r), ["셋째 소식", "둘째 소식", "첫째 소식"]);
    assert!(r.status().contains("drafts hidden (1)"), "{}", r.status());
}

#[test]
fn drafts_shown_in_a_reader_started_from_the_index_are_searchable() {
    let site = site();
    site.write(
        "2024-07-02-draft.html",
        "---\ntitle: 쓰는 중인 소식\npublished: false\n---\n<p>두루미가 날아왔다</p>\n",
    );
    let cache = tempfile::tempdir().unwrap();
    let file = cache.path().join("index.sqlite3");
    drop(Reader::indexed(&site.path(), &file, 100, 20));
    let mut r = Reader::indexed(&site.path(), &file, 100, 20);
    assert_eq!(titles(&r).len(), 3);
    r.run([Action::ToggleDrafts]);
    assert_eq!(titles(&r).len(), 4);
    assert!(!r.status().contains("bodies"), "{}", r.status());
    r.run(std::iter::once(Action::StartSearch).chain(common::reader::typed("두루미")));
    assert_eq!(titles(&r), ["쓰는 중인 소식"]);
}

const DRAFT: &str = "---\ntitle: 쓰는 중인 소식\ndate: 2024-07-02 12:00\npublished: false\n---\n<p>두루미가 날아왔다</p>\n";

/// `D` with no drafts changes nothing: a draft written later stays hidden.
#[test]
fn d_without_drafts_leaves_drafts_hidden() {
    let site = site();
    let mut r = Reader::folder(&site.path(), 100, 24);
    r.run([Action::ToggleDrafts]);
    assert!(r.status().contains("no drafts"), "{}", r.status());
    site.write("2024-07-02-draft.html", DRAFT);
    r.run([Action::Reload]);
    assert_eq!(titles(&r).len(), 3, "{:?}", titles(&r));
}

/// Drafts shown with `D` are files a reload knows: untouched, they are not
/// "changed".
#[test]
fn a_reload_after_d_finds_untouched_drafts_unchanged() {
    let site = site();
    site.write("2024-07-02-draft.html", DRAFT);
    let mut r = Reader::folder(&site.path(), 100, 24);
    r.run([Action::ToggleDrafts, Action::Reload]);
    assert_eq!(titles(&r).len(), 4);
    assert!(r.status().contains("no new posts"), "{}", r.status());
}

/// A draft the index never held (written after the start) is indexed when
/// `D` shows it.
#[test]
fn a_draft_written_after_an_index_start_is_searchable_once_shown() {
    let site = site();
    let cache = tempfile::tempdir().unwrap();
    let mut r = Reader::indexed(&site.path(), &cache.path().join("index.sqlite3"), 100, 20);
    site.write("2024-07-02-draft.html", DRAFT);
    r.run([Action::Reload]);
    assert_eq!(titles(&r).len(), 3, "hidden");
    r.run([Action::ToggleDrafts]);
    assert!(!r.status().contains("bodies"), "{}", r.status());
    r.run(std::iter::once(Action::StartSearch).chain(common::reader::typed("두루미")));
    assert_eq!(titles(&r), ["쓰는 중인 소식"]);
}

/// A click, then `D` moves the posts: the next click on another row is a
/// first click, not the second of a double click.
#[test]
fn a_click_before_d_is_not_half_of_a_double_click() {
    let site = site();
    site.write("2024-07-02-draft.html", DRAFT);
    let mut r = Reader::folder(&site.path(), 100, 24);
    // The second row (둘째 소식), then the draft takes its place.
    r.run([Action::Click { column: 5, row: 1 }, Action::ToggleDrafts]);
    assert_eq!(r.title(r.app.list.visible[1]), "쓰는 중인 소식");
    r.run([Action::Click { column: 5, row: 1 }]);
    assert!(r.app.screen.article().is_none(), "one click selects only");
}

/// `Enter` on the problem of a draft not shown says how to show it.
#[test]
fn a_hidden_drafts_problem_says_d_shows_it() {
    let site = site();
    site.write(
        "2024-07-02-draft.html",
        "---\ntitle: 초안\ndate: 2024-02-30\npublished: false\n---\n<p>쓰는 중</p>\n",
    );
    let mut r = Reader::folder(&site.path(), 100, 24);
    r.run([Action::ShowProblems, Action::Open]);
    assert!(r.status().contains("is a draft: D shows"), "{}", r.status());
    r.run([
        Action::Close,
        Action::ToggleDrafts,
        Action::ShowProblems,
        Action::Open,
    ]);
    let a = r.app.screen.article().expect("shown, it opens");
    assert_eq!(r.title(a.post), "초안");
}

/// `N` opens the next unread post below, then from the top; with none
/// left it says so.
#[test]
fn n_shift_opens_the_next_unread_post() {
    let site = site();
    let mut r = Reader::folder(&site.path(), 100, 24);
    // 셋째 (top) is read; on 둘째, with nothing open, N opens 둘째 itself.
    r.run([Action::Open, Action::Back, Action::Down, Action::NextUnread]);
    assert_eq!(open(&r).as_deref(), Some("둘째 소식"));
    // Reading it, N opens the next unread below: 첫째.
    r.run([Action::NextUnread]);
    assert_eq!(open(&r).as_deref(), Some("첫째 소식"));
    // From the last row, round to the top: none is left.
    r.run([Action::NextUnread]);
    assert!(r.status().contains("no unread posts"), "{}", r.status());
    assert_eq!(open(&r).as_deref(), Some("첫째 소식"), "stays");
    // One marked unread again above is found from the top.
    r.run([
        Action::Back,
        Action::Top,
        Action::ToggleRead,
        Action::Bottom,
        Action::Open,
    ]);
    r.run([Action::NextUnread]);
    assert_eq!(open(&r).as_deref(), Some("셋째 소식"));
}

/// Two folders can hold posts with the same id: a reload keeps the
/// selection on the file it was on.
#[test]
fn a_reload_keeps_the_selection_on_its_file_when_ids_repeat() {
    let (one, two) = (common::Site::new(), common::Site::new());
    one.write(
        "2024-07-01-a.html",
        post("첫 폴더의 글", "2024-07-01", "사회"),
    );
    two.write(
        "2024-07-01-a.html",
        post("둘째 폴더의 글", "2024-07-01", "사회"),
    );
    let load = loader::load(&[one.path(), two.path()], Keep::default());
    let mut app = App::new(Store::new(load, false), common::reader::theme(), false);
    app.folders = vec![one.path(), two.path()];
    let effects = Effects::new(Setup {
        folders: app.folders.clone(),
        loaded_at: Some(std::time::SystemTime::now()),
        opener: Opener::off(),
        ..Setup::default()
    });
    let mut r = Reader::of(app, effects, 100, 20);
    r.effects.start(&r.app);
    r.settle();
    // The second row: looked up by its id, the first row's post is found.
    r.run([Action::Down]);
    let on = titles(&r)[1].clone();
    r.run([Action::Reload]);
    assert_eq!(r.title(r.app.selected_post().unwrap()), on);
}

/// A blog of two posts, the spring one linking to the summer one.
fn spring_and_summer() -> common::Site {
    let site = common::Site::new();
    site.write("_config.yml", "title: 블로그\n");
    site.write(
        "_posts/2024-07-01-spring.md",
        "---\ntitle: 봄 소식\n---\n다음은 [여름](/2024/07/02/summer.html).\n",
    );
    site.write(
        "_posts/2024-07-02-summer.md",
        "---\ntitle: 여름 소식\n---\n덥다.\n",
    );
    site
}

/// The title of the open article.
fn open(r: &Reader) -> Option<String> {
    r.app.screen.article().map(|a| r.title(a.post))
}

/// A search for 봄 kept, its post opened, and its link to the summer post
/// (which the search hides) followed.
fn summer_through_a_hidden_link(r: &mut Reader) {
    r.run(std::iter::once(Action::StartSearch).chain(common::reader::typed("봄")));
    r.run([Action::SearchAccept, Action::Open, Action::OpenLink(1)]);
    assert_eq!(open(r).as_deref(), Some("여름 소식"));
}

/// A post opened by a link while the search hides it stays open when its
/// file is edited and read again.
#[test]
fn an_article_opened_by_a_link_outside_the_search_stays_open_after_an_edit() {
    let site = spring_and_summer();
    let mut r = Reader::folder(&site.path(), 100, 24);
    summer_through_a_hidden_link(&mut r);
    let (_, path) = r.edit();
    site.write(
        "_posts/2024-07-02-summer.md",
        "---\ntitle: 여름 소식\n---\n무척 덥다.\n",
    );
    r.editor_closed(path);
    assert_eq!(open(&r).as_deref(), Some("여름 소식"), "still open");
    assert!(r.frame().contains("무척 덥다."), "{}", r.frame());
    r.run([Action::Back]);
    assert_eq!(open(&r).as_deref(), Some("봄 소식"), "and the way back");
}

/// An article apart from the selection joins it once its post is listed
/// (the search cleared); from it, `n` and `p` go back to the list's post;
/// the wheel over the list leaves it open.
#[test]
fn an_article_apart_from_the_selection_joins_it_when_listed() {
    let site = spring_and_summer();
    let selected = |r: &Reader| r.title(r.app.selected_post().unwrap());
    let mut r = Reader::folder(&site.path(), 120, 24);
    summer_through_a_hidden_link(&mut r);
    // The wheel over the list moves nothing: the article stays.
    r.run([Action::Scroll {
        column: 2,
        row: 0,
        lines: 3,
    }]);
    assert_eq!(open(&r).as_deref(), Some("여름 소식"));
    r.run([Action::NextArticle]);
    assert_eq!(
        open(&r).as_deref(),
        Some("봄 소식"),
        "back to the list's post"
    );
    // Again, then the search cleared: the summer post is listed and chosen.
    r.run([Action::OpenLink(1), Action::Back]);
    assert_eq!(open(&r).as_deref(), Some("봄 소식"));
    r.run([Action::OpenLink(1), Action::SwitchPane, Action::Back]);
    assert!(r.app.filters.query().is_empty(), "the search is cleared");
    assert_eq!(open(&r).as_deref(), Some("여름 소식"));
    assert_eq!(selected(&r), "여름 소식", "the selection joined it");
}

/// With nothing open, `N` opens the selected post when it is unread.
#[test]
fn n_shift_in_the_list_starts_at_the_selected_post() {
    let site = site();
    let mut r = Reader::folder(&site.path(), 100, 24);
    r.run([Action::NextUnread]);
    let a = r.app.screen.article().expect("opened");
    assert_eq!(r.title(a.post), "셋째 소식", "the first row");
}

/// A Jekyll site with a post waiting for its date (it has a problem too,
/// for the problems' list) and one published.
fn waiting() -> common::Site {
    let site = common::Site::new();
    site.write("_config.yml", "title: 예약 블로그\n");
    site.write(
        "_posts/2000-01-01-지난.md",
        "---\ntitle: 지난 글\n---\n본문\n",
    );
    site.write(
        "_posts/2999-01-01-예약.md",
        "---\ntitle: 예약 글\ntitle: 예약된 글\n---\n본문\n",
    );
    site
}

/// A post waiting for its date is hidden as a draft is: `D` shows it
/// (counted with the drafts), and its problem says how to show it.
#[test]
fn a_post_waiting_for_its_date_is_hidden_as_a_draft_is() {
    let site = waiting();
    let mut r = Reader::folder(&site.path(), 160, 24);
    assert_eq!(titles(&r), ["지난 글"]);
    r.run([Action::ShowProblems, Action::Open]);
    assert!(
        r.status()
            .contains("예약.md waits for its date (2999-01-01): D shows it"),
        "{}",
        r.status()
    );
    r.run([Action::Close, Action::ToggleDrafts]);
    assert_eq!(titles(&r), ["예약된 글", "지난 글"]);
    assert!(r.status().contains("drafts shown (1)"), "{}", r.status());
    r.run([Action::ToggleDrafts]);
    assert_eq!(titles(&r), ["지난 글"]);
}

/// The open article shows a site's include as it is now: written again,
/// the include is shown again once the watcher reports it; an include
/// written later ends its problem.
#[test]
fn an_include_written_again_is_shown_again() {
    let site = common::Site::new();
    site.write("_config.yml", "title: 설치 노트\n");
    site.write(
        "_includes/heading.html",
        "<h2>{{ include.number }}. {{ include.content }}</h2>\n",
    );
    site.write(
        "_posts/2024-03-01-설치.md",
        "---\ntitle: 설치\n---\n{% include heading.html number=\"1\" content=\"설치하기\" %}\n\n본문\n\n{% include 뒤.html %}\n",
    );
    let mut r = Reader::folder(&site.path(), 100, 24);
    assert_eq!(r.app.problems().count(), 1, "뒤.html is missing");
    r.run([Action::Open]);
    r.settle();
    assert!(r.shows("1. 설치하기"), "{}", r.frame());
    assert!(r.shows("[include: 뒤.html]"), "{}", r.frame());
    let heading = site.write(
        "_includes/heading.html",
        "<h2>{{ include.number }}) {{ include.content }}</h2>\n",
    );
    let after = site.write("_includes/뒤.html", "<p>맺음말</p>\n");
    r.run([Action::FolderChanged(vec![heading, after])]);
    r.settle();
    assert!(r.shows("1) 설치하기"), "{}", r.frame());
    assert!(r.shows("맺음말"), "{}", r.frame());
    assert_eq!(r.app.problems().count(), 0);
}
