//! The pass over the Markdown source before comrak reads it: each Liquid
//! tag or output and each kramdown construct is replaced by a token that
//! Markdown leaves alone, and remembered. After parsing, a token inside
//! code or math is put back exactly as written, and anywhere else becomes
//! what it means (see tree.rs).
//!
//! Tokens are made of Unicode noncharacters (reserved for a program's
//! internal use; removed from the source first): `\u{FDD0}N\u{FDD1}` reads
//! as an ordinary word anywhere, link addresses included; a construct
//! alone on its line becomes `<!--\u{FDD2}N\u{FDD3}-->`, an HTML block that
//! ends the paragraph before it, as the empty line Liquid leaves there
//! (or a kramdown block attribute list) does.
//!
//! Fenced code and code spans that the scan recognises are copied without
//! tokens; code it does not (indented blocks, odd nesting) still keeps its
//! text, through the tokens. Both drop the tags of `{% raw %}` pairs, whose
//! content is what the published page shows.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::blocks::{
    LineState, code_span_end, fence_open, fenced_block_end, indented_block_end, is_kramdown_line,
    is_lone_span_tag, line_end, opens_markdown_html,
};
use super::kramdown::{self, Kramdown};
use super::liquid::{self, Dialect, Item, Liquid, LiquidContext};
use super::math_lines::{self, MathLines};

pub(crate) const INLINE_OPEN: char = '\u{FDD0}';
pub(crate) const INLINE_CLOSE: char = '\u{FDD1}';
pub(crate) const BLOCK_OPEN: char = '\u{FDD2}';
pub(crate) const BLOCK_CLOSE: char = '\u{FDD3}';

/// What a token becomes outside code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Nothing,
    Text(String),
    /// Code shown as a block (or inline, where the token sits in text).
    Code {
        lang: String,
        code: String,
    },
    /// HTML passed through as written.
    Html(String),
    /// `{:toc}`: a table of contents replaces the list it follows.
    Toc,
    /// `{: .no_toc}`: the heading it belongs to is left out of one.
    NoToc,
    /// A theme's table of contents (`{% include toc %}`): here, whatever
    /// is before it.
    TocHere,
    /// `{: .prompt-tip}`: the quote it belongs to is a prompt with this
    /// label.
    Prompt(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// What it is inside code and math: the text as written.
    pub in_code: String,
    pub value: Value,
}

#[derive(Debug)]
pub(crate) struct Prepared<'a> {
    pub source: Cow<'a, str>,
    pub tokens: Vec<Token>,
    /// Hexo's quotes: the token that opens each, and the one that closes
    /// it when one does.
    pub quotes: Vec<(usize, Option<usize>)>,
}

/// Replace the constructs of `src` with tokens.
pub(crate) fn prepare<'a>(src: &'a str, ctx: &LiquidContext) -> Prepared<'a> {
    let src = without_noncharacters(src);
    let kramdown = ctx.dialect == Dialect::Kramdown;
    if !needs_scan(&src, kramdown, ctx.attributes.any()) {
        return Prepared {
            source: src,
            tokens: Vec::new(),
            quotes: Vec::new(),
        };
    }
    let mut s = Scanner::new(&src, Liquid::new(ctx), kramdown);
    s.run();
    // Each quote's opening token and its closing one, if it has one (the
    // quotes are numbered as they open).
    let mut quotes: Vec<(usize, Option<usize>)> =
        s.quotes.iter().map(|&(_, open)| (open, None)).collect();
    let number: std::collections::HashMap<usize, usize> = s
        .quotes
        .iter()
        .enumerate()
        .map(|(i, &(id, _))| (id, i))
        .collect();
    for &(id, close) in &s.quote_ends {
        if let Some(&i) = number.get(&id) {
            quotes[i].1 = Some(close);
        }
    }
    let Scanner { out, tokens, .. } = s;
    Prepared {
        source: Cow::Owned(out),
        tokens,
        quotes,
    }
}

/// The tags of a Markdown body naming other files (outside code, as the
/// page runs them), each with its line in `src` (1 for the first).
pub(crate) fn references(src: &str) -> Vec<(usize, crate::references::RefKind, String)> {
    // Taking noncharacters out keeps every line where it was.
    let clean = without_noncharacters(src);
    let ctx = LiquidContext::default();
    let mut s = Scanner::new(&clean, Liquid::new(&ctx), ctx.dialect == Dialect::Kramdown);
    s.run();
    liquid::with_lines(&clean, s.liquid.references())
}

