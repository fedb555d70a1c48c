//! The structure-aware fuzz target for the input side: folders of posts
//! generated from the real front-matter keys with hostile Unicode values
//! (Hangul, digits, separators, multi-byte characters anywhere, YAML
//! specials, anchors, aliases and merge keys), HTML and Markdown bodies,
//! file names with escapes, bidi controls, Hangul and NFD, in every
//! encoding the loader reads; YAML or TOML front matter; in plain folders,
//! Jekyll `_posts` and `_drafts` folders (under category folders), page
//! bundles, beside a site's `_config.yml` or Hugo configuration. Each folder goes through the real loader,
//! `post::parse`, the search text and the renderer at several widths:
//! nothing may panic, every message and field must be safe to print, every
//! rendered line must fit its width.
//!
//! `cargo test` runs the seed corpus (every case of the hostile-input bug
//! report) and a few generated folders; `SINMUN_FUZZ_CASES=N` runs N, and
//! `SINMUN_FUZZ_SECONDS=S` stops starting new ones after S seconds (CI).

mod common;
mod hostile;

use std::time::{Duration, Instant};

use common::is_terminal_safe;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use sinmun::loader::{self, WalkOptions};
use sinmun::post::{self, Format, Keep, Post};
use sinmun::render::{self, RenderOptions};
use unicode_normalization::UnicodeNormalization;

/// A file to write: its name and its bytes.
type File = (String, Vec<u8>);

const WIDTHS: [usize; 4] = [1, 7, 40, 80];

// ---------------------------------------------------------------------
// The checks.

fn check_folder(files: &[File]) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        if std::fs::write(&path, bytes).is_ok() {
            written.push((path, bytes));
        }
    }
    let load = loader::load_with(
        &[dir.path().to_path_buf()],
        Keep::ALL,
        WalkOptions::default(),
    );
    for problem in load.all_problems() {
        let text = problem.to_string();
        assert!(is_terminal_safe(&text) && !text.contains('\n'), "{text:?}");
    }
    for p in &load.posts {
        check_post(p);
    }
    let store = sinmun::store::Store::new(load, true);
    if let Some(title) = store.site_title() {
        assert!(
            is_terminal_safe(title) && !title.contains('\n'),
            "{title:?}"
        );
    }
    for site in [store.site()].into_iter().flatten() {
        for address in [
            "/assets/x.png",
            "/../x",
            "/%2e%2e/x",
            &site.url,
            &site.baseurl,
        ] {
            if let Some(found) = site.resolve_asset(address) {
                let root = std::fs::canonicalize(&site.root).expect("site root");
                assert!(found.starts_with(root), "{found:?}");
            }
        }
    }
    for (path, bytes) in written {
        for format in [Format::Html, Format::Markdown] {
            match post::parse(&path, "id", bytes, format, Keep::ALL) {
                Ok(p) => check_post(&p),
                Err(problem) => assert!(is_terminal_safe(&problem.to_string())),
            }
        }
    }
}

fn check_post(p: &Post) {
    hostile::assert_post_is_safe(p);
    let body = p.body.as_deref().unwrap_or_default();
    assert!(p.search.is_some());
    for width in WIDTHS {
        let rendered = render::render(body, p.format, &RenderOptions::new(width));
        for line in &rendered.lines {
            let text = line.text();
            assert!(line.width() <= width, "{width}: {text:?}");
            assert!(is_terminal_safe(&text), "{text:?}");
        }
    }
}

// ---------------------------------------------------------------------
// The grammar.

/// Pieces of values: what real posts hold, and what breaks parsers.
fn atom() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "제주항공", "발권 시스템", "IT 대란", "뉴스", "속보", "2024", "07", "19", "5일", "9시",
            "-", ":", " ", "+", "T", ".", "/", ",", "~", "#", "&a", "*a", "!tag", "[", "]",
            "{", "}", "|", ">", "'", "\"", "\\", "\\\\\"", "%", "@", "`", "? ", "- ", "<<",
            "null", "true", "no", "0x1F", ".inf", "1_000", "é", "😀", "👩‍👩‍👧", "\u{301}",
            "ㅈㅈㅎㄱ", "\u{1100}\u{1161}\u{11a8}", "\u{3164}", "\u{ad}", "\u{200b}", "\u{feff}",
            "\u{2028}", "\u{2029}", "\u{202e}", "\u{9b}31m", "\u{1b}]0;pwned\u{7}", "\u{1b}[2J",
            "\u{1b}]52;c;cHduZWQ=\u{7}", "\t", "\r", "\0", "&amp;", "&#27;", "&#x202e;",
        ])
        .prop_map(str::to_string),
        1 => "\\PC{1,6}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(atom(), 0..6).prop_map(|parts| parts.concat())
}

fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2024-07-19".to_string()),
        Just("2024-07-19 10:00:00 +0900".to_string()),
        Just("2024-12-5일".to_string()),
        Just("2024-07-19 10:00 +9시".to_string()),
        Just("2024-07-19T01:30:00Z".to_string()),
        (1900..2100u32, 0..14u32, 0..33u32, text())
            .prop_map(|(y, m, d, t)| format!("{y}-{m:02}-{d}{t}")),
    ]
}

/// A value as YAML writes it: plain, quoted, listed, folded, anchored.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => text(),
        1 => date(),
        1 => text().prop_map(|t| format!("'{}'", t.replace('\'', "''"))),
        1 => text().prop_map(|t| format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\""))),
        1 => text().prop_map(|t| format!("\"{t}\"")),
        1 => prop::collection::vec(text(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
        1 => prop::collection::vec(text(), 1..4)
            .prop_map(|v| v.iter().map(|t| format!("\n  - {t}")).collect()),
        1 => prop::collection::vec(text(), 1..3)
            .prop_map(|v| v.iter().map(|t| format!("\n  {t}")).collect::<String>())
            .prop_map(|lines| format!(">{lines}")),
        1 => text().prop_map(|t| format!("&a {t}")),
        1 => Just("*a".to_string()),
        1 => Just("{<<: *a, x: 1}".to_string()),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "title",
        "categories",
        "category",
        "tags",
        "tag",
        "excerpt",
        "feature_text",
        "image",
        "date",
        "published",
        "layout",
        "draft",
        "description",
        "author",
        "제목",
        "<<",
        "x-y",
        "? complex",
    ])
    .prop_map(str::to_string)
}

fn front_matter() -> impl Strategy<Value = String> {
    prop::collection::vec((key(), value()), 0..8)
        .prop_map(|entries| entries.iter().map(|(k, v)| format!("{k}: {v}\n")).collect())
}

/// A value as TOML writes it: quoted, literal, multi-line, arrays, inline
/// tables, dates, numbers, booleans, and broken forms.
fn toml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => text().prop_map(|t| format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\""))),
        1 => text().prop_map(|t| format!("'{t}'")),
        1 => text().prop_map(|t| format!("\"\"\"\n{t}\n\"\"\"")),
        1 => text(),
        1 => date(),
        1 => prop::sample::select(vec!["true", "false", "2024", "-1.5e3", "inf", "0x1F", "[]", "{}"])
            .prop_map(str::to_string),
        1 => prop::collection::vec(text(), 0..4)
            .prop_map(|v| format!("[{}]", v.iter().map(|t| format!("{t:?}")).collect::<Vec<_>>().join(", "))),
        1 => (1..100usize).prop_map(|n| format!("{}1{}", "[".repeat(n), "]".repeat(n))),
        1 => (text(), text()).prop_map(|(a, b)| format!("{{ a = {a:?}, b = {b:?} }}")),
    ]
}

fn toml_front_matter() -> impl Strategy<Value = String> {
    let entry = prop_oneof![
        4 => (key(), toml_value()).prop_map(|(k, v)| format!("{k} = {v}\n")),
        1 => (1..90usize).prop_map(|n| format!("{} = 1\n", vec!["가"; n].join("."))),
        1 => key().prop_map(|k| format!("[{k}]\n")),
        1 => text().prop_map(|t| format!("{t}\n")),
    ];
    prop::collection::vec(entry, 0..8).prop_map(|entries| entries.concat())
}

