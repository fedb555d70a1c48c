//! The rows a picture holds in an article: as many as its fitted size
//! takes, each exactly as wide, the first naming the image until the
//! picture is drawn over them; then its alt text as a caption.

use super::block::Picture;
use super::{Flags, Line, Span};
use crate::text::{fit, wrap};

/// `[image: alt]`, or `[image]` without alt text (`그림` in Korean).
pub(super) fn label(alt: &str, lang: crate::i18n::Lang) -> String {
    let image = crate::i18n::Msg::PictureLabel.say(lang);
    if alt.is_empty() {
        format!("[{image}]")
    } else {
        format!("[{image}: {alt}]")
    }
}

/// What a picture's rows say before it is drawn (or when it cannot be):
/// `label` wrapped over them, cut with `…` on the last when it is longer,
/// the rest blank.
pub(crate) fn placeholder_rows(label: &str, (cols, rows): (usize, usize)) -> Vec<Line> {
    let rows = rows.max(1);
    let mut said = wrap(label, cols);
    if said.len() > rows {
        said.truncate(rows);
        if let Some(last) = said.last_mut() {
            last.push_str(crate::text::ELLIPSIS);
        }
    }
    (0..rows)
        .map(|i| {
            let text = said.get(i).map_or("", String::as_str);
            Line::plain(fit(text, cols), Flags::PICTURE)
        })
        .collect()
}

/// The picture's rows in `room` cells, then its caption.
pub(super) fn layout(p: &Picture, room: usize) -> Vec<Line> {
    let size = crate::picture::fit::cells(p.file.pixels, room, p.max_rows);
    let address = crate::text::shown_address(&p.address);
    let mut lines = placeholder_rows(&format!("{} {address}", p.label), size);
    lines.extend(
        wrap(&p.alt, room)
            .into_iter()
            .map(|l| Line::plain(l, Flags::IMAGE)),
    );
    lines
}

/// Whether `line` is a picture's row, and where in it the picture starts
/// (cells from the left) and how wide it is.
pub(crate) fn row_span(line: &Line) -> Option<(usize, usize)> {
    let is_picture = |span: &&Span| span.style.flags.contains(Flags::PICTURE);
    // Most lines hold no picture: they are not measured.
    let first = line.spans.iter().position(|s| is_picture(&s))?;
    let width = |span: &Span| crate::text::width(&span.text);
    let x = line.spans[..first].iter().map(width).sum();
    let cols = line.spans[first..]
        .iter()
        .take_while(is_picture)
        .map(width)
        .sum();
    Some((x, cols))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_placeholder_says_its_words_over_the_rows_held() {
        let texts = |rows: &[Line]| rows.iter().map(Line::text).collect::<Vec<_>>();
        let why = "[image] (not a readable image: unexpected end of file)";
        assert_eq!(
            texts(&placeholder_rows(why, (20, 4))),
            [
                "[image] (not a      ",
                "readable image:     ",
                "unexpected end of   ",
                "file)               "
            ]
        );
        // Fewer rows than the words need: the last is cut with `…`.
        assert_eq!(
            texts(&placeholder_rows(why, (20, 2))),
            ["[image] (not a      ", "readable image:…    "]
        );
        assert_eq!(texts(&placeholder_rows("[image: 사진]", (4, 1))), ["[im…"]);
        let rows = placeholder_rows("[image: 정상에서 본 풍경] /a.png", (9, 3));
        assert!(rows.iter().all(|l| l.width() == 9), "{:?}", texts(&rows));
    }
}
