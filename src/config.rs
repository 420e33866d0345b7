//! Configuration: the only place that reads the environment. Every setting is a clap
//! argument with an `env` fallback, so `--help` documents them all.

use std::{fmt, net::SocketAddr, path::PathBuf};

use clap::{Args, Parser, Subcommand};
use url::Url;

/// The command line of the one binary.
#[derive(Debug, Parser)]
#[command(
    name = "therapist-finder",
    version,
    about = "Find clinically trained, licensed massage therapists."
)]
pub struct Cli {
    /// Settings shared by every subcommand.
    #[command(flatten)]
    pub config: Config,
    /// What to do; with none, set everything up on first run and serve.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Migrate, seed when empty, build the search index and serve (the default).
    Serve,
    /// Apply pending database migrations.
    Migrate,
    /// Load reference data (modalities, regions, jurisdictions) and optionally demo practitioners.
    Seed {
        /// Also generate this many deterministic demo practitioners.
        #[arg(long)]
        demo: Option<u32>,
    },
    /// Rebuild the search index from the database (the embedded index: and save its
    /// snapshot, which the next start restores).
    Reindex,
    /// Manage admins.
    Admin {
        /// What to do.
        #[command(subcommand)]
        action: AdminAction,
    },
    /// Import a state board's licensee roster (CSV) through the state's column mapping.
    ImportRoster {
        /// Jurisdiction code, e.g. TX.
        #[arg(long)]
        jurisdiction: String,
        /// The roster's date (YYYY-MM-DD); today when omitted.
        #[arg(long)]
        date: Option<chrono::NaiveDate>,
        /// A TOML file describing the file's layout (the fields of a
        /// `[jurisdictions.roster]` table in seed/jurisdictions.toml); without it, the
        /// mapping saved on /admin/rosters, else the board's shipped layout.
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// Show what the roster would verify, flag and mark missing; apply nothing.
        #[arg(long)]
        dry_run: bool,
        /// Apply even if the roster would flag an unusual share of verified licences
        /// as missing.
        #[arg(long)]
        confirm: bool,
        /// The largest share of unreadable rows before nothing is applied (0–1).
        #[arg(long, default_value_t = 0.02, value_parser = share)]
        max_invalid_share: f64,
        /// The largest share of verified licences flagged missing without --confirm (0–1).
        #[arg(long, default_value_t = 0.10, value_parser = share)]
        max_missing_share: f64,
        /// The CSV file.
        file: PathBuf,
    },
    /// Write a consistent, checked copy of the SQLite database to FILE while servers
    /// keep using it; prints its size and rows per table.
    Backup {
        /// The new file.
        file: PathBuf,
    },
    /// Put a backup in place of the SQLite database: checks FILE, refuses while a server
    /// runs on the database, and removes the index snapshot so the next start builds it.
    Restore {
        /// The backup.
        file: PathBuf,
    },
    /// Licence lifecycle tasks.
    Licences {
        /// What to do.
        #[command(subcommand)]
        action: LicenceAction,
    },
}

/// `admin` subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum AdminAction {
    /// Create an admin (or make an existing user one). The password is read from a
    /// prompt, or from `ADMIN_PASSWORD` for scripts.
    Create {
        /// The admin's email.
        #[arg(long)]
        email: String,
        /// The password; prompted for when unset.
        #[arg(long, env = "ADMIN_PASSWORD", hide_env_values = true)]
        password: Option<Secret>,
    },
}

/// `licences` subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum LicenceAction {
    /// Expire verified licences past their date and send 30-day reminders (also runs hourly in `serve`).
    Expire,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// For people: one line of text per event, coloured only on a terminal.
    Text,
    /// For machines: one JSON object per line.
    Json,
}

