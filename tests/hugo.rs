//! Hugo's front matter and folders (DESIGN §2): TOML between `+++` lines,
//! `draft`, `description`, page bundles and section pages, over Korean
//! posts written here in the shape of real Hugo blogs.

mod common;

use common::{Site, by_id as find, messages};
use sinmun::store::Store;

const TOML_POST: &str = "+++\r\ntitle = \"러스트로 만드는 터미널 앱\"\r\ndate = 2024-02-11T21:30:00+09:00\r\ndraft = false\r\ncategories = [\"개발\", \"Rust\"]\r\ntags = [\"터미널\", \"TUI\"]\r\ndescription = \"ratatui로 뉴스 리더를 만든 기록\"\r\n\r\n[params]\r\ntoc = true\r\n+++\r\n\r\n## 시작하며\r\n\r\n본문입니다.\r\n";

#[test]
fn toml_front_matter_is_read_like_yaml() {
    let site = Site::new();
    site.write("content/posts/rust-tui.md", TOML_POST);
    let load = site.load();
    let p = find(&load, "content/posts/rust-tui");
    assert_eq!(p.title, "러스트로 만드는 터미널 앱");
    assert_eq!(p.date.unwrap().to_string(), "2024-02-11T21:30:00+09:00");
    assert_eq!(p.categories, ["개발", "Rust"]);
    assert_eq!(p.tags, ["터미널", "TUI"]);
    assert_eq!(p.excerpt, "ratatui로 뉴스 리더를 만든 기록");
    assert!(p.published);
    assert!(p.problems.is_empty(), "{:?}", messages(p));
    assert!(p.body.as_deref().unwrap().starts_with("\n## 시작하며"));
    assert!(p.extra.iter().any(|(k, _)| k == "params"));
}

#[test]
fn draft_true_makes_a_draft_in_toml_and_yaml() {
    let site = Site::new();
    site.write(
        "content/posts/초안.md",
        "+++\ntitle = \"쓰는 중\"\ndraft = true\n+++\n본문\n",
    );
    site.write(
        "content/posts/yaml-draft.md",
        "---\ntitle: 쓰는 중 2\ndraft: true\n---\n본문\n",
    );
    site.write(
        "content/posts/done.md",
        "---\ntitle: 다 쓴 글\ndraft: false\ndescription: 요약\nexcerpt: 발췌\n---\n본문\n",
    );
    let load = site.load();
    assert!(!find(&load, "content/posts/초안").published);
    assert!(!find(&load, "content/posts/yaml-draft").published);
    let done = find(&load, "content/posts/done");
    assert!(done.published);
    assert_eq!(done.excerpt, "발췌", "an excerpt wins over a description");
    assert_eq!(Store::new(site.load(), false).posts().len(), 1);
    assert_eq!(Store::new(site.load(), true).posts().len(), 3);
}

#[test]
fn toml_errors_are_problems_with_file_and_line() {
    let site = Site::new();
    site.write(
        "bad.md",
        "+++\ntitle = \"제목은 살아남는다\"\ndate = 2024-02-30\ntags = [\"a\",\n+++\n# 본문 제목\n",
    );
    site.write(
        "wrong-type.md",
        "+++\ntitle = \"날짜가 숫자\"\ndate = 20240211\ncategories = { a = 1 }\n+++\n본문\n",
    );
    site.write("unclosed.md", "+++\ntitle = \"닫히지 않음\"\n본문\n");
    let load = site.load();
    let bad = messages(find(&load, "bad"));
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(
        bad[0].contains("bad.md:4: front matter: unclosed array"),
        "{bad:?}"
    );
    assert_eq!(find(&load, "bad").title, "제목은 살아남는다");
    let wrong = messages(find(&load, "wrong-type"));
    assert_eq!(wrong.len(), 2, "{wrong:?}");
    assert!(
        wrong[0].contains("wrong-type.md:3: front matter: date should be a date"),
        "{wrong:?}"
    );
    assert!(
        wrong[1].contains("wrong-type.md:4: front matter: categories should be"),
        "{wrong:?}"
    );
    let unclosed = messages(find(&load, "unclosed"));
    assert!(
        unclosed[0].ends_with("unclosed.md:1: front matter is not closed: no `+++` line after it"),
        "{unclosed:?}"
    );
}

