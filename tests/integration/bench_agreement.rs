//! The small version of the benchmark: 10,000 demo practitioners and a short query
//! mix, run on the embedded index, the HTTP search API, Meilisearch, PostGIS (tuned and
//! naive) and the scale-out deployment (two servers with `INDEX_REPLICA` on one
//! PostgreSQL). It checks only that they agree — never timings — so the comparison
//! cannot rot.

use std::time::{Duration, Instant};

use chrono::{TimeDelta, Utc};
use sea_orm::{ActiveValue::Set, EntityTrait};
use therapist_finder::{
    app, db,
    entities::practitioner,
    jobs, practitioners,
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
        app.state.rules.current(),
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
    let mut mix = bench::query_mix(40, 7, since).expect("mix");
    // The language filter on every engine: a quarter of the demo practitioners speak
    // Spanish, and nobody speaks Korean.
    let spoken: Vec<_> = mix
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, q)| {
            let mut q = q.clone();
            q.language = Some(if i == 9 { "ko" } else { "es" }.to_owned());
            q
        })
        .collect();
    mix.extend(spoken);
    // The cost filters on every engine: two in three demo practices take HSA/FSA
    // cards, one in four injury claims, and their 60-minute prices run 60 to 100.
    let costly: Vec<_> = mix
        .iter()
        .take(12)
        .enumerate()
        .map(|(i, q)| {
            let mut q = q.clone();
            q.language = None;
            match i % 4 {
                0 => q.hsa_fsa = true,
                1 => q.injury_claims = true,
                2 => q.max_price_60 = Some(80),
                _ => {
                    q.hsa_fsa = true;
                    q.max_price_60 = Some(if i == 11 { 1 } else { 90 });
                }
            }
            q
        })
        .collect();
    mix.extend(costly);
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
        compared >= 36,
        "the mix must exercise real results ({compared})"
    );
}

#[tokio::test]
async fn two_scale_out_servers_agree_with_one_embedded_index_after_writes() {
    let pg_base = std::env::var("TEST_POSTGRES_URL").expect(
        "TEST_POSTGRES_URL must name a PostgreSQL server with PostGIS; scripts/test sets it",
    );
    let database_url = fresh_postgres_database(&pg_base).await;
    let a = TestApp::spawn_with(|config| {
        config.index_replica = true;
        config.meili_url = None;
        config.database_url = database_url.into();
    })
    .await;
    seed::run(
        &a.state.db,
        &a.state.catalogue,
        a.state.rules.current(),
        Some(10_000),
        false,
        &therapist_finder::progress::Silent,
    )
    .await
    .expect("seed 10k");
    app::rebuild_index(&a.state).await.expect("index");
    let b = TestApp::spawn_replica(Some(&a)).await;

    // Writes after both servers are up reach them only through the change log.
    let today = Utc::now().date_naive();
    let before = practitioners::all_documents(&a.state.db, today)
        .await
        .expect("documents");
    for doc in before.iter().step_by(97) {
        let txn = db::begin_write(&a.state.db).await.expect("begin");
        practitioner::Entity::update(practitioner::ActiveModel {
            id: Set(doc.id),
            listed: Set(false),
            ..Default::default()
        })
        .exec(&txn)
        .await
        .expect("unlist");
        practitioners::published_change(&txn, doc.id)
            .await
            .expect("change logged");
        txn.commit().await.expect("commit");
    }
    let latest = jobs::changes::latest(&a.state.db).await.expect("latest");
    let started = Instant::now();
    for server in [&a, &b] {
        let replica = server.state.replica.as_ref().expect("a replica");
        while replica.position().await < latest {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the change log did not reach {}",
                server.address
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    let docs = practitioners::all_documents(&a.state.db, today)
        .await
        .expect("documents");
    assert!(docs.len() < before.len() && docs.len() > 9_000);
    let embedded = EmbeddedIndex::new();
    embedded.rebuild(docs.clone()).await.expect("embedded");
    let at: std::collections::HashMap<String, (f64, f64)> = docs
        .iter()
        .map(|d| (d.slug.clone(), (d.lat, d.lng)))
        .collect();
    let since = (Utc::now() - TimeDelta::days(30)).timestamp();
    let mix = bench::query_mix(40, 11, since).expect("mix");
    for (n, q) in mix.iter().enumerate() {
        let expected = answer(embedded.search(q).await.expect("embedded"));
        let server = if n % 2 == 0 { &a } else { &b };
        let body: serde_json::Value = server.get(&http_path(q)).await.json().await.expect("json");
        let got = http_answer(&body);
        assert!(
            agree(&got, &expected, q, &at),
            "scale-out server {} {got:?} vs embedded {expected:?} for {q:?}",
            server.address
        );
    }
    a.run_pending_jobs().await;
}
