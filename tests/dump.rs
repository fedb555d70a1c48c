//! `--dump` through the real binary: golden articles at widths 80, 40, 20
//! and 1 (insta snapshots), colour rules, and a missing post.

mod common;

use std::path::Path;
use std::process::Output;

fn dump(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = common::command();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("COLORTERM");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.args(args).output().expect("run sinmun")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8")
}

const SAMPLE: &str = "tests/fixtures/render/2024-07-21-render-sample.html";

/// `--dump FILE` without colour at each width, every line within it,
/// against the snapshot `NAME_width_W`.
fn golden(file: &str, name: &str, widths: &[&str]) {
    for w in widths {
        let out = dump(&["--dump", file, "--width", w, "--color", "never"], &[]);
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        let max: usize = w.parse().unwrap();
        assert!(
            text.lines().all(|l| sinmun::text::width(l) <= max),
            "width {w}"
        );
        insta::assert_snapshot!(format!("{name}_width_{w}"), text);
    }
}

#[test]
fn golden_article_at_widths_80_40_20_1() {
    golden(SAMPLE, "sample", &["80", "40", "20", "1"]);
}

const BLOCKS: &str = "tests/fixtures/render/2024-09-03-code-and-tables.html";

/// A tech-blog post with every block sinmun lays out itself: code with
/// runs of spaces, a tab, long lines and Korean comments; tables with
/// narrow and wide columns, spans, `<br>`, alignment; a quote before a
/// list; footnotes; a same-page anchor.
#[test]
fn golden_code_tables_and_notes_at_widths_100_80_40_20() {
    golden(BLOCKS, "blocks", &["100", "80", "40", "20"]);
}

#[test]
fn golden_seed_shaped_post_with_a_broken_end_tag() {
    let out = dump(
        &[
            "--dump",
            "tests/fixtures/site/_posts/2024-07-19-jeju-air-outage.html",
            "--width",
            "60",
            "--color",
            "never",
        ],
        &[],
    );
    let text = stdout(&out);
    let joined: String = text.split_whitespace().collect();
    assert!(
        joined.contains("\"복구까지시간이걸릴수있다\"고설명했습니다."),
        "{text}"
    );
    insta::assert_snapshot!("jeju_air_width_60", text);
}

