//! Bad configuration gives one clear line and a non-zero exit, never a panic.

use std::process::Command;

pub(crate) fn run(args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_therapist-finder"));
    cmd.args(args)
        .env_remove("DATABASE_URL")
        .env_remove("MEILI_URL")
        .env("RUST_LOG", "off");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run binary");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).trim().to_owned(),
    )
}

fn assert_one_clear_line(stderr: &str, needle: &str) {
    assert_eq!(
        stderr.lines().count(),
        1,
        "one line expected, got: {stderr}"
    );
    assert!(stderr.starts_with("error:"), "{stderr}");
    assert!(stderr.contains(needle), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn unreachable_database_is_one_line() {
    let (ok, stderr) = run(
        &["migrate"],
        &[("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")],
    );
    assert!(!ok);
    assert_one_clear_line(&stderr, "database");
}

#[test]
fn malformed_meili_url_is_one_line() {
    let (ok, stderr) = run(&["migrate"], &[("MEILI_URL", "localhost:7700")]);
    assert!(!ok);
    assert_one_clear_line(&stderr, "MEILI_URL");
}

#[test]
fn port_in_use_is_one_line() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite://{}?mode=rwc", dir.path().join("x.db").display());
    let (ok, stderr) = run(&["serve"], &[("BIND", &addr), ("DATABASE_URL", &db)]);
    assert!(!ok);
    assert_one_clear_line(&stderr, &addr);
}

#[test]
fn help_documents_every_setting() {
    let out = Command::new(env!("CARGO_BIN_EXE_therapist-finder"))
        .arg("--help")
        .output()
        .expect("run");
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for setting in [
        "DATABASE_URL",
        "BIND",
        "MEILI_URL",
        "MEILI_MASTER_KEY",
        "QUESTIONNAIRE_FILE",
        "BACKUP_DIR",
        "BACKUP_EVERY",
        "BACKUP_KEEP",
        "LOG_FORMAT",
    ] {
        assert!(help.contains(setting), "--help lacks {setting}");
    }
}

#[test]
fn admin_create_import_roster_and_licences_expire_run_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite://{}?mode=rwc", dir.path().join("cli.db").display());
    let cli = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_therapist-finder"));
        cmd.args(args)
            .env("DATABASE_URL", &db)
            .env_remove("MEILI_URL")
            .env("RUST_LOG", "off");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("run binary");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, stdout, stderr) = cli(
        &["admin", "create", "--email", "ops@example.com"],
        &[("ADMIN_PASSWORD", "a long admin password")],
    );
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("admin ops@example.com can now log in"),
        "{stdout}"
    );
    let (ok, _, stderr) = cli(
        &["admin", "create", "--email", "ops@example.com"],
        &[("ADMIN_PASSWORD", "short")],
    );
    assert!(
        !ok && stderr.starts_with("error:") && stderr.contains("password"),
        "{stderr}"
    );

    let roster = dir.path().join("tx.csv");
    std::fs::write(&roster, "license_number,name,status,expiration_date\nMT-1,JANE DOE,active,2030-01-31\n,NO NUMBER,active,\n").expect("write");
    let mapping = generic_mapping(dir.path());
    // Half the rows unreadable: refused at the default 2%, read with a looser limit.
    let (ok, _, stderr) = cli(
        &[
            "import-roster",
            "--jurisdiction",
            "tx",
            "--mapping",
            &mapping,
            roster.to_str().expect("utf8"),
        ],
        &[],
    );
    assert!(
        !ok && stderr.contains("1 of 2 rows could not be read"),
        "{stderr}"
    );
    let (ok, stdout, stderr) = cli(
        &[
            "import-roster",
            "--jurisdiction",
            "tx",
            "--date",
            "2026-11-01",
            "--mapping",
            &mapping,
            "--max-invalid-share",
            "0.5",
            roster.to_str().expect("utf8"),
        ],
        &[],
    );
    assert!(ok, "{stderr}");
    assert!(
        stdout.starts_with(
            "rows read 2, other professions 0, matched 0, verified 0, conflicts 0, invalid 1, missing 0"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("line 3: column license_number: \"\" is not a licence number"),
        "{stdout}"
    );
    std::fs::write(&roster, "nothing,useful\n1,2\n").expect("write");
    let (ok, _, stderr) = cli(
        &[
            "import-roster",
            "--jurisdiction",
            "TX",
            "--mapping",
            &mapping,
            roster.to_str().expect("utf8"),
        ],
        &[],
    );
    assert!(
        !ok && stderr.contains("nothing was imported: line 1"),
        "{stderr}"
    );

    let (ok, stdout, stderr) = cli(&["licences", "expire"], &[]);
    assert!(ok, "{stderr}");
    assert_eq!(stdout.trim(), "expired 0, reminded 0");
}

