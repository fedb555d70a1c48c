//! Where each part of the reader goes: pure functions of the terminal's
//! size and the content, used by the view to draw and by `update` for
//! scroll limits, paging and mouse positions. Nothing else works out a
//! pane's or a popup's geometry.

use ratatui::layout::Rect;

use super::screen::Pane;
use crate::text::{width, wrap, wrap_hanging};
use crate::theme::Part;

/// Below this width the reader shows one pane at a time.
pub const SIDE_BY_SIDE: u16 = 100;
/// The article's text is never wider than this unless the config says.
pub const DEFAULT_TEXT_WIDTH: usize = 80;

/// How the user arranged the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arrangement {
    /// Steps (of 5% of the width) the list was widened (negative: narrowed).
    pub list_steps: i8,
    /// The list is hidden while the article has the keys.
    pub list_hidden: bool,
    /// The widest the article's text may be, in cells.
    pub text_width: usize,
}

impl Default for Arrangement {
    fn default() -> Arrangement {
        Arrangement {
            list_steps: 0,
            list_hidden: false,
            text_width: DEFAULT_TEXT_WIDTH,
        }
    }
}

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

/// The layout of a `width` x `height` terminal; `keys` is the pane that has
/// the keys (the one shown when only one fits).
pub fn areas(width: u16, height: u16, keys: Pane, arrangement: Arrangement) -> Areas {
    if width == 0 || height == 0 {
        return Areas::default();
    }
    let status = Rect::new(0, height - 1, width, 1);
    let body = Rect::new(0, 0, width, height - 1);
    let one = |pane| match pane {
        Pane::Article => Areas {
            article: body,
            status,
            ..Areas::default()
        },
        Pane::List => Areas {
            list: body,
            status,
            ..Areas::default()
        },
    };
    if width < SIDE_BY_SIDE {
        return one(keys);
    }
    if arrangement.list_hidden && keys == Pane::Article {
        return one(Pane::Article);
    }
    let list_w = list_width(width, arrangement.list_steps);
    Areas {
        list: Rect {
            width: list_w,
            ..body
        },
        divider: Rect {
            x: list_w,
            width: 1,
            ..body
        },
        article: Rect {
            x: list_w + 1,
            width: width - list_w - 1,
            ..body
        },
        status,
    }
}

/// The list's share of a wide terminal: 40% (moved 5% a step), at least 30
/// cells, leaving the article at least 40.
fn list_width(width: u16, steps: i8) -> u16 {
    let percent = (40 + 5 * i32::from(steps)).clamp(15, 75) as u32;
    let w = (u32::from(width) * percent / 100) as u16;
    w.clamp(30, width.saturating_sub(41).max(30))
}

/// The article's text inside its pane: a margin of one cell on each side
/// when there is room, at most `text_width` cells, centred.
pub fn article_text(pane: Rect, text_width: usize) -> Rect {
    let inner = if pane.width >= 20 {
        Rect {
            x: pane.x + 1,
            width: pane.width - 2,
            ..pane
        }
    } else {
        pane
    };
    let cap = u16::try_from(text_width.max(20)).unwrap_or(u16::MAX);
    if inner.width <= cap {
        return inner;
    }
    Rect {
        x: inner.x + (inner.width - cap) / 2,
        width: cap,
        ..inner
    }
}

/// One row of a popup's content: `lead` (a key column, a `[x] ` mark)
/// then `text`, wrapped to the popup's width under itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PopupRow {
    pub lead: String,
    pub text: String,
    pub part: Part,
}

impl PopupRow {
    pub fn new(lead: impl Into<String>, text: impl Into<String>, part: Part) -> PopupRow {
        PopupRow {
            lead: lead.into(),
            text: text.into(),
            part,
        }
    }

    /// The row's lines at `room` cells: as written when it fits (padded
    /// columns stay aligned), else the text wrapped under itself after the
    /// lead; a lead wider than half the room takes lines of its own, and
    /// the text hangs under it.
    fn lines(&self, room: usize) -> Vec<String> {
        let lead_w = width(&self.lead);
        if lead_w + width(&self.text) <= room {
            return vec![format!("{}{}", self.lead, self.text)];
        }
        if lead_w <= room / 2 {
            return wrap_hanging(&self.lead, &self.text, room, 1);
        }
        let mut lines = wrap(self.lead.trim_end(), room);
        lines.extend(wrap_hanging("  ", &self.text, room, 1));
        lines
    }
}

/// What a popup shows, before it is laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PopupContent {
    pub title: String,
    pub rows: Vec<PopupRow>,
    /// The selected row, for popups that choose.
    pub cursor: Option<usize>,
    /// Rows after the last choice (a note), shown when it is selected.
    pub trailing: usize,
    /// The first line shown, for popups that scroll.
    pub scroll: usize,
}