/// Settings read from flags or the environment.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Database URL: `sqlite://path?mode=rwc` (default, created on first run) or `postgres://…`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/therapist-finder.db?mode=rwc",
        global = true
    )]
    pub database_url: DatabaseUrl,

    /// Address and port the web server listens on.
    #[arg(long, env = "BIND", default_value = "127.0.0.1:8080", global = true)]
    pub bind: SocketAddr,

    /// Meilisearch base URL (http or https). When unset, the embedded in-process index is used.
    #[arg(long, env = "MEILI_URL", value_parser = parse_http_url, global = true)]
    pub meili_url: Option<Url>,

    /// Meilisearch master or API key.
    #[arg(long, env = "MEILI_MASTER_KEY", hide_env_values = true, global = true)]
    pub meili_master_key: Option<Secret>,

    /// Keep the embedded index as one replica among several: each server keeps its own,
    /// following the database's index change log, so any number of servers can share
    /// one PostgreSQL database. Without it, a server with the embedded index holds its
    /// database alone. Not with `MEILI_URL`, whose index is shared.
    #[arg(
        long,
        env = "INDEX_REPLICA",
        conflicts_with = "meili_url",
        global = true
    )]
    pub index_replica: bool,

    /// Where the embedded index is saved, so a restart restores it instead of building it
    /// from the database. Default: beside a SQLite database file (`<file>.index`); none
    /// with PostgreSQL unless set (give each server its own).
    #[arg(long, env = "INDEX_SNAPSHOT", global = true)]
    pub index_snapshot: Option<PathBuf>,

    /// Prefix for Meilisearch index names, so several deployments can share one server.
    #[arg(long, env = "MEILI_INDEX_PREFIX", default_value = "", global = true)]
    pub meili_index_prefix: String,

    /// Questionnaire rules file; the built-in `seed/questionnaire.toml` when unset.
    #[arg(long, env = "QUESTIONNAIRE_FILE", global = true)]
    pub questionnaire_file: Option<PathBuf>,

    /// The site's public address, used in links sent by mail; https makes cookies Secure.
    #[arg(long, env = "PUBLIC_URL", default_value = "http://127.0.0.1:8080", value_parser = parse_http_url, global = true)]
    pub public_url: Url,

    /// SMTP server for outgoing mail, e.g. `smtps://user:pass@mail.example.com`. When
    /// unset, mail stays in the database outbox and is printed to the log.
    #[arg(long, env = "SMTP_URL", hide_env_values = true, global = true)]
    pub smtp_url: Option<Secret>,

    /// Sender address of outgoing mail.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "Clinical Therapist Finder <no-reply@localhost>",
        global = true
    )]
    pub mail_from: String,

    /// Ranking weights file; the built-in `seed/ranking.toml` when unset.
    #[arg(long, env = "RANKING_FILE", global = true)]
    pub ranking_file: Option<PathBuf>,

    /// How many demo practitioners to generate when the directory is empty at start-up.
    #[arg(
        long,
        env = "DEMO_PRACTITIONERS",
        default_value_t = 2000,
        global = true
    )]
    pub demo_practitioners: u32,

    /// How many proxies in front of the app append the client's address to
    /// `X-Forwarded-For` (0: use the connecting address). Rate limits count per client
    /// address, so set this behind a load balancer; never set it without one.
    #[arg(long, env = "TRUSTED_PROXY_HOPS", default_value_t = 0, global = true)]
    pub trusted_proxy_hops: u8,

    /// Seconds a connection may stay open with no byte moving either way (an idle
    /// keep-alive or HTTP/2 connection, a download nobody reads) before it is closed.
    /// A new connection must send its first bytes within the header deadline (10 s),
    /// or this, whichever is shorter.
    #[arg(long, env = "CONNECTION_IDLE_SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600), global = true)]
    pub connection_idle_seconds: u64,

    /// Connections served at once; past it, new ones wait in the listen queue until
    /// one closes (logged once each time the cap is reached). Keep it well under the
    /// process's open-file limit.
    #[arg(long, env = "MAX_CONNECTIONS", default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..=1_000_000), global = true)]
    pub max_connections: u64,

    /// Seconds between polls of the background job queue.
    #[arg(long, env = "JOB_POLL_SECONDS", default_value_t = 1, global = true)]
    pub job_poll_seconds: u64,

    /// A street-map tile server, as a URL template with `{z}`, `{x}` and `{y}` (for
    /// example `https://tile.example.org/{z}/{x}/{y}.png`). When set, pages with
    /// JavaScript turn the drawn map beside results into a street map from these tiles;
    /// when unset, the drawn map is all there is, and no request leaves the site.
    #[arg(long, env = "MAP_TILES_URL", value_parser = parse_tiles_url, global = true)]
    pub map_tiles_url: Option<TilesUrl>,

    /// The attribution the tile server's licence asks for, shown on the street map.
    #[arg(long, env = "MAP_TILES_ATTRIBUTION", default_value = "", global = true)]
    pub map_tiles_attribution: String,

    /// A folder where the server takes its own backups of a SQLite database, every
    /// `BACKUP_EVERY`, keeping the newest `BACKUP_KEEP`. Unset: no scheduled backups.
    #[arg(long, env = "BACKUP_DIR", global = true)]
    pub backup_dir: Option<PathBuf>,

    /// How often the server takes a backup into `BACKUP_DIR`: a number of hours or
    /// minutes, such as `24h` or `30m`.
    #[arg(long, env = "BACKUP_EVERY", default_value = "24h", value_parser = parse_every, global = true)]
    pub backup_every: std::time::Duration,

    /// How many of its backups the server keeps in `BACKUP_DIR`.
    #[arg(long, env = "BACKUP_KEEP", default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..=1000), global = true)]
    pub backup_keep: u32,

    /// Address and port of the Prometheus metrics (`GET /metrics`), apart from the site
    /// so that a load balancer never exposes them. Unset: no metrics.
    #[arg(long, env = "METRICS_BIND", global = true)]
    pub metrics_bind: Option<SocketAddr>,

    /// How log lines are written: `text` (colours only on a terminal) or `json`, one
    /// object a line, for a log collector.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,

    /// Log filter, in `tracing_subscriber::EnvFilter` syntax.
    #[arg(
        long,
        env = "RUST_LOG",
        default_value = "info,sqlx=warn,sea_orm=warn",
        global = true
    )]
    pub log: String,
}

