//! Addresses as a browser's address bar shows them: the percent-escapes
//! of characters beyond ASCII decoded (`%ED%95%9C%EA%B8%80` is 한글), ASCII
//! ones (`%20`, `%2F`) kept as written, since decoding them could change
//! what the address says. Only for showing: a link opens and is copied as
//! written.

use std::borrow::Cow;

/// `address` as it is shown.
pub fn shown_address(address: &str) -> Cow<'_, str> {
    if !address.contains('%') {
        return Cow::Borrowed(address);
    }
    let mut out = String::with_capacity(address.len());
    let mut rest = address;
    while let Some(start) = rest.find('%') {
        out.push_str(&rest[..start]);
        let run = escapes_at(&rest[start..]);
        if run == 0 {
            out.push('%');
            rest = &rest[start + 1..];
            continue;
        }
        push_decoded(&mut out, &rest[start..start + run]);
        rest = &rest[start + run..];
    }
    out.push_str(rest);
    // Decoded text is cleaned as post text is (NFC, joiners in context).
    Cow::Owned(crate::sanitize::terminal_text(&out).into_owned())
}

/// The length of the run of `%XX` escapes `s` begins with.
fn escapes_at(s: &str) -> usize {
    s.as_bytes()
        .chunks(3)
        .take_while(|c| c.len() == 3 && c[0] == b'%' && c[1..].iter().all(u8::is_ascii_hexdigit))
        .count()
        * 3
}

/// A run of escapes: the characters beyond ASCII it spells in UTF-8, the
/// rest (ASCII, broken sequences, characters never shown) as written.
fn push_decoded(out: &mut String, run: &str) {
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(run).collect();
    // Each decoded byte was written as three characters.
    let written = |from: usize, to: usize| &run[from * 3..to * 3];
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            let next = at + c.len_utf8();
            if is_shown(c) {
                out.push(c);
            } else {
                out.push_str(written(at, next));
            }
            at = next;
        }
        let next = at + chunk.invalid().len();
        out.push_str(written(at, next));
        at = next;
    }
}

/// Whether a decoded character is shown as itself: not ASCII, not a
/// space, and nothing a terminal must not get.
fn is_shown(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace() && !c.is_control() && !crate::sanitize::is_forbidden(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_is_decoded_and_ascii_escapes_stay() {
        let cases = [
            ("https://a.kr/%ED%95%9C%EA%B8%80", "https://a.kr/한글"),
            (
                "https://a.kr/%ed%95%9c?q=%20%2F",
                "https://a.kr/한?q=%20%2F",
            ),
            ("/%EC%8B%9C%EB%B2%A0.jpg", "/시베.jpg"),
            ("a%ED%95b%ED", "a%ED%95b%ED"),
            ("%E2%80%AEgpj.exe", "%E2%80%AEgpj.exe"),
            ("%E3%80%80%C2%85", "%E3%80%80%C2%85"),
            ("100%", "100%"),
            ("%zz%4", "%zz%4"),
            ("https://a.kr/한글", "https://a.kr/한글"),
        ];
        for (written, shown) in cases {
            assert_eq!(shown_address(written), shown, "{written}");
        }
        // NFD jamo decode to the syllable a terminal draws.
        assert_eq!(shown_address("%E1%84%92%E1%85%A1%E1%86%AB"), "한");
    }
}
