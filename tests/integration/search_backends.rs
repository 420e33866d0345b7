//! One scenario set, run on the configured backend (embedded, or Meilisearch in the
//! second run) and on a fresh embedded index, checked against a brute-force oracle:
//! both backends must return the same candidates in the same order.

use therapist_finder::policy::Approach;
use therapist_finder::search::{
    HitView, PractitionerDoc, SearchIndex, SearchQuery, SortOrder, distance_km,
    document::{ClinicalPractice, LicenceSummary, tokenize},
    embedded::EmbeddedIndex,
};

use crate::support::TestApp;

const NOW: i64 = 1_790_000_000;
const FIRST: [&str; 6] = ["Ana", "Ben", "Carla", "David", "Elena", "Frank"];
const LAST: [&str; 5] = ["Ruiz", "Chen", "Okafor", "Novak", "Patel"];
const MODS: [&[&str]; 5] = [
    &["clinical", "trigger_point"],
    &["swedish", "hot_stone"],
    &["myofascial_release", "prenatal"],
    &["deep_tissue", "sports"],
    &["clinical", "oncology", "myofascial_release"],
];
const TYPES: [&str; 3] = ["clinic", "home_based", "mobile"];

fn docs() -> Vec<PractitionerDoc> {
    let centres = [
        (30.2672, -97.7431, "Austin", "TX"),
        (32.7767, -96.7970, "Dallas", "TX"),
    ];
    let mut out = Vec::new();
    for i in 0..60_i64 {
        let (clat, clng, city, region) = centres[(i % 2) as usize];
        // A deterministic spiral: distinct distances, no ties.
        let angle = i as f64 * 2.399_963;
        let r = 0.004 + 0.0061 * i as f64;
        let modalities: Vec<String> = MODS[(i % 5) as usize]
            .iter()
            .map(|s| s.to_string())
            .collect();
        out.push(PractitionerDoc {
            id: i + 1,
            slug: format!("p{}", i + 1),
            display_name: format!("{} {}", FIRST[(i % 6) as usize], LAST[(i % 5) as usize]),
            practice_name: Some(format!("{} Bodywork", LAST[((i + 2) % 5) as usize])),
            city: city.into(),
            region: region.into(),
            lat: clat + r * angle.sin(),
            lng: clng + r * angle.cos(),
            practice_type: TYPES[(i % 3) as usize].into(),
            prenatal_trained: modalities.iter().any(|m| m == "prenatal"),
            oncology_trained: modalities.iter().any(|m| m == "oncology"),
            modalities,
            focus_regions: vec!["low_back".into()],
            licence: (i % 4 != 3).then(|| LicenceSummary {
                status: if i % 4 == 0 { "verified" } else { "pending" }.into(),
                jurisdiction: "TX".into(),
                number: format!("MT-{i:06}"),
                verified_on: None,
            }),
            verified: i % 4 == 0,
            training_hours: 300 + (i as i32 * 17) % 600,
            clinical_practice: answered_yes(((i / 2) % 6) as usize),
            accepting_new_clients: i % 3 != 0,
            accepting_confirmed_ts: if i % 5 == 0 {
                NOW - 40 * 86_400
            } else {
                NOW - 86_400
            },
            profile_confirmed_ts: NOW,
            outcome: None,
            is_demo: false,
            accessibility: match i % 3 {
                0 => vec!["step_free".into(), "adjustable_table".into()],
                1 => vec!["step_free".into()],
                _ => vec![],
            },
            languages: match i % 4 {
                0 => vec!["en".into(), "es".into()],
                1 => vec!["es".into()],
                2 => vec!["en".into(), "vi".into()],
                _ => vec!["en".into()],
            },
            // Every seventh has no 60-minute price; the others from 60 to 125.
            price_60: (i % 7 != 6).then(|| 60 + (i as u32 * 13) % 66),
            prices: (i % 7 != 6)
                .then(|| therapist_finder::policy::Price {
                    minutes: 60,
                    amount: 60 + (i as u32 * 13) % 66,
                })
                .into_iter()
                .collect(),
            currency: "USD".into(),
            hsa_fsa: i % 3 != 1,
            injury_claims: i % 5 == 2,
        });
    }
    out
}

