//! Rendering rules (DESIGN §6), each on an input written for it.

mod common;

use common::rendered_text as text;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use sinmun::post::Format;
use sinmun::render::article::is_openable;
use sinmun::render::{Flags, Line, RenderOptions, Rendered, Rgb, guard, render};
use sinmun::text::width;

fn html(body: &str, w: usize) -> Rendered {
    render(body, Format::Html, &RenderOptions::new(w))
}

/// Every non-space character of `want` appears in `got` at least as often.
fn keeps_all(want: &str, got: &str) -> bool {
    let mut counts = std::collections::HashMap::new();
    for c in got.chars().filter(|c| !c.is_whitespace()) {
        *counts.entry(c).or_insert(0i64) += 1;
    }
    want.chars().filter(|c| !c.is_whitespace()).all(|c| {
        let n = counts.entry(c).or_insert(0);
        *n -= 1;
        *n >= 0
    })
}

fn fits(r: &Rendered, w: usize) -> bool {
    r.lines.iter().all(|l| l.width() <= w)
}

#[test]
fn eight_digit_colours_blend_over_the_paper() {
    let body = "<p><span style=\"background-color: #21538527;\">반투명</span></p>";
    let on_white = render(
        body,
        Format::Html,
        &RenderOptions {
            paper: Rgb(255, 255, 255),
            ..RenderOptions::new(40)
        },
    );
    let span = &on_white.lines[0].spans[0];
    assert_eq!(span.text, "반투명");
    assert_eq!(span.style.bg, Some(Rgb(0xdd, 0xe5, 0xec)));
    let on_black = render(
        body,
        Format::Html,
        &RenderOptions {
            paper: Rgb(0, 0, 0),
            ..RenderOptions::new(40)
        },
    );
    assert_eq!(
        on_black.lines[0].spans[0].style.bg,
        Some(Rgb(0x05, 0x0d, 0x14))
    );
}

#[test]
fn colour_forms_and_bad_values() {
    let body = "<p><span style=\"color: crimson\">이름</span> <span style=\"color:#c00\">짧은</span> <span style=\"color: #1a5490\">긴</span> <span style=\"color: 없는색\">나쁜</span> <span style=\"color: #12\">짧음</span></p>";
    let white = RenderOptions {
        paper: Rgb(255, 255, 255),
        ..RenderOptions::new(60)
    };
    let r = render(body, Format::Html, &white);
    let fg = |word: &str| {
        r.lines[0]
            .spans
            .iter()
            .find(|s| s.text == word)
            .and_then(|s| s.style.fg)
    };
    assert_eq!(fg("이름"), Some(Rgb(0xdc, 0x14, 0x3c)));
    assert_eq!(fg("짧은"), Some(Rgb(0xcc, 0, 0)));
    assert_eq!(fg("긴"), Some(Rgb(0x1a, 0x54, 0x90)));
    assert!(text(&r).contains("나쁜") && text(&r).contains("짧음"));
    assert!(
        r.lines[0]
            .spans
            .iter()
            .all(|s| s.style.fg.is_none() || !s.text.contains("나쁜"))
    );
    let plain = render(
        body,
        Format::Html,
        &RenderOptions {
            inline_colors: false,
            ..RenderOptions::new(60)
        },
    );
    assert!(plain.lines[0].spans.iter().all(|s| s.style.fg.is_none()));
}

#[test]
fn post_colours_stay_readable_on_a_dark_page() {
    let body = "<p><span style=\"color: #1a5490\">어두운 파랑</span> <span style=\"background-color: #fff3b0\">형광펜</span> <span style=\"color:#ee2323\">빨강</span></p>";
    let dark = Rgb(0x10, 0x10, 0x10);
    let r = render(
        body,
        Format::Html,
        &RenderOptions {
            paper: dark,
            ..RenderOptions::new(60)
        },
    );
    let style = |word: &str| {
        r.lines[0]
            .spans
            .iter()
            .find(|s| s.text == word)
            .map(|s| s.style)
            .unwrap()
    };
    let blue = style("어두운 파랑").fg.unwrap();
    assert!(
        blue.contrast(dark) >= 3.0 && blue.2 > blue.0,
        "lifted, still blue: {blue:?}"
    );
    let marker = style("형광펜");
    assert_eq!(marker.bg, Some(Rgb(0xff, 0xf3, 0xb0)));
    assert_eq!(
        marker.fg,
        Some(Rgb(0, 0, 0)),
        "dark text on the highlighter, not the theme's light text"
    );
    assert_eq!(
        style("빨강").fg,
        Some(Rgb(0xee, 0x23, 0x23)),
        "readable colours are kept"
    );
}