#[test]
fn toml_limits_are_yamls() {
    let site = Site::new();
    let deep = format!("x = {}1{}", "[".repeat(5000), "]".repeat(5000));
    site.write(
        "deep.md",
        format!("+++\ntitle = \"깊다\"\n{deep}\n+++\n본문\n"),
    );
    let dotted = vec!["가"; 100].join(".");
    site.write("dotted.md", format!("+++\n{dotted} = 1\n+++\n본문\n"));
    let huge = format!(
        "+++\ntitle = \"크다\"\nx = \"{}\"\n+++\n본문\n",
        "가".repeat(30_000)
    );
    site.write("huge.md", huge);
    let load = site.load();
    let deep = messages(find(&load, "deep"));
    assert_eq!(deep.len(), 1, "{deep:?}");
    assert_eq!(find(&load, "deep").title, "깊다");
    assert_eq!(messages(find(&load, "dotted")).len(), 1);
    let huge = messages(find(&load, "huge"));
    assert!(
        huge[0].ends_with("huge.md:2: front matter is 87 KiB, over the 64 KiB limit; not parsed"),
        "{huge:?}"
    );
}

#[test]
fn bundles_and_section_pages() {
    let site = Site::new();
    site.write(
        "content/posts/jeju-trip/index.md",
        "+++\ndate = 2024-07-19\ncategories = [\"여행\"]\n+++\n제주 사진 모음\n",
    );
    site.write("content/posts/jeju-trip/cover.jpg", b"\xff\xd8\xff");
    site.write(
        "content/posts/2023-01-02-새해/index.html",
        "<p>새해 인사</p>\n",
    );
    site.write(
        "content/posts/jeju-trip/index.en.md",
        "+++\ntitle = \"Jeju photos\"\n+++\nPhotos\n",
    );
    site.write("content/posts/jeju-trip/index.old.md", "+++\n+++\n옛 글\n");
    site.write("content/posts/_index.md", "+++\ntitle = \"글\"\n+++\n");
    site.write(
        "content/posts/_index.en.md",
        "+++\ntitle = \"Posts\"\n+++\n",
    );
    site.write("content/_index.md", "+++\ntitle = \"홈\"\n+++\n");
    let load = site.load();
    let mut ids: Vec<&str> = load.posts.iter().map(|p| p.id.as_str()).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "content/posts/2023-01-02-새해",
            "content/posts/jeju-trip",
            "content/posts/jeju-trip.en",
            "content/posts/jeju-trip/index.old"
        ]
    );
    assert_eq!(
        find(&load, "content/posts/jeju-trip.en").title,
        "Jeju photos"
    );
    assert_eq!(find(&load, "content/posts/jeju-trip").title, "jeju trip");
    let new_year = find(&load, "content/posts/2023-01-02-새해");
    assert_eq!(new_year.title, "새해");
    assert_eq!(new_year.date.unwrap().day_string(), "2023-01-02");
    assert_eq!(load.skipped, 4, "the picture and three section pages");
}

