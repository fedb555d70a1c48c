//! Pictures in the reader: the text first, the picture when the worker has
//! drawn it; the rows it holds scroll, page, search and resize like any
//! lines; the pane shows what `--dump` prints; a graphics protocol draws
//! only inside the pane and never over a popup.

mod common;

use std::path::Path;

use common::reader::Reader;
use ratatui_image::picker::{Picker, ProtocolType};
use sinmun::app::effects::{Effects, Opener, Setup};
use sinmun::app::{Action, App};
use sinmun::picture::Mode;
use sinmun::picture::slot::State;

fn site() -> common::Site {
    let mut body = String::from(
        "지난 주말 북한산에 올랐습니다.\n\n![정상에서 본 풍경](/assets/img/bands.jpg)\n\n",
    );
    for i in 1..=30 {
        body.push_str(&format!(
            "{i}번째 문단입니다. 단풍이 곱게 물들었습니다.\n\n"
        ));
    }
    body.push_str("마지막 문단: 하산길의 약수터.\n");
    common::picture_site(&format!(
        "---\ntitle: 북한산 가을 산행\nimage: /assets/img/hill.png\n---\n{body}"
    ))
}

/// The site's article open in a reader showing pictures in `mode`.
fn opened(mode: Mode, w: u16, h: u16) -> (common::Site, Reader) {
    let site = site();
    let mut r = reader(&site.path(), mode, w, h);
    r.run([Action::Open]);
    (site, r)
}

/// The reader on `folder` showing pictures in `mode`, at `w` × `h`.
fn reader(folder: &Path, mode: Mode, w: u16, h: u16) -> Reader {
    let load = sinmun::loader::load(&[folder.to_path_buf()], sinmun::post::Keep::default());
    let mut app = App::new(
        sinmun::store::Store::new(load, false),
        common::reader::theme(),
        false,
    )
    .with_pictures(mode);
    app.folders = vec![folder.to_path_buf()];
    let effects = Effects::new(Setup {
        folders: app.folders.clone(),
        opener: Opener::off(),
        ..Setup::default()
    });
    let mut r = Reader::of(app, effects, w, h);
    r.effects.start(&r.app);
    r.settle();
    r
}

fn states(r: &Reader) -> Vec<State> {
    let a = r.app.screen.article().unwrap();
    a.rendered
        .as_ref()
        .unwrap()
        .pictures
        .iter()
        .map(|s| s.state.clone())
        .collect()
}

#[test]
fn the_text_comes_first_then_the_pictures_in_the_rows_held_for_them() {
    let site = site();
    let mut r = reader(&site.path(), Mode::Halfblocks, 100, 40);
    // Open, and take only the text's answer: the pictures are still owed.
    r.effects.apply(&mut r.app, Action::Open);
    let start = std::time::Instant::now();
    while r.app.screen.article().is_none_or(|a| a.rendered.is_none()) {
        r.effects.apply_answers(&mut r.app);
        assert!(start.elapsed().as_secs() < 20);
    }
    let a = r.app.screen.article().unwrap();
    let first = a.rendered.clone().unwrap();
    assert!(first.lines.iter().any(|l| l.text().contains("지난 주말")));
    // The rows are held from the start: drawing the pictures moves no line.
    r.settle();
    let drawn = r.app.screen.article().unwrap().rendered.clone().unwrap();
    assert_eq!(states(&r).len(), 2);
    assert!(states(&r).iter().all(|s| matches!(s, State::Drawn(None))));
    assert_eq!(first.lines.len(), drawn.lines.len());
    for (a, b) in first.pictures.iter().zip(&drawn.pictures) {
        assert_eq!((a.line, a.rows, a.cols), (b.line, b.rows, b.cols));
    }
    let slot = &drawn.pictures[0];
    assert!(
        drawn.lines[slot.line].text().contains('▄') || drawn.lines[slot.line].text().contains('▀')
    );
    assert!(r.shows("▄") || r.shows("▀"));
    assert!(r.shows("정상에서 본 풍경"));
}

#[test]
fn the_pane_shows_what_dump_prints_pictures_included() {
    let (site, r) = opened(Mode::Halfblocks, 100, 40);
    let width = r.app.article_width().to_string();
    let height = r.app.article_rows().to_string();
    let post = site.path().join("_posts/2026-11-20-autumn-hike.md");
    let out = common::command()
        .args(["--dump", &post.to_string_lossy(), "--images", "halfblocks"])
        .args(["--width", &width, "--height", &height, "--color", "never"])
        .output()
        .unwrap();
    let dumped = String::from_utf8(out.stdout).unwrap();
    let pane: Vec<String> = r
        .app
        .screen
        .article()
        .unwrap()
        .lines()
        .iter()
        .map(|l| l.text())
        .collect();
    assert_eq!(dumped.lines().collect::<Vec<_>>(), pane);
}

