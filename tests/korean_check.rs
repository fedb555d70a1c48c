//! `--check` under a Korean locale: over a folder of hostile files, every
//! line is a Korean sentence around the path, the line and the values
//! (serde_yaml's, toml's and the system's own words stay as they are);
//! the same folder in English gives the same problems, in the same order.

mod common;
mod hostile;

use std::path::Path;
use std::process::Output;

use common::Site;

/// `pattern` with each `{}` standing for some text (a value, a library's
/// words).
fn matches(pattern: &str, text: &str) -> bool {
    let pieces: Vec<&str> = pattern.split("{}").collect();
    let [first, middle @ .., last] = pieces.as_slice() else {
        return pattern == text;
    };
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    for piece in middle {
        // A wildcard takes at least one character.
        let Some(at) = rest
            .char_indices()
            .nth(1)
            .and_then(|(i, _)| rest[i..].find(piece).map(|j| i + j))
        else {
            return false;
        };
        rest = &rest[at + piece.len()..];
    }
    rest.len() > last.len() && rest.ends_with(last)
}

/// The files, and the problem each line of `--check` must say of them:
/// (path relative to the folder, Korean pattern after `path:line: `).
fn hostile_folder() -> (Site, Vec<(&'static str, &'static str)>) {
    let site = Site::new();
    let front = |yaml: &str| format!("---\n{yaml}---\n<p>본문입니다.</p>\n");
    site.write("사진.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    let mut nul = front("title: 널 문자가 섞인 글\n").into_bytes();
    nul.extend(
        "<p>편집기가 남긴 빈 문자가 두 개 있습니다: 여기\0 그리고 여기\0.</p>\n"
            .repeat(3)
            .as_bytes(),
    );
    site.write("널.html", nul);
    let mut bad_utf8 = front("title: 한 바이트가 깨진 글\n").into_bytes();
    bad_utf8.extend(b"<p>\xff</p>\n");
    site.write("깨진.html", bad_utf8);
    let old = front("title: 옛날 신문 기사\n")
        .replace("본문입니다", "지역 도서관이 새로 문을 열었습니다");
    let (euc_kr, _, _) = encoding_rs::EUC_KR.encode(&old);
    site.write("옛글.html", euc_kr);
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(
        front("title: 메모장 글\n")
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    utf16.extend([0x00, 0xd8, b'x', 0]);
    site.write("메모장.txt", utf16);
    site.write("열린.md", "---\ntitle: 닫히지 않은 머리말\n본문\n");
    site.write("머리말없음.md", "# 제목만 있는 글\n\n본문\n");
    site.write(
        "큰머리말.md",
        front(&format!("excerpt: \"{}\"\n", "가".repeat(30_000))),
    );
    site.write(
        "깊은.md",
        front(&format!("tags: {}1{}\n", "[".repeat(100), "]".repeat(100))),
    );
    site.write("폭탄.md", front(&hostile::alias_bomb(12, 9)));
    site.write("되풀이.md", front("title: 제목\nx: &a [1, *a]\n"));
    site.write(
        "따옴표.md",
        front("title: \"닫히지 않은 따옴표\ncategories: [뉴스]\n"),
    );
    site.write("목록.md", front("- 하나\n- 둘\n"));
    site.write(
        "중복.md",
        front("title: 하나\ntitle: 둘\ncategories: [a, b\n"),
    );
    site.write(
        "키없음.md",
        front("title: 제목\n그냥 글자 {why}\ncategories: [뉴스\n"),
    );
    site.write(
        "필드.md",
        front(
            "title: [\"{why}\", 둘]\ndate: 2024-13-45\npublished: 아마\ncategories: {a: 1}\ntag: {x: 1}\n",
        ),
    );
    site.write("토ml.md", "+++\ntitle = \n+++\n본문\n");
    site.write(
        "깊은토ml.md",
        format!(
            "+++\nx = {}1{}\n+++\n본문\n",
            "[".repeat(70),
            "]".repeat(70)
        ),
    );
    site.write("같은.md", front("title: 같은 이름 하나\n"));
    site.write("같은.html", front("title: 같은 이름 둘\n"));
    site.write("하위/글.md", front("title: 하위 폴더의 글\n"));
    let big = site.write("큰.html", "");
    std::fs::File::options()
        .write(true)
        .open(&big)
        .and_then(|f| f.set_len(17 * 1024 * 1024))
        .unwrap();
    #[cfg(unix)]
    {
        hostile::mkfifo(&site.path().join("파이프.md"));
        std::os::unix::fs::symlink("/", site.path().join("밖으로")).unwrap();
        std::os::unix::fs::symlink(site.path(), site.path().join("하위/고리")).unwrap();
        std::os::unix::fs::symlink(site.path().join("하위"), site.path().join("별칭")).unwrap();
    }
    let mut expected = vec![
        ("사진.html", "바이너리 파일(PNG 그림)이라 읽지 않음"),
        ("널.html", "본문의 NUL 바이트 6개를 지움"),
        (
            "깨진.html",
            "UTF-8에 맞지 않는 바이트가 있음; \u{fffd} 대체 문자로 보임",
        ),
        (
            "옛글.html",
            "UTF-8이 아님: EUC-KR/CP949(으)로 알아보고 읽음; UTF-8로 저장하세요",
        ),
        (
            "메모장.txt",
            "UTF-16LE에 맞지 않는 바이트가 있음; \u{fffd} 대체 문자로 보임",
        ),
        ("열린.md", "머리말이 닫히지 않음: 뒤에 `---` 줄이 없음"),
        ("머리말없음.md", "머리말 없음: 첫 줄이 `---`가 아님"),
        (
            "큰머리말.md",
            "머리말이 {} KiB로 64 KiB 한도를 넘어 읽지 않음",
        ),
        ("깊은.md", "머리말: 64단계보다 깊이 중첩되어 읽지 않음"),
        (
            "폭탄.md",
            "머리말: 별칭(alias)으로 노드를 10000개 넘게 되풀이하여 읽지 않음",
        ),
        (
            "되풀이.md",
            "머리말: 별칭이 가리키는 노드 안에 그 별칭이 있어(끝없이 되풀이됨) 읽지 않음",
        ),
        ("따옴표.md", "머리말: YAML 오류: {}"),
        ("목록.md", "머리말: 키와 값의 매핑이 아님"),
        (
            "중복.md",
            "머리말: 같은 키가 두 번 이상 나옴: \"title\"; 마지막 것을 씀",
        ),
        ("중복.md", "머리말: YAML 오류: {}"),
        (
            "키없음.md",
            "머리말: `키: 값`이어야 함, 지금 값은 \"그냥 글자 {why}\"",
        ),
        ("키없음.md", "머리말: YAML 오류: {}"),
        (
            "필드.md",
            "머리말: title 값은 글자(이)어야 함, 지금 값은 \"- '{why}'{}\"",
        ),
        (
            "필드.md",
            "머리말: date 값은 2024-07-19나 2024-07-19 10:00:00 +0900 같은 날짜(이)어야 함, 지금 값은 \"2024-13-45\"",
        ),
        (
            "필드.md",
            "머리말: published 값은 true나 false(이)어야 함, 지금 값은 \"아마\"",
        ),
        (
            "필드.md",
            "머리말: categories 값은 목록이나 공백으로 나눈 문자열(이)어야 함, 지금 값은 \"a: 1\"",
        ),
        (
            "필드.md",
            "머리말: tag 값은 이름이나 목록(이)어야 함, 지금 값은 \"x: 1\"",
        ),
        ("토ml.md", "머리말: TOML 오류: {}"),
        ("깊은토ml.md", "머리말: 64단계보다 깊이 중첩되어 읽지 않음"),
        (
            "같은.md",
            "id \"같은\"는 {}같은.html의 id이기도 함; --dump는 그 글을 찾음",
        ),
        (
            "큰.html",
            "파일이 17825792바이트로 16 MiB 한도를 넘어 읽지 않음",
        ),
    ];
    if cfg!(unix) {
        expected.extend([
            ("파이프.md", "보통 파일이 아님: FIFO(이름 있는 파이프); 읽지 않음"),
            ("밖으로", "주어진 폴더 밖의 폴더로 가는 심볼릭 링크; 따라가지 않음 (--follow-symlinks로 따라감)"),
            ("별칭/고리", "심볼릭 링크 고리: 이 폴더가 자기 자신을 담고 있음; 다시 따라가지 않음"),
            ("하위", "이미 읽은 폴더와 같은 폴더: {}별칭; 다시 읽지 않음"),
        ]);
    }
    (site, expected)
}

/// A Jekyll site whose `_config.yml` is broken, with posts Jekyll would
/// not publish.
fn broken_site() -> (Site, Vec<(&'static str, &'static str)>) {
    let site = Site::new();
    site.write(
        "_config.yml",
        "title: \"닫히지 않은 블로그\nurl: https://example.com\n",
    );
    site.write(
        "_posts/2024-07-19-제주.md",
        "---\ntitle: 제주\n---\n<p>본문</p>\n",
    );
    site.write("_posts/날짜없음.md", "<p>머리말도 날짜도 없는 글</p>\n");
    site.write(
        "_posts/제목만.md",
        "---\ntitle: 날짜 없는 이름\n---\n<p>본문</p>\n",
    );
    let expected = vec![
        ("_config.yml", "YAML 오류: {}"),
        (
            "_posts/날짜없음.md",
            "참고: 글이 아님: _posts 안에 있지만 이름에 날짜(YYYY-MM-DD-제목)도 머리말도 없음; Jekyll도 건너뜀",
        ),
        (
            "_posts/제목만.md",
            "참고: Jekyll은 이 글을 게시하지 않음: 파일 이름에 날짜(YYYY-MM-DD-제목)가 없음",
        ),
    ];
    (site, expected)
}

fn check(lang: &str, folders: &[&Path]) -> Output {
    let mut c = common::command();
    c.env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .arg("--check")
        .args(folders);
    c.output().expect("run sinmun")
}

/// `path:line: message` -> (path, message).
fn split_line(line: &str) -> (&str, &str) {
    let (place, message) = line.split_once(": ").expect("path:line: message");
    let (path, number) = place.rsplit_once(':').expect("path:line");
    assert!(number.parse::<usize>().is_ok_and(|n| n >= 1), "{line}");
    (path, message)
}

fn has_hangul(s: &str) -> bool {
    s.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c))
}

