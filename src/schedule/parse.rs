//! Hours and time off as practitioners type them, and back again.
//!
//! A day's hours are ranges separated by commas: `9:00-12:00, 13:00-17:00`,
//! `9am-5pm`, `9 – 12:30`, `noon to 6 pm`. A time without am or pm is on the 24-hour
//! clock. Time off is one date or one range of dates per line: `2026-12-24`,
//! `12/24/2026 to 12/31/2026` (or `al`, `a`, or a dash between them).

use chrono::NaiveDate;

use super::slots::{END_OF_DAY, Minute};
use crate::{i18n::FluentValue, validation::calendar_date};

/// Most working ranges in one day.
pub const MAX_RANGES: usize = 6;
/// Most lines of time off.
pub const MAX_TIME_OFF: usize = 50;
/// Longest single stretch of time off, in days.
pub const MAX_TIME_OFF_DAYS: i64 = 366;

/// A message of the current request's language with its arguments.
fn say<'a, const N: usize>(key: &str, args: [(&'static str, FluentValue<'a>); N]) -> String {
    crate::i18n::text_with(crate::i18n::Lang::current(), key, args)
}

/// A day's ranges, ordered, each at least 15 minutes, none overlapping.
pub fn day_ranges(text: &str) -> Result<Vec<(Minute, Minute)>, String> {
    let mut ranges = Vec::new();
    for part in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let Some((start, end)) = split_range(part) else {
            return Err(say(
                "hours-range-split",
                [("range", FluentValue::from(shorten(part)))],
            ));
        };
        let (Some(start), Some(end)) = (clock(start, false), clock(end, true)) else {
            return Err(say(
                "hours-range-unread",
                [("range", FluentValue::from(shorten(part)))],
            ));
        };
        if end < start + 15 {
            return Err(say(
                "hours-range-short",
                [("range", FluentValue::from(shorten(part)))],
            ));
        }
        ranges.push((start, end));
        if ranges.len() > MAX_RANGES {
            return Err(say(
                "hours-ranges-many",
                [("max", FluentValue::from(MAX_RANGES))],
            ));
        }
    }
    ranges.sort_unstable();
    if ranges.windows(2).any(|w| w[1].0 < w[0].1) {
        return Err(say("hours-ranges-overlap", []));
    }
    Ok(ranges)
}

