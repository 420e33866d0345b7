//! The job outbox: writes that change what search returns enqueue a job in the same
//! transaction, and a worker hands due jobs to a [`JobHandler`] with retries and
//! backoff. Jobs are idempotent, so a retry or a duplicate is harmless. This module
//! knows the queue, not what the jobs do: `practitioners::indexing` handles them.

use std::{sync::Arc, time::Duration};

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use crate::entities::job;

pub mod changes;

/// After this many failed attempts a job that may give up is parked as `failed`.
/// Re-index jobs never give up: search must end up equal to the database.
pub const MAX_ATTEMPTS: i32 = 10;

/// A claimed job whose worker has not finished it within this time is taken to be
/// abandoned (its process crashed or was killed) and is claimed again. Longer than any
/// job may take (a Meilisearch write gives up after 90 s).
pub const LEASE: TimeDelta = TimeDelta::minutes(2);

/// What a job does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum JobKind {
    /// Bring one practitioner's search document up to date (add, replace or remove).
    ReindexPractitioner {
        /// The practitioner.
        practitioner_id: i64,
    },
}

impl JobKind {
    fn name(&self) -> &'static str {
        match self {
            Self::ReindexPractitioner { .. } => "reindex_practitioner",
        }
    }

    /// Whether the job is retried for as long as it takes (with capped backoff)
    /// rather than parked after `MAX_ATTEMPTS`.
    fn retries_forever(&self) -> bool {
        matches!(self, Self::ReindexPractitioner { .. })
    }
}

