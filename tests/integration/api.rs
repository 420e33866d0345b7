//! The JSON API: search, profile, questionnaire, match, and its error envelope.

use serde_json::{Value, json};

use crate::support::{
    TestApp,
    builders::{PractitionerSpec, insert_practitioner},
};

async fn seeded() -> TestApp {
    let app = TestApp::spawn().await;
    let mut near = PractitionerSpec::new("near-clinical");
    near.modalities = vec!["trigger_point", "clinical", "myofascial_release"];
    near.regions = vec!["sciatica", "low_back"];
    insert_practitioner(&app.state.db, &near).await;
    let mut spa = PractitionerSpec::new("spa-relax");
    spa.modalities = vec!["swedish", "hot_stone"];
    spa.licence_status = Some("pending");
    spa.lat = 30.30;
    spa.lng = -97.75;
    insert_practitioner(&app.state.db, &spa).await;
    let mut deep = PractitionerSpec::new("deep-only");
    deep.modalities = vec!["deep_tissue", "sports"];
    deep.lat = 30.25;
    deep.lng = -97.70;
    insert_practitioner(&app.state.db, &deep).await;
    let mut far = PractitionerSpec::new("dallas-far");
    far.lat = 32.7767;
    far.lng = -96.7970;
    far.city = "Dallas".into();
    insert_practitioner(&app.state.db, &far).await;
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("reindex");
    app
}

async fn get_json(app: &TestApp, path: &str) -> (u16, Value) {
    let res = app.get(path).await;
    let status = res.status().as_u16();
    (status, res.json().await.expect("json body"))
}

async fn post_match(app: &TestApp, body: Value) -> (u16, Value) {
    let res = app
        .client
        .post(app.url("/api/v1/match"))
        .json(&body)
        .send()
        .await
        .expect("post");
    let status = res.status().as_u16();
    (status, res.json().await.expect("json body"))
}

fn answers() -> Value {
    json!({
        "regions": ["sciatica"],
        "duration": "chronic",
        "pain": 5,
        "red_flags": [],
        "conditions": [],
        "pressure": "medium",
        "goal": "clinical",
        "near": "78701",
        "radius_km": 25
    })
}

#[tokio::test]
async fn searches_near_a_zip_with_filters() {
    let app = seeded().await;
    let (status, body) = get_json(&app, "/api/v1/practitioners?near=78701&radius_km=25").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["total"], 3);
    assert!(
        body["location"]["label"]
            .as_str()
            .expect("label")
            .contains("Austin")
    );
    let first = &body["results"][0];
    for key in [
        "slug",
        "display_name",
        "practice_name",
        "city",
        "region",
        "distance_km",
        "modalities",
        "licence",
        "training_hours",
        "accepting_new_clients",
        "url",
    ] {
        assert!(first.get(key).is_some(), "result lacks {key}");
    }
    assert_eq!(first["licence"]["jurisdiction"], "TX");

    let (_, body) = get_json(&app, "/api/v1/practitioners?near=Austin,%20TX&verified=true&modality=swedish&modality=trigger_point").await;
    let slugs: Vec<&str> = body["results"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["slug"].as_str())
        .collect();
    assert_eq!(
        slugs,
        ["near-clinical"],
        "verified filter drops the pending spa"
    );

    let (_, body) = get_json(&app, "/api/v1/practitioners?near=78701&per_page=1&page=2").await;
    assert_eq!(body["results"].as_array().expect("array").len(), 1);
    assert_eq!(
        (body["page"].as_u64(), body["per_page"].as_u64()),
        (Some(2), Some(1))
    );

    let (status, body) = get_json(
        &app,
        "/api/v1/practitioners?near=30.2672,-97.7431&q=%22%20OR%20verified%20%3D%20false",
    )
    .await;
    assert_eq!(status, 200, "hostile text is just text: {body}");
    assert_eq!(body["total"], 0);
}

