//! The persistent index: what a load through it gives is what reading
//! every file gives, whatever happened to the files or to the index
//! between two starts; search through its postings gives what the
//! matcher gives over every post's search text.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use common::{Site, post};
use sinmun::index::{Index, LoadStats, Searcher};
use sinmun::loader::{self, Load, WalkOptions};
use sinmun::post::Keep;
use sinmun::search::Query;

/// Everything a user sees of a load, as text (the order included).
fn seen(load: &Load) -> String {
    let mut out = String::new();
    for p in &load.posts {
        let mut p = p.clone();
        p.doc = None;
        p.search = None;
        p.body = None;
        out.push_str(&format!("{p:?}\n"));
    }
    for p in load.all_problems() {
        out.push_str(&format!("{p}\n"));
    }
    out.push_str(&format!(
        "skipped {} special {}\n",
        load.skipped, load.special
    ));
    out
}

fn fresh(root: &Path) -> String {
    seen(&loader::load(&[root.to_path_buf()], Keep::default()))
}

struct Cache {
    dir: tempfile::TempDir,
}

impl Cache {
    fn new() -> Cache {
        Cache {
            dir: tempfile::tempdir().expect("cache folder"),
        }
    }

    fn file(&self) -> PathBuf {
        self.dir.path().join("index.sqlite3")
    }

    /// Open the index (trusting files changed just now) and load `root`.
    fn load(&self, root: &Path) -> (Load, LoadStats) {
        let mut index = Index::open(&self.file())
            .expect("index opens")
            .with_settle(Duration::ZERO);
        index
            .load(&[root.to_path_buf()], WalkOptions::default())
            .expect("loads")
    }

    /// Load `root` through the index and check it against reading it.
    fn check(&self, root: &Path) -> LoadStats {
        let (load, stats) = self.load(root);
        assert_eq!(seen(&load), fresh(root));
        stats
    }
}

fn stats(kept: usize, read: usize, removed: usize) -> LoadStats {
    LoadStats {
        kept,
        read,
        removed,
    }
}

fn news(site: &Site, n: usize) {
    for i in 0..n {
        site.write(
            &format!("2024-07-{:02}-news-{i}.md", i % 28 + 1),
            post(&format!("제주 소식 {i}"), "tags: [속보]\n", "본문입니다."),
        );
    }
}

#[test]
fn unchanged_files_come_from_the_index_and_new_ones_are_read() {
    let site = Site::new();
    news(&site, 5);
    let cache = Cache::new();
    assert_eq!(cache.check(&site.path()), stats(0, 5, 0));
    assert_eq!(cache.check(&site.path()), stats(5, 0, 0));
    site.write("2024-08-01-new.md", post("새 글", "", "새 본문"));
    assert_eq!(cache.check(&site.path()), stats(5, 1, 0));
}

#[test]
fn a_start_s_first_posts_follow_the_last_load_s_date_order() {
    let site = Site::new();
    news(&site, 6);
    let cache = Cache::new();
    let first = |cache: &Cache| -> Vec<String> {
        let index = Index::open(&cache.file()).unwrap();
        index
            .first_posts(4)
            .unwrap()
            .into_iter()
            .map(|p| p.title)
            .collect()
    };
    let newest = |load: &Load| -> Vec<String> {
        load.posts.iter().take(4).map(|p| p.title.clone()).collect()
    };
    let (load, _) = cache.load(&site.path());
    assert_eq!(first(&cache), newest(&load));
    site.write("2024-09-01-new.md", post("가장 새 글", "", "새 본문"));
    let (load, _) = cache.load(&site.path());
    assert_eq!(first(&cache)[0], "가장 새 글");
    assert_eq!(first(&cache), newest(&load));
    // Files saved without their order (a start that stopped between the
    // two): the next load saves it.
    let conn = rusqlite::Connection::open(cache.file()).unwrap();
    conn.execute_batch("DELETE FROM ranks; DELETE FROM meta WHERE key = 'ranked';")
        .unwrap();
    drop(conn);
    assert!(first(&cache).is_empty());
    let (load, _) = cache.load(&site.path());
    assert_eq!(first(&cache), newest(&load));
}

