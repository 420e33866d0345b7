//! The `therapist-finder` binary: one command with subcommands; with none, it sets
//! everything up on first run and serves.

use std::{process::ExitCode, time::Duration};

use clap::Parser;
use therapist_finder::{
    app::{self, StartupError},
    config::{Cli, Command},
    db, seed,
};
use tokio_util::sync::CancellationToken;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let rendered = e.render().to_string();
            let line = rendered
                .lines()
                .next()
                .unwrap_or("error: invalid arguments");
            eprintln!("{line}");
            return ExitCode::from(2);
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_new(&cli.config.log).unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), StartupError> {
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let listener = app::bind(config.bind).await?;
            let state = app::connect(&config).await?;
            app::prepare(&state, Some(config.demo_practitioners)).await?;
            let shutdown = CancellationToken::new();
            tokio::spawn(signal_shutdown(shutdown.clone()));
            tracing::info!(address = %config.bind, "serving on http://{}", config.bind);
            app::serve(
                listener,
                state,
                Duration::from_secs(config.job_poll_seconds),
                shutdown,
            )
            .await
            .map_err(|source| StartupError::Bind {
                addr: config.bind,
                source,
            })?;
            tracing::info!("shut down cleanly");
        }
        Command::Migrate => {
            let state = app::connect(&config).await?;
            db::migrate(&state.db).await?;
            tracing::info!("migrations applied");
        }
        Command::Seed { demo } => {
            let state = app::connect(&config).await?;
            db::migrate(&state.db).await?;
            let n = seed::run(&state.db, &state.catalogue, &state.rules, demo, false).await?;
            tracing::info!(demo_practitioners = n, "seeded");
        }
        Command::Reindex => {
            let state = app::connect(&config).await?;
            let n = app::rebuild_index(&state).await?;
            tracing::info!(documents = n, "reindexed");
        }
    }
    Ok(())
}

/// Cancels `shutdown` on SIGINT or SIGTERM.
async fn signal_shutdown(shutdown: CancellationToken) {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
    tracing::info!("shutdown signal received");
    shutdown.cancel();
}
