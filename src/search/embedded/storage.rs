//! How the embedded index stores documents: per-cell struct-of-arrays filter data,
//! interned strings, and each document packed into a few allocations.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use super::geo::CellKey;
use crate::search::document::{ClinicalPractice, OutcomeSummary};

/// One cell's entries, struct-of-arrays.
#[derive(Default)]
pub(super) struct Bucket {
    pub(super) x: Vec<f64>,
    pub(super) y: Vec<f64>,
    pub(super) z: Vec<f64>,
    pub(super) flags: Vec<u16>,
    pub(super) modalities: Vec<u64>,
    pub(super) practice_type: Vec<u8>,
    pub(super) languages: Vec<u16>,
    /// The 60-minute price, [`NO_PRICE`] when there is none.
    pub(super) price_60: Vec<u16>,
    pub(super) accepting_ts: Vec<i64>,
    pub(super) id: Vec<i64>,
    pub(super) slot: Vec<u32>,
}

impl Bucket {
    pub(super) fn push(&mut self, c: &Compact, id: i64, slot: u32) -> u32 {
        self.x.push(c.xyz[0]);
        self.y.push(c.xyz[1]);
        self.z.push(c.xyz[2]);
        self.flags.push(c.flags);
        self.modalities.push(c.modalities);
        self.practice_type.push(c.practice_type);
        self.languages.push(c.languages);
        self.price_60.push(c.price_60);
        self.accepting_ts.push(c.accepting_ts);
        self.id.push(id);
        self.slot.push(slot);
        (self.slot.len() - 1) as u32
    }

    /// Removes entry `i` by moving the last one into its place; returns the slot moved.
    pub(super) fn swap_remove(&mut self, i: usize) -> Option<u32> {
        self.x.swap_remove(i);
        self.y.swap_remove(i);
        self.z.swap_remove(i);
        self.flags.swap_remove(i);
        self.modalities.swap_remove(i);
        self.practice_type.swap_remove(i);
        self.languages.swap_remove(i);
        self.price_60.swap_remove(i);
        self.accepting_ts.swap_remove(i);
        self.id.swap_remove(i);
        self.slot.swap_remove(i);
        self.slot.get(i).copied()
    }
}

/// The compact filter data of one document.
pub(super) struct Compact {
    pub(super) xyz: [f64; 3],
    pub(super) flags: u16,
    pub(super) modalities: u64,
    pub(super) practice_type: u8,
    /// Spoken languages, a bit each in `policy::SPOKEN_LANGUAGES` order.
    pub(super) languages: u16,
    /// The 60-minute price, [`NO_PRICE`] when there is none.
    pub(super) price_60: u16,
    pub(super) accepting_ts: i64,
}

/// The 60-minute price of a practice that has none: above every price a filter may
/// ask for (prices are at most `practitioners::payment::MAX_PRICE`).
pub(super) const NO_PRICE: u16 = u16::MAX;

/// Where a slot's entry lives.
#[derive(Clone, Copy)]
pub(super) struct Place {
    pub(super) cell: CellKey,
    pub(super) index: u32,
}

/// The small code of a name, given the next free code (at most `max`) when new.
pub(super) fn code_of(codes: &mut HashMap<String, u8>, name: &str, max: u8) -> u8 {
    if let Some(code) = codes.get(name) {
        return *code;
    }
    let code = codes.len().min(usize::from(max)) as u8;
    codes.insert(name.to_owned(), code);
    code
}

/// Strings many documents share (cities, regions, practice types, modality and
/// body-region slugs, licence states and jurisdictions), each kept once.
#[derive(Default)]
pub(super) struct Interner {
    pub(super) ids: HashMap<Arc<str>, u32>,
    pub(super) names: Vec<Arc<str>>,
}

impl Interner {
    pub(super) fn id(&mut self, name: &str) -> u32 {
        if let Some(id) = self.ids.get(name) {
            return *id;
        }
        let id = self.names.len() as u32;
        let name: Arc<str> = Arc::from(name);
        self.names.push(Arc::clone(&name));
        self.ids.insert(name, id);
        id
    }

    pub(super) fn name(&self, id: u32) -> String {
        self.str(id).to_owned()
    }

    pub(super) fn str(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", |n| n)
    }
}

/// A document's own strings in one allocation: slug, display name, practice name,
/// licence number, verification date, and the lower-cased words text search matches
/// (space-separated), in that order; `ends` marks where each stops.
#[derive(Serialize, Deserialize)]
pub(super) struct Packed {
    pub(super) text: Box<str>,
    pub(super) ends: [u32; 6],
}

impl Packed {
    pub(super) fn new(parts: [&str; 6]) -> Self {
        let mut text = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        let mut ends = [0; 6];
        for (end, part) in ends.iter_mut().zip(parts) {
            text.push_str(part);
            *end = text.len() as u32;
        }
        Self {
            text: text.into_boxed_str(),
            ends,
        }
    }

    pub(super) fn part(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    pub(super) fn words(&self) -> impl Iterator<Item = &str> + Clone {
        self.part(5).split(' ').filter(|w| !w.is_empty())
    }
}

pub(super) const SLUG: usize = 0;
pub(super) const NAME: usize = 1;
pub(super) const PRACTICE: usize = 2;
pub(super) const NUMBER: usize = 3;
pub(super) const VERIFIED_ON: usize = 4;

/// One document as the index keeps it: repeated strings interned, its own strings
/// packed, so a million documents fit in a few hundred megabytes.
#[derive(Serialize, Deserialize)]
pub(super) struct Stored {
    pub(super) id: i64,
    pub(super) lat: f64,
    pub(super) lng: f64,
    pub(super) packed: Packed,
    pub(super) city: u32,
    pub(super) region: u32,
    pub(super) practice_type: u32,
    /// Interned modality slugs, then focus-region slugs.
    pub(super) tags: Box<[u32]>,
    pub(super) modality_count: u8,
    /// Accessibility features, a bit each in `policy::ACCESSIBILITY` order.
    pub(super) accessibility: u8,
    /// Spoken languages, a bit each in `policy::SPOKEN_LANGUAGES` order.
    pub(super) languages: u16,
    /// Prices per session length, and their currency (interned).
    pub(super) prices: Box<[crate::policy::Price]>,
    pub(super) currency: u32,
    pub(super) price_60: Option<u32>,
    pub(super) hsa_fsa: bool,
    pub(super) injury_claims: bool,
    /// Licence status and jurisdiction, interned.
    pub(super) licence: Option<(u32, u32)>,
    pub(super) has_practice_name: bool,
    pub(super) has_verified_on: bool,
    pub(super) verified: bool,
    pub(super) prenatal_trained: bool,
    pub(super) oncology_trained: bool,
    pub(super) accepting_new_clients: bool,
    pub(super) is_demo: bool,
    pub(super) clinical_practice: ClinicalPractice,
    pub(super) training_hours: i32,
    pub(super) accepting_confirmed_ts: i64,
    pub(super) profile_confirmed_ts: i64,
    pub(super) outcome: Option<OutcomeSummary>,
}

impl Stored {
    /// Where the modality tags end and the focus-region tags begin.
    pub(super) fn modality_split(&self) -> usize {
        usize::from(self.modality_count).min(self.tags.len())
    }

    pub(super) fn modality_tags(&self) -> &[u32] {
        &self.tags[..self.modality_split()]
    }
}
