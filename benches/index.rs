//! Index benchmark: the persistent index over a generated seed-shaped
//! corpus — starts from it (warm) and without it (cold), search keystrokes
//! through its postings, `--list` warm against `cat`, and the reader's
//! resident memory once every body is indexed.
//!
//! Run: `cargo bench --bench index`
//! Sizes: `SINMUN_BENCH_POSTS=100000 cargo bench --bench index` (10,000 by
//! default; 1,000,000 takes about 35 minutes and 12 GB of disk for the
//! corpus and its index).
//!
//! Criterion groups (library level, the files in the page cache):
//! - `index/first_posts`: the first 2,000 posts of the last load, read
//!   from the index (what a warm start shows in its first frame).
//! - `index/warm_load`: a load through the index with nothing changed:
//!   the walk, one `stat` a file, every post decoded (what a warm start
//!   checks in the background, and what `--list` does).
//! - `index/keystroke/QUERY`: a search keystroke as the reader does it:
//!   postings looked up and posts decided for one 8 ms slice, over every
//!   post (the reader decides the rest between keys).
//! - `index/search_all/QUERY`: the same search decided to the end (what
//!   `--list --search` does, and the reader between keys).
//!
//! Then, once, timed by hand and printed on stderr: the cold start (front
//! matter of every file, then every body indexed, then its segments
//! merged), the index's size, `sinmun --list` warm and cold against `cat`
//! of the same files (release binary, processes), and, when tmux is
//! installed, the reader's first frame cold and warm and its resident
//! memory once everything is indexed (from `/proc/PID/status`; a merge of
//! segments may still be going on then).
//!
//! Under `cargo test --benches` the corpus is 300 posts and the extras run
//! without tmux.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode};
use sinmun::index::Index;
use sinmun::loader::{Load, WalkOptions};
use sinmun::search::Query;
use sinmun::store::{Filter, Store};

const SEED: u64 = 0x1DE5_2026;
const BODY_BYTES: usize = 5 * 1024;
const TEST_POSTS: usize = 300;
const QUERIES: &[&str] = &[
    "제",
    "제주",
    "클라우드",
    "ㅈㅈ",
    "ㅇㅅㅅㄷ",
    "클라우드 장애",
    "#국제",
];

fn posts_wanted(test_mode: bool) -> usize {
    if test_mode {
        return TEST_POSTS;
    }
    std::env::var("SINMUN_BENCH_POSTS")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(10_000)
}

/// A corpus with its index filled, in a temporary folder.
struct Indexed {
    corpus: support::temp::TempCorpus,
    cache: tempfile::TempDir,
}

impl Indexed {
    fn index_file(&self) -> PathBuf {
        self.cache.path().join("index.sqlite3")
    }

    fn roots(&self) -> Vec<PathBuf> {
        vec![self.corpus.dir.clone()]
    }

    fn open(&self) -> Index {
        Index::open(&self.index_file()).expect("index opens")
    }

    fn load(&self) -> Load {
        self.open()
            .load(&self.roots(), WalkOptions::default())
            .expect("loads")
            .0
    }
}

/// Build the index cold, timing its two parts.
fn build(posts: usize) -> Indexed {
    let corpus = support::temp::TempCorpus::new("sinmun-bench-index-", posts, SEED, BODY_BYTES);
    let cache = tempfile::tempdir().expect("cache folder");
    let indexed = Indexed { corpus, cache };
    // Files just written are not trusted for two seconds.
    std::thread::sleep(Duration::from_millis(2100));
    let start = Instant::now();
    let load = indexed.load();
    let front = start.elapsed();
    let start = Instant::now();
    let mut index = indexed.open();
    index
        .index_texts(&load.posts, &load.sites, |_, _| {})
        .expect("indexes");
    let bodies = start.elapsed();
    index.tidy().expect("merges");
    let merged = start.elapsed();
    let size = std::fs::metadata(indexed.index_file()).map_or(0, |m| m.len());
    eprintln!(
        "cold: {posts} posts ({:.1} MiB): front matter of every file {front:.2?}, \
         every body indexed {bodies:.2?}, segments merged {merged:.2?}; \
         index {:.1} MiB ({:.0}% of the files)",
        mib(indexed.corpus.bytes),
        mib(size),
        size as f64 * 100.0 / indexed.corpus.bytes as f64
    );
    indexed
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn bench_library(c: &mut Criterion, indexed: &Indexed) {
    let mut group = c.benchmark_group("index");
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("first_posts", |b| {
        let index = indexed.open();
        b.iter(|| index.first_posts(2000).expect("first posts").len())
    });
    group.bench_function("warm_load", |b| b.iter(|| indexed.load().posts.len()));
    let mut store = Store::new(indexed.load(), true);
    store.set_searcher(indexed.open().searcher().expect("searcher"));
    for q in QUERIES {
        let filter = Filter {
            categories: Vec::new(),
            query: Query::parse(q),
        };
        group.bench_function(format!("keystroke/{q}"), |b| {
            b.iter(|| {
                let mut f = store.start_filter(&filter);
                store.advance(&mut f, Instant::now() + Duration::from_millis(8));
                f.matched().len()
            })
        });
        group.bench_function(format!("search_all/{q}"), |b| {
            b.iter(|| store.filter(&filter).len())
        });
    }
    group.finish();
}

/// The release binary (built by `cargo bench`), when it is there.
fn binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?.parent()?;
    let bin = dir.join("sinmun");
    bin.exists().then_some(bin)
}

