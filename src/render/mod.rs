//! An article body -> styled lines at a given width (DESIGN §6), the same
//! lines for the reader's pane and for `--dump`.
//!
//! HTML goes through html2text (rich, with inline CSS colours) after
//! prepare.rs has made it safe and bounded; Markdown is turned into HTML by
//! `markdown::to_html` first, and both run the post's Liquid. Nothing here fails: when html2text cannot lay a
//! body out (too narrow, or one of its panics) the body is laid out again
//! with less structure, and in the end as plain wrapped text.

pub mod article;
mod block;
pub mod cache;
mod capture;
mod code;
pub mod color;
mod decorator;
mod glyphs;
pub mod guard;
pub mod highlight;
mod inline;
mod lines;
mod notes;
pub(crate) mod picture_rows;
mod prepare;
pub mod role;
mod table;

use std::ops::{BitOr, BitOrAssign};
use std::sync::Arc;

pub use color::Rgb;
use prepare::PrepareOptions;
pub use role::Role;

use crate::markdown::{self, LiquidContext};
use crate::picture::PictureContext;
use crate::picture::locate::ImageFile;
use crate::post::Format;
use crate::text::{AmbiguousWidth, width, wrap};

/// What a span is, for the theme: a set of roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Flags(u32);

impl Flags {
    pub const STRONG: Flags = Flags(1);
    pub const EMPHASIS: Flags = Flags(1 << 1);
    pub const STRIKE: Flags = Flags(1 << 2);
    pub const CODE: Flags = Flags(1 << 3);
    pub const PRE: Flags = Flags(1 << 4);
    pub const HEADING: Flags = Flags(1 << 5);
    pub const LINK: Flags = Flags(1 << 6);
    pub const LINK_NUMBER: Flags = Flags(1 << 7);
    pub const IMAGE: Flags = Flags(1 << 8);
    pub const RULE: Flags = Flags(1 << 9);
    pub const QUOTE: Flags = Flags(1 << 10);
    pub const TABLE_BORDER: Flags = Flags(1 << 11);
    pub const TITLE: Flags = Flags(1 << 12);
    pub const META: Flags = Flags(1 << 13);
    pub const UNDERLINE: Flags = Flags(1 << 14);
    /// A highlighter's mark (`<mark>`, a background colour).
    pub const MARK: Flags = Flags(1 << 15);
    /// A row held for a picture: its half blocks, or a placeholder until
    /// the picture is decoded. Never blank, never folded away.
    pub const PICTURE: Flags = Flags(1 << 16);

    pub fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn of_role(role: Role) -> Flags {
        match role {
            Role::Heading => Flags::HEADING,
            Role::Link => Flags::LINK,
            Role::LinkNumber => Flags::LINK_NUMBER,
            Role::Image => Flags::IMAGE,
            Role::Rule => Flags::RULE,
            Role::Quote => Flags::QUOTE,
            Role::Underline => Flags::UNDERLINE,
            Role::Mark => Flags::MARK,
        }
    }
}

impl BitOr for Flags {
    type Output = Flags;
    fn bitor(self, o: Flags) -> Flags {
        Flags(self.0 | o.0)
    }
}

impl BitOrAssign for Flags {
    fn bitor_assign(&mut self, o: Flags) {
        self.0 |= o.0;
    }
}

/// How a span looks, before a theme turns it into colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct SpanStyle {
    pub flags: Flags,
    /// The post's own colours (already blended over the paper).
    pub fg: Option<Rgb>,
    pub bg: Option<Rgb>,
    /// What a piece of highlighted code is.
    pub token: Option<highlight::Token>,
}

impl SpanStyle {
    pub fn of(flags: Flags) -> SpanStyle {
        SpanStyle {
            flags,
            ..SpanStyle::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: SpanStyle,
}

/// One line of an article, at most the width it was rendered for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    pub spans: Vec<Span>,
}

impl Line {
    pub fn plain(text: impl Into<String>, flags: Flags) -> Line {
        let mut l = Line::default();
        l.push(text.into(), SpanStyle::of(flags));
        l
    }

    /// Append text, joining the last span when the style is the same.
    pub fn push(&mut self, text: String, style: SpanStyle) {
        match self.spans.last_mut() {
            Some(last) if last.style == style => last.text.push_str(&text),
            _ => self.spans.push(Span { text, style }),
        }
    }

    pub fn width(&self) -> usize {
        self.spans.iter().map(|s| width(&s.text)).sum()
    }

    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// Part of a heading.
    pub fn is_heading(&self) -> bool {
        self.spans
            .iter()
            .any(|s| s.style.flags.contains(Flags::HEADING))
    }

    /// Only spaces (and no-break spaces), and no picture.
    pub fn is_blank(&self) -> bool {
        self.spans.iter().all(|s| {
            !s.style.flags.contains(Flags::PICTURE)
                && s.text.chars().all(|c| c == ' ' || c == '\u{a0}')
        })
    }
}

/// Split any line wider than `width` at grapheme boundaries.
pub fn lines_fit(lines: Vec<Line>, width: usize) -> Vec<Line> {
    lines::split_wide(lines, width)
}

/// What the renderer needs besides the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// Cells per line (at least 1).
    pub width: usize,
    /// Whether the post's own `style` colours are kept.
    pub inline_colors: bool,
    /// The page colour that translucent post colours are blended over.
    pub paper: Rgb,
    /// What the post's Liquid resolves to (`None`: empty values).
    pub liquid: Option<Arc<LiquidContext>>,
    /// Where the post's images are and whether rows are held for them
    /// (`None`: placeholders naming the address only).
    pub pictures: Option<Arc<PictureContext>>,
    /// How wide the terminal draws ambiguous characters: every line is
    /// measured so, whatever thread renders it.
    pub ambiguous: AmbiguousWidth,
    /// The interface's language: the header's own words (a draft says so).
    pub lang: crate::i18n::Lang,
}

