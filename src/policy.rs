//! Rules about listings that several rooms apply, each written once: when "accepting
//! new clients" lapses, when a profile counts as recently confirmed, the practice
//! types, the accessibility features, how a practitioner works (clinical, mixed or
//! relaxation-focused), and miles to kilometres.

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

/// Accessibility features a practice can offer, slug and label; search filters by
/// them, all of those asked for.
pub const ACCESSIBILITY: [(&str, &str); 5] = [
    ("step_free", "Step-free entry"),
    ("adjustable_table", "Height-adjustable table"),
    ("seated_or_side_lying", "Seated or side-lying work"),
    ("mobile_service", "Mobile service"),
    ("scent_free", "Scent-free room"),
];

/// How a practice may be paid, in the order the editor and the profile list them:
/// cash, card, an HSA or FSA card, itemised receipts for HSA/FSA and insurance
/// claims, and auto-injury (PIP) and workers' compensation claims with a doctor's
/// referral. The words are the catalogues' `payment-<code>`.
pub const PAYMENT_OPTIONS: [&str; 5] = [
    "cash",
    "card",
    "hsa_fsa",
    "itemised_receipts",
    "injury_claims",
];

/// The price of one session length, in whole units of the practice's currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Price {
    /// The session's length, in minutes.
    pub minutes: u16,
    /// Its price.
    pub amount: u32,
}

/// Whether `code` names a way to pay.
pub fn is_payment_option(code: &str) -> bool {
    PAYMENT_OPTIONS.contains(&code)
}

/// Whether `slug` names an accessibility feature.
pub fn is_accessibility(slug: &str) -> bool {
    ACCESSIBILITY.iter().any(|(s, _)| *s == slug)
}

/// The languages a practitioner can say they speak, as ISO 639-1 codes, in the order
/// the editor and the search form list them: English, then the languages most spoken
/// at home in the United States. Search filters by one of them; the names are the
/// catalogues' `language-<code>`.
pub const SPOKEN_LANGUAGES: [&str; 16] = [
    "en", "es", "zh", "tl", "vi", "ar", "fr", "ko", "ru", "ht", "pt", "de", "hi", "it", "pl", "ja",
];

/// Whether `code` is one of the languages a practitioner can list.
pub fn is_spoken_language(code: &str) -> bool {
    SPOKEN_LANGUAGES.contains(&code)
}

/// A language's bit in a `SPOKEN_LANGUAGES` bitmask, or `None` if it is not listed.
pub fn language_bit(code: &str) -> Option<u16> {
    SPOKEN_LANGUAGES
        .iter()
        .position(|c| *c == code)
        .map(|i| 1 << i)
}

/// The languages as a bitmask in `SPOKEN_LANGUAGES` order (unknown codes add nothing).
pub fn language_bits<'a>(codes: impl IntoIterator<Item = &'a String>) -> u16 {
    codes
        .into_iter()
        .filter_map(|c| language_bit(c))
        .fold(0, |bits, bit| bits | bit)
}

/// The codes of a `SPOKEN_LANGUAGES` bitmask, in that order.
pub fn languages_of_bits(bits: u16) -> impl Iterator<Item = &'static str> {
    SPOKEN_LANGUAGES
        .into_iter()
        .enumerate()
        .filter(move |(i, _)| bits & (1 << i) != 0)
        .map(|(_, code)| code)
}

/// The languages of a stored comma-separated list, as known codes in
/// `SPOKEN_LANGUAGES` order (anything else is left out).
pub fn spoken_languages(stored: &str) -> Vec<&'static str> {
    SPOKEN_LANGUAGES
        .into_iter()
        .filter(|code| stored.split(',').any(|l| l.trim() == *code))
        .collect()
}

/// The techniques that are evidence of clinical work: myofascial release, trigger
/// point therapy and clinical massage (Swedish, though one of the four the directory
/// is built around, is just as much a relaxation massage).
pub const CLINICAL_TECHNIQUES: [&str; 3] = ["myofascial_release", "trigger_point", "clinical"];
/// Training hours on the ledger that count as clinical training (CLINICAL.md: at least
/// 500 hours).
pub const CLINICAL_TRAINING_HOURS: i32 = 500;

/// How a practitioner works, as a person in pain needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Approach {
    /// Mostly relaxation massage.
    Relaxation,
    /// Some clinical techniques beside relaxation work.
    Mixed,
    /// Works on a specific complaint.
    Clinical,
}

