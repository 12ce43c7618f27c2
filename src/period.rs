//! Dates of documents and the periods they fall in, for `--period` with `--group-by`.
//!
//! A date field is read as an ISO 8601 date (`2025-03-14`), an ISO 8601 date-time with or without
//! a zone (`2025-03-14T09:30:00+02:00`, `2025-03-14 09:30:00`, `…Z`), or one of the forms Greek
//! outlets print: `14/03/2025`, `14.03.2025`, `14-03-2025` (day first), and `14 Μαρτίου 2025`
//! with the month's name in the genitive or the nominative, with or without accents, in any case,
//! optionally after a weekday (`Παρασκευή, 14 Μαρτίου 2025`) and before a time (`14/03/2025 09:30`).
//! A date-time keeps the calendar date it was written with: `2025-03-14T23:30:00+02:00` is the
//! 14th, the day the outlet printed, not the 14th at 21:30 UTC converted to anything else.

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
    /// `parse_date` reads.
    pub fn bucket(self, value: &str) -> Option<String> {
        parse_date(value).map(|d| self.label(d))
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

/// Day-first numeric dates.
const DAY_FIRST: [&str; 3] = ["%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"];

/// The calendar date a field value names, or `None` when it is empty or in no form this
/// module reads (see the module documentation for the forms).
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
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
    // Greek forms: an optional weekday before a comma, the date, an optional time after it.
    let value = match value.split_once(',') {
        Some((weekday, rest)) if !weekday.chars().any(|c| c.is_ascii_digit()) => rest.trim(),
        _ => value,
    };
    let mut words: Vec<&str> = value.split_whitespace().collect();
    if words.len() > 1 && is_time(words[words.len() - 1]) {
        words.pop();
    }
    match words.as_slice() {
        [numeric] => DAY_FIRST
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(numeric, f).ok()),
        [day, month, year] => {
            let day: u32 = day.trim_end_matches('.').parse().ok()?;
            let month = month_number(month)?;
            let year: i32 = year.parse().ok()?;
            NaiveDate::from_ymd_opt(year, month, day)
        }
        _ => None,
    }
}

fn is_time(word: &str) -> bool {
    ["%H:%M", "%H:%M:%S"]
        .iter()
        .any(|f| NaiveTime::parse_from_str(word, f).is_ok())
}

/// The number of a Greek month named in any case, with or without accents.
fn month_number(word: &str) -> Option<u32> {
    let key = norm(word.trim_end_matches(','));
    MONTHS
        .iter()
        .find(|(names, _)| names.contains(&key.as_str()))
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

    /// The warning line, or `None` when every document had a date.
    pub fn warning(&self, field: &str) -> Option<String> {
        let example = self.example.as_deref()?;
        let example = if example.trim().is_empty() {
            "an empty or missing value".to_owned()
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

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
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
    fn rejects_what_is_not_a_date() {
        for value in [
            "",
            "  ",
            "χθες",
            "2025-13-01",
            "31/02/2025",
            "14 Μαρτ 2025",
            "2025-03-14garbage",
            "14 Μαρτίου",
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
        assert_eq!(undated.warning("date"), None);
        undated.add("");
        undated.add("χθες");
        let warning = undated.warning("date").unwrap();
        assert!(warning.starts_with("2 documents"), "{warning}");
        assert!(warning.contains("(e.g. «χθες»)"), "{warning}");
        let mut empty = Undated::default();
        empty.add(" ");
        assert!(empty.warning("date").unwrap().contains("empty or missing"));
    }
}
