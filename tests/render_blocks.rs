//! The blocks sinmun lays out itself (DESIGN §6): code never reflowed and
//! highlighted, tables laid out like a browser's, footnotes in a notes
//! section; every style visible without colour; one blank line between
//! blocks.

use sinmun::post::Format;
use sinmun::render::highlight::Token;
use sinmun::render::{Flags, Line, RenderOptions, Rendered, SpanStyle, render};
use sinmun::theme::{ColorDepth, Theme};

fn html(body: &str, w: usize) -> Rendered {
    render(body, Format::Html, &RenderOptions::new(w))
}

fn lines(r: &Rendered) -> Vec<String> {
    r.lines.iter().map(Line::text).collect()
}

fn text(r: &Rendered) -> String {
    lines(r).join("\n")
}

/// The style of the first span holding `word`.
fn style_of(r: &Rendered, word: &str) -> SpanStyle {
    r.lines
        .iter()
        .flat_map(|l| &l.spans)
        .find(|s| s.text.contains(word))
        .unwrap_or_else(|| panic!("{word:?} in {}", text(r)))
        .style
}

const CODE: &str = "<pre><code class=\"language-kotlin\">class Job {\n    override fun processElement(value: String, ctx: Context, out: Collector&lt;String&gt;) {\n            out.collect(value)   // 그대로 내보낸다\n    }\n}\n</code></pre>";

#[test]
fn code_keeps_its_lines_and_spaces_and_cuts_long_lines_with_a_mark() {
    let r = html(CODE, 40);
    let got = lines(&r);
    assert_eq!(got[0], "│ class Job {");
    assert!(
        got[1].starts_with("│     override fun processElement("),
        "{got:?}"
    );
    assert!(
        got[2].starts_with("│     ↪"),
        "a following piece starts with the indentation and the mark: {got:?}"
    );
    assert!(
        got.iter()
            .any(|l| l.starts_with("│             out.collect(value)   //")),
        "runs of spaces kept: {got:?}"
    );
    assert!(r.lines.iter().all(|l| l.width() <= 40));
    // Put back together, the pieces are the code.
    let mut joined = String::new();
    for l in &got {
        let l = l.strip_prefix("│ ").unwrap_or(l);
        match l.trim_start().strip_prefix('↪') {
            Some(rest) => joined.push_str(rest),
            None => {
                joined.push('\n');
                joined.push_str(l);
            }
        }
    }
    assert!(joined.contains(
        "    override fun processElement(value: String, ctx: Context, out: Collector<String>) {"
    ));
    assert!(style_of(&r, "class").flags.contains(Flags::PRE));
}

#[test]
fn inline_code_keeps_its_spaces() {
    let r = html("<p>명령은 <code>ls  -l   /tmp</code> 입니다</p>", 60);
    assert_eq!(text(&r), "명령은 ls  -l   /tmp 입니다");
    assert!(style_of(&r, "ls").flags.contains(Flags::CODE));
}

#[test]
fn the_language_comes_from_every_shape_posts_use() {
    let shapes = [
        "<pre><code class=\"language-rust\">fn main() {}</code></pre>",
        "<pre class=\"highlight-rust\">fn main() {}</pre>",
        "<pre lang=\"rust\">fn main() {}</pre>",
        "<figure class=\"highlight\"><pre><code class=\"language-rust\" data-lang=\"rust\">fn main() {}</code></pre></figure>",
        "<div class=\"language-rust highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>fn main() {}</code></pre></div></div>",
        // Tistory's editor, and SyntaxHighlighter in older Tistory posts.
        "<pre id=\"code_1\" class=\"rust\" data-ke-language=\"rust\" data-ke-type=\"codeblock\"><code>fn main() {}</code></pre>",
        "<pre class=\"brush: rust; gutter: false\">fn main() {}</pre>",
        "<pre class=\"brush:rust\">fn main() {}</pre>",
    ];
    for shape in shapes {
        let r = html(shape, 40);
        assert_eq!(
            style_of(&r, "fn").token,
            Some(Token::Storage),
            "{shape}: {:?}",
            r.lines
        );
    }
    for plain in [
        "<pre>fn main() {}</pre>",
        "<pre><code class=\"language-없는언어\">fn main() {}</code></pre>",
    ] {
        let r = html(plain, 40);
        assert!(
            r.lines
                .iter()
                .flat_map(|l| &l.spans)
                .all(|s| s.style.token.is_none()),
            "{plain}"
        );
    }
}

