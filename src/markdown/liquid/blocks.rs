//! The blocks of a site's include found before its Liquid is run, in
//! one pass over its text: each `for` with its body, its `else` and its
//! end (so that a loop's body is run again without a search), and the
//! `raw`, `highlight` and `comment` blocks, whose tags are not Liquid's.

use super::tags::{find_end, find_raw_end, tag_at};

/// A block of an include's text found before it is run, where it starts.
#[derive(Debug, Clone, Copy)]
pub(super) enum Block {
    /// `raw` or `highlight`, left as written; where it ends.
    Code {
        end: usize,
    },
    /// `comment`, showing nothing; where it ends.
    Comment {
        end: usize,
    },
    For(For),
    /// `capture`: its body (run, then set), and where it ends.
    Capture {
        body: (usize, usize),
        end: usize,
    },
}

/// Where a `for` block's parts are.
#[derive(Debug, Clone, Copy)]
pub(super) struct For {
    /// The body, the white space its tags trim left out.
    pub body: (usize, usize),
    /// What shows for an empty list (`{% else %}`).
    pub empty: Option<(usize, usize)>,
    /// Where the block ends (its `endfor`'s end).
    pub end: usize,
}

/// The blocks of an include's text, by where each starts.
#[derive(Debug)]
pub(super) struct Blocks(Vec<(usize, Block)>);

/// A block open while the text is read.
enum Open {
    For {
        start: usize,
        body: usize,
        other: Option<(usize, usize)>,
    },
    Capture {
        start: usize,
        body: usize,
    },
    /// `if`, `unless`, `case`: an `else` in it is its own.
    Other,
}

impl Blocks {
    /// The blocks of `text`, in one pass (code and comment blocks each
    /// searched once for their end: one never closed stops the search
    /// for the next of its kind).
    pub(super) fn of(text: &str) -> Blocks {
        let mut blocks = Vec::new();
        let mut open: Vec<Open> = Vec::new();
        let mut unclosed: Vec<&str> = Vec::new();
        let mut pos = 0;
        while let Some(off) = text[pos..].find("{%") {
            let at = pos + off;
            let Some(tag) = tag_at(text, at) else {
                pos = at + 2;
                continue;
            };
            pos = tag.end;
            match tag.name {
                "raw" | "highlight" | "comment" if !unclosed.contains(&tag.name) => {
                    let close = match tag.name {
                        "raw" => find_raw_end(text, tag.end),
                        name => find_end(text, tag.end, name),
                    };
                    let Some(close) = close else {
                        unclosed.push(tag.name);
                        continue;
                    };
                    let end = close.end;
                    blocks.push((
                        at,
                        match tag.name {
                            "comment" => Block::Comment { end },
                            _ => Block::Code { end },
                        },
                    ));
                    pos = end;
                }
                "for" => open.push(Open::For {
                    start: at,
                    body: trimmed_start(text, tag.end),
                    other: None,
                }),
                "capture" => open.push(Open::Capture {
                    start: at,
                    body: trimmed_start(text, tag.end),
                }),
                "if" | "unless" | "case" => open.push(Open::Other),
                "endif" | "endunless" | "endcase" => {
                    if matches!(open.last(), Some(Open::Other)) {
                        open.pop();
                    }
                }
                "else" => {
                    if let Some(Open::For { body, other, .. }) = open.last_mut()
                        && other.is_none()
                    {
                        let end = trimmed_end(text, *body, at);
                        *other = Some((end, trimmed_start(text, tag.end)));
                    }
                }
                "endcapture" => {
                    if let Some(Open::Capture { start, body }) =
                        close(&mut open, |o| matches!(o, Open::Capture { .. }))
                    {
                        let body = (body, trimmed_end(text, body, at));
                        blocks.push((start, Block::Capture { body, end: tag.end }));
                    }
                }
                "endfor" => {
                    if let Some(Open::For { start, body, other }) =
                        close(&mut open, |o| matches!(o, Open::For { .. }))
                    {
                        let end_of = |from| trimmed_end(text, from, at);
                        let (body, empty) = match other {
                            Some((body_end, empty)) => {
                                ((body, body_end), Some((empty, end_of(empty))))
                            }
                            None => ((body, end_of(body)), None),
                        };
                        blocks.push((
                            start,
                            Block::For(For {
                                body,
                                empty,
                                end: tag.end,
                            }),
                        ));
                    }
                }
                _ => {}
            }
        }
        blocks.sort_unstable_by_key(|&(at, _)| at);
        Blocks(blocks)
    }

    /// The block starting at `at` and ending by `to` (a loop's body is
    /// run as the text up to its end).
    pub(super) fn at(&self, at: usize, to: usize) -> Option<Block> {
        let i = self.0.binary_search_by_key(&at, |&(start, _)| start).ok()?;
        let block = self.0[i].1;
        let end = match block {
            Block::Code { end } | Block::Comment { end } | Block::Capture { end, .. } => end,
            Block::For(f) => f.end,
        };
        (end <= to).then_some(block)
    }
}

/// Where text after a tag ending at `end` starts, `-%}` taken in account.
fn trimmed_start(text: &str, end: usize) -> usize {
    if text[..end].ends_with("-%}") {
        let rest = &text[end..];
        end + rest.len() - rest.trim_start().len()
    } else {
        end
    }
}

/// Where text from `from` before the tag at `at` ends, `{%-` taken in
/// account.
fn trimmed_end(text: &str, from: usize, at: usize) -> usize {
    if text[at..].starts_with("{%-") {
        from.max(text[..at].trim_end().len())
    } else {
        at
    }
}

/// The block `is_it` takes, closed by its end tag: the `if`s left open
/// in it end with it; `None` when one of another kind is open inside.
fn close(open: &mut Vec<Open>, is_it: impl Fn(&Open) -> bool) -> Option<Open> {
    let i = open.iter().rposition(|o| !matches!(o, Open::Other))?;
    if !is_it(&open[i]) {
        return None;
    }
    open.truncate(i + 1);
    open.pop()
}
