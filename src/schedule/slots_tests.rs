use chrono::{NaiveDate, TimeZone, Timelike, Utc};
use chrono_tz::{America::Chicago, Australia::Sydney, Tz};
use proptest::prelude::*;

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn at(zone: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    zone.with_ymd_and_hms(y, m, d, h, min, 0)
        .earliest()
        .expect("time")
        .with_timezone(&Utc)
}

fn every_day(ranges: &[(Minute, Minute)]) -> Week {
    Week(std::array::from_fn(|_| ranges.to_vec()))
}

fn plan(zone: Tz, week: Week, lengths: &[Minute]) -> Plan {
    Plan {
        zone,
        week,
        lengths: lengths.to_vec(),
        buffer_minutes: 0,
        horizon_days: 60,
        notice_hours: 0,
        time_off: Vec::new(),
    }
}

/// Starts as "HH:MM/length" on the practice's clock, with the offset.
fn shown(slots: &[Slot]) -> Vec<String> {
    slots
        .iter()
        .map(|s| format!("{}/{}", s.start.format("%H:%M%:z"), s.minutes))
        .collect()
}

#[test]
fn nine_o_clock_is_nine_local_on_both_sides_of_each_change() {
    let p = plan(Chicago, every_day(&[(540, 600)]), &[60]);
    let now = at(Chicago, 2026, 3, 1, 0, 0);
    // 2026-03-08 is the spring change in the US; 2026-11-01 the autumn one.
    let before = p.open_slots(&[], now, date(2026, 3, 7), 1);
    let after = p.open_slots(&[], now, date(2026, 3, 9), 1);
    assert_eq!(shown(&before), ["09:00-06:00/60"]);
    assert_eq!(shown(&after), ["09:00-05:00/60"]);
    let now = at(Chicago, 2026, 10, 25, 0, 0);
    assert_eq!(
        shown(&p.open_slots(&[], now, date(2026, 10, 31), 1)),
        ["09:00-05:00/60"]
    );
    assert_eq!(
        shown(&p.open_slots(&[], now, date(2026, 11, 2), 1)),
        ["09:00-06:00/60"]
    );
}

#[test]
fn a_time_the_spring_change_skips_is_not_offered() {
    let p = plan(Chicago, every_day(&[(60, 240)]), &[30]);
    let now = at(Chicago, 2026, 3, 1, 0, 0);
    let slots = p.open_slots(&[], now, date(2026, 3, 8), 1);
    // 2:00–2:59 does not exist; 1:30 would end at 3:00 after 30 real minutes.
    assert_eq!(
        shown(&slots),
        ["01:00-06:00/30", "03:00-05:00/30", "03:30-05:00/30"]
    );
}

#[test]
fn a_session_the_autumn_change_would_lengthen_is_not_offered() {
    let p = plan(Chicago, every_day(&[(0, 180)]), &[60]);
    let now = at(Chicago, 2026, 10, 25, 0, 0);
    let slots = p.open_slots(&[], now, date(2026, 11, 1), 1);
    // 1:00–2:00 on the wall clock lasts two real hours that night.
    assert_eq!(
        shown(&slots),
        ["00:00-05:00/60", "00:30-05:00/60", "02:00-06:00/60"]
    );
}

#[test]
fn the_southern_hemisphere_changes_the_other_way() {
    let p = plan(Sydney, every_day(&[(90, 210), (540, 600)]), &[30]);
    let now = at(Sydney, 2026, 9, 20, 0, 0);
    // Sydney springs forward at 2:00 on 2026-10-04: 1:30 would end at 3:00 after 30
    // real minutes, and 2:00–2:59 does not exist.
    let slots = p.open_slots(&[], now, date(2026, 10, 3), 2);
    assert_eq!(
        shown(&slots),
        [
            "01:30+10:00/30",
            "02:00+10:00/30",
            "02:30+10:00/30",
            "03:00+10:00/30",
            "09:00+10:00/30",
            "09:30+10:00/30",
            "03:00+11:00/30",
            "09:00+11:00/30",
            "09:30+11:00/30",
        ]
    );
}

