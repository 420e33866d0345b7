//! Backups and restore through the binary: a backup taken while a server serves and a
//! writer writes holds every write acknowledged before it began and nothing torn, and
//! restores into a fresh place that a server then serves, its search equal to its
//! rows; `restore` refuses a running server and damaged files; the server's own
//! scheduled backups rotate and show on `/admin`.

use std::{
    path::Path,
    process::Command,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
};

use chrono::{TimeDelta, TimeZone, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait};
use therapist_finder::{backup, entities::rate_event};

use crate::cli::{serve, stop};

/// Runs the binary on `db`; (succeeded, stdout, stderr).
fn run(args: &[&str], db: &str, env: &[(&str, &str)]) -> (bool, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_therapist-finder"));
    cmd.args(args)
        .env("DATABASE_URL", db)
        .env_remove("MEILI_URL")
        .env("RUST_LOG", "off");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run binary");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).trim().to_owned(),
    )
}

fn url(file: &Path) -> String {
    format!("sqlite://{}?mode=rwc", file.display())
}

async fn events(db: &str) -> u64 {
    let conn = sea_orm::Database::connect(db).await.expect("connect");
    let n = rate_event::Entity::find()
        .count(&conn)
        .await
        .expect("count");
    conn.close().await.expect("close");
    n
}

#[tokio::test]
async fn a_backup_under_concurrent_writes_restores_every_acknowledged_write_into_a_fresh_place() {
    let dir = tempfile::tempdir().expect("dir");
    let live = url(&dir.path().join("live.db"));
    let (ok, _, stderr) = run(&["seed", "--demo", "200"], &live, &[]);
    assert!(ok, "{stderr}");
    let log = dir.path().join("live.log");
    let (server, _) = serve(&live, &log, "info", &[("JOB_POLL_SECONDS", "3600")]).await;

    // A writer beside the server: 3,000 writes, one transaction each, counting those
    // acknowledged (committed).
    let acked = Arc::new(AtomicU64::new(0));
    let writer = {
        let (acked, live) = (Arc::clone(&acked), live.clone());
        tokio::spawn(async move {
            let conn = sea_orm::Database::connect(&live).await.expect("connect");
            for i in 0..3_000 {
                let txn = therapist_finder::db::begin_write(&conn)
                    .await
                    .expect("begin");
                rate_event::Entity::insert(rate_event::ActiveModel {
                    id: NotSet,
                    bucket: Set(format!("drill:{i}")),
                    created_at: Set(Utc::now()),
                })
                .exec(&txn)
                .await
                .expect("insert");
                txn.commit().await.expect("commit");
                acked.fetch_add(1, Ordering::SeqCst);
            }
            conn.close().await.expect("close");
        })
    };
    while acked.load(Ordering::SeqCst) < 500 {
        tokio::task::yield_now().await;
    }
    let copy = dir.path().join("backup.sqlite");
    let before = acked.load(Ordering::SeqCst);
    let (ok, printed, stderr) = {
        let (live, copy) = (live.clone(), copy.clone());
        tokio::task::spawn_blocking(move || {
            run(&["backup", copy.to_str().expect("path")], &live, &[])
        })
        .await
        .expect("backup")
    };
    let after = acked.load(Ordering::SeqCst);
    assert!(ok, "{stderr}");
    assert!(
        printed.contains("integrity ok") && printed.contains("practitioners: 200 rows"),
        "{printed}"
    );
    writer.await.expect("writer");
    assert_eq!(events(&live).await, 3_000);

    // Restoring over the live database is refused while its server runs.
    let (ok, _, stderr) = run(&["restore", copy.to_str().expect("path")], &live, &[]);
    assert!(!ok && stderr.contains("a server is running"), "{stderr}");
    assert_eq!(events(&live).await, 3_000, "the live database is untouched");
    stop(server).await;

    // Into a fresh place: every write acknowledged before the backup began, none torn.
    let fresh = url(&dir.path().join("fresh.db"));
    let (ok, printed, stderr) = run(&["restore", copy.to_str().expect("path")], &fresh, &[]);
    assert!(ok, "{stderr}");
    assert!(printed.contains("integrity ok"), "{printed}");
    let restored = events(&fresh).await;
    assert!(
        (before..=after).contains(&restored),
        "{restored} rows: acknowledged {before} before the backup, {after} after"
    );
    let conn = sea_orm::Database::connect(&fresh).await.expect("connect");
    let row = conn
        .query_one_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            "SELECT COUNT(*) AS n, MIN(id) AS lo, MAX(id) AS hi, \
             SUM(bucket = 'drill:' || (id - (SELECT MIN(id) FROM rate_events))) AS ordered \
             FROM rate_events",
        ))
        .await
        .expect("query")
        .expect("row");
    let (n, lo, hi, ordered): (i64, i64, i64, i64) = (
        row.try_get("", "n").expect("n"),
        row.try_get("", "lo").expect("lo"),
        row.try_get("", "hi").expect("hi"),
        row.try_get("", "ordered").expect("ordered"),
    );
    assert_eq!(
        hi - lo + 1,
        n,
        "no gap: the writes are a prefix of the writer's"
    );
    assert_eq!(ordered, n, "each row is the write it was");
    let listed: i64 = conn
        .query_one_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            "SELECT COUNT(*) AS n FROM practitioners WHERE listed AND suspended_at IS NULL",
        ))
        .await
        .expect("query")
        .expect("row")
        .try_get("", "n")
        .expect("n");
    conn.close().await.expect("close");

    // A server on the restored database builds its index from it: search equals rows.
    let log = dir.path().join("fresh.log");
    let (server, _) = serve(&fresh, &log, "info", &[("JOB_POLL_SECONDS", "3600")]).await;
    stop(server).await;
    let logged = std::fs::read_to_string(&log).expect("log");
    assert!(logged.contains("search index built"), "{logged}");
    assert!(
        logged.contains(&format!("documents={listed}")),
        "{listed} listed: {logged}"
    );
}