impl Config {
    /// A configuration with every default, for tests and tools that build one in code.
    pub fn defaults() -> Self {
        Cli::parse_from(["therapist-finder"]).config
    }

    /// Where the embedded index's snapshot is kept: `INDEX_SNAPSHOT`, or beside a
    /// SQLite database file.
    pub fn index_snapshot_path(&self) -> Option<PathBuf> {
        self.index_snapshot.clone().or_else(|| {
            sqlite_file(self.database_url.expose()).map(|f| f.with_added_extension("index"))
        })
    }
}

/// An interval as `24h` or `30m`: from 1 minute to 1000 hours.
fn parse_every(raw: &str) -> Result<std::time::Duration, String> {
    let raw = raw.trim();
    let (number, minutes_each) = if let Some(n) = raw.strip_suffix('h') {
        (n, 60)
    } else if let Some(n) = raw.strip_suffix('m') {
        (n, 1)
    } else {
        return Err("write hours or minutes, such as 24h or 30m".into());
    };
    match number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(minutes_each))
    {
        Some(minutes) if (1..=60_000).contains(&minutes) => {
            Ok(std::time::Duration::from_secs(minutes * 60))
        }
        _ => Err("write from 1m to 1000h, such as 24h or 30m".into()),
    }
}

/// The file of a SQLite database URL, if it names one (not an in-memory database).
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let (path, options) = rest.split_once('?').unwrap_or((rest, ""));
    let in_memory =
        path.is_empty() || path == ":memory:" || options.split('&').any(|o| o == "mode=memory");
    (!in_memory).then(|| PathBuf::from(path))
}

/// A tile server's URL template and the origin its images come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TilesUrl {
    /// The template, `{z}`, `{x}` and `{y}` included.
    pub template: String,
    /// `https://host[:port]`, for the Content-Security-Policy.
    pub origin: String,
}

fn parse_tiles_url(raw: &str) -> Result<TilesUrl, String> {
    let raw = raw.trim();
    if !["{z}", "{x}", "{y}"].iter().all(|p| raw.contains(p)) {
        return Err("expected a URL template with {z}, {x} and {y}".to_owned());
    }
    if raw.contains(['"', '\'', '<', '>', ' ', ';']) {
        return Err("the template has a character a URL cannot hold".to_owned());
    }
    let example = raw
        .replace("{z}", "0")
        .replace("{x}", "0")
        .replace("{y}", "0")
        .replace("{s}", "a")
        .replace("{r}", "");
    let url = parse_http_url(&example)?;
    Ok(TilesUrl {
        template: raw.to_owned(),
        origin: url.origin().ascii_serialization(),
    })
}

fn parse_http_url(raw: &str) -> Result<Url, String> {
    let url = Url::parse(raw).map_err(|e| format!("not a URL ({e})"))?;
    match url.scheme() {
        "http" | "https" if url.host().is_some() => Ok(url),
        _ => Err("expected an http:// or https:// URL with a host".to_owned()),
    }
}

/// A database URL whose password never appears in `Debug` output or logs.
#[derive(Clone)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    /// The URL with its password, for the one place that connects.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match Url::parse(&self.0) {
            Ok(mut url) => {
                if url.password().is_some() {
                    let _ = url.set_password(Some("***"));
                }
                write!(f, "DatabaseUrl({url})")
            }
            Err(_) => f.write_str("DatabaseUrl(***)"),
        }
    }
}

