//! Test support: `TestApp::spawn()`, builders and helpers.

pub mod browser;
pub mod builders;
pub mod smtp;
pub mod visitor;

use std::{
    sync::atomic::{AtomicU32, Ordering},
    time::Duration,
};

use sea_orm::{ConnectionTrait, Database};
use therapist_finder::{
    app::{self, AppState},
    config::{Config, Secret},
    db, jobs, practitioners,
};
use tokio_util::sync::CancellationToken;

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A unique name fragment for this process and test.
pub fn unique(prefix: &str) -> String {
    format!(
        "{prefix}{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        chrono::Utc::now().timestamp_micros() % 1_000_000
    )
}

/// The PostgreSQL server used for per-test databases, when configured.
pub fn postgres_base_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|s| !s.is_empty())
}

/// Creates a fresh PostgreSQL database on the server of `base` and returns its URL.
pub async fn fresh_postgres_database(base: &str) -> String {
    let admin = Database::connect(base)
        .await
        .expect("connect to TEST_DATABASE_URL");
    let name = unique("tf_test_");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    admin.close().await.ok();
    let (server, _) = base.rsplit_once('/').expect("database URL has a path");
    format!("{server}/{name}")
}

/// A running application on a random port.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub address: String,
    /// The state the server runs with.
    pub state: AppState,
    /// An HTTP client that keeps cookies.
    pub client: reqwest::Client,
    /// The database the server runs on, for command-line tools run against it.
    pub database_url: String,
    config: Config,
    shutdown: CancellationToken,
    server: Option<tokio::task::JoinHandle<()>>,
    lock: Option<db::ServerLock>,
    dir: Option<tempfile::TempDir>,
}

/// A stopped test server's configuration and files, to start it again.
pub struct Stopped {
    /// The database it ran on.
    pub database_url: String,
    /// Its configuration.
    pub config: Config,
    dir: tempfile::TempDir,
}

impl Stopped {
    /// The embedded index's snapshot, which the server must have saved when it stopped.
    pub fn saved_snapshot(&self) -> std::path::PathBuf {
        let path = self.config.index_snapshot_path().expect("a snapshot path");
        assert!(path.exists(), "saved at shutdown: {}", path.display());
        path
    }

    /// Starts a server again on the same database and files.
    pub async fn start(self) -> TestApp {
        TestApp::start(self.config, self.dir).await
    }
}

