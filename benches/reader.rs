//! Reader benchmark: the interactive reader's first frame, keypresses and
//! search keystrokes over 10,000 posts (the DESIGN §9 targets: the first
//! frame at most 300 ms after start; a keypress, update and draw of a
//! 120x40 frame, at most 1 ms; a search keystroke filters in at most 10 ms).
//!
//! Run: `cargo bench --bench reader`
//!
//! The reader is built as `sinmun DIR` builds it (`cli::reader`): posts
//! loaded with front matter only, `Store::new`, `App::new(..).with_filter`,
//! a resize to the terminal's size, then frames drawn with `view::draw` on
//! a 120x40 `TestBackend`. One `Terminal` is kept across the iterations of
//! a group, so ratatui diffs each frame against the one before, as it does
//! on a real terminal. Actions go through the library's effect loop;
//! a body to read and render is done by its workers and waited for
//! (`Effects::settle`), as a user waits to see the article.
//!
//! Groups:
//! - `reader/first_frame_10k`: load, `Store::new`, the copy of the posts
//!   for the background index, `App::new`, resize and one draw: what runs
//!   before the first frame (the index is built after it, in the
//!   background, and is not included). 10 samples.
//! - `reader/keypress_move_10k`: `Down` or `Up` (alternately, so the
//!   selection never sticks at an end) in the list, with an article open in
//!   the right pane, and a draw.
//! - `reader/keypress_page_10k`: `PageDown` or `PageUp`, and a draw.
//! - `reader/keypress_open_10k`: `Back` then `Open` of the same post (the
//!   article is already open and rendered), and a draw.
//! - `reader/open_recent_10k`: `Back`, `Down` or `Up`, `Open` between two
//!   neighbouring posts: the rendered article is in the render cache, but
//!   the body is read from its file again (the reader keeps only front
//!   matter in memory), and a draw.
//! - `reader/open_uncached_6kb`: `Back`, `Down`, `Open` of a post not seen
//!   before: read the ~6 KB file, render the article, draw.
//! - `reader/search_first_key_10k`: with the index ready, `SearchInput('정')`
//!   on an empty field (one filter over 10,000 posts) and a draw;
//!   `SearchBackspace` and its draw, untimed, between iterations.
//! - `reader/search_keystroke_10k`: `SearchInput('부')` after "정" (the
//!   query becomes "정부") and a draw; untimed backspace between.
//! - `reader/search_chosung_10k`: `SearchInput('ㅈ')` after "ㅈ" (the 초성
//!   query "ㅈㅈ") and a draw; untimed backspace between.
//!
//! After criterion, when tmux is on PATH, the release binary is started in
//! a 120x40 tmux pane (`tmux -L <unique socket> new-session -d ...`), and
//! the pane is captured every 5 ms until the status line shows
//! " 1/10000 ": one warm-up run, then five timed runs; min and median on
//! stderr. The same is done with a shell that prints the status text at
//! once, to show what tmux and the polling cost by themselves. Each
//! session ends with `q`, and the tmux server is killed afterwards.
//! `SINMUN_BENCH_TMUX=0` skips this part.
//!
//! `SINMUN_BENCH_AMBIGUOUS=wide` measures the reader in the wide
//! ambiguous-width mode (every measurement and every cell written as a
//! terminal that draws ambiguous characters two cells wide needs).
//!
//! The first frame is also broken into phases (load, `Store::new`, the
//! copy for the index, theme and `App::new`, resize and draw), each the
//! median of 5 runs, on stderr; so is the system load average at the start
//! and end of the run, to judge noise.
//!
//! The corpus (10,000 posts of ~6 KB) is written once into a temporary
//! folder, which is removed at the end; all timings are with the files in
//! the page cache. Defaults: 2 s of warm-up and 5 s of measurement per
//! benchmark; command-line options such as `--measurement-time` override
//! them. Under `cargo test --benches` (criterion's test mode, which runs
//! each benchmark once) the corpus is 200 posts and tmux is skipped.

#[path = "reader/background.rs"]
mod background;
mod support;
#[path = "reader/tmux.rs"]
mod tmux;

use tmux::Tmux;

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sinmun::app::effects::Effects;
use sinmun::app::{Action, App, view};
use sinmun::loader;
use sinmun::post::Keep;
use sinmun::store::Store;
use sinmun::theme::{ColorDepth, Theme};

