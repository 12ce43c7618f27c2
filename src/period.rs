//! Dates of documents and the periods they fall in, for `--period` with `--group-by`.
//!
//! A date field is read as an ISO 8601 date (`2025-03-14`), an ISO 8601 date-time with or without
//! a zone (`2025-03-14T09:30:00+02:00`, `2025-03-14 09:30:00`, `…Z`), or one of the forms Greek
//! outlets print: `14/03/2025`, `14.03.2025`, `14-03-2025` (day first), and `14 Μαρτίου 2025`
//! with the month's name in the genitive or the nominative, with or without accents, in any case,
//! optionally after a weekday (`Παρασκευή, 14 Μαρτίου 2025`) and before a time (`14/03/2025 09:30`).
//! A date-time keeps the calendar date it was written with: `2025-03-14T23:30:00+02:00` is the
//! 14th, the day the outlet printed, not the 14th at 21:30 UTC converted to anything else.
//!
//! Also read, as exports and feeds write them: `2025/03/14` and `2025.03.14` (year first);
//! `20250314`; RSS's RFC 2822 (`Fri, 14 Mar 2025 09:30:00 +0200`); English month names
//! (`Mar 14, 2025`, `March 14, 2025`, `14 March 2025`, `14th March 2025`); Greek month
//! abbreviations with or without their dot (`14 Μαρ. 2025`, `14 Μαρ 2025`); a weekday before the
//! date with or without a comma (`Παρασκευή 14 Μαρτίου 2025`); two-digit years (`14/03/25`, read
//! from 1970 to 2069); a time after a dash, bar or comma (`14 Μαρτίου 2025 - 09:30`,
//! `14/03/2025 | 09:30`), and a zone name after the time (`2025-03-14 09:30 EET`, dropped);
//! Unix time in seconds (10 digits) or milliseconds (13 digits), as a UTC date. A month alone
//! (`2025-03`, `03/2025`, `Μάρτιος 2025`) or a year alone (`2025`) is a date of that precision: it
//! falls in its month or year, and in no day or week (such documents join the undated group
//! when `--period` is finer than what they give).

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use crate::normalize::norm;

/// The length of the buckets dates are grouped into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    /// `2025-03-14`
    Day,
    /// `2025-W11`: the ISO 8601 week (weeks start on Monday; week 1 holds the year's first
    /// Thursday), with its ISO week-numbering year, so 2024-12-30 is `2025-W01`.
    Week,
    /// `2025-03`
    Month,
    /// `2025`
    Year,
}

impl Period {
    /// Every period, shortest first.
    pub const ALL: [Period; 4] = [Period::Day, Period::Week, Period::Month, Period::Year];

