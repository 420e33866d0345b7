//! The embedded index: practitioners bucketed into small geographic cells, an R-tree
//! over the cells (`rstar`), and per cell a struct-of-arrays of compact filter data
//! (unit-sphere coordinates, flag and modality bitmasks). A radius query walks the
//! cells the R-tree returns, tests each entry with a dot product and a few integer
//! checks, and keeps the nearest in a bounded heap. Full documents sit beside, read
//! only for the page of results. It serves one instance; several need Meilisearch.

use std::ops::RangeInclusive;

use async_trait::async_trait;
use rstar::{RTree, primitives::Rectangle};
use rustc_hash::FxHashMap as HashMap;
use tokio::sync::{RwLock, mpsc};

use super::{
    Feed, HitView, SearchError, SearchHit, SearchIndex, SearchPage, SearchQuery,
    document::{LicenceView, PracticeView, PractitionerDoc},
};
use crate::policy;

mod geo;
mod query;
mod snapshot;
mod storage;

use self::{geo::*, query::*, storage::*};
pub use snapshot::{Snapshot, SnapshotError, Stamp};

/// Modalities the index can filter by: one bit each in a 64-bit mask. A document with
/// one more distinct modality is refused with an error rather than sharing a bit.
pub const MAX_MODALITIES: usize = 64;

/// Results a query's heap is sized for up front; deeper pages grow it as they fill.
const PRESIZED_RESULTS: usize = 1024;

const VERIFIED: u16 = 1;
const PRENATAL: u16 = 2;
const ONCOLOGY: u16 = 4;
const ACCEPTING: u16 = 8;
/// Takes HSA and FSA cards.
const HSA_FSA: u16 = 1 << 9;
/// Takes injury claims.
const INJURY_CLAIMS: u16 = 1 << 10;
/// The flag of the first accessibility feature; the others follow, in
/// `policy::ACCESSIBILITY` order.
const ACCESS_SHIFT: usize = 4;
/// The two top flags hold `policy::Approach::rank` (0–2).
const APPROACH_SHIFT: usize = 14;
const _: () = assert!(ACCESS_SHIFT + policy::ACCESSIBILITY.len() <= 9);

/// The accessibility features of `slugs` as a bitmask in `policy::ACCESSIBILITY`
/// order, or `None` if one of them is not a feature.
fn access_bits<'a>(slugs: impl IntoIterator<Item = &'a String>) -> Option<u8> {
    slugs.into_iter().try_fold(0_u8, |bits, slug| {
        policy::ACCESSIBILITY
            .iter()
            .position(|(s, _)| s == slug)
            .map(|i| bits | (1 << i))
    })
}

#[derive(Default)]
struct Inner {
    tree: RTree<CellBox>,
    buckets: HashMap<CellKey, Bucket>,
    docs: Vec<Option<Stored>>,
    places: Vec<Place>,
    by_id: HashMap<i64, u32>,
    free: Vec<u32>,
    modality_bits: HashMap<String, u8>,
    practice_types: HashMap<String, u8>,
    strings: Interner,
    /// How many whole indexes this one replaced: a snapshot written across a
    /// replacement would mix two indexes' name numbers, so it stops instead.
    generation: u64,
}

/// The bit of a modality, or `None` once all 64 bits are taken by others.
fn modality_bit(bits: &mut HashMap<String, u8>, name: &str) -> Option<u8> {
    if let Some(bit) = bits.get(name) {
        return Some(*bit);
    }
    let bit = u8::try_from(bits.len())
        .ok()
        .filter(|b| usize::from(*b) < MAX_MODALITIES)?;
    bits.insert(name.to_owned(), bit);
    Some(bit)
}

