//! Read and starred marks in their database (DESIGN §7): saved as set
//! operations so that several readers at once never lose a mark, picked up
//! by the other readers, never lost to a kill, and a damaged or hostile
//! file is set aside instead of stopping the reader.

use std::path::Path;
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use sinmun::app::Action;
use sinmun::marks::{Change, Field, MarksDb, MarksWorker, Opened, peek};

fn change(field: Field, on: bool, ids: &[&str]) -> Change {
    Change {
        field,
        on,
        ids: ids.iter().map(|s| s.to_string()).collect(),
    }
}

fn open(path: &Path) -> Opened {
    MarksDb::open(path, None).expect("open the marks database")
}

/// Run `f` on a thread; fail if it takes longer than `secs` (a hang).
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(secs))
        .expect("finished in time")
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn marks_are_kept_across_opens_and_undoing_a_bulk_change_restores_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data/marks.sqlite3");
    let Opened {
        mut db,
        mut marks,
        notes,
    } = open(&path);
    assert!(notes.is_empty(), "{notes:?}");
    db.apply(&marks.toggle(Field::Read, "2024-07-19-jeju-air").change)
        .unwrap();
    db.apply(&marks.toggle(Field::Starred, "culture/005").change)
        .unwrap();
    let bulk = marks
        .set(Field::Read, ["a", "b", "2024-07-19-jeju-air"], true)
        .unwrap();
    db.apply(&bulk.change).unwrap();
    drop(db);
    let again = open(&path).marks;
    assert!(again.is_read("a") && again.is_read("b"));
    assert!(again.is_starred("culture/005") && !again.is_read("culture/005"));
    let Opened { mut db, .. } = open(&path);
    db.apply(&bulk.change.undo()).unwrap();
    let after_undo = open(&path).marks;
    assert!(!after_undo.is_read("a") && !after_undo.is_read("b"));
    assert!(
        after_undo.is_read("2024-07-19-jeju-air"),
        "read before the bulk change, read after its undo"
    );
}

#[test]
fn a_change_to_one_mark_never_touches_another() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("marks.sqlite3");
    let mut one = open(&path).db;
    let mut two = open(&path).db;
    // Each reader saved its own change, knowing nothing of the other's.
    one.apply(&change(Field::Read, true, &["x", "y"])).unwrap();
    two.apply(&change(Field::Starred, true, &["x"])).unwrap();
    two.apply(&change(Field::Read, false, &["y"])).unwrap();
    let marks = open(&path).marks;
    assert!(marks.is_read("x") && marks.is_starred("x"));
    assert!(!marks.is_read("y"), "the last change to a mark wins");
}

#[test]
fn a_reader_hears_of_marks_saved_elsewhere_and_not_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("marks.sqlite3");
    let Opened { db, mut marks, .. } = open(&path);
    let mut other = open(&path).db;
    let (tx, rx) = mpsc::channel();
    let worker = MarksWorker::spawn(db, tx).unwrap();
    let mine = marks.toggle(Field::Read, "mine");
    worker.save(mine.clone());
    let wait = Duration::from_secs(10);
    assert_eq!(
        rx.recv_timeout(wait).unwrap(),
        Action::MarksSaved {
            seq: mine.seq,
            error: None
        }
    );
    other
        .apply(&change(Field::Starred, true, &["theirs"]))
        .unwrap();
    let Action::MarksChanged(rows) = rx.recv_timeout(wait).unwrap() else {
        panic!("expected the other reader's marks");
    };
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].id == "theirs" && rows[0].starred && !rows[0].read);
    assert!(marks.merge_from_elsewhere(&rows) && marks.is_starred("theirs"));
    assert!(
        rx.recv_timeout(sinmun::marks::POLL_EVERY * 3).is_err(),
        "nothing else changed"
    );
    worker.finish();
}

#[test]
fn the_flusher_returns_once_every_queued_mark_is_saved_and_does_not_keep_the_worker() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("marks.sqlite3");
    let Opened { db, mut marks, .. } = open(&path);
    let (tx, _rx) = mpsc::channel();
    let worker = MarksWorker::spawn(db, tx).unwrap();
    for i in 0..200 {
        worker.save(marks.toggle(Field::Read, &format!("post-{i}")));
    }
    // What a signal that ends the process runs before it exits.
    let flush = worker.flusher();
    flush(Duration::from_secs(10));
    let saved = peek(&path, None);
    assert!((0..200).all(|i| saved.is_read(&format!("post-{i}"))));
    // A flusher kept elsewhere (the exit hooks) never keeps the worker's
    // queue open: finishing returns.
    within(10, move || worker.finish());
    flush(Duration::from_secs(1));
}

