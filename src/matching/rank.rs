//! Ranking: scores screened candidates and explains each score with reasons kept as
//! data (the words are written by `wording`). Pure: the caller passes the candidates,
//! seen through the [`Practice`] trait, the clock and the weights.

use serde::{Deserialize, Serialize};

use super::{
    answers::Answers,
    rules::{Rules, Training},
    screen::Precautions,
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
    /// Speaks the reader's language.
    pub language: f64,
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
            w.language,
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

/// A practitioner's licence as ranking sees it.
#[derive(Debug, Clone, Copy)]
pub struct LicenceFacts<'a> {
    /// Jurisdiction code.
    pub jurisdiction: &'a str,
    /// Number as issued.
    pub number: &'a str,
    /// Verified and current.
    pub verified: bool,
    /// Waiting for an admin.
    pub pending: bool,
    /// When it was verified (ISO date), if it was.
    pub verified_on: Option<&'a str>,
}

/// Reported outcomes as ranking sees them.
#[derive(Debug, Clone, Copy)]
pub struct OutcomeFacts {
    /// Sessions logged.
    pub count: u32,
    /// Median pain before (0–10).
    pub median_before: f32,
    /// Median pain after (0–10).
    pub median_after: f32,
}

/// What ranking reads of a practitioner. Implemented by whatever the candidates come
/// as (the search document), so ranking neither depends on search nor copies them.
pub trait Practice {
    /// How a slug is held: owned, or borrowed from where the practice is kept.
    type Slug: AsRef<str>;
    /// Practitioner id.
    fn id(&self) -> i64;
    /// Modality slugs offered.
    fn modalities(&self) -> &[Self::Slug];
    /// Region slugs of focus.
    fn focus_regions(&self) -> &[Self::Slug];
    /// The licence shown, if any.
    fn licence(&self) -> Option<LicenceFacts<'_>>;
    /// Hours in the training ledger.
    fn training_hours(&self) -> i32;
    /// Clinical-practice questions answered yes (0–5).
    fn clinical_yes(&self) -> u8;
    /// Whether those answers earn the clinical-practice badge (and so a reason).
    fn clinical_badge(&self) -> bool;
    /// Reported outcomes, when there are enough to show.
    fn outcome(&self) -> Option<OutcomeFacts>;
    /// Whether the profile counts as recently confirmed at `now_ts`.
    fn profile_fresh(&self, now_ts: i64) -> bool;
    /// Whether the practitioner counts as accepting new clients at `now_ts`.
    fn accepting(&self, now_ts: i64) -> bool;
    /// Whether they hold the training.
    fn trained(&self, t: Training) -> bool;
    /// Whether they speak the language (an ISO 639-1 code).
    fn speaks(&self, language: &str) -> bool;
}

/// A candidate from search with its distance.
#[derive(Debug, Clone)]
pub struct Candidate<'a, P> {
    /// The practitioner.
    pub practice: &'a P,
    /// Distance from the person.
    pub distance_km: f64,
}

/// Why a match scores as it does, most important first in [`Match::reasons`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// The modality that best fits one of the person's regions.
    Fits {
        /// Modality slug.
        modality: String,
        /// The region's label.
        region: String,
    },
    /// Offers a modality the person's goal raises.
    Goal {
        /// Modality slug.
        modality: String,
    },
    /// Focuses on these of the person's regions (labels).
    Focus {
        /// Region labels.
        regions: Vec<String>,
    },
    /// A verified licence.
    Licence {
        /// Jurisdiction code.
        jurisdiction: String,
        /// Number.
        number: String,
        /// When it was verified.
        verified_on: Option<String>,
    },
    /// Training hours (500 or more).
    Training {
        /// Hours.
        hours: i32,
    },
    /// Clinical-practice answers (3 or more yes).
    ClinicalPractice {
        /// Yes answers of 5.
        yes: u8,
    },
    /// Reported outcomes.
    Outcome {
        /// Median pain before.
        before: f32,
        /// Median pain after.
        after: f32,
        /// Sessions.
        count: u32,
    },
    /// Accepting new clients.
    Accepting,
    /// Gentle techniques suited to high pain.
    Gentle,
    /// Prenatal training.
    Prenatal,
    /// Oncology training.
    Oncology,
    /// Speaks the reader's language.
    Language {
        /// ISO 639-1 code.
        code: String,
    },
    /// Distance from the person.
    Distance {
        /// Kilometres.
        km: f64,
    },
}

/// A ranked, explained match.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// Practitioner id.
    pub id: i64,
    /// Score, higher is better.
    pub score: f64,
    /// Top reasons, most important first; always ends with the distance if not among them.
    pub reasons: Vec<Reason>,
}

