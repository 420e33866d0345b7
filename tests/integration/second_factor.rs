//! Second factors over HTTP: enrolment without JavaScript, the log-in's second step
//! and its five-minute limit, single use of codes, throttling under a burst, the
//! step-up before an admin's decision, and what the header shows to whom.

use std::net::Ipv4Addr;

use chrono::TimeDelta;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use therapist_finder::{
    accounts::factors,
    entities::{audit_log, practitioner},
};
use tokio::task::JoinSet;

use crate::support::{
    TestApp,
    builders::{PractitionerSpec, insert_practitioner},
    visitor::{Visitor, admin_with_app, code_at, code_now, csrf_in, location, practitioner},
};

/// The text between `start` and the next `end` after it.
fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page.find(start).expect(start) + start.len();
    let to = page[from..].find(end).expect(end);
    &page[from..from + to]
}

/// A practitioner turns on an authenticator app from the pages alone; returns the
/// secret and the recovery codes shown.
async fn enrol(app: &TestApp, v: &Visitor) -> (String, Vec<String>) {
    let page = v.page("/account/second-factor/app").await;
    assert!(
        page.contains("<svg role=\"img\""),
        "a QR code drawn on the server"
    );
    assert!(
        page.contains("otpauth://totp/"),
        "the set-up address as text"
    );
    let secret = between(&page, "<p class=\"secret\"><code>", "</code>").replace(' ', "");
    assert_eq!(secret.len(), 32);
    // A wrong code keeps the same secret on the page and turns nothing on.
    let wrong = v
        .post_raw(
            "/account/second-factor/app",
            &[
                ("csrf_token", &csrf_in(&page)),
                ("secret", &secret),
                ("code", "000000"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    assert!(wrong.text().await.expect("body").contains(&secret[..8]));
    let res = v
        .post_raw(
            "/account/second-factor/app",
            &[
                ("csrf_token", &csrf_in(&page)),
                ("secret", &secret),
                ("code", &code_at(app, &secret, -30)),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.expect("body");
    let codes: Vec<String> = page
        .split("<li><code>")
        .skip(1)
        .map(|c| c[..c.find("</code>").expect("end")].to_owned())
        .collect();
    assert_eq!(codes.len(), 10, "ten recovery codes, shown once");
    (secret, codes)
}

async fn log_out(v: &Visitor) {
    assert_eq!(v.post("/logout", &[]).await.status(), 303);
}

async fn password(v: &Visitor, email: &str) -> reqwest::Response {
    v.post(
        "/login",
        &[("email", email), ("password", "a long password 1")],
    )
    .await
}

async fn audit_count(app: &TestApp, action: &str) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .count(&app.state.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn a_practitioner_turns_on_an_app_and_every_log_in_then_asks_for_a_code_once() {
    let app = TestApp::spawn().await;
    app.state
        .clock
        .set(chrono::DateTime::from_timestamp(1_900_000_000, 0).expect("time"));
    let email = "two-step@example.com";
    let v = practitioner(&app, email, "Two Step").await;
    let (secret, _) = enrol(&app, &v).await;
    assert_eq!(audit_count(&app, "second_factor.enrol").await, 1);
    let security = v.page("/account/second-factor").await;
    assert!(security.contains("10 of 10 left"), "{security}");
    log_out(&v).await;

    // The password alone starts no session: the dashboard still sends to log in.
    let res = password(&v, email).await;
    assert_eq!(location(&res), "/login/second-factor");
    let res = v.get("/dashboard").await;
    assert!(location(&res).starts_with("/login?next="), "no session yet");
    let res = v
        .post(
            "/login/second-factor",
            &[("code", &code_now(&app, &secret))],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/dashboard");
    assert_eq!(v.get("/dashboard").await.status(), 200);
    log_out(&v).await;

    // The same code again (same 30 s step) is refused: a code works once.
    password(&v, email).await;
    let res = v
        .post(
            "/login/second-factor",
            &[("code", &code_now(&app, &secret))],
        )
        .await;
    assert_eq!(res.status(), 422, "a replayed code");
    // The next step's code works (one step of drift).
    let res = v
        .post(
            "/login/second-factor",
            &[("code", &code_at(&app, &secret, 30))],
        )
        .await;
    assert_eq!(res.status(), 303);
    log_out(&v).await;

    // A half-finished log-in ends after five minutes, even with a right code.
    password(&v, email).await;
    app.state.clock.advance(TimeDelta::minutes(6));
    let res = v
        .post(
            "/login/second-factor",
            &[("code", &code_now(&app, &secret))],
        )
        .await;
    assert_eq!(location(&res), "/login?expired=1");
    let page = v.page("/login?expired=1").await;
    assert!(page.contains("waited more than 5 minutes"));
    assert!(location(&v.get("/dashboard").await).starts_with("/login?next="));
}

#[tokio::test]
async fn recovery_codes_work_once_and_a_new_set_ends_the_old_one() {
    let app = TestApp::spawn().await;
    let email = "lost-phone@example.com";
    let v = practitioner(&app, email, "Lost Phone").await;
    let (secret, codes) = enrol(&app, &v).await;
    log_out(&v).await;

    password(&v, email).await;
    let spaced = codes[0].to_uppercase().replace('-', " ");
    let res = v.post("/login/second-factor", &[("code", &spaced)]).await;
    assert_eq!(res.status(), 303, "a recovery code, however it is typed");
    assert!(
        v.page("/account/second-factor")
            .await
            .contains("9 of 10 left")
    );
    log_out(&v).await;
    password(&v, email).await;
    let res = v.post("/login/second-factor", &[("code", &codes[0])]).await;
    assert_eq!(res.status(), 422, "used once");
    let res = v.post("/login/second-factor", &[("code", &codes[1])]).await;
    assert_eq!(res.status(), 303);

    // A new set needs a code from the app, and ends the old set.
    let refused = v
        .post(
            "/account/second-factor/recovery-codes",
            &[("code", "123456")],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let res = v
        .post(
            "/account/second-factor/recovery-codes",
            &[("code", &code_at(&app, &secret, 30))],
        )
        .await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.expect("body");
    let new_code = between(&page, "<li><code>", "</code>").to_owned();
    log_out(&v).await;
    password(&v, email).await;
    let res = v.post("/login/second-factor", &[("code", &codes[2])]).await;
    assert_eq!(res.status(), 422, "the old set ended");
    let res = v.post("/login/second-factor", &[("code", &new_code)]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(audit_count(&app, "second_factor.recovery_codes").await, 1);
}

#[tokio::test]
async fn sixty_wrong_codes_at_once_are_throttled_and_the_owner_still_gets_in_from_a_known_browser()
{
    let app = TestApp::spawn().await;
    let email = "burst@example.com";
    let owner = practitioner(&app, email, "Burst Owner").await;
    let (secret, _) = enrol(&app, &owner).await;
    log_out(&owner).await;

    let attacker = Visitor::from_address(&app, Ipv4Addr::new(127, 0, 9, 9));
    assert_eq!(
        location(&password(&attacker, email).await),
        "/login/second-factor"
    );
    let token = attacker.csrf().await;
    let mut burst = JoinSet::new();
    for i in 0..60_u32 {
        let (client, url, token) = (
            attacker.client.clone(),
            format!("{}/login/second-factor", attacker.base()),
            token.clone(),
        );
        burst.spawn(async move {
            client
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!("csrf_token={token}&code={:06}", 100_000 + i))
                .send()
                .await
                .expect("post")
                .status()
                .as_u16()
        });
    }
    let statuses = burst.join_all().await;
    let checked = statuses.iter().filter(|s| **s == 422).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(checked + refused, 60, "{statuses:?}");
    assert!(
        checked <= usize::try_from(factors::PAIR_FAILURES).expect("small"),
        "at most five codes were checked: {checked}"
    );
    // Codes refused in the race leave nothing counted; one at a time, the checks
    // stop at exactly five.
    let mut checked = checked;
    loop {
        let res = attacker
            .post("/login/second-factor", &[("code", "999999")])
            .await;
        match res.status().as_u16() {
            422 => checked += 1,
            429 => break,
            other => panic!("a wrong code answered {other}"),
        }
        assert!(checked <= 5, "more than five wrong codes checked");
    }
    assert_eq!(checked, 5);
    // Even the right code is refused from the attacker's browser now.
    let res = attacker
        .post(
            "/login/second-factor",
            &[("code", &code_now(&app, &secret))],
        )
        .await;
    assert_eq!(res.status(), 429);
    assert_eq!(
        audit_count(&app, "second_factor.fail").await,
        5,
        "every checked wrong code is in the audit log"
    );

    // The owner's own browser, known to the account, still logs in with its code.
    let res = password(&owner, email).await;
    assert_eq!(location(&res), "/login/second-factor");
    let res = owner
        .post(
            "/login/second-factor",
            &[("code", &code_at(&app, &secret, 30))],
        )
        .await;
    assert_eq!(res.status(), 303);
}

#[tokio::test]
async fn a_decision_after_ten_minutes_asks_again_and_goes_on_with_the_form_kept() {
    let app = TestApp::spawn().await;
    app.state
        .clock
        .set(chrono::DateTime::from_timestamp(1_900_000_000, 0).expect("time"));
    let id = insert_practitioner(&app.state.db, &PractitionerSpec::new("step-up")).await;
    let (admin, _, secret) = admin_with_app(&app, "stepper@example.com").await;

    // The header names the admin, links to the admin pages and offers "Log out".
    let overview = admin.page("/admin").await;
    assert!(overview.contains("Signed in as stepper@example.com"));
    assert!(overview.contains("<a href=\"/admin\">Admin</a>"));
    assert!(overview.contains(">Log out</button>"));
    assert!(!overview.contains("For practitioners"));

    app.state.clock.advance(TimeDelta::minutes(11));
    let action = format!("/admin/practitioners/{id}/suspend");
    let res = admin
        .post(&action, &[("reason", "Licence & <b>identity</b> in doubt")])
        .await;
    assert_eq!(res.status(), 403);
    let prompt = res.text().await.expect("body");
    assert!(prompt.contains("Confirm it is you"));
    assert!(
        prompt.contains("value=\"Licence &amp; &lt;b&gt;identity&lt;/b&gt; in doubt\""),
        "the form's content is kept, escaped"
    );
    assert!(prompt.contains(&format!("value=\"{action}\"")));
    let suspended = |app: &TestApp| {
        let db = app.state.db.clone();
        async move {
            practitioner::Entity::find_by_id(id)
                .one(&db)
                .await
                .expect("q")
                .expect("row")
                .suspended_at
                .is_some()
        }
    };
    assert!(!suspended(&app).await, "nothing decided without the check");

    let csrf = csrf_in(&prompt);
    let step_up = |code: String| {
        let (admin, csrf, action) = (&admin, csrf.clone(), action.clone());
        async move {
            admin
                .post_raw(
                    "/account/step-up",
                    &[
                        ("csrf_token", &csrf),
                        ("reason", "Licence & <b>identity</b> in doubt"),
                        ("return_to", &action),
                        ("code", &code),
                    ],
                )
                .await
        }
    };
    let wrong = step_up("000000".into()).await;
    assert_eq!(wrong.status(), 422);
    assert!(
        wrong
            .text()
            .await
            .expect("body")
            .contains("Confirm it is you")
    );
    let res = step_up(code_now(&app, &secret)).await;
    assert_eq!(res.status(), 307, "sent on with its method and body");
    assert_eq!(location(&res), action);
    // What the browser does with a 307: the same form again, to the same place.
    let res = admin
        .post_raw(
            &action,
            &[
                ("csrf_token", &csrf),
                ("reason", "Licence & <b>identity</b> in doubt"),
                ("return_to", &action),
                ("code", &code_now(&app, &secret)),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(suspended(&app).await);

    // Within ten minutes of the check, the next decision goes straight through.
    app.state.clock.advance(TimeDelta::minutes(9));
    let res = admin
        .post(&format!("/admin/practitioners/{id}/unsuspend"), &[])
        .await;
    assert_eq!(res.status(), 303);
    assert!(!suspended(&app).await);
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn admins_keep_their_factor_and_practitioners_see_their_own_header() {
    let app = TestApp::spawn().await;
    let (admin, admin_id, secret) = admin_with_app(&app, "keeper@example.com").await;
    let res = admin
        .post(
            "/account/second-factor/app/delete",
            &[("code", &code_at(&app, &secret, 30))],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("Admins must keep a second factor")
    );
    assert!(factors::of(&app.state.db, admin_id).await.expect("q").totp);

    let v = practitioner(&app, "header@example.com", "Header Owner").await;
    let page = v.page("/").await;
    assert!(page.contains("<a href=\"/dashboard\">Dashboard</a>"));
    assert!(page.contains("Signed in as header@example.com"));
    let res = v.get("/").await;
    assert_eq!(
        res.headers()
            .get("cache-control")
            .and_then(|c| c.to_str().ok()),
        Some("private, no-store"),
        "a page naming its reader is not cached"
    );
    let anonymous = Visitor::new(&app).page("/").await;
    assert!(anonymous.contains("For practitioners"));
    assert!(!anonymous.contains("Signed in as"));

    // A practitioner may turn the app off again, with a code.
    let (secret, _) = enrol(&app, &v).await;
    let res = v
        .post(
            "/account/second-factor/app/delete",
            &[("code", &code_at(&app, &secret, 30))],
        )
        .await;
    assert_eq!(location(&res), "/account/second-factor?done=removed");
    assert_eq!(audit_count(&app, "second_factor.remove").await, 1);
}

/// Fills the invitation page's form: `password`, the page's own secret and a code
/// from it (or `code` when given).
async fn accept(
    v: &Visitor,
    link: &str,
    password: &str,
    code: Option<&str>,
    app: &TestApp,
) -> reqwest::Response {
    let page = v.page(link).await;
    let secret = between(&page, "name=\"secret\" value=\"", "\"").to_owned();
    let token = between(&page, "name=\"token\" value=\"", "\"").to_owned();
    let right = code_at(app, &secret, 0);
    v.post_raw(
        "/admin-invite",
        &[
            ("csrf_token", &csrf_in(&page)),
            ("token", &token),
            ("password", password),
            ("secret", &secret),
            ("code", code.unwrap_or(&right)),
        ],
    )
    .await
}

async fn admins_left(app: &TestApp) -> u64 {
    therapist_finder::entities::user::Entity::find()
        .filter(therapist_finder::entities::user::Column::Role.eq("admin"))
        .count(&app.state.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn an_admin_invites_another_who_joins_through_the_link_and_the_last_admin_stays() {
    let app = TestApp::spawn().await;
    app.state
        .clock
        .set(chrono::DateTime::from_timestamp(1_900_000_000, 0).expect("time"));
    let (first, first_id, _) = admin_with_app(&app, "first@example.com").await;
    assert!(
        first
            .page("/admin/admins")
            .await
            .contains("first@example.com (you)")
    );

    let bad = first
        .post("/admin/admins", &[("email", "not an address")])
        .await;
    assert_eq!(bad.status(), 422);
    let res = first
        .post("/admin/admins", &[("email", "Second@Example.com")])
        .await;
    assert_eq!(location(&res), "/admin/admins?done=invited");
    assert_eq!(audit_count(&app, "admin.invite").await, 1);
    let (subject, body) = crate::support::visitor::last_mail(&app, "second@example.com").await;
    assert!(subject.contains("invited to be an admin"));
    let link = crate::support::visitor::link_in(&body, "http");

    // A short password and a wrong code: both said, nothing changed, the link still works.
    let second = Visitor::new(&app);
    let res = accept(&second, &link, "short", Some("000000"), &app).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.expect("body");
    assert!(page.contains("id=\"password-error\"") && page.contains("id=\"code-error\""));
    let res = accept(&second, &link, "a long admin password", None, &app).await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.expect("body");
    assert_eq!(
        page.matches("<li><code>").count(),
        10,
        "recovery codes, once"
    );
    assert_eq!(
        second.get("/admin").await.status(),
        200,
        "signed in, second factor done"
    );
    assert_eq!(second.get(&link).await.status(), 410, "the link works once");
    assert_eq!(admins_left(&app).await, 2);

    // An invitation older than 72 hours no longer opens.
    first
        .post("/admin/admins", &[("email", "late@example.com")])
        .await;
    let (_, body) = crate::support::visitor::last_mail(&app, "late@example.com").await;
    let late = crate::support::visitor::link_in(&body, "http");
    app.state.clock.advance(TimeDelta::hours(73));
    assert_eq!(Visitor::new(&app).get(&late).await.status(), 410);

    // A lost second factor: another admin resets it, which ends every session.
    app.state.clock.advance(TimeDelta::minutes(1));
    let second_id = therapist_finder::entities::user::Entity::find()
        .filter(therapist_finder::entities::user::Column::Email.eq("second@example.com"))
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("user")
        .id;
    let res = first
        .post(
            &format!("/admin/admins/{second_id}/reset-second-factor"),
            &[],
        )
        .await;
    // The first admin's check is 73 hours old: asked again.
    assert_eq!(res.status(), 403);
    let first_code = code_at(&app, &secret_of(&app, first_id).await, 0);
    let res = first
        .post_raw(
            "/account/step-up",
            &[
                ("csrf_token", &first.csrf().await),
                (
                    "return_to",
                    &format!("/admin/admins/{second_id}/reset-second-factor"),
                ),
                ("code", &first_code),
            ],
        )
        .await;
    assert_eq!(res.status(), 307);
    let res = first
        .post(
            &format!("/admin/admins/{second_id}/reset-second-factor"),
            &[],
        )
        .await;
    assert_eq!(location(&res), "/admin/admins?done=reset");
    assert!(location(&second.get("/admin").await).starts_with("/login?next="));
    let res = second
        .post(
            "/login",
            &[
                ("email", "second@example.com"),
                ("password", "a long admin password"),
            ],
        )
        .await;
    assert_eq!(
        location(&res),
        "/account/second-factor",
        "asked to enrol again"
    );

    // Removing: never oneself, never the last admin, even when two remove each other
    // at once.
    let res = first
        .post(&format!("/admin/admins/{first_id}/remove"), &[])
        .await;
    assert_eq!(res.status(), 422);
    let (third, third_id, _) = admin_with_app(&app, "third@example.com").await;
    let res = first
        .post(&format!("/admin/admins/{second_id}/remove"), &[])
        .await;
    assert_eq!(location(&res), "/admin/admins?done=removed");
    let res = second
        .post(
            "/login",
            &[
                ("email", "second@example.com"),
                ("password", "a long admin password"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422, "a removed admin cannot log in");
    let (remove_third, remove_first) = (
        format!("/admin/admins/{third_id}/remove"),
        format!("/admin/admins/{first_id}/remove"),
    );
    let (a, b) = tokio::join!(
        first.post(&remove_third, &[]),
        third.post(&remove_first, &[]),
    );
    let removed = [&a, &b]
        .iter()
        .filter(|r| location(r) == "/admin/admins?done=removed")
        .count();
    assert_eq!(
        removed,
        1,
        "{} {} / {} {}",
        a.status(),
        location(&a),
        b.status(),
        location(&b)
    );
    assert_eq!(admins_left(&app).await, 1, "one admin stays");
    app.run_pending_jobs().await;
}

/// The stored authenticator secret of a user.
async fn secret_of(app: &TestApp, user_id: i64) -> String {
    therapist_finder::entities::totp_factor::Entity::find_by_id(user_id)
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("factor")
        .secret
}

/// In the browser, with axe on each new page: the first admin invites a second from
/// the admins' page; the second opens the mailed link, reads the secret as text,
/// chooses a password, enters the app's code, keeps the recovery codes and lands on
/// the admin pages.
#[tokio::test]
async fn in_the_browser_a_second_admin_is_invited_and_joins_with_an_app() {
    use fantoccini::Locator;

    use crate::{
        browser::{click, fill, submit, wait_for_h1, wait_for_url},
        support::browser::Browser,
    };

    let app = TestApp::spawn().await;
    let (_, _, secret) = admin_with_app(&app, "lead@example.com").await;
    let browser = Browser::start().await;
    admin_password_in(&browser, &app.address, "lead@example.com").await;
    wait_for_h1(&browser, "Enter your code").await;
    browser.assert_accessible("the log-in's second step").await;
    fill(&browser, "code", &code_at(&app, &secret, 30)).await;
    submit(
        &browser,
        "form.account-form button[type='submit']",
        "/admin",
    )
    .await;
    wait_for_h1(&browser, "Admin").await;
    browser
        .client
        .goto(&app.url("/admin/admins"))
        .await
        .expect("admins");
    wait_for_h1(&browser, "Admins").await;
    browser.assert_accessible("the admins' page").await;
    fill(&browser, "email", "newcomer@example.com").await;
    submit(
        &browser,
        "main form[action='/admin/admins'] button",
        "done=invited",
    )
    .await;
    browser
        .assert_accessible("the admins' page with an invitation")
        .await;
    browser.finish().await;

    let (_, body) = crate::support::visitor::last_mail(&app, "newcomer@example.com").await;
    let link = crate::support::visitor::link_in(&body, "http");
    let browser = Browser::start().await;
    browser.client.goto(&app.url(&link)).await.expect("link");
    wait_for_h1(&browser, "Become an admin").await;
    browser.assert_accessible("the invitation").await;
    let new_secret = browser
        .client
        .find(Locator::Css(".secret code"))
        .await
        .expect("secret as text")
        .text()
        .await
        .expect("text")
        .replace(' ', "");
    fill(&browser, "password", "a newcomer's long password").await;
    fill(&browser, "code", &code_now(&app, &new_secret)).await;
    click(&browser, "form.account-form button[type='submit']").await;
    wait_for_h1(&browser, "Your recovery codes").await;
    click(&browser, "main a.button").await;
    wait_for_url(&browser, "/admin").await;
    wait_for_h1(&browser, "Admin").await;
    let page = browser.client.source().await.expect("source");
    assert!(page.contains("Signed in as newcomer@example.com"));
    browser.finish().await;
    assert_eq!(audit_count(&app, "admin.invite_accepted").await, 1);
}

/// With Chromium's virtual authenticator: an admin adds a passkey on the sign-in
/// security page, logs out, and logs in with the passkey instead of a code.
#[tokio::test]
async fn an_admin_adds_a_passkey_logs_out_and_logs_in_with_it() {
    use crate::{
        browser::{click, fill, submit, wait_for_h1, wait_for_url},
        support::browser::Browser,
    };

    // Passkeys need a domain name: the site is reached as localhost.
    let app = TestApp::spawn_with(|c| {
        c.public_url = url::Url::parse("http://localhost").expect("url");
    })
    .await;
    let (_, admin_id, secret) = admin_with_app(&app, "keyholder@example.com").await;
    let local = app.address.replace("127.0.0.1", "localhost");
    let browser = Browser::start().await;
    browser.add_virtual_authenticator().await;
    admin_password_in(&browser, &local, "keyholder@example.com").await;
    fill(&browser, "code", &code_at(&app, &secret, 30)).await;
    submit(
        &browser,
        "form.account-form button[type='submit']",
        "/admin",
    )
    .await;

    browser
        .client
        .goto(&format!("{local}/account/second-factor"))
        .await
        .expect("security");
    wait_for_h1(&browser, "Sign-in security").await;
    browser
        .assert_accessible("sign-in security with passkeys")
        .await;
    fill(&browser, "passkey-name", "Laptop").await;
    submit(
        &browser,
        "form[data-passkey-create] button[type='submit']",
        "done=passkey",
    )
    .await;
    let page = browser.client.source().await.expect("source");
    assert!(page.contains("Your passkey was added."), "{page}");
    assert!(page.contains("Laptop: added"));
    assert_eq!(
        factors::of(&app.state.db, admin_id)
            .await
            .expect("q")
            .passkeys,
        1
    );

    click(&browser, "header form[action='/logout'] button").await;
    // The home page, by its heading: its address is a prefix of every other one.
    wait_for_h1(
        &browser,
        "Find a clinical massage therapist for back, neck or sciatica pain",
    )
    .await;
    admin_password_in(&browser, &local, "keyholder@example.com").await;
    wait_for_h1(&browser, "Enter your code").await;
    click(&browser, "button[data-passkey-get]").await;
    wait_for_url(&browser, "/admin").await;
    wait_for_h1(&browser, "Admin").await;

    // Eleven minutes later a decision asks again, and the passkey answers.
    let id = insert_practitioner(&app.state.db, &PractitionerSpec::new("keyed")).await;
    app.state.clock.advance(TimeDelta::minutes(11));
    browser
        .client
        .goto(&format!("{local}/admin/practitioners?q=keyed"))
        .await
        .expect("listings");
    fill(&browser, &format!("reason-{id}"), "Checked by passkey").await;
    click(
        &browser,
        &format!("form[action='/admin/practitioners/{id}/suspend'] button"),
    )
    .await;
    wait_for_h1(&browser, "Confirm it is you").await;
    click(&browser, "button[data-passkey-get]").await;
    wait_for_h1(&browser, "Listings").await;
    let suspended = practitioner::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("row");
    assert_eq!(
        suspended.suspended_reason.as_deref(),
        Some("Checked by passkey")
    );
    browser.finish().await;
    app.run_pending_jobs().await;
    let used = therapist_finder::entities::passkey::Entity::find()
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("passkey");
    assert!(used.last_used_at.is_some(), "the log-in used the passkey");
}

/// An account with a second factor adds another only with a recent check, so a
/// stolen session cannot plant a passkey of its own.
#[tokio::test]
async fn another_factor_is_added_only_within_ten_minutes_of_a_check() {
    let app = TestApp::spawn_with(|c| {
        c.public_url = url::Url::parse("http://localhost").expect("url");
    })
    .await;
    app.state
        .clock
        .set(chrono::DateTime::from_timestamp(1_900_000_000, 0).expect("time"));
    let v = practitioner(&app, "planted@example.com", "Planted").await;
    enrol(&app, &v).await;
    let res = v.post("/account/passkeys/options", &[]).await;
    assert_eq!(res.status(), 200, "just enrolled: a fresh check");
    let options: serde_json::Value = res.json().await.expect("options");
    assert!(options["publicKey"]["challenge"].is_string());
    app.state.clock.advance(TimeDelta::minutes(11));
    let res = v.post("/account/passkeys/options", &[]).await;
    assert_eq!(res.status(), 403);
    let res = v
        .post(
            "/account/passkeys",
            &[("name", "Planted"), ("credential", "{}")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("Adding another second factor needs your current one checked")
    );
}

/// In the browser at `base`, an admin's password, up to the log-in's second step.
async fn admin_password_in(browser: &crate::support::browser::Browser, base: &str, email: &str) {
    use crate::browser::{fill, submit};

    browser
        .client
        .goto(&format!("{base}/login"))
        .await
        .expect("login");
    fill(browser, "email", email).await;
    fill(browser, "password", "an admin password").await;
    submit(
        browser,
        "form.account-form button[type='submit']",
        "/login/second-factor",
    )
    .await;
}
