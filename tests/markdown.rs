//! The Markdown dialect of Korean Jekyll blogs (DESIGN §6): what a reader
//! sees of each rule, rendered as the pane and `--dump` show it, and the
//! search text taken from the same parse.

mod common;

use common::rendered_text as text;
use sinmun::markdown::{Dialect, LiquidContext, to_html, visible_text};
use sinmun::post::Format;
use sinmun::render::{Flags, RenderOptions, Rendered, render};

fn md(body: &str, w: usize) -> Rendered {
    render(body, Format::Markdown, &RenderOptions::new(w))
}

fn spans_with(r: &Rendered, flag: Flags) -> Vec<String> {
    r.lines
        .iter()
        .flat_map(|l| &l.spans)
        .filter(|s| s.style.flags.contains(flag))
        .map(|s| s.text.clone())
        .collect()
}

/// The text with the rule that sets code blocks apart taken off.
fn unruled(shown: &str) -> String {
    shown
        .lines()
        .map(|l| l.strip_prefix("│ ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

fn html(body: &str) -> String {
    to_html(body, &LiquidContext::default())
}

/// No Liquid, kramdown or emphasis syntax left in what a reader sees.
/// (`~~` is not looked for: the renderer marks struck text with it, so that
/// it shows without colour.)
fn assert_clean(shown: &str) {
    for syntax in ["{:", "{%", "{{", "**", "{#"] {
        assert!(!shown.contains(syntax), "{syntax:?} left in:\n{shown}");
    }
}

#[test]
fn bold_before_every_korean_particle() {
    for particle in ["은", "는", "이", "가", "을", "를", "의", "로"] {
        let body = format!("**임베딩(embedding)**{particle} 벡터 표현입니다.\n");
        let r = md(&body, 60);
        let shown = text(&r);
        assert_eq!(
            shown,
            format!("임베딩(embedding){particle} 벡터 표현입니다.")
        );
        assert_eq!(
            spans_with(&r, Flags::STRONG),
            ["임베딩(embedding)"],
            "{particle}"
        );
    }
    let r = md(
        "**\"단어 가방\"**을 쓰고 **원-핫(one-hot).**이 아니라 *기울임(italic)*도.\n",
        80,
    );
    assert_clean(&text(&r));
    assert_eq!(
        spans_with(&r, Flags::STRONG),
        ["\"단어 가방\"", "원-핫(one-hot)."]
    );
    assert_eq!(spans_with(&r, Flags::EMPHASIS), ["기울임(italic)"]);
}

#[test]
fn strikethrough_beside_hangul() {
    let r = md(
        "~~원-핫 인코딩이면 충분하다~~는 틀렸고 ~~\"틀린 설명\"~~을 지웠다.\n",
        80,
    );
    assert_eq!(
        text(&r),
        "~~원-핫 인코딩이면 충분하다~~는 틀렸고 ~~\"틀린 설명\"~~을 지웠다."
    );
    assert_eq!(
        spans_with(&r, Flags::STRIKE),
        ["~~원-핫 인코딩이면 충분하다~~", "~~\"틀린 설명\"~~"]
    );
}

#[test]
fn math_is_kept_exactly_as_written() {
    let body = "확률 $P(w_{t+j} \\mid w_t)$와 $a * b * c$, 집합 $\\{x_i\\}$, 엔티티 $a &amp; b$.\n\n\
                $$\n\\sum_{i=1}^{n} x_i^{*} \\\\ \\left\\{ y \\right\\}\n$$\n\n\
                가격은 $10이고 $20입니다.\n";
    let r = md(body, 80);
    let shown = unruled(&text(&r));
    for tex in [
        "P(w_{t+j} \\mid w_t)",
        "a * b * c",
        "\\{x_i\\}",
        "a &amp; b",
        "\\sum_{i=1}^{n} x_i^{*} \\\\ \\left\\{ y \\right\\}",
        "가격은 $10이고 $20입니다.",
    ] {
        assert!(shown.contains(tex), "{tex:?} not in:\n{shown}");
    }
    // Display math is a block of its own.
    assert!(
        r.lines
            .iter()
            .any(|l| l.text().trim_end() == "│ \\sum_{i=1}^{n} x_i^{*} \\\\ \\left\\{ y \\right\\}"),
        "{shown}"
    );
    let h = html(body);
    assert!(h.contains("<code>P(w_{t+j} \\mid w_t)</code>"), "{h}");
    assert!(h.contains("<pre><code class=\"language-math\""), "{h}");
    assert!(!h.contains("<em>"), "no emphasis inside math: {h}");
}

#[test]
fn display_math_inside_a_sentence_stays_in_it() {
    let h = html("소프트맥스는 $$P(o \\mid c)$$ 입니다.\n");
    assert!(
        h.contains("<p>소프트맥스는 <code>P(o \\mid c)</code> 입니다.</p>"),
        "{h}"
    );
}

#[test]
fn highlight_is_code_exactly_as_written() {
    let body = "설명입니다.\n\n{% highlight python linenos %}\ndef f(a, b):\n    #   한글   주석  여러 칸\n    if a < b and b > 0:\n        return {{ a }}\n{% endhighlight %}\n\n끝.\n";
    let h = html(body);
    assert!(
        h.contains("<pre><code class=\"language-python\">def f(a, b):\n    #   한글   주석  여러 칸\n    if a &lt; b and b &gt; 0:\n        return {{ a }}\n</code></pre>"),
        "{h}"
    );
    let shown = unruled(&text(&md(body, 100)));
    assert!(
        shown.contains("def f(a, b):\n    #   한글   주석  여러 칸\n    if a < b and b > 0:\n        return {{ a }}"),
        "{shown}"
    );
    assert!(
        shown.starts_with("설명입니다.") && shown.ends_with("끝."),
        "{shown}"
    );
}

#[test]
fn code_keeps_liquid_and_kramdown_as_written() {
    let body = "인라인 `{{ site.url }}`와 ``{% if x %}{: .a}``.\n\n\
                ```liquid\n{% for post in site.posts %}\n  {{ post.title }} {:toc}\n{% endfor %}\n```\n\n\
                ~~~\n{% highlight ruby %}\nx\n{% endhighlight %}\n~~~\n\n\
                > ```\n> {{ page.title }}\n> ```\n\n\
                \x20   {% include 들여쓴.html %} {{ page.x }} {: .b}\n";
    let shown = unruled(&text(&md(body, 100)));
    for kept in [
        "{{ site.url }}",
        "{% if x %}{: .a}",
        "{% for post in site.posts %}\n  {{ post.title }} {:toc}\n{% endfor %}",
        "{% highlight ruby %}\nx\n{% endhighlight %}",
        "{{ page.title }}",
        "{% include 들여쓴.html %} {{ page.x }} {: .b}",
    ] {
        assert!(shown.contains(kept), "{kept:?} not in:\n{shown}");
    }
}

#[test]
fn kramdown_attribute_lists_never_show() {
    let body = "\
{::options parse_block_html=\"true\" /}
{:note: .notice--info}

![블로그 로고](/images/scala-logo.png){: .center-image}
![작은 그림](/images/small.png){:width=\"50%\"}

[공식 문서](https://jekyllrb.com/docs/){:target=\"_blank\" rel=\"noopener\"}를 보세요.
문단 끝에 붙은 속성.
{: .notice--warning}

**강조 끝.**{:.orange} 다음 문장.

- 목록 항목 {: .item}
- 둘째
{: .list}

> 인용문입니다.
> {: .quote}

| 이름 | 값 |
|---|---|
| 가 | 1 |
{: .table}

{::comment}
초안 메모: 공개하지 않음
{:/comment}

{::nomarkdown}<p>가공하지 않은 <b>HTML</b></p>{:/}
";
    let r = md(body, 80);
    let shown = text(&r);
    assert_clean(&shown);
    assert!(
        shown.contains("[image: 블로그 로고] /images/scala-logo.png [image: 작은 그림]"),
        "{shown}"
    );
    assert!(shown.contains("/images/small.png"), "{shown}");
    assert!(shown.contains("강조 끝. 다음 문장."), "{shown}");
    assert!(!shown.contains("초안 메모"), "{shown}");
    assert!(shown.contains("가공하지 않은 HTML"), "{shown}");
    assert_eq!(r.links, ["https://jekyllrb.com/docs/"]);
    // The notice's label, as Minimal Mistakes sets it apart; the
    // table's header row is bold too.
    assert_eq!(
        spans_with(&r, Flags::STRONG),
        ["Warning:", "강조 끝.", "이름", "값", "HTML"]
    );
    assert!(!shown.contains("│ │"), "no empty table row: {shown}");
}

#[test]
fn chirpy_prompts_are_labelled_quotes() {
    let body = "\
> 설치 전에 **백업**하세요.
{: .prompt-warning }

> 참고하세요.
> 두 번째 줄.
{: .prompt-tip }

> 그냥 인용.
> {: .quote}

> - 목록 첫째
{: .prompt-info }

> 따로 쓴 위험.

{: .prompt-danger }
";
    let r = md(body, 60);
    let shown = text(&r);
    assert_clean(&shown);
    for line in [
        "> Warning: 설치 전에 백업하세요.",
        "> Tip: 참고하세요. 두 번째 줄.",
        "> 그냥 인용.",
        "> Info:",
        "> Danger: 따로 쓴 위험.",
    ] {
        assert!(shown.lines().any(|l| l == line), "{line:?} in:\n{shown}");
    }
    assert_eq!(
        spans_with(&r, Flags::STRONG),
        ["Warning:", "백업", "Tip:", "Info:", "Danger:"]
    );
    // Search finds the text, labels and all.
    let visible = visible_text(body, &LiquidContext::default());
    assert!(
        visible.contains("Warning: 설치 전에 백업하세요."),
        "{visible}"
    );
}

#[test]
fn text_theme_coloured_blocks_are_labelled() {
    // The TeXt theme colours a paragraph or a quote by its class.
    let body = "\
배포가 끝났다.
{:.success}

> 설정 파일을 먼저 확인한다.
{:.info}

경고 문단.
{:.warning}

오류 문단.
{:.error}

사진 설명.
{:.circle.shadow}
";
    let shown = text(&md(body, 60));
    for line in [
        "Success: 배포가 끝났다.",
        "> Info: 설정 파일을 먼저 확인한다.",
        "Warning: 경고 문단.",
        "Danger: 오류 문단.",
        "사진 설명.",
    ] {
        assert!(shown.lines().any(|l| l == line), "{line:?} in:\n{shown}");
    }
}

#[test]
fn minimal_mistakes_notices_are_labelled_paragraphs() {
    let body = "\
다음 글을 참고하길 바란다.
{: .notice--primary}

플러그인 설정은 **주의**해야 한다.
{: .notice--danger}

보통 문단입니다.
{: .text-center}

아래 식을 보자.

{: .notice--info}

앞 문단.

{: .notice--success}
바로 아래 문단에 붙는다.
";
    let r = md(body, 60);
    let shown = text(&r);
    assert_clean(&shown);
    for line in [
        "Note: 다음 글을 참고하길 바란다.",
        "Danger: 플러그인 설정은 주의해야 한다.",
        "보통 문단입니다.",
        "Info: 아래 식을 보자.",
        "앞 문단.",
        "Success: 바로 아래 문단에 붙는다.",
    ] {
        assert!(shown.lines().any(|l| l == line), "{line:?} in:\n{shown}");
    }
    assert_eq!(
        spans_with(&r, Flags::STRONG),
        ["Note:", "Danger:", "주의", "Info:", "Success:"]
    );
}

#[test]
fn tistory_placeholders_become_figures() {
    let image = r#"[##_Image|kage@R9X3b/btsk1yvyEAo/img.png|CDM|1.3|{"originWidth":1314,"style":"alignCenter","caption":"설치 첫 화면"}_##]"#;
    let file = r#"[##_File|kage@x/y/자료.zip|filename="자료.zip" size="1.2MB"|_##]"#;
    let markdown = format!("설치 화면입니다.\n\n{image}\n\n첨부: {file}\n\n`{image}`\n");
    let html_body = format!("<p>설치 화면입니다.</p>\n<p>{image}</p>\n<pre>{image}</pre>\n");
    for (body, format) in [
        (markdown.as_str(), Format::Markdown),
        (html_body.as_str(), Format::Html),
    ] {
        let r = render(body, format, &RenderOptions::new(80));
        let shown = text(&r);
        assert!(
            shown.contains("[image] https://blog.kakaocdn.net/dn/R9X3b/btsk1yvyEAo/img.png"),
            "{format:?}: {shown}"
        );
        assert!(
            shown.lines().any(|l| l == "설치 첫 화면"),
            "{format:?}: {shown}"
        );
        // In code, as written.
        assert_eq!(
            shown.matches("[##_Image|").count(),
            1,
            "{format:?}: {shown}"
        );
    }
    let r = md(&markdown, 80);
    assert_eq!(r.links, ["https://blog.kakaocdn.net/dn/x/y/자료.zip"]);
    assert!(text(&r).contains("첨부:"), "{}", text(&r));
}

#[test]
fn heading_ids_are_removed() {
    let h = html("## 임베딩이란 {#what-is-embedding}\n\n### 설치 {#install}   \n");
    assert_eq!(h, "<h2>임베딩이란</h2>\n<h3>설치</h3>\n");
}

#[test]
fn toc_lists_the_headings() {
    let body = "\
* TOC
{:toc}

## 목차
{: .no_toc}

# 시작하며

## 설치

### 윈도우

## 설정

# 마치며
";
    let h = html(body);
    assert!(
        h.starts_with("<ul><li>시작하며<ul><li>설치<ul><li>윈도우</li></ul></li><li>설정</li></ul></li><li>마치며</li></ul>\n"),
        "{h}"
    );
    let shown = text(&md(body, 40));
    assert!(!shown.contains("TOC"), "{shown}");
    assert!(shown.starts_with("- 시작하며\n  - 설치\n"), "{shown}");
    // An ordered marker makes an ordered table; `- 목차 {:toc}` too works.
    assert!(html("1. 목차\n{:toc}\n\n## 하나\n").starts_with("<ol><li>하나</li></ol>"));
    assert!(html("- 목차 {:toc}\n\n## 하나\n").starts_with("<ul><li>하나</li></ul>"));
}

#[test]
fn footnotes_keep_their_text() {
    let body = "추천 시스템[^1]을 다룹니다.\n\n[^1]: 협업 필터링 기반입니다.\n";
    let r = md(body, 60);
    let shown = text(&r);
    assert!(shown.starts_with("추천 시스템[^1]을 다룹니다."), "{shown}");
    assert!(shown.ends_with("\n[^1] 협업 필터링 기반입니다."), "{shown}");
    assert!(
        r.links.is_empty(),
        "a footnote is not a link: {:?}",
        r.links
    );
}

#[test]
fn gfm_extensions() {
    let body = "\
카테고리
: 글을 묶는 분류입니다.

- [x] 테마 고르기
- [ ] 댓글 붙이기

주소 https://example.com에서 보고 https://ko.wikipedia.org/wiki/마크다운 도 봅니다.

| 모델 | 차원 |
|---|---:|
| **Word2Vec**은 | 300 |
";
    let r = md(body, 80);
    let shown = text(&r);
    assert!(
        shown.contains("카테고리\n  글을 묶는 분류입니다."),
        "{shown}"
    );
    assert!(
        shown.contains("- [x] 테마 고르기\n- [ ] 댓글 붙이기"),
        "{shown}"
    );
    assert!(
        shown.contains(" Word2Vec은 │  300"),
        "right-aligned: {shown}"
    );
    assert!(shown.contains("https://example.com[1]에서"), "{shown}");
    assert_eq!(
        r.links,
        [
            "https://example.com",
            "https://ko.wikipedia.org/wiki/%EB%A7%88%ED%81%AC%EB%8B%A4%EC%9A%B4"
        ]
    );
}

#[test]
fn raw_html_and_markdown_inside_it() {
    let body = "<span style=\"color:#ff0000\">빨간 글</span>과 <del>지운 글</del>.\n\n\
                <div markdown=\"1\">\n**HTML 안의 마크다운**도 굵게.\n</div>\n\n\
                <br>\n$$\nx_1\n$$\n";
    let r = md(body, 60);
    let shown = text(&r);
    assert_clean(&shown);
    assert!(shown.contains("빨간 글과 ~~지운 글~~."), "{shown}");
    assert!(spans_with(&r, Flags::STRONG).contains(&"HTML 안의 마크다운".to_string()));
    assert!(
        r.lines.iter().any(|l| l.text().trim_end() == "│ x_1"),
        "{shown}"
    );
}

#[test]
fn search_text_is_what_the_reader_sees() {
    let body = "\
* TOC
{:toc}

## 임베딩이란 {#intro}

**임베딩(embedding)**은 $w_t$ 벡터입니다.{: .note}
![그림]({{ \"/a.png\" | relative_url }}){: .center}
{% include 광고.html %}
{% if page.x %}숨은 태그{% endif %}

{% highlight python %}
print(\"한글  출력\")
{% endhighlight %}

`{{ 코드 }}`
";
    let t = visible_text(body, &LiquidContext::default());
    assert_eq!(
        t,
        "임베딩이란 임베딩(embedding)은 w_t 벡터입니다. 그림 [include: 광고.html] 숨은 태그 print(\"한글 출력\") {{ 코드 }}"
    );
}

#[test]
fn posts_that_look_like_syntax_but_are_not() {
    let body =
        "중괄호 {: 끝이 없다, {{ 닫히지 않음, {% 도 %} {# 해시\n\n`` ` ``와 \\{:x} 그리고 a_b_c.\n";
    let shown = text(&md(body, 80));
    assert!(
        shown.contains("중괄호 {: 끝이 없다, {{ 닫히지 않음, {% 도 %} {# 해시"),
        "{shown}"
    );
    assert!(shown.contains("`와 {:x} 그리고 a_b_c."), "{shown}");
}

#[test]
fn liquid_inside_the_second_display_math_of_a_paragraph_is_kept_as_written() {
    let h = html("$$<br>$$$${% highlight python %}$$\n");
    assert!(h.contains("{% highlight python %}"), "{h}");
    assert!(!h.contains('\u{fdd0}'), "{h}");
}

#[test]
fn tabs_are_block_structure_and_search_text_has_none() {
    let body = "- 항목\n\t- 하위\t항목\n\n```\nfor\tx\n```\n";
    let shown = text(&md(body, 40));
    assert!(!shown.contains('\t'), "{shown}");
    assert!(shown.contains("  - 하위 항목"), "{shown}");
    assert_eq!(
        visible_text(body, &LiquidContext::default()),
        "항목 하위 항목 for x"
    );
}

/// A body rendered as a site of `dialect` reads it.
fn md_in(body: &str, dialect: Dialect) -> String {
    let opts = RenderOptions {
        liquid: Some(std::sync::Arc::new(LiquidContext {
            dialect,
            ..LiquidContext::default()
        })),
        ..RenderOptions::new(80)
    };
    unruled(&text(&render(body, Format::Markdown, &opts)))
}

#[test]
fn kramdown_keeps_a_backslash_before_what_it_does_not_escape() {
    let body = "인라인 수식 $ a \\; b \\, c $, 50\\% 할인, 경로 C:\\Temp\\@x \\/ \\? \\^\n\n\
                \\*별표\\* \\_밑줄\\_ \\# \\[괄호\\] \\` \\$ \\| \\\\ \\~\n\n\
                `코드 \\;` 와 $x\\;y$ 와 [주소\\;](https://example.com/a)\n\n\
                ```\n그대로 \\; \\%\n```\n";
    let shown = md_in(body, Dialect::Kramdown);
    assert!(shown.contains("$ a \\; b \\, c $"), "{shown}");
    assert!(
        shown.contains("50\\% 할인, 경로 C:\\Temp\\@x \\/ \\? \\^"),
        "{shown}"
    );
    assert!(
        shown.contains("*별표* _밑줄_ # [괄호] ` $ | \\ ~"),
        "{shown}"
    );
    assert!(shown.contains("코드 \\; 와 x\\;y 와 주소\\;[1]"), "{shown}");
    assert!(shown.contains("그대로 \\; \\%"), "{shown}");
    // Hugo's goldmark and Hexo's marked escape every ASCII punctuation.
    let shown = md_in(body, Dialect::CommonMark);
    assert!(shown.contains("$ a ; b , c $"), "{shown}");
    assert!(shown.contains("50% 할인, 경로 C:\\Temp@x / ? ^"), "{shown}");
    assert!(shown.contains("코드 \\; 와 x\\;y 와 주소;[1]"), "{shown}");
    assert!(shown.contains("그대로 \\; \\%"), "{shown}");
}

#[test]
fn a_malformed_attribute_list_is_taken_whole() {
    for body in [
        "![상자 그림](https://example.com/box.png){: {: width=\"500\"}\n\n끝\n",
        "![상자 그림](https://example.com/box.png){:{:.center}\n\n끝\n",
        "![상자 그림](https://example.com/box.png){: width={{ page.w }} }\n\n끝\n",
        "![상자 그림](https://example.com/box.png)\n{: {: .center}\n\n끝\n",
    ] {
        let shown = text(&md(body, 80));
        assert_eq!(
            shown, "[image: 상자 그림] https://example.com/box.png\n\n끝",
            "{body:?}"
        );
    }
    // Braces that open no attribute list are text.
    let shown = text(&md("집합 {가나} 와 {: 닫히지 않음\n", 80));
    assert_eq!(shown, "집합 {가나} 와 {: 닫히지 않음");
}

#[test]
fn display_math_keeps_each_lines_indentation_at_every_width() {
    let math = "\\begin{aligned}\nf(x) &= x^2 + 2x + 1 \\\\\n     &= (x + 1)^2\n\\end{aligned}";
    let indented = |s: &str, by: &str| {
        s.lines()
            .map(|l| format!("{by}{l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for body in [
        format!("수식:\n\n$$\n{math}\n$$\n\n끝\n"),
        format!("- 항목\n\n  $$\n{}\n  $$\n", indented(math, "  ")),
        format!("1. 단계\n\n\t$$\n{}\n\t$$\n", indented(math, "\t")),
        format!("> $$\n{}\n> $$\n", indented(math, "> ")),
    ] {
        let shown = text(&md(&body, 80));
        let lines: Vec<&str> = shown.lines().map(str::trim_end).collect();
        for line in ["│ f(x) &= x^2 + 2x + 1 \\\\", "│      &= (x + 1)^2"] {
            assert!(
                lines.iter().any(|l| l.ends_with(line)),
                "{body:?}:\n{shown}"
            );
        }
        for w in 1..40 {
            let r = md(&body, w);
            assert!(r.lines.iter().all(|l| l.width() <= w), "{w}: {}", text(&r));
        }
    }
    // Lines that would be Markdown blocks elsewhere are TeX here.
    let r = unruled(&text(&md("$$\na\n= b\n- c\n$$\n", 40)));
    assert_eq!(r, "a\n= b\n- c");
    // Narrower than a line: cut, the pieces after the first marked.
    let r = text(&md(&format!("$$\n{math}\n$$\n"), 16));
    assert!(r.contains("│      &= (x + 1\n│      ↪)^2"), "{r}");
}
