//! Words and units people read, written once for the pages and the API: distances in
//! the unit the person chose, and the sentences a match's reasons become.

use serde::Serialize;

use crate::i18n::{self, FluentValue, Lang};

use crate::{
    matching::Reason,
    policy::{
        Approach, ApproachEvidence, CLINICAL_PRACTICE_YES, CLINICAL_TECHNIQUES,
        CLINICAL_TRAINING_HOURS, KM_PER_MILE,
    },
};

/// The unit distances are read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Kilometres.
    Km,
    /// Statute miles.
    Mi,
}

/// Countries whose people read distances in miles: the United States and the
/// territories GeoNames lists under their own codes.
const MILES_COUNTRIES: [&str; 6] = ["US", "PR", "GU", "VI", "AS", "MP"];

/// The longest radius any search takes, in kilometres.
pub const MAX_RADIUS_KM: f64 = 500.0;

impl Unit {
    /// `mi` or `km`; anything else is not a unit.
    pub fn parse(slug: &str) -> Option<Self> {
        match slug.trim() {
            "mi" => Some(Self::Mi),
            "km" => Some(Self::Km),
            _ => None,
        }
    }

    /// The unit people in a country read: miles in the US, kilometres elsewhere
    /// (and where the country is unknown).
    pub fn for_country(country: &str) -> Self {
        if MILES_COUNTRIES.contains(&country) {
            Self::Mi
        } else {
            Self::Km
        }
    }

    /// `miles` or `km`, as forms and sentences write it in the current request's
    /// language.
    pub fn name(self) -> String {
        say(match self {
            Self::Km => "unit-km",
            Self::Mi => "unit-mi",
        })
    }

    /// The longest whole radius a search takes in this unit: 500 km, 310 miles.
    pub fn max_radius(self) -> u32 {
        match self {
            Self::Km => MAX_RADIUS_KM as u32,
            Self::Mi => (MAX_RADIUS_KM / KM_PER_MILE).floor() as u32,
        }
    }

    /// `km` or `mi`.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Km => "km",
            Self::Mi => "mi",
        }
    }

    /// A length in this unit, in kilometres.
    pub fn to_km(self, value: f64) -> f64 {
        match self {
            Self::Km => value,
            Self::Mi => value * KM_PER_MILE,
        }
    }

    /// A distance given in kilometres, written in this unit: `4.2 km`, `2.6 mi`.
    pub fn distance(self, km: f64) -> String {
        match self {
            Self::Km => format!("{km:.1} km"),
            Self::Mi => format!("{:.1} mi", km / KM_PER_MILE),
        }
    }
}

/// The eight points of the compass, clockwise from north: each names its words in the
/// catalogue (`compass-north`).
pub const COMPASS_POINTS: [&str; 8] = [
    "north",
    "north-east",
    "east",
    "south-east",
    "south",
    "south-west",
    "west",
    "north-west",
];

/// `text` with its first letter in capitals, for a message that starts a sentence.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "How this practitioner works", in words: the label, what it means, and the
/// evidence it was computed from.
#[derive(Debug, Clone, Serialize)]
pub struct ApproachWords {
    /// `clinical`, `mixed` or `relaxation`.
    pub slug: &'static str,
    /// The label.
    pub label: String,
    /// What the label means for a person in pain.
    pub meaning: String,
    /// The evidence, one line each.
    pub evidence: Vec<String>,
    /// The evidence in one short line, for cards.
    pub brief: String,
}

/// A message of the current request's language.
pub fn say(key: &str) -> String {
    i18n::text(Lang::current(), key)
}

/// A message of the current request's language with its arguments.
pub fn say_with<'a>(
    key: &str,
    args: impl IntoIterator<Item = (&'static str, FluentValue<'a>)>,
) -> String {
    i18n::text_with(Lang::current(), key, args)
}

/// A modality's name in the current request's language (`modality-<slug>` in its
/// catalogue), or the reference catalogue's name when no language has one.
pub fn modality_name(catalogue: &crate::reference::Catalogue, slug: &str) -> String {
    i18n::lookup(Lang::current(), &format!("modality-{slug}"), None)
        .unwrap_or_else(|| catalogue.modality_name(slug).to_owned())
}

