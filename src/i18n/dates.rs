//! Days and times as a language writes them: "Tuesday, December 8" or "martes, 8 de
//! diciembre", and "or" lists of lengths. Pure: the caller names the language (pages
//! pass the request's, mail the one its reader chose).

use chrono::{Datelike, NaiveDate};

use super::{FluentValue, Lang, text, text_with};

fn say(lang: Lang, key: &str) -> String {
    text(lang, key)
}

fn say_with<'a>(
    lang: Lang,
    key: &str,
    args: impl IntoIterator<Item = (&'static str, FluentValue<'a>)>,
) -> String {
    text_with(lang, key, args)
}

/// A weekday's name (`short`: "Tue") in the current request's language.
fn weekday(lang: Lang, date: NaiveDate, short: bool) -> String {
    let n = date.weekday().num_days_from_monday();
    say(
        lang,
        &if short {
            format!("weekday-short-{n}")
        } else {
            format!("weekday-{n}")
        },
    )
}

/// A month's name (`short`: "Dec") in the current request's language.
fn month(lang: Lang, date: NaiveDate, short: bool) -> String {
    let n = date.month();
    say(
        lang,
        &if short {
            format!("month-short-{n}")
        } else {
            format!("month-{n}")
        },
    )
}

/// "Tuesday, December 8".
pub fn long_day(lang: Lang, date: NaiveDate) -> String {
    say_with(
        lang,
        "date-long",
        [
            ("weekday", weekday(lang, date, false).into()),
            ("month", month(lang, date, false).into()),
            ("day", date.day().into()),
        ],
    )
}

/// "Tue Dec 15", or just "Tue" when `with_date` is false.
pub fn short_day(lang: Lang, date: NaiveDate, with_date: bool) -> String {
    if !with_date {
        return weekday(lang, date, true);
    }
    say_with(
        lang,
        "date-short",
        [
            ("weekday", weekday(lang, date, true).into()),
            ("month", month(lang, date, true).into()),
            ("day", date.day().into()),
        ],
    )
}

/// Names joined as alternatives: "30, 60 or 90" ("30, 60 o 90").
pub fn list_or(lang: Lang, names: &[String]) -> String {
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => say_with(
            lang,
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
pub fn minutes(lang: Lang, lengths: &[String], short: bool) -> String {
    say_with(
        lang,
        if short {
            "minutes-short"
        } else {
            "minutes-long"
        },
        [("list", list_or(lang, lengths).into())],
    )
}

/// A moment on a clock as mail says it: "Tuesday, December 8 at 9:00 AM CST".
pub fn moment<Tz: chrono::TimeZone>(lang: Lang, at: &chrono::DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    say_with(
        lang,
        "date-moment",
        [
            ("day", long_day(lang, at.date_naive()).into()),
            ("time", at.format("%-I:%M %p").to_string().into()),
            ("zone", at.format("%Z").to_string().into()),
        ],
    )
}

/// A moment with its year, as a list of messages shows it: "Jan 5, 2026, 3:04 PM CST".
pub fn stamp<Tz: chrono::TimeZone>(lang: Lang, at: &chrono::DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let date = at.date_naive();
    say_with(
        lang,
        "date-stamp",
        [
            ("month", month(lang, date, true).into()),
            ("day", date.day().into()),
            ("year", date.year().to_string().into()),
            ("time", at.format("%-I:%M %p").to_string().into()),
            ("zone", at.format("%Z").to_string().into()),
        ],
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
