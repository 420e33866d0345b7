//! Prices by session length and how a practice may be paid: edited on the dashboard,
//! shown on the profile and answered by the API; bad input refused at its field with
//! nothing stored, however many saves race; the earlier price range migrated.

use migration::{Migrator, MigratorTrait};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};
use serde_json::Value;
use therapist_finder::entities::practitioner;

use crate::support::{
    TestApp,
    visitor::{Visitor, practitioner, practitioner_id},
};

const GOOD: [(&str, &str); 11] = [
    ("price_30", "55"),
    ("price_60", "95"),
    ("price_90", "135"),
    ("currency", "USD"),
    ("sliding_scale", "on"),
    ("price_note", "First visit includes a 15-minute assessment."),
    ("payment", "cash"),
    ("payment", "hsa_fsa"),
    ("payment", "itemised_receipts"),
    ("insurers", "Aetna\r\n\r\n  Cigna  "),
    ("npi", "1234 567 893"),
];

async fn row(app: &TestApp, id: i64) -> practitioner::Model {
    practitioner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("row")
}

/// Lists a signed-up practitioner in Austin so their profile is public.
async fn publish(app: &TestApp, id: i64) {
    let mut m: practitioner::ActiveModel = row(app, id).await.into();
    m.listed = Set(true);
    m.city = Set("Austin".into());
    m.region_code = Set("TX".into());
    m.lat = Set(Some(30.27));
    m.lng = Set(Some(-97.74));
    m.update(&app.state.db).await.expect("listed");
}

