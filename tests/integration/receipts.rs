//! Receipts a claim accepts: written from an accepted visit or by hand, numbered per
//! practice, the same when printed again, seen only by the practitioner who wrote them,
//! exported as CSV; bad input refused at its field with nothing stored; numbers never
//! shared however many are written at once, and a form sent twice writes one.

use chrono::{TimeDelta, TimeZone, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter,
};
use therapist_finder::entities::{licence, practitioner, receipt, visit};

use crate::support::{
    TestApp,
    visitor::{Visitor, admin, location, practitioner, practitioner_id},
};

/// Monday 7 December 2026, 18:00 UTC.
pub(crate) fn monday_evening() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 18, 0, 0)
        .single()
        .expect("time")
}

/// A signed-in practitioner with a practice address, an NPI, a 60-minute price and a
/// verified Texas licence; returns the visitor, their id and the licence's id.
pub(crate) async fn practice(app: &TestApp, email: &str, name: &str) -> (Visitor, i64, i64) {
    let v = practitioner(app, email, name).await;
    let id = practitioner_id(app, email).await;
    let row = practitioner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("row");
    let mut m: practitioner::ActiveModel = row.into();
    m.practice_name = Set(Some(format!("{name} Clinical Massage")));
    m.address_line = Set(Some("500 Congress Ave, Suite 2".into()));
    m.city = Set("Austin".into());
    m.region_code = Set("TX".into());
    m.postal_code = Set(Some("78701".into()));
    m.npi = Set(Some("1234567893".into()));
    m.prices = Set("30:55,60:95".into());
    m.update(&app.state.db).await.expect("practice");
    let now = app.state.clock.now();
    let lic = licence::ActiveModel {
        id: NotSet,
        practitioner_id: Set(id),
        jurisdiction: Set("TX".into()),
        number: Set(format!("MT{id:05}")),
        kind: Set("licence".into()),
        expires_on: Set(None),
        status: Set("verified".into()),
        verified_by: Set(None),
        verified_at: Set(Some(now)),
        verification_method: Set(Some("manual".into())),
        rejection_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        needs_review: Set(false),
        review_note: Set(None),
        reminded_at: Set(None),
    }
    .insert(&app.state.db)
    .await
    .expect("licence");
    (v, id, lic.id)
}

/// A visit of `practitioner_id` in `status`, starting `start`, for `name`.
pub(crate) async fn visit_of(
    app: &TestApp,
    practitioner_id: i64,
    start: chrono::DateTime<Utc>,
    status: &str,
    name: &str,
) -> i64 {
    visit::ActiveModel {
        id: NotSet,
        practitioner_id: Set(practitioner_id),
        start_at: Set(start),
        end_at: Set(start + TimeDelta::minutes(60)),
        minutes: Set(60),
        status: Set(status.into()),
        name: Set(Some(name.into())),
        email: Set(Some("client@example.com".into())),
        note: Set(None),
        created_at: Set(start - TimeDelta::days(3)),
        confirm_by: Set(start - TimeDelta::days(2)),
        held_until: Set(None),
        accepted_at: Set(Some(start - TimeDelta::days(2))),
        proposed: Set(false),
        uid: Set(format!("{}@test", crate::support::unique("visit"))),
        sequence: Set(0),
        reminded_at: Set(None),
        report_asked_at: Set(None),
        language: Set("en".into()),
    }
    .insert(&app.state.db)
    .await
    .expect("visit")
    .id
}

async fn receipts_of(app: &TestApp, practitioner_id: i64) -> Vec<receipt::Model> {
    receipt::Entity::find()
        .filter(receipt::Column::PractitionerId.eq(practitioner_id))
        .all(&app.state.db)
        .await
        .expect("receipts")
}

/// The value of the hidden `name` field on a page.
fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker).map(|i| i + marker.len()).expect(name);
    page[start..].split('"').next().expect("value").to_owned()
}

/// The receipt itself on its page: from its heading to the end of the article.
fn printed(page: &str) -> String {
    let start = page.find("<h1 id=\"receipt-heading\"").expect("heading");
    let end = page.find("</article>").expect("article");
    page[start..end].to_owned()
}

fn fields<'a>(
    key: &'a str,
    visit: &'a str,
    licence: &'a str,
    overrides: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut all = vec![
        ("form_key", key),
        ("visit", visit),
        ("client_name", "Jordan Lee"),
        ("service_date", "2026-12-07"),
        ("minutes", "60"),
        ("procedure_code", "97124"),
        ("diagnosis_code", "m5450"),
        ("amount", "95"),
        ("paid_by", "hsa_fsa"),
        ("licence", licence),
    ];
    for (k, v) in overrides {
        all.retain(|(name, _)| name != k);
        all.push((k, v));
    }
    all
}

