//! html2text wraps long words character by character, which splits
//! grapheme clusters (emoji sequences, combining marks, old Hangul jamo) and
//! measures them differently from the terminal. Before rendering, each
//! multi-character cluster is replaced by one private character of the same
//! width; after rendering, the clusters are put back. Where ambiguous
//! characters are wide (html2text counts them narrow), each of them is
//! replaced so too.

use std::borrow::Cow;
use std::collections::HashMap;

use unicode_segmentation::UnicodeSegmentation;

use crate::text::{AmbiguousWidth, is_simple, widens};

/// Plane 15 private use: one cell wide.
const NARROW: u32 = 0xF0000;
const NARROW_END: u32 = 0xFFFFD;
/// Unassigned plane 3: two cells wide (East Asian Wide by default).
const WIDE: u32 = 0x3A000;
const WIDE_END: u32 = 0x3FFFD;

fn in_ranges(c: char) -> bool {
    (NARROW..=NARROW_END).contains(&(c as u32)) || (WIDE..=WIDE_END).contains(&(c as u32))
}

#[derive(Debug, Default)]
pub(super) struct Glyphs {
    narrow: Vec<String>,
    wide: Vec<String>,
    index: HashMap<String, char>,
}

impl Glyphs {
    /// Pass `text` to `out` in pieces, clusters replaced by placeholders.
    /// A character of the placeholder ranges in the text itself is replaced
    /// too, so that decoding is exact.
    pub(super) fn encode(&mut self, text: &str, mut out: impl FnMut(&str)) {
        let wide = AmbiguousWidth::current().is_wide();
        if text.chars().all(|c| is_simple(c) && !widens(c, wide)) {
            return out(text);
        }
        let mut plain_start = 0;
        for (i, g) in text.grapheme_indices(true) {
            let mut chars = g.chars();
            let single = chars.next().filter(|_| chars.next().is_none());
            if single.is_some_and(|c| !in_ranges(c) && !widens(c, wide)) {
                continue;
            }
            if let Some(c) = self.placeholder(g) {
                out(&text[plain_start..i]);
                let mut buf = [0u8; 4];
                out(c.encode_utf8(&mut buf));
                plain_start = i + g.len();
            }
        }
        out(&text[plain_start..]);
    }

    fn placeholder(&mut self, cluster: &str) -> Option<char> {
        if let Some(c) = self.index.get(cluster) {
            return Some(*c);
        }
        let (list, base, end) = match crate::text::width(cluster) {
            1 => (&mut self.narrow, NARROW, NARROW_END),
            2 => (&mut self.wide, WIDE, WIDE_END),
            // Zero-width and over-wide clusters stay as they are.
            _ => return None,
        };
        let code = base + list.len() as u32;
        if code > end {
            return None;
        }
        let c = char::from_u32(code)?;
        list.push(cluster.to_string());
        self.index.insert(cluster.to_string(), c);
        Some(c)
    }

    /// `text` with the placeholders replaced by their clusters.
    pub(super) fn decode<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.index.is_empty() || !text.chars().any(in_ranges) {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() + 16);
        for c in text.chars() {
            match self.cluster(c) {
                Some(g) => out.push_str(g),
                None => out.push(c),
            }
        }
        Cow::Owned(out)
    }

    fn cluster(&self, c: char) -> Option<&str> {
        let code = c as u32;
        let (list, base) = if (NARROW..=NARROW_END).contains(&code) {
            (&self.narrow, NARROW)
        } else if (WIDE..=WIDE_END).contains(&code) {
            (&self.wide, WIDE)
        } else {
            return None;
        };
        list.get((code - base) as usize).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> (String, String) {
        let mut g = Glyphs::default();
        let mut encoded = String::new();
        g.encode(text, |p| encoded.push_str(p));
        let decoded = g.decode(&encoded).into_owned();
        (encoded, decoded)
    }

    #[test]
    fn clusters_become_single_characters_of_the_same_width() {
        let text = "가족 👩‍👩‍👧‍👦 비 🌧️ é \u{1100}\u{1161}\u{11a8} 끝";
        let (encoded, decoded) = round_trip(text);
        assert_eq!(decoded, text);
        assert_eq!(crate::text::width(&encoded), crate::text::width(text));
        let e: usize = encoded
            .chars()
            .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
            .sum();
        assert_eq!(
            e,
            crate::text::width(text),
            "html2text measures char by char"
        );
    }

    #[test]
    fn where_ambiguous_characters_are_wide_html2text_sees_them_wide() {
        AmbiguousWidth::Wide.scope(|| {
            let text = "● 늦깎이 태풍… “제주” ① α";
            let (encoded, decoded) = round_trip(text);
            assert_eq!(decoded, text);
            let e: usize = encoded
                .chars()
                .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
                .sum();
            assert_eq!(e, crate::text::width(text));
        });
        let (encoded, _) = round_trip("● 태풍…");
        assert_eq!(encoded, "● 태풍…", "narrow: left as it is");
    }

    #[test]
    fn placeholder_characters_in_the_text_survive() {
        let text = "\u{F0000}\u{3A000}x";
        assert_eq!(round_trip(text).1, text);
    }
}
