//! Syntax highlighting of code blocks with syntect, reduced to a small set
//! of token kinds. The renderer marks what each piece of code is; the theme
//! says how each kind looks (from the syntect theme it names), so rendered
//! lines do not depend on the theme, and nothing is highlighted per frame.

use std::ops::Range;
use std::sync::OnceLock;

use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

/// What a piece of code is, for the theme's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Token {
    Comment,
    String,
    Escape,
    Number,
    Constant,
    Keyword,
    Operator,
    Storage,
    Modifier,
    Function,
    Call,
    Type,
    Tag,
    Attribute,
    Parameter,
    Builtin,
    Annotation,
    Punctuation,
    Heading,
}

impl Token {
    pub const ALL: [Token; 19] = [
        Token::Comment,
        Token::String,
        Token::Escape,
        Token::Number,
        Token::Constant,
        Token::Keyword,
        Token::Operator,
        Token::Storage,
        Token::Modifier,
        Token::Function,
        Token::Call,
        Token::Type,
        Token::Tag,
        Token::Attribute,
        Token::Parameter,
        Token::Builtin,
        Token::Annotation,
        Token::Punctuation,
        Token::Heading,
    ];

    /// The scope a syntect theme is asked about for this kind's style.
    pub fn scope(self) -> &'static str {
        match self {
            Token::Comment => "comment.line",
            Token::String => "string.quoted.double",
            Token::Escape => "constant.character.escape",
            Token::Number => "constant.numeric",
            Token::Constant => "constant.language",
            Token::Keyword => "keyword.control",
            Token::Operator => "keyword.operator",
            Token::Storage => "storage.type",
            Token::Modifier => "storage.modifier",
            Token::Function => "entity.name.function",
            Token::Call => "support.function",
            Token::Type => "entity.name.type",
            Token::Tag => "entity.name.tag",
            Token::Attribute => "entity.other.attribute-name",
            Token::Parameter => "variable.parameter",
            Token::Builtin => "variable.language",
            Token::Annotation => "variable.annotation",
            Token::Punctuation => "punctuation",
            Token::Heading => "markup.heading",
        }
    }
}

/// Scope prefixes and the kind they mean, the more specific first.
const KINDS: &[(&str, Token)] = &[
    ("comment", Token::Comment),
    ("constant.character.escape", Token::Escape),
    ("string", Token::String),
    ("constant.numeric", Token::Number),
    ("constant", Token::Constant),
    ("keyword.operator", Token::Operator),
    ("keyword", Token::Keyword),
    ("storage.modifier", Token::Modifier),
    ("storage", Token::Storage),
    ("entity.name.function", Token::Function),
    ("entity.name.tag", Token::Tag),
    ("entity.name", Token::Type),
    ("entity.other.inherited-class", Token::Type),
    ("entity.other.attribute-name", Token::Attribute),
    ("support.function", Token::Call),
    ("variable.function", Token::Call),
    ("support.type", Token::Type),
    ("support.class", Token::Type),
    ("support.constant", Token::Constant),
    ("variable.parameter", Token::Parameter),
    ("variable.language", Token::Builtin),
    ("variable.annotation", Token::Annotation),
    ("meta.annotation", Token::Annotation),
    ("punctuation.definition.string", Token::String),
    ("punctuation.definition.comment", Token::Comment),
    ("punctuation", Token::Punctuation),
    ("markup.heading", Token::Heading),
];

/// Code bigger than this is shown without colours past this point: syntect
/// (with its pure-Rust regex engine) highlights a few hundred KB a second
/// here, and a 1 MB block must not hold the reader.
const BUDGET_BYTES: usize = 32 * 1024;
/// Lines longer than this (minified code) are not highlighted.
const LONG_LINE: usize = 1_000;

struct Syntaxes {
    set: SyntaxSet,
    kinds: Vec<(Scope, Token)>,
}

