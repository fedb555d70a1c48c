//! Loops in a post's own text and a Jekyll site's posts in its Liquid
//! (DESIGN §6): a series list (`{% for post in site.tags.시리즈 %}`), the
//! newest posts (`site.posts limit:2`), a loop over a front-matter list
//! or `split`, in `--dump` by id and by file, and in the reader.

mod common;

use std::path::Path;

use common::reader::Reader;
use common::{Site, run_in};
use crossterm::event::KeyCode;

/// A Jekyll site of three posts of a series; the newest lists the
/// series, the newest posts, and its own front matter's list.
fn series_site() -> Site {
    let site = Site::new();
    site.write(
        "_config.yml",
        "title: 제주 기록\nurl: https://jeju.example.kr\nbaseurl: /blog\n",
    );
    site.write(
        "_posts/2024-01-01-olle.md",
        "---\ntitle: 올레길 첫날\ntags: [제주도]\n---\n돌담 사이로 걸었다.\n",
    );
    site.write(
        "_posts/2024-02-01-halla.md",
        "---\ntitle: 한라산 오르기\ntags: [제주도, 산]\n---\n눈이 왔다.\n",
    );
    site.write(
        "_posts/2024-02-15-seoul.md",
        "---\ntitle: 서울 나들이\ntags: [서울]\n---\n시리즈가 아닌 글.\n",
    );
    site.write(
        "_posts/2024-03-01-udo.md",
        "---
title: 우도 한 바퀴
tags: [제주도]
foods: [땅콩 아이스크림, 한치 물회]
---
섬을 자전거로 돌았다.

## 제주도 시리즈

{% for post in site.tags.제주도 %}{% if post.url == page.url %}
- {{ post.title }} (이 글)
{% else %}
- [{{ post.title }}]({{ post.url | relative_url }})
{% endif %}{% endfor %}

## 최근 글

{% for post in site.posts limit:2 %}
1. {{ post.title }}
{% endfor %}

## 먹은 것

{% for food in page.foods %}
* {{ forloop.index }}. {{ food }}
{% endfor %}
{% assign days = \"토,일\" | split: \",\" %}{% for day in days reversed %}
* {{ day }}요일
{% endfor %}
",
    );
    site
}

fn dump(dir: &Path, wanted: &str) -> String {
    common::output_in(dir, &["--dump", wanted, "--width", "70", "."])
}

fn assert_series(shown: &str) {
    let lines: Vec<&str> = shown.lines().collect();
    let at = |line: &str| {
        lines
            .iter()
            .position(|l| *l == line)
            .unwrap_or_else(|| panic!("{line:?} in:\n{shown}"))
    };
    // Newest first, the post itself named, the others linked.
    assert!(at("- 우도 한 바퀴 (이 글)") < at("- 한라산 오르기[1]"));
    assert!(at("- 한라산 오르기[1]") < at("- 올레길 첫날[2]"));
    assert!(!shown.contains("- 서울 나들이"), "{shown}");
    assert!(shown.contains("[1] /blog/2024/02/01/halla.html"), "{shown}");
    assert!(shown.contains("[2] /blog/2024/01/01/olle.html"), "{shown}");
    // The newest two, then the front matter's list and a split's.
    assert!(at("1. 우도 한 바퀴") < at("2. 서울 나들이"));
    assert!(!shown.contains("한라산 오르기\n3."), "{shown}");
    assert!(at("- 1. 땅콩 아이스크림") < at("- 2. 한치 물회"));
    assert!(at("- 일요일") < at("- 토요일"));
    assert!(!shown.contains("{%"), "{shown}");
}

#[test]
fn a_post_s_loops_list_the_site_s_posts_in_dump() {
    let site = series_site();
    assert_series(&dump(&site.path(), "2024-03-01-udo"));
    // Read alone, the post still lists its site's posts.
    assert_series(&dump(&site.path(), "_posts/2024-03-01-udo.md"));
}

#[test]
fn the_reader_shows_the_series_and_opens_its_posts() {
    let site = series_site();
    let mut r = Reader::folder(&site.path(), 100, 60);
    r.key(KeyCode::Enter);
    r.settle();
    let frame = r.frame();
    assert!(frame.contains("- 우도 한 바퀴 (이 글)"), "{frame}");
    assert!(frame.contains("- 한라산 오르기[1]"), "{frame}");
    assert!(frame.contains("- 2. 한치 물회"), "{frame}");
}

#[test]
fn search_finds_what_a_post_s_own_loops_write() {
    let site = series_site();
    let out = run_in(&site.path(), &["--list", "--search", "한치 물회", "."]);
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert!(listed.contains("우도 한 바퀴"), "{listed}");
}

#[test]
fn an_unclosed_or_hostile_loop_shows_what_it_can() {
    let site = Site::new();
    site.write("_config.yml", "title: 기록\n");
    site.write(
        "_posts/2024-01-01-open.md",
        "---\ntitle: 열린 반복\n---\n앞 {% for x in (1..3) %}안쪽 {{ x }}\n",
    );
    site.write(
        "_posts/2024-01-02-big.md",
        "---\ntitle: 큰 반복\n---\n{% for a in (1..100000) %}{% for b in (1..100000) %}가{% endfor %}{% endfor %}끝\n",
    );
    let shown = dump(&site.path(), "2024-01-01-open");
    assert!(shown.contains("앞 안쪽"), "{shown}");
    let shown = dump(&site.path(), "2024-01-02-big");
    assert!(shown.contains("가"), "{shown}");
}

#[test]
fn a_site_s_include_lists_its_posts_with_their_dates() {
    // A theme's series include, as Korean blogs add one to their posts.
    let site = series_site();
    site.write(
        "_includes/series.html",
        "<ul>{% for post in site.tags[include.tag] %}\
         <li>{{ post.date | date: \"%Y년 %-m월 %-d일\" }} {{ post.title }}</li>\
         {% endfor %}</ul>",
    );
    site.write(
        "_posts/2024-04-01-end.md",
        "---\ntitle: 시리즈를 마치며\ndate: 2024-04-01 21:05:00 +0900\ntags: [제주도]\n---\n\
         {{ page.date | date: \"%H시 %M분\" }}에 쓴다.\n\n{% include series.html tag=\"제주도\" %}\n",
    );
    let shown = dump(&site.path(), "2024-04-01-end");
    for line in [
        "21시 05분에 쓴다.",
        "- 2024년 4월 1일 시리즈를 마치며",
        "- 2024년 1월 1일 올레길 첫날",
    ] {
        assert!(shown.lines().any(|l| l == line), "{line:?} in:\n{shown}");
    }
}

#[test]
fn a_post_picks_and_orders_the_site_s_posts_with_filters() {
    let site = series_site();
    site.write(
        "_posts/2024-05-01-index.md",
        "---\ntitle: 제주 글 모음\n---\n\
         {% assign jeju = site.posts | where: \"tags\", \"제주도\" | sort: \"date\" %}\
         {% for post in jeju %}\n{{ forloop.index }}. {{ post.title }}\n{% endfor %}\n",
    );
    let shown = dump(&site.path(), "2024-05-01-index");
    let listed: Vec<&str> = shown
        .lines()
        .filter(|l| l.contains(". ") && !l.contains(" · "))
        .collect();
    assert_eq!(
        listed,
        ["1. 올레길 첫날", "2. 한라산 오르기", "3. 우도 한 바퀴"],
        "{shown}"
    );
}

#[test]
fn a_loop_asking_for_the_site_s_posts_at_every_turn_ends_soon() {
    // `site.tags` is made once per article, not at every turn: over 2,000
    // posts and 1,000 turns this took minutes.
    let site = Site::new();
    site.write("_config.yml", "title: 큰 블로그\n");
    for i in 0..2000 {
        site.write(
            &format!("_posts/2024-01-01-글{i}.md"),
            format!("---\ntitle: 글 {i}\ntags: [공통, 태그{i}]\n---\n본문\n"),
        );
    }
    site.write(
        "_posts/2030-01-01-loop.md",
        "---\ntitle: 반복\n---\n{% for t in (1..1000) %}{{ site.tags.공통.size }} {% endfor %}\n",
    );
    let started = std::time::Instant::now();
    let shown = dump(&site.path(), "_posts/2030-01-01-loop.md");
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    assert!(shown.contains("2000 2000"), "{shown}");
}

#[test]
fn what_a_loop_writes_is_not_run_again() {
    // A title that holds a loop, written by a loop: shown as written, as
    // Jekyll runs a post's Liquid once (run again, it recursed without end).
    let site = Site::new();
    site.write(
        "_posts/2024-01-01-rec.md",
        "---\ntitle: \"{% for i in (1..1) %}{{ page.title }}{% endfor %}\"\n---\n\
         {% for i in (1..1) %}{{ page.title }}{% endfor %}\n\n\
         {% for i in (1..2) %}\n{% raw %}{{ 날것 }}{% endraw %} {{ i }}\n{% endfor %}\n",
    );
    let shown = dump(&site.path(), "_posts/2024-01-01-rec.md");
    assert!(
        shown.contains("\n{% for i in (1..1) %}{{ page.title }}{% endfor %}\n"),
        "{shown}"
    );
    assert!(
        shown.contains("{{ 날것 }} 1") && shown.contains("{{ 날것 }} 2"),
        "{shown}"
    );
    let out = run_in(&site.path(), &["--list", "--search", "날것", "."]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn drafts_are_among_the_site_s_posts_when_shown() {
    let site = series_site();
    site.write(
        "_drafts/목록.md",
        "---\ntitle: 초안 목록\n---\n{% for post in site.posts limit:1 %}\n- 맨 위: {{ post.title }}\n{% endfor %}\n",
    );
    let out = run_in(
        &site.path(),
        &["--drafts", "--dump", "_drafts/목록.md", "--width", "70"],
    );
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(shown.contains("- 맨 위: 초안 목록"), "{shown}");
    let out = run_in(
        &site.path(),
        &["--dump", "_drafts/목록.md", "--width", "70"],
    );
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(shown.contains("- 맨 위: 우도 한 바퀴"), "{shown}");
}