/// A command for the binary with a home of its own (its cache in `home`).
fn sinmun(bin: &Path, home: &Path) -> Command {
    let mut cmd = Command::new(bin);
    for (var, sub) in [
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
    ] {
        cmd.env(var, home.join(sub));
    }
    cmd.env("HOME", home).env_remove("SINMUN_CONFIG");
    cmd
}

/// The best of three runs of `cmd` (stdout discarded).
fn best_of_3(mut make: impl FnMut() -> Command) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let status = make()
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("runs");
            assert!(status.success(), "{status}");
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// `sinmun --list` warm and cold against `cat` of the same files.
fn list_against_cat(bin: &Path, dir: &Path) {
    let home = tempfile::tempdir().expect("home");
    let list = || {
        let mut cmd = sinmun(bin, home.path());
        cmd.arg("--list").arg(dir);
        cmd
    };
    let cold = {
        let start = Instant::now();
        let _ = list().stdout(Stdio::null()).status();
        start.elapsed()
    };
    let warm = best_of_3(list);
    let cat = best_of_3(|| {
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg("find \"$0\" -type f -print0 | xargs -0 cat")
            .arg(dir);
        cmd
    });
    eprintln!(
        "--list: cold {cold:.2?}, warm {warm:.2?} (best of 3); cat {cat:.2?}: \
         warm is {:.2}x cat, cold {:.2}x",
        warm.as_secs_f64() / cat.as_secs_f64(),
        cold.as_secs_f64() / cat.as_secs_f64()
    );
}

/// The reader in tmux: its first frame cold and warm, and its resident
/// memory once every post is read and every body indexed.
fn reader_in_tmux(bin: &Path, dir: &Path, bytes: u64) {
    let tmux_ok = Command::new("tmux")
        .arg("-V")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !tmux_ok {
        eprintln!("reader: tmux not found; skipped");
        return;
    }
    let home = tempfile::tempdir().expect("home");
    let socket = format!("sinmun-bench-index-{}", std::process::id());
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .arg("-L")
            .arg(&socket)
            .args(args)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    };
    for start in ["cold", "warm"] {
        let shell = format!(
            "env HOME={h} XDG_CACHE_HOME={h}/cache XDG_CONFIG_HOME={h}/config \
             XDG_DATA_HOME={h}/data {bin} {dir}",
            h = home.path().display(),
            bin = bin.display(),
            dir = dir.display()
        );
        let began = Instant::now();
        tmux(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            start,
            "-x",
            "120",
            "-y",
            "40",
            &shell,
        ]);
        let mut first = None;
        let mut done = None;
        while began.elapsed() < Duration::from_secs(3600) {
            let screen = tmux(&["capture-pane", "-p", "-t", start]);
            let status = screen.lines().last().unwrap_or("").to_string();
            if first.is_none() && (status.contains("reading") || status.contains('/')) {
                first = Some(began.elapsed());
            }
            // The status line says `reading N/M` while files are read and
            // `bodies N/M…` while bodies are indexed.
            let busy = status.contains("reading") || status.contains("bodies");
            if first.is_some() && !busy {
                done = Some(began.elapsed());
                break;
            }
            std::thread::sleep(Duration::from_millis(if first.is_some() { 50 } else { 5 }));
        }
        // Settle, then read the reader's resident memory.
        std::thread::sleep(Duration::from_secs(2));
        let pid = tmux(&["display", "-p", "-t", start, "#{pane_pid}"]);
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", pid.trim())).unwrap_or_default();
        let kb = |key: &str| {
            status
                .lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
        };
        let rss = kb("VmRSS:") * 1024;
        eprintln!(
            "reader {start}: first frame {first:.2?}, everything read and indexed {done:.2?}; \
             resident {:.1} MiB ({:.0}% of the files), peak {:.1} MiB",
            mib(rss),
            rss as f64 * 100.0 / bytes as f64,
            mib(kb("VmHWM:") * 1024)
        );
        tmux(&["send-keys", "-t", start, "q"]);
        std::thread::sleep(Duration::from_millis(300));
    }
    tmux(&["kill-server"]);
}

fn main() {
    let test_mode = std::env::args().any(|a| a == "--test");
    let indexed = build(posts_wanted(test_mode));
    let mut c = support::criterion()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    bench_library(&mut c, &indexed);
    c.final_summary();
    if let Some(bin) = binary() {
        list_against_cat(&bin, &indexed.corpus.dir);
        if !test_mode {
            reader_in_tmux(&bin, &indexed.corpus.dir, indexed.corpus.bytes);
        }
    } else {
        eprintln!("the release binary is not built: processes skipped");
    }
}
