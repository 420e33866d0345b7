//! Open times as pages show them: grouped by day on the practice's clock, with the
//! zone named, and the short "next open" beside a match.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::schedule::{OpenTimes, Slot};

/// Days of open times a profile shows at once.
pub const PROFILE_DAYS: u32 = 7;

/// The open-times panel of a profile.
#[derive(Debug, Serialize)]
pub struct ProfileTimes {
    /// The zone, named.
    pub zone: String,
    /// "30, 60 or 90 minutes".
    pub lengths: String,
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
        lengths: match lengths.split_last() {
            Some((last, [])) => format!("{last} minutes"),
            Some((last, rest)) => format!("{} or {last} minutes", rest.join(", ")),
            None => String::new(),
        },
        days: by_day(&open.slots),
        first_day: from.format("%A, %B %-d").to_string(),
        last_day: last.format("%A, %B %-d").to_string(),
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
    /// The starts that day, "9:00 AM", each once whatever lengths it offers.
    pub starts: Vec<String>,
}

/// Slots grouped by their local day, each start once.
pub fn by_day(slots: &[Slot]) -> Vec<DayTimes> {
    let mut days: Vec<DayTimes> = Vec::new();
    let mut last = None;
    for slot in slots {
        let date = slot.start.date_naive();
        if last != Some(date) {
            days.push(DayTimes {
                day: slot.start.format("%A, %B %-d").to_string(),
                starts: Vec::new(),
            });
            last = Some(date);
        }
        let start = clock(slot.start);
        if let Some(day) = days.last_mut()
            && day.starts.last() != Some(&start)
        {
            day.starts.push(start);
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
        "today".to_owned()
    } else if today.succ_opt() == Some(date) {
        "tomorrow".to_owned()
    } else if (date - today).num_days() < 7 {
        slot.start.format("%a").to_string()
    } else {
        slot.start.format("%a %b %-d").to_string()
    };
    format!("{day} {} {}", clock(slot.start), slot.start.format("%Z"))
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
        let days = by_day(&[
            slot(8, 9, 30),
            slot(8, 9, 60),
            slot(8, 14, 60),
            slot(9, 9, 60),
        ]);
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].day, "Tuesday, December 8");
        assert_eq!(days[0].starts, ["9:00 AM", "2:00 PM"]);
        assert_eq!(days[1].starts, ["9:00 AM"]);
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
