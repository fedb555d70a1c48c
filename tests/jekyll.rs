//! Jekyll's reading rules (DESIGN §2), each over a Korean blog written
//! here in the shape real ones have; Jekyll's own test suite is the
//! oracle for what each rule means.

mod common;

use std::time::{Duration, SystemTime};

use common::{Site, by_id as find, messages, run_in};
use sinmun::loader::Load;
use sinmun::store::Store;

fn ids(load: &Load) -> Vec<&str> {
    let mut ids: Vec<&str> = load.posts.iter().map(|p| p.id.as_str()).collect();
    ids.sort();
    ids
}

fn notes(load: &Load) -> Vec<String> {
    load.all_problems()
        .iter()
        .filter(|p| p.is_note())
        .map(|p| p.to_string())
        .collect()
}

const POST: &str = "---\nlayout: post\ntitle: 글\n---\n본문\n";

#[test]
fn unpadded_file_name_dates_as_jekyll_reads_them() {
    let site = Site::new();
    site.write(
        "_posts/2018-05-9-첫-글.md",
        "---\nlayout: post\n---\n본문\n",
    );
    site.write("_posts/2017-2-5-영-없는-날짜.md", POST);
    site.write("_posts/2024-7-19-마지막.md", POST);
    let load = site.load();
    let day = |id: &str| find(&load, id).date.map(|d| d.day_string());
    assert_eq!(day("2018-05-9-첫-글").as_deref(), Some("2018-05-09"));
    assert_eq!(day("2017-2-5-영-없는-날짜").as_deref(), Some("2017-02-05"));
    assert_eq!(
        find(&load, "2018-05-9-첫-글").title,
        "첫 글",
        "the title drops the date prefix"
    );
    let order: Vec<&str> = load.posts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        order,
        [
            "2024-7-19-마지막",
            "2018-05-9-첫-글",
            "2017-2-5-영-없는-날짜"
        ]
    );
}

#[test]
fn undated_files_in_posts_are_skipped_or_noted() {
    let site = Site::new();
    site.write("_posts/2024-03-02-정상.md", POST);
    // A generated figure page and an include fragment: no date, no front
    // matter. Jekyll does not read them as posts.
    site.write("_posts/figure-1.html", "<img src=\"/assets/fig1.png\">\n");
    site.write(
        "_posts/include_relative/조각.html",
        "<span>{{ include.param }}</span>\n",
    );
    // Front matter but no date: still a post for sinmun, noted.
    site.write(
        "_posts/2013-03-19-폴더/날짜-없는-글.md",
        "---\ntitle: 나는 글일까?\n---\n본문\n",
    );
    let load = site.load();
    assert_eq!(
        ids(&load),
        ["2013-03-19-폴더/날짜-없는-글", "2024-03-02-정상"]
    );
    assert_eq!(load.skipped, 2);
    let notes = notes(&load);
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert!(
        notes[0].contains(
            "_posts/2013-03-19-폴더/날짜-없는-글.md:1: note: Jekyll does not publish this post"
        ),
        "{notes:?}"
    );
    assert!(
        notes[1].contains("_posts/figure-1.html:1: note: not a post"),
        "{notes:?}"
    );
    assert!(
        notes[2].contains("조각.html:1: note: not a post"),
        "{notes:?}"
    );
    let undated = find(&load, "2013-03-19-폴더/날짜-없는-글");
    assert_eq!(undated.date, None);
    assert!(undated.problems.iter().all(|p| p.is_note()));
    // Outside `_posts`, a file without date or front matter is a post.
    let plain = Site::new();
    plain.write("메모.html", "<p>그냥 메모</p>\n");
    assert_eq!(ids(&plain.load()), ["메모"]);
}

