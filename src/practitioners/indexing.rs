//! Keeping search true: the handler the job worker hands re-index jobs to (it rebuilds
//! one practitioner's document from the database and upserts it, or removes it when
//! the practitioner is no longer listed), and reconciliation, which compares the whole
//! index with the database and queues a re-index of every document that differs.

use std::{
    collections::HashMap,
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
};

use chrono::{NaiveDate, Utc};
use sea_orm::{DatabaseConnection, DbErr};

use crate::{
    jobs::{self, JobHandler, JobKind, PassReport},
    search::{
        SearchError, SearchIndex,
        embedded::{EmbeddedIndex, Snapshot, SnapshotError, Stamp},
    },
};

use super::DocumentPages;

/// Applies re-index jobs to a search index.
pub struct Reindexer {
    db: DatabaseConnection,
    search: Arc<dyn SearchIndex>,
}

impl Reindexer {
    /// A handler that reads from `db` and writes to `search`.
    pub fn new(db: DatabaseConnection, search: Arc<dyn SearchIndex>) -> Self {
        Self { db, search }
    }
}

#[async_trait::async_trait]
impl JobHandler for Reindexer {
    async fn handle(&self, kind: &JobKind) -> Result<(), String> {
        self.handle_batch(std::slice::from_ref(kind)).await
    }

    /// Many re-index jobs become one read of the database and at most one upsert and
    /// one removal: a practitioner edited a hundred times is indexed once.
    async fn handle_batch(&self, kinds: &[JobKind]) -> Result<(), String> {
        let ids = kinds
            .iter()
            .map(|kind| match kind {
                JobKind::ReindexPractitioner { practitioner_id } => *practitioner_id,
            })
            .collect();
        apply(&self.db, self.search.as_ref(), ids)
            .await
            .map_err(|e| e.to_string())
    }
}

/// Why a change could not be applied to the index.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] DbErr),
    /// The index refused the write.
    #[error("{0}")]
    Search(#[from] SearchError),
}

/// Brings the documents of `ids` up to date in `search`: one read of the database, then
/// one removal (of those no longer listed) and one upsert.
async fn apply(
    db: &DatabaseConnection,
    search: &dyn SearchIndex,
    mut ids: Vec<i64>,
) -> Result<(), ApplyError> {
    ids.sort_unstable();
    ids.dedup();
    let today = Utc::now().date_naive();
    let docs = super::documents_for(db, &ids, today).await?;
    let gone: Vec<i64> = ids
        .into_iter()
        .filter(|id| !docs.iter().any(|d| d.id == *id))
        .collect();
    search.remove(&gone).await?;
    search.upsert(docs).await?;
    Ok(())
}

/// The job handler of a server whose index follows the change log ([`Replica`]): its
/// re-index jobs are finished without work, because the change log carries each of
/// them to every server, this one included.
pub struct CarriedByChangeLog;

#[async_trait::async_trait]
impl JobHandler for CarriedByChangeLog {
    async fn handle(&self, _kind: &JobKind) -> Result<(), String> {
        Ok(())
    }
}

/// Changes read from the log and applied at a time.
const CHANGES_AT_ONCE: u64 = 1_000;

/// How often a replica reads the change log when no notification woke it first.
pub const REPLICA_POLL: std::time::Duration = std::time::Duration::from_millis(500);

/// The release whose snapshots this one restores: documents are derived by the code,
/// so another release's snapshot is not used.
const RELEASE: &str = env!("CARGO_PKG_VERSION");

