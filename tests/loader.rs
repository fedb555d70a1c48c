//! The loader's rules (DESIGN §2), each over a fixture written here.

mod common;

use common::{Site, is_terminal_safe, messages, only, post};
use sinmun::loader::{self, Load};
use sinmun::post::Keep;
use unicode_normalization::UnicodeNormalization;

#[test]
fn walks_folders_recursively_and_counts_other_files() {
    let site = Site::new();
    site.write("a.txt", post("첫 글", "", "<p>본문</p>"));
    site.write("deep/er/b.html", post("둘째 글", "", "<p>본문</p>"));
    site.write("deep/c.md", post("셋째 글", "", "본문"));
    site.write("deep/d.markdown", post("넷째 글", "", "본문"));
    site.write("e.htm", post("다섯째 글", "", "<p>본문</p>"));
    site.write("image.jpg", "not a post");
    site.write("deep/notes.json", "{}");
    site.write(".git/config.txt", "hidden folders are not read");
    let load = site.load();
    let mut ids: Vec<&str> = load.posts.iter().map(|p| p.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["a", "deep/c", "deep/d", "deep/er/b", "e"]);
    assert_eq!(load.skipped, 2);
    assert!(load.all_problems().is_empty(), "{:?}", load.all_problems());
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_detected_not_followed_forever() {
    let site = Site::new();
    site.write("news/a.txt", post("글", "", "<p>본문</p>"));
    std::os::unix::fs::symlink(site.path().join("news"), site.path().join("news/loop")).unwrap();
    std::os::unix::fs::symlink(site.path(), site.path().join("news/up")).unwrap();
    let load = site.load();
    assert_eq!(load.posts.len(), 1);
    let problems: Vec<String> = load.all_problems().iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems.iter().all(|p| p.contains("symlink loop")),
        "{problems:?}"
    );
}

#[test]
fn bom_and_crlf_front_matter() {
    let site = Site::new();
    let text = "\u{feff}---\r\ntitle: 윈도우에서 쓴 글\r\ncategories:\r\n  - 기술\r\n---\r\n<p>본문\r\n둘째 줄</p>\r\n";
    site.write("crlf.txt", text);
    let load = site.load();
    let p = only(&load);
    assert_eq!(p.title, "윈도우에서 쓴 글");
    assert_eq!(p.categories, ["기술"]);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert!(!p.body.as_deref().unwrap().contains('\r'));
}

#[test]
fn categories_as_string_category_and_tags() {
    let site = Site::new();
    site.write(
        "a.txt",
        "---\ntitle: 가\ncategories: 경제 부동산\ncategory: 정책\ntags: 금리 대출\n---\n<p>x</p>\n",
    );
    site.write(
        "b.txt",
        "---\ntitle: 나\ncategory: 스포츠\ntags:\n  - 야구\n  - 2026\n---\n<p>x</p>\n",
    );
    let load = site.load();
    let a = load.posts.iter().find(|p| p.id == "a").unwrap();
    assert_eq!(a.categories, ["경제", "부동산", "정책"]);
    assert_eq!(a.tags, ["금리", "대출"]);
    let b = load.posts.iter().find(|p| p.id == "b").unwrap();
    assert_eq!(b.categories, ["스포츠"]);
    assert_eq!(b.tags, ["야구", "2026"]);
}

#[test]
fn non_string_scalars_are_shown_as_written() {
    let site = Site::new();
    site.write("a.txt", "---\ntitle: 2024\n---\n<p>x</p>\n");
    site.write("b.txt", "---\ntitle: 2024.10\n---\n<p>x</p>\n");
    site.write("c.txt", "---\ntitle: true\nexcerpt: 0x1F\n---\n<p>x</p>\n");
    let load = site.load();
    let title = |id: &str| {
        load.posts
            .iter()
            .find(|p| p.id == id)
            .unwrap()
            .title
            .clone()
    };
    assert_eq!(title("a"), "2024");
    assert_eq!(title("b"), "2024.10");
    assert_eq!(title("c"), "true");
    assert_eq!(
        load.posts.iter().find(|p| p.id == "c").unwrap().excerpt,
        "0x1F"
    );
}

