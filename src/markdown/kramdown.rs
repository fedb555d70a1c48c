//! kramdown's extensions to Markdown, as Jekyll posts use them: inline
//! attribute lists (`{: .class}`, `{:#id}`, `{:toc}`), attribute list
//! definitions (`{:ref: .class}`), extensions (`{::comment}…{:/comment}`,
//! `{::nomarkdown}…{:/}`, `{::options … /}`) and header ids (`{#id}`).
//! None of them is ever shown; what they mean for a reader (a table of
//! contents, raw HTML) is kept.

use super::callout;

/// What a kramdown construct means for the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kramdown {
    /// An attribute list: shown as nothing. `toc` asks for a table of
    /// contents in place of the list it follows; `no_toc` keeps the
    /// heading it belongs to out of one; `prompt` is the label of a
    /// Chirpy prompt (`{: .prompt-tip }` after a quote).
    Attributes {
        toc: bool,
        no_toc: bool,
        prompt: Option<&'static str>,
    },
    /// `{::nomarkdown}`: HTML passed through as written.
    Html(String),
    /// Shown as nothing (comments, options, definitions).
    Nothing,
}

/// The characters a backslash escapes in kramdown's GFM parser, Jekyll's
/// default (`ESCAPED_CHARS_GFM`: kramdown's own, and `~`).
const ESCAPED: &[u8] = b"\\.*_+`<>()[]{}#!:|\"'$=-~";

/// Whether kramdown shows a backslash before `c` as written, where
/// CommonMark would take it as an escape (`\;`, `\%`, `\,` in TeX).
pub(crate) fn keeps_backslash(c: u8) -> bool {
    c.is_ascii_punctuation() && !ESCAPED.contains(&c)
}

/// Longest attribute list read as one; longer ones stay text.
const MAX_IAL: usize = 512;

/// The kramdown construct starting at `start` (at a `{`), and its end.
pub(crate) fn at(src: &str, start: usize) -> Option<(usize, Kramdown)> {
    let rest = src.get(start..)?;
    if let Some(after) = rest.strip_prefix("{::") {
        return extension(src, start, after);
    }
    if let Some(after) = rest.strip_prefix("{:/") {
        let name_len = after
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        return after[name_len..]
            .starts_with('}')
            .then_some((start + 3 + name_len + 1, Kramdown::Nothing));
    }
    if rest.starts_with("{#") {
        return header_id(rest).map(|len| (start + len, Kramdown::Nothing));
    }
    let body = rest.strip_prefix("{:")?;
    let len = list_len(body)?;
    let inner = &body[..len];
    if inner.is_empty() {
        return None;
    }
    let end = start + 2 + len + 1;
    // `{:name: …}` defines a list for later references.
    let name_len = inner
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
        .count();
    if name_len > 0 && inner[name_len..].starts_with(':') {
        return Some((end, Kramdown::Nothing));
    }
    let words: Vec<&str> = inner.split_whitespace().collect();
    Some((
        end,
        Kramdown::Attributes {
            toc: words.contains(&"toc"),
            no_toc: words.contains(&".no_toc"),
            prompt: words.iter().find_map(|w| prompt_label(w)),
        },
    ))
}

/// The label a callout's class gives its block: a Chirpy prompt's
/// (`.prompt-warning` after a quote), a Minimal Mistakes notice's
/// (`.notice--info` after a paragraph; `.notice` and `--primary` are
/// notes), a TeXt theme's coloured block's (`.success`, `.info`,
/// `.warning`, `.error` after a paragraph or a quote).
fn prompt_label(class: &str) -> Option<&'static str> {
    if let Some(kind) = class.strip_prefix(".prompt-") {
        return matches!(kind, "tip" | "info" | "warning" | "danger")
            .then(|| callout::label(kind))
            .flatten();
    }
    if let Some(kind @ ("success" | "info" | "warning" | "error")) = class.strip_prefix('.') {
        return callout::label(kind);
    }
    match class.strip_prefix(".notice")? {
        "" | "--primary" => callout::label("note"),
        kind => kind
            .strip_prefix("--")
            .filter(|k| matches!(*k, "info" | "warning" | "success" | "danger"))
            .and_then(callout::label),
    }
}

/// The length of an attribute list's content up to its `}`: one line,
/// quoted values may hold `}`, a `\}` is escaped. As kramdown reads it,
/// any other `{` is part of the list (`{: {: width="500"}` is one list);
/// Liquid inside (`{{ page.w }}`), which Jekyll runs first, is skipped
/// whole.
fn list_len(body: &str) -> Option<usize> {
    let mut quote = None;
    let mut escaped = false;
    // Where the Liquid being skipped ends.
    let mut skip_to = 0;
    for (i, c) in body.char_indices() {
        if i > MAX_IAL || c == '\n' {
            return None;
        }
        match (quote, c) {
            _ if i < skip_to => {}
            _ if escaped => escaped = false,
            (_, '\\') => escaped = true,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '}') => return Some(i),
            (None, '{') => skip_to = i + liquid_len(&body[i..]).unwrap_or(0),
            _ => {}
        }
    }
    None
}

/// The length of the Liquid tag or output `s` begins with, on its line.
fn liquid_len(s: &str) -> Option<usize> {
    let close = match s.get(..2)? {
        "{{" => "}}",
        "{%" => "%}",
        _ => return None,
    };
    let end = s[2..].find(close)? + 2 + close.len();
    (!s[..end].contains('\n')).then_some(end)
}