#[tokio::test]
async fn invalid_search_parameters_are_422_with_fields() {
    let app = seeded().await;
    for (query, field) in [
        ("near=78701&radius_km=0", "radius_km"),
        ("near=78701&radius_km=501", "radius_km"),
        ("near=78701&radius_km=abc", "radius_km"),
        ("near=78701&modality=reiki", "modality"),
        ("near=78701&practice_type=castle", "practice_type"),
        ("near=78701&verified=maybe", "verified"),
        ("near=78701&per_page=1000", "per_page"),
        ("radius_km=10", "near"),
        ("near=Xyzzyville%2C%20TX", "near"),
        ("near=Springfield", "near"),
    ] {
        let (status, body) = get_json(&app, &format!("/api/v1/practitioners?{query}")).await;
        assert_eq!(status, 422, "{query}: {body}");
        assert_eq!(body["error"]["code"], "validation_failed");
        assert!(
            body["error"]["fields"][field].is_string(),
            "{query}: {body}"
        );
    }
    let (_, body) = get_json(&app, "/api/v1/practitioners?near=Springfield").await;
    assert!(
        body["error"]["fields"]["near"]
            .as_str()
            .expect("msg")
            .contains("several places")
    );
}

#[tokio::test]
async fn profile_and_questionnaire_endpoints() {
    let app = seeded().await;
    let (status, body) = get_json(&app, "/api/v1/practitioners/near-clinical").await;
    assert_eq!(status, 200);
    assert_eq!(body["training_hours"], 620);
    assert_eq!(body["licences"][0]["status"], "verified");
    assert_eq!(body["clinical_practice"]["minimal_oil"], Value::Null);
    let (status, body) = get_json(&app, "/api/v1/practitioners/nobody").await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "not_found");

    let (status, body) = get_json(&app, "/api/v1/questionnaire").await;
    assert_eq!(status, 200);
    let slugs = |key: &str| -> Vec<String> {
        body[key]
            .as_array()
            .expect("array")
            .iter()
            .map(|c| c["slug"].as_str().expect("slug").to_owned())
            .collect()
    };
    assert_eq!(slugs("regions").len(), 9);
    assert!(slugs("red_flags").contains(&"saddle_numbness".to_owned()));
    assert!(slugs("conditions").contains(&"blood_thinners".to_owned()));
    assert_eq!(slugs("goals"), ["clinical", "sport", "relaxation"]);
}

#[tokio::test]
async fn match_ranks_and_explains_when_safe() {
    let app = seeded().await;
    let (status, body) = post_match(&app, answers()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["verdict"]["kind"], "proceed");
    assert!(
        body["not_a_diagnosis"]
            .as_str()
            .expect("notice")
            .contains("does not diagnose")
    );
    let matches = body["matches"].as_array().expect("matches");
    assert_eq!(matches[0]["slug"], "near-clinical");
    assert!(
        matches[0]["score"].as_f64().expect("score") > matches[1]["score"].as_f64().expect("score")
    );
    let reasons: Vec<&str> = matches[0]["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("which fits pain spreading down a leg")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.starts_with("Licence TX MT-")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.ends_with("km away")),
        "{reasons:?}"
    );
    assert!(
        matches.iter().all(|m| m["slug"] != "dallas-far"),
        "outside the radius"
    );
}

#[tokio::test]
async fn precautions_shape_the_matches() {
    let app = seeded().await;
    let mut body = answers();
    body["conditions"] = json!(["blood_thinners"]);
    let (_, res) = post_match(&app, body).await;
    assert_eq!(res["verdict"]["kind"], "proceed");
    assert!(
        res["precautions"][0]
            .as_str()
            .expect("note")
            .contains("blood thinners")
    );
    let slugs: Vec<&str> = res["matches"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|m| m["slug"].as_str())
        .collect();
    assert!(
        !slugs.contains(&"deep-only"),
        "deep tissue and sports only: left out ({slugs:?})"
    );
    assert!(slugs.contains(&"near-clinical"));
}

#[tokio::test]
async fn red_flags_stop_the_list_and_clearance_lifts_only_see_doctor_first() {
    let app = seeded().await;
    let mut body = answers();
    body["red_flags"] = json!(["saddle_numbness"]);
    body["cleared_by_doctor"] = json!(true);
    let (status, res) = post_match(&app, body).await;
    assert_eq!(status, 200);
    assert_eq!(res["verdict"]["kind"], "urgent");
    assert_eq!(res["verdict"]["causes"], json!(["saddle_numbness"]));
    assert_eq!(res["matches"], json!([]));

    let mut body = answers();
    body["red_flags"] = json!(["night_pain"]);
    let (_, res) = post_match(&app, body.clone()).await;
    assert_eq!(res["verdict"]["kind"], "see_doctor_first");
    assert_eq!(res["matches"], json!([]));
    body["cleared_by_doctor"] = json!(true);
    let (_, res) = post_match(&app, body).await;
    assert_eq!(res["verdict"]["kind"], "proceed");
    assert_eq!(res["verdict"]["cleared_by_doctor"], true);
    assert!(!res["matches"].as_array().expect("array").is_empty());

    let mut body = answers();
    body["conditions"] = json!(["open_wound"]);
    body["cleared_by_doctor"] = json!(true);
    let (_, res) = post_match(&app, body).await;
    assert_eq!(res["verdict"]["kind"], "postpone");
    assert_eq!(res["matches"], json!([]));
}

