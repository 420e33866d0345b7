//! Admins: authorization, the verification queue, rosters, expiry, reports,
//! suspensions, and the audit log (exactly one entry per action).

use std::sync::atomic::{AtomicU64, Ordering};

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use therapist_finder::{
    admin::{licences, roster},
    entities::{audit_log, licence, mail, practitioner, report, roster_import},
    progress::{Progress, Silent},
    search::SearchQuery,
};

use crate::support::{
    TestApp,
    builders::{PractitionerSpec, insert_practitioner, pending_licence_in},
    visitor::{Visitor, admin, practitioner as practitioner_visitor},
};

/// Remembers what long work reported.
#[derive(Default)]
struct Counted {
    total: AtomicU64,
    done: AtomicU64,
}

impl Progress for Counted {
    fn total(&self, units: u64) {
        self.total.store(units, Ordering::SeqCst);
    }
    fn advance(&self, units: u64) {
        self.done.fetch_add(units, Ordering::SeqCst);
    }
}

/// Admin page routes, with their method.
const ADMIN_ROUTES: &[(&str, &str)] = &[
    ("GET", "/admin"),
    ("GET", "/admin/licences"),
    ("POST", "/admin/licences/1/approve"),
    ("POST", "/admin/licences/1/reject"),
    ("GET", "/admin/rosters"),
    ("POST", "/admin/rosters"),
    ("POST", "/admin/rosters/mappings/TX"),
    ("GET", "/admin/reports"),
    ("POST", "/admin/reports/1/resolve"),
    ("POST", "/admin/reports/1/dismiss"),
    ("POST", "/admin/reports/1/contact"),
    ("GET", "/admin/practitioners"),
    ("POST", "/admin/practitioners/1/suspend"),
    ("POST", "/admin/practitioners/1/unsuspend"),
    ("GET", "/admin/audit"),
];

async fn audit_entries(app: &TestApp, action: &str) -> Vec<audit_log::Model> {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .all(&app.state.db)
        .await
        .expect("audit")
}

async fn pending_licence(app: &TestApp, slug: &str, name: &str, number: &str) -> (i64, i64) {
    pending_licence_in(&app.state.db, slug, name, number, "TX", None).await
}

#[tokio::test]
async fn only_admins_reach_admin_pages_and_the_admin_api() {
    let app = TestApp::spawn().await;
    let anonymous = Visitor::new(&app);
    let practitioner = practitioner_visitor(&app, "p@example.com", "Pat").await;
    let (admin, _) = admin(&app, "admin@example.com").await;
    pending_licence(&app, "queue-one", "Queue One", "MT-1").await;
    for (method, path) in ADMIN_ROUTES {
        let res = if *method == "GET" {
            anonymous.get(path).await
        } else {
            anonymous.post(path, &[]).await
        };
        assert_eq!(res.status(), 303, "anonymous {method} {path}");
        assert!(
            res.headers()["location"]
                .to_str()
                .expect("ascii")
                .starts_with("/login")
        );
        let res = if *method == "GET" {
            practitioner.get(path).await
        } else {
            practitioner.post(path, &[]).await
        };
        assert_eq!(res.status(), 403, "practitioner {method} {path}");
    }
    for (method, path) in ADMIN_ROUTES.iter().filter(|(m, _)| *m == "GET") {
        assert_eq!(admin.get(path).await.status(), 200, "admin {method} {path}");
    }
    for path in ["/api/v1/admin/licences", "/api/v1/admin/audit"] {
        let res = anonymous.get(path).await;
        assert_eq!(res.status(), 401, "{path}");
        let body: serde_json::Value = res.json().await.expect("envelope");
        assert_eq!(body["error"]["code"], "unauthorized");
        assert_eq!(practitioner.get(path).await.status(), 403, "{path}");
        assert_eq!(admin.get(path).await.status(), 200, "{path}");
    }
    let queue: serde_json::Value = admin
        .get("/api/v1/admin/licences")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(queue[0]["number"], "MT-1");
}