const SEED: u64 = 0x5EED_2024;
const BODY_BYTES: usize = 6 * 1024;
const POSTS: usize = 10_000;
/// Posts in criterion's test mode, where each benchmark runs once.
const TEST_POSTS: usize = 200;
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

type Term = Terminal<TestBackend>;

type Corpus = support::temp::TempCorpus;

fn corpus(posts: usize) -> Corpus {
    Corpus::new("sinmun-bench-reader-", posts, SEED, BODY_BYTES)
}

/// What the reader holds once its first frame is drawn.
struct Reader {
    app: App,
    effects: Effects,
    terminal: Term,
    /// The posts handed to the background index job.
    index_job: Vec<std::path::PathBuf>,
}

/// Everything `sinmun DIR` does before its first frame: load front
/// matter, build the store, copy the posts for the index job, build the
/// app, resize, draw.
fn start_reader(dir: &Path, laps: &mut Laps) -> Reader {
    let load = loader::load(&[dir.to_path_buf()], Keep::default());
    laps.lap("load");
    let store = Store::new(load, false);
    laps.lap("Store::new");
    let index_job: Vec<std::path::PathBuf> = store.posts().iter().map(|p| p.path.clone()).collect();
    laps.lap("copy for index");
    let mut app = App::new(store, theme(), false).with_filter(Vec::new(), "");
    if std::env::var("SINMUN_BENCH_AMBIGUOUS").is_ok_and(|v| v == "wide") {
        app.ambiguous = sinmun::text::AmbiguousWidth::Wide;
    }
    let mut effects = Effects::quiet();
    laps.lap("theme + App::new");
    effects.apply(&mut app, Action::Resize(WIDTH, HEIGHT));
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
    draw(&app, &mut terminal);
    laps.lap("resize + draw");
    Reader {
        app,
        effects,
        terminal,
        index_job,
    }
}

fn theme() -> Theme {
    Theme::builtin("dark")
        .expect("the dark theme")
        .with_depth(ColorDepth::TrueColor)
}