#[tokio::test]
async fn the_guideline_red_flags_and_age_send_people_to_a_doctor_with_their_reasons() {
    let app = seeded().await;
    let (_, questionnaire) = get_json(&app, "/api/v1/questionnaire").await;
    let slugs = |key: &str| -> Vec<String> {
        questionnaire[key]
            .as_array()
            .expect("array")
            .iter()
            .map(|c| c["slug"].as_str().expect("slug").to_owned())
            .collect()
    };
    assert_eq!(
        slugs("age_bands"),
        ["under_20", "20_49", "50_plus", "unsaid"]
    );
    assert_eq!(
        questionnaire["red_flag_groups"][1]["red_flags"],
        json!([
            "immune_suppression",
            "injected_drugs",
            "recent_infection",
            "long_term_steroids"
        ])
    );
    for flag in [
        "immune_suppression",
        "injected_drugs",
        "recent_infection",
        "long_term_steroids",
        "worse_lying_down",
    ] {
        assert!(slugs("red_flags").contains(&flag.to_owned()), "{flag}");
        let mut body = answers();
        body["red_flags"] = json!([flag]);
        let (status, res) = post_match(&app, body.clone()).await;
        assert_eq!(status, 200, "{res}");
        assert_eq!(res["verdict"]["kind"], "see_doctor_first", "{flag}");
        assert_eq!(res["verdict"]["causes"], json!([flag]));
        assert!(
            !res["verdict"]["rule_out"][0]
                .as_str()
                .expect("rule_out")
                .is_empty()
        );
        assert_eq!(res["matches"], json!([]));
        body["cleared_by_doctor"] = json!(true);
        let (_, res) = post_match(&app, body).await;
        assert_eq!(res["verdict"]["kind"], "proceed", "{flag} cleared");
        assert!(!res["matches"].as_array().expect("array").is_empty());
    }
    // Age changes nothing on its own, and "unsaid" or no age behaves as before.
    for age in [
        json!("unsaid"),
        json!("50_plus"),
        json!("20_49"),
        Value::Null,
    ] {
        let mut body = answers();
        if age.is_null() {
            body.as_object_mut().expect("object").remove("age_band");
        } else {
            body["age_band"] = age.clone();
        }
        let (status, res) = post_match(&app, body).await;
        assert_eq!(status, 200, "{age}: {res}");
        assert_eq!(res["verdict"]["kind"], "proceed", "{age}");
    }
    // Under 20 with pain over 6 weeks (the base answers say chronic).
    let mut body = answers();
    body["age_band"] = json!("under_20");
    let (_, res) = post_match(&app, body).await;
    assert_eq!(res["verdict"]["kind"], "see_doctor_first");
    assert_eq!(
        res["verdict"]["causes"],
        json!(["age_under_20_lasting_pain"])
    );
    // New pain at 50 or older with osteoporosis, and a fall at 50 or older.
    let mut body = answers();
    body["age_band"] = json!("50_plus");
    body["duration"] = json!("acute");
    body["conditions"] = json!(["osteoporosis"]);
    body["red_flags"] = json!(["recent_trauma"]);
    let (_, res) = post_match(&app, body).await;
    assert_eq!(res["verdict"]["kind"], "see_doctor_first");
    assert_eq!(
        res["verdict"]["causes"],
        json!([
            "recent_trauma",
            "age_50_plus_injury",
            "age_50_plus_new_pain"
        ])
    );
    assert_eq!(
        res["verdict"]["reasons"].as_array().expect("reasons").len(),
        3
    );
    // The nerve signs still win over every guideline flag.
    let mut body = answers();
    body["age_band"] = json!("50_plus");
    body["red_flags"] = json!([
        "long_term_steroids",
        "progressive_weakness",
        "injected_drugs"
    ]);
    body["cleared_by_doctor"] = json!(true);
    let (_, res) = post_match(&app, body).await;
    assert_eq!(res["verdict"]["kind"], "urgent");
    assert_eq!(res["verdict"]["causes"], json!(["progressive_weakness"]));
}