fn without_noncharacters(src: &str) -> Cow<'_, str> {
    // Every token character is encoded as EF B7 9x.
    if memchr::memmem::find(src.as_bytes(), b"\xEF\xB7").is_none() {
        return Cow::Borrowed(src);
    }
    Cow::Owned(
        src.chars()
            .filter(|c| !(INLINE_OPEN..=BLOCK_CLOSE).contains(c))
            .collect(),
    )
}

/// Whether the source may hold anything the scan changes.
fn needs_scan(src: &str, kramdown: bool, attributes: bool) -> bool {
    let b = src.as_bytes();
    let kept_backslash = |i: usize| b.get(i + 1).is_some_and(|&c| kramdown::keeps_backslash(c));
    if kramdown && memchr::memchr_iter(b'\\', b).any(kept_backslash) {
        return true;
    }
    memchr::memchr2_iter(b'{', b'[', b).any(|i| match b[i] {
        b'{' => match b.get(i + 1) {
            Some(b'%' | b'{' | b':' | b'#') => true,
            Some(c) => attributes && (matches!(c, b'.' | b' ' | b'}') || c.is_ascii_alphabetic()),
            None => false,
        },
        _ => b[i + 1..].starts_with(b"##_"),
    }) || memchr::memmem::find(b, b"markdown=").is_some()
        || memchr::memmem::find(b, b"$$").is_some()
        || src
            .lines()
            .any(|line| match line.trim_start().as_bytes().first() {
                Some(b'<') => is_lone_span_tag(line),
                Some(b'^' | b'*') => is_kramdown_line(line),
                _ => false,
            })
}

struct Scanner<'s, 'c> {
    src: &'s str,
    out: String,
    tokens: Vec<Token>,
    liquid: Liquid<'c>,
    /// Hexo's quotes by number, and their opening tokens.
    quotes: Vec<(usize, usize)>,
    /// Hexo's quotes by number, and their closing tokens.
    quote_ends: Vec<(usize, usize)>,
    /// Source before this has been written to `out`.
    copied: usize,
    /// Backtick runs that found no closing run before a position: a later
    /// run of that length before there will not either.
    open_runs: Vec<(usize, usize)>,
    lines: LineState,
    /// Backslashes are read as kramdown reads them.
    kramdown: bool,
    /// The display math over several lines being scanned, or last seen.
    math: Option<MathLines>,
}

impl<'s, 'c> Scanner<'s, 'c> {
    fn new(src: &'s str, liquid: Liquid<'c>, kramdown: bool) -> Scanner<'s, 'c> {
        Scanner {
            src,
            out: String::with_capacity(src.len() + 64),
            tokens: Vec::new(),
            liquid,
            quotes: Vec::new(),
            quote_ends: Vec::new(),
            copied: 0,
            open_runs: Vec::new(),
            lines: LineState::default(),
            kramdown,
            math: None,
        }
    }

    /// A site's include, its text (its Liquid run) read as the post's own
    /// and written where its tag was; `alone`: the tag was alone on its
    /// line.
    fn include(&mut self, text: &str, alone: bool) {
        let written = self.scanned(text, false);
        let written = written.trim_start_matches(['\n', '\r']).trim_end();
        self.out.push_str(written);
        // kramdown ends an HTML block at its closing tag, CommonMark at a
        // blank line: one keeps the Markdown after it out of the block.
        if alone && written.starts_with('<') {
            self.out.push('\n');
        }
    }

    /// What a loop of the post's own text wrote, where the loop was, its
    /// lines as they come: read as the post's own, its Liquid not run
    /// again.
    fn splice(&mut self, text: &str) {
        let written = self.scanned(text, true);
        self.out.push_str(&written);
    }

    /// `text` scanned as the post's own, its tokens added to the post's;
    /// `ran`: Liquid wrote it, and its own is not run.
    fn scanned(&mut self, text: &str, ran: bool) -> String {
        let text = without_noncharacters(text);
        let text = html_block(&text);
        let mut liquid = self.liquid.child(Vec::new());
        liquid.ran = ran;
        let mut sub = Scanner::new(&text, liquid, self.kramdown);
        sub.tokens = std::mem::take(&mut self.tokens);
        sub.run();
        self.tokens = sub.tokens;
        sub.out
    }

