//! Property tests of the renderer: random HTML of Hangul, Latin, emoji,
//! nested tags and tables, at random widths, never panics, never exceeds
//! the width and keeps every visible character.

use proptest::prelude::*;
use sinmun::post::Format;
use sinmun::render::{Line, RenderOptions, render};
use unicode_normalization::UnicodeNormalization;

/// A piece of HTML and the visible text it holds.
#[derive(Debug, Clone)]
struct Doc {
    html: String,
    text: String,
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "제주항공",
            "발권",
            "시스템",
            "클라우드",
            "장애로",
            "복구",
            "가나다라마바사아자차카타파하",
            "뉴스"
        ])
        .prop_map(str::to_string),
        prop::sample::select(vec![
            "MS",
            "LCC",
            "update",
            "Windows",
            "v2.1",
            "API",
            "supercalifragilistic"
        ])
        .prop_map(str::to_string),
        prop::sample::select(vec![
            "🌧\u{fe0f}",
            "👩\u{200d}👩\u{200d}👧",
            "📈",
            "🇰🇷",
            "e\u{301}",
            "\u{1100}\u{1161}\u{11a8}"
        ])
        .prop_map(str::to_string),
        "[0-9]{1,6}",
    ]
}

fn text_leaf() -> impl Strategy<Value = Doc> {
    prop::collection::vec(word(), 1..8).prop_map(|words| {
        let t = words.join(" ");
        Doc {
            html: t.clone(),
            text: t,
        }
    })
}

fn leaf() -> impl Strategy<Value = Doc> {
    prop_oneof![
        4 => text_leaf(),
        1 => Just(Doc { html: "<br>".into(), text: String::new() }),
        1 => Just(Doc { html: "<hr>".into(), text: String::new() }),
        1 => text_leaf().prop_map(|d| Doc { html: format!("<img src=\"/a.jpg\" alt=\"{}\">", d.text), text: d.text }),
    ]
}

fn wrap(tag: &'static str, attrs: &'static str, inner: Vec<Doc>) -> Doc {
    let html = format!(
        "<{tag}{attrs}>{}</{tag}>",
        inner.iter().map(|d| d.html.as_str()).collect::<String>()
    );
    let text = inner
        .iter()
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Doc { html, text }
}

fn doc() -> impl Strategy<Value = Doc> {
    leaf().prop_recursive(6, 48, 4, |inner| {
        let kids = prop::collection::vec(inner, 1..4);
        prop_oneof![
            kids.clone().prop_map(|k| wrap("p", "", k)),
            kids.clone().prop_map(|k| wrap("div", "", k)),
            kids.clone().prop_map(|k| wrap("b", "", k)),
            kids.clone().prop_map(|k| wrap("em", "", k)),
            kids.clone()
                .prop_map(|k| wrap("span", " style=\"color: #21538527\"", k)),
            kids.clone()
                .prop_map(|k| wrap("a", " href=\"https://example.com/x\"", k)),
            kids.clone().prop_map(|k| wrap("h2", "", k)),
            kids.clone().prop_map(|k| wrap("blockquote", "", k)),
            kids.clone()
                .prop_map(|k| wrap("ul", "", vec![wrap("li", "", k)])),
            kids.clone().prop_map(|k| wrap(
                "ol",
                "",
                k.into_iter().map(|d| wrap("li", "", vec![d])).collect()
            )),
            kids.clone().prop_map(|k| wrap(
                "table",
                "",
                vec![wrap(
                    "tr",
                    "",
                    k.into_iter().map(|d| wrap("td", "", vec![d])).collect()
                )]
            )),
            kids.prop_map(|k| wrap("td", " rowspan=\"2\" colspan=\"3\"", k)),
        ]
    })
}