#[tokio::test]
async fn invalid_match_input_is_4xx_with_the_envelope() {
    let app = seeded().await;
    for (patch, field) in [
        (json!({"pain": 11}), "pain"),
        (json!({"pain": -1}), "pain"),
        (json!({"regions": ["elbow"]}), "regions"),
        (json!({"regions": []}), "regions"),
        (json!({"duration": "forever"}), "duration"),
        (json!({"red_flags": ["x"]}), "red_flags"),
        (json!({"age_band": "65"}), "age_band"),
        (json!({"age_band": ""}), "age_band"),
        (json!({"age_band": "UNDER_20"}), "age_band"),
        (json!({"near": ""}), "near"),
        (json!({"near": "Nowhere, ZZ"}), "near"),
        (json!({"radius_km": 0}), "radius_km"),
        (json!({"radius_km": 600}), "radius_km"),
    ] {
        let mut body = answers();
        for (k, v) in patch.as_object().expect("object") {
            body[k] = v.clone();
        }
        let (status, res) = post_match(&app, body).await;
        assert_eq!(status, 422, "{patch}: {res}");
        assert!(res["error"]["fields"][field].is_string(), "{patch}: {res}");
    }
    let res = app
        .client
        .post(app.url("/api/v1/match"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.expect("envelope");
    assert_eq!(body["error"]["code"], "bad_request");
    let (status, _) = post_match(&app, json!({"regions": ["neck"]})).await;
    assert_eq!(status, 400, "missing fields are a malformed body");
}

#[tokio::test]
async fn openapi_document_is_valid_3_1_and_lists_every_route() {
    let app = TestApp::spawn().await;
    let (status, doc) = get_json(&app, "/api/openapi.json").await;
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    for (path, method) in [
        ("/api/v1/practitioners", "get"),
        ("/api/v1/practitioners/{slug}", "get"),
        ("/api/v1/questionnaire", "get"),
        ("/api/v1/match", "post"),
        ("/api/v1/me/profile", "get"),
        ("/api/v1/admin/audit", "get"),
    ] {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} missing"
        );
    }
    let python = std::env::var("OPENAPI_VALIDATOR_PYTHON")
        .expect("OPENAPI_VALIDATOR_PYTHON must name a Python with openapi-spec-validator; scripts/test sets it");
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, doc.to_string()).expect("write");
    let out = std::process::Command::new(python)
        .args(["-m", "openapi_spec_validator", "--schema", "3.1"])
        .arg(&file)
        .output()
        .expect("run validator");
    assert!(
        out.status.success(),
        "openapi-spec-validator: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn demo_data_near_a_large_city_gives_sensible_explained_results() {
    let app = TestApp::spawn().await;
    app.seed_demo(400).await;

    let (status, body) = get_json(
        &app,
        "/api/v1/practitioners?near=New%20York%2C%20NY&radius_km=25",
    )
    .await;
    assert_eq!(status, 200);
    assert!(body["total"].as_u64().expect("total") >= 10, "{body}");
    let distances: Vec<f64> = body["results"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["distance_km"].as_f64())
        .collect();
    assert!(
        distances.windows(2).all(|w| w[0] <= w[1]),
        "nearest first: {distances:?}"
    );

    let mut request = answers();
    request["near"] = json!("10001");
    request["regions"] = json!(["low_back", "hips"]);
    let (status, res) = post_match(&app, request).await;
    assert_eq!(status, 200);
    let matches = res["matches"].as_array().expect("matches");
    assert!(matches.len() >= 5, "{res}");
    for m in matches {
        let reasons = m["reasons"].as_array().expect("reasons");
        assert!(reasons.len() >= 2, "each match explains itself: {m}");
        assert!(m["distance_km"].as_f64().expect("distance") <= 25.0);
    }
    let scores: Vec<f64> = matches.iter().filter_map(|m| m["score"].as_f64()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );

    let page = app
        .get("/search?near=Chicago%2C+IL&radius=25&unit=mi")
        .await
        .text()
        .await
        .expect("page");
    assert!(
        page.contains("within 25 miles of Chicago, IL"),
        "miles chosen"
    );
    assert!(page.contains(" mi away</strong>"));
}

#[tokio::test]
async fn coordinates_are_labelled_with_a_place_name() {
    let app = seeded().await;
    let (status, body) = get_json(&app, "/api/v1/practitioners?near=30.2672,-97.7431").await;
    assert_eq!(status, 200);
    let label = body["location"]["label"].as_str().expect("label");
    assert!(label.contains("Austin"), "{label}");
}

