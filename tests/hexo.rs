//! Hexo sites (DESIGN §2, as Hexo reads them): posts in `source/_posts`
//! named as their authors like, dated by front matter (else by their
//! files), categories from front matter alone; and Hexo's tag plugins
//! shown as the page shows them. Korean posts written here in the shape of
//! real Hexo blogs.

mod common;

use common::pictures::{encode, landscape};
use common::{Site, by_id as find, messages};
use sinmun::store::Store;

const QUOTES: &str = "---\ntitle: 제주 여행 첫날\ndate: 2024-03-02 09:30:00\ncategories:\n  - 여행\n  - 제주\ntags:\n  - 바다\n---\n\n공항에서 바로 바다로 갔다.\n\n{% blockquote 한라산 안내서, 제주의 사계절 %}\n봄에는 **유채꽃**이 먼저 핀다.\n{% endblockquote %}\n\n{% asset_img 바다.png 협재 해변 %}\n\n{% blockquote 관광 안내 https://visit.example.kr/jeju/ 제주 관광 정보 %} 버스는 한 시간에 두 대. {% endblockquote %}\n\n다음 글: {% post_link second-day %}, 지난 글은 {% post_link 2023-recap '지난해 돌아보기' %}.\n\n{% note warning %}\n렌터카는 미리 예약할 것.\n{% endnote %}\n\n{% tabs 교통, 1 %}\n<!-- tab 버스 -->\n버스는 자주 온다.\n<!-- endtab -->\n<!-- tab 렌터카@car -->\n주차가 쉽다.\n<!-- endtab -->\n{% endtabs %}\n\n{% codeblock 일정표 lang:python https://code.example.kr/jeju/plan.py 원본 %}\nplaces = [\"협재\", \"성산\"]\n{% endcodeblock %}\n";

/// A Hexo site as `hexo init` makes it, with the folders Hexo builds from
/// or into that hold no posts.
fn hexo_site() -> Site {
    let site = Site::new();
    site.write(
        "_config.yml",
        "title: 바람의 기록\nurl: https://wind.example.kr\nroot: /\npermalink: :year/:month/:day/:title/\nnew_post_name: :title.md\npost_asset_folder: true\n",
    );
    site.write(
        "scaffolds/post.md",
        "---\ntitle: {{ title }}\ndate: {{ date }}\ntags:\n---\n",
    );
    site.write("source/_posts/first-day.md", QUOTES);
    site.write(
        "source/_posts/first-day/바다.png",
        encode(&landscape(64, 40), image::ImageFormat::Png),
    );
    site.write(
        "source/_posts/second-day.md",
        "---\ntitle: 제주 여행 둘째 날\ndate: 2024/3/3 20:46:25\ncategories: [[여행, 제주], [기록]]\nthumbnail: /images/성산.jpg\n---\n성산 일출봉에 올랐다.\n",
    );
    site.write(
        "source/_posts/notes/2023-recap.md",
        "---\ntitle: 2023년 회고\ntags: [회고]\n---\n날짜 없이 쓴 글.\n",
    );
    // What `hexo new` wrote before Hexo 3: no opening `---`.
    site.write(
        "source/_posts/old-style.md",
        "title: 예전 방식으로 쓴 글\ndate: 2014-05-01 10:00:00\ntags: [옛글]\n---\n본문의 첫 줄.\n\n---\n\n구분선 뒤.\n",
    );
    // A quote whose end is only shown, in code: the quote is not closed.
    site.write(
        "source/_posts/quote-in-code.md",
        "---\ntitle: 인용 닫는 법\ndate: 2024-03-04\n---\n{% blockquote 저자 %}\n닫는 태그는 `{% endblockquote %}` 이다.\n\n## 그 뒤\n\n뒤 문단.\n",
    );
    // An attachment in a post's asset folder: not a post.
    site.write(
        "source/_posts/first-day/지도.html",
        "<h1>지도</h1><p>첨부한 페이지</p>\n",
    );
    site.write(
        "source/_drafts/옛-초안.md",
        "title: 옛 방식의 초안\ndate: 2014-05-02 10:00:00\n---\n초안 본문\n",
    );
    site.write(
        "source/_drafts/next-trip.md",
        "---\ntitle: 다음 여행 계획\n---\n쓰는 중\n",
    );
    site.write("source/about/index.md", "---\ntitle: 소개\n---\n소개 글\n");
    site.write(
        "themes/landscape/source/_posts/demo.md",
        "---\ntitle: demo\n---\n",
    );
    site.write(
        "public/2024/03/02/first-day/index.html",
        "<h1>생성된 페이지</h1>\n",
    );
    site.write("node_modules/hexo/README.md", "# Hexo\n");
    site
}

