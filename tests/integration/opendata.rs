//! Open data: FHIR Plan-Net, HSDS and schema.org, each checked by an outside validator
//! pinned in tools/ (run on both backends), plus paging, `near`, `_lastUpdated` and the
//! privacy rules.

use std::{collections::BTreeSet, path::PathBuf, process::Command};

use chrono::{TimeDelta, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};
use serde_json::Value;
use therapist_finder::{app, entities::practitioner, practitioners};

use crate::support::{
    TestApp,
    builders::{PractitionerSpec, insert_practitioner},
    visitor,
};

/// The listings every test here starts from.
struct Directory {
    /// A clinic with everything filled in.
    full: i64,
    /// Home-based: city only, with a street address on file that must never appear.
    home: i64,
    /// A demo listing.
    demo: i64,
    /// Not published.
    draft: i64,
    /// Suspended by an admin.
    suspended: i64,
}

/// The five resource types a listing is published as.
const KINDS: [&str; 5] = [
    "Practitioner",
    "PractitionerRole",
    "Location",
    "Organization",
    "HealthcareService",
];
const ACCOUNT_EMAIL: &str = "private-account@example.org";
const HIDDEN_STREET: &str = "77 Hidden Lane";

async fn change(app: &TestApp, id: i64, edit: impl FnOnce(&mut practitioner::ActiveModel)) {
    let row = practitioner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("row");
    let mut model = row.into_active_model();
    edit(&mut model);
    model.update(&app.state.db).await.expect("update");
}

async fn directory(app: &TestApp) -> Directory {
    let full = insert_practitioner(&app.state.db, &PractitionerSpec::new("clinic-full")).await;
    change(app, full, |m| {
        m.phone = Set(Some("+1 512 555 0100".into()));
        m.public_email = Set(Some("desk@clinic.example".into()));
        m.website = Set(Some("https://clinic.example/".into()));
        m.postal_code = Set(Some("78701".into()));
        m.languages = Set("en,es".into());
        m.accessibility = Set("step_free,adjustable_table".into());
        m.npi = Set(Some("1234567893".into()));
        m.payment = Set("cash,hsa_fsa,itemised_receipts".into());
        m.bio = Set("Clinical work for back pain </script><script>alert(1)</script>".into());
    })
    .await;
    let mut home_spec = PractitionerSpec::new("home-based");
    home_spec.practice_name = None;
    home_spec.lat = 30.30;
    home_spec.lng = -97.70;
    home_spec.practice_type = "home_based".into();
    home_spec.accepting = None;
    let home = insert_practitioner(&app.state.db, &home_spec).await;
    change(app, home, |m| {
        m.location_precision = Set("city".into());
        m.address_line = Set(Some(HIDDEN_STREET.into()));
    })
    .await;
    let mut demo_spec = PractitionerSpec::new("demo-listing");
    demo_spec.lat = 30.25;
    let demo = insert_practitioner(&app.state.db, &demo_spec).await;
    change(app, demo, |m| m.is_demo = Set(true)).await;
    let mut draft_spec = PractitionerSpec::new("draft-listing");
    draft_spec.listed = false;
    let draft = insert_practitioner(&app.state.db, &draft_spec).await;
    let suspended =
        insert_practitioner(&app.state.db, &PractitionerSpec::new("suspended-listing")).await;
    change(app, suspended, |m| {
        m.suspended_at = Set(Some(Utc::now()));
        m.suspended_reason = Set(Some("fake credentials".into()));
    })
    .await;
    // A signed-up practitioner whose account email must appear nowhere, listed.
    visitor::practitioner(app, ACCOUNT_EMAIL, "Account Holder").await;
    let account = visitor::practitioner_id(app, ACCOUNT_EMAIL).await;
    change(app, account, |m| {
        m.listed = Set(true);
        m.lat = Set(Some(30.27));
        m.lng = Set(Some(-97.74));
        m.city = Set("Austin".into());
        m.region_code = Set("TX".into());
    })
    .await;
    app::rebuild_index(&app.state).await.expect("reindex");
    Directory {
        full,
        home,
        demo,
        draft,
        suspended,
    }
}

