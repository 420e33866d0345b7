//! Words and units people read, written once for the pages and the API: distances in
//! the unit the person chose, and the sentences a match's reasons become.

use crate::{matching::Reason, policy::KM_PER_MILE};

/// The unit distances are read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Kilometres.
    Km,
    /// Statute miles.
    Mi,
}

impl Unit {
    /// `mi` means miles; anything else kilometres.
    pub fn from_slug(slug: &str) -> Self {
        if slug == "mi" { Self::Mi } else { Self::Km }
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
        assert_eq!(Unit::from_slug("mi"), Unit::Mi);
        assert_eq!(Unit::from_slug("furlong"), Unit::Km);
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
}
