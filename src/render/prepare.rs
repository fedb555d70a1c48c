//! The pass before html2text: post HTML in, HTML that html2text renders
//! safely and fast out. It rebuilds every tag from a known set (so broken
//! tags cost no text), bounds nesting depth (html2text's time grows faster
//! than linearly with it), caps indentation to what the width can hold,
//! numbers links, turns images and rules into text, normalises colours, and
//! hands the roles html2text has no annotation for (headings, links, images,
//! rules, quotes) to the decorator as reserved colours.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use super::block::{Block, Picture};
use super::capture::{self, Capture};
use super::color::{self, Rgb};
use super::glyphs::Glyphs;
use super::role::Role;
use super::{Flags, SpanStyle};
use crate::html_text::{Token, attributes, push_decoded, tokens};
use crate::i18n::Msg;
use crate::picture::Found;

mod media;
mod style;
mod tags;

use style::*;
use tags::*;

/// Elements nested deeper than this are unwrapped (their text is kept).
pub(super) const MAX_DEPTH: usize = 48;
/// Tables nested deeper than this are laid out as plain blocks.
const MAX_TABLE_DEPTH: usize = 2;
/// A cell spans at most this many columns or rows.
const MAX_SPAN: u32 = 16;
/// About this many lines of output, at most (estimated while preparing).
pub(super) const MAX_LINES: usize = 50_000;
/// This much prepared HTML, at most.
const MAX_BYTES: usize = 8 * 1024 * 1024;
/// Placeholders for captured blocks: one character each, in plane 16's
/// private use area (nothing in a post keeps these; see `text`).
const BLOCK_BASE: u32 = 0x10_0000;
const BLOCK_END: u32 = 0x10_FFFC;
/// Stands for "one blank line here": written between blocks that html2text
/// would set against each other (a list after a quote, a rule, a list).
pub(super) const SEPARATOR: char = '\u{10FFFD}';

/// The block a placeholder character stands for.
pub(super) fn block_index(c: char) -> Option<usize> {
    let code = c as u32;
    (BLOCK_BASE..=BLOCK_END)
        .contains(&code)
        .then(|| (code - BLOCK_BASE) as usize)
}

#[derive(Debug, Clone)]
pub(super) struct PrepareOptions {
    /// How many indenting blocks (lists, quotes) may nest.
    pub max_indent: usize,
    /// Whether tables keep their layout.
    pub tables: bool,
    /// Whether the post's own colours are kept.
    pub inline_colors: bool,
    /// What translucent colours are blended over.
    pub paper: Rgb,
    /// Whether code, tables and footnotes are captured for sinmun's own
    /// layout (else tables follow `tables` and code goes to html2text).
    pub blocks: bool,
    /// Where images are, and whether rows are held for them.
    pub pictures: Option<std::sync::Arc<crate::picture::PictureContext>>,
    /// The interface's language, for the words sinmun adds (`[image]`).
    pub lang: crate::i18n::Lang,
}

#[derive(Debug, Default)]
pub(super) struct Prepared {
    pub html: String,
    pub glyphs: Glyphs,
    /// Link addresses, numbered from 1 in order of first appearance.
    pub links: Vec<String>,
    /// Captured blocks, by placeholder.
    pub blocks: Vec<Block>,
    /// How many bytes of the body were left out for the budget.
    pub cut: Option<usize>,
    /// What is wrong with the local pictures the body names.
    pub picture_problems: Vec<crate::i18n::Message>,
}

impl Prepared {
    /// The image files of the pictures captured, in order.
    pub(super) fn pictures(&self) -> Vec<crate::picture::locate::ImageFile> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Image(p) => Some(p.file.clone()),
                _ => None,
            })
            .collect()
    }
}