async fn json(app: &TestApp, path: &str) -> Value {
    let res = app.get(path).await;
    let status = res.status();
    let body = res.text().await.expect("body");
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"))
}

async fn text(app: &TestApp, path: &str) -> String {
    let res = app.get(path).await;
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.expect("body")
}

fn tools() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tools")
}

fn python() -> String {
    std::env::var("OPENAPI_VALIDATOR_PYTHON")
        .expect("OPENAPI_VALIDATOR_PYTHON must name the tools' Python; scripts/test sets it")
}

/// Runs the FHIR validators over `resources`; panics with every error they report.
fn validate_fhir(resources: &[Value]) -> u64 {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("resources.json");
    std::fs::write(&file, Value::from(resources.to_vec()).to_string()).expect("write");
    let out = Command::new("node")
        .arg("--experimental-websocket")
        .arg(tools().join("validate-fhir.mjs"))
        .arg(tools().join("standards/plan-net-1.1.0/hl7.fhir.us.davinci-pdex-plan-net-1.1.0.tgz"))
        .arg(&file)
        .output()
        .expect("run node (scripts/test installs tools/node_modules)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "validator crashed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_str(stdout.lines().last().unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(
        report["errors"],
        serde_json::json!([]),
        "FHIR validation errors"
    );
    report["checked"].as_u64().expect("checked")
}

fn ids_in(bundle: &Value) -> Vec<String> {
    bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| e["search"]["mode"] == "match")
        .map(|e| e["resource"]["id"].as_str().expect("id").to_owned())
        .collect()
}

#[tokio::test]
async fn fhir_answers_validate_against_r4_and_plan_net() {
    let app = TestApp::spawn().await;
    let d = directory(&app).await;
    let mut answers = vec![
        json(&app, "/fhir/metadata").await,
        json(&app, "/fhir/CodeSystem/modality").await,
        json(&app, "/fhir/CodeSystem/accessibility").await,
        json(&app, "/fhir/PractitionerRole?_include=*").await,
        json(&app, "/fhir/Location?near=30.27|-97.74|20|km").await,
        json(&app, "/fhir/HealthcareService?service-type=trigger_point").await,
        json(&app, "/fhir/Organization?name=test").await,
        json(&app, "/fhir/Practitioner?name=test&_count=2").await,
    ];
    for id in [d.full, d.home, d.demo] {
        for kind in KINDS {
            answers.push(json(&app, &format!("/fhir/{kind}/{id}")).await);
        }
    }
    for (path, status) in [
        ("/fhir/Practitioner/999999", 404),
        ("/fhir/Practitioner?colour=red", 400),
        ("/fhir/Patient", 404),
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status(), status, "{path}");
        assert!(
            res.headers()["content-type"]
                .to_str()
                .expect("type")
                .starts_with("application/fhir+json")
        );
        let outcome: Value = res.json().await.expect("json");
        assert_eq!(outcome["resourceType"], "OperationOutcome");
        answers.push(outcome);
    }
    for kind in KINDS {
        let body = text(&app, &format!("/fhir/bulk/{kind}.ndjson")).await;
        let lines: Vec<Value> = body
            .lines()
            .map(|l| serde_json::from_str(l).expect("one resource per line"))
            .collect();
        assert_eq!(lines.len(), 4, "{kind}: the four public listings");
        answers.extend(lines);
    }
    let checked = validate_fhir(&answers);
    assert!(checked > 60, "{checked} resources checked");
}

