//! Unit tests of the ranking: each signal in the order the rules say, the precautions,
//! and the invariants (proptest).

use super::*;
use crate::{
    matching::{answers::RawAnswers, rules::BUILT_IN, screen::screen},
    reference::Catalogue,
};
use proptest::prelude::*;

const NOW: i64 = 1_790_000_000;

fn rules() -> Rules {
    let catalogue = Catalogue::built_in().expect("catalogue");
    let slugs: Vec<&str> = catalogue.modality_slugs().collect();
    Rules::load(BUILT_IN, &slugs).expect("rules")
}

fn weights() -> Weights {
    Weights::load(BUILT_IN_WEIGHTS).expect("weights")
}

fn answers(regions: &[&str], conditions: &[&str], pain: i64, goal: &str) -> Answers {
    RawAnswers {
        regions: regions.iter().map(|s| s.to_string()).collect(),
        duration: "chronic".into(),
        pain: Some(pain),
        red_flags: vec![],
        age_band: None,
        conditions: conditions.iter().map(|s| s.to_string()).collect(),
        pressure: "medium".into(),
        goal: goal.into(),
        cleared_by_doctor: false,
    }
    .validate(&rules())
    .expect("valid")
}

/// A practitioner as the tests describe one.
#[derive(Debug, Clone)]
struct Doc {
    id: i64,
    modalities: Vec<String>,
    focus_regions: Vec<String>,
    licence_verified: bool,
    training_hours: i32,
    prenatal_trained: bool,
    oncology_trained: bool,
    clinical_yes: u8,
    accepting: bool,
    outcome: Option<OutcomeFacts>,
    languages: Vec<&'static str>,
}

impl Practice for Doc {
    type Slug = String;
    fn id(&self) -> i64 {
        self.id
    }
    fn modalities(&self) -> &[String] {
        &self.modalities
    }
    fn focus_regions(&self) -> &[String] {
        &self.focus_regions
    }
    fn licence(&self) -> Option<LicenceFacts<'_>> {
        Some(LicenceFacts {
            jurisdiction: "TX",
            number: "MT-1",
            verified: self.licence_verified,
            pending: !self.licence_verified,
            verified_on: None,
        })
    }
    fn training_hours(&self) -> i32 {
        self.training_hours
    }
    fn clinical_yes(&self) -> u8 {
        self.clinical_yes
    }
    fn clinical_badge(&self) -> bool {
        self.clinical_yes >= 3
    }
    fn outcome(&self) -> Option<OutcomeFacts> {
        self.outcome
    }
    fn profile_fresh(&self, _now_ts: i64) -> bool {
        true
    }
    fn accepting(&self, _now_ts: i64) -> bool {
        self.accepting
    }
    fn trained(&self, t: Training) -> bool {
        match t {
            Training::Prenatal => self.prenatal_trained,
            Training::Oncology => self.oncology_trained,
        }
    }
    fn speaks(&self, language: &str) -> bool {
        self.languages.contains(&language)
    }
}

fn doc(id: i64, modalities: &[&str]) -> Doc {
    Doc {
        id,
        modalities: modalities.iter().map(|s| s.to_string()).collect(),
        focus_regions: vec![],
        licence_verified: false,
        training_hours: 300,
        prenatal_trained: false,
        oncology_trained: false,
        clinical_yes: 0,
        accepting: true,
        outcome: None,
        languages: vec!["en"],
    }
}

fn run(docs: &[(Doc, f64)], a: &Answers) -> Vec<Match> {
    run_for(docs, a, "en")
}

fn run_for(docs: &[(Doc, f64)], a: &Answers, reader_language: &'static str) -> Vec<Match> {
    let rules = rules();
    let s = screen(a, &rules);
    let candidates: Vec<Candidate<'_, Doc>> = docs
        .iter()
        .map(|(d, km)| Candidate {
            practice: d,
            distance_km: *km,
        })
        .collect();
    rank(
        &candidates,
        a,
        &s.precautions,
        &rules,
        &weights(),
        RankContext {
            now_ts: NOW,
            radius_km: 25.0,
            shown: usize::MAX,
            reader_language,
        },
    )
}

#[test]
fn built_in_weights_load_and_bad_weights_are_refused() {
    weights();
    let bad = BUILT_IN_WEIGHTS.replace("distance = 10.0", "distance = -1.0");
    assert!(Weights::load(&bad).is_err());
}

#[test]
fn strong_fit_outranks_spa_mix_and_reasons_explain() {
    let a = answers(&["sciatica"], &[], 4, "clinical");
    let ranked = run(
        &[
            (doc(1, &["swedish", "hot_stone"]), 2.0),
            (doc(2, &["trigger_point"]), 5.0),
        ],
        &a,
    );
    assert_eq!(ranked[0].id, 2);
    assert!(
        matches!(
            &ranked[0].reasons[0],
            Reason::Fits { modality, region }
                if modality == "trigger_point"
                    && region.to_lowercase().starts_with("pain spreading down a leg")
        ),
        "{:?}",
        ranked[0].reasons
    );
    assert!(ranked[0].reasons.contains(&Reason::Distance { km: 5.0 }));
}

