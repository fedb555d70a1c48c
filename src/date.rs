//! Post dates: the subset of YAML timestamps and Jekyll file-name prefixes
//! that posts use, without a calendar crate.

use std::fmt;

/// A post's date as written (local time plus an optional UTC offset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    /// Hours, minutes, seconds, when the date had a time.
    pub time: Option<(u8, u8, u8)>,
    /// Offset from UTC in minutes, when the date had one.
    pub offset_minutes: Option<i16>,
}

impl PostDate {
    /// Parse a date as YAML timestamps, Jekyll and Hugo write it:
    /// `YYYY-MM-DD` (month and day may have one digit, `/` or `.` may
    /// separate them) or RFC 2822's `[Wed, ]30 Dec 2015`, optionally
    /// followed by ` H:MM[:SS]` or `THH:MM[:SS][.frac]` and a zone `Z`,
    /// `+09:00`, `+0900`, `+9`, ` +0900`, `KST`, `UTC`.
    pub fn parse(text: &str) -> Option<PostDate> {
        let s = text.trim();
        let (date, time) = numeric_date(s).or_else(|| rfc2822_date(s))?;
        date.with_time(time)
    }

    /// A date and time whose zone is not one, read as local time (Ruby's
    /// `Time.parse`, and so Jekyll, leaves out what it does not know), and
    /// that zone as written. `None` when [`PostDate::parse`] reads `text`,
    /// or nothing before the zone is a date and time.
    pub fn parse_ignoring_zone(text: &str) -> Option<(PostDate, String)> {
        let s = text.trim();
        let (date, rest) = numeric_date(s).or_else(|| rfc2822_date(s))?;
        let (time, zone) = split_zone(rest);
        let zone = zone.trim();
        if zone.is_empty() || parse_offset(zone).is_some() {
            return None;
        }
        let date = date.with_time(time)?;
        date.time?;
        Some((date, zone.to_string()))
    }

    /// This date at the time (and zone) `rest` gives, if any.
    fn with_time(mut self, rest: &str) -> Option<PostDate> {
        if rest.is_empty() {
            return Some(self);
        }
        let (time, zone) = split_zone(rest);
        let mut parts = time.split(':');
        let h = digits(parts.next()?)?;
        let m = digits(parts.next()?)?;
        let sec = match parts.next() {
            Some(p) => digits(p.split('.').next()?)?,
            None => 0,
        };
        if parts.next().is_some() || h > 23 || m > 59 || sec > 60 {
            return None;
        }
        self.time = Some((h as u8, m as u8, sec as u8));
        self.offset_minutes = match zone.trim() {
            "" => None,
            z => Some(parse_offset(z)?),
        };
        Some(self)
    }

    /// The date prefix of a Jekyll post's file name.
    pub fn from_file_name(name: &str) -> Option<PostDate> {
        file_name_date(name).map(|(date, _)| date)
    }