#[test]
fn an_end_tag_without_its_bracket_loses_no_words() {
    let body = "<p>그는 <b><span style=\"color: #ee2323;\">사이버 공격과는 무관하다</span></b고 강조한 바 있습니다. 이러한 발표는</p><p>다음 문단</p>";
    let r = html(body, 80);
    let t = text(&r);
    assert!(
        t.contains("무관하다고 강조한 바 있습니다. 이러한 발표는"),
        "{t}"
    );
    let after = r.lines[0]
        .spans
        .iter()
        .find(|s| s.text.contains("강조한"))
        .expect("the words after the tag");
    assert!(
        !after.style.flags.contains(Flags::STRONG),
        "the bold ends where the tag was"
    );
}

#[test]
fn too_narrow_layouts_fall_back_and_keep_the_text() {
    let lists =
        "<ul><li>하나<ul><li>둘<ul><li>셋 넷<ul><li>다섯</li></ul></li></ul></li></ul></li></ul>";
    let tables = "<table><tr><td><table><tr><td>안쪽 표 셀</td><td>둘째</td></tr></table></td><td>바깥</td></tr></table>";
    for body in [lists, tables] {
        for w in 1..=12 {
            let r = html(body, w);
            assert!(fits(&r, w), "{w}: {:?}", r.lines);
            if w >= 2 {
                assert!(
                    keeps_all(&sinmun::html_text::visible_text(body), &text(&r)),
                    "{w}: {}",
                    text(&r)
                );
            }
        }
    }
}

#[test]
fn the_rowspan_colspan_panic_is_contained_silently() {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&calls);
    guard::set_loud_hook(Box::new(move |_| {
        seen.fetch_add(1, Ordering::SeqCst);
    }));
    let body = "<p>앞 문단</p><table><td rowspan=\"2\">x<td>y<td colspan=\"2\" rowspan=\"2\">z</table><p>뒤 문단</p>";
    let r = html(body, 40);
    let t = text(&r);
    for word in ["앞 문단", "x", "y", "z", "뒤 문단"] {
        assert!(t.contains(word), "{word} in {t}");
    }
    assert_eq!(
        calls.load(Ordering::SeqCst),
        0,
        "the panic hook stayed silent"
    );
}

#[test]
fn twenty_thousand_nested_divs_render() {
    let body = format!(
        "{}깊숙한 본문{}",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    let r = html(&body, 40);
    assert_eq!(text(&r), "깊숙한 본문");
    let lists = format!(
        "{}목록 속 글{}",
        "<ul><li>".repeat(5_000),
        "</li></ul>".repeat(5_000)
    );
    let r = html(&lists, 40);
    assert!(text(&r).contains("목록 속 글"));
    assert!(fits(&r, 40));
}

#[test]
fn script_and_style_never_show() {
    let r = html(
        "<p>앞</p><script>alert('보이면 안 됨')</script><STYLE>p{color:red}</STYLE><p>뒤</p>",
        40,
    );
    assert_eq!(text(&r), "앞\n\n뒤");
}

#[test]
fn control_characters_in_addresses_and_text_are_removed() {
    let body = "<p><a href=\"https://example.com/&#27;]0;title&#7;\u{202e}x\">링크</a> <img src=\"/a&#27;[2J.jpg\" alt=\"사진&#155;\"> 글&#27;[31m자</p>";
    let r = html(body, 60);
    let all = format!("{}{}", text(&r), r.links.concat());
    assert!(
        all.chars()
            .all(|c| c == '\n' || !sinmun::text::is_forbidden(c)),
        "{all:?}"
    );
    assert_eq!(
        r.links,
        ["https://example.com/x"],
        "the whole sequence goes"
    );
    assert!(text(&r).contains("[image: 사진] /a.jpg"), "{}", text(&r));
    assert!(
        text(&r).contains("글자"),
        "the sequence in text goes whole: {}",
        text(&r)
    );
}

#[test]
fn only_web_and_mail_links_open() {
    assert!(is_openable("https://example.com"));
    assert!(is_openable("HTTP://example.com"));
    assert!(is_openable("mailto:desk@example.com"));
    for bad in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "/relative/path",
        "ftp://x",
        "data:text/html,x",
        "",
    ] {
        assert!(!is_openable(bad), "{bad}");
    }
}

#[test]
fn links_are_numbered_in_order_and_repeats_share_a_number() {
    let body = "<p><a href=\"https://a.example\">가</a> <a href=\"https://b.example\">나</a> <a href=\"https://a.example\">다</a> <a>이름만</a></p>";
    let r = html(body, 60);
    assert_eq!(r.links, ["https://a.example", "https://b.example"]);
    assert_eq!(text(&r), "가[1] 나[2] 다[1] 이름만");
}

