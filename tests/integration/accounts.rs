//! Accounts: sign-up, verification, log-in, sessions, throttling, password reset and
//! change.

use crate::support::{
    TestApp,
    visitor::{Visitor, csrf_in, last_mail, link_in, practitioner},
};

#[tokio::test]
async fn sign_up_verify_log_in_and_out() {
    let app = TestApp::spawn().await;
    let v = Visitor::new(&app);
    let res = v
        .post(
            "/signup",
            &[
                ("email", "Ana@Example.com"),
                ("password", "a long password 1"),
                ("display_name", "Ana Ruiz"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.expect("body").contains("Check your email"));

    let res = v
        .post(
            "/login",
            &[
                ("email", "ana@example.com"),
                ("password", "a long password 1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("Please verify your email first")
    );

    let (subject, body) = last_mail(&app, "ana@example.com").await;
    assert_eq!(subject, "Confirm your email address");
    let link = link_in(&body, "http");
    assert!(link.starts_with("/verify-email?token="), "{link}");
    assert_eq!(v.get(&link).await.status(), 200);
    assert_eq!(
        v.get(&link).await.status(),
        400,
        "a one-time link works once"
    );

    let res = v
        .post(
            "/login",
            &[
                ("email", "ana@example.com"),
                ("password", "a long password 1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let cookies: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().expect("ascii").to_owned())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("tf_session="))
        .expect("session cookie");
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );
    assert!(!session.contains("Secure"), "plain http in tests");
    assert!(v.page("/dashboard").await.contains("Hello, Ana Ruiz"));

    assert_eq!(v.post("/logout", &[]).await.status(), 303);
    let res = v.get("/dashboard").await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login?next=%2Fdashboard");
}

#[tokio::test]
async fn sign_up_refuses_bad_input_and_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let v = Visitor::new(&app);
    let res = v
        .post(
            "/signup",
            &[
                ("email", "not-an-email"),
                ("password", "short"),
                ("display_name", "Ben <b>Chen</b>"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.expect("body");
    assert!(body.contains("Enter an email address like name@example.com."));
    assert!(body.contains("Use at least 10 characters."));
    assert!(body.contains("value=\"not-an-email\""));
    assert!(
        body.contains("Ben &lt;b&gt;Chen&lt;&#x2F;b&gt;")
            || body.contains("Ben &lt;b&gt;Chen&lt;/b&gt;"),
        "escaped"
    );
    assert!(
        !body.contains("value=\"short\""),
        "passwords are never echoed"
    );
}

#[tokio::test]
async fn signing_up_twice_does_not_reveal_the_account() {
    let app = TestApp::spawn().await;
    practitioner(&app, "dup@example.com", "First").await;
    let v = Visitor::new(&app);
    let res = v
        .post(
            "/signup",
            &[
                ("email", "dup@example.com"),
                ("password", "another password"),
                ("display_name", "Second"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.expect("body").contains("Check your email"));
    let (subject, _) = last_mail(&app, "dup@example.com").await;
    assert_eq!(subject, "Someone tried to sign up with your address");
}

#[tokio::test]
async fn log_in_rotates_the_session_and_password_change_ends_the_others() {
    let app = TestApp::spawn().await;
    let laptop = practitioner(&app, "rot@example.com", "Rot").await;
    let phone = Visitor::new(&app);
    assert_eq!(
        phone
            .post(
                "/login",
                &[
                    ("email", "rot@example.com"),
                    ("password", "a long password 1")
                ]
            )
            .await
            .status(),
        303
    );
    assert_eq!(phone.get("/dashboard").await.status(), 200);

    let res = laptop
        .post(
            "/account/password",
            &[
                ("current_password", "a long password 1"),
                ("password", "a new long password"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        laptop.get("/dashboard").await.status(),
        200,
        "this browser stays signed in"
    );
    assert_eq!(
        phone.get("/dashboard").await.status(),
        303,
        "other sessions ended"
    );

    // A session id planted before log-in is replaced, not adopted. The planted cookie
    // also binds the CSRF token, so the form is fetched with it first.
    let attacker = Visitor::new(&app);
    let fixed = "a".repeat(64);
    let planted = format!("tf_session={fixed}; tf_csrf={}", "b".repeat(64));
    let form = attacker
        .client
        .get(format!("{}/login", app.address))
        .header("cookie", &planted)
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    let res = attacker
        .client
        .post(format!("{}/login", app.address))
        .header("cookie", &planted)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "csrf_token={}&email=rot%40example.com&password=a+new+long+password",
            csrf_in(&form)
        ))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 303);
    let issued: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().expect("ascii").to_owned())
        .collect();
    let session = issued
        .iter()
        .find(|c| c.starts_with("tf_session="))
        .expect("new session");
    assert!(
        !session.contains(&fixed),
        "the session id is rotated at log-in"
    );
}

#[tokio::test]
async fn repeated_failures_are_throttled_with_a_clear_message() {
    let app = TestApp::spawn().await;
    let v = practitioner(&app, "slow@example.com", "Slow").await;
    for _ in 0..5 {
        let res = v
            .post(
                "/login",
                &[
                    ("email", "slow@example.com"),
                    ("password", "wrong password!"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        assert!(
            res.text()
                .await
                .expect("body")
                .contains("Email or password is wrong.")
        );
    }
    let res = v
        .post(
            "/login",
            &[
                ("email", "slow@example.com"),
                ("password", "a long password 1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 429);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("Too many failed log-ins for this account")
    );
}

#[tokio::test]
async fn password_reset_by_one_time_link() {
    let app = TestApp::spawn().await;
    let old = practitioner(&app, "forgot@example.com", "Forgetful").await;
    let v = Visitor::new(&app);
    let res = v
        .post("/forgot-password", &[("email", "forgot@example.com")])
        .await;
    assert_eq!(res.status(), 200);
    let res = v
        .post("/forgot-password", &[("email", "nobody@example.com")])
        .await;
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("If an account uses that address"),
        "same answer for unknown addresses"
    );
    let (_, body) = last_mail(&app, "forgot@example.com").await;
    let link = link_in(&body, "http");
    let page = v.page(&link).await;
    let token = link.split("token=").nth(1).expect("token");
    assert!(page.contains(token));
    let res = v
        .post(
            "/reset-password",
            &[("token", token), ("password", "short")],
        )
        .await;
    assert_eq!(
        res.status(),
        422,
        "a weak password is refused and the token stays usable"
    );
    let res = v
        .post(
            "/reset-password",
            &[("token", token), ("password", "brand new password")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login?reset=1");
    assert_eq!(
        old.get("/dashboard").await.status(),
        303,
        "old sessions ended"
    );
    let res = v
        .post(
            "/reset-password",
            &[("token", token), ("password", "another password!")],
        )
        .await;
    assert_eq!(res.status(), 400, "the link works once");
    let res = v
        .post(
            "/login",
            &[
                ("email", "forgot@example.com"),
                ("password", "brand new password"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
}

#[tokio::test]
async fn two_mail_workers_never_handle_the_same_message() {
    use sea_orm::{EntityTrait, PaginatorTrait};
    use therapist_finder::{
        entities::mail,
        mail::{Mailer, deliver_pending, enqueue},
    };

    let app = TestApp::spawn().await;
    for i in 0..40 {
        enqueue(
            &app.state.db,
            &format!("to{i}@example.com"),
            "Hello",
            "A message.",
        )
        .await
        .expect("enqueue");
    }
    let (a, b) = tokio::join!(
        deliver_pending(&app.state.db, &Mailer::Log),
        deliver_pending(&app.state.db, &Mailer::Log),
    );
    // The server's own mail worker may take some of them too; no message is handled
    // by two workers, so the two calls together handle at most all of them.
    let handled = a.expect("first worker") + b.expect("second worker");
    assert!(handled <= 40, "{handled} handlings for 40 messages");
    let logged = mail::Entity::find()
        .all(&app.state.db)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.status == "logged" && m.attempts == 1)
        .count();
    assert_eq!(logged, 40);
    assert_eq!(
        deliver_pending(&app.state.db, &Mailer::Log)
            .await
            .expect("again"),
        0,
        "nothing is handled twice"
    );
    assert_eq!(
        mail::Entity::find().count(&app.state.db).await.expect("n"),
        40
    );
}
