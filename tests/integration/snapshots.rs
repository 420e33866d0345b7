//! Snapshots (insta) of what the API answers and what key pages say, on fixed data, so
//! that a change to either shows up as a reviewed diff. Dates that follow the clock
//! are redacted. Snapshots live in `snapshots/`; CI fails on any difference.

use insta::{assert_json_snapshot, assert_snapshot};

use crate::support::{
    TestApp,
    builders::{PractitionerSpec, insert_practitioner},
};

async fn two_practitioners() -> TestApp {
    let app = TestApp::spawn().await;
    let mut near = PractitionerSpec::new("ana-clinical");
    near.display_name = "Ana Clinical".into();
    near.outcome_logs = vec![(7, 3); 12];
    insert_practitioner(&app.state.db, &near).await;
    let mut far = PractitionerSpec::new("ben-relax");
    far.display_name = "Ben Relax".into();
    far.lat = 30.3072;
    far.lng = -97.7531;
    far.modalities = vec!["swedish", "hot_stone"];
    far.practice_type = "spa".into();
    far.licence_status = Some("pending");
    far.training_hours = vec![60];
    far.clinical = [None; 5];
    insert_practitioner(&app.state.db, &far).await;
    app.run_pending_jobs().await;
    app
}

async fn json(app: &TestApp, path: &str) -> serde_json::Value {
    let res = app.get(path).await;
    assert_eq!(res.status(), 200, "{path}");
    res.json().await.expect("json")
}

#[tokio::test]
async fn api_search_and_profile() {
    let app = two_practitioners().await;
    let search = json(&app, "/api/v1/practitioners?near=78701&radius_km=10").await;
    assert_json_snapshot!("api_search", search, {
        ".results[].licence.verified_on" => "[date]",
    });
    let profile = json(&app, "/api/v1/practitioners/ana-clinical").await;
    assert_json_snapshot!("api_profile", profile, {
        ".licences[].verified_on" => "[date]",
        ".licences[].expires_on" => "[date]",
        ".training[].completed_on" => "[date]",
        ".profile_confirmed_on" => "[date]",
    });
}

#[tokio::test]
async fn api_match() {
    let app = two_practitioners().await;
    let res = app
        .client
        .post(app.url("/api/v1/match"))
        .json(&serde_json::json!({
            "regions": ["low_back"],
            "duration": "chronic",
            "pain": 6,
            "red_flags": [],
            "conditions": ["blood_thinners"],
            "pressure": "medium",
            "goal": "clinical",
            "near": "78701",
            "radius_km": 10
        }))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_json_snapshot!("api_match", body, {
        ".matches[].practitioner.licence.verified_on" => "[date]",
    });
}

/// The text a person reads in a page's `<main>`, one line per line of markup.
fn main_text(html: &str) -> String {
    let start = html.find("<main").expect("<main>");
    let end = html.find("</main>").expect("</main>");
    html[start..end]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn profile_and_search_pages() {
    let app = two_practitioners().await;
    let filters = vec![
        (r"[0-9a-f]{64}", "[token]"),
        (r"\d{4}-\d{2}-\d{2}", "[date]"),
    ];
    let page = app.get("/p/ana-clinical").await.text().await.expect("html");
    insta::with_settings!({ filters => filters.clone() }, {
        assert_snapshot!("page_profile", main_text(&page));
    });
    let page = app
        .get("/search?near=78701&radius=10&unit=km")
        .await
        .text()
        .await
        .expect("html");
    insta::with_settings!({ filters => filters }, {
        assert_snapshot!("page_search", main_text(&page));
    });
}