    fn run(&mut self) {
        let src = self.src;
        let b = src.as_bytes();
        let mut pos = 0;
        while pos < b.len() {
            if (pos == 0 || b[pos - 1] == b'\n') && self.in_math(pos) {
                pos = self.math_line(pos);
            } else if pos == 0 || b[pos - 1] == b'\n' {
                let line_end = line_end(b, pos);
                let line = &src[pos..line_end];
                if self.lines.starts_indented_code(line, pos == 0) {
                    let end = indented_block_end(src, pos, self.lines.list_content + 4);
                    self.copy_code(pos, end);
                    self.lines.blank_before = false;
                    pos = end;
                    continue;
                }
                if let Some(fence) = fence_open(line) {
                    let end = fenced_block_end(src, line_end, fence);
                    self.copy_code(pos, end);
                    pos = end;
                    continue;
                }
                if let Some(math) = math_lines::at(src, pos) {
                    self.math = Some(math);
                }
                if is_kramdown_line(line) {
                    // kramdown's end-of-block mark `^` and abbreviation
                    // definitions `*[HTML]: …` show nothing.
                    self.flush(pos);
                    let id = self.tokens.len();
                    self.tokens.push(Token {
                        in_code: line.to_string(),
                        value: Value::Nothing,
                    });
                    let _ = write!(self.out, "<!--{BLOCK_OPEN}{id}{BLOCK_CLOSE}-->");
                    self.copied = line_end;
                    pos = line_end;
                    continue;
                }
                if let Some(title) = liquid::tab_title(line).filter(|_| self.liquid.in_tabs()) {
                    // NexT's tab: its title, where the theme shows its tab.
                    let html = liquid::title_html(title);
                    self.flush(pos);
                    let id = self.tokens.len();
                    self.tokens.push(Token {
                        in_code: line.to_string(),
                        value: Value::Html(html),
                    });
                    let _ = write!(self.out, "<!--{BLOCK_OPEN}{id}{BLOCK_CLOSE}-->");
                    self.copied = line_end;
                    pos = line_end;
                    continue;
                }
                if opens_markdown_html(line) {
                    self.flush(line_end);
                    self.out.push('\n');
                } else if is_lone_span_tag(line) {
                    // kramdown reads `<br>` or `<img …>` alone on a line as
                    // part of a paragraph; CommonMark would start an HTML
                    // block that swallows the Markdown after it. A token
                    // that shows nothing makes the line a paragraph's.
                    let indent = line.len() - line.trim_start().len();
                    self.flush(pos + indent);
                    let id = self.tokens.len();
                    self.tokens.push(Token {
                        in_code: String::new(),
                        value: Value::Nothing,
                    });
                    let _ = write!(self.out, "{INLINE_OPEN}{id}{INLINE_CLOSE}");
                }
            }
            match b[pos] {
                b'\\' => {
                    let next = b.get(pos + 1).copied();
                    // Math keeps its TeX as written already.
                    let shown = self.kramdown && !self.in_math(pos);
                    if shown && next.is_some_and(kramdown::keeps_backslash) {
                        self.backslash_as_text(pos);
                    }
                    pos += 1 + usize::from(next.is_some_and(|c| c.is_ascii_punctuation()))
                }
                b'`' => {
                    let run = b[pos..].iter().take_while(|&&c| c == b'`').count();
                    let known_open = self
                        .open_runs
                        .iter()
                        .any(|&(n, until)| n == run && pos < until);
                    let end = if known_open {
                        Err(pos)
                    } else {
                        code_span_end(b, pos + run, run)
                    };
                    match end {
                        Ok(end) => {
                            self.copy_code(pos, end);
                            pos = end;
                        }
                        Err(until) => {
                            if !known_open {
                                self.open_runs.push((run, until));
                            }
                            pos += run;
                        }
                    }
                }
                b'{' | b'[' => pos = self.construct(pos).unwrap_or(pos + 1),
                _ => pos += 1,
            }
        }
        self.flush(b.len());
    }

    fn flush(&mut self, to: usize) {
        if to > self.copied {
            self.out.push_str(&self.src[self.copied..to]);
            self.copied = to;
        }
    }

    /// Whether `pos` is inside display math over several lines.
    fn in_math(&self, pos: usize) -> bool {
        self.math
            .as_ref()
            .is_some_and(|m| m.start < pos && pos <= m.end)
    }

