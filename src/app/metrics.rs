//! Prometheus metrics, served on their own address (`METRICS_BIND`) so that a load
//! balancer in front of the site never exposes them. Requests are counted by route
//! template, method and status, never by path or query string, so no questionnaire
//! answer, name or place reaches a label. The queue, change-log, pool and index gauges
//! are read from the database and the index when Prometheus scrapes.

use std::{
    sync::OnceLock,
    time::{Duration, Instant},
};

use axum::{
    Router,
    extract::{MatchedPath, Request, State},
    http::{Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
    routing::get,
};
use metrics::{counter, describe_counter, describe_gauge, describe_histogram, gauge, histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sea_orm::DbErr;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::{db, jobs, mail, state::AppState, throttle};

/// Requests answered, by route template, method and status.
pub const REQUESTS: &str = "therapist_finder_http_requests_total";
/// How long requests took, by route template and method.
pub const REQUEST_SECONDS: &str = "therapist_finder_http_request_duration_seconds";
/// The latency histogram's buckets, in seconds: the search API answers in milliseconds,
/// and the slowest request is cut off at 30 s (`router::REQUEST_TIMEOUT`).
const LATENCY_BUCKETS: [f64; 14] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// How long a scrape may wait on the database and the index: scrapes that wait on a
/// stuck database must not pile up.
const SCRAPE_TIMEOUT: Duration = Duration::from_secs(10);

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the process's recorder once and returns its handle; until it is installed,
/// nothing is recorded and requests pay nothing for metrics.
pub fn install() -> &'static PrometheusHandle {
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(REQUEST_SECONDS.to_owned()), &LATENCY_BUCKETS)
            .expect("the buckets are not empty")
            .build_recorder();
        let handle = recorder.handle();
        metrics::set_global_recorder(recorder).expect("only this function installs a recorder");
        describe();
        gauge!("therapist_finder_build_info", "version" => env!("CARGO_PKG_VERSION")).set(1.0);
        handle
    })
}

fn describe() {
    describe_counter!(
        REQUESTS,
        "Requests answered, by route template, method and status."
    );
    describe_histogram!(
        REQUEST_SECONDS,
        metrics::Unit::Seconds,
        "How long requests took to answer, by route template and method."
    );
    describe_counter!(
        throttle::REFUSALS,
        "Requests refused by a rate limit, by the limit's kind."
    );
    describe_gauge!("therapist_finder_jobs", "Background jobs, by state.");
    describe_gauge!(
        "therapist_finder_jobs_oldest_pending_seconds",
        metrics::Unit::Seconds,
        "How long the oldest waiting job has waited."
    );
    describe_gauge!(
        "therapist_finder_mail_queue",
        "Mail not yet sent, by state."
    );
    describe_gauge!(
        "therapist_finder_mail_oldest_pending_seconds",
        metrics::Unit::Seconds,
        "How long the oldest unsent mail has waited."
    );
    describe_gauge!(
        "therapist_finder_change_log_position",
        "The newest entry of the search index's change log in the database."
    );
    describe_gauge!(
        "therapist_finder_index_change_log_position",
        "The change-log entry this instance's embedded index has applied."
    );
    describe_gauge!(
        "therapist_finder_index_change_log_lag",
        "Change-log entries this instance's embedded index has yet to apply."
    );
    describe_gauge!(
        "therapist_finder_search_documents",
        "Listings in the search index this instance reads."
    );
    describe_gauge!(
        "therapist_finder_db_pool_connections",
        "Database connections: open, in use, and the most the pool opens."
    );
    describe_gauge!(
        "therapist_finder_backup_newest_timestamp_seconds",
        metrics::Unit::Seconds,
        "When the newest of the server's own backups was taken (Unix time)."
    );
    describe_gauge!(
        "therapist_finder_backup_last_failed",
        "1 when the server's last backup attempt failed."
    );
    describe_gauge!(
        "therapist_finder_scrape_failed",
        "1 when the database or index could not be read for this scrape."
    );
    describe_gauge!(
        "therapist_finder_build_info",
        "The running version, always 1."
    );
}

