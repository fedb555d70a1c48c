//! Liquid as Jekyll runs it over posts, seen through the renderer: URL
//! filters and `site.*` from the site, `page.*` from the post's own front
//! matter, `highlight` and `raw` as code, every other tag invisible.

mod common;

use common::rendered_text as text;
use std::path::Path;
use std::sync::Arc;

use sinmun::markdown::{LiquidContext, to_html, visible_text};
use sinmun::post::{Format, Keep, parse};
use sinmun::render::{RenderOptions, Rendered, render};

fn site() -> LiquidContext {
    LiquidContext {
        site_url: "https://dev-note.example.kr".into(),
        baseurl: "/blog".into(),
        site: vec![("title".into(), "개발 노트".into())],
        page: vec![("title".into(), "리퀴드 정리".into())],
        ..LiquidContext::default()
    }
}

fn shown(body: &str, format: Format, ctx: LiquidContext) -> Rendered {
    let opts = RenderOptions {
        liquid: Some(Arc::new(ctx)),
        ..RenderOptions::new(80)
    };
    render(body, format, &opts)
}

#[test]
fn urls_resolve_under_the_site() {
    let body = "\
![첫 화면]({{ \"/assets/img/main.png\" | relative_url }})
![로고]({{ '/assets/img/logo.png' | absolute_url }}){: .align-center}
![배너]({{ site.baseurl }}/assets/img/banner.png)
[홈]({{ site.url }}{{ site.baseurl }}/)과 [글]({{ \"/about/\" | prepend: site.baseurl }})
<img src=\"{{ site.baseurl }}/assets/img/raw.png\" alt=\"그림\">
";
    let r = shown(body, Format::Markdown, site());
    let t = text(&r).split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "[image: 첫 화면] /blog/assets/img/main.png",
        "[image: 로고] https://dev-note.example.kr/blog/assets/img/logo.png",
        "[image: 배너] /blog/assets/img/banner.png",
        "[image: 그림] /blog/assets/img/raw.png",
    ] {
        assert!(t.contains(want), "{want:?} not in:\n{t}");
    }
    assert_eq!(
        r.links,
        ["https://dev-note.example.kr/blog/", "/blog/about/"]
    );
}

#[test]
fn without_a_site_urls_are_plain_paths() {
    let r = shown(
        "![그림]({{ \"/assets/a.png\" | absolute_url }}) {{ site.title }}끝\n",
        Format::Markdown,
        LiquidContext::default(),
    );
    assert_eq!(text(&r), "[image: 그림] /assets/a.png 끝");
}

#[test]
fn page_values_come_from_the_posts_front_matter() {
    let file = "---\ntitle: 깃허브 블로그 만들기\nsubtitle: \"(2) 글쓰기\"\ncategories: [Blog]\n---\n# {{ page.title }} {{ page.subtitle }}\n\n분류: {{ page.categories }}, 없는 키: [{{ page.nothing }}]\n";
    let post = parse(
        Path::new("2021-08-02-blog.md"),
        "2021-08-02-blog",
        file.as_bytes(),
        Format::Markdown,
        Keep::ALL,
    )
    .expect("a post");
    let ctx = LiquidContext::for_post(&post);
    let body = post.body.as_deref().expect("kept body");
    let r = shown(body, Format::Markdown, ctx.clone());
    assert_eq!(
        text(&r),
        "# 깃허브 블로그 만들기 (2) 글쓰기\n\n분류: Blog, 없는 키: []"
    );
    assert_eq!(
        visible_text(body, &ctx),
        "깃허브 블로그 만들기 (2) 글쓰기 분류: Blog, 없는 키: []"
    );
}

#[test]
fn tags_show_nothing_but_includes_name_themselves() {
    let body = "\
{% assign img = \"/assets/2021\" %}
{% capture note %}캡처된 글{% endcapture %}
{% include toc.html title=\"목차\" %}
{% if page.comments %}
댓글을 남겨 주세요.
{% elsif x %}
{% else %}
{% endif %}
{% for post in site.posts limit:3 %}
- [{{ post.title }}]({{ post.url }})
{% endfor %}
{% unless x %}{% case y %}{% when 1 %}보임{% endcase %}{% endunless %}
{% comment %}
숨긴 설명 {{ site.secret }}
{% endcomment %}
그림 경로: {{ img }}/a.png, {% include_relative 부분.md %}
";
    let t = text(&shown(body, Format::Markdown, site()));
    // A theme's `toc.html` is a table of contents: of no headings here.
    assert_eq!(
        t,
        "댓글을 남겨 주세요.\n\n보임\n\n그림 경로: /assets/2021/a.png, [include: 부분.md]"
    );
}

#[test]
fn raw_shows_liquid_as_code_and_keeps_markdown_that_has_code() {
    let body = "\
인라인 {% raw %}{{ content }}{% endraw %}로 본문을 넣습니다.

{% raw %}
<h1>{{ page.title }}</h1>
{% endraw %}

{% raw %}
```html
<p>{{ site.url }}</p>
```
{% endraw %}
";
    let h = to_html(body, &site());
    assert!(h.contains("인라인 <code>{{ content }}</code>로"), "{h}");
    assert!(
        h.contains("<pre><code>&lt;h1&gt;{{ page.title }}&lt;/h1&gt;\n</code></pre>"),
        "{h}"
    );
    assert!(
        h.contains(
            "<pre><code class=\"language-html\">&lt;p&gt;{{ site.url }}&lt;/p&gt;\n</code></pre>"
        ),
        "{h}"
    );
    assert!(!h.contains("raw"), "{h}");
}

#[test]
fn highlight_with_raw_inside_shows_the_tags_it_protects() {
    let body = "{% highlight liquid %}\n{% raw %}{% if user %}\n  안녕하세요, {{ user.name }}님!\n{% endif %}{% endraw %}\n{% endhighlight %}\n";
    let h = to_html(body, &site());
    assert_eq!(
        h,
        "<pre><code class=\"language-liquid\">{% if user %}\n  안녕하세요, {{ user.name }}님!\n{% endif %}\n</code></pre>\n"
    );
}

#[test]
fn broken_liquid_stays_text() {
    let body = "열린 태그 {% highlight python 뒤에 글.\n\n닫히지 않은 {% raw %} 블록과 {{ 출력\n\n{% endhighlight %} 홀로.\n";
    let t = text(&shown(body, Format::Markdown, site()));
    assert_eq!(
        t,
        "열린 태그 {% highlight python 뒤에 글.\n\n닫히지 않은 블록과 {{ 출력\n\n홀로."
    );
}

#[test]
fn html_bodies_run_liquid_too() {
    let body = "<p>{{ page.title }} — <img src=\"{{ '/a.png' | relative_url }}\" alt=\"그림\">{% if x %}</p>\n\
                {% highlight bash %}\necho \"<안녕>\"   # 주석\n{% endhighlight %}\n\
                <pre>{{ 그대로 }}</pre><p><code>{% if %}</code></p>";
    let r = shown(body, Format::Html, site());
    let t = text(&r);
    assert!(
        t.starts_with("리퀴드 정리 — [image: 그림] /blog/a.png"),
        "{t}"
    );
    assert!(t.contains("echo \"<안녕>\"   # 주석"), "{t}");
    assert!(t.contains("{{ 그대로 }}") && t.contains("{% if %}"), "{t}");
    assert!(!t.contains("{% if x %}"), "{t}");
}

#[test]
fn theme_includes_show_what_they_put_in_the_article() {
    let body = "\
- 준비물 하나
- 준비물 둘

{% include toc %}

## 설치

{% capture fig_path %}/assets/img/graph.png{% endcapture %}
{% include figure image_path=fig_path alt=\"의존 그래프\"
    caption=\"패키지 사이의 의존 관계\" %}

{% include video id=\"XsxDH4HcOWA\" provider=\"youtube\" %}

{% include embed/youtube.html id='wsYWGh9KqJA' %}

## 사용

사진은 {% include gallery caption=\"모음\" %} 에 있습니다.
";
    let r = shown(body, Format::Markdown, site());
    let shown = text(&r);
    // Minimal Mistakes' table of contents lists the headings, after the
    // list before it (kramdown's `{:toc}` would take that list's place).
    assert!(
        shown.starts_with("- 준비물 하나\n- 준비물 둘\n\n- 설치\n- 사용\n"),
        "{shown}"
    );
    assert!(
        shown.contains("[image: 의존 그래프] /assets/img/graph.png"),
        "{shown}"
    );
    assert!(shown.contains("패키지 사이의 의존 관계"), "{shown}");
    assert!(
        shown.contains("사진은 [include: gallery] 에 있습니다."),
        "{shown}"
    );
    assert_eq!(
        r.links,
        [
            "https://www.youtube.com/watch?v=XsxDH4HcOWA",
            "https://www.youtube.com/watch?v=wsYWGh9KqJA"
        ]
    );
}

/// The binary over `args` with a home of its own (kept in `home`, with
/// its persistent index): stdout and status.
fn run(home: &Path, args: &[&str]) -> (String, Option<i32>) {
    let out = common::command_in(home)
        .args(args)
        .output()
        .expect("run sinmun");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code(),
    )
}

/// `--dump ID` of the site at `dir`, 80 cells wide, without colour.
fn dump(home: &Path, dir: &str, id: &str) -> String {
    let args = ["--dump", id, "--width", "80", "--color", "never", dir];
    let (shown, code) = run(home, &args);
    assert_eq!(code, Some(0), "{shown}");
    shown
}

/// A Jekyll site whose posts put their section headings and figures in
/// through its own includes, as many Korean blogs do.
fn include_site() -> common::Site {
    let site = common::Site::new();
    site.write("_config.yml", "title: 설치 노트\n");
    site.write(
        "_includes/heading.html",
        "<h2>{{ include.number }}. {{ include.content }}</h2>\n",
    );
    site.write(
        "_includes/figure.html",
        "<figure>\n    {% if include.width %}\n    <img src=\"{{ include.url }}\" alt=\"{{ include.description }}\" width=\"{{ include.width }}\">\n    {% else %}\n    <img src=\"{{ include.url }}\" alt=\"{{ include.description }}\">\n    {% endif %}\n    <figcaption>[ {{ include.description }} ]</figcaption>\n</figure>\n",
    );
    site.write(
        "_includes/note.md",
        "> **알림:** {{ include.text }} ({{ include.level | plus: 1 }}단계)\n",
    );
    site.write(
        "_includes/nested.html",
        "<div>{% include heading.html number=include.n content=page.title %}</div>\n",
    );
    site.write(
        "_posts/2024-03-01-설치.md",
        "---\ntitle: 도구 설치\n---\n들어가며.\n\n\
         {% include heading.html number=\"1\" content=\"설치하기\" %}\n\
         내려받아 **설치**합니다.\n\n\
         {% include figure.html url=\"/assets/img/설치.png\" description=\"설치 화면\" %}\n\n\
         {% include note.md text=\"관리자 권한이 필요합니다\" level=\"1\" %}\n\n\
         {% include nested.html n=\"2\" %}\n\n\
         {% include_relative 조각.md %}\n\n\
         ```liquid\n{% include heading.html number=\"9\" content=\"코드 안\" %}\n```\n",
    );
    site.write("_posts/조각.md", "*기울인* 조각 글\n");
    site
}

/// A site's own includes are written where their tags are, as Jekyll
/// writes them: their parameters, their conditions, their own Liquid and
/// includes, then read as the post's Markdown.
#[test]
fn a_sites_own_includes_show_their_text() {
    let site = include_site();
    let home = tempfile::tempdir().unwrap();
    let dir = site.path().to_string_lossy().into_owned();
    let shown = dump(home.path(), &dir, "2024-03-01-설치");
    for want in [
        "\n## 1. 설치하기\n\n내려받아 설치합니다.\n",
        "[image: 설치 화면] /assets/img/설치.png (not found)\n[ 설치 화면 ]\n",
        "알림: 관리자 권한이 필요합니다 (2단계)",
        "## 2. 도구 설치",
        "\n기울인 조각 글\n",
        // Liquid in the post's Markdown code stays as written.
        "{% include heading.html number=\"9\" content=\"코드 안\" %}",
    ] {
        assert!(shown.contains(want), "{want:?} not in:\n{shown}");
    }
    assert!(!shown.contains("[include:"), "{shown}");
    assert!(!shown.contains("include."), "{shown}");
    // The fragment is no post (a note says so); nothing is wrong.
    let (checked, code) = run(home.path(), &["--check", &dir]);
    assert_eq!(code, Some(0), "{checked}");
    assert!(checked.lines().all(|l| l.contains(": note: ")), "{checked}");
}

/// An include the site lacks shows as a placeholder, and `--check` says
/// where (Jekyll stops its build there), unless a theme may hold it; one
/// written later is shown, and ends the problem, through the index too.
#[test]
fn a_missing_include_is_a_placeholder_and_a_problem() {
    let site = common::Site::new();
    site.write("_config.yml", "title: 설치 노트\n");
    let post = "---\ntitle: 빠진 조각\n---\n첫 줄\n\n{% include 안내.html text=\"읽어 주세요\" %}\n\n끝에 {% include_relative 없음.md %}\n";
    site.write("_posts/2024-03-02-빠짐.md", post);
    let home = tempfile::tempdir().unwrap();
    let dir = site.path().to_string_lossy().into_owned();
    let shown = dump(home.path(), &dir, "2024-03-02-빠짐");
    assert!(shown.contains("[include: 안내.html]"), "{shown}");
    let (checked, code) = run(home.path(), &["--check", &dir]);
    assert_eq!(code, Some(1), "{checked}");
    let lines: Vec<&str> = checked.lines().collect();
    assert_eq!(lines.len(), 2, "{checked}");
    assert!(
        lines[0].ends_with("2024-03-02-빠짐.md:6: include 안내.html: no such file in _includes; Jekyll stops its build here"),
        "{checked}"
    );
    assert!(
        lines[1].ends_with("2024-03-02-빠짐.md:8: include_relative 없음.md: no such file in _posts; Jekyll stops its build here"),
        "{checked}"
    );
    // Written later: shown, and no problem, with the index warm.
    site.write(
        "_includes/안내.html",
        "<p class=\"notice\">{{ include.text }}</p>\n",
    );
    site.write("_posts/없음.md", "덧붙인 글\n");
    let shown = dump(home.path(), &dir, "2024-03-02-빠짐");
    assert!(
        shown.contains("\n읽어 주세요\n") && shown.contains("끝에 덧붙인 글"),
        "{shown}"
    );
    let (checked, code) = run(home.path(), &["--check", &dir]);
    assert_eq!(code, Some(0), "{checked}");
    assert!(checked.lines().all(|l| l.contains(": note: ")), "{checked}");
    // With a theme named, the theme may hold what the site lacks.
    site.write("_config.yml", "title: 설치 노트\ntheme: minima\n");
    std::fs::remove_file(site.path().join("_includes/안내.html")).unwrap();
    let (checked, code) = run(home.path(), &["--check", &dir]);
    assert_eq!(code, Some(0), "{checked}");
    assert!(!checked.contains("안내.html"), "{checked}");
}

/// Include text is post text: cleaned of what a terminal would obey; and
/// an include that includes itself cannot hang or blow up the article.
#[test]
fn hostile_includes_are_cleaned_and_bounded() {
    let site = common::Site::new();
    site.write("_config.yml", "title: 시험\n");
    site.write(
        "_includes/esc.html",
        "<p>\u{1b}[31m빨강\u{1b}[0m \u{202e}역순</p>\n",
    );
    site.write(
        "_includes/self.html",
        "고리 {% include self.html %}{% include self.html %}\n",
    );
    site.write(
        "_posts/2024-03-03-위험.html",
        "---\ntitle: 위험한 조각\n---\n{% include esc.html %}\n{% include self.html %}\n",
    );
    let home = tempfile::tempdir().unwrap();
    let dir = site.path().to_string_lossy().into_owned();
    let started = std::time::Instant::now();
    let shown = dump(home.path(), &dir, "2024-03-03-위험");
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    assert!(common::is_terminal_safe(&shown), "{shown:?}");
    assert!(shown.contains("빨강") && shown.contains("역순"), "{shown}");
    // Eight includes deep (one, two, four … at each depth), then the
    // placeholder.
    assert!(shown.contains("[include: self.html]"), "{shown}");
    assert_eq!(shown.matches("고리").count(), 255, "2⁸ - 1 of them");
}
