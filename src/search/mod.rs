//! Search: the `SearchIndex` trait and its two real backends, the embedded in-process
//! index and Meilisearch. Both return the same candidates for the same data and query.

pub mod document;
pub mod embedded;
pub mod meilisearch;

use std::ops::RangeInclusive;

use async_trait::async_trait;
use tokio::sync::mpsc;

pub use document::{HitView, PracticeView, PractitionerDoc};

/// The deepest page a search can ask for, on the pages and in the API alike.
pub const MAX_PAGE: usize = 10_000;

/// Great-circle distance between two points in kilometres (haversine on the GRS80
/// mean radius, 6371.0088 km, the same sphere for every distance in the product).
pub fn distance_km(lat1: f64, lng1: f64, lat2: f64, lng2: f64) -> f64 {
    use geo::{Distance, Haversine, Point};
    Haversine.distance(Point::new(lng1, lat1), Point::new(lng2, lat2)) / 1000.0
}

/// Filter values once each, whatever a request repeats: a slug sent a thousand times
/// is one condition, not a thousand.
pub fn distinct(mut values: Vec<String>) -> Vec<String> {
    values.sort_unstable();
    values.dedup();
    values
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Nearest first, then by id.
    #[default]
    Distance,
    /// The most clinical approach first (`policy::Approach`), then nearest, then by id.
    Approach,
}

impl SortOrder {
    /// `distance` or `approach`, as the pages and the API spell it.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Distance => "distance",
            Self::Approach => "approach",
        }
    }

    /// The order a slug names.
    pub fn from_slug(slug: &str) -> Option<Self> {
        [Self::Distance, Self::Approach]
            .into_iter()
            .find(|s| s.slug() == slug)
    }
}

/// A validated search: every string in it is a known slug, except `text`, which is
/// only ever matched against words and never spliced into a filter.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchQuery {
    /// Centre latitude.
    pub lat: f64,
    /// Centre longitude.
    pub lng: f64,
    /// Radius in kilometres (0 < r ≤ 500).
    pub radius_km: f64,
    /// Any of these modality slugs; empty means any.
    pub modalities: Vec<String>,
    /// Only practitioners with a verified, current licence.
    pub verified_only: bool,
    /// Only practitioners accepting new clients, confirmed at or after `accepting_since_ts`.
    pub accepting_only: bool,
    /// Availability confirmed before this (Unix seconds) has lapsed.
    pub accepting_since_ts: i64,
    /// Only this practice type slug.
    pub practice_type: Option<String>,
    /// All of these accessibility feature slugs; empty means any.
    pub accessibility: Vec<String>,
    /// Only practitioners who speak this language (a `policy::SPOKEN_LANGUAGES` code).
    pub language: Option<String>,
    /// Only practitioners with prenatal training.
    pub prenatal: bool,
    /// Only practitioners with oncology training.
    pub oncology: bool,
    /// Only practices that take HSA and FSA cards.
    pub hsa_fsa: bool,
    /// Only practices that take auto-injury and workers' compensation claims.
    pub injury_claims: bool,
    /// Only practices whose 60-minute price is at most this (1 to
    /// `practitioners::payment::MAX_PRICE`); a practice with no 60-minute price never
    /// passes.
    pub max_price_60: Option<u32>,
    /// Only practitioners whose approach is at least this clinical.
    pub approach: Option<crate::policy::Approach>,
    /// Free text on name, practice and city.
    pub text: Option<String>,
    /// Ordering.
    pub sort: SortOrder,
    /// Results to skip.
    pub offset: usize,
    /// Results to return.
    pub limit: usize,
}

impl SearchQuery {
    /// A query around a point with no filters, nearest first, first 20 results.
    pub fn near(lat: f64, lng: f64, radius_km: f64, accepting_since_ts: i64) -> Self {
        Self {
            lat,
            lng,
            radius_km,
            modalities: Vec::new(),
            verified_only: false,
            accepting_only: false,
            accepting_since_ts,
            practice_type: None,
            accessibility: Vec::new(),
            language: None,
            prenatal: false,
            oncology: false,
            hsa_fsa: false,
            injury_claims: false,
            max_price_60: None,
            approach: None,
            text: None,
            sort: SortOrder::Distance,
            offset: 0,
            limit: 20,
        }
    }
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    /// The practitioner.
    pub doc: PractitionerDoc,
    /// Distance from the query centre.
    pub distance_km: f64,
}

/// One page of results.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPage {
    /// Matches in total, across pages.
    pub total: usize,
    /// This page's results.
    pub hits: Vec<SearchHit>,
}

