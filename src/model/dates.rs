//! Dates as greenfit writes them, in each language (src/content/dates.json).
//!
//! The browser's `Intl.DateTimeFormat` would do it too, but the first one a page makes loads
//! the browser's locale data: about 120 ms of blocked page at 4x CPU throttling, right after
//! the first screen or in a visitor's first answer. A month name and a pattern are enough.

use super::strings::fill_in;

/// Per language: the twelve short month names, the date pattern (`{day}`, `{month}`,
/// `{year}`) and the pattern of a date with a time (`{date}`, `{time}`).
type Format = (&'static str, [&'static str; 12], &'static str, &'static str);

const FORMATS: &[Format] = include!(concat!(env!("OUT_DIR"), "/dates.rs"));

/// A moment in the visitor's own time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

/// `time` as `lang` writes it ("1 Dec 2026", "1. Dez. 2026"), with the time of day (24-hour,
/// "1 Dec 2026, 15:20") when `with_time`. An unknown language is written as English.
pub fn format(time: LocalTime, lang: &str, with_time: bool) -> String {
    let find = |lang: &str| FORMATS.iter().find(|f| f.0 == lang);
    let (_, months, date, date_time) = find(lang)
        .or_else(|| find("en"))
        .expect("dates.json has English (tested)");
    let month = months[(time.month.clamp(1, 12) - 1) as usize];
    let date = fill_in(
        *date,
        &[
            ("day", &time.day.to_string()),
            ("month", month),
            ("year", &time.year.to_string()),
        ],
    );
    if !with_time {
        return date;
    }
    let clock = format!("{:02}:{:02}", time.hour, time.minute);
    fill_in(*date_time, &[("date", &date), ("time", &clock)])
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIME: LocalTime = LocalTime {
        year: 2026,
        month: 12,
        day: 1,
        hour: 9,
        minute: 5,
    };

    #[test]
    fn every_language_writes_its_own_date() {
        let cases = [
            ("en", "1 Dec 2026, 09:05"),
            ("de", "1. Dez. 2026, 09:05"),
            ("fr", "1 déc. 2026, 09:05"),
            ("es", "1 dic 2026, 09:05"),
            ("it", "1 dic 2026, 09:05"),
            ("pl", "1 gru 2026, 09:05"),
        ];
        for (lang, expected) in cases {
            assert_eq!(format(TIME, lang, true), expected, "{lang}");
        }
        assert_eq!(format(TIME, "de", false), "1. Dez. 2026");
        let march = LocalTime {
            month: 3,
            day: 31,
            hour: 23,
            minute: 59,
            ..TIME
        };
        assert_eq!(format(march, "pl", true), "31 mar 2026, 23:59");
        assert_eq!(format(march, "de", false), "31. März 2026");
    }

    #[test]
    fn an_unknown_language_is_written_as_english() {
        assert_eq!(format(TIME, "sv", false), "1 Dec 2026");
    }

    #[test]
    fn every_shipped_language_has_its_dates() {
        for lang in crate::model::language::SHIPPED {
            assert!(
                FORMATS.iter().any(|f| f.0 == lang),
                "{lang} is not in dates.json"
            );
        }
    }
}
