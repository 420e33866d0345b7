//! The background workers beside the server: mail delivery, the hourly
//! maintenance pass (licence expiry, visits' lapses and reminders, pruning,
//! reconciliation, the index snapshot) and scheduled backups.

use std::time::Duration;

use chrono::Utc;
use sea_orm::DatabaseConnection;
use tokio_util::sync::CancellationToken;

use crate::{
    housekeeping,
    mail::{self, Mailer},
    practitioners::{self, indexing::Replica},
    state::AppState,
};

/// Writes the embedded index's snapshot, if it has changed, and logs the outcome.
pub(super) async fn save_snapshot(replica: &Replica) {
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

/// Delivers the mail outbox until `shutdown` is cancelled.
pub(super) async fn mail_worker(
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
pub(super) async fn maintenance_worker(
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
        match crate::visits::upkeep::run(&state.db, state.clock.now(), &state.public_url).await {
            Ok(done) => {
                for id in &done.lapsed {
                    state.plans.forget(*id);
                }
                tracing::info!(
                    unconfirmed = done.unconfirmed,
                    lapsed = done.lapsed.len(),
                    reminded = done.reminded,
                    asked_for_reports = done.asked,
                    erased = done.erased,
                    "visits kept up"
                );
            }
            Err(e) => tracing::error!(error = %e, "visit upkeep failed"),
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

/// Takes the server's scheduled backups until `shutdown` is cancelled: at once when
/// the folder's newest is due, then every `schedule.every`.
pub(super) async fn backup_worker(
    schedule: std::sync::Arc<crate::backup::Schedule>,
    shutdown: CancellationToken,
) {
    loop {
        tokio::select! {
            () = shutdown.cancelled() => return,
            () = tokio::time::sleep(schedule.due_in(Utc::now())) => {}
        }
        let started = std::time::Instant::now();
        match schedule.run(Utc::now()).await {
            Ok((name, checked)) => tracing::info!(
                file = %name,
                bytes = checked.bytes,
                practitioners = checked.rows_in("practitioners"),
                elapsed_ms = started.elapsed().as_millis() as u64,
                "backup taken"
            ),
            Err(e) => {
                tracing::error!(error = %e, "scheduled backup failed");
                // Not again at once: the next attempt waits a whole interval.
                tokio::select! {
                    () = shutdown.cancelled() => return,
                    () = tokio::time::sleep(schedule.every) => {}
                }
            }
        }
    }
}
