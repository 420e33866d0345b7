//! Working hours for demo practitioners: about half of them get one of a few weekly
//! patterns real practices keep, so a first run shows open times out of the box.
//! Drawn from the practitioner's id alone, so the rest of the demo data is the same
//! whether or not a profile gets hours.

use chrono::{NaiveDate, TimeDelta};
use chrono_tz::Tz;

use super::demo::Rng;
use crate::schedule::{Minute, Stored, Week};

const MORNING_AND_AFTERNOON: [(Minute, Minute); 2] = [(9 * 60, 12 * 60), (13 * 60, 17 * 60)];

/// The weekly patterns, each with the lengths and buffer that go with it.
fn pattern(which: usize) -> (Week, Vec<Minute>, u16) {
    let mut week = Week::default();
    match which {
        // Weekdays with a lunch break.
        0 => {
            for day in 0..5 {
                week.0[day] = MORNING_AND_AFTERNOON.to_vec();
            }
            (week, vec![60, 90], 15)
        }
        // A clinic open Tuesday to Saturday.
        1 => {
            for day in 1..6 {
                week.0[day] = vec![(10 * 60, 18 * 60)];
            }
            (week, vec![30, 60, 90], 0)
        }
        // Early on Monday, Wednesday and Friday; late on Tuesday and Thursday.
        2 => {
            for day in [0, 2, 4] {
                week.0[day] = vec![(8 * 60, 14 * 60)];
            }
            for day in [1, 3] {
                week.0[day] = vec![(12 * 60, 20 * 60)];
            }
            (week, vec![60], 15)
        }
        // Part-time: weekday evenings and Saturday morning.
        _ => {
            for day in 0..4 {
                week.0[day] = vec![(16 * 60, 21 * 60)];
            }
            week.0[5] = vec![(9 * 60, 13 * 60)];
            (week, vec![60, 90], 30)
        }
    }
}

/// The demo schedule of practitioner `id` in `zone`, or `None` for the half without.
pub fn demo_schedule(id: i64, zone: Option<Tz>, today: NaiveDate) -> Option<Stored> {
    let mut rng = Rng(0x0000_4F0E_5EED ^ (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    if zone.is_none() || rng.below(2) == 0 {
        return None;
    }
    let (week, lengths, buffer_minutes) = pattern(rng.below(4));
    // One in five is away for a week, some time in the next two months.
    let time_off = if rng.below(5) == 0 {
        let first = today + TimeDelta::days(rng.below(50) as i64 + 3);
        vec![(first, first + TimeDelta::days(6))]
    } else {
        Vec::new()
    };
    Some(Stored {
        zone,
        week,
        lengths,
        buffer_minutes,
        horizon_days: crate::schedule::DEFAULT_HORIZON_DAYS,
        notice_hours: crate::schedule::DEFAULT_NOTICE_HOURS,
        time_off,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn about_half_get_hours_and_each_pattern_is_used() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).expect("date");
        let zone = Some(chrono_tz::America::Chicago);
        let all: Vec<Stored> = (1..=1000)
            .filter_map(|id| demo_schedule(id, zone, today))
            .collect();
        assert!((400..=600).contains(&all.len()), "{}", all.len());
        for lengths in [vec![60, 90], vec![30, 60, 90], vec![60]] {
            assert!(all.iter().any(|s| s.lengths == lengths));
        }
        assert!(all.iter().all(|s| s.plan().is_some()));
        assert_eq!(demo_schedule(7, None, today), None);
        assert_eq!(demo_schedule(7, zone, today), demo_schedule(7, zone, today));
    }
}
