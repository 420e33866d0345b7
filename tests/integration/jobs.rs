//! The outbox: a change enqueues a re-index job; once it runs, search reflects it.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, TransactionTrait};
use therapist_finder::{
    app,
    entities::{job, practitioner},
    jobs,
    practitioners::{self, indexing},
    search::SearchQuery,
};

use crate::support::{
    TestApp,
    builders::{PractitionerSpec, insert_practitioner},
};

async fn search_austin(app: &TestApp) -> Vec<String> {
    let query = SearchQuery::near(30.2672, -97.7431, 25.0, 0);
    app.state
        .search
        .search(&query)
        .await
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.doc.slug)
        .collect()
}

#[tokio::test]
async fn reindex_job_adds_changes_and_removes_a_practitioner() {
    let app = TestApp::spawn().await;
    let id = insert_practitioner(&app.state.db, &PractitionerSpec::new("late-joiner")).await;
    assert!(
        search_austin(&app).await.is_empty(),
        "not indexed before the job"
    );

    let txn = app.state.db.begin().await.expect("txn");
    jobs::enqueue_reindex(&txn, id).await.expect("enqueue");
    txn.commit().await.expect("commit");
    app.run_pending_jobs().await;
    assert_eq!(search_austin(&app).await, ["late-joiner"]);

    let txn = app.state.db.begin().await.expect("txn");
    let row = practitioner::Entity::find_by_id(id)
        .one(&txn)
        .await
        .expect("q")
        .expect("row");
    let mut row: practitioner::ActiveModel = row.into();
    row.listed = Set(false);
    row.update(&txn).await.expect("unlist");
    jobs::enqueue_reindex(&txn, id).await.expect("enqueue");
    txn.commit().await.expect("commit");
    app.run_pending_jobs().await;
    assert!(
        search_austin(&app).await.is_empty(),
        "unlisted practitioner left search"
    );

    let statuses: Vec<String> = job::Entity::find()
        .all(&app.state.db)
        .await
        .expect("jobs")
        .into_iter()
        .map(|j| j.status)
        .collect();
    assert_eq!(statuses, ["done", "done"]);
}

#[tokio::test]
async fn a_rolled_back_write_enqueues_nothing() {
    let app = TestApp::spawn().await;
    let id = insert_practitioner(&app.state.db, &PractitionerSpec::new("rolled-back")).await;
    let txn = app.state.db.begin().await.expect("txn");
    jobs::enqueue_reindex(&txn, id).await.expect("enqueue");
    txn.rollback().await.expect("rollback");
    assert!(
        job::Entity::find()
            .all(&app.state.db)
            .await
            .expect("jobs")
            .is_empty()
    );
}

#[tokio::test]
async fn a_job_left_running_by_a_crash_is_taken_up_again_after_its_lease() {
    let app = TestApp::spawn().await;
    let id = insert_practitioner(&app.state.db, &PractitionerSpec::new("crash-orphan")).await;
    let txn = app.state.db.begin().await.expect("txn");
    jobs::enqueue_reindex(&txn, id).await.expect("enqueue");
    txn.commit().await.expect("commit");
    // A worker claimed it and died: running, last touched longer ago than the lease.
    let row = job::Entity::find()
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("job");
    let mut running: job::ActiveModel = row.into();
    running.status = Set("running".into());
    running.updated_at = Set(chrono::Utc::now() - jobs::LEASE - chrono::TimeDelta::minutes(1));
    running.update(&app.state.db).await.expect("orphan");
    app.run_pending_jobs().await;
    assert_eq!(search_austin(&app).await, ["crash-orphan"]);
    let statuses: Vec<String> = job::Entity::find()
        .all(&app.state.db)
        .await
        .expect("jobs")
        .into_iter()
        .map(|j| j.status)
        .collect();
    assert_eq!(statuses, ["done"]);
}

/// Makes every queued job due now instead of waiting out its backoff.
async fn make_due_now(app: &TestApp) {
    for row in job::Entity::find().all(&app.state.db).await.expect("jobs") {
        let mut due: job::ActiveModel = row.into();
        due.run_at = Set(chrono::Utc::now() - chrono::TimeDelta::seconds(1));
        due.update(&app.state.db).await.expect("due");
    }
}

/// A handler whose every job fails, as during a long search outage.
struct Outage;

#[async_trait::async_trait]
impl jobs::JobHandler for Outage {
    async fn handle(&self, _: &jobs::JobKind) -> Result<(), String> {
        Err("search is down".into())
    }
}