#[test]
fn dump_finds_posts_by_id_among_the_folders() {
    let out = dump(
        &[
            "tests/fixtures/site/_posts",
            "--dump",
            "2024-07-20-emoji-weather",
            "--width",
            "40",
            "--color",
            "never",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("markdown_width_40", stdout(&out));
    let demo = dump(
        &[
            "--dump",
            "2026-11-17-jejuair-winter-routes",
            "--width",
            "70",
            "--color",
            "never",
        ],
        &[],
    );
    assert!(
        stdout(&demo).starts_with("제주항공"),
        "the demo posts by id"
    );
}

#[test]
fn missing_post_is_status_1() {
    let out = dump(
        &["tests/fixtures/site/_posts", "--dump", "no-such-post"],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "sinmun: no post with the id or path \"no-such-post\" among the 4 posts in \
         tests/fixtures/site/_posts\n"
    );
}

#[test]
fn dump_finds_a_post_by_the_end_of_its_id_when_only_one_has_it() {
    let site = common::Site::new();
    let post = |title: &str| format!("---\ntitle: {title}\n---\n{title} 본문\n");
    site.write("_posts/ml/2021-01-03-python-ray.md", post("레이 사용법"));
    site.write("_posts/a/2021-01-01-note.md", post("첫 메모"));
    site.write("_posts/b/2021-02-01-note.md", post("둘째 메모"));
    let dir = site.path().display().to_string();
    for wanted in [
        "python-ray",
        "ml/2021-01-03-python-ray",
        "2021-01-03-python-ray",
    ] {
        let out = dump(&[&dir, "--dump", wanted, "--color", "never"], &[]);
        assert_eq!(out.status.code(), Some(0), "{wanted}: {:?}", out);
        assert!(stdout(&out).contains("레이 사용법 본문"), "{wanted}");
    }
    let out = dump(&[&dir, "--dump", "note"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(said.contains("\"note\" names 2 posts:"), "{said}");
    assert!(said.contains("give the whole id"), "{said}");
}

/// Every escape sequence in `bytes` is SGR (`ESC [ digits;… m`).
fn only_sgr(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b {
            if bytes.get(i + 1) != Some(&b'[') {
                return false;
            }
            let mut j = i + 2;
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b';') {
                j += 1;
            }
            if bytes.get(j) != Some(&b'm') {
                return false;
            }
            i = j + 1;
        } else {
            if bytes[i] < 0x20 && bytes[i] != b'\n' || bytes[i] == 0x7f {
                return false;
            }
            i += 1;
        }
    }
    true
}

#[test]
fn colour_is_truecolor_or_256_and_only_sgr() {
    let hostile = tempfile::tempdir().unwrap();
    let post = hostile.path().join("evil.html");
    std::fs::write(&post, "---\ntitle: \"\\e]0;제목\\a\"\n---\n<p style=\"color:#ee2323\">본문&#27;[2J <a href=\"https://x.example/&#27;]52;c;aGk=&#7;\">링크</a></p>\n").unwrap();
    let p = post.to_string_lossy().into_owned();
    for file in [SAMPLE, p.as_str()] {
        let truecolor = dump(
            &["--dump", file, "--width", "60", "--color", "always"],
            &[("COLORTERM", "truecolor")],
        );
        assert!(only_sgr(&truecolor.stdout), "{file}");
        let ansi256 = dump(&["--dump", file, "--width", "60", "--color", "always"], &[]);
        assert!(only_sgr(&ansi256.stdout), "{file}");
        assert!(
            !stdout(&ansi256).contains("38;2;"),
            "no truecolor without COLORTERM"
        );
        if file == SAMPLE {
            assert!(
                stdout(&truecolor).contains("\x1b[1;38;2;238;35;35m호우 경보"),
                "{}",
                stdout(&truecolor)
            );
            assert!(stdout(&ansi256).contains("38;5;196m호우 경보"));
        }
    }
}

#[test]
fn no_colour_when_asked_or_piped() {
    for (args, envs) in [
        (vec!["--color", "never"], vec![]),
        (vec!["--color", "auto"], vec![]),
        (vec![], vec![("NO_COLOR", "1")]),
    ] {
        let mut a = vec!["--dump", SAMPLE, "--width", "50"];
        a.extend(args);
        let out = dump(&a, &envs);
        assert!(!out.stdout.contains(&0x1b), "{a:?} {envs:?}");
    }
    let out = dump(
        &["--dump", SAMPLE, "--color", "always"],
        &[("NO_COLOR", "1")],
    );
    let text = stdout(&out);
    assert!(
        !text.contains("38;") && !text.contains("48;"),
        "NO_COLOR keeps bold and underline, drops colour"
    );
}

#[test]
fn default_width_is_80_when_piped() {
    let out = dump(&["--dump", SAMPLE, "--color", "never"], &[]);
    let widest = stdout(&out).lines().map(sinmun::text::width).max().unwrap();
    assert_eq!(widest, 80);
    let _ = Path::new(SAMPLE);
}

/// A draft's header says so in the interface's language, in `--dump` and
/// in the reader's article and preview alike.
#[test]
fn a_drafts_header_says_draft_in_the_interfaces_language() {
    let site = common::Site::new();
    site.write(
        "2026-03-05-chogo.html",
        "---\ntitle: 아직 쓰는 글\ndate: 2026-03-05\npublished: false\n---\n<p>초고입니다.</p>\n",
    );
    let folder = site.path().to_string_lossy().into_owned();
    let args = ["--dump", "2026-03-05-chogo", "--width", "60", &folder];
    for (locale, lang, word, other) in [
        (
            "ko_KR.UTF-8",
            sinmun::i18n::Lang::Ko,
            "2026-03-05 · 초안 · ",
            "draft",
        ),
        (
            "C.UTF-8",
            sinmun::i18n::Lang::En,
            "2026-03-05 · draft · ",
            "초안",
        ),
    ] {
        let text = stdout(&dump(&args, &[("LANG", locale)]));
        let meta = text.lines().nth(1).unwrap_or_default();
        assert!(
            meta.starts_with(word) && !meta.contains(other),
            "{locale}: {text}"
        );
        let mut r = common::reader::Reader::folder_in(lang, &site.path(), 120, 30);
        r.run([sinmun::app::Action::ToggleDrafts]);
        assert!(
            r.shows(word.trim_end()),
            "preview, {locale}:\n{}",
            r.frame()
        );
        r.run([sinmun::app::Action::Open]);
        assert!(
            r.shows(word.trim_end()),
            "article, {locale}:\n{}",
            r.frame()
        );
    }
}