#[test]
fn dates_from_front_matter_or_file_name() {
    let site = Site::new();
    site.write(
        "2024-07-19-from-name.md",
        "---\ntitle: 이름의 날짜\n---\n본문\n",
    );
    site.write(
        "front.txt",
        "---\ntitle: 머리말 날짜\ndate: 2024-07-20 09:30:00 +0900\n---\n<p>x</p>\n",
    );
    site.write(
        "2024-07-01-bad.txt",
        "---\ntitle: 잘못된 날짜\ndate: 어제\n---\n<p>x</p>\n",
    );
    site.write("undated.txt", "---\ntitle: 날짜 없음\n---\n<p>x</p>\n");
    let load = site.load();
    let ids: Vec<&str> = load.posts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        ["front", "2024-07-19-from-name", "2024-07-01-bad", "undated"],
        "newest first, undated last"
    );
    assert_eq!(
        load.posts[0].date.unwrap().to_string(),
        "2024-07-20T09:30:00+09:00"
    );
    let bad = &load.posts[2];
    assert_eq!(bad.date.unwrap().to_string(), "2024-07-01");
    let msgs = messages(bad);
    assert_eq!(msgs.len(), 1);
    assert!(msgs[0].ends_with("2024-07-01-bad.txt:3: front matter: date should be a date like 2024-07-19 or 2024-07-19 10:00:00 +0900, found \"어제\""), "{msgs:?}");
}

#[test]
fn same_date_orders_by_file_name() {
    let site = Site::new();
    site.write("2024-07-19-b.txt", "---\ntitle: 나\n---\n");
    site.write("2024-07-19-a.txt", "---\ntitle: 가\n---\n");
    site.write("z.txt", "---\ntitle: 다\n---\n");
    site.write("m.txt", "---\ntitle: 라\n---\n");
    let ids: Vec<String> = site.load().posts.iter().map(|p| p.id.clone()).collect();
    assert_eq!(ids, ["2024-07-19-a", "2024-07-19-b", "m", "z"]);
}

#[test]
fn drafts_are_marked_including_yaml_1_1_words() {
    let site = Site::new();
    site.write("a.txt", "---\ntitle: 초안\npublished: false\n---\n");
    site.write("b.txt", "---\ntitle: 초안 둘\npublished: no\n---\n");
    site.write("c.txt", "---\ntitle: 공개\npublished: true\n---\n");
    let load = site.load();
    let published: Vec<(&str, bool)> = load
        .posts
        .iter()
        .map(|p| (p.id.as_str(), p.published))
        .collect();
    assert_eq!(published, [("a", false), ("b", false), ("c", true)]);
    let store = sinmun::store::Store::new(site.load(), false);
    assert_eq!(store.posts().len(), 1);
    let store = sinmun::store::Store::new(site.load(), true);
    assert_eq!(store.posts().len(), 3);
}

#[test]
fn title_falls_back_to_first_heading_then_file_name() {
    let site = Site::new();
    site.write(
        "heading.html",
        "---\ncategories: [News]\n---\n<p>서두</p><h2>클라우드 <b>장애</b> 복구</h2>\n",
    );
    site.write(
        "2024-07-19-md-heading.md",
        "---\ncategories: [News]\n---\n\n본문 먼저\n\n## 마크다운 제목 ##\n",
    );
    site.write(
        "2024-07-19-no-title.txt",
        "---\ncategories: [News]\n---\n<p>제목이 없는 글</p>\n",
    );
    let load = site.load();
    let title = |id: &str| {
        load.posts
            .iter()
            .find(|p| p.id == id)
            .unwrap()
            .title
            .clone()
    };
    assert_eq!(title("heading"), "클라우드 장애 복구");
    assert_eq!(title("2024-07-19-md-heading"), "마크다운 제목");
    assert_eq!(title("2024-07-19-no-title"), "no title");
}

#[test]
fn nfd_hangul_is_normalised_to_nfc() {
    let site = Site::new();
    let nfd = |s: &str| s.nfd().collect::<String>();
    let text = format!(
        "---\ntitle: {}\ncategories: [{}]\n---\n<p>{}</p>\n",
        nfd("제주항공 발권"),
        nfd("항공"),
        nfd("맥에서 쓴 본문")
    );
    site.write(&nfd("맥.txt"), text);
    let load = site.load();
    let p = only(&load);
    assert_eq!(p.title, "제주항공 발권");
    assert_eq!(p.categories, ["항공"]);
    assert!(p.body.as_deref().unwrap().contains("맥에서 쓴 본문"));
    assert_eq!(p.id, "맥", "ids are NFC too");
}