/// A spoken language's name in the current request's language (`language-<code>`).
pub fn language_name(code: &str) -> String {
    say(&format!("language-{code}"))
}

/// An accessibility feature's name in the current request's language.
pub fn accessibility_name(slug: &str) -> String {
    say(&format!("access-{slug}"))
}

/// Names joined as a list: "a, b and c" ("a, b y c").
pub fn list(names: &[String]) -> String {
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => say_with(
            "list-and",
            [
                ("first", rest.join(", ").into()),
                ("last", last.clone().into()),
            ],
        ),
        None => String::new(),
    }
}

/// The words for a practitioner's approach; `offered` are the practitioner's
/// modality slugs and `modality_name` names a slug.
pub fn approach(
    evidence: ApproachEvidence,
    offered: &[String],
    modality_name: &dyn Fn(&str) -> String,
) -> ApproachWords {
    // Each meaning says only what the rule guarantees; which questions were answered
    // yes is shown with the answers themselves.
    let (label, meaning) = match evidence.approach() {
        Approach::Clinical => (
            say("approach-clinical"),
            say_with(
                "approach-clinical-meaning",
                [("least", CLINICAL_PRACTICE_YES.into())],
            ),
        ),
        Approach::Mixed => (say("approach-mixed"), say("approach-mixed-meaning")),
        Approach::Relaxation => (
            say("approach-relaxation"),
            say("approach-relaxation-meaning"),
        ),
    };
    let names = |slugs: &mut dyn Iterator<Item = &str>| {
        let names: Vec<String> = slugs.map(|s| modality_name(s).to_lowercase()).collect();
        list(&names)
    };
    let clinical: Vec<&str> = offered
        .iter()
        .map(String::as_str)
        .filter(|m| CLINICAL_TECHNIQUES.contains(m))
        .collect();
    let techniques = if clinical.is_empty() {
        say_with(
            "approach-offers-none",
            [(
                "techniques",
                names(&mut CLINICAL_TECHNIQUES.iter().copied()).into(),
            )],
        )
    } else {
        say_with(
            "approach-offers",
            [("techniques", names(&mut clinical.into_iter()).into())],
        )
    };
    let hours = evidence.training_hours;
    let brief = say_with(
        "approach-brief",
        [
            ("yes", evidence.clinical_yes.into()),
            ("techniques", evidence.clinical_techniques.into()),
            ("hours", hours.into()),
        ],
    );
    ApproachWords {
        brief,
        slug: evidence.approach().slug(),
        label,
        meaning,
        evidence: vec![
            say_with(
                "approach-evidence-answers",
                [
                    ("yes", evidence.clinical_yes.into()),
                    ("least", CLINICAL_PRACTICE_YES.into()),
                ],
            ),
            techniques,
            say_with(
                if hours >= CLINICAL_TRAINING_HOURS {
                    "approach-evidence-hours-enough"
                } else {
                    "approach-evidence-hours-fewer"
                },
                [
                    ("hours", hours.into()),
                    ("least", CLINICAL_TRAINING_HOURS.into()),
                ],
            ),
        ],
    }
}

/// One reason of a match as a sentence; `modality_name` turns a slug into its name.
pub fn reason(r: &Reason, modality_name: &dyn Fn(&str) -> String, unit: Unit) -> String {
    match r {
        Reason::Fits { modality, region } => say_with(
            "reason-fits",
            [
                ("technique", modality_name(modality).into()),
                ("region", region.to_lowercase().into()),
            ],
        ),
        Reason::Goal { modality } => say_with(
            "reason-goal",
            [("technique", modality_name(modality).to_lowercase().into())],
        ),
        Reason::Focus { regions } => {
            let regions: Vec<String> = regions.iter().map(|l| l.to_lowercase()).collect();
            say_with("reason-focus", [("regions", list(&regions).into())])
        }
        Reason::Licence {
            jurisdiction,
            number,
            verified_on,
        } => say_with(
            "reason-licence",
            [
                ("licence", format!("{jurisdiction} {number}").into()),
                (
                    "date",
                    verified_on
                        .as_ref()
                        .map_or_else(|| "none".to_owned(), ToString::to_string)
                        .into(),
                ),
            ],
        ),
        Reason::Training { hours } => say_with("reason-training", [("hours", (*hours).into())]),
        Reason::ClinicalPractice { yes } => {
            say_with("reason-clinical-practice", [("yes", (*yes).into())])
        }
        Reason::Outcome {
            before,
            after,
            count,
        } => say_with(
            "reason-outcome",
            [
                ("before", format!("{before:.0}").into()),
                ("after", format!("{after:.0}").into()),
                ("count", (*count).into()),
            ],
        ),
        Reason::Accepting => say("reason-accepting"),
        Reason::Gentle => say("reason-gentle"),
        Reason::Prenatal => say("reason-prenatal"),
        Reason::Oncology => say("reason-oncology"),
        Reason::Language { code } => say_with(
            "reason-language",
            [("language", language_name(code).into())],
        ),
        Reason::Distance { km } => {
            say_with("reason-distance", [("distance", unit.distance(*km).into())])
        }
    }
}

