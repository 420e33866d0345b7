//! Finding matches: the flow from validated answers to ranked, explained matches —
//! screen, then search around the place, then rank. The IO lives here; the rules
//! themselves are the pure functions of `matching`.

use chrono::{TimeDelta, Utc};

use crate::{
    geocoding::Place,
    matching::{
        Answers, Candidate, Match, RankContext, Rules, Screening, Weights, rank, rules::Training,
    },
    search::{SearchError, SearchHit, SearchIndex, SearchQuery},
    seed::reference::Catalogue,
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
}

/// Searches around `place` and ranks the candidates the screening allows. Call it
/// only when the verdict shows matches.
pub async fn find_matches(
    ctx: &MatchContext<'_>,
    answers: &Answers,
    screening: &Screening,
    place: &Place,
    radius_km: f64,
    unit: &str,
) -> Result<Vec<RankedHit>, SearchError> {
    let now = Utc::now();
    let mut query = SearchQuery::near(
        place.lat,
        place.lng,
        radius_km,
        (now - TimeDelta::days(30)).timestamp(),
    );
    query.prenatal = screening
        .precautions
        .required_training
        .contains(&Training::Prenatal);
    query.oncology = screening
        .precautions
        .required_training
        .contains(&Training::Oncology);
    query.limit = CANDIDATES;
    let page = ctx.search.search(&query).await?;
    let candidates: Vec<Candidate<'_>> = page
        .hits
        .iter()
        .map(|h| Candidate {
            doc: &h.doc,
            distance_km: h.distance_km,
        })
        .collect();
    let name = |slug: &str| ctx.catalogue.modality_name(slug).to_owned();
    let ranked = rank(
        &candidates,
        answers,
        &screening.precautions,
        ctx.rules,
        ctx.weights,
        &name,
        RankContext {
            now_ts: now.timestamp(),
            radius_km,
            unit,
            shown: MATCHES,
        },
    );
    Ok(ranked
        .into_iter()
        .filter_map(|ranking| {
            page.hits
                .iter()
                .find(|h| h.doc.id == ranking.id)
                .map(|hit| RankedHit {
                    hit: hit.clone(),
                    ranking,
                })
        })
        .collect())
}
