//! Nothing from a file, a file name, the environment or the command line
//! steers the terminal: every mode's output (`--list`, `--json`, `--check`,
//! `--dump`, `--help`, errors, the reader's frame) is a fixed point of the
//! cleaning, whole escape sequences go (not just their ESC), and printing
//! never panics on a closed or full output.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::Site;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sinmun::app::{Action, App, update, view};
use sinmun::sanitize::terminal_text;

/// Run sinmun in `cwd` with a home of its own.
fn run_in(cwd: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sinmun"));
    common::isolate(&mut cmd, home.path());
    cmd.args(args).current_dir(cwd).env_remove("NO_COLOR");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("run sinmun")
}

fn run(args: &[&str]) -> Output {
    let cwd = tempfile::tempdir().unwrap();
    run_in(cwd.path(), args, &[])
}

/// `bytes` is UTF-8 that the cleaning leaves as it is: nothing in it
/// would steer a terminal.
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert_eq!(
        terminal_text(&text),
        text,
        "{what} wrote something a terminal would obey"
    );
    assert!(
        !text.contains("pwned"),
        "{what}: a sequence's text shows:\n{text}"
    );
}

/// A title that tries to retitle the terminal, hidden characters and all.
const HOSTILE_TITLE: &str = "\"\\e]0;pwned\\a제목 \\u200B숨은\\u00AD글\\u3164 \\e[2J끝\"";

/// Posts whose file names carry OSC 52 (clipboard) and OSC 2 (title)
/// sequences, C1 CSI and a bidi override, with ids that clash.
fn hostile_site() -> Site {
    let site = Site::new();
    let body = common::post(HOSTILE_TITLE, "", "<p>본문</p>");
    for ext in ["md", "html"] {
        site.write(
            &format!("x\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}]2;pwned\u{7}.{ext}"),
            &body,
        );
        site.write(&format!("y\u{9b}2J\u{202e}elif.{ext}"), &body);
    }
    site
}

#[test]
fn check_list_json_and_dump_write_nothing_a_terminal_obeys() {
    let site = hostile_site();
    let dir = site.path().to_string_lossy().into_owned();
    let check = run(&["--check", &dir]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "the clashing ids are problems"
    );
    assert_clean("--check", &check.stdout);
    assert_clean("--check (stderr)", &check.stderr);
    assert!(String::from_utf8_lossy(&check.stdout).contains("is also the id of"));
    let list = run(&["--list", &dir]);
    assert_clean("--list", &list.stdout);
    assert!(
        String::from_utf8_lossy(&list.stdout).contains("제목 숨은글 끝"),
        "the title, whole: {}",
        String::from_utf8_lossy(&list.stdout)
    );
    let dump = run(&[
        "--dump",
        &format!("{dir}/y\u{9b}2J\u{202e}elif.md"),
        "--width",
        "40",
    ]);
    assert_eq!(
        dump.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
    assert_clean("--dump", &dump.stdout);
    assert!(String::from_utf8_lossy(&dump.stdout).starts_with("제목 숨은글 끝\n"));
}

#[test]
fn json_escapes_c1_and_bidi_controls_and_keeps_the_data_exact() {
    let site = hostile_site();
    let dir = site.path().to_string_lossy().into_owned();
    let out = run(&["--list", "--json", &dir]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(terminal_text(&text), text, "raw controls in the JSON");
    assert!(
        text.contains("\\u009b") && text.contains("\\u202e"),
        "{text}"
    );
    let posts: serde_json::Value = serde_json::from_str(&text).unwrap();
    let paths: Vec<&str> = posts
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert!(
        paths
            .iter()
            .any(|p| p.ends_with("y\u{9b}2J\u{202e}elif.html")),
        "the exact path, for scripts: {paths:?}"
    );
}

#[test]
fn error_messages_are_clean_and_quote_values_short() {
    let hostile = "\u{1b}]0;pwned\u{7}없는-글";
    let out = run(&["--dump", hostile]);
    assert_eq!(out.status.code(), Some(1));
    assert_clean("--dump error", &out.stderr);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("\"없는-글\""), "{err}");
    // clap's own messages.
    let out = run(&["--color", hostile]);
    assert_eq!(out.status.code(), Some(2));
    assert_clean("a usage error", &out.stderr);
    // A long value is quoted in at most ~80 characters.
    let long = "가".repeat(400);
    for args in [
        vec!["--dump", long.as_str()],
        vec!["--color", long.as_str()],
    ] {
        let out = run(&args);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            err.chars().count() < 250 && err.contains('…'),
            "{args:?}: {err}"
        );
    }
    let out = run(&["--list", &format!("/nonexistent/{long}")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).chars().count() < 250);
}