fn html() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        2 => text(),
        1 => prop::sample::select(vec![
            "<p>", "</p>", "<h2>", "</h2>", "<b>", "</b고 ", "<a href=\"https://example.com/?a=1&amp;b\">",
            "</a>", "<img src='/assets/x.jpg' alt=\"사진\">", "<table><tr><td rowspan=2>x<td>y</table>",
            "<ul><li>", "</li></ul>", "<pre>  코드\n  줄</pre>", "<script>alert(1)</script>",
            "<span style=\"color:#ff000080\">", "</span>", "<!-- 주석 -->", "<br>", "&nbsp;",
            "<div>", "</div>", "<p a=\"x>y\">", "<", ">", "&",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..20).prop_map(|p| p.concat())
}

fn markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        2 => text(),
        1 => prop::sample::select(vec![
            "\n\n", "# ", "## ", "**", "*", "`", "```\n", "\n```\n", "- ", "1. ", "> ", "[링크](https://example.com)",
            "![그림](/x.png)", "| a | b |\n|---|---|\n| 1 | 2 |\n", "{:toc}", "{% highlight rust %}", "{% endhighlight %}",
            "[^1]", "\n[^1]: 각주\n", "**임베딩(embedding)**은", "$$x^2$$", "<b>",
            "> [!NOTE]\n> ", "> [!tip]- 제목", "[!", " {#id .c}", "\n{.lead key=\"v\"}\n", "{.",
            ":(fas fa-link):", ":(", "{{< admonition tip \"제목\" >}}", "{{< /admonition >}}",
            "{% message color:info title:\"", "{% fold info @", "{{< collapse summary=\"",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..20).prop_map(|p| p.concat())
}

/// Where a file is: a plain folder, Jekyll's `_posts` and `_drafts`
/// (under category folders), a page bundle's folder, a site's folders.
fn folder_of_file() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "",
        "",
        "_posts/",
        "_drafts/",
        "분류/하위/_posts/",
        "_posts/2024-07-19-묶음/",
        "content/posts/",
        "_site/",
        "docs/_posts/",
        "\u{1b}[31m분류/_posts/",
    ])
    .prop_map(str::to_string)
}

/// A file name: Hangul, NFD, escapes, bidi, a date prefix, an extension.
fn file_name() -> impl Strategy<Value = String> {
    let stem = prop_oneof![
        3 => prop::sample::select(vec![
            "글", "x", "2024-07-19-제주항공", "post", "2024-12-5일-오타", "2018-05-9-한-자리",
            "18-5-9-두-자리", "index", "_index",
        ])
            .prop_map(str::to_string),
        1 => text(),
    ];
    let ext = prop::sample::select(vec!["md", "html", "txt", "htm", "markdown", "MD"]);
    (stem, ext, any::<bool>()).prop_map(|(stem, ext, nfd)| {
        let stem: String = stem.chars().filter(|c| *c != '/' && *c != '\0').collect();
        let stem: String = if nfd { stem.nfd().collect() } else { stem };
        // File names are at most 255 bytes.
        let mut cut = stem.len().min(200);
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}.{ext}", &stem[..cut])
    })
}

/// How the text is stored on disk.
#[derive(Debug, Clone, Copy)]
enum Storage {
    Utf8,
    Boms(usize),
    Crlf,
    CrOnly,
    Utf16Le,
    Utf16Be,
    EucKr,
}