    /// The date and time of `t` (a file's modification time) in the
    /// local time zone, with its offset; in UTC where the zone is unknown.
    pub fn from_system_time(t: std::time::SystemTime) -> Option<PostDate> {
        let secs = match t.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).ok()?,
            Err(e) => -i64::try_from(e.duration().as_secs()).ok()?,
        };
        let offset = local_offset_seconds(secs);
        let local = secs.checked_add(offset)?;
        let (year, month, day) = civil_from_days(local.div_euclid(86_400))?;
        let s = local.rem_euclid(86_400);
        Some(PostDate {
            year,
            month,
            day,
            time: Some(((s / 3600) as u8, (s / 60 % 60) as u8, (s % 60) as u8)),
            offset_minutes: i16::try_from(offset / 60).ok(),
        })
    }

    /// Seconds since 1970 in UTC (local time when there is no offset), for
    /// ordering posts.
    pub fn sort_key(&self) -> i64 {
        let days = days_from_civil(self.year, self.month, self.day);
        let (h, m, s) = self.time.unwrap_or((0, 0, 0));
        let offset = i64::from(self.offset_minutes.unwrap_or(0)) * 60;
        days * 86_400 + i64::from(h) * 3600 + i64::from(m) * 60 + i64::from(s) - offset
    }

    /// The moment it names, in seconds since 1970 (UTC): a date without
    /// an offset is local time, as Jekyll and Hexo read it.
    pub fn instant(&self) -> i64 {
        let written = self.sort_key();
        match self.offset_minutes {
            Some(_) => written,
            None => written - local_offset_seconds(written),
        }
    }

    /// `YYYY-MM-DD`, ten cells, for columns.
    pub fn day_string(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// As Liquid shows a date (Ruby's `Time#to_s`): `2024-07-19
    /// 10:00:00 +0900` with a time (and its offset when written), the day
    /// alone without one.
    pub fn liquid_string(&self) -> String {
        let mut out = self.day_string();
        if let Some((h, m, s)) = self.time {
            out.push_str(&format!(" {h:02}:{m:02}:{s:02}"));
            if let Some(off) = self.offset_minutes {
                let sign = if off < 0 { '-' } else { '+' };
                let off = off.unsigned_abs();
                out.push_str(&format!(" {sign}{:02}{:02}", off / 60, off % 60));
            }
        }
        out
    }
}

/// ISO 8601: `2024-07-19`, or `2024-07-19T10:00:00+09:00` with a time.
impl fmt::Display for PostDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)?;
        if let Some((h, m, s)) = self.time {
            write!(f, "T{h:02}:{m:02}:{s:02}")?;
            if let Some(off) = self.offset_minutes {
                let sign = if off < 0 { '-' } else { '+' };
                let off = off.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", off / 60, off % 60)?;
            }
        }
        Ok(())
    }
}

/// `name` without its Jekyll date prefix (`2021-08-02-setup` → `setup`).
pub(crate) fn undated(name: &str) -> &str {
    file_name_date(name).map_or(name, |(_, len)| &name[len..])
}

