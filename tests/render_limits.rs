//! Hostile bodies meet bounds: rendering stops at a budget with a visible
//! note, links are numbered in linear time, and HTML scanning never slices
//! inside a character. Each run has a deadline: a regression fails the
//! test instead of hanging it.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use proptest::prelude::*;
use sinmun::post::Format;
use sinmun::render::{Line, RenderOptions, Rendered, render};

/// `f` on a thread; panics when it has not answered within `secs`.
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(secs))
        .unwrap_or_else(|_| panic!("no answer within {secs} s"))
}

fn html(body: String, w: usize) -> Rendered {
    render(&body, Format::Html, &RenderOptions::new(w))
}

#[test]
fn a_huge_body_is_cut_with_a_note() {
    // 16 MB of one-letter paragraphs: before the budget, 4.8 GB and 8 s.
    let r = within(60, || html("<p>a</p>".repeat(2_000_000), 80));
    assert!(r.lines.len() <= 50_010, "{} lines", r.lines.len());
    let last = r.lines.last().map(Line::text).unwrap_or_default();
    assert!(
        last.contains("the rest of this article is not shown"),
        "{last}"
    );
    // One long paragraph is bounded too.
    let r = within(60, || {
        html(format!("<p>{}</p>", "가나 ".repeat(3_000_000)), 20)
    });
    assert!(r.lines.len() <= 50_010, "{} lines", r.lines.len());
}

#[test]
fn a_body_within_the_budget_has_no_note() {
    let r = html("<p>짧은 글</p>".repeat(1_000), 80);
    assert!(!r.lines.iter().any(|l| l.text().contains("is not shown")));
}

#[test]
fn a_hundred_thousand_links_are_numbered_in_linear_time() {
    // Quadratic numbering took 11 s in a release build.
    let body: String = (0..50_000)
        .map(|i| format!("<a href=\"https://example.com/{i}\">링크{i}</a> "))
        .collect();
    let r = within(60, move || html(body, 80));
    assert_eq!(r.links.len(), 50_000);
    assert_eq!(r.links[49_999], "https://example.com/49999");
    assert!(r.lines[0].text().starts_with("링크0[1] 링크1[2]"));
    // Twice as many run into the budget: numbered as far as shown.
    let body: String = (0..100_000)
        .map(|i| format!("<a href=\"https://example.com/{}\">링크</a> ", i % 70_000))
        .collect();
    let r = within(60, move || html(body, 80));
    assert!(r.links.len() > 50_000 && r.links.len() <= 70_000);
}

#[test]
fn a_huge_code_block_is_laid_out_quickly() {
    let line = "    let 값 = format!(\"{}\", i); // 주석이 붙은 코드 줄\n";
    let body = format!(
        "<pre><code class=\"language-rust\">{}</code></pre>",
        line.repeat(1_000_000 / line.len())
    );
    let r = within(60, move || html(body, 80));
    assert!(r.lines.len() > 10_000);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A multi-byte character at every offset of tag-rich HTML: inside tag
    /// names, attributes, entities, comments, footnote marks and code.
    #[test]
    fn multibyte_characters_at_every_offset_never_panic(
        i in 0usize..6,
        c in prop::sample::select(vec!["가", "é", "😀", "\u{a0}", "\u{10FFFD}", "\u{100000}"]),
        w in 1usize..50,
    ) {
        let bases = [
            "<p a=\"x>y\">글&amp;<b>굵게</b고 &#54620; &lt;</p>",
            "<table><tr><th colspan=\"2\">머리</th></tr><tr><td>가<br>나</td><td align=\"right\">1</td></tr></table>",
            "<pre class=\"language-rust\"><code>fn 가() {\n\tlet x = 1;\n}</code></pre>",
            "<p>각주<sup><a href=\"#fn:1\">1</a></sup></p><div class=\"footnotes\"><ol><li><p>내용 <a href=\"#fnref:1\">↩</a></p></li></ol></div>",
            "<!-- 주석 --><ul><li>목록<blockquote>인용</blockquote></li></ul><img src=\"/a.png\" alt=\"그림\">",
            "<p style=\"color:#ee2323;background-color:#fff3b0\"><u>밑줄</u><mark>형광</mark><del>취소</del></p>",
        ];
        let base = bases[i];
        for (at, _) in base.char_indices().chain([(base.len(), ' ')]) {
            let body = format!("{}{c}{}", &base[..at], &base[at..]);
            let r = render(&body, Format::Html, &RenderOptions::new(w));
            prop_assert!(r.lines.iter().all(|l| l.width() <= w));
        }
    }
}
