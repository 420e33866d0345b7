//! Ranking: scores screened candidates and explains each score in plain words. Pure:
//! the caller passes the candidates, the clock and the weights.

use serde::{Deserialize, Serialize};

use super::{
    answers::Answers,
    rules::{Rules, Training},
    screen::Precautions,
};
use crate::search::{
    PractitionerDoc,
    document::{LicenceSummary, OutcomeSummary},
};

/// The weights as shipped.
pub const BUILT_IN_WEIGHTS: &str = include_str!("../../seed/ranking.toml");

/// Ranking weights (see `seed/ranking.toml` for what each one means).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// Modality fit for the person's regions.
    pub modality_fit: f64,
    /// Offers a modality the goal raises.
    pub goal: f64,
    /// Regions of focus overlap.
    pub focus: f64,
    /// Verified, current licence.
    pub licence_verified: f64,
    /// Pending licence.
    pub licence_pending: f64,
    /// Training hours.
    pub training: f64,
    /// Clinical-practice answers.
    pub clinical_practice: f64,
    /// Reported outcomes.
    pub outcomes: f64,
    /// Profile confirmed recently.
    pub fresh_profile: f64,
    /// Accepting new clients, recently confirmed.
    pub accepting: f64,
    /// Nearness.
    pub distance: f64,
    /// Gentle techniques when "gentle first".
    pub gentle_bonus: f64,
    /// Deep work when light pressure or "gentle first" is called for.
    pub deep_penalty: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WeightsFile {
    weights: Weights,
}

impl Weights {
    /// Parses and checks a weights file: every weight finite and non-negative.
    pub fn load(source: &str) -> Result<Self, String> {
        let file: WeightsFile =
            toml::from_str(source).map_err(|e| format!("ranking weights: {e}"))?;
        let w = &file.weights;
        let all = [
            w.modality_fit,
            w.goal,
            w.focus,
            w.licence_verified,
            w.licence_pending,
            w.training,
            w.clinical_practice,
            w.outcomes,
            w.fresh_profile,
            w.accepting,
            w.distance,
            w.gentle_bonus,
            w.deep_penalty,
        ];
        if all.iter().any(|x| !x.is_finite() || *x < 0.0) {
            return Err("ranking weights: every weight must be a non-negative number".into());
        }
        if w.licence_pending > w.licence_verified {
            return Err("ranking weights: a pending licence cannot outweigh a verified one".into());
        }
        Ok(file.weights)
    }
}

/// A candidate from search with its distance.
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    /// The practitioner.
    pub doc: &'a PractitionerDoc,
    /// Distance from the person.
    pub distance_km: f64,
}

/// A ranked, explained match.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// Practitioner id.
    pub id: i64,
    /// Score, higher is better.
    pub score: f64,
    /// Top reasons, most important first.
    pub reasons: Vec<String>,
}

/// The clock and context of a ranking.
#[derive(Debug, Clone, Copy)]
pub struct RankContext<'a> {
    /// Now, in Unix seconds.
    pub now_ts: i64,
    /// The search radius.
    pub radius_km: f64,
    /// How distances are written in reasons: "km" or "mi".
    pub unit: &'a str,
    /// How many matches to return (only these are explained).
    pub shown: usize,
}

const GENTLE: [&str; 2] = ["myofascial_release", "swedish"];
const DEEP: [&str; 2] = ["deep_tissue", "sports"];
const MAX_REASONS: usize = 4;

fn has_training(doc: &PractitionerDoc, t: Training) -> bool {
    match t {
        Training::Prenatal => doc.prenatal_trained,
        Training::Oncology => doc.oncology_trained,
    }
}

