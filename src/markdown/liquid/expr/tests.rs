use super::*;
use crate::markdown::LiquidContext;

fn ctx() -> LiquidContext {
    LiquidContext {
        baseurl: "/blog".into(),
        page: vec![
            ("title".into(), "제주 여행".into()),
            (
                "사진".into(),
                "- image_path: /img/한라산.jpg\n  alt: 한라산 사진\n- image_path: /img/우도.jpg"
                    .into(),
            ),
            ("which".into(), "사진".into()),
        ],
        ..LiquidContext::default()
    }
}

#[test]
fn paths_fields_and_indexes() {
    let c = ctx();
    let mut l = Liquid::new(&c);
    let v = |l: &Liquid<'_>, t: &str| l.value(t);
    assert_eq!(v(&l, "page.사진[0].alt"), "한라산 사진");
    assert_eq!(v(&l, "page['사진'][1].image_path"), "/img/우도.jpg");
    assert_eq!(v(&l, "page[page.which].size"), "2");
    assert_eq!(v(&l, "page.사진.last.image_path"), "/img/우도.jpg");
    assert_eq!(v(&l, "page.사진[-2].alt"), "한라산 사진");
    assert_eq!(v(&l, "page.사진[9].alt"), "");
    assert_eq!(v(&l, "page.title.size"), "5");
    assert_eq!(v(&l, "page.title"), "제주 여행");
    // `assign` keeps the structure.
    l.assign("첫 = page.사진 | first");
    assert_eq!(v(&l, "첫.image_path"), "/img/한라산.jpg");
    l.assign("사진들 = page.사진");
    assert_eq!(v(&l, "사진들[1].image_path"), "/img/우도.jpg");
    // Not a path, or nothing there: empty.
    for t in [
        "page.",
        "page..x",
        "page[",
        "사진들[0",
        "-x",
        "page",
        "없음.x",
    ] {
        assert_eq!(v(&l, t), "", "{t}");
    }
    assert_eq!(v(&l, "-3"), "-3");
    assert_eq!(v(&l, "true"), "true");
}

#[test]
fn list_filters() {
    let c = ctx();
    let l = Liquid::new(&c);
    assert_eq!(l.eval("'한라산, 우도 ,성산' | split: ',' | size"), "3");
    assert_eq!(
        l.eval("'한라산  우도 성산' | split: ' ' | join: '/'"),
        "한라산/우도/성산"
    );
    assert_eq!(l.eval("'a,b,,' | split: ',' | size"), "2");
    assert_eq!(l.eval("'제주' | split: '' | reverse | join"), "주 제");
    assert_eq!(l.eval("'가,나' | split: ',' | last"), "나");
    assert_eq!(l.eval("page.사진 | size"), "2");
    assert_eq!(l.eval("page.없음 | default: '기본'"), "기본");
    assert_eq!(
        l.eval("'/a.png' | relative_url | append: '?v=1'"),
        "/blog/a.png?v=1"
    );
    let many = "가,".repeat(20_000);
    let out = l.eval_value(&format!("'{many}' | split: ','"));
    assert_eq!(out.items().len(), crate::markdown::liquid::value::MAX_ITEMS);
}

#[test]
fn markdownify_reads_markdown_within_the_loops_bounds() {
    let c = ctx();
    let l = Liquid::new(&c);
    assert_eq!(
        l.eval("'한라산과 **바다**' | markdownify | remove: '<p>' | remove: '</p>'"),
        "한라산과 <strong>바다</strong>"
    );
    // Its work counts with the loops': once they are spent, the text is
    // left as it is.
    assert!(l.spend(0, crate::markdown::liquid::loops::MAX_LOOPED - 64));
    while l.spend(0, 1) {}
    assert_eq!(l.eval("'**바다**' | markdownify"), "**바다**");
}

#[test]
fn date_filters_in_an_output() {
    let mut c = ctx();
    c.page.push(("date".into(), "2024-02-01".into()));
    let l = Liquid::new(&c);
    assert_eq!(
        l.eval(r#"page.date | date: "%Y년 %-m월 %-d일""#),
        "2024년 2월 1일"
    );
    // A comma and a colon inside the format are the format's.
    assert_eq!(
        l.eval("'2024-02-01 09:30 +0900' | date: '%b %d, %Y %H:%M'"),
        "Feb 01, 2024 09:30"
    );
    assert_eq!(
        l.eval("page.date | date_to_long_string: 'ordinal', 'US'"),
        "February 1st, 2024"
    );
    // Not a date: as it was, through the filters after it too.
    assert_eq!(
        l.eval("page.title | date: '%Y' | append: '!'"),
        "제주 여행!"
    );
}
