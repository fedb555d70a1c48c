//! Liquid's `date` filter and Jekyll's `date_to_*` ones. A date's text
//! (as front matter writes it, `now`, or seconds since 1970) is
//! formatted with Ruby's strftime directives, which jiff writes.

use jiff::civil::DateTime;
use jiff::fmt::strtime::{BrokenDownTime, Config, PosixCustom};
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ZonedDateTime};

use crate::date::PostDate;

/// Ruby's directives that jiff writes as Ruby does (`%c`, `%x`, `%X` and
/// `%r` in the POSIX locale). Ruby's `%Q` (milliseconds since 1970) is
/// not one: jiff's is a zone's name.
const AS_RUBY: &str = "aAbBcCdDeFgGhHIjklmMnNpPrRsStTuUVwWxXyYzZ%";

/// The date filter `name` on `text`; `None` when the text is to be left
/// as it is: not a date, or `date` without a format (Liquid leaves it).
/// Jekyll's filters stop the build on what is not a date; a reader shows
/// it as written.
pub(super) fn filtered(name: &str, text: &str, args: &[String]) -> Option<String> {
    let arg = |i: usize| args.get(i).map_or("", String::as_str);
    if name == "date" && arg(0).is_empty() {
        return None;
    }
    let moment = moment(text)?;
    // Jekyll's formats (lib/jekyll/filters/date_filters.rb): Ruby's
    // `Time#xmlschema` and `#rfc2822`, and `stringify_date`.
    let format = match name {
        "date" => arg(0).to_string(),
        "date_to_xmlschema" => "%Y-%m-%dT%H:%M:%S%:z".to_string(),
        "date_to_rfc822" => "%a, %d %b %Y %H:%M:%S %z".to_string(),
        "date_to_string" => day_month_year(&moment, "%b", arg(0), arg(1)),
        "date_to_long_string" => day_month_year(&moment, "%B", arg(0), arg(1)),
        _ => return None,
    };
    strftime(&moment, &format)
}

/// `stringify_date`'s format: `01 Feb 2024`; with `"ordinal"`, `1st Feb
/// 2024`, or `Feb 1st, 2024` with `"US"` too.
fn day_month_year(moment: &ZonedDateTime, month: &str, kind: &str, style: &str) -> String {
    if kind != "ordinal" {
        return format!("%d {month} %Y");
    }
    let day = moment.day();
    let suffix = match day {
        11..=13 => "th",
        _ if day % 10 == 1 => "st",
        _ if day % 10 == 2 => "nd",
        _ if day % 10 == 3 => "rd",
        _ => "th",
    };
    match style {
        "US" => format!("{month} {day}{suffix}, %Y"),
        _ => format!("{day}{suffix} {month} %Y"),
    }
}

/// The moment `text` names, as Liquid reads it: `now` or `today` (in any
/// case), whole seconds since 1970, or a date as front matter writes it.
fn moment(text: &str) -> Option<ZonedDateTime> {
    let system = TimeZone::system();
    if text.eq_ignore_ascii_case("now") || text.eq_ignore_ascii_case("today") {
        return Some(ZonedDateTime::now());
    }
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let seconds = text.parse().ok()?;
        return Some(
            Timestamp::from_second(seconds)
                .ok()?
                .to_zoned_datetime(system),
        );
    }
    let date = PostDate::parse(text)?;
    // A date alone is its midnight; jiff has no leap second, so `:60` is
    // the minute's last second, as jiff's own parser reads it.
    let (hour, minute, second) = date.time.unwrap_or((0, 0, 0));
    let written = DateTime::new(
        i16::try_from(date.year).ok()?,
        i8::try_from(date.month).ok()?,
        i8::try_from(date.day).ok()?,
        i8::try_from(hour).ok()?,
        i8::try_from(minute).ok()?,
        i8::try_from(second.min(59)).ok()?,
        0,
    )
    .ok()?;
    let Some(minutes) = date.offset_minutes else {
        // No zone: the local one, at the time as written, as Ruby's
        // `Time.parse` reads it.
        return written.to_zoned_datetime(system).ok();
    };
    let offset = Offset::from_seconds(i32::from(minutes) * 60).ok()?;
    let instant = offset.to_timestamp(written).ok()?;
    // In the zone as written; named as the local zone (`%Z`: KST) when
    // that is its offset then, as a site built there shows it.
    let zone = match system.to_offset(instant) == offset {
        true => system,
        false => TimeZone::fixed(offset),
    };
    Some(instant.to_zoned_datetime(zone))
}

/// `moment` written in Ruby's strftime `format`. jiff's lenient mode
/// writes a directive it lacks (`%L`, `%v`, `%+`) as written, as Ruby
/// does an unknown one, rather than failing the whole format.
fn strftime(moment: &ZonedDateTime, format: &str) -> Option<String> {
    let config = Config::new().custom(PosixCustom::new()).lenient(true);
    BrokenDownTime::from(moment)
        .to_string_with_config(&config, ruby_directives(format))
        .ok()
}

/// `format` with each directive jiff would write otherwise than Ruby
/// (Ruby's `%Q`; jiff's own `%q`, `%f`, `%.f`) escaped, so that it shows
/// as written: `%`, flags, width and colons, then the conversion.
fn ruby_directives(format: &str) -> String {
    let mut escaped = String::with_capacity(format.len());
    let mut rest = format;
    while let Some(at) = rest.find('%') {
        escaped.push_str(&rest[..at]);
        let spec = &rest[at + 1..];
        let conversion_at = spec
            .find(|c: char| !matches!(c, '-' | '_' | '^' | '#' | ':' | '0'..='9'))
            .unwrap_or(spec.len());
        match spec[conversion_at..].chars().next() {
            Some(c) if c.is_ascii() && AS_RUBY.contains(c) => {
                escaped.push('%');
                // The conversion is ASCII: one byte.
                escaped.push_str(&spec[..=conversion_at]);
                rest = &spec[conversion_at + 1..];
            }
            // Not one of those, or the format's end: the `%` is escaped,
            // and what follows it (flags and conversion, no `%`) is text.
            _ => {
                escaped.push_str("%%");
                rest = spec;
            }
        }
    }
    escaped.push_str(rest);
    escaped
}

#[cfg(test)]
mod tests;