impl From<String> for DatabaseUrl {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl std::str::FromStr for DatabaseUrl {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

/// A secret string that never appears in `Debug` output or logs.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    /// The secret value, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

/// A share from 0 to 1 (`0.05` is 5%); anything else, `NaN` included, is refused.
fn share(text: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| (0.0..=1.0).contains(v))
        .ok_or_else(|| format!("`{text}` is not a share from 0 to 1 (0.05 is 5%)"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn backup_intervals_read_hours_and_minutes() {
        assert_eq!(
            parse_every("24h"),
            Ok(std::time::Duration::from_secs(86_400))
        );
        assert_eq!(
            parse_every(" 30m "),
            Ok(std::time::Duration::from_secs(1_800))
        );
        for bad in [
            "",
            "24",
            "0h",
            "1001h",
            "-1h",
            "1.5h",
            "h",
            "18446744073709551615h",
            "1d",
        ] {
            assert!(parse_every(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_index_snapshot_sits_beside_a_sqlite_file_unless_placed() {
        let with = |url: &str, snapshot: Option<&str>| {
            let mut config = Config::defaults();
            config.database_url = url.to_owned().into();
            config.index_snapshot = snapshot.map(PathBuf::from);
            config.index_snapshot_path()
        };
        assert_eq!(
            Config::defaults().index_snapshot_path(),
            Some(PathBuf::from("data/therapist-finder.db.index"))
        );
        assert_eq!(
            with("sqlite:/srv/tf.db?mode=rwc", None),
            Some(PathBuf::from("/srv/tf.db.index"))
        );
        for no_file in [
            "sqlite::memory:",
            "sqlite://tf.db?mode=memory&cache=shared",
            "postgres://db/tf",
        ] {
            assert_eq!(with(no_file, None), None, "{no_file}");
        }
        assert_eq!(
            with("postgres://db/tf", Some("/var/lib/tf/index")),
            Some(PathBuf::from("/var/lib/tf/index"))
        );
    }

    #[test]
    fn parses_subcommands_and_overrides() {
        let cli = Cli::try_parse_from([
            "therapist-finder",
            "--bind",
            "0.0.0.0:9000",
            "seed",
            "--demo",
            "10",
        ])
        .expect("parses");
        assert_eq!(cli.config.bind.port(), 9000);
        assert!(matches!(
            cli.command,
            Some(Command::Seed { demo: Some(10) })
        ));
        let cli = Cli::try_parse_from([
            "therapist-finder",
            "import-roster",
            "--jurisdiction",
            "TX",
            "--date",
            "2026-11-01",
            "tx.csv",
        ])
        .expect("parses");
        assert!(
            matches!(cli.command, Some(Command::ImportRoster { ref jurisdiction, .. }) if jurisdiction == "TX")
        );
        for bad in ["NaN", "1.5", "-0.1", "inf", "five"] {
            assert!(
                Cli::try_parse_from([
                    "therapist-finder",
                    "import-roster",
                    "--jurisdiction",
                    "TX",
                    "--max-invalid-share",
                    bad,
                    "tx.csv",
                ])
                .is_err(),
                "{bad}"
            );
        }
        let cli = Cli::try_parse_from(["therapist-finder", "licences", "expire"]).expect("parses");
        assert!(matches!(
            cli.command,
            Some(Command::Licences {
                action: LicenceAction::Expire
            })
        ));
        let cli = Cli::try_parse_from([
            "therapist-finder",
            "admin",
            "create",
            "--email",
            "a@example.com",
        ])
        .expect("parses");
        assert!(matches!(
            cli.command,
            Some(Command::Admin {
                action: AdminAction::Create { .. }
            })
        ));
    }

    #[test]
    fn a_tile_server_is_a_template_with_an_origin() {
        let tiles =
            parse_tiles_url("https://tile.example.org:8443/{z}/{x}/{y}.png?key=k").expect("parses");
        assert_eq!(tiles.origin, "https://tile.example.org:8443");
        for bad in [
            "https://tile.example.org/{z}/{x}.png",
            "ftp://tile.example.org/{z}/{x}/{y}.png",
            "https://tile.example.org/{z}/{x}/{y}.png'; script-src *",
            "/{z}/{x}/{y}.png",
        ] {
            assert!(parse_tiles_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rejects_malformed_meili_url() {
        let err = Cli::try_parse_from(["therapist-finder", "--meili-url", "localhost:7700"])
            .expect_err("a URL without http scheme is refused");
        assert!(err.to_string().contains("--meili-url"));
    }

    #[test]
    fn database_password_is_redacted_in_debug() {
        let cli = Cli::try_parse_from([
            "therapist-finder",
            "--database-url",
            "postgres://app:hunter2@db.example/directory",
        ])
        .expect("parses");
        let shown = format!("{cli:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("app:***@db.example"), "{shown}");
        assert_eq!(
            cli.config.database_url.expose(),
            "postgres://app:hunter2@db.example/directory"
        );
    }

    #[test]
    fn secret_is_redacted_in_debug() {
        let secret: Secret = "hunter2".parse().expect("infallible");
        assert_eq!(format!("{secret:?}"), "Secret(***)");
    }
}
