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
