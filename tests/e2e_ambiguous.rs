//! End to end in a terminal that draws East Asian Ambiguous characters two
//! cells wide (DESIGN §11): the real binary in a tmux server whose locale
//! says so (tests/common/locale.rs), the screen read back. Every headline
//! must keep its text, every article line must be the line `--dump`
//! prints, every border must stand in a straight column, at several sizes
//! and with popups open; with `--ambiguous-width wide` and with `auto`,
//! which must find out that the terminal is wide. In a normal locale
//! `auto` stays narrow and the same holds. With `CI` set, a missing tmux
//! or locale tooling fails instead of skipping (.ci/run installs them).

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::tmux::{Locale, Tmux, reader_command};
use common::{cells_in, columns, fixture, locale};
use sinmun::text::AmbiguousWidth;

const WIDE: AmbiguousWidth = AmbiguousWidth::Wide;
const NARROW: AmbiguousWidth = AmbiguousWidth::Narrow;

/// The screen's rows, once it satisfies `ok` and stops changing.
fn settled(t: &Tmux, what: &str, ok: impl Fn(&[String]) -> bool) -> Vec<String> {
    let rows = |s: &str| s.lines().map(str::to_string).collect::<Vec<_>>();
    rows(&t.wait_settled(what, |s| ok(&rows(s))))
}

