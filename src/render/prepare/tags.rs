//! Which tags the pass knows, and how HTML's rules close them.

/// Blocks that start a line of output (for the line budget).
pub(super) fn starts_line(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "li" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt" | "dd"
    )
}

pub(super) const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Blocks that close an open `<p>`.
pub(super) const CLOSES_P: &[&str] = &[
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
pub(super) const P_SCOPE: &[&str] = &["table", "td", "th", "caption", "button"];

/// Elements that an implied `</li>`, `</dt>`, `</dd>` does not reach across.
pub(super) const LIST_SCOPE: &[&str] = &[
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
pub(super) fn written_as(name: &str) -> Option<&'static str> {
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