#[tokio::test]
async fn a_single_valued_parameter_given_twice_is_refused_by_name() {
    let app = TestApp::spawn().await;
    let res = app
        .get("/api/v1/practitioners?near=78701&radius_km=25&radius_km=far")
        .await;
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["error"]["code"], "validation_failed");
    assert_eq!(
        body["error"]["fields"]["radius_km"],
        "Give one value, not several."
    );
    let res = app
        .get("/api/v1/practitioners?near=78701&modality=clinical&modality=trigger_point")
        .await;
    assert_eq!(res.status(), 200, "a list parameter may repeat");
    let res = app.get("/search?near=78701&near=Austin%2C+TX").await;
    assert_eq!(res.status(), 422, "the search page too");
    assert!(res.text().await.expect("body").contains("Give one value"));
}

#[tokio::test]
async fn a_parameter_the_search_does_not_read_is_refused_by_name_never_ignored() {
    let app = TestApp::spawn().await;
    for (query, field) in [
        ("near=78701&modalty=clinical", "modalty"),
        ("near=78701&max_price=5", "max_price"),
        ("near=78701&RADIUS_KM=5", "RADIUS_KM"),
    ] {
        let res = app.get(&format!("/api/v1/practitioners?{query}")).await;
        assert_eq!(res.status(), 422, "{query}");
        let body: serde_json::Value = res.json().await.expect("json");
        let says = body["error"]["fields"][field].as_str().expect(field);
        assert!(
            says.starts_with("is not a parameter of this search") && says.contains("modality"),
            "{says}"
        );
    }
    // A huge or hostile name is cut short and shown without control characters, and
    // a burst of them names only the first few.
    let long = format!("{}%07x", "k".repeat(5000));
    let many: String = (0..200).map(|i| format!("&p{i}=1")).collect();
    let res = app
        .get(&format!("/api/v1/practitioners?near=78701&{long}=1{many}"))
        .await;
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await.expect("json");
    let fields = body["error"]["fields"].as_object().expect("fields");
    assert_eq!(fields.len(), 5);
    assert!(
        fields
            .keys()
            .all(|k| k.chars().count() <= 40 && !k.contains('\u{7}'))
    );
    // In Spanish when asked.
    let res = app
        .client
        .get(app.url("/api/v1/practitioners?near=78701&modalty=x"))
        .header("accept-language", "es")
        .send()
        .await
        .expect("get");
    let body: serde_json::Value = res.json().await.expect("json");
    assert!(
        body["error"]["fields"]["modalty"]
            .as_str()
            .expect("message")
            .starts_with("no es un parámetro")
    );
    // Every documented parameter is still read.
    let res = app
        .get("/api/v1/practitioners?near=78701&radius_km=25&modality=clinical&accessibility=step_free&language=es&verified=true&accepting=false&practice_type=clinic&approach=mixed&sort=distance&q=a&page=1&per_page=5")
        .await;
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn an_oversized_body_is_413_with_the_envelope_or_a_page() {
    let app = TestApp::spawn().await;
    let huge = "x".repeat(3 * 1024 * 1024);
    let res = app
        .client
        .post(app.url("/api/v1/match"))
        .header("content-type", "application/json")
        .body(format!("{{\"near\":\"{huge}\"}}"))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 413);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["error"]["code"], "payload_too_large");
    let res = app
        .client
        .post(app.url("/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("email={huge}"))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 413);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("larger than this form accepts")
    );
}

/// Runs schemathesis (pinned in `tools/`) on the operations matching `paths`, with every
/// check and a fixed seed; with `session`, signed in through the document's `session`
/// security scheme (so it also checks that leaving the cookie out is refused). Fails the
/// test on any finding.
async fn schemathesis(app: &TestApp, paths: &str, session: Option<String>) {
    let python = std::env::var("OPENAPI_VALIDATOR_PYTHON")
        .expect("OPENAPI_VALIDATOR_PYTHON must name the tools' Python; scripts/test sets it");
    let st = std::path::Path::new(&python).with_file_name("st");
    let tools = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tools");
    let work = tempfile::tempdir().expect("dir");
    let mut command = tokio::process::Command::new(st);
    command
        .current_dir(work.path())
        .env("PYTHONPATH", &tools)
        .env("SCHEMATHESIS_HOOKS", "schemathesis_hooks")
        .env("NO_COLOR", "1")
        .args(["run", &app.url("/api/openapi.json")])
        .args([
            "--checks",
            "all",
            "--max-examples",
            "40",
            "--seed",
            "20261123",
        ])
        .args(["--include-path-regex", paths]);
    if let Some(token) = session {
        std::fs::write(
            work.path().join("schemathesis.toml"),
            format!("[auth.openapi.session]\napi_key = \"{token}\"\n"),
        )
        .expect("config");
    }
    let out = command.output().await.expect("run schemathesis");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "schemathesis on {paths}:\n{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains("passed"), "{report}");
}

