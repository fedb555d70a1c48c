//! Work off the key path (DESIGN §9, the reading loop's targets):
//!
//! - `reader/keypress_move_10k_rendering_1mb`: `Down` or `Up` and a draw of
//!   120x40 over 10,000 posts while a 1 MB article is being rendered ahead
//!   on a worker. Between timed keypresses, when no render is running, the
//!   next of 20 generated 1 MB posts (more than the render cache keeps) is
//!   selected and `Idle` applied, untimed: that starts its render.
//!   The share of keypresses that ran while a render was running is printed.
//! - search keystrokes while the bodies are being indexed: the reader
//!   starts unindexed, the effect loop's index job runs, and each
//!   `SearchInput('정')` and its draw is timed until the index is done
//!   (median, 95th percentile and maximum printed; not a criterion group,
//!   the index runs once).
//! - `reader/reload_one_new_file_10k`: a new post file is written (untimed)
//!   into one of the reader's folders, then `Reload` (`R`) is applied and
//!   the effect loop settled (the whole walk, a stat of every file, the new
//!   file read and indexed, the store merged and the list rebuilt), and a
//!   frame drawn.
//! - `reader/watched_new_file_10k`: the same, as the folder watcher reports
//!   it: `FolderChanged` with the new file's path (only that file is looked
//!   at and read).
//! - a folder change on screen, real process: the release binary in a
//!   120x40 tmux pane over the 10,000 posts and a second folder; a post is
//!   written into the second folder and the pane polled every 5 ms until
//!   its title shows (after criterion, with the tmux first-frame figures).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::Criterion;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sinmun::app::effects::{Effects, Opener, Setup};
use sinmun::app::{Action, App};
use sinmun::loader;
use sinmun::post::Keep;
use sinmun::store::Store;

use super::support::corpus::write_corpus;
use super::{Corpus, HEIGHT, SEED, Term, WIDTH, draw, theme};

/// 1 MB posts rendered ahead in turn (more than the render cache keeps).
const BIG_POSTS: usize = 20;

/// A reader over `roots`, drawn once, with its own effect loop.
fn reader(roots: &[PathBuf], setup: Setup) -> (App, Effects, Term) {
    let load = loader::load(roots, Keep::default());
    let mut app = App::new(Store::new(load, false), theme(), false);
    app.folders = roots.to_vec();
    let mut effects = Effects::new(setup);
    effects.apply(&mut app, Action::Resize(WIDTH, HEIGHT));
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
    draw(&app, &mut terminal);
    (app, effects, terminal)
}

pub fn keypress_while_rendering(c: &mut Criterion, corpus: &Corpus) {
    // More 1 MB posts than the render cache holds: each is rendered again
    // when its turn comes back.
    let big = tempfile::tempdir().expect("a folder for the 1 MB posts");
    write_corpus(big.path(), BIG_POSTS, SEED ^ 1, 1_000_000).expect("write the 1 MB posts");
    let roots = [corpus.dir.clone(), big.path().to_path_buf()];
    let (mut app, mut effects, mut terminal) = reader(&roots, Setup::default());
    let rows: Vec<usize> = app
        .list
        .visible
        .iter()
        .enumerate()
        .filter(|(_, p)| app.store.posts()[**p].path.starts_with(big.path()))
        .map(|(row, _)| row)
        .collect();
    assert_eq!(rows.len(), BIG_POSTS);
    let (mut down, mut during, mut presses, mut renders) = (true, 0usize, 0usize, 0usize);
    let mut group = c.benchmark_group("reader");
    group.bench_function("keypress_move_10k_rendering_1mb", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                if !effects.busy() {
                    let row = rows[renders % rows.len()];
                    app.list.selected = row;
                    app.list.top = row;
                    effects.apply(&mut app, Action::Idle);
                    renders += 1;
                }
                during += usize::from(effects.busy());
                presses += 1;
                let start = Instant::now();
                effects.apply(&mut app, if down { Action::Down } else { Action::Up });
                draw(&app, &mut terminal);
                total += start.elapsed();
                down = !down;
                effects.apply_answers(&mut app);
            }
            total
        })
    });
    group.finish();
    eprintln!(
        "keypress_move_10k_rendering_1mb: {renders} renders of the 1 MB article started; {during} of {presses} keypresses ({:.0}%) ran while one was being rendered",
        during as f64 * 100.0 / presses.max(1) as f64
    );
    effects.settle(&mut app, Duration::from_secs(60));
}

