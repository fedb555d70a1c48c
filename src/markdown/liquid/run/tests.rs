use super::*;
use crate::markdown::LiquidContext;
use crate::markdown::liquid::value::Value;

/// `text` run as an include with `params`, for a post titled 설치 안내.
fn ran(text: &str, params: &[(&str, &str)]) -> String {
    let ctx = LiquidContext {
        page: vec![("title".into(), "설치 안내".into())],
        ..LiquidContext::default()
    };
    let parent = Liquid::new(&ctx);
    let params = params
        .iter()
        .map(|(k, v)| (k.to_string(), Value::Text(v.to_string())))
        .collect();
    let mut liquid = parent.child(params);
    run_text(text, &mut liquid)
}

#[test]
fn branches_on_the_parameters() {
    let text = "<img src=\"{{ include.url }}\">{% if include.caption %}<p>{{ include.caption }}</p>{% else %}<p>없음</p>{% endif %}";
    assert_eq!(
        ran(text, &[("caption", "설명"), ("url", "/a.png")]),
        "<img src=\"/a.png\"><p>설명</p>"
    );
    assert_eq!(ran(text, &[]), "<img src=\"\"><p>없음</p>");
    let text = "{% if include.width == \"360\" %}작게{% elsif include.width > 500 %}크게{% else %}보통{% endif %}";
    assert_eq!(ran(text, &[("width", "360")]), "작게");
    assert_eq!(ran(text, &[("width", "640")]), "크게");
    assert_eq!(ran(text, &[]), "보통");
    let text = "{% unless include.hide %}보임{% endunless %}{% if page.title contains '설치' and include.x %}둘 다{% endif %}";
    assert_eq!(ran(text, &[("x", "1")]), "보임둘 다");
    assert_eq!(ran(text, &[("hide", "true")]), "");
}

#[test]
fn nesting_trimming_and_what_is_left_as_written() {
    let text = "{% if include.a %}A{% if include.b %}B{% else %}b{% endif %}{% endif %}.";
    assert_eq!(ran(text, &[("a", "1")]), "Ab.");
    assert_eq!(ran(text, &[("b", "1")]), ".");
    let text = "<figure>\n  {%- if include.c -%}\n  <figcaption>캡션</figcaption>\n  {%- endif -%}\n</figure>";
    assert_eq!(
        ran(text, &[("c", "1")]),
        "<figure><figcaption>캡션</figcaption></figure>"
    );
    // Code is left as written; `case` shows its branches; a comment
    // nothing, nor what a hidden branch holds.
    let text = "{% raw %}{% if x %}{{ y }}{% endraw %}{% case include.a %}{% when 1 %}일{% else %}기타{% endcase %}{% comment %}{{ 숨김 }}{% endcomment %}";
    assert_eq!(
        ran(text, &[]),
        "{% raw %}{% if x %}{{ y }}{% endraw %}일기타"
    );
    let text = "{% if include.z %}{% raw %}{% endif %}{% endraw %}{{ include.z }}{% endif %}끝";
    assert_eq!(ran(text, &[]), "끝");
    // `assign` before a condition counts.
    let text = "{% assign w = include.width %}{% if w %}있음 {{ w }}{% endif %}";
    assert_eq!(ran(text, &[("width", "9")]), "있음 9");
    // An `endif` with no `if` open, or an `if` never closed.
    assert_eq!(ran("{% endif %}글{% if include.z %}숨김", &[]), "글");
}

#[test]
fn outputs_trim_white_space_as_tags_do() {
    let text = "<p>\n  {{- include.a -}}\n</p> {{ include.a }} .";
    assert_eq!(ran(text, &[("a", "가")]), "<p>가</p> 가 .");
}

/// Liquid runs in the order it is written: what a loop assigns counts
/// after it, not what was assigned before.
#[test]
fn a_variable_set_in_a_loop_counts_after_it() {
    let text = "{% assign n = 0 %}{% for x in (1..3) %}{% assign n = n | plus: x %}{% endfor %}합: {{ n }}";
    assert_eq!(ran(text, &[]), "합: 6");
    let text = "{% for x in (1..2) %}{% endfor %}{% if x %}남음{% else %}{{ x }}없음{% endif %}";
    assert_eq!(ran(text, &[]), "없음", "a loop's variable ends with it");
}

#[test]
fn break_and_continue() {
    let text = "{% for i in (1..9) %}{% if i == 2 %}{% continue %}{% endif %}{{ i }}{% if i >= 4 %}{% break %}{% endif %},{% endfor %}끝";
    assert_eq!(ran(text, &[]), "1,3,4끝");
    // Outside a loop they stop nothing.
    assert_eq!(ran("가{% break %}나{% continue %}다", &[]), "가나다");
}

/// An include's text stops at its bound, what was written before shown.
#[test]
fn what_an_include_writes_is_bounded() {
    let text = "{% assign s = '제주 ' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}{{ s }}{{ s }}";
    let out = ran(text, &[]);
    assert!(out.starts_with("제주 제주"), "{}", &out[..20]);
    assert!(out.len() <= 3 * crate::markdown::liquid::value::MAX_TEXT);
    let text = format!("{}{}", "{{ include.a }}".repeat(200), "끝");
    let big = "가".repeat(20_000);
    let out = ran(&text, &[("a", &big)]);
    assert!(out.len() > MAX_TOTAL && out.len() <= MAX_TOTAL + big.len());
    assert!(!out.ends_with("끝"));
}

/// `capture` runs what it holds: its conditions, outputs and loops.
#[test]
fn capture_runs_its_liquid() {
    let text = "{% capture cls %}\n  {% if include.wide %}넓게{% else %}좁게{% endif %} {{ include.name }}\n{% endcapture %}<div class=\"{{ cls }}\">{% capture list %}{% for i in (1..3) %}{{ i }}{% endfor %}{% endcapture %}{{ list }}</div>";
    assert_eq!(
        ran(text, &[("wide", "1"), ("name", "제주")]),
        "<div class=\"넓게 제주\">123</div>"
    );
    // Not closed: shows nothing, sets nothing.
    assert_eq!(ran("{% capture x %}가{{ x }}", &[]), "가");
}
