//! Draws the reader over the demo posts, with a theme, into an SVG file,
//! for the README: `cargo run --example screenshot -- THEME OUT.svg`.
//! With a third argument, `pictures`, it draws an article with its
//! pictures (half blocks) instead, from a small site it writes itself.

#[path = "../tests/common/pictures.rs"]
#[allow(dead_code)]
mod pictures;

use std::fmt::Write as _;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use sinmun::app::effects::Effects;
use sinmun::app::{Action, App, view};
use sinmun::loader;
use sinmun::post::Keep;
use sinmun::store::Store;
use sinmun::theme::{ColorDepth, Theme};

const W: u16 = 110;
const H: u16 = 24;
const CELL_W: f32 = 8.4;
const CELL_H: f32 = 18.0;

fn main() {
    let mut args = std::env::args().skip(1);
    let theme_name = args.next().unwrap_or_else(|| "dark".into());
    let out = args
        .next()
        .unwrap_or_else(|| format!("docs/screen-{theme_name}.svg"));
    let theme = Theme::load(&theme_name, None)
        .expect("a built-in theme")
        .with_depth(ColorDepth::TrueColor);
    let (paper, ink) = if theme.paper.0 as u32 + theme.paper.1 as u32 + theme.paper.2 as u32 > 384 {
        ("#ffffff", "#1c1c1c")
    } else {
        ("#101010", "#d0d0d0")
    };
    let with_pictures = args.next().as_deref() == Some("pictures");
    let start = std::env::current_dir().expect("the current folder");
    let site = tempfile::tempdir().expect("a temporary folder");
    let (mut app, actions) = if with_pictures {
        picture_site(site.path());
        // Read from inside the site, so the article names its file by a
        // path relative to it.
        std::env::set_current_dir(site.path()).expect("enter the site");
        let folder = std::path::PathBuf::from(".");
        let load = loader::load(std::slice::from_ref(&folder), Keep::ALL);
        let mut app = App::new(Store::new(load, false), theme, true)
            .with_pictures(sinmun::picture::Mode::Halfblocks);
        app.folders = vec![folder];
        (app, vec![Action::Resize(W, H2), Action::Open])
    } else {
        let load = loader::load_demo(Keep::ALL);
        let app = App::new(Store::new(load, false), theme, true);
        let actions = vec![
            Action::Resize(W, H),
            Action::Down,
            Action::Down,
            Action::Open,
            Action::Down,
            Action::Down,
        ];
        (app, actions)
    };
    // Driven through the reader's own effect loop, each action settled.
    let mut effects = Effects::quiet();
    for action in actions {
        effects.apply(&mut app, action);
        effects.settle(&mut app, std::time::Duration::from_secs(10));
    }
    let (cols, rows) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(cols, rows)).expect("a test terminal");
    terminal.draw(|f| view::draw(&app, f)).expect("draw");
    let buf = terminal.backend().buffer().clone();
    let mut svg = String::new();
    let (w, h) = (f32::from(cols) * CELL_W, f32::from(rows) * CELL_H);
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="D2Coding, 'Noto Sans Mono CJK KR', monospace" font-size="14">"#
    );
    let _ = writeln!(svg, r#"<rect width="100%" height="100%" fill="{paper}"/>"#);
    for y in 0..rows {
        let mut skip = 0;
        for x in 0..cols {
            let cell = &buf[(x, y)];
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let cells = sinmun::text::width(cell.symbol()).max(1);
            skip = cells - 1;
            let (px, py) = (f32::from(x) * CELL_W, f32::from(y) * CELL_H);
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            let (fg, bg) = (hex(cell.fg, ink), hex(cell.bg, paper));
            let (fg, bg) = if reversed { (bg, fg) } else { (fg, bg) };
            if bg != paper {
                let _ = writeln!(
                    svg,
                    r#"<rect x="{px}" y="{py}" width="{}" height="{CELL_H}" fill="{bg}"/>"#,
                    CELL_W * cells as f32
                );
            }
            let symbol = cell.symbol();
            // A half block: two rectangles, the upper and the lower pixel.
            if let Some(upper) = match symbol {
                "▀" => Some(true),
                "▄" => Some(false),
                _ => None,
            } {
                let half = CELL_H / 2.0;
                let top = if upper { py } else { py + half };
                let _ = writeln!(
                    svg,
                    r#"<rect x="{px}" y="{top}" width="{CELL_W}" height="{half}" fill="{fg}"/>"#
                );
                continue;
            }
            if symbol.trim().is_empty() {
                continue;
            }
            let weight = if cell.modifier.contains(Modifier::BOLD) {
                r#" font-weight="bold""#
            } else {
                ""
            };
            let italic = if cell.modifier.contains(Modifier::ITALIC) {
                r#" font-style="italic""#
            } else {
                ""
            };
            let under = if cell.modifier.contains(Modifier::UNDERLINED) {
                r#" text-decoration="underline""#
            } else {
                ""
            };
            let text = symbol
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            let _ = writeln!(
                svg,
                r#"<text x="{px}" y="{}" fill="{fg}" textLength="{}" lengthAdjust="spacingAndGlyphs"{weight}{italic}{under}>{text}</text>"#,
                py + CELL_H * 0.78,
                CELL_W * cells as f32
            );
        }
    }
    svg.push_str("</svg>\n");
    let out = std::path::Path::new(&out);
    let out = if out.is_relative() {
        start.join(out)
    } else {
        out.to_path_buf()
    };
    std::fs::write(&out, svg).expect("write the SVG");
    eprintln!("wrote {}", out.display());
}