/// Time between calls, by name.
struct Laps {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Laps {
    fn start() -> Laps {
        Laps {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.laps.push((name, now - self.last));
        self.last = now;
    }
}

/// Where the first frame's time goes: each phase's median over 5 runs.
fn first_frame_phases(corpus: &Corpus) {
    const RUNS: usize = 5;
    let runs: Vec<Vec<(&'static str, Duration)>> = (0..RUNS)
        .map(|_| {
            let mut laps = Laps::start();
            let reader = start_reader(&corpus.dir, &mut laps);
            drop(reader);
            laps.laps
        })
        .collect();
    let mut line = String::new();
    for (i, (name, _)) in runs[0].iter().enumerate() {
        let mut times: Vec<Duration> = runs.iter().map(|r| r[i].1).collect();
        times.sort();
        line.push_str(&format!(" {name} {:.2?};", times[RUNS / 2]));
    }
    eprintln!("first frame phases (median of {RUNS}):{line}");
}

fn draw(app: &App, terminal: &mut Term) {
    terminal
        .draw(|frame| view::draw(app, frame))
        .expect("draw a frame");
}

/// Apply `action` through the effect loop and wait for the workers'
/// answers (a body read and rendered), as a user waits to see it.
fn apply(app: &mut App, effects: &mut Effects, action: Action) {
    effects.apply(app, action);
    effects.settle(app, Duration::from_secs(30));
}

/// The text of the status line (the last row).
fn status_line(terminal: &Term) -> String {
    let buffer = terminal.backend().buffer();
    let y = buffer.area.height - 1;
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

fn article_post(app: &App) -> Option<usize> {
    app.screen.article().map(|a| a.post)
}

fn bench_first_frame(c: &mut Criterion, corpus: &Corpus) {
    let mut group = c.benchmark_group("reader");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("first_frame_10k", |b| {
        b.iter_with_large_drop(|| start_reader(&corpus.dir, &mut Laps::start()))
    });
    group.finish();
    first_frame_phases(corpus);
}

/// The reader after the background index arrived, with post 0 open in the
/// right pane and the keys back on the list.
fn indexed_reader(corpus: &Corpus) -> Reader {
    let mut reader = start_reader(&corpus.dir, &mut Laps::start());
    assert_eq!(reader.app.store.posts().len(), corpus.posts);
    let start = Instant::now();
    let texts = sinmun::app::effects::build_index(&reader.index_job);
    let bytes: usize = texts.iter().map(|t| t.heap_size()).sum();
    eprintln!(
        "index of {} posts built in {:.1?}: {bytes} bytes of text and 초성 ({:.1} MiB)",
        texts.len(),
        start.elapsed(),
        bytes as f64 / (1024.0 * 1024.0)
    );
    let texts = reader.index_job.iter().cloned().zip(texts).collect();
    apply(
        &mut reader.app,
        &mut reader.effects,
        Action::Indexed { texts, done: true },
    );
    assert!(reader.app.indexed());
    apply(&mut reader.app, &mut reader.effects, Action::Open);
    apply(&mut reader.app, &mut reader.effects, Action::Back);
    draw(&reader.app, &mut reader.terminal);
    let status = status_line(&reader.terminal);
    assert!(
        status.contains(&format!(" 1/{} ", corpus.posts)),
        "status line: {status:?}"
    );
    reader
}

fn bench_keys(c: &mut Criterion, reader: &mut Reader) {
    let Reader {
        app,
        effects,
        terminal,
        ..
    } = reader;
    let mut group = c.benchmark_group("reader");

    let mut down = true;
    group.bench_function("keypress_move_10k", |b| {
        b.iter(|| {
            apply(app, effects, if down { Action::Down } else { Action::Up });
            down = !down;
            draw(app, terminal);
        })
    });
    assert!(app.list.selected <= 1);

    let mut down = true;
    group.bench_function("keypress_page_10k", |b| {
        b.iter(|| {
            apply(
                app,
                effects,
                if down {
                    Action::PageDown
                } else {
                    Action::PageUp
                },
            );
            down = !down;
            draw(app, terminal);
        })
    });
    apply(app, effects, Action::Top);

    // The same post again: it is open and rendered.
    group.bench_function("keypress_open_10k", |b| {
        b.iter(|| {
            apply(app, effects, Action::Back);
            apply(app, effects, Action::Open);
            draw(app, terminal);
        })
    });
    // (Also when a filter left the group out.)
    apply(app, effects, Action::Back);
    apply(app, effects, Action::Open);
    assert_eq!(article_post(app), Some(0));

    // Two neighbours in turn: rendered before, but their bodies are read
    // again from their files.
    let mut down = true;
    group.bench_function("open_recent_10k", |b| {
        b.iter(|| {
            apply(app, effects, Action::Back);
            apply(app, effects, if down { Action::Down } else { Action::Up });
            down = !down;
            apply(app, effects, Action::Open);
            draw(app, terminal);
        })
    });

    // A post not opened before each time (the render cache holds 16).
    let last = app.list.visible.len() - 1;
    group.bench_function("open_uncached_6kb", |b| {
        b.iter(|| {
            apply(app, effects, Action::Back);
            if app.list.selected == last {
                apply(app, effects, Action::Top);
            } else {
                apply(app, effects, Action::Down);
            }
            apply(app, effects, Action::Open);
            draw(app, terminal);
        })
    });
    if article_post(app).is_none() {
        apply(app, effects, Action::Open);
    }
    let open = article_post(app).expect("an open article");
    let rendered = app.screen.article().expect("an open article");
    eprintln!(
        "last article opened: post {open}, {} lines, {} links",
        rendered.lines().len(),
        rendered.links().len()
    );
    assert!(rendered.lines().len() > 20, "the article was rendered");
    apply(app, effects, Action::Back);
    apply(app, effects, Action::Top);
    draw(app, terminal);
    group.finish();
}

/// One search keystroke: with `before` in the field, time typing `key`
/// and drawing; take it back with an untimed backspace and draw.
fn bench_search_key(c: &mut Criterion, reader: &mut Reader, name: &str, before: &str, key: char) {
    let Reader {
        app,
        effects,
        terminal,
        ..
    } = reader;
    apply(app, effects, Action::StartSearch);
    for ch in before.chars() {
        apply(app, effects, Action::SearchInput(ch));
    }
    draw(app, terminal);
    let shown_before = app.list.visible.len();
    apply(app, effects, Action::SearchInput(key));
    let shown_after = app.list.visible.len();
    apply(app, effects, Action::SearchBackspace);
    eprintln!(
        "{name}: {before:?} shows {shown_before} posts, {:?} shows {shown_after}",
        format!("{before}{key}")
    );
    draw(app, terminal);

    let mut group = c.benchmark_group("reader");
    group.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                apply(app, effects, Action::SearchInput(key));
                draw(app, terminal);
                total += start.elapsed();
                apply(app, effects, Action::SearchBackspace);
                draw(app, terminal);
            }
            total
        })
    });
    group.finish();
    assert_eq!(app.filters.search.input, before);
    apply(app, effects, Action::SearchCancel);
    apply(app, effects, Action::Top);
    draw(app, terminal);
}

