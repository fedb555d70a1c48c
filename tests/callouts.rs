//! Callouts and what themes draw instead of text (DESIGN §6), through the
//! binary: GitHub's alerts with Obsidian's and Hugo's titles, LoveIt's
//! admonitions with their titles, the LoveIt family's icon shortcuts, and
//! goldmark's attribute lists. Each shows what a reader of the published
//! page reads, in `--dump` and in what search finds.

mod common;

use std::path::Path;

use common::Site;

/// A Hugo site whose configuration ends with `config`, holding `body` as
/// `content/posts/글.md`.
fn hugo_site(config: &str, body: &str) -> Site {
    let site = Site::new();
    site.write(
        "hugo.toml",
        format!("baseURL = 'https://blog.example.kr/'\ntitle = '기록'\n{config}"),
    );
    site.write(
        "content/posts/글.md",
        format!("---\ntitle: \"설치 기록\"\ndate: 2024-05-01\n---\n{body}"),
    );
    site
}

/// A Jekyll site holding `body` as `_posts/2024-05-01-글.md`.
fn jekyll_site(body: &str) -> Site {
    let site = Site::new();
    site.write("_config.yml", "title: 기록\n");
    site.write(
        "_posts/2024-05-01-글.md",
        format!("---\ntitle: 알림\n---\n{body}"),
    );
    site
}

/// The article `--dump` prints of `rel` under `dir`, 60 cells wide.
fn dump(dir: &Path, rel: &str) -> String {
    common::output_in(dir, &["--dump", rel, "--width", "60"])
}

/// How many posts `--list --search query` finds under `dir`.
fn found(dir: &Path, query: &str) -> usize {
    common::output_in(dir, &["--list", "--search", query, "."])
        .lines()
        .count()
}

fn assert_lines(shown: &str, lines: &[&str]) {
    for line in lines {
        assert!(shown.lines().any(|l| l == *line), "{line:?} in:\n{shown}");
    }
}

const ALERTS: &str = "\
> [!NOTE]
> 설치 전에 백업하세요.

> [!warning]- 데이터 삭제 주의
> 이 명령은 되돌릴 수 없습니다.

> [!tip] **굵은** 제목
> 본문.

> [!memo]
> 메모 종류.