#[tokio::test]
async fn fhir_maps_licences_availability_and_accessibility_faithfully() {
    let app = TestApp::spawn().await;
    let d = directory(&app).await;
    let p = json(&app, &format!("/fhir/Practitioner/{}", d.full)).await;
    assert_eq!(
        p["identifier"][1]["system"],
        "http://hl7.org/fhir/sid/us-npi"
    );
    assert_eq!(p["identifier"][1]["value"], "1234567893");
    let q = &p["qualification"][0];
    assert_eq!(q["identifier"][0]["value"], format!("MT-{:06}", d.full));
    assert_eq!(q["extension"][0]["extension"][0]["valueCode"], "active");
    assert_eq!(
        q["extension"][0]["extension"][1]["valueCodeableConcept"]["coding"][0]["code"],
        "TX"
    );
    assert!(
        q["code"]["text"]
            .as_str()
            .expect("text")
            .contains("verified by the directory on"),
        "{q}"
    );
    assert_eq!(p["communication"][1]["coding"][0]["code"], "es");
    let role = json(&app, &format!("/fhir/PractitionerRole/{}", d.full)).await;
    assert_eq!(
        role["extension"][0]["extension"][0]["valueCodeableConcept"]["coding"][0]["code"],
        "newpt"
    );
    assert_eq!(role["telecom"][1]["value"], "desk@clinic.example");
    let home_role = json(&app, &format!("/fhir/PractitionerRole/{}", d.home)).await;
    assert!(
        home_role.get("extension").is_none(),
        "no current answer, no new-patients claim: {home_role}"
    );
    let location = json(&app, &format!("/fhir/Location/{}", d.full)).await;
    let accessibility: Vec<&str> = location["extension"]
        .as_array()
        .expect("extensions")
        .iter()
        .filter(|e| {
            e["url"]
                .as_str()
                .is_some_and(|u| u.ends_with("/accessibility"))
        })
        .map(|e| {
            e["valueCodeableConcept"]["coding"][0]["code"]
                .as_str()
                .expect("code")
        })
        .collect();
    assert_eq!(accessibility, ["step_free", "adjustable_table"]);
    let service = json(&app, &format!("/fhir/HealthcareService/{}", d.full)).await;
    let codes: Vec<&str> = service["type"]
        .as_array()
        .expect("types")
        .iter()
        .map(|t| t["coding"][0]["code"].as_str().expect("code"))
        .collect();
    let system = service["type"][0]["coding"][0]["system"]
        .as_str()
        .expect("system");
    assert!(system.ends_with("/fhir/CodeSystem/modality"));
    let published = json(&app, "/fhir/CodeSystem/modality").await;
    for code in &codes {
        assert!(
            published["concept"]
                .as_array()
                .expect("concepts")
                .iter()
                .any(|c| c["code"] == *code),
            "{code} is in the published CodeSystem"
        );
    }
}