#[test]
fn check_under_a_korean_locale_says_every_problem_in_korean() {
    let (posts, mut expected) = hostile_folder();
    let (site, site_expected) = broken_site();
    let folders = [posts.dir.path(), site.dir.path()];
    let out = check("ko_KR.UTF-8", &folders);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    let mut unmatched = Vec::new();
    let roots: Vec<(String, _)> = [(posts.path(), false), (site.path(), true)]
        .into_iter()
        .map(|(p, site)| (format!("{}/", p.display()), site))
        .collect();
    let mut site_expected = site_expected;
    for line in stdout.lines() {
        let (path, message) = split_line(line);
        assert!(has_hangul(message), "not Korean: {line}");
        let (rel, in_site) = roots
            .iter()
            .find_map(|(root, site)| path.strip_prefix(root.as_str()).map(|r| (r, *site)))
            .unwrap_or_else(|| panic!("outside the folders: {line}"));
        let table = if in_site {
            &mut site_expected
        } else {
            &mut expected
        };
        match table
            .iter()
            .position(|(p, pattern)| *p == rel && matches(pattern, message))
        {
            Some(i) => {
                table.remove(i);
            }
            None => unmatched.push(line.to_string()),
        }
    }
    assert!(
        unmatched.is_empty(),
        "lines no pattern says:\n{}",
        unmatched.join("\n")
    );
    assert!(expected.is_empty(), "not said: {expected:?}\n{stdout}");
    assert!(
        site_expected.is_empty(),
        "not said: {site_expected:?}\n{stdout}"
    );
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    let summary = if cfg!(unix) {
        "sinmun: 글 {}개를 확인함: 문제 {}개, 참고 {}개, 다른 파일 {}개 건너뜀, 특수 파일 1개는 읽지 않음\n"
    } else {
        "sinmun: 글 {}개를 확인함: 문제 {}개, 참고 {}개, 다른 파일 {}개 건너뜀\n"
    };
    assert!(matches(summary, &stderr), "{stderr}");

    // English: the same problems at the same places, in the same order.
    let english = check("C.UTF-8", &folders);
    let english = String::from_utf8(english.stdout).expect("UTF-8");
    let places = |text: &str| -> Vec<String> {
        text.lines()
            .map(|l| l.split_once(": ").map_or("", |(p, _)| p).to_string())
            .collect()
    };
    assert_eq!(places(&english), places(&stdout));
}