> [!NOTE] 와 [링크](https://example.kr) 제목
> 링크 뒤 본문.

> 그냥 인용: [!NOTE] 가운데.
";

#[test]
fn alerts_begin_with_their_label_and_title() {
    let site = hugo_site("", ALERTS);
    let shown = dump(&site.path(), "content/posts/글.md");
    assert_lines(
        &shown,
        &[
            "> Note: 설치 전에 백업하세요.",
            "> Warning: 데이터 삭제 주의",
            "> 이 명령은 되돌릴 수 없습니다.",
            "> Tip: 굵은 제목",
            "> Memo: 메모 종류.",
            "> Note: 와 링크[1] 제목",
            "> 그냥 인용: [!NOTE] 가운데.",
        ],
    );
    assert!(!shown.contains("[!warning]"), "{shown}");
    // Search reads what the article shows.
    assert_eq!(found(&site.path(), "Warning: 데이터"), 1);
    assert_eq!(found(&site.path(), "[!warning]"), 0);
}

#[test]
fn a_jekyll_post_s_alerts_are_labelled_too() {
    let site = jekyll_site("> [!IMPORTANT]\n> 꼭 읽어 주세요.\n");
    let shown = dump(&site.path(), "_posts/2024-05-01-글.md");
    assert_lines(&shown, &["> Important: 꼭 읽어 주세요."]);
}

#[test]
fn admonitions_show_their_kind_and_title() {
    let body = "\
{{< admonition tip \"SSL 구성\" >}}
인증서를 먼저 만든다.
{{< /admonition >}}

{{< admonition >}}
종류가 없으면 참고.
{{< /admonition >}}

{{< admonition type=failure title=\"실패한 방법\" open=false >}}
이렇게 하면 안 된다.
{{< /admonition >}}

{{< admonition example >}}
예시.
{{< /admonition >}}
";
    let site = hugo_site("theme = 'LoveIt'\n", body);
    let shown = dump(&site.path(), "content/posts/글.md");
    assert_lines(
        &shown,
        &[
            "Tip: SSL 구성",
            "인증서를 먼저 만든다.",
            "Note:",
            "Failure: 실패한 방법",
            "Example:",
        ],
    );
    assert_eq!(found(&site.path(), "SSL 구성"), 1);
}

const ICONS: &str = "\
[:(far fa-file-archive fa-fw): Helm](https://helm.sh) 설치, :(fab fa-linux fa-fw): 리눅스

`:(fas fa-code):` 코드 안은 그대로.
";

#[test]
fn the_loveit_family_s_icon_shortcuts_show_nothing() {
    let site = hugo_site("theme = 'LoveIt'\n", ICONS);
    let shown = dump(&site.path(), "content/posts/글.md");
    assert_lines(
        &shown,
        &["Helm[1] 설치, 리눅스", ":(fas fa-code): 코드 안은 그대로."],
    );
    assert_eq!(found(&site.path(), "fa-linux"), 0);
    // A module path names the theme too.
    let fixit = hugo_site(
        "[module]\n[[module.imports]]\npath = 'github.com/hugo-fixit/FixIt'\n",
        ICONS,
    );
    assert_lines(
        &dump(&fixit.path(), "content/posts/글.md"),
        &["Helm[1] 설치, 리눅스"],
    );
    // Other themes show the text as written, as their pages do.
    let other = hugo_site("theme = 'PaperMod'\n", ICONS);
    let shown = dump(&other.path(), "content/posts/글.md");
    assert!(
        shown.contains(":(far fa-file-archive fa-fw): Helm"),
        "{shown}"
    );
    assert_eq!(found(&other.path(), "fa-linux"), 1);
}

const ATTRIBUTES: &str = "\
## 준비 {#ready .big}

## 띄움 { #space .c }

본문입니다.
{.lead}

> 인용.
{icon=\"email\"}
";

#[test]
fn goldmark_attribute_lists_as_the_site_reads_them() {
    // Hugo reads headings' lists unless told not to, blocks' when told.
    let site = hugo_site("", ATTRIBUTES);
    let shown = dump(&site.path(), "content/posts/글.md");
    assert_lines(&shown, &["## 준비", "## 띄움", "본문입니다. {.lead}"]);
    let blocks = hugo_site(
        "[markup.goldmark.parser.attribute]\nblock = true\n",
        ATTRIBUTES,
    );
    let shown = dump(&blocks.path(), "content/posts/글.md");
    assert_lines(&shown, &["## 준비", "본문입니다.", "> 인용."]);
    assert!(!shown.contains('{'), "{shown}");
    assert_eq!(found(&blocks.path(), "icon"), 0);
    let off = hugo_site(
        "[markup.goldmark.parser.attribute]\ntitle = false\n",
        ATTRIBUTES,
    );
    let shown = dump(&off.path(), "content/posts/글.md");
    assert_lines(&shown, &["## 준비 {#ready .big}"]);
}

#[test]
fn a_jekyll_post_keeps_goldmark_s_lists_as_text() {
    // kramdown reads `{: .lead}`, not `{.lead}`: the page shows it.
    let site = jekyll_site("본문입니다.\n{.lead}\n");
    let shown = dump(&site.path(), "_posts/2024-05-01-글.md");
    assert_lines(&shown, &["본문입니다. {.lead}"]);
}

#[test]
fn a_hugo_post_shows_liquid_as_written() {
    // Hugo runs no Liquid in a page's content; its shortcodes still show.
    let body = "앞 {% for i in (1..3) %}x{{ i }} {% endfor %} 뒤\n\n{{ site.title }}\n\n\
                {{< admonition tip \"팁\" >}}\n안쪽\n{{< /admonition >}}\n";
    let site = hugo_site("", body);
    let shown = dump(&site.path(), "content/posts/글.md");
    assert_lines(
        &shown,
        &[
            "앞 {% for i in (1..3) %}x{{ i }} {% endfor %} 뒤",
            "{{ site.title }}",
            "Tip: 팁",
        ],
    );
}
