//! The languages practitioners speak, as data: ISO 639-1 codes chosen from a list, the
//! `language` filter on the search page, the search API, the match, FHIR and HSDS, the
//! reader's language ranked first and said in the reasons, and the migration from the
//! free text of earlier versions.

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use serde_json::{Value, json};
use therapist_finder::entities::practitioner;

use crate::support::{
    TestApp,
    builders::{PractitionerSpec, insert_practitioner},
    visitor::{Visitor, practitioner, practitioner_id},
};

/// Two practitioners alike but for their languages: `ana-english` speaks English and is
/// nearer; `bea-bilingual` speaks English and Spanish and is a little farther.
async fn two_alike() -> TestApp {
    let app = TestApp::spawn().await;
    let mut ana = PractitionerSpec::new("ana-english");
    ana.lat = 30.2700;
    insert_practitioner(&app.state.db, &ana).await;
    let mut bea = PractitionerSpec::new("bea-bilingual");
    bea.lat = 30.2900;
    bea.languages = "en,es";
    insert_practitioner(&app.state.db, &bea).await;
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("reindex");
    app
}

async fn json_of(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    (status, res.json().await.expect("json"))
}

fn slugs(list: &Value, key: &str) -> Vec<String> {
    list[key]
        .as_array()
        .expect("a list")
        .iter()
        .map(|r| r["slug"].as_str().expect("slug").to_owned())
        .collect()
}

#[tokio::test]
async fn the_search_api_and_page_filter_by_a_spoken_language_and_answer_codes() {
    let app = two_alike().await;
    let (status, all) = json_of(app.get("/api/v1/practitioners?near=78701").await).await;
    assert_eq!(status, 200);
    assert_eq!(slugs(&all, "results"), ["ana-english", "bea-bilingual"]);
    assert_eq!(all["results"][1]["languages"], json!(["en", "es"]));
    let (_, spanish) = json_of(
        app.get("/api/v1/practitioners?near=78701&language=es")
            .await,
    )
    .await;
    assert_eq!(slugs(&spanish, "results"), ["bea-bilingual"]);
    let (_, korean) = json_of(
        app.get("/api/v1/practitioners?near=78701&language=ko")
            .await,
    )
    .await;
    assert_eq!(korean["total"], 0);
    let (status, bad) = json_of(
        app.get("/api/v1/practitioners?near=78701&language=Spanish%00")
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        bad["error"]["fields"]["language"]
            .as_str()
            .expect("message")
            .contains("en, es"),
        "{bad}"
    );
    assert!(!bad.to_string().contains("Spanish"), "never echoed: {bad}");
    let (_, profile) = json_of(app.get("/api/v1/practitioners/bea-bilingual").await).await;
    assert_eq!(profile["languages"], json!(["en", "es"]));

    // The page: the filter narrows the list, and the Spanish form offers Spanish first.
    let page = app
        .get("/search?near=78701&language=es&lang=es")
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("/p/bea-bilingual") && !page.contains("/p/ana-english"));
    let select = &page[page.find("id=\"language\"").expect("the language select")..];
    let first = select
        .split("<option value=\"")
        .nth(2)
        .expect("a language after any");
    assert!(first.starts_with("es\" selected>español"), "{first}");
    let english = app
        .get("/search?near=78701&lang=en")
        .await
        .text()
        .await
        .expect("page");
    let select = &english[english.find("id=\"language\"").expect("select")..];
    assert!(
        select
            .split("<option value=\"")
            .nth(2)
            .expect("first")
            .starts_with("en\">English")
    );
    let wrong = app
        .get("/search?near=78701&language=xx")
        .await
        .text()
        .await
        .expect("page");
    assert!(wrong.contains("id=\"language-error\""), "the field says so");
    // The profile names the languages in the reader's language, and shows the Spanish
    // "About" text on the Spanish site only.
    let bea = practitioner::Entity::find()
        .filter(practitioner::Column::Slug.eq("bea-bilingual"))
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("bea");
    let mut model: practitioner::ActiveModel = bea.into();
    model.bio_es = Set(Some("Masaje clínico para el dolor de espalda.".into()));
    model.update(&app.state.db).await.expect("update");
    let perfil = app
        .get("/p/bea-bilingual?lang=es")
        .await
        .text()
        .await
        .expect("page");
    assert!(perfil.contains("inglés, español"), "names in Spanish");
    assert!(perfil.contains("Masaje clínico para el dolor de espalda."));
    let profile = app
        .get("/p/bea-bilingual?lang=en")
        .await
        .text()
        .await
        .expect("page");
    assert!(
        profile.contains("English, Spanish") && profile.contains("Clinical massage for back pain.")
    );
    assert!(!profile.contains("Masaje clínico"));
}

fn answers() -> Value {
    json!({
        "regions": ["low_back"], "duration": "chronic", "pain": 4, "red_flags": [],
        "conditions": [], "pressure": "medium", "goal": "clinical", "near": "78701", "radius_km": 25
    })
}

async fn match_in(app: &TestApp, lang: &str, body: Value) -> Value {
    let res = app
        .client
        .post(app.url("/api/v1/match"))
        .header("accept-language", lang)
        .json(&body)
        .send()
        .await
        .expect("send");
    assert_eq!(res.status(), 200);
    res.json().await.expect("json")
}