/// Every non-space character of `want` is in `got` at least as often.
fn keeps_all(want: &str, got: &str) -> Result<(), char> {
    let mut counts = std::collections::HashMap::new();
    for c in got.chars().filter(|c| !c.is_whitespace()) {
        *counts.entry(c).or_insert(0i64) += 1;
    }
    // The renderer is given sanitised (NFC) text, as the loader makes it.
    let want: String = want.nfc().collect();
    for c in want.chars().filter(|c| !c.is_whitespace()) {
        let n = counts.entry(c).or_insert(0);
        *n -= 1;
        if *n < 0 {
            return Err(c);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_html_fits_and_keeps_its_text(d in doc(), w in 1usize..120) {
        // Bodies reach the renderer sanitised (NFC), as the loader makes them.
        let r = render(&sinmun::text::sanitize(&d.html), Format::Html, &RenderOptions::new(w));
        for line in &r.lines {
            prop_assert!(line.width() <= w, "{} > {w}: {:?}", line.width(), line.text());
            prop_assert!(line.text().chars().all(|c| !sinmun::text::is_forbidden(c)));
        }
        if w >= 2 {
            let got = r.lines.iter().map(Line::text).collect::<Vec<_>>().join("\n");
            prop_assert!(keeps_all(&d.text, &got).is_ok(), "lost {:?} at {w}:\n{}\n---\n{got}", keeps_all(&d.text, &got), d.html);
        }
    }

    #[test]
    fn random_markdown_never_panics_and_fits(s in "[#*_`>|\\- 0-9a-z가-힣\n\t\\[\\]()]{0,400}", w in 1usize..100) {
        // Markdown bodies keep their tabs until they are laid out.
        let r = render(&s, Format::Markdown, &RenderOptions::new(w));
        prop_assert!(r.lines.iter().all(|l| l.width() <= w && !l.text().contains('\t')));
    }

    #[test]
    fn random_tag_soup_never_panics_and_fits(s in "(<[/a-z0-9 =\"]{0,12}>?|[가-힣a-z &;#0-9]{0,10}){0,60}", w in 1usize..100) {
        let r = render(&s, Format::Html, &RenderOptions::new(w));
        prop_assert!(r.lines.iter().all(|l| l.width() <= w));
    }
}

/// A line of code: indentation, then tokens with runs of spaces, Hangul
/// comments and long identifiers.
fn code_line() -> impl Strategy<Value = String> {
    (
        0usize..12,
        prop::collection::vec(
            prop_oneof![
                "[a-z_]{1,12}",
                "[(){};=<>+.,\"]{1,3}",
                prop::sample::select(vec![
                    "// 한국어 주석",
                    "값",
                    "\"문자열\"",
                    "🌧\u{fe0f}",
                    "e\u{301}"
                ])
                .prop_map(str::to_string),
                " {1,4}".prop_map(|s: String| s),
            ],
            0..14,
        ),
    )
        .prop_map(|(indent, parts)| format!("{}{}", " ".repeat(indent), parts.concat()))
}

/// A random table: rows of cells of Hangul and Latin words, some spans.
#[derive(Debug, Clone)]
struct TableDoc {
    html: String,
    cells: Vec<String>,
}

fn table_doc() -> impl Strategy<Value = TableDoc> {
    let cell = (
        prop::collection::vec(word(), 1..6),
        prop::sample::select(vec![1usize, 1, 1, 2]),
        any::<bool>(),
    );
    prop::collection::vec(prop::collection::vec(cell, 1..5), 1..5).prop_map(|rows| {
        let mut html = String::from("<table>");
        let mut cells = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            html.push_str("<tr>");
            for (words, span, bold) in row {
                let text = words.join(" ");
                let tag = if r == 0 && *bold { "th" } else { "td" };
                html.push_str(&format!("<{tag} colspan=\"{span}\">{text}</{tag}>"));
                cells.push(text);
            }
            html.push_str("</tr>");
        }
        html.push_str("</table>");
        TableDoc { html, cells }
    })
}

fn render_text(html: &str, w: usize) -> Vec<String> {
    render(
        &sinmun::text::sanitize(html),
        Format::Html,
        &RenderOptions::new(w),
    )
    .lines
    .iter()
    .map(Line::text)
    .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Code is never reflowed: at every width from 8, each source line comes
    /// back from its pieces with its indentation and its characters in order.
    #[test]
    fn code_keeps_every_line_and_its_indentation(src in prop::collection::vec(code_line(), 1..8), w in 8usize..90) {
        let escaped: Vec<String> = src.iter().map(|l| l.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")).collect();
        let html = format!("<pre><code>{}</code></pre>", escaped.join("\n"));
        let body: String = sinmun::text::sanitize(&html);
        let r = render(&body, Format::Html, &RenderOptions::new(w));
        prop_assert!(r.lines.iter().all(|l| l.width() <= w));
        // Undo the layout: gutter off, continuation pieces joined.
        let mut got: Vec<String> = Vec::new();
        for line in r.lines.iter().map(Line::text) {
            let line = line.strip_prefix("│ ").unwrap_or(&line).to_string();
            match line.trim_start().strip_prefix('↪') {
                Some(rest) if !got.is_empty() => got.last_mut().unwrap().push_str(rest),
                _ => got.push(line),
            }
        }
        let want: Vec<String> = src.iter().map(|l| l.nfc().collect::<String>().trim_end().to_string()).collect();
        // Trailing blank source lines are dropped.
        let mut want = want;
        while want.last().is_some_and(|l| l.is_empty()) { want.pop(); }
        // As in a browser, a newline right after `<pre>` is not code.
        if src[0].is_empty() && !want.is_empty() { want.remove(0); }
        if want.is_empty() { return Ok(()); }
        prop_assert_eq!(got.len(), want.len(), "{:?}", got);
        for (g, s) in got.iter().zip(&want) {
            let indent = |t: &str| t.len() - t.trim_start_matches(' ').len();
            prop_assert_eq!(indent(g), indent(s), "{:?} vs {:?}", g, s);
            let squeeze = |t: &str| t.chars().filter(|c| *c != ' ').collect::<String>();
            prop_assert_eq!(squeeze(g), squeeze(s));
        }
    }

    /// Tables never exceed the width, keep every cell's text, and split a
    /// word only when no column has room to spare.
    #[test]
    fn tables_fit_keep_their_text_and_break_words_only_when_they_must(t in table_doc(), w in 8usize..100) {
        let lines = render_text(&t.html, w);
        prop_assert!(lines.iter().all(|l| sinmun::text::width(l) <= w), "{lines:?}");
        let joined = lines.join("\n");
        prop_assert!(keeps_all(&t.cells.join(" "), &joined).is_ok(), "{joined}\n{:?}", t.cells);
        // A word wider than its column can only happen in the row-block
        // layout, and only when the word is wider than the whole width.
        let cells: Vec<String> = t.cells.iter().map(|c| c.nfc().collect()).collect();
        let words: Vec<&str> = cells.iter().flat_map(|c| c.split(' ')).collect();
        let tokens: std::collections::HashSet<&str> = lines
            .iter()
            .flat_map(|l| l.split([' ', '│', ':']))
            .collect();
        for word in words {
            let wide = sinmun::text::width(word) + 2 > w;
            prop_assert!(wide || tokens.contains(word), "{word:?} broken at {w}:\n{joined}");
        }
    }
}
