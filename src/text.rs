//! Width-aware text helpers. Every column, truncation and wrap in sinmun is
//! measured here, in terminal cells over grapheme clusters, never in bytes or
//! chars, and in the ambiguous-width mode of the thread that measures
//! ([`AmbiguousWidth`]: narrow unless a caller sets it for a while). The
//! glyphs the interface draws of its own come from one table per mode
//! ([`glyphs`]), and text goes into a screen buffer through [`screen`].

mod address;
mod ambiguous;
mod glyphs;
pub mod screen;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

pub use address::shown_address;
pub use ambiguous::{AmbiguousWidth, ModeGuard, char_width, is_ambiguous, widens};
pub use glyphs::{Border, Glyphs, TableLines, glyphs};

/// The ellipsis that marks truncated text: one cell wide, two where
/// ambiguous characters are wide.
pub const ELLIPSIS: &str = "…";

/// Width of `s` in terminal cells: the sum of its graphemes' widths, the way
/// the terminal places them, in this thread's [`AmbiguousWidth`].
pub fn width(s: &str) -> usize {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        // Printable ASCII: one cell per byte, the common case in columns.
        return s.len();
    }
    let wide = AmbiguousWidth::current().is_wide();
    if s.chars().all(is_simple) {
        return s.chars().map(|c| char_width(c, wide)).sum();
    }
    s.graphemes(true).map(|g| grapheme_width_in(g, wide)).sum()
}

/// Characters that always form a grapheme cluster alone and are never
/// joined to a neighbour: most Latin, Hangul syllables, CJK ideographs and
/// punctuation. Text made only of them needs no grapheme segmentation,
/// which is the costly part of measuring Korean text.
pub fn is_simple(c: char) -> bool {
    matches!(c,
        ' '..='\u{2ff}' | '\u{ac00}'..='\u{d7a3}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}'
        | '\u{2190}'..='\u{2bff}'
        | '\u{3000}'..='\u{3029}' | '\u{3030}'..='\u{303f}' | '\u{4e00}'..='\u{9fff}' | '\u{ff01}'..='\u{ff9d}')
}

/// Width of one grapheme cluster, in this thread's [`AmbiguousWidth`].
pub fn grapheme_width(g: &str) -> usize {
    grapheme_width_in(g, AmbiguousWidth::current().is_wide())
}

/// Width of one grapheme cluster; `wide` counts ambiguous characters as
/// two cells. A cluster is as wide as its first character says when that
/// is an ambiguous one (`é` written with a combining accent).
fn grapheme_width_in(g: &str, wide: bool) -> usize {
    let narrow = g.width();
    if wide
        && narrow == 1
        && let Some(first) = g.chars().next()
    {
        return char_width(first, true);
    }
    narrow
}

/// What stands for a grapheme that is wider than a whole line (Hangul at
/// width 1): it cannot be shown, and the line must still fit.
pub const TOO_WIDE: &str = "?";

/// The graphemes of `s` with their widths: the one place where text is
/// walked cell by cell. Text made only of [`is_simple`] characters skips
/// grapheme segmentation.
pub fn cells(s: &str) -> impl Iterator<Item = (&str, usize)> {
    let simple = s.chars().all(is_simple);
    let wide = AmbiguousWidth::current().is_wide();
    let mut rest = s;
    let mut graphemes = (!simple).then(|| s.graphemes(true));
    std::iter::from_fn(move || {
        if let Some(g) = graphemes.as_mut() {
            return g.next().map(|g| (g, grapheme_width_in(g, wide)));
        }
        let c = rest.chars().next()?;
        let (g, tail) = rest.split_at(c.len_utf8());
        rest = tail;
        Some((g, char_width(c, wide)))
    })
}

/// The longest start of `s` that is at most `max` cells wide, its width,
/// and the rest. Never splits a grapheme.
pub fn split_at_width(s: &str, max: usize) -> (&str, usize, &str) {
    let mut used = 0;
    let mut end = 0;
    for (g, w) in cells(s) {
        if used + w > max {
            break;
        }
        used += w;
        end += g.len();
    }
    (&s[..end], used, &s[end..])
}

/// Cuts text into pieces that fill lines of `max` cells, grapheme by
/// grapheme, remembering how much of the current line is used. A grapheme
/// wider than a whole line comes out as [`TOO_WIDE`].
#[derive(Debug, Clone, Copy)]
pub struct Splitter {
    max: usize,
    used: usize,
    /// Cells already used at the start of every following line.
    lead: usize,
}

