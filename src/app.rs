//! Application state, start-up and router assembly: everything `main` and the tests
//! share to run the server.

use std::{
    net::SocketAddr,
    sync::{Arc, OnceLock},
    time::Duration,
};

use axum::{Router, extract::Request, http::StatusCode, middleware};
use chrono::Utc;
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower_http::{
    timeout::{RequestBodyDeadlineLayer, TimeoutLayer},
    trace::TraceLayer,
};

use crate::{
    accounts, api, auth,
    config::Config,
    db,
    geocoding::{Geocoder, gazetteer::Gazetteer},
    jobs,
    mail::{self, Mailer},
    matching::{Rules, Weights, rank::BUILT_IN_WEIGHTS},
    practitioners,
    progress::{Progress, Silent},
    reference::Catalogue,
    search::{SearchIndex, embedded::EmbeddedIndex, meilisearch::MeiliIndex},
    seed, web,
};

/// Shared, cheaply clonable state of every request.
#[derive(Clone)]
pub struct AppState {
    /// The database, the source of truth.
    pub db: DatabaseConnection,
    /// The search backend.
    pub search: Arc<dyn SearchIndex>,
    /// The geocoder.
    pub geocoder: Arc<dyn Geocoder>,
    /// Parsed templates.
    pub templates: Arc<tera::Tera>,
    /// The clinical rules.
    pub rules: Arc<Rules>,
    /// Ranking weights.
    pub weights: Arc<Weights>,
    /// Reference data.
    pub catalogue: Arc<Catalogue>,
    /// Outgoing mail.
    pub mailer: Mailer,
    /// The public base URL, without a trailing slash, for links in mail.
    pub public_url: Arc<str>,
    /// Whether cookies are marked Secure and `__Host-` (the public URL is https).
    pub secure_cookies: bool,
    /// Proxies in front of the app trusted to append to `X-Forwarded-For`.
    pub trusted_proxy_hops: usize,
    /// The key CSRF tokens are derived from; loaded from the database by [`prepare`].
    pub csrf_key: Arc<OnceLock<[u8; 32]>>,
}

/// Why the application could not start; each renders as one line.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// The database is unreachable or refused a statement.
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    /// The search backend is unreachable.
    #[error("{0}")]
    Search(#[from] crate::search::SearchError),
    /// The rules file is wrong.
    #[error("{0}")]
    Rules(#[from] crate::matching::RulesError),
    /// A template does not parse.
    #[error("templates: {0:?}")]
    Templates(#[from] tera::Error),
    /// Reference data does not parse.
    #[error("{0}")]
    Reference(String),
    /// The address cannot be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
}

/// Loads the rules file named in the configuration, or the built-in one.
pub fn load_rules(config: &Config, catalogue: &Catalogue) -> Result<Rules, StartupError> {
    let source = match &config.questionnaire_file {
        Some(path) => std::fs::read_to_string(path).map_err(|e| {
            StartupError::Reference(format!("questionnaire rules {}: {e}", path.display()))
        })?,
        None => crate::matching::rules::BUILT_IN.to_owned(),
    };
    let modalities: Vec<&str> = catalogue.modality_slugs().collect();
    Ok(Rules::load(&source, &modalities)?)
}

/// Loads the ranking weights named in the configuration, or the built-in ones.
pub fn load_weights(config: &Config) -> Result<Weights, StartupError> {
    let source = match &config.ranking_file {
        Some(path) => std::fs::read_to_string(path).map_err(|e| {
            StartupError::Reference(format!("ranking weights {}: {e}", path.display()))
        })?,
        None => BUILT_IN_WEIGHTS.to_owned(),
    };
    Weights::load(&source).map_err(StartupError::Reference)
}

/// Connects to every dependency and loads reference content; does not touch data.
pub async fn connect(config: &Config) -> Result<AppState, StartupError> {
    let catalogue = Catalogue::built_in().map_err(StartupError::Reference)?;
    let rules = load_rules(config, &catalogue)?;
    let weights = load_weights(config)?;
    let templates = web::templates::load()?;
    let mailer = match &config.smtp_url {
        Some(url) => {
            Mailer::smtp(url.expose(), &config.mail_from).map_err(StartupError::Reference)?
        }
        None => Mailer::Log,
    };
    let db = db::connect(config.database_url.expose()).await?;
    let search: Arc<dyn SearchIndex> = match &config.meili_url {
        Some(url) => Arc::new(MeiliIndex::new(
            url.as_str(),
            config.meili_master_key.as_ref().map(|k| k.expose()),
            &config.meili_index_prefix,
        )?),
        None => Arc::new(EmbeddedIndex::new()),
    };
    Ok(AppState {
        db,
        search,
        geocoder: Arc::new(Gazetteer::new()),
        templates: Arc::new(templates),
        rules: Arc::new(rules),
        weights: Arc::new(weights),
        catalogue: Arc::new(catalogue),
        mailer,
        public_url: config.public_url.as_str().trim_end_matches('/').into(),
        secure_cookies: config.public_url.scheme() == "https",
        trusted_proxy_hops: usize::from(config.trusted_proxy_hops),
        csrf_key: Arc::new(OnceLock::new()),
    })
}

/// Migrates, loads reference data (and demo data into an empty directory when
/// `demo` is set), then brings the search index up to date.
pub async fn prepare(state: &AppState, demo: Option<u32>) -> Result<(), StartupError> {
    db::migrate(&state.db).await?;
    let key = accounts::keys::load_or_create(&state.db, accounts::keys::CSRF).await?;
    let _ = state.csrf_key.set(key);
    seed::run(
        &state.db,
        &state.catalogue,
        &state.rules,
        demo,
        true,
        &Silent,
    )
    .await?;
    if state.search.prepare().await? {
        rebuild_index(state).await?;
    }
    Ok(())
}

/// Rebuilds the whole index from the database.
pub async fn rebuild_index(state: &AppState) -> Result<usize, StartupError> {
    rebuild_index_reporting(state, Arc::new(Silent)).await
}

/// Rebuilds the whole index from the database, reporting documents read to `progress`.
pub async fn rebuild_index_reporting(
    state: &AppState,
    progress: Arc<dyn Progress>,
) -> Result<usize, StartupError> {
    let started = std::time::Instant::now();
    // Reading the database and filling the index run side by side, a few pages apart.
    let (feed, pages) = tokio::sync::mpsc::channel(2);
    let reader = tokio::spawn(practitioners::feed_documents(
        state.db.clone(),
        Utc::now().date_naive(),
        feed,
        progress,
    ));
    let built = state.search.rebuild_from(pages).await;
    reader
        .await
        .map_err(|e| sea_orm::DbErr::Custom(format!("reading documents: {e}")))??;
    let count = built?;
    tracing::info!(
        backend = state.search.backend(),
        documents = count,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "search index built"
    );
    Ok(count)
}

/// The longest any request may take before it answers 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest a request body may take to arrive, however slowly it trickles.
pub const BODY_DEADLINE: Duration = Duration::from_secs(20);

/// Every route the site serves, pages and API, with who may use each.
pub fn route_list() -> Vec<auth::RouteInfo> {
    let mut all = web::routes().listed().to_vec();
    all.extend_from_slice(api::routes().listed());
    all
}

/// The whole router: pages, API, error pages, identity, security headers and tracing.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(web::routes().into_router())
        .nest("/api", api::router())
        .fallback(web::errors::show_not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::identify,
        ))
        .layer(middleware::map_response_with_state(
            state.clone(),
            web::errors::render_error_pages,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::headers::add_security_headers,
        ))
        // A request that takes too long answers 503; a body that trickles in is cut off.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(RequestBodyDeadlineLayer::new(BODY_DEADLINE))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
            // The path only: query strings can carry questionnaire answers (health data).
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
        }))
        .with_state(state)
}

