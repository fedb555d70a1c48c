//! Styled paragraphs (table cells, footnotes, table rows as blocks) broken
//! into lines: at spaces first, inside a word only when the word is wider
//! than a line, the way `text::wrap` breaks plain text. A word may change
//! style in its middle (`**굵게**은`); it is still one word.

use super::block::Para;
use super::{Line, SpanStyle};
use crate::text::{Splitter, width};

/// A word: its styled pieces, with the style of the space before it
/// (`None` for the first word).
type Word<'a> = (Option<SpanStyle>, Vec<(&'a str, SpanStyle)>);

/// The words of a paragraph.
fn words(para: &Para) -> Vec<Word<'_>> {
    let mut out: Vec<Word<'_>> = Vec::new();
    let mut space: Option<SpanStyle> = None;
    let mut in_word = false;
    for span in para {
        for (i, piece) in span.text.split(' ').enumerate() {
            if i > 0 {
                in_word = false;
                space = Some(span.style);
            }
            if piece.is_empty() {
                continue;
            }
            if in_word && let Some(last) = out.last_mut() {
                last.1.push((piece, span.style));
            } else {
                let before = if out.is_empty() { None } else { space };
                out.push((before, vec![(piece, span.style)]));
                in_word = true;
            }
        }
    }
    out
}

fn word_width(word: &[(&str, SpanStyle)]) -> usize {
    word.iter().map(|(t, _)| width(t)).sum()
}

/// The widest word of a paragraph, in cells: the narrowest it can be laid
/// out without breaking a word.
pub(super) fn min_width(para: &Para) -> usize {
    words(para)
        .iter()
        .map(|(_, w)| word_width(w))
        .max()
        .unwrap_or(0)
}

/// The paragraph's width on one line.
pub(super) fn natural_width(para: &Para) -> usize {
    let ws = words(para);
    let gaps = ws.len().saturating_sub(1);
    ws.iter().map(|(_, w)| word_width(w)).sum::<usize>() + gaps
}

/// The paragraph in lines of at most `max` cells.
pub(super) fn wrap(para: &Para, max: usize) -> Vec<Line> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = Line::default();
    let mut used = 0;
    for (space, word) in words(para) {
        let w = word_width(&word);
        let gap = usize::from(used > 0);
        if used + gap + w <= max {
            if gap == 1 {
                line.push(" ".into(), space.unwrap_or_default());
            }
            for (t, s) in word {
                line.push(t.to_string(), s);
            }
            used += gap + w;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
        }
        let mut splitter = Splitter::new(max, 0);
        for (t, s) in word {
            splitter.feed(t, |piece, new_line| {
                if new_line {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(piece.to_string(), s);
            });
        }
        used = splitter.used();
    }
    if !line.spans.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The paragraph after a `lead` (a label) on its first line, the following
/// lines indented under the text; when the lead leaves too little room, or
/// a word that fits the line would have to be broken beside it, the text
/// goes under the lead instead.
pub(super) fn wrap_hanging(lead: &[(String, SpanStyle)], para: &Para, max: usize) -> Vec<Line> {
    const MIN_ROOM: usize = 8;
    let max = max.max(1);
    let indent: usize = lead.iter().map(|(t, _)| width(t)).sum();
    let mut head = Line::default();
    for (t, s) in lead {
        head.push(t.clone(), *s);
    }
    let mut alone = head.clone();
    if let Some(last) = alone.spans.last_mut() {
        last.text.truncate(last.text.trim_end().len());
    }
    // A word that fits the width but not beside the lead: the lead goes on
    // a line of its own, so that the word stays whole (wider words break
    // either way, and do not decide).
    let kept_whole_alone = || {
        words(para).iter().any(|(_, w)| {
            let w = word_width(w);
            w > max - indent && w <= max
        })
    };
    if indent + MIN_ROOM > max || kept_whole_alone() {
        let mut out = wrap(&alone.spans, max);
        out.extend(wrap(para, max));
        return out;
    }
    wrap(para, max - indent)
        .into_iter()
        .enumerate()
        .map(|(i, body)| {
            let mut line = if i == 0 {
                head.clone()
            } else {
                Line::plain(" ".repeat(indent), super::Flags::default())
            };
            for span in body.spans {
                line.push(span.text, span.style);
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{Flags, Span};
    use super::*;

    fn para(parts: &[(&str, Flags)]) -> Para {
        parts
            .iter()
            .map(|(t, f)| Span {
                text: t.to_string(),
                style: SpanStyle::of(*f),
            })
            .collect()
    }

    #[test]
    fn a_word_across_styles_stays_whole() {
        let p = para(&[
            ("임베딩", Flags::STRONG),
            ("은 벡터 표현이다", Flags::default()),
        ]);
        assert_eq!(min_width(&p), 8);
        assert_eq!(natural_width(&p), 8 + 1 + 4 + 1 + 8);
        let lines: Vec<String> = wrap(&p, 13).iter().map(Line::text).collect();
        assert_eq!(lines, ["임베딩은 벡터", "표현이다"]);
        assert!(wrap(&p, 3).iter().all(|l| l.width() <= 3));
    }

    #[test]
    fn a_word_that_fits_alone_is_not_broken_beside_a_lead() {
        // The Hangul run is wider than the line and breaks anyway; the
        // Latin word fits the line, not beside "제주항공: ".
        let p = para(&[(
            "supercalifragilistic 가나다라마바사아자차카타파하",
            Flags::default(),
        )]);
        let lead = [("제주항공: ".to_string(), SpanStyle::of(Flags::STRONG))];
        let lines: Vec<String> = wrap_hanging(&lead, &p, 22).iter().map(Line::text).collect();
        assert_eq!(lines[0], "제주항공:");
        assert_eq!(lines[1], "supercalifragilistic");
        assert!(lines.iter().all(|l| width(l) <= 22), "{lines:?}");
        // With room beside the lead, the value hangs under it.
        let short = para(&[("발권 마비", Flags::default())]);
        let lines: Vec<String> = wrap_hanging(&lead, &short, 22)
            .iter()
            .map(Line::text)
            .collect();
        assert_eq!(lines, ["제주항공: 발권 마비"]);
    }
}
