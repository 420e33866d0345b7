//! A radius query over the embedded index: its filters in compact terms, the walk over
//! the cells with the nearest kept in a bounded heap, and the text match.

use std::{cmp::Ordering, collections::BinaryHeap};

use super::{
    ACCEPTING, ACCESS_SHIFT, APPROACH_SHIFT, HSA_FSA, INJURY_CLAIMS, Inner, ONCOLOGY, PRENATAL,
    PRESIZED_RESULTS, VERIFIED, access_bits,
    geo::{
        CELL_HALF_DIAGONAL_KM, CellKey, EARTH_RADIUS_KM, bounding_boxes, cell_centre, cell_inside,
        unit_vector,
    },
    storage::{Bucket, NO_PRICE, Stored},
};
use crate::search::{SearchQuery, SortOrder, distance_km, document::tokenize};

/// The rank of a clinically focused approach, the highest.
const TOP_RANK: u16 = crate::policy::Approach::Clinical as u16;

/// Whether `tokens` contain every word of the query; the last word may be a prefix.
pub(super) fn text_matches<'a>(
    query_words: &[String],
    tokens: impl Iterator<Item = &'a str> + Clone,
) -> bool {
    let Some((last, rest)) = query_words.split_last() else {
        return true;
    };
    rest.iter().all(|w| tokens.clone().any(|t| t == w))
        && tokens.clone().any(|t| t.starts_with(last.as_str()))
}

/// A candidate in the top-k heap: higher rank (the approach, when sorting by it; 0
/// otherwise) first, then nearer (larger dot), then lower id.
#[derive(Clone, Copy, PartialEq)]
pub(super) struct Candidate {
    pub(super) rank: u16,
    pub(super) dot: f64,
    pub(super) id: i64,
    pub(super) slot: u32,
}

impl Eq for Candidate {}

impl Ord for Candidate {
    /// "Greater" means worse, so the heap's top is the worst kept candidate.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .rank
            .cmp(&self.rank)
            .then(other.dot.total_cmp(&self.dot))
            .then(self.id.cmp(&other.id))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A query's filters in the index's compact terms; neutral values where a filter is
/// off, so the checks are branch-free and the counting loops vectorise.
struct Filter {
    pub(super) need_flags: u16,
    pub(super) modality_mask: u64,
    pub(super) any_practice_type: bool,
    pub(super) practice_type: u8,
    /// The language bit asked for, 0 when any.
    pub(super) language: u16,
    /// The highest 60-minute price admitted; [`NO_PRICE`] admits any, even none.
    pub(super) max_price_60: u16,
    pub(super) accepting_since: i64,
    /// The least `policy::Approach::rank` admitted.
    pub(super) min_approach: u16,
}

impl Filter {
    fn is_trivial(&self) -> bool {
        self.need_flags == 0
            && self.modality_mask == 0
            && self.any_practice_type
            && self.language == 0
            && self.max_price_60 == NO_PRICE
            && self.accepting_since == i64::MIN
            && self.min_approach == 0
    }

    #[inline(always)]
    fn admits(
        &self,
        flags: u16,
        modalities: u64,
        practice_type: u8,
        languages: u16,
        accepting_ts: i64,
    ) -> bool {
        (flags & self.need_flags == self.need_flags)
            & ((self.modality_mask == 0) | (modalities & self.modality_mask != 0))
            & (self.any_practice_type | (practice_type == self.practice_type))
            & (languages & self.language == self.language)
            & (accepting_ts >= self.accepting_since)
            & ((flags >> APPROACH_SHIFT) >= self.min_approach)
    }

    /// Whether a price limit was asked for. Only then is the price column read: a
    /// query without one (most of them) scans no more memory than before prices.
    #[inline(always)]
    fn limits_price(&self) -> bool {
        self.max_price_60 != NO_PRICE
    }

    #[inline(always)]
    pub(super) fn passes(&self, b: &Bucket, i: usize) -> bool {
        self.admits(
            b.flags[i],
            b.modalities[i],
            b.practice_type[i],
            b.languages[i],
            b.accepting_ts[i],
        ) & (!self.limits_price() || b.price_60[i] <= self.max_price_60)
    }

    /// How many of a cell's entries pass the filters (the cell lies inside the circle).
    pub(super) fn count(&self, b: &Bucket) -> usize {
        let entries = b
            .flags
            .iter()
            .zip(&b.modalities)
            .zip(&b.practice_type)
            .zip(&b.languages)
            .zip(&b.accepting_ts);
        if self.limits_price() {
            entries
                .zip(&b.price_60)
                .map(|(((((f, m), p), l), t), c)| {
                    usize::from(self.admits(*f, *m, *p, *l, *t) & (*c <= self.max_price_60))
                })
                .sum()
        } else {
            entries
                .map(|((((f, m), p), l), t)| usize::from(self.admits(*f, *m, *p, *l, *t)))
                .sum()
        }
    }