pub fn search_while_indexing(corpus: &Corpus) {
    let (mut app, mut effects, mut terminal) =
        reader(std::slice::from_ref(&corpus.dir), Setup::default());
    effects.start(&app);
    effects.apply(&mut app, Action::StartSearch);
    let mut samples = Vec::new();
    let first = app.index.indexed;
    while effects.busy() {
        let start = Instant::now();
        effects.apply(&mut app, Action::SearchInput('정'));
        draw(&app, &mut terminal);
        samples.push(start.elapsed());
        effects.apply(&mut app, Action::SearchBackspace);
        draw(&app, &mut terminal);
        effects.apply_answers(&mut app);
    }
    let last = app.index.indexed;
    samples.sort();
    let at = |q: f64| {
        samples
            .get(((samples.len() as f64 - 1.0) * q) as usize)
            .copied()
            .unwrap_or_default()
    };
    eprintln!(
        "search keystroke during indexing ({} keystrokes while {first}..{last} of {} bodies were indexed): median {:.2?}, p95 {:.2?}, max {:.2?}",
        samples.len(),
        app.index.total,
        at(0.5),
        at(0.95),
        at(1.0)
    );
}

pub fn reload_one_new_file(c: &mut Criterion, corpus: &Corpus) {
    let extra = tempfile::tempdir().expect("a second folder");
    let roots = vec![corpus.dir.clone(), extra.path().to_path_buf()];
    let setup = Setup {
        folders: roots.clone(),
        loaded_at: Some(std::time::SystemTime::now()),
        opener: Opener::off(),
        ..Setup::default()
    };
    let (mut app, mut effects, mut terminal) = reader(&roots, setup);
    effects.start(&app);
    effects.settle(&mut app, Duration::from_secs(120));
    let mut n = 0usize;
    let mut group = c.benchmark_group("reader");
    group.sample_size(20);
    for (name, watched) in [
        ("reload_one_new_file_10k", false),
        ("watched_new_file_10k", true),
    ] {
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    n += 1;
                    let path = write_post(extra.path(), n, &format!("새 글 {n}"));
                    let before = app.store.posts().len();
                    let action = if watched {
                        Action::FolderChanged(vec![path])
                    } else {
                        Action::Reload
                    };
                    let start = Instant::now();
                    effects.apply(&mut app, action);
                    effects.settle(&mut app, Duration::from_secs(30));
                    draw(&app, &mut terminal);
                    total += start.elapsed();
                    assert_eq!(app.store.posts().len(), before + 1, "the new post is in");
                }
                total
            })
        });
    }
    group.finish();
}

/// A small post dated after every generated one, so that it heads the list.
pub fn write_post(dir: &Path, n: usize, title: &str) -> PathBuf {
    let path = dir.join(format!("2031-01-01-new-{n:05}.html"));
    std::fs::write(
        &path,
        format!("---\ntitle: {title}\ndate: 2031-01-01\ncategories: [속보]\n---\n<p>방금 들어온 소식입니다.</p>\n"),
    )
    .expect("write a new post");
    path
}

/// The release binary in tmux over the corpus and a second folder: time
/// from writing a new post until the pane shows its title.
pub fn process_folder_change(corpus: &Corpus) {
    if !super::Tmux::available() {
        eprintln!("tmux is not on PATH: skipping the real-process folder change");
        return;
    }
    let extra = tempfile::tempdir().expect("a second folder");
    let tmux = super::Tmux::start();
    let home = tempfile::tempdir().expect("a home");
    let reader = format!(
        "env HOME={h} XDG_CONFIG_HOME={h}/c XDG_DATA_HOME={h}/d {} {} {}",
        super::sh_quote(env!("CARGO_BIN_EXE_sinmun")),
        super::sh_quote(&corpus.dir.to_string_lossy()),
        super::sh_quote(&extra.path().to_string_lossy()),
        h = super::sh_quote(&home.path().to_string_lossy()),
    );
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "watch",
        "-x",
        "120",
        "-y",
        "40",
        &reader,
    ]);
    let needle = format!(" 1/{}", corpus.posts);
    let start = Instant::now();
    while !tmux.capture("watch").contains(&needle) {
        assert!(start.elapsed() < Duration::from_secs(30), "no first frame");
        std::thread::sleep(Duration::from_millis(5));
    }
    // Let the index finish, as a reader would have it by then.
    std::thread::sleep(Duration::from_secs(3));
    let (min, median) = super::min_median(|i| {
        let title = format!("폴더 변화 {i}");
        let start = Instant::now();
        write_post(extra.path(), i, &title);
        while !tmux.capture("watch").contains(&title) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{title} never showed"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        start.elapsed()
    });
    eprintln!(
        "reader/process_folder_change_visible: min {min:.1?}, median {median:.1?} over 5 runs"
    );
    tmux.end("watch");
}