#[test]
fn themes_colour_code_except_mono_and_colour_off() {
    let keyword = SpanStyle {
        token: Some(Token::Keyword),
        ..SpanStyle::of(Flags::PRE)
    };
    let comment = SpanStyle {
        token: Some(Token::Comment),
        ..SpanStyle::of(Flags::PRE)
    };
    let plain = SpanStyle::of(Flags::PRE);
    for name in ["dark", "light", "solarized-dark", "high-contrast"] {
        let theme = Theme::builtin(name).unwrap();
        assert_ne!(theme.span(&keyword).fg, theme.span(&comment).fg, "{name}");
        let off = theme.with_depth(ColorDepth::None);
        assert_eq!(
            off.span(&keyword),
            off.span(&plain),
            "{name} without colour"
        );
    }
    let mono = Theme::builtin("mono").unwrap();
    assert_eq!(mono.span(&keyword), mono.span(&plain));
}

const TABLE: &str = "<table><thead><tr><th>구분</th><th>설명</th></tr></thead><tbody>\
<tr><td>sequenceName</td><td>시퀀스 생성기가 쓸 데이터베이스 시퀀스의 이름을 정합니다</td></tr>\
<tr><td>hibernate_sequence</td><td>이름을 정하지 않으면 기본으로 쓰는 시퀀스</td></tr>\
</tbody></table>";

#[test]
fn a_narrow_column_is_never_broken_while_another_has_room() {
    let r = html(TABLE, 60);
    let t = text(&r);
    assert!(t.contains(" sequenceName "), "{t}");
    assert!(t.contains(" hibernate_sequence "), "{t}");
    assert!(r.lines.iter().all(|l| l.width() <= 60), "{t}");
    let rule = &r.lines[1];
    assert!(
        rule.text().starts_with("────") && rule.text().contains('┼'),
        "a rule under the header: {t}"
    );
    assert!(style_of(&r, "구분").flags.contains(Flags::STRONG));
    assert!(!style_of(&r, "sequenceName").flags.contains(Flags::STRONG));
}

#[test]
fn a_table_too_wide_for_its_words_becomes_header_value_blocks() {
    let r = html(TABLE, 24);
    let got = lines(&r);
    assert_eq!(got[0], "구분: sequenceName");
    assert!(got[1].starts_with("설명: 시퀀스"), "{got:?}");
    assert!(
        got[2].starts_with("      "),
        "hanging under the value: {got:?}"
    );
    assert!(got.contains(&String::new()), "a blank line between rows");
    assert!(got.contains(&"구분: hibernate_sequence".to_string()));
    assert!(r.lines.iter().all(|l| l.width() <= 24));
}

#[test]
fn spans_breaks_and_alignment() {
    let body = "<table><tr><th>지역</th><th align=\"right\">강수량</th><th style=\"text-align: center\">비고</th></tr>\
<tr><td rowspan=\"2\">제주</td><td align=\"right\">120mm</td><td style=\"text-align: center\">산지<br>해안</td></tr>\
<tr><td align=\"right\">5mm</td><td>맑음</td></tr>\
<tr><td colspan=\"3\">전 지역 강풍 주의</td></tr></table>";
    let r = html(body, 60);
    let got = lines(&r);
    assert_eq!(got[0], " 지역 │ 강수량 │ 비고");
    assert_eq!(got[2], " 제주 │  120mm │ 산지", "{got:?}");
    assert_eq!(got[3], "      │        │ 해안", "{got:?}");
    assert!(
        got[4].starts_with("      ├"),
        "the rule does not cross the row span: {got:?}"
    );
    assert_eq!(got[5], "      │    5mm │ 맑음", "{got:?}");
    assert_eq!(got[7], " 전 지역 강풍 주의", "{got:?}");
}

