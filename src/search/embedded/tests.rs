//! The embedded index against brute force, and its storage round trips.

use super::*;
use crate::{
    policy::Approach,
    search::{
        SortOrder, distance_km,
        document::{ClinicalPractice, LicenceSummary, OutcomeSummary, tokenize},
    },
};

#[test]
fn text_matching_requires_every_word_and_prefixes_the_last() {
    let tokens = tokenize("Ana Ruiz Clinical Massage Austin");
    let tokens = || tokens.iter().map(String::as_str);
    assert!(text_matches(&tokenize("ruiz aus"), tokens()));
    assert!(!text_matches(&tokenize("ru austin"), tokens()));
    assert!(text_matches(&[], tokens()));
}

#[test]
fn bounding_boxes_wrap_the_antimeridian() {
    let boxes = bounding_boxes(0.0, 179.9, 50.0);
    assert_eq!(boxes.len(), 2);
    let polar = bounding_boxes(89.5, 0.0, 100.0);
    assert_eq!(polar.len(), 1);
}

pub(super) fn doc(id: i64, lat: f64, lng: f64, verified: bool) -> PractitionerDoc {
    PractitionerDoc {
        id,
        slug: format!("p{id}"),
        display_name: format!("P {id}"),
        practice_name: None,
        city: "X".into(),
        region: "TX".into(),
        lat,
        lng,
        practice_type: "clinic".into(),
        modalities: vec!["clinical".into()],
        focus_regions: vec![],
        licence: None,
        verified,
        training_hours: 0,
        prenatal_trained: false,
        oncology_trained: false,
        clinical_practice: Default::default(),
        accepting_new_clients: true,
        accepting_confirmed_ts: 0,
        profile_confirmed_ts: 0,
        outcome: None,
        is_demo: false,
        accessibility: vec![],
        languages: vec![],
        prices: vec![],
        currency: String::new(),
        price_60: None,
        hsa_fsa: false,
        injury_claims: false,
    }
}

#[test]
fn stored_documents_unpack_to_what_was_stored() {
    let mut full = doc(7, 30.1, -97.7, true);
    full.practice_name = Some(String::new());
    full.modalities = vec!["trigger_point".into(), "clinical".into()];
    full.focus_regions = vec!["low_back".into(), "neck".into()];
    full.licence = Some(LicenceSummary {
        status: "verified".into(),
        jurisdiction: "TX".into(),
        number: "MT-123456".into(),
        verified_on: Some("2026-03-01".into()),
    });
    full.outcome = Some(OutcomeSummary {
        count: 12,
        median_before: 7.0,
        median_after: 3.5,
    });
    full.clinical_practice.myofascial = true;
    full.accessibility = vec!["step_free".into(), "scent_free".into()];
    full.languages = vec!["en".into(), "es".into(), "ja".into()];
    let mut pending = doc(8, 30.2, -97.6, false);
    pending.practice_name = Some("Ruiz Clinic".into());
    pending.licence = Some(LicenceSummary {
        status: "pending".into(),
        jurisdiction: "TX".into(),
        number: "MT-9".into(),
        verified_on: None,
    });
    let bare = doc(9, 30.3, -97.5, false);
    let mut inner = Inner::default();
    for d in [&full, &pending, &bare] {
        let stored = inner.store((*d).clone());
        assert_eq!(&inner.unpack(&stored), d);
    }
}

#[tokio::test]
async fn a_modality_beyond_the_mask_is_refused_not_shared() {
    let index = EmbeddedIndex::new();
    let mut docs = Vec::new();
    for i in 0..MAX_MODALITIES {
        let mut d = doc(i as i64 + 1, 30.3, -97.7, false);
        d.modalities = vec![format!("m{i}")];
        docs.push(d);
    }
    index.upsert(docs).await.expect("64 modalities fit");
    let mut extra = doc(100, 30.3, -97.7, false);
    extra.modalities = vec!["m_extra".into()];
    let refused = index.upsert(vec![extra]).await;
    assert!(
        matches!(refused, Err(SearchError::Capacity(_))),
        "{refused:?}"
    );
    let mut q = SearchQuery::near(30.3, -97.7, 5.0, 0);
    q.modalities = vec![format!("m{}", MAX_MODALITIES - 1)];
    let page = index.search(&q).await.expect("search");
    assert_eq!(
        page.hits.iter().map(|h| h.doc.id).collect::<Vec<_>>(),
        [MAX_MODALITIES as i64],
        "the last bit's filter matches only its own modality"
    );
    q.modalities = vec!["m_extra".into()];
    assert_eq!(index.search(&q).await.expect("search").total, 0);
}

