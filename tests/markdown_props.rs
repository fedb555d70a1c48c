//! Property tests of the Markdown dialect: any input (Liquid, Hexo's tags,
//! kramdown and math syntax included) renders without a panic within the width, leaves
//! none of the internal token characters behind, and code keeps exactly
//! what was written in it.

use proptest::prelude::*;
use sinmun::markdown::{LiquidContext, to_html, visible_text};
use sinmun::post::Format;
use sinmun::render::{RenderOptions, render};

fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn no_token_chars(s: &str) -> bool {
    !s.chars().any(|c| ('\u{FDD0}'..='\u{FDEF}').contains(&c))
}

/// Markdown made of the pieces Jekyll posts combine.
fn jekyll_markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{% highlight python %}".to_string()),
        Just("{% endhighlight %}".to_string()),
        Just("{% raw %}".to_string()),
        Just("{% endraw %}".to_string()),
        Just("{% comment %}".to_string()),
        Just("{% endcomment %}".to_string()),
        Just("{% if x %}".to_string()),
        Just("{{ page.title }}".to_string()),
        Just("{{ \"/a.png\" | relative_url }}".to_string()),
        Just("{: .center}".to_string()),
        Just("{:toc}".to_string()),
        Just("{::comment}".to_string()),
        Just("{:/comment}".to_string()),
        Just("{::nomarkdown}".to_string()),
        Just("{:/}".to_string()),
        Just("{#id}".to_string()),
        Just("* TOC".to_string()),
        Just("```".to_string()),
        Just("$$".to_string()),
        Just("<br>".to_string()),
        Just("<div markdown=\"1\">".to_string()),
        Just("![](/x.png)".to_string()),
        Just("[^1]".to_string()),
        Just("[^1]: ".to_string()),
        // Hexo's tags, paired or not, with and without arguments.
        Just("{% blockquote 저자, 책 %}".to_string()),
        Just("{% endblockquote %}".to_string()),
        Just("{% quote https://a.kr/ 제목 %}".to_string()),
        Just("{% endquote %}".to_string()),
        Just("{% codeblock 제목 lang:rust https://a.kr/x 원본 %}".to_string()),
        Just("{% endcodeblock %}".to_string()),
        Just("{% asset_img 바다.png \"제목\" \"설명\" %}".to_string()),
        Just("{% post_link 글#부분 %}".to_string()),
        Just("{% note warning 요약 %}".to_string()),
        Just("{% endnote %}".to_string()),
        Just("{% label info@표시 %}".to_string()),
        Just("{% tabs 탭 %}\n".to_string()),
        Just("\n<!-- tab 제목@아이콘 -->\n".to_string()),
        Just("{% endtabs %}".to_string()),
        "[#*_`>|\\-~$ {}%:\\\\.!\\[\\]()0-9a-z가-힣\n\t<>/\"=]{0,12}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn jekyll_markdown_never_panics_and_fits(s in jekyll_markdown(), w in 1usize..100) {
        let r = render(&s, Format::Markdown, &RenderOptions::new(w));
        for line in &r.lines {
            prop_assert!(line.width() <= w, "{} > {w}: {:?}", line.width(), line.text());
            prop_assert!(no_token_chars(&line.text()), "{:?}", line.text());
            prop_assert!(!line.text().contains('\t'), "{:?}", line.text());
        }
        let ctx = LiquidContext::default();
        prop_assert!(no_token_chars(&to_html(&s, &ctx)));
        prop_assert!(no_token_chars(&visible_text(&s, &ctx)));
    }

    #[test]
    fn html_bodies_with_liquid_never_panic(s in jekyll_markdown(), w in 1usize..100) {
        let r = render(&s, Format::Html, &RenderOptions::new(w));
        prop_assert!(r.lines.iter().all(|l| l.width() <= w));
    }

    #[test]
    fn fenced_code_keeps_what_is_written(
        lines in prop::collection::vec("[{}%:#a-m가-힣 .|\"=*_$-]{0,30}", 1..6)
    ) {
        let code = lines.join("\n");
        let html = to_html(&format!("```\n{code}\n```\n"), &LiquidContext::default());
        prop_assert_eq!(html, format!("<pre><code>{}\n</code></pre>\n", escaped(&code)));
    }

    #[test]
    fn indented_code_keeps_what_is_written(line in "[{}%:#a-m가-힣.|\"=*_$-][{}%:#a-m가-힣 .|\"=*_$-]{0,40}") {
        let html = to_html(&format!("    {line}\n"), &LiquidContext::default());
        prop_assert_eq!(html, format!("<pre><code>{}\n</code></pre>\n", escaped(&line)));
    }

    #[test]
    fn inline_code_keeps_what_is_written(code in "[{}%:#a-m가-힣.|\"=*_$-]{1,30}") {
        let html = to_html(&format!("앞 `{code}` 뒤\n"), &LiquidContext::default());
        prop_assert_eq!(html, format!("<p>앞 <code>{}</code> 뒤</p>\n", escaped(&code)));
    }
}
