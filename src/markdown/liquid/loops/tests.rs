use super::*;
use crate::markdown::LiquidContext;
use crate::markdown::liquid::run::run_text;
use crate::markdown::liquid::site_include::MAX_TOTAL;
use crate::post::{Format, Keep, parse as parse_post};

/// The context of a post whose front matter is `front`, as the loader
/// keeps it.
fn post(front: &str) -> LiquidContext {
    let file = format!("---\n{front}---\n본문\n");
    let post = parse_post(
        std::path::Path::new("2024-05-01-제주.md"),
        "2024-05-01-제주",
        file.as_bytes(),
        Format::Markdown,
        Keep::ALL,
    )
    .expect("a post");
    LiquidContext::for_post(&post)
}

/// `text` run as an include of `ctx`'s post with `params`.
fn ran(ctx: &LiquidContext, text: &str, params: &[(&str, &str)]) -> String {
    let params = params
        .iter()
        .map(|(k, v)| (k.to_string(), Value::Text(v.to_string())))
        .collect();
    let mut liquid = Liquid::new(ctx).child(params);
    run_text(text, &mut liquid)
}

const GALLERY: &str = "gallery:\n  - url: /img/한라산-큰.jpg\n    image_path: /img/한라산.jpg\n    alt: 한라산 사진\n    title: 백록담\n  - image_path: /img/성산.jpg\n    alt: 성산 일출봉\n  - image_path: /img/우도.jpg\n";

/// Minimal Mistakes' gallery, as sites copy it.
const GALLERY_INCLUDE: &str = "{% if include.id %}{% assign gallery = page[include.id] %}{% else %}{% assign gallery = page.gallery %}{% endif %}\n{% if gallery.size == 2 %}{% assign layout = 'half' %}{% elsif gallery.size >= 3 %}{% assign layout = 'third' %}{% endif %}<figure class=\"{{ layout }}\">{% for img in gallery %}{% if img.url %}<a href=\"{{ img.url }}\" {% if img.title %}title=\"{{ img.title }}\"{% endif %}><img src=\"{{ img.image_path }}\" alt=\"{% if img.alt %}{{ img.alt }}{% endif %}\"></a>{% else %}<img src=\"{{ img.image_path }}\" alt=\"{% if img.alt %}{{ img.alt }}{% endif %}\">{% endif %}{% endfor %}{% if include.caption %}<figcaption>{{ include.caption }}</figcaption>{% endif %}</figure>";

#[test]
fn a_gallery_from_the_front_matter() {
    let ctx = post(&format!(
        "title: 제주 여행\n{GALLERY}photos:\n  - image_path: /img/귤.jpg\n    alt: 귤밭\n"
    ));
    assert_eq!(
        ran(&ctx, GALLERY_INCLUDE, &[("caption", "제주의 봄")]),
        "\n<figure class=\"third\">\
         <a href=\"/img/한라산-큰.jpg\" title=\"백록담\"><img src=\"/img/한라산.jpg\" alt=\"한라산 사진\"></a>\
         <img src=\"/img/성산.jpg\" alt=\"성산 일출봉\">\
         <img src=\"/img/우도.jpg\" alt=\"\">\
         <figcaption>제주의 봄</figcaption></figure>"
    );
    // `page[include.id]`: another list of the post.
    assert_eq!(
        ran(&ctx, GALLERY_INCLUDE, &[("id", "photos")]),
        "\n<figure class=\"\"><img src=\"/img/귤.jpg\" alt=\"귤밭\"></figure>"
    );
    // A post without one: an empty figure, no Liquid.
    assert_eq!(
        ran(&post("title: 빈 글\n"), GALLERY_INCLUDE, &[]),
        "\n<figure class=\"\"></figure>"
    );
}

#[test]
fn limit_offset_reversed_else_and_forloop() {
    let ctx = post("맛집: [흑돼지, 고기국수, 갈치조림, 전복죽, 오메기떡]\n빈: []\n");
    let each = "{% for m in page.맛집 LIMITS %}{{ forloop.index }}/{{ forloop.length }} {{ m }}{% unless forloop.last %}, {% endunless %}{% endfor %}";
    let with = |limits: &str| ran(&ctx, &each.replace("LIMITS", limits), &[]);
    assert_eq!(
        with(""),
        "1/5 흑돼지, 2/5 고기국수, 3/5 갈치조림, 4/5 전복죽, 5/5 오메기떡"
    );
    assert_eq!(with("limit:2"), "1/2 흑돼지, 2/2 고기국수");
    assert_eq!(with("offset: 3"), "1/2 전복죽, 2/2 오메기떡");
    assert_eq!(
        with("limit: 2 offset:1 reversed"),
        "1/2 갈치조림, 2/2 고기국수"
    );
    assert_eq!(with("offset:9"), "");
    let text = "{% for m in page.빈 %}{{ m }}{% else %}맛집 없음{% endfor %}{% for m in page.없는키 %}{% else %}키 없음{% endfor %}";
    assert_eq!(ran(&ctx, text, &[]), "맛집 없음키 없음");
    let text = "{% for m in page.맛집 limit:3 %}{% if forloop.first %}[{% endif %}{{ forloop.index0 }}{{ forloop.rindex }}{% if forloop.last %}]{% endif %}{% endfor %}";
    assert_eq!(ran(&ctx, text, &[]), "[031221]");
}