impl Inner {
    /// The compact filter data of a stored document.
    fn compact(&mut self, s: &Stored) -> Result<Compact, SearchError> {
        let mut modalities = 0_u64;
        for tag in s.modality_tags() {
            let name = self.strings.str(*tag);
            let bit = modality_bit(&mut self.modality_bits, name).ok_or_else(|| {
                SearchError::Capacity(format!(
                    "the embedded index filters at most {MAX_MODALITIES} modalities; `{name}` would be one more"
                ))
            })?;
            modalities |= 1 << bit;
        }
        let practice_type = code_of(
            &mut self.practice_types,
            self.strings.str(s.practice_type),
            255,
        );
        let approach = policy::ApproachEvidence::of(
            s.clinical_practice.yes_count(),
            s.modality_tags().iter().map(|tag| self.strings.str(*tag)),
            s.training_hours,
        )
        .approach();
        let mut flags = (u16::from(s.accessibility) << ACCESS_SHIFT)
            | (u16::from(approach.rank()) << APPROACH_SHIFT);
        for (on, bit) in [
            (s.verified, VERIFIED),
            (s.prenatal_trained, PRENATAL),
            (s.oncology_trained, ONCOLOGY),
            (s.accepting_new_clients, ACCEPTING),
            (s.hsa_fsa, HSA_FSA),
            (s.injury_claims, INJURY_CLAIMS),
        ] {
            if on {
                flags |= bit;
            }
        }
        Ok(Compact {
            xyz: unit_vector(s.lat, s.lng),
            flags,
            modalities,
            practice_type,
            languages: s.languages,
            price_60: s
                .price_60
                .and_then(|p| u16::try_from(p).ok())
                .filter(|p| *p < storage::NO_PRICE)
                .unwrap_or(storage::NO_PRICE),
            accepting_ts: s.accepting_confirmed_ts,
        })
    }

    fn store(&mut self, doc: PractitionerDoc) -> Stored {
        let words = doc.search_words();
        let licence = doc.licence.as_ref();
        let strings = &mut self.strings;
        let tags: Box<[u32]> = doc
            .modalities
            .iter()
            .chain(&doc.focus_regions)
            .map(|t| strings.id(t))
            .collect();
        Stored {
            id: doc.id,
            lat: doc.lat,
            lng: doc.lng,
            packed: Packed::new([
                &doc.slug,
                &doc.display_name,
                doc.practice_name.as_deref().unwrap_or_default(),
                licence.map_or("", |l| l.number.as_str()),
                licence
                    .and_then(|l| l.verified_on.as_deref())
                    .unwrap_or_default(),
                &words,
            ]),
            city: strings.id(&doc.city),
            region: strings.id(&doc.region),
            practice_type: strings.id(&doc.practice_type),
            tags,
            modality_count: doc.modalities.len().min(255) as u8,
            accessibility: access_bits(&doc.accessibility).unwrap_or_default(),
            languages: policy::language_bits(&doc.languages),
            prices: doc.prices.into_boxed_slice(),
            currency: strings.id(&doc.currency),
            price_60: doc.price_60,
            hsa_fsa: doc.hsa_fsa,
            injury_claims: doc.injury_claims,
            licence: licence.map(|l| (strings.id(&l.status), strings.id(&l.jurisdiction))),
            has_practice_name: doc.practice_name.is_some(),
            has_verified_on: licence.is_some_and(|l| l.verified_on.is_some()),
            verified: doc.verified,
            prenatal_trained: doc.prenatal_trained,
            oncology_trained: doc.oncology_trained,
            accepting_new_clients: doc.accepting_new_clients,
            is_demo: doc.is_demo,
            clinical_practice: doc.clinical_practice,
            training_hours: doc.training_hours,
            accepting_confirmed_ts: doc.accepting_confirmed_ts,
            profile_confirmed_ts: doc.profile_confirmed_ts,
            outcome: doc.outcome,
        }
    }

