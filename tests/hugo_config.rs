//! Hugo's configuration folder (DESIGN §2): a site whose configuration is
//! `config/_default/` (and `config/production/`, merged over it, and both
//! over a root `hugo.toml`) is read as a Hugo site, through the binary and
//! the reader, over Korean posts written here in the shape of Blowfish
//! sites.

mod common;

use std::path::Path;
use std::process::Output;

use common::reader::Reader;
use common::{Site, run_in};
use sinmun::app::{Action, Effect};

/// A Hugo site configured by its `config/_default/` folder alone: a past
/// post and one dated in the future.
fn jeju_site() -> Site {
    let site = Site::new();
    site.write(
        "config/_default/hugo.toml",
        "baseURL = 'http://localhost:1313/'\ntitle = '제주 여행기'\nbuildFuture = true\ndefaultContentLanguage = 'ko'\n",
    );
    site.write(
        "config/_default/permalinks.toml",
        "posts = '/:year/:slug/'\n",
    );
    site.write(
        "config/_default/menus.ko.toml",
        "[[main]]\nname = '글'\nurl = '/posts/'\n",
    );
    site.write(
        "content/posts/olle.md",
        "+++\ntitle = '올레길 걷기'\ndate = 2024-04-02\nslug = 'jeju-olle'\n+++\n돌담 사이로 걸었다.\n",
    );
    site.write(
        "content/posts/hallasan.md",
        "+++\ntitle = '한라산 겨울 산행'\ndate = 2999-01-01T09:00:00+09:00\n+++\n눈꽃을 보러 간다.\n",
    );
    site
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The titles `--list` shows for the site at `cwd`, `args` given.
fn listed(cwd: &Path, args: &[&str]) -> String {
    let out = run_in(cwd, &[&["--list"], args].concat());
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    stdout(&out)
}

#[test]
fn build_future_from_the_folder_and_production_over_it() {
    let site = jeju_site();
    let all = listed(&site.path(), &["."]);
    assert_eq!(all.lines().count(), 2, "{all}");
    assert!(all.contains("한라산 겨울 산행"), "{all}");
    // Production, what `hugo` builds, says otherwise: the page waits.
    site.write("config/production/hugo.toml", "buildFuture = false\n");
    let built = listed(&site.path(), &["."]);
    assert_eq!(built.lines().count(), 1, "{built}");
    assert!(built.contains("올레길 걷기"), "{built}");
    let out = run_in(&site.path(), &["--list", "--json", "--drafts", "."]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let scheduled = |title: &str| {
        json.as_array()
            .and_then(|posts| posts.iter().find(|p| p["title"] == title))
            .map(|p| p["scheduled"].clone())
    };
    assert_eq!(scheduled("한라산 겨울 산행"), Some(true.into()));
    assert_eq!(scheduled("올레길 걷기"), Some(false.into()));
    // The folder is read over a root `hugo.toml`.
    site.write("hugo.toml", "buildFuture = true\n");
    assert_eq!(listed(&site.path(), &["."]).lines().count(), 1);
}

#[test]
fn started_in_the_site_or_its_content_the_site_is_read() {
    let site = jeju_site();
    for cwd in [site.path(), site.path().join("content")] {
        let shown = listed(&cwd, &[]);
        assert_eq!(shown.lines().count(), 2, "{}: {shown}", cwd.display());
        assert!(shown.contains("올레길 걷기"), "{shown}");
    }
}

#[test]
fn a_broken_file_of_the_folder_is_a_note_at_its_line() {
    let site = jeju_site();
    site.write(
        "config/_default/params.toml",
        "subtitle = '바다와 오름'\nkeywords = ['제주',\n",
    );
    let out = run_in(&site.path(), &["--check", "."]);
    let said = stdout(&out);
    assert!(
        said.contains("config/_default/params.toml:2: note:"),
        "{said}"
    );
    assert_eq!(out.status.code(), Some(0), "a note is no failure: {said}");
    // The rest of the configuration is read all the same.
    assert_eq!(listed(&site.path(), &["."]).lines().count(), 2);
}

#[test]
fn the_web_address_and_title_come_from_the_folder() {
    let site = jeju_site();
    site.write(
        "config/production/hugo.toml",
        "baseURL = 'https://jeju.example.kr/trip/'\n",
    );
    let mut r = Reader::folder(&site.path(), 120, 30);
    assert_eq!(r.app.store.site_title(), Some("제주 여행기"));
    let post = (0..r.app.store.posts().len())
        .find(|&i| r.title(i) == "올레길 걷기")
        .expect("the post is listed");
    let row = r.app.list.visible.iter().position(|&p| p == post);
    r.app.list.selected = row.expect("the post is shown");
    let opened = r
        .effects_of(Action::OpenPage)
        .into_iter()
        .find_map(|e| match e {
            Effect::OpenUrl(address) => Some(address),
            _ => None,
        });
    assert_eq!(
        opened.as_deref(),
        Some("https://jeju.example.kr/trip/2024/jeju-olle/")
    );
}
