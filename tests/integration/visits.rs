//! Visits: a time asked for with no account, confirmed by email, held, answered from
//! the inbox, moved and cancelled through one-time links, with the invites read by an
//! independent calendar parser from mail received by a real SMTP server. The clock is
//! set by each test; nothing sleeps to reach a time.

use chrono::TimeDelta;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use therapist_finder::{config::Secret, entities::visit, visits};

use crate::{
    hours::{listed_in_austin, monday_morning, save_chicago_hours},
    support::{
        TestApp,
        smtp::{SmtpServer, deliver},
        visitor::{Visitor, link_in},
    },
};

/// Tuesday, December 8, 2026, 9:00 in Austin, as the picker and the API send it.
const TUESDAY_NINE: &str = "2026-12-08T09:00:00-06:00";
/// Thursday, December 10, 2026, 9:00 in Austin.
const THURSDAY_NINE: &str = "2026-12-10T09:00:00-06:00";

/// Weekday mornings, 9:00–12:00, in sessions of 30 or 60 minutes.
fn mornings() -> therapist_finder::schedule::Week {
    let morning = vec![(9 * 60, 12 * 60)];
    therapist_finder::schedule::Week([
        morning.clone(),
        morning.clone(),
        morning.clone(),
        morning.clone(),
        morning,
        Vec::new(),
        Vec::new(),
    ])
}

/// A server that sends mail through `smtp`, trusts one proxy (so tests can speak from
/// many addresses), with the clock on Monday morning and a practitioner in Austin with
/// weekday mornings; returns the app, the practitioner's visitor and the slug.
async fn practice(smtp: Option<&SmtpServer>, email: &str) -> (TestApp, Visitor, i64, String) {
    let url = smtp.map(|s| s.url.clone());
    let app = TestApp::spawn_with(move |config| {
        config.smtp_url = url.map(Secret::from);
        config.trusted_proxy_hops = 1;
    })
    .await;
    app.state.clock.set(monday_morning());
    let (v, id, slug) = listed_in_austin(&app, email).await;
    save_chicago_hours(&app, id, mornings(), &[30, 60], 0).await;
    (app, v, id, slug)
}

/// Asks for a time through the API from `address`; the status and body.
async fn ask(app: &TestApp, slug: &str, body: &Value, address: &str) -> (u16, Value) {
    let res = app
        .client
        .post(app.url(&format!("/api/v1/practitioners/{slug}/requests")))
        .header("x-forwarded-for", address)
        .json(body)
        .send()
        .await
        .expect("request");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn request_body(email: &str, start: &str) -> Value {
    json!({"start": start, "minutes": 60, "name": "Bo Li", "email": email, "note": "First visit"})
}

/// The starts the slots API offers on one day.
async fn offered(app: &TestApp, slug: &str, day: &str) -> Vec<(String, u64)> {
    let body: Value = app
        .get(&format!(
            "/api/v1/practitioners/{slug}/slots?from={day}&days=1"
        ))
        .await
        .json()
        .await
        .expect("json");
    body["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .map(|s| {
            (
                s["start"].as_str().expect("start").to_owned(),
                s["minutes"].as_u64().expect("minutes"),
            )
        })
        .collect()
}

/// The path of the first link to a visit page in a mail's text.
fn visit_link(mail: &Value) -> String {
    link_in(mail["text"].as_str().expect("text part"), "http")
}

async fn visits_of(app: &TestApp, id: i64) -> Vec<visit::Model> {
    visit::Entity::find()
        .filter(visit::Column::PractitionerId.eq(id))
        .all(&app.state.db)
        .await
        .expect("visits")
}

