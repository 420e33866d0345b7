//! The small version of the benchmark: 10,000 demo practitioners and a short query
//! mix, run on the embedded index, the HTTP search API, Meilisearch and PostGIS. It
//! checks only that the four agree — never timings — so the comparison cannot rot.

use chrono::{TimeDelta, Utc};
use therapist_finder::{
    app, db, practitioners,
    search::{SearchIndex, embedded::EmbeddedIndex, meilisearch::MeiliIndex},
    seed,
};

use therapist_finder_bench::{
    self as bench, agree, answer, http_answer, http_path,
    postgis::PostgisEngine,
    tuned::{TunedPostgis, tuned_url},
};

use crate::support::{TestApp, fresh_postgres_database, unique};

#[tokio::test]
async fn embedded_http_meilisearch_and_postgis_agree_on_the_query_mix() {
    let meili_url = std::env::var("TEST_BENCH_MEILI_URL")
        .or_else(|_| std::env::var("TEST_MEILI_URL"))
        .expect("TEST_BENCH_MEILI_URL must name a Meilisearch; scripts/test starts one");
    let meili_key = std::env::var("TEST_BENCH_MEILI_KEY")
        .or_else(|_| std::env::var("TEST_MEILI_KEY"))
        .ok();
    let pg_base = std::env::var("TEST_POSTGRES_URL").expect(
        "TEST_POSTGRES_URL must name a PostgreSQL server with PostGIS; scripts/test sets it",
    );

    let app = TestApp::spawn().await;
    seed::run(
        &app.state.db,
        &app.state.catalogue,
        &app.state.rules,
        Some(10_000),
        false,
        &therapist_finder::progress::Silent,
    )
    .await
    .expect("seed 10k");
    app::rebuild_index(&app.state).await.expect("index");
    let docs = practitioners::all_documents(&app.state.db, Utc::now().date_naive())
        .await
        .expect("documents");
    assert!(docs.len() > 9_000, "{} listed", docs.len());

    let embedded = EmbeddedIndex::new();
    embedded.rebuild(docs.clone()).await.expect("embedded");
    let meili = MeiliIndex::new(&meili_url, meili_key.as_deref(), &unique("b")).expect("meili");
    meili.rebuild(docs.clone()).await.expect("meili load");
    let postgis = PostgisEngine::new(
        db::connect(&fresh_postgres_database(&pg_base).await)
            .await
            .expect("postgres"),
    );
    postgis.load(&docs).await.expect("postgis load");
    let tuned = TunedPostgis::new(
        db::connect(&tuned_url(&fresh_postgres_database(&pg_base).await))
            .await
            .expect("postgres, tuned session"),
    );
    tuned.load(&docs).await.expect("tuned postgis load");
    let settings = tuned.settings().await.expect("settings");
    assert!(
        settings.contains(&("jit".to_owned(), "off".to_owned()))
            && settings.contains(&("max_parallel_workers_per_gather".to_owned(), "0".to_owned())),
        "the tuned sessions run without JIT or parallel workers: {settings:?}"
    );

    let at: std::collections::HashMap<String, (f64, f64)> = docs
        .iter()
        .map(|d| (d.slug.clone(), (d.lat, d.lng)))
        .collect();
    let since = (Utc::now() - TimeDelta::days(30)).timestamp();
    let mix = bench::query_mix(40, 7, since).expect("mix");
    let mut compared = 0;
    for q in &mix {
        let expected = answer(embedded.search(q).await.expect("embedded"));
        let meili_answer = answer(meili.search(q).await.expect("meili"));
        assert!(
            agree(&meili_answer, &expected, q, &at),
            "meilisearch {meili_answer:?} vs embedded {expected:?} for {q:?}"
        );
        let postgis_answer = postgis.search(q).await.expect("postgis");
        assert!(
            agree(&postgis_answer, &expected, q, &at),
            "postgis {postgis_answer:?} vs embedded {expected:?} for {q:?}"
        );
        let tuned_answer = tuned.search(q).await.expect("tuned postgis");
        assert!(
            agree(&tuned_answer, &expected, q, &at),
            "tuned postgis {tuned_answer:?} vs embedded {expected:?} for {q:?}"
        );
        let body: serde_json::Value = app.get(&http_path(q)).await.json().await.expect("json");
        let http_answer = http_answer(&body);
        assert!(
            agree(&http_answer, &expected, q, &at),
            "http {http_answer:?} vs embedded {expected:?} for {q:?}"
        );
        if expected.0 > 0 {
            compared += 1;
        }
    }
    assert!(
        compared >= 30,
        "the mix must exercise real results ({compared})"
    );
}