/// Why a candidate scores as it does, kept as data while every candidate is scored
/// and written out only for the matches shown.
enum Reason<'a> {
    Fits {
        modality: &'a str,
        region: &'a str,
    },
    Goal {
        modality: &'a str,
    },
    /// Labels of the person's regions that the practitioner focuses on.
    Focus(Vec<&'a str>),
    Licence(&'a LicenceSummary),
    Training(i32),
    ClinicalPractice(u8),
    Outcome(&'a OutcomeSummary),
    Accepting,
    Gentle,
    Prenatal,
    Oncology,
    Distance(f64),
}

impl Reason<'_> {
    fn text(&self, modality_name: &dyn Fn(&str) -> String, unit: &str) -> String {
        match self {
            Reason::Fits { modality, region } => format!(
                "{}, which fits {}",
                modality_name(modality),
                region.to_lowercase()
            ),
            Reason::Goal { modality } => format!(
                "Offers {}, which suits your goal",
                modality_name(modality).to_lowercase()
            ),
            Reason::Focus(labels) => format!(
                "Focuses on {}",
                labels
                    .iter()
                    .map(|l| l.to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
            Reason::Licence(l) => match &l.verified_on {
                Some(on) => format!("Licence {} {}, verified {on}", l.jurisdiction, l.number),
                None => format!("Licence {} {}, verified", l.jurisdiction, l.number),
            },
            Reason::Training(hours) => format!("{hours} training hours"),
            Reason::ClinicalPractice(yes) => {
                format!("Answers yes to {yes} of 5 clinical-practice questions")
            }
            Reason::Outcome(o) => format!(
                "Reports median pain {:.0} → {:.0} over {} sessions",
                o.median_before, o.median_after, o.count
            ),
            Reason::Accepting => "Accepting new clients".into(),
            Reason::Gentle => "Offers gentle techniques suited to high pain".into(),
            Reason::Prenatal => "Prenatal training".into(),
            Reason::Oncology => "Oncology training".into(),
            Reason::Distance(km) if unit == "mi" => format!("{:.1} mi away", km / 1.609_344),
            Reason::Distance(km) => format!("{km:.1} km away"),
        }
    }
}

/// A scored candidate, its reasons not yet written.
struct Scored<'a> {
    id: i64,
    score: f64,
    distance_km: f64,
    parts: Vec<(f64, Option<Reason<'a>>)>,
}

impl Scored<'_> {
    /// The top reasons, most important first, and always the distance.
    fn explain(&self, modality_name: &dyn Fn(&str) -> String, unit: &str) -> Vec<String> {
        let mut explained: Vec<&(f64, Option<Reason<'_>>)> =
            self.parts.iter().filter(|p| p.1.is_some()).collect();
        explained.sort_by(|a, b| b.0.total_cmp(&a.0));
        let shown: Vec<&Reason<'_>> = explained
            .iter()
            .filter_map(|p| p.1.as_ref())
            .take(MAX_REASONS)
            .collect();
        let mut reasons: Vec<String> = shown.iter().map(|r| r.text(modality_name, unit)).collect();
        if !shown.iter().any(|r| matches!(r, Reason::Distance(_))) {
            reasons.push(Reason::Distance(self.distance_km).text(modality_name, unit));
        }
        reasons
    }
}

/// Scores and orders candidates and returns the best `ctx.shown`, explained; candidates the
/// precautions exclude are dropped. Ties are broken by distance, then id, so the
/// order is total and stable.
pub fn rank(
    candidates: &[Candidate<'_>],
    answers: &Answers,
    precautions: &Precautions,
    rules: &Rules,
    weights: &Weights,
    modality_name: &dyn Fn(&str) -> String,
    ctx: RankContext<'_>,
) -> Vec<Match> {
    let chronic_clinical = answers.goal == "clinical" && answers.duration == "chronic";
    let regions: Vec<_> = answers
        .regions
        .iter()
        .filter_map(|r| rules.region(r))
        .collect();
    let goal = rules.goals.iter().find(|g| g.slug == answers.goal);
    let mut scored: Vec<Scored<'_>> = Vec::new();
    for c in candidates {
        let doc = c.doc;
        if precautions
            .required_training
            .iter()
            .any(|t| !has_training(doc, *t))
        {
            continue;
        }
        let allowed: Vec<&String> = doc
            .modalities
            .iter()
            .filter(|m| !precautions.excluded_modalities.contains(*m))
            .collect();
        if allowed.is_empty() {
            continue;
        }
        let mut parts: Vec<(f64, Option<Reason<'_>>)> = Vec::new();

        // Modality fit, per region: the best allowed modality.
        let mut fit_sum = 0.0;
        let mut best_reason: Option<(f64, Reason<'_>)> = None;
        for region in &regions {
            let mut best = (0.0, None);
            for m in &allowed {
                let f = if region.strong.contains(m) {
                    1.0
                } else if region.some.contains(m) {
                    0.5
                } else {
                    0.0
                };
                if f > best.0 {
                    best = (f, Some(*m));
                }
            }
            fit_sum += best.0;
            if let (f, Some(m)) = best
                && best_reason.as_ref().is_none_or(|(bf, _)| f > *bf)
            {
                best_reason = Some((
                    f,
                    Reason::Fits {
                        modality: m,
                        region: &region.label,
                    },
                ));
            }
        }
        let fit = if regions.is_empty() {
            0.0
        } else {
            fit_sum / regions.len() as f64
        };
        parts.push((weights.modality_fit * fit, best_reason.map(|r| r.1)));

        if let Some(goal) = goal
            && let Some(m) = allowed.iter().find(|m| goal.boost.contains(m))
        {
            parts.push((weights.goal, Some(Reason::Goal { modality: m })));
        }

        let focus = regions
            .iter()
            .filter(|r| doc.focus_regions.contains(&r.slug))
            .count();
        if focus > 0 {
            let share = focus as f64 / regions.len().max(1) as f64;
            let labels = regions
                .iter()
                .filter(|r| doc.focus_regions.contains(&r.slug))
                .map(|r| r.label.as_str())
                .collect();
            parts.push((weights.focus * share, Some(Reason::Focus(labels))));
        }

        match &doc.licence {
            Some(l) if doc.verified => {
                parts.push((weights.licence_verified, Some(Reason::Licence(l))))
            }
            Some(l) if l.status == "pending" => parts.push((weights.licence_pending, None)),
            _ => {}
        }

        let hours = f64::from(doc.training_hours.max(0));
        parts.push((
            weights.training * (hours / 500.0).min(1.0),
            (doc.training_hours >= 500).then_some(Reason::Training(doc.training_hours)),
        ));

        let yes = doc.clinical_practice.yes_count();
        let cp_weight = if chronic_clinical {
            weights.clinical_practice * 2.0
        } else {
            weights.clinical_practice
        };
        parts.push((
            cp_weight * f64::from(yes) / 5.0,
            (yes >= 3).then_some(Reason::ClinicalPractice(yes)),
        ));

        if let Some(outcome) = &doc.outcome {
            let drop = f64::from(outcome.median_before - outcome.median_after).max(0.0);
            parts.push((
                weights.outcomes * (drop / 5.0).min(1.0),
                (drop > 0.0).then_some(Reason::Outcome(outcome)),
            ));
        }

        if ctx.now_ts - doc.profile_confirmed_ts <= 180 * 86_400 {
            parts.push((weights.fresh_profile, None));
        }
        if doc.is_accepting(ctx.now_ts - 30 * 86_400) {
            parts.push((weights.accepting, Some(Reason::Accepting)));
        }

        if precautions.gentle_first && allowed.iter().any(|m| GENTLE.contains(&m.as_str())) {
            parts.push((weights.gentle_bonus, Some(Reason::Gentle)));
        }
        if (precautions.gentle_first || precautions.light_pressure)
            && allowed.iter().any(|m| DEEP.contains(&m.as_str()))
        {
            parts.push((-weights.deep_penalty, None));
        }
        if precautions.required_training.contains(&Training::Prenatal) {
            parts.push((0.0, Some(Reason::Prenatal)));
        }
        if precautions.required_training.contains(&Training::Oncology) {
            parts.push((0.0, Some(Reason::Oncology)));
        }

        let nearness = if ctx.radius_km > 0.0 {
            (1.0 - c.distance_km / ctx.radius_km).clamp(0.0, 1.0)
        } else {
            0.0
        };
        parts.push((
            weights.distance * nearness,
            Some(Reason::Distance(c.distance_km)),
        ));
        let score = parts.iter().map(|p| p.0).sum::<f64>();
        scored.push(Scored {
            id: doc.id,
            score: (score * 10.0).round() / 10.0,
            distance_km: c.distance_km,
            parts,
        });
    }
    scored.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.distance_km.total_cmp(&b.distance_km))
            .then(a.id.cmp(&b.id))
    });
    scored
        .iter()
        .take(ctx.shown)
        .map(|s| Match {
            id: s.id,
            score: s.score,
            reasons: s.explain(modality_name, ctx.unit),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        matching::{answers::RawAnswers, rules::BUILT_IN, screen::screen},
        search::document::{ClinicalPractice, LicenceSummary},
        seed::reference::Catalogue,
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
            conditions: conditions.iter().map(|s| s.to_string()).collect(),
            pressure: "medium".into(),
            goal: goal.into(),
            cleared_by_doctor: false,
        }
        .validate(&rules())
        .expect("valid")
    }

    fn doc(id: i64, modalities: &[&str]) -> PractitionerDoc {
        PractitionerDoc {
            id,
            slug: format!("p{id}"),
            display_name: format!("P {id}"),
            practice_name: None,
            city: "Austin".into(),
            region: "TX".into(),
            lat: 30.0,
            lng: -97.0,
            practice_type: "clinic".into(),
            modalities: modalities.iter().map(|s| s.to_string()).collect(),
            focus_regions: vec![],
            licence: Some(LicenceSummary {
                status: "pending".into(),
                jurisdiction: "TX".into(),
                number: format!("MT-{id}"),
                verified_on: None,
            }),
            verified: false,
            training_hours: 300,
            prenatal_trained: false,
            oncology_trained: false,
            clinical_practice: ClinicalPractice::default(),
            accepting_new_clients: true,
            accepting_confirmed_ts: NOW - 86_400,
            profile_confirmed_ts: NOW - 86_400,
            outcome: None,
            is_demo: false,
        }
    }

    fn run(docs: &[(PractitionerDoc, f64)], a: &Answers) -> Vec<Match> {
        let rules = rules();
        let s = screen(a, &rules);
        let candidates: Vec<Candidate<'_>> = docs
            .iter()
            .map(|(d, km)| Candidate {
                doc: d,
                distance_km: *km,
            })
            .collect();
        rank(
            &candidates,
            a,
            &s.precautions,
            &rules,
            &weights(),
            &|m| m.to_owned(),
            RankContext {
                now_ts: NOW,
                radius_km: 25.0,
                unit: "km",
                shown: usize::MAX,
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
            ranked[0].reasons[0].contains("trigger_point, which fits pain spreading down a leg"),
            "{:?}",
            ranked[0].reasons
        );
        assert!(ranked[0].reasons.iter().any(|r| r == "5.0 km away"));
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
        assert!(ranked[0].reasons.iter().any(|r| r == "Prenatal training"));
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

    fn arb_doc() -> impl Strategy<Value = (PractitionerDoc, f64)> {
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
                d.clinical_practice = ClinicalPractice {
                    whole_session_one_area: cp[0],
                    myofascial: cp[1],
                    posture_assessment: cp[2],
                    referral_pain: cp[3],
                    minimal_oil: cp[4],
                };
                d.accepting_new_clients = accepting;
                d.outcome = outcome.map(|(b, drop)| OutcomeSummary {
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
            verified.verified = true;
            if let Some(l) = verified.licence.as_mut() { l.status = "verified".into(); }
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
}
