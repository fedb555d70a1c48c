//! Syntax highlighting of code blocks with syntect, reduced to a small set
//! of token kinds. The renderer marks what each piece of code is; the theme
//! says how each kind looks (from the syntect theme it names), so rendered
//! lines do not depend on the theme, and nothing is highlighted per frame.

use std::ops::Range;
use std::sync::OnceLock;

use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

mod kinds;

use kinds::KINDS;
pub use kinds::Token;

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

/// One line's pieces: byte ranges and their kind.
type Pieces = Vec<(Range<usize>, Option<Token>)>;

/// Code at least this long is highlighted in two halves at once, on two
/// threads, when the machine has them (see [`tokens`]).
const SPLIT_BYTES: usize = 1024;

/// Where the parser stands between two lines.
#[derive(Clone, PartialEq)]
struct Cursor {
    state: ParseState,
    stack: ScopeStack,
}

impl Cursor {
    fn new(syntax: &SyntaxReference) -> Cursor {
        Cursor {
            state: ParseState::new(syntax),
            stack: ScopeStack::new(),
        }
    }

    /// A cursor as it stands after an empty first line: where a file's
    /// top level is, for a guess at the state in the middle of the code.
    fn top_level(syntax: &SyntaxReference, set: &SyntaxSet) -> Cursor {
        let mut cursor = Cursor::new(syntax);
        if let Ok(ops) = cursor.state.parse_line("\n", set) {
            for (_, op) in ops {
                if cursor.stack.apply(&op).is_err() {
                    break;
                }
            }
        }
        cursor
    }

    /// Each line's pieces, the cursor moved past them; fewer pieces than
    /// lines when the parser fails (the rest is shown plain).
    fn run(&mut self, lines: &[&str], syn: &Syntaxes) -> Vec<Pieces> {
        let mut out = Vec::with_capacity(lines.len());
        let mut buf = String::new();
        for line in lines {
            if line.len() > LONG_LINE {
                out.push(vec![(0..line.len(), None)]);
                continue;
            }
            buf.clear();
            buf.push_str(line);
            buf.push('\n');
            let Ok(ops) = self.state.parse_line(&buf, &syn.set) else {
                break;
            };
            let mut pieces = Vec::new();
            let mut at = 0;
            for (pos, op) in ops {
                let pos = pos.min(line.len());
                if pos > at {
                    pieces.push((at..pos, kind(&self.stack, &syn.kinds)));
                    at = pos;
                }
                if self.stack.apply(&op).is_err() {
                    break;
                }
            }
            if at < line.len() {
                pieces.push((at..line.len(), kind(&self.stack, &syn.kinds)));
            }
            out.push(pieces);
        }
        out
    }
}

/// Each line's pieces (byte ranges) with their kind; empty when the
/// language is unknown or missing (the code is shown plain).
///
/// A longer block is highlighted in two halves at once: the second half
/// from the parser's state at a file's top level, guessed at a line that
/// starts in the first column. When the first half ends in exactly that
/// state the halves join, and the result is the one a single pass gives;
/// when it does not, the second half is highlighted again from where the
/// first ended.
pub fn tokens(lines: &[&str], lang: Option<&str>) -> Vec<Pieces> {
    let Some(syntax) = lang.and_then(find) else {
        return Vec::new();
    };
    let syn = syntaxes();
    let mut bytes = 0;
    let within = lines
        .iter()
        .take_while(|line| {
            let more = bytes + line.len() + 1;
            let fits = more <= BUDGET_BYTES;
            if fits {
                bytes = more;
            }
            fits
        })
        .count();
    let lines = &lines[..within];
    let Some(split) = split_point(lines, bytes) else {
        return Cursor::new(syntax).run(lines, syn);
    };
    let (head, tail) = lines.split_at(split);
    let guess = Cursor::top_level(syntax, &syn.set);
    let ((mut out, end), guessed) = std::thread::scope(|scope| {
        // A panic there must stay as quiet as one in the render itself
        // (the reader's hook would leave the alternate screen).
        let second = scope.spawn(|| super::guard::quietly(|| guess.clone().run(tail, syn)));
        let mut cursor = Cursor::new(syntax);
        let first = cursor.run(head, syn);
        ((first, cursor), second.join())
    });
    if out.len() < head.len() {
        // The parser failed in the first half: the rest stays plain.
        return out;
    }
    match guessed {
        Ok(Ok(rest)) if end == guess => out.extend(rest),
        _ => out.extend(end.clone().run(tail, syn)),
    }
    out
}

/// Where to cut `lines` (of `bytes` in all) into two halves highlighted at
/// once: the line nearest the middle that starts in the first column, not
/// with a closing bracket. `None` for short code or one core.
fn split_point(lines: &[&str], bytes: usize) -> Option<usize> {
    // Asked once: on Linux the answer reads the cgroup's CPU quota files.
    static CORES: OnceLock<usize> = OnceLock::new();
    let cores = *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if bytes < SPLIT_BYTES || cores < 2 || lines.len() < 8 {
        return None;
    }
    let starts_item = |line: &str| {
        line.chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && !matches!(c, '}' | ')' | ']'))
    };
    let mid = lines.len() / 2;
    (0..mid)
        .flat_map(|d| [mid + d, mid - d])
        .filter(|&i| i > 0 && i < lines.len())
        .find(|&i| starts_item(lines[i]))
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

    /// The pieces a single pass from the first line gives.
    fn one_pass(lines: &[&str], lang: &str) -> Vec<Pieces> {
        let syntax = find(lang).unwrap();
        Cursor::new(syntax).run(lines, syntaxes())
    }

    #[test]
    fn highlighting_in_two_halves_gives_what_one_pass_gives() {
        let rust = [
            "/// 합계를 구한다.",
            "fn 합계(값들: &[i64]) -> i64 {",
            "    let mut total = 0; // 누적",
            "    for v in 값들 { total += v; }",
            "    total",
            "}",
        ];
        // Cut at a top-level item: the guess holds.
        let lines: Vec<&str> = rust.iter().cycle().take(rust.len() * 12).copied().collect();
        assert!(split_point(&lines, 4096).is_some());
        assert_eq!(tokens(&lines, Some("rust")), one_pass(&lines, "rust"));
        // Cut inside a block comment and a multi-line string: the guess is
        // wrong, and the second half is done again from the real state.
        let mut inside = vec!["/*"];
        inside.extend(std::iter::repeat_n("fn 주석_속() {}", 80));
        inside.push("*/");
        inside.extend(std::iter::repeat_n("fn 밖() {}", 10));
        let bytes = |lines: &[&str]| lines.iter().map(|l| l.len() + 1).sum();
        assert!(split_point(&inside, bytes(&inside)).is_some_and(|i| i > 1 && i < 81));
        let t = tokens(&inside, Some("rust"));
        assert_eq!(t, one_pass(&inside, "rust"));
        assert_eq!(t[60][0].1, Some(Token::Comment), "still in the comment");
        let python: Vec<&str> = std::iter::once("s = \"\"\"")
            .chain(std::iter::repeat_n("def 문자열_속(): pass", 80))
            .chain(["\"\"\"", "def 함수(): pass"])
            .collect();
        assert!(split_point(&python, bytes(&python)).is_some());
        assert_eq!(tokens(&python, Some("python")), one_pass(&python, "python"));
    }

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
