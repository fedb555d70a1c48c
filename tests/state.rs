//! Saved marks survive kills: a child process saves the state over and
//! over and is killed with SIGKILL at random moments; every time, the file
//! must load, and hold every mark whose save had finished.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use sinmun::state::{LoadNote, State};

const CHILD: &str = "SINMUN_STATE_WRITER";

/// Run as the child (only when the parent sets `SINMUN_STATE_WRITER`):
/// add a mark, save, report it, forever.
#[test]
fn writer_child() {
    let Some(path) = std::env::var_os(CHILD) else {
        return;
    };
    let path = std::path::PathBuf::from(path);
    let (mut state, _) = State::load(&path);
    let start = state.read.len();
    for i in start.. {
        state.read.insert(format!("post-{i:06}"));
        if i % 3 == 0 {
            state.starred.insert(format!("post-{i:06}"));
        }
        state.save(&path).expect("save");
        println!("saved {}", i + 1);
    }
}

#[cfg(unix)]
#[test]
fn kill_9_during_saves_never_loses_a_saved_mark_or_tears_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let me = std::env::current_exe().unwrap();
    for round in 0..40u64 {
        let mut child = Command::new(&me)
            .args([
                "writer_child",
                "--exact",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env(CHILD, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Let it save a few times, then kill it in the middle of whatever
        // it is doing.
        let wanted = 1 + round % 7;
        let mut acknowledged = 0usize;
        let mut seen = 0;
        while seen < wanted {
            match lines.next() {
                Some(Ok(l)) if l.starts_with("saved ") => {
                    acknowledged = l[6..].parse().unwrap();
                    seen += 1;
                }
                Some(_) => {}
                None => break,
            }
        }
        std::thread::sleep(Duration::from_micros(round * 137 % 900));
        child.kill().unwrap();
        child.wait().unwrap();
        let (state, note) = State::load(&path);
        assert_eq!(
            note,
            LoadNote::Loaded,
            "round {round}: the file always loads"
        );
        assert!(
            state.read.len() >= acknowledged,
            "round {round}: {} marks, {acknowledged} acknowledged",
            state.read.len()
        );
        for i in 0..acknowledged {
            assert!(
                state.read.contains(&format!("post-{i:06}")),
                "round {round}: lost post-{i:06}"
            );
        }
    }
    let visible: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    assert_eq!(
        visible,
        ["state.json"],
        "interrupted saves leave only hidden temporary files"
    );
}
