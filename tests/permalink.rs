//! `O` opens a post's page where its site publishes it, and `y` copies
//! that address: Jekyll's permalink styles and placeholders, Hugo's paths
//! and `permalinks`, Hexo's `permalink`.

mod common;

use common::Site;
use common::reader::Reader;
use sinmun::app::{Action, Effect};

/// The address `O` opens for the post titled `title`, if any.
fn page_of(site: &Site, title: &str) -> Option<String> {
    let mut r = Reader::folder(&site.path(), 120, 30);
    let post = (0..r.app.store.posts().len())
        .find(|&i| r.title(i) == title)
        .unwrap_or_else(|| panic!("no post titled {title}"));
    let row = r.app.list.visible.iter().position(|&p| p == post)?;
    r.app.list.selected = row;
    let effects = r.effects_of(Action::OpenPage);
    effects.into_iter().find_map(|e| match e {
        Effect::OpenUrl(address) => Some(address),
        _ => None,
    })
}

fn jekyll(config: &str) -> Site {
    let site = Site::new();
    site.write("_config.yml", config);
    site.write(
        "_posts/2024-03-05-첫 글.md",
        "---\ntitle: 첫 글\ncategories: [Dev, 일기]\n---\n본문\n",
    );
    site.write(
        "_posts/2024-03-06-second.md",
        "---\ntitle: 둘째\nslug: my-slug\n---\n본문\n",
    );
    site.write(
        "_posts/2024-03-07-own.md",
        "---\ntitle: 고정 주소\npermalink: /about/:year/own/\n---\n본문\n",
    );
    site
}

#[test]
fn jekyll_publishes_by_its_permalink_style() {
    let site = jekyll("url: https://blog.example.kr\nbaseurl: /log\n");
    assert_eq!(
        page_of(&site, "첫 글").as_deref(),
        Some(
            "https://blog.example.kr/log/dev/%EC%9D%BC%EA%B8%B0/2024/03/05/%EC%B2%AB-%EA%B8%80.html"
        ),
        "date style: categories lowercased, the slug's space a hyphen, Hangul encoded"
    );
    assert_eq!(
        page_of(&site, "둘째").as_deref(),
        Some("https://blog.example.kr/log/2024/03/06/my-slug.html")
    );
    assert_eq!(
        page_of(&site, "고정 주소").as_deref(),
        Some("https://blog.example.kr/log/about/2024/own/")
    );
    let site = jekyll("url: https://blog.example.kr/\nbaseurl: log/\n");
    assert_eq!(
        page_of(&site, "둘째").as_deref(),
        Some("https://blog.example.kr/log/2024/03/06/my-slug.html"),
        "slashes as people write them"
    );
    let site = jekyll("url: https://blog.example.kr\npermalink: pretty\n");
    assert_eq!(
        page_of(&site, "둘째").as_deref(),
        Some("https://blog.example.kr/2024/03/06/my-slug/")
    );
    let site = jekyll("url: https://blog.example.kr\npermalink: /:year/:title:output_ext\n");
    assert_eq!(
        page_of(&site, "둘째").as_deref(),
        Some("https://blog.example.kr/2024/my-slug.html")
    );
}

#[test]
fn jekyll_defaults_slugs_and_styles_as_themes_write_them() {
    // Chirpy sets the posts' permalink under `defaults:` only.
    let site = jekyll(
        "url: https://blog.example.kr\ndefaults:\n  - scope:\n      path: \"\"\n      type: posts\n    values:\n      layout: post\n      permalink: /posts/:title/\n",
    );
    assert_eq!(
        page_of(&site, "둘째").as_deref(),
        Some("https://blog.example.kr/posts/my-slug/")
    );
    let site = jekyll("url: https://blog.example.kr\npermalink: /:slug/\n");
    site.write(
        "_posts/2024-03-08-Python.Ray.md",
        "---\ntitle: 레이\n---\n본문\n",
    );
    assert_eq!(
        page_of(&site, "레이").as_deref(),
        Some("https://blog.example.kr/python-ray/"),
        ":slug is lower case, its dots hyphens"
    );
    let site = jekyll("url: https://blog.example.kr\npermalink: weekdate\n");
    assert_eq!(
        page_of(&site, "둘째"),
        None,
        "week dates are not worked out"
    );
}