#[test]
fn the_buffer_keeps_time_free_around_a_visit() {
    let mut p = plan(Chicago, every_day(&[(540, 780)]), &[60]);
    p.buffer_minutes = 15;
    let busy = [Busy {
        start: at(Chicago, 2026, 12, 8, 10, 0),
        end: at(Chicago, 2026, 12, 8, 11, 0),
    }];
    let now = at(Chicago, 2026, 12, 1, 0, 0);
    let slots = p.open_slots(&busy, now, date(2026, 12, 8), 1);
    assert_eq!(shown(&slots), ["11:30-06:00/60", "12:00-06:00/60"]);
    p.buffer_minutes = 0;
    let slots = p.open_slots(&busy, now, date(2026, 12, 8), 1);
    assert_eq!(
        shown(&slots),
        [
            "09:00-06:00/60",
            "11:00-06:00/60",
            "11:30-06:00/60",
            "12:00-06:00/60"
        ]
    );
}

#[test]
fn time_off_removes_whole_days() {
    let mut p = plan(Chicago, every_day(&[(540, 600)]), &[60]);
    p.time_off = vec![(date(2026, 12, 24), date(2026, 12, 26))];
    let now = at(Chicago, 2026, 12, 20, 0, 0);
    let days: Vec<u32> = p
        .open_slots(&[], now, date(2026, 12, 23), 5)
        .iter()
        .map(|s| s.start.day())
        .collect();
    assert_eq!(days, [23, 27]);
}

#[test]
fn nothing_starts_inside_the_notice_or_in_the_past() {
    let mut p = plan(Chicago, every_day(&[(540, 1020)]), &[60]);
    let now = at(Chicago, 2026, 12, 8, 10, 15);
    let today = p.open_slots(&[], now, date(2026, 12, 8), 1);
    assert_eq!(today.first().map(|s| s.start.hour()), Some(10));
    assert_eq!(today.first().map(|s| s.start.minute()), Some(30));
    p.notice_hours = 12;
    assert!(p.open_slots(&[], now, date(2026, 12, 8), 1).is_empty());
    let tomorrow = p.open_slots(&[], now, date(2026, 12, 9), 1);
    // 12 hours from 10:15 is 22:15, so all of the next day is open.
    assert_eq!(tomorrow.first().map(|s| s.start.hour()), Some(9));
    assert!(
        p.open_slots(&[], now, date(2026, 12, 1), 7)
            .iter()
            .all(|s| s.start.with_timezone(&Utc) >= now)
    );
}

#[test]
fn nothing_is_offered_past_the_horizon() {
    let mut p = plan(Chicago, every_day(&[(540, 600)]), &[60]);
    p.horizon_days = 3;
    let now = at(Chicago, 2026, 12, 8, 12, 0);
    let slots = p.open_slots(&[], now, date(2026, 12, 8), 31);
    let days: Vec<u32> = slots.iter().map(|s| s.start.day()).collect();
    // Three days from noon on the 8th is noon on the 11th: 9:00 that day is in.
    assert_eq!(days, [9, 10, 11]);
    p.horizon_days = 1;
    assert_eq!(p.open_slots(&[], now, date(2026, 12, 8), 31).len(), 1);
}

#[test]
fn lengths_share_starts_and_each_must_fit_the_range() {
    let p = plan(Chicago, every_day(&[(540, 660)]), &[30, 60, 90]);
    let now = at(Chicago, 2026, 12, 1, 0, 0);
    let slots = p.open_slots(&[], now, date(2026, 12, 8), 1);
    assert_eq!(
        shown(&slots),
        [
            "09:00-06:00/30",
            "09:00-06:00/60",
            "09:00-06:00/90",
            "09:30-06:00/30",
            "09:30-06:00/60",
            "09:30-06:00/90",
            "10:00-06:00/30",
            "10:00-06:00/60",
            "10:30-06:00/30",
        ]
    );
    let p = plan(Chicago, every_day(&[(540, 600)]), &[45]);
    assert_eq!(
        shown(&p.open_slots(&[], now, date(2026, 12, 8), 1)),
        ["09:00-06:00/45", "09:15-06:00/45"]
    );
}

