//! Files as other editors and older sites save them (DESIGN §2
//! "Encodings"): each becomes the post its writer meant, and a legacy
//! encoding is named in a problem.

mod common;

use common::{Site, messages, only};

const POST: &str = "---\ntitle: 지역 도서관 새로 문 열어\ncategories: [지역]\n---\n<p>주민들이 기다리던 도서관이 오늘 문을 열었습니다. 어린이 열람실과 자료실이 새로 마련되었습니다.</p>\n";

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let bom: [u8; 2] = if big_endian {
        [0xfe, 0xff]
    } else {
        [0xff, 0xfe]
    };
    let units = text.encode_utf16().flat_map(move |u| {
        if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        }
    });
    bom.into_iter().chain(units).collect()
}

fn assert_is_the_post(site: &Site) -> Vec<String> {
    let load = site.load();
    assert!(load.problems.is_empty(), "{:?}", load.problems);
    let p = only(&load);
    assert_eq!(p.title, "지역 도서관 새로 문 열어");
    assert_eq!(p.categories, ["지역"]);
    assert!(p.body.as_deref().unwrap().contains("어린이 열람실"));
    messages(p)
}

#[test]
fn utf16_little_endian_as_notepad_saves_it() {
    let site = Site::new();
    site.write("notepad.txt", utf16(POST, false));
    assert_eq!(assert_is_the_post(&site), Vec::<String>::new());
}

#[test]
fn utf16_big_endian() {
    let site = Site::new();
    site.write("be.txt", utf16(POST, true));
    assert_eq!(assert_is_the_post(&site), Vec::<String>::new());
}

#[test]
fn euc_kr_is_decoded_and_named() {
    let site = Site::new();
    let (bytes, _, unmappable) = encoding_rs::EUC_KR.encode(POST);
    assert!(!unmappable);
    site.write("old-site.txt", bytes);
    let msgs = assert_is_the_post(&site);
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(
        msgs[0].ends_with(
            "old-site.txt:1: not UTF-8: read as EUC-KR/CP949 (detected); save it as UTF-8"
        ),
        "{msgs:?}"
    );
}

#[test]
fn cp949_syllables_outside_euc_kr_are_decoded() {
    // 똠, 햏 and 뷁 are not in KS X 1001 (EUC-KR); CP949 encodes them.
    let text = POST.replace("주민들이", "똠방각하 햏 뷁 주민들이");
    let (bytes, _, unmappable) = encoding_rs::EUC_KR.encode(&text);
    assert!(!unmappable);
    let site = Site::new();
    site.write("cp949.html", bytes);
    let load = site.load();
    let p = only(&load);
    assert!(
        p.body
            .as_deref()
            .unwrap()
            .contains("똠방각하 햏 뷁 주민들이"),
        "{:?}",
        p.body
    );
    assert!(messages(p)[0].contains("EUC-KR/CP949"));
}

#[test]
fn a_stray_nul_removes_the_byte_not_the_post() {
    let site = Site::new();
    site.write("nul.txt", POST.replace("오늘", "오\0늘"));
    let load = site.load();
    let p = only(&load);
    assert_eq!(p.title, "지역 도서관 새로 문 열어");
    assert!(p.body.as_deref().unwrap().contains("오늘 문을"));
    assert_eq!(messages(p).len(), 1);
    assert!(
        messages(p)[0].ends_with("nul.txt:5: a NUL byte in the text, removed"),
        "{:?}",
        messages(p)
    );
}

#[test]
fn a_nul_in_the_front_matter_is_removed_too() {
    let site = Site::new();
    site.write("nul.txt", POST.replace("도서관 새로", "도서관\0 새로"));
    let load = site.load();
    assert_eq!(only(&load).title, "지역 도서관 새로 문 열어");
}

#[test]
fn cr_only_line_ends() {
    let site = Site::new();
    site.write("mac.txt", POST.replace('\n', "\r"));
    assert_eq!(assert_is_the_post(&site), Vec::<String>::new());
}

#[test]
fn repeated_byte_order_marks() {
    let site = Site::new();
    site.write("boms.txt", format!("\u{feff}\u{feff}{POST}"));
    assert_eq!(assert_is_the_post(&site), Vec::<String>::new());
    let site = Site::new();
    site.write(
        "boms.txt",
        format!("\u{feff}\u{feff}\u{feff}{}", POST.replace('\n', "\r\n")),
    );
    assert_eq!(assert_is_the_post(&site), Vec::<String>::new());
}

#[test]
fn merge_keys_are_applied() {
    let site = Site::new();
    site.write(
        "merge.txt",
        "---\ndefaults: &defaults\n  categories: [지역]\n  layout: post\ntitle: 지역 도서관 새로 문 열어\n<<: *defaults\n---\n<p>본문</p>\n",
    );
    let load = site.load();
    let p = only(&load);
    assert!(p.problems.is_empty(), "{:?}", messages(p));
    assert_eq!(p.categories, ["지역"]);
    assert_eq!(p.layout, "post");
    assert!(p.extra.iter().all(|(k, _)| k != "<<"), "{:?}", p.extra);
}

#[test]
fn real_binary_files_are_still_refused() {
    let site = Site::new();
    site.write("photo.txt", b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01");
    let noise: Vec<u8> = (0..2048u32).map(|i| (i * 7919 % 251) as u8).collect();
    site.write("noise.txt", noise);
    let load = site.load();
    assert!(load.posts.is_empty());
    let problems: Vec<String> = load.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        problems
            .iter()
            .any(|p| p.ends_with("photo.txt:1: binary file (JPEG image); not read")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.ends_with("noise.txt:1: binary file (NUL bytes); not read")),
        "{problems:?}"
    );
}
