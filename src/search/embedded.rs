//! The embedded index: an R-tree of practitioner locations plus the documents, held in
//! process memory behind a read-write lock. It serves one instance; several instances
//! need Meilisearch.

use std::{collections::HashMap, sync::Arc};

use async_trait::async_trait;
use rstar::{AABB, RTree, primitives::GeomWithData};
use tokio::sync::RwLock;

use super::{
    SearchError, SearchHit, SearchIndex, SearchPage, SearchQuery, SortOrder, distance_km,
    document::{PractitionerDoc, tokenize},
};

/// Kilometres per degree of latitude.
const KM_PER_DEGREE: f64 = 111.195;

type Point = GeomWithData<[f64; 2], i64>;

struct Entry {
    doc: Arc<PractitionerDoc>,
    tokens: Vec<String>,
}

#[derive(Default)]
struct Inner {
    tree: RTree<Point>,
    entries: HashMap<i64, Entry>,
}

impl Inner {
    fn insert(&mut self, doc: PractitionerDoc) {
        self.remove(doc.id);
        let point = Point::new([doc.lng, doc.lat], doc.id);
        self.tree.insert(point);
        let tokens = doc.text_tokens();
        self.entries.insert(
            doc.id,
            Entry {
                doc: Arc::new(doc),
                tokens,
            },
        );
    }

    fn remove(&mut self, id: i64) {
        if let Some(old) = self.entries.remove(&id) {
            self.tree
                .remove(&Point::new([old.doc.lng, old.doc.lat], id));
        }
    }
}

/// The in-process index.
#[derive(Default)]
pub struct EmbeddedIndex {
    inner: RwLock<Inner>,
}

impl EmbeddedIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }
}

/// Whether `tokens` contain every word of the query; the last word may be a prefix.
fn text_matches(query_words: &[String], tokens: &[String]) -> bool {
    let Some((last, rest)) = query_words.split_last() else {
        return true;
    };
    rest.iter().all(|w| tokens.contains(w)) && tokens.iter().any(|t| t.starts_with(last.as_str()))
}

/// The longitude/latitude boxes that contain every point within `radius_km` of a centre.
fn bounding_boxes(lat: f64, lng: f64, radius_km: f64) -> Vec<AABB<[f64; 2]>> {
    let dlat = radius_km / KM_PER_DEGREE;
    let (min_lat, max_lat) = ((lat - dlat).max(-90.0), (lat + dlat).min(90.0));
    let widest = min_lat.abs().max(max_lat.abs());
    if widest >= 89.0 {
        return vec![AABB::from_corners([-180.0, min_lat], [180.0, max_lat])];
    }
    let dlng = radius_km / (KM_PER_DEGREE * widest.to_radians().cos());
    if dlng >= 180.0 {
        return vec![AABB::from_corners([-180.0, min_lat], [180.0, max_lat])];
    }
    let (west, east) = (lng - dlng, lng + dlng);
    let mut boxes = vec![AABB::from_corners(
        [west.max(-180.0), min_lat],
        [east.min(180.0), max_lat],
    )];
    if west < -180.0 {
        boxes.push(AABB::from_corners(
            [west + 360.0, min_lat],
            [180.0, max_lat],
        ));
    }
    if east > 180.0 {
        boxes.push(AABB::from_corners(
            [-180.0, min_lat],
            [east - 360.0, max_lat],
        ));
    }
    boxes
}

#[async_trait]
impl SearchIndex for EmbeddedIndex {
    fn backend(&self) -> &'static str {
        "embedded"
    }

    async fn prepare(&self) -> Result<bool, SearchError> {
        Ok(self.inner.read().await.entries.is_empty())
    }

    async fn rebuild(&self, docs: Vec<PractitionerDoc>) -> Result<(), SearchError> {
        let points: Vec<Point> = docs
            .iter()
            .map(|d| Point::new([d.lng, d.lat], d.id))
            .collect();
        let entries = docs
            .into_iter()
            .map(|doc| {
                let tokens = doc.text_tokens();
                (
                    doc.id,
                    Entry {
                        doc: Arc::new(doc),
                        tokens,
                    },
                )
            })
            .collect();
        let fresh = Inner {
            tree: RTree::bulk_load(points),
            entries,
        };
        *self.inner.write().await = fresh;
        Ok(())
    }

    async fn upsert(&self, docs: Vec<PractitionerDoc>) -> Result<(), SearchError> {
        let mut inner = self.inner.write().await;
        for doc in docs {
            inner.insert(doc);
        }
        Ok(())
    }

    async fn remove(&self, ids: &[i64]) -> Result<(), SearchError> {
        let mut inner = self.inner.write().await;
        for id in ids {
            inner.remove(*id);
        }
        Ok(())
    }

    async fn search(&self, query: &SearchQuery) -> Result<SearchPage, SearchError> {
        let words = query.text.as_deref().map(tokenize).unwrap_or_default();
        let inner = self.inner.read().await;
        let mut hits: Vec<(f64, i64, &Arc<PractitionerDoc>)> = Vec::new();
        for envelope in bounding_boxes(query.lat, query.lng, query.radius_km) {
            for point in inner.tree.locate_in_envelope(&envelope) {
                let Some(entry) = inner.entries.get(&point.data) else {
                    continue;
                };
                let doc = &entry.doc;
                let distance = distance_km(query.lat, query.lng, doc.lat, doc.lng);
                if distance > query.radius_km
                    || (query.verified_only && !doc.verified)
                    || (query.accepting_only && !doc.is_accepting(query.accepting_since_ts))
                    || (query.prenatal && !doc.prenatal_trained)
                    || (query.oncology && !doc.oncology_trained)
                    || query
                        .practice_type
                        .as_ref()
                        .is_some_and(|t| *t != doc.practice_type)
                    || (!query.modalities.is_empty()
                        && !doc.modalities.iter().any(|m| query.modalities.contains(m)))
                    || !text_matches(&words, &entry.tokens)
                {
                    continue;
                }
                hits.push((distance, doc.id, doc));
            }
        }
        match query.sort {
            SortOrder::Distance => hits.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))),
        }
        let total = hits.len();
        let hits = hits
            .into_iter()
            .skip(query.offset)
            .take(query.limit)
            .map(|(distance_km, _, doc)| SearchHit {
                doc: (**doc).clone(),
                distance_km,
            })
            .collect();
        Ok(SearchPage { total, hits })
    }

    async fn health(&self) -> Result<String, SearchError> {
        Ok(format!(
            "{} documents",
            self.inner.read().await.entries.len()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_matching_requires_every_word_and_prefixes_the_last() {
        let tokens = tokenize("Ana Ruiz Clinical Massage Austin");
        assert!(text_matches(&tokenize("ruiz aus"), &tokens));
        assert!(!text_matches(&tokenize("ru austin"), &tokens));
        assert!(text_matches(&[], &tokens));
    }

    #[test]
    fn bounding_boxes_wrap_the_antimeridian() {
        let boxes = bounding_boxes(0.0, 179.9, 50.0);
        assert_eq!(boxes.len(), 2);
        let polar = bounding_boxes(89.5, 0.0, 100.0);
        assert_eq!(polar.len(), 1);
    }
}