#[test]
fn help_is_clean_whatever_the_environment_holds() {
    let cwd = tempfile::tempdir().unwrap();
    let config = cwd.path().join("x\u{1b}]0;pwned\u{7}\u{202e}\u{9b}2Jy");
    let out = run_in(
        cwd.path(),
        &["--help"],
        &[("XDG_CONFIG_HOME", config.to_str().unwrap())],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_clean("--help", &out.stdout);
}

/// sinmun with `args`, its stdout going to `stdout`.
fn run_to(args: &[&str], stdout: impl Into<Stdio>) -> Output {
    common::command()
        .args(args)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

fn dev_full() -> std::fs::File {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap()
}

#[test]
fn help_and_version_never_panic_on_a_closed_or_full_output() {
    for flag in ["--help", "--version"] {
        // A pipe whose reader is gone before anything is written.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = run_to(&[flag], writer);
        assert_eq!(out.status.code(), Some(0), "{flag} | head -0");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.is_empty(), "{err}");
        // A full disk.
        let out = run_to(&[flag], dev_full());
        assert_eq!(out.status.code(), Some(2), "{flag} > /dev/full");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("sinmun: cannot write output"), "{err}");
    }
    // Nowhere to write an error either.
    let status = common::command()
        .arg("--no-such-option")
        .stderr(dev_full())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
}

#[test]
fn dump_finds_the_post_before_a_file_of_that_name_and_says_what_it_missed() {
    let site = Site::new();
    site.write(
        "_posts/2024-08-02-busan-fireworks.html",
        common::post(
            "부산 불꽃축제 연기",
            "",
            "<p>태풍 예보로 불꽃축제가 연기됐습니다.</p>",
        ),
    );
    // A plain file in the current folder, named like the post's id.
    site.write("2024-08-02-busan-fireworks", "메모");
    site.write("notes.yaml", "메모");
    let out = run_in(&site.path(), &["--dump", "2024-08-02-busan-fireworks"], &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("부산 불꽃축제 연기"));

    let err = |args: &[&str]| {
        let out = run_in(&site.path(), args, &[]);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let e = err(&["--dump", "2024-08-03-none"]);
    assert!(
        e.contains("\"2024-08-03-none\"") && e.contains("_posts"),
        "names the id and where it looked: {e}"
    );
    let e = err(&["--dump", "notes.yaml"]);
    assert!(e.contains("\"notes.yaml\" is not a post file"), "{e}");
    let e = err(&["--dump", "_posts"]);
    assert!(e.contains("\"_posts\" is a folder"), "{e}");
}

#[test]
fn mail_links_that_attach_files_are_never_opened() {
    use sinmun::render::article::is_openable;
    assert!(is_openable("mailto:desk@news.example?subject=제보"));
    for bad in [
        "mailto:desk@news.example?attach=/etc/passwd",
        "mailto:desk@news.example?subject=a&Attachment=~/.ssh/id_rsa",
        "MAILTO:desk@news.example?ATTACH=/etc/passwd",
        "mailto:desk@news.example?%61ttach=/etc/passwd",
        "mailto:desk@news.example?%2561ttach=/etc/passwd",
        "mailto:desk@news.example?subject=x;attach=/etc/passwd",
        "https://news.example/\u{1b}]0;x\u{7}",
    ] {
        assert!(!is_openable(bad), "{bad}");
    }
}

/// The reader's frame, with hostile text put where a post, a file name or
/// a message can bring it: every cell of every view is clean.
#[test]
fn nothing_unsanitised_reaches_the_readers_buffer() {
    let mut load = sinmun::loader::load_demo(sinmun::post::Keep::ALL);
    let hostile = "\u{1b}]0;pwned\u{7}제목\u{9b}31m\u{202e}거꾸로\u{200b}\u{1b}[2J";
    for post in load.posts.iter_mut().take(3) {
        post.title = format!("{hostile}{}", post.title);
        post.categories = vec![hostile.to_string()];
        post.excerpt = hostile.to_string();
        post.path = format!("demo/{hostile}.html").into();
        post.body = Some(
            "<p>본문 <a href=\"https://news.example/&#27;]0;pwned&#7;\">링크</a></p>".to_string(),
        );
    }
    let theme = sinmun::theme::Theme::builtin("dark").unwrap();
    let mut app = App::new(sinmun::store::Store::new(load, false), theme, true);
    app.later_problems.push(sinmun::problem::Problem::new(
        Path::new(hostile),
        1,
        sinmun::i18n::Msg::CannotRead.with("error", hostile),
    ));
    let frames: &[&[Action]] = &[
        &[],
        &[Action::Open],
        &[Action::OpenLinks],
        &[Action::Close, Action::ShowProblems],
        &[Action::Close, Action::OpenCategories],
        &[
            Action::Close,
            Action::Back,
            Action::StartSearch,
            Action::Paste(hostile.into()),
        ],
    ];
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        update(&mut app, Action::Resize(w, h));
        for actions in frames {
            for a in actions.iter() {
                update(&mut app, a.clone());
            }
            app.message = Some(format!("cannot save marks to {hostile}"));
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|f| view::draw(&app, f)).unwrap();
            let buffer = terminal.backend().buffer();
            let mut screen = String::new();
            for cell in buffer.content() {
                let symbol = cell.symbol();
                assert_eq!(terminal_text(symbol), symbol, "{actions:?} at {w}x{h}");
                assert!(!symbol.chars().any(char::is_control), "{symbol:?}");
                screen.push_str(symbol);
            }
            assert!(
                !screen.contains("pwned"),
                "{actions:?} at {w}x{h}:\n{screen}"
            );
        }
    }
}