/// Why an index snapshot was not written.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] DbErr),
    /// The file could not be written, or the index was rebuilt meanwhile.
    #[error("{0}")]
    Snapshot(#[from] SnapshotError),
    /// The writing thread failed.
    #[error("{0}")]
    Task(#[from] tokio::task::JoinError),
}

/// A server's own embedded index, kept equal to the database by following the index
/// change log ([`jobs::changes`]): one server alone on its database, or any number
/// sharing one (`INDEX_REPLICA`). The position is the number of the last change
/// applied. With a snapshot path the index is saved to disk, stamped with its
/// position, and a restart restores it and applies only the changes after it.
pub struct Replica {
    db: DatabaseConnection,
    index: Arc<EmbeddedIndex>,
    database_url: String,
    position: tokio::sync::Mutex<i64>,
    snapshot: Option<PathBuf>,
    /// The position of the snapshot last written or restored.
    saved: tokio::sync::Mutex<Option<i64>>,
    restored: AtomicBool,
}

impl Replica {
    /// A replica of `index` that has applied no change yet; `database_url` is `db`'s
    /// address, for the connection that listens for notifications; `snapshot` is where
    /// the index is saved, if anywhere.
    pub fn new(
        db: DatabaseConnection,
        index: Arc<EmbeddedIndex>,
        database_url: &str,
        snapshot: Option<PathBuf>,
    ) -> Self {
        Self {
            db,
            index,
            database_url: database_url.to_owned(),
            position: tokio::sync::Mutex::new(0),
            snapshot,
            saved: tokio::sync::Mutex::new(None),
            restored: AtomicBool::new(false),
        }
    }

    /// Sets the position: the index now holds every change up to `seq` (it was built
    /// from reads that began after `seq` was the latest change).
    pub async fn built_at(&self, seq: i64) {
        *self.position.lock().await = seq;
    }

    /// The number of the last change applied.
    pub async fn position(&self) -> i64 {
        *self.position.lock().await
    }

    /// Whether the index came from a snapshot rather than the database: it may differ
    /// from the database in ways the change log does not record (a licence that lapsed
    /// while the server was down, a release that derives documents differently), so
    /// the first maintenance pass reconciles it.
    pub fn restored(&self) -> bool {
        self.restored.load(Ordering::Relaxed)
    }

    /// Restores the index from its snapshot when there is one for this database and
    /// release, and the change log still holds every change after it; those changes
    /// are applied by the next [`Replica::catch_up`]. Returns how many documents were
    /// restored, or `None` (no snapshot, or one that does not fit, and why is logged):
    /// then the index must be built from the database.
    pub async fn restore(&self) -> Result<Option<usize>, ApplyError> {
        let Some(path) = self.snapshot.clone() else {
            return Ok(None);
        };
        if !tokio::fs::try_exists(&path).await.unwrap_or(false) {
            return Ok(None);
        }
        let started = std::time::Instant::now();
        let not_used = |why: &dyn std::fmt::Display| {
            tracing::warn!(path = %path.display(), "index snapshot not used: {why}; building from the database");
        };
        let opened = {
            let path = path.clone();
            blocking(move || Snapshot::open(&path)).await
        };
        let snapshot = match opened {
            Ok(snapshot) => snapshot,
            Err(why) => {
                not_used(&why);
                return Ok(None);
            }
        };
        let stamp = snapshot.stamp().clone();
        let unfit = if stamp.release != RELEASE {
            Some("another release wrote it")
        } else if stamp.database != database_name(&self.db).await? {
            Some("it was taken from another database")
        } else if !jobs::changes::covers(&self.db, stamp.position).await? {
            Some("the change log no longer holds every change after it")
        } else {
            None
        };
        if let Some(why) = unfit {
            not_used(&why);
            return Ok(None);
        }
        let mut position = self.position.lock().await;
        let index = Arc::clone(&self.index);
        match blocking(move || index.restore(snapshot)).await {
            Ok(count) => {
                *position = stamp.position;
                drop(position);
                // The saved lock is never taken while holding the position (`save`
                // takes them the other way round).
                *self.saved.lock().await = Some(stamp.position);
                self.restored.store(true, Ordering::Relaxed);
                tracing::info!(
                    documents = count,
                    position = stamp.position,
                    elapsed_ms = started.elapsed().as_millis() as u64,
                    "search index restored from its snapshot"
                );
                Ok(Some(count))
            }
            Err(why) => {
                not_used(&why);
                Ok(None)
            }
        }
    }

    /// Writes the index's snapshot, stamped with the position, when it has a path and
    /// has changed since the last one; returns how many documents were written. The
    /// index stays in use meanwhile ([`EmbeddedIndex::save_snapshot`]).
    pub async fn save(&self) -> Result<Option<u64>, SaveError> {
        let Some(path) = self.snapshot.clone() else {
            return Ok(None);
        };
        let mut saved = self.saved.lock().await;
        // Taken before the documents are read: every change up to it is in the index.
        let position = self.position().await;
        if *saved == Some(position) {
            return Ok(None);
        }
        let stamp = Stamp {
            release: RELEASE.to_owned(),
            database: database_name(&self.db).await?,
            position,
            written_at: Utc::now().timestamp(),
        };
        let index = Arc::clone(&self.index);
        let written =
            tokio::task::spawn_blocking(move || index.save_snapshot(&path, &stamp)).await??;
        *saved = Some(position);
        Ok(Some(written))
    }

    /// Rebuilds the index with `build` while no change is applied, then applies every
    /// change made since the build began.
    pub async fn rebuild<E>(
        &self,
        build: impl std::future::Future<Output = Result<usize, E>>,
    ) -> Result<usize, E>
    where
        E: From<ApplyError>,
    {
        let mut position = self.position.lock().await;
        let began = jobs::changes::latest(&self.db)
            .await
            .map_err(ApplyError::from)?;
        let count = build.await?;
        *position = began;
        self.restored.store(false, Ordering::Relaxed);
        self.apply_after(&mut position).await?;
        Ok(count)
    }

    /// Applies every committed change after the position, in batches; returns how
    /// many changes were read. One caller at a time: the position moves only after
    /// its batch is in the index, so a failed batch is read again next time.
    pub async fn catch_up(&self) -> Result<usize, ApplyError> {
        let mut position = self.position.lock().await;
        self.apply_after(&mut position).await
    }

    async fn apply_after(&self, position: &mut i64) -> Result<usize, ApplyError> {
        let mut read = 0;
        loop {
            let batch = jobs::changes::after(&self.db, *position, CHANGES_AT_ONCE).await?;
            let Some(&(last, _)) = batch.last() else {
                return Ok(read);
            };
            read += batch.len();
            apply(
                &self.db,
                self.index.as_ref(),
                batch.into_iter().map(|(_, id)| id).collect(),
            )
            .await?;
            *position = last;
        }
    }

    /// Follows the change log until `shutdown`: on PostgreSQL it wakes at each commit's
    /// notification, and in any case every [`REPLICA_POLL`] (a notification is lost
    /// while the listening connection is down; the poll is not).
    pub async fn follow(self: Arc<Self>, shutdown: tokio_util::sync::CancellationToken) {
        let mut listener = if self.database_url.starts_with("postgres") {
            match sea_orm::sqlx::postgres::PgListener::connect(&self.database_url).await {
                Ok(mut listener) => match listener.listen(jobs::changes::CHANNEL).await {
                    Ok(()) => Some(listener),
                    Err(e) => {
                        tracing::warn!(error = %e, "cannot listen for index changes; polling only");
                        None
                    }
                },
                Err(e) => {
                    tracing::warn!(error = %e, "cannot listen for index changes; polling only");
                    None
                }
            }
        } else {
            None
        };
        loop {
            if let Err(e) = self.catch_up().await {
                tracing::error!(error = %e, "applying index changes failed; retrying");
            }
            let notified = async {
                match listener.as_mut() {
                    Some(listener) => {
                        if let Err(e) = listener.recv().await {
                            tracing::warn!(error = %e, "index change notifications interrupted");
                            tokio::time::sleep(REPLICA_POLL).await;
                        }
                    }
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                () = shutdown.cancelled() => return,
                () = notified => {}
                () = tokio::time::sleep(REPLICA_POLL) => {}
            }
        }
    }
}

/// Runs every due job against `search` now, once.
pub async fn run_due(
    db: &DatabaseConnection,
    search: Arc<dyn SearchIndex>,
) -> Result<PassReport, DbErr> {
    jobs::run_due(db, &Reindexer::new(db.clone(), search)).await
}

/// What a reconciliation found; each difference was queued for re-indexing.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Reconciled {
    /// Listed practitioners compared.
    pub checked: usize,
    /// Listed but missing from the index.
    pub missing: usize,
    /// In the index with a document that differs from the database's.
    pub stale: usize,
    /// In the index but not listed (unpublished, suspended or deleted).
    pub extra: usize,
}

impl Reconciled {
    /// Differences found (and queued).
    pub fn differences(&self) -> usize {
        self.missing + self.stale + self.extra
    }
}

/// Why a reconciliation stopped early; what it queued before stopping stays queued.
#[derive(Debug, thiserror::Error)]
pub enum ReconcileError {
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] DbErr),
    /// The index could not be read.
    #[error("{0}")]
    Search(#[from] SearchError),
}