#[test]
fn every_style_is_visible_without_colour() {
    let body = "<h2>소제목</h2><p>자동링크되<del>면안된</del>어야 <u>밑줄</u> <mark>형광펜</mark> <span style=\"background-color: #fff3b0\">배경</span></p><blockquote><p>인용문</p></blockquote><ul><li>목록</li></ul>";
    let off = RenderOptions {
        inline_colors: false,
        ..RenderOptions::new(60)
    };
    let r = render(body, Format::Html, &off);
    let got = lines(&r);
    assert_eq!(got[0], "## 소제목");
    assert!(got[2].starts_with("자동링크되~~면안된~~어야"), "{got:?}");
    assert!(style_of(&r, "밑줄").flags.contains(Flags::UNDERLINE));
    assert!(style_of(&r, "형광펜").flags.contains(Flags::MARK));
    assert!(
        style_of(&r, "배경").flags.contains(Flags::MARK),
        "a highlighter background shows as a mark when colours are off"
    );
    assert_eq!(&got[3..], ["", "> 인용문", "", "- 목록"]);
    let mono = Theme::builtin("mono").unwrap();
    let mark = mono.span(&style_of(&r, "형광펜"));
    assert!(
        mark.add_modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
}

#[test]
fn one_blank_line_between_blocks_of_every_kind() {
    let body = "<p>문단</p><ul><li>가</li></ul><blockquote>인용</blockquote><ol><li>나</li></ol><hr><pre>코드</pre><table><tr><td>표</td></tr></table><h3>제목</h3><ul><li>다<ul><li>라</li></ul></li></ul><p>끝</p>";
    let r = html(body, 30);
    let got = lines(&r);
    let rule = "─".repeat(30);
    assert_eq!(
        got,
        [
            "문단",
            "",
            "- 가",
            "",
            "> 인용",
            "",
            "1. 나",
            "",
            &rule,
            "",
            "│ 코드",
            "",
            " 표",
            "",
            "### 제목",
            "",
            "- 다",
            "  - 라",
            "",
            "끝"
        ],
    );
}

#[test]
fn comrak_footnotes() {
    let body = "<p>추천 시스템<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup>을 <a href=\"https://example.com/a\">소개</a>합니다.</p>\n<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-1\">\n<p>협업 필터링을 말합니다. <a href=\"https://example.com/b\">논문</a> <a href=\"#fnref-1\" class=\"footnote-backref\" data-footnote-backref data-footnote-backref-idx=\"1\" aria-label=\"Back to reference 1\">↩</a></p>\n</li>\n</ol>\n</section>";
    let r = html(body, 60);
    let got = lines(&r);
    assert_eq!(got[0], "추천 시스템[^1]을 소개[1]합니다.");
    assert_eq!(got[2], "────────");
    assert_eq!(got[3], "[^1] 협업 필터링을 말합니다. 논문[2]");
    assert_eq!(r.links, ["https://example.com/a", "https://example.com/b"]);
    assert!(!text(&r).contains('↩'));
}

#[test]
fn kramdown_footnotes() {
    let body = "<p>임베딩<sup id=\"fnref:1\" role=\"doc-noteref\"><a href=\"#fn:1\" class=\"footnote\" rel=\"footnote\">1</a></sup>은 벡터다.</p>\n<div class=\"footnotes\" role=\"doc-endnotes\">\n  <ol>\n    <li id=\"fn:1\" role=\"doc-endnote\">\n      <p>단어를 실수 벡터로 나타낸 것. <a href=\"#fnref:1\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;</a></p>\n    </li>\n    <li id=\"fn:2\" role=\"doc-endnote\">\n      <p>둘째 각주는 여러 줄에 걸쳐 길게 이어지는 설명입니다. <a href=\"#fnref:2\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;</a></p>\n    </li>\n  </ol>\n</div>";
    let r = html(body, 30);
    let got = lines(&r);
    assert_eq!(got[0], "임베딩[^1]은 벡터다.");
    assert_eq!(got[3..5], ["[^1] 단어를 실수 벡터로 나타낸", "     것."]);
    let second = got.iter().position(|l| l.starts_with("[^2] ")).unwrap();
    assert!(got[second + 1].starts_with("     "), "hanging: {got:?}");
    assert!(r.links.is_empty(), "{:?}", r.links);
    assert!(!text(&r).contains('↩'));
}

#[test]
fn pulldown_footnotes_and_same_page_anchors() {
    let body = "<p>본문<sup class=\"footnote-reference\"><a href=\"#note\">1</a></sup> <a href=\"#top\">맨 위로</a></p>\n<div class=\"footnote-definition\" id=\"note\"><sup class=\"footnote-definition-label\">1</sup>\n<p>각주 내용</p>\n</div>";
    let r = html(body, 40);
    assert_eq!(
        lines(&r),
        ["본문[^1] 맨 위로", "", "────────", "[^1] 각주 내용"]
    );
    assert!(r.links.is_empty(), "same-page anchors are not listed");
}

#[test]
fn control_characters_written_as_references_never_leave_a_block() {
    let body = "<table><tr><td>표&#x202e;&#x1b;[31m</td></tr></table>\
        <pre>코드&#x202e;&#27;]0;x&#7;</pre>\
        <p>본문<sup id=\"fnref:1\"><a href=\"#fn:1\">1</a></sup></p>\
        <div class=\"footnotes\"><ol><li id=\"fn:1\">각주&#x202e;&#x9b;</li></ol></div>";
    let r = html(body, 40);
    let t = text(&r);
    for word in ["표", "코드", "각주"] {
        assert!(t.contains(word), "{t}");
    }
    assert!(!t.chars().any(sinmun::text::is_forbidden), "{t:?}");
}

/// `<table>` named in a sentence outside code (kramdown passes it on as
/// HTML) opens no table: a browser moves what follows out of it, so the
/// rest of the article keeps its headings, code and lists.
#[test]
fn a_table_tag_in_a_sentence_leaves_the_rest_of_the_article_as_it_is() {
    let body = "템플릿 안에 <table> 태그를 직접 쓰지 않아도 된다.\n\n## 반복문\n\n```html\n<tr th:each=\"글 : ${목록}\">\n```\n\n- 첫째\n- 둘째\n";
    let r = render(body, Format::Markdown, &RenderOptions::new(40));
    let got = lines(&r);
    // The tag ends the paragraph, as in a browser; no word is lost.
    assert_eq!(got[0], "템플릿 안에");
    assert!(
        got.contains(&"태그를 직접 쓰지 않아도 된다.".to_string()),
        "{got:?}"
    );
    assert!(got.contains(&"## 반복문".to_string()), "{got:?}");
    assert!(
        got.iter().any(|l| l.starts_with("│ <tr th:each")),
        "{got:?}"
    );
    assert!(got.contains(&"- 둘째".to_string()), "{got:?}");
    // A real table, even with text before its first row, is still one.
    let r = html(
        "<table><caption>표</caption><tr><td>가</td><td>나</td></tr></table>",
        40,
    );
    assert!(text(&r).contains("가 │ 나"), "{}", text(&r));
}

/// What a browser moves out of a table that has rows (text, a line break,
/// an anchor before the first row) leaves the table a table.
#[test]
fn a_table_with_stray_text_before_its_rows_is_still_a_table() {
    for html_in in [
        "<table>\n설명\n<tr><td>가</td><td>나</td></tr><tr><td>다</td><td>라</td></tr>\n</table>",
        "<table><a id=\"표\"></a><tr><td>가</td><td>나</td></tr></table>",
        "<table><br><tr><td>가</td><td>나</td></tr></table>",
        "<table><form><tr><td>가</td><td>나</td></tr></form></table>",
        "<TABLE><TBODY><TR><TD>가</TD><TD>나</TD></TR></TBODY></TABLE>",
    ] {
        let r = html(html_in, 40);
        let got = text(&r);
        assert!(got.contains("│ 나"), "{html_in}\n{got}");
        assert!(!got.contains("가나"), "{html_in}\n{got}");
    }
    // Nested: the inner table has no row, the outer one has.
    let r = html(
        "<table><tr><td>바깥 <table>안</table></td><td>칸</td></tr></table>",
        40,
    );
    assert!(text(&r).contains('│'), "{}", text(&r));
}

#[test]
fn tabs_in_code_stop_every_8_cells_of_the_code_line() {
    let r = html("<pre>가&#9;b\n&#9;c</pre>", 40);
    assert_eq!(lines(&r), ["│ 가      b", "│         c"]);
    let r = html(
        "<table><tr><td>칸</td><td><pre>x&#9;y</pre></td></tr></table>",
        40,
    );
    assert!(!text(&r).contains('\t'), "{}", text(&r));
}