/// Every reason of a match as sentences, in order.
pub fn reasons(rs: &[Reason], modality_name: &dyn Fn(&str) -> String, unit: Unit) -> Vec<String> {
    rs.iter().map(|r| reason(r, modality_name, unit)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_and_reasons_read_in_the_chosen_unit() {
        assert_eq!(Unit::Km.distance(4.23), "4.2 km");
        assert_eq!(Unit::Mi.distance(16.093_44), "10.0 mi");
        assert!((Unit::Mi.to_km(10.0) - 16.093_44).abs() < 1e-9);
        assert_eq!(Unit::parse(" mi "), Some(Unit::Mi));
        assert_eq!(Unit::parse("km"), Some(Unit::Km));
        assert_eq!(Unit::parse("furlong"), None);
        assert_eq!(Unit::for_country("US"), Unit::Mi);
        assert_eq!(Unit::for_country("PR"), Unit::Mi);
        assert_eq!(Unit::for_country("CA"), Unit::Km);
        assert_eq!(Unit::for_country(""), Unit::Km);
        assert_eq!((Unit::Km.max_radius(), Unit::Mi.max_radius()), (500, 310));
        assert!(Unit::Mi.to_km(f64::from(Unit::Mi.max_radius())) <= MAX_RADIUS_KM);
        let name = |slug: &str| format!("<{slug}>");
        assert_eq!(
            reason(&Reason::Distance { km: 5.0 }, &name, Unit::Km),
            "5.0 km away"
        );
        assert_eq!(
            reason(
                &Reason::Fits {
                    modality: "trigger_point".into(),
                    region: "Low back".into()
                },
                &name,
                Unit::Mi
            ),
            "<trigger_point>, which fits low back"
        );
        assert_eq!(
            reason(&Reason::ClinicalPractice { yes: 4 }, &name, Unit::Km),
            "Answers yes to 4 of 5 clinical-practice questions"
        );
    }

    #[test]
    fn the_approach_names_its_evidence() {
        let name = |slug: &str| match slug {
            "trigger_point" => "Trigger point therapy".to_owned(),
            "clinical" => "Clinical (medical) massage".to_owned(),
            "myofascial_release" => "Myofascial release".to_owned(),
            other => other.to_owned(),
        };
        let offered = vec!["trigger_point".to_owned(), "clinical".to_owned()];
        let words = approach(
            ApproachEvidence::of(4, offered.iter().map(String::as_str), 620),
            &offered,
            &name,
        );
        assert_eq!(
            (words.slug, words.label.as_str()),
            ("clinical", "Clinically focused")
        );
        assert_eq!(
            words.brief,
            "4 of 5 clinical answers yes · 2 clinical techniques · 620 training hours"
        );
        assert_eq!(
            words.evidence,
            [
                "Yes to 4 of the 5 clinical-practice questions (3 or more count as clinical)",
                "Offers trigger point therapy and clinical (medical) massage",
                "620 training hours on record (500 or more)",
            ]
        );
        let none = approach(ApproachEvidence::of(0, [], 40), &[], &name);
        assert_eq!(none.slug, "relaxation");
        assert_eq!(
            none.evidence[1],
            "Offers none of the clinical techniques (myofascial release, trigger point therapy and clinical (medical) massage)"
        );
    }
}