/// How an open element was written out.
#[derive(Debug, Clone)]
struct Open {
    /// The element's name in the post (lowercase).
    name: String,
    /// The tag written in its place (`None`: nothing written).
    written: Option<&'static str>,
    /// The link number to print after it closes.
    link: Option<usize>,
    /// Lists, quotes: they indent what they hold.
    indents: bool,
    /// A table laid out as plain blocks.
    flat_table: bool,
    /// What the element adds to the style of the text inside.
    look: SpanStyle,
    /// Its contents are not shown (a footnote's way back).
    skip: bool,
    /// A footnote mark: its text becomes `[^text]`.
    note_ref: bool,
    /// The language its `class` names, for code inside.
    lang: Option<String>,
}

pub(super) fn prepare(html: &str, opts: &PrepareOptions) -> Prepared {
    let mut p = Builder {
        opts: opts.clone(),
        out: Prepared::default(),
        stack: Vec::new(),
        dropped: Vec::new(),
        link_index: HashMap::new(),
        capture: None,
        skipping: 0,
        note_text: None,
        lines: 0,
        notes_end: None,
        at: 0,
        rowless_tables: rowless_tables(html),
    };
    p.out
        .html
        .reserve((html.len() + html.len() / 8).min(MAX_BYTES));
    for token in tokens(html) {
        p.at = offset_of(html, &token);
        if p.over_budget() {
            p.out.cut = Some(html.len().saturating_sub(p.at));
            break;
        }
        match token {
            Token::Text(t) => p.text(t),
            Token::Start { name, attrs } => p.start(&name.to_ascii_lowercase(), attrs),
            Token::End { name } => p.end(&name.to_ascii_lowercase()),
        }
    }
    while !p.stack.is_empty() {
        p.pop();
    }
    p.out
}

/// Where in `html` a token of it starts (its name, for a tag).
fn offset_of(html: &str, token: &Token<'_>) -> usize {
    let at = match token {
        Token::Text(t) => t.as_ptr(),
        Token::Start { name, .. } | Token::End { name } => name.as_ptr(),
    };
    (at as usize).saturating_sub(html.as_ptr() as usize)
}

/// Where the `<table>` tags of `html` start that no `<tr>`, `<td>` or
/// `<th>` follows before their `</table>` (or the end): tables named in a
/// sentence. Tables nest as their tags do.
fn rowless_tables(html: &str) -> HashSet<usize> {
    let mut rowless = HashSet::new();
    let has_table = html
        .as_bytes()
        .windows(6)
        .any(|w| w.eq_ignore_ascii_case(b"<table"));
    if !has_table {
        return rowless;
    }
    let mut open: Vec<(usize, bool)> = Vec::new();
    for token in tokens(html) {
        match token {
            Token::Start { name, .. } if name.eq_ignore_ascii_case("table") => {
                open.push((offset_of(html, &token), false));
            }
            Token::Start { name, .. }
                if ["tr", "td", "th"]
                    .iter()
                    .any(|r| name.eq_ignore_ascii_case(r)) =>
            {
                if let Some(table) = open.last_mut() {
                    table.1 = true;
                }
            }
            Token::End { name } if name.eq_ignore_ascii_case("table") => {
                if let Some((at, false)) = open.pop() {
                    rowless.insert(at);
                }
            }
            _ => {}
        }
    }
    rowless.extend(open.into_iter().filter(|t| !t.1).map(|t| t.0));
    rowless
}

struct Builder {
    opts: PrepareOptions,
    out: Prepared,
    stack: Vec<Open>,
    /// Start tags dropped for depth, by name, so their end tags are too.
    dropped: Vec<(String, usize)>,
    /// Link addresses to their numbers.
    link_index: HashMap<String, usize>,
    /// The block being gathered, and where its element is in the stack.
    capture: Option<(Capture, usize)>,
    /// Open elements whose contents are not shown.
    skipping: usize,
    /// The text of the footnote mark being read.
    note_text: Option<String>,
    /// Lines of output, estimated.
    lines: usize,
    /// Where the last footnotes placeholder ended in the HTML, so that
    /// notes written one `<div>` each become one section.
    notes_end: Option<usize>,
    /// Where in the HTML the token being read starts.
    at: usize,
    /// Where the `<table>` tags that open a table with no row start.
    rowless_tables: HashSet<usize>,
}

