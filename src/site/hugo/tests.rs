use super::*;

/// A Hugo site with a `content` folder and the files `files` (path,
/// text) under its root.
fn site_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content/posts")).unwrap();
    for (rel, text) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// The site read at `dir`, which must be one.
fn read(dir: &tempfile::TempDir) -> (Site, Vec<Problem>) {
    Site::hugo_at(dir.path()).expect("a Hugo site")
}

#[test]
fn a_hugo_site_reads_its_config_and_resolves_under_static() {
    let dir = site_with(&[
        ("static/images/표지.png", "png"),
        (
            "hugo.toml",
            "baseURL = 'https://gom.example.com/blog/'\nlanguageCode = 'ko-kr'\ntitle = '곰의 노트'\n",
        ),
    ]);
    let (s, problems) = Site::of_folder(dir.path()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(s.title, "곰의 노트");
    assert_eq!(
        (s.url.as_str(), s.baseurl.as_str()),
        ("https://gom.example.com", "/blog")
    );
    assert_eq!(s.content, Some(dir.path().join("content")));
    assert!(s.resolve_asset("/blog/images/표지.png").is_some());
    // Pictures beside the pages in `content` are published too.
    std::fs::create_dir_all(dir.path().join("content/posts/taean")).unwrap();
    std::fs::write(dir.path().join("content/posts/taean/오븐.jpg"), b"jpg").unwrap();
    assert_eq!(
        s.resolve_asset("/posts/taean/오븐.jpg"),
        std::fs::canonicalize(dir.path().join("content/posts/taean/오븐.jpg")).ok()
    );
    assert_eq!(s.resolve_asset("/posts/../../config.toml"), None);
    // Without a content folder, a config.toml is no Hugo site.
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("config.toml"), "title = 'x'\n").unwrap();
    assert!(Site::of_folder(other.path()).is_none());
}

#[test]
fn a_configuration_folder_alone_makes_a_site() {
    let dir = site_with(&[
        (
            "config/_default/hugo.toml",
            "baseURL = 'https://jeju.example.kr/'\ntitle = '제주 여행기'\nbuildFuture = true\n",
        ),
        (
            "config/_default/permalinks.toml",
            "posts = '/:year/:slug/'\n",
        ),
        ("config/_default/params.toml", "subtitle = '바다와 오름'\n"),
    ]);
    assert!(super::super::is_site_root(dir.path()));
    let (s, problems) = read(&dir);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(s.engine, Engine::Hugo);
    assert_eq!(s.title, "제주 여행기");
    assert_eq!(s.url, "https://jeju.example.kr");
    assert_eq!(s.permalink("posts"), "/:year/:slug/");
    assert!(s.future);
    // Found from its `content` folder and the folders inside it.
    let (s, _) = Site::of_folder(&dir.path().join("content")).unwrap();
    assert_eq!(s.title, "제주 여행기");
    let (s, _) = Site::of_folder(&dir.path().join("content/posts")).unwrap();
    assert_eq!(s.root, dir.path());
}

#[test]
fn production_is_merged_over_the_defaults_key_by_key() {
    let dir = site_with(&[
        (
            "config/_default/hugo.toml",
            "baseURL = 'http://localhost:1313/'\ntitle = '제주 여행기'\n[permalinks]\nposts = '/:slug/'\n",
        ),
        ("config/_default/permalinks.toml", "notes = '/n/:slug/'\n"),
        (
            "config/production/hugo.yaml",
            "baseurl: https://jeju.example.kr/trip/\n",
        ),
        (
            "config/production/permalinks.toml",
            "posts = '/:year/:slug/'\n",
        ),
        // Another environment's settings are not the site's.
        ("config/development/hugo.toml", "title = '개발 중'\n"),
    ]);
    let (s, problems) = read(&dir);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(s.title, "제주 여행기");
    assert_eq!(
        (s.url.as_str(), s.baseurl.as_str()),
        ("https://jeju.example.kr", "/trip")
    );
    assert_eq!(s.permalink("posts"), "/:year/:slug/");
    assert_eq!(s.permalink("notes"), "/n/:slug/", "tables merge");
    // Only `development` is not a configuration Hugo builds with.
    let dev = site_with(&[("config/development/hugo.toml", "title = '개발 중'\n")]);
    assert!(Site::hugo_at(dev.path()).is_none());
    assert!(!super::super::is_site_root(dev.path()));
}

#[test]
fn the_folder_is_merged_over_the_root_file() {
    let dir = site_with(&[
        (
            "hugo.toml",
            "baseURL = 'https://old.example.kr/'\ntitle = '제주 여행기'\nbuildFuture = true\n[permalinks]\nposts = '/old/:slug/'\nnotes = '/n/:slug/'\n",
        ),
        // Read after `hugo.toml` (a name Hugo reads first) only.
        ("config.toml", "title = '읽히지 않는 제목'\n"),
        (
            "config/_default/config.yaml",
            "BaseUrl: https://jeju.example.kr/\nbuildfuture: false\n",
        ),
        ("config/_default/permalinks.yaml", "Posts: /:year/:slug/\n"),
    ]);
    let (s, problems) = read(&dir);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(s.title, "제주 여행기");
    assert_eq!(s.url, "https://jeju.example.kr");
    assert!(!s.future);
    assert_eq!(s.permalink("posts"), "/:year/:slug/");
    assert_eq!(
        s.permalink("Posts"),
        "/:year/:slug/",
        "sections without case"
    );
    assert_eq!(s.permalink("notes"), "/n/:slug/");
}