#[tokio::test]
async fn a_receipt_for_an_accepted_visit_is_numbered_and_prints_the_same_again() {
    let app = TestApp::spawn().await;
    app.state.clock.set(monday_evening());
    let (v, id, licence_id) = practice(&app, "rx@example.com", "Robin Hale").await;
    let licence_id = licence_id.to_string();
    let earlier = visit_of(
        &app,
        id,
        monday_evening() - TimeDelta::hours(3),
        "accepted",
        "Jordan Lee",
    )
    .await;
    let later = visit_of(
        &app,
        id,
        monday_evening() + TimeDelta::days(1),
        "accepted",
        "Sam Cole",
    )
    .await;

    // The inbox offers a receipt for the visit that took place, not for the one to come.
    let inbox = v.page("/dashboard/inbox").await;
    assert!(
        inbox.contains(&format!("/dashboard/receipts?visit={earlier}#new")),
        "{inbox}"
    );
    assert!(!inbox.contains(&format!("/dashboard/receipts?visit={later}")));
    assert_eq!(
        v.get(&format!("/dashboard/receipts?visit={later}"))
            .await
            .status(),
        404
    );

    // The form comes filled from the visit and the listed price for its length.
    let form = v
        .page(&format!("/dashboard/receipts?visit={earlier}"))
        .await;
    for want in [
        "value=\"Jordan Lee\"",
        "value=\"2026-12-07\"",
        "value=\"60\"",
        "value=\"95\"",
    ] {
        assert!(form.contains(want), "{want}");
    }
    let key = hidden(&form, "form_key");
    let visit_id = earlier.to_string();
    let res = v
        .post(
            "/dashboard/receipts",
            &fields(&key, &visit_id, &licence_id, &[]),
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/dashboard/receipts/1");

    let first = v.page("/dashboard/receipts/1").await;
    let receipt = printed(&first);
    for want in [
        "Receipt no. 000001",
        "Robin Hale Clinical Massage",
        "500 Congress Ave, Suite 2, Austin, TX 78701",
        "TX MT",
        "1234567893",
        "Jordan Lee",
        "Monday, December 7",
        "Massage therapy, 60 minutes",
        "97124 × 4",
        "M54.50",
        "95.00 USD",
        "HSA or FSA card",
    ] {
        assert!(receipt.contains(want), "{want} in {receipt}");
    }

    // Printed again after the profile changed, it reads the same.
    let row = practitioner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("row");
    let mut m: practitioner::ActiveModel = row.into();
    m.practice_name = Set(Some("Renamed Spa".into()));
    m.npi = Set(None);
    m.update(&app.state.db).await.expect("renamed");
    assert_eq!(printed(&v.page("/dashboard/receipts/1").await), receipt);

    // The same form sent again, and the visit asked for again, give the same receipt.
    let again = v
        .post(
            "/dashboard/receipts",
            &fields(&key, &visit_id, &licence_id, &[]),
        )
        .await;
    assert_eq!(location(&again), "/dashboard/receipts/1");
    let res = v.get(&format!("/dashboard/receipts?visit={earlier}")).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/dashboard/receipts/1");
    let res = v
        .post(
            "/dashboard/receipts",
            &fields(
                &hidden(&v.page("/dashboard/receipts").await, "form_key"),
                &visit_id,
                &licence_id,
                &[("amount", "1")],
            ),
        )
        .await;
    assert_eq!(
        location(&res),
        "/dashboard/receipts/1",
        "one receipt a visit"
    );
    assert!(
        v.page("/dashboard/inbox")
            .await
            .contains("Receipt no. 000001")
    );

    // A visit entered by hand takes the next number; the list and the CSV hold both.
    let blank = v.page("/dashboard/receipts").await;
    assert!(blank.contains("name=\"visit\" value=\"\""));
    let res = v
        .post(
            "/dashboard/receipts",
            &fields(
                &hidden(&blank, "form_key"),
                "",
                &licence_id,
                &[
                    ("client_name", "=Ann Cho"),
                    ("diagnosis_code", ""),
                    ("paid_by", "cash"),
                    ("amount", "$1,200.5"),
                ],
            ),
        )
        .await;
    assert_eq!(location(&res), "/dashboard/receipts/2");
    let list = v.page("/dashboard/receipts").await;
    assert!(list.contains("000001") && list.contains("000002"), "{list}");
    let csv = v.get("/dashboard/receipts.csv").await;
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(csv.headers()["cache-control"], "no-store");
    let text = csv.text().await.expect("csv");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[1].starts_with("000002,")
            && lines[1].contains("'=Ann Cho")
            && lines[1].contains(",1200.50,USD,cash,"),
        "{text}"
    );
    assert!(
        lines[2].starts_with("000001,")
            && lines[2].contains(",97124,4,M54.50,95.00,USD,hsa_fsa,TX MT"),
        "{text}"
    );
    assert_eq!(receipts_of(&app, id).await.len(), 2);
}

