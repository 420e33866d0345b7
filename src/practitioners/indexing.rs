//! Keeping search true: the handler the job worker hands re-index jobs to. It rebuilds
//! one practitioner's document from the database and upserts it, or removes it when
//! the practitioner is no longer listed.

use std::sync::Arc;

use chrono::Utc;
use sea_orm::{DatabaseConnection, DbErr};

use crate::{
    jobs::{self, JobHandler, JobKind, PassReport},
    search::SearchIndex,
};

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
        match kind {
            JobKind::ReindexPractitioner { practitioner_id } => {
                let today = Utc::now().date_naive();
                let docs = super::documents_for(&self.db, &[*practitioner_id], today)
                    .await
                    .map_err(|e| e.to_string())?;
                if docs.is_empty() {
                    self.search
                        .remove(&[*practitioner_id])
                        .await
                        .map_err(|e| e.to_string())
                } else {
                    self.search.upsert(docs).await.map_err(|e| e.to_string())
                }
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