/// The clock and context of a ranking.
#[derive(Debug, Clone, Copy)]
pub struct RankContext {
    /// Now, in Unix seconds.
    pub now_ts: i64,
    /// The search radius.
    pub radius_km: f64,
    /// How many matches to return (only these are explained).
    pub shown: usize,
    /// The reader's language (an ISO 639-1 code): a practitioner who speaks it ranks
    /// ahead of an otherwise equal one.
    pub reader_language: &'static str,
}

const GENTLE: [&str; 2] = ["myofascial_release", "swedish"];
const DEEP: [&str; 2] = ["deep_tissue", "sports"];
const MAX_REASONS: usize = 4;

/// Why a candidate scores as it does, borrowed while every candidate is scored and
/// copied out only for the matches shown.
enum ReasonRef<'a> {
    Fits {
        modality: &'a str,
        region: &'a str,
    },
    Goal {
        modality: &'a str,
    },
    /// Labels of the person's regions that the practitioner focuses on.
    Focus(Vec<&'a str>),
    Licence(LicenceFacts<'a>),
    Training(i32),
    ClinicalPractice(u8),
    Outcome(OutcomeFacts),
    Accepting,
    Gentle,
    Prenatal,
    Oncology,
    Distance(f64),
}

impl ReasonRef<'_> {
    fn copied(&self) -> Reason {
        match self {
            Self::Fits { modality, region } => Reason::Fits {
                modality: (*modality).to_owned(),
                region: (*region).to_owned(),
            },
            Self::Goal { modality } => Reason::Goal {
                modality: (*modality).to_owned(),
            },
            Self::Focus(labels) => Reason::Focus {
                regions: labels.iter().map(|l| (*l).to_owned()).collect(),
            },
            Self::Licence(l) => Reason::Licence {
                jurisdiction: l.jurisdiction.to_owned(),
                number: l.number.to_owned(),
                verified_on: l.verified_on.map(str::to_owned),
            },
            Self::Training(hours) => Reason::Training { hours: *hours },
            Self::ClinicalPractice(yes) => Reason::ClinicalPractice { yes: *yes },
            Self::Outcome(o) => Reason::Outcome {
                before: o.median_before,
                after: o.median_after,
                count: o.count,
            },
            Self::Accepting => Reason::Accepting,
            Self::Gentle => Reason::Gentle,
            Self::Prenatal => Reason::Prenatal,
            Self::Oncology => Reason::Oncology,
            Self::Distance(km) => Reason::Distance { km: *km },
        }
    }
}

/// A scored candidate, its reasons not yet written.
struct Scored<'a> {
    id: i64,
    score: f64,
    distance_km: f64,
    parts: Vec<(f64, Option<ReasonRef<'a>>)>,
    /// The reader's language, when speaking it sets this candidate apart from others.
    speaks: Option<&'static str>,
}

impl Scored<'_> {
    /// The top reasons, most important first, then the reader's language when it sets
    /// the practitioner apart, and always the distance.
    fn explain(&self) -> Vec<Reason> {
        let mut explained: Vec<&(f64, Option<ReasonRef<'_>>)> =
            self.parts.iter().filter(|p| p.1.is_some()).collect();
        explained.sort_by(|a, b| b.0.total_cmp(&a.0));
        let shown: Vec<&ReasonRef<'_>> = explained
            .iter()
            .filter_map(|p| p.1.as_ref())
            .take(MAX_REASONS)
            .collect();
        let mut reasons: Vec<Reason> = shown.iter().map(|r| r.copied()).collect();
        if let Some(code) = self.speaks {
            reasons.push(Reason::Language {
                code: code.to_owned(),
            });
        }
        if !shown.iter().any(|r| matches!(r, ReasonRef::Distance(_))) {
            reasons.push(Reason::Distance {
                km: self.distance_km,
            });
        }
        reasons
    }
}