impl Builder {
    fn over_budget(&self) -> bool {
        self.lines > MAX_LINES || self.out.html.len() > MAX_BYTES
    }

    fn text(&mut self, raw: &str) {
        if self.skipping > 0 {
            return;
        }
        let mut decoded = String::with_capacity(raw.len());
        push_decoded(&mut decoded, raw);
        if decoded.contains(|c| matches!(c, '\u{1b}' | '\u{90}'..='\u{9f}')) {
            // An escape written as a character reference (`&#27;[31m`):
            // the whole sequence goes, as in post text at load. Tabs are
            // kept for the code layout, which expands them itself.
            decoded = decoded
                .split('\t')
                .map(crate::sanitize::terminal_text)
                .collect::<Vec<_>>()
                .join("\t");
        }
        // Any other control character a reference stands for goes here
        // too: the captured blocks below keep their text as it is.
        if decoded
            .chars()
            .any(|c| block_index(c).is_some() || c == SEPARATOR || crate::text::is_forbidden(c))
        {
            decoded = decoded
                .chars()
                .filter(|c| !crate::text::is_forbidden(*c))
                .map(|c| {
                    if block_index(c).is_some() || c == SEPARATOR {
                        '\u{fffd}'
                    } else {
                        c
                    }
                })
                .collect();
        }
        if let Some(note) = self.note_text.as_mut() {
            note.push_str(&decoded);
            return;
        }
        self.lines += decoded.len() / 64 + decoded.matches('\n').count() / 4;
        if let Some((capture, _)) = self.capture.as_mut() {
            capture.text(&decoded, self_style(&self.stack, SpanStyle::default()));
            if matches!(capture, Capture::Code { .. }) {
                self.lines += decoded.matches('\n').count();
            }
            return;
        }
        if self
            .stack
            .iter()
            .any(|o| o.look.flags.contains(Flags::CODE))
        {
            decoded = keep_spaces(&decoded);
        }
        let html = &mut self.out.html;
        self.out.glyphs.encode(&decoded, |piece| {
            for c in piece.chars() {
                match c {
                    '&' => html.push_str("&amp;"),
                    '<' => html.push_str("&lt;"),
                    '>' => html.push_str("&gt;"),
                    c if crate::text::is_forbidden(c) => {}
                    c => html.push(c),
                }
            }
        });
    }