fn encode(text: &str, storage: Storage) -> Vec<u8> {
    match storage {
        Storage::Utf8 => text.as_bytes().to_vec(),
        Storage::Boms(n) => "\u{feff}"
            .repeat(n)
            .into_bytes()
            .into_iter()
            .chain(text.bytes())
            .collect(),
        Storage::Crlf => text.replace('\n', "\r\n").into_bytes(),
        Storage::CrOnly => text.replace('\n', "\r").into_bytes(),
        Storage::Utf16Le => [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Storage::Utf16Be => [0xfe, 0xff]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        Storage::EucKr => encoding_rs::EUC_KR.encode(text).0.into_owned(),
    }
}

fn storage() -> impl Strategy<Value = Storage> {
    prop_oneof![
        6 => Just(Storage::Utf8),
        1 => (1..4usize).prop_map(Storage::Boms),
        1 => Just(Storage::Crlf),
        1 => Just(Storage::CrOnly),
        1 => Just(Storage::Utf16Le),
        1 => Just(Storage::Utf16Be),
        1 => Just(Storage::EucKr),
    ]
}

fn post_file() -> impl Strategy<Value = File> {
    let body = prop_oneof![html(), markdown()];
    let front = prop_oneof![
        1 => Just(None),
        6 => front_matter().prop_map(|fm| Some(format!("---\n{fm}---\n"))),
        2 => toml_front_matter().prop_map(|fm| Some(format!("+++\n{fm}+++\n"))),
    ];
    (folder_of_file(), file_name(), front, body, storage()).prop_map(
        |(folder, name, fm, body, storage)| {
            let text = match fm {
                Some(fm) => format!("{fm}{body}\n"),
                None => body,
            };
            (format!("{folder}{name}"), encode(&text, storage))
        },
    )
}

/// A site's configuration: Jekyll's `_config.yml` or Hugo's `hugo.toml`,
/// with hostile values.
fn site_config() -> impl Strategy<Value = File> {
    prop_oneof![
        prop::collection::vec(
            (
                prop::sample::select(vec!["title", "url", "baseurl", "exclude", "<<"]),
                value()
            ),
            0..5
        )
        .prop_map(|entries| {
            let yaml: String = entries.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
            ("_config.yml".to_string(), yaml.into_bytes())
        }),
        toml_front_matter().prop_map(|t| ("hugo.toml".to_string(), t.into_bytes())),
        // A LoveIt-family site that reads goldmark's lists after blocks.
        toml_front_matter().prop_map(|t| {
            let config = format!(
                "theme = 'LoveIt'\n{t}\n[markup.goldmark.parser.attribute]\nblock = true\n"
            );
            ("hugo.toml".to_string(), config.into_bytes())
        }),
    ]
}

fn folder() -> impl Strategy<Value = Vec<File>> {
    (
        prop::collection::vec(post_file(), 1..4),
        prop::option::of(site_config()),
    )
        .prop_map(|(mut files, config)| {
            files.extend(config);
            files
        })
}

// ---------------------------------------------------------------------
// The seed corpus: every input-side case of the hostile-input report.

fn seed_corpus() -> Vec<Vec<File>> {
    let fm = |extra: &str, body: &str| {
        format!("---\ntitle: 제목\ncategories: [뉴스]\n{extra}---\n{body}\n")
    };
    let one = |name: &str, text: String| vec![(name.to_string(), text.into_bytes())];
    let alias_bomb = format!(
        "---\ntitle: 폭탄\n{}---\n<p>본문</p>\n",
        hostile::alias_bomb(60, 40)
    );
    let hostile_name = "\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}]2;pwned\u{7}x";
    let euc_kr = encoding_rs::EUC_KR
        .encode(&fm("", "<p>옛날 사이트의 글 똠방각하 햏</p>"))
        .0
        .into_owned();
    vec![
        // Terminal takeover through file names; two posts with one id.
        vec![
            (format!("{hostile_name}.md"), fm("", "본문").into_bytes()),
            (
                format!("{hostile_name}.html"),
                fm("", "<p>본문</p>").into_bytes(),
            ),
        ],
        vec![
            (
                "\u{9b}31m\u{202e}x.md".to_string(),
                fm("", "본문").into_bytes(),
            ),
            (
                "\u{9b}31m\u{202e}x.html".to_string(),
                fm("", "<p>본문</p>").into_bytes(),
            ),
        ],
        // Date typos.
        one("day.txt", fm("date: 2024-12-5일\n", "<p>x</p>")),
        one("zone.txt", fm("date: 2024-07-19 10:00 +9시\n", "<p>x</p>")),
        // Alias bomb; escaped backslash before deep nesting.
        one("bomb.txt", alias_bomb),
        one(
            "deep.txt",
            fm(
                &format!(
                    "x: [\"a\\\\\", {}1{}]\n",
                    "[".repeat(5000),
                    "]".repeat(5000)
                ),
                "<p>x</p>",
            ),
        ),
        // Encodings, NULs, line ends, BOMs, merge keys.
        vec![("nul.txt".to_string(), fm("", "<p>a\0b</p>").into_bytes())],
        vec![(
            "le.txt".to_string(),
            encode(&fm("", "<p>메모장</p>"), Storage::Utf16Le),
        )],
        vec![(
            "be.txt".to_string(),
            encode(&fm("", "<p>메모장</p>"), Storage::Utf16Be),
        )],
        vec![("euc-kr.html".to_string(), euc_kr)],
        vec![(
            "mac.txt".to_string(),
            encode(&fm("", "<p>x</p>"), Storage::CrOnly),
        )],
        vec![(
            "boms.txt".to_string(),
            encode(&fm("", "<p>x</p>"), Storage::Boms(2)),
        )],
        one(
            "merge.txt",
            fm("base: &base\n  layout: post\n<<: *base\n", "<p>x</p>"),
        ),
        vec![(
            "image.txt".to_string(),
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0".to_vec(),
        )],
        // Sanitising: a whole escape sequence, invisible characters.
        one(
            "osc.txt",
            fm(
                "excerpt: \"\\e]0;pwned\\a제목\"\n",
                "<p>\u{1b}]0;pwned\u{7}제목</p>",
            ),
        ),
        one(
            "invisible.md",
            fm(
                "feature_text: \"a\\u2028b\\u2029c\\u200bd\\ufeffe\\u00adf\\u3164g\"\n",
                "a\u{2028}b\u{2029}c\u{200b}d\u{feff}e\u{ad}f\u{3164}g",
            ),
        ),
        // Markup that loses text in a browser; many links; deep nesting.
        one(
            "broken.html",
            fm("", "<p><b>무관하다</b고 강조한 바 있습니다.</p>"),
        ),
        one(
            "links.html",
            fm(
                "",
                &"<a href=\"https://example.com/\">링크</a> ".repeat(1000),
            ),
        ),
        one("paragraphs.html", fm("", &"<p>a</p>".repeat(3000))),
        one(
            "nested.html",
            fm(
                "",
                &format!("{}깊다{}", "<div>".repeat(2000), "</div>".repeat(2000)),
            ),
        ),
        one(
            "table.html",
            fm(
                "",
                "<table><td rowspan=\"2\">x<td>y<td colspan=\"2\" rowspan=\"2\">z</table>",
            ),
        ),
        // Jekyll and Hugo folders: a site whose title holds an escape,
        // undated files in `_posts`, a draft, a bundle, TOML bombs.
        vec![
            (
                "_config.yml".to_string(),
                b"title: \"\\e]0;pwned\\a\xea\xb3\xb0\"\nurl: /\nbaseurl: ..\nexclude: [\"[\"]\n"
                    .to_vec(),
            ),
            ("_posts/figure.html".to_string(), b"<img src=x>".to_vec()),
            (
                "_posts/2018-05-9-x.md".to_string(),
                fm("", "본문").into_bytes(),
            ),
            (
                "a/_drafts/b.md".to_string(),
                b"+++\ndraft = true\n+++\n".to_vec(),
            ),
            ("_posts/c/index.md".to_string(), b"# \x1b[2J\n".to_vec()),
        ],
        vec![
            (
                "hugo.toml".to_string(),
                format!("title = {}1{}\n", "[".repeat(200), "]".repeat(200)).into_bytes(),
            ),
            (
                "content/posts/x.md".to_string(),
                format!(
                    "+++\n{} = 1\nx = {}1{}\n+++\n",
                    vec!["a"; 200].join("."),
                    "{a = ".repeat(300),
                    "}".repeat(300)
                )
                .into_bytes(),
            ),
            ("content/_index.md".to_string(), b"+++\n+++\n".to_vec()),
        ],
    ]
}

#[test]
fn the_seed_corpus_never_breaks_the_loader_or_the_renderer() {
    for files in seed_corpus() {
        check_folder(&files);
    }
}

#[test]
fn generated_folders_never_break_the_loader_or_the_renderer() {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let total = env("SINMUN_FUZZ_CASES").unwrap_or(16);
    let deadline = env("SINMUN_FUZZ_SECONDS").map(|s| Instant::now() + Duration::from_secs(s));
    let mut done = 0;
    // In batches, so that a time limit can stop between them.
    while done < total && deadline.is_none_or(|d| Instant::now() < d) {
        let batch = (total - done).min(32);
        let mut runner = TestRunner::new(Config {
            cases: batch as u32,
            failure_persistence: None,
            ..Config::default()
        });
        let result = runner.run(&folder(), |files| {
            check_folder(&files);
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
        done += batch;
    }
    if std::env::var_os("SINMUN_FUZZ_CASES").is_some() {
        eprintln!("fuzz: {done} generated folders");
    }
}