#[tokio::test]
async fn index_work_is_retried_through_a_long_outage_and_never_parked() {
    let app = TestApp::spawn().await;
    let id = insert_practitioner(&app.state.db, &PractitionerSpec::new("outage")).await;
    let txn = app.state.db.begin().await.expect("txn");
    jobs::enqueue_reindex(&txn, id).await.expect("enqueue");
    txn.commit().await.expect("commit");
    for _ in 0..(jobs::MAX_ATTEMPTS + 3) {
        // Make the retry due now instead of waiting out the backoff.
        make_due_now(&app).await;
        let report = jobs::run_due(&app.state.db, &Outage).await.expect("pass");
        assert_eq!(report.failed, 1);
    }
    let row = job::Entity::find()
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("job");
    assert_eq!(row.status, "pending", "still waiting to be retried");
    assert_eq!(row.attempts, jobs::MAX_ATTEMPTS + 3);
    assert!(row.run_at > chrono::Utc::now(), "after a backoff");
    make_due_now(&app).await;
    app.run_pending_jobs().await;
    assert_eq!(
        search_austin(&app).await,
        ["outage"],
        "and it lands once search is back"
    );
}

#[tokio::test]
async fn admins_see_the_search_update_backlog_and_its_latest_error() {
    let app = TestApp::spawn().await;
    let id = insert_practitioner(&app.state.db, &PractitionerSpec::new("backlog")).await;
    let txn = app.state.db.begin().await.expect("txn");
    jobs::enqueue_reindex(&txn, id).await.expect("enqueue");
    jobs::enqueue_reindex(&txn, id).await.expect("enqueue");
    txn.commit().await.expect("commit");
    jobs::run_due(&app.state.db, &Outage).await.expect("pass");
    let (admin, _) = crate::support::visitor::admin(&app, "ops@example.com").await;
    let page = admin.page("/admin").await;
    assert!(
        page.contains("<dt>Waiting</dt><dd>2 (2 being retried after a failure)</dd>"),
        "{page}"
    );
    assert!(
        page.contains("<dt>Latest error</dt><dd>search is down</dd>"),
        "{page}"
    );
    // Once search is back, the backlog drains.
    make_due_now(&app).await;
    app.run_pending_jobs().await;
    assert!(
        admin
            .page("/admin")
            .await
            .contains("<dt>Waiting</dt><dd>0</dd>")
    );
}

#[tokio::test]
async fn reconciliation_queues_every_difference_and_then_finds_none() {
    let app = TestApp::spawn().await;
    let mut ids = Vec::new();
    for slug in ["kept", "changed", "dropped"] {
        ids.push(insert_practitioner(&app.state.db, &PractitionerSpec::new(slug)).await);
    }
    let unlisted = insert_practitioner(
        &app.state.db,
        &PractitionerSpec {
            listed: false,
            ..PractitionerSpec::new("unlisted")
        },
    )
    .await;
    let today = chrono::Utc::now().date_naive();
    let mut docs = practitioners::documents_for(&app.state.db, &ids, today)
        .await
        .expect("docs");
    assert_eq!(docs.len(), 3);
    // The index drifts: one document is stale, one is missing, and two should not be
    // there at all (an unlisted practitioner and one the database never had).
    docs[1].display_name = "An old name".into();
    let mut ghost = docs[0].clone();
    ghost.id = unlisted;
    let mut stranger = docs[0].clone();
    stranger.id = i64::from(i32::MAX) + 7;
    app.state
        .search
        .upsert(vec![docs[0].clone(), docs[1].clone(), ghost, stranger])
        .await
        .expect("drift");

    let found = indexing::reconcile(&app.state.db, app.state.search.as_ref(), today)
        .await
        .expect("reconcile");
    assert_eq!(
        (found.checked, found.missing, found.stale, found.extra),
        (3, 1, 1, 2)
    );
    assert_eq!(jobs::unfinished(&app.state.db).await.expect("count"), 4);
    app.run_pending_jobs().await;
    let again = indexing::reconcile(&app.state.db, app.state.search.as_ref(), today)
        .await
        .expect("reconcile");
    assert_eq!(again.differences(), 0, "{again:?}");
    let mut slugs = search_austin(&app).await;
    slugs.sort();
    assert_eq!(slugs, ["changed", "dropped", "kept"]);
}

#[tokio::test]
async fn a_rebuild_while_serving_misses_no_edit() {
    let app = TestApp::spawn().await;
    let id = insert_practitioner(&app.state.db, &PractitionerSpec::new("edited")).await;
    let txn = app.state.db.begin().await.expect("txn");
    jobs::enqueue_reindex(&txn, id).await.expect("enqueue");
    jobs::enqueue_reindex(&txn, id)
        .await
        .expect("enqueue twice");
    txn.commit().await.expect("commit");
    app.run_pending_jobs().await;
    // The edit was applied to the live index; a rebuild that read the practitioner
    // before the edit committed would swap in the old document.
    app::rebuild_index(&app.state).await.expect("rebuild");
    let pending = job::Entity::find()
        .all(&app.state.db)
        .await
        .expect("jobs")
        .into_iter()
        .filter(|j| j.status == "pending")
        .count();
    if app.state.search.is_shared() {
        // A shared index has no change log position: every recent edit is queued once
        // more, whatever the rebuild read.
        assert_eq!(pending, 1, "one job per practitioner edited recently");
    } else {
        // The embedded index applied the changes logged since the rebuild began.
        assert_eq!(pending, 0);
        assert_eq!(
            app.state
                .replica
                .as_ref()
                .expect("follows the log")
                .position()
                .await,
            jobs::changes::latest(&app.state.db).await.expect("latest")
        );
    }
    app.run_pending_jobs().await;
    assert_eq!(search_austin(&app).await, ["edited"]);
}

