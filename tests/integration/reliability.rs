//! Staying up and keeping tables bounded: pruning, the single-server rule for a private
//! index, slow clients cut off, and junk that only looks like a ZIP.

use std::time::Duration;

use chrono::{TimeDelta, Utc};
use sea_orm::{ActiveValue::Set, EntityTrait, NotSet, PaginatorTrait};
use therapist_finder::{
    accounts, db,
    entities::{index_change, job, mail, one_time_token, rate_event, session},
    housekeeping, jobs,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::TestApp;

#[tokio::test]
async fn pruning_deletes_what_has_served_its_purpose_and_nothing_else() {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let user = accounts::create_admin(db, "keeper@example.com", "a long enough passphrase")
        .await
        .expect("admin");
    let now = Utc::now();
    let long_ago = now - TimeDelta::days(30);
    for (id, expires) in [
        ("old-session", long_ago),
        ("live-session", now + TimeDelta::days(1)),
    ] {
        session::Entity::insert(session::ActiveModel {
            id: Set(id.into()),
            user_id: Set(user.id),
            created_at: Set(long_ago),
            expires_at: Set(expires),
            second_factor_at: Set(None),
        })
        .exec(db)
        .await
        .expect("session");
    }
    for (id, expires, used) in [
        ("expired-token", long_ago, None),
        ("used-token", now + TimeDelta::days(1), Some(now)),
        ("live-token", now + TimeDelta::days(1), None),
    ] {
        one_time_token::Entity::insert(one_time_token::ActiveModel {
            id: Set(id.into()),
            user_id: Set(user.id),
            purpose: Set("reset".into()),
            expires_at: Set(expires),
            used_at: Set(used),
            created_at: Set(long_ago),
        })
        .exec(db)
        .await
        .expect("token");
    }
    for at in [long_ago, now] {
        rate_event::Entity::insert(rate_event::ActiveModel {
            id: NotSet,
            bucket: Set("login:address:192.0.2.1".into()),
            created_at: Set(at),
        })
        .exec(db)
        .await
        .expect("rate event");
    }
    for _ in 0..3 {
        jobs::enqueue_reindex(db, 1).await.expect("job");
    }
    let queued = job::Entity::find().all(db).await.expect("jobs");
    for (row, (status, touched)) in
        queued
            .into_iter()
            .zip([("done", long_ago), ("done", now), ("failed", long_ago)])
    {
        job::Entity::update(job::ActiveModel {
            id: Set(row.id),
            status: Set(status.into()),
            updated_at: Set(touched),
            ..Default::default()
        })
        .exec(db)
        .await
        .expect("job state");
    }
    for _ in 0..2 {
        therapist_finder::mail::enqueue(db, "a@example.com", "Hello", "Body")
            .await
            .expect("mail");
    }
    let messages = mail::Entity::find().all(db).await.expect("mail");
    mail::Entity::update(mail::ActiveModel {
        id: Set(messages[0].id),
        status: Set("sent".into()),
        sent_at: Set(Some(long_ago)),
        ..Default::default()
    })
    .exec(db)
    .await
    .expect("sent");

    // Of the three changes the jobs logged, one is older than the log keeps.
    let logged = index_change::Entity::find().all(db).await.expect("changes");
    assert_eq!(logged.len(), 3);
    index_change::Entity::update(index_change::ActiveModel {
        id: Set(logged[0].id),
        created_at: Set(long_ago),
        ..Default::default()
    })
    .exec(db)
    .await
    .expect("old change");

    let pruned = housekeeping::prune(db, now).await.expect("prune");
    assert_eq!(
        pruned,
        housekeeping::Pruned {
            sessions: 1,
            tokens: 2,
            rate_events: 1,
            jobs: 1,
            mail: 1,
            index_changes: 1,
        }
    );
    assert_eq!(
        index_change::Entity::find()
            .all(db)
            .await
            .expect("changes")
            .len(),
        2
    );
    let sessions: Vec<String> = session::Entity::find()
        .all(db)
        .await
        .expect("sessions")
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert!(
        sessions.contains(&"live-session".to_owned()),
        "{sessions:?}"
    );
    assert!(!sessions.contains(&"old-session".to_owned()));
    assert_eq!(
        one_time_token::Entity::find().count(db).await.expect("n"),
        1
    );
    assert_eq!(rate_event::Entity::find().count(db).await.expect("n"), 1);
    // A recent finished job and a failed one stay, for admins to look at.
    assert_eq!(job::Entity::find().count(db).await.expect("n"), 2);
    // Pending mail is never pruned.
    assert_eq!(mail::Entity::find().count(db).await.expect("n"), 1);
    assert_eq!(
        housekeeping::prune(db, now).await.expect("again").total(),
        0
    );
    job::Entity::delete_many()
        .exec(db)
        .await
        .expect("clear jobs");
}

#[tokio::test]
async fn a_server_with_a_private_index_never_shares_its_database() {
    let app = TestApp::spawn().await;
    let url = &app.database_url;
    let private = !app.state.search.is_shared();
    // The test server holds the database: alone with the embedded index, shared with
    // Meilisearch. A private-index server is refused either way; a shared-index
    // server only beside a private one.
    assert!(
        matches!(
            db::lock_server(url, true).await,
            Err(db::ServerLockError::InUse)
        ),
        "a second server with a private index"
    );
    let beside = db::lock_server(url, false).await;
    if private {
        assert!(
            matches!(beside, Err(db::ServerLockError::HeldAlone)),
            "{beside:?}"
        );
    } else {
        let beside = beside.expect("servers sharing Meilisearch run side by side");
        drop(beside);
    }
}

#[tokio::test]
async fn another_spelling_of_the_same_sqlite_file_finds_the_same_lock() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("directory.db");
    std::fs::write(&file, b"").expect("file");
    let link = dir.path().join("link.db");
    std::os::unix::fs::symlink(&file, &link).expect("symlink");
    let held = db::lock_server(&format!("sqlite://{}?mode=rwc", file.display()), true)
        .await
        .expect("the first server");
    let escaped = format!("sqlite://{}/directory%2Edb?mode=rwc", dir.path().display());
    let relative = format!(
        "sqlite://{}/../{}/directory.db",
        dir.path().display(),
        dir.path().file_name().expect("name").to_string_lossy()
    );
    for other in [escaped, format!("sqlite://{}", link.display()), relative] {
        assert!(
            matches!(
                db::lock_server(&other, true).await,
                Err(db::ServerLockError::InUse)
            ),
            "{other} started a second server on the same file"
        );
    }
    drop(held);
    db::lock_server(&format!("sqlite://{}", link.display()), true)
        .await
        .expect("free once the first server stops");
}