#[tokio::test]
async fn a_rebuild_whose_source_stops_early_leaves_the_index_as_it_was() {
    let index = EmbeddedIndex::new();
    index
        .rebuild(vec![doc(1, 30.0, -97.0, true)])
        .await
        .expect("rebuild");
    let (tx, rx) = mpsc::channel(2);
    tx.send(Feed::Page(vec![doc(2, 30.0, -97.0, false)]))
        .await
        .expect("send");
    drop(tx);
    assert!(matches!(
        index.rebuild_from(rx).await,
        Err(SearchError::Incomplete)
    ));
    let page = index
        .search(&SearchQuery::near(30.0, -97.0, 5.0, 0))
        .await
        .expect("search");
    let ids: Vec<i64> = page.hits.iter().map(|h| h.doc.id).collect();
    assert_eq!(ids, [1]);
}

/// A dense grid, so far cells lie wholly inside the circle and are only counted.
#[tokio::test]
async fn counting_whole_cells_gives_the_same_answer_as_checking_every_entry() {
    let mut docs = Vec::new();
    for i in 0..4_000_i64 {
        let (row, col) = (i / 80, i % 80);
        let mut d = doc(
            i + 1,
            30.0 + row as f64 * 0.011,
            -97.5 + col as f64 * 0.013,
            i % 3 == 0,
        );
        if i % 2 == 1 {
            d.modalities = vec!["swedish".into()];
        }
        d.accepting_confirmed_ts = (i % 5) * 100;
        // Every 7th clinically focused, every 5th (otherwise) mixed, far apart.
        if i % 7 == 0 {
            d.clinical_practice = ClinicalPractice {
                whole_session_one_area: true,
                myofascial: true,
                posture_assessment: true,
                referral_pain: true,
                minimal_oil: true,
            };
        } else if i % 5 == 1 {
            d.training_hours = 600;
            d.clinical_practice.myofascial = true;
        }
        if i % 4 == 0 {
            d.accessibility = vec!["step_free".into(), "scent_free".into()];
        } else if i % 4 == 1 {
            d.accessibility = vec!["step_free".into()];
        }
        docs.push(d);
    }
    let index = EmbeddedIndex::new();
    index.rebuild(docs.clone()).await.expect("rebuild");
    let step_free: &[&str] = &["step_free"];
    let both: &[&str] = &["scent_free", "step_free"];
    // (lat, lng, radius, verified only, clinical only, accepting since, offset,
    // accessibility features needed)
    for (lat, lng, radius, verified, clinical, since, offset, access) in [
        (30.27, -97.0, 40.0, false, false, None, 0, &[][..]),
        (30.27, -97.0, 40.0, true, false, None, 0, &[]),
        (30.1, -97.4, 25.0, false, false, None, 7, &[]),
        (30.27, -97.0, 40.0, false, true, None, 0, &[]),
        (30.27, -97.0, 40.0, true, true, Some(200), 3, &[]),
        (30.5, -97.2, 18.0, false, false, Some(300), 0, &[]),
        (30.27, -97.0, 40.0, false, false, None, 2, step_free),
        (30.27, -97.0, 40.0, true, false, None, 0, both),
    ] {
        let mut q = SearchQuery::near(lat, lng, radius, since.unwrap_or(0));
        q.verified_only = verified;
        q.accepting_only = since.is_some();
        if clinical {
            q.modalities = vec!["clinical".into()];
        }
        q.accessibility = access.iter().map(|a| (*a).to_owned()).collect();
        q.offset = offset;
        q.limit = 5;
        let page = index.search(&q).await.expect("search");
        let mut expected: Vec<(f64, i64)> = docs
            .iter()
            .filter(|d| !verified || d.verified)
            .filter(|d| !clinical || d.modalities.contains(&"clinical".to_owned()))
            .filter(|d| since.is_none_or(|s| d.accepting_confirmed_ts >= s))
            .filter(|d| {
                access
                    .iter()
                    .all(|a| d.accessibility.iter().any(|f| f == a))
            })
            .map(|d| (distance_km(lat, lng, d.lat, d.lng), d.id))
            .filter(|(km, _)| *km <= radius)
            .collect();
        expected.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        assert_eq!(page.total, expected.len(), "{q:?}");
        assert!(page.total > 100, "the query must cover many cells");
        let ids: Vec<i64> = page.hits.iter().map(|h| h.doc.id).collect();
        let want: Vec<i64> = expected.iter().skip(offset).take(5).map(|e| e.1).collect();
        assert_eq!(ids, want, "{q:?}");
    }
    // The most clinical first: a far clinically focused entry beats every nearer
    // one, so no cell may be skipped until the worst kept has the top rank.
    for (lat, lng, radius, least, offset, limit) in [
        (30.27, -97.0, 40.0, None, 0, 5),
        (30.27, -97.0, 40.0, None, 30, 8),
        (30.5, -97.2, 18.0, Some(Approach::Mixed), 3, 5),
        (30.1, -97.4, 25.0, Some(Approach::Clinical), 0, 4),
    ] {
        let mut q = SearchQuery::near(lat, lng, radius, 0);
        q.sort = SortOrder::Approach;
        q.approach = least;
        q.offset = offset;
        q.limit = limit;
        let page = index.search(&q).await.expect("search");
        let mut expected: Vec<(u8, f64, i64)> = docs
            .iter()
            .map(|d| (d.approach().approach(), d))
            .filter(|(a, _)| least.is_none_or(|l| *a >= l))
            .map(|(a, d)| (a.rank(), distance_km(lat, lng, d.lat, d.lng), d.id))
            .filter(|(_, km, _)| *km <= radius)
            .collect();
        expected.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
        assert_eq!(page.total, expected.len(), "{q:?}");
        let ids: Vec<i64> = page.hits.iter().map(|h| h.doc.id).collect();
        let want: Vec<i64> = expected
            .iter()
            .skip(offset)
            .take(limit)
            .map(|e| e.2)
            .collect();
        assert_eq!(ids, want, "{q:?}");
    }
}