    /// What ranking reads of a stored document, borrowed from the index.
    fn view<'a>(&'a self, s: &'a Stored) -> PracticeView<'a> {
        let (modalities, focus_regions) = s.tags.split_at(s.modality_split());
        let names = |ids: &[u32]| ids.iter().map(|t| self.strings.str(*t)).collect();
        PracticeView {
            id: s.id,
            modalities: names(modalities),
            focus_regions: names(focus_regions),
            licence: s.licence.map(|(status, jurisdiction)| LicenceView {
                status: self.strings.str(status),
                jurisdiction: self.strings.str(jurisdiction),
                number: s.packed.part(NUMBER),
                verified_on: s.has_verified_on.then(|| s.packed.part(VERIFIED_ON)),
            }),
            verified: s.verified,
            training_hours: s.training_hours,
            prenatal_trained: s.prenatal_trained,
            oncology_trained: s.oncology_trained,
            clinical_practice: s.clinical_practice,
            accepting_new_clients: s.accepting_new_clients,
            accepting_confirmed_ts: s.accepting_confirmed_ts,
            profile_confirmed_ts: s.profile_confirmed_ts,
            outcome: s.outcome.clone(),
            languages: s.languages,
        }
    }

    fn unpack(&self, s: &Stored) -> PractitionerDoc {
        let view = self.view(s);
        let owned = |slugs: &[&str]| slugs.iter().map(|slug| (*slug).to_owned()).collect();
        PractitionerDoc {
            id: s.id,
            slug: s.packed.part(SLUG).to_owned(),
            display_name: s.packed.part(NAME).to_owned(),
            practice_name: s
                .has_practice_name
                .then(|| s.packed.part(PRACTICE).to_owned()),
            city: self.strings.name(s.city),
            region: self.strings.name(s.region),
            lat: s.lat,
            lng: s.lng,
            practice_type: self.strings.name(s.practice_type),
            modalities: owned(&view.modalities),
            focus_regions: owned(&view.focus_regions),
            licence: view.licence.map(|l| l.to_summary()),
            verified: view.verified,
            training_hours: view.training_hours,
            prenatal_trained: view.prenatal_trained,
            oncology_trained: view.oncology_trained,
            clinical_practice: view.clinical_practice,
            accepting_new_clients: view.accepting_new_clients,
            accepting_confirmed_ts: view.accepting_confirmed_ts,
            profile_confirmed_ts: view.profile_confirmed_ts,
            outcome: view.outcome,
            is_demo: s.is_demo,
            accessibility: policy::ACCESSIBILITY
                .iter()
                .enumerate()
                .filter(|(i, _)| s.accessibility & (1 << i) != 0)
                .map(|(_, (slug, _))| (*slug).to_owned())
                .collect(),
            languages: policy::languages_of_bits(s.languages)
                .map(str::to_owned)
                .collect(),
            prices: s.prices.to_vec(),
            currency: self.strings.name(s.currency),
            price_60: s.price_60,
            hsa_fsa: s.hsa_fsa,
            injury_claims: s.injury_claims,
        }
    }

    fn insert(&mut self, doc: PractitionerDoc) -> Result<(), SearchError> {
        let stored = self.store(doc);
        self.place(stored)
    }

    /// Puts a stored document in its cell, replacing any with its id.
    fn place(&mut self, stored: Stored) -> Result<(), SearchError> {
        let compact = self.compact(&stored)?;
        self.remove(stored.id);
        let slot = match self.free.pop() {
            Some(slot) => slot,
            None => {
                self.docs.push(None);
                self.places.push(Place {
                    cell: (0, 0),
                    index: 0,
                });
                (self.docs.len() - 1) as u32
            }
        };
        let cell = cell_of(stored.lat, stored.lng);
        if !self.buckets.contains_key(&cell) {
            let (la, lo) = (f64::from(cell.0) * CELL_DEG, f64::from(cell.1) * CELL_DEG);
            self.tree.insert(CellBox::new(
                Rectangle::from_corners([lo, la], [lo + CELL_DEG, la + CELL_DEG]),
                cell,
            ));
        }
        let index = self
            .buckets
            .entry(cell)
            .or_default()
            .push(&compact, stored.id, slot);
        self.places[slot as usize] = Place { cell, index };
        self.by_id.insert(stored.id, slot);
        self.docs[slot as usize] = Some(stored);
        Ok(())
    }