    /// The name used by `--period`.
    pub fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        }
    }

    /// Parses a `--period` name.
    pub fn parse(name: &str) -> crate::Result<Period> {
        Period::ALL
            .into_iter()
            .find(|p| p.name() == name.trim())
            .ok_or_else(|| {
                crate::Error::Invalid(format!(
                    "unknown period `{name}` (known: day, week, month, year)"
                ))
            })
    }

    /// The label of the period holding `date`; labels sort in time order as strings.
    pub fn label(self, date: NaiveDate) -> String {
        match self {
            Period::Day => date.format("%Y-%m-%d").to_string(),
            Period::Week => {
                let week = date.iso_week();
                format!("{:04}-W{:02}", week.year(), week.week())
            }
            Period::Month => format!("{:04}-{:02}", date.year(), date.month()),
            Period::Year => format!("{:04}", date.year()),
        }
    }

    /// The label of the period a field value falls in, or `None` when the value holds no date
    /// [`parse_dated`] reads, or names only a month or a year and `self` is finer than that.
    pub fn bucket(self, value: &str) -> Option<String> {
        let (date, precision) = parse_dated(value)?;
        (precision.rank() <= self.rank()).then(|| self.label(date))
    }

    /// Order from the finest period (day 0) to the coarsest (year 3).
    fn rank(self) -> u8 {
        match self {
            Period::Day => 0,
            Period::Week => 1,
            Period::Month => 2,
            Period::Year => 3,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Greek month names as [`norm`] writes them (accentless, lowercase): the genitive printed in
/// dates («14 Μαρτίου»), then the nominative and the common spoken genitives («Μάρτη»).
const MONTHS: [(&[&str], u32); 12] = [
    (&["ιανουαριου", "ιανουαριος", "γεναρη"], 1),
    (&["φεβρουαριου", "φεβρουαριος", "φλεβαρη"], 2),
    (&["μαρτιου", "μαρτιος", "μαρτη"], 3),
    (&["απριλιου", "απριλιος", "απριλη"], 4),
    (&["μαιου", "μαιος", "μαη"], 5),
    (&["ιουνιου", "ιουνιος", "ιουνη"], 6),
    (&["ιουλιου", "ιουλιος", "ιουλη"], 7),
    (&["αυγουστου", "αυγουστος"], 8),
    (&["σεπτεμβριου", "σεπτεμβριος", "σεπτεμβρη"], 9),
    (&["οκτωβριου", "οκτωβριος", "οκτωβρη"], 10),
    (&["νοεμβριου", "νοεμβριος", "νοεμβρη"], 11),
    (&["δεκεμβριου", "δεκεμβριος", "δεκεμβρη"], 12),
];

/// Greek month abbreviations as [`norm`] writes them, with or without their dot («14 Μαρ.
/// 2025», «14 Μαρ 2025»); read only between a day and a year.
const GREEK_ABBREVIATIONS: [(&[&str], u32); 12] = [
    (&["ιαν"], 1),
    (&["φεβ", "φεβρ"], 2),
    (&["μαρ", "μαρτ"], 3),
    (&["απρ"], 4),
    (&["μαι"], 5),
    (&["ιουν"], 6),
    (&["ιουλ"], 7),
    (&["αυγ"], 8),
    (&["σεπ", "σεπτ"], 9),
    (&["οκτ"], 10),
    (&["νοε", "νοεμ"], 11),
    (&["δεκ"], 12),
];

/// English month names, lowercase; their first three letters are read too (`Mar`, `Sep`).
const ENGLISH_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// ISO 8601 date-times with a zone (`%z` takes `+02:00` and `+0200`).
const ZONED: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S%.f%:z",
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f%:z",
    "%Y-%m-%d %H:%M:%S%.f%z",
];

/// ISO 8601 date-times without a zone.
const LOCAL: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
];

/// Numeric months without a day: `2025-03`, `2025/03`, `03/2025`, `03.2025`.
const MONTH_ONLY: [&str; 4] = ["%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y"];

/// Weekday names that may open a date without a comma («Παρασκευή 14 Μαρτίου 2025, 09:30»), as
/// [`norm`] writes them: Greek full and abbreviated, English full and abbreviated.
const WEEKDAYS: [&str; 28] = [
    "δευτερα",
    "τριτη",
    "τεταρτη",
    "πεμπτη",
    "παρασκευη",
    "σαββατο",
    "κυριακη",
    "δευ",
    "τρι",
    "τετ",
    "πεμ",
    "παρ",
    "σαβ",
    "κυρ",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// Time-zone names that may end a date-time (`2025-03-14 09:30:00 EET`). The date is read as
/// written (see the module documentation), so the zone is dropped, not applied.
const ZONE_NAMES: [&str; 11] = [
    "UTC", "UT", "GMT", "Z", "EET", "EEST", "CET", "CEST", "WET", "WEST", "BST",
];

/// Words between a date and its time that say nothing: `14/03/2025 - 09:30`, `… | 09:30`.
const TIME_SEPARATORS: [&str; 4] = ["-", "|", "•", "·"];

/// The calendar date a field value names and the precision it gives it: [`Period::Day`] for a
/// full date, [`Period::Month`] for a month alone and [`Period::Year`] for a year alone (their
/// first day). `None` when the value is empty or in no form this module reads (see the module
/// documentation for the forms).
pub fn parse_dated(value: &str) -> Option<(NaiveDate, Period)> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if let Some(date) = parse_day(value) {
        return Some((date, Period::Day));
    }
    if let Some(date) = without_zone_name(value).and_then(parse_day) {
        return Some((date, Period::Day));
    }
    parse_month_or_year(value)
}