impl Approach {
    /// `clinical`, `mixed` or `relaxation`.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Clinical => "clinical",
            Self::Mixed => "mixed",
            Self::Relaxation => "relaxation",
        }
    }

    /// The approach a slug names.
    pub fn from_slug(slug: &str) -> Option<Self> {
        [Self::Clinical, Self::Mixed, Self::Relaxation]
            .into_iter()
            .find(|a| a.slug() == slug)
    }

    /// 0 (relaxation), 1 (mixed) or 2 (clinical): the order, as a number an index
    /// can filter and sort on.
    pub fn rank(self) -> u8 {
        self as u8
    }
}

/// What the approach is computed from: the structured answers and the ledger, never a
/// box the practitioner ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApproachEvidence {
    /// Yes answers to the five clinical-practice questions.
    pub clinical_yes: u8,
    /// How many of [`CLINICAL_TECHNIQUES`] the practitioner offers.
    pub clinical_techniques: u8,
    /// The training ledger's total.
    pub training_hours: i32,
}

impl ApproachEvidence {
    /// The evidence in a practitioner's answers, techniques and ledger.
    pub fn of<'a>(
        clinical_yes: u8,
        modalities: impl IntoIterator<Item = &'a str>,
        training_hours: i32,
    ) -> Self {
        let clinical_techniques = modalities
            .into_iter()
            .filter(|m| CLINICAL_TECHNIQUES.contains(m))
            .count()
            .min(CLINICAL_TECHNIQUES.len()) as u8;
        Self {
            clinical_yes,
            clinical_techniques,
            training_hours,
        }
    }

    /// The one rule. A point for each yes to the five clinical-practice questions, one
    /// for offering any clinical technique, one for 500 or more training hours (0–7).
    /// Clinical: at least 5 points, including at least 3 yes answers (the answers are
    /// how a practitioner says they work on one complaint). Mixed: at least 2 points.
    /// Relaxation-focused: fewer. More evidence never gives a less clinical answer.
    pub fn approach(self) -> Approach {
        let points = u32::from(self.clinical_yes.min(5))
            + u32::from(self.clinical_techniques > 0)
            + u32::from(self.training_hours >= CLINICAL_TRAINING_HOURS);
        if points >= 5 && shows_clinical_practice(self.clinical_yes) {
            Approach::Clinical
        } else if points >= 2 {
            Approach::Mixed
        } else {
            Approach::Relaxation
        }
    }
}

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
    use proptest::prelude::*;

    fn evidence() -> impl Strategy<Value = ApproachEvidence> {
        (0_u8..=5, 0_u8..=3, 0_i32..2000).prop_map(|(yes, techniques, hours)| ApproachEvidence {
            clinical_yes: yes,
            clinical_techniques: techniques,
            training_hours: hours,
        })
    }

    proptest! {
        /// More clinical evidence, in any one input or several, never gives a less
        /// clinical label.
        #[test]
        fn more_evidence_never_gives_a_less_clinical_label(
            a in evidence(),
            more_yes in 0_u8..=5,
            more_techniques in 0_u8..=3,
            more_hours in 0_i32..2000,
        ) {
            let b = ApproachEvidence {
                clinical_yes: (a.clinical_yes + more_yes).min(5),
                clinical_techniques: (a.clinical_techniques + more_techniques).min(3),
                training_hours: a.training_hours + more_hours,
            };
            prop_assert!(b.approach() >= a.approach(), "{a:?} → {:?}, {b:?} → {:?}", a.approach(), b.approach());
        }
    }

    #[test]
    fn the_approach_rule_reads_as_documented() {
        let e = |yes, techniques: &[&str], hours| {
            ApproachEvidence::of(yes, techniques.iter().copied(), hours).approach()
        };
        assert_eq!(e(5, &["swedish"], 0), Approach::Clinical);
        assert_eq!(e(3, &["trigger_point"], 500), Approach::Clinical);
        assert_eq!(e(3, &["trigger_point"], 499), Approach::Mixed);
        assert_eq!(e(2, &["trigger_point", "clinical"], 900), Approach::Mixed);
        assert_eq!(e(0, &["myofascial_release"], 500), Approach::Mixed);
        assert_eq!(e(1, &["swedish", "hot_stone"], 100), Approach::Relaxation);
        assert_eq!(e(0, &["deep_tissue"], 900), Approach::Relaxation);
        assert_eq!(
            ApproachEvidence::of(
                0,
                [
                    "clinical",
                    "clinical",
                    "trigger_point",
                    "myofascial_release",
                    "clinical"
                ],
                0
            )
            .clinical_techniques,
            3
        );
    }

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
