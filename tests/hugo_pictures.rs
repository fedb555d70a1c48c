//! The lead picture of a Hugo post as Hugo and its themes find it, through
//! the binary: a page bundle's `featured` picture when the front matter
//! names none, and Hugo Blox's `image:` mapping, which names none and is
//! no problem.

mod common;

use std::path::Path;

use common::Site;
use common::pictures::{encode, landscape};
use image::ImageFormat;

/// A Hugo site whose `posts/제주` bundle holds `featured.png` beside an
/// `index.md` with `front` (YAML) and a Korean body.
fn jeju_site(front: &str) -> Site {
    let site = Site::new();
    site.write(
        "hugo.toml",
        "title = \"바다 일기\"\nlanguageCode = \"ko-kr\"\n",
    );
    site.write(
        "content/posts/제주/index.md",
        format!(
            "---\ntitle: 제주 올레길 걷기\ndate: 2024-10-03\n{front}---\n\
             바다를 따라 하루 종일 걸었습니다.\n"
        ),
    );
    site.write(
        "content/posts/제주/featured.png",
        encode(&landscape(64, 36), ImageFormat::Png),
    );
    site
}

/// `sinmun --dump ID` over `dir`, pictures off: each picture a line.
fn dump(dir: &Path, id: &str) -> String {
    let shown = dir.to_string_lossy();
    let args = [
        "--dump", id, "--images", "off", "--width", "60", "--color", "never", &shown,
    ];
    common::output_in(dir, &args)
}

#[test]
fn a_bundle_s_featured_picture_leads_its_article() {
    let site = jeju_site("");
    let text = dump(&site.path(), "posts/제주");
    let lines: Vec<&str> = text.lines().collect();
    let lead = lines
        .iter()
        .position(|l| *l == "[image] featured.png (file present)")
        .unwrap_or_else(|| panic!("no lead picture:\n{text}"));
    let body = lines
        .iter()
        .position(|l| l.contains("바다를 따라"))
        .expect("the body");
    assert!(lines[0].contains("제주 올레길 걷기"), "{text}");
    assert!(lead < body, "the picture leads the body:\n{text}");
    // Drawn, it is the picture's rows.
    let dir = site.path();
    let out = common::run_in(
        &dir,
        &[
            "--dump",
            "posts/제주",
            "--images",
            "halfblocks",
            "--width",
            "60",
            &dir.to_string_lossy(),
        ],
    );
    let drawn = String::from_utf8_lossy(&out.stdout);
    assert!(drawn.contains('▀') || drawn.contains('▄'), "{drawn}");
}

#[test]
fn the_featured_picture_is_not_the_front_matter_s_image() {
    let site = jeju_site("");
    let dir = site.path();
    let out = common::run_in(&dir, &["--list", "--json", &dir.to_string_lossy()]);
    let posts: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(posts[0]["title"], "제주 올레길 걷기");
    assert_eq!(posts[0]["image"], "", "render-time only");
}

#[test]
fn the_front_matter_s_picture_comes_before_the_featured_one() {
    // `image:`, or Hugo's own `images:` (its cards' pictures).
    for front in [
        "image: 바다.png\n",
        "images:\n  - 바다.png\n  - featured.png\n",
    ] {
        let site = jeju_site(front);
        site.write(
            "content/posts/제주/바다.png",
            encode(&landscape(40, 20), ImageFormat::Png),
        );
        let text = dump(&site.path(), "posts/제주");
        assert!(
            text.contains("[image] 바다.png (file present)"),
            "{front}{text}"
        );
        assert!(!text.contains("featured.png"), "{front}{text}");
    }
}

#[test]
fn a_hugo_blox_image_mapping_is_no_problem_and_the_bundle_s_picture_leads() {
    let site = jeju_site(
        "image:\n  caption: '사진: [**Unsplash**](https://unsplash.com)'\n  \
         focal_point: ''\n  preview_only: false\n",
    );
    let dir = site.path();
    let out = common::run_in(&dir, &["--check", &dir.to_string_lossy()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    let text = dump(&dir, "posts/제주");
    assert!(
        text.contains("[image] featured.png (file present)"),
        "{text}"
    );
}

#[test]
fn a_post_outside_a_bundle_has_no_featured_picture() {
    let site = jeju_site("");
    site.write(
        "content/posts/우도.md",
        "---\ntitle: 우도 한 바퀴\n---\n자전거로 섬을 돌았습니다.\n",
    );
    site.write(
        "content/posts/featured.png",
        encode(&landscape(64, 36), ImageFormat::Png),
    );
    let text = dump(&site.path(), "posts/우도");
    assert!(text.contains("자전거로 섬을"), "{text}");
    assert!(!text.contains("[image"), "{text}");
}

#[test]
fn a_folder_that_is_no_hugo_site_has_no_bundles() {
    let site = Site::new();
    site.write(
        "제주/index.md",
        "---\ntitle: 제주 메모\n---\n그냥 메모입니다.\n",
    );
    site.write(
        "제주/featured.png",
        encode(&landscape(64, 36), ImageFormat::Png),
    );
    let text = dump(&site.path(), "제주");
    assert!(text.contains("그냥 메모"), "{text}");
    assert!(!text.contains("[image"), "{text}");
}
