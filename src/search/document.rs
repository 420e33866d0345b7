//! The search document: what the index knows about one listed practitioner. It is
//! derived from the database and is the same for both backends.

use serde::{Deserialize, Serialize};

use crate::policy;

/// The public state of a practitioner's best licence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LicenceSummary {
    /// `verified`, `pending`, `expired` or `rejected`.
    pub status: String,
    /// Jurisdiction code, e.g. `TX`.
    pub jurisdiction: String,
    /// Licence number as issued.
    pub number: String,
    /// When an admin verified it (ISO date), if verified.
    pub verified_on: Option<String>,
}

/// Median pain before and after sessions, as reported by the practitioner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeSummary {
    /// How many sessions were logged.
    pub count: u32,
    /// Median pain before (0–10).
    pub median_before: f32,
    /// Median pain after (0–10).
    pub median_after: f32,
}

/// What ranking reads of a document, borrowed from wherever the document is kept: the
/// embedded index lends it from its compact storage, so a match can weigh hundreds of
/// candidates and copy out only the few it shows.
#[derive(Debug, Clone)]
pub struct PracticeView<'a> {
    /// Practitioner id.
    pub id: i64,
    /// Modality slugs.
    pub modalities: Vec<&'a str>,
    /// Focus region slugs.
    pub focus_regions: Vec<&'a str>,
    /// The best licence.
    pub licence: Option<LicenceView<'a>>,
    /// Whether the licence is verified and current.
    pub verified: bool,
    /// Hours in the training ledger.
    pub training_hours: i32,
    /// Prenatal training on the ledger.
    pub prenatal_trained: bool,
    /// Oncology training on the ledger.
    pub oncology_trained: bool,
    /// The five clinical-practice answers.
    pub clinical_practice: ClinicalPractice,
    /// Says it accepts new clients.
    pub accepting_new_clients: bool,
    /// When that was last confirmed (Unix seconds).
    pub accepting_confirmed_ts: i64,
    /// When the profile was last confirmed (Unix seconds).
    pub profile_confirmed_ts: i64,
    /// Reported outcomes.
    pub outcome: Option<OutcomeSummary>,
    /// Spoken languages, a bit each in `policy::SPOKEN_LANGUAGES` order.
    pub languages: u16,
}

/// A licence as [`PracticeView`] borrows it.
#[derive(Debug, Clone, Copy)]
pub struct LicenceView<'a> {
    /// `verified`, `pending`, `expired` or `rejected`.
    pub status: &'a str,
    /// Jurisdiction code.
    pub jurisdiction: &'a str,
    /// Licence number as issued.
    pub number: &'a str,
    /// When an admin verified it (ISO date).
    pub verified_on: Option<&'a str>,
}

impl LicenceView<'_> {
    /// The licence as a document holds it.
    pub fn to_summary(&self) -> LicenceSummary {
        LicenceSummary {
            status: self.status.to_owned(),
            jurisdiction: self.jurisdiction.to_owned(),
            number: self.number.to_owned(),
            verified_on: self.verified_on.map(str::to_owned),
        }
    }
}

/// A candidate as [`PracticeView`] with its distance from the query's centre.
#[derive(Debug, Clone)]
pub struct HitView<'a> {
    /// The practitioner, borrowed.
    pub doc: PracticeView<'a>,
    /// Distance from the query centre.
    pub distance_km: f64,
}

/// The five clinical-practice answers (CLINICAL.md); `true` only when answered yes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClinicalPractice {
    /// Will spend a whole session on one area.
    pub whole_session_one_area: bool,
    /// Uses myofascial techniques.
    pub myofascial: bool,
    /// Assesses and explains posture.
    pub posture_assessment: bool,
    /// Works with referral pain.
    pub referral_pain: bool,
    /// Works mostly without oil.
    pub minimal_oil: bool,
}

impl ClinicalPractice {
    /// How many of the five questions were answered yes.
    pub fn yes_count(&self) -> u8 {
        [
            self.whole_session_one_area,
            self.myofascial,
            self.posture_assessment,
            self.referral_pain,
            self.minimal_oil,
        ]
        .into_iter()
        .filter(|b| *b)
        .count() as u8
    }
}

