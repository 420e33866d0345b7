//! The outbox: a change enqueues a re-index job; once it runs, search reflects it.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, TransactionTrait};
use therapist_finder::{
    entities::{job, practitioner},
    jobs,
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