#[test]
fn chirpy_front_matter_as_jekyll_reads_it() {
    let site = Site::new();
    site.write(
        "_posts/2024-09-21-로그.md",
        "---\ntitle: 파이썬 로깅\ndate: 2024-09-21 23:58:00 +/-0900\n\
         image:\n  path: /assets/img/logging.png\n  alt: 로그 화면\n---\n본문\n",
    );
    site.write(
        "_posts/2024-09-22-경로-없음.md",
        "---\nimage:\n  alt: 경로 없음\n---\n본문\n",
    );
    let load = site.load();
    let post = find(&load, "2024-09-21-로그");
    // Ruby's Time.parse leaves out a zone it does not know: the time as
    // written, in the site's zone (so the day as written).
    let date = post.date.unwrap();
    assert_eq!(date.to_string(), "2024-09-21T23:58:00");
    assert_eq!(post.image, "/assets/img/logging.png");
    assert_eq!(
        notes(&load),
        [format!(
            "{}:3: note: front matter: date's time zone \"+/-0900\" is not one; read as the site's local time, as Jekyll does",
            site.path().join("_posts/2024-09-21-로그.md").display()
        )]
    );
    assert!(post.problems.iter().all(|p| p.is_note()));
    // A mapping without a `path` names no picture (Hugo Blox describes
    // its bundle's picture so), and is not a problem.
    let pathless = find(&load, "2024-09-22-경로-없음");
    assert_eq!(pathless.image, "");
    assert!(pathless.problems.is_empty(), "{:?}", messages(pathless));
}

#[test]
fn front_matter_after_blank_lines_is_read_and_reported_for_jekyll() {
    let site = Site::new();
    site.write(
        "_posts/2024-03-01-빈-줄.md",
        "\n\n---\ntitle: 빈 줄 뒤 머리말\ncategories: [공지]\n---\n본문\n",
    );
    let load = site.load();
    let post = find(&load, "2024-03-01-빈-줄");
    assert_eq!(post.title, "빈 줄 뒤 머리말");
    assert_eq!(post.categories, ["공지"]);
    let problems = messages(post);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].ends_with(
            "2024-03-01-빈-줄.md:1: front matter after 2 blank lines: Jekyll shows it as text (Hugo reads it)"
        ),
        "{problems:?}"
    );
}

#[test]
fn drafts_folder_posts_are_drafts_dated_by_modification_time() {
    let site = Site::new();
    site.write("_posts/2024-01-01-공개.md", POST);
    let undated = site.write("_drafts/쓰는-중.md", "---\ntitle: 쓰는 중\n---\n초안\n");
    site.write(
        "_drafts/2023-12-24-날짜-있는-초안.md",
        "---\npublished: true\n---\n초안\n",
    );
    let when = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    std::fs::File::options()
        .write(true)
        .open(&undated)
        .unwrap()
        .set_modified(when)
        .unwrap();
    let load = site.load();
    let draft = find(&load, "_drafts/쓰는-중");
    assert!(!draft.published);
    assert_eq!(draft.date.unwrap().sort_key(), 1_700_000_000);
    let dated = find(&load, "_drafts/2023-12-24-날짜-있는-초안");
    assert!(!dated.published, "published: true does not publish a draft");
    assert_eq!(dated.date.unwrap().day_string(), "2023-12-24");
    let shown = |drafts: bool| Store::new(site.load(), drafts).posts().len();
    assert_eq!(shown(false), 1);
    assert_eq!(shown(true), 3);
}

#[test]
fn folders_above_posts_are_categories_before_the_front_matters() {
    let site = Site::new();
    site.write(
        "Programming-Language/Java/_posts/2021-01-03-제네릭.md",
        "---\ntitle: 자바 제네릭\ncategories: [Java, 문법]\n---\n본문\n",
    );
    // Folders below `_posts` are not categories (Jekyll's `_posts/es`).
    site.write("_posts/es/2008-11-21-중첩.md", POST);
    site.write("foo/_posts/bar/2008-12-12-주제.md", POST);
    site.write("일기/_drafts/초안.md", POST);
    let load = site.load();
    assert_eq!(
        find(&load, "Programming-Language/Java/2021-01-03-제네릭").categories,
        ["Programming-Language", "Java", "문법"]
    );
    assert!(find(&load, "es/2008-11-21-중첩").categories.is_empty());
    assert_eq!(find(&load, "foo/bar/2008-12-12-주제").categories, ["foo"]);
    assert_eq!(find(&load, "일기/_drafts/초안").categories, ["일기"]);
}

