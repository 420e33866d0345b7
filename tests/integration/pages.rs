//! The home page and the public profile page.

use crate::support::{
    TestApp,
    builders::{PractitionerSpec, insert_practitioner},
};

#[tokio::test]
async fn home_page_has_the_search_form_and_links_to_profiles() {
    let app = TestApp::spawn().await;
    insert_practitioner(&app.state.db, &PractitionerSpec::new("ana-ruiz")).await;
    let res = app.get("/").await;
    assert_eq!(res.status(), 200);
    let body = res.text().await.expect("body");
    assert!(body.contains(r#"<form class="search-form" action="/search" method="get">"#));
    assert!(
        body.contains(r#"href="/p/ana-ruiz""#),
        "featured profile linked"
    );
    let profile = app.get("/p/ana-ruiz").await;
    assert_eq!(profile.status(), 200);
}

#[tokio::test]
async fn profile_shows_licence_training_modalities_and_clinical_answers() {
    let app = TestApp::spawn().await;
    let mut spec = PractitionerSpec::new("ben-chen");
    spec.modalities = vec!["myofascial_release", "trigger_point"];
    spec.regions = vec!["sciatica", "hips"];
    spec.training_hours = vec![500, 80, 40];
    let id = insert_practitioner(&app.state.db, &spec).await;
    let body = app.get("/p/ben-chen").await.text().await.expect("body");
    assert!(
        body.contains(&format!("MT-{id:06}")),
        "licence number shown"
    );
    assert!(body.contains("Texas (TX)"));
    assert!(body.contains("Verified"));
    assert!(body.contains("Training: 620 hours"), "ledger total");
    assert!(body.contains("Myofascial release, Trigger point therapy"));
    assert!(body.contains("Hips &amp; buttocks") || body.contains("Hips & buttocks"));
    assert!(body.contains("Uses myofascial techniques"));
    assert!(body.contains("Not answered"));
    assert!(
        !body.contains("Reported outcomes"),
        "no summary without logs"
    );
}

#[tokio::test]
async fn outcome_summary_appears_from_ten_logs() {
    let app = TestApp::spawn().await;
    let mut nine = PractitionerSpec::new("nine-logs");
    nine.outcome_logs = vec![(8, 3); 9];
    insert_practitioner(&app.state.db, &nine).await;
    let mut ten = PractitionerSpec::new("ten-logs");
    ten.outcome_logs = vec![(8, 3); 10];
    insert_practitioner(&app.state.db, &ten).await;
    let body = app.get("/p/nine-logs").await.text().await.expect("body");
    assert!(!body.contains("Reported outcomes"));
    let body = app.get("/p/ten-logs").await.text().await.expect("body");
    assert!(body.contains(
        "Median pain 8.0 → 3.0 out of 10 across 10 sessions, as reported by the practitioner."
    ));
}

#[tokio::test]
async fn markup_in_profile_text_renders_as_text() {
    let app = TestApp::spawn().await;
    let mut spec = PractitionerSpec::new("markup");
    spec.display_name = "<script>alert(1)</script>Eve".into();
    spec.bio = "<img src=x onerror=alert(2)> bio".into();
    insert_practitioner(&app.state.db, &spec).await;
    let body = app.get("/p/markup").await.text().await.expect("body");
    assert!(!body.contains("<script>alert(1)</script>"));
    assert!(!body.contains("<img src=x"));
    assert!(
        body.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;Eve")
            || body.contains("&lt;script&gt;alert(1)&lt;/script&gt;Eve"),
        "{body}"
    );
}

#[tokio::test]
async fn unlisted_or_unknown_profiles_are_404() {
    let app = TestApp::spawn().await;
    let mut spec = PractitionerSpec::new("hidden");
    spec.listed = false;
    insert_practitioner(&app.state.db, &spec).await;
    assert_eq!(app.get("/p/hidden").await.status(), 404);
    assert_eq!(app.get("/p/nobody").await.status(), 404);
}

#[tokio::test]
async fn a_page_number_far_past_the_end_is_answered_not_fatal() {
    let app = TestApp::spawn().await;
    insert_practitioner(&app.state.db, &PractitionerSpec::new("deep-page")).await;
    app.run_pending_jobs().await;
    for page in [
        "35184372088832",
        "18446744073709551615",
        "99999999999999999999999",
    ] {
        let res = app
            .get(&format!("/search?near=Austin%2C+TX&page={page}"))
            .await;
        assert_eq!(res.status(), 200, "page={page}");
    }
    let res = app
        .get("/api/v1/practitioners?near=78701&page=10000&per_page=100")
        .await;
    assert_eq!(res.status(), 200, "the deepest page the API allows");
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["results"].as_array().map(Vec::len), Some(0));
    let res = app
        .get("/api/v1/practitioners?near=78701&page=18446744073709551615")
        .await;
    assert_eq!(res.status(), 422, "past the deepest page");
    assert_eq!(app.get("/healthz").await.status(), 200, "still up");
}

#[tokio::test]
async fn search_engines_find_robots_a_sitemap_index_a_favicon_and_canonical_pages() {
    let app = crate::support::TestApp::spawn().await;
    app.seed_demo(30).await;
    let robots = app.get("/robots.txt").await.text().await.expect("robots");
    let public = app.state.public_url.to_string();
    assert!(
        robots.contains(&format!("Sitemap: {public}/sitemap.xml")),
        "{robots}"
    );
    assert!(robots.contains("Disallow: /admin"));
    let index = app.get("/sitemap.xml").await.text().await.expect("index");
    assert!(index.contains("<sitemapindex"), "{index}");
    assert!(index.contains("/sitemaps/pages.xml"));
    assert!(index.contains("/sitemaps/profiles-1.xml"));
    assert!(
        !index.contains("/sitemaps/profiles-2.xml"),
        "30 profiles fit in one file"
    );
    let profiles = app
        .get("/sitemaps/profiles-1.xml")
        .await
        .text()
        .await
        .expect("sitemap");
    let urls = profiles.matches("<loc>").count();
    assert_eq!(
        urls as u64,
        therapist_finder::practitioners::public_count(&app.state.db)
            .await
            .expect("count")
    );
    let first = profiles
        .split("<loc>")
        .nth(1)
        .and_then(|s| s.split("</loc>").next())
        .expect("a profile URL");
    let path = first.trim_start_matches(&public).to_owned();
    let page = app.get(&path).await;
    assert_eq!(page.status(), 200, "{path}");
    let html = page.text().await.expect("html");
    assert!(
        html.contains(&format!("<link rel=\"canonical\" href=\"{first}\">")),
        "{html}"
    );
    assert!(html.contains("<meta property=\"og:title\""));
    assert!(html.contains("<meta name=\"description\""));
    // Every profile names its Spanish address; the pages file lists each page in
    // both languages.
    assert!(profiles.contains(&format!(
        "<xhtml:link rel=\"alternate\" hreflang=\"es\" href=\"{first}?lang=es\"/>"
    )));
    let pages = app
        .get("/sitemaps/pages.xml")
        .await
        .text()
        .await
        .expect("pages");
    for loc in ["/questionnaire", "/questionnaire?lang=es", "/?lang=es"] {
        assert!(
            pages.contains(&format!("<loc>{public}{loc}</loc>")),
            "{pages}"
        );
    }
    assert_eq!(app.get("/sitemaps/profiles-2.xml").await.status(), 404);
    assert_eq!(app.get("/sitemaps/profiles-0.xml").await.status(), 404);
    let icon = app.get("/favicon.ico").await;
    assert_eq!(icon.status(), 200);
    assert_eq!(icon.headers()["content-type"], "image/x-icon");
    assert!(icon.bytes().await.expect("icon").starts_with(&[0, 0, 1, 0]));
}

#[tokio::test]
async fn answers_a_shared_cache_may_keep_set_no_cookie() {
    let app = TestApp::spawn().await;
    for path in ["/robots.txt", "/sitemap.xml", "/favicon.ico"] {
        let res = reqwest::get(app.url(path)).await.expect("get");
        assert_eq!(res.status(), 200, "{path}");
        let cache = res.headers()["cache-control"].to_str().expect("ascii");
        assert!(cache.contains("public"), "{path}: {cache}");
        assert!(
            res.headers().get("set-cookie").is_none(),
            "{path} set a cookie on a public answer"
        );
    }
    // A page with forms still gives a new visitor its cookie.
    let home = reqwest::get(app.url("/")).await.expect("get");
    assert!(home.headers().get("set-cookie").is_some());
}