    fn remove(&mut self, id: i64) {
        let Some(slot) = self.by_id.remove(&id) else {
            return;
        };
        let place = self.places[slot as usize];
        if let Some(bucket) = self.buckets.get_mut(&place.cell)
            && let Some(moved) = bucket.swap_remove(place.index as usize)
        {
            self.places[moved as usize].index = place.index;
        }
        self.docs[slot as usize] = None;
        self.free.push(slot);
    }

    fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Becomes `fresh`, one generation on.
    fn replace(&mut self, mut fresh: Inner) {
        fresh.generation = self.generation + 1;
        *self = fresh;
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

    /// Swaps in a whole new index.
    async fn replace(&self, fresh: Inner) {
        self.inner.write().await.replace(fresh);
    }
}

#[async_trait]
impl SearchIndex for EmbeddedIndex {
    fn backend(&self) -> &'static str {
        "embedded"
    }

    fn is_shared(&self) -> bool {
        false
    }

    async fn prepare(&self) -> Result<bool, SearchError> {
        Ok(self.inner.read().await.len() == 0)
    }

    async fn rebuild_from(&self, mut feed: mpsc::Receiver<Feed>) -> Result<usize, SearchError> {
        let mut fresh = Inner::default();
        while let Some(message) = feed.recv().await {
            match message {
                Feed::Page(docs) => {
                    for doc in docs {
                        fresh.insert(doc)?;
                    }
                }
                Feed::End => {
                    let count = fresh.len();
                    self.replace(fresh).await;
                    return Ok(count);
                }
            }
        }
        Err(SearchError::Incomplete)
    }

    async fn upsert(&self, docs: Vec<PractitionerDoc>) -> Result<(), SearchError> {
        let mut inner = self.inner.write().await;
        for doc in docs {
            inner.insert(doc)?;
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
        let inner = self.inner.read().await;
        let (total, nearest) = nearest(&inner, query);
        let hits = nearest
            .into_iter()
            .map(|(stored, distance_km)| SearchHit {
                doc: inner.unpack(stored),
                distance_km,
            })
            .collect();
        Ok(SearchPage { total, hits })
    }

    async fn choose(
        &self,
        query: &SearchQuery,
        choose: &mut (dyn for<'v, 'd> FnMut(&'v [HitView<'d>]) -> Vec<i64> + Send),
    ) -> Result<Vec<SearchHit>, SearchError> {
        let inner = self.inner.read().await;
        let (_, nearest) = nearest(&inner, query);
        let views: Vec<HitView<'_>> = nearest
            .iter()
            .map(|(stored, distance_km)| HitView {
                doc: inner.view(stored),
                distance_km: *distance_km,
            })
            .collect();
        let chosen = choose(&views);
        Ok(chosen
            .into_iter()
            .filter_map(|id| {
                nearest
                    .iter()
                    .find(|(stored, _)| stored.id == id)
                    .map(|(stored, distance_km)| SearchHit {
                        doc: inner.unpack(stored),
                        distance_km: *distance_km,
                    })
            })
            .collect())
    }

    async fn health(&self) -> Result<String, SearchError> {
        Ok(format!("{} documents", self.inner.read().await.len()))
    }

    async fn documents(&self) -> Result<u64, SearchError> {
        Ok(self.inner.read().await.len() as u64)
    }

    async fn documents_in(
        &self,
        ids: RangeInclusive<i64>,
    ) -> Result<Vec<PractitionerDoc>, SearchError> {
        let inner = self.inner.read().await;
        let span = ids.end().abs_diff(*ids.start());
        // Look each id up when the range is narrower than the index, else scan it.
        let mut slots: Vec<(i64, u32)> = if span < inner.by_id.len() as u64 {
            ids.filter_map(|id| inner.by_id.get(&id).map(|slot| (id, *slot)))
                .collect()
        } else {
            inner
                .by_id
                .iter()
                .filter(|(id, _)| ids.contains(*id))
                .map(|(id, slot)| (*id, *slot))
                .collect()
        };
        slots.sort_unstable();
        Ok(slots
            .into_iter()
            .filter_map(|(_, slot)| inner.docs[slot as usize].as_ref())
            .map(|stored| inner.unpack(stored))
            .collect())
    }
}

#[cfg(test)]
mod tests;
