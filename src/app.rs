//! Application state, start-up and router assembly: everything `main` and the tests
//! share to run the server.

use std::{
    net::SocketAddr,
    sync::{Arc, OnceLock},
    time::Duration,
};

use axum::{
    Router,
    extract::{ConnectInfo, Request},
    http::StatusCode,
    middleware,
};
use chrono::Utc;
use hyper::body::Incoming;
use hyper_util::{
    rt::{TokioExecutor, TokioIo, TokioTimer},
    server::{conn::auto::Builder as ConnectionBuilder, graceful::GracefulShutdown},
    service::TowerToHyperService,
};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;
use tower_http::{
    timeout::{RequestBodyDeadlineLayer, TimeoutLayer},
    trace::TraceLayer,
};

use crate::{
    accounts, api,
    auth::{self, headers},
    config::Config,
    db,
    geocoding::{Geocoder, gazetteer::Gazetteer},
    housekeeping, jobs,
    mail::{self, Mailer},
    matching::{Rules, Weights, rank::BUILT_IN_WEIGHTS},
    opendata, practitioners,
    practitioners::indexing::Replica,
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
    /// With the embedded index: how it follows the database's changes and is kept on disk.
    pub replica: Option<Arc<Replica>>,
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
    /// The street-map tile server and its attribution, when one is configured.
    pub map_tiles: Option<Arc<MapTiles>>,
    /// The Content-Security-Policy of every page: [`headers::CONTENT_SECURITY_POLICY`],
    /// with the tile server's origin allowed for images when there is one.
    pub content_security_policy: Arc<str>,
    /// Permits for whole-directory downloads running at once (`opendata::BULK_AT_ONCE`):
    /// each streams a million listings, so a burst of them must not take every core.
    pub bulk_downloads: Arc<tokio::sync::Semaphore>,
}

