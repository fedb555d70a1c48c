//! Blocks that sinmun lays out itself instead of html2text: code, tables,
//! footnotes and the rows held for pictures. prepare.rs captures them while it rebuilds the HTML and
//! leaves a one-character placeholder paragraph in their place; lines.rs
//! puts the laid-out block there, under whatever indentation the
//! placeholder got (a list item, a quote).

use super::{Span, SpanStyle};

/// A paragraph of styled text (no line breaks inside).
pub(super) type Para = Vec<Span>;

#[derive(Debug, Clone)]
pub(super) enum Block {
    Code { text: String, lang: Option<String> },
    Table(Table),
    Notes(Vec<Note>),
    Image(Picture),
}

/// An image file to draw: rows are held for it, fitted to the room.
#[derive(Debug, Clone)]
pub(super) struct Picture {
    pub alt: String,
    /// What its rows say until it is drawn: `[image: alt]`, in the
    /// interface's language.
    pub label: String,
    pub address: String,
    pub file: crate::picture::locate::ImageFile,
    /// The most rows it may take.
    pub max_rows: usize,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Table {
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Row {
    pub cells: Vec<Cell>,
    /// In `<thead>`.
    pub head: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Align {
    #[default]
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Cell {
    pub paras: Vec<Para>,
    pub colspan: usize,
    pub rowspan: usize,
    /// `<th>`.
    pub header: bool,
    pub align: Align,
}

/// One footnote: its label (`1`) and its text.
#[derive(Debug, Clone, Default)]
pub(super) struct Note {
    pub label: String,
    pub paras: Vec<Para>,
}

/// Inline text gathered into paragraphs, whitespace folded as a browser
/// folds it.
#[derive(Debug, Clone, Default)]
pub(super) struct Flow {
    pub paras: Vec<Para>,
    /// A space is owed before the next word of the current paragraph.
    space: Option<SpanStyle>,
    /// The current paragraph is finished: the next text starts a new one.
    closed: bool,
}

impl Flow {
    /// Add text, folding runs of whitespace to one space.
    pub(super) fn text(&mut self, text: &str, style: SpanStyle) {
        for (i, word) in text
            .split(|c: char| c.is_whitespace() && c != '\u{a0}')
            .enumerate()
        {
            if i > 0 {
                self.space.get_or_insert(style);
            }
            if !word.is_empty() {
                self.word(word, style);
            }
        }
    }

    /// Add text exactly as written (preformatted lines inside a cell).
    pub(super) fn raw(&mut self, text: &str, style: SpanStyle) {
        // Code in a cell or a note: its tabs expanded as in a code block.
        let text = super::code::expand_tabs(text);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.closed = true;
                self.space = None;
            }
            if !line.is_empty() {
                self.word(line, style);
            }
        }
    }

    fn word(&mut self, word: &str, style: SpanStyle) {
        if self.closed || self.paras.is_empty() {
            self.paras.push(Para::new());
            self.closed = false;
            self.space = None;
        }
        let para = self.paras.last_mut().expect("pushed above");
        if let Some(space) = self.space.take()
            && !para.is_empty()
        {
            push(para, " ", space);
        }
        push(para, word, style);
    }

    /// End the current paragraph (a block boundary or `<br>`).
    pub(super) fn brk(&mut self) {
        self.closed = true;
        self.space = None;
    }

    pub(super) fn is_empty(&self) -> bool {
        self.paras.is_empty()
    }
}

/// Append to a paragraph, joining the last span when the style is the same.
pub(super) fn push(para: &mut Para, text: &str, style: SpanStyle) {
    match para.last_mut() {
        Some(last) if last.style == style => last.text.push_str(text),
        _ => para.push(Span {
            text: text.to_string(),
            style,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(f: &Flow) -> Vec<String> {
        f.paras
            .iter()
            .map(|p| p.iter().map(|s| s.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn whitespace_folds_and_breaks_start_paragraphs() {
        let mut f = Flow::default();
        f.text("  제주\n  항공 ", SpanStyle::default());
        f.text("발권", SpanStyle::default());
        f.brk();
        f.brk();
        f.text(" 둘째", SpanStyle::default());
        assert_eq!(texts(&f), ["제주 항공 발권", "둘째"]);
    }
}