/// Binds the configured address, with a one-line error when it is taken.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, StartupError> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| StartupError::Bind { addr, source })
}

/// Serves on `listener`, with the job worker, until `shutdown` is cancelled.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    job_poll: Duration,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    let worker = tokio::spawn(jobs::worker(
        state.db.clone(),
        Arc::new(practitioners::indexing::Reindexer::new(
            state.db.clone(),
            state.search.clone(),
        )),
        job_poll,
        shutdown.clone(),
    ));
    let mailer = tokio::spawn(mail_worker(
        state.db.clone(),
        state.mailer.clone(),
        job_poll,
        shutdown.clone(),
    ));
    let expiry = tokio::spawn(expiry_worker(state.clone(), job_poll, shutdown.clone()));
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    let result = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown.clone().cancelled_owned())
        .await;
    shutdown.cancel();
    for (name, task) in [
        ("job worker", worker),
        ("mail worker", mailer),
        ("expiry worker", expiry),
    ] {
        if let Err(e) = task.await {
            tracing::error!(task = name, error = %e, "background task ended abnormally");
        }
    }
    result
}

/// Delivers the mail outbox until `shutdown` is cancelled.
async fn mail_worker(
    db: DatabaseConnection,
    mailer: Mailer,
    poll: Duration,
    shutdown: CancellationToken,
) {
    loop {
        if let Err(e) = mail::deliver_pending(&db, &mailer).await {
            tracing::error!(error = %e, "mail delivery pass failed");
        }
        tokio::select! {
            () = shutdown.cancelled() => return,
            () = tokio::time::sleep(poll) => {}
        }
    }
}

/// Runs the licence expiry and reminders shortly after start-up and then hourly.
async fn expiry_worker(state: AppState, first_run_after: Duration, shutdown: CancellationToken) {
    tokio::select! {
        () = shutdown.cancelled() => return,
        () = tokio::time::sleep(first_run_after) => {}
    }
    loop {
        let today = Utc::now().date_naive();
        if let Err(e) =
            crate::admin::licences::expire_and_remind(&state.db, today, &state.public_url).await
        {
            tracing::error!(error = %e, "licence expiry run failed");
        }
        tokio::select! {
            () = shutdown.cancelled() => return,
            () = tokio::time::sleep(Duration::from_secs(3600)) => {}
        }
    }
}
