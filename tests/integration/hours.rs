//! Working hours and open times: the dashboard page, the profile, the slots API and
//! the next open time beside a match, with the clock set by the test.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::America::Chicago;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::{Value, json};
use therapist_finder::{
    entities::practitioner,
    schedule::{self, Stored, Week},
};

use crate::support::{
    TestApp,
    browser::{Browser, Window},
    builders::{PractitionerSpec, insert_practitioner},
    visitor::{Visitor, practitioner as sign_up, practitioner_id},
};

/// Monday, December 7, 2026, 8:00 in Austin.
pub(crate) fn monday_morning() -> DateTime<Utc> {
    Chicago
        .with_ymd_and_hms(2026, 12, 7, 8, 0, 0)
        .single()
        .expect("time")
        .with_timezone(&Utc)
}

/// Saves working hours in Chicago for practitioner `id`: `week`, `lengths`, a buffer,
/// the default horizon and notice, no time off.
pub(crate) async fn save_chicago_hours(
    app: &TestApp,
    id: i64,
    week: Week,
    lengths: &[u16],
    buffer: u16,
) {
    schedule::save(
        &app.state.db,
        id,
        Stored {
            zone: Some(Chicago),
            week,
            lengths: lengths.to_vec(),
            buffer_minutes: buffer,
            horizon_days: 60,
            notice_hours: 12,
            time_off: Vec::new(),
        },
        Utc::now(),
    )
    .await
    .expect("hours");
}

/// A safe questionnaire for low back pain near Austin, as the match API takes it.
fn low_back_near_austin() -> Value {
    json!({
        "regions": ["low_back"], "duration": "chronic", "pain": 5, "red_flags": [],
        "conditions": [], "pressure": "medium", "goal": "clinical", "near": "78701",
        "radius_km": 25
    })
}

async fn get_json(app: &TestApp, path: &str) -> (u16, Value) {
    let res = app.get(path).await;
    let status = res.status().as_u16();
    (status, res.json().await.expect("json body"))
}