#[tokio::test]
async fn fhir_search_pages_includes_near_and_last_updated() {
    let app = TestApp::spawn().await;
    let d = directory(&app).await;
    // Paging: every public listing once, by following next links.
    let mut seen = Vec::new();
    let mut next = Some("/fhir/Practitioner?_count=2".to_owned());
    while let Some(path) = next.take() {
        let bundle = json(&app, &path).await;
        seen.extend(ids_in(&bundle));
        next = bundle["link"]
            .as_array()
            .expect("links")
            .iter()
            .find(|l| l["relation"] == "next")
            .map(|l| {
                let url = l["url"].as_str().expect("url");
                url[url.find("/fhir/").expect("path")..].to_owned()
            });
        assert!(seen.len() <= 10, "paging must end");
    }
    let unique: BTreeSet<_> = seen.iter().collect();
    assert_eq!(seen.len(), 4, "{seen:?}");
    assert_eq!(unique.len(), 4);
    assert!(!seen.contains(&d.draft.to_string()));
    assert!(!seen.contains(&d.suspended.to_string()));

    // _include brings each role's practitioner, practice, location and service.
    let bundle = json(
        &app,
        &format!("/fhir/PractitionerRole?practitioner=Practitioner/{}&_include=PractitionerRole:location&_include=PractitionerRole:practitioner", d.full),
    )
    .await;
    let entries: Vec<(String, String)> = bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| {
            (
                e["resource"]["resourceType"]
                    .as_str()
                    .expect("type")
                    .to_owned(),
                e["search"]["mode"].as_str().expect("mode").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("PractitionerRole".to_owned(), "match".to_owned()),
            ("Location".to_owned(), "include".to_owned()),
            ("Practitioner".to_owned(), "include".to_owned()),
        ]
    );

    // near: nearest first with distances, a total, and no listing outside the radius.
    let bundle = json(&app, "/fhir/Location?near=30.2672|-97.7431|3|km").await;
    let distances: Vec<f64> = bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| {
            e["search"]["extension"][0]["valueDistance"]["value"]
                .as_f64()
                .expect("distance")
        })
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    assert!(distances.iter().all(|km| *km <= 3.0));
    assert_eq!(bundle["total"].as_u64(), Some(distances.len() as u64));
    assert!(
        !ids_in(&bundle).contains(&d.home.to_string()),
        "the home-based listing is 5 km out"
    );
    let wide = json(&app, "/fhir/Location?near=30.2672|-97.7431|10|mi").await;
    assert!(ids_in(&wide).contains(&d.home.to_string()));

    // _lastUpdated: a client syncing changes sees only what changed since.
    let before = Utc::now() - TimeDelta::days(3);
    for id in [d.full, d.home, d.demo] {
        change(&app, id, |m| m.updated_at = Set(before)).await;
    }
    let since = (Utc::now() - TimeDelta::days(1)).format("%Y-%m-%dT%H:%M:%SZ");
    let txn = therapist_finder::db::begin_write(&app.state.db)
        .await
        .expect("txn");
    practitioners::published_change(&txn, d.home)
        .await
        .expect("change");
    txn.commit().await.expect("commit");
    app.run_pending_jobs().await;
    let changed = json(&app, &format!("/fhir/Practitioner?_lastUpdated=ge{since}")).await;
    let changed_ids = ids_in(&changed);
    assert!(changed_ids.contains(&d.home.to_string()), "{changed_ids:?}");
    assert!(!changed_ids.contains(&d.full.to_string()));
    let old = json(&app, &format!("/fhir/Practitioner?_lastUpdated=lt{since}")).await;
    assert!(ids_in(&old).contains(&d.full.to_string()));
    assert!(!ids_in(&old).contains(&d.home.to_string()));

    // Values the server cannot honour are refused in words, never ignored.
    for path in [
        "/fhir/Location?near=30|-97|900|km",
        "/fhir/Practitioner?_count=1000",
        "/fhir/Practitioner?_lastUpdated=yesterday",
        "/fhir/Practitioner?name:exact=x",
        "/fhir/Practitioner?name=a&name=b&name=c&name=d&name=e&name=f&name=g&name=h&name=i",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 400, "{path}");
        let outcome: Value = res.json().await.expect("json");
        assert!(
            outcome["issue"][0]["diagnostics"]
                .as_str()
                .is_some_and(|d| !d.is_empty() && d.len() < 300),
            "{outcome}"
        );
    }
}