#[test]
fn control_and_bidi_characters_never_survive() {
    let site = Site::new();
    let text = "---\ntitle: \"경고\\e]0;pwned\\a \\e[31m빨강\\u202E\"\ncategories: [\"\\e[2J뉴스\"]\ntags: [\"\\u0007종\"]\nexcerpt: \"요약\\x9b2J\\t끝\"\nextra_key: \"\\e[5m\"\n---\n<p>본문\u{1b}[2J 지움\u{7}\u{202e}거꾸로\t탭</p>\n";
    site.write("hostile.txt", text);
    let load = site.load();
    let p = only(&load);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.title, "경고 빨강", "whole escape sequences go");
    assert_eq!(p.categories, ["뉴스"]);
    assert_eq!(p.tags, ["종"]);
    assert_eq!(p.excerpt, "요약 끝");
    for field in [&p.title, &p.excerpt, p.body.as_ref().unwrap()] {
        assert!(is_terminal_safe(field), "{field:?}");
    }
    assert!(
        p.extra
            .iter()
            .all(|(k, v)| is_terminal_safe(k) && is_terminal_safe(v))
    );
    assert!(p.body.as_deref().unwrap().contains("탭"));
}

#[test]
fn invalid_utf8_is_decoded_lossily_and_reported() {
    let site = Site::new();
    let mut bytes =
        b"---\ntitle: \xed\x95\x9c\xea\xb8\x80 \xff\xfe\ncategories: [News]\n---\n<p>ok</p>\n"
            .to_vec();
    bytes.extend_from_slice(b"<p>\xc3\x28</p>\n");
    site.write("latin1.txt", bytes);
    let load = site.load();
    let p = only(&load);
    assert_eq!(p.title, "한글 \u{fffd}\u{fffd}");
    let msgs = messages(p);
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(
        msgs[0]
            .ends_with("latin1.txt:2: invalid UTF-8; shown with \u{fffd} replacement characters"),
        "{msgs:?}"
    );
}

#[test]
fn binary_and_oversized_files_are_reported_not_parsed() {
    let site = Site::new();
    site.write("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    let big = site.write("huge.html", "---\ntitle: 큰 파일\n---\n");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&big)
        .unwrap()
        .set_len(17 * 1024 * 1024)
        .unwrap();
    site.write("fine.txt", post("정상", "", "<p>본문</p>"));
    let load = site.load();
    assert_eq!(load.posts.len(), 1);
    let problems: Vec<String> = load.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("huge.html:1: file is 17825792 bytes, over the 16 MiB limit"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("image.txt:1: binary file"))
    );
}

#[test]
fn huge_front_matter_is_reported_and_the_post_kept() {
    let site = Site::new();
    let filler = "note: 가나다라마바사아자차카타파하\n".repeat(3000);
    site.write(
        "big-yaml.txt",
        format!("---\ntitle: 보이지 않는 제목\n{filler}---\n<h1>본문 제목</h1>\n"),
    );
    let load = site.load();
    let p = only(&load);
    assert_eq!(
        p.title, "본문 제목",
        "front matter not parsed; title from the heading"
    );
    assert!(
        messages(p)[0].contains("big-yaml.txt:2: front matter is 143 KiB, over the 64 KiB limit"),
        "{:?}",
        messages(p)
    );
}

#[test]
fn deeply_nested_yaml_is_reported_quickly() {
    let site = Site::new();
    let deep = format!(
        "---\ntitle: 깊은 글\nx: {}1{}\n---\n<p>x</p>\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    site.write("deep.txt", deep);
    let mut block = String::from("---\ntitle: 깊은 블록\n");
    for i in 0..100 {
        block.push_str(&format!("{}k{i}:\n", "  ".repeat(i)));
    }
    block.push_str("---\n<p>x</p>\n");
    site.write("block.txt", block);
    let start = std::time::Instant::now();
    let load = site.load();
    assert!(
        start.elapsed().as_secs() < 5,
        "nesting must be refused before parsing"
    );
    assert_eq!(load.posts.len(), 2);
    for p in &load.posts {
        assert!(
            messages(p)
                .iter()
                .any(|m| m.contains("nests deeper than 64 levels")),
            "{:?}",
            messages(p)
        );
        assert_eq!(p.title, p.id, "not parsed: title from the file name");
    }
}

#[test]
fn alias_bomb_is_bounded() {
    let site = Site::new();
    let mut yaml = String::from("---\ntitle: 폭탄\na0: &a0 [\"ㅋㅋㅋㅋㅋㅋㅋㅋ\"]\n");
    for i in 1..12 {
        let prev = format!("*a{}", i - 1);
        yaml.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 9].join(", ")));
    }
    yaml.push_str("---\n<p>본문</p>\n");
    site.write("bomb.txt", yaml);
    let start = std::time::Instant::now();
    let load = site.load();
    assert!(start.elapsed().as_secs() < 10);
    let p = only(&load);
    assert!(!p.problems.is_empty(), "the bomb is reported");
    assert_eq!(p.title, "폭탄", "entries before the bomb survive");
}

