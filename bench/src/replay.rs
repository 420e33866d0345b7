//! `replay`: the load generator of `scripts/bench`. It replays a request file (one
//! request a line, `METHOD<TAB>PATH<TAB>BODY`) in order, the whole file `--rounds`
//! times, with `--concurrency` requests in flight on keep-alive connections, and
//! prints one JSON line: the count, the duration, failures and latency percentiles.
//! Every engine is thus measured over the same whole mix, a fixed number of requests;
//! `wrk` runs for a fixed time instead (its `thread:stop()` leaves the run going until
//! the duration ends), which lets a slow engine answer only the start of the mix.

use std::{
    path::PathBuf,
    process::ExitCode,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use clap::Parser;
use serde_json::json;

/// Replays a request file against a server.
#[derive(Parser)]
struct Args {
    /// Base URL, such as `http://127.0.0.1:8080`.
    url: String,
    /// The request file.
    file: PathBuf,
    /// Times the whole file is replayed.
    #[arg(long, default_value_t = 1)]
    rounds: usize,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// A bearer token sent with every request.
    #[arg(long)]
    token: Option<String>,
}

struct Request {
    method: reqwest::Method,
    path: String,
    body: Option<String>,
}

/// What one worker saw: latencies of answered requests, non-2xx answers, failures.
#[derive(Default)]
struct Seen {
    latencies: Vec<Duration>,
    non_2xx: usize,
    failed: usize,
}

fn read_requests(file: &PathBuf) -> Result<Vec<Request>, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let mut parts = line.splitn(3, '\t');
            let method = parts.next().unwrap_or_default();
            let path = parts
                .next()
                .ok_or_else(|| format!("no path in {line:.80}"))?;
            let body = parts.next().filter(|b| !b.is_empty()).map(str::to_owned);
            Ok(Request {
                method: method
                    .parse()
                    .map_err(|_| format!("not a method: {method:.20}"))?,
                path: path.to_owned(),
                body,
            })
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> u128 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1].as_micros()
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let requests = match read_requests(&args.file) {
        Ok(r) if !r.is_empty() => Arc::new(r),
        Ok(_) => {
            eprintln!("error: {} holds no requests", args.file.display());
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let client = match reqwest::Client::builder()
        .pool_max_idle_per_host(args.concurrency)
        .timeout(Duration::from_secs(10))
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let total = requests.len() * args.rounds.max(1);
    let next = Arc::new(AtomicUsize::new(0));
    let base = Arc::new(args.url.trim_end_matches('/').to_owned());
    let token = Arc::new(args.token);
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..args.concurrency.max(1) {
        let (client, requests, next, base, token) = (
            client.clone(),
            Arc::clone(&requests),
            Arc::clone(&next),
            Arc::clone(&base),
            Arc::clone(&token),
        );
        workers.push(tokio::spawn(async move {
            let mut seen = Seen::default();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    return seen;
                }
                let r = &requests[i % requests.len()];
                let mut call = client.request(r.method.clone(), format!("{base}{}", r.path));
                if let Some(body) = &r.body {
                    call = call
                        .header(reqwest::header::CONTENT_TYPE, "application/json")
                        .body(body.clone());
                }
                if let Some(token) = token.as_deref() {
                    call = call.bearer_auth(token);
                }
                let t = Instant::now();
                match call.send().await {
                    Ok(response) => {
                        let ok = response.status().is_success();
                        match response.bytes().await {
                            Ok(_) => {
                                seen.latencies.push(t.elapsed());
                                seen.non_2xx += usize::from(!ok);
                            }
                            Err(_) => seen.failed += 1,
                        }
                    }
                    Err(_) => seen.failed += 1,
                }
            }
        }));
    }
    let mut all = Seen::default();
    for worker in workers {
        match worker.await {
            Ok(seen) => {
                all.latencies.extend(seen.latencies);
                all.non_2xx += seen.non_2xx;
                all.failed += seen.failed;
            }
            Err(e) => {
                eprintln!("error: a worker stopped: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let elapsed = started.elapsed();
    all.latencies.sort_unstable();
    let sorted = &all.latencies;
    println!(
        "{}",
        json!({
            "requests": sorted.len(),
            "duration_us": elapsed.as_micros() as u64,
            "non_2xx": all.non_2xx,
            "connect_errors": 0,
            "read_errors": all.failed,
            "write_errors": 0,
            "timeouts": 0,
            "p50_us": percentile(sorted, 50.0) as u64,
            "p95_us": percentile(sorted, 95.0) as u64,
            "p99_us": percentile(sorted, 99.0) as u64,
            "max_us": sorted.last().map_or(0, |d| d.as_micros() as u64),
        })
    );
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let sorted: Vec<Duration> = (1..=100).map(Duration::from_micros).collect();
        assert_eq!(percentile(&sorted, 50.0), 50);
        assert_eq!(percentile(&sorted, 99.0), 99);
        assert_eq!(percentile(&sorted[..1], 99.0), 1);
        assert_eq!(percentile(&[], 50.0), 0);
    }
}
