//! The embedded index follows the index change log: with several servers on one
//! database (`INDEX_REPLICA`) a write reaches every server's search, in any order of
//! commits and under parallel writes, and a server started later catches up; a server
//! that restarts restores its snapshot and applies what changed while it was down, or
//! builds anew when the snapshot does not fit. These run the real follower task
//! (notifications on PostgreSQL, polling on SQLite).

use std::time::{Duration, Instant};

use chrono::Utc;
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, TransactionTrait};
use therapist_finder::{db, entities::practitioner, practitioners};

use crate::support::{
    Stopped, TestApp,
    builders::{PractitionerSpec, insert_practitioner},
};

/// How long a change may take to reach a replica before the test gives up. The
/// promise is 2 s (measured by `scripts/bench`); this bound only catches a change that
/// never arrives.
const GIVE_UP: Duration = Duration::from_secs(20);

/// The slugs a server's search API lists around Austin, TX.
async fn listed_near_austin(app: &TestApp) -> Vec<String> {
    let body: serde_json::Value = app
        .get("/api/v1/practitioners?near=78701&radius_km=50&per_page=100")
        .await
        .json()
        .await
        .expect("json");
    body["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["slug"].as_str().expect("slug").to_owned())
        .collect()
}

/// Waits until every server's search lists exactly `expected` around Austin.
async fn until_every_server_lists(servers: &[&TestApp], expected: &[&str]) {
    let mut expected: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    expected.sort();
    let started = Instant::now();
    for server in servers {
        loop {
            let mut listed = listed_near_austin(server).await;
            listed.sort();
            if listed == expected {
                break;
            }
            assert!(
                started.elapsed() < GIVE_UP,
                "{} lists {listed:?}, not {expected:?}",
                server.address
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Inserts a listed practitioner and logs the change, as a publishing editor does.
async fn publish(app: &TestApp, slug: &str) -> i64 {
    publish_on(&app.state.db, slug).await
}

/// [`publish`] on a database with no server running.
async fn publish_on(db: &DatabaseConnection, slug: &str) -> i64 {
    let txn = db::begin_write(db).await.expect("begin");
    let id = insert_practitioner(&txn, &PractitionerSpec::new(slug)).await;
    practitioners::published_change(&txn, id)
        .await
        .expect("change logged");
    txn.commit().await.expect("commit");
    id
}

/// Lists or unlists a practitioner, logging the change, in `db`'s own transaction.
async fn set_listed(db: &DatabaseConnection, id: i64, listed: bool) {
    let txn = db::begin_write(db).await.expect("begin");
    practitioner::Entity::update(practitioner::ActiveModel {
        id: Set(id),
        listed: Set(listed),
        ..Default::default()
    })
    .exec(&txn)
    .await
    .expect("update");
    practitioners::published_change(&txn, id)
        .await
        .expect("change logged");
    txn.commit().await.expect("commit");
}

#[tokio::test]
async fn a_write_on_one_server_reaches_every_server_and_a_late_starter_catches_up() {
    let a = TestApp::spawn_replica(None).await;
    publish(&a, "before-b").await;
    // B starts after the first write: it builds its index, then follows the log.
    let b = TestApp::spawn_replica(Some(&a)).await;
    until_every_server_lists(&[&a, &b], &["before-b"]).await;

    let second = publish(&b, "written-on-b").await;
    until_every_server_lists(&[&a, &b], &["before-b", "written-on-b"]).await;

    set_listed(&a.state.db, second, false).await;
    until_every_server_lists(&[&a, &b], &["before-b"]).await;
    a.run_pending_jobs().await;
}

#[tokio::test]
async fn a_change_that_commits_after_a_later_one_is_not_skipped() {
    let a = TestApp::spawn_replica(None).await;
    let b = TestApp::spawn_replica(Some(&a)).await;
    let slow = publish(&a, "slow-writer").await;
    let quick = publish(&a, "quick-writer").await;
    until_every_server_lists(&[&a, &b], &["quick-writer", "slow-writer"]).await;

    if a.database_url.starts_with("sqlite") {
        // SQLite admits one writer at a time, so a change cannot commit after one begun
        // later; the log's row order is its commit order.
        set_listed(&a.state.db, slow, false).await;
        set_listed(&a.state.db, quick, false).await;
        until_every_server_lists(&[&a, &b], &[]).await;
        a.run_pending_jobs().await;
        return;
    }
    // The slow transaction logs its change first and commits last.
    let slow_txn = a.state.db.begin().await.expect("begin");
    practitioner::Entity::update(practitioner::ActiveModel {
        id: Set(slow),
        listed: Set(false),
        ..Default::default()
    })
    .exec(&slow_txn)
    .await
    .expect("update");
    practitioners::published_change(&slow_txn, slow)
        .await
        .expect("change logged");
    set_listed(&b.state.db, quick, false).await;
    until_every_server_lists(&[&a, &b], &["slow-writer"]).await;
    slow_txn.commit().await.expect("commit");
    until_every_server_lists(&[&a, &b], &[]).await;
    a.run_pending_jobs().await;
}

#[tokio::test]
async fn parallel_writes_on_two_servers_leave_both_indexes_equal_to_the_database() {
    let a = TestApp::spawn_replica(None).await;
    let b = TestApp::spawn_replica(Some(&a)).await;
    let mut ids = Vec::new();
    for n in 0..12 {
        ids.push(publish(&a, &format!("burst-{n}")).await);
    }
    // Forty writers at once, half through each server's pool, each flipping a listing.
    let writers: Vec<_> = (0..40)
        .map(|n| {
            let db = if n % 2 == 0 {
                a.state.db.clone()
            } else {
                b.state.db.clone()
            };
            let id = ids[n % ids.len()];
            tokio::spawn(async move { set_listed(&db, id, n % 3 != 0).await })
        })
        .collect();
    for writer in writers {
        writer.await.expect("writer");
    }
    let today = Utc::now().date_naive();
    let started = Instant::now();
    for server in [&a, &b] {
        loop {
            let found = practitioners::indexing::reconcile(
                &server.state.db,
                server.state.search.as_ref(),
                today,
            )
            .await
            .expect("reconcile");
            if found.differences() == 0 {
                assert_eq!(found.checked, listed_count(&a).await);
                break;
            }
            assert!(
                started.elapsed() < GIVE_UP,
                "{} still differs from the database: {found:?}",
                server.address
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    a.run_pending_jobs().await;
}

/// How many practitioners the database lists.
async fn listed_count(app: &TestApp) -> usize {
    practitioners::all_documents(&app.state.db, Utc::now().date_naive())
        .await
        .expect("documents")
        .len()
}

/// A server with the embedded index, whatever backend the suite runs with.
async fn spawn_embedded() -> TestApp {
    TestApp::spawn_with(|config| config.meili_url = None).await
}

/// What the search index holds that the database does not say, once the server
/// applied every logged change: none.
async fn differences_from_the_database(app: &TestApp) -> usize {
    app.run_pending_jobs().await;
    let found = practitioners::indexing::reconcile(
        &app.state.db,
        app.state.search.as_ref(),
        Utc::now().date_naive(),
    )
    .await
    .expect("reconcile");
    found.differences()
}

/// Whether the server's index came from its snapshot.
fn restored(app: &TestApp) -> bool {
    app.state
        .replica
        .as_ref()
        .expect("the embedded index")
        .restored()
}

/// A server with one listing, stopped (so its snapshot is saved), and the snapshot's path.
async fn stopped_with_one_listing(slug: &str) -> (Stopped, std::path::PathBuf) {
    let app = spawn_embedded().await;
    publish(&app, slug).await;
    app.run_pending_jobs().await;
    let stopped = app.stop().await;
    let snapshot = stopped.saved_snapshot();
    (stopped, snapshot)
}

#[tokio::test]
async fn a_restart_restores_the_snapshot_and_applies_what_changed_while_down() {
    let app = spawn_embedded().await;
    publish(&app, "kept").await;
    let dropped = publish(&app, "dropped").await;
    app.run_pending_jobs().await;
    assert!(!restored(&app));
    // Writers keep going while the server stops and saves its index.
    let writers: Vec<_> = (0..8)
        .map(|i| {
            let db = app.state.db.clone();
            tokio::spawn(async move { publish_on(&db, &format!("racing-{i}")).await })
        })
        .collect();
    let stopped = app.stop().await;
    for writer in writers {
        writer.await.expect("writer");
    }
    stopped.saved_snapshot();

    let db = sea_orm::Database::connect(&stopped.database_url)
        .await
        .expect("connect");
    set_listed(&db, dropped, false).await;
    publish_on(&db, "added-while-down").await;
    db.close().await.expect("close");

    let app = stopped.start().await;
    assert!(
        restored(&app),
        "the snapshot fits: same database, release and log"
    );
    let mut expected = vec!["added-while-down".to_owned(), "kept".to_owned()];
    expected.extend((0..8).map(|i| format!("racing-{i}")));
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    until_every_server_lists(&[&app], &expected).await;
    assert_eq!(differences_from_the_database(&app).await, 0);
}

#[tokio::test]
async fn a_snapshot_the_log_no_longer_reaches_or_that_is_damaged_is_not_restored() {
    let (stopped, snapshot) = stopped_with_one_listing("before").await;
    let all = &["before", "first-while-down", "second-while-down"];

    // Two changes while down, then a day passes: pruning keeps only the latest, so
    // the first change after the snapshot is gone from the log.
    let db = sea_orm::Database::connect(&stopped.database_url)
        .await
        .expect("connect");
    publish_on(&db, "first-while-down").await;
    publish_on(&db, "second-while-down").await;
    let pruned = therapist_finder::jobs::changes::prune(
        &db,
        Utc::now() + therapist_finder::jobs::changes::KEEP + chrono::TimeDelta::hours(1),
    )
    .await
    .expect("prune");
    assert!(pruned >= 2, "pruned {pruned}");
    db.close().await.expect("close");
    let app = stopped.start().await;
    assert!(!restored(&app));
    until_every_server_lists(&[&app], all).await;
    assert_eq!(differences_from_the_database(&app).await, 0);

    // Saved again at this stop; then one byte changes on disk.
    let stopped = app.stop().await;
    let mut bytes = std::fs::read(&snapshot).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&snapshot, bytes).expect("write");
    let app = stopped.start().await;
    assert!(!restored(&app));
    until_every_server_lists(&[&app], all).await;
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn a_snapshot_from_another_database_is_not_restored() {
    let (stopped, snapshot) = stopped_with_one_listing("elsewhere").await;

    let other = TestApp::spawn_with(|config| {
        config.meili_url = None;
        config.index_snapshot = Some(snapshot.clone());
    })
    .await;
    assert!(!restored(&other));
    until_every_server_lists(&[&other], &[]).await;
    other.run_pending_jobs().await;
    drop(stopped);
}
