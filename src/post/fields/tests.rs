use std::path::Path;

use crate::post::{Format, Keep, Post, parse};

/// A Markdown post of `front` (YAML between `---` lines) over a Korean body.
fn post(front: &str) -> Post {
    let text = format!("---\n{front}---\n제주에서 쓴 글입니다.\n");
    parse(
        Path::new("content/posts/제주/index.md"),
        "posts/제주",
        text.as_bytes(),
        Format::Markdown,
        Keep::ALL,
    )
    .expect("a post")
}

#[test]
fn an_image_mapping_without_a_path_is_no_picture_and_no_problem() {
    // Hugo Blox (Wowchemy) describes the bundle's `featured.jpg` so.
    let blox = post(
        "title: 제주 여행\nimage:\n  caption: '사진: [**Unsplash**](https://unsplash.com)'\n  \
         focal_point: ''\n  preview_only: false\n",
    );
    assert_eq!(blox.image, "");
    assert!(blox.problems.is_empty(), "{:?}", blox.problems);
    let odd_path = post("title: 숫자 경로\nimage:\n  path: 2024\n");
    assert_eq!(odd_path.image, "");
    assert!(odd_path.problems.is_empty(), "{:?}", odd_path.problems);
    // Chirpy's mapping still gives its `path`.
    let chirpy = post("title: 로그\nimage:\n  path: /assets/img/로그.png\n  alt: 로그 화면\n");
    assert_eq!(chirpy.image, "/assets/img/로그.png");
}

#[test]
fn an_image_mapping_without_a_path_leaves_room_for_a_theme_s_picture() {
    let p = post("title: 표지\nimage:\n  caption: 한라산\ncover: images/표지.png\n");
    assert_eq!(p.image, "images/표지.png");
}

#[test]
fn hugo_s_images_give_the_first_path_named() {
    let list = post("title: 오름\nimages:\n  - ''\n  - 사진/오름.jpg\n  - 사진/둘째.jpg\n");
    assert_eq!(list.image, "사진/오름.jpg");
    let one = post("title: 오름\nimages: /images/한라산.png\n");
    assert_eq!(one.image, "/images/한라산.png");
    assert_eq!(post("title: 빈 목록\nimages: []\n").image, "");
    assert!(
        list.extra.iter().any(|(k, _)| k == "images"),
        "kept as written"
    );
}

#[test]
fn hugo_s_images_come_after_image_and_the_themes_keys() {
    let both = post("title: 둘 다\nimages: [/a.png]\nimage: /b.png\n");
    assert_eq!(both.image, "/b.png");
    let theme = post("title: 테마\nimages: [/a.png]\nthumbnail: /작게.png\n");
    assert_eq!(theme.image, "/작게.png");
    let header = post("title: 머리\nimages: [/a.png]\nheader:\n  teaser: /머리.jpg\n");
    assert_eq!(header.image, "/머리.jpg");
}