/// `value` without a last word naming a time zone ([`ZONE_NAMES`]), when it has one.
fn without_zone_name(value: &str) -> Option<&str> {
    let (rest, zone) = value.rsplit_once(' ')?;
    ZONE_NAMES
        .iter()
        .any(|z| z.eq_ignore_ascii_case(zone))
        .then(|| rest.trim_end())
}

/// Whether the digits of `value` include a run of exactly four, a year written in full: chrono's
/// `%Y` alone would read the `25` of `03/25` as the year 25.
fn has_full_year(value: &str) -> bool {
    value
        .split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 4)
}

/// A month alone (`2025-03`, `03/2025`, `Μάρτιος 2025`, `March 2025`) or a year alone (`2025`,
/// from 1000 to 2999).
fn parse_month_or_year(value: &str) -> Option<(NaiveDate, Period)> {
    if !has_full_year(value) {
        return None;
    }
    if value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit()) {
        let year: i32 = value.parse().ok()?;
        return (1000..3000)
            .contains(&year)
            .then(|| NaiveDate::from_ymd_opt(year, 1, 1))
            .flatten()
            .map(|d| (d, Period::Year));
    }
    let month = |d: NaiveDate| (d, Period::Month);
    for (format, padded) in MONTH_ONLY.iter().zip([
        format!("{value}-01"),
        format!("{value}/01"),
        format!("01/{value}"),
        format!("01.{value}"),
    ]) {
        if let Ok(d) = NaiveDate::parse_from_str(&padded, format) {
            return Some(month(d));
        }
    }
    match value.split_whitespace().collect::<Vec<_>>().as_slice() {
        [name, year] => {
            let year: i32 = year.parse().ok()?;
            NaiveDate::from_ymd_opt(year, month_number(name)?, 1).map(month)
        }
        _ => None,
    }
}

