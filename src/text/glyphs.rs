//! The characters sinmun draws itself (marks, dividers, borders, rules),
//! one set per ambiguous-width mode. Box drawing, `●` and `★` are
//! ambiguous: a terminal that draws them two cells wide breaks a vertical
//! divider into a thick dashed column and a border's corners out of line,
//! so the wide set uses ASCII, which every font has and every terminal
//! draws one cell wide. `…`, `·` and arrows look right at either width
//! and stay; they are measured in the mode like any text.

use super::AmbiguousWidth;

/// Borders of a box (popups).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Border {
    pub horizontal: &'static str,
    pub vertical: &'static str,
    pub top_left: &'static str,
    pub top_right: &'static str,
    pub bottom_left: &'static str,
    pub bottom_right: &'static str,
}

/// Rules and separators of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableLines {
    /// Between two cells.
    pub vertical: &'static str,
    /// The rule under a row.
    pub horizontal: &'static str,
    /// Where a rule meets a separator.
    pub cross: &'static str,
    /// A separator that goes on down with the rule on its right only.
    pub right_only: &'static str,
    /// A separator that goes on down with the rule on its left only.
    pub left_only: &'static str,
}

/// Every glyph the interface and the renderer draw of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    /// Before an unread headline.
    pub unread: &'static str,
    /// Before a starred headline.
    pub starred: &'static str,
    /// Between the list and the article.
    pub divider: &'static str,
    pub border: Border,
    pub table: TableLines,
    /// One piece of a horizontal rule (`<hr>`, above footnotes).
    pub rule: &'static str,
    /// Left of every line of a code block.
    pub gutter: &'static str,
    /// Starts each following piece of a cut code line.
    pub continuation: &'static str,
    /// Ends truncated text.
    pub ellipsis: &'static str,
    /// Between the parts of a status or meta line.
    pub separator: &'static str,
}

const NARROW: Glyphs = Glyphs {
    unread: "●",
    starred: "★",
    divider: "│",
    border: Border {
        horizontal: "─",
        vertical: "│",
        top_left: "┌",
        top_right: "┐",
        bottom_left: "└",
        bottom_right: "┘",
    },
    table: TableLines {
        vertical: "│",
        horizontal: "─",
        cross: "┼",
        right_only: "├",
        left_only: "┤",
    },
    rule: "─",
    gutter: "│ ",
    continuation: "↪",
    ellipsis: super::ELLIPSIS,
    separator: " · ",
};

const WIDE: Glyphs = Glyphs {
    // As mutt and newsboat mark new and flagged items.
    unread: "N",
    starred: "*",
    divider: "|",
    border: Border {
        horizontal: "-",
        vertical: "|",
        top_left: "+",
        top_right: "+",
        bottom_left: "+",
        bottom_right: "+",
    },
    table: TableLines {
        vertical: "|",
        horizontal: "-",
        cross: "+",
        right_only: "|",
        left_only: "|",
    },
    rule: "-",
    gutter: "| ",
    // U+21AA is not ambiguous: one cell in every terminal.
    continuation: "↪",
    ellipsis: super::ELLIPSIS,
    separator: " · ",
};

impl AmbiguousWidth {
    /// The glyphs that look right in this mode.
    pub fn glyphs(self) -> &'static Glyphs {
        match self {
            AmbiguousWidth::Narrow => &NARROW,
            AmbiguousWidth::Wide => &WIDE,
        }
    }
}

/// The glyphs for this thread's mode.
pub fn glyphs() -> &'static Glyphs {
    AmbiguousWidth::current().glyphs()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width;

    fn all(g: &Glyphs) -> Vec<&'static str> {
        let b = g.border;
        let t = g.table;
        vec![
            g.unread,
            g.starred,
            g.divider,
            b.horizontal,
            b.vertical,
            b.top_left,
            b.top_right,
            b.bottom_left,
            b.bottom_right,
            t.vertical,
            t.horizontal,
            t.cross,
            t.right_only,
            t.left_only,
            g.rule,
            g.continuation,
        ]
    }

    #[test]
    fn marks_lines_and_borders_are_one_cell_in_their_mode() {
        for mode in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
            mode.scope(|| {
                for g in all(mode.glyphs()) {
                    assert_eq!(width(g), 1, "{g:?} in {mode:?}");
                }
                assert_eq!(width(mode.glyphs().gutter), 2);
            });
        }
    }

    #[test]
    fn the_wide_set_has_nothing_ambiguous() {
        for g in all(&WIDE) {
            assert!(
                !g.chars().any(crate::text::is_ambiguous),
                "{g:?} would be two cells wide"
            );
        }
        AmbiguousWidth::Wide.scope(|| {
            assert_eq!(
                width(glyphs().ellipsis),
                2,
                "measured as the terminal draws it"
            );
            assert_eq!(width(glyphs().separator), 4);
        });
    }
}
