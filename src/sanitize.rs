//! Making text safe for a terminal. Post text is cleaned here once at load,
//! and everything sinmun writes to a terminal or stdout passes through
//! [`terminal_text`] (or [`one_line`], [`json_text`]) once more on the way
//! out: messages carry paths and values that came from files or the user.
//!
//! One cleaning pass serves all of them. It removes whole escape sequences
//! (CSI, OSC, DCS, SOS, PM, APC and the short ESC forms, 7-bit and 8-bit
//! introducers, with their parameters and terminators), the other C0 and C1
//! controls, bidi controls, and the invisible format characters that could
//! hide or disguise text (zero-width space, soft hyphen, Hangul fillers,
//! byte order marks, line and paragraph separators …). Zero-width joiners,
//! variation selectors and tag characters stay only where they belong to an
//! emoji sequence, which the width code measures as one grapheme.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Tab stops are every this many cells.
const TAB_STOP: usize = 8;

/// The most characters an error message quotes of a value.
pub const QUOTE_CHARS: usize = 80;

/// The most characters of a message printed as one line.
pub const MESSAGE_CHARS: usize = 1000;

/// Tag characters kept after a black flag (subdivision flags use five or
/// six); a longer run is not a flag and is dropped.
const MAX_FLAG_TAGS: usize = 8;

/// True for characters that must never reach a terminal, whatever their
/// neighbours: C0 controls but tab and newline, DEL, C1 controls, bidi
/// controls, and invisible format characters (zero-width space and
/// non-joiner, soft hyphen, word joiner, byte order mark, Hangul fillers,
/// line and paragraph separators, interlinear annotation marks …).
/// Zero-width joiners, variation selectors and tag characters are judged by
/// their neighbours in [`sanitize`].
pub fn is_forbidden(c: char) -> bool {
    let u = c as u32;
    if u < 0x300 {
        return matches!(u, 0x00..=0x08 | 0x0b..=0x1f | 0x7f..=0x9f | 0xad);
    }
    matches!(
        u,
        0x034f | 0x061c | 0x115f | 0x1160 | 0x17b4 | 0x17b5 | 0x180b..=0x180f
            | 0x200b | 0x200c | 0x200e | 0x200f | 0x2028..=0x202e | 0x2060..=0x206f
            | 0x3164 | 0xfeff | 0xffa0 | 0xfff0..=0xfffb
            | 0x1bca0..=0x1bca3 | 0x1d173..=0x1d17a
            | 0xe0000..=0xe001f | 0xe0080..=0xe00ff | 0xe01f0..=0xe0fff
    )
}

/// Characters kept or dropped by context: the zero-width joiner, variation
/// selectors, and tag characters.
fn is_contextual(c: char) -> bool {
    matches!(c as u32, 0x200d | 0xfe00..=0xfe0f | 0xe0020..=0xe007f | 0xe0100..=0xe01ef)
}

/// Normalise to NFC and make safe for a terminal: escape sequences,
/// controls, bidi and invisible format characters removed, CR dropped, line
/// and paragraph separators made newlines, tabs expanded to the next tab
/// stop. Newlines are kept.
pub fn sanitize(s: &str) -> String {
    terminal_text(s).into_owned()
}

/// [`sanitize`], tabs kept: a Markdown body's tabs are block structure
/// (CommonMark and kramdown stop them every 4 columns), expanded only
/// where its text is laid out.
pub(crate) fn sanitize_keeping_tabs(s: &str) -> String {
    cleaned(s, Tabs::Keep).into_owned()
}

/// [`sanitize`] without a copy when `s` is already clean: the function
/// every output boundary calls.
pub fn terminal_text(s: &str) -> Cow<'_, str> {
    cleaned(s, Tabs::Expand)
}

/// What the cleaning does with tabs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tabs {
    Expand,
    Keep,
}

fn cleaned(s: &str, tabs: Tabs) -> Cow<'_, str> {
    if is_clean(s, tabs) {
        return Cow::Borrowed(s);
    }
    let stripped = strip(s, tabs);
    if is_nfc_quick(stripped.chars()) == IsNormalized::Yes {
        Cow::Owned(stripped)
    } else {
        Cow::Owned(stripped.nfc().collect())
    }
}

