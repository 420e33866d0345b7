//! Start-up and serving, the top of the crate: connects the dependencies into the
//! [`AppState`], prepares the database and the index, and runs the server with its
//! workers. The router, the accept loop and the workers each have a room below.

mod accept;
pub mod metrics;
mod router;
mod workers;

use std::{
    net::SocketAddr,
    sync::{Arc, OnceLock},
    time::Duration,
};

use chrono::Utc;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use self::{
    accept::serve_connections,
    workers::{backup_worker, mail_worker, maintenance_worker, save_snapshot},
};
pub use self::{
    accept::{ConnectionLimits, HEADER_DEADLINE, bind},
    router::{BODY_DEADLINE, REQUEST_TIMEOUT, route_list, router},
    workers::MAINTENANCE_EVERY,
};
pub use crate::state::{AppState, MapTiles};
use crate::{
    accounts,
    auth::headers,
    clock::Clock,
    config::Config,
    db,
    geocoding::gazetteer::Gazetteer,
    jobs,
    mail::Mailer,
    matching::{RuleBook, Weights, rank::BUILT_IN_WEIGHTS},
    opendata, practitioners,
    practitioners::indexing::Replica,
    progress::{Progress, Silent},
    reference::Catalogue,
    search::{SearchIndex, embedded::EmbeddedIndex, meilisearch::MeiliIndex},
    seed, web,
};

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
pub fn load_rules(config: &Config, catalogue: &Catalogue) -> Result<RuleBook, StartupError> {
    let source = match &config.questionnaire_file {
        Some(path) => std::fs::read_to_string(path).map_err(|e| {
            StartupError::Reference(format!("questionnaire rules {}: {e}", path.display()))
        })?,
        None => crate::matching::rules::BUILT_IN.to_owned(),
    };
    let modalities: Vec<&str> = catalogue.modality_slugs().collect();
    Ok(RuleBook::load(&source, &modalities)?)
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
        clock: Clock::default(),
        plans: Arc::default(),
        webauthn: relying_party(&config.public_url),
        backups: match &config.backup_dir {
            Some(dir) => Some(Arc::new(
                crate::backup::Schedule::new(
                    config.database_url.expose(),
                    dir.clone(),
                    config.backup_every,
                    config.backup_keep as usize,
                )
                .map_err(|e| StartupError::Reference(format!("BACKUP_DIR: {e}")))?,
            )),
            None => None,
        },
    })
}

/// Passkeys' relying party: the public address's domain and origin (on `localhost`,
/// any port, for development). None at an IP address: browsers refuse passkeys there.
fn relying_party(public_url: &url::Url) -> Option<Arc<webauthn_rs::Webauthn>> {
    let domain = public_url.domain()?;
    let builder = webauthn_rs::WebauthnBuilder::new(domain, public_url)
        .ok()?
        .rp_name("Clinical Therapist Finder")
        .allow_any_port(domain == "localhost");
    builder.build().ok().map(Arc::new)
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
        state.rules.get(crate::i18n::Lang::english()),
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

/// Serves on `listener`, with the job worker, until `shutdown` is cancelled.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    job_poll: Duration,
    limits: ConnectionLimits,
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
    let backups = state
        .backups
        .clone()
        .map(|schedule| tokio::spawn(backup_worker(schedule, shutdown.clone())));
    serve_connections(listener, router(state), limits, shutdown.clone()).await;
    shutdown.cancel();
    let follower = follower.map(|task| ("index change follower", task));
    let backups = backups.map(|task| ("backup worker", task));
    for (name, task) in [
        ("job worker", worker),
        ("mail worker", mailer),
        ("maintenance worker", maintenance),
    ]
    .into_iter()
    .chain(follower)
    .chain(backups)
    {
        if let Err(e) = task.await {
            tracing::error!(task = name, error = %e, "background task ended abnormally");
        }
    }
    if let Some(replica) = replica {
        save_snapshot(&replica).await;
    }
}
