//! Liveness, readiness and the error surfaces.

use crate::support::TestApp;

#[tokio::test]
async fn healthz_answers_ok() {
    let app = TestApp::spawn().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.expect("body"), "ok");
}

#[tokio::test]
async fn readyz_names_each_dependency() {
    let app = TestApp::spawn().await;
    let res = app.get("/readyz").await;
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["status"], "ready");
    let deps = body["dependencies"].as_array().expect("array");
    let names: Vec<&str> = deps.iter().filter_map(|d| d["name"].as_str()).collect();
    assert_eq!(names, ["database", "search"]);
    assert!(deps.iter().all(|d| d["ok"] == true));
    let expected_search = if std::env::var("TEST_MEILI_URL").is_ok() {
        "meilisearch"
    } else {
        "embedded"
    };
    assert_eq!(deps[1]["backend"], expected_search);
}

#[tokio::test]
async fn readyz_is_503_when_the_database_is_gone() {
    let app = TestApp::spawn().await;
    app.state.db.clone().close().await.expect("close pool");
    let res = app.get("/readyz").await;
    assert_eq!(res.status(), 503);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["status"], "unavailable");
    assert_eq!(body["dependencies"][0]["ok"], false);
}

#[tokio::test]
async fn unknown_page_is_a_friendly_404() {
    let app = TestApp::spawn().await;
    let res = app.get("/no/such/page").await;
    assert_eq!(res.status(), 404);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/html")
    );
    let body = res.text().await.expect("body");
    assert!(body.contains("Page not found"), "{body}");
    assert!(body.contains("Back to the search"));
}

#[tokio::test]
async fn unknown_api_path_uses_the_json_envelope() {
    let app = TestApp::spawn().await;
    let res = app.get("/api/v1/nothing-here").await;
    assert_eq!(res.status(), 404);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["error"]["code"], "not_found");
    assert!(body["error"]["message"].is_string());
    assert!(body["error"]["fields"].is_object());
}

/// A listener that accepts connections and never answers: a search server that hangs,
/// as Meilisearch does when it is paused.
async fn black_hole() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    address
}

#[tokio::test]
async fn a_search_server_that_hangs_gives_503s_and_a_readiness_report_not_a_hang() {
    use std::{sync::Arc, time::Duration};

    use therapist_finder::{app, search::meilisearch::MeiliIndex};
    use tokio_util::sync::CancellationToken;

    let dir = tempfile::tempdir().expect("dir");
    let mut config = TestApp::config(&dir).await;
    config.meili_url = None;
    let mut state = app::connect(&config).await.expect("connect");
    app::prepare(&state, None).await.expect("prepare");
    state.search =
        Arc::new(MeiliIndex::new(&black_hole().await, Some("key"), "hung").expect("client"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let shutdown = CancellationToken::new();
    tokio::spawn(app::serve(
        listener,
        state,
        Duration::from_secs(3600),
        app::ConnectionLimits::from_config(&therapist_finder::config::Config::defaults()),
        shutdown.clone(),
    ));
    let client = reqwest::Client::new();
    // Bounded by the test, not asserted as a figure: each answer must come at all.
    let get = |path: &str| {
        let request = client.get(format!("{base}{path}")).send();
        async move {
            tokio::time::timeout(Duration::from_secs(20), request)
                .await
                .expect("an answer, not a hang")
                .expect("response")
        }
    };
    let res = get("/api/v1/practitioners?near=78701").await;
    assert_eq!(res.status(), 503);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["error"]["code"], "service_unavailable");

    let res = get("/search?near=78701").await;
    assert_eq!(res.status(), 503);
    assert!(
        res.text()
            .await
            .expect("page")
            .contains("A service this page needs is unavailable")
    );

    let res = get("/readyz").await;
    assert_eq!(res.status(), 503);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["dependencies"][0]["ok"], true, "the database is fine");
    assert_eq!(body["dependencies"][1]["name"], "search");
    assert_eq!(body["dependencies"][1]["ok"], false);
    assert_eq!(get("/healthz").await.status(), 200);
    shutdown.cancel();
}