    /// A line inside display math, at `pos`: a token holding its
    /// indentation takes its start, so that comrak keeps the indentation
    /// and reads no block structure in the line. Where its text starts.
    fn math_line(&mut self, pos: usize) -> usize {
        let line = &self.src[pos..line_end(self.src.as_bytes(), pos)];
        let Some(prefix) = self.math.as_ref().map(|m| m.prefix.as_str()) else {
            return pos;
        };
        let Some(indentation) = math_lines::indentation(line, prefix) else {
            return pos;
        };
        let at = pos + prefix.len();
        let indentation = indentation.to_string();
        let text = at + indentation.len();
        self.flush(at);
        let id = self.tokens.len();
        self.tokens.push(Token {
            in_code: indentation.clone(),
            value: Value::Text(indentation),
        });
        let _ = write!(self.out, "{INLINE_OPEN}{id}{INLINE_CLOSE}");
        self.copied = text;
        text
    }

    /// The backslash at `pos`, which kramdown shows: a token, so that
    /// comrak does not take it as an escape (in code and math it is
    /// written back as it is).
    fn backslash_as_text(&mut self, pos: usize) {
        self.flush(pos);
        let id = self.tokens.len();
        self.tokens.push(Token {
            in_code: "\\".to_string(),
            value: Value::Text("\\".to_string()),
        });
        let _ = write!(self.out, "{INLINE_OPEN}{id}{INLINE_CLOSE}");
        self.copied = pos + 1;
    }

    /// Copy code as written, but for the tags of `raw` pairs.
    fn copy_code(&mut self, start: usize, end: usize) {
        self.flush(start);
        self.out
            .push_str(&liquid::code_as_written(&self.src[start..end]));
        self.copied = end;
    }

    /// The end of a goldmark attribute list at `start`, where the site's
    /// Markdown reads one.
    fn attributes_at(&self, start: usize) -> Option<usize> {
        let attributes = self.liquid.attributes();
        let escaped = start > 0 && self.src.as_bytes()[start - 1] == b'\\';
        if !attributes.any() || escaped {
            return None;
        }
        super::goldmark::list_at(self.src, start, attributes)
    }

    /// The construct at `start` (a `{`, or the `[` of a Tistory
    /// placeholder), replaced by a token: its end.
    fn construct(&mut self, start: usize) -> Option<usize> {
        let src = self.src;
        let next = *src.as_bytes().get(start + 1)?;
        let placeholder = src.as_bytes()[start] == b'[';
        if placeholder && !src[start..].starts_with("[##_") {
            return None;
        }
        let (end, value, in_code) = match next {
            _ if placeholder || matches!(next, b'%' | b'{') => {
                let found = self.liquid.at(src, start)?;
                let written = &src[start..found.end];
                match found.item {
                    Item::Text(t) => (found.end, Value::Text(t), written.to_string()),
                    Item::Nothing => (found.end, Value::Nothing, written.to_string()),
                    Item::Html(h) => (found.end, Value::Html(h), written.to_string()),
                    Item::Toc => (found.end, Value::TocHere, written.to_string()),
                    Item::QuoteOpen(id) => {
                        self.quotes.push((id, self.tokens.len()));
                        let open = Value::Html("<blockquote>".into());
                        (found.end, open, written.to_string())
                    }
                    Item::QuoteClose(id, html) => {
                        self.quote_ends.push((id, self.tokens.len()));
                        (found.end, Value::Html(html), written.to_string())
                    }
                    Item::Highlight { lang, code } => {
                        (found.end, Value::Code { lang, code }, written.to_string())
                    }
                    Item::Loop(text) => {
                        self.flush(start);
                        self.splice(&text);
                        self.copied = found.end;
                        return Some(found.end);
                    }
                    Item::Include(text) => {
                        self.flush(start);
                        self.include(&text, alone_on_line(src, start, found.end));
                        self.copied = found.end;
                        return Some(found.end);
                    }
                    Item::Raw(content) if raw_is_markdown(&content) => {
                        self.flush(start);
                        self.out.push_str(&content);
                        self.copied = found.end;
                        return Some(found.end);
                    }
                    Item::Raw(content) => {
                        let code = content.trim_matches(['\n', '\r']).to_string();
                        let lang = String::new();
                        (found.end, Value::Code { lang, code }, content)
                    }
                }
            }
            // goldmark's lists, where the site's Markdown reads them.
            _ if let Some(end) = self.attributes_at(start) => {
                (end, Value::Nothing, src[start..end].to_string())
            }
            // kramdown's, in Jekyll's Markdown only.
            b':' | b'#' if self.kramdown => {
                if start > 0 && src.as_bytes()[start - 1] == b'\\' {
                    return None;
                }
                let (end, k) = kramdown::at(src, start)?;
                let value = match k {
                    Kramdown::Attributes { toc: true, .. } => Value::Toc,
                    Kramdown::Attributes { no_toc: true, .. } => Value::NoToc,
                    Kramdown::Attributes {
                        prompt: Some(label),
                        ..
                    } => Value::Prompt(label),
                    Kramdown::Attributes { .. } | Kramdown::Nothing => Value::Nothing,
                    Kramdown::Html(h) => Value::Html(h),
                };
                (end, value, src[start..end].to_string())
            }
            _ => return None,
        };
        self.flush(start);
        let id = self.tokens.len();
        let shows_nothing = value.shows_nothing();
        self.tokens.push(Token { in_code, value });
        if alone_on_line(src, start, end) {
            let _ = write!(self.out, "<!--{BLOCK_OPEN}{id}{BLOCK_CLOSE}-->");
            self.copied = end;
            return Some(end);
        }
        // A token that shows nothing must not stand between an emphasis
        // mark and what decides whether it opens or closes
        // (`**끝.**{:.orange}`): beside a mark, it is left out.
        let before = delimiter_run(self.out.as_bytes().iter().rev());
        let after = delimiter_run(src.as_bytes()[end..].iter());
        let escaped = self.out[..self.out.len() - before].ends_with('\\');
        if !(shows_nothing && (before > 0 && !escaped || after > 0)) {
            let _ = write!(self.out, "{INLINE_OPEN}{id}{INLINE_CLOSE}");
        }
        self.copied = end;
        Some(end)
    }
}

