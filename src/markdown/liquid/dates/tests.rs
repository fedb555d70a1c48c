use super::*;

/// The filter `name` on `text` with `args`.
fn run(name: &str, text: &str, args: &[&str]) -> Option<String> {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    filtered(name, text, &args)
}

/// `text` through `date: format`.
fn date(text: &str, format: &str) -> Option<String> {
    run("date", text, &[format])
}

const SEOUL: &str = "2024-02-01 09:30:00 +0900";

#[test]
fn formats_blogs_use() {
    for (format, want) in [
        ("%Y-%m-%d", "2024-02-01"),
        ("%Y년 %m월 %d일", "2024년 02월 01일"),
        ("%Y년 %-m월 %-d일 (%a)", "2024년 2월 1일 (Thu)"),
        ("%B %-d, %Y", "February 1, 2024"),
        ("%b %d, %Y", "Feb 01, 2024"),
        ("%y.%m.%d", "24.02.01"),
        ("%H:%M", "09:30"),
        ("%A %e %^b", "Thursday  1 FEB"),
        ("%I:%M %p, %j번째 날", "09:30 AM, 032번째 날"),
        ("%z %:z", "+0900 +09:00"),
        ("%F %T", "2024-02-01 09:30:00"),
        ("100%% %D", "100% 02/01/24"),
        ("%c", "Thu Feb  1 09:30:00 2024"),
    ] {
        assert_eq!(date(SEOUL, format).as_deref(), Some(want), "{format}");
    }
}

#[test]
fn each_way_front_matter_writes_a_date() {
    for text in [
        "2024-02-01T09:30:00+09:00",
        "2024-02-01 09:30:00 +0900",
        "2024-02-01 09:30 KST",
        "Thu, 01 Feb 2024 09:30:00 +0900",
    ] {
        assert_eq!(
            date(text, "%Y.%m.%d %H:%M:%S %z").as_deref(),
            Some("2024.02.01 09:30:00 +0900"),
            "{text}"
        );
    }
    // A zone other than the local one is kept, not converted.
    assert_eq!(
        date("2024-02-01T23:30:00-05:00", "%-d일 %H시 %z").as_deref(),
        Some("1일 23시 -0500")
    );
    // A date alone is its midnight; one without a zone is as written.
    assert_eq!(
        date("2024-02-01", "%Y-%m-%d %H:%M").as_deref(),
        Some("2024-02-01 00:00")
    );
    assert_eq!(
        date("2024-02-01 23:45", "%-m/%-d %H:%M").as_deref(),
        Some("2/1 23:45")
    );
    // Liquid reads whole numbers as seconds since 1970.
    let year = date("1706747400", "%Y").unwrap_or_default();
    assert!(year == "2024", "{year}");
}

#[test]
fn jekylls_filters() {
    let jekyll = |name: &str, args: &[&str]| run(name, SEOUL, args);
    assert_eq!(
        jekyll("date_to_xmlschema", &[]).as_deref(),
        Some("2024-02-01T09:30:00+09:00")
    );
    assert_eq!(
        jekyll("date_to_rfc822", &[]).as_deref(),
        Some("Thu, 01 Feb 2024 09:30:00 +0900")
    );
    assert_eq!(
        jekyll("date_to_string", &[]).as_deref(),
        Some("01 Feb 2024")
    );
    assert_eq!(
        jekyll("date_to_long_string", &[]).as_deref(),
        Some("01 February 2024")
    );
    assert_eq!(
        jekyll("date_to_string", &["ordinal"]).as_deref(),
        Some("1st Feb 2024")
    );
    assert_eq!(
        jekyll("date_to_long_string", &["ordinal", "US"]).as_deref(),
        Some("February 1st, 2024")
    );
    // The style counts only with "ordinal", as in Jekyll.
    assert_eq!(
        jekyll("date_to_string", &["", "US"]).as_deref(),
        Some("01 Feb 2024")
    );
    for (day, want) in [
        ("02", "2nd"),
        ("03", "3rd"),
        ("11", "11th"),
        ("12", "12th"),
        ("13", "13th"),
        ("21", "21st"),
        ("22", "22nd"),
        ("23", "23rd"),
        ("24", "24th"),
        ("31", "31st"),
    ] {
        let shown = run("date_to_string", &format!("2024-03-{day}"), &["ordinal"]);
        assert_eq!(shown, Some(format!("{want} Mar 2024")), "{day}");
    }
    // A date without a time or zone: midnight, at the local offset.
    let xml = run("date_to_xmlschema", "2024-02-01", &[]).unwrap_or_default();
    assert!(xml.starts_with("2024-02-01T00:00:00"), "{xml}");
    assert_eq!(xml.len(), "2024-02-01T00:00:00+00:00".len(), "{xml}");
}

#[test]
fn what_is_not_a_date_is_left_as_it_is() {
    for name in [
        "date",
        "date_to_xmlschema",
        "date_to_rfc822",
        "date_to_string",
        "date_to_long_string",
    ] {
        for text in [
            "",
            "어제",
            "2024-02-30",
            "2024-12-5일",
            "now!",
            "-5",
            "１２",
        ] {
            assert_eq!(run(name, text, &["%Y"]), None, "{name} {text}");
        }
    }
    // Nor is a date given no format, as Liquid has it.
    assert_eq!(date(SEOUL, ""), None);
    assert_eq!(run("date", SEOUL, &[]), None);
    // A number of seconds past what a date can hold.
    assert_eq!(date("99999999999999999999", "%Y"), None);
}

#[test]
fn directives_jiff_lacks_or_writes_otherwise_show_as_written() {
    for (format, want) in [
        ("%Y %L", "2024 %L"),
        ("%v|%+|%Q|%5Q", "%v|%+|%Q|%5Q"),
        ("%q %f %.f %Ey", "%q %f %.f %Ey"),
        ("%-d일 %한 %", "1일 %한 %"),
        ("%Y%", "2024%"),
        ("%%Y", "%Y"),
    ] {
        assert_eq!(date(SEOUL, format).as_deref(), Some(want), "{format}");
    }
}

#[test]
fn now_and_today() {
    for text in ["now", "today", "NOW", "Today"] {
        let shown = date(text, "%Y-%m-%d").unwrap_or_default();
        let parts: Vec<&str> = shown.split('-').collect();
        assert_eq!(parts.len(), 3, "{text}: {shown}");
        assert!(parts[0].len() == 4 && parts[0].bytes().all(|b| b.is_ascii_digit()));
        assert!(parts[1..].iter().all(|p| p.len() == 2));
    }
    let xml = run("date_to_xmlschema", "now", &[]).unwrap_or_default();
    assert_eq!(xml.len(), "2024-02-01T09:30:00+09:00".len(), "{xml}");
}