impl RenderOptions {
    pub fn new(width: usize) -> RenderOptions {
        RenderOptions {
            width,
            inline_colors: true,
            paper: Rgb(0, 0, 0),
            liquid: None,
            pictures: None,
            ambiguous: AmbiguousWidth::Narrow,
            lang: crate::i18n::Lang::En,
        }
    }

    pub fn ambiguous(self, ambiguous: AmbiguousWidth) -> RenderOptions {
        RenderOptions { ambiguous, ..self }
    }
}

/// A rendered body: its lines, the addresses its `[n]` marks refer to,
/// and the image files of the rows held for pictures, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub lines: Vec<Line>,
    pub links: Vec<String>,
    pub pictures: Vec<ImageFile>,
    /// What is wrong with the local pictures the body names.
    pub problems: Vec<crate::i18n::Message>,
}

/// Render a sanitised body at `opts.width`, measured in `opts.ambiguous`.
pub fn render(body: &str, format: Format, opts: &RenderOptions) -> Rendered {
    let no_context = LiquidContext::default();
    let liquid = opts.liquid.as_deref().unwrap_or(&no_context);
    let rendered = match format {
        Format::Html => render_html(&markdown::liquid::html(body, liquid), opts),
        Format::Markdown => render_html(&markdown::to_html(body, liquid), opts),
    };
    rendered.cleaned()
}

impl Rendered {
    /// Every piece of text cleaned once more on its way out: character
    /// references, notes and addresses are decoded after the body was
    /// cleaned at load (`&#8203;`, `&#x202e;`). Cleaning only removes, so
    /// no line grows wider.
    fn cleaned(mut self) -> Rendered {
        // Only text with something to remove is cleaned: cleaning also
        // composes to NFC, which would join what the body keeps apart.
        let clean = |text: &mut String| {
            if text.contains(crate::sanitize::is_forbidden)
                && let std::borrow::Cow::Owned(t) = crate::sanitize::terminal_text(text)
            {
                *text = t.replace('\n', " ");
            }
        };
        for span in self.lines.iter_mut().flat_map(|l| l.spans.iter_mut()) {
            clean(&mut span.text);
        }
        self.links.iter_mut().for_each(clean);
        self
    }
}

/// How much structure each attempt keeps: (indenting levels, tables).
/// Each level indents two cells; a narrow pane indents fewer levels (one
/// per 8 cells), and items deeper than that are still marked.
fn attempts(width: usize) -> [(usize, bool); 3] {
    let indent = (width / 8).min(10);
    [(indent, true), (0, true), (0, false)]
}

/// Render sanitised HTML at `opts.width`, measured in `opts.ambiguous`.
pub fn render_html(html: &str, opts: &RenderOptions) -> Rendered {
    let _mode = opts.ambiguous.enter();
    let width = opts.width.max(1);
    for (max_indent, tables) in attempts(width) {
        let prepared = prepare::prepare(
            html,
            &PrepareOptions {
                max_indent,
                tables,
                inline_colors: opts.inline_colors,
                paper: opts.paper,
                blocks: true,
                pictures: opts.pictures.clone(),
                lang: opts.lang,
            },
        );
        let config = html2text::config::with_decorator(decorator::Decorator)
            .use_doc_css()
            .unicode_strikeout(false);
        let laid_out = guard::quietly(|| config.lines_from_read(prepared.html.as_bytes(), width));
        if let Ok(Ok(tagged)) = laid_out {
            let laid = guard::quietly(|| lines::finish(tagged, &prepared, width));
            if let Ok(lines) = laid {
                return Rendered {
                    pictures: prepared.pictures(),
                    lines,
                    links: prepared.links,
                    problems: prepared.picture_problems,
                };
            }
        }
    }
    plain(html, opts, width)
}

/// The last resort: the visible text, paragraph by paragraph, wrapped.
fn plain(html: &str, opts: &RenderOptions, width: usize) -> Rendered {
    let prepared = prepare::prepare(
        html,
        &PrepareOptions {
            max_indent: 0,
            tables: false,
            inline_colors: false,
            paper: Rgb(0, 0, 0),
            blocks: false,
            pictures: opts.pictures.clone(),
            lang: opts.lang,
        },
    );
    let mut lines = Vec::new();
    for block in crate::html_text::blocks(&prepared.html) {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        let block = prepared.glyphs.decode(&block);
        lines.extend(
            wrap(&block, width)
                .into_iter()
                .map(|l| Line::plain(l, Flags::default())),
        );
    }
    Rendered {
        lines: lines::split_wide(lines, width),
        links: prepared.links,
        pictures: Vec::new(),
        problems: prepared.picture_problems,
    }
}
