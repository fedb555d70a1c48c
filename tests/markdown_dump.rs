//! Golden `--dump` articles of Markdown posts written the way Korean
//! Jekyll and Hugo blogs write them, through the real binary with a home of its own
//! (no user config or theme can change the output), at widths 80 and 40.

mod common;

const POSTS: &[(&str, &str)] = &[
    (
        "embedding",
        "tests/fixtures/markdown/2023-03-14-word-embedding.md",
    ),
    (
        "jekyll_setup",
        "tests/fixtures/markdown/2021-08-02-jekyll-blog-setup.md",
    ),
    (
        "cheatsheet",
        "tests/fixtures/markdown/2022-11-05-markdown-cheatsheet.md",
    ),
    (
        "hugo_shortcodes",
        "tests/fixtures/markdown/hugo/2024-05-01-shortcodes.md",
    ),
];

fn dump(path: &str, width: &str) -> String {
    let home = tempfile::tempdir().expect("temporary home");
    let out = common::command_in(home.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--dump", path, "--width", width, "--color", "never"])
        .output()
        .expect("run sinmun");
    assert_eq!(out.status.code(), Some(0), "{path}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn golden_markdown_posts_at_widths_80_and_40() {
    for (name, path) in POSTS {
        for width in ["80", "40"] {
            let text = dump(path, width);
            let max: usize = width.parse().unwrap_or(80);
            for line in text.lines() {
                assert!(sinmun::text::width(line) <= max, "{name} {width}: {line:?}");
            }
            // At 80 cells no code line of the fixtures wraps. (`~~` is not
            // looked for: without colour the renderer marks struck text so.)
            for syntax in ["{:", "{%", "**", "{#"].iter().filter(|_| max == 80) {
                let outside_code = text
                    .lines()
                    .filter(|l| !l.contains(syntax) || !is_shown_code(l))
                    .any(|l| l.contains(syntax));
                assert!(!outside_code, "{syntax:?} in {name} at {width}:\n{text}");
            }
            insta::assert_snapshot!(format!("{name}_width_{width}"), text);
        }
    }
}

/// Lines of the fixtures' code samples, where Liquid and kramdown are the
/// subject and shown as written.
fn is_shown_code(line: &str) -> bool {
    [
        "{% for",
        "{% endfor",
        "{% if page.comments",
        "{{ site.url }}",
        "{{ content }}",
        "{{< youtube",
    ]
    .iter()
    .any(|c| line.contains(c))
}

/// `--dump` of `body` saved as the Markdown post `rel` of a folder of its
/// own (its other `files` beside it), at `width`, without colour.
fn dump_post(rel: &str, body: &str, files: &[(&str, &str)], width: &str) -> String {
    let site = common::Site::new();
    for (path, text) in files {
        site.write(path, text);
    }
    let path = site.write(rel, format!("---\ntitle: 시험\n---\n{body}"));
    let path = path.to_string_lossy().into_owned();
    let out = common::command()
        .args(["--dump", &path, "--width", width, "--color", "never"])
        .output()
        .expect("run sinmun");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The article's body: what follows the title, the meta line and the
/// blank line after them.
fn body_of(dump: &str) -> Vec<&str> {
    dump.lines().skip(3).collect()
}

#[test]
fn tab_indented_markdown_nests_as_kramdown_reads_it() {
    let body = "- 항목\n\t- 하위 항목\n\n1. 단계\n\n\t**굵게** 설명과 [주소](https://example.com)\n\n\t```\n\tfor\tx\n\t```\n";
    let shown = dump_post("2024-01-02-tabs.md", body, &[], "60");
    assert!(!shown.contains('\t'), "{shown}");
    let lines = body_of(&shown);
    let sub = lines.iter().position(|l| l.contains("하위 항목"));
    let top = lines.iter().position(|l| l.contains("- 항목"));
    assert!(sub.is_some() && top.is_some() && sub != top, "{shown}");
    for syntax in ["**", "```", "]("] {
        assert!(!shown.contains(syntax), "{syntax:?} shown:\n{shown}");
    }
    assert!(shown.contains("굵게 설명과 주소[1]"), "{shown}");
    // The tab inside the code stops at column 8 of the code's own line.
    assert!(lines.iter().any(|l| l.ends_with("│ for     x")), "{shown}");
}

#[test]
fn backslashes_are_read_as_the_sites_generator_reads_them() {
    let body = "할인 50\\%, 띄어 a\\,b\n";
    let jekyll = dump_post(
        "_posts/2024-01-02-a.md",
        body,
        &[("_config.yml", "title: 블로그\n")],
        "60",
    );
    assert!(jekyll.contains("할인 50\\%, 띄어 a\\,b"), "{jekyll}");
    let loose = dump_post("2024-01-02-a.md", body, &[], "60");
    assert!(loose.contains("할인 50\\%, 띄어 a\\,b"), "{loose}");
    let hugo_config = [("hugo.toml", "title = \"블로그\"\n")];
    let hugo = dump_post("content/posts/a.md", body, &hugo_config, "60");
    assert!(hugo.contains("할인 50%, 띄어 a,b"), "{hugo}");
}

#[test]
fn hangul_in_addresses_shows_as_a_browsers_address_bar_shows_it() {
    let body = "[선언형](https://ko.wikipedia.org/wiki/선언형_프로그래밍), \
                [인코딩](https://ko.wikipedia.org/wiki/%ED%95%9C%EA%B8%80), \
                [공백](https://example.com/a%20b%2Fc), \
                [뒤집기](https://example.com/%E2%80%AEgpj.exe), \
                [반쪽](https://example.com/%ED%95)\n\n![시베](시베.jpg)\n";
    let shown = dump_post("2024-01-02-a.md", body, &[], "100");
    for line in [
        "[1] https://ko.wikipedia.org/wiki/선언형_프로그래밍",
        "[2] https://ko.wikipedia.org/wiki/한글",
        "[3] https://example.com/a%20b%2Fc",
        "[4] https://example.com/%E2%80%AEgpj.exe",
        "[5] https://example.com/%ED%95",
        "[image: 시베] 시베.jpg (not found)",
    ] {
        assert!(
            shown.lines().any(|l| l == line),
            "{line:?} not in:\n{shown}"
        );
    }
}
