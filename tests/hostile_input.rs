//! Hostile folders and files: nothing in a folder of posts may hang the
//! loader, exhaust memory, panic, or put a control character into a
//! message. Each case that could hang runs under a deadline, so that a
//! regression fails the test instead of hanging it.

mod common;
mod hostile;

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{Site, is_terminal_safe, messages, post};
use hostile::{alias_bomb, mkfifo, output_within};
use sinmun::loader::{self, Load, WalkOptions};
use sinmun::post::Keep;

/// Run `f` on a thread; fail if it does not finish within `secs`.
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(v) => v,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("did not finish within {secs} s"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("panicked"),
    }
}

fn load_within(secs: u64, root: PathBuf, options: WalkOptions) -> Load {
    within(secs, move || loader::load_with(&[root], Keep::ALL, options))
}

fn problem_texts(load: &Load) -> Vec<String> {
    load.all_problems().iter().map(|p| p.to_string()).collect()
}

/// Run the binary with its own home; kill it and fail after `secs`.
fn run_within(secs: u64, cwd: &Path, args: &[&str]) -> Output {
    let child = common::command()
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sinmun");
    output_within(child, secs)
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_post_is_counted_not_opened() {
    let site = Site::new();
    site.write("a.txt", post("정상 글", "", "<p>본문</p>"));
    mkfifo(&site.path().join("x.txt"));
    let load = load_within(10, site.path(), WalkOptions::default());
    assert_eq!(load.posts.len(), 1);
    assert_eq!(load.special, 1);
    let problems = problem_texts(&load);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].ends_with("x.txt:1: not a regular file (a FIFO); not read"),
        "{problems:?}"
    );
}