#[test]
fn ranges_with_variables_and_nested_loops() {
    let ctx = post("title: 구구단\n");
    let text = "{% for i in (2..include.n) %}{% for j in (1..i) %}{{ i }}{{ j }}{% if forloop.last %};{% endif %}{% endfor %}{% endfor %}";
    assert_eq!(ran(&ctx, text, &[("n", "3")]), "2122;313233;");
    assert_eq!(
        ran(
            &ctx,
            "{% for i in (3..1) %}{{ i }}{% else %}없음{% endfor %}",
            &[]
        ),
        "없음"
    );
    let text = "{%- for i in (1..3) -%}\n  {{ i }}\n{%- else -%} 없음 {%- endfor -%}\n끝";
    assert_eq!(ran(&ctx, text, &[]), "123끝");
}

#[test]
fn split_lists_maps_and_indexes() {
    let ctx = post("장소:\n  이름: 제주 맛집\n  메뉴: [흑돼지, 고기국수]\n");
    let text = "{% assign tags = include.tags | split: ',' %}{{ tags.size }}:{% for t in tags %}<{{ t }}>{% endfor %} {{ tags[1] }} {{ tags.first }}{{ tags.last }} {{ tags | join: '·' }}";
    assert_eq!(
        ran(&ctx, text, &[("tags", "한라산,우도,성산")]),
        "3:<한라산><우도><성산> 우도 한라산성산 한라산·우도·성산"
    );
    let text = "{{ page.장소.이름 }}: {% for m in page.장소.메뉴 %}{{ m }} {% endfor %}{% if page.장소.메뉴 contains '흑돼지' %}흑돼지 있음{% endif %}{% for pair in page.장소 limit:1 %} {{ pair[0] }}={{ pair[1] }}{% endfor %}";
    assert_eq!(
        ran(&ctx, text, &[]),
        "제주 맛집: 흑돼지 고기국수 흑돼지 있음 이름=제주 맛집"
    );
    // Tags are a list, and show joined as before.
    let ctx = post("tags: [제주, 여행]\n");
    let text = "{{ page.tags }}: {% for t in page.tags %}#{{ t }}{% endfor %} {% if page.tags == empty %}비어 있음{% endif %}";
    assert_eq!(ran(&ctx, text, &[]), "제주, 여행: #제주#여행 ");
}

#[test]
fn what_is_not_understood_shows_nothing() {
    let ctx = post("title: 제주\n");
    for text in [
        "{% for %}가{% endfor %}",
        "{% for x of y %}가{% endfor %}",
        "{% for x in (1..2 %}가{% endfor %}",
    ] {
        assert_eq!(ran(&ctx, text, &[]), "", "{text}");
    }
    // Never closed: the tag shows nothing, the rest as it is.
    assert_eq!(ran(&ctx, "{% for x in (1..3) %}{{ x }}글", &[]), "글");
}

/// A loop over a huge range stops at the iterations a post may run, and
/// shows what it wrote; so do loops nested deep, which also stop at their
/// depth.
#[test]
fn hostile_loops_are_bounded() {
    let ctx = post("title: 끝없는 고리\n");
    let started = std::time::Instant::now();
    let out = ran(
        &ctx,
        "{% for i in (1..9999999999999) %}가{% endfor %}끝",
        &[],
    );
    assert_eq!(out, format!("{}끝", "가".repeat(MAX_ITERATIONS)));
    let ctx = post("title: 처음부터\n");
    let text =
        "{% for i in (-9223372036854775808..9223372036854775807) limit:2 %}{{ i }} {% endfor %}";
    assert_eq!(
        ran(&ctx, text, &[]),
        "-9223372036854775808 -9223372036854775807 "
    );
    let nested = format!(
        "{}나{}",
        "{% for i in (1..10) %}".repeat(40),
        "{% endfor %}".repeat(40)
    );
    let out = ran(&ctx, &nested, &[]);
    assert_eq!(out, "", "deeper than {MAX_NESTED}: nothing");
    let nested = format!(
        "{}나{}",
        "{% for i in (1..10) %}".repeat(MAX_NESTED),
        "{% endfor %}".repeat(MAX_NESTED)
    );
    let out = ran(&ctx, &nested, &[]);
    let n = out.chars().count();
    assert!(
        out.chars().all(|c| c == '나') && n > MAX_ITERATIONS * 8 / 10 && n < MAX_ITERATIONS,
        "{n}"
    );
    // The body text looped over is bounded too, shown or not.
    let body = format!(
        "{{% assign n = 0 %}}{{% for i in (1..5000) %}}{{% assign n = n | plus: 1 %}}{{% if false %}}{}{{% endif %}}{{% endfor %}}{{{{ n }}}}",
        "다".repeat(10_000)
    );
    let len = body.find("{% endfor").unwrap() - body.find("{% assign n = n").unwrap();
    assert_eq!(ran(&ctx, &body, &[]), (MAX_LOOPED / len).to_string());
    // What a loop writes stops at what an include may write.
    let body = format!(
        "{{% for i in (1..5000) %}}{}{{% endfor %}}",
        "다".repeat(10_000)
    );
    let out = ran(&ctx, &body, &[]);
    assert_eq!(out.len(), (MAX_TOTAL / 30_000 + 1) * 30_000);
    // Unclosed code blocks and loops, many: each searched once.
    let many = "{% highlight x %}{% raw %}{% comment %}{% for a in (1..2) %}".repeat(5_000);
    assert_eq!(ran(&ctx, &many, &[]), "");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

/// The iterations are counted over the whole post: a loop that includes
/// the file it is in stops with the others.
#[test]
fn a_post_runs_a_bounded_number_of_iterations_in_all() {
    let ctx = post("title: 제주\n");
    let mut liquid = Liquid::new(&ctx).child(Vec::new());
    let a = run_text("{% for i in (1..6000) %}가{% endfor %}", &mut liquid);
    let b = run_text("{% for i in (1..6000) %}나{% endfor %}", &mut liquid);
    assert_eq!(a.chars().count() + b.chars().count(), MAX_ITERATIONS);
}
