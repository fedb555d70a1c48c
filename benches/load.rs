//! Load benchmark: the loader over a synthetic corpus, and the whole
//! `sinmun --list` process against `cat` over the same files (the DESIGN
//! target: `sinmun --list` at most 1.5x the time of `cat`).
//!
//! Run: `cargo bench --bench load`
//! Quick: `cargo bench --bench load -- --warm-up-time 1 --measurement-time 3`
//!
//! Groups:
//! - `load/10k_posts_list`: `loader::load` with `Keep::default()` (what
//!   `--list` needs) over 10,000 posts.
//! - `load/10k_posts_search_index`: the same with `search_text: true`
//!   (what `--list --search` needs).
//! - `cli/list_10k`: spawn the release binary with `--list DIR`, stdout to
//!   /dev/null, and wait for it.
//! - `cli/cat_10k`: spawn `cat` with every post path as an argument, stdout
//!   to /dev/null, and wait for it.
//!
//! After the `cli` group, when `/usr/bin/time` exists, the binary and `cat`
//! run once more under `/usr/bin/time -v` and their peak resident set sizes
//! are printed on stderr with the corpus size in bytes.
//!
//! With `SINMUN_BENCH_100K=1`, a 100,000-post corpus is also generated and
//! `sinmun --list` over it is timed by hand with `Instant` (one warm-up run,
//! then three timed runs; min and median printed on stderr, with `cat` over
//! the same files in batches, and the peak RSS). This is not a criterion
//! group: criterion needs at least 10 samples, and generating the corpus
//! alone takes a while.
//!
//! The corpus is written once into a temporary folder and removed at the
//! end; all timings are with the files in the page cache. Defaults are 10
//! samples and 10 s of measurement per benchmark, with flat sampling (every
//! sample the same number of iterations: each takes 0.1 s or more);
//! command-line options such as `--measurement-time` override the first two.
//!
//! Under `cargo test --benches` (criterion's test mode, which runs each
//! benchmark once) the corpus is only 200 posts and the extras are skipped.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode};
use sinmun::loader;
use sinmun::post::Keep;

const SEED: u64 = 0x5EED_2024;
const BODY_BYTES: usize = 5 * 1024;
const POSTS: usize = 10_000;
/// Posts in criterion's test mode, where each benchmark runs once.
const TEST_POSTS: usize = 200;

/// The corpus and its files, sorted.
struct Corpus {
    /// Kept for its folder, removed when the corpus is dropped.
    _temp: support::temp::TempCorpus,
    dir: PathBuf,
    files: Vec<PathBuf>,
    bytes: u64,
}

impl Corpus {
    fn new(posts: usize) -> Corpus {
        let temp = support::temp::TempCorpus::new("sinmun-bench-", posts, SEED, BODY_BYTES);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&temp.dir)
            .expect("read the corpus folder")
            .map(|e| e.expect("read a corpus entry").path())
            .collect();
        files.sort();
        assert_eq!(files.len(), posts);
        let (dir, bytes) = (temp.dir.clone(), temp.bytes);
        Corpus {
            _temp: temp,
            dir,
            files,
            bytes,
        }
    }
}

fn sinmun_bin() -> &'static str {
    env!("CARGO_BIN_EXE_sinmun")
}

/// Run `sinmun --list DIR` with stdout to /dev/null; panic unless it succeeds.
fn run_list(dir: &Path) {
    let status = Command::new(sinmun_bin())
        .arg("--list")
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .expect("spawn sinmun");
    assert!(status.success(), "sinmun --list failed: {status}");
}

/// Run `cat FILES...` with stdout to /dev/null; panic unless it succeeds.
fn run_cat(files: &[PathBuf]) {
    let status = Command::new("cat")
        .args(files)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .expect("spawn cat");
    assert!(status.success(), "cat failed: {status}");
}

fn bench_load(c: &mut Criterion, corpus: &Corpus) {
    let roots = [corpus.dir.clone()];
    let expected = corpus.files.len();
    let mut group = c.benchmark_group("load");
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("10k_posts_list", |b| {
        b.iter(|| {
            let load = loader::load(&roots, Keep::default());
            assert_eq!(load.posts.len(), expected);
            load
        })
    });
    group.bench_function("10k_posts_search_index", |b| {
        b.iter(|| {
            let keep = Keep {
                body: false,
                search_text: true,
            };
            let load = loader::load(&roots, keep);
            assert_eq!(load.posts.len(), expected);
            load
        })
    });
    group.finish();
}

