//! Test support: `TestApp::spawn()`, builders and helpers.

pub mod browser;
pub mod builders;
pub mod visitor;

use std::{
    sync::atomic::{AtomicU32, Ordering},
    time::Duration,
};

use sea_orm::{ConnectionTrait, Database};
use therapist_finder::{
    app::{self, AppState},
    config::{Config, Secret},
    practitioners,
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
    shutdown: CancellationToken,
    _dir: tempfile::TempDir,
}

impl TestApp {
    /// A configuration for a fresh database and index.
    pub async fn config(dir: &tempfile::TempDir) -> Config {
        let mut config = Config::defaults();
        config.database_url = match postgres_base_url() {
            Some(base) => fresh_postgres_database(&base).await,
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
        let state = app::connect(&config).await.expect("connect");
        app::prepare(&state, None).await.expect("prepare");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = format!("http://{}", listener.local_addr().expect("addr"));
        let shutdown = CancellationToken::new();
        tokio::spawn(app::serve(
            listener,
            state.clone(),
            Duration::from_secs(3600),
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
            shutdown,
            _dir: dir,
        }
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

    /// Runs every due job now, as the worker would.
    pub async fn run_pending_jobs(&self) {
        let report = practitioners::indexing::run_due(&self.state.db, self.state.search.clone())
            .await
            .expect("jobs run");
        assert_eq!(report.failed, 0, "a job failed");
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}
