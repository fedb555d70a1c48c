//! The pass before html2text: post HTML in, HTML that html2text renders
//! safely and fast out. It rebuilds every tag from a known set (so broken
//! tags cost no text), bounds nesting depth (html2text's time grows faster
//! than linearly with it), caps indentation to what the width can hold,
//! numbers links, turns images and rules into text, normalises colours, and
//! hands the roles html2text has no annotation for (headings, links, images,
//! rules, quotes) to the decorator as reserved colours.

use std::fmt::Write as _;

use super::color::{self, Rgb};
use super::glyphs::Glyphs;
use super::role::Role;
use crate::html_text::{Token, attributes, push_decoded, tokens};

/// Elements nested deeper than this are unwrapped (their text is kept).
pub const MAX_DEPTH: usize = 48;
/// Tables nested deeper than this are laid out as plain blocks.
const MAX_TABLE_DEPTH: usize = 2;
/// A cell spans at most this many columns or rows.
const MAX_SPAN: u32 = 16;

#[derive(Debug, Clone, Copy)]
pub struct PrepareOptions {
    /// How many indenting blocks (lists, quotes) may nest.
    pub max_indent: usize,
    /// Whether tables keep their layout.
    pub tables: bool,
    /// Whether the post's own colours are kept.
    pub inline_colors: bool,
    /// What translucent colours are blended over.
    pub paper: Rgb,
}

#[derive(Debug, Default)]
pub struct Prepared {
    pub html: String,
    pub glyphs: Glyphs,
    /// Link addresses, numbered from 1 in order of first appearance.
    pub links: Vec<String>,
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
}