/// A signed-up practitioner placed in Austin through the location form and listed;
/// returns the visitor, the profile id and slug.
pub(crate) async fn listed_in_austin(app: &TestApp, email: &str) -> (Visitor, i64, String) {
    let v = sign_up(app, email, "Hana Ito").await;
    let res = v
        .post(
            "/dashboard/profile/location",
            &[
                ("address_line", "100 Congress Ave"),
                ("city", "Austin"),
                ("state", "TX"),
                ("postal_code", "78701"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "location saved");
    app.run_pending_jobs().await;
    let id = practitioner_id(app, email).await;
    let row = practitioner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("profile");
    let slug = row.slug.clone();
    let mut row: practitioner::ActiveModel = row.into();
    row.listed = Set(true);
    row.update(&app.state.db).await.expect("listed");
    (v, id, slug)
}

fn weekday_mornings() -> Vec<(&'static str, &'static str)> {
    vec![
        ("mon", "9:00-12:00"),
        ("tue", "9am-12pm"),
        ("wed", "9 – 12"),
        ("thu", "9:00-12:00"),
        ("fri", "9:00-12:00"),
        ("lengths", "60"),
        ("buffer_minutes", "0"),
        ("horizon_days", "60"),
        ("notice_hours", "12"),
        ("time_off", "2026-12-24 to 2026-12-26"),
    ]
}

#[tokio::test]
async fn hours_set_on_the_dashboard_give_open_times_on_the_profile_and_in_the_api() {
    let app = TestApp::spawn().await;
    app.state.clock.set(monday_morning());
    let (v, _, slug) = listed_in_austin(&app, "hours@example.com").await;
    let page = v.page("/dashboard/hours").await;
    assert!(page.contains("America/Chicago (CST)"), "zone named");
    let res = v.post("/dashboard/hours", &weekday_mornings()).await;
    assert_eq!(res.status(), 303);

    // 12 hours' notice from Monday 8:00 leaves Monday out; Tuesday is the example's day.
    let (status, body) = get_json(
        &app,
        &format!("/api/v1/practitioners/{slug}/slots?from=2026-12-08&days=1"),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        json!({"zone": "America/Chicago", "slots": [
            {"start": "2026-12-08T09:00:00-06:00", "minutes": 60},
            {"start": "2026-12-08T09:30:00-06:00", "minutes": 60},
            {"start": "2026-12-08T10:00:00-06:00", "minutes": 60},
            {"start": "2026-12-08T10:30:00-06:00", "minutes": 60},
            {"start": "2026-12-08T11:00:00-06:00", "minutes": 60},
        ]})
    );
    let (_, today) = get_json(&app, &format!("/api/v1/practitioners/{slug}/slots")).await;
    let starts: Vec<&str> = today["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .map(|s| s["start"].as_str().expect("start"))
        .collect();
    assert_eq!(starts.first(), Some(&"2026-12-08T09:00:00-06:00"));
    assert_eq!(starts.len(), 5 * 4, "Tuesday to Friday of the next 7 days");
    // Time off: nothing on the 24th to the 26th.
    let (_, christmas) = get_json(
        &app,
        &format!("/api/v1/practitioners/{slug}/slots?from=2026-12-23&days=5"),
    )
    .await;
    let days: Vec<String> = christmas["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .map(|s| s["start"].as_str().expect("start")[..10].to_owned())
        .collect();
    assert!(days.iter().all(|d| d == "2026-12-23"), "{days:?}");

    let profile = app
        .get(&format!("/p/{slug}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(profile.contains("id=\"open-times\""));
    assert!(profile.contains("Tuesday, December 8"));
    for (id, label) in [
        ("t-20261208-0900", "9:00 AM"),
        ("t-20261208-0930", "9:30 AM"),
        ("t-20261208-1100", "11:00 AM"),
    ] {
        assert!(
            profile.contains(&format!("<label for=\"{id}\">{label}</label>")),
            "{label} offered in the picker"
        );
    }
    assert!(
        !profile.contains("t-20261208-1130"),
        "a 60-minute session ends by noon"
    );
    assert!(profile.contains("America/Chicago (CST)"));
    assert!(
        !profile.contains("Monday, December 7</dt>"),
        "inside the notice"
    );
    // Later times, on request.
    assert!(profile.contains(&format!("/p/{slug}?from=2026-12-14#open-times")));
    let later = app
        .get(&format!("/p/{slug}?from=2026-12-14"))
        .await
        .text()
        .await
        .expect("page");
    assert!(later.contains("Monday, December 14"));
    assert!(
        later.contains(&format!("/p/{slug}?from=2026-12-07#open-times")),
        "earlier"
    );
    let unreadable = app
        .get(&format!("/p/{slug}?from=next%20week"))
        .await
        .text()
        .await
        .expect("page");
    assert!(unreadable.contains("That date could not be read"));

    // The form shows what was saved, as written back.
    let page = v.page("/dashboard/hours").await;
    assert!(page.contains("value=\"09:00-12:00\""));
    assert!(page.contains("2026-12-24 to 2026-12-26"));
    assert!(page.contains("Tuesday, December 8"), "the preview");
}

#[tokio::test]
async fn a_practice_that_moves_takes_its_new_zone() {
    let app = TestApp::spawn().await;
    app.state.clock.set(monday_morning());
    let (v, _, slug) = listed_in_austin(&app, "mover@example.com").await;
    assert_eq!(
        v.post("/dashboard/hours", &weekday_mornings())
            .await
            .status(),
        303
    );
    let res = v
        .post(
            "/dashboard/profile/location",
            &[
                ("address_line", "200 N Spring St"),
                ("city", "Los Angeles"),
                ("state", "CA"),
                ("postal_code", "90012"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    app.run_pending_jobs().await;
    let (_, body) = get_json(
        &app,
        &format!("/api/v1/practitioners/{slug}/slots?from=2026-12-08&days=1"),
    )
    .await;
    assert_eq!(body["zone"], "America/Los_Angeles");
    assert_eq!(body["slots"][0]["start"], "2026-12-08T09:00:00-08:00");
}

#[tokio::test]
async fn a_bad_hours_form_keeps_what_was_typed_and_changes_nothing() {
    let app = TestApp::spawn().await;
    app.state.clock.set(monday_morning());
    let (v, id, _) = listed_in_austin(&app, "typo@example.com").await;
    assert_eq!(
        v.post("/dashboard/hours", &weekday_mornings())
            .await
            .status(),
        303
    );
    let before = schedule::stored(&app.state.db, id).await.expect("query");
    for (field, value, says) in [
        ("mon", "9-25", "not a time range"),
        ("tue", "12-9", "ends before it starts"),
        ("wed", "9-12, 11-13", "overlap"),
        ("lengths", "50", "Choose lengths from the list"),
        ("buffer_minutes", "999999999999", "from 0 to 120"),
        ("horizon_days", "0", "from 1 to 365"),
        ("notice_hours", "-1", "from 0 to 336"),
        (
            "time_off",
            "2026-12-30 to 2026-12-01",
            "the last day is before",
        ),
        ("time_off", "\u{0}", "Line 1"),
    ] {
        let mut fields = weekday_mornings();
        fields.retain(|(k, _)| *k != field);
        fields.push((field, value));
        let res = v.post("/dashboard/hours", &fields).await;
        assert_eq!(res.status(), 422, "{field}={value:?}");
        let page = res.text().await.expect("page");
        assert!(page.contains(says), "{field}: {says}");
        assert!(page.contains("Nothing was saved"));
        assert_eq!(
            schedule::stored(&app.state.db, id).await.expect("query"),
            before,
            "{field} changed nothing"
        );
    }
    let short = [
        ("mon", "9:00-10:00"),
        ("tue", "18:00-19:30"),
        ("lengths", "120"),
    ];
    let res = v.post("/dashboard/hours", &short).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.expect("page");
    assert!(page.contains("No range of your hours is long enough for a 120-minute session."));
    let mut fields = weekday_mornings();
    fields.retain(|(k, _)| *k != "lengths");
    let res = v.post("/dashboard/hours", &fields).await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .expect("page")
            .contains("at least one session length")
    );
}

#[tokio::test]
async fn the_slots_api_refuses_bad_parameters_by_name() {
    let app = TestApp::spawn().await;
    app.state.clock.set(monday_morning());
    let (_, _, slug) = listed_in_austin(&app, "api@example.com").await;
    for (query, field) in [
        ("from=2026-13-01", "from"),
        ("from=12/08/2026", "from"),
        ("from=2026-12-8", "from"),
        ("days=0", "days"),
        ("days=32", "days"),
        ("days=99999999999999999999", "days"),
        ("days=abc", "days"),
        ("days=7&days=8", "days"),
        ("from=", "from"),
        ("days=", "days"),
        ("from=%202026-12-08", "from"),
    ] {
        let (status, body) =
            get_json(&app, &format!("/api/v1/practitioners/{slug}/slots?{query}")).await;
        assert_eq!(status, 422, "{query}: {body}");
        assert!(
            body["error"]["fields"][field].is_string(),
            "{query}: {body}"
        );
    }
    let (status, body) = get_json(&app, "/api/v1/practitioners/nobody/slots").await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "not_found");
    // Listed, but no hours yet: no zone, no times.
    let (status, body) = get_json(&app, &format!("/api/v1/practitioners/{slug}/slots")).await;
    assert_eq!(status, 200);
    assert_eq!(body, json!({"zone": null, "slots": []}));
}

#[tokio::test]
async fn open_times_keep_nine_o_clock_across_the_spring_change() {
    let app = TestApp::spawn().await;
    app.state.clock.set(
        Chicago
            .with_ymd_and_hms(2026, 3, 1, 12, 0, 0)
            .single()
            .expect("time")
            .with_timezone(&Utc),
    );
    let (v, _, slug) = listed_in_austin(&app, "dst@example.com").await;
    let mut fields = vec![
        ("lengths", "30"),
        ("horizon_days", "60"),
        ("notice_hours", "0"),
    ];
    fields.push(("buffer_minutes", "0"));
    for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
        fields.push((day, "1:00-4:00, 9:00-9:30"));
    }
    assert_eq!(v.post("/dashboard/hours", &fields).await.status(), 303);
    let (_, body) = get_json(
        &app,
        &format!("/api/v1/practitioners/{slug}/slots?from=2026-03-07&days=3"),
    )
    .await;
    let starts: Vec<&str> = body["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .map(|s| s["start"].as_str().expect("start"))
        .collect();
    let on = |day: &str| -> Vec<&str> {
        starts
            .iter()
            .filter(|s| s.starts_with(day))
            .map(|s| &s[11..])
            .collect()
    };
    assert_eq!(
        on("2026-03-07"),
        [
            "01:00:00-06:00",
            "01:30:00-06:00",
            "02:00:00-06:00",
            "02:30:00-06:00",
            "03:00:00-06:00",
            "03:30:00-06:00",
            "09:00:00-06:00"
        ]
    );
    // 2:00–2:59 does not exist on the 8th; 1:30 would end at 3:00.
    assert_eq!(
        on("2026-03-08"),
        [
            "01:00:00-06:00",
            "03:00:00-05:00",
            "03:30:00-05:00",
            "09:00:00-05:00"
        ]
    );
    assert_eq!(on("2026-03-09").last(), Some(&"09:00:00-05:00"));
}

#[tokio::test]
async fn each_match_shows_its_next_open_time() {
    let app = TestApp::spawn().await;
    app.state.clock.set(monday_morning());
    let with_hours = insert_practitioner(&app.state.db, &PractitionerSpec::new("with-hours")).await;
    let mut other = PractitionerSpec::new("without-hours");
    other.lat += 0.01;
    insert_practitioner(&app.state.db, &other).await;
    let mut week = Week::default();
    week.0[3] = vec![(14 * 60, 15 * 60)]; // Thursdays 2–3 pm
    save_chicago_hours(&app, with_hours, week, &[60], 0).await;
    therapist_finder::app::rebuild_index(&app.state)
        .await
        .expect("reindex");
    let res = app
        .client
        .post(app.url("/api/v1/match"))
        .json(&low_back_near_austin())
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.expect("json");
    let next: Vec<(String, Value)> = body["matches"]
        .as_array()
        .expect("matches")
        .iter()
        .map(|m| {
            (
                m["slug"].as_str().expect("slug").to_owned(),
                m["next_open"].clone(),
            )
        })
        .collect();
    assert!(
        next.contains(&("with-hours".into(), json!("2026-12-10T14:00:00-06:00"))),
        "{next:?}"
    );
    assert!(
        next.contains(&("without-hours".into(), Value::Null)),
        "{next:?}"
    );

    let v = Visitor::new(&app);
    let token = v.csrf().await;
    let res = v
        .post_raw(
            "/match",
            &[
                ("csrf_token", token.as_str()),
                ("regions", "low_back"),
                ("duration", "chronic"),
                ("pain", "5"),
                ("pressure", "medium"),
                ("goal", "clinical"),
                ("near", "78701"),
                ("radius", "25"),
                ("unit", "km"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.expect("page");
    assert!(
        page.contains("Next open: <a href=\"/p/with-hours#open-times\">Thu 2:00 PM CST</a>"),
        "{page}"
    );
    assert_eq!(page.matches("Next open:").count(), 1);

    // Hours changed elsewhere (another server, say) show beside matches once this
    // server's copy ages out or is forgotten, as its own hours page does on saving.
    let mut week = Week::default();
    week.0[1] = vec![(10 * 60, 11 * 60)]; // Tuesdays 10–11
    save_chicago_hours(&app, with_hours, week, &[60], 0).await;
    let next_of = |body: Value| {
        body["matches"]
            .as_array()
            .expect("matches")
            .iter()
            .find(|m| m["slug"] == "with-hours")
            .map(|m| m["next_open"].clone())
            .expect("with-hours matched")
    };
    let again = || async {
        app.client
            .post(app.url("/api/v1/match"))
            .json(&low_back_near_austin())
            .send()
            .await
            .expect("post")
            .json::<Value>()
            .await
            .expect("json")
    };
    assert_eq!(next_of(again().await), json!("2026-12-10T14:00:00-06:00"));
    app.state.plans.forget(with_hours);
    assert_eq!(next_of(again().await), json!("2026-12-08T10:00:00-06:00"));
}

#[tokio::test]
async fn demo_practitioners_come_with_open_times() {
    let app = TestApp::spawn().await;
    app.seed_demo(40).await;
    let rows = practitioner::Entity::find()
        .all(&app.state.db)
        .await
        .expect("query");
    let mut with_times = 0;
    for p in &rows {
        let (status, body) =
            get_json(&app, &format!("/api/v1/practitioners/{}/slots", p.slug)).await;
        assert_eq!(status, 200);
        if !body["slots"].as_array().expect("slots").is_empty() {
            with_times += 1;
            assert!(body["zone"].as_str().expect("zone").starts_with("America/"));
        }
    }
    assert!((10..=30).contains(&with_times), "{with_times} of 40");
}

#[tokio::test]
async fn on_a_phone_the_profile_shows_the_open_times_and_pages_through_them() {
    let app = TestApp::spawn().await;
    app.state.clock.set(monday_morning());
    let id = insert_practitioner(&app.state.db, &PractitionerSpec::new("open-times")).await;
    let mut week = Week::default();
    for day in 0..5 {
        week.0[day] = vec![(9 * 60, 12 * 60), (13 * 60, 17 * 60)];
    }
    save_chicago_hours(&app, id, week, &[30, 60, 90], 15).await;
    let browser = Browser::start_with(Window::PHONE).await;
    browser
        .client
        .goto(&app.url("/p/open-times"))
        .await
        .expect("open");
    let panel = browser
        .client
        .find(fantoccini::Locator::Css("section.open-times"))
        .await
        .expect("open times panel")
        .text()
        .await
        .expect("text");
    assert!(
        panel.contains("Sessions of 30, 60 or 90 minutes"),
        "{panel}"
    );
    assert!(panel.contains("America/Chicago (CST)"), "{panel}");
    assert!(panel.contains("Tuesday, December 8"), "{panel}");
    assert!(
        !panel.contains("Monday, December 7\n"),
        "inside the notice: {panel}"
    );
    let (wide, page_width, viewport) = browser.overflowing().await;
    assert!(
        wide.is_empty() && page_width <= viewport,
        "profile at 390 px: {page_width} > {viewport}: {wide:#?}"
    );
    browser
        .assert_accessible("profile with open times on a phone")
        .await;
    browser
        .screenshot_from("profile-390-open-times", Some("#open-times"))
        .await;
    browser
        .client
        .find(fantoccini::Locator::LinkText("Later times"))
        .await
        .expect("later")
        .click()
        .await
        .expect("click");
    let url = browser.client.current_url().await.expect("url");
    assert_eq!(url.query(), Some("from=2026-12-14"));
    let panel = browser
        .client
        .find(fantoccini::Locator::Css("section.open-times"))
        .await
        .expect("open times panel")
        .text()
        .await
        .expect("text");
    assert!(panel.contains("Monday, December 14"), "{panel}");
    assert!(panel.contains("Earlier times"), "{panel}");
    browser.finish().await;
}

#[tokio::test]
async fn hours_saved_many_times_at_once_leave_one_whole_schedule() {
    let app = TestApp::spawn().await;
    app.state.clock.set(monday_morning());
    let (v, id, _) = listed_in_austin(&app, "burst@example.com").await;
    let token = v.csrf().await;
    // Twenty different weeks, sent together: each starts on its own hour on Mondays.
    let sends = (0..20u16).map(|i| {
        let mon = format!("{}:00-{}:00", i % 12 + 6, i % 12 + 8);
        let notice = i.to_string();
        let (v, token) = (&v, token.clone());
        async move {
            let fields = [
                ("csrf_token", token.as_str()),
                ("mon", mon.as_str()),
                ("lengths", "60"),
                ("buffer_minutes", "0"),
                ("horizon_days", "60"),
                ("notice_hours", notice.as_str()),
            ];
            (i, v.post_raw("/dashboard/hours", &fields).await.status())
        }
    });
    let answers = futures_util::future::join_all(sends).await;
    assert!(answers.iter().all(|(_, s)| *s == 303), "{answers:?}");
    // Whichever came last, its week and its notice were kept together.
    let kept = schedule::stored(&app.state.db, id)
        .await
        .expect("query")
        .expect("saved");
    let i = kept.notice_hours;
    assert_eq!(kept.week.0[0], vec![((i % 12 + 6) * 60, (i % 12 + 8) * 60)]);
    assert!(kept.week.0[1..].iter().all(Vec::is_empty));
}
