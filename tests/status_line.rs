//! What the status line says: the answer to a key wins the room over the
//! counters at every size, an empty list counts no rows, and the problems
//! found while loading are counted apart from the notes, as `--check`
//! counts them.

mod common;

use common::reader::Reader;
use sinmun::app::Action;
use sinmun::i18n::Lang;
use sinmun::text::width;

/// Two short posts without links, no drafts, no address of their own.
fn spring() -> common::Site {
    let site = common::Site::new();
    let post = |title: &str, date: &str| {
        format!("---\ntitle: {title}\ndate: {date}\n---\n<p>{title} 본문입니다.</p>\n")
    };
    site.write("2026-03-01-bom.html", post("봄 소식", "2026-03-01"));
    site.write("2026-03-02-kkot.html", post("꽃 소식", "2026-03-02"));
    site
}

/// The status row without the spaces around it.
fn status(r: &Reader) -> String {
    r.status().trim().to_string()
}

/// At `w` x `h`, the article open: each key's answer is on the status
/// line whole, in both languages.
fn answers_whole(w: u16, h: u16) {
    let site = spring();
    for lang in [Lang::En, Lang::Ko] {
        let mut r = Reader::folder_in(lang, &site.path(), w, h);
        r.run([Action::Open]);
        for (action, answer) in [
            (Action::OpenLinks, sinmun::i18n::Msg::NoLinks),
            (Action::ToggleDrafts, sinmun::i18n::Msg::NoDrafts),
        ] {
            r.run([action]);
            let said = answer.say(lang);
            assert!(
                status(&r).ends_with(&said),
                "{w}x{h} {lang:?}: {said:?} whole on {:?}",
                r.status()
            );
            assert_eq!(width(&r.status()), usize::from(w), "{:?}", r.status());
        }
    }
}

#[test]
fn a_keys_answer_is_shown_whole_before_the_counters_at_40x15() {
    answers_whole(40, 15);
}

#[test]
fn a_keys_answer_is_shown_whole_before_the_counters_at_60x20() {
    answers_whole(60, 20);
    let site = spring();
    for lang in [Lang::En, Lang::Ko] {
        let mut r = Reader::folder_in(lang, &site.path(), 60, 20);
        r.run([Action::Open, Action::CopyLink]);
        let said = sinmun::i18n::Msg::NoAddress.say(lang);
        assert!(status(&r).ends_with(&said), "{lang:?}: {:?}", r.status());
    }
}

#[test]
fn an_answer_wider_than_the_row_is_cut_at_its_end() {
    let site = spring();
    let mut r = Reader::folder_in(Lang::En, &site.path(), 40, 15);
    r.run([Action::Open, Action::CopyLink]);
    let shown = r.status();
    assert!(
        shown.starts_with("no web address for this post") && shown.ends_with('…'),
        "{shown:?}"
    );
    assert_eq!(width(&shown), 40, "{shown:?}");
}

#[test]
fn a_long_answer_keeps_its_end_on_a_wide_row() {
    let site = common::Site::new();
    // With the counters beside it, this answer is wider than 120 cells.
    let address = "ftp://files.example.com/archive/2026/보도자료.pdf";
    site.write(
        "2026-03-01-bom.html",
        format!("---\ntitle: 봄 소식\n---\n<p><a href=\"{address}\">자료</a></p>\n"),
    );
    let mut r = Reader::folder_in(Lang::En, &site.path(), 120, 30);
    r.run([Action::Open, Action::OpenLink(1)]);
    assert!(status(&r).ends_with(address), "{:?}", r.status());
}

#[test]
fn an_empty_list_counts_no_rows() {
    let mut r = Reader::demo(80, 24);
    r.run([Action::ToggleStarredOnly]);
    assert!(status(&r).starts_with("0/0 · of 12 ·"), "{:?}", r.status());
    r.run([Action::Back]);
    r.run([Action::StartSearch]);
    r.run(common::reader::typed("없는낱말zzq"));
    r.run([Action::SearchAccept]);
    assert!(status(&r).starts_with("0/0 · of 12 ·"), "{:?}", r.status());
}
/// A `_posts` folder with a post Jekyll does not publish (a note) and,
/// with `problem`, a post whose date is wrong (a problem).
fn noted(problem: bool) -> common::Site {
    let site = common::Site::new();
    site.write(
        "_posts/2026-03-01-bom.html",
        "---\ntitle: 봄 소식\ndate: 2026-03-01\n---\n<p>봄입니다.</p>\n",
    );
    site.write(
        "_posts/memo.html",
        "---\ntitle: 메모\ndate: 2026-03-02\n---\n<p>메모입니다.</p>\n",
    );
    if problem {
        site.write(
            "_posts/2026-03-03-teullin.html",
            "---\ntitle: 날짜가 틀린 글\ndate: 2026-02-30\n---\n<p>틀림</p>\n",
        );
    }
    site
}

#[test]
fn notes_are_not_counted_as_problems() {
    for (problem, en, ko) in [
        (false, "no problems, 1 note", "문제 없음, 참고 1개"),
        (true, "1 problem, 1 note", "문제 1개, 참고 1개"),
    ] {
        let site = noted(problem);
        for (lang, summary) in [(Lang::En, en), (Lang::Ko, ko)] {
            let mut r = Reader::folder_in(lang, &site.path().join("_posts"), 100, 30);
            assert!(status(&r).contains(summary), "{lang:?}: {:?}", r.status());
            r.run([Action::ShowProblems]);
            assert!(
                r.rows()
                    .iter()
                    .any(|row| row.contains(&format!("┌ {summary} ─"))),
                "{lang:?}: the popup's title\n{}",
                r.frame()
            );
        }
    }
}

#[test]
fn the_sites_title_follows_the_counters_when_the_hints_leave_room() {
    let site = common::Site::new();
    site.write("_config.yml", "title: 어쩐지 오늘은\n");
    site.write(
        "_posts/2026-03-01-bom.md",
        "---\ntitle: 봄 소식\n---\n봄 본문입니다.\n",
    );
    let r = Reader::folder(&site.path(), 120, 20);
    assert!(
        status(&r).starts_with("1/1 · 1 unread · 어쩐지 오늘은"),
        "{:?}",
        r.status()
    );
    let r = Reader::folder(&site.path(), 50, 15);
    assert!(
        !r.status().contains("어쩐지"),
        "hints first: {:?}",
        r.status()
    );
    assert!(r.status().contains("/ search"), "{:?}", r.status());
}