#[test]
fn a_hexo_site_is_read_for_its_posts() {
    let site = hexo_site();
    let load = site.load();
    let mut ids: Vec<&str> = load.posts.iter().map(|p| p.id.as_str()).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "_drafts/next-trip",
            "_drafts/옛-초안",
            "first-day",
            "notes/2023-recap",
            "old-style",
            "quote-in-code",
            "second-day"
        ]
    );
    // No Jekyll rule about file names: not a single problem or note.
    assert!(load.all_problems().is_empty(), "{:?}", load.all_problems());
    let first = find(&load, "first-day");
    assert_eq!(
        first.categories,
        ["여행", "제주"],
        "no folder is a category"
    );
    assert_eq!(first.date.unwrap().to_string(), "2024-03-02T09:30:00");
    let second = find(&load, "second-day");
    assert_eq!(second.date.unwrap().day_string(), "2024-03-03");
    // Several paths of categories, as Hexo writes them.
    assert_eq!(second.categories, ["여행", "제주", "기록"]);
    // The theme's lead picture, when there is no `image`.
    assert_eq!(second.image, "/images/성산.jpg");
    // An undated post is dated by its file, as Hexo dates it.
    let recap = find(&load, "notes/2023-recap");
    assert!(recap.date.is_some(), "{:?}", messages(recap));
    assert!(recap.published);
    assert!(!find(&load, "_drafts/next-trip").published);
    let old_draft = find(&load, "_drafts/옛-초안");
    assert_eq!(old_draft.title, "옛 방식의 초안");
    assert!(!old_draft.published);
    let old = find(&load, "old-style");
    assert_eq!(old.title, "예전 방식으로 쓴 글");
    assert_eq!(old.tags, ["옛글"]);
    assert_eq!(
        old.body.as_deref(),
        Some("본문의 첫 줄.\n\n---\n\n구분선 뒤.\n")
    );
    let store = Store::new(load, false);
    assert_eq!(store.site_title(), Some("바람의 기록"));
    assert_eq!(store.posts().len(), 5);
    // `source/_posts` given alone reads the same posts, the same way.
    let posts = sinmun::loader::load(
        &[site.path().join("source/_posts")],
        sinmun::post::Keep::ALL,
    );
    let mut ids: Vec<&str> = posts.posts.iter().map(|p| p.id.as_str()).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "first-day",
            "notes/2023-recap",
            "old-style",
            "quote-in-code",
            "second-day"
        ]
    );
    assert!(
        posts.all_problems().is_empty(),
        "{:?}",
        posts.all_problems()
    );
}

