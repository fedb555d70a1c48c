//! Ambiguous-width mode below the terminal (DESIGN §11): the renderer, its
//! tables and rules, `--list` and `--dump` measure ambiguous characters
//! (`… · ● ★ “ ” ① ※ → ° ×`, Greek) as the mode says, and draw no
//! ambiguous glyph of their own where a wide one would look wrong.

mod common;

use std::process::{Command, Output};

use common::{cells_in, columns, fixture};
use sinmun::loader;
use sinmun::post::{Keep, Post};
use sinmun::render::{Flags, Line, RenderOptions, article};
use sinmun::text::{AmbiguousWidth, is_ambiguous};

const NARROW: AmbiguousWidth = AmbiguousWidth::Narrow;
const WIDE: AmbiguousWidth = AmbiguousWidth::Wide;

fn posts() -> Vec<Post> {
    loader::load(&[fixture("ambiguous/_posts")], Keep::ALL).posts
}

fn typhoon() -> Post {
    posts()
        .into_iter()
        .find(|p| p.id.contains("typhoon"))
        .expect("the typhoon post")
}

fn render(post: &Post, w: usize, mode: AmbiguousWidth) -> Vec<Line> {
    let opts = RenderOptions::new(w).ambiguous(mode);
    article::render(post, post.body.as_deref().unwrap_or(""), &opts).lines
}

