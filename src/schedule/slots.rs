//! The slot arithmetic, pure: a week of working hours on the practice's own clock, the
//! booking rules, time off and busy visits in, open times out.
//!
//! Every time is worked out on the practice's wall clock and then placed in its zone,
//! so a 9:00 start is 9:00 local on both sides of a daylight-saving change. A start
//! that does not exist on the wall clock (2:30 on a spring-forward day) is not
//! offered, and neither is a session the change would lengthen or shorten: a session
//! is offered only when its end, counted in real minutes from its start, shows on the
//! wall clock as the start plus its length. Where a wall-clock time happens twice (the
//! autumn change), the first is meant.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Minutes from local midnight; a range ends at most at 24:00 (1440).
pub type Minute = u16;

/// The last minute a working range may end at.
pub const END_OF_DAY: Minute = 24 * 60;

/// Working hours for each weekday, Monday first: non-overlapping `[start, end)` ranges
/// in minutes from local midnight, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Week(pub [Vec<(Minute, Minute)>; 7]);

impl Week {
    /// The ranges of a date's weekday.
    pub fn on(&self, day: NaiveDate) -> &[(Minute, Minute)] {
        &self.0[day.weekday().num_days_from_monday() as usize]
    }

    /// Whether no day has any hours.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Vec::is_empty)
    }
}

/// Everything that decides the open times of one practice, apart from its visits.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The practice's zone; every wall-clock time is read in it.
    pub zone: Tz,
    /// Weekly hours.
    pub week: Week,
    /// Session lengths offered, in minutes, shortest first.
    pub lengths: Vec<Minute>,
    /// Minutes kept free before and after every booked visit.
    pub buffer_minutes: u16,
    /// How many days ahead a start may be.
    pub horizon_days: u16,
    /// How many hours ahead of now a start must be, at least.
    pub notice_hours: u16,
    /// Days off, as inclusive ranges of local dates.
    pub time_off: Vec<(NaiveDate, NaiveDate)>,
}

/// A visit that takes time: held or accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy {
    /// Start.
    pub start: DateTime<Utc>,
    /// End (exclusive).
    pub end: DateTime<Utc>,
}

/// One open time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// Start, in the practice's zone.
    pub start: DateTime<Tz>,
    /// Length in minutes.
    pub minutes: Minute,
}

impl Plan {
    /// Minutes between one offered start and the next: 30, or 15 when a length offered
    /// is not a multiple of 30.
    pub fn step(&self) -> Minute {
        if self.lengths.iter().all(|l| l % 30 == 0) {
            30
        } else {
            15
        }
    }

    /// Whether a local date is a day off.
    pub fn is_off(&self, day: NaiveDate) -> bool {
        self.time_off
            .iter()
            .any(|(first, last)| *first <= day && day <= *last)
    }

    /// Today on the practice's clock.
    pub fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.zone).date_naive()
    }

    /// The open times of `days` local dates from `from`, in order of start then length.
    /// Nothing starts before `now` plus the notice or after `now` plus the horizon, or
    /// touches a busy visit's time widened by the buffer.
    pub fn open_slots(
        &self,
        busy: &[Busy],
        now: DateTime<Utc>,
        from: NaiveDate,
        days: u32,
    ) -> Vec<Slot> {
        let mut out = Vec::new();
        let Some(window) = self.window(now) else {
            return out;
        };
        for day in from.iter_days().take(days as usize) {
            if day > self.today(window.1) {
                break;
            }
            self.day_slots(day, busy, window, &mut |slot| {
                out.push(slot);
                true
            });
        }
        out
    }

    /// The first open time from now, of any length, within the horizon.
    pub fn next_open(&self, busy: &[Busy], now: DateTime<Utc>) -> Option<Slot> {
        let window = self.window(now)?;
        let last = self.today(window.1);
        let mut found = None;
        for day in self.today(window.0).iter_days() {
            if day > last || found.is_some() {
                break;
            }
            self.day_slots(day, busy, window, &mut |slot| {
                found = Some(slot);
                false
            });
        }
        found
    }

    /// Whether `start` is offered for `minutes` at `now`: one of the open times of its
    /// local date, with the same rules as [`open_slots`](Self::open_slots).
    pub fn offers(
        &self,
        busy: &[Busy],
        now: DateTime<Utc>,
        start: DateTime<Utc>,
        minutes: Minute,
    ) -> bool {
        let Some(window) = self.window(now) else {
            return false;
        };
        let day = start.with_timezone(&self.zone).date_naive();
        let mut found = false;
        self.day_slots(day, busy, window, &mut |slot| {
            found = slot.start.with_timezone(&Utc) == start && slot.minutes == minutes;
            !found
        });
        found
    }

    /// The earliest and latest start allowed at `now`, or `None` when the rules can
    /// offer nothing.
    fn window(&self, now: DateTime<Utc>) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        if self.week.is_empty() || self.lengths.is_empty() || self.horizon_days == 0 {
            return None;
        }
        Some((
            now + Duration::hours(i64::from(self.notice_hours)),
            now + Duration::days(i64::from(self.horizon_days)),
        ))
    }

    /// Hands each open time of one local date to `emit`, in order, until it says stop.
    fn day_slots(
        &self,
        day: NaiveDate,
        busy: &[Busy],
        (earliest, latest): (DateTime<Utc>, DateTime<Utc>),
        emit: &mut dyn FnMut(Slot) -> bool,
    ) {
        if self.is_off(day) {
            return;
        }
        let buffer = Duration::minutes(i64::from(self.buffer_minutes));
        let step = self.step();
        for &(open, close) in self.week.on(day) {
            let mut minute = open;
            while minute < close {
                if let Some(start) = self.wall(day, minute)
                    && start.with_timezone(&Utc) >= earliest
                    && start.with_timezone(&Utc) <= latest
                {
                    for &length in &self.lengths {
                        if minute + length > close {
                            break;
                        }
                        let end = start + Duration::minutes(i64::from(length));
                        let true_length = end.naive_local()
                            == day.and_time(NaiveTime::MIN)
                                + Duration::minutes(i64::from(minute + length));
                        let (s, e) = (start.with_timezone(&Utc), end.with_timezone(&Utc));
                        let free = busy
                            .iter()
                            .all(|b| e <= b.start - buffer || s >= b.end + buffer);
                        if true_length
                            && free
                            && !emit(Slot {
                                start,
                                minutes: length,
                            })
                        {
                            return;
                        }
                    }
                }
                minute += step;
            }
        }
    }

    /// A wall-clock time of a date, the first where it happens twice; `None` where the
    /// clock skips it.
    fn wall(&self, day: NaiveDate, minute: Minute) -> Option<DateTime<Tz>> {
        let time = NaiveTime::from_hms_opt(u32::from(minute / 60), u32::from(minute % 60), 0)?;
        self.zone
            .from_local_datetime(&day.and_time(time))
            .earliest()
    }
}

#[cfg(test)]
#[path = "slots_tests.rs"]
mod tests;