pub fn prepare(html: &str, opts: &PrepareOptions) -> Prepared {
    let mut p = Builder {
        opts: *opts,
        out: Prepared::default(),
        stack: Vec::new(),
        dropped: Vec::new(),
    };
    p.out.html.reserve(html.len() + html.len() / 8);
    for token in tokens(html) {
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

struct Builder {
    opts: PrepareOptions,
    out: Prepared,
    stack: Vec<Open>,
    /// Start tags dropped for depth, by name, so their end tags are too.
    dropped: Vec<(String, usize)>,
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Blocks that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
];

/// Elements that an implied `</p>` (or `</a>`) does not reach across.
const P_SCOPE: &[&str] = &["table", "td", "th", "caption", "button"];
/// Elements that an implied `</li>`, `</dt>`, `</dd>` does not reach across.
const LIST_SCOPE: &[&str] = &[
    "ul",
    "ol",
    "dl",
    "table",
    "td",
    "th",
    "caption",
    "blockquote",
];

/// What an element in a post is written as; `None` drops the tag and keeps
/// its contents.
fn written_as(name: &str) -> Option<&'static str> {
    Some(match name {
        "p" => "p",
        "div" | "section" | "article" | "header" | "footer" | "main" | "nav" | "aside"
        | "center" | "address" | "figure" | "figcaption" | "details" | "summary" | "fieldset"
        | "form" => "div",
        "h1" => "h1",
        "h2" => "h2",
        "h3" => "h3",
        "h4" => "h4",
        "h5" => "h5",
        "h6" => "h6",
        "ul" | "menu" | "dir" => "ul",
        "ol" => "ol",
        "li" => "li",
        "dl" => "dl",
        "dt" => "dt",
        "dd" => "dd",
        "blockquote" => "blockquote",
        "pre" | "listing" | "xmp" => "pre",
        "table" => "table",
        "thead" => "thead",
        "tbody" => "tbody",
        "tfoot" => "tfoot",
        "tr" => "tr",
        "td" => "td",
        "th" => "th",
        "b" | "strong" => "strong",
        "i" | "em" | "cite" | "dfn" | "var" => "em",
        "s" | "strike" | "del" => "del",
        "code" | "kbd" | "samp" | "tt" => "code",
        "span" | "font" | "u" | "ins" | "mark" | "small" | "big" | "abbr" | "time" | "q"
        | "label" | "sub" | "sup" => "span",
        "a" => "span",
        _ => return None,
    })
}

impl Builder {
    fn text(&mut self, raw: &str) {
        let mut decoded = String::with_capacity(raw.len());
        push_decoded(&mut decoded, raw);
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
        if matches!(name, "br") {
            self.out.html.push_str("<br>");
            return;
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
            self.rule();
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
            name: name.to_string(),
            written: written_as(name),
            link: None,
            indents: false,
            flat_table: false,
        };
        let mut extra = String::new();
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
            "li" | "dt" | "dd" if !self.in_laid_out_list() => open.written = Some("div"),
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
            "a" => {
                let href = attrs
                    .iter()
                    .find(|(k, _)| k == "href")
                    .map(|(_, v)| crate::text::one_line(v));
                if let Some(href) = href.filter(|h| !h.is_empty()) {
                    open.link = Some(self.link_number(href));
                    role = Some(Role::Link);
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => role = Some(Role::Heading),
            _ => {}
        }
        if let Some(tag) = open.written {
            let style = self.style(&attrs, role);
            let _ = write!(self.out.html, "<{tag}{extra}{style}>");
        }
        self.stack.push(open);
    }

    fn end(&mut self, name: &str) {
        if name == "br" {
            self.out.html.push_str("<br>");
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
        if let Some(tag) = open.written {
            let _ = write!(self.out.html, "</{tag}>");
        }
        if let Some(n) = open.link {
            let _ = write!(
                self.out.html,
                "<span{}>[{n}]</span>",
                marker(Role::LinkNumber)
            );
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

    fn link_number(&mut self, href: String) -> usize {
        match self.out.links.iter().position(|l| *l == href) {
            Some(i) => i + 1,
            None => {
                self.out.links.push(href);
                self.out.links.len()
            }
        }
    }

    /// `<hr>`: a one-character paragraph that the line pass stretches to
    /// the width.
    fn rule(&mut self) {
        let _ = write!(
            self.out.html,
            "<div{}>{}</div>",
            marker(Role::Rule),
            super::lines::RULE_MARK
        );
    }

    /// `<img>`: `[image: alt] address`, in the image role.
    fn image(&mut self, attrs: &str) {
        let attrs = attributes(attrs);
        let get = |key: &str| {
            attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| crate::text::one_line(v))
                .unwrap_or_default()
        };
        let (alt, src) = (get("alt"), get("src"));
        let label = if alt.is_empty() {
            "[image]".to_string()
        } else {
            format!("[image: {alt}]")
        };
        let _ = write!(self.out.html, "<span{}>", marker(Role::Image));
        self.text(&escape(&label));
        if !src.is_empty() {
            self.text(" ");
            self.text(&escape(&src));
        }
        self.out.html.push_str("</span>");
    }

    /// The `style` attribute to write: the post's colours (normalised and
    /// made readable on the page), and the role's reserved colour when
    /// there is one.
    fn style(&self, attrs: &[(String, String)], role: Option<Role>) -> String {
        let mut css = String::new();
        if let Some(role) = role {
            let _ = write!(css, "color:{};", role.marker().hex());
        }
        if self.opts.inline_colors {
            let style = attrs
                .iter()
                .find(|(k, _)| k == "style")
                .map_or("", |(_, v)| v.as_str());
            let (fg, bg) = self.colours(style);
            let paper = self.opts.paper;
            // Text the post coloured is kept readable on its background;
            // text it did not colour gets black or white on a background
            // that the theme's own text colour would vanish on.
            let fg = match (fg, bg) {
                (Some(fg), _) if role.is_none() => Some(fg.readable_on(bg.unwrap_or(paper))),
                (None, Some(bg)) if role.is_none() && theme_text(paper).contrast(bg) < 3.0 => Some(
                    if bg.contrast(Rgb(0, 0, 0)) > bg.contrast(Rgb(255, 255, 255)) {
                        Rgb(0, 0, 0)
                    } else {
                        Rgb(255, 255, 255)
                    },
                ),
                _ => None,
            };
            if let Some(fg) = fg {
                let _ = write!(css, "color:{};", Role::avoid_markers(fg).hex());
            }
            if let Some(bg) = bg {
                let _ = write!(css, "background-color:{};", Role::avoid_markers(bg).hex());
            }
        }
        if css.is_empty() {
            css
        } else {
            format!(" style=\"{css}\"")
        }
    }

    /// The colour and background colour a `style` attribute sets (the last
    /// of each wins, as in CSS), translucent ones blended over the paper.
    fn colours(&self, style: &str) -> (Option<Rgb>, Option<Rgb>) {
        let (mut fg, mut bg) = (None, None);
        for decl in style.split(';') {
            let Some((prop, value)) = decl.split_once(':') else {
                continue;
            };
            let prop = prop.trim().to_ascii_lowercase();
            let Some(color::Rgba(rgb, alpha)) = color::parse_css(value) else {
                continue;
            };
            if alpha == 0 {
                continue;
            }
            let rgb = rgb.over(alpha, self.opts.paper);
            match prop.as_str() {
                "color" => fg = Some(rgb),
                "background-color" | "background" => bg = Some(rgb),
                _ => {}
            }
        }
        (fg, bg)
    }
}

/// The colour a theme's text most likely has on `paper` (light on dark).
fn theme_text(paper: Rgb) -> Rgb {
    if paper.contrast(Rgb(0, 0, 0)) < paper.contrast(Rgb(255, 255, 255)) {
        Rgb(0xd0, 0xd0, 0xd0)
    } else {
        Rgb(0x1c, 0x1c, 0x1c)
    }
}

fn marker(role: Role) -> String {
    format!(" style=\"color:{}\"", role.marker().hex())
}

/// Text made safe to pass back through `text` (which decodes references).
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
}
