//! What prepare.rs gathers while it is inside a block that sinmun lays out
//! itself: the text of a code block as written, the rows and cells of a
//! table, the notes of a footnotes section.

use super::block::{Align, Block, Cell, Flow, Note, Row, Table};
use super::{Flags, SpanStyle};

#[derive(Debug)]
pub(super) enum Capture {
    Code { text: String, lang: Option<String> },
    Table(TableCapture),
    Notes(NotesCapture),
}

#[derive(Debug, Default)]
pub(super) struct TableCapture {
    table: Table,
    flow: Flow,
    /// Tables inside this one: their rows and cells are lines and words.
    inner: usize,
    /// Inside `<pre>`: lines kept as written.
    pre: usize,
    in_head: bool,
    in_cell: bool,
}

#[derive(Debug, Default)]
pub(super) struct NotesCapture {
    notes: Vec<Note>,
    flow: Flow,
    pre: usize,
    /// Inside the label of a note (`<sup class="footnote-definition-label">`).
    label: Option<String>,
}

/// Elements that end a line of text inside a cell or a note.
fn breaks(name: &str) -> bool {
    crate::html_text::is_block(name) && !matches!(name, "img" | "td" | "th")
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// The language named by a `class` (`language-x`, `lang-x`, `highlight-x`,
/// `highlight-source-x`, SyntaxHighlighter's `brush: x;` of older Tistory
/// posts), `lang`, `data-lang` or Tistory's `data-ke-language` attribute.
pub(super) fn language(attrs: &[(String, String)]) -> Option<String> {
    for key in ["data-lang", "data-ke-language", "lang"] {
        if let Some(v) = attr(attrs, key).map(str::trim).filter(|v| !v.is_empty()) {
            return Some(v.to_ascii_lowercase());
        }
    }
    let class = attr(attrs, "class")?;
    if let Some((_, brush)) = class.split_once("brush:") {
        let lang = brush.trim_start().split([';', ' ']).next().unwrap_or("");
        if !lang.is_empty() {
            return Some(lang.to_ascii_lowercase());
        }
    }
    class.split_whitespace().find_map(|c| {
        ["language-", "lang-", "highlight-source-", "highlight-"]
            .iter()
            .find_map(|p| c.strip_prefix(p))
            .filter(|l| !l.is_empty())
            .map(str::to_ascii_lowercase)
    })
}

fn align(attrs: &[(String, String)]) -> Align {
    let from_style = attr(attrs, "style").and_then(|s| {
        s.split(';').find_map(|d| {
            let (k, v) = d.split_once(':')?;
            (k.trim().eq_ignore_ascii_case("text-align")).then(|| v.trim().to_ascii_lowercase())
        })
    });
    match from_style
        .or_else(|| attr(attrs, "align").map(str::to_ascii_lowercase))
        .as_deref()
    {
        Some("center") => Align::Center,
        Some("right") => Align::Right,
        _ => Align::Left,
    }
}

fn span(attrs: &[(String, String)], key: &str, max: u32) -> usize {
    attr(attrs, key)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .clamp(1, max) as usize
}

impl Capture {
    pub(super) fn table() -> Capture {
        Capture::Table(TableCapture::default())
    }

    pub(super) fn notes() -> Capture {
        Capture::Notes(NotesCapture::default())
    }

    /// A start tag inside the block (not the block's own).
    pub(super) fn start(&mut self, name: &str, attrs: &[(String, String)], max_span: u32) {
        match self {
            Capture::Code { text, lang } => {
                if name == "br" {
                    text.push('\n');
                } else if lang.is_none() {
                    *lang = language(attrs);
                }
            }
            Capture::Table(t) => t.start(name, attrs, max_span),
            Capture::Notes(n) => n.start(name, attrs),
        }
    }

    pub(super) fn end(&mut self, name: &str) {
        match self {
            Capture::Code { .. } => {}
            Capture::Table(t) => {
                match name {
                    "td" | "th" if t.inner == 0 => t.in_cell = false,
                    "table" => t.inner = t.inner.saturating_sub(1),
                    "pre" => t.pre = t.pre.saturating_sub(1),
                    "thead" => t.in_head = false,
                    _ => {}
                }
                if breaks(name) {
                    t.flow.brk();
                }
            }
            Capture::Notes(n) => {
                if name == "pre" {
                    n.pre = n.pre.saturating_sub(1);
                }
                if name == "sup" && n.label.is_some() {
                    n.end_label();
                    return;
                }
                if breaks(name) {
                    n.flow.brk();
                }
            }
        }
    }

    /// Text as the post has it (whitespace folded, except in code).
    pub(super) fn text(&mut self, text: &str, style: SpanStyle) {
        match self {
            Capture::Code { text: code, .. } => code.push_str(text),
            Capture::Table(t) => {
                if !t.in_cell && text.trim().is_empty() {
                    return;
                }
                t.cell();
                if t.pre > 0 {
                    t.flow.raw(text, style);
                } else {
                    t.flow.text(text, style);
                }
            }
            Capture::Notes(n) => {
                if let Some(label) = n.label.as_mut() {
                    label.push_str(text.trim());
                } else if n.pre > 0 {
                    n.flow.raw(text, style);
                } else {
                    n.flow.text(text, style);
                }
            }
        }
    }

    /// Text the renderer adds (a link number, an image label), kept whole.
    pub(super) fn word(&mut self, text: &str, style: SpanStyle) {
        match self {
            Capture::Code { .. } => {}
            Capture::Table(t) => {
                t.cell();
                t.flow.text(text, style);
            }
            Capture::Notes(n) => n.flow.text(text, style),
        }
    }

    pub(super) fn finish(self) -> Block {
        match self {
            Capture::Code { text, lang } => {
                // A newline right after `<pre>` is not part of the code.
                let text = text.strip_prefix('\n').unwrap_or(&text).to_string();
                Block::Code { text, lang }
            }
            Capture::Table(mut t) => {
                t.flush();
                Block::Table(t.table)
            }
            Capture::Notes(mut n) => {
                n.flush();
                Block::Notes(n.notes)
            }
        }
    }
}

impl TableCapture {
    fn start(&mut self, name: &str, attrs: &[(String, String)], max_span: u32) {
        if self.inner > 0 || !matches!(name, "tr" | "td" | "th" | "thead" | "table") {
            match name {
                "table" => self.inner += 1,
                "pre" => self.pre += 1,
                "li" => {
                    self.flow.brk();
                    self.flow.text("- ", SpanStyle::default());
                    return;
                }
                "td" | "th" => self.flow.text(" ", SpanStyle::default()),
                _ => {}
            }
            if breaks(name) {
                self.flow.brk();
            }
            return;
        }
        match name {
            "table" => self.inner += 1,
            "thead" => self.in_head = true,
            "tr" => {
                self.flush();
                self.in_cell = false;
                self.table.rows.push(Row {
                    cells: Vec::new(),
                    head: self.in_head,
                });
            }
            _ => {
                self.flush();
                self.in_cell = true;
                if self.table.rows.is_empty() {
                    self.table.rows.push(Row::default());
                }
                let row = self.table.rows.last_mut().expect("pushed above");
                row.cells.push(Cell {
                    paras: Vec::new(),
                    colspan: span(attrs, "colspan", max_span),
                    rowspan: span(attrs, "rowspan", max_span),
                    header: name == "th",
                    align: align(attrs),
                });
            }
        }
    }

    /// Make sure there is a cell for text to go into.
    fn cell(&mut self) {
        if self.table.rows.is_empty() {
            self.table.rows.push(Row::default());
        }
        let row = self.table.rows.last_mut().expect("pushed above");
        if row.cells.is_empty() {
            row.cells.push(Cell {
                colspan: 1,
                rowspan: 1,
                ..Cell::default()
            });
        }
    }

    /// The gathered text into the current cell.
    fn flush(&mut self) {
        let flow = std::mem::take(&mut self.flow);
        if flow.is_empty() {
            return;
        }
        self.cell();
        if let Some(cell) = self.table.rows.last_mut().and_then(|r| r.cells.last_mut()) {
            cell.paras.extend(flow.paras);
        }
    }
}

impl NotesCapture {
    fn start(&mut self, name: &str, attrs: &[(String, String)]) {
        let class = attr(attrs, "class").unwrap_or("");
        match name {
            "li" if self.pre == 0 => {
                self.flush();
                self.notes.push(Note {
                    label: (self.notes.len() + 1).to_string(),
                    paras: Vec::new(),
                });
                return;
            }
            "sup" if class.contains("footnote-definition-label") => {
                self.label = Some(String::new());
                return;
            }
            "pre" => self.pre += 1,
            _ => {}
        }
        if breaks(name) {
            self.flow.brk();
        }
    }

    /// The end of a label: the note it names starts.
    pub(super) fn end_label(&mut self) {
        if let Some(label) = self.label.take() {
            self.flush();
            self.notes.push(Note {
                label,
                paras: Vec::new(),
            });
        }
    }

    fn flush(&mut self) {
        let flow = std::mem::take(&mut self.flow);
        if flow.is_empty() {
            return;
        }
        if self.notes.is_empty() {
            self.notes.push(Note {
                label: "*".into(),
                paras: Vec::new(),
            });
        }
        if let Some(note) = self.notes.last_mut() {
            note.paras.extend(flow.paras);
        }
    }
}

/// The style of a footnote mark and of a note's label.
pub(super) fn note_mark() -> SpanStyle {
    SpanStyle::of(Flags::LINK_NUMBER)
}