#[tokio::test]
async fn the_binary_refuses_to_serve_a_database_another_server_uses_with_a_private_index() {
    let app = TestApp::spawn().await;
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_therapist-finder"))
        .arg("serve")
        .env("DATABASE_URL", &app.database_url)
        .env_remove("MEILI_URL")
        .env("BIND", "127.0.0.1:0")
        .env("DEMO_PRACTITIONERS", "0")
        .env("RUST_LOG", "off")
        .output();
    let out = tokio::time::timeout(Duration::from_secs(60), out)
        .await
        .expect("the second server stops by itself")
        .expect("run binary");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("another server is already running on this database"),
        "{stderr}"
    );
}

/// Reads until the server closes the connection; returns what it sent.
async fn read_until_closed(stream: &mut tokio::net::TcpStream) -> Vec<u8> {
    let mut got = Vec::new();
    let mut buf = [0_u8; 4096];
    loop {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return got,
            Ok(n) => got.extend_from_slice(&buf[..n]),
        }
    }
}

#[tokio::test]
async fn a_client_that_trickles_its_headers_is_cut_off() {
    let app = TestApp::spawn().await;
    let addr = app.address.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    let trickle = async {
        for byte in b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " {
            if stream.write_all(&[*byte]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        // Every header byte sent without the server hanging up: keep the line open.
        std::future::pending::<()>().await;
    };
    // The deadline is for the whole header, not for each byte: one byte a second
    // would otherwise hold the connection for ever.
    let cut = tokio::time::timeout(
        therapist_finder::app::HEADER_DEADLINE + Duration::from_secs(15),
        trickle,
    )
    .await;
    assert!(cut.is_ok(), "the connection was still open");
    // And a client that sends its headers in time is served as usual.
    assert_eq!(app.get("/healthz").await.status(), 200);
    let mut quick = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    quick
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .expect("send");
    let answer = read_until_closed(&mut quick).await;
    assert!(answer.starts_with(b"HTTP/1.1 200"), "{answer:?}");
}

#[tokio::test]
async fn a_client_that_trickles_its_body_gets_an_answer_and_loses_the_connection() {
    let app = TestApp::spawn().await;
    let addr = app.address.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    stream
        .write_all(
            b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\n",
        )
        .await
        .expect("headers");
    let (mut reader, mut writer) = stream.into_split();
    let trickle = tokio::spawn(async move {
        // 200 bytes at one a second would take over three minutes.
        for _ in 0..200 {
            if writer.write_all(b"a").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
    let mut answer = Vec::new();
    let read = tokio::time::timeout(
        therapist_finder::app::BODY_DEADLINE + Duration::from_secs(15),
        reader.read_to_end(&mut answer),
    )
    .await;
    trickle.abort();
    assert!(read.is_ok(), "the connection was still open");
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 4"), "{answer}");
}

#[tokio::test]
async fn text_that_only_starts_like_a_zip_is_refused_not_guessed() {
    let app = TestApp::spawn().await;
    let response = app
        .get("/api/v1/practitioners?near=10001)%20OR%20x&radius_km=25")
        .await;
    assert_eq!(response.status(), 422);
    let body: serde_json::Value = response.json().await.expect("json");
    assert!(body["error"]["fields"]["near"].is_string(), "{body}");
    let html = app
        .get("/search?near=10001)%20OR%20x")
        .await
        .text()
        .await
        .expect("text");
    assert!(
        html.contains("We could not find &quot;10001) OR x&quot;"),
        "the page names what it could not find"
    );
    let ok = app.get("/api/v1/practitioners?near=10001-1234").await;
    assert_eq!(ok.status(), 200);
}

/// A server that closes connections after one idle second, holding at most `max`.
async fn strict_server(max: u64) -> (TestApp, String) {
    let app = TestApp::spawn_with(|c| {
        c.connection_idle_seconds = 1;
        c.max_connections = max;
    })
    .await;
    let addr = app.address.trim_start_matches("http://").to_owned();
    (app, addr)
}

/// Reads until the server closes the socket; `None` if it is still open after `bound`
/// (a bound on the test, far past the one idle second allowed).
async fn closed_within(stream: &mut tokio::net::TcpStream, bound: Duration) -> Option<Vec<u8>> {
    tokio::time::timeout(bound, read_until_closed(stream))
        .await
        .ok()
}

#[tokio::test]
async fn connections_that_send_nothing_or_go_quiet_are_closed_on_http_1_and_2() {
    let (app, addr) = strict_server(1024).await;
    let bound = Duration::from_secs(10);
    // Silent from the start: not a byte sent.
    let mut silent = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    assert_eq!(
        closed_within(&mut silent, bound).await,
        Some(Vec::new()),
        "a silent connection is closed, unanswered"
    );
    // One request on a kept-alive HTTP/1.1 connection, then nothing.
    let mut kept = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    kept.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("send");
    let answer = closed_within(&mut kept, bound)
        .await
        .expect("the idle keep-alive connection is closed");
    assert!(answer.starts_with(b"HTTP/1.1 200"), "{answer:?}");
    // HTTP/2 with prior knowledge: the preface and an empty SETTINGS frame, then nothing.
    let mut h2 = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    h2.write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\0\0\0\x04\0\0\0\0\0")
        .await
        .expect("preface");
    let frames = closed_within(&mut h2, bound)
        .await
        .expect("the idle HTTP/2 connection is closed");
    assert_eq!(
        frames.get(3),
        Some(&4),
        "the server answered with SETTINGS first"
    );
    // A connection that keeps talking is not cut: three requests two-thirds of a
    // second apart outlast the idle second.
    let mut busy = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    let mut buf = [0_u8; 4096];
    for _ in 0..3 {
        busy.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .expect("send");
        let n = busy.read(&mut buf).await.expect("answer");
        assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
        tokio::time::sleep(Duration::from_millis(650)).await;
    }
    assert_eq!(app.get("/healthz").await.status(), 200);
}

#[tokio::test]
async fn past_the_connection_cap_new_connections_wait_for_one_to_close() {
    let (app, addr) = strict_server(2).await;
    // Two connections that each hold their slot until the idle second closes them.
    let mut held = Vec::new();
    for _ in 0..2 {
        held.push(
            tokio::net::TcpStream::connect(&addr)
                .await
                .expect("connect"),
        );
    }
    // Give the server the moment it needs to accept both (the test's own pace, not a
    // deadline of the server's).
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut third = tokio::net::TcpStream::connect(&addr).await.expect("queued");
    third
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .expect("send");
    let sent = std::time::Instant::now();
    // Served once a held one is closed for idleness (a second after it was accepted),
    // not before, and never refused or dropped.
    let answer = closed_within(&mut third, Duration::from_secs(10))
        .await
        .expect("answered");
    assert!(answer.starts_with(b"HTTP/1.1 200"), "{answer:?}");
    assert!(
        sent.elapsed() >= Duration::from_millis(500),
        "answered after {:?}: the cap let a third connection in",
        sent.elapsed()
    );
    for mut h in held {
        assert_eq!(
            closed_within(&mut h, Duration::from_secs(10)).await,
            Some(Vec::new())
        );
    }
    assert_eq!(app.get("/healthz").await.status(), 200);
}
