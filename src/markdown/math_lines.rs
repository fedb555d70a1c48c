//! Display math written over several lines (`$$` … `$$`), found before
//! comrak reads it. comrak takes the lines of a paragraph without their
//! leading spaces, and would read a line inside math that looks like a
//! list item or a heading underline as one; the scan puts a token at the
//! start of each line inside (its indentation, written back in math) so
//! that the TeX stays exactly as written.

use super::blocks::{line_content, line_end};

/// The most lines looked through for the closing `$$`.
const MAX_LINES: usize = 1000;

/// A display math block whose opening `$$` is on the line at `pos`.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct MathLines {
    /// Where its first `$$` starts.
    pub start: usize,
    /// The end of the line holding the closing `$$`.
    pub end: usize,
    /// What the lines inside begin with before their own indentation:
    /// the containers' (the opening line's, list markers as spaces).
    pub prefix: String,
}

/// The display math opening on the line at `pos`, when it closes on a
/// later line of the same paragraph.
pub(super) fn at(src: &str, pos: usize) -> Option<MathLines> {
    let b = src.as_bytes();
    let first_end = line_end(b, pos);
    let line = &src[pos..first_end];
    let content = line_content(line);
    let after = content.strip_prefix("$$")?;
    if after.contains("$$") {
        return None;
    }
    let start = pos + line.len() - content.len();
    let mut next = first_end + 1;
    for _ in 0..MAX_LINES {
        if next > b.len() {
            return None;
        }
        let end = line_end(b, next);
        let line = &src[next..end];
        if line.trim().is_empty() {
            return None;
        }
        if line.contains("$$") {
            let prefix = continuation(&src[pos..start]);
            return Some(MathLines { start, end, prefix });
        }
        next = end + 1;
    }
    None
}

/// The prefix the lines of a container continue with: `> ` stays, list
/// markers become the spaces under them.
fn continuation(opening: &str) -> String {
    opening
        .chars()
        .map(|c| {
            if matches!(c, ' ' | '\t' | '>') {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// The indentation of `line` inside math: what follows `prefix`, up to
/// its text; `None` when the line does not continue the container.
pub(super) fn indentation<'l>(line: &'l str, prefix: &str) -> Option<&'l str> {
    let rest = line.strip_prefix(prefix)?;
    let text = rest.trim_start_matches([' ', '\t']);
    Some(&rest[..rest.len() - text.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_that_close_in_their_paragraph() {
        let src = "- $$\n  a\n      &= b\n  $$\n";
        let m = at(src, 0).expect("math");
        assert_eq!(
            (m.start, m.end, m.prefix.as_str()),
            (2, src.len() - 1, "  ")
        );
        assert_eq!(indentation("      &= b", &m.prefix), Some("    "));
        assert_eq!(indentation("x", &m.prefix), None);
        assert_eq!(at("$$\na\n\n$$\n", 0), None, "a blank line ends it");
        assert_eq!(at("$$ a $$\n", 0), None, "one line");
        assert_eq!(at("$$\na", 0), None, "never closed");
        assert_eq!(
            at("> $$\n> a\n> $$", 0).map(|m| m.prefix),
            Some("> ".into())
        );
    }
}