#[test]
fn singular_category_and_tag_are_one_name() {
    let site = Site::new();
    site.write(
        "_posts/2024-03-02-nlp.md",
        "---\ntitle: 자연어 처리 입문\ncategory: Natural Language Processing\ntag: 딥 러닝\n---\n본문\n",
    );
    site.write(
        "_posts/2024-03-03-plural.md",
        "---\ncategories: 머신러닝 추천시스템\ntags: 임베딩 word2vec\n---\n본문\n",
    );
    site.write(
        "_posts/2024-03-04-both.md",
        "---\ncategories: [가, 나]\ncategory: 다 라\ntag: 하나\ntags: [둘, 셋]\n---\n본문\n",
    );
    site.write(
        "_posts/2024-03-05-number.md",
        "---\ncategory: 2013\n---\n본문\n",
    );
    let load = site.load();
    let nlp = find(&load, "2024-03-02-nlp");
    assert_eq!(nlp.categories, ["Natural Language Processing"]);
    assert_eq!(nlp.tags, ["딥 러닝"]);
    let plural = find(&load, "2024-03-03-plural");
    assert_eq!(plural.categories, ["머신러닝", "추천시스템"]);
    assert_eq!(plural.tags, ["임베딩", "word2vec"]);
    // Jekyll: categories from both keys; `tag` wins over `tags`.
    let both = find(&load, "2024-03-04-both");
    assert_eq!(both.categories, ["가", "나", "다 라"]);
    assert_eq!(both.tags, ["하나"]);
    assert_eq!(find(&load, "2024-03-05-number").categories, ["2013"]);
}

/// A Korean Jekyll site with per-category `_posts`, drafts, a theme demo
/// under `docs/`, generated output and the folders Jekyll never reads.
fn korean_site() -> Site {
    let site = Site::new();
    site.write(
        "_config.yml",
        "title: \"곰의 개발 일기\"\nurl: \"https://gom.github.io\"\nbaseurl: /blog\nexclude:\n  - /docs # 테마 예제\n  - Gemfile\n",
    );
    site.write("_posts/2024-03-02-첫-글.md", POST);
    site.write("Algorithm/백준/_posts/2022-01-05-이분-탐색.md", POST);
    site.write("_drafts/쓰는-중.md", POST);
    site.write("docs/_posts/2017-11-28-theme-demo.md", POST);
    site.write("_site/2024/03/02/첫-글.html", "<h1>생성된 페이지</h1>\n");
    site.write("_layouts/post.html", "<article>{{ content }}</article>\n");
    site.write("_includes/head.html", "<meta charset=\"utf-8\">\n");
    site.write("_pages/about.md", "---\ntitle: 소개\n---\n소개 글\n");
    site.write("node_modules/pkg/_posts/2020-01-01-x.md", POST);
    site.write("vendor/bundle/_posts/2020-01-01-y.md", POST);
    site.write("index.html", "---\nlayout: home\n---\n");
    site.write("category-archive.md", "---\ntitle: 분류\n---\n");
    site.write("assets/img/로고.png", b"\x89PNG\r\n\x1a\n");
    site
}

#[test]
fn a_site_root_is_read_for_its_posts_alone() {
    let site = korean_site();
    let load = site.load();
    assert_eq!(
        ids(&load),
        [
            "2024-03-02-첫-글",
            "Algorithm/백준/2022-01-05-이분-탐색",
            "_drafts/쓰는-중"
        ]
    );
    assert!(load.all_problems().is_empty(), "{:?}", load.all_problems());
    // Pages and the site's own files are counted as skipped.
    assert_eq!(
        load.skipped, 4,
        "index.html, category-archive.md, _config.yml, 로고.png"
    );
    let store = Store::new(load, false);
    assert_eq!(store.site_title(), Some("곰의 개발 일기"));
    let site_data = store.site().unwrap();
    assert_eq!(site_data.url, "https://gom.github.io");
    assert_eq!(site_data.baseurl, "/blog");
    let post = &store.posts()[0];
    assert!(store.site_for(post).is_some());
    let liquid = store.liquid_context(post);
    assert_eq!(
        (liquid.site_url.as_str(), liquid.baseurl.as_str()),
        ("https://gom.github.io", "/blog")
    );
    let logo = site_data.resolve_asset("/blog/assets/img/로고.png");
    assert!(logo.is_some_and(|p| p.ends_with("assets/img/로고.png")));
    assert_eq!(site_data.resolve_asset("/blog/../../etc/passwd"), None);
}

