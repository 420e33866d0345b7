//! A practitioner's data and leaving: the export holds every table with their data
//! (checked against the schema itself), and deleting the account takes the listing out
//! of every public place at once, erases the person and keeps the audit log readable.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait,
    QueryFilter, Statement,
};
use serde_json::Value;
use therapist_finder::{
    accounts::leaving::{self, EXPORTED, NOT_EXPORTED},
    entities::{audit_log, licence, practitioner, user},
};

use crate::{
    receipts::{monday_evening, practice, visit_of},
    support::{
        TestApp,
        visitor::{Visitor, admin, location, practitioner_id},
    },
};

/// The tables with a `practitioner_id` or `user_id` column, read from the schema.
async fn tables_with_a_person(app: &TestApp) -> Vec<String> {
    let db = &app.state.db;
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => {
            "SELECT DISTINCT table_name AS t FROM information_schema.columns \
             WHERE table_schema = current_schema() AND column_name IN ('practitioner_id', 'user_id')"
        }
        _ => {
            "SELECT DISTINCT m.name AS t FROM sqlite_master m, pragma_table_info(m.name) c \
             WHERE m.type = 'table' AND c.name IN ('practitioner_id', 'user_id')"
        }
    };
    let mut found: Vec<String> = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("schema")
        .into_iter()
        .map(|r| r.try_get::<String>("", "t").expect("name"))
        .collect();
    found.sort();
    found
}