#[tokio::test]
async fn the_match_ranks_the_readers_language_first_says_so_and_filters_on_request() {
    let app = two_alike().await;
    let english = match_in(&app, "en", answers()).await;
    assert_eq!(slugs(&english, "matches"), ["ana-english", "bea-bilingual"]);
    let spanish = match_in(&app, "es", answers()).await;
    assert_eq!(
        slugs(&spanish, "matches"),
        ["bea-bilingual", "ana-english"],
        "a Spanish reader sees the Spanish speaker first"
    );
    let reasons = spanish["matches"][0]["reasons"].to_string();
    assert!(reasons.contains("Habla español"), "{reasons}");
    assert!(
        !spanish["matches"][1]["reasons"]
            .to_string()
            .contains("Habla")
    );

    let mut only = answers();
    only["language"] = json!("es");
    let filtered = match_in(&app, "en", only).await;
    assert_eq!(slugs(&filtered, "matches"), ["bea-bilingual"]);
    let mut bad = answers();
    bad["language"] = json!("xx");
    let res = app
        .client
        .post(app.url("/api/v1/match"))
        .json(&bad)
        .send()
        .await
        .expect("send");
    assert_eq!(res.status(), 422);

    // The questionnaire page: the same filter, kept in the form.
    let v = Visitor::new(&app);
    let res = v
        .post(
            "/match",
            &[
                ("regions", "low_back"),
                ("duration", "chronic"),
                ("pain", "4"),
                ("pressure", "medium"),
                ("goal", "clinical"),
                ("near", "78701"),
                ("radius", "25"),
                ("unit", "km"),
                ("language", "es"),
            ],
        )
        .await;
    let page = res.text().await.expect("page");
    assert!(page.contains("/p/bea-bilingual") && !page.contains("/p/ana-english"));
}

#[tokio::test]
async fn fhir_and_hsds_filter_by_the_language_spoken() {
    let app = two_alike().await;
    for (path, total) in [
        ("/fhir/Practitioner?communication=es", 1),
        ("/fhir/Practitioner?communication=urn:ietf:bcp:47%7Ces", 1),
        ("/fhir/Practitioner?communication=en", 2),
        ("/fhir/Practitioner?communication=xx", 0),
    ] {
        let (status, bundle) = json_of(app.get(path).await).await;
        assert_eq!(status, 200, "{path}");
        let entries = bundle["entry"].as_array().map_or(0, Vec::len);
        assert_eq!(entries, total, "{path}");
    }
    let (_, bundle) = json_of(app.get("/fhir/Practitioner?communication=es").await).await;
    assert_eq!(
        bundle["entry"][0]["resource"]["communication"][1]["coding"][0]["code"],
        "es"
    );
    let (_, services) = json_of(app.get("/hsds/services?language=es").await).await;
    assert_eq!(services["total_items"], 1, "{services}");
    assert!(
        services["contents"][0]["url"]
            .as_str()
            .is_some_and(|u| u.ends_with("/p/bea-bilingual")),
        "{services}"
    );
    let (status, _) = json_of(app.get("/hsds/services?language=Spanish").await).await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn free_text_languages_become_codes_and_what_cannot_be_read_waits_for_the_practitioner() {
    let app = TestApp::spawn().await;
    practitioner(&app, "lang@example.com", "Lena Ortiz").await;
    let id = practitioner_id(&app, "lang@example.com").await;
    let stopped = app.stop().await;
    let (db, _) =
        crate::support::rolled_back_before(&stopped, "m20261206_000001_spoken_languages").await;
    let db = &db;
    // As an earlier version let it be typed.
    db.execute_unprepared(&format!(
        "UPDATE practitioners SET languages = 'Español y English, ASL' WHERE id = {id}"
    ))
    .await
    .expect("free text");
    Migrator::up(db, None).await.expect("up");
    let row = practitioner::Entity::find_by_id(id)
        .one(db)
        .await
        .expect("query")
        .expect("row");
    assert_eq!(row.languages, "en,es");
    assert_eq!(row.languages_unread.as_deref(), Some("ASL"));

    let app = stopped.start().await;
    let v = Visitor::new(&app);
    let res = v
        .post(
            "/login",
            &[
                ("email", "lang@example.com"),
                ("password", "a long password 1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "login");
    let dashboard = v.page("/dashboard").await;
    assert!(
        dashboard.contains("href=\"/dashboard/profile#languages\"") && dashboard.contains("ASL"),
        "the to-do list names the unread words"
    );
    let editor = v.page("/dashboard/profile").await;
    assert!(editor.contains("id=\"languages-unread\""));
    let res = v
        .post(
            "/dashboard/profile/languages",
            &[("languages", "es"), ("languages", "en")],
        )
        .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    let row = practitioner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("row");
    assert_eq!(
        (row.languages.as_str(), row.languages_unread),
        ("en,es", None)
    );
    assert!(!v.page("/dashboard").await.contains("ASL"), "settled");
    let res = v
        .post("/dashboard/profile/languages", &[("languages", "Spanish")])
        .await;
    assert_eq!(res.status(), 422, "only codes from the list");

    // The Spanish "About" text, saved with the basics.
    let res = v
        .post(
            "/dashboard/profile/basics",
            &[
                ("display_name", "Lena Ortiz"),
                ("bio", "Clinical massage."),
                ("bio_es", "  Masaje clínico.  "),
            ],
        )
        .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    let row = practitioner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("row");
    assert_eq!(row.bio_es.as_deref(), Some("Masaje clínico."));
    app.run_pending_jobs().await;
}