/// A day's ranges written back the way the editor shows them: `09:00-12:00, 13:00-17:00`.
pub fn write_ranges(ranges: &[(Minute, Minute)]) -> String {
    ranges
        .iter()
        .map(|(a, b)| format!("{}-{}", write_clock(*a), write_clock(*b)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A minute of the day as `HH:MM` (24:00 for the end of the day).
pub fn write_clock(minute: Minute) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// Time off, one date or range per line, as inclusive ranges; the error names the line.
pub fn time_off(text: &str) -> Result<Vec<(NaiveDate, NaiveDate)>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (first, last) = match split_dates(line) {
            Some((a, b)) => (calendar_date(a), calendar_date(b)),
            None => (calendar_date(line), calendar_date(line)),
        };
        let (Some(first), Some(last)) = (first, last) else {
            return Err(say("time-off-date", [("line", FluentValue::from(n + 1))]));
        };
        if last < first {
            return Err(say("time-off-order", [("line", FluentValue::from(n + 1))]));
        }
        if (last - first).num_days() >= MAX_TIME_OFF_DAYS {
            return Err(say(
                "time-off-long",
                [
                    ("line", FluentValue::from(n + 1)),
                    ("max", FluentValue::from(MAX_TIME_OFF_DAYS)),
                ],
            ));
        }
        out.push((first, last));
        if out.len() > MAX_TIME_OFF {
            return Err(say(
                "time-off-many",
                [("max", FluentValue::from(MAX_TIME_OFF))],
            ));
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// Time off written back, one line each.
pub fn write_time_off(days: &[(NaiveDate, NaiveDate)]) -> String {
    days.iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a} to {b}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn shorten(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(40).collect()
}

/// Splits `9-12`, `9 – 12`, `9am to 5pm` into its two ends.
fn split_range(text: &str) -> Option<(&str, &str)> {
    for sep in [" to ", "-", "–", "—"] {
        if let Some((a, b)) = text.split_once(sep) {
            return Some((a.trim(), b.trim()));
        }
    }
    None
}

/// Splits two dates joined by `to` or a spaced dash (a bare dash is inside the dates).
fn split_dates(text: &str) -> Option<(&str, &str)> {
    [" to ", " al ", " a ", " - ", " – ", " — ", "–", "—"]
        .into_iter()
        .find_map(|sep| text.split_once(sep))
        .map(|(a, b)| (a.trim(), b.trim()))
}

/// A clock time: `9`, `09:30`, `9.30`, `9am`, `9:30 PM`, `noon`, `midnight`; 24:00 (and
/// `midnight`) only as an end.
fn clock(text: &str, end: bool) -> Option<Minute> {
    let t = text.trim().to_ascii_lowercase().replace(' ', "");
    match t.as_str() {
        "noon" => return Some(12 * 60),
        "midnight" => return if end { Some(END_OF_DAY) } else { Some(0) },
        _ => {}
    }
    let (digits, meridiem) = if let Some(d) = t.strip_suffix("am").or(t.strip_suffix("a.m.")) {
        (d, Some(false))
    } else if let Some(d) = t.strip_suffix("pm").or(t.strip_suffix("p.m.")) {
        (d, Some(true))
    } else {
        (t.as_str(), None)
    };
    let (h, m) = match digits.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return None,
        None => (digits, "0"),
    };
    if h.is_empty() || h.len() > 2 || !h.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !m.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (mut h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    if m >= 60 || m % 5 != 0 {
        return None;
    }
    match meridiem {
        Some(pm) => {
            if !(1..=12).contains(&h) {
                return None;
            }
            h %= 12;
            if pm {
                h += 12;
            }
            if end && h == 0 && m == 0 && !pm {
                return Some(END_OF_DAY);
            }
        }
        None if h == 24 && m == 0 && end => return Some(END_OF_DAY),
        None if h > 23 => return None,
        None => {}
    }
    Some(h * 60 + m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ranges_as_people_type_them() {
        for (typed, read) in [
            ("9:00-12:00, 13:00-17:00", vec![(540, 720), (780, 1020)]),
            ("9am-5pm", vec![(540, 1020)]),
            ("9 – 12:30", vec![(540, 750)]),
            ("noon to 6 pm", vec![(720, 1080)]),
            ("1:30 PM-5 PM; 8-11", vec![(480, 660), (810, 1020)]),
            ("18:00-24:00", vec![(1080, 1440)]),
            ("6pm-12am", vec![(1080, 1440)]),
            ("12am-1am", vec![(0, 60)]),
            ("", vec![]),
            (" , ", vec![]),
        ] {
            assert_eq!(day_ranges(typed), Ok(read), "{typed}");
        }
    }

    #[test]
    fn refuses_what_it_cannot_read_and_says_why() {
        for (typed, says) in [
            ("9", "as a start and an end"),
            ("9-25", "not a time range"),
            ("13pm-14pm", "not a time range"),
            ("9:7-10", "not a time range"),
            ("9:07-10", "not a time range"),
            ("24:00-24:00", "not a time range"),
            ("12-9", "ends before it starts"),
            ("9:00-9:10", "shorter than 15 minutes"),
            ("9-12, 11-13", "overlap"),
            ("8-9,9-10,10-11,11-12,12-13,13-14,14-15", "at most 6"),
            ("\u{7}9-\u{0}", "not a time range"),
        ] {
            let message = day_ranges(typed).expect_err(typed);
            assert!(message.contains(says), "{typed}: {message}");
            assert!(!message.chars().any(char::is_control), "{typed}");
        }
    }

    #[test]
    fn ranges_written_back_read_the_same() {
        let ranges = vec![(540, 720), (780, 1440)];
        assert_eq!(write_ranges(&ranges), "09:00-12:00, 13:00-24:00");
        assert_eq!(day_ranges(&write_ranges(&ranges)), Ok(ranges));
    }

    #[test]
    fn reads_time_off_by_line() {
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("date");
        let read = time_off("2026-12-24 to 2026-12-26\n\n12/31/2026\n2026-07-03 - 2026-07-05")
            .expect("reads");
        assert_eq!(
            read,
            [
                (d(7, 3), d(7, 5)),
                (d(12, 24), d(12, 26)),
                (d(12, 31), d(12, 31))
            ]
        );
        assert_eq!(time_off(&write_time_off(&read)), Ok(read.clone()));
        assert_eq!(
            time_off("24/12/2026 al 26/12/2026").ok(),
            None,
            "day-first dates are not read as US dates"
        );
        assert_eq!(
            time_off("12/24/2026 al 12/26/2026\n2026-07-03 a 2026-07-05\n2026-12-31"),
            Ok(read),
            "the Spanish words for a range"
        );
        for (typed, says) in [
            ("tomorrow", "Line 1"),
            (
                "2026-12-24\n2026-12-30 to 2026-12-01",
                "Line 2: the last day",
            ),
            ("2026-01-01 to 2027-06-01", "at most 366"),
        ] {
            let message = time_off(typed).expect_err(typed);
            assert!(message.contains(says), "{typed}: {message}");
        }
        assert!(time_off(&"2026-01-01\n".repeat(51)).is_err());
    }
}