#[cfg(unix)]
#[test]
fn every_mode_of_the_binary_finishes_beside_a_fifo() {
    let site = Site::new();
    site.write("a.txt", post("정상 글", "", "<p>본문</p>"));
    mkfifo(&site.path().join("x.txt"));
    let dir = site.path().to_string_lossy().into_owned();
    let list = run_within(20, &site.path(), &["--list", &dir]);
    assert_eq!(list.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&list.stdout).contains("정상 글"));
    let check = run_within(20, &site.path(), &["--check", &dir]);
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stdout).contains("not a regular file (a FIFO)"));
    let summary = String::from_utf8_lossy(&check.stderr);
    assert!(
        summary.contains("checked 1 posts: 1 problem, 1 special file not read"),
        "{summary}"
    );
    let dump = run_within(20, &site.path(), &["--dump", "a", "--width", "40", &dir]);
    assert_eq!(dump.status.code(), Some(0));
    let fifo = site.path().join("x.txt").to_string_lossy().into_owned();
    let dump_fifo = run_within(20, &site.path(), &["--dump", &fifo]);
    assert_ne!(dump_fifo.status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn links_to_devices_are_counted_not_read() {
    let site = Site::new();
    site.write("a.txt", post("정상 글", "", "<p>본문</p>"));
    std::os::unix::fs::symlink("/dev/tty", site.path().join("tty.txt")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", site.path().join("zero.md")).unwrap();
    std::os::unix::fs::symlink("/dev/urandom", site.path().join("random.html")).unwrap();
    let load = load_within(10, site.path(), WalkOptions::default());
    assert_eq!(load.posts.len(), 1);
    assert_eq!(load.special, 3);
    let problems = problem_texts(&load);
    assert!(
        problems
            .iter()
            .all(|p| p.ends_with(": not a regular file (a device); not read")),
        "{problems:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_graph_of_40_symlinked_folders_is_walked_once_per_folder() {
    // d0 -> {a, b} -> d1 -> {a, b} -> … -> d20/post.txt: 2^20 paths to
    // one post.
    let site = Site::new();
    for i in 0..20 {
        let dir = site.path().join(format!("d{i}"));
        std::fs::create_dir_all(&dir).unwrap();
        for link in ["a", "b"] {
            std::os::unix::fs::symlink(site.path().join(format!("d{}", i + 1)), dir.join(link))
                .unwrap();
        }
    }
    site.write("d20/post.txt", post("깊은 곳의 글", "", "<p>본문</p>"));
    let load = load_within(20, site.path(), WalkOptions::default());
    assert_eq!(load.posts.len(), 1);
    let problems = problem_texts(&load);
    assert!(
        problems.len() <= 41
            && problems
                .iter()
                .all(|p| p.contains("already read; not read again")),
        "{problems:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_the_root_folder_is_not_followed() {
    let site = Site::new();
    site.write("a.txt", post("정상 글", "", "<p>본문</p>"));
    std::os::unix::fs::symlink("/", site.path().join("everything")).unwrap();
    let load = load_within(10, site.path(), WalkOptions::default());
    assert_eq!(load.posts.len(), 1);
    let problems = problem_texts(&load);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].ends_with(
            "everything:1: symlink to a folder outside the folders given; not followed (--follow-symlinks follows it)"
        ),
        "{problems:?}"
    );
}

#[cfg(unix)]
#[test]
fn follow_symlinks_follows_links_outside_and_links_inside_are_always_followed() {
    let outside = Site::new();
    outside.write("elsewhere.txt", post("바깥 글", "", "<p>본문</p>"));
    let site = Site::new();
    site.write("news/a.txt", post("안쪽 글", "", "<p>본문</p>"));
    std::os::unix::fs::symlink(outside.path(), site.path().join("out")).unwrap();
    std::os::unix::fs::symlink(site.path().join("news"), site.path().join("z-news")).unwrap();
    let ids = |load: &Load| {
        let mut ids: Vec<String> = load.posts.iter().map(|p| p.id.clone()).collect();
        ids.sort();
        ids
    };
    let load = load_within(10, site.path(), WalkOptions::default());
    assert_eq!(ids(&load), ["news/a"], "{:?}", problem_texts(&load));
    let follow = WalkOptions {
        follow_symlinks: true,
    };
    let load = load_within(10, site.path(), follow);
    assert_eq!(ids(&load), ["news/a", "out/elsewhere"]);
    // The binary takes the option.
    let dir = site.path().to_string_lossy().into_owned();
    let out = run_within(20, &site.path(), &["--list", "--follow-symlinks", &dir]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("바깥 글"));
    let out = run_within(20, &site.path(), &["--list", &dir]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("바깥 글"));
}

/// The alias bombs of the bug report: 15 KB and 61 KB of nested aliases,
/// which expanded to gigabytes.
fn bomb_post(levels: usize, width: usize) -> String {
    format!(
        "---\ntitle: 폭탄\n{}---\n<p>본문</p>\n",
        alias_bomb(levels, width)
    )
}

#[test]
fn alias_bombs_are_refused_in_time_and_reported() {
    let site = Site::new();
    let small = bomb_post(60, 40);
    let large = bomb_post(60, 170);
    assert!(
        (14_000..64 * 1024).contains(&small.len()),
        "{}",
        small.len()
    );
    assert!(
        (50_000..64 * 1024).contains(&large.len()),
        "{}",
        large.len()
    );
    site.write("small.txt", small);
    site.write("large.txt", large);
    let load = load_within(20, site.path(), WalkOptions::default());
    assert_eq!(load.posts.len(), 2);
    for p in &load.posts {
        assert_eq!(p.title, "폭탄");
        let msgs = messages(p);
        assert!(
            msgs.iter().any(|m| m.ends_with(
                ":2: front matter: repeats more than 10000 nodes through aliases; not parsed"
            )),
            "{msgs:?}"
        );
    }
}

#[test]
fn an_escaped_backslash_does_not_hide_deep_nesting() {
    let site = Site::new();
    let deep = format!(
        "---\ntitle: 숨은 괄호\nx: [\"a\\\\\", {}1{}]\n---\n<p>본문</p>\n",
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    site.write("deep.txt", deep);
    let load = load_within(20, site.path(), WalkOptions::default());
    let msgs = messages(&load.posts[0]);
    assert!(
        msgs.iter()
            .any(|m| m.contains("nests deeper than 64 levels")),
        "{msgs:?}"
    );
}

#[test]
fn files_over_the_limit_are_not_read() {
    let site = Site::new();
    let big = site.write("huge.txt", "---\ntitle: 큰 파일\n---\n");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&big)
        .unwrap()
        .set_len(1 << 40)
        .unwrap();
    let load = load_within(10, site.path(), WalkOptions::default());
    assert!(load.posts.is_empty());
    assert!(
        problem_texts(&load)[0]
            .ends_with("huge.txt:1: file is 1099511627776 bytes, over the 16 MiB limit; not read")
    );
}

#[test]
fn date_typos_cost_one_problem_not_the_folder() {
    let site = Site::new();
    site.write(
        "typo-day.txt",
        "---\ntitle: 날짜 오타\ndate: 2024-12-5일\n---\n<p>본문</p>\n",
    );
    site.write(
        "typo-zone.txt",
        "---\ntitle: 시간대 오타\ndate: 2024-07-19 10:00 +9시\n---\n<p>본문</p>\n",
    );
    site.write(
        "fine.txt",
        post("정상 글", "date: 2024-07-19\n", "<p>본문</p>"),
    );
    let load = load_within(10, site.path(), WalkOptions::default());
    assert_eq!(load.posts.len(), 3);
    let typo_day = load.posts.iter().find(|p| p.id == "typo-day").unwrap();
    assert!(typo_day.date.is_none());
    assert!(
        messages(typo_day)[0].contains("date should be a date like"),
        "{:?}",
        messages(typo_day)
    );
    // A zone Ruby does not know is left out, as Jekyll does, with a note.
    let typo_zone = load.posts.iter().find(|p| p.id == "typo-zone").unwrap();
    assert_eq!(typo_zone.date.unwrap().to_string(), "2024-07-19T10:00:00");
    assert!(
        messages(typo_zone)[0].contains("time zone \"+9시\" is not one"),
        "{:?}",
        messages(typo_zone)
    );
    let dir = site.path().to_string_lossy().into_owned();
    for args in [
        vec!["--list", &dir],
        vec!["--dump", "typo-day", "--width", "30", &dir],
        vec!["--list", "--json", &dir],
    ] {
        let out = run_within(20, &site.path(), &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
    }
}

/// File names that try to steer the terminal: OSC 52 (clipboard), OSC 2
/// (title), an 8-bit CSI and a bidi override, on two posts with one id.
fn hostile_names() -> [String; 2] {
    [
        "\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}]2;pwned\u{7}\u{9b}31m\u{202e}x".to_string(),
        "제목\u{1b}[2J\u{202e}\u{9b}?1049l".to_string(),
    ]
}

#[test]
fn hostile_file_names_never_reach_a_message_raw() {
    let site = Site::new();
    for name in hostile_names() {
        site.write(&format!("{name}.md"), post("같은 id", "", "본문"));
        site.write(&format!("{name}.html"), post("같은 id", "", "<p>본문</p>"));
    }
    let load = load_within(10, site.path(), WalkOptions::default());
    assert_eq!(load.posts.len(), 4);
    let problems = load.all_problems();
    assert_eq!(problems.len(), 2, "one duplicate id each");
    for p in problems {
        assert!(is_terminal_safe(&p.message.to_string()), "{:?}", p.message);
        assert!(is_terminal_safe(&p.to_string()), "{:?}", p.to_string());
        assert!(p.message.to_string().contains("is also the id of"));
    }
    for p in &load.posts {
        assert!(is_terminal_safe(&p.id) && is_terminal_safe(&p.title));
    }
    let dir = site.path().to_string_lossy().into_owned();
    let out = run_within(20, &site.path(), &["--check", &dir]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(is_terminal_safe(&stdout), "{stdout:?}");
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
}

#[test]
fn hostile_folder_names_are_clean_categories_and_site_titles() {
    let site = Site::new();
    let [a, b] = hostile_names();
    site.write(
        "_config.yml",
        "title: \"블로그\\e]2;pwned\\a\\u202e\"\nbaseurl: \"\\e[2J\"\n",
    );
    site.write(
        &format!("{a}/{b}/_posts/2024-07-19-글.md"),
        post("글", "", "본문"),
    );
    let load = load_within(10, site.path(), WalkOptions::default());
    let p = &load.posts[0];
    assert_eq!(p.categories.len(), 3, "{:?}", p.categories);
    assert!(
        p.categories.iter().all(|c| is_terminal_safe(c)),
        "{:?}",
        p.categories
    );
    let store = sinmun::store::Store::new(load, false);
    let title = store.site_title().unwrap();
    assert!(
        is_terminal_safe(title) && title.starts_with("블로그"),
        "{title:?}"
    );
    assert!(is_terminal_safe(&store.site().unwrap().baseurl));
}

#[cfg(unix)]
#[test]
fn a_site_configuration_that_is_a_fifo_is_reported_not_opened() {
    let site = Site::new();
    site.write("_posts/2024-07-19-글.md", post("정상 글", "", "본문"));
    mkfifo(&site.path().join("_config.yml"));
    let load = load_within(10, site.path(), WalkOptions::default());
    assert_eq!(load.posts.len(), 1);
    let problems = problem_texts(&load);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].ends_with("_config.yml:1: not a regular file (a FIFO); not read"),
        "{problems:?}"
    );
    let dir = site.path().to_string_lossy().into_owned();
    let check = run_within(20, &site.path(), &["--check", &dir]);
    assert_eq!(check.status.code(), Some(1));
    let list = run_within(20, &site.path(), &["--list"]);
    assert_eq!(
        list.status.code(),
        Some(0),
        "no folder named: the site here"
    );
}