#[tokio::test]
async fn search_and_bulk_answers_equal_the_resources_read_one_by_one() {
    // Searches and bulk files read only what their resource type is built from; a read
    // takes the whole record. Any difference means a type reads too little.
    let app = TestApp::spawn().await;
    let d = directory(&app).await;
    for kind in KINDS {
        let bulk = text(&app, &format!("/fhir/bulk/{kind}.ndjson")).await;
        let searched = json(&app, &format!("/fhir/{kind}?_count=100")).await;
        for id in [d.full, d.home, d.demo] {
            let key = id.to_string();
            let read = json(&app, &format!("/fhir/{kind}/{id}")).await;
            let line: Value = bulk
                .lines()
                .map(|l| serde_json::from_str::<Value>(l).expect("json"))
                .find(|r| r["id"] == key.as_str())
                .expect("in the bulk file");
            assert_eq!(line, read, "{kind}/{id} in bulk");
            let entry = searched["entry"]
                .as_array()
                .expect("entries")
                .iter()
                .find(|e| e["resource"]["id"] == key.as_str())
                .expect("in the search");
            assert_eq!(entry["resource"], read, "{kind}/{id} in a search");
        }
    }
    let near = json(&app, "/fhir/Location?near=30.2672|-97.7431|20|km").await;
    let key = d.full.to_string();
    let full = near["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["resource"]["id"] == key.as_str())
        .expect("the clinic is near");
    assert_eq!(
        full["resource"],
        json(&app, &format!("/fhir/Location/{}", d.full)).await
    );
    let services = text(&app, "/hsds/data/services.csv").await;
    assert!(
        services.contains(&format!("TX MT-{:06}", d.full)),
        "services carry their licences"
    );
    let attributes = text(&app, "/hsds/data/attributes.csv").await;
    assert!(attributes.contains(",trigger_point"), "{attributes}");
}

#[tokio::test]
async fn exports_hold_only_public_listings_and_mark_demo_ones() {
    let app = TestApp::spawn().await;
    let d = directory(&app).await;
    let mut everything = String::new();
    for kind in KINDS {
        everything.push_str(&text(&app, &format!("/fhir/bulk/{kind}.ndjson")).await);
        for hidden in [d.draft, d.suspended] {
            assert_eq!(
                app.get(&format!("/fhir/{kind}/{hidden}")).await.status(),
                404,
                "{kind}/{hidden}"
            );
        }
    }
    let package = json(&app, "/hsds/datapackage.json").await;
    for resource in package["resources"].as_array().expect("resources") {
        let path = resource["path"].as_str().expect("path");
        everything.push_str(&text(&app, &format!("/hsds/{path}")).await);
    }
    everything.push_str(&json(&app, "/hsds/services?per_page=200").await.to_string());
    everything.push_str(
        &json(&app, "/fhir/Practitioner?_count=100")
            .await
            .to_string(),
    );
    for secret in [
        ACCOUNT_EMAIL,
        HIDDEN_STREET,
        "draft-listing",
        "suspended-listing",
        "fake credentials",
    ] {
        assert!(!everything.contains(secret), "{secret} was exported");
    }
    for path in [
        "/fhir/metadata",
        "/hsds/services",
        "/hsds/data/services.csv",
    ] {
        let res = app.get(path).await;
        assert!(
            res.headers().get("set-cookie").is_none(),
            "{path} sets no cookie: nothing to track, no form to protect"
        );
    }
    let demo = json(&app, &format!("/fhir/Practitioner/{}", d.demo)).await;
    assert_eq!(demo["meta"]["tag"][0]["code"], "HTEST");
    let real = json(&app, &format!("/fhir/Practitioner/{}", d.full)).await;
    assert!(real["meta"].get("tag").is_none());
    let services = json(&app, "/hsds/services?per_page=200").await;
    let alerts: Vec<bool> = services["contents"]
        .as_array()
        .expect("contents")
        .iter()
        .map(|s| s.get("alert").is_some())
        .collect();
    assert_eq!(
        alerts.iter().filter(|a| **a).count(),
        1,
        "only the demo listing"
    );
}

#[tokio::test]
async fn hsds_answers_and_the_data_package_validate() {
    let app = TestApp::spawn().await;
    let d = directory(&app).await;
    let dir = tempfile::tempdir().expect("dir");
    let services = json(&app, "/hsds/services").await;
    let service_id = services["contents"][0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let organization_id = services["contents"][0]["organization_id"]
        .as_str()
        .expect("id")
        .to_owned();
    let near = json(
        &app,
        "/hsds/service_at_locations?postcode=78701&proximity=10000",
    )
    .await;
    let sal_id = near["contents"][0]["id"].as_str().expect("id").to_owned();
    let mut jobs = Vec::new();
    for (kind, path) in [
        ("service_list", "/hsds/services".to_owned()),
        ("organization_list", "/hsds/organizations".to_owned()),
        (
            "service_at_location_list",
            "/hsds/service_at_locations?postcode=78701&proximity=10000".to_owned(),
        ),
        ("service", format!("/hsds/services/{service_id}")),
        (
            "organization",
            format!("/hsds/organizations/{organization_id}"),
        ),
        (
            "service_at_location",
            format!("/hsds/service_at_locations/{sal_id}"),
        ),
    ] {
        let file = dir.path().join(format!("{kind}.json"));
        std::fs::write(&file, json(&app, &path).await.to_string()).expect("write");
        jobs.push(format!("{kind}={}", file.display()));
    }
    let package_dir = dir.path().join("package");
    std::fs::create_dir_all(package_dir.join("data")).expect("mkdir");
    let package = json(&app, "/hsds/datapackage.json").await;
    std::fs::write(package_dir.join("datapackage.json"), package.to_string()).expect("write");
    for resource in package["resources"].as_array().expect("resources") {
        let path = resource["path"].as_str().expect("path");
        std::fs::write(
            package_dir.join(path),
            text(&app, &format!("/hsds/{path}")).await,
        )
        .expect("write");
    }
    jobs.push(format!("datapackage={}", package_dir.display()));
    let out = Command::new(python())
        .arg(tools().join("validate_hsds.py"))
        .arg(tools().join("standards/hsds-3.0/schema"))
        .args(&jobs)
        .output()
        .expect("run validate_hsds.py");
    assert!(
        out.status.success(),
        "HSDS validation: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let services_csv = text(&app, "/hsds/data/services.csv").await;
    assert_eq!(
        services_csv.lines().count(),
        1 + 4,
        "a header and four listings"
    );
    let _ = d;
}

#[tokio::test]
async fn hsds_lists_filter_page_and_refuse_what_they_cannot_answer() {
    let app = TestApp::spawn().await;
    let d = directory(&app).await;
    let page = json(&app, "/hsds/services?per_page=3&page=2").await;
    assert_eq!(page["total_items"], 4);
    assert_eq!(page["total_pages"], 2);
    assert_eq!(page["size"], 1);
    assert_eq!(page["last_page"], true);
    let past = json(&app, "/hsds/services?per_page=3&page=3").await;
    assert_eq!(past["empty"], true);
    let found = json(&app, "/hsds/services?search=home").await;
    assert_eq!(found["total_items"], 1, "{found}");
    let near = json(
        &app,
        "/hsds/service_at_locations?postcode=78701&proximity=3000",
    )
    .await;
    let ids: Vec<String> = near["contents"]
        .as_array()
        .expect("contents")
        .iter()
        .map(|c| c["service"]["url"].as_str().expect("url").to_owned())
        .collect();
    assert!(ids.iter().any(|u| u.ends_with("/p/clinic-full")), "{ids:?}");
    assert!(
        !ids.iter().any(|u| u.ends_with("/p/home-based")),
        "5 km out"
    );
    let since = (Utc::now() + TimeDelta::hours(1)).format("%Y-%m-%dT%H:%M:%SZ");
    let none = json(&app, &format!("/hsds/services?modified_after={since}")).await;
    assert_eq!(none["total_items"], 0);
    let services = json(&app, "/hsds/services?per_page=200").await;
    let org = services["contents"][0]["organization_id"]
        .as_str()
        .expect("org");
    let one = json(&app, &format!("/hsds/services?organization_id={org}")).await;
    assert_eq!(one["total_items"], 1);
    for path in [
        "/hsds/services?per_page=100000",
        "/hsds/services?page=0",
        "/hsds/services?colour=red",
        "/hsds/services?modified_after=last-week",
        "/hsds/service_at_locations?proximity=1000",
        "/hsds/service_at_locations?postcode=00000&proximity=1000",
        "/hsds/services?search=a+b+c+d+e+f+g+h+i",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 422, "{path}");
        let body: Value = res.json().await.expect("envelope");
        assert!(body["error"]["message"].is_string(), "{body}");
    }
    assert_eq!(
        app.get(&format!("/hsds/services/{}", d.draft))
            .await
            .status(),
        404
    );
    assert_eq!(app.get("/hsds/data/secrets.csv").await.status(), 404);
}

#[tokio::test]
async fn profile_pages_carry_json_ld_that_extruct_reads_strictly() {
    let app = TestApp::spawn().await;
    let _ = directory(&app).await;
    for slug in ["clinic-full", "home-based", "demo-listing"] {
        let path = format!("/p/{slug}");
        let html = text(&app, &path).await;
        assert!(
            !html.contains("</script><script>alert(1)"),
            "a bio cannot close the JSON-LD block"
        );
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("page.html");
        std::fs::write(&file, &html).expect("write");
        let url = format!("{}{path}", app.state.public_url);
        let out = Command::new(python())
            .arg(tools().join("check_jsonld.py"))
            .arg(&file)
            .arg(&url)
            .output()
            .expect("run check_jsonld.py");
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{slug}: {report}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        if slug == "home-based" {
            assert!(!report.contains(HIDDEN_STREET));
            assert!(!report.contains("streetAddress"));
        }
        if slug == "clinic-full" {
            assert!(report.contains("EducationalOccupationalCredential"));
            assert!(
                report.contains("\"priceRange\": \"80\\u2013120 USD\"")
                    && report.contains("\"priceCurrency\": \"USD\""),
                "{report}"
            );
            assert!(
                report.contains("</script><script>alert(1)</script>"),
                "the bio survives intact once parsed"
            );
        }
    }
}

#[tokio::test]
async fn whole_directory_downloads_beyond_the_limit_are_told_to_come_back() {
    let app = TestApp::spawn().await;
    let _ = directory(&app).await;
    let running = app
        .state
        .bulk_downloads
        .clone()
        .try_acquire_many_owned(therapist_finder::opendata::BULK_AT_ONCE as u32)
        .expect("every permit is free");
    let fhir = app.get("/fhir/bulk/Practitioner.ndjson").await;
    assert_eq!(fhir.status(), 503);
    assert_eq!(
        fhir.headers()["retry-after"],
        "60",
        "told when to come back"
    );
    let outcome: Value = fhir.json().await.expect("json");
    assert_eq!(outcome["resourceType"], "OperationOutcome");
    assert_eq!(outcome["issue"][0]["code"], "transient");
    let hsds = app.get("/hsds/data/services.csv").await;
    assert_eq!(hsds.status(), 503);
    assert_eq!(hsds.headers()["retry-after"], "60");
    let envelope: Value = hsds.json().await.expect("json");
    assert_eq!(envelope["error"]["code"], "busy");
    assert!(
        envelope["error"]["message"]
            .as_str()
            .expect("message")
            .contains("try again in a minute")
    );
    assert_eq!(
        app.get("/hsds/data/taxonomies.csv").await.status(),
        200,
        "the small reference tables need no permit"
    );
    drop(running);
    // Many downloads at once: each is served or told to come back, none fails, and
    // every permit is back once they end.
    let answers =
        futures_util::future::join_all((0..12).map(|_| app.get("/fhir/bulk/Location.ndjson")))
            .await;
    for res in answers {
        let status = res.status();
        assert!(status == 200 || status == 503, "{status}");
        if status == 200 {
            assert_eq!(res.text().await.expect("body").lines().count(), 4);
        }
    }
    // The server drops a finished body just after the client has read its end.
    for _ in 0..200 {
        if app.state.bulk_downloads.available_permits() == therapist_finder::opendata::BULK_AT_ONCE
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(
        app.state.bulk_downloads.available_permits(),
        therapist_finder::opendata::BULK_AT_ONCE
    );
}

#[tokio::test]
async fn downloads_nobody_reads_give_their_slots_back() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = TestApp::spawn_with(|c| c.connection_idle_seconds = 1).await;
    // More than the loopback socket buffers hold: about 18 MB of NDJSON.
    app.seed_demo(12_000).await;
    let addr: std::net::SocketAddr = app
        .address
        .trim_start_matches("http://")
        .parse()
        .expect("address");
    let mut stalled = Vec::new();
    for _ in 0..therapist_finder::opendata::BULK_AT_ONCE {
        // A small receive window, so the server's writes stop once it is full.
        let socket = tokio::net::TcpSocket::new_v4().expect("socket");
        socket.set_recv_buffer_size(4096).expect("buffer");
        let mut stream = socket.connect(addr).await.expect("connect");
        stream
            .write_all(b"GET /fhir/bulk/Practitioner.ndjson HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .expect("send");
        let mut first = [0_u8; 1024];
        let n = stream.read(&mut first).await.expect("the download starts");
        assert!(first[..n].starts_with(b"HTTP/1.1 200"));
        stalled.push(stream);
    }
    // Both downloads are under way and nobody reads them: every slot is taken.
    assert_eq!(app.state.bulk_downloads.available_permits(), 0);
    assert_eq!(
        app.get("/fhir/bulk/Practitioner.ndjson").await.status(),
        503
    );
    // Once their connections have been idle for the allowed second, the server drops
    // them and their slots come back (bounded by the test, far past that second).
    let mut back = false;
    for _ in 0..150 {
        if app.state.bulk_downloads.available_permits() == therapist_finder::opendata::BULK_AT_ONCE
        {
            back = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(back, "the stalled downloads still hold their slots");
    assert_eq!(
        app.get("/fhir/bulk/Location.ndjson").await.status(),
        200,
        "a new download is served"
    );
    drop(stalled);
}

#[tokio::test]
async fn listing_text_never_opens_as_a_spreadsheet_formula() {
    let app = TestApp::spawn().await;
    let id = insert_practitioner(&app.state.db, &PractitionerSpec::new("formula")).await;
    change(&app, id, |m| {
        m.practice_name = Set(Some("=HYPERLINK(\"http://x.example\",\"Book\")".into()));
        m.bio = Set("@SUM(1+1)*cmd|' /C calc'!A0".into());
        m.phone = Set(Some("+1 512 555 0100".into()));
    })
    .await;
    let organizations = app
        .get("/hsds/data/organizations.csv")
        .await
        .text()
        .await
        .expect("csv");
    assert!(
        organizations.contains("'=HYPERLINK"),
        "the formula is text: {organizations}"
    );
    assert!(!organizations.contains(",=HYPERLINK") && !organizations.contains(",\"=HYPERLINK"));
    assert!(
        organizations.contains("'@SUM(1+1)"),
        "the description is text: {organizations}"
    );
    let phones = app
        .get("/hsds/data/phones.csv")
        .await
        .text()
        .await
        .expect("csv");
    assert!(
        phones.contains(",+1 512 555 0100"),
        "a telephone number stays as it is: {phones}"
    );
    let locations = app
        .get("/hsds/data/locations.csv")
        .await
        .text()
        .await
        .expect("csv");
    assert!(
        locations.contains(",-97.") && !locations.contains("'-97."),
        "negative coordinates stay numbers: {locations}"
    );
}

#[tokio::test]
async fn a_thousand_repeated_parameters_are_a_plain_400_not_a_database_failure() {
    let app = TestApp::spawn().await;
    let _ = directory(&app).await;
    let query = "_lastUpdated=ge2020-01-01&".repeat(1_000);
    let res = app.get(&format!("/fhir/Practitioner?{query}")).await;
    assert_eq!(res.status(), 400);
    let outcome: Value = res.json().await.expect("json");
    assert!(
        outcome["issue"][0]["diagnostics"]
            .as_str()
            .expect("diagnostics")
            .contains("more than 10 times")
    );
    assert_eq!(
        app.get("/fhir/Practitioner?_lastUpdated=ge2020-01-01&_lastUpdated=lt2100-01-01")
            .await
            .status(),
        200
    );
}