#[tokio::test]
async fn a_time_is_picked_confirmed_accepted_moved_and_cancelled_with_invites_through_real_mail() {
    let smtp = SmtpServer::start();
    let (app, pv, id, slug) = practice(Some(&smtp), "ana@example.com").await;

    // The picker on the profile.
    let client = Visitor::new(&app);
    let profile = client.page(&format!("/p/{slug}")).await;
    assert!(
        profile.contains(&format!("value=\"{TUESDAY_NINE}\"")),
        "picker offers 9:00"
    );
    let res = client
        .post(
            &format!("/p/{slug}/request"),
            &[
                ("start", TUESDAY_NINE),
                ("minutes", "60"),
                ("name", "Bo Li"),
                ("email", "Bo@Example.com"),
                ("note", "Low back, mornings suit me"),
                ("website", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.expect("page").contains("Check your email"));
    // Nothing is held, and the practitioner sees nothing, until the email is confirmed.
    assert!(
        offered(&app, &slug, "2026-12-08")
            .await
            .contains(&(TUESDAY_NINE.into(), 60))
    );
    assert!(!pv.page("/dashboard/inbox").await.contains("Bo Li"));

    deliver(&app).await;
    let confirm = smtp.last("bo@example.com", "Confirm your visit request");
    assert!(confirm["from"].as_str().expect("from").contains('@'));
    assert!(confirm["date"].is_string(), "a Date header");
    assert!(
        confirm["html"]
            .as_str()
            .expect("an HTML part")
            .contains("<a href=\"http")
    );
    assert!(confirm["calendars"].as_array().expect("parts").is_empty());
    assert!(
        !confirm["text"].as_str().expect("text").contains("Low back"),
        "the note stays out of mail"
    );
    let link = visit_link(&confirm);
    let page = client.page(&link).await;
    assert!(
        page.contains("Confirm my request"),
        "looking confirms nothing"
    );
    let res = client.post(&format!("{link}/confirm"), &[]).await;
    assert_eq!(res.status(), 200);
    assert!(
        res.text()
            .await
            .expect("page")
            .contains("Your time is held")
    );
    let again = client.post(&format!("{link}/confirm"), &[]).await;
    assert_eq!(again.status(), 410, "a confirmation link works once");

    // Held: the time is gone from the open times, and overlapping starts with it.
    let tuesday = offered(&app, &slug, "2026-12-08").await;
    assert!(
        !tuesday.iter().any(|(s, _)| s == TUESDAY_NINE),
        "{tuesday:?}"
    );
    assert!(!tuesday.contains(&("2026-12-08T09:30:00-06:00".into(), 60)));
    assert!(tuesday.contains(&("2026-12-08T10:00:00-06:00".into(), 60)));

    deliver(&app).await;
    smtp.last("ana@example.com", "New visit request");
    let inbox = pv.page("/dashboard/inbox").await;
    assert!(inbox.contains("Bo Li") && inbox.contains("Waiting for your answer"));
    assert!(
        inbox.contains("Low back, mornings suit me"),
        "the note, in the inbox only"
    );
    let held = visits_of(&app, id).await.remove(0);
    assert_eq!(held.status, "held");
    assert_eq!(held.email.as_deref(), Some("bo@example.com"));
    let res = pv
        .post(&format!("/dashboard/visits/{}/accept", held.id), &[])
        .await;
    assert_eq!(res.status(), 303);

    deliver(&app).await;
    for to in ["bo@example.com", "ana@example.com"] {
        let booked = smtp.last(to, "Visit confirmed");
        assert!(booked["html"].is_string() && booked["text"].is_string());
        let cal = &booked["calendars"][0];
        assert_eq!(cal["content_type_method"], "REQUEST");
        assert_eq!(cal["method"], "REQUEST");
        assert_eq!(cal["timezones"], json!(["America/Chicago"]));
        let event = &cal["events"][0];
        assert_eq!(event["uid"], held.uid.as_str());
        assert_eq!(event["sequence"], 0);
        assert_eq!(event["tzid"], "America/Chicago");
        assert_eq!(event["start"], TUESDAY_NINE);
        assert_eq!(event["end"], "2026-12-08T10:00:00-06:00");
        assert_eq!(event["location"], "100 Congress Ave, Austin, TX");
        assert_eq!(event["status"], "CONFIRMED");
    }

    // The client moves the visit through the link in the confirmation.
    let link = visit_link(&smtp.last("bo@example.com", "Visit confirmed"));
    let page = client.page(&link).await;
    assert!(page.contains("Move the visit") && page.contains("Cancel the visit"));
    let res = client
        .post(
            &format!("{link}/move"),
            &[("start", "2026-12-10T09:00:00-06:00"), ("minutes", "30")],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(
        res.text()
            .await
            .expect("page")
            .contains("The visit is moved")
    );
    let reused = client
        .post(
            &format!("{link}/move"),
            &[("start", "2026-12-10T10:00:00-06:00"), ("minutes", "30")],
        )
        .await;
    assert_eq!(reused.status(), 410, "a used link acts once");
    assert!(
        offered(&app, &slug, "2026-12-08")
            .await
            .contains(&(TUESDAY_NINE.into(), 60))
    );

    deliver(&app).await;
    let moved = smtp.last("ana@example.com", "Visit moved");
    let event = &moved["calendars"][0]["events"][0];
    assert_eq!(event["uid"], held.uid.as_str(), "the same UID");
    assert_eq!(event["sequence"], 1, "an update");
    assert_eq!(event["start"], "2026-12-10T09:00:00-06:00");
    assert_eq!(event["end"], "2026-12-10T09:30:00-06:00");

    // The practitioner cancels through their link in the update.
    let link = visit_link(&moved);
    let res = pv.post(&format!("{link}/cancel"), &[]).await;
    assert_eq!(res.status(), 200);
    deliver(&app).await;
    for to in ["bo@example.com", "ana@example.com"] {
        let cancelled = smtp.last(to, "Visit cancelled");
        let cal = &cancelled["calendars"][0];
        assert_eq!(cal["content_type_method"], "CANCEL");
        assert_eq!(cal["method"], "CANCEL");
        assert_eq!(cal["events"][0]["uid"], held.uid.as_str());
        assert_eq!(cal["events"][0]["sequence"], 2);
        assert_eq!(cal["events"][0]["status"], "CANCELLED");
    }
    assert!(
        offered(&app, &slug, "2026-12-10")
            .await
            .contains(&("2026-12-10T09:00:00-06:00".into(), 30))
    );
}

#[tokio::test]
async fn fifty_people_asking_for_one_time_at_once_end_with_one_hold() {
    let (app, _pv, id, slug) = practice(None, "fifty@example.com").await;
    let asks = (0..50).map(|i| {
        let app = &app;
        let slug = &slug;
        async move {
            ask(
                app,
                slug,
                &request_body(&format!("person{i}@example.com"), TUESDAY_NINE),
                &format!("198.51.100.{i}"),
            )
            .await
        }
    });
    let answers = futures_util::future::join_all(asks).await;
    for (status, body) in &answers {
        assert_eq!(*status, 202, "{body}");
        assert_eq!(body["status"], "awaiting_confirmation");
    }
    // Every person confirms at once.
    let links: Vec<String> = therapist_finder::entities::mail::Entity::find()
        .all(&app.state.db)
        .await
        .expect("mail")
        .into_iter()
        .filter(|m| m.subject == "Confirm your visit request")
        .map(|m| link_in(&m.body, "http"))
        .collect();
    assert_eq!(links.len(), 50);
    // Each with a form token already, so the fifty posts leave together.
    let mut people = Vec::new();
    for i in 0..links.len() {
        let v = Visitor::from_address(&app, std::net::Ipv4Addr::new(127, 0, 1, i as u8 + 1));
        let token = v.csrf().await;
        people.push((v, token));
    }
    let confirms = links
        .iter()
        .zip(&people)
        .map(|(link, (v, token))| async move {
            v.post_raw(&format!("{link}/confirm"), &[("csrf_token", token)])
                .await
                .status()
                .as_u16()
        });
    let statuses = futures_util::future::join_all(confirms).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        49,
        "{statuses:?}"
    );
    let rows = visits_of(&app, id).await;
    assert_eq!(rows.iter().filter(|v| v.status == "held").count(), 1);
    assert_eq!(rows.iter().filter(|v| v.status == "taken").count(), 49);
    assert!(
        !offered(&app, &slug, "2026-12-08")
            .await
            .iter()
            .any(|(s, _)| s == TUESDAY_NINE)
    );
}

#[tokio::test]
async fn one_email_never_has_more_than_three_requests_waiting() {
    let (app, _pv, id, slug) = practice(None, "three@example.com").await;
    // Fifty at once from fifty addresses: ten people asking for five times each.
    let starts: Vec<String> = offered(&app, &slug, "2026-12-08")
        .await
        .into_iter()
        .chain(offered(&app, &slug, "2026-12-09").await)
        .filter(|(_, minutes)| *minutes == 60)
        .map(|(s, _)| s)
        .collect();
    let asks = (0..50).map(|i| {
        let (app, slug, start) = (&app, &slug, starts[i % 5].clone());
        async move {
            let email = format!("person{}@example.com", i / 5);
            let body = request_body(&email, &start);
            (
                email,
                ask(app, slug, &body, &format!("203.0.113.{i}")).await.0,
            )
        }
    });
    let answers = futures_util::future::join_all(asks).await;
    assert!(
        answers.iter().all(|(_, s)| [202, 409, 429].contains(s)),
        "{answers:?}"
    );
    let rows = visits_of(&app, id).await;
    for person in 0..10 {
        let email = format!("person{person}@example.com");
        let waiting = rows
            .iter()
            .filter(|v| v.email.as_deref() == Some(&email))
            .count();
        let accepted = answers
            .iter()
            .filter(|(e, s)| *e == email && *s == 202)
            .count();
        assert!(waiting <= 3, "{email}: {waiting} waiting");
        assert_eq!(waiting, accepted, "{email}: each 202 is one request stored");
    }

    // One at a time, on a fresh email: three pass, the fourth is told why.
    for (i, start) in starts.iter().take(3).enumerate() {
        let (status, body) = ask(
            &app,
            &slug,
            &request_body("one@example.com", start),
            &format!("192.0.2.{i}"),
        )
        .await;
        assert_eq!(status, 202, "{body}");
    }
    let (status, body) = ask(
        &app,
        &slug,
        &request_body("ONE@example.com", &starts[3]),
        "192.0.2.9",
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error"]["code"], "conflict");
    assert!(
        body["error"]["message"]
            .as_str()
            .expect("message")
            .contains("3 requests waiting")
    );
}

#[tokio::test]
async fn a_held_time_opens_again_after_24_hours_without_an_answer() {
    let (app, _pv, id, slug) = practice(None, "lapse@example.com").await;
    let (status, _) = ask(
        &app,
        &slug,
        &request_body("bo@example.com", THURSDAY_NINE),
        "192.0.2.1",
    )
    .await;
    assert_eq!(status, 202);
    let m = therapist_finder::entities::mail::Entity::find()
        .filter(therapist_finder::entities::mail::Column::ToAddress.eq("bo@example.com"))
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("mail");
    let client = Visitor::new(&app);
    let res = client
        .post(&format!("{}/confirm", link_in(&m.body, "http")), &[])
        .await;
    assert_eq!(res.status(), 200);
    assert!(
        !offered(&app, &slug, "2026-12-10")
            .await
            .iter()
            .any(|(s, _)| s == THURSDAY_NINE)
    );

    app.state.clock.advance(TimeDelta::hours(23));
    assert!(
        !offered(&app, &slug, "2026-12-10")
            .await
            .iter()
            .any(|(s, _)| s == THURSDAY_NINE)
    );
    let upkeep = visits::upkeep::run(&app.state.db, app.state.clock.now(), &app.state.public_url)
        .await
        .expect("upkeep");
    assert!(upkeep.lapsed.is_empty(), "not yet");

    app.state.clock.advance(TimeDelta::hours(1));
    // Open again at once, before any housekeeping has run: the hold's end is read.
    assert!(
        offered(&app, &slug, "2026-12-10")
            .await
            .contains(&(THURSDAY_NINE.into(), 60))
    );
    let upkeep = visits::upkeep::run(&app.state.db, app.state.clock.now(), &app.state.public_url)
        .await
        .expect("upkeep");
    assert_eq!(upkeep.lapsed, vec![id]);
    assert_eq!(visits_of(&app, id).await[0].status, "expired");
    let (subject, _) = crate::support::visitor::last_mail(&app, "bo@example.com").await;
    assert_eq!(subject, "Your request lapsed");
    let again = visits::upkeep::run(&app.state.db, app.state.clock.now(), &app.state.public_url)
        .await
        .expect("upkeep");
    assert!(again.lapsed.is_empty(), "told once");
}

#[tokio::test]
async fn bad_requests_are_refused_at_their_field_and_store_nothing() {
    let (app, _pv, id, slug) = practice(None, "bad@example.com").await;
    let cases = [
        (
            json!({"start": "2026-12-08T09:15:00-06:00", "minutes": 60, "name": "Bo", "email": "bo@example.com"}),
            "start",
            "not open",
        ),
        (
            json!({"start": "2026-12-12T09:00:00-06:00", "minutes": 60, "name": "Bo", "email": "bo@example.com"}),
            "start",
            "not open",
        ),
        (
            json!({"start": TUESDAY_NINE, "minutes": 90, "name": "Bo", "email": "bo@example.com"}),
            "minutes",
            "30, 60",
        ),
        (
            json!({"start": "2026-12-07T06:00:00-06:00", "minutes": 60, "name": "Bo", "email": "bo@example.com"}),
            "start",
            "passed",
        ),
        (
            json!({"start": "2026-12-07T09:00:00-06:00", "minutes": 60, "name": "Bo", "email": "bo@example.com"}),
            "start",
            "not open",
        ),
        (
            json!({"start": TUESDAY_NINE, "minutes": 60, "name": "Bo", "email": "bo@example"}),
            "email",
            "name@example.com",
        ),
        (
            json!({"start": "next tuesday", "minutes": 60, "name": "Bo", "email": "bo@example.com"}),
            "start",
            "open times",
        ),
        (
            json!({"start": TUESDAY_NINE, "minutes": 60, "name": "Bo\u{0}\u{7}", "email": "bo@example.com"}),
            "name",
            "name",
        ),
        (
            json!({"start": TUESDAY_NINE, "minutes": 60, "name": "Bo", "email": "bo@example.com", "note": "x".repeat(1001)}),
            "note",
            "1000",
        ),
    ];
    for (i, (body, field, words)) in cases.iter().enumerate() {
        let (status, answer) = ask(&app, &slug, body, &format!("192.0.2.{i}")).await;
        assert_eq!(status, 422, "{body} → {answer}");
        let message = answer["error"]["fields"][field]
            .as_str()
            .unwrap_or_default();
        assert!(message.contains(words), "{field}: {answer}");
    }
    let (status, _) = ask(
        &app,
        "nobody-here",
        &request_body("bo@example.com", TUESDAY_NINE),
        "192.0.2.50",
    )
    .await;
    assert_eq!(status, 404);
    let res = app
        .client
        .post(app.url(&format!("/api/v1/practitioners/{slug}/requests")))
        .header("content-type", "application/json")
        .body("{\"start\": 5")
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 400);
    assert!(visits_of(&app, id).await.is_empty(), "nothing stored");

    // The page keeps what was typed and names the field.
    let client = Visitor::new(&app);
    let res = client
        .post(
            &format!("/p/{slug}/request"),
            &[
                ("start", TUESDAY_NINE),
                ("minutes", "60"),
                ("name", "Bo Li"),
                ("email", "bo@"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.expect("page");
    assert!(page.contains("id=\"booking-email-error\""));
    assert!(
        page.contains(&format!("value=\"{TUESDAY_NINE}\" checked")),
        "the choice kept"
    );
    assert!(page.contains("value=\"Bo Li\""));
    assert!(visits_of(&app, id).await.is_empty(), "nothing stored");

    // A link that names nothing.
    let res = client.get(&format!("/visits/{}", "a".repeat(64))).await;
    assert_eq!(res.status(), 404);
    let res = client.get("/visits/not-a-token").await;
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn only_the_practitioner_answers_and_a_reminder_goes_out_once_the_day_before() {
    let (app, pv, id, slug) = practice(None, "own@example.com").await;
    let (status, _) = ask(
        &app,
        &slug,
        &request_body("bo@example.com", TUESDAY_NINE),
        "192.0.2.1",
    )
    .await;
    assert_eq!(status, 202);
    let (_, body) = crate::support::visitor::last_mail(&app, "bo@example.com").await;
    let client = Visitor::new(&app);
    assert_eq!(
        client
            .post(&format!("{}/confirm", link_in(&body, "http")), &[])
            .await
            .status(),
        200
    );
    let held = visits_of(&app, id).await.remove(0);

    // Someone else: a stranger is sent to log in, another practitioner finds nothing.
    let stranger = Visitor::new(&app);
    let res = stranger
        .post(&format!("/dashboard/visits/{}/accept", held.id), &[])
        .await;
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .expect("location")
            .starts_with("/login")
    );
    let other = crate::support::visitor::practitioner(&app, "other@example.com", "Other One").await;
    let res = other
        .post(&format!("/dashboard/visits/{}/accept", held.id), &[])
        .await;
    assert_eq!(res.status(), 404);
    assert_eq!(visits_of(&app, id).await[0].status, "held");

    // A proposal instead; the client takes it.
    let res = pv
        .post(
            &format!("/dashboard/visits/{}/propose", held.id),
            &[("start", "2026-12-09T11:00:00-06:00"), ("minutes", "60")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (subject, body) = crate::support::visitor::last_mail(&app, "bo@example.com").await;
    assert_eq!(subject, "Another time proposed");
    let twice = pv
        .post(&format!("/dashboard/visits/{}/accept", held.id), &[])
        .await;
    assert_eq!(twice.status(), 410, "a proposal waits for the client");
    let link = link_in(&body, "http");
    assert!(client.page(&link).await.contains("Take this time"));
    assert_eq!(
        client.post(&format!("{link}/take"), &[]).await.status(),
        200
    );
    let booked = visits_of(&app, id).await.remove(0);
    assert_eq!(booked.status, "accepted");
    assert_eq!(booked.start_at.to_rfc3339(), "2026-12-09T17:00:00+00:00");

    // The private feed carries it; a new address ends the old one.
    let page = pv
        .post("/dashboard/calendar-feed", &[])
        .await
        .text()
        .await
        .expect("page");
    let shown = &page[page.find("feed-url").expect("feed shown")..];
    let feed = link_in(&shown[..shown.find("</code>").expect("end")], "http");
    let ics = app.get(&feed).await;
    assert_eq!(ics.status(), 200);
    assert!(
        ics.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/calendar")
    );
    let ics = ics.text().await.expect("ics");
    assert!(ics.contains(&format!("UID:{}", booked.uid)));
    assert!(ics.contains("DTSTART;TZID=America/Chicago:20261209T110000"));
    pv.post("/dashboard/calendar-feed", &[]).await;
    assert_eq!(app.get(&feed).await.status(), 404, "the old address ended");

    // The day before, one reminder, however often housekeeping runs.
    let run = || visits::upkeep::run(&app.state.db, app.state.clock.now(), &app.state.public_url);
    assert_eq!(run().await.expect("upkeep").reminded, 0, "two days ahead");
    app.state.clock.set(booked.start_at - TimeDelta::hours(20));
    assert_eq!(run().await.expect("upkeep").reminded, 1);
    assert_eq!(run().await.expect("upkeep").reminded, 0);
    let (subject, body) = crate::support::visitor::last_mail(&app, "bo@example.com").await;
    assert_eq!(subject, "Your visit tomorrow");
    assert!(
        body.contains("Wednesday, December 9 at 11:00 AM CST"),
        "{body}"
    );
}

#[tokio::test]
async fn on_a_phone_a_visit_is_picked_confirmed_accepted_moved_and_reported() {
    use crate::{
        browser::{click, fill, wait_for_h1},
        support::browser::{Browser, Window},
    };
    let smtp = SmtpServer::start();
    let (app, pv, _, slug) = practice(Some(&smtp), "phone@example.com").await;
    let browser = Browser::start_with(Window::PHONE).await;

    browser
        .client
        .goto(&app.url(&format!("/p/{slug}")))
        .await
        .expect("profile");
    click(&browser, "label[for='t-20261208-0900']").await;
    click(&browser, "input[name='minutes'][value='60']").await;
    fill(&browser, "booking-name", "Bo Li").await;
    fill(&browser, "booking-email", "bo@example.com").await;
    fits_a_phone(&browser, "the time picker").await;
    click(&browser, "form.time-picker button[type='submit']").await;
    wait_for_h1(&browser, "Check your email").await;

    deliver(&app).await;
    let link = visit_link(&smtp.last("bo@example.com", "Confirm your visit request"));
    browser
        .client
        .goto(&app.url(&link))
        .await
        .expect("confirm page");
    fits_a_phone(&browser, "the confirmation page").await;
    click(&browser, "form[action$='/confirm'] button").await;
    wait_for_h1(&browser, "Your time is held").await;

    // The practitioner accepts from the inbox, in the same phone.
    crate::browser::log_in(
        &browser,
        &app,
        "phone@example.com",
        "a long password 1",
        "/dashboard",
    )
    .await;
    browser
        .client
        .goto(&app.url("/dashboard/inbox"))
        .await
        .expect("inbox");
    fits_a_phone(&browser, "the inbox with a request").await;
    click(&browser, "form[action$='/accept'] button").await;
    // The inbox comes back with the visit booked (the page before it had the same title).
    page_with(&browser, "Booked.").await;

    deliver(&app).await;
    let booked = smtp.last("bo@example.com", "Visit confirmed");
    let event = &booked["calendars"][0]["events"][0];
    assert_eq!(event["start"], TUESDAY_NINE);
    assert_eq!(event["tzid"], "America/Chicago");
    let uid = event["uid"].clone();

    // The client moves it from the link in the confirmation.
    browser
        .client
        .goto(&app.url(&visit_link(&booked)))
        .await
        .expect("visit page");
    fits_a_phone(&browser, "a booked visit with its move form").await;
    click(&browser, "label[for='t-20261210-1000']").await;
    click(&browser, "input[name='minutes'][value='30']").await;
    click(&browser, "form[action$='/move'] button").await;
    wait_for_h1(&browser, "The visit is moved").await;
    fits_a_phone(&browser, "the moved message").await;
    deliver(&app).await;
    let moved = &smtp.last("bo@example.com", "Visit moved")["calendars"][0];
    assert_eq!(moved["method"], "REQUEST");
    assert_eq!(moved["events"][0]["uid"], uid);
    assert_eq!(moved["events"][0]["sequence"], 1);
    assert_eq!(moved["events"][0]["start"], "2026-12-10T10:00:00-06:00");

    // The day after, the client reports on the visit.
    app.state.clock.advance(TimeDelta::days(5));
    let asked = visits::upkeep::run(&app.state.db, app.state.clock.now(), &app.state.public_url)
        .await
        .expect("upkeep");
    assert_eq!(asked.asked, 1);
    deliver(&app).await;
    let ask = smtp.last("bo@example.com", "How was your visit?");
    browser
        .client
        .goto(&app.url(&visit_link(&ask)))
        .await
        .expect("report page");
    fits_a_phone(&browser, "the report form").await;
    for (select, value) in [
        ("pain_before", "7"),
        ("pain_now", "3"),
        ("region", "low_back"),
    ] {
        click(
            &browser,
            &format!("select#{select} option[value='{value}']"),
        )
        .await;
    }
    for name in ["pressure_right", "consent_explained", "would_return"] {
        click(&browser, &format!("input[name='{name}'][value='yes']")).await;
    }
    click(&browser, "form.report-form button[type='submit']").await;
    // The page that answers has the same heading as the form's; its notice tells them apart.
    let page = page_with(&browser, "Your report is in").await;
    assert!(page.contains("Pain before: 7 of 10; pain now: 3 of 10"));
    fits_a_phone(&browser, "the report sent").await;

    // Nine more clients book, come and report: the profile shows nothing at nine
    // reports and the count at ten.
    let mut links = Vec::new();
    for (i, day) in ["14", "15", "16"].iter().enumerate() {
        for hour in ["09", "10", "11"] {
            let email = format!("later{i}{hour}@example.com");
            let start = format!("2026-12-{day}T{hour}:00:00-06:00");
            book(
                &app,
                &pv,
                &slug,
                &email,
                &start,
                &format!("198.51.100.{i}{hour}"),
            )
            .await;
            links.push(email);
        }
    }
    app.state.clock.advance(TimeDelta::days(6));
    let asked = visits::upkeep::run(&app.state.db, app.state.clock.now(), &app.state.public_url)
        .await
        .expect("upkeep");
    assert_eq!(asked.asked, 9);
    let mut report_links = Vec::new();
    for email in &links {
        let (_, body) = crate::support::visitor::last_mail(&app, email).await;
        report_links.push(link_in(&body, "http"));
    }
    for (i, link) in report_links.iter().take(8).enumerate() {
        let comment = if i == 0 {
            "Careful and clear about everything."
        } else {
            ""
        };
        let res = send_report(&app, link, &report_fields("7", "3", comment), 10 + i as u8).await;
        assert_eq!(res.status(), 200);
    }
    let profile = app.url(&format!("/p/{slug}"));
    browser.client.goto(&profile).await.expect("profile");
    let page = page_with(&browser, "Open times").await;
    assert!(
        !page.contains("What clients reported"),
        "nine reports show nothing"
    );
    let res = send_report(&app, &report_links[8], &report_fields("5", "3", ""), 30).await;
    assert_eq!(res.status(), 200);
    browser.client.goto(&profile).await.expect("profile");
    page_with(
        &browser,
        "Low back: 10 reports; median pain down 4.0 points",
    )
    .await;
    fits_a_phone(&browser, "a profile with client-reported outcomes").await;
    let res = Visitor::new(&app)
        .post(
            &format!("{}/safety", report_links[1]),
            &[("what", "The room was cold.")],
        )
        .await;
    assert_eq!(res.status(), 200);
    browser.finish().await;

    // The admins' queue, on a phone too.
    let (_, _, secret) =
        crate::support::visitor::admin_with_app(&app, "phone-admin@example.com").await;
    let browser = Browser::start_with(Window::PHONE).await;
    crate::browser::log_in(
        &browser,
        &app,
        "phone-admin@example.com",
        "an admin password",
        "/login/second-factor",
    )
    .await;
    // The next step's code: this step's was used by the other log-in.
    let code = crate::support::visitor::code_at(&app, &secret, 30);
    fill(&browser, "code", &code).await;
    crate::browser::submit(
        &browser,
        "form.account-form button[type='submit']",
        "/admin",
    )
    .await;
    browser
        .client
        .goto(&app.url("/admin/client-reports"))
        .await
        .expect("queue");
    let page = page_with(&browser, "Careful and clear about everything.").await;
    assert!(page.contains("The room was cold."));
    fits_a_phone(&browser, "the admins' queue of client reports").await;
    click(&browser, "form[action$='/approve'] button").await;
    page_with(&browser, "None waiting.").await;
    browser.finish().await;
    let profile = app
        .get(&format!("/p/{slug}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(profile.contains("Careful and clear about everything."));
    assert!(
        !profile.contains("The room was cold."),
        "safety reports stay private"
    );
}

/// Checks the page fits a phone's width and has no serious or critical axe finding.
async fn fits_a_phone(browser: &crate::support::browser::Browser, page: &str) {
    let (wide, page_width, viewport) = browser.overflowing().await;
    assert!(
        wide.is_empty() && page_width <= viewport,
        "{page} at 390 px: {page_width} > {viewport}: {wide:#?}"
    );
    browser.assert_accessible(page).await;
}

/// The page's source once it holds `text`: the browser is asked again until it does
/// (a page that answers a form may share its heading with the form's page).
async fn page_with(browser: &crate::support::browser::Browser, text: &str) -> String {
    let mut source = String::new();
    for _ in 0..200 {
        source = browser.client.source().await.unwrap_or_default();
        if source.contains(text) {
            return source;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the page never showed {text:?}: {source}");
}

/// Books `start` for `email` from `address`: asked through the API, confirmed through
/// the mailed link, accepted by the practitioner.
async fn book(app: &TestApp, pv: &Visitor, slug: &str, email: &str, start: &str, address: &str) {
    let (status, body) = ask(app, slug, &request_body(email, start), address).await;
    assert_eq!(status, 202, "{body}");
    let (_, mail) = crate::support::visitor::last_mail(app, email).await;
    let client = Visitor::new(app);
    let res = client
        .post(&format!("{}/confirm", link_in(&mail, "http")), &[])
        .await;
    assert_eq!(res.status(), 200, "{start} confirmed");
    let id = visit::Entity::find()
        .filter(visit::Column::Email.eq(email))
        .filter(visit::Column::Status.eq("held"))
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("held")
        .id;
    let res = pv
        .post(&format!("/dashboard/visits/{id}/accept"), &[])
        .await;
    assert_eq!(res.status(), 303);
}

fn report_fields(before: &str, now: &str, comment: &str) -> Vec<(&'static str, String)> {
    vec![
        ("pain_before", before.to_owned()),
        ("pain_now", now.to_owned()),
        ("region", "low_back".to_owned()),
        ("pressure_right", "yes".to_owned()),
        ("consent_explained", "yes".to_owned()),
        ("would_return", "yes".to_owned()),
        ("comment", comment.to_owned()),
    ]
}

async fn send_report(
    app: &TestApp,
    link: &str,
    fields: &[(&'static str, String)],
    address: u8,
) -> reqwest::Response {
    let v = Visitor::from_address(app, std::net::Ipv4Addr::new(127, 0, 2, address));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    v.post(&format!("{link}/report"), &fields).await
}

#[tokio::test]
async fn clients_report_after_their_visits_and_the_profile_counts_them_from_ten() {
    let (app, pv, id, slug) = practice(None, "counted@example.com").await;
    let mut starts = Vec::new();
    for day in 8..=11 {
        for hour in [9, 10, 11] {
            starts.push(format!("2026-12-{day:02}T{hour:02}:00:00-06:00"));
        }
    }
    for (i, start) in starts.iter().take(11).enumerate() {
        let email = format!("client{i}@example.com");
        book(&app, &pv, &slug, &email, start, &format!("198.51.100.{i}")).await;
    }
    // The practitioner books one for themself, from their own account's email.
    book(
        &app,
        &pv,
        &slug,
        "counted@example.com",
        &starts[11],
        "198.51.100.99",
    )
    .await;

    // Before the visits nothing is asked; the day after the last, every client is.
    let run = || visits::upkeep::run(&app.state.db, app.state.clock.now(), &app.state.public_url);
    assert_eq!(run().await.expect("upkeep").asked, 0);
    app.state.clock.advance(TimeDelta::days(6));
    assert_eq!(run().await.expect("upkeep").asked, 12);
    assert_eq!(run().await.expect("upkeep").asked, 0, "asked once");
    let mut links = Vec::new();
    for i in 0..11 {
        let (subject, body) =
            crate::support::visitor::last_mail(&app, &format!("client{i}@example.com")).await;
        assert_eq!(subject, "How was your visit?");
        links.push(link_in(&body, "http"));
    }
    let (_, own) = crate::support::visitor::last_mail(&app, "counted@example.com").await;
    let own_link = link_in(&own, "http");

    // Bad answers are refused at their fields, and nothing is stored.
    let mut bad = report_fields("11", "3", &"x".repeat(1001));
    bad[2].1 = "elbow_of_nowhere".into();
    bad[3].1 = String::new();
    let res = send_report(&app, &links[0], &bad, 200).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.expect("page");
    for field in ["pain_before", "region", "pressure_right", "comment"] {
        assert!(page.contains(&format!("id=\"{field}-error\"")), "{field}");
    }

    // Nine reports: no figures yet.
    for (i, link) in links.iter().take(9).enumerate() {
        let comment = if i == 0 {
            "Bo here: my back is far better."
        } else {
            ""
        };
        // Reports 7 and 8 come from one address.
        let address = if i == 8 { 7 } else { i as u8 };
        let res = send_report(&app, link, &report_fields("7", "3", comment), address).await;
        assert_eq!(res.status(), 200, "report {i}");
    }
    let twice = send_report(&app, &links[0], &report_fields("7", "2", ""), 0).await;
    assert_eq!(twice.status(), 410, "one report per visit");
    // The practitioner's own report is flagged, not counted.
    assert_eq!(
        send_report(&app, &own_link, &report_fields("9", "0", ""), 77)
            .await
            .status(),
        200
    );
    let profile = app
        .get(&format!("/p/{slug}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(
        !profile.contains("What clients reported"),
        "nine counted reports show nothing"
    );

    // The tenth shows the count and the median change.
    let res = send_report(&app, &links[9], &report_fields("6", "3", ""), 9).await;
    assert_eq!(res.status(), 200);
    let profile = app
        .get(&format!("/p/{slug}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(
        profile.contains(
            "Low back: 10 reports; median pain down 4.0 points out of 10; 100% would go back."
        ),
        "ten reports"
    );
    assert!(
        !profile.contains("far better"),
        "the comment waits for an admin"
    );

    // Many reports from one address are flagged too: a third from address 7.
    assert_eq!(
        send_report(&app, &links[10], &report_fields("8", "8", ""), 7)
            .await
            .status(),
        200
    );
    let profile = app
        .get(&format!("/p/{slug}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(profile.contains("Low back: 10 reports"), "still ten");

    // The admins' queue: the comment, two flagged reports; decisions are audited.
    let (admin, _) = crate::support::visitor::admin(&app, "queue-admin@example.com").await;
    assert_eq!(pv.get("/admin/client-reports").await.status(), 403);
    let queue = admin.page("/admin/client-reports").await;
    assert!(queue.contains("far better"));
    assert!(queue.contains("own account email"), "{queue}");
    assert!(queue.contains("One of several reports from one address"));
    let comment_id = therapist_finder::entities::visit_report::Entity::find()
        .filter(therapist_finder::entities::visit_report::Column::CommentStatus.eq("pending"))
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("pending comment")
        .id;
    let res = admin
        .post(&format!("/admin/client-reports/{comment_id}/approve"), &[])
        .await;
    assert_eq!(res.status(), 303);
    let again = admin
        .post(&format!("/admin/client-reports/{comment_id}/reject"), &[])
        .await;
    assert_eq!(again.status(), 410, "decided once");
    let audit = admin.page("/admin/audit").await;
    assert!(audit.contains("comment.approve"));
    let profile = app
        .get(&format!("/p/{slug}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(profile.contains("Bo here: my back is far better."));
    assert!(profile.contains("B. L."), "initials only");
    assert!(!profile.contains("Bo Li"), "never the name");

    // The practitioner answers once; another practitioner cannot.
    let other = crate::support::visitor::practitioner(&app, "rival@example.com", "Rival").await;
    let res = other
        .post(
            &format!("/dashboard/comments/{comment_id}/reply"),
            &[("reply", "Not mine")],
        )
        .await;
    assert_eq!(res.status(), 410);
    let res = pv
        .post(
            &format!("/dashboard/comments/{comment_id}/reply"),
            &[("reply", "Glad to hear it.")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = pv
        .post(
            &format!("/dashboard/comments/{comment_id}/reply"),
            &[("reply", "Again")],
        )
        .await;
    assert_eq!(res.status(), 410, "once");
    let profile = app
        .get(&format!("/p/{slug}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(profile.contains("Glad to hear it.") && !profile.contains("Again"));

    // A private safety report reaches the admins and never the profile.
    let v = Visitor::new(&app);
    let res = v
        .post(
            &format!("{}/safety", links[1]),
            &[("what", "Draping was not respected.")],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(
        res.text()
            .await
            .expect("page")
            .contains("never shown on the site")
    );
    assert!(
        admin
            .page("/admin/client-reports")
            .await
            .contains("Draping was not respected.")
    );
    let profile = app
        .get(&format!("/p/{slug}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(!profile.contains("Draping"));

    // A client deletes their report through the same link: nine again, nothing shown.
    let res = Visitor::new(&app)
        .post(&format!("{}/report/delete", links[3]), &[])
        .await;
    assert_eq!(res.status(), 200);
    let profile = app
        .get(&format!("/p/{slug}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(!profile.contains("reports; median pain"), "nine counted");

    // Two years on, names and emails are erased; the reports stay, anonymous.
    app.state.clock.advance(TimeDelta::days(731));
    let done = run().await.expect("upkeep");
    assert_eq!(done.erased, 12);
    let rows = visits_of(&app, id).await;
    assert!(
        rows.iter()
            .all(|v| v.name.is_none() && v.email.is_none() && v.note.is_none())
    );
    let profile = app
        .get(&format!("/p/{slug}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(profile.contains("Bo here: my back is far better.") && profile.contains("B. L."));
}

#[tokio::test]
async fn a_report_sent_many_times_at_once_is_stored_once_and_safety_reports_are_capped() {
    let (app, pv, id, slug) = practice(None, "race@example.com").await;
    book(
        &app,
        &pv,
        &slug,
        "bo@example.com",
        TUESDAY_NINE,
        "192.0.2.1",
    )
    .await;
    app.state.clock.advance(TimeDelta::days(3));
    let done = visits::upkeep::run(&app.state.db, app.state.clock.now(), &app.state.public_url)
        .await
        .expect("upkeep");
    assert_eq!(done.asked, 1);
    let (_, body) = crate::support::visitor::last_mail(&app, "bo@example.com").await;
    let link = link_in(&body, "http");

    // Ten submissions of one report at once, each with its own form token.
    let fields = report_fields("6", "2", "Good");
    let mut senders = Vec::new();
    for i in 0..10u8 {
        let v = Visitor::from_address(&app, std::net::Ipv4Addr::new(127, 0, 3, i + 1));
        let token = v.csrf().await;
        senders.push((v, token));
    }
    let sends = senders.iter().map(|(v, token)| {
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
        let path = format!("{link}/report");
        async move { v.post_raw(&path, &all).await.status().as_u16() }
    });
    let statuses = futures_util::future::join_all(sends).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 410).count(),
        9,
        "{statuses:?}"
    );
    let stored = therapist_finder::entities::visit_report::Entity::find()
        .all(&app.state.db)
        .await
        .expect("reports");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].practitioner_id, id);

    // Safety reports: a few per visit, then a plain refusal.
    let v = Visitor::new(&app);
    for _ in 0..visits::reports::SAFETY_PER_VISIT {
        let res = v
            .post(&format!("{link}/safety"), &[("what", "It hurt.")])
            .await;
        assert_eq!(res.status(), 200);
    }
    let res = v
        .post(&format!("{link}/safety"), &[("what", "Again")])
        .await;
    assert_eq!(res.status(), 410);
    let empty = v.post(&format!("{link}/safety"), &[("what", "  ")]).await;
    assert_eq!(
        empty.status(),
        422,
        "an empty report is refused at its field"
    );
}

#[tokio::test]
async fn a_time_asked_for_in_spanish_brings_the_clients_mail_in_spanish() {
    let smtp = SmtpServer::start();
    let (app, pv, _, slug) = practice(Some(&smtp), "sol@example.com").await;
    let client = Visitor::new(&app);
    let profile = client.page(&format!("/p/{slug}?lang=es")).await;
    assert!(profile.contains("Horarios libres") && profile.contains("Pedir este horario"));
    let wrong = client
        .post(
            &format!("/p/{slug}/request"),
            &[
                ("start", TUESDAY_NINE),
                ("minutes", "60"),
                ("name", "Rosa Díaz"),
                ("email", "rosa at example"),
                ("website", ""),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    assert!(
        wrong
            .text()
            .await
            .expect("page")
            .contains("Escriba una dirección de correo como nombre@ejemplo.com."),
        "the field says so in Spanish"
    );
    let res = client
        .post(
            &format!("/p/{slug}/request"),
            &[
                ("start", TUESDAY_NINE),
                ("minutes", "60"),
                ("name", "Rosa Díaz"),
                ("email", "rosa@example.com"),
                ("website", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    deliver(&app).await;
    let confirm = smtp.last("rosa@example.com", "Confirme su solicitud de visita");
    let text = confirm["text"].as_str().expect("text");
    assert!(
        text.contains("Usted pidió una visita de 60 minutos")
            && text.contains("el martes, 8 de diciembre, a las 9:00 AM CST")
            && text.contains(".\n\nConfirme su solicitud con este enlace"),
        "{text}"
    );
    // Confirming holds the time; the client hears in Spanish, the practitioner in the
    // dashboard's language.
    let link = visit_link(&confirm);
    let page = client.page(&link).await;
    assert!(page.contains("Su visita con") && page.contains("Confirmar mi solicitud"));
    let res = client.post(&format!("{link}/confirm"), &[]).await;
    assert_eq!(res.status(), 200);
    let held = res.text().await.expect("page");
    assert!(held.contains("Su horario está reservado") && held.contains("<html lang=\"es\">"));
    deliver(&app).await;
    let held = smtp.last("rosa@example.com", "Su horario está reservado");
    assert!(held["text"].as_str().expect("text").contains("hasta el"));
    assert!(pv.page("/dashboard/inbox").await.contains("Rosa Díaz"));
    let practitioner_mail = smtp.last("sol@example.com", "New visit request");
    assert!(
        practitioner_mail["text"]
            .as_str()
            .expect("text")
            .contains("Rosa Díaz asks")
    );
}