/// Clinical-practice answers with the first `yes` of the five answered yes.
fn answered_yes(yes: usize) -> ClinicalPractice {
    let mut answers = [false; 5];
    answers[..yes.min(5)].fill(true);
    let [
        whole_session_one_area,
        myofascial,
        posture_assessment,
        referral_pain,
        minimal_oil,
    ] = answers;
    ClinicalPractice {
        whole_session_one_area,
        myofascial,
        posture_assessment,
        referral_pain,
        minimal_oil,
    }
}

fn scenarios() -> Vec<(&'static str, SearchQuery)> {
    let since = NOW - 30 * 86_400;
    let austin = |r: f64| SearchQuery::near(30.2672, -97.7431, r, since);
    let mut list = vec![
        ("radius 10 km", austin(10.0)),
        ("radius 40 km", austin(40.0)),
    ];
    let mut q = austin(40.0);
    q.modalities = vec!["clinical".into(), "prenatal".into()];
    list.push(("modalities any-of", q));
    let mut q = austin(40.0);
    q.accessibility = vec!["step_free".into()];
    list.push(("one accessibility feature", q));
    let mut q = austin(40.0);
    q.accessibility = vec!["adjustable_table".into(), "step_free".into()];
    q.verified_only = true;
    list.push(("accessibility all-of, and verified", q));
    let mut q = austin(40.0);
    q.accessibility = vec!["scent_free".into()];
    list.push(("an accessibility feature nobody offers", q));
    let mut q = austin(40.0);
    q.language = Some("es".into());
    list.push(("speaks Spanish", q));
    let mut q = austin(40.0);
    q.language = Some("vi".into());
    q.accepting_only = true;
    list.push(("speaks Vietnamese, and accepting", q));
    let mut q = austin(40.0);
    q.language = Some("ko".into());
    list.push(("a language nobody speaks", q));
    let mut q = austin(40.0);
    q.hsa_fsa = true;
    list.push(("takes HSA/FSA", q));
    let mut q = austin(40.0);
    q.injury_claims = true;
    q.hsa_fsa = true;
    list.push(("takes injury claims and HSA/FSA", q));
    let mut q = austin(40.0);
    q.max_price_60 = Some(90);
    list.push(("60 minutes at most 90", q));
    let mut q = austin(40.0);
    q.max_price_60 = Some(60);
    q.accepting_only = true;
    list.push(("60 minutes at most 60, accepting", q));
    let mut q = austin(40.0);
    q.max_price_60 = Some(1);
    list.push(("a price nobody charges", q));
    let mut q = austin(40.0);
    q.verified_only = true;
    list.push(("verified only", q));
    let mut q = austin(40.0);
    q.accepting_only = true;
    list.push(("accepting, lapsed confirmations excluded", q));
    let mut q = austin(40.0);
    q.practice_type = Some("home_based".into());
    list.push(("practice type", q));
    let mut q = austin(40.0);
    q.prenatal = true;
    list.push(("prenatal training", q));
    let mut q = austin(40.0);
    q.oncology = true;
    q.verified_only = true;
    list.push(("oncology and verified", q));
    let mut q = austin(40.0);
    q.text = Some("ruiz".into());
    list.push(("free text on name", q));
    let mut q = austin(40.0);
    q.text = Some("novak bod".into());
    list.push(("free text, prefix on last word", q));
    let mut q = austin(40.0);
    q.text = Some("\" OR verified = false OR \"".into());
    list.push(("hostile text matches nothing", q));
    let mut q = austin(40.0);
    q.offset = 5;
    q.limit = 7;
    list.push(("second page", q));
    let mut q = austin(40.0);
    q.approach = Some(Approach::Clinical);
    list.push(("clinically focused only", q));
    let mut q = austin(40.0);
    q.approach = Some(Approach::Mixed);
    q.verified_only = true;
    list.push(("clinical or mixed, and verified", q));
    let mut q = austin(40.0);
    q.sort = SortOrder::Approach;
    list.push(("most clinical first", q));
    let mut q = austin(40.0);
    q.sort = SortOrder::Approach;
    q.offset = 4;
    q.limit = 6;
    list.push(("most clinical first, second page", q));
    let mut q = austin(25.0);
    q.sort = SortOrder::Approach;
    q.approach = Some(Approach::Mixed);
    q.text = Some("bodywork".into());
    list.push(("most clinical first, mixed or better, with text", q));
    let mut q = SearchQuery::near(32.7767, -96.7970, 30.0, since);
    q.modalities = vec!["deep_tissue".into()];
    q.accepting_only = true;
    list.push(("Dallas combined", q));
    list.push((
        "far away: nothing",
        SearchQuery::near(47.6, -122.3, 50.0, since),
    ));
    list
}