/// Rows of the screen with pictures.
const H2: u16 = 38;

/// A small site: a Korean post with a lead picture and one in its text.
fn picture_site(root: &std::path::Path) {
    let write = |rel: &str, bytes: &[u8]| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
        std::fs::write(path, bytes).expect("write");
    };
    write("_config.yml", "title: 산행 일지\n".as_bytes());
    let hill = pictures::encode(&pictures::landscape(480, 270), image::ImageFormat::Png);
    write("assets/img/hill.png", &hill);
    let bands = pictures::encode(&pictures::portrait(240, 200), image::ImageFormat::Jpeg);
    write("assets/img/bands.jpg", &bands);
    write(
        "_posts/2026-11-20-autumn-hike.md",
        "---\ntitle: 북한산 가을 산행… 백운대에서 본 서울\ncategories: [여행]\ntags: [등산, 가을]\nimage: /assets/img/hill.png\n---\n\
         지난 주말 북한산 백운대에 올랐습니다. 날씨가 맑아 인천 앞바다까지 보였고, \
         능선마다 단풍이 한창이었습니다.\n\n\
         ![해 질 무렵의 능선](/assets/img/bands.jpg)\n\n\
         하산길에는 약수터에 들러 물을 마셨습니다.\n"
            .as_bytes(),
    );
}

/// A cell colour as `#rrggbb`; `Reset` is the terminal's own.
fn hex(c: Color, default: &str) -> String {
    let rgb = match c {
        Color::Reset => return default.to_string(),
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(i) => indexed(i),
        named => indexed(match named {
            Color::Black => 0,
            Color::Red => 1,
            Color::Green => 2,
            Color::Yellow => 3,
            Color::Blue => 4,
            Color::Magenta => 5,
            Color::Cyan => 6,
            Color::Gray => 7,
            Color::DarkGray => 8,
            Color::LightRed => 9,
            Color::LightGreen => 10,
            Color::LightYellow => 11,
            Color::LightBlue => 12,
            Color::LightMagenta => 13,
            Color::LightCyan => 14,
            _ => 15,
        }),
    };
    format!("#{:02x}{:02x}{:02x}", rgb.0, rgb.1, rgb.2)
}

/// The xterm palette.
fn indexed(i: u8) -> (u8, u8, u8) {
    const BASE: [(u8, u8, u8); 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    match i {
        0..=15 => BASE[usize::from(i)],
        16..=231 => {
            let l = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let n = i - 16;
            (l(n / 36), l(n / 6 % 6), l(n % 6))
        }
        _ => {
            let g = 8 + 10 * (i - 232);
            (g, g, g)
        }
    }
}