/// A database with one read mark, closed.
fn saved_database(path: &Path) {
    let mut db = open(path).db;
    db.apply(&change(Field::Read, true, &["kept"])).unwrap();
}

#[test]
fn damaged_databases_are_set_aside_never_deleted_and_a_fresh_one_starts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("marks.sqlite3");
    // A valid database cut short, as a full disk or a bad copy leaves it.
    saved_database(&path);
    let whole = std::fs::read(&path).unwrap();
    assert!(whole.len() > 8192, "{} bytes", whole.len());
    let truncated = whole[..whole.len() / 2 + 100].to_vec();
    let foreign = {
        let other = dir.path().join("other.db");
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE feeds (url TEXT)").unwrap();
        drop(conn);
        std::fs::read(&other).unwrap()
    };
    let newer = {
        saved_database(&dir.path().join("newer.db"));
        let conn = rusqlite::Connection::open(dir.path().join("newer.db")).unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
        drop(conn);
        std::fs::read(dir.path().join("newer.db")).unwrap()
    };
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("text", b"{\"read\": [\"a\"]}".to_vec(), "not a database"),
        (
            "random bytes",
            (0..20_000u32).map(|i| (i * 7919 % 251) as u8).collect(),
            "not a database",
        ),
        ("truncated", truncated, "malformed"),
        (
            "another program's database",
            foreign,
            "not a sinmun marks database",
        ),
        ("a newer version's", newer, "newer sinmun"),
    ];
    for (what, bytes, why) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("marks.sqlite3");
        std::fs::write(&path, &bytes).unwrap();
        let Opened {
            mut db,
            marks,
            notes,
        } = open(&path);
        assert_eq!(notes.len(), 1, "{what}: {notes:?}");
        assert!(notes[0].to_string().contains(why), "{what}: {notes:?}");
        let korean = notes[0].say(sinmun::i18n::Lang::Ko);
        assert!(
            korean.starts_with("표시 데이터베이스가 손상됨 (") && korean.ends_with("로 옮겨 둠"),
            "{what}: {korean}"
        );
        assert!(!marks.is_read("kept"), "{what}: a fresh start");
        let aside: Vec<_> = names_in(dir.path())
            .into_iter()
            .filter(|n| {
                n.starts_with("marks.sqlite3.damaged-")
                    && !n.ends_with("-wal")
                    && !n.ends_with("-shm")
            })
            .collect();
        assert_eq!(aside.len(), 1, "{what}: {:?}", names_in(dir.path()));
        assert!(
            std::fs::read(dir.path().join(&aside[0])).unwrap() == bytes,
            "{what}: kept as it was"
        );
        db.apply(&change(Field::Read, true, &["new"])).unwrap();
        drop(db);
        assert!(
            open(&path).marks.is_read("new"),
            "{what}: the fresh one works"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_at_the_database_path_is_refused_without_hanging() {
    for kind in ["fifo", "device", "fifo-wal"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("marks.sqlite3");
        match kind {
            "fifo" => mkfifo(&path),
            "fifo-wal" => {
                saved_database(&path);
                mkfifo(&dir.path().join("marks.sqlite3-wal"));
            }
            _ => std::os::unix::fs::symlink("/dev/zero", &path).unwrap(),
        }
        let p = path.clone();
        let Opened { marks, notes, .. } = within(20, move || open(&p));
        assert!(
            notes[0].to_string().contains("not a regular file"),
            "{kind}: {notes:?}"
        );
        assert!(
            notes[0]
                .say(sinmun::i18n::Lang::Ko)
                .contains("(보통 파일이 아님: "),
            "{kind}: {notes:?}"
        );
        assert!(!marks.is_read("kept"), "{kind}");
        assert!(
            std::fs::metadata(&path).unwrap().is_file(),
            "{kind}: a fresh file"
        );
        let p = path.clone();
        within(20, move || peek(&p, None));
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
}

#[test]
fn state_json_is_imported_once_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("marks.sqlite3");
    let state = dir.path().join("state.json");
    let json = r#"{"read": ["2024-07-19-jeju-air", "b"], "starred": ["c"]}"#;
    std::fs::write(&state, json).unwrap();
    let Opened {
        mut db,
        marks,
        notes,
    } = MarksDb::open(&path, Some(&state)).unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    assert!(marks.is_read("2024-07-19-jeju-air") && marks.is_read("b") && marks.is_starred("c"));
    db.apply(&change(Field::Read, false, &["b"])).unwrap();
    drop(db);
    let again = MarksDb::open(&path, Some(&state)).unwrap().marks;
    assert!(!again.is_read("b"), "not imported a second time");
    assert_eq!(
        std::fs::read_to_string(&state).unwrap(),
        json,
        "the file is kept"
    );
}

#[cfg(unix)]
#[test]
fn a_damaged_or_hostile_state_json_never_hangs_and_is_never_lost() {
    let cases = ["damaged", "fifo", "device"];
    for kind in cases {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state.json");
        match kind {
            "damaged" => std::fs::write(&state, "{\"read\": [\"a\", ").unwrap(),
            "fifo" => mkfifo(&state),
            _ => std::os::unix::fs::symlink("/dev/zero", &state).unwrap(),
        }
        let path = dir.path().join("marks.sqlite3");
        let (p, s) = (path.clone(), state.clone());
        within(20, move || peek(&p, Some(&s)));
        let (p, s) = (path.clone(), state.clone());
        let opened = within(20, move || MarksDb::open(&p, Some(&s)).unwrap());
        assert_eq!(opened.notes.len(), 1, "{kind}: {:?}", opened.notes);
        if kind == "damaged" {
            assert!(
                opened.notes[0]
                    .to_string()
                    .starts_with("state file damaged"),
                "{:?}",
                opened.notes
            );
            let korean = opened.notes[0].say(sinmun::i18n::Lang::Ko);
            assert!(korean.starts_with("상태 파일이 손상됨 ("), "{korean}");
            let aside = names_in(dir.path());
            assert!(
                aside.iter().any(|n| n.starts_with("state.json.damaged-")),
                "{aside:?}"
            );
        } else {
            assert!(
                opened.notes[0].to_string().contains("not a regular file"),
                "{:?}",
                opened.notes
            );
        }
        drop(opened);
        let (p, s) = (path.clone(), state.clone());
        let again = within(20, move || MarksDb::open(&p, Some(&s)).unwrap());
        assert!(
            again.notes.is_empty(),
            "{kind}: told once: {:?}",
            again.notes
        );
    }
}

#[test]
fn listing_reads_marks_without_creating_or_changing_anything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("marks.sqlite3");
    let state = dir.path().join("state.json");
    std::fs::write(&state, r#"{"read": ["old"]}"#).unwrap();
    assert!(
        peek(&path, Some(&state)).is_read("old"),
        "not imported yet: the old file"
    );
    assert_eq!(names_in(dir.path()), ["state.json"], "nothing created");
    let mut db = MarksDb::open(&path, Some(&state)).unwrap().db;
    db.apply(&change(Field::Starred, true, &["new"])).unwrap();
    let marks = peek(&path, Some(&state));
    assert!(
        marks.is_read("old") && marks.is_starred("new"),
        "while a reader has it open"
    );
    drop(db);
    let before = names_in(dir.path());
    let marks = peek(&path, None);
    assert!(marks.is_read("old") && marks.is_starred("new"));
    assert_eq!(names_in(dir.path()), before);
    std::fs::write(&path, "not a database").unwrap();
    assert!(!peek(&path, None).is_read("old"));
    assert!(
        std::fs::read(&path).unwrap() == b"not a database",
        "left as it is"
    );
}

// Several processes at once. The test binary runs itself as the child
// processes: each child test does nothing unless the parent set its
// variable.
const WRITER: &str = "SINMUN_MARKS_WRITER";
const TOGGLER: &str = "SINMUN_MARKS_TOGGLER";

/// Readers in the concurrency test, and the changes each one saves.
const READERS: usize = 4;
const CHANGES: usize = 200;

fn spawn_child(test: &str, var: &str, value: &str) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture", "--test-threads", "1"])
        .env(var, value)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// A child of the concurrency test: reader `i` toggles its own posts,
/// marks shared posts read, stars one shared post, and makes bulk changes
/// (some undone); then prints the marks it left on its own posts.
#[test]
fn toggler_child() {
    let Some(arg) = std::env::var_os(TOGGLER) else {
        return;
    };
    let arg = arg.to_string_lossy().into_owned();
    let (i, path) = arg.split_once(':').unwrap();
    let i: usize = i.parse().unwrap();
    let Opened {
        mut db,
        mut marks,
        notes,
    } = open(Path::new(path));
    assert!(notes.is_empty(), "{notes:?}");
    for j in 0..CHANGES {
        let own = format!("own-{i}-{}", j % 17);
        db.apply(&marks.toggle(Field::Read, &own).change).unwrap();
        if j == 0 {
            db.apply(&change(Field::Starred, true, &[&format!("shared-{i}")]))
                .unwrap();
        }
        // Long after the stars: marking read must not touch them.
        if j >= 30 {
            db.apply(&change(Field::Read, true, &[&format!("shared-{}", j % 30)]))
                .unwrap();
        }
        if j % 25 == 0 {
            let ids: Vec<String> = (0..40).map(|k| format!("bulk-{i}-{k}")).collect();
            let bulk = marks.set(Field::Read, &ids, true).unwrap();
            db.apply(&bulk.change).unwrap();
            db.apply(&marks.apply(&bulk.change.undo()).unwrap().change)
                .unwrap();
            let ids: Vec<String> = (0..40).map(|k| format!("kept-{i}-{j}-{k}")).collect();
            db.apply(&marks.set(Field::Read, &ids, true).unwrap().change)
                .unwrap();
        }
    }
    // libtest has written "test toggler_child ... " on this line.
    println!();
    for k in 0..17 {
        let own = format!("own-{i}-{k}");
        println!("{own} {}", marks.is_read(&own));
    }
}

#[test]
fn several_processes_toggling_at_once_keep_every_mark() {
    for round in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        // A fresh folder each round: the readers also create the database
        // at the same time.
        let path = dir.path().join("marks.sqlite3");
        let children: Vec<_> = (0..READERS)
            .map(|i| spawn_child("toggler_child", TOGGLER, &format!("{i}:{}", path.display())))
            .collect();
        let mut expected = Vec::new();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: a reader failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            for line in String::from_utf8(out.stdout).unwrap().lines() {
                if let Some((id, read)) = line.split_once(' ')
                    && id.starts_with("own-")
                {
                    expected.push((id.to_string(), read == "true"));
                }
            }
        }
        assert_eq!(expected.len(), READERS * 17, "round {round}");
        let Opened { marks, notes, .. } = open(&path);
        assert!(notes.is_empty(), "round {round}: {notes:?}");
        for (id, read) in &expected {
            assert_eq!(
                marks.is_read(id),
                *read,
                "round {round}: {id}, toggled by one reader"
            );
        }
        for k in 0..30 {
            let id = format!("shared-{k}");
            assert!(
                marks.is_read(&id),
                "round {round}: {id}, marked read by all"
            );
            assert_eq!(marks.is_starred(&id), k < READERS, "round {round}: {id}");
        }
        for i in 0..READERS {
            for k in 0..40 {
                assert!(
                    !marks.is_read(&format!("bulk-{i}-{k}")),
                    "round {round}: undone"
                );
                for j in (0..CHANGES).step_by(25) {
                    assert!(marks.is_read(&format!("kept-{i}-{j}-{k}")), "round {round}");
                }
            }
        }
    }
}

