//! Days and times as the reader's language writes them: "Tuesday, December 8" or
//! "martes, 8 de diciembre", "or" lists of lengths, and the short "next open" label.

use chrono::{Datelike, NaiveDate};

use super::{say, say_with};

/// A weekday's name (`short`: "Tue") in the current request's language.
fn weekday(date: NaiveDate, short: bool) -> String {
    let n = date.weekday().num_days_from_monday();
    say(&if short {
        format!("weekday-short-{n}")
    } else {
        format!("weekday-{n}")
    })
}

/// A month's name (`short`: "Dec") in the current request's language.
fn month(date: NaiveDate, short: bool) -> String {
    let n = date.month();
    say(&if short {
        format!("month-short-{n}")
    } else {
        format!("month-{n}")
    })
}

/// "Tuesday, December 8".
pub fn long_day(date: NaiveDate) -> String {
    say_with(
        "date-long",
        [
            ("weekday", weekday(date, false).into()),
            ("month", month(date, false).into()),
            ("day", date.day().into()),
        ],
    )
}

/// "Tue Dec 15", or just "Tue" when `with_date` is false.
pub fn short_day(date: NaiveDate, with_date: bool) -> String {
    if !with_date {
        return weekday(date, true);
    }
    say_with(
        "date-short",
        [
            ("weekday", weekday(date, true).into()),
            ("month", month(date, true).into()),
            ("day", date.day().into()),
        ],
    )
}

/// Names joined as alternatives: "30, 60 or 90" ("30, 60 o 90").
pub fn list_or(names: &[String]) -> String {
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => say_with(
            "list-or",
            [
                ("first", rest.join(", ").into()),
                ("last", last.clone().into()),
            ],
        ),
        None => String::new(),
    }
}

/// "30 or 60 minutes"; `short` writes "min".
pub fn minutes(lengths: &[String], short: bool) -> String {
    say_with(
        if short {
            "minutes-short"
        } else {
            "minutes-long"
        },
        [("list", list_or(lengths).into())],
    )
}

/// The key families this module looks up by number, for the catalogue test.
#[cfg(test)]
pub fn keys() -> Vec<String> {
    let mut keys = Vec::new();
    for n in 0..7 {
        keys.push(format!("weekday-{n}"));
        keys.push(format!("weekday-short-{n}"));
    }
    for n in 1..=12 {
        keys.push(format!("month-{n}"));
        keys.push(format!("month-short-{n}"));
    }
    keys
}