/// A line on screen of a popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PopupLine {
    /// The content row it belongs to.
    pub row: usize,
    pub text: String,
    pub part: Part,
}

/// A popup laid out on a screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PopupLayout {
    pub title: String,
    /// The selected content row, for popups that choose.
    pub cursor: Option<usize>,
    /// Rows of content (before wrapping), the trailing ones aside.
    pub content_rows: usize,
    /// The popup, its border included.
    pub area: Rect,
    /// The cells blanked under it: the area and a margin of one cell where
    /// the screen has room, so that nothing of the panes sits beside the
    /// border.
    pub clear: Rect,
    /// Where the lines go.
    pub text: Rect,
    pub lines: Vec<PopupLine>,
    /// The first line shown.
    pub top: usize,
    /// The largest `top`: the last line is on the popup's last row.
    pub max_top: usize,
}

impl PopupLayout {
    /// Rows of lines shown at once.
    pub fn rows(&self) -> usize {
        usize::from(self.text.height)
    }

    /// "12/40" when not all lines fit: the last line shown of all (in a
    /// popup that chooses, the selected row of all).
    pub fn position(&self) -> Option<String> {
        if let Some(c) = self.cursor {
            return (self.lines.len() > self.rows())
                .then(|| format!("{}/{}", c + 1, self.content_rows));
        }
        (self.max_top > 0).then(|| {
            let last = (self.top + self.rows()).min(self.lines.len());
            format!("{last}/{}", self.lines.len())
        })
    }
}