#[tokio::test]
async fn approving_and_rejecting_each_write_one_audit_entry() {
    let app = TestApp::spawn().await;
    let (admin, admin_id) = admin(&app, "judge@example.com").await;
    let (pid, approve_id) = pending_licence(&app, "to-approve", "Ada Approve", "MT-10").await;
    let (_, reject_id) = pending_licence(&app, "to-reject", "Rex Reject", "MT-11").await;

    let page = admin.page("/admin/licences").await;
    assert!(
        page.find("MT-10").expect("first") < page.find("MT-11").expect("second"),
        "oldest first"
    );
    assert!(page.contains("Texas (TX)"));

    let res = admin
        .post(
            &format!("/admin/licences/{approve_id}/approve"),
            &[("method", "board_lookup")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = admin
        .post(
            &format!("/admin/licences/{reject_id}/reject"),
            &[("reason", "No such number on the TX board look-up")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let refused = admin
        .post(
            &format!("/admin/licences/{reject_id}/reject"),
            &[("reason", "")],
        )
        .await;
    assert_eq!(refused.status(), 422, "a reason is required");
    let body = refused.text().await.expect("body");
    assert!(
        body.contains("Licence verification queue"),
        "still in the queue"
    );
    assert!(body.contains("Give a reason the practitioner can act on"));

    for (action, id) in [
        ("licence.approve", approve_id),
        ("licence.reject", reject_id),
    ] {
        let entries = audit_entries(&app, action).await;
        assert_eq!(entries.len(), 1, "{action}");
        assert_eq!(entries[0].actor_user_id, Some(admin_id));
        assert_eq!(
            (
                entries[0].subject_type.as_str(),
                entries[0].subject_id.clone()
            ),
            ("licence", id.to_string())
        );
        assert!(
            entries[0]
                .before
                .as_deref()
                .is_some_and(|b| b.contains("pending"))
        );
    }
    let approved = licence::Entity::find_by_id(approve_id)
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("row");
    assert_eq!(
        (
            approved.status.as_str(),
            approved.verified_by,
            approved.verification_method.as_deref()
        ),
        ("verified", Some(admin_id), Some("board_lookup"))
    );
    app.run_pending_jobs().await;
    let hits = app
        .state
        .search
        .search(&SearchQuery::near(30.2672, -97.7431, 10.0, 0))
        .await
        .expect("search")
        .hits;
    let doc = hits.iter().find(|h| h.doc.id == pid).expect("indexed");
    assert!(doc.doc.verified);
    let audit_page = admin.page("/admin/audit?action=licence.reject").await;
    assert!(
        audit_page.contains("judge@example.com")
            && audit_page.contains(&format!("licence:{reject_id}"))
    );
    assert!(
        !audit_page.contains("<td>licence.approve</td>"),
        "the action filter applies"
    );
}

#[tokio::test]
async fn reports_and_suspensions_are_audited_and_suspension_leaves_search_at_once() {
    let app = TestApp::spawn().await;
    let (admin, admin_id) = admin(&app, "mod@example.com").await;
    let pid = insert_practitioner(&app.state.db, &PractitionerSpec::new("reported-one")).await;
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("index");
    let public = Visitor::new(&app);
    let res = public
        .post(
            "/p/reported-one/report",
            &[("what", "This clinic closed in 2025."), ("contact", "")],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("admins will check this listing.")
    );
    let stored = report::Entity::find().all(&app.state.db).await.expect("q");
    assert_eq!(stored.len(), 1);
    assert!(
        admin
            .page("/admin/reports")
            .await
            .contains("This clinic closed in 2025.")
    );

    assert_eq!(
        admin
            .post(&format!("/admin/reports/{}/contact", stored[0].id), &[])
            .await
            .status(),
        303
    );
    assert_eq!(
        admin
            .post(
                &format!("/admin/practitioners/{pid}/suspend"),
                &[("reason", "Clinic closed")]
            )
            .await
            .status(),
        303
    );
    let query = SearchQuery::near(30.2672, -97.7431, 10.0, 0);
    assert!(
        app.state
            .search
            .search(&query)
            .await
            .expect("search")
            .hits
            .is_empty(),
        "suspended: gone at once"
    );
    assert_eq!(public.get("/p/reported-one").await.status(), 404);
    assert_eq!(
        admin
            .post(&format!("/admin/practitioners/{pid}/unsuspend"), &[])
            .await
            .status(),
        303
    );
    app.run_pending_jobs().await;
    assert_eq!(
        app.state
            .search
            .search(&query)
            .await
            .expect("search")
            .hits
            .len(),
        1,
        "back after lifting"
    );

    for (action, kind, id) in [
        ("report.contacted", "report", stored[0].id),
        ("practitioner.suspend", "practitioner", pid),
        ("practitioner.unsuspend", "practitioner", pid),
    ] {
        let entries = audit_entries(&app, action).await;
        assert_eq!(entries.len(), 1, "{action}");
        assert_eq!(entries[0].actor_user_id, Some(admin_id));
        assert_eq!(
            (
                entries[0].subject_type.as_str(),
                entries[0].subject_id.clone()
            ),
            (kind, id.to_string())
        );
    }
    for _ in 0..4 {
        public
            .post(
                "/p/reported-one/report",
                &[("what", "again"), ("contact", "")],
            )
            .await;
    }
    assert_eq!(
        public
            .post(
                "/p/reported-one/report",
                &[("what", "sixth"), ("contact", "")]
            )
            .await
            .status(),
        429,
        "reports are rate-limited"
    );
}

pub(crate) const HEADER: &str = "license_number,name,status,expiration_date\n";

#[tokio::test]
async fn a_clean_roster_verifies_matching_claims() {
    let app = TestApp::spawn().await;
    let (_, admin_id) = admin(&app, "roster@example.com").await;
    let (_, a) = pending_licence(&app, "jane-doe", "Jane Doe", "MT-100").await;
    let (_, b) = pending_licence(&app, "sam-lee", "Sam Lee LMT", "MT-101").await;
    let expiry = (chrono::Utc::now().date_naive() + chrono::TimeDelta::days(365)).to_string();
    for id in [a, b] {
        let l = licence::Entity::find_by_id(id)
            .one(&app.state.db)
            .await
            .expect("q")
            .expect("row");
        let mut m: licence::ActiveModel = l.into();
        m.expires_on = Set(Some(
            chrono::NaiveDate::parse_from_str(&expiry, "%Y-%m-%d").expect("date"),
        ));
        m.update(&app.state.db).await.expect("update");
    }
    let csv = format!(
        "{HEADER}MT-100,\"DOE, JANE\",Active,{expiry}\nMT 101,LEE SAM,active,{expiry}\nMT-999,SOMEONE ELSE,active,{expiry}\n"
    );
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    let progress = Counted::default();
    let report = roster::import_with(
        &app.state.db,
        Some(admin_id),
        "TX",
        "tx.csv",
        date,
        std::io::Cursor::new(csv.as_bytes().to_vec()),
        &roster::Mapping::default(),
        roster::ImportOptions::default(),
        &progress,
    )
    .await
    .expect("import");
    assert_eq!(
        (progress.total.into_inner(), progress.done.into_inner()),
        (3, 3),
        "progress hears of every roster row"
    );
    assert_eq!(
        (
            report.rows_read,
            report.matched,
            report.verified,
            report.conflicts,
            report.invalid_count,
            report.missing
        ),
        (3, 2, 2, 0, 0, 0)
    );
    for id in [a, b] {
        let l = licence::Entity::find_by_id(id)
            .one(&app.state.db)
            .await
            .expect("q")
            .expect("row");
        assert_eq!(l.status, "verified");
        assert_eq!(l.verification_method.as_deref(), Some("roster"));
        assert_eq!(
            l.verified_at.map(|t| t.date_naive()),
            Some(date),
            "the roster's date"
        );
    }
    let imports = audit_entries(&app, "roster.import").await;
    assert_eq!(imports.len(), 1);
    assert_eq!(
        (imports[0].actor_user_id, imports[0].subject_type.as_str()),
        (Some(admin_id), "roster")
    );
    // Every job the test caused runs, and succeeds.
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn a_mixed_roster_reports_conflicts_invalid_rows_and_missing_licences() {
    let app = TestApp::spawn().await;
    let (_, admin_id) = admin(&app, "mixed@example.com").await;
    let (_, ok) = pending_licence(&app, "good-one", "Good One", "MT-1").await;
    let (_, wrong_name) = pending_licence(&app, "wrong-name", "Alice Smith", "MT-2").await;
    let (_, inactive) = pending_licence(&app, "lapsed-one", "Lapsed One", "MT-3").await;
    let mut gone_spec = PractitionerSpec::new("gone-one");
    gone_spec.display_name = "Gone One".into();
    let gone_pid = insert_practitioner(&app.state.db, &gone_spec).await;
    let gone = licence::Entity::find()
        .filter(licence::Column::PractitionerId.eq(gone_pid))
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("row");
    let csv = format!(
        "{HEADER}MT-1,GOOD ONE,active,\nMT-2,BOB JONES,active,\nMT-3,LAPSED ONE,expired,\n,NO NUMBER,active,\nMT-5,BAD DATE,active,31/12/2027\n"
    );
    let report = roster::import_with(
        &app.state.db,
        Some(admin_id),
        "TX",
        "mixed.csv",
        chrono::Utc::now().date_naive(),
        std::io::Cursor::new(csv.as_bytes().to_vec()),
        &roster::Mapping::default(),
        // Two of five rows unreadable and the only verified licence missing: past
        // both guards, so this test lowers one and confirms the other.
        roster::ImportOptions {
            confirm: true,
            max_invalid_share: 0.5,
            ..roster::ImportOptions::default()
        },
        &Silent,
    )
    .await
    .expect("import");
    assert_eq!(
        (
            report.rows_read,
            report.matched,
            report.verified,
            report.conflicts,
            report.invalid_count,
            report.missing
        ),
        (5, 3, 1, 2, 2, 1)
    );
    assert_eq!(
        report.invalid.iter().map(|i| i.0).collect::<Vec<_>>(),
        [5, 6]
    );
    let db = &app.state.db;
    let get = |id: i64| async move {
        licence::Entity::find_by_id(id)
            .one(db)
            .await
            .expect("q")
            .expect("row")
    };
    assert_eq!(get(ok).await.status, "verified");
    let conflict = get(wrong_name).await;
    assert!(conflict.needs_review && conflict.status == "pending");
    assert!(
        conflict
            .review_note
            .as_deref()
            .is_some_and(|n| n.contains("roster name is \"BOB JONES\""))
    );
    assert!(
        get(inactive)
            .await
            .review_note
            .as_deref()
            .is_some_and(|n| n.contains("roster status is \"expired\""))
    );
    let missing = get(gone.id).await;
    assert!(
        missing.needs_review
            && missing.status == "verified"
            && missing
                .review_note
                .as_deref()
                .is_some_and(|n| n.contains("Missing from the TX roster"))
    );
    let queue = therapist_finder::admin::queue::queue(&app.state.db)
        .await
        .expect("queue");
    let item = queue
        .iter()
        .find(|i| i.licence.id == wrong_name)
        .expect("in the queue");
    assert_eq!(
        item.roster_row.as_ref().map(|r| r.name.as_str()),
        Some("BOB JONES"),
        "the roster row is shown next to the claim"
    );
    // Every job the test caused runs, and succeeds.
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn a_garbage_roster_changes_nothing_and_names_the_line() {
    let app = TestApp::spawn().await;
    let (_, admin_id) = admin(&app, "garbage@example.com").await;
    let (_, id) = pending_licence(&app, "untouched", "Un Touched", "MT-7").await;
    let before_audit = audit_log::Entity::find()
        .count(&app.state.db)
        .await
        .expect("count");
    for (bytes, needle) in [
        (b"\x00\x01\x02 this is not a csv \xff".as_slice(), "line 1"),
        (b"a,b\n1,2\n".as_slice(), "no column `license_number`"),
        (
            format!("{HEADER}MT-7,UN TOUCHED,active,\nMT-8,TOO,MANY,FIELDS,HERE\n")
                .into_bytes()
                .leak() as &[u8],
            "line 3: expected 4 fields, found 5",
        ),
    ] {
        let err = roster::import_with(
            &app.state.db,
            Some(admin_id),
            "TX",
            "bad.csv",
            chrono::Utc::now().date_naive(),
            std::io::Cursor::new(bytes.to_vec()),
            &roster::Mapping::default(),
            roster::ImportOptions::default(),
            &Silent,
        )
        .await
        .expect_err("refused");
        assert!(err.to_string().contains(needle), "{err}");
    }
    assert_eq!(
        licence::Entity::find_by_id(id)
            .one(&app.state.db)
            .await
            .expect("q")
            .expect("row")
            .status,
        "pending"
    );
    assert_eq!(
        roster_import::Entity::find()
            .count(&app.state.db)
            .await
            .expect("count"),
        0
    );
    assert_eq!(
        audit_log::Entity::find()
            .count(&app.state.db)
            .await
            .expect("count"),
        before_audit
    );
}

#[tokio::test]
async fn a_different_layout_imports_through_the_saved_mapping() {
    let app = TestApp::spawn().await;
    let (admin, admin_id) = admin(&app, "mapper@example.com").await;
    let (_, id) = pending_licence(&app, "mapped-one", "Mapped One", "LMT-55").await;
    let res = admin
        .post(
            "/admin/rosters/mappings/TX",
            &[
                ("has_header", "1"),
                ("number_column", "Lic #"),
                ("name_column", "Licensee"),
                ("status_column", "Standing"),
                ("expiry_column", "Expires"),
                ("active_values", "Current, Clear"),
                ("date_format", "%m/%d/%Y"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(audit_entries(&app, "roster.mapping").await.len(), 1);
    let csv = "Licensee,Standing,Expires,Lic #\nMAPPED ONE,Clear,01/31/2028,LMT-55\n";
    let report = roster::import(
        &app.state.db,
        Some(admin_id),
        "TX",
        "tx-layout.csv",
        chrono::Utc::now().date_naive(),
        std::io::Cursor::new(csv.as_bytes().to_vec()),
        roster::ImportOptions::default(),
        &Silent,
    )
    .await
    .expect("import");
    assert_eq!((report.verified, report.invalid_count), (1, 0));
    let l = licence::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("row");
    assert_eq!(l.expires_on, chrono::NaiveDate::from_ymd_opt(2028, 1, 31));
    // Every job the test caused runs, and succeeds.
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn a_roster_of_100k_rows_imports() {
    let app = TestApp::spawn().await;
    let (_, admin_id) = admin(&app, "bulk@example.com").await;
    let (_, id) = pending_licence(&app, "needle", "Needle Haystack", "MT-0054321").await;
    let mut csv = String::from(HEADER);
    for i in 0..100_000 {
        csv.push_str(&format!(
            "MT-{i:07},LICENSEE NUMBER {i},active,2028-01-31\n"
        ));
    }
    csv = csv.replace("LICENSEE NUMBER 54321,", "HAYSTACK NEEDLE,");
    let started = std::time::Instant::now();
    let report = roster::import_with(
        &app.state.db,
        Some(admin_id),
        "TX",
        "big.csv",
        chrono::Utc::now().date_naive(),
        std::io::Cursor::new(csv.as_bytes().to_vec()),
        &roster::Mapping::default(),
        roster::ImportOptions::default(),
        &Silent,
    )
    .await
    .expect("import");
    eprintln!(
        "roster import: 100000 rows in {} ms",
        started.elapsed().as_millis()
    );
    assert_eq!(
        (report.rows_read, report.matched, report.verified),
        (100_000, 1, 1)
    );
    assert_eq!(
        licence::Entity::find_by_id(id)
            .one(&app.state.db)
            .await
            .expect("q")
            .expect("row")
            .status,
        "verified"
    );
    // Every job the test caused runs, and succeeds.
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn an_expired_licence_loses_its_badge_in_search_and_on_the_profile() {
    let app = TestApp::spawn().await;
    let pid = insert_practitioner(&app.state.db, &PractitionerSpec::new("expiring")).await;
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("index");
    let query = SearchQuery::near(30.2672, -97.7431, 10.0, 0);
    assert!(
        app.state.search.search(&query).await.expect("search").hits[0]
            .doc
            .verified
    );

    let lic = licence::Entity::find()
        .filter(licence::Column::PractitionerId.eq(pid))
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("row");
    let mut m: licence::ActiveModel = lic.clone().into();
    m.expires_on = Set(Some(
        chrono::Utc::now().date_naive() - chrono::TimeDelta::days(1),
    ));
    m.update(&app.state.db).await.expect("time passes");
    let p = practitioner::Entity::find_by_id(pid)
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("row");
    let mut owner: practitioner::ActiveModel = p.into();
    owner.public_email = Set(Some("expiring@example.com".into()));
    owner.update(&app.state.db).await.expect("email");

    let report =
        licences::expire_and_remind(&app.state.db, chrono::Utc::now().date_naive(), "http://x")
            .await
            .expect("expiry");
    assert_eq!(report.expired, 1);
    app.run_pending_jobs().await;
    let hit = &app.state.search.search(&query).await.expect("search").hits[0];
    assert!(
        !hit.doc.verified,
        "badge gone from search ({})",
        app.state.search.backend()
    );
    assert_eq!(
        hit.doc.licence.as_ref().map(|l| l.status.as_str()),
        Some("expired")
    );
    let page = Visitor::new(&app).page("/p/expiring").await;
    assert!(
        page.contains("Expired") && !page.contains("Verified 20"),
        "badge gone from the profile"
    );
    let entries = audit_entries(&app, "licence.expire").await;
    assert_eq!(
        (
            entries.len(),
            entries[0].actor_user_id,
            entries[0].subject_id.clone()
        ),
        (1, None, lic.id.to_string())
    );
}

#[tokio::test]
async fn practitioners_are_reminded_thirty_days_before_expiry_once() {
    let app = TestApp::spawn().await;
    let v = practitioner_visitor(&app, "remind@example.com", "Remind").await;
    let soon = (chrono::Utc::now().date_naive() + chrono::TimeDelta::days(20)).to_string();
    v.post(
        "/dashboard/licences",
        &[
            ("jurisdiction", "TX"),
            ("number", "MT-20"),
            ("kind", "state_licence"),
            ("expires_on", &soon),
        ],
    )
    .await;
    let today = chrono::Utc::now().date_naive();
    assert_eq!(
        licences::expire_and_remind(&app.state.db, today, "http://x")
            .await
            .expect("run")
            .reminded,
        1
    );
    assert_eq!(
        licences::expire_and_remind(&app.state.db, today, "http://x")
            .await
            .expect("run")
            .reminded,
        0,
        "once"
    );
    let mails = mail::Entity::find()
        .filter(mail::Column::Subject.eq("Your licence expires soon"))
        .all(&app.state.db)
        .await
        .expect("q");
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to_address, "remind@example.com");
    // Every job the test caused runs, and succeeds.
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn every_admin_form_and_the_report_form_refuse_a_post_without_a_valid_csrf_token() {
    let app = TestApp::spawn().await;
    let (admin, _) = admin(&app, "csrf-admin@example.com").await;
    let pid = insert_practitioner(&app.state.db, &PractitionerSpec::new("csrf-target")).await;
    let (_, licence_id) = pending_licence(&app, "csrf-licence", "Csrf Licence", "MT-55").await;
    let before = audit_log::Entity::find()
        .count(&app.state.db)
        .await
        .expect("count");
    for (method, path) in ADMIN_ROUTES.iter().filter(|(m, _)| *m == "POST") {
        let path = path
            .replace("/licences/1/", &format!("/licences/{licence_id}/"))
            .replace("/practitioners/1/", &format!("/practitioners/{pid}/"));
        if path == "/admin/rosters" {
            continue;
        }
        let res = admin
            .post_raw(&path, &[("reason", "x"), ("method", "board_lookup")])
            .await;
        assert_eq!(res.status(), 403, "{method} {path} without a token");
        let res = admin
            .post_raw(
                &path,
                &[
                    ("csrf_token", &"0".repeat(64)),
                    ("reason", "x"),
                    ("method", "board_lookup"),
                ],
            )
            .await;
        assert_eq!(res.status(), 403, "{method} {path} with a wrong token");
    }
    let boundary = "XBOUNDARYX";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"jurisdiction\"\r\n\r\nTX\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.csv\"\r\nContent-Type: text/csv\r\n\r\nlicense_number,name,status,expiration_date\nMT-55,CSRF LICENCE,active,\n\r\n--{boundary}--\r\n"
    );
    let res = admin
        .client
        .post(app.url("/admin/rosters"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .expect("upload");
    assert_eq!(res.status(), 403, "a roster upload without a token");
    let res = Visitor::new(&app)
        .post_raw("/p/csrf-target/report", &[("what", "wrong")])
        .await;
    assert_eq!(res.status(), 403, "the public report form");
    assert_eq!(
        audit_log::Entity::find()
            .count(&app.state.db)
            .await
            .expect("count"),
        before,
        "nothing was decided"
    );
    assert_eq!(
        licence::Entity::find_by_id(licence_id)
            .one(&app.state.db)
            .await
            .expect("q")
            .expect("row")
            .status,
        "pending"
    );
    assert_eq!(
        report::Entity::find()
            .count(&app.state.db)
            .await
            .expect("count"),
        0
    );
}

#[tokio::test]
async fn a_web_roster_upload_with_a_bad_date_imports_nothing() {
    let app = TestApp::spawn().await;
    let (v, _) = admin(&app, "dates@example.com").await;
    let token = v.csrf().await;
    let upload = |date: &'static str| {
        upload_roster(
            &app,
            &v,
            &token,
            date,
            "license_number,name,status,expiration_date\nMT-1,JANE DOE,active,2030-01-31\n".into(),
        )
    };
    let res = upload("31/12/2026").await.expect("upload");
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("is not a date like 2026-11-01")
    );
    assert_eq!(
        roster_import::Entity::find()
            .count(&app.state.db)
            .await
            .expect("count"),
        0,
        "nothing was imported"
    );
    let res = upload("2026-10-15").await.expect("upload");
    assert_eq!(res.status(), 200);
    let imports = roster_import::Entity::find()
        .all(&app.state.db)
        .await
        .expect("imports");
    assert_eq!(imports.len(), 1);
    assert_eq!(imports[0].roster_date.to_string(), "2026-10-15");
}

#[tokio::test]
async fn a_statewide_web_roster_upload_imports_and_one_past_the_limit_is_413() {
    let app = TestApp::spawn().await;
    let (v, _) = admin(&app, "big-roster@example.com").await;
    let token = v.csrf().await;
    let upload = |csv: String| upload_roster(&app, &v, &token, "", csv);
    // A statewide file: 100,000 rows, about 7.5 MB, several times the default body limit.
    let mut csv = String::from("license_number,name,status,expiration_date\n");
    let mut rows = 0;
    while rows < 100_000 {
        rows += 1;
        csv.push_str(&format!(
            "MT-{rows:07},LICENSEE NUMBER {rows} OF A LONG STATE ROSTER,active,2030-01-31\n"
        ));
    }
    let res = upload(csv).await.expect("upload");
    assert_eq!(res.status(), 200);
    assert!(
        res.text().await.expect("body").contains(&format!("{rows}")),
        "the report counts every row"
    );
    let imports = roster_import::Entity::find()
        .all(&app.state.db)
        .await
        .expect("imports");
    assert_eq!(imports.len(), 1);
    assert_eq!(imports[0].rows_read as usize, rows);

    let too_big = "x".repeat(therapist_finder::admin::roster::UPLOAD_LIMIT + 1);
    let res = upload(too_big).await.expect("upload");
    assert_eq!(res.status(), 413);
    assert!(res.text().await.expect("body").contains("larger than"));
    assert_eq!(
        roster_import::Entity::find()
            .count(&app.state.db)
            .await
            .expect("count"),
        1,
        "nothing more was imported"
    );
}

/// Posts a roster file in the generic layout (Colorado has no shipped layout) through
/// the admin page, as a browser's multipart form.
fn upload_roster(
    app: &TestApp,
    v: &Visitor,
    token: &str,
    date: &str,
    csv: String,
) -> impl Future<Output = reqwest::Result<reqwest::Response>> {
    upload_roster_with(app, v, token, date, csv, &[])
}

/// [`upload_roster`] with more form fields (`dry_run`, `confirm`, or a `jurisdiction`
/// in place of Colorado).
pub(crate) fn upload_roster_with(
    app: &TestApp,
    v: &Visitor,
    token: &str,
    date: &str,
    csv: String,
    extra: &[(&str, &str)],
) -> impl Future<Output = reqwest::Result<reqwest::Response>> {
    let boundary = "XBOUNDARYX";
    let fields: String = extra
        .iter()
        .map(|(k, v)| {
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
        })
        .collect();
    let state = extra
        .iter()
        .find(|(k, _)| *k == "jurisdiction")
        .map_or("CO", |(_, v)| v);
    let body = fields
        + &format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"jurisdiction\"\r\n\r\n{state}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"roster_date\"\r\n\r\n{date}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roster.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
        );
    v.client
        .post(app.url("/admin/rosters"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
}

#[tokio::test]
async fn the_roster_page_previews_first_and_asks_before_flagging_many_licences() {
    let app = TestApp::spawn().await;
    let (v, _) = admin(&app, "preview@example.com").await;
    let (_, id) = pending_licence_in(&app.state.db, "co-one", "Co One", "CO-1", "CO", None).await;
    let token = v.csrf().await;
    let roster = format!("{HEADER}CO-1,CO ONE,active,2030-01-31\n");
    let res = upload_roster_with(&app, &v, &token, "", roster.clone(), &[("dry_run", "1")])
        .await
        .expect("preview");
    assert_eq!(res.status(), 200);
    let page = res.text().await.expect("body");
    assert!(
        page.contains("Preview for Colorado: nothing was applied"),
        "{page}"
    );
    assert!(
        page.contains(r#"<option value="CO" selected>Colorado</option>"#),
        "the state chosen stays chosen"
    );
    assert!(
        !page.contains("This roster would flag"),
        "nothing to warn about"
    );
    let fresh = v.page("/admin/rosters").await;
    assert!(fresh.contains(r#"<option value="" selected>Choose a state</option>"#));
    let res = upload_roster_with(
        &app,
        &v,
        &token,
        "",
        roster.clone(),
        &[("jurisdiction", "")],
    )
    .await
    .expect("no state");
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("Choose the state whose roster this is.")
    );
    assert_eq!(
        roster_import::Entity::find()
            .count(&app.state.db)
            .await
            .expect("count"),
        0
    );
    assert_eq!(
        licence::Entity::find_by_id(id)
            .one(&app.state.db)
            .await
            .expect("q")
            .expect("row")
            .status,
        "pending"
    );
    let res = upload_roster(&app, &v, &token, "", roster)
        .await
        .expect("apply");
    assert_eq!(res.status(), 200);
    app.run_pending_jobs().await;
    // A roster without that licence would flag the only verified one: the preview
    // warns, and applying it is held back.
    let other = format!("{HEADER}CO-9,SOMEONE ELSE,active,2030-01-31\n");
    let page = upload_roster_with(&app, &v, &token, "", other.clone(), &[("dry_run", "1")])
        .await
        .expect("preview")
        .text()
        .await
        .expect("body");
    assert!(
        page.contains(
            "This roster would flag 1 of the 1 verified Colorado licences as missing, more than 10%"
        ) && page.contains("Importing it will be refused unless you tick"),
        "{page}"
    );
    let res = upload_roster(&app, &v, &token, "", other.clone())
        .await
        .expect("held");
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("confirm to apply it anyway")
    );
    let res = upload_roster_with(&app, &v, &token, "", other, &[("confirm", "1")])
        .await
        .expect("confirmed");
    assert_eq!(res.status(), 200);
    assert!(
        licence::Entity::find_by_id(id)
            .one(&app.state.db)
            .await
            .expect("q")
            .expect("row")
            .needs_review
    );
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn a_reject_without_a_reason_keeps_the_admin_in_the_queue_at_that_licence() {
    let app = TestApp::spawn().await;
    let (admin, _) = admin(&app, "careful@example.com").await;
    let (_, first) = pending_licence(&app, "first-claim", "Fay First", "MT-20").await;
    let (_, second) = pending_licence(&app, "second-claim", "Sam Second", "MT-21").await;
    let res = admin
        .post(
            &format!("/admin/licences/{second}/reject"),
            &[("reason", "   ")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.expect("body");
    let message = body
        .find("Give a reason the practitioner can act on")
        .expect("the message");
    let second_at = body.find("MT-21").expect("second");
    assert!(
        body.find("MT-20").expect("first") < second_at && second_at < message,
        "the message stands at the licence it is about"
    );
    assert!(body.contains(&format!("aria-describedby=\"decision-{second}-error\"")));
    let res = admin
        .post(
            &format!("/admin/licences/{first}/approve"),
            &[("method", "telepathy")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("Choose how you verified it.")
    );
    let queue = admin.page("/admin/licences").await;
    assert!(
        queue.contains("MT-20") && queue.contains("MT-21"),
        "nothing was decided"
    );
}

#[tokio::test]
async fn the_practitioner_is_told_of_each_decision_with_the_reason() {
    let app = TestApp::spawn().await;
    let (admin, _) = admin(&app, "decider@example.com").await;
    let mut claims = Vec::new();
    for (email, number) in [("ok@example.com", "MT-501"), ("no@example.com", "MT-502")] {
        let p = practitioner_visitor(&app, email, "Pat Claim").await;
        let res = p
            .post(
                "/dashboard/licences",
                &[
                    ("jurisdiction", "TX"),
                    ("number", number),
                    ("kind", "state_licence"),
                    ("expires_on", "2030-01-31"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        let id = licence::Entity::find()
            .filter(licence::Column::Number.eq(number))
            .one(&app.state.db)
            .await
            .expect("q")
            .expect("claimed")
            .id;
        claims.push((email, id));
    }
    let reason = "The TX board lists MT-502 under another name";
    for ((_, id), (decision, field, value)) in claims.iter().zip([
        ("approve", "method", "board_lookup"),
        ("reject", "reason", reason),
    ]) {
        let res = admin
            .post(
                &format!("/admin/licences/{id}/{decision}"),
                &[(field, value)],
            )
            .await;
        assert_eq!(res.status(), 303);
    }
    let to = |email: &'static str| {
        let db = app.state.db.clone();
        async move {
            mail::Entity::find()
                .filter(mail::Column::ToAddress.eq(email))
                .all(&db)
                .await
                .expect("q")
                .into_iter()
                .filter(|m| m.subject.starts_with("Your licence"))
                .collect::<Vec<_>>()
        }
    };
    let approved = to("ok@example.com").await;
    assert_eq!(approved.len(), 1);
    assert_eq!(approved[0].subject, "Your licence is verified");
    assert!(
        approved[0]
            .body
            .contains("TX MT-501 is verified (checked on the board's look-up)"),
        "{}",
        approved[0].body
    );
    let rejected = to("no@example.com").await;
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].subject, "Your licence could not be verified");
    assert!(
        rejected[0].body.contains(&format!("The reason: {reason}"))
            && rejected[0].body.contains("/dashboard/licences"),
        "{}",
        rejected[0].body
    );
    // A refused decision (no reason) tells nobody anything.
    let res = admin
        .post(
            &format!("/admin/licences/{}/reject", claims[0].1),
            &[("reason", " ")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(to("ok@example.com").await.len(), 1);
    app.run_pending_jobs().await;
}

/// A thousand pending claims: the queue shows fifty a page, oldest first, under
/// 100 KB; it narrows by state, kind and the latest roster (counted exactly), and a
/// decision made on page 3 of a narrowed view returns to page 3 of that view.
#[tokio::test]
async fn the_queue_pages_a_thousand_claims_fifty_at_a_time_and_narrows_them() {
    use sea_orm::NotSet;
    use therapist_finder::entities::{roster_entry, roster_import};

    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let start = chrono::Utc::now() - chrono::TimeDelta::days(30);
    let states = ["TX", "NY", "CA", "FL"];
    let mut owners = Vec::new();
    for p in 0..250 {
        let mut spec = PractitionerSpec::new(&format!("queue-{p}"));
        spec.licence_status = None;
        spec.training_hours = Vec::new();
        owners.push(insert_practitioner(db, &spec).await);
    }
    let claims: Vec<licence::ActiveModel> = (0..1000_i64)
        .map(|i| {
            let at = start + chrono::TimeDelta::seconds(i);
            licence::ActiveModel {
                id: sea_orm::NotSet,
                practitioner_id: Set(owners[usize::try_from(i % 250).expect("small")]),
                jurisdiction: Set(states[usize::try_from(i % 4).expect("small")].into()),
                number: Set(format!("Q-{i:04}")),
                kind: Set(if i % 5 == 0 {
                    "board_certification"
                } else {
                    "state_licence"
                }
                .into()),
                expires_on: Set(None),
                status: Set("pending".into()),
                verified_by: Set(None),
                verified_at: Set(None),
                verification_method: Set(None),
                rejection_reason: Set(None),
                created_at: Set(at),
                updated_at: Set(at),
                needs_review: Set(false),
                review_note: Set(None),
                reminded_at: Set(None),
            }
        })
        .collect();
    for chunk in claims.chunks(200) {
        licence::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await
            .expect("claims");
    }
    // Texas's latest roster lists the numbers of every tenth claim (all of them TX:
    // i % 4 == 0 and i % 10 == 0 means i % 20 == 0), fifty in all.
    let import = roster_import::ActiveModel {
        id: NotSet,
        jurisdiction: Set("TX".into()),
        imported_by: Set(None),
        file_name: Set("tx.csv".into()),
        roster_date: Set(start.date_naive()),
        rows_read: Set(50),
        matched: Set(0),
        verified: Set(0),
        conflicts: Set(0),
        invalid: Set(0),
        missing: Set(0),
        created_at: Set(start),
    }
    .insert(db)
    .await
    .expect("import");
    let listed: Vec<roster_entry::ActiveModel> = (0..1000_i64)
        .filter(|i| i % 20 == 0)
        .map(|i| roster_entry::ActiveModel {
            id: NotSet,
            import_id: Set(import.id),
            jurisdiction: Set("TX".into()),
            // Stored as the import stores numbers: letters and digits, upper case.
            number: Set(format!("Q{i:04}")),
            name: Set(format!("Listed {i}")),
            status: Set("active".into()),
            expires_on: Set(None),
        })
        .collect();
    roster_entry::Entity::insert_many(listed)
        .exec(db)
        .await
        .expect("roster");

    let (v, _) = admin(&app, "pager@example.com").await;
    let first = v.page("/admin/licences").await;
    assert!(first.len() < 100_000, "page 1 is {} bytes", first.len());
    assert_eq!(first.matches("<article").count(), 50);
    assert!(first.contains("Showing 1–50 of 1000 (page 1 of 20)"));
    assert!(
        first.contains(">Q-0000 ") || first.contains(" Q-0000 —"),
        "oldest first"
    );
    assert!(!first.contains("Q-0050 "), "the 51st is on page 2");
    let last = v.page("/admin/licences?page=20").await;
    assert!(last.contains("Q-0999") && last.len() < 100_000);
    assert!(!last.contains("rel=\"next\""));
    let past = v.page("/admin/licences?page=999").await;
    assert!(
        past.contains("page 20 of 20"),
        "a page past the end shows the last"
    );
    let bad = v.page("/admin/licences?page=-3").await;
    assert!(bad.contains("page 1 of 20"));

    let texas = v.page("/admin/licences?state=TX").await;
    assert!(texas.contains("of 250 (page 1 of 5)"));
    assert_eq!(texas.matches("Texas (TX) Q-").count(), 50);
    let certs = v.page("/admin/licences?kind=board_certification").await;
    assert!(certs.contains("of 200 "));
    let on = v.page("/admin/licences?roster=on").await;
    assert!(
        on.contains("of 50 (page 1 of 1)"),
        "exactly the fifty on the roster"
    );
    assert_eq!(on.matches("Listed ").count(), 50);
    let off = v.page("/admin/licences?state=TX&roster=off").await;
    assert!(off.contains("of 200 (page 1 of 4)"));

    // A decision on page 3 of Texas returns to page 3 of Texas.
    let page3 = v.page("/admin/licences?state=TX&page=3").await;
    assert!(page3.contains("action=\"/admin/licences/"));
    let id = licence::Entity::find()
        .filter(licence::Column::Number.eq("Q-0400"))
        .one(db)
        .await
        .expect("q")
        .expect("row")
        .id;
    let res = v
        .post(
            &format!("/admin/licences/{id}/approve?state=TX&page=3"),
            &[("method", "board_lookup")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers().get("location").and_then(|l| l.to_str().ok()),
        Some("/admin/licences?state=TX&page=3&done=approved")
    );
    let after = v.page("/admin/licences?state=TX&page=3").await;
    assert!(after.contains("of 249 "));
    app.run_pending_jobs().await;
}