/// Scores and orders candidates and returns the best `ctx.shown`, explained; candidates the
/// precautions exclude are dropped. Ties are broken by distance, then id, so the
/// order is total and stable.
pub fn rank<P: Practice>(
    candidates: &[Candidate<'_, P>],
    answers: &Answers,
    precautions: &Precautions,
    rules: &Rules,
    weights: &Weights,
    ctx: RankContext,
) -> Vec<Match> {
    let chronic_clinical = answers.goal == "clinical" && answers.duration == "chronic";
    let regions: Vec<_> = answers
        .regions
        .iter()
        .filter_map(|r| rules.region(r))
        .collect();
    let goal = rules.goals.iter().find(|g| g.slug == answers.goal);
    // Speaking the reader's language is a reason to tell only when some candidates
    // do not: where everyone speaks it, it explains nothing.
    let reader = ctx.reader_language;
    let language_sets_apart = candidates.iter().any(|c| !c.practice.speaks(reader));
    let mut scored: Vec<Scored<'_>> = Vec::new();
    for c in candidates {
        let doc = c.practice;
        if precautions
            .required_training
            .iter()
            .any(|t| !doc.trained(*t))
        {
            continue;
        }
        let allowed: Vec<&str> = doc
            .modalities()
            .iter()
            .map(AsRef::as_ref)
            .filter(|m| !precautions.excluded_modalities.contains(*m))
            .collect();
        if allowed.is_empty() {
            continue;
        }
        let mut parts: Vec<(f64, Option<ReasonRef<'_>>)> = Vec::new();

        // Modality fit, per region: the best allowed modality.
        let mut fit_sum = 0.0;
        let mut best_reason: Option<(f64, ReasonRef<'_>)> = None;
        for region in &regions {
            let mut best = (0.0, None);
            for m in &allowed {
                let f = if region.strong.iter().any(|s| s == m) {
                    1.0
                } else if region.some.iter().any(|s| s == m) {
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
                    ReasonRef::Fits {
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
            && let Some(m) = allowed.iter().find(|m| goal.boost.iter().any(|b| b == **m))
        {
            parts.push((weights.goal, Some(ReasonRef::Goal { modality: m })));
        }

        let in_focus = |slug: &str| doc.focus_regions().iter().any(|f| f.as_ref() == slug);
        let focus = regions.iter().filter(|r| in_focus(&r.slug)).count();
        if focus > 0 {
            let share = focus as f64 / regions.len().max(1) as f64;
            let labels = regions
                .iter()
                .filter(|r| in_focus(&r.slug))
                .map(|r| r.label.as_str())
                .collect();
            parts.push((weights.focus * share, Some(ReasonRef::Focus(labels))));
        }

        match doc.licence() {
            Some(l) if l.verified => {
                parts.push((weights.licence_verified, Some(ReasonRef::Licence(l))))
            }
            Some(l) if l.pending => parts.push((weights.licence_pending, None)),
            _ => {}
        }

        let hours = f64::from(doc.training_hours().max(0));
        parts.push((
            weights.training * (hours / 500.0).min(1.0),
            (doc.training_hours() >= 500).then_some(ReasonRef::Training(doc.training_hours())),
        ));

        let yes = doc.clinical_yes();
        let cp_weight = if chronic_clinical {
            weights.clinical_practice * 2.0
        } else {
            weights.clinical_practice
        };
        parts.push((
            cp_weight * f64::from(yes) / 5.0,
            doc.clinical_badge()
                .then_some(ReasonRef::ClinicalPractice(yes)),
        ));

        if let Some(outcome) = doc.outcome() {
            let drop = f64::from(outcome.median_before - outcome.median_after).max(0.0);
            parts.push((
                weights.outcomes * (drop / 5.0).min(1.0),
                (drop > 0.0).then_some(ReasonRef::Outcome(outcome)),
            ));
        }

        if doc.profile_fresh(ctx.now_ts) {
            parts.push((weights.fresh_profile, None));
        }
        if doc.accepting(ctx.now_ts) {
            parts.push((weights.accepting, Some(ReasonRef::Accepting)));
        }

        if precautions.gentle_first && allowed.iter().any(|m| GENTLE.contains(m)) {
            parts.push((weights.gentle_bonus, Some(ReasonRef::Gentle)));
        }
        if (precautions.gentle_first || precautions.light_pressure)
            && allowed.iter().any(|m| DEEP.contains(m))
        {
            parts.push((-weights.deep_penalty, None));
        }
        if precautions.required_training.contains(&Training::Prenatal) {
            parts.push((0.0, Some(ReasonRef::Prenatal)));
        }
        if precautions.required_training.contains(&Training::Oncology) {
            parts.push((0.0, Some(ReasonRef::Oncology)));
        }

        let speaks = doc.speaks(reader);
        if speaks {
            parts.push((weights.language, None));
        }

        let nearness = if ctx.radius_km > 0.0 {
            (1.0 - c.distance_km / ctx.radius_km).clamp(0.0, 1.0)
        } else {
            0.0
        };
        parts.push((
            weights.distance * nearness,
            Some(ReasonRef::Distance(c.distance_km)),
        ));
        let score = parts.iter().map(|p| p.0).sum::<f64>();
        scored.push(Scored {
            id: doc.id(),
            score: (score * 10.0).round() / 10.0,
            distance_km: c.distance_km,
            parts,
            speaks: (speaks && language_sets_apart).then_some(reader),
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
            reasons: s.explain(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