#[test]
fn scrolling_paging_and_search_go_past_a_picture() {
    let (_site, mut r) = opened(Mode::Halfblocks, 100, 30);
    let slot = r
        .app
        .screen
        .article()
        .unwrap()
        .rendered
        .as_ref()
        .unwrap()
        .pictures[1]
        .clone();
    // Scroll one line at a time through the picture: every frame fits.
    for _ in 0..slot.line + slot.rows {
        r.run([Action::Down]);
        assert!(r.rows().iter().all(|row| sinmun::text::width(row) <= 100));
    }
    assert!(r.app.screen.article().unwrap().scroll > slot.line);
    r.run([
        Action::Top,
        Action::PageDown,
        Action::PageDown,
        Action::Bottom,
    ]);
    assert!(r.shows("약수터"), "{}", r.frame());
    // Search for the last paragraph: found past both pictures, marked.
    r.run([Action::Top, Action::StartSearch]);
    r.run(common::reader::typed("약수터"));
    r.run([Action::SearchAccept, Action::NextMatch]);
    let a = r.app.screen.article().unwrap();
    assert!(a.scroll > slot.line, "scrolled to the match: {}", a.scroll);
    assert!(r.shows("약수터"));
}

#[test]
fn a_resize_fits_the_pictures_again() {
    let (_site, mut r) = opened(Mode::Halfblocks, 120, 50);
    let size = |r: &Reader| {
        let a = r.app.screen.article().unwrap().rendered.clone().unwrap();
        let s = &a.pictures[0];
        assert!(matches!(s.state, State::Drawn(_)), "{:?}", s.state);
        (s.cols, s.rows)
    };
    let wide = size(&r);
    r.run([Action::Resize(30, 50)]);
    let narrow = size(&r);
    assert!(narrow.0 < wide.0 && narrow.0 <= 28, "{wide:?} {narrow:?}");
    r.run([Action::Resize(30, 12)]);
    let short = size(&r);
    assert!(short.1 <= 5, "half of the pane's rows at most: {short:?}");
    assert!(r.rows().iter().all(|row| sinmun::text::width(row) <= 30));
}

/// A picker for the kitty protocol with cells of 10 × 20 pixels (no
/// terminal is asked).
fn kitty() -> Mode {
    let mut picker = Picker::halfblocks();
    picker.set_protocol_type(ProtocolType::Kitty);
    Mode::Graphics(std::sync::Arc::new(picker))
}

/// Cells of the frame that hold kitty's image placeholder.
fn kitty_cells(r: &Reader) -> Vec<(u16, u16)> {
    let terminal = r.terminal();
    let buf = terminal.backend().buffer();
    let mut cells = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            if buf[(x, y)].symbol().contains('\u{10EEEE}') {
                cells.push((x, y));
            }
        }
    }
    cells
}

#[test]
fn a_graphics_protocol_draws_inside_the_pane_and_never_over_a_popup() {
    let (_site, mut r) = opened(kitty(), 120, 30);
    assert!(
        states(&r)
            .iter()
            .all(|s| matches!(s, State::Drawn(Some(_))))
    );
    let pane = r.app.article_text(r.app.areas().article);
    let cells = kitty_cells(&r);
    assert!(
        !cells.is_empty(),
        "the lead picture is drawn:\n{}",
        r.frame()
    );
    assert!(
        cells
            .iter()
            .all(|&(x, y)| pane.contains(ratatui::layout::Position { x, y }))
    );
    // Scrolled half out of the pane: only the rows inside are drawn.
    r.run([
        Action::Down,
        Action::Down,
        Action::Down,
        Action::Down,
        Action::Down,
    ]);
    let cells = kitty_cells(&r);
    assert!(!cells.is_empty());
    assert!(
        cells
            .iter()
            .all(|&(x, y)| pane.contains(ratatui::layout::Position { x, y }))
    );
    // A popup hides the protocol's picture, also where the popup leaves
    // it uncovered (the half blocks stand in): a terminal's pixels would
    // stay over the popup's cells.
    for popup in [
        Action::ShowProblems,
        Action::OpenCategories,
        Action::ShowHelp,
    ] {
        r.run([popup.clone()]);
        assert!(r.app.popup.is_some(), "{popup:?}");
        assert!(kitty_cells(&r).is_empty(), "{popup:?}\n{}", r.frame());
        r.run([Action::Close]);
        assert!(!kitty_cells(&r).is_empty(), "{popup:?} closed");
    }
}

#[test]
fn where_ambiguous_characters_are_wide_the_half_blocks_take_two_cells_each() {
    let site = site();
    let mut r = reader(&site.path(), Mode::Halfblocks, 100, 40);
    r.app.ambiguous = sinmun::text::AmbiguousWidth::Wide;
    r.run([Action::Resize(100, 40), Action::Open]);
    let a = r.app.screen.article().unwrap().rendered.clone().unwrap();
    let width = r.app.article_width();
    sinmun::text::AmbiguousWidth::Wide.scope(|| {
        for slot in &a.pictures {
            assert!(matches!(slot.state, State::Drawn(_)), "{:?}", slot.state);
            for line in &a.lines[slot.line..slot.line + slot.rows] {
                assert_eq!(line.width(), slot.x + slot.cols, "{}", line.text());
                assert!(line.width() <= width);
            }
        }
    });
    let terminal = r.terminal();
    let buf = terminal.backend().buffer();
    let pane = r.app.article_text(r.app.areas().article);
    // Every half block drawn stands in the pane, its second cell too.
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            if matches!(buf[(x, y)].symbol(), "▀" | "▄") {
                assert!(
                    x + 2 <= pane.right() && pane.contains((x, y).into()),
                    "({x}, {y})"
                );
            }
        }
    }
}