/// An include's text that is HTML (it starts with a tag) as one HTML
/// block: kramdown reads such a block to its closing tag, CommonMark only
/// to a blank line (which a decided condition often leaves), after which
/// its indented lines would be code.
fn html_block(text: &str) -> Cow<'_, str> {
    if !text.trim_start().starts_with('<') || !text.contains("\n") {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    Cow::Owned(lines.join("\n"))
}

/// The length of the run of emphasis marks (`*`, `_`, `~`) `bytes` begins with.
fn delimiter_run<'b>(bytes: impl Iterator<Item = &'b u8>) -> usize {
    bytes
        .take_while(|b| matches!(b, b'*' | b'_' | b'~'))
        .count()
}

impl Value {
    fn shows_nothing(&self) -> bool {
        match self {
            Value::Nothing | Value::Toc | Value::TocHere | Value::NoToc | Value::Prompt(_) => true,
            Value::Text(t) => t.is_empty(),
            Value::Code { .. } | Value::Html(_) => false,
        }
    }
}

/// `{% raw %}` content outside code: Markdown that already marks its code
/// or math (backticks, `$`, `~~~`) is read as Markdown, with its Liquid
/// kept as written; anything else is the Liquid an author shows, as code.
fn raw_is_markdown(content: &str) -> bool {
    content.contains(['`', '$']) || content.contains("~~~")
}