#[test]
fn root_files_are_tried_in_hugos_order() {
    let dir = site_with(&[
        ("config.toml", "title = '설정'\n"),
        ("hugo.json", "{\"title\": \"제주 여행기\"}\n"),
    ]);
    assert_eq!(read(&dir).0.title, "제주 여행기");
    std::fs::write(dir.path().join("hugo.yml"), "title: 오름 산책\n").unwrap();
    assert_eq!(read(&dir).0.title, "오름 산책");
}

#[test]
fn files_merge_in_name_order_and_subfolders_are_read() {
    let dir = site_with(&[
        (
            "config/_default/hugo.toml",
            "title = '제주 여행기'\n[permalinks]\nposts = '/from-hugo/'\n",
        ),
        (
            "config/_default/permalinks.toml",
            "posts = '/from-permalinks/'\n",
        ),
        ("config/_default/zz/hugo.toml", "title = '올레길 기록'\n"),
        // Not a configuration file: not read, its text not checked.
        ("config/_default/params.toml.example", "[깨진\n"),
    ]);
    let (s, problems) = read(&dir);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(s.permalink("posts"), "/from-permalinks/");
    assert_eq!(s.title, "올레길 기록");
}

#[test]
fn a_file_holding_only_its_own_key_gives_that_keys_value() {
    let dir = site_with(&[(
        "config/_default/permalinks.yaml",
        "permalinks:\n  posts: /:year/:month/:slug/\n",
    )]);
    let (s, _) = read(&dir);
    assert_eq!(s.permalink("posts"), "/:year/:month/:slug/");
}

#[test]
fn language_files_belong_to_their_language() {
    let dir = site_with(&[
        ("config/_default/hugo.toml", "title = '사이트'\n"),
        // The menus and params of a language are not the site's.
        (
            "config/_default/menus.ko.toml",
            "[[main]]\nname = '홈'\nurl = '/'\n",
        ),
        ("config/_default/params.ko.toml", "title = '한국어 부제'\n"),
        (
            "config/_default/title.ko.toml",
            "title = '언어 설정'\nweight = 2\n",
        ),
    ]);
    let (s, problems) = read(&dir);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(s.title, "사이트", "English is the default language");
    std::fs::write(
        dir.path().join("config/_default/menu.ko.yaml"),
        "footer:\n  - name: 소개\n",
    )
    .unwrap();
    let map = Config::read(dir.path()).unwrap().map;
    let ko = &map["languages"]["ko"];
    assert_eq!(ko["menus"]["main"][0]["name"], "홈");
    assert_eq!(
        ko["menus"]["footer"][0]["name"], "소개",
        "`menu` is `menus`"
    );
    assert_eq!(ko["params"]["title"], "한국어 부제");
    assert_eq!(ko["title"], "언어 설정");
    // The default language's `title` is the site's (Blowfish writes it
    // in `languages.ko.toml`).
    let dir = site_with(&[
        (
            "config/_default/hugo.toml",
            "title = '사이트'\ndefaultContentLanguage = 'ko'\n",
        ),
        (
            "config/_default/languages.ko.toml",
            "title = '제주 여행기'\nweight = 1\n",
        ),
        (
            "config/_default/languages.en.toml",
            "title = 'Jeju Trips'\n",
        ),
    ]);
    assert_eq!(read(&dir).0.title, "제주 여행기");
    let dir = site_with(&[
        ("hugo.toml", "title = '사이트'\n"),
        (
            "config/_default/languages.toml",
            "[en]\ntitle = 'Jeju Trips'\n",
        ),
    ]);
    assert_eq!(read(&dir).0.title, "Jeju Trips");
}

#[test]
fn a_broken_file_is_a_note_at_its_line_and_the_rest_is_read() {
    let dir = site_with(&[
        (
            "config/_default/hugo.toml",
            "title = '제주 여행기'\nbaseURL = 'https://jeju.example.kr/'\n",
        ),
        (
            "config/_default/params.toml",
            "subtitle = '바다'\nkeywords = [\"오름\",\n",
        ),
        ("config/production/hugo.toml", "buildFuture = true\n"),
    ]);
    let (s, problems) = read(&dir);
    assert_eq!(s.title, "제주 여행기");
    assert!(s.future);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].is_note());
    let said = problems[0].to_string();
    assert!(said.contains("config/_default/params.toml:2:"), "{said}");
}

#[cfg(unix)]
#[test]
fn a_symlinked_folder_is_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("hugo.toml"), "title = '밖'\n").unwrap();
    let dir = site_with(&[("config/_default/hugo.toml", "title = '제주 여행기'\n")]);
    std::os::unix::fs::symlink(outside.path(), dir.path().join("config/_default/zz")).unwrap();
    assert_eq!(read(&dir).0.title, "제주 여행기");
}
