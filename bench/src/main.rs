//! `bench`: the measuring half of `scripts/bench`. Given a seeded directory and the
//! server running on it, it loads the same practitioners into PostGIS and
//! Meilisearch, checks that every engine gives the same answers for a sample of the
//! query mix, times the mix on the embedded index in-process and on PostGIS, and
//! writes the request files the script replays with `wrk` against the HTTP API,
//! Meilisearch and the match endpoint. Results go to `<out>/engines.json`.

use std::{
    collections::HashMap,
    path::PathBuf,
    process::ExitCode,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use chrono::Utc;
use clap::Parser;
use serde_json::json;
use therapist_finder::{
    db, practitioners,
    search::{
        PractitionerDoc, SearchIndex, SearchQuery,
        embedded::EmbeddedIndex,
        meilisearch::{MeiliIndex, search_body},
    },
};

use therapist_finder_bench::{
    self as bench, Answer, Timing, agree, answer, http_answer, http_path,
    postgis::PostgisEngine,
    tuned::{TunedPostgis, tuned_url},
};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Measures the engines on one seeded directory.
#[derive(Parser)]
struct Args {
    /// The seeded directory, as the server under test reads it.
    #[arg(long)]
    database_url: String,
    /// Base URL of `therapist-finder serve` on that directory.
    #[arg(long)]
    server: String,
    /// An empty PostgreSQL database with PostGIS available, for the comparison table.
    #[arg(long)]
    postgres_url: String,
    /// Meilisearch's URL.
    #[arg(long)]
    meili_url: String,
    /// Meilisearch's master key.
    #[arg(long)]
    meili_key: Option<String>,
    /// Queries in the mix.
    #[arg(long, default_value_t = 2000)]
    queries: usize,
    /// Queries whose answers are compared across all four engines.
    #[arg(long, default_value_t = 200)]
    check: usize,
    /// Requests in flight at once (the same for every engine).
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// Where to write request files and results.
    #[arg(long)]
    out: PathBuf,
}

type Failure = Box<dyn std::error::Error>;

#[tokio::main]
async fn main() -> ExitCode {
    match run(Args::parse()).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("error: the engines disagree; no timing from this run counts");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn seconds(since: Instant) -> f64 {
    since.elapsed().as_secs_f64()
}

async fn run(args: Args) -> Result<bool, Failure> {
    std::fs::create_dir_all(&args.out)?;
    let directory = db::connect(&args.database_url).await?;
    let started = Instant::now();
    let docs = practitioners::all_documents(&directory, Utc::now().date_naive()).await?;
    let read_s = seconds(started);
    println!("documents: {} read in {read_s:.1} s", docs.len());
    let since = therapist_finder::policy::accepting_since(Utc::now());
    let mix = bench::query_mix(args.queries, 42, since)?;

    let embedded = Arc::new(EmbeddedIndex::new());
    let started = Instant::now();
    embedded.rebuild(docs.clone()).await?;
    let embedded_load_s = seconds(started);

    let postgis = PostgisEngine::new(db::connect(&args.postgres_url).await?);
    let started = Instant::now();
    postgis.load(&docs).await?;
    let postgis_load_s = seconds(started);
    println!("postgis: loaded in {postgis_load_s:.1} s");

    let tuned = TunedPostgis::new(db::connect(&tuned_url(&args.postgres_url)).await?);
    let started = Instant::now();
    tuned.load(&docs).await?;
    let tuned_load_s = seconds(started);
    println!("postgis (tuned): loaded in {tuned_load_s:.1} s");

    let meili = MeiliIndex::new(&args.meili_url, args.meili_key.as_deref(), "bench_")?;
    let started = Instant::now();
    meili.rebuild(docs.clone()).await?;
    let meili_load_s = seconds(started);
    println!("meilisearch: loaded in {meili_load_s:.1} s");

    let engines = Engines {
        embedded: &embedded,
        naive: &postgis,
        tuned: &tuned,
        meili: &meili,
    };
    let agreed = cross_check(&args, &docs, &mix, &engines).await?;
    explain(&args, &mix, &embedded, &tuned).await?;
    write_requests(&args, &mix, &meili)?;

    // The embedded index in-process: one query at a time for latency, then the same
    // concurrency as the other engines for throughput.
    for q in mix.iter().take(200) {
        embedded.search(q).await?;
    }
    let mut latencies = Vec::with_capacity(mix.len());
    let started = Instant::now();
    for q in &mix {
        let t = Instant::now();
        embedded.search(q).await?;
        latencies.push(t.elapsed());
    }
    let in_process = Timing::of(latencies, started.elapsed());
    let engine = Arc::clone(&embedded);
    let in_process_loaded = concurrently(&mix, args.concurrency, 5, move |q| {
        let engine = Arc::clone(&engine);
        async move { engine.search(&q).await.map(|_| ()).map_err(Failure::from) }
    })
    .await?;
    println!("embedded in-process: {in_process:?}; under load {in_process_loaded:?}");

    let postgis = Arc::new(postgis);
    let engine = Arc::clone(&postgis);
    let postgis_timing = concurrently(&mix, args.concurrency, 1, move |q| {
        let engine = Arc::clone(&engine);
        async move { engine.search(&q).await.map(|_| ()).map_err(Failure::from) }
    })
    .await?;
    println!("postgis (naive): {postgis_timing:?}");

    // The tuned baseline: the whole answer, then the page and the exact count apart.
    let settings = tuned.settings().await?;
    let tuned = Arc::new(tuned);
    let mut tuned_parts = Vec::new();
    for part in [TunedPart::Whole, TunedPart::Page, TunedPart::Count] {
        let engine = Arc::clone(&tuned);
        tuned_parts.push(
            concurrently(&mix, args.concurrency, 1, move |q| {
                let engine = Arc::clone(&engine);
                async move {
                    match part {
                        TunedPart::Whole => engine.search(&q).await.map(|_| ()),
                        TunedPart::Page => engine.page(&q).await.map(|_| ()),
                        TunedPart::Count => engine.count(&q).await.map(|_| ()),
                    }
                    .map_err(Failure::from)
                }
            })
            .await?,
        );
    }
    let [tuned_timing, tuned_page, tuned_count] =
        <[Timing; 3]>::try_from(tuned_parts).map_err(|_| "three tuned timings")?;
    println!("postgis (tuned): {tuned_timing:?}; page {tuned_page:?}; count {tuned_count:?}");

    let results = json!({
        "documents": docs.len(),
        "queries": mix.len(),
        "concurrency": args.concurrency,
        "checked": args.check.min(mix.len()),
        "agreed": agreed,
        "load_seconds": {
            "read_documents": read_s,
            "embedded": embedded_load_s,
            "postgis": postgis_load_s,
            "postgis_tuned": tuned_load_s,
            "meilisearch": meili_load_s,
        },
        "embedded_in_process": in_process,
        "embedded_in_process_concurrent": in_process_loaded,
        "postgis": postgis_timing,
        "postgis_tuned": tuned_timing,
        "postgis_tuned_page": tuned_page,
        "postgis_tuned_count": tuned_count,
        "postgis_tuned_settings": settings.into_iter().collect::<HashMap<_, _>>(),
    });
    std::fs::write(
        args.out.join("engines.json"),
        serde_json::to_string_pretty(&results)?,
    )?;
    Ok(agreed == args.check.min(mix.len()))
}

/// Runs the mix `rounds` times with `concurrency` requests in flight; each request's
/// latency counts.
async fn concurrently<F, Fut>(
    mix: &[SearchQuery],
    concurrency: usize,
    rounds: usize,
    search: F,
) -> Result<Timing, Failure>
where
    F: Fn(SearchQuery) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), Failure>> + Send,
{
    let work: Arc<Vec<SearchQuery>> = Arc::new(
        (0..rounds)
            .flat_map(|_| mix.iter().cloned())
            .collect::<Vec<_>>(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let search = Arc::new(search);
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency.max(1) {
        let (work, next, search) = (Arc::clone(&work), Arc::clone(&next), Arc::clone(&search));
        workers.push(tokio::spawn(async move {
            let mut latencies: Vec<Duration> = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(q) = work.get(i) else {
                    return Ok::<_, String>(latencies);
                };
                let t = Instant::now();
                search(q.clone()).await.map_err(|e| e.to_string())?;
                latencies.push(t.elapsed());
            }
        }));
    }
    let mut latencies = Vec::new();
    for worker in workers {
        latencies.extend(worker.await??);
    }
    Ok(Timing::of(latencies, started.elapsed()))
}

/// What a tuned-PostGIS timing measures: the whole answer, or the page or the exact
/// count alone.
#[derive(Clone, Copy)]
enum TunedPart {
    Whole,
    Page,
    Count,
}

/// Every engine the HTTP API is compared with.
struct Engines<'a> {
    embedded: &'a EmbeddedIndex,
    naive: &'a PostgisEngine,
    tuned: &'a TunedPostgis,
    meili: &'a MeiliIndex,
}

/// `EXPLAIN (ANALYZE, BUFFERS)` of the tuned engine's statements for the densest and the
/// sparsest query of the checked sample (by the embedded index's total, sparsest with at
/// least one result), written to `postgis-explain.txt`.
async fn explain(
    args: &Args,
    mix: &[SearchQuery],
    embedded: &EmbeddedIndex,
    tuned: &TunedPostgis,
) -> Result<(), Failure> {
    let mut totals = Vec::new();
    for q in mix.iter().take(args.check) {
        totals.push((embedded.search(q).await?.total, q));
    }
    let dense = totals.iter().max_by_key(|(n, _)| *n);
    let sparse = totals
        .iter()
        .filter(|(n, _)| *n > 0)
        .min_by_key(|(n, _)| *n);
    let mut out = String::new();
    for (label, chosen) in [("dense", dense), ("sparse", sparse)] {
        if let Some((total, q)) = chosen {
            out.push_str(&format!(
                "==== {label}: {total} matches, {}\n\n",
                http_path(q)
            ));
            out.push_str(&tuned.explain(q).await?);
        }
    }
    std::fs::write(args.out.join("postgis-explain.txt"), out)?;
    Ok(())
}

/// Compares the first `check` queries across the embedded index, the HTTP API,
/// Meilisearch and both PostGIS setups; prints every disagreement; returns how many
/// agreed.
async fn cross_check(
    args: &Args,
    docs: &[PractitionerDoc],
    mix: &[SearchQuery],
    engines: &Engines<'_>,
) -> Result<usize, Failure> {
    let Engines {
        embedded,
        naive,
        tuned,
        meili,
    } = engines;
    let at: HashMap<String, (f64, f64)> = docs
        .iter()
        .map(|d| (d.slug.clone(), (d.lat, d.lng)))
        .collect();
    let client = reqwest::Client::new();
    let server = args.server.trim_end_matches('/');
    let mut agreed = 0;
    let mut with_results = 0;
    for q in mix.iter().take(args.check) {
        let expected = answer(embedded.search(q).await?);
        let body: serde_json::Value = client
            .get(format!("{server}{}", http_path(q)))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let others: [(&str, Answer); 4] = [
            ("http", http_answer(&body)),
            ("meilisearch", answer(meili.search(q).await?)),
            ("postgis (naive)", naive.search(q).await?),
            ("postgis (tuned)", tuned.search(q).await?),
        ];
        let mut all = true;
        for (engine, got) in &others {
            if !agree(got, &expected, q, &at) {
                all = false;
                println!(
                    "DISAGREE {engine}: {got:?} vs embedded {expected:?} for {}",
                    http_path(q)
                );
            }
        }
        agreed += usize::from(all);
        with_results += usize::from(expected.0 > 0);
    }
    println!(
        "cross-check: {agreed} of {} queries agree on all five engines ({with_results} with results)",
        args.check.min(mix.len())
    );
    Ok(agreed)
}

/// The request files `scripts/bench` replays with wrk: one request a line,
/// `METHOD<TAB>PATH<TAB>BODY`.
fn write_requests(args: &Args, mix: &[SearchQuery], meili: &MeiliIndex) -> Result<(), Failure> {
    let search = bench::search_requests(mix);
    std::fs::write(args.out.join("search.requests"), search.join("\n") + "\n")?;

    let meili_path = format!("/indexes/{}/search", meili.uid());
    let mut bodies = Vec::with_capacity(mix.len());
    for q in mix {
        bodies.push(format!("POST\t{meili_path}\t{}", search_body(q)?));
    }
    std::fs::write(args.out.join("meili.requests"), bodies.join("\n") + "\n")?;

    let matches = bench::match_requests(mix);
    std::fs::write(args.out.join("match.requests"), matches.join("\n") + "\n")?;
    Ok(())
}