#[test]
fn a_file_changed_with_the_same_size_is_read_again() {
    let site = Site::new();
    let path = site.write("2024-07-01-a.md", post("제주항공 운항", "", "본문"));
    let cache = Cache::new();
    cache.check(&site.path());
    let before = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    site.write("2024-07-01-a.md", post("제주항공 결항", "", "본문"));
    assert_eq!(cache.check(&site.path()), stats(0, 1, 0));
    // Even with its old modification time put back.
    site.write("2024-07-01-a.md", post("제주항공 재개", "", "본문"));
    if let Some(t) = before {
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(t).unwrap();
    }
    assert_eq!(cache.check(&site.path()), stats(0, 1, 0));
    assert!(fresh(&site.path()).contains("제주항공 재개"));
}

#[test]
fn removed_and_renamed_files_drop_out() {
    let site = Site::new();
    news(&site, 3);
    let cache = Cache::new();
    cache.check(&site.path());
    std::fs::remove_file(site.path().join("2024-07-01-news-0.md")).unwrap();
    assert_eq!(cache.check(&site.path()), stats(2, 0, 1));
    std::fs::rename(
        site.path().join("2024-07-02-news-1.md"),
        site.path().join("2024-07-09-renamed.md"),
    )
    .unwrap();
    let got = cache.check(&site.path());
    assert_eq!((got.read, got.removed), (1, 1));
    let (load, _) = cache.load(&site.path());
    assert!(load.posts.iter().any(|p| p.id == "2024-07-09-renamed"));
    assert!(!load.posts.iter().any(|p| p.id == "2024-07-02-news-1"));
}

#[test]
fn a_file_touched_without_change_gives_the_same_posts() {
    let site = Site::new();
    let path = site.write("2024-07-01-a.md", post("그대로", "", "본문"));
    let cache = Cache::new();
    cache.check(&site.path());
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(SystemTime::now()).unwrap();
    assert_eq!(cache.check(&site.path()), stats(0, 1, 0));
    assert_eq!(cache.check(&site.path()), stats(1, 0, 0));
}

#[test]
fn clock_skew_never_keeps_an_old_post() {
    let site = Site::new();
    let path = site.write("2024-07-01-a.md", post("미래 시각 1", "", "본문"));
    let future = SystemTime::now() + Duration::from_secs(3600);
    let set = |t: SystemTime| {
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(t).unwrap();
    };
    set(future);
    let cache = Cache::new();
    cache.check(&site.path());
    // Changed, same size, the same time in the future: a time in the
    // future is never trusted, so the file is read again.
    site.write("2024-07-01-a.md", post("미래 시각 2", "", "본문"));
    set(future);
    assert_eq!(cache.check(&site.path()), stats(0, 1, 0));
    assert!(fresh(&site.path()).contains("미래 시각 2"));
    // Going backwards is a change like any other.
    site.write("2024-07-01-a.md", post("과거 시각 3", "", "본문"));
    set(SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000));
    assert_eq!(cache.check(&site.path()), stats(0, 1, 0));
}

#[test]
fn files_changed_just_before_they_were_read_are_read_again() {
    let site = Site::new();
    news(&site, 2);
    let cache = Cache::new();
    let load = |cache: &Cache| {
        let mut index = Index::open(&cache.file()).unwrap();
        index
            .load(&[site.path()], WalkOptions::default())
            .unwrap()
            .1
    };
    assert_eq!(load(&cache), stats(0, 2, 0));
    // Written within the last two seconds: their stamps may not tell a
    // change made in the same tick, so they are not trusted yet.
    assert_eq!(load(&cache), stats(0, 2, 0));
}

#[test]
fn drafts_dated_by_their_file_follow_its_time() {
    let site = Site::new();
    let path = site.write("_drafts/초안.md", "---\ntitle: 초안\n---\n본문\n");
    site.write("_posts/2024-07-01-a.md", post("글", "", "본문"));
    let cache = Cache::new();
    cache.check(&site.path());
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1_500_000_000))
        .unwrap();
    cache.check(&site.path());
    cache.check(&site.path());
}

