//! Pictures in articles through `--dump`: half-block rows at several
//! widths, placeholders when pictures are off, the limits, and hostile
//! image files (each run with a deadline: a hang fails the test).

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::pictures::{self, SUN};
use image::ImageFormat;

/// A Jekyll site with one post that names its pictures in every way a
/// Korean blog does: the front matter's lead image, root-relative and
/// relative addresses, one inside a list, a remote one and a missing one.
fn site() -> common::Site {
    common::picture_site(
        "---\ntitle: 북한산 가을 산행\ncategories: [여행]\nimage: /assets/img/hill.png\n---\n\
         지난 주말 북한산에 올랐습니다. 날씨가 맑아 멀리까지 보였습니다.\n\n\
         ![정상에서 본 풍경](/assets/img/bands.jpg)\n\n\
         사진 아래에 이어지는 글입니다.\n\n\
         - 목록 안의 사진: ![작은 사진](../assets/img/hill.png)\n\n\
         ![원격 사진](https://example.com/x.jpg)\n\n\
         ![없는 사진](/assets/img/none.png)\n",
    )
}

/// `sinmun ARGS`, ended (and failed) if it runs longer than 20 seconds.
fn run(args: &[&str]) -> Output {
    let mut child = common::command()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start sinmun");
    // Read while it runs: a long output would fill the pipe and stall it.
    let read = |mut from: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = from.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = read(Box::new(child.stdout.take().expect("stdout")));
    let stderr = read(Box::new(child.stderr.take().expect("stderr")));
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return Output {
                status,
                stdout: stdout.join().expect("stdout read"),
                stderr: stderr.join().expect("stderr read"),
            };
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("sinmun {args:?} did not finish in 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn dump(post: &Path, extra: &[&str]) -> String {
    let post = post.to_string_lossy();
    let mut args = vec!["--dump", &post, "--color", "never"];
    args.extend(extra);
    let out = run(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn dump_draws_half_block_rows_at_each_width() {
    let site = site();
    let post = site.path().join("_posts/2026-11-20-autumn-hike.md");
    for width in ["80", "40", "20"] {
        let text = dump(
            &post,
            &["--images", "halfblocks", "--width", width, "--height", "30"],
        );
        let text = text.replace(&site.path().to_string_lossy().into_owned(), "SITE");
        assert!(
            text.lines()
                .all(|l| sinmun::text::width(l) <= width.parse().unwrap()),
            "{text}"
        );
        insta::assert_snapshot!(format!("pictures_halfblocks_{width}"), text);
    }
}

#[test]
fn dump_colours_each_half_of_a_cell() {
    let site = site();
    let post = site.path().join("_posts/2026-11-20-autumn-hike.md");
    let out = run(&[
        "--dump",
        &post.to_string_lossy(),
        "--images",
        "halfblocks",
        "--color",
        "always",
        "--width",
        "60",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    let [r, g, b] = SUN;
    // Truecolor when the terminal says so; the sun is on the lead picture.
    let out = common::command()
        .env("COLORTERM", "truecolor")
        .args(["--dump", &post.to_string_lossy(), "--images", "halfblocks"])
        .args(["--color", "always", "--width", "60"])
        .output()
        .unwrap();
    let truecolor = String::from_utf8(out.stdout).unwrap();
    assert!(truecolor.contains(&format!("2;{r};{g};{b}")), "{truecolor}");
    assert!(text.contains("▀") || text.contains("▄"));
}

#[test]
fn without_pictures_each_image_is_a_line_that_says_what_its_file_is() {
    let site = site();
    let post = site.path().join("_posts/2026-11-20-autumn-hike.md");
    let text = dump(&post, &["--images", "off", "--width", "80"]);
    assert!(
        text.contains("[image] /assets/img/hill.png (file present)"),
        "{text}"
    );
    assert!(text.contains("[image: 정상에서 본 풍경] /assets/img/bands.jpg (file present)"));
    assert!(
        text.contains("[image: 원격 사진] https://example.com/x.jpg (remote; not fetched)\n"),
        "{text}"
    );
    assert!(text.contains("[image: 없는 사진] /assets/img/none.png (not found)"));
    assert!(!text.contains('▀') && !text.contains('▄'));
    // Piped, `auto` draws no picture either.
    assert_eq!(dump(&post, &["--width", "80"]), text);
}

#[test]
fn no_color_and_the_mono_theme_turn_pictures_off() {
    let site = site();
    let post = site.path().join("_posts/2026-11-20-autumn-hike.md");
    let args = ["--dump", &post.to_string_lossy(), "--images", "halfblocks"].map(str::to_string);
    let mono = common::command()
        .args(&args)
        .args(["--theme", "mono"])
        .output()
        .unwrap();
    let no_color = common::command()
        .args(&args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    for out in [mono, no_color] {
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("(file present)") && !text.contains('▀'),
            "{text}"
        );
    }
}

/// The post `text` written at `rel` in `site`, dumped with half blocks.
fn halfblocks_of(site: &common::Site, rel: &str, text: &str) -> String {
    let post = site.write(rel, text);
    dump(&post, &["--images", "halfblocks"])
}

/// A post in a plain folder (no site) naming `file` (written with `bytes`).
fn hostile(file: &str, bytes: &[u8]) -> (common::Site, String) {
    let folder = common::Site::new();
    folder.write(&format!("posts/{file}"), bytes);
    folder.write(
        "posts/사진.md",
        format!("---\ntitle: 사진 한 장\n---\n앞 문단.\n\n![그림](img/../{file})\n\n뒤 문단.\n"),
    );
    let post = folder.path().join("posts/사진.md");
    let text = dump(&post, &["--images", "halfblocks", "--width", "60"]);
    assert!(
        text.contains("앞 문단.") && text.contains("뒤 문단."),
        "{text}"
    );
    (folder, text)
}

#[test]
fn a_truncated_image_is_a_placeholder_with_its_problem() {
    let png = pictures::encode(&pictures::landscape(320, 180), ImageFormat::Png);
    let (_f, text) = hostile("cut.png", &png[..png.len() / 3]);
    // The reason, wrapped over the rows held for the picture, is whole.
    let said: Vec<&str> = text.split_whitespace().collect();
    let said = said.join(" ");
    assert!(
        said.contains("[image] (not a readable image: unexpected end of file)"),
        "{text}"
    );
    assert!(!said.contains("…"), "{text}");
    let jpeg = pictures::encode(&pictures::landscape(320, 180), ImageFormat::Jpeg);
    // The JPEG decoder draws what arrived (the rest grey): no failure.
    let (_f, text) = hostile("cut.jpg", &jpeg[..jpeg.len() / 3]);
    assert!(text.contains("그림"), "{text}");
}

#[test]
fn a_decompression_bomb_is_refused_from_its_header() {
    let (_f, text) = hostile("bomb.png", &pictures::png_header_only(60_000, 60_000));
    let text = text.replace('\n', " ");
    assert!(
        text.contains("(60000×60000 pixels, over the 40-megapixel limit; not decoded)"),
        "{text}"
    );
}

#[test]
fn an_image_over_the_size_limit_is_not_read() {
    let folder = common::Site::new();
    let big = folder.write(
        "posts/big.png",
        pictures::encode(&pictures::landscape(8, 8), ImageFormat::Png),
    );
    std::fs::OpenOptions::new()
        .write(true)
        .open(&big)
        .unwrap()
        .set_len(21 * 1024 * 1024)
        .unwrap();
    let text = halfblocks_of(
        &folder,
        "posts/큰그림.md",
        "---\ntitle: 큰 그림\n---\n![큰](big.png)\n",
    );
    assert!(
        text.contains("(22.0 MB, over the 20 MiB limit; not read)"),
        "{text}"
    );
}

#[test]
fn the_format_is_read_from_the_file_not_its_name() {
    let jpeg = pictures::encode(&pictures::landscape(160, 90), ImageFormat::Jpeg);
    let (_f, text) = hostile("really-a-jpeg.png", &jpeg);
    assert!(text.contains('▀') || text.contains('▄'), "{text}");
    let (_f, text) = hostile("text.jpg", "사진이 아닌 글자".as_bytes());
    assert!(text.contains("(not an image sinmun reads)"), "{text}");
}

#[test]
fn gif_shows_its_first_frame_and_webp_is_read() {
    let (_f, text) = hostile("anim.gif", &pictures::animated_gif(64, 36));
    assert!(text.contains('▀') || text.contains('▄'), "{text}");
    let webp = pictures::encode(&pictures::landscape(64, 36), ImageFormat::WebP);
    let (_f, text) = hostile("hill.webp", &webp);
    assert!(text.contains('▀') || text.contains('▄'), "{text}");
    // The first frame, not the red second one: the library's own decode.
    let gif = pictures::animated_gif(64, 36);
    let img = sinmun::picture::decode::decode_bytes(&gif)
        .unwrap()
        .to_rgb8();
    assert_ne!(img.get_pixel(2, 2).0, [255, 0, 0]);
}

#[cfg(unix)]
#[test]
fn a_fifo_and_a_symlink_out_of_the_folder_are_never_read() {
    let folder = common::Site::new();
    std::fs::create_dir_all(folder.path().join("posts")).unwrap();
    let fifo = folder.path().join("posts/pipe.png");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success(),
        "mkfifo"
    );
    let _outside = common::link_outside(&folder.path().join("posts/link.png"));
    let text = halfblocks_of(
        &folder,
        "posts/글.md",
        "---\ntitle: 이상한 파일들\n---\n![관](pipe.png)\n\n![링크](link.png)\n\n![탈출](../../../../../../etc/passwd)\n",
    );
    assert!(
        text.contains("[image: 관] pipe.png (not a regular file (a FIFO); not read)"),
        "{text}"
    );
    assert!(
        text.contains("[image: 링크] link.png (outside the post's folder; not read)"),
        "{text}"
    );
    assert!(
        text.contains("(outside the post's folder; not read)\n"),
        "{text}"
    );
    assert!(!text.contains("root:"));
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_site_is_never_read() {
    let site = site();
    let _outside = common::link_outside(&site.path().join("assets/img/link.png"));
    let text = halfblocks_of(
        &site,
        "_posts/2026-11-21-link.md",
        "---\ntitle: 링크\n---\n![링크](/assets/img/link.png)\n",
    );
    assert!(
        text.contains("/assets/img/link.png (outside the site; not read)"),
        "{text}"
    );
}

#[cfg(unix)]
#[test]
fn under_a_korean_locale_placeholders_say_why_in_korean() {
    let site = site();
    let _outside = common::link_outside(&site.path().join("assets/img/link.png"));
    site.write(
        "assets/img/bomb.png",
        pictures::png_header_only(60_000, 60_000),
    );
    site.write("assets/img/text.jpg", "사진이 아닌 글자");
    site.write(
        "_posts/2026-11-22-ko.md",
        "---\ntitle: 한국어\n---\n![링크](/assets/img/link.png)\n\n![폭탄](/assets/img/bomb.png)\n\n\
         ![글자](/assets/img/text.jpg)\n\n![원격](https://example.com/x.jpg)\n\n![없음](/assets/img/none.png)\n",
    );
    let post = site.path().join("_posts/2026-11-22-ko.md");
    let out = common::command()
        .env("LANG", "ko_KR.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .args(["--dump", &post.to_string_lossy(), "--color", "never"])
        .args(["--images", "halfblocks", "--width", "200"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for said in [
        "/assets/img/link.png (사이트 밖에 있어 읽지 않음)",
        "/assets/img/bomb.png (60000×60000 픽셀로 40메가픽셀 한도를 넘어 풀지 않음)",
        "/assets/img/text.jpg (sinmun이 읽는 그림 파일이 아님)",
        "https://example.com/x.jpg (원격 그림; 가져오지 않음)",
        "/assets/img/none.png (파일 없음)",
        // The placeholder's own word too.
        "[그림: 없음] /assets/img/none.png",
        "[그림: 원격] https://example.com/x.jpg",
    ] {
        assert!(text.contains(said), "{said}\n{text}");
    }
    assert!(!text.contains("[image"), "{text}");
}

#[test]
fn root_relative_addresses_find_the_site_above_the_folder_given() {
    // The folder given is inside the site, below `_posts`: its root is
    // found by walking up to `_config.yml`.
    let site = common::picture_site("---\ntitle: 자리\n---\n본문.\n");
    site.write(
        "_posts/여행/2026-11-21-valley.md",
        "---\ntitle: 계곡\n---\n계곡 사진입니다.\n\n![계곡](/assets/img/hill.png)\n",
    );
    let folder = site.path().join("_posts/여행");
    let out = run(&[
        "--dump",
        "2026-11-21-valley",
        &folder.to_string_lossy(),
        "--images",
        "halfblocks",
        "--color",
        "never",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains('▀') || text.contains('▄'), "{text}");
    assert!(text.contains("계곡 사진입니다."), "{text}");
}

#[test]
fn thousands_of_pictures_in_one_post_end_in_time() {
    // A hostile post: 3,000 times the same picture. The rows held for
    // pictures count in the article's line budget, and a picture drawn at
    // a size is scaled once.
    let folder = common::Site::new();
    folder.write(
        "posts/a.jpg",
        pictures::encode(&pictures::landscape(800, 450), ImageFormat::Jpeg),
    );
    let mut body = String::from("---\ntitle: 그림 많은 글\n---\n");
    for i in 0..3000 {
        body.push_str(&format!(
            "<p>{i}번째 <img src=\"a.jpg\" alt=\"그림 {i}\"></p>\n"
        ));
    }
    let post = folder.write("posts/many.html", body);
    let text = dump(&post, &["--images", "halfblocks", "--width", "80"]);
    let rows = text.lines().filter(|l| l.contains(['▀', '▄'])).count();
    assert!(rows > 10_000, "{rows} rows of half blocks");
    assert!(text.lines().count() <= 60_000);
}

#[test]
fn a_picture_named_in_hangul_is_found_and_shown_however_its_address_is_written() {
    let site = common::picture_site(
        "---\ntitle: 시베\n---\n![그대로](/assets/img/시베.png)\n\n\
         ![인코딩](/assets/img/%EC%8B%9C%EB%B2%A0.png)\n",
    );
    let png = pictures::encode(&pictures::landscape(32, 18), ImageFormat::Png);
    site.write("assets/img/시베.png", png);
    let post = site.path().join("_posts/2026-11-20-autumn-hike.md");
    let text = dump(&post, &["--images", "off", "--width", "80"]);
    for alt in ["그대로", "인코딩"] {
        let line = format!("[image: {alt}] /assets/img/시베.png (file present)");
        assert!(text.contains(&line), "{line:?} not in:\n{text}");
    }
    let drawn = dump(&post, &["--images", "halfblocks", "--width", "40"]);
    assert!(!drawn.contains("[image"), "both drawn:\n{drawn}");
}
