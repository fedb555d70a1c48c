//! Text into a Ratatui buffer, cell by cell, with the widths of this
//! thread's [`super::AmbiguousWidth`], so that the buffer agrees with the
//! terminal: a character the terminal draws over two cells occupies two
//! cells of the buffer, and nothing is written into its second half.
//! Ratatui measures with `unicode-width` alone; where the mode makes a
//! character wider, its cell carries `CellDiffOption::ForcedWidth` and the
//! cell it covers `CellDiffOption::Skip`.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::{AmbiguousWidth, cells, glyphs, is_forbidden, truncate, width};

/// Write `text` at (x, y): at most `max` cells, never past the buffer's
/// edge, never half a wide character, never a control character. Returns
/// the x after it.
pub fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, max: usize, style: Style) -> u16 {
    if max == 0 || !buf.area.contains(Position { x, y }) {
        return x;
    }
    let right = buf
        .area
        .right()
        .min(x.saturating_add(u16::try_from(max).unwrap_or(u16::MAX)));
    let start = x;
    let mut x = x;
    // Only the wide mode makes a character wider than Ratatui counts it.
    let wide = AmbiguousWidth::current().is_wide();
    blank_owner_of(buf, x, y);
    for (g, w) in cells(text) {
        if w == 0 || g.chars().any(|c| c.is_control() || is_forbidden(c)) {
            continue;
        }
        let Ok(w16) = u16::try_from(w) else { break };
        if x.saturating_add(w16) > right {
            break;
        }
        let forced = wide && w16 != g.cell_width();
        let cell = &mut buf[(x, y)];
        cell.set_symbol(g).set_style(style);
        cell.set_diff_option(match NonZeroU16::new(w16) {
            Some(n) if forced => CellDiffOption::ForcedWidth(n),
            _ => CellDiffOption::None,
        });
        for covered in x + 1..x + w16 {
            let cell = &mut buf[(covered, y)];
            cell.reset();
            if forced {
                cell.set_diff_option(CellDiffOption::Skip);
            }
        }
        x += w16;
    }
    if x > start {
        unskip(buf, x, y);
    }
    x
}

/// Blank `area` in `style` for something drawn over what is there (a
/// popup). A wide character just left of the area would cover its first
/// cell and hide it (ratatui issue 2526), and one cut by its right edge
/// would leave a covered cell without its character: both become blanks.
pub fn clear(buf: &mut Buffer, area: Rect, style: Style) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        blank_owner_of(buf, area.x, y);
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            cell.reset();
            cell.set_style(style);
        }
        unskip(buf, area.right(), y);
    }
}

/// A box around `area` in the mode's border glyphs, with ` title ` at the
/// left of its top edge and ` note ` (when not empty and there is room) at
/// the right of its bottom edge.
pub fn frame(buf: &mut Buffer, area: Rect, title: &str, note: &str, style: Style) {
    let area = area.intersection(buf.area);
    if area.width < 2 || area.height < 2 {
        return;
    }
    let b = glyphs().border;
    let (left, right, top, bottom) = (area.x, area.right() - 1, area.y, area.bottom() - 1);
    let inner = usize::from(area.width - 2);
    for (y, l, r) in [
        (top, b.top_left, b.top_right),
        (bottom, b.bottom_left, b.bottom_right),
    ] {
        put(buf, left, y, l, 1, style);
        put(buf, left + 1, y, &b.horizontal.repeat(inner), inner, style);
        put(buf, right, y, r, 1, style);
    }
    for y in top + 1..bottom {
        put(buf, left, y, b.vertical, 1, style);
        put(buf, right, y, b.vertical, 1, style);
    }
    let room = inner.saturating_sub(2);
    if room > 0 && !title.is_empty() {
        let title = format!(" {} ", truncate(title, room));
        put(buf, left + 1, top, &title, width(&title), style);
    }
    let note_cells = width(note) + 2;
    if !note.is_empty() && note_cells <= room {
        let x = right - u16::try_from(note_cells).unwrap_or(0);
        put(buf, x, bottom, &format!(" {note} "), note_cells, style);
    }
}

/// When the cell left of (x, y) holds a character that covers (x, y),
/// writing at (x, y) erases it in the terminal: make it a blank here too.
fn blank_owner_of(buf: &mut Buffer, x: u16, y: u16) {
    if x <= buf.area.x {
        return;
    }
    if let Some(owner) = buf.cell_mut((x - 1, y))
        && owner.cell_width() > 1
    {
        owner.set_symbol(" ");
        owner.set_diff_option(CellDiffOption::None);
    }
}