fn bench_search(c: &mut Criterion, reader: &mut Reader) {
    bench_search_key(c, reader, "search_first_key_10k", "", '정');
    bench_search_key(c, reader, "search_keystroke_10k", "정", '부');
    bench_search_key(c, reader, "search_chosung_10k", "ㅈ", 'ㅈ');
    bench_search_key(c, reader, "search_mixed_10k", "정", 'ㅂ');
    bench_search_key(c, reader, "search_spaced_10k", "\"정부 ", '발');
}

/// Single-quote `s` for sh.
fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// One warm-up and `RUNS` timed runs; (min, median).
fn min_median(mut f: impl FnMut(usize) -> Duration) -> (Duration, Duration) {
    const RUNS: usize = 5;
    f(0);
    let mut runs: Vec<Duration> = (1..=RUNS).map(&mut f).collect();
    runs.sort();
    eprintln!("  runs: {runs:.1?}");
    (runs[0], runs[RUNS / 2])
}

fn process_first_frame(corpus: &Corpus) {
    if !Tmux::available() {
        eprintln!("tmux is not on PATH: skipping the real-process first frame");
        return;
    }
    let tmux = Tmux::start();
    // capture-pane drops trailing spaces, so no space after the count.
    let needle = format!(" 1/{}", corpus.posts);
    let bin = sh_quote(env!("CARGO_BIN_EXE_sinmun"));
    let dir = sh_quote(&corpus.dir.to_string_lossy());
    // A home of its own: no user config or marks change what is timed.
    let home = tempfile::tempdir().expect("a home");
    let h = sh_quote(&home.path().to_string_lossy());
    let reader = format!("env HOME={h} XDG_CONFIG_HOME={h}/c XDG_DATA_HOME={h}/d {bin} {dir}");
    eprintln!("process first frame: `{reader}` in a 120x40 tmux pane, polled every 5 ms");
    let (min, median) = min_median(|i| tmux.time_until(&format!("reader{i}"), &reader, &needle));
    eprintln!("reader/process_first_frame_10k: min {min:.1?}, median {median:.1?} over 5 runs");
    let baseline = format!("printf %s {}; read -r _", sh_quote(&needle));
    let (bmin, bmedian) =
        min_median(|i| tmux.time_until(&format!("baseline{i}"), &baseline, &needle));
    eprintln!(
        "tmux baseline (a shell printing the status text): min {bmin:.1?}, median {bmedian:.1?}"
    );
    drop(tmux);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let has = |flag: &str| args.iter().any(|a| a == flag);
    // criterion runs benchmarks only with --bench (as `cargo bench` passes)
    // and neither --test nor --list; otherwise each runs once, as a test.
    let benchmarking = has("--bench") && !has("--test") && !has("--list");

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();

    let load_average = || std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    eprintln!("load average at start: {}", load_average().trim());
    let corpus = corpus(if benchmarking { POSTS } else { TEST_POSTS });
    bench_first_frame(&mut c, &corpus);
    let mut reader = indexed_reader(&corpus);
    bench_keys(&mut c, &mut reader);
    bench_search(&mut c, &mut reader);
    drop(reader);
    background::keypress_while_rendering(&mut c, &corpus);
    background::search_while_indexing(&corpus);
    background::reload_one_new_file(&mut c, &corpus);
    if benchmarking && std::env::var("SINMUN_BENCH_TMUX").is_ok_and(|v| v == "0") {
        eprintln!("SINMUN_BENCH_TMUX=0: skipping the real-process first frame");
    } else if benchmarking {
        process_first_frame(&corpus);
        background::process_folder_change(&corpus);
    }
    drop(corpus);
    eprintln!("load average at end: {}", load_average().trim());
    c.final_summary();
}