/// A configured street-map tile server.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MapTiles {
    /// The URL template, `{z}/{x}/{y}` included.
    pub url: String,
    /// The attribution its licence asks for.
    pub attribution: String,
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
    /// The embedded index could not apply the index changes made while it was built.
    #[error("applying index changes: {0}")]
    Replica(#[from] practitioners::indexing::ApplyError),
    /// The embedded index's snapshot could not be written.
    #[error("saving the index snapshot: {0}")]
    Snapshot(#[from] practitioners::indexing::SaveError),
    /// The rules file is wrong.
    #[error("{0}")]
    Rules(#[from] crate::matching::RulesError),
    /// A template does not parse.
    #[error("templates: {0:?}")]
    Templates(#[from] tera::Error),
    /// Reference data does not parse.
    #[error("{0}")]
    Reference(String),
    /// Another server already runs on this database with a private index.
    #[error("{0}")]
    ServerLock(#[from] db::ServerLockError),
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
    let (search, replica): (Arc<dyn SearchIndex>, _) = match &config.meili_url {
        Some(url) => (
            Arc::new(MeiliIndex::new(
                url.as_str(),
                config.meili_master_key.as_ref().map(|k| k.expose()),
                &config.meili_index_prefix,
            )?),
            None,
        ),
        None => {
            let index = Arc::new(EmbeddedIndex::new());
            let replica = Replica::new(
                db.clone(),
                Arc::clone(&index),
                config.database_url.expose(),
                config.index_snapshot_path(),
            );
            (index, Some(Arc::new(replica)))
        }
    };
    Ok(AppState {
        db,
        search,
        replica,
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
        map_tiles: config.map_tiles_url.as_ref().map(|tiles| {
            Arc::new(MapTiles {
                url: tiles.template.clone(),
                attribution: config.map_tiles_attribution.trim().to_owned(),
            })
        }),
        content_security_policy: headers::content_security_policy(
            config.map_tiles_url.as_ref().map(|t| t.origin.as_str()),
        )
        .into(),
        bulk_downloads: Arc::new(tokio::sync::Semaphore::new(opendata::BULK_AT_ONCE)),
    })
}

/// Takes this server's hold on its database ([`db::lock_server`]): alone with the
/// embedded index, unless `INDEX_REPLICA` says other servers keep theirs beside it;
/// shared with a shared index (Meilisearch). Keep the returned lock for as long as the
/// server runs.
pub async fn hold_database(
    state: &AppState,
    config: &Config,
) -> Result<db::ServerLock, StartupError> {
    let alone = !state.search.is_shared() && !config.index_replica;
    Ok(db::lock_server(config.database_url.expose(), alone).await?)
}

/// After [`prepare`], a server that holds its database alone takes back at once the
/// jobs a stopped predecessor left running, instead of waiting out their lease.
pub async fn take_back_jobs(state: &AppState, lock: &db::ServerLock) -> Result<(), StartupError> {
    if lock.is_alone() {
        let released = jobs::release_abandoned(&state.db).await?;
        if released > 0 {
            tracing::info!(
                jobs = released,
                "took back jobs a stopped server left running"
            );
        }
    }
    Ok(())
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
    // Every change up to this one is in what the build reads; the embedded index
    // applies the rest from the change log.
    let built_at = jobs::changes::latest(&state.db).await?;
    let restored = match &state.replica {
        Some(replica) => replica.restore().await?.is_some(),
        None => false,
    };
    if !restored && state.search.prepare().await? {
        // Nothing serves the index yet, so no edit can have reached only an old one:
        // unlike a rebuild while serving, this one queues nothing again.
        build_index(state, Arc::new(Silent)).await?;
    }
    if let Some(replica) = &state.replica {
        if !restored {
            replica.built_at(built_at).await;
        }
        replica.catch_up().await?;
    }
    Ok(())
}

/// Rebuilds the whole index from the database.
pub async fn rebuild_index(state: &AppState) -> Result<usize, StartupError> {
    rebuild_index_reporting(state, Arc::new(Silent)).await
}

/// Rebuilds the whole index from the database, reporting documents read to `progress`.
/// The embedded index then applies the changes made since the build began; a shared
/// index gets the edits of the hour before it began queued again
/// ([`jobs::REBUILD_OVERLAP`]): an edit applied to the old index while the new one
/// filled reaches the new one too.
pub async fn rebuild_index_reporting(
    state: &AppState,
    progress: Arc<dyn Progress>,
) -> Result<usize, StartupError> {
    if let Some(replica) = &state.replica {
        return replica.rebuild(build_index(state, progress)).await;
    }
    let since = Utc::now() - jobs::REBUILD_OVERLAP;
    let count = build_index(state, progress).await?;
    let requeued = jobs::requeue_reindex_since(&state.db, since).await?;
    tracing::info!(
        requeued,
        "edits of the last hour queued again for the new index"
    );
    Ok(count)
}

/// Fills a new index from the database and swaps it in.
async fn build_index(state: &AppState, progress: Arc<dyn Progress>) -> Result<usize, StartupError> {
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
    all.extend_from_slice(opendata::routes().listed());
    all
}

/// The whole router: pages, API, error pages, identity, security headers and tracing.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(web::routes().into_router())
        .merge(opendata::routes().into_router())
        .nest("/api", api::router())
        .fallback(web::errors::show_not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            web::templates::remember_canonical_url,
        ))
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
) {
    let handler: Arc<dyn jobs::JobHandler> = match &state.replica {
        Some(_) => Arc::new(practitioners::indexing::CarriedByChangeLog),
        None => Arc::new(practitioners::indexing::Reindexer::new(
            state.db.clone(),
            state.search.clone(),
        )),
    };
    let worker = tokio::spawn(jobs::worker(
        state.db.clone(),
        handler,
        job_poll,
        shutdown.clone(),
    ));
    let replica = state.replica.clone();
    let follower = replica
        .clone()
        .map(|replica| tokio::spawn(replica.follow(shutdown.clone())));
    let mailer = tokio::spawn(mail_worker(
        state.db.clone(),
        state.mailer.clone(),
        job_poll,
        shutdown.clone(),
    ));
    let maintenance = tokio::spawn(maintenance_worker(
        state.clone(),
        job_poll,
        shutdown.clone(),
    ));
    serve_connections(listener, router(state), shutdown.clone()).await;
    shutdown.cancel();
    let follower = follower.map(|task| ("index change follower", task));
    for (name, task) in [
        ("job worker", worker),
        ("mail worker", mailer),
        ("maintenance worker", maintenance),
    ]
    .into_iter()
    .chain(follower)
    {
        if let Err(e) = task.await {
            tracing::error!(task = name, error = %e, "background task ended abnormally");
        }
    }
    if let Some(replica) = replica {
        save_snapshot(&replica).await;
    }
}

/// Writes the embedded index's snapshot, if it has changed, and logs the outcome.
async fn save_snapshot(replica: &Replica) {
    let started = std::time::Instant::now();
    match replica.save().await {
        Ok(Some(documents)) => tracing::info!(
            documents,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "search index snapshot written"
        ),
        Ok(None) => {}
        Err(e) => tracing::error!(error = %e, "writing the search index snapshot failed"),
    }
}

/// How long a client may take to send a request's headers before its connection is
/// closed: a client trickling one byte a second cannot hold a connection open.
pub const HEADER_DEADLINE: Duration = Duration::from_secs(10);

/// How long connections still open at shutdown may take to finish their requests.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Accepts connections until `shutdown`, then lets open ones finish. HTTP/1 and
/// HTTP/2; each connection knows its peer address (`ConnectInfo`). Header reads have a
/// deadline ([`HEADER_DEADLINE`]); bodies have theirs in the router ([`BODY_DEADLINE`]).
async fn serve_connections(listener: TcpListener, router: Router, shutdown: CancellationToken) {
    let mut builder = ConnectionBuilder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_DEADLINE);
    builder.http2().timer(TokioTimer::new());
    let graceful = GracefulShutdown::new();
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors and the like: wait, then go on accepting.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = shutdown.cancelled() => break,
        };
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot set TCP_NODELAY");
        }
        let service = TowerToHyperService::new(router.clone().map_request(
            move |mut request: Request<Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                request
            },
        ));
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), service)
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection closed with an error");
            }
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(SHUTDOWN_GRACE) => {
            tracing::warn!("connections still open after the shutdown grace period were dropped");
        }
    }
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

