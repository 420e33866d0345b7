//! Words and units people read, written once for the pages and the API: distances in
//! the unit the person chose, and the sentences a match's reasons become.

use serde::Serialize;

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

    /// `miles` or `km`, as forms and sentences write it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Km => "km",
            Self::Mi => "miles",
        }
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
    pub label: &'static str,
    /// What the label means for a person in pain.
    pub meaning: String,
    /// The evidence, one line each.
    pub evidence: Vec<String>,
    /// The evidence in one short line, for cards.
    pub brief: String,
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
    let clinical_meaning = format!(
        "Works on a specific pain: answered yes to at least {CLINICAL_PRACTICE_YES} of the 5 clinical-practice questions."
    );
    let (label, meaning) = match evidence.approach() {
        Approach::Clinical => ("Clinically focused", clinical_meaning),
        Approach::Mixed => (
            "Mixed clinical and relaxation",
            "Offers some clinical work beside relaxation massage. Ask how they would treat your pain.".to_owned(),
        ),
        Approach::Relaxation => (
            "Relaxation-focused",
            "Mostly relaxation massage. For a specific, lasting pain, a clinically focused practitioner is the better first choice.".to_owned(),
        ),
    };
    let names = |slugs: &mut dyn Iterator<Item = &str>| {
        let names: Vec<String> = slugs.map(modality_name).collect();
        match names.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {}", rest.join(", "), last.to_lowercase()),
            None => String::new(),
        }
    };
    let clinical: Vec<&str> = offered
        .iter()
        .map(String::as_str)
        .filter(|m| CLINICAL_TECHNIQUES.contains(m))
        .collect();
    let techniques = if clinical.is_empty() {
        format!(
            "Offers none of the clinical techniques ({})",
            names(&mut CLINICAL_TECHNIQUES.iter().copied()).to_lowercase()
        )
    } else {
        format!("Offers {}", names(&mut clinical.into_iter()).to_lowercase())
    };
    let hours = evidence.training_hours;
    let brief = format!(
        "{} of 5 clinical answers yes · {} · {hours} training hours",
        evidence.clinical_yes,
        match evidence.clinical_techniques {
            0 => "no clinical techniques".to_owned(),
            1 => "1 clinical technique".to_owned(),
            n => format!("{n} clinical techniques"),
        }
    );
    ApproachWords {
        brief,
        slug: evidence.approach().slug(),
        label,
        meaning,
        evidence: vec![
            format!(
                "Yes to {} of the 5 clinical-practice questions ({CLINICAL_PRACTICE_YES} or more count as clinical)",
                evidence.clinical_yes
            ),
            techniques,
            format!(
                "{hours} training hours on record ({})",
                if hours >= CLINICAL_TRAINING_HOURS {
                    format!("{CLINICAL_TRAINING_HOURS} or more")
                } else {
                    format!("fewer than {CLINICAL_TRAINING_HOURS}")
                }
            ),
        ],
    }
}

/// One reason of a match as a sentence; `modality_name` turns a slug into its name.
pub fn reason(r: &Reason, modality_name: &dyn Fn(&str) -> String, unit: Unit) -> String {
    match r {
        Reason::Fits { modality, region } => format!(
            "{}, which fits {}",
            modality_name(modality),
            region.to_lowercase()
        ),
        Reason::Goal { modality } => format!(
            "Offers {}, which suits your goal",
            modality_name(modality).to_lowercase()
        ),
        Reason::Focus { regions } => format!(
            "Focuses on {}",
            regions
                .iter()
                .map(|l| l.to_lowercase())
                .collect::<Vec<_>>()
                .join(" and ")
        ),
        Reason::Licence {
            jurisdiction,
            number,
            verified_on,
        } => match verified_on {
            Some(on) => format!("Licence {jurisdiction} {number}, verified {on}"),
            None => format!("Licence {jurisdiction} {number}, verified"),
        },
        Reason::Training { hours } => format!("{hours} training hours"),
        Reason::ClinicalPractice { yes } => {
            format!("Answers yes to {yes} of 5 clinical-practice questions")
        }
        Reason::Outcome {
            before,
            after,
            count,
        } => format!("Reports median pain {before:.0} → {after:.0} over {count} sessions"),
        Reason::Accepting => "Accepting new clients".into(),
        Reason::Gentle => "Offers gentle techniques suited to high pain".into(),
        Reason::Prenatal => "Prenatal training".into(),
        Reason::Oncology => "Oncology training".into(),
        Reason::Distance { km } => format!("{} away", unit.distance(*km)),
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
            (words.slug, words.label),
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
