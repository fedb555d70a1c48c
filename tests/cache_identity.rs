//! `--list`, `--list --json`, `--list --search` and `--check` print the
//! same bytes and exit with the same status whether the index in the cache
//! folder is missing (cold), filled (warm) or bypassed (`--no-cache`):
//! over hostile files, the project's fixtures, a seed-shaped corpus and the
//! demo posts; under an English and a Korean locale, the problems said in
//! the reader's language from the index as from the files.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "../benches/support/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use common::{Site, fixture, isolate, post};

/// What a run printed: stdout, stderr and status.
type Printed = (Vec<u8>, Vec<u8>, Option<i32>);

/// stdout, stderr and status of `sinmun ARGS` with its own home, under
/// the locale `lang`.
fn run(home: &Path, cwd: &Path, lang: &str, args: &[&str]) -> Printed {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sinmun"));
    isolate(&mut cmd, home);
    let out = cmd
        .current_dir(cwd)
        .args(args)
        .env("LANG", lang)
        .env("TZ", "Asia/Seoul")
        .output()
        .expect("sinmun runs");
    (out.stdout, out.stderr, out.status.code())
}

fn show(o: &Printed) -> String {
    format!(
        "{}\n{}\n{:?}",
        String::from_utf8_lossy(&o.0),
        String::from_utf8_lossy(&o.1),
        o.2
    )
}

const ENGLISH: &str = "C.UTF-8";
const KOREAN: &str = "ko_KR.UTF-8";

const MODES: &[&[&str]] = &[
    &["--list"],
    &["--list", "--json"],
    &["--list", "--drafts"],
    &["--check"],
    &["--list", "--search", "제주"],
    &["--list", "--search", "ㅈㅈㅎㄱ"],
    &["--list", "--search", "제ㅈㅎㄱ 항공"],
    &["--list", "--json", "--search", "클라우드 장애"],
    &["--list", "--search", "\"제주 항공\""],
    &["--list", "--search", "#news"],
];

/// Files written by a test are trusted by the index only once their
/// stamps are two seconds old.
fn settle() {
    std::thread::sleep(std::time::Duration::from_millis(2100));
}

/// Every mode over `folder`, with and without the index, in English and
/// in Korean; under a Korean locale also from an index made under an
/// English one (problems are kept as messages, said when shown). Returns
/// whether some mode printed differently in the two languages.
fn same_with_and_without_cache(cwd: &Path, folder: &str) -> bool {
    let english_home = tempfile::tempdir().expect("home");
    let korean_home = tempfile::tempdir().expect("home");
    let mut languages_differ = false;
    for mode in MODES {
        let mut args: Vec<&str> = mode.to_vec();
        if !folder.is_empty() {
            args.push(folder);
        }
        let mut bypass = args.clone();
        bypass.push("--no-cache");
        let mut without = Vec::new();
        for (lang, home) in [(ENGLISH, &english_home), (KOREAN, &korean_home)] {
            let cold = run(home.path(), cwd, lang, &args);
            let warm = run(home.path(), cwd, lang, &args);
            let bypassed = run(home.path(), cwd, lang, &bypass);
            assert_eq!(show(&cold), show(&bypassed), "{args:?} cold, {lang}");
            assert_eq!(show(&warm), show(&bypassed), "{args:?} warm, {lang}");
            without.push(bypassed);
        }
        let korean_from_english = run(english_home.path(), cwd, KOREAN, &args);
        assert_eq!(
            show(&korean_from_english),
            show(&without[1]),
            "{args:?} under {KOREAN} from an index made under {ENGLISH}"
        );
        languages_differ |= without[0] != without[1];
    }
    if !folder.is_empty() {
        for home in [&english_home, &korean_home] {
            let cache = home.path().join("cache").join("sinmun");
            let indexes = std::fs::read_dir(&cache).map_or(0, |d| d.count());
            assert!(indexes > 0, "an index was made in {}", cache.display());
        }
    }
    languages_differ
}

