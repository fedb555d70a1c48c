//! One pass of Liquid over a site's include, as Jekyll runs it, in the
//! order it is written: conditions decided (conditions.rs), loops run
//! (loops.rs), outputs written, `assign` and nested includes taken in
//! where they stand, so that a variable set in a loop counts after it.
//! `raw` and `highlight` blocks are left as written (the post's pass
//! makes them code); `comment` blocks and tags not known show nothing.
//! `{%-` and `-%}` (`{{-`, `-}}`) take the white space beside them out.

use super::blocks::{Block, Blocks};
use super::conditions::{Open, condition, shown, step};
use super::loops;
use super::site_include::MAX_TOTAL;
use super::tags::{output_at, tag_at};
use super::value::{Value, bounded};
use super::{Item, Liquid};

/// How a run of a loop's body ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flow {
    /// At its end (or a bound).
    Done,
    /// At a `break`.
    Break,
    /// At a `continue`.
    Continue,
}

/// `text` with its Liquid run by `liquid`.
pub(super) fn run_text(text: &str, liquid: &mut Liquid<'_>) -> String {
    let blocks = Blocks::of(text);
    let mut out = String::with_capacity(text.len());
    run(text, (0, text.len()), &blocks, liquid, &mut out);
    out
}

/// Run the Liquid of `text[from..to]` (its `blocks` found over the whole
/// of `text`) into `out`; stops when `out` reaches [`MAX_TOTAL`].
pub(super) fn run(
    text: &str,
    (from, to): (usize, usize),
    blocks: &Blocks,
    liquid: &mut Liquid<'_>,
    out: &mut String,
) -> Flow {
    let src = &text[..to];
    let mut open: Vec<Open> = Vec::new();
    let mut copied = from;
    let mut pos = from;
    while let Some(off) = memchr::memchr(b'{', &src.as_bytes()[pos..]) {
        let at = pos + off;
        if out.len() > MAX_TOTAL {
            return Flow::Done;
        }
        let before = shown(&open);
        // Where the construct at `at` ends, what it shows put in `out`.
        let end = match tag_at(src, at) {
            Some(tag) => match blocks.at(at, to) {
                Some(Block::Code { end }) => {
                    if before {
                        out.push_str(&src[copied..end]);
                    }
                    copied = end;
                    pos = end;
                    continue;
                }
                Some(Block::Comment { end }) => {
                    flush(out, src, (copied, at), before);
                    end
                }
                Some(Block::For(block)) => {
                    flush(out, src, (copied, at), before);
                    if before {
                        loops::run_for(text, (tag.markup, block), blocks, liquid, out);
                    }
                    block.end
                }
                Some(Block::Capture { body, end }) => {
                    flush(out, src, (copied, at), before);
                    if before {
                        capture(text, (tag.markup, body), blocks, liquid);
                    }
                    end
                }
                None if step(&mut open, tag.name, || condition(liquid, tag.markup)) => {
                    flush(out, src, (copied, at), before);
                    tag.end
                }
                None if !before => tag.end,
                // Outside a loop of this pass, nothing to stop.
                None if matches!(tag.name, "break" | "continue") && liquid.in_loop() => {
                    flush(out, src, (copied, at), true);
                    return match tag.name {
                        "break" => Flow::Break,
                        _ => Flow::Continue,
                    };
                }
                None => match put(src, at, liquid, out, copied) {
                    Some(end) => end,
                    None => {
                        pos = tag.end;
                        continue;
                    }
                },
            },
            None => {
                let found = match before {
                    true => put(src, at, liquid, out, copied),
                    false => output_at(src, at).map(|(end, _)| end),
                };
                match found {
                    Some(end) => end,
                    None => {
                        pos = at + 1;
                        continue;
                    }
                }
            }
        };
        copied = after_trim(src, end);
        pos = end;
    }
    if shown(&open) {
        out.push_str(&src[copied..]);
    }
    Flow::Done
}

/// `capture NAME`: its body run, the variable set to what it writes.
fn capture(
    text: &str,
    (markup, body): (&str, (usize, usize)),
    blocks: &Blocks,
    liquid: &mut Liquid<'_>,
) {
    let Some(name) = markup.split_whitespace().next() else {
        return;
    };
    let mut captured = String::new();
    run(text, body, blocks, liquid, &mut captured);
    liquid.set(name, Value::Text(bounded(captured.trim().to_string())));
}

/// What `liquid` makes of the construct at `at` (a tag or an output), put
/// in `out` after the text before it; its end, or `None` when there is no
/// construct there.
fn put(
    src: &str,
    at: usize,
    liquid: &mut Liquid<'_>,
    out: &mut String,
    copied: usize,
) -> Option<usize> {
    let found = liquid.at(src, at)?;
    flush(out, src, (copied, at), true);
    match found.item {
        Item::Text(t) | Item::Html(t) | Item::Include(t) | Item::Loop(t) => out.push_str(&t),
        Item::Nothing => {}
        _ => out.push_str(&src[at..found.end]),
    }
    Some(found.end)
}

/// The text between `from` and the tag at `at`, when `shown`; its white
/// space at the end taken out when the tag starts `{%-` or `{{-`.
fn flush(out: &mut String, src: &str, (from, at): (usize, usize), shown: bool) {
    if !shown || from > at {
        return;
    }
    out.push_str(&src[from..at]);
    let rest = &src.as_bytes()[at..];
    if rest.starts_with(b"{%-") || rest.starts_with(b"{{-") {
        out.truncate(out.trim_end().len());
    }
}

/// Where the text after a tag ending at `end` starts: past its white
/// space when the tag ends `-%}` or `-}}`.
fn after_trim(src: &str, end: usize) -> usize {
    let head = &src[..end];
    if head.ends_with("-%}") || head.ends_with("-}}") {
        let rest = &src[end..];
        end + rest.len() - rest.trim_start().len()
    } else {
        end
    }
}

#[cfg(test)]
mod tests;