/// `--list --json` is for scripts: its problems are the same English text
/// under any locale.
#[test]
fn json_problems_stay_english_under_a_korean_locale() {
    let (posts, _) = hostile_folder();
    let json = |lang: &str| {
        let out = common::command()
            .env("LANG", lang)
            .args(["--list", "--json"])
            .arg(posts.dir.path())
            .output()
            .expect("run sinmun");
        let items: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        items
            .as_array()
            .expect("an array")
            .iter()
            .flat_map(|p| p["problems"].as_array().cloned().unwrap_or_default())
            .map(|p| p.as_str().unwrap_or_default().to_string())
            .collect::<Vec<_>>()
    };
    let english = json("C.UTF-8");
    assert!(
        english
            .iter()
            .any(|p| p.contains(": front matter: title should be text")),
        "{english:?}"
    );
    assert_eq!(json("ko_KR.UTF-8"), english);
}

#[test]
fn wildcards_match_as_meant() {
    assert!(matches("a {} b", "a x y b"));
    assert!(matches("{}b", "ab"));
    assert!(matches("a{}", "ab"));
    assert!(!matches("a {} b", "a  b"));
    assert!(!matches("a b", "a b c"));
    assert!(matches("a b", "a b"));
    assert!(matches("x{}y{}z", "x1y2z"));
    assert!(!matches("x{}y{}z", "x1y2"));
    assert!(!matches("x{}y", "xy"));
}