/// How often the maintenance worker runs.
pub const MAINTENANCE_EVERY: Duration = Duration::from_secs(3600);

/// Runs shortly after start-up and then hourly: licence expiry and reminders, pruning
/// of rows no longer needed, and reconciliation of the search index with the database.
async fn maintenance_worker(
    state: AppState,
    first_run_after: Duration,
    shutdown: CancellationToken,
) {
    tokio::select! {
        () = shutdown.cancelled() => return,
        () = tokio::time::sleep(first_run_after) => {}
    }
    // An index that outlived the server (Meilisearch, or a restored snapshot) may have
    // drifted while it was down, so it is compared at once; an index just built from
    // the database is not: comparing it now would only spend a core (a minute at 1M on
    // PostgreSQL) while the server starts taking traffic.
    let mut reconcile =
        state.search.is_shared() || state.replica.as_ref().is_some_and(|r| r.restored());
    loop {
        let now = Utc::now();
        if let Err(e) = crate::admin::licences::expire_and_remind(
            &state.db,
            now.date_naive(),
            &state.public_url,
        )
        .await
        {
            tracing::error!(error = %e, "licence expiry run failed");
        }
        match housekeeping::prune(&state.db, now).await {
            Ok(pruned) => tracing::info!(
                sessions = pruned.sessions,
                tokens = pruned.tokens,
                rate_events = pruned.rate_events,
                jobs = pruned.jobs,
                mail = pruned.mail,
                index_changes = pruned.index_changes,
                "pruned"
            ),
            Err(e) => tracing::error!(error = %e, "pruning failed"),
        }
        if reconcile {
            match practitioners::indexing::reconcile(
                &state.db,
                state.search.as_ref(),
                now.date_naive(),
            )
            .await
            {
                Ok(found) => tracing::info!(
                    checked = found.checked,
                    missing = found.missing,
                    stale = found.stale,
                    extra = found.extra,
                    "search index reconciled"
                ),
                Err(e) => tracing::error!(error = %e, "search index reconciliation failed"),
            }
        }
        reconcile = true;
        if let Some(replica) = &state.replica {
            save_snapshot(replica).await;
        }
        tokio::select! {
            () = shutdown.cancelled() => return,
            () = tokio::time::sleep(MAINTENANCE_EVERY) => {}
        }
    }
}
