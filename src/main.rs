//! The `therapist-finder` binary: one command with subcommands; with none, it sets
//! everything up on first run and serves.

use std::{process::ExitCode, sync::Arc, time::Duration};

use clap::Parser;
use therapist_finder::{
    accounts::{self, AccountError},
    admin::{licences, roster},
    app::{self, StartupError},
    backup,
    config::{AdminAction, Cli, Command, Config, LicenceAction, LogFormat},
    db, jobs, practitioners,
    progress::{self, Silent},
    seed,
    state::AppState,
};
use tokio_util::sync::CancellationToken;
use tracing_subscriber::EnvFilter;

/// mimalloc: the index is millions of small allocations, built in one burst at
/// start-up; glibc's allocator spent a third of that time consolidating free lists.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    init_logging(&cli.config);
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

/// Logs go to standard output as text, coloured only on a terminal (and never with
/// `NO_COLOR` set), or as one JSON object per line (`LOG_FORMAT=json`).
fn init_logging(config: &Config) {
    use std::io::IsTerminal;
    let filter = EnvFilter::try_new(&config.log).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match config.log_format {
        LogFormat::Json => builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .init(),
        LogFormat::Text => builder
            .with_ansi(std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none())
            .init(),
    }
}

/// A checked backup's size and rows per table, as `backup` and `restore` print them.
fn print_checked(checked: &backup::Checked) {
    println!("{} bytes, integrity ok", checked.bytes);
    for (table, rows) in &checked.rows {
        println!("  {table}: {rows} rows");
    }
}