#[tokio::test]
async fn a_roster_imported_from_the_command_line_leaves_search_updates_to_the_server() {
    use therapist_finder::{jobs, search::SearchQuery};

    use crate::support::{
        TestApp,
        builders::{PractitionerSpec, insert_practitioner},
    };

    let app = TestApp::spawn().await;
    let mut spec = PractitionerSpec::new("jane-doe");
    spec.display_name = "Jane Doe".into();
    spec.licence_status = Some("pending");
    let id = insert_practitioner(&app.state.db, &spec).await;
    app.run_pending_jobs().await;
    let verified_only = || {
        let mut q = SearchQuery::near(30.2672, -97.7431, 10.0, 0);
        q.verified_only = true;
        q
    };
    assert_eq!(
        app.state
            .search
            .search(&verified_only())
            .await
            .expect("search")
            .total,
        0
    );

    let expiry = (chrono::Utc::now().date_naive() + chrono::TimeDelta::days(365)).to_string();
    let dir = tempfile::tempdir().expect("dir");
    let roster = dir.path().join("tx.csv");
    std::fs::write(
        &roster,
        format!(
            "license_number,name,status,expiration_date\nMT-{id:06},JANE DOE,active,{expiry}\n"
        ),
    )
    .expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_therapist-finder"))
        .args([
            "import-roster",
            "--jurisdiction",
            "TX",
            "--mapping",
            &generic_mapping(dir.path()),
            roster.to_str().expect("utf8"),
        ])
        .env("DATABASE_URL", &app.database_url)
        .env_remove("MEILI_URL")
        .env("RUST_LOG", "off")
        .output()
        .expect("run binary");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("verified 1"), "{stdout}");
    assert!(
        stdout.contains("1 search updates are queued for the running server"),
        "{stdout}"
    );
    assert_eq!(
        jobs::unfinished(&app.state.db).await.expect("count"),
        1,
        "the command did not mark the server's index work done"
    );
    app.run_pending_jobs().await;
    assert_eq!(
        app.state
            .search
            .search(&verified_only())
            .await
            .expect("search")
            .total,
        1,
        "the server's index shows the verification"
    );
}

/// Writes a mapping file for the generic CSV layout (a header, ISO dates) into `dir`
/// and returns its path: Texas ships the board's own, headerless layout.
fn generic_mapping(dir: &std::path::Path) -> String {
    let path = dir.join("generic-mapping.toml");
    std::fs::write(
        &path,
        "has_header = true\nnumber_column = \"license_number\"\nname_column = \"name\"\nstatus_column = \"status\"\nexpiry_column = \"expiration_date\"\nactive_values = [\"active\"]\ndate_format = \"YYYY-MM-DD\"\n",
    )
    .expect("write mapping");
    path.to_str().expect("utf8").to_owned()
}