    /// How many of a cell's entries pass the filters and lie inside the circle.
    fn count_within(&self, b: &Bucket, centre: [f64; 3], min_dot: f64) -> usize {
        (0..b.slot.len())
            .map(|i| {
                let dot = b.x[i] * centre[0] + b.y[i] * centre[1] + b.z[i] * centre[2];
                usize::from(self.passes(b, i) & (dot >= min_dot))
            })
            .sum()
    }
}

/// The total of a query and its page of stored documents, nearest first, each with its
/// distance from the centre.
pub(super) fn nearest<'a>(
    inner: &'a Inner,
    query: &SearchQuery,
) -> (usize, Vec<(&'a Stored, f64)>) {
    let words = query.text.as_deref().map(tokenize).unwrap_or_default();
    let centre = unit_vector(query.lat, query.lng);
    let min_dot = (query.radius_km / EARTH_RADIUS_KM).cos();
    let Some(access) = access_bits(&query.accessibility) else {
        return (0, Vec::new());
    };
    let mut need_flags = u16::from(access) << ACCESS_SHIFT;
    for (on, bit) in [
        (query.verified_only, VERIFIED),
        (query.prenatal, PRENATAL),
        (query.oncology, ONCOLOGY),
        (query.accepting_only, ACCEPTING),
        (query.hsa_fsa, HSA_FSA),
        (query.injury_claims, INJURY_CLAIMS),
    ] {
        if on {
            need_flags |= bit;
        }
    }
    let modality_mask = query
        .modalities
        .iter()
        .filter_map(|m| inner.modality_bits.get(m))
        .fold(0_u64, |mask, bit| mask | (1 << bit));
    if !query.modalities.is_empty() && modality_mask == 0 {
        return (0, Vec::new());
    }
    let practice_type = match &query.practice_type {
        Some(t) => match inner.practice_types.get(t) {
            Some(code) => Some(*code),
            None => {
                return (0, Vec::new());
            }
        },
        None => None,
    };
    let language = match query.language.as_deref().map(crate::policy::language_bit) {
        Some(None) => return (0, Vec::new()),
        Some(Some(bit)) => bit,
        None => 0,
    };
    let filter = Filter {
        need_flags,
        modality_mask,
        any_practice_type: practice_type.is_none(),
        practice_type: practice_type.unwrap_or_default(),
        language,
        // A price is at most `MAX_PRICE`, far below `NO_PRICE`: a practice with no
        // 60-minute price never passes a price filter.
        max_price_60: query.max_price_60.map_or(NO_PRICE, |max| {
            u16::try_from(max).unwrap_or(NO_PRICE - 1).min(NO_PRICE - 1)
        }),
        accepting_since: if query.accepting_only {
            query.accepting_since_ts
        } else {
            i64::MIN
        },
        min_approach: query.approach.map_or(0, |a| u16::from(a.rank())),
    };
    let by_approach = query.sort == SortOrder::Approach;
    let unfiltered = filter.is_trivial();
    let keep = query.offset.saturating_add(query.limit);
    // Sized from the data, never from the request: a page far past the end must not
    // reserve memory for results that do not exist.
    let mut heap: BinaryHeap<Candidate> =
        BinaryHeap::with_capacity(keep.min(PRESIZED_RESULTS).saturating_add(1));
    let mut total = 0_usize;
    let mut cells: Vec<(f64, CellKey)> = bounding_boxes(query.lat, query.lng, query.radius_km)
        .iter()
        .flat_map(|envelope| inner.tree.locate_in_envelope_intersecting(envelope))
        .map(|cell| {
            let (la, lo) = cell_centre(cell.data);
            (distance_km(query.lat, query.lng, la, lo), cell.data)
        })
        .collect();
    cells.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    cells.dedup_by(|a, b| a.1 == b.1);
    // Nearest cells first, so the heap fills early. Once it is full, a cell whose
    // nearest point is farther than the worst kept result can only add to the count,
    // which a tight loop over its filter arrays does without distances or the heap
    // (and without even the filter when there is none and the cell lies inside).
    for (centre_km, key) in cells {
        let Some(b) = inner.buckets.get(&key) else {
            continue;
        };
        // Sorting by approach, a farther candidate can still beat the worst kept one
        // unless that one already has the top rank.
        let worst_km = if heap.len() < keep {
            f64::INFINITY
        } else {
            match heap.peek() {
                None => f64::NEG_INFINITY,
                Some(w) if !by_approach || w.rank == TOP_RANK => {
                    w.dot.clamp(-1.0, 1.0).acos() * EARTH_RADIUS_KM
                }
                Some(_) => f64::INFINITY,
            }
        };
        if words.is_empty() && centre_km - CELL_HALF_DIAGONAL_KM > worst_km {
            total += match (cell_inside(key, centre, min_dot), unfiltered) {
                (true, true) => b.slot.len(),
                (true, false) => filter.count(b),
                (false, _) => filter.count_within(b, centre, min_dot),
            };
            continue;
        }
        for i in 0..b.slot.len() {
            if !filter.passes(b, i) {
                continue;
            }
            let dot = b.x[i] * centre[0] + b.y[i] * centre[1] + b.z[i] * centre[2];
            if dot < min_dot {
                continue;
            }
            let slot = b.slot[i];
            if !words.is_empty()
                && !inner.docs[slot as usize]
                    .as_ref()
                    .is_some_and(|d| text_matches(&words, d.packed.words()))
            {
                continue;
            }
            total += 1;
            if keep == 0 {
                continue;
            }
            let candidate = Candidate {
                rank: if by_approach {
                    b.flags[i] >> APPROACH_SHIFT
                } else {
                    0
                },
                dot,
                id: b.id[i],
                slot,
            };
            if heap.len() < keep {
                heap.push(candidate);
            } else if heap.peek().is_some_and(|worst| candidate < *worst) {
                heap.pop();
                heap.push(candidate);
            }
        }
    }
    let mut best = heap.into_vec();
    best.sort();
    let page = best
        .into_iter()
        .skip(query.offset)
        .filter_map(|c| {
            let stored = inner.docs[c.slot as usize].as_ref()?;
            Some((
                stored,
                distance_km(query.lat, query.lng, stored.lat, stored.lng),
            ))
        })
        .collect();
    (total, page)
}