/// A full date in any of the module's forms.
fn parse_day(value: &str) -> Option<NaiveDate> {
    // ISO 8601 forms open with a four-digit year and a hyphen; chrono's `%Y` alone would also
    // read the `4` of `4-3-25` as a year.
    let iso = value.len() > 4 && value.as_bytes()[4] == b'-' && has_full_year(&value[..4]);
    if iso {
        if let Ok(d) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
            return Some(d);
        }
        if let Ok(dt) = DateTime::parse_from_rfc3339(value) {
            return Some(dt.date_naive());
        }
        for format in ZONED {
            if let Ok(dt) = DateTime::parse_from_str(value, format) {
                return Some(dt.date_naive());
            }
        }
        for format in LOCAL {
            if let Ok(dt) = NaiveDateTime::parse_from_str(value, format) {
                return Some(dt.date());
            }
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(value) {
        return Some(dt.date_naive());
    }
    if let Some(date) = unix_time(value) {
        return Some(date);
    }
    // Greek forms: an optional weekday before a comma, the date, an optional time after it.
    let value = match value.split_once(',') {
        Some((weekday, rest)) if !weekday.chars().any(|c| c.is_ascii_digit()) => rest.trim(),
        _ => value,
    };
    let mut words: Vec<&str> = value
        .split_whitespace()
        .map(|w| w.trim_end_matches(','))
        .collect();
    // a 12-hour time's marker: «10:30 μ.μ.», `10:30 PM`, `10:30pm`
    if let Some(time) = words.last().copied().and_then(without_meridiem) {
        let last = words.len() - 1;
        if !time.is_empty() {
            words[last] = time;
        } else if words.len() > 2 {
            words.pop();
        }
    }
    if words.len() > 1 && is_time(words[words.len() - 1]) {
        words.pop();
        if words.len() > 1 && TIME_SEPARATORS.contains(&words[words.len() - 1]) {
            words.pop();
        }
    }
    // A weekday without a comma: «Παρασκευή 14 Μαρτίου 2025», `Fri 14/03/2025`.
    if words.len() > 1 && WEEKDAYS.contains(&norm(words[0].trim_end_matches('.')).as_str()) {
        words.remove(0);
    }
    let day_of = |day: &str, month: &str, year: &str| {
        let day = day.trim_end_matches('.');
        // English ordinals: `14th March 2025`, `March 1st, 2025`.
        let day = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|suffix| day.strip_suffix(suffix))
            .unwrap_or(day);
        let day: u32 = day.parse().ok()?;
        if year.len() != 4 {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        NaiveDate::from_ymd_opt(year, month_number(month)?, day)
    };
    match words.as_slice() {
        [numeric] => numeric_date(numeric),
        [day, month, year] if day.starts_with(|c: char| c.is_ascii_digit()) => {
            day_of(day, month, year)
        }
        // English order: `Mar 14, 2025`
        [month, day, year] => day_of(day, month, year),
        _ => None,
    }
}

/// A numeric date: day first (`14/03/2025`, `14.3.25`, `14-03-2025`), year first
/// (`2025/03/14`, `2025.03.14`) or compact (`20250314`). The year has four digits or two; two
/// digits are read in the hundred years from 1970 to 2069, the pivot of POSIX `strptime`'s `%y`
/// that chrono's `%y` follows. Any other count of digits is no date.
fn numeric_date(value: &str) -> Option<NaiveDate> {
    if value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(value, "%Y%m%d").ok();
    }
    let separator = ['/', '.', '-'].into_iter().find(|&c| value.contains(c))?;
    let parts: Vec<&str> = value.split(separator).collect();
    let [first, _, last] = parts.as_slice() else {
        return None;
    };
    let format = match (first.len(), last.len()) {
        (4, 1..=2) => "%Y{}%m{}%d",
        (1..=2, 4) => "%d{}%m{}%Y",
        (1..=2, 2) => "%d{}%m{}%y",
        _ => return None,
    };
    let format = format.replace("{}", &separator.to_string());
    NaiveDate::parse_from_str(value, &format).ok().or_else(|| {
        // `3/14/2025`: a day-first reading fails on a month over 12; with slashes, as US
        // exports write dates, the month comes first. `3/4/2025` stays 3 April.
        if separator != '/' || parts[1].parse::<u32>().ok()? <= 12 {
            return None;
        }
        let month_first = match (first.len(), last.len()) {
            (1..=2, 4) => "%m/%d/%Y",
            (1..=2, 2) => "%m/%d/%y",
            _ => return None,
        };
        NaiveDate::parse_from_str(value, month_first).ok()
    })
}

/// A UTC date from Unix time: 10 digits of seconds (2001-09-09 to 2286) or 13 digits of
/// milliseconds, as social-media exports write it.
fn unix_time(value: &str) -> Option<NaiveDate> {
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number: i64 = value.parse().ok()?;
    let seconds = match value.len() {
        10 => number,
        13 => number / 1000,
        _ => return None,
    };
    DateTime::from_timestamp(seconds, 0).map(|dt| dt.date_naive())
}

/// Markers of a 12-hour time, without their dots: Greek π.μ./μ.μ. (before and after noon),
/// English AM/PM; matched on the norm (no accents, lowercase).
const MERIDIEMS: [&str; 4] = ["πμ", "μμ", "am", "pm"];

/// `word` without a 12-hour time's marker at its end (see [`MERIDIEMS`]): the time before it
/// (`10:30pm` → `10:30`), or an empty string when the word is the marker alone (`μ.μ.`).
/// `None` when the word does not end in a marker.
fn without_meridiem(word: &str) -> Option<&str> {
    let bare: String = norm(word).chars().filter(|&c| c != '.').collect();
    let marker = MERIDIEMS.iter().find(|m| bare.ends_with(*m))?;
    let time = bare.strip_suffix(*marker)?;
    if time.is_empty() {
        return Some("");
    }
    // the time keeps its own spelling: cut the word after its last digit
    let end = word.rfind(|c: char| c.is_ascii_digit())? + 1;
    is_time(&word[..end]).then(|| &word[..end])
}

