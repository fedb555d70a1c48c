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
    /// Parse `YYYY-MM-DD`, optionally followed by ` HH:MM[:SS]` or
    /// `THH:MM[:SS][.frac]` and a zone `Z`, `+09:00`, `+0900`, ` +0900`.
    pub fn parse(text: &str) -> Option<PostDate> {
        let s = text.trim();
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        // `get`, not indexing: a typo such as `2024-12-5일` puts a Hangul
        // syllable across byte 10. Once the digits are checked, byte 10 is
        // a character boundary.
        let year = digits(s.get(0..4)?)? as i32;
        let month = digits(s.get(5..7)?)? as u8;
        let day = digits(s.get(8..10)?)? as u8;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let mut date = PostDate {
            year,
            month,
            day,
            time: None,
            offset_minutes: None,
        };
        let rest = s[10..].trim_start_matches(['T', 't', ' ']);
        if rest.is_empty() {
            return Some(date);
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
        date.time = Some((h as u8, m as u8, sec as u8));
        date.offset_minutes = match zone.trim() {
            "" => None,
            z => Some(parse_offset(z)?),
        };
        Some(date)
    }

    /// The `YYYY-MM-DD-` prefix of a Jekyll post's file name.
    pub fn from_file_name(name: &str) -> Option<PostDate> {
        let prefix = name.get(0..11)?;
        if !prefix.ends_with('-') {
            return None;
        }
        PostDate::parse(&prefix[..10])
    }

    /// Seconds since 1970 in UTC (local time when there is no offset), for
    /// ordering posts.
    pub fn sort_key(&self) -> i64 {
        let days = days_from_civil(self.year, self.month, self.day);
        let (h, m, s) = self.time.unwrap_or((0, 0, 0));
        let offset = i64::from(self.offset_minutes.unwrap_or(0)) * 60;
        days * 86_400 + i64::from(h) * 3600 + i64::from(m) * 60 + i64::from(s) - offset
    }

    /// `YYYY-MM-DD`, ten cells, for columns.
    pub fn day_string(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
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
        2 => (digits(&body)?, 0),
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
    fn rejects_impossible_dates() {
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "yesterday",
            "2024-07-19 25:00",
            "2024/07/19",
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
}