/// `{::name …/}` or `{::name …}…{:/name}` (or `{:/}`).
fn extension(src: &str, start: usize, after: &str) -> Option<(usize, Kramdown)> {
    let name_len = after
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    if name_len == 0 {
        return None;
    }
    let name = &after[..name_len];
    let len = list_len(after)?;
    let open_end = start + 3 + len + 1;
    if after[..len].trim_end().ends_with('/') {
        return Some((open_end, Kramdown::Nothing));
    }
    let body = &src[open_end..];
    let (close_at, close_len) = closing(body, name)?;
    let content = &body[..close_at];
    let end = open_end + close_at + close_len;
    Some(match name {
        "nomarkdown" => (end, Kramdown::Html(content.to_string())),
        _ => (end, Kramdown::Nothing),
    })
}

/// Where `{:/name}` or `{:/}` first appears in `body`, and its length.
fn closing(body: &str, name: &str) -> Option<(usize, usize)> {
    let named = format!("{{:/{name}}}");
    let short = body.find("{:/}").map(|i| (i, 4));
    let long = body.find(&named).map(|i| (i, named.len()));
    match (short, long) {
        (Some(s), Some(l)) => Some(if s.0 < l.0 { s } else { l }),
        (s, l) => s.or(l),
    }
}

/// `{#id}` at the end of a line (a header id): its length.
fn header_id(rest: &str) -> Option<usize> {
    let inner = &rest[2..];
    let len = inner
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || b"_-:.".contains(b))
        .count();
    if len == 0 || !inner[..1].bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    inner[len..].strip_prefix('}')?;
    super::goldmark::ends_line(rest, 2 + len + 1).then_some(2 + len + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(src: &str) -> Option<(usize, Kramdown)> {
        at(src, 0)
    }

    #[test]
    fn attribute_lists_of_every_shape() {
        let plain = Kramdown::Attributes {
            toc: false,
            no_toc: false,
            prompt: None,
        };
        for src in [
            "{: .center-image}",
            "{:.center}",
            "{: #intro}",
            "{:target=\"_blank\"}",
            "{: title=\"a } b\" }",
        ] {
            assert_eq!(kind(src), Some((src.len(), plain.clone())), "{src}");
        }
        assert_eq!(
            kind("{:toc}"),
            Some((
                6,
                Kramdown::Attributes {
                    toc: true,
                    no_toc: false,
                    prompt: None,
                }
            ))
        );
        assert_eq!(
            kind("{: .no_toc .text-delta }").map(|k| k.1),
            Some(Kramdown::Attributes {
                toc: false,
                no_toc: true,
                prompt: None,
            })
        );
        assert_eq!(
            kind("{: .prompt-warning }").map(|k| k.1),
            Some(Kramdown::Attributes {
                toc: false,
                no_toc: false,
                prompt: Some("Warning"),
            })
        );
        assert_eq!(kind("{: .prompt-other }").map(|k| k.1), Some(plain.clone()));
        assert_eq!(
            kind("{:ref: .note #x}").map(|k| k.1),
            Some(Kramdown::Nothing)
        );
    }

    #[test]
    fn extensions() {
        let src = "{::comment}\n숨긴 메모\n{:/comment}뒤";
        assert_eq!(kind(src), Some((src.len() - "뒤".len(), Kramdown::Nothing)));
        let src = "{::nomarkdown}<b>굵게</b>{:/}";
        assert_eq!(
            kind(src),
            Some((src.len(), Kramdown::Html("<b>굵게</b>".into())))
        );
        let src = "{::options parse_block_html=\"true\" /}";
        assert_eq!(kind(src), Some((src.len(), Kramdown::Nothing)));
    }

    #[test]
    fn header_ids_only_at_line_end() {
        assert_eq!(kind("{#intro}\n"), Some((8, Kramdown::Nothing)));
        assert_eq!(kind("{#intro} 글"), None);
        assert_eq!(kind("{#1}"), None);
    }

    #[test]
    fn stray_closing_tags() {
        assert_eq!(kind("{:/}"), Some((4, Kramdown::Nothing)));
        assert_eq!(kind("{:/comment} 뒤"), Some((11, Kramdown::Nothing)));
        // A closing tag is ASCII; Hangul near it must not be cut.
        let long = format!("{{:/{}", "가".repeat(30));
        assert_eq!(kind(&long), None);
    }

    #[test]
    fn backslashes_kept_before_what_kramdown_does_not_escape() {
        let kept: String = (b'!'..=b'~')
            .filter(|&c| keeps_backslash(c))
            .map(char::from)
            .collect();
        assert_eq!(kept, "%&,/;?@^");
    }

    #[test]
    fn not_kramdown() {
        assert_eq!(kind("{: 끝이 없다"), None);
        assert_eq!(kind("{:}"), None);
        assert_eq!(kind("{:a\n}"), None);
        assert_eq!(kind("{ a: 1 }"), None);
    }

    #[test]
    fn braces_and_liquid_inside_a_list() {
        for src in [
            "{: {: width=\"500\"}",
            "{:{:.center}",
            "{: alt={{ page.제목 }} }",
            "{: {% if x %}.a{% endif %} }",
            "{: {{ 끝 }",
        ] {
            assert_eq!(kind(src).map(|k| k.0), Some(src.len()), "{src}");
        }
        // The first `}` outside quotes and Liquid ends it, as in kramdown.
        assert_eq!(kind("{: .a {b} }").map(|k| k.0), Some(9));
    }
}