impl Splitter {
    /// Lines of `max` cells (at least 1), the first already `used` cells full.
    pub fn new(max: usize, used: usize) -> Splitter {
        Splitter {
            max: max.max(1),
            used,
            lead: 0,
        }
    }

    /// Every following line starts `lead` cells in (a hanging indent the
    /// caller writes); ignored when it leaves no room.
    pub fn hanging(mut self, lead: usize) -> Splitter {
        self.lead = if lead < self.max { lead } else { 0 };
        self
    }

    /// Cells used on the current line.
    pub fn used(&self) -> usize {
        self.used
    }

    /// Feed `s`: `out(piece, new_line)` gets each piece, `new_line` true
    /// when the piece starts a new line.
    pub fn feed<'a>(&mut self, s: &'a str, mut out: impl FnMut(&'a str, bool)) {
        let mut start = 0;
        let mut end = 0;
        let mut new_line = false;
        for (g, w) in cells(s) {
            let (g_len, w, too_wide) = if w > self.max - self.lead {
                (g.len(), 1, true)
            } else {
                (g.len(), w, false)
            };
            if self.used + w > self.max {
                if end > start {
                    out(&s[start..end], new_line);
                }
                start = end;
                new_line = true;
                self.used = self.lead;
            }
            if too_wide {
                if end > start {
                    out(&s[start..end], new_line);
                    new_line = false;
                }
                out(TOO_WIDE, new_line);
                new_line = false;
                start = end + g_len;
            }
            end += g_len;
            self.used += w;
        }
        if end > start {
            out(&s[start..end], new_line);
        }
    }
}

/// Cut `s` to at most `max` cells, ending in `…` when anything was cut
/// (without it when even `…` does not fit). Never splits a grapheme; a
/// wide character that would straddle the limit is dropped whole.
pub fn truncate(s: &str, max: usize) -> String {
    let total = width(s);
    if total <= max {
        return s.to_string();
    }
    let mark = width(ELLIPSIS);
    if max < mark {
        return split_at_width(s, max).0.to_string();
    }
    // Room for the ellipsis.
    let (head, _, _) = split_at_width(s, max - mark);
    let mut out = String::with_capacity(head.len() + ELLIPSIS.len());
    out.push_str(head);
    out.push_str(ELLIPSIS);
    out
}

