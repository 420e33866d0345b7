//! Writes the benchmark's match requests (`bench::match_requests` over the query mix),
//! and optionally its search API requests, without loading any engine, for an A/B of
//! builds (`scripts/bench-ab`).

use std::{path::PathBuf, process::ExitCode};

use chrono::Utc;
use clap::Parser;

/// Writes `match.requests` for `replay`.
#[derive(Parser)]
struct Args {
    /// Queries in the mix.
    #[arg(long, default_value_t = 2000)]
    queries: usize,
    /// The file to write.
    #[arg(long)]
    out: PathBuf,
    /// Also write the search API requests of the same mix here.
    #[arg(long)]
    search_out: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let since = therapist_finder::policy::accepting_since(Utc::now());
    let written = therapist_finder_bench::query_mix(args.queries, 42, since)
        .map_err(|e| e.to_string())
        .and_then(|mix| {
            let lines = therapist_finder_bench::match_requests(&mix);
            std::fs::write(&args.out, lines.join("\n") + "\n").map_err(|e| e.to_string())?;
            let Some(search_out) = &args.search_out else {
                return Ok(());
            };
            let search = therapist_finder_bench::search_requests(&mix);
            std::fs::write(search_out, search.join("\n") + "\n").map_err(|e| e.to_string())
        });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