#[test]
fn without_a_site_url_or_with_an_unknown_placeholder_there_is_no_address() {
    let site = jekyll("title: 주소 없는 블로그\n");
    assert_eq!(page_of(&site, "둘째"), None);
    let mut r = Reader::folder(&site.path(), 120, 30);
    r.run([Action::OpenPage]);
    assert!(
        r.app
            .message
            .as_deref()
            .is_some_and(|m| m.starts_with("no web address")),
        "{:?}",
        r.app.message
    );
    let site = jekyll("url: https://blog.example.kr\npermalink: /:year/:week/:title/\n");
    assert_eq!(page_of(&site, "둘째"), None, "never a guess");
}

#[test]
fn hugo_publishes_by_path_slug_url_and_permalinks() {
    let site = Site::new();
    site.write(
        "hugo.toml",
        "baseURL = 'https://hugo.example.kr/'\ntitle = '휴고'\n",
    );
    site.write(
        "content/posts/My-Post.md",
        "+++\ntitle = '경로'\ndate = 2024-05-01\n+++\n본문\n",
    );
    site.write(
        "content/posts/bundle/index.md",
        "+++\ntitle = '묶음'\ndate = 2024-05-02\n+++\n본문\n",
    );
    site.write(
        "content/posts/slugged.md",
        "+++\ntitle = '슬러그'\nslug = 'short'\ndate = 2024-05-03\n+++\n본문\n",
    );
    site.write(
        "content/posts/own.md",
        "+++\ntitle = '주소'\nurl = '/fixed/place/'\ndate = 2024-05-04\n+++\n본문\n",
    );
    assert_eq!(
        page_of(&site, "경로").as_deref(),
        Some("https://hugo.example.kr/posts/my-post/")
    );
    assert_eq!(
        page_of(&site, "묶음").as_deref(),
        Some("https://hugo.example.kr/posts/bundle/")
    );
    assert_eq!(
        page_of(&site, "슬러그").as_deref(),
        Some("https://hugo.example.kr/posts/short/")
    );
    assert_eq!(
        page_of(&site, "주소").as_deref(),
        Some("https://hugo.example.kr/fixed/place/")
    );
    // A slug as Hugo makes a path of it: spaces as `-`, punctuation gone.
    site.write(
        "content/posts/spring.md",
        "+++\ntitle = '봄'\nslug = 'Jeju Trip (2024, 봄)'\ndate = 2024-05-05\n+++\n본문\n",
    );
    assert_eq!(
        page_of(&site, "봄").as_deref(),
        Some("https://hugo.example.kr/posts/jeju-trip-2024-%EB%B4%84/")
    );
    site.write(
        "hugo.toml",
        "baseURL = 'https://hugo.example.kr/'\n[permalinks]\nposts = '/:year/:month/:title/'\n",
    );
    assert_eq!(
        page_of(&site, "경로").as_deref(),
        Some("https://hugo.example.kr/2024/05/%EA%B2%BD%EB%A1%9C/")
    );
}

#[test]
fn hugo_publishes_each_language_under_its_code() {
    let site = Site::new();
    site.write(
        "hugo.toml",
        "baseURL = 'https://hugo.example.kr/'\ndefaultContentLanguage = 'ko'\n\
         [languages.ko]\ncontentDir = 'content/ko'\n[languages.en]\ncontentDir = 'content/en'\n",
    );
    site.write(
        "content/ko/posts/제주/index.md",
        "+++\ntitle = '제주 여행'\ndate = 2024-05-01\n+++\n본문\n",
    );
    site.write(
        "content/en/posts/jeju/index.md",
        "+++\ntitle = 'Jeju trip'\ndate = 2024-05-01\n+++\nBody\n",
    );
    site.write(
        "content/en/posts/jeju/index.ko.md",
        "+++\ntitle = '번역된 제주'\ndate = 2024-05-01\n+++\n본문\n",
    );
    site.write(
        "content/en/posts/v1.2-release.md",
        "+++\ntitle = 'Release'\ndate = 2024-05-02\n+++\nBody\n",
    );
    site.write(
        "content/en/posts/guide.fr.md",
        "+++\ntitle = 'Guide'\ndate = 2024-05-03\n+++\nCorps\n",
    );
    // The default language at the root, the others under their codes.
    assert_eq!(
        page_of(&site, "제주 여행").as_deref(),
        Some("https://hugo.example.kr/posts/%EC%A0%9C%EC%A3%BC/")
    );
    assert_eq!(
        page_of(&site, "Jeju trip").as_deref(),
        Some("https://hugo.example.kr/en/posts/jeju/")
    );
    // A translation by its file name, into the default language.
    assert_eq!(
        page_of(&site, "번역된 제주").as_deref(),
        Some("https://hugo.example.kr/posts/jeju/")
    );
    // A dot that names no language is part of the name; a language the
    // site does not have gives no address.
    assert_eq!(
        page_of(&site, "Release").as_deref(),
        Some("https://hugo.example.kr/en/posts/v1.2-release/")
    );
    assert_eq!(page_of(&site, "Guide"), None);
    // Every language under its code, and `permalinks` below it.
    site.write(
        "hugo.toml",
        "baseURL = 'https://hugo.example.kr/'\ndefaultContentLanguage = 'ko'\n\
         defaultContentLanguageInSubdir = true\n[permalinks]\nposts = '/:year/:slug/'\n\
         [languages.ko]\ncontentDir = 'content/ko'\n[languages.en]\ncontentDir = 'content/en'\n",
    );
    assert_eq!(
        page_of(&site, "Jeju trip").as_deref(),
        Some("https://hugo.example.kr/en/2024/jeju-trip/")
    );
    assert_eq!(
        page_of(&site, "번역된 제주").as_deref(),
        Some("https://hugo.example.kr/ko/2024/%EB%B2%88%EC%97%AD%EB%90%9C-%EC%A0%9C%EC%A3%BC/")
    );
}