/// Sanitise and fold onto one line: every run of whitespace (newlines
/// included) becomes one space, and the ends are trimmed. For titles,
/// categories, messages and other one-line fields.
pub fn one_line(s: &str) -> String {
    // Most fields are already one clean line (folded YAML ends in a
    // newline): copy them.
    let trimmed = s.trim_end_matches('\n');
    if is_one_clean_line(trimmed) {
        return trimmed.to_string();
    }
    fold_whitespace(&terminal_text(s))
}

/// The words of `s` (split at Unicode whitespace, as
/// `str::split_whitespace`) joined by single spaces. Bytes that cannot
/// begin a whitespace character are skipped without decoding them: this
/// runs over every post's visible text.
pub(crate) fn fold_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut word = 0;
    let push = |out: &mut String, w: &str| {
        if !w.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    };
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Leading bytes of the whitespace beyond ASCII: U+0085 and U+00A0,
        // U+1680, U+2000–U+205F, U+3000.
        let len = match b {
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => 1,
            0xc2 | 0xe1 | 0xe2 | 0xe3 => s[i..]
                .chars()
                .next()
                .filter(|c| c.is_whitespace())
                .map_or(0, char::len_utf8),
            _ => 0,
        };
        if len == 0 {
            i += 1;
            continue;
        }
        push(&mut out, &s[word..i]);
        i += len;
        word = i;
    }
    push(&mut out, &s[word..]);
    out
}

/// A value as an error message quotes it: one clean line of at most
/// [`QUOTE_CHARS`] characters; a longer one keeps its start and its end
/// (where a file name is) around a `…`.
pub fn quote(s: &str) -> String {
    let line = one_line(s);
    let n = line.chars().count();
    if n <= QUOTE_CHARS {
        return line;
    }
    let head = QUOTE_CHARS / 2;
    let tail = QUOTE_CHARS - head - 1;
    let mut out: String = line.chars().take(head).collect();
    out.push('…');
    out.extend(line.chars().skip(n - tail));
    out
}

/// A whole message for a terminal: one clean line, cut at
/// [`MESSAGE_CHARS`] characters should a value in it be huge.
pub fn message(s: &str) -> String {
    let line = one_line(s);
    match line.char_indices().nth(MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

/// JSON text (as serde_json writes it) with every character that the
/// cleaning would touch written as a `\uXXXX` escape. serde_json escapes
/// only C0 controls; C1 and bidi controls would reach a terminal raw. Such
/// characters only ever occur inside JSON strings, where the escape is the
/// same character to a JSON reader.
pub fn json_text(json: &str) -> Cow<'_, str> {
    if !json
        .chars()
        .any(|c| c == '\u{1b}' || is_forbidden(c) || is_contextual(c))
    {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c == '\u{1b}' || is_forbidden(c) || is_contextual(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether `s` needs no cleaning at all: the fast path, taken by almost
/// every post body. Printable ASCII, Latin and Hangul syllables are decided
/// by a range check; NFC is checked only when other characters occur.
fn is_clean(s: &str, tabs: Tabs) -> bool {
    let bytes = s.as_bytes();
    let mut check_nfc = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if (b < 0x20 && b != b'\n' && (b != b'\t' || tabs == Tabs::Expand)) || b == 0x7f {
                return false;
            }
            i += 1;
        } else if is_syllable_at(bytes, i) {
            i += 3;
        } else {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            if is_forbidden(c) || is_contextual(c) {
                return false;
            }
            check_nfc |= !never_composes(c as u32);
            i += c.len_utf8();
        }
    }
    !check_nfc || is_nfc_quick(s.chars()) == IsNormalized::Yes
}

/// Whether the UTF-8 at `bytes[i..]` begins with a Hangul syllable
/// (U+AC00–U+D7A3: EA B0 80 to ED 9E A3), told from its bytes.
fn is_syllable_at(bytes: &[u8], i: usize) -> bool {
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match at(0) {
        0xeb | 0xec => true,
        0xea => at(1) >= 0xb0,
        0xed => (at(1), at(2)) <= (0x9e, 0xa3),
        _ => false,
    }
}

/// [`is_clean`], on one line, with single spaces inside and none at the
/// ends.
fn is_one_clean_line(s: &str) -> bool {
    if s.starts_with(' ') || s.ends_with(' ') || s.contains("  ") {
        return false;
    }
    s.chars().all(|c| c == ' ' || !c.is_whitespace()) && is_clean(s, Tabs::Expand)
}

/// Characters that are NFC and never combine with a neighbour under NFC
/// (common Latin, punctuation, arrows and boxes, CJK): text made only of
/// them, ASCII and Hangul syllables needs no normalisation check.
fn never_composes(u: u32) -> bool {
    matches!(u,
        0x80..=0x2ff | 0x2010..=0x2027 | 0x2030..=0x205e | 0x2190..=0x2328 | 0x232b..=0x2adb
        | 0x2add..=0x2bff | 0x3000..=0x3029 | 0x3030..=0x303f | 0x4e00..=0x9fff | 0xff01..=0xff9d)
}

/// Emoji that may be joined into a sequence by a zero-width joiner.
fn is_pictographic(c: char) -> bool {
    matches!(c as u32,
        0xa9 | 0xae | 0x203c | 0x2049 | 0x2122 | 0x2139 | 0x2194..=0x21ff | 0x2300..=0x23ff
        | 0x24c2 | 0x25aa..=0x27bf | 0x2934 | 0x2935 | 0x2b00..=0x2bff | 0x3030 | 0x303d
        | 0x3297 | 0x3299 | 0x1f000..=0x1faff)
}

/// The spaces a tab at `column` (counted in cells from the line's start)
/// stands for.
fn spaces_to_tab_stop(column: usize) -> usize {
    TAB_STOP - column % TAB_STOP
}

/// `text` with its tabs expanded to the tab stops, columns counted from
/// each line's start, each character `cells` wide: code as a terminal
/// shows it.
pub(crate) fn expand_tabs(text: &str, cells: impl Fn(char) -> usize) -> Cow<'_, str> {
    if !text.contains('\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut column = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                let n = spaces_to_tab_stop(column);
                out.extend(std::iter::repeat_n(' ', n));
                column += n;
            }
            '\n' => {
                out.push(c);
                column = 0;
            }
            c => {
                out.push(c);
                column += cells(c);
            }
        }
    }
    Cow::Owned(out)
}

