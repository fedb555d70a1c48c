//! Where each part of the reader goes for a terminal size: one pure
//! function, used by the view to draw and by `update` to page and to map
//! mouse positions.

use ratatui::layout::Rect;

/// Below this width the reader shows one pane at a time.
pub const SIDE_BY_SIDE: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    /// The headline list (zero-sized when hidden).
    pub list: Rect,
    /// The vertical line between the panes (zero-sized when hidden).
    pub divider: Rect,
    /// The article pane (zero-sized when hidden).
    pub article: Rect,
    pub status: Rect,
}

/// The layout of a `width` x `height` terminal; `reading` is whether the
/// article is the pane shown when only one fits.
pub fn areas(width: u16, height: u16, reading: bool) -> Areas {
    let full = Rect::new(0, 0, width, height);
    if width == 0 || height == 0 {
        return Areas::default();
    }
    let status = Rect::new(0, height - 1, width, 1);
    let body = Rect::new(0, 0, width, height - 1);
    if width >= SIDE_BY_SIDE {
        let list_w = (width * 2 / 5).clamp(40, 60);
        let list = Rect {
            width: list_w,
            ..body
        };
        let divider = Rect {
            x: list_w,
            width: 1,
            ..body
        };
        let article = Rect {
            x: list_w + 1,
            width: width - list_w - 1,
            ..body
        };
        return Areas {
            list,
            divider,
            article,
            status,
        };
    }
    let _ = full;
    if reading {
        Areas {
            article: body,
            status,
            ..Areas::default()
        }
    } else {
        Areas {
            list: body,
            status,
            ..Areas::default()
        }
    }
}

/// The article's text area inside its pane: a margin of one cell on each
/// side when there is room for it.
pub fn article_text(pane: Rect) -> Rect {
    if pane.width >= 20 {
        Rect {
            x: pane.x + 1,
            width: pane.width - 2,
            ..pane
        }
    } else {
        pane
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_by_side_from_100_cells() {
        let a = areas(120, 40, false);
        assert!(a.list.width > 0 && a.article.width > 0);
        assert_eq!(a.list.width + a.divider.width + a.article.width, 120);
        assert_eq!(a.status, Rect::new(0, 39, 120, 1));
        let n = areas(99, 30, false);
        assert_eq!((n.list.width, n.article.width), (99, 0));
        let r = areas(99, 30, true);
        assert_eq!((r.list.width, r.article.width), (0, 99));
    }

    #[test]
    fn tiny_terminals_have_room_for_nothing_or_the_status_line() {
        assert_eq!(areas(0, 0, false), Areas::default());
        let a = areas(1, 1, false);
        assert_eq!(a.status, Rect::new(0, 0, 1, 1));
        assert_eq!(a.list.height, 0);
    }
}
