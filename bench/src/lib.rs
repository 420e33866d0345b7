//! Benchmark support: a deterministic query mix and the PostGIS engine that the
//! embedded index is compared with. The same mix runs against every engine, and the
//! answers are cross-checked before any timing counts.

pub mod postgis;
pub mod tuned;

use std::{collections::HashMap, time::Duration};

use therapist_finder::{
    search::{SearchPage, SearchQuery, distance_km},
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

/// The mix as questionnaire requests, one `POST\t/api/v1/match\t{body}` line each: a
/// safe answer set (no red flags), varied in region, goal and pressure, at the mix's
/// centres and radii.
pub fn match_requests(mix: &[SearchQuery]) -> Vec<String> {
    let regions = [
        "low_back",
        "neck",
        "sciatica",
        "upper_back",
        "hips",
        "jaw_head",
    ];
    let goals = ["clinical", "clinical", "sport", "relaxation"];
    let pressures = ["medium", "firm", "unsure"];
    mix.iter()
        .enumerate()
        .map(|(i, q)| {
            let body = serde_json::json!({
                "regions": [regions[i % regions.len()]],
                "duration": if i % 3 == 0 { "subacute" } else { "chronic" },
                "pain": 3 + (i % 5),
                "red_flags": [],
                "conditions": [],
                "pressure": pressures[i % pressures.len()],
                "goal": goals[i % goals.len()],
                "near": format!("{:.4},{:.4}", q.lat, q.lng),
                "radius_km": q.radius_km,
            });
            format!("POST\t/api/v1/match\t{body}")
        })
        .collect()
}

/// The search API requests of the mix, one `replay` line each.
pub fn search_requests(mix: &[SearchQuery]) -> Vec<String> {
    mix.iter()
        .map(|q| format!("GET\t{}\t", http_path(q)))
        .collect()
}

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

/// The `/api/v1/practitioners` path and query string that asks what `q` asks.
pub fn http_path(q: &SearchQuery) -> String {
    let mut path = format!(
        "/api/v1/practitioners?near={},{}&radius_km={}&per_page={}",
        q.lat, q.lng, q.radius_km, q.limit
    );
    for m in &q.modalities {
        path.push_str(&format!("&modality={m}"));
    }
    if let Some(code) = &q.language {
        path.push_str(&format!("&language={code}"));
    }
    if q.verified_only {
        path.push_str("&verified=true");
    }
    if q.accepting_only {
        path.push_str("&accepting=true");
    }
    if q.hsa_fsa {
        path.push_str("&hsa_fsa=true");
    }
    if q.injury_claims {
        path.push_str("&injury_claims=true");
    }
    if let Some(max) = q.max_price_60 {
        path.push_str(&format!("&max_price_60={max}"));
    }
    path
}

/// One engine's answer: the total and the slugs of the page, nearest first.
pub type Answer = (usize, Vec<String>);

/// An index's page as an [`Answer`].
pub fn answer(page: SearchPage) -> Answer {
    (
        page.total,
        page.hits.into_iter().map(|h| h.doc.slug).collect(),
    )
}

/// The [`Answer`] in a `/api/v1/practitioners` response body.
pub fn http_answer(body: &serde_json::Value) -> Answer {
    let slugs = body["results"]
        .as_array()
        .map(|results| {
            results
                .iter()
                .filter_map(|r| r["slug"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    (body["total"].as_u64().unwrap_or_default() as usize, slugs)
}

/// Whether two answers agree: the same total, and at each position the same
/// practitioner, or two at the same distance to within a metre (engines may break
/// sub-metre ties differently; nothing a person could notice). `at` locates slugs.
pub fn agree(a: &Answer, b: &Answer, q: &SearchQuery, at: &HashMap<String, (f64, f64)>) -> bool {
    let dist = |slug: &String| {
        at.get(slug)
            .map_or(f64::NAN, |(lat, lng)| distance_km(q.lat, q.lng, *lat, *lng))
    };
    a.0 == b.0
        && a.1.len() == b.1.len()
        && a.1
            .iter()
            .zip(&b.1)
            .all(|(x, y)| x == y || (dist(x) - dist(y)).abs() < 0.001)
}

/// Latency percentiles and throughput of a run.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Timing {
    /// Requests completed.
    pub requests: usize,
    /// Requests per second over the run.
    pub throughput: f64,
    /// Median latency, ms.
    pub p50_ms: f64,
    /// 95th percentile, ms.
    pub p95_ms: f64,
    /// 99th percentile, ms.
    pub p99_ms: f64,
    /// Slowest, ms.
    pub max_ms: f64,
}

impl Timing {
    /// From each request's latency and the run's wall-clock time.
    pub fn of(mut latencies: Vec<Duration>, wall: Duration) -> Self {
        latencies.sort_unstable();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let at = |p: f64| {
            latencies
                .get(((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1))
                .map_or(0.0, |d| ms(*d))
        };
        Self {
            requests: latencies.len(),
            throughput: latencies.len() as f64 / wall.as_secs_f64().max(f64::EPSILON),
            p50_ms: at(0.50),
            p95_ms: at(0.95),
            p99_ms: at(0.99),
            max_ms: latencies.last().map_or(0.0, |d| ms(*d)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_pick_the_nearest_rank() {
        let lat: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let t = Timing::of(lat, Duration::from_secs(2));
        assert_eq!(
            (t.p50_ms, t.p95_ms, t.p99_ms, t.max_ms),
            (50.0, 95.0, 99.0, 100.0)
        );
        assert_eq!(t.throughput, 50.0);
    }

    #[test]
    fn the_mix_is_deterministic_and_varied() {
        let a = query_mix(200, 3, 0).expect("mix");
        assert_eq!(a, query_mix(200, 3, 0).expect("mix"));
        for r in RADII_KM {
            assert!(a.iter().any(|q| q.radius_km == r));
        }
        assert!(
            a.iter()
                .any(|q| q.verified_only && !q.modalities.is_empty())
        );
        assert!(a.iter().any(|q| q.accepting_only));
        assert!(
            a.iter()
                .any(|q| q.modalities.is_empty() && !q.verified_only && !q.accepting_only)
        );
    }
}
