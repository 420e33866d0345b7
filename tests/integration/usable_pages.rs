//! Pages people in pain can use anywhere, without a browser: the map beside results,
//! units, the accessibility filter, plain field messages in place of silent
//! fallbacks, the "how this practitioner works" label, the licence panel, pages that
//! show only what fits the verdict, and the pre-visit note.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};
use serde_json::Value;
use therapist_finder::entities::practitioner;

use crate::support::{
    TestApp,
    builders::{PractitionerSpec, insert_practitioner},
};

async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let res = app.get(path).await;
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

async fn api(app: &TestApp, path: &str) -> (u16, Value) {
    let res = app.get(path).await;
    let status = res.status().as_u16();
    (status, res.json().await.expect("json"))
}

/// `count` practitioners spread north of central Austin, a kilometre apart.
async fn austin(app: &TestApp, count: usize) {
    for i in 0..count {
        let mut spec = PractitionerSpec::new(&format!("austin-{i:02}"));
        spec.lat = 30.2672 + 0.009 * i as f64;
        if i % 2 == 0 {
            spec.accessibility = vec!["step_free", "adjustable_table"];
        }
        insert_practitioner(&app.state.db, &spec).await;
    }
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("reindex");
}

#[tokio::test]
async fn us_places_read_in_miles_and_the_unit_stays_in_every_link() {
    let app = TestApp::spawn().await;
    austin(&app, 25).await;
    let (status, body) = page(&app, "/search?near=78701").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("within 25 miles of Austin, TX 78701"),
        "{body}"
    );
    assert!(body.contains(" mi away</strong>"), "distances in miles");
    assert!(
        body.contains("<option value=\"mi\" selected>miles</option>"),
        "the form shows the unit in force"
    );
    assert!(
        body.contains("unit=mi&amp;page=2"),
        "the next page keeps the unit: {body}"
    );
    let (_, body) = page(&app, "/search?near=78701&unit=km&radius=10").await;
    assert!(body.contains("within 10 km of"), "a chosen unit is kept");
    assert!(body.contains(" km away</strong>"));
    let (_, body) = page(&app, "/search?near=Toronto%2C+CA").await;
    assert!(body.contains("within 25 km of Toronto"), "{body}");
    // The form's "by place" sends an empty unit: the place decides.
    let (_, home) = page(&app, "/").await;
    assert!(home.contains("<option value=\"\" selected>by place</option>"));
    let (_, body) = page(&app, "/search?near=Toronto%2C+CA&radius=25&unit=").await;
    assert!(body.contains("within 25 km of Toronto"));
    let (_, body) = page(&app, "/search?near=10001&radius=25&unit=").await;
    assert!(body.contains("within 25 miles of New York"));
    // 30 miles is not one of the offered radii; it is used as typed, not replaced.
    let (_, body) = page(&app, "/search?near=78701&radius=30").await;
    assert!(body.contains("within 30 miles"));
    assert!(body.contains("<option value=\"30\" selected>30</option>"));
}

#[tokio::test]
async fn wrong_values_get_plain_messages_at_their_fields_and_nothing_is_replaced() {
    let app = TestApp::spawn().await;
    austin(&app, 3).await;
    let huge = "x".repeat(5000);
    for (query, field, message) in [
        (
            "near=78701&unit=furlong".to_owned(),
            "unit-error",
            "&quot;furlong&quot; is not a unit. Choose miles or km.",
        ),
        (
            "near=78701&radius=abc".to_owned(),
            "radius-error",
            "&quot;abc&quot; is not a distance. Choose a whole number, such as 25.",
        ),
        (
            "near=78701&radius=400".to_owned(),
            "radius-error",
            "The farthest a search reaches is 310 miles.",
        ),
        (
            "near=78701&radius=0&unit=km".to_owned(),
            "radius-error",
            "&quot;0&quot; is not a distance.",
        ),
        (
            format!("near={huge}"),
            "near-error",
            "We could not find &quot;xxxxxxxx",
        ),
    ] {
        let (status, body) = page(&app, &format!("/search?{query}")).await;
        assert_eq!(status, 200, "{query:.60}");
        assert!(
            body.contains(&format!("id=\"{field}\">")) && body.contains(message),
            "{query:.60}: {message}"
        );
        assert!(
            !body.contains("class=\"card\""),
            "{query:.60}: no results under a wrong value"
        );
        assert!(!body.contains('`'), "plain words, no backticks");
    }
    let (_, body) = page(&app, &format!("/search?near={huge}")).await;
    let message = body
        .split("id=\"near-error\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("near message");
    assert!(
        message.chars().count() < 140,
        "a long value is shortened in its message: {message}"
    );
    assert!(message.contains('…'));
    let (_, body) = page(&app, "/search?near=78701&modality=reiki&access=moat").await;
    assert!(body.contains("&quot;reiki&quot; is not one of the choices"));
    assert!(body.contains("&quot;moat&quot; is not one of the choices"));
}

#[tokio::test]
async fn pages_that_are_not_there_say_so_and_link_back() {
    let app = TestApp::spawn().await;
    austin(&app, 25).await;
    let (_, body) = page(&app, "/search?near=78701&page=2").await;
    assert!(body.contains("Page 2 of 2"), "{body}");
    assert_eq!(body.matches("class=\"card\"").count(), 5);
    assert!(body.contains(">21</span>"), "numbering continues on page 2");
    let (status, body) = page(&app, "/search?near=78701&page=3").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("There is no page 3: the results fill 2 pages."),
        "{body}"
    );
    assert!(body.contains("page=2\">Go to the last page</a>"));
    let (_, body) = page(&app, "/search?near=78701&page=abc").await;
    assert!(body.contains("There is no page &quot;abc&quot; of results."));
    assert!(body.contains(">Go to the first page</a>"));
    let (_, body) = page(&app, "/search?near=78701&page=2&q=nobody").await;
    assert!(body.contains("There is no page 2: this search found no practitioners."));
}

