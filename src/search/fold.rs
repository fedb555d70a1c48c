//! Lowercasing for search, exactly as `str::to_lowercase` but fast on
//! Korean text: the standard function looks every non-ASCII character up
//! in a case table (a binary search), a tenth of preparing a post's search
//! text. Hangul, CJK and common punctuation have no case, and are copied
//! in runs.

/// Characters (beyond ASCII) that `char::to_lowercase` leaves as they are,
/// decided by a range check (a test holds every one of them).
fn is_caseless(u: u32) -> bool {
    matches!(u,
        0x1100..=0x11ff | 0x2000..=0x2125 | 0x2190..=0x24b5
            | 0x24d0..=0x2bff | 0x3000..=0x9fff | 0xa960..=0xa97f | 0xac00..=0xd7ff
            | 0xf900..=0xfaff | 0xff01..=0xff20 | 0xff3b..=0xffef)
}

/// `s` lowercased: the same as `s.to_lowercase()`.
pub(crate) fn lowercase(s: &str) -> String {
    // Only capital sigma lowercases by its neighbours (final ς).
    if s.contains('Σ') {
        return s.to_lowercase();
    }
    replacing(s, |c| {
        let u = c as u32;
        let same = if u < 0x80 {
            !c.is_ascii_uppercase()
        } else {
            is_caseless(u) || c.to_lowercase().eq([c])
        };
        (!same).then(|| c.to_lowercase())
    })
}

/// `s` with each character that `replace` gives characters for replaced
/// by them, the others copied in runs.
pub(super) fn replacing<R: IntoIterator<Item = char>>(
    s: &str,
    mut replace: impl FnMut(char) -> Option<R>,
) -> String {
    let mut out = String::with_capacity(s.len());
    // `s[kept..i]` is not copied yet.
    let mut kept = 0;
    for (i, c) in s.char_indices() {
        if let Some(with) = replace(c) {
            out.push_str(&s[kept..i]);
            out.extend(with);
            kept = i + c.len_utf8();
        }
    }
    out.push_str(&s[kept..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn caseless_characters_have_no_lowercase() {
        for u in 0x80..=0x10_ffff {
            if let Some(c) = char::from_u32(u).filter(|_| is_caseless(u)) {
                assert!(c.to_lowercase().eq([c]), "U+{u:04X} has a lowercase");
            }
        }
    }

    #[test]
    fn lowercases_as_the_standard_library_does() {
        for s in [
            "",
            "MS 장애로 제주항공 발권 중단",
            "ÀÉÎ ǅ İstanbul ＡＢＣ ⅫⒶ",
            "ΣΑΣ ΌΣΟΣ Σ aΣ",
            "Ⅻ월 ㈜ＬＧ",
        ] {
            assert_eq!(lowercase(s), s.to_lowercase(), "{s}");
        }
    }

    proptest! {
        #[test]
        fn any_text_lowercases_as_the_standard_library_does(s in any::<String>()) {
            prop_assert_eq!(lowercase(&s), s.to_lowercase());
        }

        #[test]
        fn mixed_text_lowercases_as_the_standard_library_does(
            s in "[A-Za-z가-힣ㄱ-ㅎ ΣσΑ-Ωİ ǅÀ-ÿＡ-Ｚ·“”\n]{0,40}"
        ) {
            prop_assert_eq!(lowercase(&s), s.to_lowercase());
        }
    }
}