#[test]
fn a_posts_folder_given_alone_reads_the_site_next_to_it() {
    let site = korean_site();
    let load = sinmun::loader::load(&[site.path().join("_posts")], sinmun::post::Keep::ALL);
    assert_eq!(ids(&load), ["2024-03-02-첫-글"]);
    let store = Store::new(load, false);
    assert_eq!(store.site_title(), Some("곰의 개발 일기"));
}

#[test]
fn a_broken_config_is_a_problem_and_the_posts_still_load() {
    let site = Site::new();
    site.write("_config.yml", "title: 블로그\nurl: \"닫히지 않은\n");
    site.write("_posts/2024-01-01-글.md", POST);
    let load = site.load();
    assert_eq!(ids(&load), ["2024-01-01-글"]);
    let problems: Vec<String> = load.all_problems().iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("_config.yml:2:"), "{problems:?}");
    assert!(!load.all_problems()[0].is_note());
}

#[test]
fn titles_from_html_or_markdown_headings_in_any_file() {
    let site = Site::new();
    // A Tistory export: Markdown file, HTML body.
    site.write(
        "tistory/2023-11-20-export.md",
        "---\ndate: 2023-11-20\n---\n<p data-ke-size=\"size16\">&nbsp;</p>\n<h3 data-ke-size=\"size23\">판다스 &amp; 넘파이 정리</h3>\n<p>본문</p>\n",
    );
    site.write(
        "setext.md",
        "---\ncategories: [메모]\n---\n밑줄 제목\n=========\n본문\n",
    );
    site.write(
        "code-first.md",
        "---\ncategories: [메모]\n---\n```bash\n# 설치\n```\n\n## 진짜 제목\n",
    );
    site.write(
        "2024-05-09-plain_name-here.md",
        "---\nlayout: post\n---\n본문\n",
    );
    let load = site.load();
    assert_eq!(
        find(&load, "tistory/2023-11-20-export").title,
        "판다스 & 넘파이 정리"
    );
    assert_eq!(find(&load, "setext").title, "밑줄 제목");
    assert_eq!(find(&load, "code-first").title, "진짜 제목");
    assert_eq!(
        find(&load, "2024-05-09-plain_name-here").title,
        "plain name here"
    );
    for p in &load.posts {
        assert!(
            messages(p).iter().all(|m| !m.contains("title")),
            "{:?}",
            messages(p)
        );
    }
}