#[tokio::test]
async fn restore_refuses_damaged_files_and_backup_refuses_to_overwrite_or_postgres() {
    let dir = tempfile::tempdir().expect("dir");
    let live = url(&dir.path().join("live.db"));
    let (ok, _, stderr) = run(&["seed", "--demo", "20"], &live, &[]);
    assert!(ok, "{stderr}");
    let copy = dir.path().join("good.sqlite");
    let (ok, _, stderr) = run(&["backup", copy.to_str().expect("path")], &live, &[]);
    assert!(ok, "{stderr}");
    let (ok, _, stderr) = run(&["backup", copy.to_str().expect("path")], &live, &[]);
    assert!(!ok && stderr.contains("already exists"), "{stderr}");

    let good = std::fs::read(&copy).expect("read");
    let torn = dir.path().join("torn.sqlite");
    std::fs::write(&torn, &good[..good.len() / 2]).expect("write");
    let scribbled = dir.path().join("scribbled.sqlite");
    let mut bytes = good.clone();
    for b in &mut bytes[good.len() / 3..good.len() / 3 + 8192] {
        *b = 0xA5;
    }
    std::fs::write(&scribbled, &bytes).expect("write");
    let text = dir.path().join("notes.sqlite");
    std::fs::write(&text, "not a database\n").expect("write");
    let target = dir.path().join("target.db");
    for bad in [&torn, &scribbled, &text, &dir.path().join("missing.sqlite")] {
        let (ok, _, stderr) = run(
            &["restore", bad.to_str().expect("path")],
            &url(&target),
            &[],
        );
        assert!(!ok, "{} restored", bad.display());
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with("error:") && !stderr.contains("panicked"),
            "{stderr}"
        );
        assert!(
            !target.exists(),
            "nothing put in place for {}",
            bad.display()
        );
    }
    let (ok, _, stderr) = run(
        &[
            "backup",
            dir.path().join("pg.sqlite").to_str().expect("path"),
        ],
        "postgres://nobody@127.0.0.1:1/none",
        &[],
    );
    assert!(!ok && stderr.contains("pg_dump"), "{stderr}");
}

