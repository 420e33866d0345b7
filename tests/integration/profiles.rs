//! Practitioners keep their own profiles: the editor, ledger, licences, outcomes,
//! publishing, contact requests, and who may do what.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use therapist_finder::{
    entities::{audit_log, contact_request, licence, mail, practitioner, training_record},
    search::SearchQuery,
};

use crate::support::{
    TestApp,
    visitor::{Visitor, practitioner, practitioner_id},
};

/// Every page route that needs a signed-in practitioner, with its method.
const PRIVATE_ROUTES: &[(&str, &str)] = &[
    ("GET", "/dashboard"),
    ("GET", "/dashboard/profile"),
    ("GET", "/dashboard/training"),
    ("GET", "/dashboard/licences"),
    ("GET", "/dashboard/outcomes"),
    ("GET", "/dashboard/outcomes.csv"),
    ("GET", "/dashboard/inbox"),
    ("GET", "/account/password"),
    ("POST", "/account/password"),
    ("POST", "/dashboard/confirm-profile"),
    ("POST", "/dashboard/availability"),
    ("POST", "/dashboard/publish"),
    ("POST", "/dashboard/unpublish"),
    ("POST", "/dashboard/profile/basics"),
    ("POST", "/dashboard/profile/location"),
    ("POST", "/dashboard/profile/focus"),
    ("POST", "/dashboard/profile/practice"),
    ("POST", "/dashboard/profile/training-flags"),
    ("POST", "/dashboard/profile/price"),
    ("POST", "/dashboard/profile/languages"),
    ("POST", "/dashboard/training"),
    ("POST", "/dashboard/training/1"),
    ("POST", "/dashboard/training/1/delete"),
    ("POST", "/dashboard/licences"),
    ("POST", "/dashboard/licences/1"),
    ("POST", "/dashboard/outcomes"),
];

/// Every state-changing form, signed in or not.
const FORMS: &[&str] = &[
    "/signup",
    "/login",
    "/logout",
    "/forgot-password",
    "/reset-password",
    "/account/password",
    "/dashboard/confirm-profile",
    "/dashboard/availability",
    "/dashboard/publish",
    "/dashboard/unpublish",
    "/dashboard/profile/basics",
    "/dashboard/profile/location",
    "/dashboard/profile/focus",
    "/dashboard/profile/practice",
    "/dashboard/profile/training-flags",
    "/dashboard/profile/price",
    "/dashboard/profile/languages",
    "/dashboard/training",
    "/dashboard/training/1",
    "/dashboard/training/1/delete",
    "/dashboard/licences",
    "/dashboard/licences/1",
    "/dashboard/outcomes",
    "/p/listed-one/contact",
];

async fn complete_profile(v: &Visitor) {
    for (path, fields) in [
        (
            "/dashboard/profile/basics",
            vec![
                ("display_name", "Cora Diaz"),
                ("practice_name", "Diaz Clinical Massage"),
                ("bio", "Clinical massage for low back and sciatica."),
            ],
        ),
        (
            "/dashboard/profile/location",
            vec![
                ("address_line", "100 Congress Ave"),
                ("city", "Austin"),
                ("state", "TX"),
                ("postal_code", "78701"),
            ],
        ),
        (
            "/dashboard/profile/focus",
            vec![
                ("modalities", "trigger_point"),
                ("modalities", "clinical"),
                ("regions", "low_back"),
                ("regions", "sciatica"),
            ],
        ),
        (
            "/dashboard/profile/practice",
            vec![
                ("practice_type", "clinic"),
                ("cp_whole_session_one_area", "yes"),
                ("cp_myofascial", "yes"),
                ("cp_posture_assessment", "yes"),
            ],
        ),
        (
            "/dashboard/training",
            vec![
                ("course", "Massage therapy diploma"),
                ("provider", "Austin School"),
                ("modality", ""),
                ("hours", "550"),
                ("completed_on", "2020-06-01"),
            ],
        ),
        (
            "/dashboard/licences",
            vec![
                ("jurisdiction", "TX"),
                ("number", "MT-123456"),
                ("kind", "state_licence"),
                ("expires_on", "2030-01-31"),
            ],
        ),
    ] {
        let res = v.post(path, &fields).await;
        assert_eq!(
            res.status(),
            303,
            "{path}: {}",
            res.text().await.unwrap_or_default()
        );
    }
}