/// The cleaning pass proper (before NFC).
fn strip(s: &str, tabs: Tabs) -> String {
    let mut out = String::with_capacity(s.len());
    let mut column = 0;
    // The last character kept, and whether the sequence it ends may take a
    // joiner (an emoji, possibly with a selector or skin-tone modifier).
    let mut last: Option<char> = None;
    let mut emoji = false;
    // Tag characters after a black flag, kept once a cancel tag ends them.
    let mut tags = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if !tags.is_empty() && !matches!(c as u32, 0xe0020..=0xe007f) {
            tags.clear();
        }
        match c {
            '\n' | '\u{2028}' | '\u{2029}' => {
                out.push('\n');
                column = 0;
                (last, emoji) = (None, false);
            }
            '\t' if tabs == Tabs::Keep => {
                out.push(c);
                (last, emoji) = (Some(' '), false);
            }
            '\t' => {
                let n = spaces_to_tab_stop(column);
                out.extend(std::iter::repeat_n(' ', n));
                column += n;
                (last, emoji) = (Some(' '), false);
            }
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_control_sequence(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\u{200d}' => {
                if emoji && chars.peek().is_some_and(|&n| is_pictographic(n)) {
                    out.push(c);
                    (last, emoji) = (Some(c), false);
                }
            }
            '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}' => {
                // One selector, right after the character it selects.
                if last.is_some_and(|l| l != ' ' && !is_contextual(l)) {
                    out.push(c);
                    (last, emoji) = (Some(c), emoji && c == '\u{fe0f}');
                }
            }
            '\u{e0020}'..='\u{e007e}' => {
                if last == Some('\u{1f3f4}') {
                    tags.push(c);
                }
            }
            '\u{e007f}' => {
                if (1..=MAX_FLAG_TAGS).contains(&tags.chars().count()) {
                    out.push_str(&tags);
                    out.push(c);
                    (last, emoji) = (Some(c), false);
                }
                tags.clear();
            }
            c if is_forbidden(c) => {}
            c => {
                out.push(c);
                column += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                emoji = is_pictographic(c) || (emoji && matches!(c as u32, 0x1f3fb..=0x1f3ff));
                last = Some(c);
            }
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After ESC: skip the rest of the sequence it introduces.
fn skip_escape(chars: &mut Chars) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_control_sequence(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        // nF: intermediates, then one final byte (`ESC ( B`, `ESC # 8`).
        Some(' '..='/') => {
            while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
            chars.next_if(|c| ('0'..='~').contains(c));
        }
        // Fp, Fe, Fs: one byte (`ESC 7`, `ESC M`, `ESC c`).
        Some('0'..='~') => {
            chars.next();
        }
        _ => {}
    }
}

/// A control sequence after its introducer: parameter and intermediate
/// bytes, then a final byte. Anything else ends it early (and is kept).
fn skip_control_sequence(chars: &mut Chars) {
    while chars.next_if(|c| (' '..='?').contains(c)).is_some() {}
    chars.next_if(|c| ('@'..='~').contains(c));
}

/// A command string (OSC, DCS, SOS, PM, APC) after its introducer: up to
/// and including BEL or ST (`ESC \` or U+009C). CAN and SUB cancel it;
/// another escape sequence or a line end ends it unterminated, so that one
/// stray introducer cannot swallow the rest of a post.
fn skip_string(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        match c {
            '\n' => return,
            '\u{7}' | '\u{9c}' | '\u{18}' | '\u{1a}' => {
                chars.next();
                return;
            }
            '\u{1b}' => {
                chars.next();
                if chars.next_if_eq(&'\\').is_none() {
                    skip_escape(chars);
                }
                return;
            }
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_are_told_from_their_bytes() {
        let mut buf = [0; 4];
        for c in ('\u{80}'..=char::MAX).chain(['a', '\n']) {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let syllable = ('\u{ac00}'..='\u{d7a3}').contains(&c);
            assert_eq!(is_syllable_at(bytes, 0), syllable, "U+{:04X}", c as u32);
        }
    }

    proptest::proptest! {
        #[test]
        fn folded_whitespace_is_split_whitespace_joined(
            s in "[a-z가-힣 \t\n\r\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{205f}\u{3000}·]{0,30}"
        ) {
            let words: Vec<&str> = s.split_whitespace().collect();
            proptest::prop_assert_eq!(fold_whitespace(&s), words.join(" "));
        }

        #[test]
        fn any_text_folds_as_split_whitespace(s in proptest::prelude::any::<String>()) {
            let words: Vec<&str> = s.split_whitespace().collect();
            proptest::prop_assert_eq!(fold_whitespace(&s), words.join(" "));
        }
    }

    #[test]
    fn whole_escape_sequences_go_not_just_the_escape() {
        assert_eq!(sanitize("\u{1b}]0;pwned\u{7}제목"), "제목");
        assert_eq!(sanitize("\u{1b}]52;c;aGk=\u{1b}\\제목"), "제목");
        assert_eq!(sanitize("a\u{1b}[31mb\u{1b}[0m"), "ab");
        assert_eq!(sanitize("a\u{1b}[?1049hb"), "ab");
        assert_eq!(sanitize("\u{1b}P1$qm\u{1b}\\x"), "x");
        assert_eq!(
            sanitize("\u{1b}_apc\u{1b}\\\u{1b}^pm\u{9c}\u{1b}Xsos\u{7}x"),
            "x"
        );
        assert_eq!(sanitize("a\u{1b}(Bb\u{1b}7c\u{1b}cd"), "abcd");
        // 8-bit introducers.
        assert_eq!(sanitize("a\u{9b}31mb\u{9d}2;title\u{9c}c"), "abc");
        assert_eq!(sanitize("\u{90}dcs\u{7}x\u{9f}apc\u{9c}y"), "xy");
    }

    #[test]
    fn an_unterminated_sequence_ends_at_the_line() {
        assert_eq!(sanitize("\u{1b}]0;title\n본문"), "\n본문");
        assert_eq!(sanitize("a\u{1b}[제목"), "a제목");
        assert_eq!(sanitize("a\u{1b}"), "a");
        assert_eq!(sanitize("\u{1b}]0;a\u{1b}[31m제목"), "제목");
    }

    #[test]
    fn controls_and_bidi_go() {
        let s = sanitize("a\u{7}b\u{9b}한\u{202e}d\u{2066}e\u{85}f\r\n");
        assert_eq!(s, "ab한def\n");
    }

    #[test]
    fn invisible_format_characters_go() {
        for c in [
            '\u{200b}',
            '\u{200c}',
            '\u{feff}',
            '\u{ad}',
            '\u{3164}',
            '\u{115f}',
            '\u{1160}',
            '\u{ffa0}',
            '\u{2060}',
            '\u{180e}',
            '\u{fff9}',
            '\u{e0001}',
        ] {
            assert_eq!(sanitize(&format!("제{c}목")), "제목", "U+{:04X}", c as u32);
        }
        assert_eq!(sanitize("a\u{2028}b\u{2029}c"), "a\nb\nc");
        assert_eq!(one_line("a\u{2028}b"), "a b");
    }

    #[test]
    fn emoji_sequences_keep_their_joiners_and_selectors() {
        for e in ["👩‍👩‍👧‍👦", "🌧️", "👍🏽", "👩‍❤️‍👨", "1️⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "🏳️‍🌈"]
        {
            assert_eq!(sanitize(e), e, "{e:?}");
            assert_eq!(one_line(&format!("비 {e} 옴")), format!("비 {e} 옴"));
        }
    }

    #[test]
    fn joiners_selectors_and_tags_elsewhere_go() {
        assert_eq!(sanitize("a\u{200d}b"), "ab");
        assert_eq!(sanitize("\u{200d}👩"), "👩");
        assert_eq!(sanitize("👩\u{200d}"), "👩");
        // Selectors smuggling text: one after a base is kept, a run is not.
        assert_eq!(sanitize("😀\u{fe0f}\u{fe01}\u{fe02}"), "😀\u{fe0f}");
        assert_eq!(sanitize("\u{fe0f}a \u{fe0f}"), "a ");
        // Tag characters spelling text, outside a flag.
        assert_eq!(sanitize("x\u{e0068}\u{e0069}y"), "xy");
        let long_flag = format!("🏴{}\u{e007f}", "\u{e0061}".repeat(20));
        assert_eq!(sanitize(&long_flag), "🏴");
    }

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(sanitize("a\tb"), "a       b");
        assert_eq!(sanitize("한\tb"), "한      b");
        let width = |c: char| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        assert_eq!(expand_tabs("한\tb\n\tc", width), "한      b\n        c");
    }

    #[test]
    fn tabs_can_be_kept_for_markdown() {
        assert_eq!(sanitize_keeping_tabs("- a\n\t- b\u{7}"), "- a\n\t- b");
        assert_eq!(sanitize_keeping_tabs("\t\u{1b}[31m빨강"), "\t빨강");
    }

    #[test]
    fn nfd_hangul_is_composed_even_around_removed_characters() {
        let nfd: String = "제주항공".nfd().collect();
        assert_ne!(nfd, "제주항공");
        assert_eq!(sanitize(&nfd), "제주항공");
        assert_eq!(sanitize("e\u{1b}[0m\u{301}"), "é");
    }

    #[test]
    fn clean_text_is_borrowed() {
        for s in ["제주항공 발권 마비\n", "plain", "“인용” … · ①", "🌧 비"] {
            assert!(matches!(terminal_text(s), Cow::Borrowed(_)), "{s:?}");
        }
        assert!(matches!(terminal_text("a\tb"), Cow::Owned(_)));
        assert!(matches!(terminal_text("\u{2329}"), Cow::Owned(_)), "NFC");
    }

    #[test]
    fn one_line_folds_whitespace() {
        assert_eq!(one_line("  IT\n 대란\t원인 "), "IT 대란 원인");
        assert_eq!(one_line("접힌 요약입니다.\n"), "접힌 요약입니다.");
        assert_eq!(one_line("두  칸\n"), "두 칸");
        assert_eq!(one_line("\n"), "");
        assert_eq!(one_line("a\u{a0}b"), "a b");
        assert_eq!(one_line("\u{1b}]2;x\u{7}제목 \u{200b}"), "제목");
    }

    #[test]
    fn quotes_are_short_and_clean() {
        assert_eq!(quote("짧은 값"), "짧은 값");
        let long = format!("/{}/파일.md", "가".repeat(200));
        let q = quote(&long);
        assert_eq!(q.chars().count(), QUOTE_CHARS);
        assert!(q.starts_with("/가가") && q.ends_with("가/파일.md"), "{q}");
        assert!(q.contains('…'));
        assert_eq!(quote("a\u{1b}[2Jb"), "ab");
        assert_eq!(
            message(&"가".repeat(5000)).chars().count(),
            MESSAGE_CHARS + 1
        );
    }

    #[test]
    fn json_escapes_what_a_terminal_would_obey() {
        let json = serde_json::to_string("a\u{9b}b\u{202e}c\u{1b}d👩‍👧").unwrap();
        let escaped = json_text(&json);
        assert_eq!(escaped, "\"a\\u009bb\\u202ec\\u001bd👩\\u200d👧\"");
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "a\u{9b}b\u{202e}c\u{1b}d👩‍👧");
        let tag = json_text("\"\u{e0041}\"");
        assert_eq!(tag, "\"\\udb40\\udc41\"");
    }
}