#[tokio::test]
async fn scheduled_backups_rotate_and_a_server_takes_one_at_start() {
    let dir = tempfile::tempdir().expect("dir");
    let live = url(&dir.path().join("live.db"));
    let (ok, _, stderr) = run(&["migrate"], &live, &[]);
    assert!(ok, "{stderr}");
    let folder = dir.path().join("backups");
    let schedule = backup::Schedule::new(
        &live,
        folder.clone(),
        std::time::Duration::from_secs(3600),
        2,
    )
    .expect("a SQLite database");
    let start = Utc
        .with_ymd_and_hms(2026, 12, 6, 3, 0, 0)
        .single()
        .expect("time");
    assert_eq!(
        schedule.due_in(start),
        std::time::Duration::ZERO,
        "none yet"
    );
    for hours in 0..3 {
        schedule
            .run(start + TimeDelta::hours(hours))
            .await
            .expect("backup");
    }
    let kept: Vec<String> = backup::kept(&folder)
        .expect("kept")
        .into_iter()
        .map(|k| k.name)
        .collect();
    assert_eq!(
        kept,
        [
            "therapist-finder-20261206T050000Z.sqlite",
            "therapist-finder-20261206T040000Z.sqlite"
        ]
    );
    assert_eq!(
        schedule.due_in(start + TimeDelta::minutes(150)),
        std::time::Duration::from_secs(30 * 60),
        "due an hour after the newest"
    );
    assert!(schedule.last().is_some_and(|(_, error)| error.is_none()));
    assert!(
        backup::Schedule::new(
            "postgres://x@127.0.0.1/y",
            folder,
            std::time::Duration::from_secs(60),
            1
        )
        .is_err()
    );

    // A server with BACKUP_DIR takes one at start-up and its admin page says so.
    let log = dir.path().join("server.log");
    let folder = dir.path().join("served");
    let (server, _) = serve(
        &live,
        &log,
        "info",
        &[
            ("BACKUP_DIR", folder.to_str().expect("path")),
            ("BACKUP_EVERY", "24h"),
            ("BACKUP_KEEP", "3"),
        ],
    )
    .await;
    let mut taken = Vec::new();
    for _ in 0..100 {
        taken = backup::kept(&folder).expect("kept");
        if !taken.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    stop(server).await;
    assert_eq!(
        taken.len(),
        1,
        "{}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );
    assert!(
        std::fs::read_to_string(&log)
            .expect("log")
            .contains("backup taken")
    );
    backup::check(&folder.join(&taken[0].name))
        .await
        .expect("a whole backup");
}

#[tokio::test]
async fn the_admin_page_shows_the_scheduled_backups_of_a_sqlite_database() {
    let folder = tempfile::tempdir().expect("dir");
    let backups = folder.path().join("backups");
    if crate::support::postgres_base_url().is_some() {
        // PostgreSQL has pg_dump: a server refuses BACKUP_DIR and says so.
        let dir = tempfile::tempdir().expect("dir");
        let mut config = crate::support::TestApp::config(&dir).await;
        config.backup_dir = Some(backups);
        let refused = therapist_finder::app::connect(&config)
            .await
            .err()
            .expect("refused");
        assert!(refused.to_string().contains("pg_dump"), "{refused}");
        return;
    }
    let app = crate::support::TestApp::spawn_with(|c| c.backup_dir = Some(backups.clone())).await;
    let (admin, _) = crate::support::visitor::admin(&app, "ops@example.com").await;
    // The server takes the first backup as it starts (the folder had none).
    let schedule = app.state.backups.clone().expect("scheduled");
    for _ in 0..100 {
        if schedule.last().is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let first = backup::kept(&backups).expect("kept");
    assert_eq!(first.len(), 1, "one backup at start-up");
    let (name, _) = schedule
        .run(Utc::now() + TimeDelta::hours(1))
        .await
        .expect("backup");
    let page = admin.page("/admin").await;
    assert!(
        page.contains(&name) && page.contains(&first[0].name) && page.contains("Last attempt"),
        "{page}"
    );
    assert!(
        page.contains("every 24 h") && page.contains("newest 7"),
        "{page}"
    );
}