#[test]
fn with_no_folder_named_a_site_in_the_current_folder_is_read() {
    let site = korean_site();
    let out = run_in(&site.path(), &["--list"]);
    let listed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(listed.lines().count(), 2, "{listed}");
    assert!(listed.contains("Algorithm, 백준"), "{listed}");
    assert!(
        !listed.contains("theme-demo") && !listed.contains("쓰는"),
        "{listed}"
    );
    let with_drafts = run_in(&site.path(), &["--list", "--drafts"]);
    assert!(String::from_utf8_lossy(&with_drafts.stdout).contains("(draft) 글"));
    // Per-category `_posts` alone, as many Korean Jekyll blogs have them.
    let nested = Site::new();
    nested.write("_config.yml", "title: 분류별 블로그\n");
    nested.write("Java/_posts/2022-10-02-스레드.md", POST);
    let out = run_in(&nested.path(), &["--list"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Java/2022-10-02-스레드"));
}

/// Jekyll's PostReader renders a draft, or a dated post, that has no
/// front matter: `--check` finds nothing wrong with them. Outside
/// Jekyll's folders a missing front matter is still said.
#[test]
fn drafts_and_dated_posts_need_no_front_matter() {
    let site = Site::new();
    site.write("_config.yml", "title: 메모장\n");
    site.write("_posts/2024-02-03-장보기.md", "# 장보기 목록\n\n- 두부\n");
    site.write("_drafts/생각-정리.md", "요즘 드는 생각을 적어 둔다.\n");
    let dir = site.path().to_string_lossy().into_owned();
    let out = run_in(&site.path(), &["--check", &dir]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert_eq!(stdout, "");
    let out = run_in(&site.path(), &["--list", "--drafts", &dir]);
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        listed.contains("2024-02-03-장보기  장보기 목록"),
        "{listed}"
    );
    assert!(listed.contains("(draft) 생각 정리"), "{listed}");
    let plain = Site::new();
    plain.write("메모.md", "# 메모\n");
    let dir = plain.path().to_string_lossy().into_owned();
    let out = run_in(&plain.path(), &["--check", &dir]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("메모.md:1: no front matter: the first line is not `---`"),
        "{stdout}"
    );
}

/// stdout and status of the binary over `args`, with its own home (and
/// persistent index, kept in `home`).
fn run_home(home: &std::path::Path, args: &[&str]) -> (String, Option<i32>) {
    let out = common::command_in(home)
        .args(args)
        .output()
        .expect("run sinmun");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    (stdout, out.status.code())
}

/// Jekyll leaves a post dated after the build out of the site, unless
/// `_config.yml` says `future: true`: sinmun hides it as a draft, from the
/// files and from its index alike, and `--check` says nothing about it.
#[test]
fn posts_dated_in_the_future_wait_as_jekyll_leaves_them_out() {
    let site = Site::new();
    site.write("_config.yml", "title: 예약 블로그\n");
    site.write(
        "_posts/2000-01-01-지난-글.md",
        "---\ntitle: 지난 글\n---\n본문\n",
    );
    site.write(
        "_posts/2999-01-01-먼-훗날.md",
        "---\ntitle: 먼 훗날\n---\n본문\n",
    );
    // The front matter's date decides, not the file's name.
    site.write(
        "_posts/2000-02-02-미룬-글.md",
        "---\ntitle: 미룬 글\ndate: 2999-03-04 09:00:00 +0900\n---\n본문\n",
    );
    let dir = site.path().to_string_lossy().into_owned();
    let home = tempfile::tempdir().unwrap();
    for _ in ["cold index", "warm index"] {
        let (listed, code) = run_home(home.path(), &["--list", &dir]);
        assert_eq!(code, Some(0));
        assert_eq!(listed.lines().count(), 1, "{listed}");
        assert!(listed.contains("지난 글"), "{listed}");
        let (listed, _) = run_home(home.path(), &["--list", "--drafts", &dir]);
        assert!(listed.contains("(scheduled) 먼 훗날"), "{listed}");
        assert!(listed.contains("(scheduled) 미룬 글"), "{listed}");
        let (json, _) = run_home(home.path(), &["--list", "--json", "--drafts", &dir]);
        assert_eq!(json.matches("\"scheduled\": true").count(), 2, "{json}");
        let (checked, code) = run_home(home.path(), &["--check", &dir]);
        assert_eq!((checked.as_str(), code), ("", Some(0)));
    }
    site.write("_config.yml", "title: 예약 블로그\nfuture: true\n");
    let (listed, _) = run_home(home.path(), &["--list", &dir]);
    assert_eq!(listed.lines().count(), 3, "{listed}");
    assert!(!listed.contains("(scheduled)"), "{listed}");
}

/// A folder that is no site and holds no `_posts` (a news folder) shows
/// its posts whatever their dates; a `_posts` folder without a
/// configuration follows Jekyll's default.
#[test]
fn a_plain_folder_loses_no_post_to_the_clock() {
    let news = Site::new();
    news.write("2999-01-01-예고.md", "---\ntitle: 예고 기사\n---\n본문\n");
    let dir = news.path().to_string_lossy().into_owned();
    let home = tempfile::tempdir().unwrap();
    let (listed, _) = run_home(home.path(), &["--list", &dir]);
    assert!(
        listed.contains("예고 기사") && !listed.contains("(scheduled)"),
        "{listed}"
    );
    let posts = Site::new();
    posts.write(
        "_posts/2999-01-01-예고.md",
        "---\ntitle: 예고 기사\n---\n본문\n",
    );
    let dir = posts.path().join("_posts").to_string_lossy().into_owned();
    let (listed, _) = run_home(home.path(), &["--list", &dir]);
    assert_eq!(listed, "");
}

/// Whether a post waits is decided at each load by the clock, never kept
/// in the index: a post that waited yesterday is out today.
#[test]
fn a_post_that_waited_yesterday_is_out_today() {
    let site = Site::new();
    site.write("_config.yml", "title: 예약 블로그\n");
    site.write(
        "_posts/2030-06-01-출시.md",
        "---\ntitle: 출시 소식\ndate: 2030-06-01 09:00:00 +0900\n---\n본문\n",
    );
    let cache = tempfile::tempdir().unwrap();
    let file = sinmun::index::Index::file_for(
        cache.path(),
        &[site.path()],
        sinmun::loader::WalkOptions::default(),
    );
    let load = |clock: fn() -> SystemTime| {
        let mut index = sinmun::index::Index::open(&file).unwrap();
        let (load, _) = index
            .load(&[site.path()], sinmun::loader::WalkOptions::default())
            .unwrap();
        Store::with_clock(load, false, clock)
    };
    // 2030-05-31 and 2030-06-02, in UTC.
    let eve = load(|| SystemTime::UNIX_EPOCH + Duration::from_secs(1_906_416_000));
    assert!(eve.posts().is_empty());
    let mut after = load(|| SystemTime::UNIX_EPOCH + Duration::from_secs(1_906_588_800));
    assert_eq!(after.posts().len(), 1);
    assert!(!after.posts()[0].scheduled);
    // `D` shows a waiting post as it shows drafts, and counts it.
    let mut eve = eve;
    assert_eq!(eve.show_drafts(true), 1);
    assert!(eve.posts()[0].scheduled);
    assert_eq!(after.show_drafts(true), 0, "nothing hidden");
}

/// Jekyll stops its build at a `post_url` naming no post: `--check` says
/// where, in the reader's language, while the article still shows the
/// link. Whether the post is there is decided at each load: one written
/// later ends the problem, through the index too.
#[test]
fn a_post_url_naming_no_post_is_a_problem_at_its_line() {
    let site = Site::new();
    site.write("_config.yml", "title: 링크 모음\n");
    site.write("_posts/2023-12-31-있는-글.md", POST);
    site.write("Java/_posts/2022-10-2-스레드.md", POST);
    site.write(
        "_posts/2024-01-01-첫-글.md",
        "---\ntitle: 첫 글\n---\n\
         [지난 글]({% post_url 2023-12-31-있는-글 %})과 \
         [스레드]({% post_url Java/2022-10-02-스레드 %}).\n\n\
         [다음 글]({% post_url 2024-01-05-다음-글 %})\n\n\
         ```\n{% post_url 2024-09-09-코드-안 %}\n```\n\n\
         {% post_url 이름-없음 %}\n",
    );
    let dir = site.path().to_string_lossy().into_owned();
    let home = tempfile::tempdir().unwrap();
    let (checked, code) = run_home(home.path(), &["--check", &dir]);
    assert_eq!(code, Some(1), "{checked}");
    let lines: Vec<&str> = checked.lines().collect();
    assert_eq!(lines.len(), 2, "{checked}");
    assert!(
        lines[0].ends_with("2024-01-01-첫-글.md:6: post_url 2024-01-05-다음-글: no post of that name; Jekyll stops its build here"),
        "{checked}"
    );
    assert!(
        lines[1].ends_with("2024-01-01-첫-글.md:12: post_url 이름-없음: not a post's name (YYYY-MM-DD-title); Jekyll stops its build here"),
        "{checked}"
    );
    let korean = common::command_in(home.path())
        .args(["--check", &dir])
        .env("LANG", "ko_KR.UTF-8")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&korean.stdout);
    assert!(
        said.contains(
            ":6: post_url 2024-01-05-다음-글: 그런 이름의 글이 없음; Jekyll은 여기서 빌드를 멈춤"
        ),
        "{said}"
    );
    let (shown, _) = run_home(
        home.path(),
        &[
            "--dump",
            "2024-01-01-첫-글",
            "--width",
            "80",
            "--color",
            "never",
            &dir,
        ],
    );
    assert!(shown.contains("다음 글[3]"), "{shown}");
    assert!(shown.contains("[3] 2024-01-05-"), "{shown}");
    // The post written later: no problem but the name that is none.
    site.write("_posts/2024-01-05-다음-글.md", POST);
    let (checked, code) = run_home(home.path(), &["--check", &dir]);
    assert_eq!(code, Some(1), "{checked}");
    assert_eq!(checked.lines().count(), 1, "{checked}");
    assert!(checked.contains("이름-없음"), "{checked}");
    // A folder of the site is not all its posts: its links are not judged.
    let folder = site.path().join("_posts").to_string_lossy().into_owned();
    std::fs::remove_file(site.path().join("_posts/2024-01-05-다음-글.md")).unwrap();
    let (checked, _) = run_home(home.path(), &["--check", &folder]);
    assert!(!checked.contains("다음-글"), "{checked}");
}

#[test]
fn check_prints_notes_and_passes_when_there_are_only_notes() {
    let site = Site::new();
    site.write("_posts/2024-03-02-정상.md", POST);
    site.write("_posts/figure-1.html", "<img src=\"/assets/fig1.png\">\n");
    site.write("_posts/날짜-없음.md", POST);
    let dir = site.path().to_string_lossy().into_owned();
    let out = run_in(&site.path(), &["--check", &dir]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(stdout.lines().all(|l| l.contains(": note: ")), "{stdout}");
    assert!(
        stderr.contains("checked 2 posts: no problems, 2 notes, 1 other files skipped"),
        "{stderr}"
    );
    site.write(
        "_posts/2024-03-03-깨짐.md",
        "---\ntitle: [닫히지 않음\n---\n",
    );
    let out = run_in(&site.path(), &["--check", &dir]);
    assert_eq!(out.status.code(), Some(1), "a problem still fails");
}

#[test]
fn liquid_resolves_against_the_sites_config() {
    let site = korean_site();
    site.write(
        "_posts/2024-05-01-liquid.md",
        "---\ntitle: 리퀴드\nseries: 블로그 만들기\n---\n\n![로고]({{ \"/assets/img/logo.png\" | relative_url }})\n\n[처음으로]({{ site.url }}{{ site.baseurl }}/) · {{ page.series }} · {{ site.title }}\n",
    );
    let dump = |cwd: &std::path::Path, wanted: &str| {
        let out = run_in(
            cwd,
            &["--dump", wanted, "--width", "100", "--color", "never"],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let root = site.path();
    let dir = root.to_string_lossy().into_owned();
    for text in [
        dump(&root, "2024-05-01-liquid"),
        dump(&root, "_posts/2024-05-01-liquid.md"),
        dump(&root.join("_posts"), "2024-05-01-liquid.md"),
        {
            let out = run_in(
                &root,
                &["--dump", "2024-05-01-liquid", "--width", "100", &dir],
            );
            String::from_utf8_lossy(&out.stdout).into_owned()
        },
    ] {
        assert!(
            text.contains("[image: 로고] /blog/assets/img/logo.png"),
            "{text}"
        );
        assert!(text.contains("https://gom.github.io/blog/"), "{text}");
        assert!(text.contains("블로그 만들기 · 곰의 개발 일기"), "{text}");
    }
}

/// Themes' own keys for a post's lead picture are read when the post has
/// no `image`: Minimal Mistakes' `header`, Hugo PaperMod's `cover`.
#[test]
fn a_themes_lead_picture_is_the_posts_image() {
    let site = Site::new();
    site.write(
        "_posts/2024-01-02-mm.md",
        "---\ntitle: 머리 그림\nheader:\n  overlay_image: /assets/img/머리.jpg\n  teaser: /assets/img/작게.jpg\n---\n본문\n",
    );
    site.write(
        "_posts/2024-01-03-papermod.md",
        "---\ntitle: 표지\ncover:\n  image: images/표지.png\n  alt: 표지 그림\n---\n본문\n",
    );
    site.write(
        "_posts/2024-01-04-both.md",
        "---\ntitle: 둘 다\nthumbnail: /a.png\nimage: /b.png\nheader: 머리말\n---\n본문\n",
    );
    let load = site.load();
    let image = |id: &str| find(&load, id).image.clone();
    assert_eq!(image("2024-01-02-mm"), "/assets/img/머리.jpg");
    assert_eq!(image("2024-01-03-papermod"), "images/표지.png");
    assert_eq!(image("2024-01-04-both"), "/b.png", "`image` first");
    // The keys are kept as written too.
    assert!(
        find(&load, "2024-01-03-papermod")
            .extra
            .iter()
            .any(|(k, _)| k == "cover")
    );
}

/// `:name:` shows as the emoji where the site's generator makes one of it
/// (Jekyll's `jemoji` plugin, Hugo's `enableEmoji`), else as written.
#[test]
fn emoji_shortcodes_as_the_site_publishes_them() {
    let body = "오늘의 기분 :smile: 그리고 :rocket:, `:smile:` 코드와 :없는이름:.\n";
    let dump = |site: &Site, id: &str| {
        let out = common::command()
            .args(["--dump", id, "--width", "80", "--color", "never"])
            .arg(site.path())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let jekyll = Site::new();
    jekyll.write(
        "_config.yml",
        "title: 기분\nplugins:\n  - jekyll-feed\n  - jemoji\n",
    );
    jekyll.write(
        "_posts/2024-05-01-기분.md",
        format!("---\ntitle: 기분\n---\n{body}"),
    );
    let shown = dump(&jekyll, "2024-05-01-기분");
    assert!(
        shown.contains("오늘의 기분 😄 그리고 🚀, :smile: 코드와 :없는이름:."),
        "{shown}"
    );
    // Search finds what is shown.
    let out = common::command()
        .args(["--list", "--no-cache", "--search", "🚀"])
        .arg(jekyll.path())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    // Without the plugin, Jekyll shows them as written.
    jekyll.write("_config.yml", "title: 기분\nplugins: [jekyll-feed]\n");
    assert!(dump(&jekyll, "2024-05-01-기분").contains("오늘의 기분 :smile: 그리고 :rocket:,"));
    let hugo = Site::new();
    hugo.write("hugo.toml", "title = '기분'\nenableEmoji = true\n");
    hugo.write(
        "content/posts/기분.md",
        format!("---\ntitle: 기분\n---\n{body}"),
    );
    assert!(dump(&hugo, "posts/기분").contains("오늘의 기분 😄 그리고 🚀,"));
}

/// A post's file given alone keeps the categories its folders give it in
/// its site (those above `_posts`), as when the site is read: in `--list`
/// and in the search text a reload makes of it.
#[test]
fn a_file_given_alone_keeps_its_folder_categories() {
    let site = Site::new();
    site.write("_config.yml", "title: 개발 노트\n");
    let file = site.write(
        "개발/자바/_posts/2024-01-01-제네릭.md",
        "---\ntitle: 제네릭 정리\n---\n타입 소거 이야기.\n",
    );
    let out = common::command()
        .args(["--list", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    let posts: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(posts[0]["categories"], serde_json::json!(["개발", "자바"]));
    let texts = sinmun::app::effects::build_index(std::slice::from_ref(&file));
    let query = sinmun::search::Query::parse("자바 소거");
    let load = sinmun::loader::load(std::slice::from_ref(&file), sinmun::post::Keep::default());
    let mut post = load.posts[0].clone();
    post.search = Some(texts[0].clone());
    assert!(query.matches(&post), "the reload's search text holds them");
}
