//! Pictures benchmark (issue targets: opening an article with a 2 MB JPEG
//! shows its text at once, a keypress at most 1 ms, and its picture within
//! 150 ms; scrolling past a drawn picture at most 1 ms a frame).
//!
//! Run: `cargo bench --bench pictures`
//!
//! A site is written into a temporary folder: one Korean post with a lead
//! picture and a JPEG of about 2 MB (2400×1600 pixels of fine texture,
//! quality 92) in its text, between paragraphs. The reader is built as in
//! `benches/reader.rs` with pictures as half blocks, 120x40, one
//! `TestBackend` terminal kept across iterations.
//!
//! Groups:
//! - `pictures/keypress_open`: `Back` then `Open` of the article (its text
//!   rendered, its pictures drawn), update and draw.
//! - `pictures/decode_fit_2mb_jpeg`: what the picture worker does for the
//!   2 MB JPEG from cold: read, decode, scale to its slot, half blocks
//!   (a new painter each time, so nothing is kept from the last run).
//! - `pictures/scroll_past_picture`: `Down` or `Up` (alternately, over the
//!   picture's rows) and a draw, the picture drawn.
//!
//! After criterion, on stderr: opening the article in a reader that has
//! never seen it, from the `Open` key to the picture drawn (the text
//! answer and the picture answer applied as the runner applies them),
//! five runs, min and median.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::Criterion;
use image::ImageFormat;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sinmun::app::effects::{Effects, Opener, Setup};
use sinmun::app::{Action, App, view};
use sinmun::picture::Mode;
use sinmun::picture::slot::State;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

/// The site: a post with the lead picture and the 2 MB JPEG.
fn site(dir: &Path) -> usize {
    let write = |rel: &str, bytes: &[u8]| {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    };
    write("_config.yml", "title: 사진 일지\n".as_bytes());
    let photo = image::RgbImage::from_fn(2400, 1600, |x, y| {
        // A texture JPEG cannot squeeze: gradients and a hash per pixel.
        let h = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)).rotate_left(7);
        image::Rgb([
            (x / 10) as u8 ^ (h & 0x1f) as u8,
            (y / 7) as u8 ^ ((h >> 8) & 0x1f) as u8,
            ((x + y) / 16) as u8 ^ ((h >> 16) & 0x1f) as u8,
        ])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 92)
        .encode_image(&photo)
        .unwrap();
    write("assets/img/photo.jpg", &jpeg);
    let lead = image::RgbImage::from_fn(640, 360, |x, y| {
        image::Rgb([(x / 3) as u8, (y / 2) as u8, 200])
    });
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(lead)
        .write_to(&mut std::io::Cursor::new(&mut png), ImageFormat::Png)
        .unwrap();
    write("assets/img/lead.png", &png);
    let mut body = String::new();
    for i in 1..=6 {
        body.push_str(&format!(
            "{i}번째 문단: 북한산 능선을 따라 걸으며 본 풍경을 적었습니다.\n\n"
        ));
    }
    body.push_str("![백운대에서 본 서울](/assets/img/photo.jpg)\n\n");
    for i in 7..=40 {
        body.push_str(&format!(
            "{i}번째 문단: 하산길에는 약수터에 들렀습니다.\n\n"
        ));
    }
    write(
        "_posts/2026-11-20-photo.md",
        format!("---\ntitle: 북한산 사진\nimage: /assets/img/lead.png\n---\n{body}").as_bytes(),
    );
    jpeg.len()
}

fn theme() -> sinmun::theme::Theme {
    sinmun::theme::Theme::builtin("dark")
        .unwrap()
        .with_depth(sinmun::theme::ColorDepth::TrueColor)
}