fn syntaxes() -> &'static Syntaxes {
    static SET: OnceLock<Syntaxes> = OnceLock::new();
    SET.get_or_init(|| Syntaxes {
        set: SyntaxSet::load_defaults_newlines(),
        kinds: KINDS
            .iter()
            .filter_map(|(s, t)| Scope::new(s).ok().map(|s| (s, *t)))
            .collect(),
    })
}

/// Names posts use for a language that syntect knows by another.
fn canonical(lang: &str) -> &str {
    match lang {
        "ts" | "typescript" | "tsx" | "jsx" | "javascript" | "node" | "mjs" => "js",
        "shell" | "sh" | "zsh" | "console" | "shell-session" | "bash" | "terminal" => "bash",
        "c++" | "cxx" => "cpp",
        "golang" => "go",
        "py" | "py3" | "python3" => "python",
        "yml" => "yaml",
        "objc" | "objective-c" => "m",
        "rs" => "rust",
        "kt" | "kotlin" => "kotlin",
        other => other,
    }
}

/// The syntax for a language name from a post, when it is known.
fn find(lang: &str) -> Option<&'static SyntaxReference> {
    let lang = lang.trim().to_ascii_lowercase();
    if lang.is_empty()
        || matches!(
            lang.as_str(),
            "text" | "plain" | "plaintext" | "txt" | "none"
        )
    {
        return None;
    }
    syntaxes().set.find_syntax_by_token(canonical(&lang))
}

/// Each line's pieces (byte ranges) with their kind; empty when the
/// language is unknown or missing (the code is shown plain).
pub fn tokens(lines: &[&str], lang: Option<&str>) -> Vec<Vec<(Range<usize>, Option<Token>)>> {
    let Some(syntax) = lang.and_then(find) else {
        return Vec::new();
    };
    let syn = syntaxes();
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut spent = 0;
    let mut out = Vec::with_capacity(lines.len());
    let mut buf = String::new();
    for line in lines {
        spent += line.len() + 1;
        if spent > BUDGET_BYTES {
            break;
        }
        if line.len() > LONG_LINE {
            out.push(vec![(0..line.len(), None)]);
            continue;
        }
        buf.clear();
        buf.push_str(line);
        buf.push('\n');
        let Ok(ops) = state.parse_line(&buf, &syn.set) else {
            break;
        };
        let mut pieces = Vec::new();
        let mut at = 0;
        for (pos, op) in ops {
            let pos = pos.min(line.len());
            if pos > at {
                pieces.push((at..pos, kind(&stack, &syn.kinds)));
                at = pos;
            }
            if stack.apply(&op).is_err() {
                break;
            }
        }
        if at < line.len() {
            pieces.push((at..line.len(), kind(&stack, &syn.kinds)));
        }
        out.push(pieces);
    }
    out
}

/// The kind of the innermost scope that has one.
fn kind(stack: &ScopeStack, kinds: &[(Scope, Token)]) -> Option<Token> {
    stack.as_slice().iter().rev().find_map(|scope| {
        kinds
            .iter()
            .find(|(prefix, _)| prefix.is_prefix_of(*scope))
            .map(|(_, t)| *t)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_keywords_strings_and_comments_are_told_apart() {
        let lines = ["fn main() {", "    let s = \"제주\"; // 주석", "}"];
        let t = tokens(&lines, Some("rust"));
        let kind_of = |line: usize, text: &str| {
            let at = lines[line].find(text).unwrap();
            t[line]
                .iter()
                .find(|(r, _)| r.contains(&at))
                .and_then(|(_, k)| *k)
        };
        assert_eq!(kind_of(0, "fn"), Some(Token::Storage));
        assert_eq!(kind_of(1, "제주"), Some(Token::String));
        assert_eq!(kind_of(1, "주석"), Some(Token::Comment));
        assert!(tokens(&lines, Some("no-such-language")).is_empty());
        assert!(tokens(&lines, None).is_empty());
    }
}