/// Overwrite `len` bytes of `file` at `at` with a pattern.
fn scribble(file: &Path, at: u64, len: usize) {
    use std::io::{Seek, SeekFrom, Write};
    let mut f = std::fs::File::options().write(true).open(file).unwrap();
    f.seek(SeekFrom::Start(at)).unwrap();
    f.write_all(&vec![0xa5; len]).unwrap();
}

fn filled(site: &Site, cache: &Cache) {
    news(site, 40);
    cache.check(&site.path());
    // Search texts and postings too.
    let (load, _) = cache.load(&site.path());
    let mut index = Index::open(&cache.file()).unwrap().with_pending_max(0);
    index
        .index_texts(&load.posts, &load.sites, |_, _| {})
        .unwrap();
    drop(index);
    checkpoint(&cache.file());
}

/// Move everything from the WAL into the database file.
fn checkpoint(file: &Path) {
    let conn = rusqlite::Connection::open(file).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
}

#[test]
fn a_damaged_index_costs_a_slow_start_and_nothing_else() {
    let site = Site::new();
    let cache = Cache::new();
    filled(&site, &cache);
    let len = std::fs::metadata(cache.file()).unwrap().len();
    let step = (len / 23).max(1);
    let mut at = 0;
    while at < len {
        scribble(&cache.file(), at, 700);
        // Whatever the damage, the posts are right, and search too.
        let stats = cache.check(&site.path());
        assert_eq!(stats.kept + stats.read, 40);
        search_agrees(&site, &cache, &["제주", "소식 3", "ㅅㅅ", "#속보"]);
        at += step;
    }
}

#[test]
fn a_truncated_or_foreign_index_is_started_afresh() {
    let site = Site::new();
    let cache = Cache::new();
    filled(&site, &cache);
    let len = std::fs::metadata(cache.file()).unwrap().len();
    for keep in [len / 2, 100, 0] {
        let f = std::fs::File::options()
            .write(true)
            .open(cache.file())
            .unwrap();
        f.set_len(keep).unwrap();
        drop(f);
        cache.check(&site.path());
        search_agrees(&site, &cache, &["제주", "소식 3"]);
    }
    std::fs::write(cache.file(), "not an index at all\n".repeat(300)).unwrap();
    assert_eq!(cache.check(&site.path()).kept, 0);
}

#[test]
fn an_index_of_another_version_is_rebuilt() {
    let site = Site::new();
    let cache = Cache::new();
    filled(&site, &cache);
    let conn = rusqlite::Connection::open(cache.file()).unwrap();
    conn.execute(
        "UPDATE meta SET value = 'sinmun 0.0.0' WHERE key = 'rules'",
        [],
    )
    .unwrap();
    drop(conn);
    assert_eq!(cache.check(&site.path()), stats(0, 40, 0));
    let conn = rusqlite::Connection::open(cache.file()).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    assert_eq!(cache.check(&site.path()), stats(0, 40, 0));
    assert_eq!(cache.check(&site.path()), stats(40, 0, 0));
}