/// One listed practitioner as the search index sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PractitionerDoc {
    /// Database id; also the Meilisearch primary key.
    pub id: i64,
    /// URL slug.
    pub slug: String,
    /// Name shown in results.
    pub display_name: String,
    /// Practice or clinic name.
    pub practice_name: Option<String>,
    /// City.
    pub city: String,
    /// State or region code.
    pub region: String,
    /// Latitude of the public location.
    pub lat: f64,
    /// Longitude of the public location.
    pub lng: f64,
    /// `clinic`, `home_based`, `mobile`, …
    pub practice_type: String,
    /// Modality slugs.
    pub modalities: Vec<String>,
    /// Body-region slugs the practitioner focuses on.
    pub focus_regions: Vec<String>,
    /// Best licence, if any.
    pub licence: Option<LicenceSummary>,
    /// Whether the best licence is verified and current.
    pub verified: bool,
    /// Sum of the training ledger.
    pub training_hours: i32,
    /// Has prenatal training.
    pub prenatal_trained: bool,
    /// Has oncology training.
    pub oncology_trained: bool,
    /// The clinical-practice answers.
    pub clinical_practice: ClinicalPractice,
    /// Said yes to "accepting new clients".
    pub accepting_new_clients: bool,
    /// When "accepting new clients" was last confirmed (Unix seconds); it lapses after 30 days.
    pub accepting_confirmed_ts: i64,
    /// When the profile was last confirmed (Unix seconds), 0 if never.
    pub profile_confirmed_ts: i64,
    /// Outcome summary once there are at least 10 logs.
    pub outcome: Option<OutcomeSummary>,
    /// A generated demo profile.
    pub is_demo: bool,
    /// Accessibility feature slugs, in `policy::ACCESSIBILITY` order.
    #[serde(default)]
    pub accessibility: Vec<String>,
    /// Spoken languages, ISO 639-1 codes in `policy::SPOKEN_LANGUAGES` order.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Prices per session length, shortest first.
    #[serde(default)]
    pub prices: Vec<policy::Price>,
    /// The prices' currency (ISO 4217).
    #[serde(default)]
    pub currency: String,
    /// The 60-minute price, what cards show and search filters on (from `prices`).
    #[serde(default)]
    pub price_60: Option<u32>,
    /// Takes HSA and FSA cards.
    #[serde(default)]
    pub hsa_fsa: bool,
    /// Takes auto-injury (PIP) and workers' compensation claims with a referral.
    #[serde(default)]
    pub injury_claims: bool,
}

impl PractitionerDoc {
    /// What ranking reads of this document, borrowed.
    pub fn view(&self) -> PracticeView<'_> {
        PracticeView {
            id: self.id,
            modalities: self.modalities.iter().map(String::as_str).collect(),
            focus_regions: self.focus_regions.iter().map(String::as_str).collect(),
            licence: self.licence.as_ref().map(|l| LicenceView {
                status: &l.status,
                jurisdiction: &l.jurisdiction,
                number: &l.number,
                verified_on: l.verified_on.as_deref(),
            }),
            verified: self.verified,
            training_hours: self.training_hours,
            prenatal_trained: self.prenatal_trained,
            oncology_trained: self.oncology_trained,
            clinical_practice: self.clinical_practice,
            accepting_new_clients: self.accepting_new_clients,
            accepting_confirmed_ts: self.accepting_confirmed_ts,
            profile_confirmed_ts: self.profile_confirmed_ts,
            outcome: self.outcome.clone(),
            languages: crate::policy::language_bits(&self.languages),
        }
    }

    /// The lower-cased words of the fields free text searches: name, practice and city.
    pub fn text_tokens(&self) -> Vec<String> {
        let mut tokens = tokenize(&self.display_name);
        if let Some(practice) = &self.practice_name {
            tokens.extend(tokenize(practice));
        }
        tokens.extend(tokenize(&self.city));
        tokens
    }

    /// The same words as `text_tokens`, space-separated, built in one string.
    pub fn search_words(&self) -> String {
        let mut words = String::new();
        let fields = [
            Some(self.display_name.as_str()),
            self.practice_name.as_deref(),
            Some(self.city.as_str()),
        ];
        for word in fields
            .into_iter()
            .flatten()
            .flat_map(|f| f.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
        {
            if !words.is_empty() {
                words.push(' ');
            }
            words.extend(word.chars().flat_map(char::to_lowercase));
        }
        words
    }

    /// How the practitioner works, by the one rule in `policy`.
    pub fn approach(&self) -> policy::ApproachEvidence {
        policy::ApproachEvidence::of(
            self.clinical_practice.yes_count(),
            self.modalities.iter().map(String::as_str),
            self.training_hours,
        )
    }

    /// Whether availability is current: said yes, and confirmed at or after `since`.
    pub fn is_accepting(&self, since_ts: i64) -> bool {
        self.accepting_new_clients && self.accepting_confirmed_ts >= since_ts
    }
}

/// Splits text into lower-cased alphanumeric words, as both backends do.
pub fn tokenize(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_are_the_text_tokens() {
        let doc: PractitionerDoc = serde_json::from_value(serde_json::json!({
            "id": 1, "slug": "a", "display_name": "Ana Ruiz-Ávila", "practice_name": "St. Mary's",
            "city": "SAN JOSÉ", "region": "CA", "lat": 0.0, "lng": 0.0, "practice_type": "clinic",
            "modalities": [], "focus_regions": [], "licence": null, "verified": false,
            "training_hours": 0, "prenatal_trained": false, "oncology_trained": false,
            "clinical_practice": {"whole_session_one_area": false, "myofascial": false,
                "posture_assessment": false, "referral_pain": false, "minimal_oil": false},
            "accepting_new_clients": false, "accepting_confirmed_ts": 0,
            "profile_confirmed_ts": 0, "outcome": null, "is_demo": false
        }))
        .expect("doc");
        assert_eq!(doc.search_words(), doc.text_tokens().join(" "));
        assert_eq!(doc.search_words(), "ana ruiz ávila st mary s san josé");
    }

    #[test]
    fn tokenizes_on_punctuation_and_lowercases() {
        assert_eq!(
            tokenize("St. Mary's  Clinic-West"),
            ["st", "mary", "s", "clinic", "west"]
        );
    }
}