async fn run(cli: Cli) -> Result<(), StartupError> {
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let listener = app::bind(config.bind).await?;
            let metrics = match config.metrics_bind {
                Some(addr) => Some((addr, app::bind(addr).await?)),
                None => None,
            };
            let state = app::connect(&config).await?;
            let lock = app::hold_database(&state, &config).await?;
            app::prepare(&state, Some(config.demo_practitioners)).await?;
            app::take_back_jobs(&state, &lock).await?;
            let shutdown = CancellationToken::new();
            tokio::spawn(signal_shutdown(shutdown.clone()));
            if let Some((addr, listener)) = metrics {
                app::metrics::install();
                tracing::info!(address = %addr, "metrics on http://{addr}/metrics");
                tokio::spawn(app::metrics::serve(
                    listener,
                    state.clone(),
                    shutdown.clone(),
                ));
            }
            tracing::info!(address = %config.bind, "serving on http://{}", config.bind);
            app::serve(
                listener,
                state,
                Duration::from_secs(config.job_poll_seconds),
                app::ConnectionLimits::from_config(&config),
                shutdown,
            )
            .await;
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
            let n = seed::run(
                &state.db,
                &state.catalogue,
                state.rules.get(therapist_finder::i18n::Lang::english()),
                demo,
                false,
                &progress::bar("seeding"),
            )
            .await?;
            tracing::info!(demo_practitioners = n, "seeded");
        }
        Command::Admin {
            action: AdminAction::Create { email, password },
        } => {
            let password =
                match password {
                    Some(p) => p.expose().to_owned(),
                    None => rpassword::prompt_password(format!("Password for {email}: ")).map_err(
                        |e| StartupError::Reference(format!("cannot read the password: {e}")),
                    )?,
                };
            let state = ready(&config).await?;
            match accounts::create_admin(&state.db, &email, &password).await {
                Ok(admin) => println!(
                    "admin {} can now log in at {}/login",
                    admin.email, state.public_url
                ),
                Err(AccountError::Invalid(fields)) => {
                    let why: Vec<String> = fields
                        .into_iter()
                        .map(|(k, v)| format!("{k}: {v}"))
                        .collect();
                    return Err(StartupError::Reference(why.join("; ")));
                }
                Err(e) => return Err(StartupError::Reference(e.to_string())),
            }
        }
        Command::ImportRoster {
            jurisdiction,
            date,
            mapping,
            dry_run,
            confirm,
            max_invalid_share,
            max_missing_share,
            file,
        } => {
            let source = std::fs::File::open(&file).map_err(|e| {
                StartupError::Reference(format!("cannot read {}: {e}", file.display()))
            })?;
            let mapping = match mapping {
                Some(path) => Some(
                    std::fs::read_to_string(&path)
                        .map_err(|e| e.to_string())
                        .and_then(|text| {
                            toml::from_str::<roster::Mapping>(&text).map_err(|e| e.to_string())
                        })
                        .map_err(|e| {
                            StartupError::Reference(format!("mapping {}: {e}", path.display()))
                        })?,
                ),
                None => None,
            };
            let options = roster::ImportOptions {
                dry_run,
                confirm,
                max_invalid_share,
                max_missing_share,
            };
            let code = jurisdiction.to_uppercase();
            let state = ready(&config).await?;
            let mapping = match mapping {
                Some(m) => m,
                None => roster::mapping_for(&state.db, &code).await?,
            };
            let started = std::time::Instant::now();
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let date = date.unwrap_or_else(|| chrono::Utc::now().date_naive());
            let report = roster::import_with(
                &state.db,
                None,
                &code,
                &name,
                date,
                std::io::BufReader::new(source),
                &mapping,
                options,
                &progress::bar("importing"),
            )
            .await
            .map_err(|e| {
                StartupError::Reference(format!(
                    "nothing was imported: {e} (the mapping: --mapping FILE.toml, or /admin/rosters)"
                ))
            })?;
            if !report.applied {
                println!("dry run: nothing was applied; this roster would give");
            }
            println!(
                "rows read {}, other professions {}, matched {}, verified {}, conflicts {}, invalid {}, missing {} ({} ms)",
                report.rows_read,
                report.other_professions,
                report.matched,
                report.verified,
                report.conflicts,
                report.invalid_count,
                report.missing,
                started.elapsed().as_millis()
            );
            for (line, reason) in &report.invalid {
                println!("  line {line}: {reason}");
            }
            apply_index_jobs(&state).await?;
        }
        Command::Backup { file } => {
            let checked = backup::backup(config.database_url.expose(), &file)
                .await
                .map_err(|e| StartupError::Reference(e.to_string()))?;
            println!("backup written to {} and checked", file.display());
            print_checked(&checked);
        }
        Command::Restore { file } => {
            let snapshot = config.index_snapshot_path();
            let checked = backup::restore(config.database_url.expose(), &file, snapshot.as_deref())
                .await
                .map_err(|e| StartupError::Reference(e.to_string()))?;
            println!(
                "restored from {}; the next start builds the search index from it",
                file.display()
            );
            print_checked(&checked);
        }
        Command::Licences {
            action: LicenceAction::Expire,
        } => {
            let state = ready(&config).await?;
            let report = licences::expire_and_remind(
                &state.db,
                chrono::Utc::now().date_naive(),
                &state.public_url,
            )
            .await?;
            println!("expired {}, reminded {}", report.expired, report.reminded);
            apply_index_jobs(&state).await?;
        }
        Command::Reindex => {
            let state = app::connect(&config).await?;
            let n =
                app::rebuild_index_reporting(&state, Arc::new(progress::bar("indexing"))).await?;
            tracing::info!(documents = n, "reindexed");
            if let Some(replica) = &state.replica {
                match replica.save().await? {
                    Some(_) => tracing::info!("index snapshot saved for the next start"),
                    None => tracing::info!(
                        "the embedded index lives in the server; with no snapshot path, this rebuild changed nothing it uses"
                    ),
                }
            }
        }
    }
    Ok(())
}

/// Connects, migrates and loads reference data (jurisdictions, modalities, regions),
/// for commands that work on a directory that may have just been created.
async fn ready(config: &Config) -> Result<AppState, StartupError> {
    let state = app::connect(config).await?;
    db::migrate(&state.db).await?;
    seed::run(
        &state.db,
        &state.catalogue,
        state.rules.get(therapist_finder::i18n::Lang::english()),
        None,
        false,
        &Silent,
    )
    .await?;
    Ok(state)
}

/// Applies the re-index jobs a command queued, when the index is one the server shares
/// (Meilisearch). The embedded index lives inside the server, so there the jobs stay
/// queued for the running server's worker (or its next start) to apply.
async fn apply_index_jobs(state: &AppState) -> Result<(), StartupError> {
    if state.search.is_shared() {
        practitioners::indexing::run_due(&state.db, state.search.clone()).await?;
    } else {
        let queued = jobs::unfinished(&state.db).await?;
        if queued > 0 {
            println!("{queued} search updates are queued for the running server");
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