#[test]
fn an_index_file_from_an_older_version_gets_the_current_page_size() {
    let site = Site::new();
    news(&site, 12);
    let cache = Cache::new();
    std::fs::create_dir_all(cache.file().parent().unwrap()).unwrap();
    let conn = rusqlite::Connection::open(cache.file()).unwrap();
    conn.execute_batch(
        "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE files (x); PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);
    assert_eq!(cache.check(&site.path()), stats(0, 12, 0));
    let conn = rusqlite::Connection::open(cache.file()).unwrap();
    let page_size: i64 = conn
        .pragma_query_value(None, "page_size", |r| r.get(0))
        .unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    drop(conn);
    assert_eq!((page_size, mode.as_str()), (16384, "wal"));
    assert_eq!(cache.check(&site.path()), stats(12, 0, 0));
    search_agrees(&site, &cache, &["제주", "소식 3"]);
}

#[test]
fn search_is_the_same_before_and_after_segments_are_merged() {
    let site = Site::new();
    news(&site, 40);
    let cache = Cache::new();
    let (load, _) = cache.load(&site.path());
    let mut index = Index::open(&cache.file())
        .unwrap()
        .with_pending_max(0)
        .with_segment_docs(3);
    index
        .index_texts(&load.posts, &load.sites, |_, _| {})
        .unwrap();
    let queries = ["제주", "소식 3", "ㅈㅈ", "항공"];
    search_agrees(&site, &cache, &queries);
    let segments = || -> i64 {
        let conn = rusqlite::Connection::open(cache.file()).unwrap();
        conn.query_row("SELECT count(*) FROM segments", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(segments(), 14, "left as written");
    assert!(index.tidy().unwrap());
    assert_eq!(segments(), 1);
    search_agrees(&site, &cache, &queries);
    assert!(!index.tidy().unwrap(), "nothing left to merge");
}

#[test]
fn two_readers_updating_at_once_stay_right() {
    let site = Site::new();
    news(&site, 30);
    let cache = Cache::new();
    let root = site.path();
    std::thread::scope(|s| {
        for reader in 0..2 {
            let (root, file) = (root.clone(), cache.file());
            s.spawn(move || {
                for round in 0..6 {
                    let mut index = Index::open(&file)
                        .expect("opens beside another reader")
                        .with_settle(Duration::ZERO);
                    let (load, _) = index
                        .load(std::slice::from_ref(&root), WalkOptions::default())
                        .unwrap();
                    index
                        .index_texts(&load.posts, &load.sites, |_, _| {})
                        .unwrap();
                    let _ = (reader, round);
                }
            });
        }
        let writer_root = root.clone();
        s.spawn(move || {
            for i in 0..12 {
                let path = writer_root.join(format!("2024-09-{:02}-live.md", i % 5 + 1));
                std::fs::write(&path, post(&format!("실시간 {i}"), "", "본문 갱신")).unwrap();
                std::thread::sleep(Duration::from_millis(15));
            }
        });
    });
    cache.check(&root);
    search_agrees(&site, &cache, &["실시간", "제주 소식", "ㅅㅅㄱ"]);
}

/// Search through the index agrees with the matcher over search texts
/// (an index found damaged is started afresh, and the posts loaded and
/// indexed again: one slow start).
fn search_agrees(site: &Site, cache: &Cache, queries: &[&str]) {
    let linear = loader::load(&[site.path()], Keep::ALL);
    for attempt in 0..2 {
        let load = cache.load(&site.path()).0;
        let mut index = Index::open(&cache.file()).unwrap();
        let answers: Result<Vec<Vec<usize>>, _> = index
            .index_texts(&load.posts, &load.sites, |_, _| {})
            .and_then(|_| {
                let searcher = index.searcher()?;
                let all: Vec<usize> = (0..load.posts.len()).collect();
                queries
                    .iter()
                    .map(|q| searcher.filter(&Query::parse(q), &load.posts, &all))
                    .collect()
            });
        let answers = match answers {
            Err(e) if attempt == 0 => {
                assert!(e.is_damage(), "{e}");
                index.start_afresh().unwrap();
                continue;
            }
            other => other.unwrap(),
        };
        for (q, got) in queries.iter().zip(answers) {
            let query = Query::parse(q);
            let want: Vec<&Path> = linear
                .posts
                .iter()
                .filter(|p| query.matches(p))
                .map(|p| p.path.as_path())
                .collect();
            let got: Vec<&Path> = got.iter().map(|&i| load.posts[i].path.as_path()).collect();
            assert_eq!(got, want, "{q}");
        }
        return;
    }
}

/// Words and spellings posts use, Hangul first: joined, spaced, initials
/// written out, Latin, punctuation.
const WORDS: &[&str] = &[
    "제주항공",
    "제주 항공",
    "제주",
    "항공권",
    "운항",
    "ㅋㅋㅋ",
    "ㅈㅈ",
    "MS",
    "클라우드",
    "장애로",
    "발권",
    "마비",
    "속보:",
    "Jeju Air",
    "항만",
    "주 항",
    "재개",
    "ㄱㄴ ㄷ",
    // Their n-grams apart: 제주항만 and 주항공사 have every 3-gram of
    // 제주항공 without it.
    "제주항만",
    "주항공사",
    "클라우",
    "라우드",
    "ㅈㅈㅎ",
];

fn corpus() -> &'static (Site, Cache, Load, Vec<sinmun::post::Post>) {
    static CORPUS: std::sync::OnceLock<(Site, Cache, Load, Vec<sinmun::post::Post>)> =
        std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        let site = Site::new();
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for i in 0..120 {
            let mut words = |count: usize| {
                (0..count)
                    .map(|_| WORDS[next(WORDS.len())])
                    .collect::<Vec<_>>()
                    .join(if next(3) == 0 { "" } else { " " })
            };
            let title = words(2);
            let tags = format!("tags: [{}]\n", WORDS[i % 6].replace(' ', ""));
            let body = format!("<p>{}</p><p>{}</p>", words(3), words(2));
            let ext = if i % 4 == 0 { "md" } else { "html" };
            site.write(
                &format!("2024-07-{:02}-post-{i}.{ext}", i % 28 + 1),
                post(&title, &tags, &body),
            );
        }
        let cache = Cache::new();
        let (load, _) = cache.load(&site.path());
        // Most in postings (segments of 9, merged into one), the rest
        // pending: both paths are searched.
        let mut index = Index::open(&cache.file())
            .unwrap()
            .with_pending_max(0)
            .with_segment_docs(9);
        index
            .index_texts(&load.posts[..100], &load.sites, |_, _| {})
            .unwrap();
        assert!(index.tidy().unwrap(), "12 segments merged");
        let mut index = Index::open(&cache.file()).unwrap();
        index
            .index_texts(&load.posts[100..], &load.sites, |_, _| {})
            .unwrap();
        let linear = loader::load(&[site.path()], Keep::ALL).posts;
        (site, cache, load, linear)
    })
}