#[test]
fn front_matter_after_blank_lines_is_read_as_hugo_reads_it() {
    let site = Site::new();
    site.write(
        "content/post/jammy/index.md",
        "\r\n---\r\ndate: 2022-04-22 02:00:00 +0900\r\ntitle: \"릴리즈 노트\"\r\n\
         tags: [우분투]\r\nbad: [\r\n---\r\n## 새 기능\r\n",
    );
    site.write(
        "content/post/flush.md",
        "---\r\ntitle: \"릴리즈 노트\"\r\nbad: [\r\n---\r\n",
    );
    site.write("content/post/plain.md", "\n\n## 머리말 없는 글\n본문\n");
    let load = site.load();
    let post = find(&load, "content/post/jammy");
    assert_eq!(post.title, "릴리즈 노트");
    assert_eq!(post.date.unwrap().day_string(), "2022-04-22");
    assert_eq!(post.tags, ["우분투"]);
    // Lines are counted from the top of the file, blank lines included:
    // the same error three lines further down than in a file whose front
    // matter begins on its first line and has two lines fewer before it.
    let problems = messages(post);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let flush = messages(find(&load, "content/post/flush"));
    let line_of = |problem: &str| -> usize {
        let after = problem.split(".md:").nth(1).unwrap_or_default();
        after.split(':').next().unwrap_or_default().parse().unwrap()
    };
    assert_eq!(
        line_of(&problems[0]),
        line_of(&flush[0]) + 3,
        "{problems:?} {flush:?}"
    );
    let plain = find(&load, "content/post/plain");
    assert_eq!(plain.title, "머리말 없는 글");
    assert!(
        messages(plain)[0].ends_with("plain.md:1: no front matter: the first line is not `---`")
    );
}

/// A Hugo site: configuration, content, and the folders Hugo builds from
/// or into, which hold no posts.
fn hugo_site() -> Site {
    let site = Site::new();
    site.write(
        "hugo.toml",
        "baseURL = \"https://gom.example.com/\"\nlanguageCode = \"ko-kr\"\ntitle = \"곰의 노트\"\ntheme = \"papermod\"\n",
    );
    site.write("content/posts/rust-tui.md", TOML_POST);
    site.write("content/posts/_index.md", "+++\ntitle = \"글\"\n+++\n");
    site.write("content/about.md", "+++\ntitle = \"소개\"\n+++\n소개 글\n");
    site.write(
        "themes/papermod/exampleSite/content/posts/demo.md",
        "---\ntitle: demo\n---\n",
    );
    site.write(
        "public/posts/rust-tui/index.html",
        "<h1>생성된 페이지</h1>\n",
    );
    site.write("layouts/_default/single.html", "{{ .Content }}\n");
    site.write("archetypes/default.md", "+++\ntitle = '{{ .Name }}'\n+++\n");
    site.write("README.md", "# 블로그 저장소\n");
    site
}

#[test]
fn a_hugo_site_root_is_read_for_its_content() {
    let site = hugo_site();
    let load = site.load();
    let mut ids: Vec<&str> = load.posts.iter().map(|p| p.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["about", "posts/rust-tui"]);
    let store = Store::new(load, false);
    assert_eq!(store.site_title(), Some("곰의 노트"));
    // The content folder given alone finds its site too.
    let content = sinmun::loader::load(&[site.path().join("content")], sinmun::post::Keep::ALL);
    assert_eq!(content.posts.len(), 2);
    assert_eq!(Store::new(content, false).site_title(), Some("곰의 노트"));
    // A folder inside `content` finds its site above it, and only that
    // folder is read.
    let posts = sinmun::loader::load(
        &[site.path().join("content/posts")],
        sinmun::post::Keep::ALL,
    );
    let ids: Vec<&str> = posts.posts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["rust-tui"]);
    assert_eq!(Store::new(posts, false).site_title(), Some("곰의 노트"));
}

#[test]
fn hugo_dates_and_configs_as_hugo_reads_them() {
    let site = Site::new();
    site.write(
        "hugo.yaml",
        "baseURL: https://blog.example.kr\ntitle: 구름 속 저장소\nfrontmatter:\n  date: [:filename, :default]\n",
    );
    site.write(
        "content/blog/old-export.md",
        "---\ntitle: 옛 블로그에서 옮긴 글\ndate: Wed, 30 Dec 2015 13:20:15 +0900\n---\n본문\n",
    );
    site.write(
        "content/blog/published-alias.md",
        "---\ntitle: 발행일만 있는 글\npublished: 2007-05-11T21:34:55+09:00\n---\n본문\n",
    );
    site.write(
        "content/blog/publish-date.md",
        "+++\ntitle = \"발행일\"\npublishDate = 2020-02-02\n+++\n본문\n",
    );
    let load = site.load();
    let date = |id: &str| find(&load, id).date.map(|d| d.to_string());
    assert_eq!(
        date("blog/old-export").as_deref(),
        Some("2015-12-30T13:20:15+09:00")
    );
    assert_eq!(
        date("blog/published-alias").as_deref(),
        Some("2007-05-11T21:34:55+09:00")
    );
    assert!(find(&load, "blog/published-alias").published);
    assert_eq!(date("blog/publish-date").as_deref(), Some("2020-02-02"));
    // The YAML Hugo accepts and serde_yaml does not: a note, not a failure.
    let reports = load.all_problems();
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert!(reports[0].is_note() && reports[0].to_string().contains("hugo.yaml:4: note:"));
    assert_eq!(Store::new(load, false).site_title(), Some("구름 속 저장소"));
}