/// Makes the index equal the database: walks both in id order, a page at a time, and
/// queues a re-index job for every practitioner whose document is missing, differs or
/// should not be there. It never writes the index itself, so it cannot race a newer
/// job with an older document: the job reads the database when it runs.
pub async fn reconcile(
    db: &DatabaseConnection,
    search: &dyn SearchIndex,
    today: NaiveDate,
) -> Result<Reconciled, ReconcileError> {
    let mut found = Reconciled::default();
    let mut pages = DocumentPages::new(db, today).await?;
    let mut from = i64::MIN;
    loop {
        let page = pages.next().await?;
        let upto = if page.is_some() {
            pages.position()
        } else {
            i64::MAX
        };
        let mut indexed: HashMap<i64, _> = search
            .documents_in(from..=upto)
            .await?
            .into_iter()
            .map(|doc| (doc.id, doc))
            .collect();
        let mut differing = Vec::new();
        for doc in page.iter().flatten() {
            found.checked += 1;
            match indexed.remove(&doc.id) {
                None => found.missing += 1,
                Some(stored) if stored != *doc => found.stale += 1,
                Some(_) => continue,
            }
            differing.push(doc.id);
        }
        found.extra += indexed.len();
        differing.extend(indexed.into_keys());
        if !differing.is_empty() {
            let txn = crate::db::begin_write(db).await?;
            for id in differing {
                jobs::enqueue_reindex(&txn, id).await?;
            }
            txn.commit().await?;
        }
        if page.is_none() {
            return Ok(found);
        }
        from = upto.saturating_add(1);
    }
}

/// Runs snapshot work on a blocking thread; its failure, or the thread's, as text.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, SnapshotError> + Send + 'static,
) -> Result<T, String> {
    match tokio::task::spawn_blocking(work).await {
        Ok(done) => done.map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    }
}

/// The database's name ([`crate::accounts::keys::DATABASE`]), in hex.
async fn database_name(db: &DatabaseConnection) -> Result<String, DbErr> {
    let name = crate::accounts::keys::load_or_create(db, crate::accounts::keys::DATABASE).await?;
    Ok(name.iter().map(|b| format!("{b:02x}")).collect())
}