#[test]
fn json_gives_each_post_s_page_as_a_browser_asks_for_it() {
    let site = Site::new();
    site.write(
        "hugo.toml",
        "baseURL = 'https://hugo.example.kr/'\ndefaultContentLanguage = 'ko'\n",
    );
    site.write(
        "content/posts/제주 여행.md",
        "+++\ntitle = '제주'\ndate = 2024-05-01\n+++\n본문\n",
    );
    site.write(
        "content/posts/own.md",
        "+++\ntitle = '자기 주소'\nurl = 'https://elsewhere.example.kr/글'\ndate = 2024-05-02\n+++\n본문\n",
    );
    let out = common::command()
        .args(["--list", "--json"])
        .arg(site.path())
        .output()
        .unwrap();
    let posts: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let url_of = |title: &str| {
        posts
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["title"] == title)
            .map(|p| p["url"].clone())
            .unwrap()
    };
    assert_eq!(
        url_of("제주"),
        "https://hugo.example.kr/posts/%EC%A0%9C%EC%A3%BC-%EC%97%AC%ED%96%89/"
    );
    assert_eq!(
        url_of("자기 주소"),
        "https://elsewhere.example.kr/%EA%B8%80"
    );
    // A folder of posts that is no site: no address.
    let plain = Site::new();
    plain.write("뉴스/속보.md", "---\ntitle: 속보\n---\n본문\n");
    let out = common::command()
        .args(["--list", "--json"])
        .arg(plain.path().join("뉴스"))
        .output()
        .unwrap();
    let posts: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(posts[0]["url"], serde_json::Value::Null);
}

#[test]
fn hexo_publishes_by_its_permalink() {
    let site = Site::new();
    site.write(
        "_config.yml",
        "title: 헥소\nurl: https://hexo.example.kr\npermalink: :year/:month/:title/\n",
    );
    site.write(
        "package.json",
        "{\"dependencies\": {\"hexo\": \"^7.0.0\"}}\n",
    );
    site.write(
        "source/_posts/hello-world.md",
        "---\ntitle: 안녕\ndate: 2024-06-07 10:00:00\n---\n본문\n",
    );
    site.write(
        "source/_posts/own.md",
        "---\ntitle: 고정\ndate: 2024-06-08\npermalink: notes/own/\n---\n본문\n",
    );
    assert_eq!(
        page_of(&site, "안녕").as_deref(),
        Some("https://hexo.example.kr/2024/06/hello-world/")
    );
    assert_eq!(
        page_of(&site, "고정").as_deref(),
        Some("https://hexo.example.kr/notes/own/")
    );
}

#[test]
fn y_copies_the_page_address_in_an_article() {
    let site = jekyll("url: https://blog.example.kr\n");
    let mut r = Reader::folder(&site.path(), 120, 30);
    let post = (0..r.app.store.posts().len())
        .find(|&i| r.title(i) == "둘째")
        .unwrap();
    r.app.list.selected = r.app.list.visible.iter().position(|&p| p == post).unwrap();
    r.run([Action::Open]);
    let effects = r.effects_of(Action::CopyLink);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Copy(a) if a == "https://blog.example.kr/2024/03/06/my-slug.html")),
        "{effects:?}"
    );
}