impl TestApp {
    /// A configuration for a fresh database and index.
    pub async fn config(dir: &tempfile::TempDir) -> Config {
        let mut config = Config::defaults();
        config.database_url = match postgres_base_url() {
            Some(base) => {
                // Beside a SQLite file the snapshot has a default place; here it is given.
                config.index_snapshot = Some(dir.path().join("index.snapshot"));
                fresh_postgres_database(&base).await
            }
            None => format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display()),
        }
        .into();
        if let Ok(url) = std::env::var("TEST_MEILI_URL") {
            config.meili_url = Some(url.parse().expect("TEST_MEILI_URL is a URL"));
            config.meili_master_key = std::env::var("TEST_MEILI_KEY").ok().map(Secret::from);
            config.meili_index_prefix = unique("t");
        }
        config
    }

    /// Starts the app with reference data and no practitioners.
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// Starts the app with a configuration changed by `adjust` first.
    pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Self::config(&dir).await;
        adjust(&mut config);
        Self::start(config, dir).await
    }

    async fn start(config: Config, dir: tempfile::TempDir) -> Self {
        let database_url = config.database_url.expose().to_owned();
        let state = app::connect(&config).await.expect("connect");
        let lock = app::hold_database(&state, &config)
            .await
            .expect("no server with a private index on this database");
        app::prepare(&state, None).await.expect("prepare");
        app::take_back_jobs(&state, &lock)
            .await
            .expect("take back abandoned jobs");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = format!("http://{}", listener.local_addr().expect("addr"));
        let shutdown = CancellationToken::new();
        let server = tokio::spawn(app::serve(
            listener,
            state.clone(),
            Duration::from_secs(3600),
            app::ConnectionLimits::from_config(&config),
            shutdown.clone(),
        ));
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Self {
            address,
            state,
            client,
            database_url,
            config,
            shutdown,
            server: Some(server),
            lock: Some(lock),
            dir: Some(dir),
        }
    }

    /// Stops the server as a signal would (it finishes its work and saves what it
    /// saves at shutdown) and keeps its database and files for [`Stopped::start`].
    pub async fn stop(mut self) -> Stopped {
        self.shutdown.cancel();
        if let Some(server) = self.server.take() {
            server.await.expect("the server stops");
        }
        drop(self.lock.take());
        Stopped {
            database_url: self.database_url.clone(),
            config: self.config.clone(),
            dir: self.dir.take().expect("files kept"),
        }
    }

    /// Adds `count` deterministic demo practitioners and rebuilds the index.
    pub async fn seed_demo(&self, count: u32) {
        therapist_finder::seed::run(
            &self.state.db,
            &self.state.catalogue,
            self.state.rules.current(),
            Some(count),
            false,
            &therapist_finder::progress::Silent,
        )
        .await
        .expect("demo seed");
        app::rebuild_index(&self.state).await.expect("reindex");
    }

    /// Starts a server that keeps its own embedded index as a replica (`INDEX_REPLICA`),
    /// on a fresh database, or beside `peer` on its database.
    pub async fn spawn_replica(peer: Option<&TestApp>) -> Self {
        let database_url = peer.map(|p| p.database_url.clone());
        Self::spawn_with(move |config| {
            config.index_replica = true;
            config.meili_url = None;
            if let Some(url) = database_url {
                config.database_url = url.into();
            }
        })
        .await
    }

    /// The absolute URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// GETs a path.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    /// Runs every due job now, as the worker would, and with the embedded index applies
    /// the change log as its follower would.
    pub async fn run_pending_jobs(&self) {
        let report = match &self.state.replica {
            Some(replica) => {
                replica.catch_up().await.expect("changes applied");
                jobs::run_due(&self.state.db, &practitioners::indexing::CarriedByChangeLog).await
            }
            None => {
                practitioners::indexing::run_due(&self.state.db, self.state.search.clone()).await
            }
        }
        .expect("jobs run");
        assert_eq!(report.failed, 0, "a job failed");
    }
}

impl TestApp {
    /// Jobs not yet done: pending, running or failed.
    async fn unfinished_jobs(database_url: &str) -> u64 {
        let db = Database::connect(database_url).await.expect("connect");
        let rows = db
            .query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM jobs WHERE status <> 'done'",
            ))
            .await
            .expect("count jobs")
            .expect("a row");
        let n: i64 = rows.try_get("", "n").expect("n");
        db.close().await.ok();
        u64::try_from(n).unwrap_or_default()
    }
}

impl Drop for TestApp {
    /// Stops the server and checks the job queue: every job a test caused must have
    /// been run, and have succeeded. A server stopped to be started again leaves that
    /// to the server started after it.
    fn drop(&mut self) {
        self.shutdown.cancel();
        if std::thread::panicking() || self.dir.is_none() {
            return;
        }
        let url = self.database_url.clone();
        let left = std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime")
                .block_on(Self::unfinished_jobs(&url))
        })
        .join()
        .expect("job check");
        assert_eq!(
            left, 0,
            "the test ended with {left} unfinished job(s): run them (run_pending_jobs) and check their effect"
        );
    }
}

/// One connection to a stopped server's database with the migration `name` and every
/// later one undone; returns the connection and how many were undone. One connection,
/// so every step of the rollback and of the re-application sees the schema the step
/// before it left.
pub async fn rolled_back_before(
    stopped: &Stopped,
    name: &str,
) -> (sea_orm::DatabaseConnection, usize) {
    use migration::{Migrator, MigratorTrait};
    let db = sea_orm::Database::connect(
        sea_orm::ConnectOptions::new(stopped.database_url.clone())
            .max_connections(1)
            .min_connections(1)
            .to_owned(),
    )
    .await
    .expect("connect");
    let undone = Migrator::migrations()
        .iter()
        .rev()
        .take_while(|m| m.name() != name)
        .count()
        + 1;
    Migrator::down(&db, Some(u32::try_from(undone).expect("few")))
        .await
        .expect("down");
    (db, undone)
}