fn is_time(word: &str) -> bool {
    ["%H:%M", "%H:%M:%S"]
        .iter()
        .any(|f| NaiveTime::parse_from_str(word, f).is_ok())
}

/// The number of a month named in Greek (any case, with or without accents, full or
/// abbreviated, with or without the abbreviation's dot) or in English (full or its first three
/// letters).
fn month_number(word: &str) -> Option<u32> {
    let key = norm(word.trim_end_matches(',').trim_end_matches('.'));
    let key = key.as_str();
    let english = ENGLISH_MONTHS
        .iter()
        .position(|m| key == *m || (key.len() == 3 && m.starts_with(key)));
    if let Some(i) = english {
        return Some(i as u32 + 1);
    }
    MONTHS
        .iter()
        .chain(GREEK_ABBREVIATIONS.iter())
        .find(|(names, _)| names.contains(&key))
        .map(|&(_, n)| n)
}

/// Documents whose date field held no date: how many, and the first non-empty value seen (an
/// empty one when all were empty), for the one warning a run gives about them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Undated {
    pub documents: usize,
    pub example: Option<String>,
}

impl Undated {
    pub fn add(&mut self, value: &str) {
        self.documents += 1;
        if self.example.as_deref().is_none_or(|e| e.trim().is_empty()) {
            self.example = Some(value.to_owned());
        }
    }