#[tokio::test]
async fn prices_and_payment_are_edited_shown_on_the_profile_and_answered_by_the_api() {
    let app = TestApp::spawn().await;
    let v = practitioner(&app, "pay@example.com", "Pat Rivera").await;
    let id = practitioner_id(&app, "pay@example.com").await;
    // With no hours set, every length the site knows can be priced.
    let page = v.page("/dashboard/payment").await;
    for field in [
        "price_30",
        "price_45",
        "price_60",
        "price_75",
        "price_90",
        "price_120",
    ] {
        assert!(page.contains(&format!("name=\"{field}\"")), "{field}");
    }
    let res = v.post("/dashboard/payment", &GOOD).await;
    assert_eq!(res.status(), 303);
    let stored = row(&app, id).await;
    assert_eq!(stored.prices, "30:55,60:95,90:135");
    assert_eq!(stored.payment, "cash,hsa_fsa,itemised_receipts");
    assert_eq!(stored.insurers.as_deref(), Some("Aetna\nCigna"));
    assert_eq!(stored.npi.as_deref(), Some("1234567893"));
    assert!(stored.sliding_scale);
    let page = v.page("/dashboard/payment?saved=1").await;
    assert!(
        page.contains("value=\"95\"") && page.contains("Aetna\nCigna"),
        "{page}"
    );

    publish(&app, id).await;
    let slug = stored.slug.clone();
    let profile = v.page(&format!("/p/{slug}?lang=en")).await;
    for words in [
        "Cost and payment",
        "60 minutes",
        "95 USD",
        "HSA or FSA card",
        "letter of medical necessity",
        "Aetna, Cigna",
        "NPI: 1234567893",
        "First visit includes a 15-minute assessment.",
        "\"priceRange\":\"55–135 USD\"",
    ] {
        assert!(profile.contains(words), "{words}: {profile}");
    }
    let api: Value = app
        .client
        .get(app.url(&format!("/api/v1/practitioners/{slug}")))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(api["prices"][1]["minutes"], 60);
    assert_eq!(api["prices"][1]["amount"], 95);
    assert_eq!(api["prices"][1]["currency"], "USD");
    assert_eq!(
        api["payment"]["options"],
        serde_json::json!(["cash", "hsa_fsa", "itemised_receipts"])
    );
    assert_eq!(api["payment"]["npi"], "1234567893");
    // Emptying the prices removes them; nothing else is kept from before.
    let res = v.post("/dashboard/payment", &[("currency", "USD")]).await;
    assert_eq!(res.status(), 303);
    let stored = row(&app, id).await;
    assert_eq!(
        (stored.prices.as_str(), stored.payment.as_str(), stored.npi),
        ("", "", None)
    );
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn bad_prices_and_payment_are_refused_at_their_field_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let v = practitioner(&app, "bad@example.com", "Bo Lee").await;
    let id = practitioner_id(&app, "bad@example.com").await;
    assert_eq!(v.post("/dashboard/payment", &GOOD).await.status(), 303);
    // Once hours say 60 minutes only, a 30-minute price is not offered.
    let mut week = therapist_finder::schedule::Week::default();
    week.0[0] = vec![(9 * 60, 12 * 60)];
    crate::hours::save_chicago_hours(&app, id, week, &[60], 0).await;
    let before = row(&app, id).await;
    let long_note = "x".repeat(201);
    let many = (1..=11)
        .map(|i| format!("Insurer {i}"))
        .collect::<Vec<_>>()
        .join("\n");
    let cases: [(&str, &str, &str); 9] = [
        ("price_60", "-5", "Enter a whole number from 1 to 2000."),
        ("price_60", "100000", "Enter a whole number from 1 to 2000."),
        ("price_60", "ninety", "Enter a whole number from 1 to 2000."),
        ("price_30", "55", "You do not offer 30-minute sessions"),
        ("npi", "1234567890", "An NPI is 10 digits"),
        ("payment", "bitcoin", "Choose ways to pay from the list."),
        ("insurers", &many, "Name at most 10 insurers"),
        ("price_note", &long_note, "Keep the note to one line"),
        (
            "price_note",
            "line one\u{7}bell",
            "Keep the note to one line",
        ),
    ];
    for (field, value, says) in cases {
        let mut form: Vec<(&str, &str)> = vec![("price_60", "95"), ("currency", "USD")];
        form.retain(|(k, _)| *k != field);
        form.push((field, value));
        let res = v.post("/dashboard/payment", &form).await;
        assert_eq!(res.status(), 422, "{field}={value:?}");
        let page = res.text().await.expect("body");
        assert!(page.contains(says), "{field}: {says}");
        assert!(
            page.contains(&format!("id=\"{field}-error\"")),
            "{field} marked"
        );
        assert!(!page.contains('\u{7}'), "a control character is not echoed");
        assert_eq!(row(&app, id).await, before, "{field}: nothing stored");
    }
    // Saves racing each other leave one whole submission, never a mix of two.
    let sets: Vec<(String, &str, &str)> = (0..8)
        .map(|i| {
            let npi = if i % 2 == 0 { "1234567893" } else { "" };
            let payment = if i % 2 == 0 { "hsa_fsa" } else { "cash" };
            (format!("{}", 90 + i), payment, npi)
        })
        .collect();
    let forms: Vec<[(&str, &str); 4]> = sets
        .iter()
        .map(|(price, payment, npi)| {
            [
                ("price_60", price.as_str()),
                ("currency", "USD"),
                ("payment", *payment),
                ("npi", *npi),
            ]
        })
        .collect();
    let saves = forms.iter().map(|form| v.post("/dashboard/payment", form));
    for res in futures_util::future::join_all(saves).await {
        assert_eq!(res.status(), 303);
    }
    let after = row(&app, id).await;
    let whole = sets.iter().any(|(price, payment, npi)| {
        after.prices == format!("60:{price}")
            && after.payment == *payment
            && after.npi.as_deref().unwrap_or("") == *npi
    });
    assert!(
        whole,
        "{:?} {:?} {:?}",
        after.prices, after.payment, after.npi
    );
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn the_earlier_price_range_becomes_the_sixty_minute_price_with_its_range_kept() {
    let app = TestApp::spawn().await;
    practitioner(&app, "a@example.com", "A One").await;
    practitioner(&app, "b@example.com", "B Two").await;
    practitioner(&app, "c@example.com", "C Three").await;
    let ids = [
        practitioner_id(&app, "a@example.com").await,
        practitioner_id(&app, "b@example.com").await,
        practitioner_id(&app, "c@example.com").await,
    ];
    let stopped = app.stop().await;
    let (db, undone) =
        crate::support::rolled_back_before(&stopped, "m20261206_000005_prices_and_payment").await;
    for (id, low, high) in [
        (ids[0], "70", "154"),
        (ids[1], "90", "90"),
        (ids[2], "NULL", "120"),
    ] {
        db.execute_unprepared(&format!(
            "UPDATE practitioners SET price_min = {low}, price_max = {high} WHERE id = {id}"
        ))
        .await
        .expect("as an earlier version stored it");
    }
    Migrator::up(&db, None).await.expect("up");
    let read = |id| {
        let db = &db;
        async move {
            practitioner::Entity::find_by_id(id)
                .one(db)
                .await
                .expect("query")
                .expect("row")
        }
    };
    let a = read(ids[0]).await;
    assert_eq!(a.prices, "60:70");
    assert_eq!(a.price_note.as_deref(), Some("60 min: 70–154 USD"));
    let b = read(ids[1]).await;
    assert_eq!((b.prices.as_str(), b.price_note), ("60:90", None));
    let c = read(ids[2]).await;
    assert_eq!(c.prices, "60:120");
    // Down (this migration and those after it) puts a range back from the prices.
    Migrator::down(&db, Some(u32::try_from(undone).expect("few")))
        .await
        .expect("down");
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!(
                "SELECT price_min, price_max FROM practitioners WHERE id = {}",
                ids[0]
            ),
        ))
        .await
        .expect("query")
        .expect("row");
    let low: Option<i32> = row.try_get("", "price_min").expect("min");
    assert_eq!(low, Some(70));
    Migrator::up(&db, None).await.expect("up again");
    let app = stopped.start().await;
    let v = Visitor::new(&app);
    assert_eq!(v.get("/").await.status(), 200);
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn search_the_page_the_api_and_the_match_filter_by_hsa_fsa_injury_claims_and_price() {
    use crate::support::builders::{PractitionerSpec, insert_practitioner};
    let app = TestApp::spawn().await;
    for (slug, prices, payment) in [
        ("cheap-hsa", "30:45,60:70", "cash,hsa_fsa"),
        ("dear-hsa", "60:140", "card,hsa_fsa,injury_claims"),
        ("no-sixty", "90:120", "hsa_fsa"),
        ("plain", "60:85", "cash"),
    ] {
        let mut spec = PractitionerSpec::new(slug);
        spec.prices = prices;
        spec.payment = payment;
        spec.modalities = vec!["clinical"];
        spec.regions = vec!["low_back"];
        insert_practitioner(&app.state.db, &spec).await;
    }
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("reindex");
    let slugs = |body: &Value| -> Vec<String> {
        let mut s: Vec<String> = body["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| r["slug"].as_str().expect("slug").to_owned())
            .collect();
        s.sort();
        s
    };
    let api = |query: &'static str| {
        let app = &app;
        async move {
            let res = app
                .get(&format!(
                    "/api/v1/practitioners?near=78701&radius_km=50&{query}"
                ))
                .await;
            let status = res.status().as_u16();
            (status, res.json::<Value>().await.expect("json"))
        }
    };
    let (_, all) = api("").await;
    assert_eq!(slugs(&all).len(), 4);
    let cheap = all["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["slug"] == "cheap-hsa")
        .expect("cheap");
    assert_eq!(cheap["prices"][1]["amount"], 70);
    assert_eq!(cheap["hsa_fsa"], true);
    let (_, hsa) = api("hsa_fsa=true").await;
    assert_eq!(slugs(&hsa), ["cheap-hsa", "dear-hsa", "no-sixty"]);
    let (_, injury) = api("injury_claims=true").await;
    assert_eq!(slugs(&injury), ["dear-hsa"]);
    let (_, under) = api("max_price_60=85").await;
    assert_eq!(
        slugs(&under),
        ["cheap-hsa", "plain"],
        "no 60-minute price, left out"
    );
    let (_, both) = api("max_price_60=100&hsa_fsa=true").await;
    assert_eq!(slugs(&both), ["cheap-hsa"]);
    for bad in [
        "max_price_60=-5",
        "max_price_60=100000",
        "max_price_60=cheap",
        "hsa_fsa=maybe",
    ] {
        let (status, body) = api(bad).await;
        assert_eq!(status, 422, "{bad}");
        let field = bad.split('=').next().expect("field");
        assert!(body["error"]["fields"][field].is_string(), "{bad}: {body}");
    }

    // The search page: the filters, the card's 60-minute price and a refusal in place.
    let v = Visitor::new(&app);
    let page = v
        .page("/search?near=78701&radius=30&unit=mi&hsa_fsa=on&max_price_60=100&lang=en")
        .await;
    assert!(page.contains("href=\"/p/cheap-hsa\"") && !page.contains("href=\"/p/plain\""));
    assert!(!page.contains("href=\"/p/dear-hsa\"") && !page.contains("href=\"/p/no-sixty\""));
    assert!(
        page.contains("60 min: 70 USD") && page.contains(">HSA/FSA<"),
        "{page}"
    );
    let res = v
        .get("/search?near=78701&radius=30&unit=mi&max_price_60=-5")
        .await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.expect("body");
    assert!(page.contains("id=\"max_price_60-error\"") && page.contains("value=\"-5\""));

    // The match: only what the person can pay with.
    let answers = serde_json::json!({
        "regions": ["low_back"], "duration": "chronic", "pain": 6, "red_flags": [],
        "conditions": [], "pressure": "medium", "goal": "clinical", "near": "78701",
        "radius_km": 50, "injury_claims": true
    });
    let res: Value = app
        .client
        .post(app.url("/api/v1/match"))
        .json(&answers)
        .send()
        .await
        .expect("post")
        .json()
        .await
        .expect("json");
    let matched: Vec<&str> = res["matches"]
        .as_array()
        .expect("matches")
        .iter()
        .map(|m| m["slug"].as_str().expect("slug"))
        .collect();
    assert_eq!(matched, ["dear-hsa"], "{res}");
    let mut bad = answers.clone();
    bad["max_price_60"] = serde_json::json!(0);
    let res = app
        .client
        .post(app.url("/api/v1/match"))
        .json(&bad)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 422);

    // The questionnaire page: the same filters, kept with the answers; a bad price is
    // refused at its field with the answers kept.
    let form = [
        ("regions", "low_back"),
        ("duration", "chronic"),
        ("pain", "6"),
        ("pressure", "medium"),
        ("goal", "clinical"),
        ("near", "78701"),
        ("radius", "30"),
        ("unit", "mi"),
        ("hsa_fsa", "on"),
        ("max_price_60", "100"),
    ];
    let res = v.post("/match", &form).await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.expect("page");
    assert!(page.contains("href=\"/p/cheap-hsa\""), "{page}");
    for gone in ["plain", "dear-hsa", "no-sixty"] {
        assert!(!page.contains(&format!("href=\"/p/{gone}\"")), "{gone}");
    }
    assert!(
        page.contains("name=\"hsa_fsa\" value=\"on\"")
            && page.contains("name=\"max_price_60\" value=\"100\""),
        "the filters travel with the answers"
    );
    let mut wrong = form.to_vec();
    wrong.retain(|(k, _)| *k != "max_price_60");
    wrong.push(("max_price_60", "-5"));
    let res = v.post("/match", &wrong).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.expect("page");
    assert!(page.contains("id=\"max_price_60-error\""), "{page}");
    assert!(
        page.contains("value=\"-5\"") && page.contains("name=\"hsa_fsa\" value=\"on\" checked")
    );
    app.run_pending_jobs().await;
}