#[test]
fn structure_headings_lists_tables_rules_images() {
    let body = "<h2>소제목</h2><ul><li>하나<ul><li>둘</li></ul></li></ul><hr><table><tr><th>지역</th><th>값</th></tr><tr><td>서울</td><td>120mm</td></tr></table><p><img src=\"/a.jpg\" alt=\"사진\"></p>";
    let r = html(body, 30);
    let t = text(&r);
    assert!(
        r.lines[0]
            .spans
            .iter()
            .all(|s| s.style.flags.contains(Flags::HEADING))
    );
    assert!(t.contains("- 하나\n  - 둘"), "{t}");
    assert!(t.contains(&"─".repeat(30)), "a rule across the width: {t}");
    assert!(
        t.contains(" 지역 │ 값") && t.contains(" 서울 │ 120mm"),
        "{t}"
    );
    let border = r
        .lines
        .iter()
        .flat_map(|l| &l.spans)
        .find(|s| s.text.contains('┼'))
        .expect("a border line");
    assert!(border.style.flags.contains(Flags::TABLE_BORDER));
    assert!(t.contains("[image: 사진] /a.jpg"));
}

#[test]
fn markdown_goes_through_the_same_renderer() {
    let md = "## 소제목\n\n**굵게** 그리고 *기울임*, [링크](https://example.com).\n\n- 하나\n- 둘\n\n| 지역 | 값 |\n|---|---|\n| 서울 | 1 |\n";
    let r = render(md, Format::Markdown, &RenderOptions::new(40));
    let t = text(&r);
    assert!(
        t.starts_with("## 소제목\n\n굵게 그리고 기울임, 링크[1]."),
        "{t}"
    );
    assert!(t.contains("- 하나") && t.contains(" 서울 │ 1"), "{t}");
    assert_eq!(r.links, ["https://example.com"]);
    let bold = r
        .lines
        .iter()
        .flat_map(|l| &l.spans)
        .find(|s| s.text == "굵게")
        .unwrap();
    assert!(bold.style.flags.contains(Flags::STRONG));
}

#[test]
fn korean_breaks_at_spaces_and_splits_only_long_words() {
    let r = html(
        "<p>클라우드 서비스 장애로 저비용항공사의 발권이 멈췄습니다</p>",
        12,
    );
    let lines: Vec<String> = r.lines.iter().map(Line::text).collect();
    assert_eq!(
        lines,
        [
            "클라우드",
            "서비스",
            "장애로",
            "저비용항공사",
            "의 발권이",
            "멈췄습니다"
        ]
    );
    let r = html("<p>가나다라마바사아자차카타파하</p>", 6);
    assert_eq!(
        r.lines.iter().map(Line::text).collect::<Vec<_>>(),
        ["가나다", "라마바", "사아자", "차카타", "파하"]
    );
}

#[test]
fn emoji_and_combining_sequences_are_never_split() {
    let family = "👩\u{200d}👩\u{200d}👧\u{200d}👦";
    let body = format!("<p>{}</p>", format!("{family}🌧\u{fe0f}e\u{301}").repeat(6));
    for w in 2..12 {
        let r = html(&body, w);
        assert!(fits(&r, w));
        let joined: String = r.lines.iter().map(Line::text).collect();
        assert_eq!(
            joined,
            format!("{family}🌧\u{fe0f}e\u{301}").repeat(6),
            "{w}"
        );
    }
}

#[test]
fn every_width_from_one_up_fits() {
    let body = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/render/2024-07-21-render-sample.html"
    ))
    .unwrap();
    for w in 1..=100 {
        let r = html(&body, w);
        assert!(fits(&r, w), "{w}");
        assert!(r.lines.iter().all(|l| width(&l.text()) == l.width()));
    }
}

#[test]
fn invisible_and_bidi_characters_written_as_references_never_show() {
    for body in [
        "<p>앞&#8203;뒤 &#x202e;거꾸로</p>",
        "<p>각주[^1]</p>",
        "<p>본문<sup><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup></p><section class=\"footnotes\"><ol><li id=\"fn-1\"><p>&#8203;주석 &#x202e;끝 <a href=\"#fnref-1\" class=\"footnote-backref\">↩</a></p></li></ol></section>",
    ] {
        let r = html(body, 40);
        let shown = text(&r);
        assert!(
            shown
                .chars()
                .all(|c| c == '\n' || !sinmun::sanitize::is_forbidden(c)),
            "{shown:?}"
        );
    }
    let md = sinmun::render::render(
        "\n[^1]: 가주\n&#8203;[^1]\n",
        sinmun::post::Format::Markdown,
        &RenderOptions::new(40),
    );
    let shown = text(&md);
    assert!(!shown.contains('\u{200b}'), "{shown:?}");
}
