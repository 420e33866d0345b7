//! Benchmark support: a deterministic query mix and the PostGIS engine that the
//! embedded index is compared with. The same mix runs against every engine, and the
//! answers are cross-checked before any timing counts.

pub mod postgis;

use crate::{
    search::SearchQuery,
    seed::demo::{Rng, metro_centres},
};

/// Radii of the mix, in km.
pub const RADII_KM: [f64; 3] = [10.0, 25.0, 50.0];

/// Modality filters people actually use.
const MODALITY_FILTERS: [&[&str]; 5] = [
    &["clinical"],
    &["trigger_point", "myofascial_release"],
    &["myofascial_release"],
    &["swedish", "clinical"],
    &["deep_tissue"],
];

/// `n` queries, always the same for the same `seed`: centres near large cities weighted
/// by population, radii of 10, 25 and 50 km, realistic filter combinations, top 20 by
/// distance.
pub fn query_mix(
    n: usize,
    seed: u64,
    accepting_since_ts: i64,
) -> Result<Vec<SearchQuery>, sea_orm::DbErr> {
    let centres = metro_centres()?;
    let total: u64 = centres.iter().map(|c| c.2).sum();
    let mut rng = Rng(seed);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let mut ticket = rng.next_u64() % total.max(1);
        let &(lat, lng, _) = centres
            .iter()
            .find(|c| {
                if ticket < c.2 {
                    true
                } else {
                    ticket -= c.2;
                    false
                }
            })
            .unwrap_or(&centres[0]);
        // Up to about 10 km from the city centre.
        let jitter = |r: &mut Rng| (r.below(2001) as f64 - 1000.0) / 10_000.0;
        let mut q = SearchQuery::near(
            lat + jitter(&mut rng),
            lng + jitter(&mut rng),
            RADII_KM[rng.below(3)],
            accepting_since_ts,
        );
        match rng.below(6) {
            0 => {}
            1 => q.verified_only = true,
            2 => q.accepting_only = true,
            3 => {
                q.modalities = MODALITY_FILTERS[rng.below(MODALITY_FILTERS.len())]
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect()
            }
            4 => {
                q.modalities = MODALITY_FILTERS[rng.below(MODALITY_FILTERS.len())]
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect();
                q.verified_only = true;
            }
            _ => {
                q.verified_only = true;
                q.accepting_only = true;
            }
        }
        q.limit = 20;
        out.push(q);
    }
    Ok(out)
}
