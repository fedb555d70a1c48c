//! Loops in a Jekyll site's own includes, through the binary: a theme's
//! gallery walks the pictures a post lists in its front matter, and a
//! hostile include's loops stop at their bounds; an include formats the
//! date a post passes it.

mod common;

use std::path::Path;

/// `--dump ID` of the site at `dir`, 80 cells wide, without colour.
fn dump(home: &Path, dir: &str, id: &str) -> String {
    let args = ["--dump", id, "--width", "80", "--color", "never", dir];
    let out = common::command_in(home)
        .args(args)
        .output()
        .expect("run sinmun");
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(0), "{shown}");
    shown
}

/// A gallery include written as Minimal Mistakes writes its own: the
/// post's `gallery` (or the list `id` names), a figure of its pictures,
/// each linked when it has a `url`, and a caption.
const GALLERY: &str = r#"{% if include.id %}
  {% assign gallery = page[include.id] %}
{% else %}
  {% assign gallery = page.gallery %}
{% endif %}
{% if gallery.size == 2 %}
  {% assign gallery_layout = 'half' %}
{% elsif gallery.size >= 3 %}
  {% assign gallery_layout = 'third' %}
{% endif %}
<figure class="{{ gallery_layout }} {{ include.class }}">
  {% for img in gallery %}
    {% if img.url %}
      <a href="{{ img.url | relative_url }}"
        {% if img.title %}title="{{ img.title }}"{% endif %}>
          <img src="{{ img.image_path | relative_url }}"
               alt="{% if img.alt %}{{ img.alt }}{% endif %}">
      </a>
    {% else %}
      <img src="{{ img.image_path | relative_url }}"
           alt="{% if img.alt %}{{ img.alt }}{% endif %}">
    {% endif %}
  {% endfor %}
  {% if include.caption %}
    <figcaption>{{ include.caption | markdownify | remove: "<p>" | remove: "</p>" }}</figcaption>
  {% endif %}
</figure>
"#;

#[test]
fn a_gallery_include_shows_each_picture_and_its_caption() {
    // The site's own gallery, and the theme's when the site has none.
    for own in [true, false] {
        gallery_shows_each_picture(own);
    }
}

fn gallery_shows_each_picture(own: bool) {
    let site = common::Site::new();
    site.write(
        "_config.yml",
        "title: 제주 일기\nbaseurl: /blog\nremote_theme: mmistakes/minimal-mistakes\n",
    );
    if own {
        site.write("_includes/gallery", GALLERY);
    }
    site.write(
        "_posts/2024-04-01-제주.md",
        "---\ntitle: 제주의 봄\ngallery:\n  - url: /img/한라산-큰.jpg\n    image_path: /img/한라산.jpg\n    alt: \"한라산 사진\"\n    title: 백록담\n  - image_path: /img/성산.jpg\n    alt: \"성산 일출봉\"\n  - image_path: /img/우도.jpg\n    alt: \"우도 바다\"\n맛집:\n  - image_path: /img/흑돼지.jpg\n    alt: 흑돼지 구이\n---\n사진부터 봅니다.\n\n{% include gallery caption=\"한라산과 **바다**\" %}\n\n먹은 것도.\n\n{% include gallery id=\"맛집\" %}\n\n끝.\n",
    );
    let home = tempfile::tempdir().unwrap();
    let dir = site.path().to_string_lossy().into_owned();
    let shown = dump(home.path(), &dir, "2024-04-01-제주");
    let flat = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "사진부터 봅니다.",
        "[image: 한라산 사진] /blog/img/한라산.jpg (not found)",
        "[image: 성산 일출봉] /blog/img/성산.jpg (not found)",
        "[image: 우도 바다] /blog/img/우도.jpg (not found)",
        "한라산과 바다 먹은 것도.",
        "[image: 흑돼지 구이] /blog/img/흑돼지.jpg (not found)",
        "/blog/img/한라산-큰.jpg",
    ] {
        assert!(flat.contains(want), "{want:?} not in:\n{shown}");
    }
    assert_eq!(shown.matches("[image").count(), 4, "{shown}");
    // The caption's Markdown is read (`markdownify`).
    assert!(
        !shown.contains("{%") && !shown.contains("img.") && !shown.contains("**"),
        "{shown}"
    );
}

/// An include that loops over a huge range and includes itself in its
/// loop neither hangs nor fills the memory: it stops at its bounds and
/// shows what it wrote; the post around it shows.
#[test]
fn an_include_looping_over_itself_is_bounded() {
    let site = common::Site::new();
    site.write("_config.yml", "title: 시험\n");
    site.write(
        "_includes/고리.html",
        "{% for i in (1..100000000) %}돌{% include 고리.html %}{% endfor %}\n",
    );
    site.write(
        "_posts/2024-04-02-고리.md",
        "---\ntitle: 끝없는 고리\n---\n앞 글.\n\n{% include 고리.html %}\n\n뒤 글.\n",
    );
    let home = tempfile::tempdir().unwrap();
    let dir = site.path().to_string_lossy().into_owned();
    let started = std::time::Instant::now();
    let shown = dump(home.path(), &dir, "2024-04-02-고리");
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    assert!(
        shown.contains("앞 글.") && shown.contains("뒤 글."),
        "{shown}"
    );
    let stones = shown.matches('돌').count();
    assert!((1000..=10_000).contains(&stones), "{stones}");
}

/// An include given the post's date writes it with Liquid's `date` and
/// Jekyll's `date_to_long_string`, as the published page shows it.
#[test]
fn an_include_formats_the_date_it_is_given() {
    let site = common::Site::new();
    site.write("_config.yml", "title: 제주 일기\n");
    site.write(
        "_includes/날짜.html",
        "<p>{{ include.when | date: \"%Y년 %-m월 %-d일\" }}</p>\n\
         <p>({{ include.when | date_to_long_string: \"ordinal\", \"US\" }})</p>\n",
    );
    site.write(
        "_posts/2024-02-01-날짜.md",
        "---\ntitle: 입춘 무렵\ndate: 2024-02-01 09:30:00 +0900\n---\n쓴 날:\n\n\
         {% include 날짜.html when=page.date %}\n\n끝.\n",
    );
    let home = tempfile::tempdir().unwrap();
    let dir = site.path().to_string_lossy().into_owned();
    let shown = dump(home.path(), &dir, "2024-02-01-날짜");
    for want in ["쓴 날:", "2024년 2월 1일", "(February 1st, 2024)", "끝."] {
        assert!(shown.contains(want), "{want:?} not in:\n{shown}");
    }
    assert!(!shown.contains("%Y") && !shown.contains("{{"), "{shown}");
}