#[tokio::test]
async fn schemathesis_finds_nothing_the_contract_allows_but_the_server_refuses() {
    let app = TestApp::spawn().await;
    app.seed_demo(100).await;
    let practitioner =
        crate::support::visitor::practitioner(&app, "contract@example.com", "Contract Test").await;
    let (admin, _) = crate::support::visitor::admin(&app, "contract-admin@example.com").await;
    schemathesis(&app, "^/api/v1/(practitioners|questionnaire|match)", None).await;
    let session = |cookies: String| {
        cookies
            .split("; ")
            .find_map(|c| c.strip_prefix("tf_session="))
            .map(str::to_owned)
            .expect("signed in")
    };
    schemathesis(
        &app,
        "^/api/v1/me/",
        Some(session(practitioner.cookie_header())),
    )
    .await;
    schemathesis(
        &app,
        "^/api/v1/admin/",
        Some(session(admin.cookie_header())),
    )
    .await;
}

#[tokio::test]
async fn search_filters_and_sorts_by_how_practitioners_work() {
    let app = TestApp::spawn().await;
    let mut spa = PractitionerSpec::new("near-spa");
    spa.modalities = vec!["swedish", "hot_stone"];
    spa.clinical = [None; 5];
    spa.training_hours = vec![100];
    insert_practitioner(&app.state.db, &spa).await;
    let mut mixed = PractitionerSpec::new("middle-mixed");
    mixed.clinical = [Some(true), None, None, None, None];
    mixed.training_hours = vec![100];
    mixed.lat = 30.30;
    insert_practitioner(&app.state.db, &mixed).await;
    let mut clinical = PractitionerSpec::new("far-clinical");
    clinical.lat = 30.36;
    insert_practitioner(&app.state.db, &clinical).await;
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("reindex");
    let slugs = |body: &Value| -> Vec<String> {
        body["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| r["slug"].as_str().expect("slug").to_owned())
            .collect()
    };
    let base = "/api/v1/practitioners?near=78701&radius_km=40";
    let (_, body) = get_json(&app, base).await;
    assert_eq!(slugs(&body), ["near-spa", "middle-mixed", "far-clinical"]);
    let (status, body) = get_json(&app, &format!("{base}&sort=approach")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(slugs(&body), ["far-clinical", "middle-mixed", "near-spa"]);
    let (_, body) = get_json(&app, &format!("{base}&approach=clinical")).await;
    assert_eq!(
        (slugs(&body), body["total"].as_u64()),
        (vec!["far-clinical".to_owned()], Some(1))
    );
    let (_, body) = get_json(&app, &format!("{base}&approach=mixed")).await;
    assert_eq!(slugs(&body), ["middle-mixed", "far-clinical"]);
    let (_, body) = get_json(&app, &format!("{base}&approach=relaxation")).await;
    assert_eq!(body["total"], 3, "relaxation or better is everyone");
    for (query, field) in [("approach=spa", "approach"), ("sort=best", "sort")] {
        let (status, body) = get_json(&app, &format!("{base}&{query}")).await;
        assert_eq!(status, 422, "{query}");
        assert!(body["error"]["fields"][field].is_string(), "{body}");
    }

    let page = app
        .get("/search?near=78701&radius=25&unit=mi&sort=approach&approach=mixed")
        .await
        .text()
        .await
        .expect("page");
    let (first, second) = (
        page.find("/p/far-clinical").expect("clinical listed"),
        page.find("/p/middle-mixed").expect("mixed listed"),
    );
    assert!(first < second, "the most clinical first on the page");
    assert!(
        !page.contains("/p/near-spa"),
        "relaxation-focused filtered out"
    );
    assert!(page.contains("the most clinical first, then nearest."));
    assert!(page.contains(r#"<option value="mixed" selected>"#));
    assert!(
        page.contains(r#"href="/search?near=78701&amp;radius=25&amp;approach=mixed&amp;unit=mi&amp;sort=distance""#),
        "a link shows the same results nearest first: {page}"
    );
    let page = app
        .get("/search?near=78701&sort=sideways")
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("&quot;sideways&quot; is not one of the choices"));
}