/// The binary's `--list` over `dir`, with a home of its own.
fn list(dir: &std::path::Path) -> String {
    let out = common::command()
        .arg("--list")
        .arg(dir)
        .output()
        .expect("run sinmun");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Hugo leaves a page whose publish date (its `publishDate`, else its
/// `date`) is after the build out of the site unless its configuration
/// says `buildFuture`, in TOML, YAML or JSON.
#[test]
fn pages_dated_in_the_future_wait_unless_build_future() {
    let site = Site::new();
    site.write("hugo.toml", "title = \"곰의 노트\"\n");
    site.write(
        "content/posts/지난.md",
        "+++\ntitle = \"지난 글\"\ndate = 2000-01-01\n+++\n본문\n",
    );
    site.write(
        "content/posts/먼-훗날.md",
        "+++\ntitle = \"먼 훗날\"\ndate = 2999-01-01T09:00:00+09:00\n+++\n본문\n",
    );
    site.write(
        "content/posts/발행-예약.md",
        "---\ntitle: 발행 예약\ndate: 2000-01-02\npublishDate: 2999-01-01\n---\n본문\n",
    );
    let listed = list(&site.path());
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert!(listed.contains("지난 글"), "{listed}");
    for (file, config) in [
        ("hugo.toml", "title = \"곰의 노트\"\nbuildFuture = true\n"),
        ("hugo.yaml", "title: 곰의 노트\nbuildFuture: true\n"),
        (
            "config.json",
            "{\"title\": \"곰의 노트\", \"buildFuture\": true}\n",
        ),
    ] {
        for other in ["hugo.toml", "hugo.yaml", "config.json"] {
            let _ = std::fs::remove_file(site.path().join(other));
        }
        site.write(file, config);
        let listed = list(&site.path());
        assert_eq!(listed.lines().count(), 3, "{file}: {listed}");
    }
}

#[test]
fn a_carousel_shows_the_bundle_s_pictures() {
    let site = hugo_site();
    site.write(
        "content/posts/한라산/index.md",
        "+++\ntitle = \"한라산 산행\"\ndate = 2024-05-01\n+++\n정상에서 본 풍경입니다.\n\n\
         {{< carousel images=\"img/*\" interval=\"2500\" >}}\n\n내려오는 길.\n",
    );
    for name in ["b-백록담.jpg", "a-윗세오름.png", "설명.txt"] {
        site.write(&format!("content/posts/한라산/img/{name}"), "not a picture");
    }
    let out = common::command()
        .args([
            "--dump",
            "posts/한라산",
            "--width",
            "60",
            "--color",
            "never",
        ])
        .arg(site.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let shown: Vec<&str> = text.lines().filter(|l| l.contains("img/")).collect();
    assert_eq!(shown.len(), 2, "{text}");
    assert!(shown[0].contains("img/a-윗세오름.png"), "{text}");
    assert!(shown[1].contains("img/b-백록담.jpg"), "{text}");
    assert!(text.contains("내려오는 길."), "{text}");
    // A post of its own has no bundle: nothing is listed for it.
    site.write(
        "content/posts/혼자.md",
        "+++\ntitle = \"혼자\"\n+++\n{{< carousel images=\"*\" >}}\n",
    );
    let out = common::command()
        .args(["--dump", "posts/혼자", "--width", "60"])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("[image"));
}