fn reader(dir: &Path) -> (App, Effects) {
    let load = sinmun::loader::load(&[dir.to_path_buf()], sinmun::post::Keep::default());
    let mut app = App::new(sinmun::store::Store::new(load, false), theme(), false)
        .with_pictures(Mode::Halfblocks);
    app.folders = vec![dir.to_path_buf()];
    let mut effects = Effects::new(Setup {
        folders: app.folders.clone(),
        opener: Opener::off(),
        ..Setup::default()
    });
    effects.apply(&mut app, Action::Resize(WIDTH, HEIGHT));
    (app, effects)
}

fn drawn(app: &App) -> bool {
    app.screen
        .article()
        .and_then(|a| a.rendered.as_ref())
        .is_some_and(|r| {
            !r.pictures.is_empty() && r.pictures.iter().all(|s| s.state != State::Waiting)
        })
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = site(dir.path());
    eprintln!("pictures: the JPEG is {bytes} bytes");
    let mut c: Criterion = support::criterion();
    let (mut app, mut effects) = reader(dir.path());
    let mut term = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    effects.apply(&mut app, Action::Open);
    effects.settle(&mut app, Duration::from_secs(30));
    assert!(drawn(&app), "the pictures are drawn");
    let mut group = c.benchmark_group("pictures");
    group.bench_function("keypress_open", |b| {
        b.iter(|| {
            effects.apply(&mut app, Action::Back);
            effects.apply(&mut app, Action::Open);
            term.draw(|f| view::draw(&app, f)).unwrap();
        })
    });
    let article = app.screen.article().unwrap().rendered.clone().unwrap();
    let photo = article
        .pictures
        .iter()
        .position(|s| s.file.path.ends_with("photo.jpg"))
        .unwrap();
    let mut waiting = (*article).clone();
    waiting.pictures[photo].state = State::Waiting;
    group.bench_function("decode_fit_2mb_jpeg", |b| {
        b.iter(|| {
            let mut a = waiting.clone();
            let mut painter = sinmun::picture::painter::Painter::new(
                Mode::Halfblocks,
                theme().paper,
                sinmun::i18n::Lang::En,
            );
            painter.paint(&mut a, photo);
            assert!(matches!(a.pictures[photo].state, State::Drawn(_)));
        })
    });
    // Scroll so that the picture is on screen, then over its rows.
    let slot = article.pictures[photo].clone();
    effects.apply(&mut app, Action::Top);
    for _ in 0..slot.line.saturating_sub(5) {
        effects.apply(&mut app, Action::Down);
    }
    let mut down = true;
    let mut steps = 0;
    group.bench_function("scroll_past_picture", |b| {
        b.iter(|| {
            effects.apply(&mut app, if down { Action::Down } else { Action::Up });
            term.draw(|f| view::draw(&app, f)).unwrap();
            steps += 1;
            if steps % (slot.rows + 10) == 0 {
                down = !down;
            }
        })
    });
    group.finish();
    // From `Open` to the picture drawn, in a reader that never saw it.
    let runs = if std::env::args().any(|a| a == "--test") {
        1
    } else {
        5
    };
    let mut times: Vec<(Duration, Duration)> = (0..runs)
        .map(|_| {
            let (mut app, mut effects) = reader(dir.path());
            let start = Instant::now();
            effects.apply(&mut app, Action::Open);
            let mut text = None;
            while !drawn(&app) {
                let (_, any) = effects.apply_answers(&mut app);
                if !any {
                    std::thread::sleep(Duration::from_micros(200));
                }
                if text.is_none() && app.screen.article().is_some_and(|a| a.rendered.is_some()) {
                    text = Some(start.elapsed());
                }
                assert!(start.elapsed() < Duration::from_secs(30));
            }
            (text.unwrap_or_default(), start.elapsed())
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    eprintln!(
        "pictures: open to text {:?} (min {:?}), open to picture drawn {:?} (min {:?}), median of {runs}",
        median.0,
        times[0].0,
        median.1,
        times.iter().map(|t| t.1).min().unwrap()
    );
    c.final_summary();
}