#[tokio::test]
async fn the_map_beside_results_numbers_its_pins_as_the_list_and_says_what_it_shows() {
    let app = TestApp::spawn().await;
    austin(&app, 6).await;
    let (_, body) = page(&app, "/search?near=78701&radius=25").await;
    let cards = body.matches("class=\"card\"").count();
    assert_eq!(cards, 6);
    assert_eq!(body.matches("<g class=\"map-pin\">").count(), cards);
    for n in 1..=cards {
        assert!(body.contains(&format!(
            "<span class=\"pin-number\" aria-hidden=\"true\">{n}</span>"
        )));
        assert!(body.contains(&format!("text-anchor=\"middle\">{n}</text>")));
    }
    assert!(body.contains("role=\"img\" aria-labelledby=\"map-title map-desc\""));
    assert!(body.contains(
        "A map of the area within 25 miles of Austin, TX 78701. 6 numbered pins for the results on this page"
    ));
    assert!(
        body.contains("Nearby places: "),
        "landmarks from the gazetteer"
    );
    assert!(body.contains("class=\"map-landmark-label\""));
    assert!(body.contains("href=\"#after-map\">Skip the map</a>"));
    assert!(body.contains(" miles</text>"), "a scale bar in miles");
    assert!(
        !body.contains("leaflet"),
        "without a tile server nothing but the drawn map is sent"
    );
    let (_, profile) = page(&app, "/p/austin-00").await;
    assert!(profile.contains("A pin marks the practice."), "{profile}");
}