/// Enqueues a job; call it inside the transaction of the write that needs it.
pub async fn enqueue(db: &impl ConnectionTrait, kind: &JobKind) -> Result<(), DbErr> {
    let now = Utc::now();
    let payload = serde_json::to_string(kind).map_err(|e| DbErr::Custom(e.to_string()))?;
    job::Entity::insert(job::ActiveModel {
        id: NotSet,
        kind: Set(kind.name().to_owned()),
        payload: Set(payload),
        status: Set("pending".to_owned()),
        attempts: Set(0),
        run_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec(db)
    .await?;
    Ok(())
}

/// Enqueues a re-index of one practitioner, and appends the change to the index change
/// log ([`changes`]) that servers keeping their own index follow.
pub async fn enqueue_reindex(db: &impl ConnectionTrait, practitioner_id: i64) -> Result<(), DbErr> {
    changes::append(db, practitioner_id).await?;
    enqueue(db, &JobKind::ReindexPractitioner { practitioner_id }).await
}

/// How far before a rebuild began its jobs are applied again once the new index is
/// live: longer than any write transaction, so no write that committed while the
/// rebuild was reading can have been applied only to the old index.
pub const REBUILD_OVERLAP: TimeDelta = TimeDelta::hours(1);

/// Queues again a re-index of every practitioner with a re-index job created at or
/// after `since`, whatever its state; returns how many were queued. After a rebuild
/// swaps in a new index, the edits made while it was filling reach the new index too.
pub async fn requeue_reindex_since(
    db: &DatabaseConnection,
    since: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let payloads: Vec<String> = job::Entity::find()
        .select_only()
        .column(job::Column::Payload)
        .filter(job::Column::Kind.eq(JobKind::ReindexPractitioner { practitioner_id: 0 }.name()))
        .filter(job::Column::CreatedAt.gte(since))
        .into_tuple()
        .all(db)
        .await?;
    let mut ids: Vec<i64> = payloads
        .iter()
        .filter_map(|p| match serde_json::from_str::<JobKind>(p) {
            Ok(JobKind::ReindexPractitioner { practitioner_id }) => Some(practitioner_id),
            Err(_) => None,
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let txn = crate::db::begin_write(db).await?;
    for id in &ids {
        enqueue_reindex(&txn, *id).await?;
    }
    txn.commit().await?;
    Ok(ids.len())
}

/// Makes every running job due again at once; returns how many. Only for a server
/// that holds its database alone (`db::lock_server` with a private index): no other
/// process can be working on them, so they were abandoned by one that died, and need
/// not wait out their lease.
pub async fn release_abandoned(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    Ok(job::Entity::update_many()
        .col_expr(job::Column::Status, Expr::value("pending"))
        .col_expr(job::Column::RunAt, Expr::value(Utc::now()))
        .filter(job::Column::Status.eq("running"))
        .exec(db)
        .await?
        .rows_affected)
}

/// Jobs not yet done: pending, running or parked as failed.
pub async fn unfinished(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    job::Entity::find()
        .filter(job::Column::Status.ne("done"))
        .count(db)
        .await
}

/// The state of the queue, for admins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Backlog {
    /// Waiting to run (including retries).
    pub pending: u64,
    /// Claimed by a worker now.
    pub running: u64,
    /// Given up after repeated failures.
    pub failed: u64,
    /// Waiting jobs that have failed at least once.
    pub retrying: u64,
    /// When the oldest waiting job was queued.
    pub oldest_pending: Option<chrono::DateTime<Utc>>,
    /// The most recent error of a waiting or failed job.
    pub last_error: Option<String>,
}

/// Counts the queue by state, with the oldest waiting job and the latest error.
pub async fn backlog(db: &impl ConnectionTrait) -> Result<Backlog, DbErr> {
    let count = |status: &'static str| {
        job::Entity::find()
            .filter(job::Column::Status.eq(status))
            .count(db)
    };
    let oldest = job::Entity::find()
        .filter(job::Column::Status.eq("pending"))
        .order_by_asc(job::Column::CreatedAt)
        .one(db)
        .await?;
    let troubled = job::Entity::find()
        .filter(job::Column::Status.ne("done"))
        .filter(job::Column::LastError.is_not_null())
        .order_by_desc(job::Column::UpdatedAt)
        .one(db)
        .await?;
    Ok(Backlog {
        pending: count("pending").await?,
        running: count("running").await?,
        failed: count("failed").await?,
        retrying: job::Entity::find()
            .filter(job::Column::Status.eq("pending"))
            .filter(job::Column::Attempts.gt(0))
            .count(db)
            .await?,
        oldest_pending: oldest.map(|j| j.created_at),
        last_error: troubled.and_then(|j| j.last_error),
    })
}

/// Backoff before retry number `attempts`: 2, 4, 8 … seconds, at most five minutes, so
/// search catches up within minutes of an outage ending however long it lasted.
pub fn backoff(attempts: i32) -> TimeDelta {
    let secs = 2_i64.saturating_pow(attempts.clamp(1, 12) as u32).min(300);
    TimeDelta::seconds(secs)
}

/// What a worker pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PassReport {
    /// Jobs completed.
    pub done: usize,
    /// Jobs that failed this time (and were rescheduled or parked).
    pub failed: usize,
}

/// Carries out jobs; implemented by the module that knows what each kind means.
#[async_trait::async_trait]
pub trait JobHandler: Send + Sync {
    /// Does one job; an error is retried later with backoff.
    async fn handle(&self, kind: &JobKind) -> Result<(), String>;

    /// Does several jobs at once (one search request for many practitioners, say); an
    /// error fails them all, and the worker then tries each alone, so one bad job
    /// cannot hold back the others. By default, one after the other.
    async fn handle_batch(&self, kinds: &[JobKind]) -> Result<(), String> {
        for kind in kinds {
            self.handle(kind).await?;
        }
        Ok(())
    }
}

/// Jobs claimed and handed over together.
const BATCH: u64 = 200;

/// Runs every job that is due now, once, in batches. Safe to run in several instances
/// at once: a batch is claimed by one conditional update (each row only if it is still
/// pending, or running under an expired lease), so a job goes to one worker.
pub async fn run_due(
    db: &DatabaseConnection,
    handler: &dyn JobHandler,
) -> Result<PassReport, DbErr> {
    let mut report = PassReport::default();
    loop {
        let claimed = claim_due(db).await?;
        if claimed.is_empty() {
            return Ok(report);
        }
        let mut readable = Vec::with_capacity(claimed.len());
        for row in claimed {
            match serde_json::from_str::<JobKind>(&row.payload) {
                Ok(kind) => readable.push((row, kind)),
                Err(e) => {
                    finish(
                        db,
                        &row,
                        false,
                        Err(format!("unreadable payload: {e}")),
                        &mut report,
                    )
                    .await?;
                }
            }
        }
        let kinds: Vec<JobKind> = readable.iter().map(|(_, k)| k.clone()).collect();
        match handler.handle_batch(&kinds).await {
            Ok(()) => {
                let ids: Vec<i64> = readable.iter().map(|(row, _)| row.id).collect();
                job::Entity::update_many()
                    .col_expr(job::Column::Status, Expr::value("done"))
                    .col_expr(job::Column::UpdatedAt, Expr::value(Utc::now()))
                    .filter(job::Column::Id.is_in(ids))
                    .exec(db)
                    .await?;
                report.done += readable.len();
            }
            Err(_) if readable.len() > 1 => {
                for (row, kind) in &readable {
                    let outcome = handler.handle(kind).await;
                    finish(db, row, kind.retries_forever(), outcome, &mut report).await?;
                }
            }
            Err(error) => {
                for (row, kind) in &readable {
                    finish(
                        db,
                        row,
                        kind.retries_forever(),
                        Err(error.clone()),
                        &mut report,
                    )
                    .await?;
                }
            }
        }
    }
}

/// Claims up to a batch of due jobs: pending and due, or running under an expired lease.
async fn claim_due(db: &DatabaseConnection) -> Result<Vec<job::Model>, DbErr> {
    let now = Utc::now();
    let due = || {
        Condition::any()
            .add(
                Condition::all()
                    .add(job::Column::Status.eq("pending"))
                    .add(job::Column::RunAt.lte(now)),
            )
            .add(
                Condition::all()
                    .add(job::Column::Status.eq("running"))
                    .add(job::Column::UpdatedAt.lt(now - LEASE)),
            )
    };
    let ids: Vec<i64> = job::Entity::find()
        .select_only()
        .column(job::Column::Id)
        .filter(due())
        .order_by_asc(job::Column::Id)
        .limit(BATCH)
        .into_tuple()
        .all(db)
        .await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // The condition is checked again by the update itself: a row another worker
    // claimed in between is no longer due, and is not returned here.
    job::Entity::update_many()
        .col_expr(job::Column::Status, Expr::value("running"))
        .col_expr(job::Column::UpdatedAt, Expr::value(now))
        .filter(job::Column::Id.is_in(ids))
        .filter(due())
        .exec_with_returning(db)
        .await
}

/// Records one job's outcome: done, or failed and rescheduled (or parked).
async fn finish(
    db: &DatabaseConnection,
    row: &job::Model,
    forever: bool,
    outcome: Result<(), String>,
    report: &mut PassReport,
) -> Result<(), DbErr> {
    let mut update = job::ActiveModel {
        id: Set(row.id),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    match outcome {
        Ok(()) => {
            update.status = Set("done".to_owned());
            report.done += 1;
        }
        Err(error) => {
            let attempts = row.attempts + 1;
            tracing::warn!(job.id = row.id, job.kind = %row.kind, attempts, %error, "job failed");
            update.attempts = Set(attempts);
            update.last_error = Set(Some(error));
            update.status = Set(if attempts >= MAX_ATTEMPTS && !forever {
                "failed"
            } else {
                "pending"
            }
            .to_owned());
            update.run_at = Set(Utc::now() + backoff(attempts));
            report.failed += 1;
        }
    }
    job::Entity::update(update).exec(db).await?;
    Ok(())
}

/// Polls for due jobs until `shutdown` is cancelled.
pub async fn worker(
    db: DatabaseConnection,
    handler: Arc<dyn JobHandler>,
    poll: Duration,
    shutdown: CancellationToken,
) {
    loop {
        // The first pass too waits one poll: a pass that starts at an unknown moment
        // after start-up is a race with whoever is setting up the queue.
        tokio::select! {
            () = shutdown.cancelled() => return,
            () = tokio::time::sleep(poll) => {}
        }
        // Each pass runs as its own task, so a panic in one job is logged and the
        // worker goes on instead of stopping silently.
        let (pass_db, pass_handler) = (db.clone(), handler.clone());
        match tokio::spawn(async move { run_due(&pass_db, pass_handler.as_ref()).await }).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::error!(error = %e, "job worker pass failed"),
            Err(e) => tracing::error!(error = %e, "job worker pass panicked; the worker goes on"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(1), TimeDelta::seconds(2));
        assert_eq!(backoff(3), TimeDelta::seconds(8));
        assert_eq!(backoff(40), TimeDelta::seconds(300));
    }

    #[test]
    fn job_payload_round_trips() {
        let kind = JobKind::ReindexPractitioner { practitioner_id: 7 };
        let json = serde_json::to_string(&kind).expect("serialize");
        assert_eq!(
            json,
            r#"{"kind":"reindex_practitioner","practitioner_id":7}"#
        );
        assert_eq!(serde_json::from_str::<JobKind>(&json).expect("parse"), kind);
    }
}
