//! A picture as rows of Unicode half blocks (`▀`, `▄`): each cell shows
//! two pixels, its foreground colour above and its background below, as
//! ratatui-image's half-block protocol draws them. The rows are article
//! lines, so `--dump` prints them and the pane draws them like any text.

use image::DynamicImage;
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::style::Color;
use ratatui::widgets::Widget;
use ratatui_image::Image;
use ratatui_image::protocol::Protocol;
use ratatui_image::protocol::halfblocks::Halfblocks;

use crate::render::{Flags, Line, Rgb, SpanStyle};

/// `picture` scaled to `cols` × `rows` cells, transparent parts over
/// `paper`: `rows` lines of `cols` cells each. Where ambiguous characters
/// are wide (the half blocks are), each block takes two cells: the
/// picture has half as many columns of pixels, in the same room.
pub fn rows(picture: &DynamicImage, (cols, rows): (usize, usize), paper: Rgb) -> Vec<Line> {
    let wide = crate::text::AmbiguousWidth::current().is_wide();
    let cols = cols.clamp(1, 4096);
    let blocks = if wide { (cols / 2).max(1) } else { cols };
    let (w, h) = (blocks as u16, rows.clamp(1, 4096) as u16);
    let small = picture.thumbnail_exact(u32::from(w), u32::from(h) * 2);
    let flat = DynamicImage::ImageRgb8(over_paper(&small, paper));
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    match Halfblocks::new(flat, Size::new(w, h)) {
        Ok(blocks) => Image::new(&Protocol::Halfblocks(blocks)).render(area, &mut buf),
        Err(_) => return vec![Line::default(); usize::from(h)],
    }
    (0..h)
        .map(|y| {
            let mut line = Line::default();
            for x in 0..w {
                let Some(cell) = buf.cell((x, y)) else {
                    continue;
                };
                let style = SpanStyle {
                    flags: Flags::PICTURE,
                    fg: rgb(cell.fg),
                    bg: rgb(cell.bg),
                    token: None,
                };
                let symbol = match (cell.symbol(), wide) {
                    (s @ ("▀" | "▄"), _) if !wide || cols > 1 => s,
                    (_, false) => " ",
                    // Two cells of the lower colour (one in a one-cell room).
                    (_, true) => &"  "[..cols.min(2)],
                };
                let style = match symbol {
                    " " | "  " if wide => SpanStyle {
                        fg: style.bg,
                        ..style
                    },
                    _ => style,
                };
                line.push(symbol.to_string(), style);
            }
            // An odd room: the last cell left as the picture's edge.
            if wide && cols > 1 && cols % 2 == 1 {
                let edge = line.spans.last().map(|s| s.style).unwrap_or_default();
                line.push(
                    " ".to_string(),
                    SpanStyle {
                        fg: edge.bg,
                        ..edge
                    },
                );
            }
            line
        })
        .collect()
}

fn rgb(c: Color) -> Option<Rgb> {
    match c {
        Color::Rgb(r, g, b) => Some(Rgb(r, g, b)),
        _ => None,
    }
}

/// The picture's pixels with their transparency blended over `paper`.
fn over_paper(picture: &DynamicImage, paper: Rgb) -> image::RgbImage {
    let rgba = picture.to_rgba8();
    let mut out = image::RgbImage::new(rgba.width(), rgba.height());
    for (src, dst) in rgba.pixels().zip(out.pixels_mut()) {
        let a = u32::from(src[3]);
        let mix = |c: u8, p: u8| ((u32::from(c) * a + u32::from(p) * (255 - a)) / 255) as u8;
        *dst = image::Rgb([
            mix(src[0], paper.0),
            mix(src[1], paper.1),
            mix(src[2], paper.2),
        ]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_pixels_a_cell_with_transparency_over_the_paper() {
        // Red above blue, then a transparent row above green.
        let mut img = image::RgbaImage::new(1, 4);
        img.put_pixel(0, 0, image::Rgba([255, 0, 0, 255]));
        img.put_pixel(0, 1, image::Rgba([0, 0, 255, 255]));
        img.put_pixel(0, 2, image::Rgba([0, 0, 0, 0]));
        img.put_pixel(0, 3, image::Rgba([0, 255, 0, 255]));
        let lines = rows(&DynamicImage::ImageRgba8(img), (1, 2), Rgb(10, 20, 30));
        assert_eq!(lines.len(), 2);
        let cell = |l: &Line| (l.text(), l.spans[0].style.fg, l.spans[0].style.bg);
        let (t, fg, bg) = cell(&lines[0]);
        let mut colours = [fg, bg].map(|c| c.map(|Rgb(r, g, b)| (r, g, b)));
        colours.sort();
        assert_eq!(t.chars().count(), 1);
        assert!(t == "▀" || t == "▄");
        assert_eq!(colours, [Some((0, 0, 255)), Some((255, 0, 0))]);
        let (_, fg, bg) = cell(&lines[1]);
        let mut colours = [fg, bg].map(|c| c.map(|Rgb(r, g, b)| (r, g, b)));
        colours.sort();
        assert_eq!(colours, [Some((0, 255, 0)), Some((10, 20, 30))]);
        assert!(lines.iter().all(|l| l.width() == 1));
    }

    #[test]
    fn where_ambiguous_characters_are_wide_each_block_takes_two_cells() {
        let img = DynamicImage::ImageRgb8(image::RgbImage::from_fn(8, 8, |x, y| {
            image::Rgb([(x * 30) as u8, (y * 30) as u8, 0])
        }));
        for cols in [1, 2, 5, 8] {
            let lines = crate::text::AmbiguousWidth::Wide.scope(|| {
                let lines = rows(&img, (cols, 3), Rgb(0, 0, 0));
                assert!(
                    lines.iter().all(|l| l.width() == cols),
                    "{cols}: {:?}",
                    lines.iter().map(Line::width).collect::<Vec<_>>()
                );
                lines
            });
            assert_eq!(lines.len(), 3);
        }
    }
}