/// `s` truncated to `cells` and padded with spaces to exactly `cells`.
pub fn fit(s: &str, cells: usize) -> String {
    let mut out = truncate(s, cells);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// `s` padded on the right with spaces to at least `cells` cells.
pub fn pad_right(s: &str, cells: usize) -> String {
    let w = width(s);
    let mut out = String::with_capacity(s.len() + cells.saturating_sub(w));
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// Break `s` into lines of at most `max` cells: at spaces first, inside a
/// word only when the word alone is wider than a line. Graphemes are never
/// split; one wider than `max` is shown as `?` (it cannot fit). Runs of
/// spaces at a break are dropped.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0;
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        let w = width(word);
        let gap = usize::from(line_w > 0);
        if line_w + gap + w <= max {
            if gap == 1 {
                line.push(' ');
            }
            line.push_str(word);
            line_w += gap + w;
            continue;
        }
        if line_w > 0 && w <= max {
            lines.push(std::mem::take(&mut line));
            line.push_str(word);
            line_w = w;
            continue;
        }
        // The word is wider than a line: fill this line, then go on.
        if line_w > 0 && line_w + 1 < max {
            line.push(' ');
            line_w += 1;
        } else if line_w > 0 {
            lines.push(std::mem::take(&mut line));
            line_w = 0;
        }
        let mut splitter = Splitter::new(max, line_w);
        splitter.feed(word, |piece, new_line| {
            if new_line {
                lines.push(std::mem::take(&mut line));
            }
            line.push_str(piece);
        });
        line_w = splitter.used();
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `parts` joined by `sep` and wrapped at `max` cells as [`wrap`] does,
/// broken between parts where a part does not fit, so that no line starts
/// or ends with `sep`; a part wider than a line is wrapped on its own.
pub fn wrap_parts(parts: &[String], sep: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for part in parts.iter().filter(|p| !p.is_empty()) {
        if !line.is_empty() {
            if width(&line) + width(sep) + width(part) <= max.max(1) {
                line.push_str(sep);
                line.push_str(part);
                continue;
            }
            lines.push(std::mem::take(&mut line));
        }
        let mut pieces = wrap(part, max);
        line = pieces.pop().unwrap_or_default();
        lines.extend(pieces);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `s` wrapped to `max` cells after a `lead` (a number, a bullet) on the
/// first line, the following lines indented by the lead's width, as a list
/// item hangs. When the lead leaves fewer than `min_room` cells, the text
/// goes under the lead at the full width instead.
pub fn wrap_hanging(lead: &str, s: &str, max: usize, min_room: usize) -> Vec<String> {
    let max = max.max(1);
    let indent = width(lead);
    if indent + min_room.max(1) > max {
        let mut out = vec![lead.trim_end().to_string()];
        if out[0].is_empty() {
            out.clear();
        }
        out.extend(wrap(s, max));
        return out;
    }
    let pad = " ".repeat(indent);
    wrap(s, max - indent)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let head = if i == 0 { lead } else { pad.as_str() };
            let mut line = String::with_capacity(head.len() + l.len());
            line.push_str(head);
            line.push_str(&l);
            line
        })
        .collect()
}

// Sanitising moved to its own module; these names stay reachable here.
pub use crate::sanitize::{is_forbidden, one_line, sanitize};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_is_two_cells_and_ascii_one() {
        assert_eq!(width("신문"), 4);
        assert_eq!(width("abc"), 3);
        assert_eq!(width("IT 대란"), 7);
    }

    #[test]
    fn truncate_never_splits_a_wide_character() {
        assert_eq!(truncate("제주항공", 5), "제주…");
        assert_eq!(width(&truncate("제주항공", 5)), 5);
        assert_eq!(truncate("제주항공", 4), "제…");
        assert_eq!(width(&truncate("제주항공", 4)), 3);
        assert_eq!(truncate("제주항공", 8), "제주항공");
        assert_eq!(truncate("제주항공", 1), "…");
        assert_eq!(truncate("제주항공", 0), "");
    }

    #[test]
    fn fit_pads_to_exact_cells() {
        for s in ["제주항공 발권 마비", "abc", "🌧️ 비", ""] {
            for w in 0..12 {
                assert_eq!(width(&fit(s, w)), w, "{s:?} at {w}");
            }
        }
    }

    #[test]
    fn parts_break_between_them_never_at_a_separator() {
        let parts: Vec<String> = [
            "개발, 자바",
            "#java #제네릭",
            "2025-01-19",
            "posts/자바/index.md",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            wrap_parts(&parts, " · ", 40),
            [
                "개발, 자바 · #java #제네릭 · 2025-01-19",
                "posts/자바/index.md"
            ]
        );
        for max in 1..60 {
            for line in wrap_parts(&parts, " · ", max) {
                assert!(width(&line) <= max, "{line:?} at {max}");
                assert!(!line.starts_with(" ·") && !line.ends_with("· "), "{line:?}");
                assert!(!line.ends_with(" ·"), "{line:?} at {max}");
            }
        }
        // A part wider than a line wraps as text does.
        assert_eq!(
            wrap_parts(&parts[..2], " · ", 8),
            ["개발,", "자바", "#java", "#제네릭"]
        );
    }

    #[test]
    fn wrap_breaks_korean_at_spaces_first() {
        assert_eq!(
            wrap("제주항공 발권 시스템 마비", 10),
            ["제주항공", "발권", "시스템", "마비"]
        );
        assert_eq!(
            wrap("제주항공 발권 시스템 마비", 11),
            ["제주항공", "발권 시스템", "마비"]
        );
        assert_eq!(
            wrap("클라우드서비스장애", 6),
            ["클라우", "드서비", "스장애"]
        );
        assert_eq!(wrap("가 나다라마바사", 6), ["가 나", "다라마", "바사"]);
        assert_eq!(wrap("한", 1), ["?"]);
        assert_eq!(wrap("", 5), [""]);
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_grapheme() {
        let s = "IT 대란 👩‍👩‍👧‍👦 가족 é 🌧️비 Microsoft클라우드장애";
        for w in 2..30 {
            let lines = wrap(s, w);
            assert!(lines.iter().all(|l| width(l) <= w), "{w}: {lines:?}");
            let joined: String = lines.concat().split_whitespace().collect();
            let want: String = s.split_whitespace().collect();
            assert_eq!(joined, want, "{w}");
        }
    }

    #[test]
    fn the_splitter_fills_lines_and_never_splits_a_grapheme() {
        let mut pieces = Vec::new();
        let mut s = Splitter::new(5, 2);
        s.feed("가나다👩‍👩‍👧ab", |p, new_line| {
            pieces.push((p, new_line))
        });
        assert_eq!(pieces, [("가", false), ("나다", true), ("👩‍👩‍👧ab", true)]);
        let mut pieces = Vec::new();
        Splitter::new(1, 0).feed("a한b", |p, n| pieces.push((p, n)));
        assert_eq!(pieces, [("a", false), ("?", true), ("b", true)]);
        assert_eq!(split_at_width("제주항공", 5), ("제주", 4, "항공"));
        assert_eq!(split_at_width("e\u{301}x", 1), ("e\u{301}", 1, "x"));
    }

    #[test]
    fn hanging_wrap_indents_the_following_lines() {
        assert_eq!(
            wrap_hanging("[12] ", "제주항공 발권 시스템 마비", 15, 4),
            ["[12] 제주항공", "     발권", "     시스템", "     마비"]
        );
        assert_eq!(
            wrap_hanging("[12] ", "제주항공 발권", 6, 4),
            ["[12]", "제주항", "공", "발권"]
        );
    }

    /// Text a Korean post is full of: ambiguous punctuation, symbols and
    /// a Greek letter between Hangul syllables.
    const MIXED: &str = "● 늦깎이 태풍… “제주” ① 30°C × 2 → α";

    #[test]
    fn every_helper_counts_ambiguous_characters_in_the_mode() {
        assert_eq!(width(MIXED), 36);
        AmbiguousWidth::Wide.scope(|| {
            assert_eq!(width(MIXED), 45);
            assert_eq!(width("●"), 2);
            assert_eq!(
                width("e\u{301}"),
                1,
                "é written with an accent is not ambiguous"
            );
            assert_eq!(width("\u{3b1}\u{301}"), 2, "α with an accent is");
            assert_eq!(width("IT 대란"), 7, "ASCII and Hangul as before");
            let widths: Vec<usize> = cells("a●가…").map(|(_, w)| w).collect();
            assert_eq!(widths, [1, 2, 2, 2]);
            assert_eq!(split_at_width("●월", 2), ("●", 2, "월"));
            assert_eq!(split_at_width("●월", 1), ("", 0, "●월"));
            assert_eq!(truncate("●늦깎이 태풍", 7), "●늦…");
            assert_eq!(truncate("늦깎이", 3), "…");
            assert_eq!(truncate("abc", 1), "a", "no room for a two-cell …");
            for w in 0..40 {
                assert_eq!(width(&fit(MIXED, w)), w, "fit at {w}");
                assert!(width(&truncate(MIXED, w)) <= w, "truncate at {w}");
            }
            assert_eq!(width(&pad_right("·", 5)), 5);
            assert_eq!(pad_right("·", 5), "·   ");
            assert_eq!(wrap("가·나·다", 4), ["가·", "나·", "다"]);
            assert_eq!(wrap_hanging("※ ", "가나 다라", 7, 2), ["※ 가나", "   다라"]);
        });
        assert_eq!(
            truncate("●늦깎이 태풍", 7),
            "●늦깎…",
            "narrow again after the scope"
        );
    }

    #[test]
    fn wide_wraps_and_splits_fit_and_keep_every_grapheme() {
        AmbiguousWidth::Wide.scope(|| {
            for w in 1..30 {
                let lines = wrap(MIXED, w);
                assert!(lines.iter().all(|l| width(l) <= w), "{w}: {lines:?}");
                let joined: String = lines.concat().split_whitespace().collect();
                let want: String = MIXED.split_whitespace().collect();
                if w > 1 {
                    assert_eq!(joined, want, "{w}");
                }
                let mut pieces: Vec<(String, bool)> = Vec::new();
                Splitter::new(w, 0).feed(MIXED, |p, n| pieces.push((p.to_string(), n)));
                let mut line = 0;
                for (p, new_line) in &pieces {
                    line = if *new_line { width(p) } else { line + width(p) };
                    assert!(line <= w, "{w}: {pieces:?}");
                }
            }
        });
    }
}
