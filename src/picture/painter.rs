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
use crate::render::Rgb;
use crate::render::cache::ArticleLines;

/// Bytes of decoded images kept, at most (a larger one is not kept).
const KEEP_BYTES: usize = 128 * 1024 * 1024;

/// What identifies a decoded file: its path, length and modification time.
type Stamp = (PathBuf, u64, Option<SystemTime>);

pub struct Painter {
    mode: Mode,
    paper: Rgb,
    /// The language a picture that cannot be drawn says why in.
    lang: Lang,
    decoded: VecDeque<(Stamp, Result<Arc<DynamicImage>, Message>)>,
}

impl Painter {
    pub fn new(mode: Mode, paper: Rgb, lang: Lang) -> Painter {
        Painter {
            mode,
            paper,
            lang,
            decoded: VecDeque::new(),
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
        let path = slot.file.path.clone();
        let drawn = self.source(&path).and_then(|source| {
            crate::render::guard::quietly(|| {
                let rows = halfblocks::rows(&source, size, self.paper);
                let graphic = self
                    .mode
                    .picker()
                    .and_then(|p| Graphic::new(p, &source, size))
                    .map(Arc::new);
                (rows, graphic)
            })
            .map_err(|_| Message::from(Msg::PictureFailedDrawing))
        });
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

    /// Every waiting picture of `article`.
    pub fn paint_all(&mut self, article: &mut ArticleLines) {
        for i in 0..article.pictures.len() {
            let _ = self.paint(article, i);
        }
    }

    /// The decoded image at `path`, decoded now unless it was already.
    fn source(&mut self, path: &std::path::Path) -> Result<Arc<DynamicImage>, Message> {
        let meta = std::fs::metadata(path).ok();
        let stamp: Stamp = (
            path.to_path_buf(),
            meta.as_ref().map_or(0, std::fs::Metadata::len),
            meta.and_then(|m| m.modified().ok()),
        );
        if let Some(i) = self.decoded.iter().position(|(s, _)| *s == stamp) {
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
            self.decoded.push_back((stamp, result.clone()));
        }
        result
    }
}