fn bench_cli(c: &mut Criterion, corpus: &Corpus) {
    let mut group = c.benchmark_group("cli");
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("list_10k", |b| b.iter(|| run_list(&corpus.dir)));
    group.bench_function("cat_10k", |b| b.iter(|| run_cat(&corpus.files)));
    group.finish();
}

/// Peak RSS in KiB of `cmd` run under `/usr/bin/time -v`, or `None` when
/// that tool is missing or its report cannot be read.
fn peak_rss_kib(cmd: &str, args: &[&std::ffi::OsStr]) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let out = Command::new(time)
        .arg("-v")
        .arg(cmd)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stderr).lines().find_map(|l| {
        l.trim()
            .strip_prefix("Maximum resident set size (kbytes):")
            .and_then(|v| v.trim().parse().ok())
    })
}

fn report_peak_rss(corpus: &Corpus, label: &str) {
    let list = peak_rss_kib(sinmun_bin(), &["--list".as_ref(), corpus.dir.as_os_str()]);
    let Some(list) = list else { return };
    let mib = |kib: u64| kib as f64 / 1024.0;
    eprintln!(
        "peak RSS ({label}): sinmun --list {:.1} MiB ({list} KiB); corpus {} bytes ({:.1} MiB, {} posts)",
        mib(list),
        corpus.bytes,
        corpus.bytes as f64 / (1024.0 * 1024.0),
        corpus.files.len()
    );
    // cat's peak over the first batch of files, for scale.
    let batch: Vec<&std::ffi::OsStr> = corpus
        .files
        .iter()
        .take(CAT_BATCH)
        .map(|p| p.as_os_str())
        .collect();
    if let Some(cat) = peak_rss_kib("cat", &batch) {
        eprintln!("peak RSS ({label}): cat {:.1} MiB ({cat} KiB)", mib(cat));
    }
}

/// Paths per `cat` process when the whole list would not fit in one
/// command line (the 100k corpus), as `xargs` would do.
const CAT_BATCH: usize = 10_000;

/// The 100k run: timed by hand (see the module comment).
fn run_100k() {
    const POSTS_100K: usize = 100_000;
    const RUNS: usize = 3;
    let corpus = Corpus::new(POSTS_100K);
    let time = |f: &dyn Fn()| {
        f(); // warm-up
        let mut runs: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect();
        runs.sort();
        (runs[0], runs[RUNS / 2])
    };
    let (list_min, list_median) = time(&|| run_list(&corpus.dir));
    eprintln!(
        "cli/list_100k: min {list_min:.3?}, median {list_median:.3?} over {RUNS} runs (after one warm-up)"
    );
    let (cat_min, cat_median) = time(&|| {
        for batch in corpus.files.chunks(CAT_BATCH) {
            run_cat(batch);
        }
    });
    eprintln!(
        "cli/cat_100k ({} processes of <= {CAT_BATCH} paths): min {cat_min:.3?}, median {cat_median:.3?}; list/cat (min) = {:.2}",
        corpus.files.len().div_ceil(CAT_BATCH),
        list_min.as_secs_f64() / cat_min.as_secs_f64()
    );
    report_peak_rss(&corpus, "100k");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let has = |flag: &str| args.iter().any(|a| a == flag);
    // criterion runs benchmarks only with --bench (as `cargo bench` passes)
    // and neither --test nor --list; otherwise each runs once, as a test.
    let benchmarking = has("--bench") && !has("--test") && !has("--list");

    let mut c = Criterion::default()
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .configure_from_args();

    let corpus = Corpus::new(if benchmarking { POSTS } else { TEST_POSTS });
    bench_load(&mut c, &corpus);
    bench_cli(&mut c, &corpus);
    if benchmarking {
        report_peak_rss(&corpus, "10k");
    }
    drop(corpus);

    if benchmarking && std::env::var("SINMUN_BENCH_100K").is_ok_and(|v| v == "1") {
        run_100k();
    }
    c.final_summary();
}
