//! Keeping search true: the handler the job worker hands re-index jobs to (it rebuilds
//! one practitioner's document from the database and upserts it, or removes it when
//! the practitioner is no longer listed), and reconciliation, which compares the whole
//! index with the database and queues a re-index of every document that differs.

use std::{collections::HashMap, sync::Arc};

use chrono::{NaiveDate, Utc};
use sea_orm::{DatabaseConnection, DbErr};

use crate::{
    jobs::{self, JobHandler, JobKind, PassReport},
    search::{SearchError, SearchIndex},
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
        let mut ids: Vec<i64> = kinds
            .iter()
            .map(|kind| match kind {
                JobKind::ReindexPractitioner { practitioner_id } => *practitioner_id,
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let today = Utc::now().date_naive();
        let docs = super::documents_for(&self.db, &ids, today)
            .await
            .map_err(|e| e.to_string())?;
        let gone: Vec<i64> = ids
            .into_iter()
            .filter(|id| !docs.iter().any(|d| d.id == *id))
            .collect();
        self.search.remove(&gone).await.map_err(|e| e.to_string())?;
        self.search.upsert(docs).await.map_err(|e| e.to_string())
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