fn query_strategy() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        proptest::sample::select(WORDS).prop_map(str::to_string),
        // A slice of a word, in characters.
        (proptest::sample::select(WORDS), 0usize..6, 1usize..6)
            .prop_map(|(w, a, n)| { w.chars().skip(a).take(n).collect::<String>() }),
        // Initials of a word, or a word with some syllables as initials.
        (proptest::sample::select(WORDS), any::<u8>()).prop_map(|(w, mask)| {
            w.chars()
                .enumerate()
                .map(|(i, c)| {
                    let s = c as u32;
                    if (0xac00..=0xd7a3).contains(&s) && mask & (1 << (i % 8)) != 0 {
                        [
                            'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ',
                            'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ',
                        ][((s - 0xac00) / 588) as usize]
                    } else {
                        c
                    }
                })
                .collect::<String>()
        }),
        Just("#속보".to_string()),
        Just("\"제주 항공\"".to_string()),
        Just("\"ㅈㅈ ㅎㄱ\"".to_string()),
    ];
    proptest::collection::vec(piece, 1..3).prop_map(|v| v.join(" "))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    #[test]
    fn search_through_the_index_is_the_matcher_over_every_text(q in query_strategy()) {
        let (_site, cache, load, linear) = corpus();
        let searcher = Searcher::open(&cache.file()).unwrap();
        let query = Query::parse(&q);
        let all: Vec<usize> = (0..load.posts.len()).collect();
        let got: Vec<&Path> = searcher
            .filter(&query, &load.posts, &all)
            .unwrap()
            .into_iter()
            .map(|i| load.posts[i].path.as_path())
            .collect();
        let want: Vec<&Path> = linear
            .iter()
            .filter(|p| query.matches(p))
            .map(|p| p.path.as_path())
            .collect();
        proptest::prop_assert_eq!(got, want, "query {:?}", q);
    }
}