#[tokio::test]
async fn a_configured_tile_server_sends_the_street_map_and_opens_the_policy_to_its_images() {
    let app = TestApp::spawn_with(|c| {
        c.map_tiles_url = Some(therapist_finder::config::TilesUrl {
            template: "https://tiles.example.org/{z}/{x}/{y}.png".into(),
            origin: "https://tiles.example.org".into(),
        });
        c.map_tiles_attribution = "<b>Example</b> contributors".into();
    })
    .await;
    austin(&app, 2).await;
    let res = app.get("/search?near=78701").await;
    let policy = res.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(policy.contains("img-src 'self' data: https://tiles.example.org;"));
    assert!(policy.contains("script-src 'self';"), "{policy}");
    let body = res.text().await.expect("body");
    assert!(body.contains("<script src=\"/static/leaflet.js\" defer></script>"));
    let data = body
        .split("<script type=\"application/json\" id=\"map-data\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("street map data");
    assert!(!data.contains('<'), "markup in the data is escaped: {data}");
    let parsed: Value = serde_json::from_str(data).expect("json");
    assert_eq!(parsed["pins"].as_array().map(Vec::len), Some(2));
    assert_eq!(parsed["attribution"], "<b>Example</b> contributors");
    let leaflet = app.get("/static/leaflet.js").await;
    assert_eq!(leaflet.status(), 200);
    assert!(leaflet.text().await.expect("js").contains("Leaflet 1.9.4"));
}

#[tokio::test]
async fn the_accessibility_filter_keeps_only_practices_with_every_feature_asked_for() {
    let app = TestApp::spawn().await;
    austin(&app, 6).await;
    let (_, body) = page(&app, "/search?near=78701&access=step_free").await;
    assert!(body.contains("3 practitioners within"), "{body}");
    for i in [0, 2, 4] {
        assert!(body.contains(&format!("href=\"/p/austin-{i:02}\"")));
    }
    assert!(
        body.contains("Step-free entry</li>"),
        "cards name the features"
    );
    let (_, body) = page(
        &app,
        "/search?near=78701&access=step_free&access=scent_free",
    )
    .await;
    assert!(body.contains("0 practitioners within"));
    let (status, json) = api(
        &app,
        "/api/v1/practitioners?near=78701&accessibility=step_free&accessibility=adjustable_table",
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(json["total"], 3);
    assert_eq!(
        json["results"][0]["accessibility"],
        serde_json::json!(["step_free", "adjustable_table"])
    );
    let (status, json) = api(&app, "/api/v1/practitioners?near=78701&accessibility=moat").await;
    assert_eq!(status, 422);
    assert!(
        json["error"]["fields"]["accessibility"]
            .as_str()
            .is_some_and(|m| m.starts_with("\"moat\" is not an accessibility feature"))
    );
}

#[tokio::test]
async fn the_api_takes_a_radius_in_miles_or_kilometres_and_explains_a_bad_one_plainly() {
    let app = TestApp::spawn().await;
    austin(&app, 25).await;
    let (_, miles) = api(&app, "/api/v1/practitioners?near=78701&radius_mi=1").await;
    let (_, km) = api(&app, "/api/v1/practitioners?near=78701&radius_km=1.609344").await;
    assert_eq!(miles["total"], km["total"]);
    assert!(miles["total"].as_u64().is_some_and(|t| t > 0 && t < 25));
    let first = &miles["results"][0];
    let (km, mi) = (
        first["distance_km"].as_f64().expect("km"),
        first["distance_mi"].as_f64().expect("mi"),
    );
    assert!((km / 1.609_344 - mi).abs() < 0.1, "{km} km, {mi} mi");
    for (query, field, message) in [
        (
            "radius_km=-1",
            "radius_km",
            "must be a number more than 0 and at most 500",
        ),
        (
            "radius_km=1e400",
            "radius_km",
            "must be a number more than 0 and at most 500",
        ),
        (
            "radius_mi=311",
            "radius_mi",
            "must be a number more than 0 and at most 310",
        ),
        ("radius_mi=far", "radius_mi", "\"far\" is not a number"),
        (
            "radius_km=5&radius_mi=5",
            "radius_mi",
            "give radius_km or radius_mi, not both",
        ),
    ] {
        let (status, json) = api(&app, &format!("/api/v1/practitioners?near=78701&{query}")).await;
        assert_eq!(status, 422, "{query}");
        assert_eq!(json["error"]["fields"][field], message, "{query}");
        assert!(!json.to_string().contains("17976931348623157"), "{query}");
    }
    let body = |radius: Value| {
        serde_json::json!({
            "regions": ["low_back"], "duration": "chronic", "pain": 4, "pressure": "medium",
            "goal": "clinical", "near": "78701",
        })
        .as_object()
        .map(|o| {
            let mut o = o.clone();
            for (k, v) in radius.as_object().into_iter().flatten() {
                o.insert(k.clone(), v.clone());
            }
            Value::Object(o)
        })
        .expect("object")
    };
    for (radius, status) in [
        (serde_json::json!({"radius_mi": 10}), 200),
        (serde_json::json!({"radius_km": 10}), 200),
        (serde_json::json!({"radius_km": 10, "radius_mi": 10}), 422),
        (serde_json::json!({}), 422),
        (serde_json::json!({"radius_mi": 0}), 422),
    ] {
        let res = app
            .client
            .post(app.url("/api/v1/match"))
            .json(&body(radius.clone()))
            .send()
            .await
            .expect("send");
        assert_eq!(res.status(), status, "{radius}");
    }
}

#[tokio::test]
async fn every_card_and_profile_says_how_the_practitioner_works_by_the_one_rule() {
    let app = TestApp::spawn().await;
    let clinical = PractitionerSpec::new("works-clinically");
    let mut relaxed = PractitionerSpec::new("works-relaxed");
    relaxed.modalities = vec!["swedish", "hot_stone"];
    relaxed.clinical = [Some(false), None, None, Some(false), Some(true)];
    relaxed.training_hours = vec![100];
    relaxed.lat += 0.01;
    for spec in [&clinical, &relaxed] {
        insert_practitioner(&app.state.db, spec).await;
    }
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("reindex");
    let (_, body) = page(&app, "/search?near=78701").await;
    assert!(body.contains("approach approach-clinical"));
    assert!(body.contains("approach approach-relaxation"));
    let (_, profile) = page(&app, "/p/works-clinically").await;
    let top = profile
        .split("How this practitioner works")
        .nth(1)
        .expect("panel");
    assert!(
        profile.find("How this practitioner works") < profile.find("id=\"about\""),
        "the panel comes first"
    );
    assert!(top.contains("Clinically focused"));
    assert!(top.contains("Yes to 3 of the 5 clinical-practice questions"));
    assert!(top.contains("620 training hours on record (500 or more)"));
    let (_, profile) = page(&app, "/p/works-relaxed").await;
    assert!(profile.contains("Relaxation-focused"));
    assert!(profile.contains("Offers none of the clinical techniques"));
    let (_, json) = api(&app, "/api/v1/practitioners/works-relaxed").await;
    assert_eq!(json["approach"], "relaxation");
}

#[tokio::test]
async fn the_approach_summary_states_only_what_the_answers_say() {
    let app = TestApp::spawn().await;
    // Clinically focused, but No to "a whole session on one area".
    let mut spec = PractitionerSpec::new("not-one-area");
    spec.clinical = [Some(false), Some(true), Some(true), Some(true), None];
    insert_practitioner(&app.state.db, &spec).await;
    let (_, profile) = page(&app, "/p/not-one-area").await;
    let top = profile
        .split("How this practitioner works")
        .nth(1)
        .expect("panel");
    assert!(top.contains("Clinically focused"));
    assert!(
        top.contains("answered yes to at least 3 of the 5 clinical-practice questions"),
        "{top}"
    );
    for claim in [
        "can spend a session on one area",
        "assesses it",
        "explains what drives it",
    ] {
        assert!(!profile.contains(claim), "the summary claims {claim:?}");
    }
}

#[tokio::test]
async fn the_licence_panel_says_number_state_status_expiry_and_how_it_was_verified() {
    let app = TestApp::spawn().await;
    insert_practitioner(&app.state.db, &PractitionerSpec::new("licensed")).await;
    let mut pending = PractitionerSpec::new("licence-pending");
    pending.licence_status = Some("pending");
    insert_practitioner(&app.state.db, &pending).await;
    let (_, body) = page(&app, "/p/licensed").await;
    let panel = body
        .split("id=\"licences\"")
        .nth(1)
        .and_then(|rest| rest.split("id=\"where-heading\"").next())
        .expect("licence panel");
    for needle in [
        "Verified and current until",
        "<dt>Number</dt><dd>MT-",
        "<dt>State</dt><dd>Texas (TX)</dd>",
        "<dt>Kind</dt><dd>State licence</dd>",
        "checked by an admin on the board&#39;s own look-up",
        "<dt>Expires</dt>",
    ] {
        assert!(panel.contains(needle), "{needle}: {panel}");
    }
    assert!(
        panel.contains("look-up")
            && (panel.contains("Check this licence on the board")
                || panel.contains("no address on file for this board")),
        "the board's look-up, or plainly that there is none"
    );
    let (_, body) = page(&app, "/p/licence-pending").await;
    assert!(body.contains("Not yet verified: the directory has not checked this licence yet"));
}

const SAFE: &str =
    "regions=low_back&duration=chronic&pressure=medium&goal=clinical&near=78701&radius=25";

#[tokio::test]
async fn each_verdict_page_shows_only_what_fits_it() {
    let app = TestApp::spawn().await;
    austin(&app, 2).await;
    // A red flag with high pain and a precaution: the stop page says nothing about massage.
    let (_, urgent) = page(
        &app,
        &format!("/match?{SAFE}&pain=8&red_flags=saddle_numbness&conditions=blood_thinners"),
    )
    .await;
    assert!(urgent.contains("Please get medical care now"));
    for absent in [
        "Precautions",
        "gentle",
        "Pre-visit",
        "/match/note",
        "class=\"card\"",
    ] {
        assert!(!urgent.contains(absent), "urgent page shows {absent}");
    }
    let (_, doctor) = page(
        &app,
        &format!("/match?{SAFE}&pain=8&conditions=blood_clots&conditions=blood_thinners"),
    )
    .await;
    assert!(doctor.contains("Please see a doctor before booking massage"));
    assert!(doctor.contains("Open a note to take to your doctor"));
    for absent in [
        "id=\"precautions-heading\"",
        "gentle, indirect",
        "class=\"card\"",
    ] {
        assert!(!doctor.contains(absent), "see-a-doctor page shows {absent}");
    }
    let (_, proceed) = page(
        &app,
        &format!("/match?{SAFE}&pain=8&conditions=blood_thinners"),
    )
    .await;
    assert!(proceed.contains("id=\"precautions-heading\""));
    assert!(proceed.contains("Open a printable note for your doctor and massage therapist"));
    let (_, calm) = page(&app, &format!("/match?{SAFE}&pain=3")).await;
    assert!(!calm.contains("/match/note"), "no precaution, no note");
}

#[tokio::test]
async fn the_pre_visit_note_carries_the_answers_the_questions_and_the_advice_and_is_not_kept() {
    let app = TestApp::spawn().await;
    let res = app
        .get(&format!(
            "/match/note?{SAFE}&pain=6&conditions=blood_clots&conditions=pregnancy"
        ))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    assert_eq!(res.headers()["referrer-policy"], "no-referrer");
    let body = res.text().await.expect("body");
    for needle in [
        "Pre-visit note",
        "I was advised to see a doctor before booking massage",
        "<dt>Where it hurts</dt><dd>Low back</dd>",
        "<dt>Pain right now</dt><dd>6 out of 10</dd>",
        "Pregnant; Past blood clots (DVT)",
        "After blood clots (DVT), massage needs a doctor&#39;s clearance first. Is massage safe for me now",
        "I have this condition: pregnant.",
        "only practitioners with prenatal training are shown",
        "For the massage therapist, once a doctor has said massage is fine",
    ] {
        assert!(body.contains(needle), "{needle}: {body}");
    }
    let (_, none) = page(&app, &format!("/match/note?{SAFE}&pain=2")).await;
    assert!(none.contains("These answers need no note"));
    let (status, _) = page(&app, "/match/note?regions=nowhere").await;
    assert_eq!(status, 422, "wrong answers are sent back to the form");
}

#[tokio::test]
async fn the_questionnaire_asks_again_for_a_wrong_radius_or_unit_and_settles_miles_in_the_us() {
    let app = TestApp::spawn().await;
    austin(&app, 2).await;
    let answers = SAFE.replace("&radius=25", "");
    let (status, body) = page(
        &app,
        &format!("/match?{answers}&pain=3&unit=furlong&radius=x"),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("&quot;furlong&quot; is not a unit. Choose miles or km."));
    assert!(body.contains("&quot;x&quot; is not a distance."));
    assert!(
        body.contains("value=\"low_back\" checked"),
        "the answers are kept"
    );
    let (status, body) = page(&app, &format!("/match?{SAFE}&pain=3")).await;
    assert_eq!(status, 200);
    assert!(body.contains("within 25 miles."), "{body}");
    assert!(body.contains(" mi away</strong>"));
    assert!(
        body.contains(r#"<input type="hidden" name="unit" value="mi">"#),
        "the answers the page sends on keep the unit"
    );
    let (status, body) = page(&app, &format!("/match?{answers}&pain=3&unit=km&radius=600")).await;
    assert_eq!(status, 422);
    assert!(body.contains("The farthest a search reaches is 500 km."));
    // A wrong unit never stands between a red flag and its verdict.
    let (status, body) = page(
        &app,
        &format!("/match?{answers}&pain=3&unit=furlong&red_flags=saddle_numbness"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(body.contains("Please get medical care now"));
}

#[tokio::test]
async fn a_profile_offers_call_email_directions_and_its_languages_near_the_top() {
    let app = TestApp::spawn().await;
    let id = insert_practitioner(&app.state.db, &PractitionerSpec::new("reachable")).await;
    let row = practitioner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("row");
    let mut model = row.into_active_model();
    model.phone = Set(Some("+1 (512) 555-0100 ext. 4".into()));
    model.public_email = Set(Some("desk@clinic.example".into()));
    model.languages = Set("en,es".into());
    model.update(&app.state.db).await.expect("update");
    let (status, profile) = page(&app, "/p/reachable").await;
    assert_eq!(status, 200);
    assert!(profile.contains("href=\"tel:+15125550100\""), "tap to call");
    assert!(profile.contains("href=\"mailto:desk@clinic.example\""));
    assert!(profile.contains("https://www.openstreetmap.org/directions?route=%3B"));
    assert!(profile.contains("<dt>Languages</dt><dd>English, Spanish</dd>"));
    let request = profile
        .find("href=\"#contact-heading\"")
        .expect("a request button");
    assert!(
        request < profile.find("How this practitioner works").expect("panel"),
        "the request button comes before the rest of the profile"
    );
}
