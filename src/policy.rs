//! Rules about listings that several rooms apply, each written once: when "accepting
//! new clients" lapses, when a profile counts as recently confirmed, the practice
//! types, and miles to kilometres.

use chrono::{DateTime, TimeDelta, Utc};

/// "Accepting new clients" lapses this many days after the practitioner last confirmed
/// it, so nobody is sent to a practitioner whose books filled months ago.
pub const ACCEPTING_LAPSE_DAYS: i64 = 30;
/// A profile confirmed within this many days counts as up to date.
pub const FRESH_PROFILE_DAYS: i64 = 180;
/// Kilometres in a statute mile.
pub const KM_PER_MILE: f64 = 1.609_344;

/// Yes answers (of the five clinical-practice questions) from which a practitioner is
/// shown as working clinically.
pub const CLINICAL_PRACTICE_YES: u8 = 3;

/// Whether this many yes answers earn the clinical-practice badge.
pub fn shows_clinical_practice(yes: u8) -> bool {
    yes >= CLINICAL_PRACTICE_YES
}

/// The practice types, slug and label.
pub const PRACTICE_TYPES: [(&str, &str); 4] = [
    ("clinic", "Clinic or office"),
    ("home_based", "Home-based practice"),
    ("mobile", "Mobile (I travel to clients)"),
    ("spa", "Spa"),
];

/// Whether `slug` names a practice type.
pub fn is_practice_type(slug: &str) -> bool {
    PRACTICE_TYPES.iter().any(|(s, _)| *s == slug)
}

/// The oldest confirmation of availability that still counts at `now`, in Unix
/// seconds: what search compares against.
pub fn accepting_since(now: DateTime<Utc>) -> i64 {
    (now - TimeDelta::days(ACCEPTING_LAPSE_DAYS)).timestamp()
}

/// Whether availability confirmed at `confirmed_ts` still counts at `now_ts`.
pub fn accepting_current(confirmed_ts: i64, now_ts: i64) -> bool {
    now_ts - confirmed_ts <= ACCEPTING_LAPSE_DAYS * 86_400
}

/// The availability to show: the practitioner's answer while it is current, and
/// nothing once it has lapsed or was never given.
pub fn current_availability(
    answer: Option<bool>,
    confirmed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<bool> {
    match (answer, confirmed_at) {
        (Some(value), Some(at)) if accepting_current(at.timestamp(), now.timestamp()) => {
            Some(value)
        }
        _ => None,
    }
}

/// Whether a profile confirmed at `confirmed_ts` counts as up to date at `now_ts`.
pub fn profile_fresh(confirmed_ts: i64, now_ts: i64) -> bool {
    now_ts - confirmed_ts <= FRESH_PROFILE_DAYS * 86_400
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn availability_lapses_after_thirty_days() {
        let now = DateTime::from_timestamp(1_790_000_000, 0).expect("time");
        let day = TimeDelta::days(1);
        assert_eq!(
            current_availability(Some(true), Some(now - day * 30), now),
            Some(true)
        );
        assert_eq!(
            current_availability(Some(false), Some(now - day), now),
            Some(false)
        );
        assert_eq!(
            current_availability(Some(true), Some(now - day * 31), now),
            None
        );
        assert_eq!(current_availability(None, Some(now), now), None);
        assert_eq!(accepting_since(now), (now - day * 30).timestamp());
        assert!(profile_fresh(
            (now - day * 180).timestamp(),
            now.timestamp()
        ));
        assert!(!profile_fresh(
            (now - day * 181).timestamp(),
            now.timestamp()
        ));
        assert!(is_practice_type("clinic") && !is_practice_type("castle"));
    }
}
