//! The icon shortcuts of Hugo's LoveIt family of themes: `:(fas fa-link):`
//! in a post's text becomes a Font Awesome icon on the page (the themes'
//! `function/fontawesome.html`, `:\(([\w- ]+?)\):`). A terminal has no
//! icon to show: the shortcut shows nothing, and takes one space beside
//! it along so that no gap is left.

/// `text` without its icon shortcuts; `None` when it has none.
pub(super) fn without_icons(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(off) = text[from..].find(":(") {
        let start = from + off;
        let Some(len) = shortcut_len(&text[start..]) else {
            from = start + 2;
            continue;
        };
        out.push_str(&text[copied..start]);
        let mut end = start + len;
        let gap_before = out.is_empty() || out.ends_with([' ', '\u{a0}']);
        if gap_before && text[end..].starts_with(' ') {
            end += 1;
        }
        copied = end;
        from = end;
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// The length of the shortcut at the start of `s` (`:(`, ASCII letters,
/// digits, `_`, `-` and spaces, the fewest, then `):`).
fn shortcut_len(s: &str) -> Option<usize> {
    let inner = &s.as_bytes()[2..];
    let len = inner
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b' '))
        .count();
    (len > 0 && inner[len..].starts_with(b"):")).then_some(2 + len + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_show_nothing_and_leave_no_gap() {
        assert_eq!(
            without_icons(":(far fa-file-archive fa-fw): Helm").as_deref(),
            Some("Helm")
        );
        assert_eq!(
            without_icons("참고 링크:(fas fa-link): 보기").as_deref(),
            Some("참고 링크 보기")
        );
        assert_eq!(
            without_icons("설치 :(fab fa-linux fa-fw): 리눅스").as_deref(),
            Some("설치 리눅스")
        );
        assert_eq!(without_icons("끝 :(fas fa-a):").as_deref(), Some("끝 "));
    }

    #[test]
    fn other_text_is_left_alone() {
        for text in [
            "users:((\"envoy\" ...",
            "웃음 :( 그리고 ):",
            ":(): 빈",
            "a :(fa.b): c",
            ":(",
        ] {
            assert_eq!(without_icons(text), None, "{text}");
        }
    }
}