/// The expected answer, computed the slow, obvious way.
fn oracle(docs: &[PractitionerDoc], q: &SearchQuery) -> (usize, Vec<String>) {
    let words = q.text.as_deref().map(tokenize).unwrap_or_default();
    let mut hits: Vec<(f64, &PractitionerDoc)> = docs
        .iter()
        .map(|d| (distance_km(q.lat, q.lng, d.lat, d.lng), d))
        .filter(|(dist, d)| {
            let tokens = d.text_tokens();
            *dist <= q.radius_km
                && (!q.verified_only || d.verified)
                && (!q.accepting_only || d.is_accepting(q.accepting_since_ts))
                && (!q.prenatal || d.prenatal_trained)
                && (!q.oncology || d.oncology_trained)
                && q.practice_type
                    .as_ref()
                    .is_none_or(|t| *t == d.practice_type)
                && (q.modalities.is_empty()
                    || d.modalities.iter().any(|m| q.modalities.contains(m)))
                && q.accessibility.iter().all(|a| d.accessibility.contains(a))
                && q.language.as_ref().is_none_or(|l| d.languages.contains(l))
                && (!q.hsa_fsa || d.hsa_fsa)
                && (!q.injury_claims || d.injury_claims)
                && q.max_price_60
                    .is_none_or(|max| d.price_60.is_some_and(|p| p <= max))
                && q.approach.is_none_or(|a| d.approach().approach() >= a)
                && words.split_last().is_none_or(|(last, rest)| {
                    rest.iter().all(|w| tokens.contains(w))
                        && tokens.iter().any(|t| t.starts_with(last.as_str()))
                })
        })
        .collect();
    let rank = |d: &PractitionerDoc| match q.sort {
        SortOrder::Distance => 0,
        SortOrder::Approach => d.approach().approach().rank(),
    };
    hits.sort_by(|a, b| {
        rank(b.1)
            .cmp(&rank(a.1))
            .then(a.0.total_cmp(&b.0))
            .then(a.1.id.cmp(&b.1.id))
    });
    let total = hits.len();
    (
        total,
        hits.into_iter()
            .skip(q.offset)
            .take(q.limit)
            .map(|(_, d)| d.slug.clone())
            .collect(),
    )
}

async fn answer(index: &dyn SearchIndex, q: &SearchQuery) -> (usize, Vec<String>) {
    let page = index.search(q).await.expect("search");
    (
        page.total,
        page.hits.into_iter().map(|h| h.doc.slug).collect(),
    )
}

/// Fills the app's configured backend and a fresh embedded index with `docs`; returns
/// the embedded one.
async fn fill_both(app: &TestApp, docs: &[PractitionerDoc]) -> EmbeddedIndex {
    app.state
        .search
        .rebuild(docs.to_vec())
        .await
        .expect("rebuild configured backend");
    let embedded = EmbeddedIndex::new();
    embedded
        .rebuild(docs.to_vec())
        .await
        .expect("rebuild embedded");
    embedded
}

