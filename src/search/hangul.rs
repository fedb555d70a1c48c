//! The Hangul facts search needs: initial consonants (초성) of syllables,
//! and spacing that Korean writers vary (띄어쓰기).

/// The initial consonants (choseong) of Hangul syllables, in syllable order,
/// as compatibility jamo — what a keyboard types.
pub(crate) const INITIALS: [char; 19] = [
    'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ',
    'ㅌ', 'ㅍ', 'ㅎ',
];

pub(crate) fn is_syllable(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

/// A compatibility jamo that begins syllables (ㄱ, ㄲ … ㅎ).
pub(crate) fn is_initial(c: char) -> bool {
    // The initials are the compatibility consonants that have a choseong;
    // a binary search keeps this a handful of comparisons.
    INITIALS.binary_search(&c).is_ok()
}

/// Where `c` is among the initial consonants, if it is one.
pub(crate) fn initial_index(c: char) -> Option<usize> {
    INITIALS.binary_search(&c).ok()
}

/// The initial consonant of a Hangul syllable.
pub(crate) fn initial_of(c: char) -> Option<char> {
    is_syllable(c).then(|| INITIALS[(c as usize - 0xac00) / 588])
}

/// Whether a text character `c` is matched by a query character `p`: the
/// same character, or `p` is an initial consonant and `c` a syllable that
/// begins with it (`ㅈ` matches 제, 주, 정 …).
pub(crate) fn char_matches(p: char, c: char) -> bool {
    p == c || (is_initial(p) && initial_of(c) == Some(p))
}

/// Hangul for spacing purposes: syllables, and the initials a query may mix
/// with them.
fn is_hangul(c: char) -> bool {
    is_syllable(c) || is_initial(c)
}

/// Spaces a writer may put between words (and may leave out).
fn is_gap(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{3000}')
}

/// Call `f(char, byte range, gap_before)` for each character of `s` that
/// is kept when spaces between two Hangul characters are taken out.
/// `gap_before` says that spaces were taken out just before the character;
/// the byte range of a character after a gap starts at the gap, so a match
/// that spans the gap covers it.
pub(crate) fn for_each_squeezed(s: &str, mut f: impl FnMut(char, std::ops::Range<usize>, bool)) {
    let mut chars = s.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        if is_gap(c) && prev.is_some_and(is_hangul) {
            // Look past the run of spaces: drop it only before Hangul.
            let start = i;
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !is_gap(d) {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            match chars.peek() {
                Some(&(j, d)) if is_hangul(d) => {
                    chars.next();
                    f(d, start..j + d.len_utf8(), true);
                    prev = Some(d);
                }
                _ => {
                    // Not between Hangul: the spaces stay.
                    let mut k = start;
                    for g in s[start..end].chars() {
                        f(g, k..k + g.len_utf8(), false);
                        k += g.len_utf8();
                    }
                    prev = Some(' ');
                }
            }
            continue;
        }
        f(c, i..i + c.len_utf8(), false);
        prev = Some(c);
    }
}

/// `s` with the spaces between Hangul characters taken out:
/// `제주 항공` -> `제주항공`, `MS 장애` unchanged. The characters
/// [`for_each_squeezed`] gives (a test holds them the same), copied in
/// runs: this makes every post's search text.
pub(crate) fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // `s[kept..]` is not copied yet.
    let mut kept = 0;
    let mut prev_hangul = false;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_gap(c) && prev_hangul {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek().filter(|&&(_, d)| is_gap(d)) {
                end = j + d.len_utf8();
                chars.next();
            }
            if chars.peek().is_some_and(|&(_, d)| is_hangul(d)) {
                out.push_str(&s[kept..i]);
                kept = end;
            }
            prev_hangul = false;
            continue;
        }
        prev_hangul = is_hangul(c);
    }
    out.push_str(&s[kept..]);
    out
}

/// `s` with every syllable replaced by its initial consonant, the other
/// characters copied in runs.
pub(crate) fn initials_text(s: &str) -> String {
    super::fold::replacing(s, |c| initial_of(c).map(std::iter::once))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_are_sorted_for_binary_search() {
        assert!(INITIALS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_initial('ㄲ') && is_initial('ㅎ'));
        assert!(!is_initial('ㅏ') && !is_initial('ㄳ') && !is_initial('가'));
    }

    #[test]
    fn initial_of_every_first_and_last_syllable() {
        assert_eq!(initial_of('가'), Some('ㄱ'));
        assert_eq!(initial_of('깋'), Some('ㄱ'));
        assert_eq!(initial_of('까'), Some('ㄲ'));
        assert_eq!(initial_of('힣'), Some('ㅎ'));
        assert_eq!(initial_of('a'), None);
    }

    #[test]
    fn squeeze_removes_spaces_between_hangul_only() {
        assert_eq!(squeeze("제주 항공"), "제주항공");
        assert_eq!(squeeze("제주  \u{3000}항공 발권"), "제주항공발권");
        assert_eq!(squeeze("MS 장애로 제주 항공"), "MS 장애로제주항공");
        assert_eq!(squeeze("제주, 항공"), "제주, 항공");
        assert_eq!(squeeze("제주 ㅎㄱ"), "제주ㅎㄱ");
        assert_eq!(squeeze("제주 "), "제주 ");
        assert_eq!(squeeze(" 제주"), " 제주");
        assert_eq!(squeeze("a  b"), "a  b");
    }

    #[test]
    fn initials_text_replaces_syllables_only() {
        assert_eq!(initials_text("MS 장애로 제주항공"), "MS ㅈㅇㄹ ㅈㅈㅎㄱ");
        assert_eq!(initials_text("ㅎㄱ 가힣 é"), "ㅎㄱ ㄱㅎ é");
    }

    proptest::proptest! {
        #[test]
        fn squeeze_keeps_what_for_each_squeezed_gives(
            s in "[a-z가-힣ㄱ-ㅎ ,\u{a0}\u{3000}\n]{0,30}"
        ) {
            let mut kept = String::new();
            for_each_squeezed(&s, |c, _, _| kept.push(c));
            proptest::prop_assert_eq!(squeeze(&s), kept);
        }
    }

    #[test]
    fn squeezed_ranges_cover_the_gaps() {
        let s = "제주 항공";
        let mut seen = Vec::new();
        for_each_squeezed(s, |c, r, gap| seen.push((c, &s[r], gap)));
        assert_eq!(
            seen,
            [
                ('제', "제", false),
                ('주', "주", false),
                ('항', " 항", true),
                ('공', "공", false)
            ]
        );
    }
}