#[test]
fn an_article_opened_again_at_the_same_width_shows_its_pictures_at_once() {
    let (_site, mut r) = opened(Mode::Halfblocks, 100, 40);
    assert!(states(&r).iter().all(|s| matches!(s, State::Drawn(_))));
    r.run([Action::Back]);
    // Kept per article and width: opened again, nothing is decoded or
    // drawn again; the pictures are there in the first frame.
    let effects = r.effects_of(Action::Open);
    assert!(
        !effects.iter().any(|e| matches!(
            e,
            sinmun::app::Effect::Pictures { .. } | sinmun::app::Effect::Render { .. }
        )),
        "{effects:?}"
    );
    assert!(states(&r).iter().all(|s| matches!(s, State::Drawn(_))));
}

#[test]
fn moving_on_stops_drawing_the_pictures_of_the_article_left() {
    // The newer article (shown first) has many large pictures; the older
    // one a single small one.
    let site = common::picture_site(
        "---\ntitle: 작은 사진 하나\ndate: 2026-11-01\n---\n한 장뿐입니다.\n\n![언덕](/assets/img/hill.png)\n",
    );
    let mut body = String::from("사진이 많은 글입니다.\n\n");
    for i in 0..12 {
        site.write(
            &format!("assets/img/big{i}.jpg"),
            common::pictures::encode(
                &common::pictures::portrait(1200 + i, 900),
                image::ImageFormat::Jpeg,
            ),
        );
        body.push_str(&format!("![사진 {i}](/assets/img/big{i}.jpg)\n\n"));
    }
    site.write(
        "_posts/2026-11-21-many.md",
        format!("---\ntitle: 사진 많은 글\n---\n{body}"),
    );
    let mut r = reader(&site.path(), Mode::Halfblocks, 100, 40);
    r.effects.apply(&mut r.app, Action::Open);
    let start = std::time::Instant::now();
    while !states_now(&r).iter().any(|s| matches!(s, State::Drawn(_))) {
        r.effects.apply_answers(&mut r.app);
        assert!(start.elapsed().as_secs() < 20);
    }
    assert_eq!(states_now(&r).len(), 12);
    // To the next article while the first one's pictures are being drawn:
    // its picture comes, and the ones left behind are not drawn.
    r.run([Action::NextArticle]);
    r.settle();
    assert!(r.shows("한 장뿐입니다."));
    assert!(states(&r).iter().all(|s| matches!(s, State::Drawn(_))));
    // Back again: the pictures not drawn are asked for again.
    let effects = r.effects_of(Action::PrevArticle);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, sinmun::app::Effect::Pictures { .. })),
        "{effects:?}"
    );
}

/// The states of the open article's pictures, when it has a rendering.
fn states_now(r: &Reader) -> Vec<State> {
    r.app
        .screen
        .article()
        .and_then(|a| a.rendered.as_ref())
        .map(|a| a.pictures.iter().map(|s| s.state.clone()).collect())
        .unwrap_or_default()
}

#[test]
fn pictures_that_cannot_be_drawn_are_problems_of_their_post_once() {
    let site = site();
    let png = common::pictures::encode(
        &common::pictures::landscape(320, 180),
        image::ImageFormat::Png,
    );
    site.write("assets/img/cut.png", &png[..png.len() / 3]);
    site.write(
        "_posts/2026-11-22-broken.md",
        "---\ntitle: 깨진 사진들\n---\n사진이 깨졌습니다.\n\n![잘림](/assets/img/cut.png)\n\n\
         ![없음](/assets/img/none.png)\n\n![원격](https://example.com/x.jpg)\n",
    );
    let mut r = reader(&site.path(), Mode::Halfblocks, 100, 40);
    r.run([Action::Open]);
    assert!(r.shows("사진이 깨졌습니다."), "{}", r.frame());
    // Rendered again at another width, and drawn again: the same problems.
    r.run([Action::Resize(80, 30), Action::Resize(100, 40)]);
    let problems: Vec<String> = r.app.problems().map(|p| p.to_string()).collect();
    let post = site.path().join("_posts/2026-11-22-broken.md");
    let post = post.display();
    assert_eq!(
        problems,
        [
            format!("{post}:1: picture /assets/img/none.png: not found"),
            format!(
                "{post}:1: picture /assets/img/cut.png: not a readable image: unexpected end of file"
            ),
        ],
        "the remote picture is no problem"
    );
    r.run([Action::ShowProblems]);
    assert!(
        r.shows("picture /assets/img/none.png: not found"),
        "{}",
        r.frame()
    );
}