/// Lay out `content` over `screen` (the panes, not the status line).
pub fn popup(screen: Rect, content: &PopupContent) -> Option<PopupLayout> {
    // Border and one cell of padding on each side.
    const FRAME: usize = 4;
    let widest = content
        .rows
        .iter()
        .map(|r| width(&r.lead) + width(&r.text))
        .max()
        .unwrap_or(0)
        .max(width(&content.title) + 4);
    let max_w = usize::from(screen.width.saturating_sub(2)).min(96);
    let w = (widest + FRAME)
        .min(max_w)
        .max(usize::from(screen.width.min(12)));
    let room = w.saturating_sub(FRAME).max(1);
    let mut lines = Vec::new();
    for (i, row) in content.rows.iter().enumerate() {
        for text in row.lines(room) {
            lines.push(PopupLine {
                row: i,
                text,
                part: row.part,
            });
        }
    }
    let max_h = usize::from(screen.height.saturating_sub(2)).max(3);
    let h = (lines.len() + 2).min(max_h).min(usize::from(screen.height));
    let (w, h) = (w as u16, h as u16);
    if w < 5 || h < 3 {
        return None;
    }
    let area = Rect {
        x: screen.x + (screen.width - w) / 2,
        y: screen.y + (screen.height - h) / 2,
        width: w,
        height: h,
    };
    let clear = Rect {
        x: area.x.saturating_sub(1).max(screen.x),
        y: area.y.saturating_sub(1).max(screen.y),
        width: 0,
        height: 0,
    };
    let clear = Rect {
        width: (area.right() + 1).min(screen.right()) - clear.x,
        height: (area.bottom() + 1).min(screen.bottom()) - clear.y,
        ..clear
    };
    let text = Rect {
        x: area.x + 2,
        y: area.y + 1,
        width: w - 4,
        height: h - 2,
    };
    let rows = usize::from(text.height);
    let max_top = lines.len().saturating_sub(rows);
    let choices = content.rows.len().saturating_sub(content.trailing);
    let top = match content.cursor {
        Some(c) => {
            let first = lines.iter().position(|l| l.row == c).unwrap_or(0);
            // The last choice brings the rows after it into view.
            let last_row = if c + 1 >= choices {
                content.rows.len().saturating_sub(1)
            } else {
                c
            };
            let last = lines
                .iter()
                .rposition(|l| l.row == last_row)
                .unwrap_or(first);
            if last >= rows {
                (last + 1 - rows).min(first)
            } else {
                0
            }
        }
        None => content.scroll.min(max_top),
    };
    Some(PopupLayout {
        title: content.title.clone(),
        cursor: content.cursor,
        content_rows: choices,
        area,
        clear,
        text,
        lines,
        top,
        max_top,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arr() -> Arrangement {
        Arrangement::default()
    }

    #[test]
    fn side_by_side_from_100_cells_and_one_pane_below() {
        let a = areas(120, 40, Pane::List, arr());
        assert!(a.list.width > 0 && a.article.width > 0);
        assert_eq!(a.list.width + a.divider.width + a.article.width, 120);
        assert_eq!(a.status, Rect::new(0, 39, 120, 1));
        let n = areas(99, 30, Pane::List, arr());
        assert_eq!((n.list.width, n.article.width), (99, 0));
        let r = areas(99, 30, Pane::Article, arr());
        assert_eq!((r.list.width, r.article.width), (0, 99));
    }

    #[test]
    fn the_list_grows_with_the_terminal_and_the_text_stays_readable() {
        let at = |w| areas(w, 40, Pane::List, arr()).list.width;
        assert!(at(100) >= 30 && at(220) >= 80, "{} {}", at(100), at(220));
        let wide = areas(220, 40, Pane::Article, arr());
        let text = article_text(wide.article, 80);
        assert_eq!(text.width, 80);
        assert!(text.x > wide.article.x + 1, "centred in its pane");
        let wider = Arrangement {
            list_steps: 2,
            ..arr()
        };
        assert!(areas(200, 40, Pane::List, wider).list.width > at(200));
        let hidden = Arrangement {
            list_hidden: true,
            ..arr()
        };
        assert_eq!(areas(200, 40, Pane::Article, hidden).list.width, 0);
        assert!(
            areas(200, 40, Pane::List, hidden).list.width > 0,
            "the list with the keys shows"
        );
        for w in 100..=300 {
            for steps in -8..=8 {
                let a = areas(
                    w,
                    10,
                    Pane::List,
                    Arrangement {
                        list_steps: steps,
                        ..arr()
                    },
                );
                assert!(a.article.width >= 40 && a.list.width >= 30, "{w} {steps}");
            }
        }
    }

    #[test]
    fn tiny_terminals_have_room_for_nothing_or_the_status_line() {
        assert_eq!(areas(0, 0, Pane::List, arr()), Areas::default());
        let a = areas(1, 1, Pane::List, arr());
        assert_eq!(a.status, Rect::new(0, 0, 1, 1));
        assert_eq!(a.list.height, 0);
    }

    fn content(rows: usize, text: &str) -> PopupContent {
        PopupContent {
            title: "keys".into(),
            rows: (0..rows)
                .map(|i| PopupRow::new(format!("{i} "), text, Part::Base))
                .collect(),
            cursor: None,
            trailing: 0,
            scroll: usize::MAX,
        }
    }

    #[test]
    fn popups_scroll_exactly_to_their_last_line() {
        let screen = Rect::new(0, 0, 40, 14);
        let p = popup(screen, &content(30, &"도움말 ".repeat(8))).unwrap();
        assert_eq!(p.lines.len(), 60, "each row wraps to two lines");
        assert_eq!(p.top, p.max_top);
        assert_eq!(p.top + p.rows(), 60, "the last line on the last row");
        assert_eq!(p.position().as_deref(), Some("60/60"));
        assert!(p.clear.contains(p.area.into()) && screen.contains(p.clear.into()));
        assert_eq!(p.clear.width, 40, "at 40 cells the margin fills the row");
    }

    #[test]
    fn long_rows_wrap_with_a_hanging_indent_and_lose_nothing() {
        let text = "경고 메시지가 아주 길어서 한 줄에 다 들어가지 않습니다 끝";
        let p = popup(Rect::new(0, 0, 30, 20), &content(1, text)).unwrap();
        assert!(p.lines.len() > 1);
        for l in &p.lines[1..] {
            assert!(l.text.starts_with("  "), "{:?}", l.text);
        }
        for l in &p.lines {
            assert!(width(&l.text) <= usize::from(p.text.width), "{:?}", l.text);
        }
        let joined: String = p
            .lines
            .iter()
            .flat_map(|l| l.text.split_whitespace())
            .collect();
        assert_eq!(
            joined,
            format!("0 {text}").split_whitespace().collect::<String>()
        );
    }

    #[test]
    fn a_cursor_stays_in_view() {
        let mut c = content(30, "x");
        c.cursor = Some(29);
        let p = popup(Rect::new(0, 0, 40, 14), &c).unwrap();
        assert!(p.top + p.rows() == 30 && p.lines[p.top + p.rows() - 1].row == 29);
    }

    #[test]
    fn the_last_choice_brings_the_note_after_it_into_view() {
        let mut c = content(30, "x");
        c.trailing = 2;
        c.cursor = Some(26);
        let p = popup(Rect::new(0, 0, 40, 14), &c).unwrap();
        assert_eq!(p.lines[p.top + p.rows() - 1].row, 26, "a choice");
        c.cursor = Some(27);
        let p = popup(Rect::new(0, 0, 40, 14), &c).unwrap();
        assert_eq!(p.top, p.max_top, "the last choice and the note");
        assert_eq!(p.position().as_deref(), Some("28/28"));
    }
}