    /// The warning line, or `None` when every document had a date. `documents` is the run's
    /// number of documents: when none of them had a date, the warning asks whether `field` is
    /// the date field at all (`--group-by outlet --period month` is a likely slip).
    pub fn warning(&self, field: &str, documents: usize) -> Option<String> {
        let example = self.example.as_deref()?;
        if self.documents >= documents && parse_dated(example).is_none() {
            let example = if example.trim().is_empty() {
                "every value is empty or missing".to_owned()
            } else {
                format!("e.g. «{example}»")
            };
            return Some(format!(
                "no document has a readable date in field `{field}` ({example}), so --period puts them all in one group with an empty value: is `{field}` the date field? (--period reads the forms `elpipe run --help` lists)"
            ));
        }
        let example = if example.trim().is_empty() {
            "an empty or missing value".to_owned()
        } else if parse_dated(example).is_some() {
            format!("«{example}», which names only a month or a year: a coarser --period reads it")
        } else {
            format!("«{example}»")
        };
        Some(format!(
            "{} document{} without a readable date in field `{field}` (e.g. {example}) form the group with an empty value",
            self.documents,
            if self.documents == 1 { "" } else { "s" },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_date(value: &str) -> Option<NaiveDate> {
        parse_dated(value).map(|(date, _)| date)
    }

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn reads_twelve_hour_times_and_us_month_first_dates() {
        // the time's marker, Greek or English, with or without a space and dots
        assert_eq!(parse_date("14/3/2025 10:30 μ.μ."), date(2025, 3, 14));
        assert_eq!(parse_date("14/3/2025 9:05 π.μ."), date(2025, 3, 14));
        assert_eq!(parse_date("14 Μαρτίου 2025, 10:30 ΜΜ"), date(2025, 3, 14));
        assert_eq!(parse_date("Mar 14, 2025 10:30 PM"), date(2025, 3, 14));
        assert_eq!(parse_date("14/03/2025 10:30pm"), date(2025, 3, 14));
        // a marker with no time before it is no time
        assert_eq!(parse_date("14/03/2025 πμ"), None);
        // month first only where day first cannot be: the second number is over 12
        assert_eq!(parse_date("3/14/2025"), date(2025, 3, 14));
        assert_eq!(parse_date("12/31/24"), date(2024, 12, 31));
        assert_eq!(parse_date("3/4/2025"), date(2025, 4, 3));
        assert_eq!(parse_date("3.14.2025"), None);
        assert_eq!(parse_date("13/14/2025"), None);
    }

    #[test]
    fn reads_iso_dates_and_date_times_keeping_the_written_day() {
        assert_eq!(parse_date("2025-03-14"), date(2025, 3, 14));
        assert_eq!(parse_date(" 2025-03-14 "), date(2025, 3, 14));
        assert_eq!(parse_date("2025-03-14T23:30:00+02:00"), date(2025, 3, 14));
        assert_eq!(parse_date("2025-03-14T23:30:00Z"), date(2025, 3, 14));
        assert_eq!(
            parse_date("2025-03-14T23:30:00.123-05:00"),
            date(2025, 3, 14)
        );
        assert_eq!(parse_date("2025-03-14 09:30:00+0200"), date(2025, 3, 14));
        assert_eq!(parse_date("2025-03-14T09:30:00"), date(2025, 3, 14));
        assert_eq!(parse_date("2025-03-14 09:30"), date(2025, 3, 14));
    }

    #[test]
    fn reads_greek_numeric_and_written_dates() {
        assert_eq!(parse_date("14/03/2025"), date(2025, 3, 14));
        assert_eq!(parse_date("14.03.2025"), date(2025, 3, 14));
        assert_eq!(parse_date("4/3/2025"), date(2025, 3, 4));
        assert_eq!(parse_date("14/03/2025 09:30"), date(2025, 3, 14));
        assert_eq!(parse_date("14 Μαρτίου 2025"), date(2025, 3, 14));
        assert_eq!(parse_date("14 ΜΑΡΤΙΟΥ 2025"), date(2025, 3, 14));
        assert_eq!(parse_date("14 Μαρτιου 2025"), date(2025, 3, 14));
        assert_eq!(parse_date("1 Μαΐου 2025"), date(2025, 5, 1));
        assert_eq!(
            parse_date("Παρασκευή, 14 Μαρτίου 2025 18:05"),
            date(2025, 3, 14)
        );
        assert_eq!(parse_date("3 Αυγούστου 2024"), date(2024, 8, 3));
    }

    #[test]
    fn reads_feed_export_and_english_forms() {
        let march_14 = date(2025, 3, 14);
        for value in [
            "2025/03/14",
            "2025.03.14",
            "20250314",
            "Fri, 14 Mar 2025 09:30:00 +0200",
            "Mar 14, 2025",
            "March 14, 2025",
            "14 March 2025",
            "14 Mar 2025",
            "14 Μαρ. 2025",
            "Παρασκευή, 14 Μαρτίου 2025 - 09:30",
            "14/03/2025 | 09:30",
            "14 Μαρτίου 2025, 09:30",
            "14 Μαρ 2025",
            "14 ΜΑΡ 2025",
            "14 Μαρτ. 2025",
            "Παρασκευή 14 Μαρτίου 2025, 09:30",
            "Παρ. 14/03/2025",
            "Fri 14 March 2025",
            "2025-03-14 09:30:00 EET",
            "2025-03-14 09:30 utc",
            "Fri, 14 Mar 2025 09:30:00 EET",
            "14/03/2025 09:30 EEST",
            "14th March 2025",
            "March 14th, 2025",
            "1741944600",
            "1741944600000",
        ] {
            assert_eq!(
                parse_dated(value),
                march_14.map(|d| (d, Period::Day)),
                "{value}"
            );
        }
    }

    #[test]
    fn reads_two_digit_years_in_the_hundred_years_from_1970() {
        assert_eq!(parse_date("14/03/25"), date(2025, 3, 14));
        assert_eq!(parse_date("14.3.25"), date(2025, 3, 14));
        assert_eq!(parse_date("4-3-25"), date(2025, 3, 4));
        assert_eq!(parse_date("14/03/25 09:30"), date(2025, 3, 14));
        assert_eq!(parse_date("31/12/69"), date(2069, 12, 31));
        assert_eq!(parse_date("01/01/70"), date(1970, 1, 1));
        assert_eq!(parse_date("25/03/98"), date(1998, 3, 25));
        // never the year 25 of the common era
        for value in ["14/03/25", "03/2025", "2025"] {
            let (d, _) = parse_dated(value).unwrap();
            assert!(d.year() >= 1970, "{value}: {d}");
        }
    }

    #[test]
    fn a_month_or_a_year_alone_falls_in_no_finer_period() {
        for value in [
            "2025-03",
            "2025/03",
            "03/2025",
            "03.2025",
            "Μάρτιος 2025",
            "March 2025",
        ] {
            assert_eq!(
                parse_dated(value),
                date(2025, 3, 1).map(|d| (d, Period::Month)),
                "{value}"
            );
            assert_eq!(Period::Month.bucket(value).as_deref(), Some("2025-03"));
            assert_eq!(Period::Year.bucket(value).as_deref(), Some("2025"));
            assert_eq!(Period::Week.bucket(value), None, "{value}");
            assert_eq!(Period::Day.bucket(value), None, "{value}");
        }
        assert_eq!(Period::Year.bucket("2025").as_deref(), Some("2025"));
        assert_eq!(Period::Month.bucket("2025"), None);
        // not years: too short, too long, out of range
        for value in ["202", "20251", "0999", "3000"] {
            assert_eq!(parse_dated(value), None, "{value}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for value in [
            "",
            "  ",
            "χθες",
            "2025-13-01",
            "31/02/2025",
            "2025-03-14garbage",
            "14 Μαρτίου",
            "2025-13",
            "14 Μαρτίου 25",
            "14/03/025",
            "14/03/20255",
            "2025/3/14/1",
            "03/25",
            "Πέμπτη 2025",
            "14 Μαρτίου 2025 Παρασκευή",
            "2025-03-14 09:30 XYZ",
            "123456789",
            "12345678901",
            "Mar 14 2025 garbage",
        ] {
            assert_eq!(parse_date(value), None, "{value}");
        }
    }

    #[test]
    fn labels_periods_with_iso_weeks() {
        let d = date(2025, 3, 14).unwrap();
        assert_eq!(Period::Day.label(d), "2025-03-14");
        assert_eq!(Period::Week.label(d), "2025-W11");
        assert_eq!(Period::Month.label(d), "2025-03");
        assert_eq!(Period::Year.label(d), "2025");
        // the ISO week year differs from the calendar year around new year
        assert_eq!(Period::Week.label(date(2024, 12, 30).unwrap()), "2025-W01");
        assert_eq!(Period::Week.label(date(2021, 1, 3).unwrap()), "2020-W53");
        assert_eq!(Period::Week.bucket("χθες"), None);
    }

    #[test]
    fn period_names_round_trip() {
        for p in Period::ALL {
            assert_eq!(Period::parse(p.name()).unwrap(), p);
        }
        assert!(Period::parse("decade").is_err());
    }

    #[test]
    fn undated_documents_are_counted_with_an_example() {
        let mut undated = Undated::default();
        assert_eq!(undated.warning("date", 10), None);
        undated.add("");
        undated.add("χθες");
        let warning = undated.warning("date", 10).unwrap();
        assert!(warning.starts_with("2 documents"), "{warning}");
        assert!(warning.contains("(e.g. «χθες»)"), "{warning}");
        let mut empty = Undated::default();
        empty.add(" ");
        assert!(empty
            .warning("date", 10)
            .unwrap()
            .contains("empty or missing"));
        let mut coarse = Undated::default();
        coarse.add("2025-03");
        assert!(coarse
            .warning("date", 10)
            .unwrap()
            .contains("a coarser --period"));
        // every document coarse: still the coarse warning, not "no date"
        assert!(coarse
            .warning("date", 1)
            .unwrap()
            .contains("a coarser --period"));
    }

    #[test]
    fn a_field_without_any_date_asks_whether_it_is_the_date_field() {
        let mut outlets = Undated::default();
        outlets.add("kathimerini");
        outlets.add("tanea");
        let warning = outlets.warning("outlet", 2).unwrap();
        assert!(warning.starts_with("no document has a readable date in field `outlet`"));
        assert!(warning.contains("«kathimerini»"), "{warning}");
        assert!(warning.contains("is `outlet` the date field?"), "{warning}");
        let mut missing = Undated::default();
        missing.add("");
        let warning = missing.warning("published", 1).unwrap();
        assert!(
            warning.contains("every value is empty or missing"),
            "{warning}"
        );
    }
}