#[tokio::test]
async fn only_the_practitioner_who_wrote_a_receipt_ever_sees_it() {
    let app = TestApp::spawn().await;
    app.state.clock.set(monday_evening());
    let (owner, id, licence_id) = practice(&app, "own@example.com", "Owen Park").await;
    let visit_id = visit_of(
        &app,
        id,
        monday_evening() - TimeDelta::hours(2),
        "accepted",
        "Private Person",
    )
    .await;
    let key = hidden(&owner.page("/dashboard/receipts").await, "form_key");
    let res = owner
        .post(
            "/dashboard/receipts",
            &fields(
                &key,
                &visit_id.to_string(),
                &licence_id.to_string(),
                &[("client_name", "Private Person")],
            ),
        )
        .await;
    assert_eq!(location(&res), "/dashboard/receipts/1");

    // Another practitioner: their number 1 is none, their list and export are empty,
    // and the owner's visit is not theirs to write a receipt for.
    let (other, other_id, other_licence) = practice(&app, "else@example.com", "Elsa Grant").await;
    assert_eq!(other.get("/dashboard/receipts/1").await.status(), 404);
    assert!(
        !other
            .page("/dashboard/receipts")
            .await
            .contains("Private Person")
    );
    assert!(
        !other
            .get("/dashboard/receipts.csv")
            .await
            .text()
            .await
            .expect("csv")
            .contains("Private Person")
    );
    assert_eq!(
        other
            .get(&format!("/dashboard/receipts?visit={visit_id}"))
            .await
            .status(),
        404
    );
    let key = hidden(&other.page("/dashboard/receipts").await, "form_key");
    let res = other
        .post(
            "/dashboard/receipts",
            &fields(&key, &visit_id.to_string(), &other_licence.to_string(), &[]),
        )
        .await;
    assert_eq!(res.status(), 404);
    // Nor may they print the owner's licence on theirs.
    let res = other
        .post(
            "/dashboard/receipts",
            &fields(&key, "", &licence_id.to_string(), &[]),
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(receipts_of(&app, other_id).await.is_empty());

    // A stranger is sent to log in; an admin is refused, and no admin page shows it.
    let stranger = Visitor::new(&app);
    for path in [
        "/dashboard/receipts",
        "/dashboard/receipts/1",
        "/dashboard/receipts.csv",
    ] {
        let res = stranger.get(path).await;
        assert_eq!(res.status(), 303, "{path}");
        assert!(location(&res).starts_with("/login"), "{path}");
    }
    let res = stranger
        .post(
            "/dashboard/receipts",
            &fields(&key, "", &licence_id.to_string(), &[]),
        )
        .await;
    assert!(location(&res).starts_with("/login"));
    let (admin, _) = admin(&app, "boss@example.com").await;
    for path in [
        "/dashboard/receipts",
        "/dashboard/receipts/1",
        "/dashboard/receipts.csv",
    ] {
        let res = admin.get(path).await;
        assert_eq!(res.status(), 403, "{path}");
        assert!(!res.text().await.expect("body").contains("Private Person"));
    }
    for path in [
        "/admin",
        "/admin/practitioners",
        "/admin/audit",
        "/admin/reports",
        "/admin/client-reports",
    ] {
        let page = admin.page(path).await;
        assert!(!page.contains("Private Person"), "{path}");
    }
    // Without the CSRF token nothing is written.
    let res = owner
        .post_raw(
            "/dashboard/receipts",
            &fields(
                &crate::support::unique("k"),
                "",
                &licence_id.to_string(),
                &[],
            ),
        )
        .await;
    assert_eq!(res.status(), 403);
    assert_eq!(receipts_of(&app, id).await.len(), 1);
}

#[tokio::test]
async fn bad_receipts_are_refused_at_their_field_and_store_nothing() {
    let app = TestApp::spawn().await;
    app.state.clock.set(monday_evening());
    let (v, id, licence_id) = practice(&app, "bad@example.com", "Bea Dunn").await;
    let licence_id = licence_id.to_string();
    let long_name = "N".repeat(121);
    let declined = visit_of(
        &app,
        id,
        monday_evening() - TimeDelta::hours(5),
        "declined",
        "No Show",
    )
    .await;
    let cases: Vec<(&str, &str, String)> = vec![
        ("amount", "-5", "Write the amount paid".into()),
        ("amount", "0", "Write the amount paid".into()),
        ("amount", "95.505", "Write the amount paid".into()),
        ("amount", "20000", "Write the amount paid".into()),
        ("amount", "ninety", "Write the amount paid".into()),
        ("procedure_code", "99213", "Choose a procedure code".into()),
        ("diagnosis_code", "back pain", "Write an ICD-10 code".into()),
        ("service_date", "2026-12-25", "future".into()),
        ("service_date", "2026-13-01", "such as 2015-05-15".into()),
        ("service_date", "2015-01-01", "seven years".into()),
        ("minutes", "0", "whole number".into()),
        ("minutes", "100000000000", "whole number".into()),
        ("paid_by", "bitcoin", "Choose how the visit was paid".into()),
        ("client_name", "", "is required".into()),
        ("client_name", "Jo\u{7}rdan", "control characters".into()),
        ("client_name", &long_name, "at most 120".into()),
        ("licence", "999999", "Choose the licence".into()),
        ("form_key", "short", "out of date".into()),
    ];
    let form = v.page("/dashboard/receipts").await;
    let key = hidden(&form, "form_key");
    for (field, value, message) in &cases {
        let res = v
            .post(
                "/dashboard/receipts",
                &fields(&key, "", &licence_id, &[(field, value)]),
            )
            .await;
        assert_eq!(res.status(), 422, "{field}={value:?}");
        let page = res.text().await.expect("page");
        let at = page
            .find(&format!("id=\"{field}-error\""))
            .or_else(|| {
                (*field == "form_key")
                    .then(|| page.find("class=\"field-error\""))
                    .flatten()
            })
            .unwrap_or_else(|| panic!("{field}={value:?}: no error at the field"));
        let shown = &page[at..at + 300.min(page.len() - at)];
        assert!(
            shown.to_lowercase().contains(&message.to_lowercase()),
            "{field}={value:?}: {shown}"
        );
        assert!(
            !page.contains('\u{7}'),
            "the control character is not shown back"
        );
    }
    // A visit that was declined is not one to write a receipt for.
    let res = v
        .post(
            "/dashboard/receipts",
            &fields(&key, &declined.to_string(), &licence_id, &[]),
        )
        .await;
    assert_eq!(res.status(), 404);
    assert!(receipts_of(&app, id).await.is_empty(), "nothing stored");
    // With every field right, the same key writes receipt 1.
    let res = v
        .post("/dashboard/receipts", &fields(&key, "", &licence_id, &[]))
        .await;
    assert_eq!(location(&res), "/dashboard/receipts/1");
}

#[tokio::test]
async fn receipts_written_at_once_never_share_a_number_and_a_form_sent_twice_writes_one() {
    let app = TestApp::spawn().await;
    app.state.clock.set(monday_evening());
    let (v, id, licence_id) = practice(&app, "race@example.com", "Rae Quinn").await;
    let licence_id = licence_id.to_string();
    let visit_id = visit_of(
        &app,
        id,
        monday_evening() - TimeDelta::hours(1),
        "accepted",
        "Max Ford",
    )
    .await
    .to_string();
    let v = std::sync::Arc::new(v);
    let mut keys = Vec::new();
    for _ in 0..12 {
        keys.push(hidden(&v.page("/dashboard/receipts").await, "form_key"));
    }
    let same = keys[0].clone();
    // Twelve forms, each sent twice, and six forms for one visit, all at once.
    let mut tasks = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        for _ in 0..2 {
            let (v, key, licence_id, visit) =
                (v.clone(), key.clone(), licence_id.clone(), visit_id.clone());
            tasks.push(tokio::spawn(async move {
                let visit = if i < 6 { visit } else { String::new() };
                let res = v
                    .post(
                        "/dashboard/receipts",
                        &fields(&key, &visit, &licence_id, &[]),
                    )
                    .await;
                (key, res.status().as_u16(), location(&res))
            }));
        }
    }
    let mut by_key = std::collections::HashMap::new();
    for task in tasks {
        let (key, status, to) = task.await.expect("task");
        assert_eq!(status, 303);
        let first = by_key.entry(key).or_insert_with(|| to.clone());
        assert_eq!(*first, to, "a form sent twice leads to one receipt");
    }
    let stored = receipts_of(&app, id).await;
    // The six forms for the visit wrote one receipt between them; the six others, one each.
    assert_eq!(stored.len(), 7, "{stored:#?}");
    let mut numbers: Vec<i32> = stored.iter().map(|r| r.number).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=7).collect::<Vec<_>>());
    assert_eq!(stored.iter().filter(|r| r.visit_id.is_some()).count(), 1);
    assert!(by_key.contains_key(&same));
    let count = receipt::Entity::find()
        .count(&app.state.db)
        .await
        .expect("count");
    assert_eq!(count, 7);
}