#[tokio::test]
async fn anonymous_visitors_are_sent_to_log_in_everywhere() {
    let app = TestApp::spawn().await;
    let v = Visitor::new(&app);
    for (method, path) in PRIVATE_ROUTES {
        let res = if *method == "GET" {
            v.get(path).await
        } else {
            v.post(path, &[]).await
        };
        assert_eq!(res.status(), 303, "{method} {path}");
        let to = res.headers()["location"]
            .to_str()
            .expect("ascii")
            .to_owned();
        assert!(to.starts_with("/login?next="), "{method} {path} → {to}");
    }
}

#[tokio::test]
async fn every_form_refuses_a_post_without_a_valid_csrf_token() {
    let app = TestApp::spawn().await;
    let mut spec = crate::support::builders::PractitionerSpec::new("listed-one");
    spec.listed = true;
    crate::support::builders::insert_practitioner(&app.state.db, &spec).await;
    let v = practitioner(&app, "csrf@example.com", "Csrf").await;
    let token = v.csrf().await;
    for path in FORMS {
        let res = v.post_raw(path, &[("email", "x@example.com")]).await;
        assert_eq!(res.status(), 403, "{path} without a token");
        let res = v
            .post_raw(
                path,
                &[("csrf_token", &"0".repeat(64)), ("email", "x@example.com")],
            )
            .await;
        assert_eq!(res.status(), 403, "{path} with a wrong token");
        assert!(
            res.text()
                .await
                .expect("body")
                .contains("This form has expired")
        );
    }
    assert_eq!(
        v.get("/dashboard").await.status(),
        200,
        "still signed in: nothing was changed by the refused posts"
    );
    assert_eq!(
        v.post_raw("/dashboard/confirm-profile", &[("csrf_token", &token)])
            .await
            .status(),
        303,
        "the right token works"
    );
    // Every job the test caused runs, and succeeds.
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn practitioners_cannot_read_or_change_each_others_rows() {
    let app = TestApp::spawn().await;
    let a = practitioner(&app, "a@example.com", "Alice").await;
    let b = practitioner(&app, "b@example.com", "Bob").await;
    complete_profile(&b).await;
    b.post(
        "/dashboard/outcomes",
        &[
            ("session_date", "2026-01-10"),
            ("region", "low_back"),
            ("pain_before", "7"),
            ("pain_after", "3"),
        ],
    )
    .await;
    let b_id = practitioner_id(&app, "b@example.com").await;
    let b_training = training_record::Entity::find()
        .filter(training_record::Column::PractitionerId.eq(b_id))
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("row");
    let b_licence = licence::Entity::find()
        .filter(licence::Column::PractitionerId.eq(b_id))
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("row");

    let edit = [
        ("course", "Hijacked"),
        ("provider", "x"),
        ("modality", ""),
        ("hours", "1"),
        ("completed_on", "2020-01-01"),
    ];
    assert_eq!(
        a.post(&format!("/dashboard/training/{}", b_training.id), &edit)
            .await
            .status(),
        404
    );
    assert_eq!(
        a.post(
            &format!("/dashboard/training/{}/delete", b_training.id),
            &[]
        )
        .await
        .status(),
        404
    );
    let lic = [
        ("jurisdiction", "TX"),
        ("number", "HIJACK-1"),
        ("kind", "state_licence"),
        ("expires_on", ""),
    ];
    assert_eq!(
        a.post(&format!("/dashboard/licences/{}", b_licence.id), &lic)
            .await
            .status(),
        404
    );
    let after = training_record::Entity::find_by_id(b_training.id)
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("still there");
    assert_eq!(after.course, b_training.course);
    let after = licence::Entity::find_by_id(b_licence.id)
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("still there");
    assert_eq!(after.number, "MT-123456");

    for path in [
        "/dashboard/training",
        "/dashboard/licences",
        "/dashboard/outcomes",
        "/dashboard/inbox",
        "/dashboard/profile",
    ] {
        let page = a.page(path).await;
        assert!(
            !page.contains("MT-123456")
                && !page.contains("Massage therapy diploma")
                && !page.contains("Diaz Clinical"),
            "{path} leaks B's data"
        );
    }
    let csv = a.page("/dashboard/outcomes.csv").await;
    assert_eq!(
        csv.lines().count(),
        1,
        "A's export has only the header: {csv}"
    );
    let draft = b.page("/dashboard").await;
    assert!(draft.contains("Hello, Cora Diaz"));
    assert_eq!(
        a.get("/p/cora-diaz-2").await.status(),
        404,
        "B's unpublished draft is not public"
    );
    // Every job the test caused runs, and succeeds.
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn building_and_publishing_a_profile_puts_it_in_search() {
    let app = TestApp::spawn().await;
    let v = practitioner(&app, "cora@example.com", "Cora").await;
    let res = v.post("/dashboard/publish", &[]).await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("Before publishing, add")
    );
    complete_profile(&v).await;
    assert_eq!(
        v.post("/dashboard/availability", &[("accepting", "yes")])
            .await
            .status(),
        303
    );
    assert_eq!(v.post("/dashboard/publish", &[]).await.status(), 303);

    let query = SearchQuery::near(30.2672, -97.7431, 25.0, 0);
    assert!(
        app.state
            .search
            .search(&query)
            .await
            .expect("search")
            .hits
            .is_empty(),
        "not before the job runs"
    );
    app.run_pending_jobs().await;
    let hits = app.state.search.search(&query).await.expect("search").hits;
    assert_eq!(hits.len(), 1);
    let doc = &hits[0].doc;
    assert_eq!(doc.display_name, "Cora Diaz");
    assert_eq!(doc.training_hours, 550);
    assert_eq!(
        doc.licence.as_ref().map(|l| l.status.as_str()),
        Some("pending")
    );

    let page = Visitor::new(&app).page(&format!("/p/{}", doc.slug)).await;
    assert!(
        page.contains("Diaz Clinical Massage")
            && page.contains("100 Congress Ave")
            && page.contains("Training: 550 hours")
    );

    assert_eq!(v.post("/dashboard/unpublish", &[]).await.status(), 303);
    assert!(
        app.state
            .search
            .search(&query)
            .await
            .expect("search")
            .hits
            .is_empty(),
        "unpublishing leaves search at once"
    );
    // Every job the test caused runs, and succeeds.
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn invalid_input_loses_nothing_and_saves_nothing() {
    let app = TestApp::spawn().await;
    let v = practitioner(&app, "careful@example.com", "Careful").await;
    complete_profile(&v).await;
    let id = practitioner_id(&app, "careful@example.com").await;
    let before = practitioner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("row");

    let res = v
        .post(
            "/dashboard/training",
            &[
                ("course", "Trigger points"),
                ("provider", "Seminars"),
                ("hours", "-5"),
                ("completed_on", "2024-01-01"),
                ("modality", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.expect("body");
    assert!(body.contains("Enter a whole number from 1 to 5000."));
    assert!(
        body.contains("value=\"Trigger points\"") && body.contains("value=\"-5\""),
        "typed values kept"
    );

    let res = v
        .post(
            "/dashboard/outcomes",
            &[
                ("session_date", "2026-01-01"),
                ("region", "neck"),
                ("pain_before", "11"),
                ("pain_after", "3"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.expect("body");
    assert!(body.contains("Enter a whole number from 0 to 10.") && body.contains("value=\"11\""));

    let huge = "x".repeat(1_000_000);
    let res = v
        .post(
            "/dashboard/profile/basics",
            &[
                ("display_name", "Renamed"),
                ("bio", &huge),
                ("public_email", "not an email"),
                ("phone", "=HYPERLINK(\"http://x.example\",\"call\")"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.expect("body");
    assert!(body.contains("Use at most 5000 characters."));
    assert!(body.contains("Enter an email address like name@example.com."));
    assert!(body.contains("Enter a telephone number, like 512-555-0100"));
    assert!(body.contains("value=\"Renamed\""), "typed name kept");

    let after = practitioner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("row");
    assert_eq!(
        after.display_name, before.display_name,
        "nothing half-saved"
    );
    assert_eq!(after.bio, before.bio);
    let count = training_record::Entity::find()
        .filter(training_record::Column::PractitionerId.eq(id))
        .all(&app.state.db)
        .await
        .expect("q")
        .len();
    assert_eq!(count, 1);
    // Every job the test caused runs, and succeeds.
    app.run_pending_jobs().await;
}

async fn licence_row(app: &TestApp, id: i64) -> licence::Model {
    licence::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("row")
}

async fn mark_verified(app: &TestApp, row: licence::Model) {
    let mut verified: licence::ActiveModel = row.into();
    verified.status = sea_orm::Set("verified".into());
    verified.verified_at = sea_orm::Set(Some(chrono::Utc::now()));
    verified.verification_method = sea_orm::Set(Some("roster".into()));
    sea_orm::ActiveModelTrait::update(verified, &app.state.db)
        .await
        .expect("verify");
}

async fn licence_audit(app: &TestApp, id: i64) -> Vec<audit_log::Model> {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("licence.changed_by_practitioner"))
        .filter(audit_log::Column::SubjectId.eq(id.to_string()))
        .all(&app.state.db)
        .await
        .expect("audit")
}

#[tokio::test]
async fn licences_start_pending_and_any_change_to_a_verified_one_returns_it_to_pending() {
    let app = TestApp::spawn().await;
    let v = practitioner(&app, "lic@example.com", "Lic").await;
    let res = v
        .post(
            "/dashboard/licences",
            &[
                ("jurisdiction", "TX"),
                ("number", "MT-1"),
                ("kind", "state_licence"),
                ("expires_on", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 422, "a licence that expires needs its date");
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("Enter the expiry date printed on it")
    );
    let res = v
        .post(
            "/dashboard/licences",
            &[
                ("jurisdiction", "TX"),
                ("number", "MT-1"),
                ("kind", "state_licence"),
                ("expires_on", "2027-06-30"),
                ("status", "verified"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let id = practitioner_id(&app, "lic@example.com").await;
    let row = licence::Entity::find()
        .filter(licence::Column::PractitionerId.eq(id))
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("row");
    assert_eq!(
        row.status, "pending",
        "a practitioner can never set the status"
    );
    let path = format!("/dashboard/licences/{}", row.id);
    let fields = |number: &'static str, kind: &'static str, expires: &'static str| {
        [
            ("jurisdiction", "TX"),
            ("number", number),
            ("kind", kind),
            ("expires_on", expires),
        ]
    };

    // Saving a verified licence unchanged keeps it verified and writes nothing.
    mark_verified(&app, licence_row(&app, row.id).await).await;
    assert_eq!(
        v.post(&path, &fields("MT-1", "state_licence", "2027-06-30"))
            .await
            .status(),
        303
    );
    assert_eq!(licence_row(&app, row.id).await.status, "verified");
    assert!(licence_audit(&app, row.id).await.is_empty());

    // An expiry with no date is refused and changes nothing.
    let res = v.post(&path, &fields("MT-1", "state_licence", "")).await;
    assert_eq!(res.status(), 422);
    let kept = licence_row(&app, row.id).await;
    assert_eq!(
        (kept.status.as_str(), kept.expires_on.map(|d| d.to_string())),
        ("verified", Some("2027-06-30".to_owned()))
    );

    // Each change to the expiry, the kind or the number sends it back to pending, with
    // one audit entry naming the practitioner and the claim before and after.
    for (step, (number, kind, expires)) in [
        ("MT-1", "state_licence", "2099-12-31"),
        ("MT-1", "board_certification", "2099-12-31"),
        ("MT-2", "board_certification", "2099-12-31"),
    ]
    .into_iter()
    .enumerate()
    {
        mark_verified(&app, licence_row(&app, row.id).await).await;
        assert_eq!(
            v.post(&path, &fields(number, kind, expires)).await.status(),
            303
        );
        let changed = licence_row(&app, row.id).await;
        assert_eq!(
            (
                changed.status.as_str(),
                changed.verified_at,
                changed.verification_method
            ),
            ("pending", None, None),
            "change {step}"
        );
        let entries = licence_audit(&app, row.id).await;
        assert_eq!(entries.len(), step + 1, "change {step}");
        let entry = entries.last().expect("entry");
        let user = therapist_finder::entities::user::Entity::find()
            .filter(therapist_finder::entities::user::Column::Email.eq("lic@example.com"))
            .one(&app.state.db)
            .await
            .expect("q")
            .expect("user");
        assert_eq!(entry.actor_user_id, Some(user.id));
        assert!(
            entry
                .before
                .as_deref()
                .is_some_and(|b| b.contains("\"verified\""))
        );
        assert!(
            entry
                .after
                .as_deref()
                .is_some_and(|a| a.contains(expires) && a.contains(kind))
        );
    }

    let mut rejected: licence::ActiveModel = licence_row(&app, row.id).await.into();
    rejected.status = sea_orm::Set("rejected".into());
    rejected.rejection_reason = sea_orm::Set(Some("Number not found on the TX roster".into()));
    sea_orm::ActiveModelTrait::update(rejected, &app.state.db)
        .await
        .expect("reject");
    let page = v.page("/dashboard/licences").await;
    assert!(page.contains("Not verified: Number not found on the TX roster"));
    // Every job the test caused runs, and succeeds.
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn outcome_logs_export_as_csv_and_summarise_publicly_from_ten() {
    let app = TestApp::spawn().await;
    let v = practitioner(&app, "logs@example.com", "Logs").await;
    complete_profile(&v).await;
    v.post("/dashboard/publish", &[]).await;
    for i in 0..10 {
        let before = (6 + i % 3).to_string();
        let res = v
            .post(
                "/dashboard/outcomes",
                &[
                    ("session_date", "2026-02-01"),
                    ("region", "low_back"),
                    ("pain_before", &before),
                    ("pain_after", "2"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
    }
    let csv = v.page("/dashboard/outcomes.csv").await;
    assert_eq!(
        csv.lines().next(),
        Some("session_date,region,pain_before,pain_after")
    );
    assert_eq!(csv.lines().count(), 11);
    assert!(csv.contains("2026-02-01,low_back,6,2"));
    let id = practitioner_id(&app, "logs@example.com").await;
    let slug = practitioner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("row")
        .slug;
    let page = Visitor::new(&app).page(&format!("/p/{slug}")).await;
    assert!(page.contains(
        "Median pain 7.0 → 2.0 out of 10 across 10 sessions, as reported by the practitioner."
    ));
    // Every job the test caused runs, and succeeds.
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn training_flags_need_ledger_entries() {
    let app = TestApp::spawn().await;
    let v = practitioner(&app, "flags@example.com", "Flags").await;
    let res = v
        .post("/dashboard/profile/training-flags", &[("prenatal", "on")])
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("Add a prenatal massage course to your training ledger first.")
    );
    v.post(
        "/dashboard/training",
        &[
            ("course", "Prenatal massage"),
            ("provider", "Institute"),
            ("modality", "prenatal"),
            ("hours", "24"),
            ("completed_on", "2023-03-01"),
        ],
    )
    .await;
    assert_eq!(
        v.post("/dashboard/profile/training-flags", &[("prenatal", "on")])
            .await
            .status(),
        303
    );
    let id = practitioner_id(&app, "flags@example.com").await;
    assert!(
        practitioner::Entity::find_by_id(id)
            .one(&app.state.db)
            .await
            .expect("q")
            .expect("row")
            .prenatal_trained
    );
    let entry = training_record::Entity::find()
        .filter(training_record::Column::PractitionerId.eq(id))
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("row");
    v.post(&format!("/dashboard/training/{}/delete", entry.id), &[])
        .await;
    assert!(
        !practitioner::Entity::find_by_id(id)
            .one(&app.state.db)
            .await
            .expect("q")
            .expect("row")
            .prenatal_trained,
        "the flag follows its ledger entry"
    );
    // Every job the test caused runs, and succeeds.
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn contact_requests_land_in_the_inbox_with_abuse_limits() {
    let app = TestApp::spawn().await;
    let owner = practitioner(&app, "owner@example.com", "Owner").await;
    complete_profile(&owner).await;
    owner.post("/dashboard/publish", &[]).await;
    let id = practitioner_id(&app, "owner@example.com").await;
    let slug = practitioner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("row")
        .slug;
    let path = format!("/p/{slug}/contact");
    let visitor = Visitor::new(&app);
    let page = visitor.page(&format!("/p/{slug}")).await;
    assert!(page.contains("Request an appointment"));

    let res = visitor
        .post(
            &path,
            &[
                ("name", "Bot"),
                ("email", "bot@example.com"),
                ("message", "spam"),
                ("website", "http://spam"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200, "the honeypot answers like success");
    let res = visitor
        .post(
            &path,
            &[
                ("name", "Dee"),
                ("email", "nope"),
                ("message", &"x".repeat(3000)),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.expect("body");
    assert!(
        body.contains("Enter an email address")
            && body.contains("Write a message of up to 2000 characters.")
    );
    let res = visitor
        .post(
            &path,
            &[
                ("name", "Dee <script>"),
                ("email", "dee@example.com"),
                ("message", "Low back pain, evenings?"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let stored = contact_request::Entity::find()
        .filter(contact_request::Column::PractitionerId.eq(id))
        .all(&app.state.db)
        .await
        .expect("q");
    assert_eq!(
        stored.len(),
        1,
        "the honeypot and the invalid request stored nothing"
    );
    let inbox = owner.page("/dashboard/inbox").await;
    assert!(inbox.contains("Low back pain, evenings?") && inbox.contains("Dee &lt;script&gt;"));
    let austin_clock = stored[0]
        .created_at
        .with_timezone(&chrono_tz::America::Chicago)
        .format("%b %-d, %Y, %-I:%M %p %Z")
        .to_string();
    assert!(
        inbox.contains("time zone (America/Chicago)") && inbox.contains(&austin_clock),
        "the time on the practice's clock, {austin_clock}: {inbox}"
    );
    let notice = mail::Entity::find()
        .filter(mail::Column::ToAddress.eq("owner@example.com"))
        .all(&app.state.db)
        .await
        .expect("q");
    let last = notice.last().expect("notification");
    assert_eq!(last.subject, "New appointment request");
    assert!(
        !last.body.contains("Low back pain"),
        "the notice does not repeat health details"
    );

    for _ in 0..4 {
        visitor
            .post(
                &path,
                &[
                    ("name", "Dee"),
                    ("email", "dee@example.com"),
                    ("message", "again"),
                ],
            )
            .await;
    }
    let res = visitor
        .post(
            &path,
            &[
                ("name", "Dee"),
                ("email", "dee@example.com"),
                ("message", "sixth"),
            ],
        )
        .await;
    assert_eq!(res.status(), 429);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("try again in an hour")
    );
    // Every job the test caused runs, and succeeds.
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn dashboard_lists_what_needs_attention() {
    let app = TestApp::spawn().await;
    let v = practitioner(&app, "todo@example.com", "Todo").await;
    let page = v.page("/dashboard").await;
    for needle in [
        "Your profile needs a location.",
        "Your profile needs a training ledger entry.",
        "Confirm that your profile is up to date.",
        "Confirm whether you are accepting new clients",
    ] {
        assert!(page.contains(needle), "missing: {needle}");
    }
    v.post(
        "/dashboard/licences",
        &[
            ("jurisdiction", "TX"),
            ("number", "MT-9"),
            ("kind", "state_licence"),
            (
                "expires_on",
                &(chrono::Utc::now().date_naive() + chrono::TimeDelta::days(10)).to_string(),
            ),
        ],
    )
    .await;
    v.post("/dashboard/confirm-profile", &[]).await;
    v.post("/dashboard/availability", &[("accepting", "no")])
        .await;
    let page = v.page("/dashboard").await;
    assert!(page.contains("Licence TX MT-9 expires on"));
    assert!(!page.contains("Confirm that your profile is up to date."));
    assert!(page.contains("You said no."));
    // Every job the test caused runs, and succeeds.
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn the_api_shows_each_practitioner_only_their_own_rows() {
    let app = TestApp::spawn().await;
    let anonymous = Visitor::new(&app);
    for path in [
        "/api/v1/me/profile",
        "/api/v1/me/licences",
        "/api/v1/me/outcomes",
        "/api/v1/me/inbox",
    ] {
        let res = anonymous.get(path).await;
        assert_eq!(res.status(), 401, "{path}");
        let body: serde_json::Value = res.json().await.expect("envelope");
        assert_eq!(body["error"]["code"], "unauthorized");
    }
    let a = practitioner(&app, "api-a@example.com", "Api A").await;
    let b = practitioner(&app, "api-b@example.com", "Api B").await;
    complete_profile(&b).await;
    b.post(
        "/dashboard/outcomes",
        &[
            ("session_date", "2026-01-10"),
            ("region", "low_back"),
            ("pain_before", "7"),
            ("pain_after", "3"),
        ],
    )
    .await;
    let mine: serde_json::Value = b
        .get("/api/v1/me/licences")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(mine[0]["number"], "MT-123456");
    assert_eq!(mine[0]["status"], "pending");
    let profile: serde_json::Value = b
        .get("/api/v1/me/profile")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        (
            profile["display_name"].as_str(),
            profile["listed"].as_bool()
        ),
        (Some("Cora Diaz"), Some(false))
    );
    for path in [
        "/api/v1/me/licences",
        "/api/v1/me/outcomes",
        "/api/v1/me/inbox",
    ] {
        let theirs: serde_json::Value = a.get(path).await.json().await.expect("json");
        assert_eq!(
            theirs,
            serde_json::json!([]),
            "{path} shows A nothing of B's"
        );
    }
    let profile: serde_json::Value = a
        .get("/api/v1/me/profile")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(profile["display_name"], "Api A");
    // Every job the test caused runs, and succeeds.
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn dates_are_read_as_a_date_field_sends_them_or_in_the_us_form() {
    let app = TestApp::spawn().await;
    let v = practitioner(&app, "dates@example.com", "Dana Dates").await;
    let id = practitioner_id(&app, "dates@example.com").await;
    let course = |date: &'static str| {
        vec![
            ("course", "Diploma"),
            ("provider", "School"),
            ("modality", ""),
            ("hours", "500"),
            ("completed_on", date),
        ]
    };
    assert_eq!(
        v.post("/dashboard/training", &course("05/15/2015"))
            .await
            .status(),
        303
    );
    let res = v.post("/dashboard/training", &course("15/05/2015")).await;
    let page = res.text().await.expect("page");
    assert!(
        page.contains("Enter a date such as 2015-05-15 or 05/15/2015."),
        "{page}"
    );
    assert!(
        page.contains(r#"value="Diploma""#),
        "the rest of the form is kept"
    );
    // A US date kept after another field's error is shown as the date field holds it.
    let mut bad_hours = course("5/16/2015");
    bad_hours[3] = ("hours", "many");
    let page = v
        .post("/dashboard/training", &bad_hours)
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains(r#"type="date" value="2015-05-16""#), "{page}");
    let rows = training_record::Entity::find()
        .filter(training_record::Column::PractitionerId.eq(id))
        .all(&app.state.db)
        .await
        .expect("rows");
    let dates: Vec<String> = rows.iter().map(|r| r.completed_on.to_string()).collect();
    assert_eq!(dates, ["2015-05-15"], "one saved, read as May 15");
    app.run_pending_jobs().await;
}