/// Why a search backend failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The backend could not be reached or answered with an error.
    #[error("search backend unavailable: {0}")]
    Unavailable(String),
    /// The document cannot be stored by this backend (more modalities than it filters).
    #[error("{0}")]
    Capacity(String),
    /// A rebuild's document source stopped before its last page; the index is unchanged.
    #[error("the documents for a rebuild stopped before the end; the index was left as it was")]
    Incomplete,
}

/// What a rebuild's document source sends: pages of documents, then `End` once every
/// page is sent. A source that stops without `End` (it failed) changes nothing.
#[derive(Debug)]
pub enum Feed {
    /// Some of the documents.
    Page(Vec<PractitionerDoc>),
    /// Every page has been sent.
    End,
}

/// A search backend. The database is the source of truth; an index is derived from it.
#[async_trait]
pub trait SearchIndex: Send + Sync {
    /// `embedded` or `meilisearch`.
    fn backend(&self) -> &'static str;
    /// Whether every process of the deployment sees this same index (Meilisearch), or
    /// only this process does (the embedded index). Work on a private index is lost
    /// to the server, so command-line tools leave index jobs to it.
    fn is_shared(&self) -> bool;
    /// Gets the backend ready (index and settings); returns whether it is empty and
    /// must be filled from the database.
    async fn prepare(&self) -> Result<bool, SearchError>;
    /// Replaces the whole index with the documents `feed` delivers, a page at a time,
    /// so they never need to be in memory at once. Readers see the old index until
    /// `Feed::End`. Returns how many documents the new index holds.
    async fn rebuild_from(&self, feed: mpsc::Receiver<Feed>) -> Result<usize, SearchError>;
    /// Replaces the whole index with these documents (atomically for readers).
    async fn rebuild(&self, docs: Vec<PractitionerDoc>) -> Result<(), SearchError> {
        let (tx, rx) = mpsc::channel(2);
        for message in [Feed::Page(docs), Feed::End] {
            tx.send(message)
                .await
                .map_err(|_| SearchError::Incomplete)?;
        }
        drop(tx);
        self.rebuild_from(rx).await.map(|_| ())
    }
    /// Adds or replaces documents.
    async fn upsert(&self, docs: Vec<PractitionerDoc>) -> Result<(), SearchError>;
    /// Removes documents by practitioner id; unknown ids are ignored.
    async fn remove(&self, ids: &[i64]) -> Result<(), SearchError>;
    /// Runs a query.
    async fn search(&self, query: &SearchQuery) -> Result<SearchPage, SearchError>;
    /// Runs a query and lets `choose` pick from the hits, nearest first, each borrowed
    /// where it is kept; returns the full hits of the ids `choose` returned, in its
    /// order. The embedded index lends its stored documents in place, so choosing a
    /// few of many candidates (a match's ranking) copies out only those few.
    async fn choose(
        &self,
        query: &SearchQuery,
        choose: &mut (dyn for<'v, 'd> FnMut(&'v [HitView<'d>]) -> Vec<i64> + Send),
    ) -> Result<Vec<SearchHit>, SearchError> {
        let page = self.search(query).await?;
        let views: Vec<HitView<'_>> = page
            .hits
            .iter()
            .map(|hit| HitView {
                doc: hit.doc.view(),
                distance_km: hit.distance_km,
            })
            .collect();
        let chosen = choose(&views);
        Ok(chosen
            .into_iter()
            .filter_map(|id| page.hits.iter().find(|hit| hit.doc.id == id).cloned())
            .collect())
    }
    /// The stored documents whose ids are in `ids`, in id order: what reconciliation
    /// compares with the database.
    async fn documents_in(
        &self,
        ids: RangeInclusive<i64>,
    ) -> Result<Vec<PractitionerDoc>, SearchError>;
    /// A short state for `/readyz`, or why the backend is not ready.
    async fn health(&self) -> Result<String, SearchError>;
    /// How many listings the index holds, for `/metrics`.
    async fn documents(&self) -> Result<u64, SearchError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_filter_values_count_once() {
        let many: Vec<String> = std::iter::repeat_n("step_free".to_owned(), 1000)
            .chain(["adjustable_table".to_owned()])
            .collect();
        assert_eq!(distinct(many), ["adjustable_table", "step_free"]);
    }

    #[test]
    fn distance_matches_known_city_pair() {
        // Austin to Dallas is about 293 km.
        let d = distance_km(30.2672, -97.7431, 32.7767, -96.7970);
        assert!((d - 293.0).abs() < 3.0, "{d}");
        assert_eq!(distance_km(10.0, 10.0, 10.0, 10.0), 0.0);
    }
}
