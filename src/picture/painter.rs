//! Drawing an article's pictures into the rows held for them: each image
//! decoded once (the last ones kept, up to a memory budget, so a resize
//! only scales them again), fitted to its slot as half blocks, and encoded for the
//! terminal's graphics protocol when there is one. Used by the reader's
//! picture worker and by `--dump`.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use image::DynamicImage;

use super::slot::{self, State};
use super::{Graphic, Mode, decode, halfblocks};
use crate::i18n::{Lang, Message, Msg};
use crate::render::cache::ArticleLines;
use crate::render::{Line, Rgb};

/// Bytes of decoded images kept, at most (a larger one is not kept).
const KEEP_BYTES: usize = 128 * 1024 * 1024;

/// Pictures drawn at a size kept, at most (the last ones drawn).
const KEEP_DRAWN: usize = 64;

/// What identifies a decoded file: its path, length and modification time.
type Stamp = (PathBuf, u64, Option<SystemTime>);

/// A picture drawn at a size: its half-block rows, and its graphic for
/// the terminal's protocol when there is one.
type Drawn = (Arc<Vec<Line>>, Option<Arc<Graphic>>);

/// What a drawing is kept by: the file, the size in cells, and whether
/// ambiguous characters (the half blocks) are wide.
type DrawnKey = (Stamp, (usize, usize), bool);

pub struct Painter {
    mode: Mode,
    paper: Rgb,
    /// The language a picture that cannot be drawn says why in.
    lang: Lang,
    decoded: VecDeque<(Stamp, Result<Arc<DynamicImage>, Message>)>,
    /// The same picture at the same size (twice in an article, an
    /// article drawn again) is not scaled again.
    drawn: VecDeque<(DrawnKey, Drawn)>,
}

impl Painter {
    pub fn new(mode: Mode, paper: Rgb, lang: Lang) -> Painter {
        Painter {
            mode,
            paper,
            lang,
            decoded: VecDeque::new(),
            drawn: VecDeque::new(),
        }
    }

    /// Draw picture `i` of `article`, if it is waiting; what is wrong
    /// with it when it cannot be drawn (`picture ADDRESS: why`).
    pub fn paint(&mut self, article: &mut ArticleLines, i: usize) -> Option<Message> {
        let slot = article.pictures.get(i)?;
        if slot.state != State::Waiting {
            return None;
        }
        let size = (slot.cols, slot.rows);
        let stamp = stamp(&slot.file.path);
        let key = (
            stamp,
            size,
            crate::text::AmbiguousWidth::current().is_wide(),
        );
        let drawn = match self.drawn.iter().find(|(k, _)| *k == key) {
            Some((_, drawn)) => Ok(drawn.clone()),
            None => self.draw(key),
        };
        let slot = &mut article.pictures[i];
        match drawn {
            Ok((rows, graphic)) => {
                slot::fill(&mut article.lines, slot, &rows, State::Drawn(graphic));
                None
            }
            Err(why) => {
                let rows = slot::failed_rows(slot, &why.say(self.lang));
                let problem = super::Locator::problem_of(&slot.file.address, why.clone());
                slot::fill(&mut article.lines, slot, &rows, State::Failed(why));
                Some(problem)
            }
        }
    }

    /// The picture `key` names drawn at its size, kept for the next time.
    fn draw(&mut self, key: DrawnKey) -> Result<Drawn, Message> {
        let (stamp, size, _) = &key;
        let source = self.source(stamp)?;
        let drawn = crate::render::guard::quietly(|| {
            let rows = halfblocks::rows(&source, *size, self.paper);
            let graphic = self
                .mode
                .picker()
                .and_then(|p| Graphic::new(p, &source, *size))
                .map(Arc::new);
            (Arc::new(rows), graphic)
        })
        .map_err(|_| Message::from(Msg::PictureFailedDrawing))?;
        if self.drawn.len() >= KEEP_DRAWN {
            self.drawn.pop_front();
        }
        self.drawn.push_back((key, drawn.clone()));
        Ok(drawn)
    }

    /// Every waiting picture of `article`.
    pub fn paint_all(&mut self, article: &mut ArticleLines) {
        for i in 0..article.pictures.len() {
            let _ = self.paint(article, i);
        }
    }

    /// The decoded image of the file `stamp` names, decoded now unless it
    /// was already.
    fn source(&mut self, stamp: &Stamp) -> Result<Arc<DynamicImage>, Message> {
        let path = stamp.0.as_path();
        if let Some(i) = self.decoded.iter().position(|(s, _)| s == stamp) {
            let entry = self.decoded.remove(i).expect("index from position");
            let result = entry.1.clone();
            self.decoded.push_back(entry);
            return result;
        }
        let result = crate::render::guard::quietly(|| decode::decode(path))
            .unwrap_or_else(|_| Err(Msg::PictureFailedDecoding.into()))
            .map(Arc::new);
        let size =
            |r: &Result<Arc<DynamicImage>, Message>| r.as_ref().map_or(0, |i| i.as_bytes().len());
        let mut kept: usize =
            self.decoded.iter().map(|(_, r)| size(r)).sum::<usize>() + size(&result);
        while kept > KEEP_BYTES
            && let Some((_, oldest)) = self.decoded.pop_front()
        {
            kept -= size(&oldest);
        }
        if kept <= KEEP_BYTES {
            self.decoded.push_back((stamp.clone(), result.clone()));
        }
        result
    }
}

/// What identifies the file at `path` now.
fn stamp(path: &std::path::Path) -> Stamp {
    let meta = std::fs::metadata(path).ok();
    (
        path.to_path_buf(),
        meta.as_ref().map_or(0, std::fs::Metadata::len),
        meta.and_then(|m| m.modified().ok()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::picture::locate::ImageFile;
    use crate::render::Flags;
    use crate::render::picture_rows::placeholder_rows;

    #[test]
    fn the_same_picture_at_the_same_size_is_scaled_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("언덕.png");
        image::RgbImage::from_fn(64, 32, |x, y| image::Rgb([x as u8 * 4, y as u8 * 8, 200]))
            .save(&path)
            .unwrap();
        let file = ImageFile {
            path: path.clone(),
            address: "언덕.png".into(),
            pixels: (64, 32),
        };
        let mut lines = Vec::new();
        for _ in 0..2 {
            lines.extend(placeholder_rows("[image]", (8, 2)));
            lines.push(crate::render::Line::plain("글", Flags::default()));
        }
        let pictures = slot::find(&lines, vec![file.clone(), file]);
        let mut article = ArticleLines {
            lines,
            pictures,
            ..ArticleLines::default()
        };
        let mut painter = Painter::new(Mode::Halfblocks, Rgb(0, 0, 0), Lang::En);
        assert_eq!(painter.paint(&mut article, 0), None);
        assert_eq!(painter.paint(&mut article, 1), None);
        assert_eq!((painter.decoded.len(), painter.drawn.len()), (1, 1));
        assert!(
            article
                .pictures
                .iter()
                .all(|s| matches!(s.state, State::Drawn(_)))
        );
        assert_eq!(article.lines[0..2], article.lines[3..5]);
        assert!(article.lines[0].text().contains(['▀', '▄']));
    }
}
