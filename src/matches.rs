//! Finding matches: the flow from validated answers to ranked, explained matches —
//! screen, then search around the place, then rank. The IO lives here; the rules
//! themselves are the pure functions of `matching`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::{
    geocoding::Place,
    matching::{
        Answers, Candidate, LicenceFacts, Match, OutcomeFacts, Practice, RankContext, Rules,
        Screening, Weights, rank, rules::Training,
    },
    policy,
    reference::Catalogue,
    schedule::{PlanCache, Slot},
    search::{HitView, PracticeView, SearchError, SearchHit, SearchIndex, SearchQuery},
};

/// Candidates fetched from search before ranking.
pub const CANDIDATES: usize = 500;
/// Matches returned after ranking.
pub const MATCHES: usize = 20;

/// One ranked match with the practitioner it ranks.
#[derive(Debug, Clone)]
pub struct RankedHit {
    /// The practitioner and distance.
    pub hit: SearchHit,
    /// Score and reasons.
    pub ranking: Match,
    /// The practitioner's next open time, when they have set hours.
    pub next_open: Option<Slot>,
}

/// The reference content a match needs.
pub struct MatchContext<'a> {
    /// The search backend.
    pub search: &'a dyn SearchIndex,
    /// The clinical rules.
    pub rules: &'a Rules,
    /// Ranking weights.
    pub weights: &'a Weights,
    /// Modality names.
    pub catalogue: &'a Catalogue,
    /// The database, for the open times of the matches shown.
    pub db: &'a DatabaseConnection,
    /// Recently read working hours.
    pub plans: &'a PlanCache,
    /// The time of the match.
    pub now: DateTime<Utc>,
    /// The reader's language, which ranking favours.
    pub reader_language: &'static str,
    /// Only practitioners who speak this language, when the person asked.
    pub speaks: Option<&'a str>,
    /// What the person asked of the cost: HSA/FSA cards, injury claims, a highest
    /// 60-minute price.
    pub cost: CostFilter,
}

/// The cost filters a match may ask for.
#[derive(Debug, Clone, Copy, Default)]
pub struct CostFilter {
    /// Only practices that take HSA and FSA cards.
    pub hsa_fsa: bool,
    /// Only practices that take injury claims.
    pub injury_claims: bool,
    /// Only practices whose 60-minute price is at most this.
    pub max_price_60: Option<u32>,
}

/// Searches around `place` and ranks the candidates the screening allows. Call it
/// only when the verdict shows matches.
pub async fn find_matches(
    ctx: &MatchContext<'_>,
    answers: &Answers,
    screening: &Screening,
    place: &Place,
    radius_km: f64,
) -> Result<Vec<RankedHit>, SearchError> {
    let now = ctx.now;
    let mut query = SearchQuery::near(
        place.lat,
        place.lng,
        radius_km,
        policy::accepting_since(now),
    );
    query.prenatal = screening
        .precautions
        .required_training
        .contains(&Training::Prenatal);
    query.oncology = screening
        .precautions
        .required_training
        .contains(&Training::Oncology);
    query.language = ctx.speaks.map(str::to_owned);
    query.hsa_fsa = ctx.cost.hsa_fsa;
    query.injury_claims = ctx.cost.injury_claims;
    query.max_price_60 = ctx.cost.max_price_60;
    query.limit = CANDIDATES;
    // Ranking reads the candidates where the index keeps them; only the matches shown
    // are copied out.
    let mut ranked = Vec::new();
    let hits = ctx
        .search
        .choose(&query, &mut |nearby: &[HitView<'_>]| {
            let candidates: Vec<Candidate<'_, PracticeView<'_>>> = nearby
                .iter()
                .map(|h| Candidate {
                    practice: &h.doc,
                    distance_km: h.distance_km,
                })
                .collect();
            ranked = rank(
                &candidates,
                answers,
                &screening.precautions,
                ctx.rules,
                ctx.weights,
                RankContext {
                    now_ts: now.timestamp(),
                    radius_km,
                    shown: MATCHES,
                    reader_language: ctx.reader_language,
                },
            );
            ranked.iter().map(|m| m.id).collect()
        })
        .await?;
    let mut hits: HashMap<i64, SearchHit> = hits.into_iter().map(|h| (h.doc.id, h)).collect();
    // The open times of the matches shown: from memory, or one query for those not
    // read lately, never one per match.
    let ids: Vec<i64> = ranked.iter().map(|m| m.id).collect();
    let mut next_open = ctx
        .plans
        .next_open(ctx.db, &ids, now)
        .await
        .map_err(|e| SearchError::Unavailable(format!("open times: {e}")))?;
    Ok(ranked
        .into_iter()
        .filter_map(|ranking| {
            hits.remove(&ranking.id).map(|hit| RankedHit {
                next_open: next_open.remove(&ranking.id),
                hit,
                ranking,
            })
        })
        .collect())
}

/// Ranking reads search documents in place, through the listing rules of `policy`.
impl<'a> Practice for PracticeView<'a> {
    type Slug = &'a str;

    fn id(&self) -> i64 {
        self.id
    }

    fn modalities(&self) -> &[&'a str] {
        &self.modalities
    }

    fn focus_regions(&self) -> &[&'a str] {
        &self.focus_regions
    }

    fn licence(&self) -> Option<LicenceFacts<'_>> {
        self.licence.as_ref().map(|l| LicenceFacts {
            jurisdiction: l.jurisdiction,
            number: l.number,
            verified: self.verified,
            pending: l.status == "pending",
            verified_on: l.verified_on,
        })
    }

    fn training_hours(&self) -> i32 {
        self.training_hours
    }

    fn clinical_yes(&self) -> u8 {
        self.clinical_practice.yes_count()
    }

    fn clinical_badge(&self) -> bool {
        policy::shows_clinical_practice(self.clinical_practice.yes_count())
    }

    fn outcome(&self) -> Option<OutcomeFacts> {
        self.outcome.as_ref().map(|o| OutcomeFacts {
            count: o.count,
            median_before: o.median_before,
            median_after: o.median_after,
        })
    }

    fn profile_fresh(&self, now_ts: i64) -> bool {
        policy::profile_fresh(self.profile_confirmed_ts, now_ts)
    }

    fn accepting(&self, now_ts: i64) -> bool {
        self.accepting_new_clients && policy::accepting_current(self.accepting_confirmed_ts, now_ts)
    }

    fn trained(&self, t: Training) -> bool {
        match t {
            Training::Prenatal => self.prenatal_trained,
            Training::Oncology => self.oncology_trained,
        }
    }

    fn speaks(&self, language: &str) -> bool {
        policy::language_bit(language).is_some_and(|bit| self.languages & bit != 0)
    }
}