#[test]
fn unclosed_and_invalid_front_matter_still_make_posts() {
    let site = Site::new();
    site.write(
        "unclosed.txt",
        "---\ntitle: 닫히지 않음\n<h2>본문 제목</h2>\n<p>본문</p>\n",
    );
    site.write(
        "invalid.txt",
        "---\ntitle: 좋은 제목\ncategories: [News\nexcerpt: \"끝나지 않는\n---\n<p>본문</p>\n",
    );
    site.write("none.html", "<h1>머리말 없는 글</h1><p>본문</p>\n");
    site.write(
        "dupe.txt",
        "---\ntitle: 처음\ntitle: 나중\n---\n<p>본문</p>\n",
    );
    let load = site.load();
    let get = |id: &str| load.posts.iter().find(|p| p.id == id).unwrap();
    assert_eq!(get("unclosed").title, "본문 제목");
    assert!(
        messages(get("unclosed"))[0]
            .ends_with("unclosed.txt:1: front matter is not closed: no `---` line after it")
    );
    let invalid = get("invalid");
    assert_eq!(invalid.title, "좋은 제목", "the good entry survives");
    assert!(
        invalid.problems.iter().all(|p| (3..=5).contains(&p.line)),
        "{:?}",
        messages(invalid)
    );
    assert!(!invalid.problems.is_empty());
    assert_eq!(get("none").title, "머리말 없는 글");
    assert!(messages(get("none"))[0].contains("no front matter"));
    assert_eq!(get("dupe").title, "나중");
    assert!(
        messages(get("dupe"))[0]
            .ends_with("dupe.txt:3: front matter: duplicate key \"title\": the last one is used")
    );
}

#[test]
fn markdown_post_with_dated_name() {
    let site = Site::new();
    site.write("_posts/2024-07-19-jeju-air.md", "---\ntitle: 제주항공 복구\ncategories: [항공]\n---\n\n## 소제목\n\n**굵게** 쓴 `코드`와 [링크](https://example.com)\n");
    let load = site.load();
    let p = only(&load);
    assert_eq!(p.id, "2024-07-19-jeju-air", "ids leave out `_posts`");
    assert_eq!(p.format, sinmun::post::Format::Markdown);
    assert_eq!(p.date.unwrap().to_string(), "2024-07-19");
    let store = sinmun::store::Store::new(site.load(), false);
    let hits = |q: &str| {
        store
            .filter(&sinmun::store::Filter {
                query: sinmun::search::Query::parse(q),
                ..Default::default()
            })
            .len()
    };
    assert_eq!(hits("굵게 코드 링크"), 1, "markdown text is searchable");
    assert_eq!(hits("https"), 0, "addresses are markup, not visible text");
}

#[test]
fn nothing_aborts_the_load() {
    let site = Site::new();
    site.write("a.txt", post("정상", "", "<p>본문</p>"));
    site.write("b.txt", "---\n: : :\n  - [\n---\n");
    site.write("c.txt", "");
    site.write("d.txt", "---\n");
    site.write("e.txt", "---\n---\n");
    let load = site.load();
    assert_eq!(load.posts.len(), 5);
}

#[test]
fn missing_root_is_a_problem_not_a_crash() {
    let load: Load = loader::load(
        &[std::path::PathBuf::from("/nonexistent/sinmun")],
        Keep::default(),
    );
    assert!(load.posts.is_empty());
    assert_eq!(load.problems.len(), 1);
}

#[test]
fn demo_posts_load_cleanly() {
    let load = loader::load_demo(Keep::ALL);
    assert!(
        (10..=15).contains(&load.posts.len()),
        "{}",
        load.posts.len()
    );
    assert!(load.all_problems().is_empty(), "{:?}", load.all_problems());
    let store = sinmun::store::Store::new(load, false);
    assert!(store.categories().len() >= 5);
    assert!(store.posts().iter().any(|p| p.date.is_some()));
    assert!(
        store
            .posts()
            .iter()
            .all(|p| !p.title.is_empty() && p.published)
    );
}
