//! Saving a mark with 100,000 marks saved: the worker's transaction (the
//! disk's part), the key press (memory only), and opening the database at
//! start.

use criterion::{Criterion, criterion_group, criterion_main};
use sinmun::app::{Action, App, update};
use sinmun::loader;
use sinmun::marks::{Change, Field, MarksDb};
use sinmun::post::Keep;
use sinmun::store::Store;
use sinmun::theme::Theme;

const MARKS: usize = 100_000;

fn ids(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("2024-07-{:02}-post-{i:06}", 1 + i % 28))
        .collect()
}

fn change(field: Field, on: bool, ids: &[String]) -> Change {
    Change {
        field,
        on,
        ids: ids.to_vec(),
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("marks.sqlite3");
    let mut db = MarksDb::open(&path, None).expect("open").db;
    let all = ids(MARKS);
    db.apply(&change(Field::Read, true, &all))
        .expect("mark read");
    db.apply(&change(Field::Starred, true, &all[..1000]))
        .expect("star");
    drop(db);
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    eprintln!("{MARKS} read marks, 1,000 starred: {size} bytes");

    let mut group = c.benchmark_group("marks");
    group.sample_size(20);
    group.bench_function("open_100k", |b| {
        b.iter(|| MarksDb::open(&path, None).expect("open").marks)
    });
    group.bench_function("peek_100k", |b| b.iter(|| sinmun::marks::peek(&path, None)));
    let mut db = MarksDb::open(&path, None).expect("open").db;
    let mut on = false;
    group.bench_function("save_toggle_100k", |b| {
        b.iter(|| {
            on = !on;
            db.apply(&change(Field::Starred, on, &all[MARKS / 2..][..1]))
                .expect("save")
        })
    });
    group.bench_function("save_mark_all_read_1k_100k", |b| {
        b.iter(|| {
            on = !on;
            db.apply(&change(Field::Read, on, &all[MARKS - 1000..]))
                .expect("save")
        })
    });
    drop(db);

    let marks = MarksDb::open(&path, None).expect("open").marks;
    let load = loader::load_demo(Keep::ALL);
    let theme = Theme::builtin("dark").expect("theme");
    let mut app = App::new(Store::new(load, false), theme, true).with_marks(marks);
    update(&mut app, Action::Resize(120, 40));
    group.bench_function("keypress_toggle_100k", |b| {
        b.iter(|| update(&mut app, Action::ToggleRead))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
