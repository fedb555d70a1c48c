//! Search and filtering through the model (DESIGN §5).

mod common;

use common::Site;
use sinmun::search::Query;
use sinmun::store::{Filter, Store};
use unicode_normalization::UnicodeNormalization;

fn store() -> Store {
    let site = Site::new();
    site.write(
        "2024-07-19-jeju.txt",
        "---\ntitle: 제주항공 발권 마비\ncategories: [항공, News]\ntags: [LCC]\n---\n<p>MS <b>클라우드</b> 장애로 <span style=\"color:#ee2323\">수작업</span> 발권</p>\n",
    );
    site.write(
        "2024-07-18-port.txt",
        "---\ntitle: 제주 항만 복구\ncategories: [사회]\nexcerpt: 태풍 피해를 입은 항만이 복구됐습니다.\n---\n<p>제주항만 공사가 끝났습니다.</p>\n",
    );
    let nfd: String =
        "---\ntitle: 맥에서 쓴 게임 소식\ncategories: [게임]\n---\n<p>신작 게임 출시</p>\n"
            .nfd()
            .collect();
    site.write("2024-07-17-mac.txt", nfd);
    site.write(
        "2024-07-16-english.md",
        "---\ntitle: Cloud Outage Recap\ncategories: [IT 뉴스]\ntags: 클라우드\n---\nThe **Outage** ended.\n",
    );
    Store::new(site.load(), false)
}

fn ids(store: &Store, query: &str, categories: &[&str]) -> Vec<String> {
    let filter = Filter {
        categories: categories.iter().map(|c| c.to_string()).collect(),
        query: Query::parse(query),
    };
    store
        .filter(&filter)
        .into_iter()
        .map(|i| store.posts()[i].id.clone())
        .collect()
}

#[test]
fn initials_find_a_word_by_its_first_consonants() {
    let s = store();
    assert_eq!(ids(&s, "ㅈㅈㅎㄱ", &[]), ["2024-07-19-jeju"]);
    assert_eq!(
        ids(&s, "ㅈㅈㅎㅁ", &[]),
        ["2024-07-18-port"],
        "제주항만 in the body, one word"
    );
    assert_eq!(ids(&s, "ㅂㄱ", &[]), ["2024-07-19-jeju", "2024-07-18-port"]);
    assert!(
        ids(&s, "ㅁㄱ", &[]).is_empty(),
        "initials never match across words (마비 and 공사 are far apart)"
    );
}

#[test]
fn nfd_text_is_found_by_an_nfc_query_and_vice_versa() {
    let s = store();
    assert_eq!(ids(&s, "게임", &[]), ["2024-07-17-mac"]);
    let nfd_query: String = "신작".nfd().collect();
    assert_eq!(ids(&s, &nfd_query, &[]), ["2024-07-17-mac"]);
    assert_eq!(ids(&s, "ㅅㅈ ㄱㅇ", &[]), ["2024-07-17-mac"]);
}

#[test]
fn terms_are_anded_case_insensitively_over_every_field() {
    let s = store();
    assert_eq!(
        ids(&s, "ms 수작업", &[]),
        ["2024-07-19-jeju"],
        "body text across markup"
    );
    assert_eq!(ids(&s, "OUTAGE ended", &[]), ["2024-07-16-english"]);
    assert_eq!(ids(&s, "태풍", &[]), ["2024-07-18-port"], "excerpt");
    assert_eq!(ids(&s, "lcc", &[]), ["2024-07-19-jeju"], "tags");
    assert!(ids(&s, "제주 게임", &[]).is_empty());
    assert!(ids(&s, "span", &[]).is_empty(), "markup is not text");
    assert!(ids(&s, "ee2323", &[]).is_empty(), "attributes are not text");
}

#[test]
fn hash_matches_a_category_or_tag_exactly() {
    let s = store();
    assert_eq!(ids(&s, "#클라우드", &[]), ["2024-07-16-english"]);
    assert_eq!(ids(&s, "#news", &[]), ["2024-07-19-jeju"]);
    assert!(ids(&s, "#항", &[]).is_empty(), "exact, not a prefix");
    assert_eq!(ids(&s, "#항공 ㅂㄱ", &[]), ["2024-07-19-jeju"]);
}

#[test]
fn category_filter_keeps_posts_in_any_chosen_category() {
    let s = store();
    assert_eq!(
        ids(&s, "", &["게임", "사회"]),
        ["2024-07-18-port", "2024-07-17-mac"]
    );
    assert_eq!(ids(&s, "복구", &["사회", "IT 뉴스"]), ["2024-07-18-port"]);
    assert_eq!(ids(&s, "", &["news"]), ["2024-07-19-jeju"]);
    let counts: Vec<(String, usize)> = s
        .categories()
        .iter()
        .map(|c| (c.name.clone(), c.count))
        .collect();
    assert!(counts.contains(&("항공".to_string(), 1)));
    assert_eq!(counts.len(), 5);
}

#[test]
fn empty_query_keeps_everything_in_order() {
    let s = store();
    assert_eq!(ids(&s, "  ", &[]).len(), 4);
}

#[test]
fn korean_spacing_is_ignored_between_syllables_in_every_field() {
    let site = Site::new();
    site.write(
        "2024-07-19-a.txt",
        "---\ntitle: 제주 항공 발권 재개\n---\n<p>본문입니다.</p>\n",
    );
    site.write(
        "2024-07-18-b.md",
        "---\ntitle: 항공 소식\n---\n오늘 **제주항공**은 정상 운항합니다.\n",
    );
    let s = Store::new(site.load(), false);
    let both = ["2024-07-19-a", "2024-07-18-b"];
    assert_eq!(ids(&s, "제주항공", &[]), both);
    assert_eq!(ids(&s, "\"제주 항공\"", &[]), both);
    assert_eq!(
        ids(&s, "제ㅈㅎㄱ", &[]),
        both,
        "mixed syllables and initials"
    );
    assert_eq!(ids(&s, "ㅈ주항공 운항", &[]), ["2024-07-18-b"]);
    assert_eq!(
        ids(&s, "ㅈㅈㅎㄱ", &[]),
        ["2024-07-18-b"],
        "초성 alone stays in one word"
    );
}

#[test]
fn search_sees_what_the_article_shows_in_either_format() {
    let site = Site::new();
    let image = r#"[##_Image|kage@a/b/img.png|CDM|1.3|{"caption":"설치화면"}_##]"#;
    let body = format!("{{{{< param \"subtitle\" >}}}} {image} {{{{ page.place }}}}");
    site.write(
        "html.html",
        format!("---\ntitle: 가\nsubtitle: 봄모임\nplace: 서울숲\n---\n<p>{body}</p>\n"),
    );
    site.write(
        "markdown.md",
        format!("---\ntitle: 나\nsubtitle: 봄모임\nplace: 서울숲\n---\n{body}\n"),
    );
    let store = Store::new(site.load(), false);
    for query in ["봄모임", "설치화면", "서울숲"] {
        assert_eq!(ids(&store, query, &[]).len(), 2, "{query}");
    }
    // The placeholder's settings are not text the reader sees.
    for query in ["cdm", "kage", "param"] {
        assert!(ids(&store, query, &[]).is_empty(), "{query}");
    }
}