/// Counts each answered request and its latency under its route template. Placed
/// outside every layer but the request id, so a timeout's 503 and a refusal count too.
pub async fn record_request(request: Request, next: Next) -> Response {
    if HANDLE.get().is_none() {
        return next.run(request).await;
    }
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let method = method_label(request.method());
    let response = next.run(request).await;
    let status = response.status();
    let seconds = started.elapsed().as_secs_f64();
    counter!(
        REQUESTS,
        "route" => route.clone(),
        "method" => method,
        "status" => status.as_u16().to_string()
    )
    .increment(1);
    histogram!(REQUEST_SECONDS, "route" => route, "method" => method).record(seconds);
    response
}

/// The method as a label: the standard ones by name, any other as `other`, so a
/// client inventing methods cannot add label values.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// The metrics address's one route.
pub fn router(state: AppState) -> Router {
    Router::new().route("/metrics", get(show)).with_state(state)
}

/// Serves `/metrics` on `listener` until `shutdown` is cancelled.
pub async fn serve(listener: TcpListener, state: AppState, shutdown: CancellationToken) {
    install();
    let served = axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown.cancelled_owned())
        .await;
    if let Err(e) = served {
        tracing::error!(error = %e, "the metrics address stopped");
    }
}

/// `GET /metrics`: the text exposition format, gauges read now.
async fn show(State(state): State<AppState>) -> Response {
    let handle = install();
    let read = tokio::time::timeout(SCRAPE_TIMEOUT, read_gauges(&state))
        .await
        .unwrap_or_else(|_| Err("timed out".to_owned()));
    let failed = match read {
        Ok(()) => 0.0,
        Err(e) => {
            tracing::warn!(error = %e, "metrics: reading the gauges failed");
            1.0
        }
    };
    gauge!("therapist_finder_scrape_failed").set(failed);
    handle.run_upkeep();
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response()
}

/// How long ago `since` was, in seconds; 0 when nothing waits.
fn waited(since: Option<chrono::DateTime<chrono::Utc>>, now: chrono::DateTime<chrono::Utc>) -> f64 {
    since.map_or(0.0, |t| (now - t).num_milliseconds().max(0) as f64 / 1000.0)
}

async fn read_gauges(state: &AppState) -> Result<(), String> {
    let now = state.clock.now();
    let pool = db::pool_usage(&state.db);
    gauge!("therapist_finder_db_pool_connections", "state" => "open").set(f64::from(pool.open));
    gauge!("therapist_finder_db_pool_connections", "state" => "in_use").set(f64::from(pool.in_use));
    gauge!("therapist_finder_db_pool_connections", "state" => "max").set(f64::from(pool.max));
    if let Some(backups) = &state.backups {
        if let Some(newest) = backups.newest() {
            gauge!("therapist_finder_backup_newest_timestamp_seconds")
                .set(newest.timestamp() as f64);
        }
        let failed = backups.last().is_some_and(|(_, error)| error.is_some());
        gauge!("therapist_finder_backup_last_failed").set(if failed { 1.0 } else { 0.0 });
    }
    let database = read_database(state, now).await.map_err(|e| e.to_string());
    let documents = state.search.documents().await.map_err(|e| e.to_string());
    if let Ok(n) = documents {
        gauge!("therapist_finder_search_documents").set(n as f64);
    }
    database.and(documents.map(|_| ()))
}

async fn read_database(state: &AppState, now: chrono::DateTime<chrono::Utc>) -> Result<(), DbErr> {
    let backlog = jobs::backlog(&state.db).await?;
    for (label, n) in [
        ("pending", backlog.pending),
        ("running", backlog.running),
        ("failed", backlog.failed),
        ("retrying", backlog.retrying),
    ] {
        gauge!("therapist_finder_jobs", "state" => label).set(n as f64);
    }
    gauge!("therapist_finder_jobs_oldest_pending_seconds").set(waited(backlog.oldest_pending, now));
    let queue = mail::queue(&state.db).await?;
    for (label, n) in [
        ("pending", queue.pending),
        ("sending", queue.sending),
        ("failed", queue.failed),
    ] {
        gauge!("therapist_finder_mail_queue", "state" => label).set(n as f64);
    }
    gauge!("therapist_finder_mail_oldest_pending_seconds").set(waited(queue.oldest_pending, now));
    let head = jobs::changes::latest(&state.db).await?;
    gauge!("therapist_finder_change_log_position").set(head as f64);
    if let Some(replica) = &state.replica {
        let applied = replica.position().await;
        gauge!("therapist_finder_index_change_log_position").set(applied as f64);
        gauge!("therapist_finder_index_change_log_lag")
            .set(head.saturating_sub(applied).max(0) as f64);
    }
    Ok(())
}
