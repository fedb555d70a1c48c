//! Search finds what a site's article shows: the text its includes write
//! (and, once an include changes, what it writes now, through the index
//! and in a running reader), and its Markdown read in the site's dialect.

mod common;

use std::path::Path;

use common::reader::{Reader, typed};
use common::{Site, command_in};
use sinmun::app::Action;

/// The ids `sinmun --list --search QUERY` prints (with `extra` options),
/// run in `site` with its own home `home`.
fn found(home: &Path, site: &Path, query: &str, extra: &[&str]) -> Vec<String> {
    let out = command_in(home)
        .current_dir(site)
        .args(["--list", "--width", "200", "--search", query])
        .args(extra)
        .output()
        .expect("sinmun runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2).map(str::to_string))
        .collect()
}

/// Files written by a test are trusted by the index only once their
/// stamps are two seconds old.
fn settle() {
    std::thread::sleep(std::time::Duration::from_millis(2100));
}

fn jekyll_site() -> Site {
    let site = Site::new();
    site.write("_config.yml", "title: 제주 농장 소식\n");
    site.write(
        "_includes/안내.html",
        "<p>{{ include.fruit }} 수확 안내</p>\n",
    );
    site.write(
        "_posts/2024-11-01-수확.md",
        "---\ntitle: 가을 소식\n---\n올해도 풍년입니다.\n\n{% include 안내.html fruit=\"한라봉\" %}\n",
    );
    site.write(
        "_posts/2024-11-02-곁글.md",
        "---\ntitle: 곁글 소식\n---\n{% include_relative 곁글.txt %}\n",
    );
    site.write("_posts/곁글.txt", "감귤 따기 체험\n");
    site.write(
        "_posts/2024-11-03-다른.md",
        "---\ntitle: 다른 소식\n---\n귤 이야기는 없습니다.\n",
    );
    site
}

#[test]
fn the_text_an_include_writes_is_searched_with_and_without_the_index() {
    let site = jekyll_site();
    settle();
    let home = tempfile::tempdir().unwrap();
    let dir = site.path();
    for extra in [&["--no-cache"][..], &[], &[]] {
        // Bypassed, cold, then warm.
        assert_eq!(
            found(home.path(), &dir, "한라봉", extra),
            ["2024-11-01-수확"],
            "{extra:?}"
        );
        assert_eq!(
            found(home.path(), &dir, "ㄸㄱ ㅊㅎ", extra),
            ["2024-11-02-곁글"]
        );
        assert_eq!(
            found(home.path(), &dir, "수확 안내", extra),
            ["2024-11-01-수확"]
        );
        // Started inside `_posts`: the file beside the post is found too.
        let inside = dir.join("_posts");
        assert_eq!(
            found(home.path(), &inside, "감귤", extra),
            ["2024-11-02-곁글"]
        );
    }
}

#[test]
fn an_include_changed_after_indexing_is_searched_as_it_is_now() {
    let site = jekyll_site();
    settle();
    let home = tempfile::tempdir().unwrap();
    let dir = site.path();
    assert_eq!(found(home.path(), &dir, "한라봉", &[]), ["2024-11-01-수확"]);
    assert_eq!(found(home.path(), &dir, "감귤", &[]), ["2024-11-02-곁글"]);
    // The posts' own files are unchanged; their includes are not.
    site.write(
        "_includes/안내.html",
        "<p>천혜향 {{ include.fruit }} 선별 안내</p>\n",
    );
    site.write("_posts/곁글.txt", "레드향 따기 체험\n");
    for query in ["천혜향", "선별"] {
        assert_eq!(
            found(home.path(), &dir, query, &[]),
            ["2024-11-01-수확"],
            "{query}"
        );
    }
    assert!(found(home.path(), &dir, "수확 안내", &[]).is_empty());
    assert_eq!(found(home.path(), &dir, "레드향", &[]), ["2024-11-02-곁글"]);
    assert!(found(home.path(), &dir, "감귤", &[]).is_empty());
    // An include the post names, written later.
    site.write(
        "_posts/2024-11-04-나중.md",
        "---\ntitle: 나중 소식\n---\n{% include 나중.html %}\n",
    );
    settle();
    assert!(found(home.path(), &dir, "유자차", &[]).is_empty());
    site.write("_includes/나중.html", "유자차 만들기\n");
    assert_eq!(found(home.path(), &dir, "유자차", &[]), ["2024-11-04-나중"]);
}

#[test]
fn a_reload_searches_what_a_changed_include_writes() {
    let site = jekyll_site();
    let mut r = Reader::folder(&site.path(), 100, 20);
    let search = |r: &mut Reader, query: &str| {
        r.run([Action::StartSearch]);
        r.run(typed(query));
        r.run([Action::SearchAccept]);
        let titles: Vec<String> = r.app.list.visible.iter().map(|&i| r.title(i)).collect();
        r.run([Action::Back]);
        titles
    };
    assert_eq!(search(&mut r, "한라봉"), ["가을 소식"]);
    site.write("_includes/안내.html", "<p>천혜향 선별 안내</p>\n");
    r.run([Action::Reload]);
    assert_eq!(search(&mut r, "천혜향"), ["가을 소식"]);
    assert!(search(&mut r, "한라봉").is_empty(), "{}", r.status());
}

#[test]
fn a_hugo_post_is_searched_as_hugo_reads_its_backslashes() {
    let site = Site::new();
    site.write("hugo.toml", "title = '할인 소식'\n");
    site.write(
        "content/posts/할인.md",
        "---\ntitle: 겨울 할인\ndate: 2024-11-01\n---\n귤 상자 50\\% 할인\\; 오늘만\n",
    );
    let home = tempfile::tempdir().unwrap();
    let dir = site.path();
    for extra in [&["--no-cache"][..], &[]] {
        assert_eq!(found(home.path(), &dir, "50%", extra), ["posts/할인"]);
        assert_eq!(found(home.path(), &dir, "할인;", extra), ["posts/할인"]);
    }
    // A Jekyll post keeps them, as kramdown does (and as its article shows).
    let jekyll = Site::new();
    jekyll.write("_config.yml", "title: 할인 소식\n");
    jekyll.write(
        "_posts/2024-11-01-할인.md",
        "---\ntitle: 겨울 할인\n---\n귤 상자 50\\% 할인\n",
    );
    assert_eq!(
        found(home.path(), &jekyll.path(), "50\\%", &["--no-cache"]),
        ["2024-11-01-할인"]
    );
}

#[test]
fn a_site_set_up_otherwise_is_searched_as_it_is_now() {
    let site = Site::new();
    site.write("_config.yml", "title: 기분\n");
    site.write(
        "_posts/2024-11-05-기분.md",
        "---\ntitle: 기분\n---\n오늘은 :smile: 입니다.\n",
    );
    settle();
    let home = tempfile::tempdir().unwrap();
    let dir = site.path();
    assert!(found(home.path(), &dir, "😄", &[]).is_empty());
    // The site turns emoji shortcodes on: the index reads the post again.
    site.write("_config.yml", "title: 기분\nplugins: [jemoji]\n");
    assert_eq!(found(home.path(), &dir, "😄", &[]), ["2024-11-05-기분"]);
    assert_eq!(
        found(home.path(), &dir, "😄", &["--no-cache"]),
        ["2024-11-05-기분"]
    );
}

#[test]
fn a_folder_beside_a_site_read_as_dot_is_searched_as_no_site() {
    // `sinmun . ../notes` in a Hugo site: the notes are no page of it.
    let site = Site::new();
    site.write("hugo.toml", "title = '사이트'\n");
    site.write("content/posts/글.md", "---\ntitle: 글\n---\n본문\n");
    let notes = Site::new();
    notes.write("메모.md", "---\ntitle: 메모\n---\n가격 50\\% 할인\n");
    settle();
    let home = tempfile::tempdir().unwrap();
    let notes_dir = notes.path().to_string_lossy().into_owned();
    for extra in [&["--no-cache", ".", &notes_dir][..], &[".", &notes_dir]] {
        // Read as kramdown (no site): the backslash stays, as shown.
        assert_eq!(
            found(home.path(), &site.path(), "50\\%", extra),
            ["메모"],
            "{extra:?}"
        );
    }
}

#[test]
fn the_index_reads_posts_again_when_the_site_s_settings_change_what_they_show() {
    // Each setting a post's text follows: Jekyll's permalink (`page.url`
    // written in the text), and a Hugo theme's icons and attribute lists.
    let jekyll = Site::new();
    jekyll.write("_config.yml", "title: 주소\npermalink: /:year/:title/\n");
    jekyll.write(
        "_posts/2024-11-05-주소.md",
        "---\ntitle: 주소\n---\n이 글의 주소는 {{ page.url }} 입니다.\n",
    );
    let hugo = Site::new();
    hugo.write("hugo.toml", "title = '아이콘'\n");
    hugo.write(
        "content/posts/글.md",
        "---\ntitle: 글\n---\n## 준비 {#ready}\n\n본문 :(fas fa-link): 끝\n",
    );
    settle();
    let home = tempfile::tempdir().unwrap();
    let (j, h) = (jekyll.path(), hugo.path());
    assert_eq!(
        found(home.path(), &j, "/2024/주소/", &[]),
        ["2024-11-05-주소"]
    );
    assert_eq!(found(home.path(), &h, "fa-link", &[]), ["posts/글"]);
    assert_eq!(found(home.path(), &h, "ready", &[]), Vec::<String>::new());
    jekyll.write("_config.yml", "title: 주소\npermalink: /글/:title/\n");
    hugo.write(
        "hugo.toml",
        "title = '아이콘'\ntheme = 'LoveIt'\n[markup.goldmark.parser.attribute]\ntitle = false\n",
    );
    assert_eq!(
        found(home.path(), &j, "/글/주소/", &[]),
        ["2024-11-05-주소"]
    );
    assert!(found(home.path(), &h, "fa-link", &[]).is_empty());
    assert_eq!(found(home.path(), &h, "ready", &[]), ["posts/글"]);
}