/// A child of the kill test: mark one more post read, report it, forever.
#[test]
fn writer_child() {
    let Some(path) = std::env::var_os(WRITER) else {
        return;
    };
    let Opened { mut db, marks, .. } = open(Path::new(&path));
    // Again from the last post marked: it may have been killed between its
    // two changes.
    let start = marks.count(Field::Read).saturating_sub(1);
    println!();
    for i in start.. {
        let id = format!("post-{i:06}");
        db.apply(&change(Field::Read, true, &[&id])).unwrap();
        if i % 3 == 0 {
            db.apply(&change(Field::Starred, true, &[&id])).unwrap();
        }
        println!("saved {}", i + 1);
    }
}

#[cfg(unix)]
#[test]
fn kill_9_during_saves_never_loses_a_saved_mark_or_damages_the_database() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("marks.sqlite3");
    for round in 0..30u64 {
        let mut child = spawn_child("writer_child", WRITER, &path.to_string_lossy());
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
        let Opened { marks, notes, .. } = open(&path);
        assert!(notes.is_empty(), "round {round}: {notes:?}");
        for i in 0..acknowledged {
            let id = format!("post-{i:06}");
            assert!(marks.is_read(&id), "round {round}: lost {id}");
            assert_eq!(marks.is_starred(&id), i % 3 == 0, "round {round}: {id}");
        }
    }
    assert!(
        names_in(dir.path())
            .iter()
            .all(|n| n.starts_with("marks.sqlite3")),
        "{:?}",
        names_in(dir.path())
    );
}