#[tokio::test]
async fn a_server_alone_on_its_database_takes_back_running_jobs_without_waiting() {
    let app = TestApp::spawn().await;
    let id = insert_practitioner(&app.state.db, &PractitionerSpec::new("taken-back")).await;
    jobs::enqueue_reindex(&app.state.db, id)
        .await
        .expect("enqueue");
    // Claimed a moment ago by a server that was then killed: its lease has not run out.
    let row = job::Entity::find()
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("job");
    let mut running: job::ActiveModel = row.into();
    running.status = Set("running".into());
    running.updated_at = Set(chrono::Utc::now());
    running.update(&app.state.db).await.expect("claimed");
    app.run_pending_jobs().await;
    let unfinished = || async { jobs::unfinished(&app.state.db).await.expect("count") };
    assert_eq!(unfinished().await, 1, "still under its lease");
    assert_eq!(
        jobs::release_abandoned(&app.state.db)
            .await
            .expect("release"),
        1
    );
    app.run_pending_jobs().await;
    assert_eq!(unfinished().await, 0);
    assert_eq!(search_austin(&app).await, ["taken-back"]);
}

/// Fails any job for practitioner 13, and (by the default batch handling) any batch
/// that holds one.
struct Unlucky;

#[async_trait::async_trait]
impl jobs::JobHandler for Unlucky {
    async fn handle(&self, kind: &jobs::JobKind) -> Result<(), String> {
        match kind {
            jobs::JobKind::ReindexPractitioner {
                practitioner_id: 13,
            } => Err("unlucky".into()),
            jobs::JobKind::ReindexPractitioner { .. } => Ok(()),
        }
    }
}

/// A migrated database of its own, with no server whose worker could take jobs first.
async fn bare_database() -> (sea_orm::DatabaseConnection, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("dir");
    let config = TestApp::config(&dir).await;
    let db = therapist_finder::db::connect(config.database_url.expose())
        .await
        .expect("connect");
    therapist_finder::db::migrate(&db).await.expect("migrate");
    (db, dir)
}

#[tokio::test]
async fn one_failing_job_in_a_batch_does_not_hold_back_the_others() {
    let (db, _dir) = bare_database().await;
    for id in [11, 12, 13, 14] {
        jobs::enqueue_reindex(&db, id).await.expect("enqueue");
    }
    let report = jobs::run_due(&db, &Unlucky).await.expect("pass");
    assert_eq!((report.done, report.failed), (3, 1));
    let mut states: Vec<(i64, String, i32)> = job::Entity::find()
        .all(&db)
        .await
        .expect("jobs")
        .into_iter()
        .map(|j| (j.id, j.status, j.attempts))
        .collect();
    states.sort();
    let states: Vec<(&str, i32)> = states.iter().map(|(_, s, a)| (s.as_str(), *a)).collect();
    assert_eq!(
        states,
        [("done", 0), ("done", 0), ("pending", 1), ("done", 0)]
    );
}

/// Counts how many times each practitioner's job was handed over.
#[derive(Default)]
struct Counting(std::sync::Mutex<std::collections::HashMap<i64, u32>>);

#[async_trait::async_trait]
impl jobs::JobHandler for Counting {
    async fn handle(&self, kind: &jobs::JobKind) -> Result<(), String> {
        let jobs::JobKind::ReindexPractitioner { practitioner_id } = kind;
        *self
            .0
            .lock()
            .expect("lock")
            .entry(*practitioner_id)
            .or_default() += 1;
        tokio::task::yield_now().await;
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn four_workers_racing_for_one_queue_hand_each_job_over_once() {
    let (db, _dir) = bare_database().await;
    for id in 1..=1000 {
        jobs::enqueue_reindex(&db, id).await.expect("enqueue");
    }
    let handler = std::sync::Arc::new(Counting::default());
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (db, handler) = (db.clone(), handler.clone());
            tokio::spawn(async move { jobs::run_due(&db, handler.as_ref()).await })
        })
        .collect();
    let mut done = 0;
    for worker in workers {
        done += worker.await.expect("worker").expect("pass").done;
    }
    assert_eq!(done, 1000);
    let counts = handler.0.lock().expect("lock").clone();
    assert_eq!(counts.len(), 1000);
    assert!(
        counts.values().all(|n| *n == 1),
        "a job was handed over twice"
    );
    assert_eq!(jobs::unfinished(&db).await.expect("count"), 0);
}