#[tokio::test]
async fn the_export_holds_every_table_with_a_practitioners_data_and_no_secret() {
    let app = TestApp::spawn().await;
    app.state.clock.set(monday_evening());
    let (v, id, licence_id) = practice(&app, "mine@example.com", "Mina Solberg").await;
    let visit = visit_of(
        &app,
        id,
        monday_evening() - chrono::TimeDelta::hours(2),
        "accepted",
        "Client Person",
    )
    .await;
    let form = v.page(&format!("/dashboard/receipts?visit={visit}")).await;
    let marker = "name=\"form_key\" value=\"";
    let at = form.find(marker).expect("key") + marker.len();
    let key = form[at..].split('"').next().expect("key").to_owned();
    let res = v
        .post(
            "/dashboard/receipts",
            &[
                ("form_key", key.as_str()),
                ("visit", &visit.to_string()),
                ("client_name", "Client Person"),
                ("service_date", "2026-12-07"),
                ("minutes", "60"),
                ("procedure_code", "97124"),
                ("amount", "95"),
                ("paid_by", "card"),
                ("licence", &licence_id.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = v
        .post(
            "/dashboard/outcomes",
            &[
                ("session_date", "2026-12-01"),
                ("region", "low_back"),
                ("pain_before", "7"),
                ("pain_after", "3"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    app.run_pending_jobs().await;

    // Every table with a person's id is exported or left out with its reason.
    let listed: Vec<&str> = EXPORTED
        .iter()
        .copied()
        .chain(NOT_EXPORTED.iter().map(|(t, _)| *t))
        .collect();
    for table in tables_with_a_person(&app).await {
        assert!(
            listed.contains(&table.as_str()),
            "`{table}` holds a practitioner's or user's data: export it, or say in NOT_EXPORTED why not"
        );
    }

    let res = v.get("/dashboard/my-data.json").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .expect("ascii")
            .starts_with("attachment")
    );
    let text = res.text().await.expect("body");
    for secret in [
        "password_hash",
        "token_hash",
        "\"secret\"",
        "form_key",
        "$argon2",
    ] {
        assert!(!text.contains(secret), "{secret} exported");
    }
    let data: Value = serde_json::from_str(&text).expect("json");
    for table in EXPORTED {
        assert!(data[table].is_array(), "{table} in the export");
    }
    assert_eq!(data["users"][0]["email"], "mine@example.com");
    assert_eq!(data["practitioners"][0]["display_name"], "Mina Solberg");
    assert_eq!(data["licences"].as_array().expect("licences").len(), 1);
    assert_eq!(data["receipts"][0]["client_name"], "Client Person");
    assert_eq!(data["visits"][0]["name"], "Client Person");
    assert_eq!(data["outcome_logs"][0]["pain_before"], 7);
    assert!(!data["sessions"].as_array().expect("sessions").is_empty());

    // Another practitioner's export holds none of it.
    let (other, _, _) = practice(&app, "theirs@example.com", "Theo Other").await;
    let theirs = other
        .get("/dashboard/my-data.json")
        .await
        .text()
        .await
        .expect("body");
    assert!(!theirs.contains("Mina Solberg") && !theirs.contains("Client Person"));
    assert_eq!(
        Visitor::new(&app)
            .get("/dashboard/my-data.json")
            .await
            .status(),
        303,
        "a stranger is sent to log in"
    );
}

/// Whether the listing shows: its profile page's status, and whether the search API,
/// HSDS and FHIR name it.
async fn public(app: &TestApp, slug: &str) -> (u16, Vec<bool>) {
    let profile = app.get(&format!("/p/{slug}")).await.status().as_u16();
    let mut named = Vec::new();
    for path in [
        "/api/v1/practitioners?near=78701&radius_km=50",
        "/hsds/services",
        "/fhir/Practitioner",
    ] {
        let body = app.get(path).await.text().await.expect("body");
        named.push(body.contains("Lev Quillfeather"));
    }
    (profile, named)
}

#[tokio::test]
async fn deleting_an_account_takes_the_listing_out_at_once_and_keeps_the_audit_log_readable() {
    let app = TestApp::spawn().await;
    let (v, id, licence_id) = practice(&app, "leave@example.com", "Lev Quillfeather").await;
    let row = practitioner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("row");
    let slug = row.slug.clone();
    let mut m: practitioner::ActiveModel = row.into();
    m.listed = Set(true);
    m.lat = Set(Some(30.27));
    m.lng = Set(Some(-97.74));
    m.update(&app.state.db).await.expect("listed");
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("index");
    // An admin's decision about the licence, naming the person and the number.
    let (boss, boss_id) = admin(&app, "boss@example.com").await;
    therapist_finder::audit::record(
        &app.state.db,
        Some(boss_id),
        "licence.approve",
        therapist_finder::audit::Subject {
            kind: "licence",
            id: &licence_id.to_string(),
        },
        Some(serde_json::json!({"status": "pending", "holder": "Lev Quillfeather"})),
        Some(serde_json::json!({"status": "verified", "number": format!("MT{id:05}")})),
    )
    .await
    .expect("audit");

    assert_eq!(public(&app, &slug).await, (200, vec![true, true, true]));

    // A wrong password deletes nothing.
    let page = v.page("/account/delete").await;
    assert!(page.contains("Delete your account"), "{page}");
    let res = v.post("/account/delete", &[("password", "not it")]).await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("Nothing was deleted")
    );
    assert_eq!(public(&app, &slug).await.0, 200);

    // Sent three times at once (a double click and a retry): one deletion.
    let token = v.csrf().await;
    let fields = [
        ("csrf_token", token.as_str()),
        ("password", "a long password 1"),
    ];
    let sends = (0..3).map(|_| v.post_raw("/account/delete", &fields));
    let mut deleted = 0;
    for res in futures_util::future::join_all(sends).await {
        let status = res.status().as_u16();
        let body = res.text().await.expect("body");
        if body.contains("Your account is deleted") {
            deleted += 1;
        } else {
            assert!(matches!(status, 303 | 422), "{status}");
        }
    }
    assert_eq!(deleted, 1, "one request deletes");
    // Gone from every public place at once, before any job runs.
    assert_eq!(public(&app, &slug).await, (404, vec![false, false, false]));
    assert!(
        !app.get("/sitemaps/profiles-1.xml")
            .await
            .text()
            .await
            .expect("sitemap")
            .contains(&slug)
    );
    // Signed out, and the password no longer opens anything.
    assert!(location(&v.get("/dashboard").await).starts_with("/login"));
    let again = Visitor::new(&app);
    let res = again
        .post(
            "/login",
            &[
                ("email", "leave@example.com"),
                ("password", "a long password 1"),
            ],
        )
        .await;
    assert_ne!(res.status(), 303, "cannot log in");
    let db = &app.state.db;
    assert!(
        practitioner::Entity::find_by_id(id)
            .one(db)
            .await
            .expect("q")
            .is_none()
    );
    assert!(
        licence::Entity::find_by_id(licence_id)
            .one(db)
            .await
            .expect("q")
            .is_none()
    );
    let pseudonym = user::Entity::find()
        .filter(user::Column::Email.like("deleted-%@invalid"))
        .one(db)
        .await
        .expect("q")
        .expect("the user row stays as a pseudonym");
    assert_eq!(pseudonym.role, leaving::DELETED_ROLE);

    // The audit log keeps the decision without the person, and records the deletion.
    let decision = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("licence.approve"))
        .one(db)
        .await
        .expect("q")
        .expect("the decision stays");
    let kept = format!("{:?} {:?}", decision.before, decision.after);
    assert!(
        !kept.contains("Quillfeather") && !kept.contains(&format!("MT{id:05}")),
        "{kept}"
    );
    assert!(
        kept.contains("verified") && kept.contains("(erased)"),
        "{kept}"
    );
    let deletions = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("account.delete"))
        .all(db)
        .await
        .expect("q");
    assert_eq!(deletions.len(), 1, "audited once");
    let audit = boss.page("/admin/audit").await;
    assert!(audit.contains("account.delete") && audit.contains("licence.approve"));
    assert!(!audit.contains("Quillfeather") && !audit.contains("leave@example.com"));
    app.run_pending_jobs().await;
    assert_eq!(public(&app, &slug).await, (404, vec![false, false, false]));
}

#[tokio::test]
async fn the_last_admin_cannot_leave_this_way() {
    let app = TestApp::spawn().await;
    crate::support::visitor::practitioner(&app, "solo@example.com", "Sol Admin").await;
    let db = &app.state.db;
    let u = user::Entity::find()
        .filter(user::Column::Email.eq("solo@example.com"))
        .one(db)
        .await
        .expect("q")
        .expect("user");
    let mut m: user::ActiveModel = u.clone().into();
    m.role = Set("admin".into());
    let u = m.update(db).await.expect("admin");
    let refused = leaving::delete(db, &u, "a long password 1").await;
    assert!(
        matches!(refused, Err(leaving::LeaveError::LastAdmin)),
        "{refused:?}"
    );
    assert!(
        practitioner_id(&app, "solo@example.com").await > 0,
        "still there"
    );
    admin(&app, "second@example.com").await;
    let pid = leaving::delete(db, &u, "a long password 1")
        .await
        .expect("with another admin");
    assert!(pid.is_some());
    app.run_pending_jobs().await;
}
