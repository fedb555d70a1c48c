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
    fn random_markdown_never_panics_and_fits(s in "[#*_`>|\\- 0-9a-z가-힣\n\\[\\]()]{0,400}", w in 1usize..100) {
        let r = render(&s, Format::Markdown, &RenderOptions::new(w));
        prop_assert!(r.lines.iter().all(|l| l.width() <= w));
    }

    #[test]
    fn random_tag_soup_never_panics_and_fits(s in "(<[/a-z0-9 =\"]{0,12}>?|[가-힣a-z &;#0-9]{0,10}){0,60}", w in 1usize..100) {
        let r = render(&s, Format::Html, &RenderOptions::new(w));
        prop_assert!(r.lines.iter().all(|l| l.width() <= w));
    }
}