#[test]
fn hostile_files_list_the_same_with_and_without_the_index() {
    let site = Site::new();
    site.write(
        "2024-07-01-esc.md",
        post("\u{1b}[31m제목\u{202e}역순", "", "본문 \u{7}"),
    );
    site.write(
        "2024-07-02-bad-utf8.html",
        b"---\ntitle: \xff\xfe\n---\n\xc3\x28 \xed\xa0\x80".as_slice(),
    );
    site.write("2024-07-03-no-front.txt", "제주항공 본문만 있는 글");
    site.write("2024-07-04-unclosed.md", "---\ntitle: 닫히지 않음\n본문");
    site.write("2024-07-05-bad-yaml.md", "---\ntitle: [\n---\n본문");
    site.write(
        "2024-07-06-binary.txt",
        [0u8, 1, 2, 3, 0, 0, 255].repeat(100),
    );
    site.write("2024-07-07-dup.md", post("중복 1", "", "제주 항공"));
    site.write("sub/2024-07-07-dup.md", post("중복 2", "", "클라우드 장애"));
    site.write("_drafts/초안.md", "---\ntitle: 초안 글\n---\n제주");
    site.write("2024-12-5일-date.md", "---\ndate: 2024-12-5일\n---\n본문");
    site.write(
        "2024-07-08-deep.md",
        format!("---\ntitle: {}{}\n---\n", "[".repeat(200), "]".repeat(200)),
    );
    site.write(
        "2024-07-09-big.md",
        format!("---\ntitle: 큰\n---\n{}", "가".repeat(6_000_000)),
    );
    site.write("notes.pdf", "not a post");
    #[cfg(unix)]
    {
        let fifo = site.path().join("2024-07-10-fifo.md");
        let _ = Command::new("mkfifo").arg(&fifo).status();
        let _ = std::os::unix::fs::symlink("/dev/null", site.path().join("2024-07-11-dev.md"));
    }
    settle();
    assert!(
        same_with_and_without_cache(&site.path(), "."),
        "the problems are said in Korean under a Korean locale"
    );
}

#[test]
fn fixtures_list_the_same_with_and_without_the_index() {
    for folder in ["broken", "site", "markdown"] {
        let dir: PathBuf = fixture(folder);
        same_with_and_without_cache(&dir, ".");
    }
}

#[test]
fn a_seed_shaped_corpus_lists_the_same_with_and_without_the_index() {
    let site = Site::new();
    corpus::write_corpus(&site.path().join("posts"), 300, 42, 3000).expect("corpus");
    settle();
    same_with_and_without_cache(&site.path(), "posts");
}

#[test]
fn the_demo_posts_list_the_same_with_and_without_the_index() {
    let empty = tempfile::tempdir().expect("folder");
    same_with_and_without_cache(empty.path(), "");
}

/// What depends on the clock or on other files is decided at each load,
/// never kept in the index: a post waiting for its date, a `post_url`
/// naming no post, an include the site lacks.
#[test]
fn a_jekyll_sites_cross_file_problems_list_the_same_with_and_without_the_index() {
    let site = Site::new();
    site.write("_config.yml", "title: 제주 소식\n");
    site.write("_includes/제목.html", "<h2>{{ include.text }}</h2>\n");
    site.write(
        "_posts/2024-07-01-제주.md",
        "---\ntitle: 제주항공 소식\ncategories: [News]\n---\n{% include 제목.html text=\"제주 항공\" %}\n\n[다음]({% post_url 2024-07-09-없음 %}) {% include 없음.html %}\n",
    );
    site.write(
        "_posts/2999-07-01-예약.md",
        "---\ntitle: 예약된 제주 소식\n---\n클라우드 장애\n",
    );
    site.write("_drafts/머리말-없음.md", "# 제주 초안\n");
    settle();
    same_with_and_without_cache(&site.path(), ".");
}
