//! Working hours: the week, the session lengths, the buffer, the booking horizon, the
//! shortest notice and time off, saved as one schedule in the practice's zone.

use chrono_tz::Tz;

use super::*;
use crate::schedule::{self, Minute, Stored, Week, parse};

/// The weekday fields, Monday first, with their names.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The hours form, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct HoursInput {
    /// Monday's ranges, such as `9:00-12:00, 13:00-17:00`.
    pub mon: String,
    /// Tuesday's ranges.
    pub tue: String,
    /// Wednesday's ranges.
    pub wed: String,
    /// Thursday's ranges.
    pub thu: String,
    /// Friday's ranges.
    pub fri: String,
    /// Saturday's ranges.
    pub sat: String,
    /// Sunday's ranges.
    pub sun: String,
    /// Session lengths offered, each a checkbox.
    pub lengths: Vec<String>,
    /// Minutes kept free around every visit.
    pub buffer_minutes: String,
    /// How many days ahead people may book.
    pub horizon_days: String,
    /// The shortest notice, in hours.
    pub notice_hours: String,
    /// One date or range of dates per line.
    pub time_off: String,
}

impl HoursInput {
    /// The day fields in weekday order.
    pub fn days(&self) -> [&str; 7] {
        [
            &self.mon, &self.tue, &self.wed, &self.thu, &self.fri, &self.sat, &self.sun,
        ]
    }

    /// A stored schedule written back as the form shows it; the defaults where there is
    /// none yet.
    pub fn from_stored(stored: Option<&Stored>) -> Self {
        let Some(s) = stored else {
            return Self {
                lengths: vec!["60".into()],
                buffer_minutes: "0".into(),
                horizon_days: schedule::DEFAULT_HORIZON_DAYS.to_string(),
                notice_hours: schedule::DEFAULT_NOTICE_HOURS.to_string(),
                ..Self::default()
            };
        };
        let day = |d: usize| parse::write_ranges(&s.week.0[d]);
        Self {
            mon: day(0),
            tue: day(1),
            wed: day(2),
            thu: day(3),
            fri: day(4),
            sat: day(5),
            sun: day(6),
            lengths: s.lengths.iter().map(ToString::to_string).collect(),
            buffer_minutes: s.buffer_minutes.to_string(),
            horizon_days: s.horizon_days.to_string(),
            notice_hours: s.notice_hours.to_string(),
            time_off: parse::write_time_off(&s.time_off),
        }
    }
}

/// Checks the hours form and saves it as the practitioner's schedule, in `zone`.
pub async fn save_hours(
    db: &DatabaseConnection,
    zone: Option<Tz>,
    p: &practitioner::Model,
    input: &HoursInput,
) -> EditResult {
    let mut errors = FieldErrors::new();
    let mut week = Week::default();
    for (d, field) in WEEKDAYS.iter().enumerate() {
        match parse::day_ranges(input.days()[d]) {
            Ok(ranges) => week.0[d] = ranges,
            Err(message) => {
                errors.insert((*field).into(), message);
            }
        }
    }
    let mut lengths: Vec<Minute> = Vec::new();
    for typed in &input.lengths {
        match typed.trim().parse::<Minute>() {
            Ok(l) if schedule::LENGTHS.contains(&l) => lengths.push(l),
            _ => {
                errors.insert("lengths".into(), say("edit-lengths"));
            }
        }
    }
    lengths.sort_unstable();
    lengths.dedup();
    if lengths.is_empty() && !errors.contains_key("lengths") {
        errors.insert("lengths".into(), say("edit-lengths-none"));
    }
    // Hours whose every range is shorter than every session would offer nothing.
    let longest_range = week
        .0
        .iter()
        .flatten()
        .map(|(open, close)| close - open)
        .max();
    if !errors.contains_key("lengths")
        && let (Some(shortest), Some(longest)) = (lengths.first(), longest_range)
        && longest < *shortest
    {
        errors.insert(
            "lengths".into(),
            say_with(
                "edit-lengths-fit",
                [("minutes", FluentValue::from(*shortest))],
            ),
        );
    }
    let buffer = whole(
        &input.buffer_minutes,
        "buffer_minutes",
        0..=120,
        &mut errors,
    );
    let horizon = whole(&input.horizon_days, "horizon_days", 1..=365, &mut errors);
    let notice = whole(&input.notice_hours, "notice_hours", 0..=336, &mut errors);
    let time_off = parse::time_off(&input.time_off).unwrap_or_else(|message| {
        errors.insert("time_off".into(), message);
        Vec::new()
    });
    check(errors)?;
    let (Some(buffer), Some(horizon), Some(notice)) = (buffer, horizon, notice) else {
        return Err(EditError::Invalid(FieldErrors::new()));
    };
    let small = |n: i32| u16::try_from(n).unwrap_or_default();
    schedule::save(
        db,
        p.id,
        Stored {
            zone,
            week,
            lengths,
            buffer_minutes: small(buffer),
            horizon_days: small(horizon),
            notice_hours: small(notice),
            time_off,
        },
        Utc::now(),
    )
    .await?;
    Ok(())
}