/// The post `id` of `site` as `--dump` prints it at 60 cells.
fn dump(site: &Site, id: &str) -> String {
    let out = common::command()
        .current_dir(site.path())
        .args(["--dump", id, "--width", "60", "--color", "never", "."])
        .output()
        .expect("run sinmun");
    assert_eq!(out.status.code(), Some(0), "{id}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn hexo_tags_show_as_the_page_shows_them() {
    let site = hexo_site();
    let text = dump(&site, "first-day");
    for line in text.lines() {
        assert!(sinmun::text::width(line) <= 60, "{line:?}");
    }
    assert!(!text.contains("{%"), "{text}");
    insta::assert_snapshot!("hexo_tags_width_60", text);
    // A quote left open takes nothing in: what follows is no quote.
    let unclosed = dump(&site, "quote-in-code");
    assert!(unclosed.contains("\n## 그 뒤\n\n뒤 문단."), "{unclosed}");
    assert!(!unclosed.contains("> "), "{unclosed}");
    // The post it links to opens in the reader: its title is shown, and
    // its id is the address.
    assert!(text.contains("다음 글: 제주 여행 둘째 날[2]"), "{text}");
    assert!(text.contains("[2] second-day"), "{text}");
}

/// An end tag that comrak puts in code (code indented in a quote, which
/// the scan before it does not tell) shows as written and closes nothing:
/// the quote it would close shows nothing either.
#[test]
fn a_quote_ended_only_in_code_is_no_quote() {
    let ctx = sinmun::markdown::LiquidContext::default();
    let html = sinmun::markdown::to_html(
        "{% quote 저자 %}\n\n인용\n\n>     {% endquote %}\n\n뒤 문단.\n",
        &ctx,
    );
    assert!(html.starts_with("<p>인용</p>"), "{html}");
    assert!(html.contains("<code>{% endquote %}"), "{html}");
    assert!(html.ends_with("<p>뒤 문단.</p>\n"), "{html}");
    // Closed outside code, it is a quote.
    let html = sinmun::markdown::to_html("{% quote %}\n인용\n{% endquote %}\n", &ctx);
    assert!(html.starts_with("<blockquote>"), "{html}");
}

/// With `post_asset_folder`, the extension rule is Hexo's for `_posts` and
/// `_drafts` only: a file named on its own, or a folder elsewhere, is read
/// whatever its post extension.
#[test]
fn the_asset_folder_rule_holds_in_posts_folders_only() {
    let site = hexo_site();
    site.write(
        "notes/memo.markdown",
        "---\ntitle: 메모\ndate: 2024-01-01\n---\n본문\n",
    );
    site.write(
        "notes/note.md",
        "---\ntitle: 노트\ndate: 2024-01-02\n---\n본문\n",
    );
    let file = sinmun::loader::load(
        &[site.path().join("notes/memo.markdown")],
        sinmun::post::Keep::ALL,
    );
    assert_eq!(file.posts.len(), 1, "{:?}", file.all_problems());
    let folder = sinmun::loader::load(&[site.path().join("notes")], sinmun::post::Keep::ALL);
    assert_eq!(folder.posts.len(), 2);
}

/// Hexo publishes posts dated in the future (`future: true` by default)
/// and leaves them out with `future: false`.
#[test]
fn posts_dated_in_the_future_are_published_unless_future_is_false() {
    let site = Site::new();
    site.write("_config.yml", "title: 바람의 기록\n");
    site.write("scaffolds/post.md", "---\ntitle: {{ title }}\n---\n");
    site.write(
        "source/_posts/먼-훗날.md",
        "---\ntitle: 먼 훗날\ndate: 2999-01-01 10:00:00\n---\n본문\n",
    );
    site.write(
        "source/_posts/지난.md",
        "---\ntitle: 지난 글\ndate: 2000-01-01 10:00:00\n---\n본문\n",
    );
    let list = |drafts: bool| {
        let mut command = common::command();
        command.arg("--list").arg(site.path());
        if drafts {
            command.arg("--drafts");
        }
        let out = command.output().expect("run sinmun");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let listed = list(false);
    assert_eq!(listed.lines().count(), 2, "{listed}");
    assert!(!listed.contains("(scheduled)"), "{listed}");
    site.write("_config.yml", "title: 바람의 기록\nfuture: false\n");
    let listed = list(false);
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert!(list(true).contains("(scheduled) 먼 훗날"));
}