#[tokio::test]
async fn both_backends_return_the_same_candidates_for_the_scenario_set() {
    let app = TestApp::spawn().await;
    let docs = docs();
    for (name, q) in scenarios() {
        for d in &docs {
            let margin = (distance_km(q.lat, q.lng, d.lat, d.lng) - q.radius_km).abs();
            assert!(
                margin > 0.05,
                "scenario {name}: a document sits on the radius edge"
            );
        }
    }
    let embedded = fill_both(&app, &docs).await;
    let backend = app.state.search.backend();
    let mut non_trivial = 0;
    for (name, q) in scenarios() {
        let expected = oracle(&docs, &q);
        if expected.0 > 0 {
            non_trivial += 1;
        }
        assert_eq!(
            answer(&embedded, &q).await,
            expected,
            "embedded, scenario: {name}"
        );
        assert_eq!(
            answer(app.state.search.as_ref(), &q).await,
            expected,
            "{backend}, scenario: {name}"
        );
    }
    assert!(
        non_trivial >= 10,
        "the scenarios must exercise real matches"
    );
    let mut by_approach = SearchQuery::near(30.2672, -97.7431, 40.0, NOW - 30 * 86_400);
    by_approach.sort = SortOrder::Approach;
    let mut clinical_only = by_approach.clone();
    clinical_only.approach = Some(Approach::Clinical);
    let mut by_distance = by_approach.clone();
    by_distance.sort = SortOrder::Distance;
    let (all, nearest) = oracle(&docs, &by_distance);
    let (clinical, _) = oracle(&docs, &clinical_only);
    assert!(
        oracle(&docs, &by_approach).1 != nearest && (1..all).contains(&clinical),
        "the approach scenarios must reorder and narrow the results"
    );
}

#[tokio::test]
async fn upsert_and_remove_keep_the_index_true() {
    let app = TestApp::spawn().await;
    let mut docs = docs();
    app.state
        .search
        .rebuild(docs[..10].to_vec())
        .await
        .expect("rebuild");
    let q = SearchQuery::near(30.2672, -97.7431, 40.0, 0);
    let before = answer(app.state.search.as_ref(), &q).await;
    docs[0].lat = 47.6;
    docs[0].lng = -122.3;
    app.state
        .search
        .upsert(vec![docs[0].clone()])
        .await
        .expect("upsert moved doc");
    app.state
        .search
        .remove(&[docs[2].id, 9_999])
        .await
        .expect("remove");
    let after = answer(app.state.search.as_ref(), &q).await;
    assert_eq!(after.0, before.0 - 2);
    assert!(!after.1.contains(&"p1".to_owned()) && !after.1.contains(&"p3".to_owned()));
}

#[tokio::test]
async fn choose_lends_every_hit_in_place_and_returns_the_chosen_in_order() {
    let app = TestApp::spawn().await;
    let docs = docs();
    let embedded = fill_both(&app, &docs).await;
    let mut checked = 0;
    for (name, q) in scenarios() {
        let (total, expected) = oracle(&docs, &q);
        if total == 0 {
            continue;
        }
        checked += 1;
        for index in [&embedded as &dyn SearchIndex, app.state.search.as_ref()] {
            let backend = index.backend();
            let mut lent = Vec::new();
            // Choose the page backwards, and an id that is not among the hits.
            let chosen = index
                .choose(&q, &mut |hits: &[HitView<'_>]| {
                    lent = hits
                        .iter()
                        .map(|h| (h.doc.id, h.doc.modalities.len(), h.distance_km))
                        .collect();
                    let mut ids: Vec<i64> = hits.iter().rev().map(|h| h.doc.id).collect();
                    ids.insert(1, -1);
                    ids
                })
                .await
                .expect("choose");
            let slugs: Vec<String> = chosen.iter().rev().map(|h| h.doc.slug.clone()).collect();
            assert_eq!(slugs, expected, "{backend}, scenario: {name}");
            for (hit, (id, modalities, distance_km)) in chosen.iter().rev().zip(&lent) {
                assert_eq!(hit.doc.id, *id, "{backend}, scenario: {name}");
                assert_eq!(hit.doc.modalities.len(), *modalities);
                assert!((hit.distance_km - distance_km).abs() < 1e-9);
            }
        }
    }
    assert!(checked >= 10, "the scenarios must exercise real matches");
}
