//! `visibility`: how long a write takes to show in search on every server of a
//! scale-out deployment (`INDEX_REPLICA`). It takes listed practitioners from the first
//! server's search, then, one at a time, unlists one and lists it again, each in a
//! transaction through the product's own `published_change`, and polls every server's
//! search API around the practitioner until the change shows. It prints one JSON line:
//! per server, the number of writes seen and the median and slowest time to see them.

use std::{
    process::ExitCode,
    time::{Duration, Instant},
};

use clap::Parser;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect,
};
use serde_json::json;
use therapist_finder::{db, entities::practitioner, practitioners};

/// Measures how long writes take to reach every server's search.
#[derive(Parser)]
struct Args {
    /// The deployment's database.
    #[arg(long)]
    database_url: String,
    /// Base URLs of the servers, such as `http://127.0.0.1:8080`.
    #[arg(required = true)]
    servers: Vec<String>,
    /// Practitioners to unlist and list again (two writes each).
    #[arg(long, default_value_t = 10)]
    practitioners: usize,
    /// A place with many practitioners around it.
    #[arg(long, default_value = "10001")]
    near: String,
}

/// The longest a write may take to show before the run fails.
const GIVE_UP: Duration = Duration::from_secs(60);

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args).await {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: &Args) -> Result<serde_json::Value, String> {
    let db = db::connect(&args.database_url)
        .await
        .map_err(|e| e.to_string())?;
    let http = reqwest::Client::new();
    let listed = search(
        &http,
        &args.servers[0],
        &format!(
            "near={}&radius_km=25&per_page={}",
            args.near, args.practitioners
        ),
    )
    .await?;
    let mut seen: Vec<Vec<Duration>> = vec![Vec::new(); args.servers.len()];
    for result in listed.iter().take(args.practitioners) {
        let slug = result["slug"].as_str().ok_or("a result without a slug")?;
        let (id, lat, lng) = place_of(&db, slug).await?;
        let around = format!("near={lat},{lng}&radius_km=1&per_page=100");
        for listed in [false, true] {
            set_listed(&db, id, listed).await?;
            let written = Instant::now();
            for (server, times) in args.servers.iter().zip(seen.iter_mut()) {
                loop {
                    let shown = search(&http, server, &around)
                        .await?
                        .iter()
                        .any(|r| r["slug"] == slug);
                    if shown == listed {
                        times.push(written.elapsed());
                        break;
                    }
                    if written.elapsed() > GIVE_UP {
                        return Err(format!("{server} did not show the change of {slug}"));
                    }
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
            }
        }
    }
    let servers: Vec<_> = args
        .servers
        .iter()
        .zip(seen.iter_mut())
        .map(|(server, times)| {
            times.sort();
            let ms = |d: Duration| (d.as_secs_f64() * 10_000.0).round() / 10.0;
            json!({
                "server": server,
                "writes": times.len(),
                "median_ms": times.get(times.len() / 2).copied().map(ms),
                "slowest_ms": times.last().copied().map(ms),
            })
        })
        .collect();
    Ok(json!({ "servers": servers }))
}

async fn search(
    http: &reqwest::Client,
    server: &str,
    query: &str,
) -> Result<Vec<serde_json::Value>, String> {
    let body: serde_json::Value = http
        .get(format!("{server}/api/v1/practitioners?{query}"))
        .send()
        .await
        .map_err(|e| format!("{server}: {e}"))?
        .error_for_status()
        .map_err(|e| format!("{server}: {e}"))?
        .json()
        .await
        .map_err(|e| format!("{server}: {e}"))?;
    body["results"]
        .as_array()
        .cloned()
        .ok_or_else(|| format!("{server}: an answer without results"))
}

/// A practitioner's id and where it practises.
async fn place_of(db: &impl ConnectionTrait, slug: &str) -> Result<(i64, f64, f64), String> {
    let row: Option<(i64, Option<f64>, Option<f64>)> = practitioner::Entity::find()
        .select_only()
        .column(practitioner::Column::Id)
        .column(practitioner::Column::Lat)
        .column(practitioner::Column::Lng)
        .filter(practitioner::Column::Slug.eq(slug))
        .into_tuple()
        .one(db)
        .await
        .map_err(|e| e.to_string())?;
    match row {
        Some((id, Some(lat), Some(lng))) => Ok((id, lat, lng)),
        _ => Err(format!("{slug} has no place in the database")),
    }
}

async fn set_listed(db: &DatabaseConnection, id: i64, listed: bool) -> Result<(), String> {
    let write = async {
        let txn = db::begin_write(db).await?;
        practitioner::Entity::update(practitioner::ActiveModel {
            id: Set(id),
            listed: Set(listed),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        practitioners::published_change(&txn, id).await?;
        txn.commit().await
    };
    write.await.map_err(|e| e.to_string())
}