    fn start(&mut self, name: &str, attrs: &str) {
        if self.skipping > 0 || self.note_text.is_some() {
            if !VOID.contains(&name) && self.stack.len() < MAX_DEPTH {
                self.stack.push(Open::hidden(name));
            }
            return;
        }
        if matches!(name, "br") {
            self.lines += 1;
            match self.capture.as_mut() {
                Some((c, _)) => c.start("br", &[], MAX_SPAN),
                None => self.out.html.push_str("<br>"),
            }
            return;
        }
        if starts_line(name) {
            // A paragraph is its line and the blank one after it.
            self.lines += 1 + usize::from(name == "p");
        }
        if CLOSES_P.contains(&name) {
            self.close_within("p", P_SCOPE);
        }
        match name {
            "li" => self.close_within("li", LIST_SCOPE),
            "dt" | "dd" => {
                self.close_within("dt", LIST_SCOPE);
                self.close_within("dd", LIST_SCOPE);
            }
            "tr" => self.close_within("tr", &["table", "thead", "tbody", "tfoot"]),
            "td" | "th" => {
                self.close_within("td", &["tr", "table"]);
                self.close_within("th", &["tr", "table"]);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                if self
                    .stack
                    .last()
                    .is_some_and(|o| crate::html_text::heading_level(&o.name).is_some()) =>
            {
                self.pop();
            }
            "a" => self.close_within("a", P_SCOPE),
            _ => {}
        }
        if name == "hr" {
            match self.capture.as_mut() {
                Some((c, _)) => c.start("hr", &[], MAX_SPAN),
                None => self.rule(),
            }
            return;
        }
        if name == "img" {
            self.image(attrs);
            return;
        }
        if VOID.contains(&name) {
            return;
        }
        if self.stack.len() >= MAX_DEPTH {
            match self.dropped.iter_mut().find(|(n, _)| n == name) {
                Some((_, count)) => *count += 1,
                None => self.dropped.push((name.to_string(), 1)),
            }
            return;
        }
        let attrs = attributes(attrs);
        let mut open = Open {
            written: written_as(name),
            ..Open::hidden(name)
        };
        if self.capture.is_some() {
            self.start_captured(open, &attrs);
            return;
        }
        // A `<table>` that never gets a row (named in a sentence, not in
        // code) is no table: a browser moves what it holds out of it, where
        // it shows as if the tag were not there.
        if name == "table" && self.rowless_tables.contains(&self.at) {
            open.written = None;
            self.stack.push(open);
            return;
        }
        if self.opts.blocks && self.begins_capture(name, &attrs) {
            open.written = None;
            open.look = self.look(name, &attrs);
            self.stack.push(open);
            return;
        }
        open.look = SpanStyle::of(flags_of(name, &attrs));
        let mut extra = String::new();
        let mut extra_text = None;
        let mut role = None;
        match name {
            "ul" | "ol" | "dl" | "blockquote" => {
                if let Some(start) = attrs
                    .iter()
                    .find(|(k, _)| k == "start")
                    .and_then(|(_, v)| v.trim().parse::<i32>().ok())
                {
                    let _ = write!(extra, " start=\"{}\"", start.clamp(-9999, 9999));
                }
                let depth = self.stack.iter().filter(|o| o.indents).count();
                if depth >= self.opts.max_indent {
                    open.written = Some("div");
                } else {
                    open.indents = true;
                    if name == "blockquote" {
                        role = Some(Role::Quote);
                    }
                }
            }
            // An item outside a laid-out list has no room for its marker.
            "li" | "dt" | "dd" if !self.in_laid_out_list() => {
                open.written = Some("div");
                if name == "li" {
                    // Past the levels the width can indent, an item still
                    // shows that it is one.
                    extra_text = Some(super::decorator::BULLET);
                }
            }
            "table" => {
                let depth = self.stack.iter().filter(|o| o.name == "table").count();
                if !self.opts.tables || depth >= MAX_TABLE_DEPTH {
                    open.written = Some("div");
                    open.flat_table = true;
                }
            }
            "tr" | "td" | "th" | "thead" | "tbody" | "tfoot" | "caption"
                if self.in_flat_table() =>
            {
                open.written = match name {
                    "tr" | "caption" => Some("div"),
                    "td" | "th" => Some("span"),
                    _ => None,
                };
                if matches!(name, "td" | "th") {
                    self.out.html.push(' ');
                }
            }
            "td" | "th" => {
                for key in ["colspan", "rowspan"] {
                    if let Some((_, v)) = attrs.iter().find(|(k, _)| k == key) {
                        let n = v.trim().parse::<u32>().unwrap_or(1).clamp(1, MAX_SPAN);
                        let _ = write!(extra, " {key}=\"{n}\"");
                    }
                }
            }
            "a" if self.open_anchor(&mut open, &attrs) => role = Some(Role::Link),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => role = Some(Role::Heading),
            "u" | "ins" => role = Some(Role::Underline),
            "mark" => role = Some(Role::Mark),
            _ => {}
        }
        open.lang = capture::language(&attrs);
        if open.written.is_some() && self.separates(name) {
            self.separator();
        }
        if let Some(tag) = open.written {
            let role = role.or_else(|| self.unseen_highlight(&attrs));
            let style = self.style(&attrs, role);
            let _ = write!(self.out.html, "<{tag}{extra}{style}>");
            if let Some(t) = extra_text {
                self.out.html.push_str(t);
            }
        }
        self.stack.push(open);
    }

    /// Start tags inside a captured block: only what the block needs.
    fn start_captured(&mut self, mut open: Open, attrs: &[(String, String)]) {
        open.written = None;
        if open.name == "a" {
            self.open_anchor(&mut open, attrs);
        }
        open.look = self.look(&open.name, attrs);
        if let Some((c, _)) = self.capture.as_mut() {
            c.start(&open.name, attrs, MAX_SPAN);
            if open.look.flags.contains(Flags::STRIKE) {
                c.word("~~", self_style(&self.stack, open.look));
            }
        }
        self.stack.push(open);
    }

    /// `<pre>`, `<table>` and footnote sections are laid out by sinmun:
    /// start gathering one. Returns false for anything else.
    fn begins_capture(&mut self, name: &str, attrs: &[(String, String)]) -> bool {
        let class = attrs
            .iter()
            .find(|(k, _)| k == "class")
            .map_or("", |(_, v)| v.as_str());
        let role = attrs
            .iter()
            .find(|(k, _)| k == "role")
            .map_or("", |(_, v)| v.as_str());
        let capture = match name {
            "pre" | "listing" | "xmp" => Capture::Code {
                text: String::new(),
                lang: capture::language(attrs)
                    .or_else(|| self.stack.iter().rev().find_map(|o| o.lang.clone())),
            },
            "table" if self.opts.tables => Capture::table(),
            "section" | "div" | "ol"
                if class.split_whitespace().any(|c| c == "footnotes")
                    || role == "doc-endnotes"
                    || class.contains("footnote-definition") =>
            {
                Capture::notes()
            }
            _ => return false,
        };
        self.capture = Some((capture, self.stack.len()));
        true
    }

    fn end(&mut self, name: &str) {
        if name == "br" {
            if self.skipping == 0 {
                self.start("br", "");
            }
            return;
        }
        if let Some(pos) = self.stack.iter().rposition(|o| o.name == name) {
            while self.stack.len() > pos {
                self.pop();
            }
        } else if let Some((_, count)) = self.dropped.iter_mut().find(|(n, c)| n == name && *c > 0)
        {
            *count -= 1;
        }
    }

    fn pop(&mut self) {
        let Some(open) = self.stack.pop() else { return };
        if open.skip {
            self.skipping = self.skipping.saturating_sub(1);
        }
        let mark = if open.note_ref {
            let text = self.note_text.take().unwrap_or_default();
            let label = crate::text::one_line(&text);
            Some(format!(
                "[^{}]",
                if label.is_empty() { "*" } else { &label }
            ))
        } else {
            open.link.map(|n| format!("[{n}]"))
        };
        let ends_capture = self
            .capture
            .as_ref()
            .is_some_and(|(_, at)| *at == self.stack.len());
        if ends_capture {
            if let Some((capture, _)) = self.capture.take() {
                self.place(capture.finish());
            }
            return;
        }
        if let Some((capture, _)) = self.capture.as_mut() {
            if open.look.flags.contains(Flags::STRIKE) {
                capture.word("~~", self_style(&self.stack, open.look));
            }
            capture.end(&open.name);
            if let Some(mark) = mark {
                capture.word(&mark, SpanStyle::of(Flags::LINK_NUMBER));
            }
            return;
        }
        if let Some(tag) = open.written {
            let _ = write!(self.out.html, "</{tag}>");
            if self.separates(&open.name) {
                self.separator();
            }
        }
        if let Some(mark) = mark {
            let _ = write!(
                self.out.html,
                "<span{}>{mark}</span>",
                marker(Role::LinkNumber)
            );
        }
    }

    /// Whether `name` at the top of the stack is a block that wants a blank
    /// line before and after it: lists, quotes, rules, not inside a list
    /// item or a cell (where lists sit tight).
    fn separates(&self, name: &str) -> bool {
        self.opts.blocks
            && matches!(name, "ul" | "ol" | "dl" | "menu" | "dir" | "blockquote")
            && !self.stack.iter().rev().any(|o| {
                matches!(
                    o.name.as_str(),
                    "li" | "dd" | "dt" | "td" | "th" | "caption" | "p"
                )
            })
    }

    fn separator(&mut self) {
        let _ = write!(self.out.html, "<p>{SEPARATOR}</p>");
    }

    /// A captured block's placeholder paragraph.
    fn place(&mut self, block: Block) {
        if let Block::Notes(notes) = &block
            && self
                .notes_end
                .and_then(|end| self.out.html.get(end..))
                .is_some_and(|between| between.trim().is_empty())
            && let Some(Block::Notes(last)) = self.out.blocks.last_mut()
        {
            last.extend(notes.iter().cloned());
            return;
        }
        let index = self.out.blocks.len() as u32;
        let Some(c) =
            char::from_u32(BLOCK_BASE + index).filter(|_| BLOCK_BASE + index <= BLOCK_END)
        else {
            return;
        };
        let notes = matches!(block, Block::Notes(_));
        self.out.blocks.push(block);
        let _ = write!(self.out.html, "<p>{c}</p>");
        if notes {
            self.notes_end = Some(self.out.html.len());
        }
    }

    /// Close an open `name` unless one of `boundaries` stands between.
    fn close_within(&mut self, name: &str, boundaries: &[&str]) {
        for (i, open) in self.stack.iter().enumerate().rev() {
            if open.name == name {
                while self.stack.len() > i {
                    self.pop();
                }
                return;
            }
            if boundaries.contains(&open.name.as_str()) {
                return;
            }
        }
    }

    /// Whether the nearest list around the top is written as a list.
    fn in_laid_out_list(&self) -> bool {
        self.stack
            .iter()
            .rev()
            .find(|o| matches!(o.name.as_str(), "ul" | "ol" | "dl" | "menu" | "dir"))
            .is_some_and(|l| l.indents)
    }

    fn in_flat_table(&self) -> bool {
        self.stack
            .iter()
            .rev()
            .find(|o| o.name == "table")
            .is_some_and(|t| t.flat_table)
    }
}

impl Open {
    /// An element inside one whose contents are not shown.
    fn hidden(name: &str) -> Open {
        Open {
            name: name.to_string(),
            written: None,
            link: None,
            indents: false,
            flat_table: false,
            look: SpanStyle::default(),
            skip: false,
            note_ref: false,
            lang: None,
        }
    }
}

/// Inline code keeps its runs of spaces: every space after a space is a
/// no-break space (turned back into a space after layout), so html2text
/// neither folds them nor breaks a line there.
fn keep_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_space = false;
    for c in s.chars() {
        let c = if c == '\n' { ' ' } else { c };
        if c == ' ' && prev_space {
            out.push('\u{a0}');
        } else {
            out.push(c);
        }
        prev_space = c == ' ' || c == '\u{a0}';
    }
    out
}

fn marker(role: Role) -> String {
    format!(" style=\"color:{}\"", role.marker().hex())
}

/// Text made safe to pass back through `text` (which decodes references).
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> PrepareOptions {
        PrepareOptions {
            max_indent: 4,
            tables: true,
            inline_colors: true,
            paper: Rgb(0, 0, 0),
            blocks: true,
            pictures: None,
            lang: crate::i18n::Lang::En,
        }
    }

    #[test]
    fn links_are_numbered_in_linear_time() {
        let body: String = (0..100_000)
            .map(|i| format!("<a href=\"https://e.example/{i}\">{i}</a>"))
            .collect();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(prepare(&body, &opts()).links.len());
        });
        // A linear search per link took minutes here.
        let n = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("numbered within 10 s");
        assert_eq!(n, 100_000);
    }

    #[test]
    fn blocks_leave_one_placeholder_each() {
        let p = prepare(
            "<p>앞</p><pre>코드</pre><table><tr><td>표</td></tr></table>",
            &opts(),
        );
        assert_eq!(p.blocks.len(), 2);
        let marks: Vec<usize> = p.html.chars().filter_map(block_index).collect();
        assert_eq!(marks, [0, 1]);
    }
}