/// Only spaces before `start` and after `end` on their lines.
pub(super) fn alone_on_line(src: &str, start: usize, end: usize) -> bool {
    let b = src.as_bytes();
    let before = b[..start]
        .iter()
        .rev()
        .take_while(|&&c| c != b'\n')
        .all(|&c| c == b' ' || c == b'\t');
    let after = b[end..]
        .iter()
        .take_while(|&&c| c != b'\n')
        .all(|&c| c == b' ' || c == b'\t' || c == b'\r');
    before && after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prep(src: &str) -> (String, Vec<Token>) {
        let p = prepare(src, &LiquidContext::default());
        (p.source.into_owned(), p.tokens)
    }

    #[test]
    fn plain_markdown_is_borrowed() {
        let p = prepare("# 제목\n\n**굵게**은 본문.\n", &LiquidContext::default());
        assert!(matches!(p.source, Cow::Borrowed(_)));
    }

    #[test]
    fn constructs_become_tokens() {
        let (out, tokens) = prep("![](/a.png){: .center}\n\n{% if x %}\n글 {{ page.x }}.\n");
        assert_eq!(
            out,
            "![](/a.png)\u{FDD0}0\u{FDD1}\n\n<!--\u{FDD2}1\u{FDD3}-->\n글 \u{FDD0}2\u{FDD1}.\n"
        );
        assert_eq!(tokens[0].in_code, "{: .center}");
        assert_eq!(tokens[1].value, Value::Nothing);
        assert_eq!(tokens[2].value, Value::Text(String::new()));
    }

    #[test]
    fn recognised_code_has_no_tokens() {
        let src =
            "`{{ site.url }}` 와\n\n```liquid\n{% if x %}{: .a}\n```\n\n> ```\n> {{ y }}\n> ```\n";
        let (out, tokens) = prep(src);
        assert_eq!(out, src);
        assert!(tokens.is_empty());
        let (out, _) = prep("`{% raw %}{{ x }}{% endraw %}`");
        assert_eq!(out, "`{{ x }}`");
    }

    #[test]
    fn empty_tokens_stay_clear_of_emphasis_marks() {
        let (out, _) = prep("**끝.**{:.orange} 뒤 {% if x %}**\"a\"**");
        assert_eq!(out, "**끝.** 뒤 **\"a\"**");
        let (out, _) = prep("**[링크](/a){:target=\"_blank\"}**은");
        assert_eq!(out, "**[링크](/a)**은");
    }

    #[test]
    fn a_lone_backtick_does_not_hide_what_follows() {
        let (out, tokens) = prep("가격 ` 표시\n\n{{ page.x }}");
        assert_eq!(tokens.len(), 1);
        assert!(out.ends_with("<!--\u{FDD2}0\u{FDD3}-->"));
    }

    #[test]
    fn noncharacters_in_the_post_are_removed() {
        let (out, tokens) = prep("a\u{FDD0}0\u{FDD1}b");
        assert_eq!(out, "a0b");
        assert!(tokens.is_empty());
    }

    #[test]
    fn markdown_inside_html_blocks() {
        let (out, _) = prep("<div markdown=\"1\">\n**굵게**\n</div>\n");
        assert_eq!(out, "<div markdown=\"1\">\n\n**굵게**\n</div>\n");
        let (out, _) = prep("</td><td markdown=1>\n# 제목\n</td>");
        assert_eq!(out, "</td><td markdown=1>\n\n# 제목\n</td>");
        let (out, _) = prep("<td markdown=1>a</td>\n");
        assert_eq!(out, "<td markdown=1>a</td>\n");
    }

    #[test]
    fn a_lone_span_tag_starts_a_paragraph() {
        let (out, tokens) = prep("<br>\n$$\nx\n$$\n");
        // The math's lines begin with their (empty) indentation.
        assert_eq!(
            out,
            "\u{FDD0}0\u{FDD1}<br>\n$$\n\u{FDD0}1\u{FDD1}x\n\u{FDD0}2\u{FDD1}$$\n"
        );
        assert_eq!(tokens[0].in_code, "");
        let (out, _) = prep("<div>\n");
        assert_eq!(out, "<div>\n");
    }

    #[test]
    fn indented_code_is_recognised_outside_lists() {
        let src =
            "글\n\n    {{ x }} **a**{: .b}\n\n    {% if %}\n끝 {{ y }}\n\n- 항목\n\n    {{ z }}\n";
        let (out, tokens) = prep(src);
        assert_eq!(tokens.len(), 2, "{out}");
        assert!(out.starts_with("글\n\n    {{ x }} **a**{: .b}\n\n    {% if %}\n끝 \u{FDD0}0"));
    }

    #[test]
    fn end_of_block_marks_and_abbreviations() {
        let (out, tokens) = prep("문단\n^\n*[HTML]: Hyper Text Markup Language\n*[a](b)\n");
        assert_eq!(
            out,
            "문단\n<!--\u{FDD2}0\u{FDD3}-->\n<!--\u{FDD2}1\u{FDD3}-->\n*[a](b)\n"
        );
        assert_eq!(tokens[1].in_code, "*[HTML]: Hyper Text Markup Language");
    }

    #[test]
    fn escaped_braces_stay() {
        let (out, tokens) = prep("$\\{:x\\}$ \\{#a}\n");
        assert!(tokens.is_empty(), "{out}");
    }
}
