//! Bytes of a post file -> text. UTF-8 is the fast path (validated, then
//! borrowed); UTF-16 with a byte-order mark is decoded; files that are not
//! UTF-8 are detected (chardetng, as Firefox does: EUC-KR/CP949 first for a
//! Korean reader, then Shift_JIS, Latin-1 …) and decoded with encoding_rs.
//! A file is refused as binary only when it looks binary; stray NUL bytes
//! in text are removed. Line ends become `\n` when a file uses bare CRs,
//! and leading byte-order marks (even repeated) are dropped.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

use crate::i18n::{Message, Msg};

/// How much of a file is looked at to tell binary from text.
const SNIFF: usize = 8192;

/// Text made from a file's bytes, and what was noticed on the way.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// (1-based line, message) for each thing a writer should fix.
    pub notes: Vec<(usize, Message)>,
}

/// Why bytes are not text: what they look like ([`Msg::BinaryPng`] …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Binary(pub Msg);

impl Binary {
    pub(crate) fn message(self) -> Message {
        Msg::Binary.with_msg("kind", self.0)
    }
}

/// Decode a post file's bytes.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded<'_>, Binary> {
    if let Some(kind) = signature(bytes) {
        return Err(Binary(kind));
    }
    let mut notes = Vec::new();
    let text: Cow<str> = if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        utf16(UTF_16LE, rest, &mut notes)
    } else if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        utf16(UTF_16BE, rest, &mut notes)
    } else {
        if memchr::memchr(0, bytes).is_some() && looks_binary(&bytes[..bytes.len().min(SNIFF)]) {
            return Err(Binary(Msg::BinaryNul));
        }
        match simdutf8::basic::from_utf8(bytes) {
            Ok(t) => Cow::Borrowed(t),
            Err(_) => legacy(bytes, &mut notes),
        }
    };
    let text = remove_nuls(text, &mut notes);
    let text = bare_cr_to_lf(text);
    Ok(Decoded {
        text: strip_boms(text),
        notes,
    })
}

/// Known binary formats, by their first bytes.
fn signature(bytes: &[u8]) -> Option<Msg> {
    const KNOWN: &[(&[u8], Msg)] = &[
        (b"\x89PNG\r\n\x1a\n", Msg::BinaryPng),
        (b"\xff\xd8\xff", Msg::BinaryJpeg),
        (b"GIF87a", Msg::BinaryGif),
        (b"GIF89a", Msg::BinaryGif),
        (b"%PDF-", Msg::BinaryPdf),
        (b"PK\x03\x04", Msg::BinaryZip),
        (b"\x7fELF", Msg::BinaryElf),
        (b"\x1f\x8b", Msg::BinaryGzip),
    ];
    KNOWN
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// More than one byte in twenty a control character (not tab, newline,
/// form feed or carriage return), and more than one of them: what
/// compressed or structured binary data looks like, and what a text post
/// with a stray NUL does not.
fn looks_binary(sample: &[u8]) -> bool {
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c) || b == 0x7f)
        .count();
    controls >= 2 && controls * 20 > sample.len()
}

fn utf16<'a>(
    encoding: &'static Encoding,
    bytes: &'a [u8],
    notes: &mut Vec<(usize, Message)>,
) -> Cow<'a, str> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        notes.push((
            first_line_of(&text, '\u{fffd}'),
            Msg::InvalidEncoding.with("encoding", encoding.name()),
        ));
    }
    Cow::Owned(text.into_owned())
}

/// Bytes that are not valid UTF-8: UTF-8 with a few bad bytes stays UTF-8
/// (decoded lossily); otherwise the encoding is detected and named.
fn legacy<'a>(bytes: &'a [u8], notes: &mut Vec<(usize, Message)>) -> Cow<'a, str> {
    let (valid_chars, errors, first_error) = utf8_census(bytes);
    let lossy_utf8 = |notes: &mut Vec<(usize, Message)>| {
        let line = 1 + memchr::memchr_iter(b'\n', &bytes[..first_error]).count();
        notes.push((line, Msg::InvalidEncoding.with("encoding", "UTF-8")));
        String::from_utf8_lossy(bytes)
    };
    if valid_chars > errors {
        return lossy_utf8(notes);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // `kr`: between encodings that fit equally, a Korean reader's files
    // are EUC-KR/CP949 first.
    let encoding = detector.guess(Some(b"kr"), chardetng::Utf8Detection::Deny);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let message = if had_errors {
        // Neither fits: keep whichever loses fewer characters.
        if text.matches('\u{fffd}').count() >= errors {
            return lossy_utf8(notes);
        }
        Msg::NotUtf8Lossy
    } else {
        Msg::NotUtf8
    };
    notes.push((1, message.with("encoding", encoding_label(encoding))));
    Cow::Owned(text.into_owned())
}

/// The names Korean writers know an encoding by.
fn encoding_label(encoding: &'static Encoding) -> &'static str {
    match encoding.name() {
        // WHATWG's EUC-KR is Microsoft's CP949 (Unified Hangul Code), a
        // superset of EUC-KR.
        "EUC-KR" => "EUC-KR/CP949",
        "windows-1252" => "Latin-1 (windows-1252)",
        other => other,
    }
}

/// (well-formed non-ASCII UTF-8 characters, invalid sequences, offset of
/// the first invalid one).
fn utf8_census(bytes: &[u8]) -> (usize, usize, usize) {
    let mut valid = 0;
    let mut errors = 0;
    let mut first_error = None;
    let mut rest = bytes;
    let mut offset = 0;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid += count_non_ascii(s);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                valid += std::str::from_utf8(&rest[..good]).map_or(0, count_non_ascii);
                errors += 1;
                first_error.get_or_insert(offset + good);
                let skip = good + e.error_len().unwrap_or(rest.len() - good);
                rest = &rest[skip..];
                offset += skip;
            }
        }
    }
    (valid, errors, first_error.unwrap_or(0))
}