#[tokio::test]
async fn the_binary_restores_the_index_reindex_saved_and_saves_it_again_at_shutdown() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("directory.db");
    let db = format!("sqlite://{}?mode=rwc", file.display());
    let env = [("DATABASE_URL", db.as_str())];
    let (ok, stderr) = run(&["seed", "--demo", "300"], &env);
    assert!(ok, "{stderr}");
    let (ok, stderr) = run(&["reindex"], &env);
    assert!(ok, "{stderr}");
    let snapshot = dir.path().join("directory.db.index");
    assert!(
        snapshot.exists(),
        "reindex saves the snapshot beside the database"
    );
    let saved = std::fs::metadata(&snapshot)
        .expect("snapshot")
        .modified()
        .expect("mtime");

    let log = dir.path().join("server.log");
    // No maintenance pass (which also saves) while the test runs: only shutdown.
    let (server, port) = serve(&db, &log, "info", &[("JOB_POLL_SECONDS", "3600")]).await;
    let logged = || std::fs::read_to_string(&log).unwrap_or_default();
    let search = format!("http://127.0.0.1:{port}/api/v1/practitioners?near=10001&radius_km=500");
    let listed = || async {
        let body: serde_json::Value = reqwest::get(&search)
            .await
            .expect("search")
            .json()
            .await
            .expect("json");
        let first = body["results"][0]["slug"].as_str().map(str::to_owned);
        (body["total"].as_u64().expect("total"), first)
    };
    let (before, Some(first)) = listed().await else {
        panic!("demo listings around New York expected");
    };
    // A listing unpublished while the server runs: the server's index changes, so it
    // writes its snapshot again when it stops.
    use sea_orm::ConnectionTrait;
    let conn = sea_orm::Database::connect(&db).await.expect("connect");
    let id: i64 = conn
        .query_one_raw(sea_orm::Statement::from_sql_and_values(
            conn.get_database_backend(),
            "SELECT id FROM practitioners WHERE slug = ?",
            [first.into()],
        ))
        .await
        .expect("query")
        .expect("the listing")
        .try_get("", "id")
        .expect("id");
    let txn = therapist_finder::db::begin_write(&conn)
        .await
        .expect("begin");
    txn.execute_unprepared(&format!(
        "UPDATE practitioners SET listed = false WHERE id = {id}"
    ))
    .await
    .expect("unlist");
    therapist_finder::practitioners::published_change(&txn, id)
        .await
        .expect("change logged");
    txn.commit().await.expect("commit");
    conn.close().await.expect("close");
    let mut applied = false;
    for _ in 0..100 {
        if listed().await.0 + 1 == before {
            applied = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    stop(server).await;
    let logged = logged();
    assert!(
        logged.contains("search index restored from its snapshot")
            && logged.contains("documents=300"),
        "{logged}"
    );
    assert!(!logged.contains("search index built"), "{logged}");
    assert!(applied, "the change never reached search: {logged}");
    assert!(logged.contains("search index snapshot written"), "{logged}");
    assert!(
        std::fs::metadata(&snapshot)
            .expect("snapshot")
            .modified()
            .expect("mtime")
            > saved,
        "saved again at shutdown"
    );
}

/// Starts `serve` on `db` with its log in `log` and waits until it is ready.
pub(crate) async fn serve(
    db: &str,
    log: &std::path::Path,
    level: &str,
    env: &[(&str, &str)],
) -> (tokio::process::Child, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_therapist-finder"));
    command
        .arg("serve")
        .env("DATABASE_URL", db)
        .env_remove("MEILI_URL")
        .env("BIND", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", level);
    for (k, v) in env {
        command.env(k, v);
    }
    let server = command
        .stdout(std::fs::File::create(log).expect("log"))
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("serve");
    let ready = format!("http://127.0.0.1:{port}/readyz");
    for _ in 0..300 {
        if reqwest::get(&ready)
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return (server, port);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!(
        "never ready: {}",
        std::fs::read_to_string(log).unwrap_or_default()
    );
}

/// Stops a server with SIGTERM and waits for a clean exit.
pub(crate) async fn stop(mut server: tokio::process::Child) {
    let status = Command::new("kill")
        .args(["-TERM", &server.id().expect("pid").to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let exited = tokio::time::timeout(std::time::Duration::from_secs(60), server.wait())
        .await
        .expect("stops on SIGTERM")
        .expect("exit status");
    assert!(exited.success());
}

#[tokio::test]
async fn questionnaire_answers_never_reach_the_log_even_at_trace_level() {
    let logged = answers_sent_with_the_log_at_trace("text").await;
    assert!(
        logged.contains("request{id=")
            && logged.contains("method=POST route=/api/v1/match}")
            && logged.contains("route=/match/note")
            && logged.contains("method=POST route=/questionnaire/edit}"),
        "the log is verbose and saw every request: {logged}"
    );
    assert!(
        !logged.contains('\u{1b}'),
        "no colour escapes outside a terminal"
    );
}

#[tokio::test]
async fn json_logs_are_one_object_a_line_with_the_route_status_and_duration_and_no_answer() {
    let logged = answers_sent_with_the_log_at_trace("json").await;
    let mut finished = Vec::new();
    for line in logged.lines().filter(|l| !l.trim().is_empty()) {
        let event: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(
            event["timestamp"].is_string() && event["level"].is_string(),
            "{line}"
        );
        if event["fields"]["message"] == "finished processing request" {
            finished.push(event);
        }
    }
    let routes: Vec<&str> = finished
        .iter()
        .map(|e| e["span"]["route"].as_str().expect("route"))
        .collect();
    for route in [
        "/match",
        "/match/note",
        "/questionnaire/edit",
        "/api/v1/match",
    ] {
        assert!(routes.contains(&route), "{route} in {routes:?}");
    }
    for event in &finished {
        let id = event["span"]["id"].as_str().expect("request id");
        assert_eq!(id.len(), 16, "{event}");
        assert!(event["fields"]["status"].as_u64().is_some(), "{event}");
        assert!(event["fields"]["latency"].is_string(), "{event}");
    }
}

/// Seeds a directory, serves it with `LOG_FORMAT=format` at trace level, sends the
/// same questionnaire answers through every page and the API, and returns the log,
/// checked to hold none of the answers.
async fn answers_sent_with_the_log_at_trace(format: &str) -> String {
    let dir = tempfile::tempdir().expect("dir");
    let db = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("directory.db").display()
    );
    let (ok, stderr) = run(&["seed", "--demo", "20"], &[("DATABASE_URL", db.as_str())]);
    assert!(ok, "{stderr}");
    let log = dir.path().join("server.log");
    let metrics_port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let metrics_bind = format!("127.0.0.1:{metrics_port}");
    let (server, port) = serve(
        &db,
        &log,
        "trace",
        &[
            ("LOG_FORMAT", format),
            ("METRICS_BIND", metrics_bind.as_str()),
        ],
    )
    .await;
    let base = format!("http://127.0.0.1:{port}");
    // Every answer is a word that appears nowhere else the server writes.
    let flags = [
        "immune_suppression",
        "injected_drugs",
        "recent_infection",
        "long_term_steroids",
        "worse_lying_down",
    ];
    let query = format!(
        "regions=jaw_head&duration=subacute&pain=9&pressure=firm&goal=relaxation&near=Boise%2C+ID&radius=25&unit=mi&age_band=50_plus&conditions=varicose_veins{}",
        flags
            .iter()
            .map(|f| format!("&red_flags={f}"))
            .collect::<String>()
    );
    let client = reqwest::Client::new();
    for path in ["/match", "/match/note", "/questionnaire/edit"] {
        let res = client
            .get(format!("{base}{path}?{query}"))
            .send()
            .await
            .expect("page");
        assert_eq!(res.status(), 200, "{path}");
    }
    let refused = client
        .get(format!("{base}/match?{query}&age_band=seventy"))
        .send()
        .await
        .expect("page");
    assert_eq!(refused.status(), 422);
    // The same answers sent as the pages send them, by POST with the visitor's token.
    let visitor = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let form = visitor
        .get(format!("{base}/questionnaire"))
        .send()
        .await
        .expect("form")
        .text()
        .await
        .expect("body");
    let token = crate::support::visitor::csrf_in(&form);
    for (path, extra) in [
        ("/match", ""),
        ("/match", "&share=1"),
        ("/match/note", ""),
        ("/questionnaire/edit", ""),
        ("/match", "&age_band=seventy"),
    ] {
        let res = visitor
            .post(format!("{base}{path}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("csrf_token={token}&{query}{extra}"))
            .send()
            .await
            .expect("post");
        let refused = extra.contains("seventy");
        assert_eq!(
            res.status(),
            if refused { 422 } else { 200 },
            "POST {path}{extra}"
        );
    }
    for cleared in [false, true] {
        let res = client
            .post(format!("{base}/api/v1/match"))
            .json(&serde_json::json!({
                "regions": ["jaw_head"], "duration": "subacute", "pain": 9,
                "red_flags": flags, "age_band": "50_plus", "conditions": ["varicose_veins"],
                "pressure": "firm", "goal": "relaxation", "near": "Boise, ID",
                "radius_mi": 25, "cleared_by_doctor": cleared
            }))
            .send()
            .await
            .expect("match");
        assert_eq!(res.status(), 200);
    }
    // The metrics count the same requests by their templates and hold no answer.
    let exposition = reqwest::get(format!("http://{metrics_bind}/metrics"))
        .await
        .expect("metrics")
        .text()
        .await
        .expect("body");
    let samples = crate::metrics::parse(&exposition);
    let counted = |route: &str, method: &str| -> f64 {
        samples
            .iter()
            .filter(|s| {
                s.name == "therapist_finder_http_requests_total"
                    && s.labels.get("route").map(String::as_str) == Some(route)
                    && s.labels.get("method").map(String::as_str) == Some(method)
            })
            .map(|s| s.value)
            .sum()
    };
    assert_eq!(counted("/match", "POST"), 3.0, "{exposition}");
    assert_eq!(counted("/api/v1/match", "POST"), 2.0, "{exposition}");
    stop(server).await;
    let logged = std::fs::read_to_string(&log).expect("log");
    for answer in flags
        .iter()
        .chain(&["50_plus", "jaw_head", "varicose_veins", "seventy", "Boise"])
    {
        assert!(!logged.contains(answer), "`{answer}` was logged");
        assert!(!exposition.contains(answer), "`{answer}` reached a metric");
    }
    logged
}
