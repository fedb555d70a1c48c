//! Footnotes: a short rule, then each note as `[^1] text`, the text hanging
//! under itself. Separate from the link list, which follows the article.

use super::block::Note;
use super::capture::note_mark;
use super::{Flags, Line, inline};

/// How long the rule above the notes is, at most.
const RULE_CELLS: usize = 8;

pub(super) fn layout(notes: &[Note], max: usize) -> Vec<Line> {
    let max = max.max(1);
    let mut out = vec![Line::plain(
        super::lines::rule(RULE_CELLS.min(max)),
        Flags::RULE,
    )];
    for note in notes {
        let lead = vec![(format!("[^{}] ", note.label), note_mark())];
        let indent = crate::text::width(&lead[0].0);
        if note.paras.is_empty() {
            out.extend(inline::wrap_hanging(&lead, &Vec::new(), max));
        }
        for (i, para) in note.paras.iter().enumerate() {
            if i == 0 {
                out.extend(inline::wrap_hanging(&lead, para, max));
            } else if max > indent + 8 {
                let pad = " ".repeat(indent);
                out.extend(inline::wrap(para, max - indent).into_iter().map(|l| {
                    let mut line = Line::plain(pad.clone(), Flags::default());
                    for s in l.spans {
                        line.push(s.text, s.style);
                    }
                    line
                }));
            } else {
                out.extend(inline::wrap(para, max));
            }
        }
    }
    out
}