#[test]
fn precautions_exclude_and_require_training() {
    let a = answers(&["low_back"], &["blood_thinners"], 4, "clinical");
    let ranked = run(
        &[
            (doc(1, &["deep_tissue", "sports"]), 1.0),
            (doc(2, &["clinical"]), 1.0),
        ],
        &a,
    );
    assert_eq!(
        ranked.iter().map(|m| m.id).collect::<Vec<_>>(),
        [2],
        "only-excluded modalities drop out"
    );
    let a = answers(&["low_back"], &["pregnancy"], 4, "clinical");
    let mut trained = doc(3, &["prenatal", "swedish"]);
    trained.prenatal_trained = true;
    let ranked = run(&[(doc(2, &["clinical"]), 1.0), (trained, 9.0)], &a);
    assert_eq!(ranked.iter().map(|m| m.id).collect::<Vec<_>>(), [3]);
    assert!(ranked[0].reasons.contains(&Reason::Prenatal));
}

#[test]
fn the_readers_language_ranks_ahead_of_an_otherwise_equal_one_and_says_so() {
    let a = answers(&["low_back"], &[], 4, "clinical");
    let english = doc(1, &["clinical"]);
    let mut bilingual = doc(2, &["clinical"]);
    bilingual.languages = vec!["en", "es"];
    // The English speaker is nearer; a Spanish reader still sees the Spanish speaker first.
    let docs = [(english, 3.0), (bilingual, 4.0)];
    let spanish = run_for(&docs, &a, "es");
    assert_eq!(spanish.iter().map(|m| m.id).collect::<Vec<_>>(), [2, 1]);
    assert!(
        spanish[0]
            .reasons
            .contains(&Reason::Language { code: "es".into() })
    );
    assert!(
        !spanish[1]
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::Language { .. }))
    );
    // Everyone speaks English: it moves no one and explains nothing.
    let english = run_for(&docs, &a, "en");
    assert_eq!(english.iter().map(|m| m.id).collect::<Vec<_>>(), [1, 2]);
    assert!(english.iter().all(|m| {
        !m.reasons
            .iter()
            .any(|r| matches!(r, Reason::Language { .. }))
    }));
}

#[test]
fn high_pain_ranks_deep_tissue_down() {
    let a = answers(&["low_back"], &[], 8, "clinical");
    let ranked = run(
        &[
            (doc(1, &["clinical", "deep_tissue"]), 1.0),
            (doc(2, &["clinical", "myofascial_release"]), 1.0),
        ],
        &a,
    );
    assert_eq!(ranked[0].id, 2);
    let calm = answers(&["low_back"], &[], 3, "clinical");
    let ranked = run(
        &[
            (doc(1, &["clinical", "deep_tissue"]), 1.0),
            (doc(2, &["clinical", "myofascial_release"]), 1.0),
        ],
        &calm,
    );
    assert_eq!(ranked[0].score, ranked[1].score, "no penalty at low pain");
}

fn arb_doc() -> impl Strategy<Value = (Doc, f64)> {
    let all = [
        "myofascial_release",
        "trigger_point",
        "swedish",
        "clinical",
        "deep_tissue",
        "sports",
        "hot_stone",
    ];
    (
        proptest::sample::subsequence(all.to_vec(), 1..4),
        0..1200_i32,
        any::<[bool; 5]>(),
        any::<bool>(),
        0.0..25.0_f64,
        proptest::option::of((4..10_i16, 0..4_i16)),
    )
        .prop_map(|(mods, hours, cp, accepting, km, outcome)| {
            let mut d = doc(1, &mods);
            d.training_hours = hours;
            d.clinical_yes = cp.iter().filter(|yes| **yes).count() as u8;
            d.accepting = accepting;
            d.outcome = outcome.map(|(b, drop)| OutcomeFacts {
                count: 12,
                median_before: f32::from(b),
                median_after: f32::from(b - drop),
            });
            (d, km)
        })
}

proptest! {
    #[test]
    fn verified_never_ranks_below_an_otherwise_identical_unverified((base, km) in arb_doc(), pain in 0..=10_i64) {
        let a = answers(&["low_back", "neck"], &[], pain, "clinical");
        let mut unverified = base.clone();
        unverified.id = 1;
        let mut verified = base;
        verified.id = 2;
        verified.licence_verified = true;
        let ranked = run(&[(unverified, km), (verified, km)], &a);
        prop_assert_eq!(ranked.len(), 2);
        prop_assert_eq!(ranked[0].id, 2);
    }

    #[test]
    fn nearer_never_ranks_below_farther((base, km) in arb_doc(), extra in 0.01..20.0_f64, pain in 0..=10_i64) {
        let a = answers(&["hips"], &[], pain, "clinical");
        let mut far = base.clone();
        far.id = 1;
        let mut near = base;
        near.id = 2;
        let ranked = run(&[(far, km + extra), (near, km)], &a);
        prop_assert_eq!(ranked[0].id, 2);
    }

    #[test]
    fn speaking_the_readers_language_never_ranks_lower((base, km) in arb_doc(), pain in 0..=10_i64) {
        let a = answers(&["low_back"], &[], pain, "clinical");
        let mut other = base.clone();
        other.id = 1;
        let mut speaker = base;
        speaker.id = 2;
        speaker.languages = vec!["en", "es"];
        let ranked = run_for(&[(other, km), (speaker, km)], &a, "es");
        prop_assert_eq!(ranked[0].id, 2);
    }

    #[test]
    fn more_training_never_ranks_lower((base, km) in arb_doc(), more in 1..600_i32) {
        let a = answers(&["neck"], &[], 3, "relaxation");
        let mut less = base.clone();
        less.id = 1;
        let mut trained = base;
        trained.id = 2;
        trained.training_hours = less.training_hours + more;
        let ranked = run(&[(less, km), (trained, km)], &a);
        prop_assert!(ranked[0].id == 2 || ranked[0].score == ranked[1].score);
    }
}