/// A Jekyll file-name date, `\d{2,4}-\d{1,2}-\d{1,2}-` as Jekyll's own
/// pattern has it (`2018-05-9-title.md` is 2018-05-09), and the length in
/// bytes of the prefix, its last `-` included. A two-digit year is read as
/// Ruby reads it: 69 to 99 in the 1900s, 00 to 68 in the 2000s.
pub(crate) fn file_name_date(name: &str) -> Option<(PostDate, usize)> {
    let b = name.as_bytes();
    let mut at = 0;
    let mut parts = [0u32; 3];
    for (i, (min, max)) in [(2, 4), (1, 2), (1, 2)].into_iter().enumerate() {
        let run = b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run < min || run > max || b.get(at + run) != Some(&b'-') {
            return None;
        }
        // ASCII digits only, so `at..at + run` are character boundaries.
        parts[i] = digits(&name[at..at + run])?;
        if i == 0 && run == 2 {
            parts[0] += if parts[0] >= 69 { 1900 } else { 2000 };
        }
        at += run + 1;
    }
    let [year, month, day] = parts;
    Some((civil(year as i32, month, day)?, at))
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn split_zone(rest: &str) -> (&str, &str) {
    if let Some(t) = rest.strip_suffix(['Z', 'z']) {
        return (t.trim_end(), "+00:00");
    }
    // Zone names Korean posts use.
    for (name, offset) in [("KST", "+09:00"), ("UTC", "+00:00"), ("GMT", "+00:00")] {
        if let Some(t) = rest.strip_suffix(name) {
            return (t.trim_end(), offset);
        }
    }
    match rest.find(['+', '-', ' ']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    }
}

fn parse_offset(z: &str) -> Option<i16> {
    let sign = match z.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let body: String = z[1..].chars().filter(|c| *c != ':').collect();
    // Only ASCII digits from here on, so byte offsets are character offsets
    // (`+9시` must not be cut inside the syllable).
    if !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match body.len() {
        1 | 2 => (digits(&body)?, 0),
        3 => (digits(&body[..1])?, digits(&body[1..])?),
        4 => (digits(&body[..2])?, digits(&body[2..])?),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    Some(sign * (h * 60 + m) as i16)
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `YYYY-MM-DD` (one-digit month and day, `/` or `.` allowed) at the
/// start of `s`, and the time after it (`T` or spaces between).
fn numeric_date(s: &str) -> Option<(PostDate, &str)> {
    let b = s.as_bytes();
    let run = |at: usize| {
        b[at.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let sep = *b.get(4)?;
    if run(0) != 4 || !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let m_len = run(5);
    let d_at = 5 + m_len + 1;
    let d_len = run(d_at);
    if !(1..=2).contains(&m_len) || b.get(5 + m_len) != Some(&sep) || !(1..=2).contains(&d_len) {
        return None;
    }
    // Only ASCII digits and separators so far: the offsets are character
    // boundaries.
    let end = d_at + d_len;
    let date = civil(
        digits(&s[0..4])? as i32,
        digits(&s[5..5 + m_len])?,
        digits(&s[d_at..end])?,
    )?;
    Some((date, time_after(&s[end..])?))
}

/// The time after a date: nothing, or what follows `T` or spaces (a typo
/// such as `2024-12-5일` is no date).
fn time_after(rest: &str) -> Option<&str> {
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' ', '\t'])) {
        return None;
    }
    Some(rest.trim_start_matches(['T', 't', ' ', '\t']))
}

/// RFC 2822's `[Wed, ]30 Dec 2015` at the start of `s` (how Hugo and old
/// blog exports write dates), and the time after it.
fn rfc2822_date(s: &str) -> Option<(PostDate, &str)> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let s = match s.split_once(',') {
        Some((weekday, rest)) if weekday.bytes().all(|b| b.is_ascii_alphabetic()) => {
            rest.trim_start()
        }
        _ => s,
    };
    let mut words = s.splitn(4, [' ', '\t']);
    let day = digits(words.next()?)?;
    let month = words.next()?;
    let month = MONTHS.iter().position(|m| {
        month.len() >= 3 && month.is_char_boundary(3) && month[..3].eq_ignore_ascii_case(m)
    })?;
    let year = words.next()?;
    if year.len() != 4 {
        return None;
    }
    let date = civil(digits(year)? as i32, month as u32 + 1, day)?;
    Some((date, words.next().unwrap_or("").trim_start()))
}

/// A valid calendar day.
fn civil(year: i32, month: u32, day: u32) -> Option<PostDate> {
    let month = u8::try_from(month).ok()?;
    let day = u8::try_from(day).ok()?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(PostDate {
        year,
        month,
        day,
        time: None,
        offset_minutes: None,
    })
}

/// The local time zone's offset from UTC at `secs` since 1970, in seconds
/// (the system's zone, as `TZ` or `/etc/localtime` give it).
fn local_offset_seconds(secs: i64) -> i64 {
    jiff::Timestamp::from_second(secs).map_or(0, |t| {
        i64::from(jiff::tz::TimeZone::system().to_offset(t).seconds())
    })
}

/// The civil date of a day count since 1970-01-01 (Howard Hinnant's
/// algorithm), when its year fits.
fn civil_from_days(days: i64) -> Option<(i32, u8, u8)> {
    let z = days.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some((i32::try_from(year).ok()?, month, day))
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {

    #[test]
    fn liquid_shows_a_date_as_ruby_writes_a_time() {
        let shown = |t: &str| PostDate::parse(t).map(|d| d.liquid_string());
        assert_eq!(shown("2024-02-01").as_deref(), Some("2024-02-01"));
        assert_eq!(
            shown("2024-02-01T09:30:00+09:00").as_deref(),
            Some("2024-02-01 09:30:00 +0900")
        );
        assert_eq!(
            shown("2024-02-01 09:30").as_deref(),
            Some("2024-02-01 09:30:00")
        );
        let back = shown("2024-02-01 09:30:00 -0330").unwrap();
        assert_eq!(back, "2024-02-01 09:30:00 -0330");
        assert_eq!(
            PostDate::parse(&back).map(|d| d.offset_minutes),
            Some(Some(-210))
        );
    }
    use super::*;

    #[test]
    fn parses_yaml_timestamps() {
        let d = PostDate::parse("2024-07-19 10:30:00 +0900").unwrap();
        assert_eq!(d.to_string(), "2024-07-19T10:30:00+09:00");
        let d = PostDate::parse("2024-07-19T01:30:00Z").unwrap();
        assert_eq!(d.to_string(), "2024-07-19T01:30:00+00:00");
        assert_eq!(
            PostDate::parse("2024-07-19").unwrap().to_string(),
            "2024-07-19"
        );
        assert_eq!(
            PostDate::parse("2024-02-29 08:00").unwrap().time,
            Some((8, 0, 0))
        );
    }

    #[test]
    fn parses_what_yaml_and_jekyll_accept() {
        let text = |t: &str| PostDate::parse(t).map(|d| d.to_string());
        assert_eq!(text("2021-6-26").as_deref(), Some("2021-06-26"));
        assert_eq!(text("2021/06/26").as_deref(), Some("2021-06-26"));
        assert_eq!(text("2021.6.2").as_deref(), Some("2021-06-02"));
        assert_eq!(
            text("2021-6-26 9:05:00 +9").as_deref(),
            Some("2021-06-26T09:05:00+09:00")
        );
        assert_eq!(
            text("2021-06-26 21:00:00 KST").as_deref(),
            Some("2021-06-26T21:00:00+09:00")
        );
        assert_eq!(
            text("2021-06-26\t10:00").as_deref(),
            Some("2021-06-26T10:00:00")
        );
        assert_eq!(
            text("Wed, 30 Dec 2015 13:20:15 +0900").as_deref(),
            Some("2015-12-30T13:20:15+09:00")
        );
        assert_eq!(text("3 january 2016").as_deref(), Some("2016-01-03"));
        for bad in [
            "Wed, 31 Feb 2015",
            "30 Foo 2015",
            "30 Dec 15",
            "수, 30 Dec 2015",
        ] {
            assert_eq!(PostDate::parse(bad), None, "{bad}");
        }
        for bad in [
            "2021-6/26",
            "2021-123-1",
            "21-06-26",
            "2021-06-26일",
            "2021-06-",
        ] {
            assert_eq!(PostDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_zone_that_is_not_one_is_left_out_as_ruby_does() {
        let read = |t: &str| PostDate::parse_ignoring_zone(t).map(|(d, z)| (d.to_string(), z));
        assert_eq!(PostDate::parse("2024-09-21 17:58:00 +/-0900"), None);
        assert_eq!(
            read("2024-09-21 17:58:00 +/-0900"),
            Some(("2024-09-21T17:58:00".into(), "+/-0900".into()))
        );
        assert_eq!(
            read("2024-09-21 23:58 +/-TTTT"),
            Some(("2024-09-21T23:58:00".into(), "+/-TTTT".into()))
        );
        // Dates that parse, and ones without a time before the zone, are
        // not read so.
        for text in [
            "2024-09-21 17:58:00 +0900",
            "2024-09-21",
            "2024-09-21 +/-0900",
            "2024-09-21 25:00 +/-0900",
            "2024-09-21일 10:00 +/-0900",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "yesterday",
            "2024-07-19 25:00",
            "2024/13/19",
        ] {
            assert_eq!(PostDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn hangul_typos_are_not_dates_and_never_panic() {
        for typo in [
            "2024-12-5일",
            "2024-07-19 10:00 +9시",
            "2024-07-19 10:00 +09시",
            "2024-07-1일",
            "2024-0한-19",
            "２０２４-07-19",
            "2024-07-19 10:00 +한국",
            "2024-07-19 10:0분",
            "2024-07-19T10:00:00+0९00",
        ] {
            assert_eq!(PostDate::parse(typo), None, "{typo}");
            assert_eq!(PostDate::from_file_name(typo), None, "{typo}");
        }
    }

    mod never_panic {
        use super::*;
        use proptest::prelude::*;

        /// Date-shaped text with a multi-byte character at every offset.
        fn date_with_insertion() -> impl Strategy<Value = String> {
            let base = prop::sample::select(vec![
                "2024-07-19",
                "2024-07-19 10:00:00 +0900",
                "2024-07-19T01:30:00.5Z",
                "2024-07-19 10:00 +09:00",
                "2024-07-19-제목.md",
            ]);
            let ch = prop::sample::select(vec![
                '일', '시', 'é', '𝟘', '\u{301}', '٣', ' ', '+', '-', ':',
            ]);
            (base, any::<prop::sample::Index>(), ch, 0..3usize).prop_map(|(b, at, c, n)| {
                let mut chars: Vec<char> = b.chars().collect();
                let i = at.index(chars.len() + 1);
                for _ in 0..=n {
                    chars.insert(i, c);
                }
                chars.into_iter().collect()
            })
        }

        proptest! {
            #[test]
            fn parsing_never_panics(s in date_with_insertion()) {
                let _ = PostDate::parse(&s);
                let _ = PostDate::from_file_name(&s);
            }

            #[test]
            fn arbitrary_text_never_panics(s in "\\PC{0,40}") {
                let _ = PostDate::parse(&s);
                let _ = PostDate::from_file_name(&s);
            }
        }
    }

    #[test]
    fn offsets_order_in_utc() {
        let seoul = PostDate::parse("2024-07-19 10:00:00 +0900").unwrap();
        let utc = PostDate::parse("2024-07-19 02:00:00 +0000").unwrap();
        assert!(seoul.sort_key() < utc.sort_key());
        assert_eq!(PostDate::parse("1970-01-02").unwrap().sort_key(), 86_400);
    }

    #[test]
    fn file_name_prefix() {
        assert_eq!(
            PostDate::from_file_name("2024-07-19-ms-outage.md")
                .unwrap()
                .day,
            19
        );
        assert_eq!(PostDate::from_file_name("000_630acf5f34f86da1.txt"), None);
        assert_eq!(PostDate::from_file_name("2024-07-19.md"), None);
    }

    #[test]
    fn civil_dates_round_trip() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2024-07-19",
            "1969-12-31",
            "2100-03-01",
        ] {
            let d = PostDate::parse(text).unwrap();
            let days = days_from_civil(d.year, d.month, d.day);
            assert_eq!(
                civil_from_days(days),
                Some((d.year, d.month, d.day)),
                "{text}"
            );
        }
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_721_350_800);
        let d = PostDate::from_system_time(t).unwrap();
        let offset = i64::from(d.offset_minutes.unwrap()) * 60;
        assert_eq!(d.sort_key(), 1_721_350_800, "{d} at offset {offset}");
    }

    #[test]
    fn file_name_dates_as_jekyll_reads_them() {
        let day = |name: &str| PostDate::from_file_name(name).map(|d| d.day_string());
        assert_eq!(day("2018-05-9-title.md").as_deref(), Some("2018-05-09"));
        assert_eq!(
            day("2017-2-5-i-dont-like-zeroes.md").as_deref(),
            Some("2017-02-05")
        );
        assert_eq!(day("18-05-09-짧은-연도.md").as_deref(), Some("2018-05-09"));
        assert_eq!(day("99-1-1-옛날.md").as_deref(), Some("1999-01-01"));
        assert_eq!(day("2024-07-19-.md").as_deref(), Some("2024-07-19"));
        for not_dated in [
            "2024-07-19.md",
            "20240-07-19-x.md",
            "2024-007-19-x.md",
            "2024-07-199-x.md",
            "2024-13-01-x.md",
            "2023-02-29-x.md",
            "2024_07_19-x.md",
            "1-07-19-x.md",
            "제목-2024-07-19-x.md",
        ] {
            assert_eq!(day(not_dated), None, "{not_dated}");
        }
        assert_eq!(
            file_name_date("2018-05-9-제목.md").map(|(_, n)| n),
            Some(10)
        );
    }
}