#[test]
fn every_line_fits_in_both_modes_and_no_word_is_lost() {
    for post in posts() {
        for mode in [NARROW, WIDE] {
            for w in [100, 80, 60, 40, 24, 12, 6, 3, 1] {
                let lines = render(&post, w, mode);
                for l in &lines {
                    let t = l.text();
                    assert!(cells_in(mode, &t) <= w, "{mode:?} at {w}: {t:?}");
                    assert!(
                        !t.chars().any(|c| ('\u{f0000}'..='\u{10ffff}').contains(&c)
                            || ('\u{3a000}'..='\u{3fffd}').contains(&c)),
                        "a placeholder was left: {t:?}"
                    );
                }
                if w >= 60 {
                    let text: String = lines.iter().map(Line::text).collect();
                    let text: String = text.split_whitespace().collect();
                    for word in ["“물폭탄”", "12°C", "3×4m", "→", "α·β", "①", "※"]
                    {
                        assert!(
                            post.body.as_deref().is_none_or(|b| !b.contains(word))
                                || text.contains(word),
                            "{mode:?} at {w}: {word} lost"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn wide_tables_keep_their_separators_in_straight_columns() {
    for (mode, bar, marks) in [
        (NARROW, '│', &['│', '┼', '├', '┤'][..]),
        (WIDE, '|', &['|', '+'][..]),
    ] {
        for w in [100, 72, 60] {
            let lines = render(&typhoon(), w, mode);
            let table: Vec<String> = lines
                .iter()
                .filter(|l| {
                    l.spans
                        .iter()
                        .any(|s| s.style.flags.contains(Flags::TABLE_BORDER))
                })
                .map(Line::text)
                .collect();
            assert!(table.len() >= 5, "{mode:?} at {w}: {table:#?}");
            let first = columns(&table[0], &[bar], mode);
            assert_eq!(first.len(), 2, "three columns: {table:#?}");
            for row in &table {
                assert_eq!(
                    columns(row, marks, mode),
                    first,
                    "{mode:?} at {w}:\n{table:#?}"
                );
            }
        }
    }
}

#[test]
fn wide_mode_draws_no_ambiguous_glyph_of_its_own() {
    let borders = |lines: &[Line]| -> String {
        lines
            .iter()
            .flat_map(|l| &l.spans)
            .filter(|s| {
                s.style.flags.contains(Flags::TABLE_BORDER) || s.style.flags.contains(Flags::RULE)
            })
            .map(|s| s.text.as_str())
            .collect()
    };
    let wide = borders(&render(&typhoon(), 80, WIDE));
    assert!(wide.contains("---") && wide.contains('|'), "{wide:?}");
    assert!(!wide.chars().any(is_ambiguous), "{wide:?}");
    let narrow = borders(&render(&typhoon(), 80, NARROW));
    assert!(narrow.contains("───") && narrow.contains('│'), "{narrow:?}");
}

#[test]
fn the_mode_comes_with_the_options_whatever_thread_renders() {
    let post = typhoon();
    let here = render(&post, 40, WIDE);
    let there = std::thread::spawn(move || render(&post, 40, WIDE))
        .join()
        .unwrap();
    assert_eq!(here, there);
    assert_eq!(
        AmbiguousWidth::current(),
        NARROW,
        "the caller's mode is kept"
    );
    let narrow = render(&typhoon(), 40, NARROW);
    assert_ne!(here, narrow, "the same post is laid out differently");
}

#[test]
fn headers_and_link_lists_are_measured_in_the_mode_too() {
    let lines = render(&typhoon(), 30, WIDE);
    let title: Vec<String> = lines
        .iter()
        .take_while(|l| l.spans.iter().any(|s| s.style.flags.contains(Flags::TITLE)))
        .map(Line::text)
        .collect();
    assert!(title.len() >= 2, "{title:?}");
    assert!(title.iter().all(|t| cells_in(WIDE, t) <= 30), "{title:?}");
    assert!(
        title
            .iter()
            .any(|t| cells_in(NARROW, t) < cells_in(WIDE, t))
    );
}

// ---------------------------------------------------------------------
// The command line, through the binary, with a home of its own.

fn run(args: &[&str], config: Option<&str>) -> Output {
    let home = tempfile::tempdir().unwrap();
    if let Some(text) = config {
        let dir = home.path().join("config/sinmun");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("config.yaml"), text).unwrap();
    }
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sinmun"));
    common::isolate(&mut cmd, home.path());
    cmd.args(args)
        .current_dir(home.path())
        .env_remove("NO_COLOR")
        .output()
        .expect("run sinmun")
}

fn stdout(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).expect("UTF-8")
}

fn folder() -> String {
    fixture("ambiguous/_posts").to_string_lossy().into_owned()
}

/// The cell where each line's id column starts (ids start with the date).
fn id_columns(text: &str, mode: AmbiguousWidth) -> Vec<usize> {
    text.lines()
        .map(|l| {
            let at = l.match_indices("2026-11-").nth(1).expect("an id").0;
            cells_in(mode, &l[..at])
        })
        .collect()
}

#[test]
fn list_aligns_its_columns_in_the_mode_s_cells() {
    let wide = stdout(&run(
        &["--list", "--ambiguous-width", "wide", &folder()],
        None,
    ));
    let ids = id_columns(&wide, WIDE);
    assert_eq!(ids.len(), 3, "{wide}");
    assert!(ids.iter().all(|&c| c == ids[0]), "{ids:?}\n{wide}");
    // Not a terminal: `auto` counts narrow.
    let narrow = stdout(&run(&["--list", &folder()], None));
    let ids = id_columns(&narrow, NARROW);
    assert!(ids.iter().all(|&c| c == ids[0]), "{ids:?}\n{narrow}");
    assert_ne!(wide, narrow, "날씨·재난 is a cell wider");
}

#[test]
fn dump_wraps_at_the_width_in_the_mode_s_cells() {
    let id = "2026-11-21-typhoon-ambiguous";
    for w in ["80", "40", "24"] {
        let n: usize = w.parse().unwrap();
        let args = ["--dump", id, "--width", w, "--color", "never", &folder()];
        let wide_args: Vec<&str> = args
            .iter()
            .copied()
            .chain(["--ambiguous-width", "wide"])
            .collect();
        let wide = stdout(&run(&wide_args, None));
        assert!(wide.lines().all(|l| cells_in(WIDE, l) <= n), "{wide}");
        let narrow = stdout(&run(&args, None));
        assert!(narrow.lines().all(|l| cells_in(NARROW, l) <= n), "{narrow}");
        if n == 80 {
            assert!(!wide.contains('┼') && wide.contains("-+-"), "{wide}");
            assert!(narrow.contains("─┼─"), "{narrow}");
        }
        assert!(
            wide.lines()
                .any(|l| cells_in(NARROW, l) < cells_in(WIDE, l)),
            "measured wide"
        );
    }
}

#[test]
fn the_config_sets_the_mode_and_the_command_line_overrides_it() {
    let id = "2026-11-21-typhoon-ambiguous";
    let args = ["--dump", id, "--width", "40", "--color", "never", &folder()];
    let from_config = stdout(&run(&args, Some("ambiguous_width: wide\n")));
    let wide_args: Vec<&str> = args
        .iter()
        .copied()
        .chain(["--ambiguous-width", "wide"])
        .collect();
    assert_eq!(from_config, stdout(&run(&wide_args, None)));
    let narrow_args: Vec<&str> = args
        .iter()
        .copied()
        .chain(["--ambiguous-width", "narrow"])
        .collect();
    let overridden = stdout(&run(&narrow_args, Some("ambiguous_width: wide\n")));
    assert_eq!(overridden, stdout(&run(&args, None)));
}

#[test]
fn a_bad_value_is_a_one_line_usage_error() {
    let out = run(&["--list", "--ambiguous-width", "double"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    let out = run(&["--list"], Some("ambiguous_width: double\n"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config.yaml:1:") && err.contains("\"double\""),
        "{err}"
    );
}