#[test]
fn next_open_is_the_first_open_time_and_skips_busy_days() {
    let mut week = Week::default();
    week.0[1] = vec![(540, 600)]; // Tuesdays 9–10
    let p = plan(Chicago, week, &[60]);
    let now = at(Chicago, 2026, 12, 7, 8, 0); // a Monday
    let next = p.next_open(&[], now).expect("open");
    assert_eq!(next.start.to_rfc3339(), "2026-12-08T09:00:00-06:00");
    let busy = [Busy {
        start: next.start.with_timezone(&Utc),
        end: next.start.with_timezone(&Utc) + Duration::hours(1),
    }];
    let next = p.next_open(&busy, now).expect("open");
    assert_eq!(next.start.to_rfc3339(), "2026-12-15T09:00:00-06:00");
    assert_eq!(
        plan(Chicago, Week::default(), &[60]).next_open(&[], now),
        None
    );
}

const ZONES: [Tz; 4] = [
    Chicago,
    Sydney,
    chrono_tz::Europe::London,
    chrono_tz::America::Phoenix,
];

prop_compose! {
    fn any_plan()(
        zone in 0..ZONES.len(),
        days in proptest::collection::vec(
            proptest::collection::vec((0u16..96, 1u16..24), 0..3), 7),
        lengths in proptest::sample::subsequence(vec![15u16, 30, 45, 60, 90, 120], 1..4),
        buffer in 0u16..60,
        horizon in 1u16..40,
        notice in 0u16..48,
        off in proptest::collection::vec((0i64..60, 0i64..5), 0..3),
    ) -> Plan {
        let base = date(2026, 1, 1);
        let week = Week(std::array::from_fn(|d| {
            // Ranges in quarter hours, made ordered and apart.
            let mut at = 0u16;
            let mut out = Vec::new();
            for (gap, len) in &days[d] {
                let start = at + gap * 15 / 4;
                let start = start - start % 15;
                let end = (start + len * 15).min(END_OF_DAY);
                if start < end {
                    out.push((start, end));
                    at = end;
                }
            }
            out
        }));
        Plan {
            zone: ZONES[zone],
            week,
            lengths,
            buffer_minutes: buffer,
            horizon_days: horizon,
            notice_hours: notice,
            time_off: off
                .into_iter()
                .map(|(s, l)| (base + Duration::days(s * 5), base + Duration::days(s * 5 + l)))
                .collect(),
        }
    }
}

proptest! {
    #[test]
    fn every_open_time_keeps_every_rule(
        p in any_plan(),
        now_minutes in 0i64..(366 * 24 * 60),
        visits in proptest::collection::vec((0i64..(40 * 24 * 4), 1i64..9), 0..6),
    ) {
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().expect("now")
            + Duration::minutes(now_minutes);
        let busy: Vec<Busy> = visits
            .iter()
            .map(|(q, l)| {
                let start = now + Duration::minutes(q * 15);
                Busy { start, end: start + Duration::minutes(l * 15) }
            })
            .collect();
        let from = p.today(now) - Duration::days(1);
        let slots = p.open_slots(&busy, now, from, 45);
        let buffer = Duration::minutes(i64::from(p.buffer_minutes));
        for s in &slots {
            let start = s.start.with_timezone(&Utc);
            let end = start + Duration::minutes(i64::from(s.minutes));
            prop_assert!(start >= now + Duration::hours(i64::from(p.notice_hours)));
            prop_assert!(start <= now + Duration::days(i64::from(p.horizon_days)));
            prop_assert!(!p.is_off(s.start.date_naive()));
            prop_assert!(p.lengths.contains(&s.minutes));
            // The wall clock moves by exactly the length.
            let wall = s.start.with_timezone(&p.zone).naive_local();
            let wall_end = end.with_timezone(&p.zone).naive_local();
            prop_assert_eq!(wall_end - wall, Duration::minutes(i64::from(s.minutes)));
            let from_midnight = (wall.time().num_seconds_from_midnight() / 60) as u16;
            let within = p
                .week
                .on(wall.date())
                .iter()
                .any(|(a, b)| *a <= from_midnight && from_midnight + s.minutes <= *b);
            prop_assert!(within);
            for b in &busy {
                prop_assert!(end <= b.start - buffer || start >= b.end + buffer);
            }
        }
        prop_assert!(slots.windows(2).all(|w| (w[0].start, w[0].minutes) < (w[1].start, w[1].minutes)));
        // The next open time is the first of them.
        prop_assert_eq!(p.next_open(&busy, now), slots.first().copied());
        // A further visit only ever takes times away.
        let fewer = p.open_slots(&busy[..busy.len().saturating_sub(1)], now, from, 45);
        prop_assert!(slots.iter().all(|s| fewer.contains(s)));
    }
}