/// A cell skipped for the character left of it, when that character was
/// just overwritten: a blank now.
fn unskip(buf: &mut Buffer, x: u16, y: u16) {
    if let Some(cell) = buf.cell_mut((x, y))
        && cell.diff_option == CellDiffOption::Skip
    {
        cell.set_symbol(" ");
        cell.set_diff_option(CellDiffOption::None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Cell;

    fn row(buf: &Buffer, y: u16) -> String {
        // What a terminal shows: each cell's symbol, covered cells skipped.
        let mut out = String::new();
        let mut skip = 0;
        for x in buf.area.left()..buf.area.right() {
            let cell = &buf[(x, y)];
            if skip == 0 {
                out.push_str(cell.symbol());
            }
            skip = skip.max(cell.cell_width()).saturating_sub(1);
        }
        out
    }

    fn buffer(w: u16) -> Buffer {
        Buffer::empty(Rect::new(0, 0, w, 1))
    }

    #[test]
    fn narrow_mode_writes_what_ratatui_would() {
        let text = "● 제주항공 · 발권… é";
        let mut ours = buffer(24);
        let mut theirs = buffer(24);
        let x = put(&mut ours, 0, 0, text, 24, Style::default());
        let (x2, _) = theirs.set_stringn(0, 0, text, 24, Style::default());
        assert_eq!(ours, theirs);
        assert_eq!(x, x2);
    }

    #[test]
    fn wide_mode_gives_ambiguous_characters_two_cells_and_skips_the_second() {
        AmbiguousWidth::Wide.scope(|| {
            let mut buf = buffer(12);
            let x = put(&mut buf, 0, 0, "●월·a", 12, Style::default());
            assert_eq!(x, 7);
            assert_eq!(buf[(0, 0)].symbol(), "●");
            assert_eq!(
                buf[(0, 0)].diff_option,
                CellDiffOption::ForcedWidth(NonZeroU16::new(2).unwrap())
            );
            assert_eq!(buf[(1, 0)].diff_option, CellDiffOption::Skip);
            assert_eq!(buf[(2, 0)].symbol(), "월", "the syllable after ● is kept");
            assert_eq!(buf[(2, 0)].diff_option, CellDiffOption::None);
            assert_eq!(buf[(4, 0)].symbol(), "·");
            assert_eq!(buf[(6, 0)].symbol(), "a");
            assert_eq!(row(&buf, 0), "●월·a     ");
        });
    }

    #[test]
    fn a_wide_character_that_does_not_fit_is_left_out() {
        AmbiguousWidth::Wide.scope(|| {
            let mut buf = buffer(4);
            assert_eq!(put(&mut buf, 0, 0, "ab…", 4, Style::default()), 4);
            assert_eq!(put(&mut buf, 0, 0, "abc…", 4, Style::default()), 3);
            assert_eq!(row(&buf, 0), "abc ");
            assert_eq!(put(&mut buf, 3, 0, "…", 9, Style::default()), 3, "the edge");
        });
    }

    #[test]
    fn control_characters_never_reach_a_cell() {
        let mut buf = buffer(10);
        put(
            &mut buf,
            0,
            0,
            "a\u{1b}[31mb\u{7}\u{202e}c\t",
            10,
            Style::default(),
        );
        assert_eq!(row(&buf, 0), "a[31mbc   ");
    }

    #[test]
    fn overwriting_half_a_wide_character_blanks_the_other_half() {
        for mode in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
            mode.scope(|| {
                let mut buf = buffer(6);
                put(&mut buf, 0, 0, "가※나", 6, Style::default());
                // A popup's edge at x = 1 (inside 가) and at x = 3.
                put(&mut buf, 1, 0, "|", 1, Style::default());
                assert_eq!(buf[(0, 0)], Cell::new(" "), "{mode:?}");
                let mut buf = buffer(6);
                put(&mut buf, 0, 0, "가※나", 6, Style::default());
                put(&mut buf, 2, 0, "x", 1, Style::default());
                assert_eq!(buf[(3, 0)].diff_option, CellDiffOption::None, "{mode:?}");
                let want = if mode.is_wide() {
                    "가x 나"
                } else {
                    "가x나 "
                };
                assert_eq!(row(&buf, 0), want, "{mode:?}");
            });
        }
    }

    #[test]
    fn clearing_over_wide_characters_leaves_no_half() {
        AmbiguousWidth::Wide.scope(|| {
            let mut buf = Buffer::empty(Rect::new(0, 0, 8, 2));
            for y in 0..2 {
                put(&mut buf, 0, y, "●●●●", 8, Style::default());
            }
            clear(&mut buf, Rect::new(3, 0, 2, 2), Style::default());
            for y in 0..2 {
                assert_eq!(row(&buf, y), "●    ●", "row {y}");
                for x in 0..8 {
                    let cell = &buf[(x, y)];
                    let covered = x == 1 || x == 7;
                    assert_eq!(cell.diff_option == CellDiffOption::Skip, covered, "{x}");
                }
            }
        });
    }

    #[test]
    fn frames_are_straight_in_both_modes() {
        for mode in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
            mode.scope(|| {
                let mut buf = Buffer::empty(Rect::new(0, 0, 16, 3));
                let area = buf.area;
                frame(&mut buf, area, "범주 · 선택", "1–3/9", Style::default());
                for y in 0..3 {
                    assert_eq!(width(&row(&buf, y)), 16, "{mode:?} {y}: {}", row(&buf, y));
                }
                let title = row(&buf, 0);
                assert!(title.contains(" 범주 · 선택 "), "{title}");
                let bottom = row(&buf, 2);
                assert!(bottom.contains(" 1–3/9 "), "{mode:?}: {bottom}");
            });
        }
    }
}
