//! Open times as pages show them: grouped by day on the practice's clock, with the
//! zone named, and the short "next open" beside a match.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::{
    i18n::{Lang, dates},
    schedule::{Minute, OpenTimes, Slot},
    wording,
};

/// Days of open times a profile shows at once.
pub const PROFILE_DAYS: u32 = 7;

/// The open-times panel of a profile.
#[derive(Debug, Serialize)]
pub struct ProfileTimes {
    /// The zone, named.
    pub zone: String,
    /// "30, 60 or 90 minutes".
    pub lengths: String,
    /// The lengths offered, for the picker.
    pub offered: Vec<Minute>,
    /// The days shown that have open times.
    pub days: Vec<DayTimes>,
    /// The first and last day shown, "December 8" – "December 14".
    pub first_day: String,
    /// The last day shown.
    pub last_day: String,
    /// The link to the next days.
    pub later: String,
    /// The link to the days before, when these are not the first.
    pub earlier: Option<String>,
    /// Why the days asked for were not the ones shown, when they were not.
    pub notice: Option<String>,
}

/// The panel for a profile, or `None` when the practice has no hours or no zone.
pub fn profile_times(
    open: &OpenTimes,
    slug: &str,
    now: DateTime<Utc>,
    notice: Option<String>,
) -> Option<ProfileTimes> {
    let zone = open.zone?;
    let from = open.from?;
    if open.lengths.is_empty() {
        return None;
    }
    let today = now.with_timezone(&zone).date_naive();
    let after = |day: chrono::NaiveDate, days: u32| {
        day.checked_add_days(chrono::Days::new(u64::from(days)))
            .unwrap_or(chrono::NaiveDate::MAX)
    };
    let last = after(from, PROFILE_DAYS - 1);
    let link = |day: chrono::NaiveDate| format!("/p/{slug}?from={day}#open-times");
    let lengths: Vec<String> = open.lengths.iter().map(ToString::to_string).collect();
    Some(ProfileTimes {
        zone: zone_label(zone, now),
        lengths: dates::minutes(Lang::current(), &lengths, false),
        days: by_day(&open.slots, &open.lengths),
        offered: open.lengths.clone(),
        first_day: dates::long_day(Lang::current(), from),
        last_day: dates::long_day(Lang::current(), last),
        later: link(after(last, 1)),
        earlier: (from > today)
            .then(|| link((from - chrono::Days::new(u64::from(PROFILE_DAYS))).max(today))),
        notice,
    })
}

/// One day of open times.
#[derive(Debug, Serialize)]
pub struct DayTimes {
    /// "Tuesday, December 8".
    pub day: String,
    /// The starts that day, each once whatever lengths it offers.
    pub starts: Vec<Start>,
    /// The local date.
    #[serde(skip)]
    pub date: chrono::NaiveDate,
}

/// One open start, as a picker offers it.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Start {
    /// "9:00 AM".
    pub label: String,
    /// The start as the form sends it: RFC 3339 with the practice's offset.
    pub value: String,
    /// An id for the start's input: "t-20261208-0900".
    pub id: String,
    /// The lengths that fit, when not every length offered does: "30 or 60 min".
    pub fits: Option<String>,
}

/// Slots grouped by their local day, each start once; `lengths` are those offered.
pub fn by_day(slots: &[Slot], lengths: &[Minute]) -> Vec<DayTimes> {
    let mut days: Vec<DayTimes> = Vec::new();
    let mut i = 0;
    while i < slots.len() {
        let start = slots[i].start;
        let fitting: Vec<Minute> = slots[i..]
            .iter()
            .take_while(|s| s.start == start)
            .map(|s| s.minutes)
            .collect();
        i += fitting.len();
        let date = start.date_naive();
        if days.last().is_none_or(|d| d.date != date) {
            days.push(DayTimes {
                day: dates::long_day(Lang::current(), date),
                starts: Vec::new(),
                date,
            });
        }
        let fits = (fitting.len() < lengths.len()).then(|| {
            let words: Vec<String> = fitting.iter().map(ToString::to_string).collect();
            dates::minutes(Lang::current(), &words, true)
        });
        if let Some(day) = days.last_mut() {
            day.starts.push(Start {
                label: clock(start),
                value: start.to_rfc3339(),
                id: start.format("t-%Y%m%d-%H%M").to_string(),
                fits,
            });
        }
    }
    days
}

/// "9:00 AM".
fn clock(at: DateTime<Tz>) -> String {
    at.format("%-I:%M %p").to_string()
}

/// The zone as people read it: "America/Chicago (CST)", abbreviated as it is `now`.
pub fn zone_label(zone: Tz, now: DateTime<Utc>) -> String {
    format!(
        "{} ({})",
        zone.name().replace('_', " "),
        now.with_timezone(&zone).format("%Z")
    )
}

/// The short form beside a match: "Tue 9:00 AM CST", with "today" and "tomorrow" on
/// the practice's clock.
pub fn next_open_label(slot: &Slot, now: DateTime<Utc>) -> String {
    let today = now.with_timezone(&slot.start.timezone()).date_naive();
    let date = slot.start.date_naive();
    let day = if date == today {
        wording::say("day-today")
    } else if today.succ_opt() == Some(date) {
        wording::say("day-tomorrow")
    } else {
        dates::short_day(Lang::current(), date, (date - today).num_days() >= 7)
    };
    wording::say_with(
        "next-open-label",
        [
            ("day", day.into()),
            ("time", clock(slot.start).into()),
            ("zone", slot.start.format("%Z").to_string().into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use chrono_tz::America::Chicago;

    use super::*;

    fn slot(d: u32, h: u32, minutes: u16) -> Slot {
        Slot {
            start: Chicago.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap(),
            minutes,
        }
    }

    #[test]
    fn groups_by_day_with_each_start_once() {
        let days = by_day(
            &[
                slot(8, 9, 30),
                slot(8, 9, 60),
                slot(8, 14, 30),
                slot(9, 9, 60),
            ],
            &[30, 60],
        );
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].day, "Tuesday, December 8");
        let labels = |d: &DayTimes| d.starts.iter().map(|s| s.label.clone()).collect::<Vec<_>>();
        assert_eq!(labels(&days[0]), ["9:00 AM", "2:00 PM"]);
        assert_eq!(labels(&days[1]), ["9:00 AM"]);
        assert_eq!(days[0].starts[0].value, "2026-12-08T09:00:00-06:00");
        assert_eq!(days[0].starts[0].id, "t-20261208-0900");
        assert_eq!(days[0].starts[0].fits, None, "both lengths fit");
        assert_eq!(days[0].starts[1].fits.as_deref(), Some("30 min"));
    }

    #[test]
    fn names_the_next_open_day_as_people_say_it() {
        let now = Chicago
            .with_ymd_and_hms(2026, 12, 7, 20, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(next_open_label(&slot(7, 21, 60), now), "today 9:00 PM CST");
        assert_eq!(
            next_open_label(&slot(8, 9, 60), now),
            "tomorrow 9:00 AM CST"
        );
        assert_eq!(next_open_label(&slot(10, 9, 60), now), "Thu 9:00 AM CST");
        assert_eq!(
            next_open_label(&slot(15, 9, 60), now),
            "Tue Dec 15 9:00 AM CST"
        );
        assert_eq!(zone_label(Chicago, now), "America/Chicago (CST)");
    }
}