/// The cursor's column after typing `text` into `cat`: how wide this
/// terminal draws it.
fn typed_width(t: &Tmux, text: &str) -> usize {
    t.type_text(text);
    let start = Instant::now();
    loop {
        let x: usize = t.pane("#{cursor_x}").parse().unwrap_or(0);
        if x > 0 || start.elapsed() > Duration::from_secs(5) {
            return x;
        }
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// `row` from cell `x` on (a character straddling `x` is left out).
fn from_cell(row: &str, x: usize, mode: AmbiguousWidth) -> &str {
    let mut at = 0;
    for (i, c) in row.char_indices() {
        if at >= x {
            return &row[i..];
        }
        at += cells_in(mode, c.encode_utf8(&mut [0; 4]));
    }
    ""
}

fn folder() -> String {
    fixture("ambiguous/_posts").display().to_string()
}

/// The posts' titles, newest first (the list's order).
fn titles() -> Vec<String> {
    let load = sinmun::loader::load(
        &[fixture("ambiguous/_posts")],
        sinmun::post::Keep::default(),
    );
    let store = sinmun::store::Store::new(load, false);
    store.posts().iter().map(|p| p.title.clone()).collect()
}

/// The glyphs a screen drawn in `mode` uses for borders.
struct Lines {
    vertical: char,
    corner: &'static [char],
    unread: &'static str,
}

fn lines_of(mode: AmbiguousWidth) -> Lines {
    match mode {
        AmbiguousWidth::Wide => Lines {
            vertical: '|',
            corner: &['+'],
            unread: "N",
        },
        AmbiguousWidth::Narrow => Lines {
            vertical: '│',
            corner: &['┌', '┐', '└', '┘'],
            unread: "●",
        },
    }
}

/// Nothing drawn past the right edge: each row fits in `w` cells.
fn assert_rows_fit(screen: &[String], w: u16, mode: AmbiguousWidth) {
    for row in screen {
        assert!(
            cells_in(mode, row) <= usize::from(w),
            "{mode:?}: a row wider than {w}: {row:?}\n{}",
            screen.join("\n")
        );
    }
}

/// Every headline keeps its text (cut with `…` at most) and the
/// list's divider stands in one column.
fn assert_headlines_intact(screen: &[String], w: u16, mode: AmbiguousWidth) {
    let g = lines_of(mode);
    let titles = titles();
    for (i, title) in titles.iter().enumerate() {
        let row = &screen[i];
        assert!(
            row.starts_with(g.unread),
            "{mode:?}: row {i} starts with the unread mark: {row:?}"
        );
        let start: String = title.chars().take(3).collect();
        let Some(at) = row.find(&start) else {
            panic!("{mode:?} {w}: row {i} lost the start of {title:?}: {row:?}");
        };
        // The row holds the title up to where it was cut, and `…` there.
        let shown = &row[at..];
        let same: usize = shown
            .chars()
            .zip(title.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        let kept = &shown[..same];
        let intact =
            kept == title || shown[same..].starts_with('…') || kept.trim_end().ends_with('…');
        assert!(
            intact && kept.chars().count() >= 3,
            "{mode:?} {w}: row {i} is not {title:?} cut short: {row:?}\n{}",
            screen.join("\n")
        );
    }
    let dividers: Vec<Vec<usize>> = screen[..screen.len() - 1]
        .iter()
        .map(|r| columns(r, &[g.vertical], mode))
        .collect();
    if w >= 100 {
        let first = dividers[0].first().copied().expect("a divider");
        assert!(
            dividers.iter().all(|d| d.first() == Some(&first)),
            "{mode:?}: the divider is not straight:\n{}",
            screen.join("\n")
        );
    }
}

/// The popup titled `title`: the rows from its top edge to its bottom
/// edge have its corners or sides at the same two cells. Returns its rows.
fn assert_box_straight(screen: &[String], title: &str, mode: AmbiguousWidth) -> Vec<String> {
    let g = lines_of(mode);
    let shown = |msg: &str| format!("{mode:?}: {msg}:\n{}", screen.join("\n"));
    let (top, at) = screen
        .iter()
        .enumerate()
        .find_map(|(y, r)| {
            r.find(&format!(" {title}"))
                .map(|i| (y, cells_in(mode, &r[..i])))
        })
        .unwrap_or_else(|| panic!("{}", shown(&format!("no popup titled {title:?}"))));
    let corners = columns(&screen[top], g.corner, mode);
    let left = at.checked_sub(1).filter(|l| corners.contains(l));
    let right = corners.iter().copied().find(|&c| c > at);
    let (Some(left), Some(right)) = (left, right) else {
        panic!("{}", shown("the top edge has no corners"));
    };
    let bottom = (top + 1..screen.len())
        .find(|&y| {
            let c = columns(&screen[y], g.corner, mode);
            c.contains(&left) && c.contains(&right)
        })
        .unwrap_or_else(|| panic!("{}", shown("the bottom corners are out of line")));
    for row in &screen[top + 1..bottom] {
        let sides = columns(row, &[g.vertical], mode);
        assert!(
            sides.contains(&left) && sides.contains(&right),
            "{}",
            shown(&format!(
                "a side is out of line at {left}/{right} in {row:?}"
            ))
        );
    }
    screen[top..=bottom]
        .iter()
        .map(|r| from_cell(r, left, mode).to_string())
        .collect()
}

/// The width the article pane renders at, for this size.
fn article_width(w: u16, h: u16, mode: AmbiguousWidth) -> usize {
    let load = sinmun::loader::load(
        &[fixture("ambiguous/_posts")],
        sinmun::post::Keep::default(),
    );
    let theme = sinmun::theme::Theme::builtin("dark").expect("the dark theme");
    let mut app = sinmun::app::App::new(sinmun::store::Store::new(load, false), theme, false);
    app.ambiguous = mode;
    sinmun::app::update(&mut app, sinmun::app::Action::Resize(w, h));
    app.article_width()
}

/// The lines `--dump` prints for the newest post at `width`.
fn dumped(width: usize, mode: AmbiguousWidth) -> Vec<String> {
    let out = common_command()
        .args(["--dump", "2026-11-21-typhoon-ambiguous", "--color", "never"])
        .args([
            "--width",
            &width.to_string(),
            "--ambiguous-width",
            mode.name(),
        ])
        .arg(folder())
        .output()
        .expect("dump");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect()
}

fn common_command() -> Command {
    let home = tempfile::tempdir().expect("home").keep();
    let mut c = Command::new(env!("CARGO_BIN_EXE_sinmun"));
    common::isolate(&mut c, &home);
    c
}

/// The article's rows on screen are a run of `--dump`'s lines, each intact.
fn assert_article_intact(screen: &[String], dump: &[String], mode: AmbiguousWidth) {
    let first = &dump[0];
    let (row, x) = screen
        .iter()
        .enumerate()
        .find_map(|(y, r)| r.find(first.as_str()).map(|i| (y, cells_in(mode, &r[..i]))))
        .unwrap_or_else(|| {
            panic!(
                "{mode:?}: the article's title line {first:?} is not on screen:\n{}",
                screen.join("\n")
            )
        });
    let status = screen.len() - 1;
    for (i, y) in (row..status).enumerate() {
        let shown = from_cell(&screen[y], x, mode).trim_end();
        let want = dump.get(i).map_or("", String::as_str);
        assert_eq!(
            shown,
            want,
            "{mode:?}: article row {i} differs from --dump:\n{}",
            screen.join("\n")
        );
    }
}

/// One reader session: the list, help, categories, the article and its
/// links, each checked.
fn session(locale: Locale, w: u16, h: u16, args: &str, mode: AmbiguousWidth) {
    let home = tempfile::tempdir().expect("home");
    let cmd = reader_command(home.path(), args, &folder());
    let Some(t) = Tmux::start_in(locale, &cmd, w, h) else {
        return;
    };
    let unread = lines_of(mode).unread;
    let list = settled(&t, "the list", |s| {
        s.first().is_some_and(|r| r.starts_with(unread)) && s.len() >= usize::from(h)
    });
    let list = &list[..usize::from(h)];
    assert_rows_fit(list, w, mode);
    assert_headlines_intact(list, w, mode);

    t.keys(&["?"]);
    let help = settled(&t, "help", |s| s.iter().any(|r| r.contains("keys")));
    assert_rows_fit(&help, w, mode);
    let popup = assert_box_straight(&help, "keys", mode);
    assert!(popup.join("\n").contains("list and article:"), "{popup:#?}");

    t.keys(&["Escape", "c"]);
    let cats = settled(&t, "categories", |s| s.iter().any(|r| r.contains("[ ]")));
    assert_rows_fit(&cats, w, mode);
    let popup = assert_box_straight(&cats, "categories", mode);
    assert!(
        popup.join("\n").contains("[ ] 날씨·재난  2  2 unread"),
        "{popup:#?}"
    );

    t.keys(&["Escape", "Enter"]);
    let dump = dumped(article_width(w, h, mode), mode);
    let article = settled(&t, "the article", |s| {
        s.iter().any(|r| r.contains(&dump[0]))
    });
    assert_rows_fit(&article, w, mode);
    assert_article_intact(&article[..usize::from(h)], &dump, mode);

    t.keys(&["o"]);
    let links = settled(&t, "links", |s| {
        s.iter().any(|r| r.contains("weather.go.kr"))
    });
    assert_rows_fit(&links, w, mode);
    let popup = assert_box_straight(&links, "links", mode);
    assert!(
        popup.join("\n").contains("[1] https://www.weather.go.kr/"),
        "{popup:#?}"
    );
}

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (40, 15)];

#[test]
fn tmux_in_the_test_locale_draws_ambiguous_characters_wide() {
    let Some(dir) = locale::ambiguous_wide() else {
        return;
    };
    let Some(t) = Tmux::start_in(Locale::At(dir.to_path_buf()), "cat", 40, 5) else {
        return;
    };
    assert_eq!(
        typed_width(&t, "●"),
        2,
        "● takes two cells in this terminal"
    );
    let Some(t) = Tmux::start_in(Locale::Narrow, "cat", 40, 5) else {
        return;
    };
    assert_eq!(typed_width(&t, "●"), 1, "and one in a normal locale");
}

#[test]
fn wide_mode_in_a_wide_terminal_at_every_size() {
    let Some(dir) = locale::ambiguous_wide() else {
        return;
    };
    for (w, h) in SIZES {
        let locale = Locale::At(dir.to_path_buf());
        session(locale, w, h, "--ambiguous-width wide", WIDE);
    }
}

#[test]
fn auto_finds_the_terminal_wide_and_draws_it_so() {
    let Some(dir) = locale::ambiguous_wide() else {
        return;
    };
    for (w, h) in SIZES {
        session(Locale::At(dir.to_path_buf()), w, h, "", WIDE);
    }
}

#[test]
fn auto_in_a_normal_terminal_stays_narrow() {
    for (w, h) in SIZES {
        session(Locale::Narrow, w, h, "", NARROW);
    }
}

#[test]
fn list_on_a_wide_terminal_asks_cuts_and_aligns_in_wide_cells() {
    let Some(dir) = locale::ambiguous_wide() else {
        return;
    };
    let home = tempfile::tempdir().expect("home");
    let cmd = format!(
        "{} sh -c 'echo before; \"{}\" --list \"{}\"; echo \"exited $?\"; sleep 30'",
        common::env_line(home.path()),
        env!("CARGO_BIN_EXE_sinmun"),
        folder()
    );
    let Some(t) = Tmux::start_in(Locale::At(dir.to_path_buf()), &cmd, 100, 10) else {
        return;
    };
    let screen = settled(&t, "the list", |s| s.iter().any(|r| r.contains("exited 0")));
    // The question and its answer leave nothing behind: the list follows
    // what was there.
    assert_eq!(screen[0], "before", "{screen:#?}");
    assert!(screen[1].starts_with("2026-11-21  "), "{screen:#?}");
    let rows: Vec<&String> = screen.iter().filter(|r| r.contains("2026-11-")).collect();
    assert_eq!(rows.len(), 3, "{screen:#?}");
    let ids: Vec<usize> = rows
        .iter()
        .map(|r| {
            let at = r.match_indices("2026-11-").nth(1).expect("an id").0;
            cells_in(WIDE, &r[..at])
        })
        .collect();
    assert!(ids.iter().all(|&c| c == ids[0]), "{ids:?}\n{screen:#?}");
    for row in &rows {
        assert!(cells_in(WIDE, row) <= 100, "{row:?}");
    }
    assert!(
        rows[0].ends_with('…'),
        "cut to the terminal's width: {:?}",
        rows[0]
    );
}
