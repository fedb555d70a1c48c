//! End to end: the real binary in tmux, typed at (Hangul included), the
//! screen read back. With `CI` set, a missing tmux fails the test instead of
//! skipping it (.ci/run installs tmux).

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::tmux::{Tmux, reader_command as command_in};

/// The reader's process id: the pane's own process, or the one of its
/// descendants that runs the sinmun binary (never looked up by name, which
/// would find other tests' readers).
fn reader_pid(t: &Tmux) -> u32 {
    let pane: u32 = t.pane("#{pane_pid}").parse().expect("a pane pid");
    let start = Instant::now();
    loop {
        if let Some(pid) = find_reader(pane) {
            return pid;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no reader under pane process {pane}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `pid` or the descendant of it that runs the sinmun binary.
fn find_reader(pid: u32) -> Option<u32> {
    let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok();
    if exe.is_some_and(|e| e == std::path::Path::new(env!("CARGO_BIN_EXE_sinmun"))) {
        return Some(pid);
    }
    let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).ok()?;
    children
        .split_whitespace()
        .filter_map(|c| c.parse().ok())
        .find_map(find_reader)
}

/// Whether process `pid` has ended (gone, or a zombie waiting for its
/// parent).
fn has_ended(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat
            .rfind(") ")
            .is_some_and(|i| stat[i + 2..].starts_with('Z')),
        Err(_) => true,
    }
}

/// An executable shell script `name` in `dir`, a stand-in for a program
/// the reader runs.
fn script(dir: &tempfile::TempDir, name: &str, body: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

/// `cmd` (from [`command_in`]) with `vars` set for the reader.
fn with_env(cmd: String, vars: &str) -> String {
    cmd.replacen(" sh -c ", &format!(" {vars} sh -c "), 1)
}

/// The environment that makes `editor` the reader's editor.
fn editor_vars(editor: &std::path::Path) -> String {
    format!("VISUAL= EDITOR='{}'", editor.display())
}

/// The reader on the fixture site with `vars` set, typed into an
/// interactive shell (a user's: the reader is its foreground job, and job
/// control works), `after` run once it quits; returned once the list shows.
fn reader_in_a_shell(
    home: &std::path::Path,
    vars: &str,
    after: &str,
    (w, h): (u16, u16),
) -> Option<Tmux> {
    let t = Tmux::start("bash --norc --noprofile", w, h)?;
    let bin = env!("CARGO_BIN_EXE_sinmun");
    let env = common::env_line(home);
    t.type_text(&format!("{env} {vars} \"{bin}\" \"{SITE}\"{after}"));
    t.keys(&["Enter"]);
    t.wait_for("the list", |s| s.contains("장마 북상"));
    Some(t)
}

const SITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/site/_posts");

/// The reader on the fixture site, with a home of its own that lives as
/// long as the returned folder.
fn command(args: &str) -> (tempfile::TempDir, String) {
    let home = tempfile::tempdir().unwrap();
    let cmd = command_in(home.path(), args, SITE);
    (home, cmd)
}

#[test]
fn reads_searches_in_hangul_and_quits_cleanly() {
    let (_home, cmd) = command("");
    let Some(t) = Tmux::start(&cmd, 110, 30) else {
        return;
    };
    // The whole first frame, status line included (tmux may be read while
    // a frame is half written).
    t.wait_for("the list", |s| {
        s.contains("장마 북상") && s.contains("Windows update outage recap") && s.contains("1/3")
    });
    // Open the second headline (the airline story) and read it.
    t.keys(&["j", "Enter"]);
    let s = t.wait_for("the article", |s| s.contains("발권 창구에 늘어선 줄"));
    assert!(s.contains("항공, News"), "{s}");
    // Search by initial consonants, typed as Hangul jamo.
    t.keys(&["Escape", "/"]);
    t.type_text("ㅈㅈㅎㄱ");
    let s = t.wait_for("the search", |s| {
        s.contains("/ㅈㅈㅎㄱ") && !s.contains("장마 북상")
    });
    assert!(s.contains("MS 클라우드 장애로 제주항공"), "{s}");
    // A word of a body (indexed in the background) finds its post.
    t.keys(&["Escape", "/"]);
    t.type_text("이스타항공");
    t.wait_for("a body search", |s| {
        s.contains("1 of 3") && s.contains("MS 클라우드 장애로")
    });
    t.keys(&["Enter", "Escape", "?"]);
    t.wait_for("the help", |s| {
        s.contains("keys") && s.contains("ㅈㅈㅎㄱ finds 제주항공")
    });
    t.keys(&["Escape", "q"]);
    let s = t.wait_for("the shell", |s| s.contains("exited 0"));
    assert!(
        !s.contains("장마 북상"),
        "the alternate screen is gone:\n{s}"
    );
}

#[test]
fn narrow_terminal_shows_one_pane_at_a_time() {
    let (_home, cmd) = command("");
    let Some(t) = Tmux::start(&cmd, 60, 20) else {
        return;
    };
    t.wait_for("the list", |s| s.contains("장마 북상"));
    t.keys(&["Enter"]);
    let s = t.wait_for("the article", |s| s.contains("주말 날씨"));
    assert!(
        !s.contains("Windows update"),
        "the list is hidden while reading:\n{s}"
    );
    t.keys(&["h"]);
    t.wait_for("the list again", |s| s.contains("Windows update"));
    t.keys(&["C-c"]);
    t.wait_for("the shell", |s| s.contains("exited 0"));
}

#[test]
fn with_no_folder_of_posts_the_demo_posts_say_why_they_are_shown() {
    let home = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_sinmun");
    let cmd = format!(
        "cd '{}' && {} sh -c '\"{bin}\"; echo \"exited $?\"; sleep 30'",
        empty.path().display(),
        common::env_line(home.path())
    );
    let Some(t) = Tmux::start(&cmd, 110, 20) else {
        return;
    };
    t.wait_for("the demo posts and why", |s| {
        s.contains("제주항공") && s.contains("no folder of posts here")
    });
    t.keys(&["j"]);
    t.wait_for("the note gone after a key", |s| {
        !s.contains("no folder of posts here") && s.contains("2/12")
    });
    t.keys(&["q"]);
    t.wait_for("the shell", |s| s.contains("exited 0"));
}

#[test]
fn closing_the_terminal_ends_the_reader() {
    let home = tempfile::tempdir().unwrap();
    let broken = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/broken");
    let Some(t) = Tmux::start(&command_in(home.path(), "", broken), 80, 20) else {
        return;
    };
    t.wait_for("the list", |s| s.contains("정상 글"));
    let pid = reader_pid(&t);
    drop(t);
    let start = Instant::now();
    while !has_ended(pid) {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the reader outlived its terminal"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn sigterm_restores_the_terminal() {
    let (_home, cmd) = command("");
    let Some(t) = Tmux::start(&cmd, 100, 24) else {
        return;
    };
    t.wait_for("the list", |s| s.contains("장마 북상"));
    let pid = reader_pid(&t).to_string();
    Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    let s = t.wait_for("the shell", |s| s.contains("exited"));
    assert!(!s.contains("장마 북상"), "{s}");
    assert!(s.contains("exited 143"), "{s}");
}

#[test]
fn marks_persist_reach_another_open_reader_and_a_damaged_database_is_set_aside() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start(&command_in(home.path(), "", SITE), 100, 20) else {
        return;
    };
    t.wait_for("the list", |s| s.contains("장마 북상"));
    t.keys(&["s", "q"]);
    t.wait_for("the shell", |s| s.contains("exited 0"));
    drop(t);
    let db = home.path().join("data/sinmun/marks.sqlite3");
    let saved = sinmun::marks::peek(&db, None);
    assert!(
        saved.is_starred("2024-07-20-emoji-weather"),
        "the star was saved"
    );
    // Two readers at once: a star in one shows in the other by itself.
    let one = Tmux::start(&command_in(home.path(), "", SITE), 100, 20).unwrap();
    let two = Tmux::start(&command_in(home.path(), "", SITE), 101, 20).unwrap();
    for t in [&one, &two] {
        let s = t.wait_for("the list", |s| s.contains("장마 북상"));
        assert!(s.lines().next().unwrap().contains('★'), "{s}");
        assert!(!s.lines().nth(1).unwrap().contains('★'), "{s}");
    }
    one.keys(&["j", "s"]);
    two.wait_for("the other reader's star", |s| {
        s.lines().nth(1).is_some_and(|l| l.contains('★'))
    });
    one.keys(&["q"]);
    two.keys(&["q"]);
    one.wait_for("the shell", |s| s.contains("exited 0"));
    two.wait_for("the shell", |s| s.contains("exited 0"));
    drop((one, two));
    std::fs::write(&db, "{ not a database").unwrap();
    let t = Tmux::start(&command_in(home.path(), "", SITE), 100, 20).unwrap();
    t.wait_for("the warning", |s| s.contains("marks database damaged"));
    std::thread::sleep(Duration::from_millis(1500));
    let s = t.screen();
    assert!(
        s.contains("marks database damaged"),
        "kept until a key:\n{s}"
    );
    assert!(s.contains("장마 북상"), "the reader starts anyway:\n{s}");
    let aside: Vec<_> = std::fs::read_dir(db.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        aside
            .iter()
            .any(|n| n.starts_with("marks.sqlite3.damaged-")),
        "{aside:?}"
    );
}

#[test]
fn ctrl_z_suspends_and_fg_resumes() {
    let home = tempfile::tempdir().unwrap();
    let Some(t) = reader_in_a_shell(home.path(), "", "", (90, 20)) else {
        return;
    };
    t.keys(&["C-z"]);
    let s = t.wait_for("the shell", |s| s.contains("Stopped"));
    assert!(
        !s.contains("장마 북상"),
        "the terminal is the shell's again:\n{s}"
    );
    t.type_text("fg");
    t.keys(&["Enter"]);
    t.wait_for("the list again", |s| {
        s.contains("장마 북상") && s.contains("1/3")
    });
    t.keys(&["q"]);
    t.wait_for("the prompt", |s| !s.contains("장마 북상"));
}

#[test]
fn a_file_added_to_the_watched_folder_appears() {
    let home = tempfile::tempdir().unwrap();
    let site = common::Site::new();
    let post = |title: &str, date: &str| {
        format!("---\ntitle: {title}\ndate: {date}\ncategories: [사회]\n---\n<p>본문</p>\n")
    };
    site.write("2024-07-01-first.html", post("처음 있던 글", "2024-07-01"));
    let dir = site.path().display().to_string();
    let Some(t) = Tmux::start(&command_in(home.path(), "", &dir), 100, 20) else {
        return;
    };
    t.wait_for("the list", |s| s.contains("처음 있던 글"));
    site.write("2024-07-02-new.html", post("새로 도착한 글", "2024-07-02"));
    let s = t.wait_for("the new post", |s| s.contains("새로 도착한 글"));
    assert!(s.contains("1 new post"), "{s}");
    assert!(s.contains("처음 있던 글"), "{s}");
    t.keys(&["q"]);
    t.wait_for("the shell", |s| s.contains("exited 0"));
}

#[test]
fn a_text_browser_runs_in_the_foreground_and_the_reader_comes_back() {
    let home = tempfile::tempdir().unwrap();
    // A stand-in for w3m: says what it was given, waits for a key.
    let bin = tempfile::tempdir().unwrap();
    let browser = script(&bin, "w3m", "echo \"FAKE BROWSER $1\"\nread -r _\n");
    let cmd = with_env(
        command_in(home.path(), "", SITE),
        &format!("BROWSER='{}'", browser.display()),
    );
    let Some(t) = Tmux::start(&cmd, 110, 30) else {
        return;
    };
    t.wait_for("the list", |s| s.contains("장마 북상"));
    t.keys(&["j", "Enter"]);
    t.wait_for("the article", |s| s.contains("발권 창구에 늘어선 줄"));
    t.keys(&["1"]);
    let s = t.wait_for("the browser", |s| s.contains("FAKE BROWSER http"));
    assert!(
        !s.contains("발권 창구에 늘어선 줄"),
        "the reader gave the terminal up:\n{s}"
    );
    t.keys(&["Enter"]);
    let s = t.wait_for("the reader again", |s| s.contains("발권 창구에 늘어선 줄"));
    assert!(
        !s.contains("FAKE BROWSER"),
        "the reader redrew all of it:\n{s}"
    );
    // Keys work again: raw mode is back.
    t.keys(&["Escape", "q"]);
    let s = t.wait_for("the shell", |s| s.contains("exited 0"));
    assert!(
        !s.contains("장마 북상"),
        "the alternate screen is gone:\n{s}"
    );
}

#[test]
fn e_runs_the_editor_in_the_foreground_and_shows_the_post_as_written() {
    let home = tempfile::tempdir().unwrap();
    let site = common::Site::new();
    let post = |title: &str| {
        format!(
            "---\ntitle: {title}\ndate: 2024-07-01\ncategories: [사회]\n---\n<p>본문 그대로</p>\n"
        )
    };
    site.write("2024-07-01-draft.html", post("고치기 전 제목"));
    // A stand-in for an editor: says what it was given, waits for a key,
    // then writes the file as a user would.
    let bin = tempfile::tempdir().unwrap();
    let editor = script(
        &bin,
        "editor",
        "echo \"FAKE EDITOR $1\"\nread -r _\nsed -i 's/고치기 전 제목/고친 제목/' \"$1\"\n",
    );
    // Not watched: the post is read again because the editor closed.
    let config = bin.path().join("config.yaml");
    std::fs::write(&config, "watch: false\n").unwrap();
    let dir = site.path().display().to_string();
    let args = format!("--config '\"'\"'{}'\"'\"'", config.display());
    let cmd = with_env(command_in(home.path(), &args, &dir), &editor_vars(&editor));
    let Some(t) = Tmux::start(&cmd, 100, 20) else {
        return;
    };
    t.wait_for("the list", |s| s.contains("고치기 전 제목"));
    t.keys(&["Enter"]);
    t.wait_for("the article", |s| s.contains("본문 그대로"));
    t.keys(&["e"]);
    let s = t.wait_for("the editor", |s| s.contains("FAKE EDITOR"));
    assert!(s.contains("2024-07-01-draft.html"), "{s}");
    assert!(
        !s.contains("본문 그대로"),
        "the reader gave the terminal up:\n{s}"
    );
    t.keys(&["Enter"]);
    let s = t.wait_for("the post as written", |s| s.contains("고친 제목"));
    assert!(s.contains("본문 그대로"), "the article is open again:\n{s}");
    assert!(!s.contains("FAKE EDITOR"), "redrawn:\n{s}");
    assert!(s.contains("1 changed"), "{s}");
    t.keys(&["Escape", "q"]);
    t.wait_for("the shell", |s| s.contains("exited 0"));
}

/// An editor that stops its whole job (Vim's Ctrl-Z does: `kill(0,
/// SIGTSTP)`) gets the terminal back on `fg`: the reader, waiting for it,
/// only stops, and takes the terminal again when the editor is closed.
#[test]
fn an_editor_stopped_with_its_job_keeps_the_terminal_on_fg() {
    let home = tempfile::tempdir().unwrap();
    let bin_dir = tempfile::tempdir().unwrap();
    let editor = script(
        &bin_dir,
        "editor",
        "echo \"EDITOR STARTED\"\nkill -TSTP 0\necho \"EDITOR RESUMED\"\nread -r _\n",
    );
    let Some(t) = reader_in_a_shell(home.path(), &editor_vars(&editor), "", (90, 20)) else {
        return;
    };
    t.keys(&["e"]);
    t.wait_for("the job stopped", |s| s.contains("Stopped"));
    t.type_text("fg");
    t.keys(&["Enter"]);
    let s = t.wait_for("the editor again", |s| s.contains("EDITOR RESUMED"));
    assert!(!s.contains("장마 북상"), "the editor has the screen:\n{s}");
    assert_eq!(
        t.pane("#{alternate_on} #{mouse_any_flag}"),
        "0 0",
        "the reader left the terminal as the editor set it"
    );
    t.keys(&["Enter"]);
    t.wait_for("the reader again", |s| s.contains("장마 북상"));
    t.keys(&["q"]);
    t.wait_for("the prompt", |s| !s.contains("장마 북상"));
}

/// Ctrl-C typed in a program the reader runs (here a shell script, which
/// Ctrl-C ends) is the program's: the reader, in the same process group,
/// gets the terminal back instead of quitting.
#[test]
fn ctrl_c_in_the_editor_ends_the_editor_not_the_reader() {
    let home = tempfile::tempdir().unwrap();
    let bin_dir = tempfile::tempdir().unwrap();
    let editor = script(&bin_dir, "editor", "echo \"EDITOR WAITING\"\nsleep 30\n");
    let after = "; echo \"exited $?\"";
    let Some(t) = reader_in_a_shell(home.path(), &editor_vars(&editor), after, (100, 20)) else {
        return;
    };
    t.keys(&["e"]);
    t.wait_for("the editor", |s| s.contains("EDITOR WAITING"));
    t.keys(&["C-c"]);
    let s = t.wait_for("the reader again", |s| s.contains("장마 북상"));
    assert!(!s.contains("exited"), "the reader goes on:\n{s}");
    t.keys(&["q"]);
    t.wait_for("the shell", |s| s.contains("exited 0"));
}

/// Keys typed right after `e`, read with it, were meant for the editor:
/// the reader does not act on them when it comes back.
#[test]
fn keys_typed_with_e_do_not_move_the_reader_afterwards() {
    let home = tempfile::tempdir().unwrap();
    let bin_dir = tempfile::tempdir().unwrap();
    let editor = script(&bin_dir, "editor", "echo \"EDITOR WAITING\"\nread -r _\n");
    let cmd = with_env(command_in(home.path(), "", SITE), &editor_vars(&editor));
    let Some(t) = Tmux::start(&cmd, 100, 20) else {
        return;
    };
    t.wait_for("the list", |s| s.contains("장마 북상") && s.contains("1/3"));
    t.type_text("ejj");
    t.wait_for("the editor", |s| s.contains("EDITOR WAITING"));
    t.keys(&["Enter"]);
    let s = t.wait_for("the reader again", |s| s.contains("장마 북상"));
    std::thread::sleep(Duration::from_millis(300));
    let s = t.screen().lines().last().map(str::to_string).unwrap_or(s);
    assert!(s.contains("1/3"), "the selection did not move: {s}");
    t.keys(&["q"]);
    t.wait_for("the shell", |s| s.contains("exited 0"));
}
