//! The command line, through the real binary (DESIGN §3).

mod common;

use std::process::Output;

use common::{Site, fixture, run_in};
use sinmun::text::width;

fn run(args: &[&str]) -> Output {
    let empty = tempfile::tempdir().unwrap();
    run_in(empty.path(), args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn site() -> String {
    fixture("site/_posts").to_string_lossy().into_owned()
}

#[test]
fn list_columns_align_in_cells_for_hangul_latin_and_emoji() {
    let out = run(&["--list", &site()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "the draft is hidden:\n{text}");
    // Each row: DATE  CATEGORIES  ID  TITLE; the ID column starts at the
    // same cell on every row.
    let id_cells: Vec<usize> = lines
        .iter()
        .map(|l| {
            let id_start = ["2024-07-", "seed_"]
                .iter()
                .filter_map(|p| {
                    l.match_indices(p)
                        .nth(usize::from(p.starts_with("2024")))
                        .map(|(i, _)| i)
                })
                .next();
            width(&l[..id_start.expect("an id on every row")])
        })
        .collect();
    assert!(
        id_cells.windows(2).all(|w| w[0] == w[1]),
        "{id_cells:?}\n{text}"
    );
    assert!(
        lines[0].starts_with("2024-07-20  날씨"),
        "newest first: {text}"
    );
    assert!(lines[0].ends_with("🌧️ 장마 북상… 주말 전국에 비"));
    assert!(
        lines[2].starts_with("-           IT 뉴스"),
        "undated last, '-' for no date: {text}"
    );
    let title_cells: Vec<usize> = lines
        .iter()
        .map(|l| width(&l[..l.find(['M', '🌧', 'W']).unwrap()]))
        .collect();
    assert!(
        title_cells.windows(2).all(|w| w[0] == w[1]),
        "{title_cells:?}\n{text}"
    );
}

#[test]
fn list_drafts_category_and_search() {
    let out = run(&["--list", "--drafts", &site()]);
    assert_eq!(stdout(&out).lines().count(), 4);
    assert!(stdout(&out).contains("(draft) 아직 쓰는 중인 글"));
    let out = run(&[
        "--list",
        "--category",
        "날씨",
        "--category",
        "it 뉴스",
        &site(),
    ]);
    assert_eq!(stdout(&out).lines().count(), 2, "{}", stdout(&out));
    let out = run(&["--list", "--search", "ㅈㅈㅎㄱ", &site()]);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1);
    assert!(text.contains("2024-07-19-jeju-air-outage"));
    let out = run(&[
        "--list",
        "--search",
        "수작업 발권",
        "--category",
        "News",
        &site(),
    ]);
    assert_eq!(stdout(&out).lines().count(), 1);
}

#[test]
fn json_has_the_documented_fields() {
    let out = run(&["--list", "--json", "--drafts", &site()]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let posts = v.as_array().expect("an array");
    assert_eq!(posts.len(), 4);
    let keys = [
        "id",
        "path",
        "title",
        "categories",
        "tags",
        "date",
        "excerpt",
        "image",
        "published",
        "scheduled",
        "url",
        "read",
        "starred",
        "problems",
    ];
    for p in posts {
        let obj = p.as_object().unwrap();
        let mut got: Vec<&str> = obj.keys().map(String::as_str).collect();
        got.sort();
        let mut want = keys.to_vec();
        want.sort();
        assert_eq!(got, want);
    }
    let jeju = posts
        .iter()
        .find(|p| p["id"] == "2024-07-19-jeju-air-outage")
        .unwrap();
    assert_eq!(jeju["categories"], serde_json::json!(["항공", "News"]));
    assert_eq!(jeju["tags"], serde_json::json!(["LCC", "클라우드"]));
    assert_eq!(jeju["date"], "2024-07-19");
    assert_eq!(jeju["image"], "/assets/img/airport.jpg");
    assert_eq!(jeju["published"], true);
    assert!(
        jeju["path"]
            .as_str()
            .unwrap()
            .ends_with("2024-07-19-jeju-air-outage.html")
    );
    let weather = posts
        .iter()
        .find(|p| p["id"] == "2024-07-20-emoji-weather")
        .unwrap();
    assert_eq!(weather["date"], "2024-07-20T06:00:00+09:00");
    assert_eq!(weather["categories"], serde_json::json!(["날씨"]));
    let draft = posts.iter().find(|p| p["id"] == "draft-notes").unwrap();
    assert_eq!(draft["published"], false);
}

#[test]
fn json_carries_problems() {
    let out = run(&["--list", "--json", &fixture("broken").to_string_lossy()]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let bad = v
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "bad-date")
        .unwrap();
    let problems = bad["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].as_str().unwrap().ends_with("bad-date.txt:3: front matter: date should be a date like 2024-07-19 or 2024-07-19 10:00:00 +0900, found \"2024-02-30\""));
}

#[test]
fn check_passes_clean_posts_with_status_0() {
    let out = run(&["--check", &site()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    // The two undated files in `_posts` are noted (Jekyll would not publish
    // them), which is no failure.
    let printed = stdout(&out);
    assert_eq!(printed.lines().count(), 2, "{printed}");
    assert!(
        printed
            .lines()
            .all(|l| l.contains(": note: Jekyll does not publish this post")),
        "{printed}"
    );
    assert!(
        stderr(&out).contains("checked 4 posts: no problems, 2 notes"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_reports_each_problem_with_path_and_line_and_status_1() {
    let dir = fixture("broken");
    let out = run(&["--check", &dir.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    let d = dir.to_string_lossy();
    assert_eq!(
        lines[0],
        format!(
            "{d}/bad-date.txt:3: front matter: date should be a date like 2024-07-19 or 2024-07-19 10:00:00 +0900, found \"2024-02-30\""
        )
    );
    assert!(
        lines[1].starts_with(&format!("{d}/bad-yaml.txt:2: front matter: ")),
        "{text}"
    );
    assert_eq!(
        lines[2],
        format!("{d}/binary.txt:1: binary file (NUL bytes); not read")
    );
    assert!(stderr(&out).contains("3 problems"));
}

#[test]
fn demo_posts_open_when_there_is_no_folder() {
    let out = run(&["--list"]);
    assert_eq!(out.status.code(), Some(0));
    let n = stdout(&out).lines().count();
    assert!((10..=15).contains(&n), "{n}");
    assert!(stdout(&out).contains("제주항공"));
    let out = run(&["--check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "the demo posts are clean: {}",
        stdout(&out)
    );
}

#[test]
fn local_posts_folder_is_the_default() {
    let site = Site::new();
    site.write(
        "_posts/2024-01-01-local.txt",
        "---\ntitle: 이 폴더의 글\n---\n<p>x</p>\n",
    );
    let out = run_in(&site.path(), &["--list"]);
    assert_eq!(
        stdout(&out).trim_end(),
        "2024-01-01  -  2024-01-01-local  이 폴더의 글"
    );
}

/// Posts whose ids (their file names) are wider than a terminal, Hangul
/// in both ids and titles; one title is long, one short.
fn long_ids() -> Site {
    let site = Site::new();
    for (day, slug, title) in [
        (
            "01",
            "봄꽃-축제가-열리는-강변-공원의-주말-교통-통제와-임시-버스-노선-안내",
            "강변 봄꽃 축제 교통 안내: 주말 이틀 동안 달라지는 길과 임시 버스 노선 정리",
        ),
        (
            "02",
            "spring-festival-traffic-control-and-temporary-bus-routes-around-the-riverside-park",
            "주말 임시 버스 노선",
        ),
    ] {
        site.write(
            &format!("2026-04-{day}-{slug}.html"),
            format!("---\ntitle: \"{title}\"\ncategories: [지역]\n---\n<p>본문</p>\n"),
        );
    }
    site
}

#[test]
fn list_on_a_terminal_cuts_long_ids_so_that_titles_show() {
    let site = long_ids();
    let folder = site.path().to_string_lossy().into_owned();
    for w in [120, 80] {
        let out = run(&["--list", "--width", &w.to_string(), &folder]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        for line in text.lines() {
            assert!(width(line) <= w, "{w}: {line:?}");
            // DATE  CATEGORIES  ID  TITLE: the id is cut by cells, to a
            // third of the width at most; the title has the rest.
            let id_start = line.match_indices("2026-04-").nth(1).unwrap().0;
            let (id, title) = line[id_start..].split_once("  ").unwrap();
            assert!(id.ends_with('…') && width(id) <= w / 3, "{w}: {id:?}");
            let title = title.trim_start();
            assert!(
                title == "주말 임시 버스 노선" || width(title) >= w - 20 - w / 3,
                "{w}: {title:?}"
            );
        }
        assert!(text.contains("  주말 임시 버스 노선"), "{w}\n{text}");
        assert!(text.contains("  강변 봄꽃 축제 교통 안내"), "{w}\n{text}");
    }
    // Piped without --width, every id and title is whole.
    let text = stdout(&run(&["--list", &folder]));
    assert!(!text.contains('…'), "{text}");
    assert!(
        text.contains("riverside-park  주말 임시 버스 노선"),
        "{text}"
    );
}

/// Ids cut only as far as the titles need: with short titles, the ids
/// keep the room the titles leave.
#[test]
fn list_on_a_terminal_leaves_ids_the_room_titles_do_not_need() {
    let site = Site::new();
    let slug = "동네-작은도서관-밤-10시까지-불-밝힌다-주민-요청에-운영-시간-늘려";
    site.write(
        &format!("2026-04-03-{slug}.html"),
        "---\ntitle: 도서관 소식\n---\n<p>본문</p>\n",
    );
    let folder = site.path().to_string_lossy().into_owned();
    let out = run(&["--list", "--width", "120", &folder]);
    let text = stdout(&out);
    assert_eq!(
        text.trim_end(),
        format!("2026-04-03  -  2026-04-03-{slug}  도서관 소식"),
        "whole at 120 cells"
    );
    let out = run(&["--list", "--width", "60", &folder]);
    let line = stdout(&out).trim_end().to_string();
    assert!(line.ends_with("…  도서관 소식"), "{line:?}");
    assert_eq!(width(&line), 60, "{line:?}");
}

#[test]
fn started_inside_a_posts_folder_reads_it() {
    let site = Site::new();
    site.write(
        "_posts/경제/2024-01-01-inside.md",
        "---\ntitle: 폴더 안에서\n---\n본문\n",
    );
    for cwd in ["_posts", "_posts/경제"] {
        let out = run_in(&site.path().join(cwd), &["--list"]);
        assert!(
            stdout(&out).contains("폴더 안에서"),
            "in {cwd}: {}",
            stdout(&out)
        );
    }
    // A folder that is not one of posts still opens the demo posts.
    site.write("notes/readme.md", "메모\n");
    let out = run_in(&site.path().join("notes"), &["--list"]);
    assert!(stdout(&out).contains("제주항공"));
}

#[test]
fn a_category_no_post_has_is_said_on_stderr() {
    let site = Site::new();
    site.write(
        "_posts/2024-01-01-a.md",
        "---\ntitle: 경제 글\ncategories: [경제, IT]\n---\n본문\n",
    );
    let dir = site.path().join("_posts").display().to_string();
    let out = run(&["--list", "--category", "졍제", &dir]);
    assert_eq!(out.status.code(), Some(0), "an empty list is no error");
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "sinmun: no post is in the category \"졍제\"; the 2 categories: IT, 경제\n"
    );
    let out = run(&["--list", "--category", "it", &dir]);
    assert_eq!(stderr(&out), "", "case aside, IT is one");
    assert!(stdout(&out).contains("경제 글"));
}

#[test]
fn usage_errors_are_one_line_with_status_2() {
    for args in [
        vec!["--bogus"],
        vec!["--json"],
        vec!["--list", "--check"],
        vec!["--list", "--category"],
        vec!["--list", "/nonexistent/folder"],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("sinmun: "), "{err}");
        assert!(out.stdout.is_empty());
    }
    let err = stderr(&run(&["--list", "/nonexistent/folder"]));
    assert_eq!(err, "sinmun: /nonexistent/folder: no such file or folder\n");
}

#[test]
fn help_and_version() {
    let out = run(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    for flag in [
        "--list",
        "--json",
        "--category",
        "--search",
        "--drafts",
        "--check",
    ] {
        assert!(stdout(&out).contains(flag), "{flag}");
    }
    // The commands a config's `keys:` may name, from the key table (the
    // digit keys cannot be changed).
    let help = stdout(&out);
    let listed = help
        .split_once("Commands for the config's keys:")
        .map(|(_, after)| after)
        .unwrap_or_else(|| panic!("no commands in the help:\n{help}"));
    let listed: Vec<&str> = listed.lines().skip(2).collect();
    let names: Vec<&str> = listed.iter().flat_map(|l| l.split_whitespace()).collect();
    for b in sinmun::app::keymap::TABLE {
        assert_eq!(
            names.contains(&b.name),
            b.name != sinmun::app::keymap::OPEN_LINK,
            "{}",
            b.name
        );
    }
    assert!(listed.iter().all(|l| width(l) <= 80), "{help}");
    let out = run(&["--version"]);
    assert_eq!(
        stdout(&out).trim(),
        format!("sinmun {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn hostile_titles_cannot_steer_the_terminal() {
    let site = Site::new();
    site.write("evil.txt", "---\ntitle: \"\\e]2;owned\\a\\e[2J제목\\u202e\"\ncategories: [\"\\e[31m빨강\"]\n---\n<p>x</p>\n");
    for args in [vec!["--list"], vec!["--list", "--json"], vec!["--check"]] {
        let mut a = args.clone();
        let p = site.path().to_string_lossy().into_owned();
        a.push(&p);
        let out = run(&a);
        let all = [out.stdout, out.stderr].concat();
        assert!(!all.contains(&0x1b) && !all.contains(&0x07), "{args:?}");
        assert!(!String::from_utf8_lossy(&all).contains('\u{202e}'));
    }
}

/// The README's key table is the key table: regenerate it with
/// `SINMUN_WRITE_README=1 cargo test --test cli readme` after a change.
#[test]
fn readme_key_table_is_made_from_the_key_table() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (begin, end) = ("<!-- keys: begin -->\n", "<!-- keys: end -->");
    let start = readme.find(begin).expect("the key table's begin marker") + begin.len();
    let stop = readme.find(end).expect("the key table's end marker");
    let table = sinmun::app::keymap::markdown_table();
    if std::env::var_os("SINMUN_WRITE_README").is_some() {
        let updated = format!("{}{table}{}", &readme[..start], &readme[stop..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..stop],
        table,
        "run SINMUN_WRITE_README=1 cargo test --test cli readme"
    );
}

/// Under a Korean locale (or `language: ko`) the command line's one-line
/// errors and summaries are Korean; `language: en` forces English.
#[test]
fn a_korean_locale_or_language_ko_speaks_korean() {
    let home = tempfile::tempdir().unwrap();
    let korean = || {
        let mut c = common::command_in(home.path());
        c.env("LANG", "ko_KR.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES");
        c
    };
    let out = korean()
        .args(["--list", "/nonexistent/글"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("그런 파일이나 폴더가 없음"), "{err}");
    let out = korean()
        .args(["--check", &fixture("broken").to_string_lossy()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("를 확인함: 문제 "), "{err}");
    let out = korean().args(["--colour"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("'sinmun --help'를 보세요"), "{err}");

    let config = home.path().join("english.yaml");
    std::fs::write(&config, "language: en\n").unwrap();
    let out = korean()
        .args([
            "--config",
            &config.to_string_lossy(),
            "--list",
            "/nonexistent/글",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no such file or folder"),
        "language: en wins: {err}"
    );

    let config = home.path().join("korean.yaml");
    std::fs::write(&config, "language: ko\n").unwrap();
    let out = common::command_in(home.path())
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .args([
            "--config",
            &config.to_string_lossy(),
            "--list",
            "/nonexistent/x",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("그런 파일이나 폴더가 없음"),
        "language: ko: {err}"
    );
}