#[test]
fn candidates_order_by_rank_then_nearest_then_lowest_id() {
    let at = |rank: u16, dot: f64, id: i64| Candidate {
        rank,
        dot,
        id,
        slot: 0,
    };
    let mut v = [at(0, 0.9, 5), at(0, 0.8, 1), at(0, 0.9, 2), at(2, 0.1, 9)];
    v.sort();
    assert_eq!(v.iter().map(|c| c.id).collect::<Vec<_>>(), [9, 2, 5, 1]);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// Whatever the prices and the maximum, the price filter never returns a practice
    /// whose 60-minute price is above the maximum or that has none, and leaves out
    /// none that qualifies.
    #[test]
    fn a_price_filter_never_returns_a_dearer_practice_or_one_without_a_price(
        prices in proptest::collection::vec(proptest::option::of(1u32..=2000), 1..60),
        max in 1u32..=2000,
        hsa in proptest::collection::vec(proptest::bool::ANY, 60),
        want_hsa in proptest::bool::ANY,
    ) {
        let docs: Vec<PractitionerDoc> = prices
            .iter()
            .enumerate()
            .map(|(i, price)| {
                let mut d = doc(i as i64 + 1, 30.0 + i as f64 * 0.001, -97.0, false);
                d.price_60 = *price;
                d.hsa_fsa = hsa[i];
                d
            })
            .collect();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        let found = runtime.block_on(async {
            let index = EmbeddedIndex::new();
            index.rebuild(docs.clone()).await.expect("rebuild");
            let mut q = SearchQuery::near(30.0, -97.0, 50.0, 0);
            q.max_price_60 = Some(max);
            q.hsa_fsa = want_hsa;
            q.limit = 100;
            index.search(&q).await.expect("search")
        });
        let expected = docs
            .iter()
            .filter(|d| d.price_60.is_some_and(|p| p <= max) && (!want_hsa || d.hsa_fsa))
            .count();
        proptest::prop_assert_eq!(found.total, expected);
        for hit in &found.hits {
            proptest::prop_assert!(hit.doc.price_60.is_some_and(|p| p <= max));
        }
    }
}