fn count_non_ascii(s: &str) -> usize {
    // Each non-ASCII character has exactly one lead byte (not 10xxxxxx).
    s.bytes().filter(|b| *b >= 0xc0).count()
}

fn remove_nuls<'a>(text: Cow<'a, str>, notes: &mut Vec<(usize, Message)>) -> Cow<'a, str> {
    let Some(first) = memchr::memchr(0, text.as_bytes()) else {
        return text;
    };
    let count = memchr::memchr_iter(0, text.as_bytes()).count();
    let line = 1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..first]).count();
    let message = if count == 1 {
        Msg::NulByte.into()
    } else {
        Msg::NulBytes.with("n", count)
    };
    notes.push((line, message));
    Cow::Owned(text.replace('\0', ""))
}

/// Old Mac files end lines with a bare CR: make every line end `\n` then.
/// CRLF alone is left for the readers of the text, which accept it.
fn bare_cr_to_lf(text: Cow<'_, str>) -> Cow<'_, str> {
    let b = text.as_bytes();
    let bare = memchr::memchr_iter(b'\r', b).any(|i| b.get(i + 1) != Some(&b'\n'));
    if !bare {
        return text;
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Drop every byte-order mark at the start (files concatenated or saved
/// twice by editors carry more than one).
fn strip_boms(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.starts_with('\u{feff}') {
        return text;
    }
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim_start_matches('\u{feff}')),
        Cow::Owned(s) => Cow::Owned(s.trim_start_matches('\u{feff}').to_string()),
    }
}

fn first_line_of(text: &str, c: char) -> usize {
    text.find(c)
        .map_or(1, |i| 1 + text[..i].matches('\n').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, Vec<(usize, String)>) {
        let d = decode(bytes).unwrap();
        let notes = d.notes.iter().map(|(l, m)| (*l, m.to_string())).collect();
        (d.text.into_owned(), notes)
    }

    #[test]
    fn utf8_is_borrowed_and_quiet() {
        let d = decode("---\ntitle: 제목\n---\n".as_bytes()).unwrap();
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert!(d.notes.is_empty());
    }

    #[test]
    fn utf16_with_a_bom_both_ways() {
        let korean = "---\ntitle: 메모장에서 저장한 글\n---\n<p>본문</p>\n";
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(korean.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(korean.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(text(&le), (korean.to_string(), vec![]));
        assert_eq!(text(&be), (korean.to_string(), vec![]));
    }

    #[test]
    fn euc_kr_is_detected_and_named() {
        let korean = "---\ntitle: 옛날 신문 기사\n---\n<p>한국어로 쓴 본문입니다. 지역 도서관이 새로 문을 열었습니다.</p>\n";
        let (bytes, _, _) = encoding_rs::EUC_KR.encode(korean);
        let (t, notes) = text(&bytes);
        assert_eq!(t, korean);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].1.contains("EUC-KR/CP949"), "{notes:?}");
    }

    #[test]
    fn latin1_and_shift_jis() {
        let (t, notes) = text(b"---\ntitle: caf\xe9 cr\xe8me\n---\n");
        assert_eq!(t, "---\ntitle: café crème\n---\n");
        assert!(notes[0].1.contains("Latin-1"), "{notes:?}");
        let japanese =
            "---\ntitle: 東京の天気\n---\n<p>今日は晴れです。明日は雨が降るでしょう。</p>\n";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(japanese);
        let (t, notes) = text(&bytes);
        assert_eq!(t, japanese);
        assert!(notes[0].1.contains("Shift_JIS"), "{notes:?}");
    }

    #[test]
    fn utf8_with_a_stray_byte_stays_utf8() {
        let (t, notes) = text(
            b"---\ntitle: \xed\x95\x9c\xea\xb8\x80 \xec\x8b\xa0\xeb\xac\xb8\n---\n<p>\xff</p>\n",
        );
        assert_eq!(t, "---\ntitle: 한글 신문\n---\n<p>\u{fffd}</p>\n");
        assert_eq!(notes[0].0, 4);
    }

    #[test]
    fn stray_nuls_are_removed_binary_is_refused() {
        let (t, notes) = text(b"---\ntitle: x\n---\n<p>a\0b</p>\n");
        assert_eq!(t, "---\ntitle: x\n---\n<p>ab</p>\n");
        assert_eq!(notes, [(4, "a NUL byte in the text, removed".to_string())]);
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err(),
            Binary(Msg::BinaryPng)
        );
        let noise: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(decode(&noise).is_err());
        assert_eq!(
            decode(b"\0\x01\x02binary").unwrap_err(),
            Binary(Msg::BinaryNul)
        );
        assert!(decode(b"\0").is_ok(), "one NUL alone is a stray byte");
    }

    #[test]
    fn bare_cr_lines_and_repeated_boms() {
        let (t, _) = text(b"---\rtitle: x\r---\r<p>y</p>\r");
        assert_eq!(t, "---\ntitle: x\n---\n<p>y</p>\n");
        let (t, _) = text("\u{feff}\u{feff}---\r\ntitle: x\r\n".as_bytes());
        assert_eq!(t, "---\r\ntitle: x\r\n");
    }
}
