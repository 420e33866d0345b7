//! The site as an attacker tries it: raced and distributed log-in guessing, lock-outs,
//! open redirects, sign-up and reset floods, forged CSRF pairs, old reset links,
//! security headers, and an authorization and CSRF matrix over every declared route.

use std::net::Ipv4Addr;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use therapist_finder::{
    app,
    auth::{Access, Surface},
    entities::{mail, rate_event, user},
};
use tokio::task::JoinSet;

use crate::support::{
    TestApp,
    builders::{PractitionerSpec, insert_practitioner},
    visitor::{Visitor, admin, csrf_in, last_mail, link_in, location, practitioner},
};

const PASSWORD: &str = "a long password 1";

async fn try_login(v: &Visitor, email: &str, password: &str) -> u16 {
    v.post("/login", &[("email", email), ("password", password)])
        .await
        .status()
        .as_u16()
}

async fn mails_to(app: &TestApp, to: &str) -> u64 {
    mail::Entity::find()
        .filter(mail::Column::ToAddress.eq(to))
        .count(&app.state.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn wrong_passwords_fired_at_once_are_checked_at_most_five_times() {
    let app = TestApp::spawn().await;
    practitioner(&app, "raced@example.com", "Raced").await;
    let v = Visitor::new(&app);
    let token = v.csrf().await;
    let mut attempts = JoinSet::new();
    for _ in 0..120 {
        let client = v.client.clone();
        let url = app.url("/login");
        let body =
            format!("csrf_token={token}&email=raced%40example.com&password=wrong+password%21");
        attempts.spawn(async move {
            client
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .expect("post")
                .status()
                .as_u16()
        });
    }
    let statuses = attempts.join_all().await;
    let checked = statuses.iter().filter(|s| **s == 422).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(checked + refused, 120, "only 422 or 429: {statuses:?}");
    assert!(
        checked <= 5,
        "{checked} passwords were checked; the limit is 5"
    );
    let recorded = rate_event::Entity::find()
        .filter(rate_event::Column::Bucket.starts_with("login:pair:raced@example.com:"))
        .count(&app.state.db)
        .await
        .expect("count");
    assert_eq!(recorded, checked as u64, "refused attempts leave no rows");
    // Racing may refuse early (over-counting), never late: the rest of the five
    // failures are still allowed one by one, and then even the right password waits.
    for _ in checked..5 {
        assert_eq!(
            try_login(&v, "raced@example.com", "wrong password!").await,
            422
        );
    }
    assert_eq!(try_login(&v, "raced@example.com", PASSWORD).await, 429);
}

#[tokio::test]
async fn guessing_from_one_address_does_not_lock_out_the_owner_or_an_admin() {
    let app = TestApp::spawn().await;
    practitioner(&app, "owner@example.com", "Owner").await;
    admin(&app, "boss@example.com").await;
    let attacker = Visitor::from_address(&app, Ipv4Addr::new(127, 0, 0, 2));
    for email in ["owner@example.com", "boss@example.com"] {
        for _ in 0..5 {
            assert_eq!(try_login(&attacker, email, "guess guess guess").await, 422);
        }
        assert_eq!(
            try_login(&attacker, email, "guess guess guess").await,
            429,
            "the attacker's address is stopped"
        );
    }
    let owner = Visitor::from_address(&app, Ipv4Addr::new(127, 0, 0, 3));
    assert_eq!(try_login(&owner, "owner@example.com", PASSWORD).await, 303);
    let boss = Visitor::from_address(&app, Ipv4Addr::new(127, 0, 0, 3));
    assert_eq!(
        try_login(&boss, "boss@example.com", "an admin password").await,
        303
    );
}

#[tokio::test]
async fn guessing_from_many_addresses_leaves_known_browsers_able_to_log_in() {
    let app = TestApp::spawn().await;
    // The owner's laptop has logged in before, so it holds a trusted-device cookie.
    let laptop = practitioner(&app, "target@example.com", "Target").await;
    assert_eq!(laptop.post("/logout", &[]).await.status(), 303);
    // Ten addresses, five wrong guesses each, use up the account's 50; an eleventh
    // address is refused without a password check.
    for host in 10..20 {
        let bot = Visitor::from_address(&app, Ipv4Addr::new(127, 0, 1, host));
        for _ in 0..5 {
            assert_eq!(
                try_login(&bot, "target@example.com", "guess guess guess").await,
                422
            );
        }
    }
    let bot = Visitor::from_address(&app, Ipv4Addr::new(127, 0, 1, 20));
    assert_eq!(
        try_login(&bot, "target@example.com", "guess guess guess").await,
        429
    );
    let stranger = Visitor::from_address(&app, Ipv4Addr::new(127, 0, 2, 1));
    let res = stranger
        .post(
            "/login",
            &[("email", "target@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        res.status(),
        429,
        "a new browser waits while the attack lasts"
    );
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("only accepts log-ins from browsers it knows")
    );
    assert_eq!(
        try_login(&laptop, "target@example.com", PASSWORD).await,
        303,
        "the owner's known browser still gets in"
    );

    // A password reset proves the stranger reads the account's mail, and trusts it.
    stranger
        .post("/forgot-password", &[("email", "target@example.com")])
        .await;
    let (_, body) = last_mail(&app, "target@example.com").await;
    let link = link_in(&body, "http");
    let token = link.split("token=").nth(1).expect("token");
    let res = stranger
        .post(
            "/reset-password",
            &[("token", token), ("password", "a fresh long password")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        try_login(&stranger, "target@example.com", "a fresh long password").await,
        303
    );
}

#[tokio::test]
async fn only_same_site_paths_are_followed_after_log_in() {
    let app = TestApp::spawn().await;
    practitioner(&app, "next@example.com", "Next").await;
    for (next, expected) in [
        ("%2F%09%2Fevil.example", "/dashboard"),
        ("%2F%0A%2Fevil.example", "/dashboard"),
        ("%2F%0D", "/dashboard"),
        ("%2F%0B", "/dashboard"),
        ("%2F%5Cevil.example", "/dashboard"),
        ("%2F%2Fevil.example", "/dashboard"),
        ("https%3A%2F%2Fevil.example", "/dashboard"),
        ("%2Fdashboard%2Ftraining", "/dashboard/training"),
    ] {
        let v = Visitor::new(&app);
        let page = v.get(&format!("/login?next={next}")).await;
        assert_eq!(page.status(), 200, "GET with next={next}");
        let res = v
            .post(
                &format!("/login?next={next}"),
                &[("email", "next@example.com"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(res.status(), 303, "next={next}");
        assert_eq!(res.headers()["location"], expected, "next={next}");
    }
}

#[tokio::test]
async fn sign_up_and_password_reset_floods_are_limited() {
    let app = TestApp::spawn().await;
    let flood = Visitor::from_address(&app, Ipv4Addr::new(127, 0, 0, 7));
    let mut statuses = Vec::new();
    for i in 0..14 {
        let email = format!("flood{i}@example.com");
        let res = flood
            .post(
                "/signup",
                &[
                    ("email", &email),
                    ("password", PASSWORD),
                    ("display_name", "Flood"),
                ],
            )
            .await;
        statuses.push(res.status().as_u16());
    }
    assert_eq!(statuses[..10], [200; 10], "{statuses:?}");
    assert_eq!(statuses[10..], [429; 4], "{statuses:?}");
    assert_eq!(
        user::Entity::find()
            .count(&app.state.db)
            .await
            .expect("count"),
        10
    );
    assert_eq!(
        mail::Entity::find()
            .count(&app.state.db)
            .await
            .expect("count"),
        10
    );
    let elsewhere = Visitor::from_address(&app, Ipv4Addr::new(127, 0, 0, 8));
    let res = elsewhere
        .post(
            "/signup",
            &[
                ("email", "calm@example.com"),
                ("password", PASSWORD),
                ("display_name", "Calm"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200, "other addresses can still sign up");

    // Resets: three per email address an hour, five per client address.
    let asker = Visitor::from_address(&app, Ipv4Addr::new(127, 0, 0, 9));
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let res = asker
            .post("/forgot-password", &[("email", "flood0@example.com")])
            .await;
        statuses.push(res.status().as_u16());
    }
    assert_eq!(statuses, [200, 200, 200, 429, 429]);
    let resets = mail::Entity::find()
        .filter(mail::Column::ToAddress.eq("flood0@example.com"))
        .filter(mail::Column::Subject.eq("Reset your password"))
        .count(&app.state.db)
        .await
        .expect("count");
    assert_eq!(resets, 3);
    let other = Visitor::from_address(&app, Ipv4Addr::new(127, 0, 0, 10));
    let mut statuses = Vec::new();
    for i in 1..8 {
        let res = other
            .post(
                "/forgot-password",
                &[("email", &format!("flood{i}@example.com"))],
            )
            .await;
        statuses.push(res.status().as_u16());
    }
    assert_eq!(statuses, [200, 200, 200, 200, 200, 429, 429]);
    assert!(
        mails_to(&app, "flood6@example.com").await == 1,
        "only the sign-up mail"
    );
}

#[tokio::test]
async fn csrf_tokens_are_bound_to_the_session_and_forged_pairs_are_refused() {
    let app = TestApp::spawn().await;
    let v = practitioner(&app, "bound@example.com", "Bound").await;
    let forged = "c".repeat(64);

    // A pair planted by an attacker (the same value as cookie and field) is refused,
    // before and after log-in.
    let stranger = Visitor::new(&app);
    stranger.plant_cookie(&format!("tf_csrf={forged}"));
    let res = stranger
        .post_raw(
            "/login",
            &[
                ("csrf_token", &forged),
                ("email", "bound@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), 403);
    v.plant_cookie(&format!("tf_csrf={forged}"));
    let res = v
        .post_raw(
            "/dashboard/availability",
            &[("csrf_token", &forged), ("accepting", "no")],
        )
        .await;
    assert_eq!(res.status(), 403);

    // One visitor's token does not work for another, and a new session has a new token.
    let other = practitioner(&app, "other@example.com", "Other").await;
    let mine = v.csrf().await;
    assert_ne!(mine, other.csrf().await);
    let res = other
        .post_raw(
            "/dashboard/availability",
            &[("csrf_token", &mine), ("accepting", "yes")],
        )
        .await;
    assert_eq!(res.status(), 403, "a token from another session");
    assert_eq!(v.post("/logout", &[]).await.status(), 303);
    assert_eq!(try_login(&v, "bound@example.com", PASSWORD).await, 303);
    let res = v
        .post_raw(
            "/dashboard/availability",
            &[("csrf_token", &mine), ("accepting", "yes")],
        )
        .await;
    assert_eq!(res.status(), 403, "a token from the previous session");
    let res = v
        .post("/dashboard/availability", &[("accepting", "yes")])
        .await;
    assert_eq!(res.status(), 303, "the current session's token works");
    // Every job the test caused runs, and succeeds.
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn a_password_reset_ends_every_other_reset_link() {
    let app = TestApp::spawn().await;
    practitioner(&app, "links@example.com", "Links").await;
    let v = Visitor::new(&app);
    let mut tokens = Vec::new();
    for _ in 0..2 {
        v.post("/forgot-password", &[("email", "links@example.com")])
            .await;
        let (_, body) = last_mail(&app, "links@example.com").await;
        let link = link_in(&body, "http");
        tokens.push(link.split("token=").nth(1).expect("token").to_owned());
    }
    let res = v
        .post(
            "/reset-password",
            &[("token", &tokens[1]), ("password", "the newest password")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = v
        .post(
            "/reset-password",
            &[
                ("token", &tokens[0]),
                ("password", "an older link's password"),
            ],
        )
        .await;
    assert_eq!(res.status(), 400, "the older link no longer works");
    assert_eq!(
        try_login(&v, "links@example.com", "the newest password").await,
        303
    );
}

fn assert_security_headers(res: &reqwest::Response, what: &str) {
    let h = res.headers();
    let csp = h
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("{what}: no CSP"));
    for part in [
        "default-src 'self'",
        "script-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "object-src 'none'",
    ] {
        assert!(csp.contains(part), "{what}: CSP lacks {part}: {csp}");
    }
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    assert_eq!(h["x-frame-options"], "DENY", "{what}");
    assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
    assert!(
        h.contains_key("referrer-policy"),
        "{what}: no Referrer-Policy"
    );
}

#[tokio::test]
async fn every_page_type_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    insert_practitioner(&app.state.db, &PractitionerSpec::new("headers-one")).await;
    let anonymous = Visitor::new(&app);
    for path in [
        "/",
        "/search?near=Austin%2C+TX",
        "/questionnaire",
        "/match?regions=low_back&duration=chronic&pain=5&pressure=medium&goal=clinical&near=78701&radius=25",
        "/p/headers-one",
        "/login",
        "/signup",
        "/forgot-password",
        "/no-such-page",
        "/static/style.css",
        "/healthz",
        "/api/v1/practitioners?near=78701",
        "/api/v1/nothing-here",
        "/api/openapi.json",
    ] {
        let res = anonymous.get(path).await;
        assert!(res.status().as_u16() < 500, "{path}");
        assert_security_headers(&res, path);
        assert!(
            !res.headers().contains_key("strict-transport-security"),
            "{path}: plain http"
        );
    }
    let v = practitioner(&app, "hdr@example.com", "Hdr").await;
    for path in ["/dashboard", "/dashboard/profile", "/dashboard/licences"] {
        assert_security_headers(&v.get(path).await, path);
    }
    let (a, _) = admin(&app, "hdr-admin@example.com").await;
    for path in ["/admin", "/admin/licences", "/admin/audit"] {
        assert_security_headers(&a.get(path).await, path);
    }
    let res = anonymous
        .get("/match?regions=low_back&duration=chronic&pain=5&pressure=medium&goal=clinical&near=78701&radius=25")
        .await;
    assert_eq!(
        res.headers()["referrer-policy"],
        "no-referrer",
        "pages with answers keep their stricter policy"
    );
}

#[tokio::test]
async fn over_https_cookies_are_host_only_and_hsts_is_sent() {
    let app = TestApp::spawn_with(|c| {
        c.public_url = "https://directory.example".parse().expect("url");
    })
    .await;
    let res = Visitor::new(&app).get("/login").await;
    assert_security_headers(&res, "/login over https");
    assert_eq!(
        res.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
    let cookie = res.headers()["set-cookie"].to_str().expect("ascii");
    assert!(
        cookie.starts_with("__Host-tf_csrf=")
            && cookie.contains("Secure")
            && cookie.contains("Path=/"),
        "{cookie}"
    );
}

/// A concrete path for a route pattern.
fn concrete(path: &str) -> String {
    path.replace("{slug}", "some-slug")
        .replace("{section}", "basics")
        .replace("{outcome}", "resolve")
        .replace("{code}", "TX")
        .replace("{file}", "style.css")
        .replace("{id}", "1")
}

async fn send(v: &Visitor, method: &axum::http::Method, path: &str) -> reqwest::Response {
    let url = v_url(v, path);
    if method == axum::http::Method::GET {
        v.client.get(url).send().await.expect("get")
    } else {
        v.client
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body("x=1")
            .send()
            .await
            .expect("post")
    }
}

fn v_url(v: &Visitor, path: &str) -> String {
    format!("{}{path}", v.base())
}

/// Posts to `path` without a valid token, urlencoded and as multipart, optionally with
/// a forged cookie and field pair; returns both statuses.
async fn post_without_token(v: &Visitor, path: &str, forged: Option<&str>) -> [u16; 2] {
    let url = v_url(v, path);
    if let Some(f) = forged {
        v.plant_cookie(&format!("tf_csrf={f}"));
    }
    let field = forged.unwrap_or("");
    let form = v
        .client
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf_token={field}&reason=x&method=board_lookup"));
    let boundary = "XBOUNDARYX";
    let multipart = v
        .client
        .post(&url)
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{field}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"jurisdiction\"\r\n\r\nTX\r\n--{boundary}--\r\n"
        ));
    [
        form.send().await.expect("post").status().as_u16(),
        multipart.send().await.expect("post").status().as_u16(),
    ]
}

#[tokio::test]
async fn every_declared_route_enforces_its_access_and_every_form_its_csrf_token() {
    let app = TestApp::spawn().await;
    let routes = app::route_list();
    assert!(
        routes.len() > 50,
        "the list is the router's own: {}",
        routes.len()
    );
    let anonymous = Visitor::new(&app);
    let practitioner_v = practitioner(&app, "matrix@example.com", "Matrix").await;
    let (admin_v, _) = admin(&app, "matrix-admin@example.com").await;
    // An admin who has not set up a second factor yet: password only.
    therapist_finder::accounts::create_admin(
        &app.state.db,
        "matrix-unenrolled@example.com",
        "an admin password",
    )
    .await
    .expect("admin");
    let unenrolled = Visitor::new(&app);
    let res = unenrolled
        .post(
            "/login",
            &[
                ("email", "matrix-unenrolled@example.com"),
                ("password", "an admin password"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/account/second-factor");

    for route in &routes {
        let path = concrete(&route.path);
        let what = format!("{} {}", route.method, route.path);

        // Anonymous visitors reach only public routes.
        let res = send(&anonymous, &route.method, &path).await;
        let status = res.status().as_u16();
        match (route.access, route.surface) {
            (Access::Public, _) => assert!(
                status < 500 && status != 401 && !is_login_redirect(&res),
                "{what}: public, got {status}"
            ),
            (_, Surface::Page) => assert!(is_login_redirect(&res), "{what}: got {status}"),
            (_, Surface::Api) => {
                assert_eq!(status, 401, "{what}");
                let body: serde_json::Value = res.json().await.expect("envelope");
                assert_eq!(body["error"]["code"], "unauthorized", "{what}");
            }
        }

        // Practitioners are refused admin routes, and an admin without a second factor
        // is sent to set one up (pages) or refused (API).
        if matches!(route.access, Access::Admin | Access::Decision) {
            let status = send(&practitioner_v, &route.method, &path).await.status();
            assert_eq!(status, 403, "{what} as a practitioner");
            let res = send(&unenrolled, &route.method, &path).await;
            match route.surface {
                Surface::Page => assert!(
                    res.status() == 303
                        && location(&res).starts_with("/account/second-factor?next="),
                    "{what} as an admin without a second factor: {} {}",
                    res.status(),
                    location(&res)
                ),
                Surface::Api => assert_eq!(res.status(), 403, "{what} without a second factor"),
            }
        }

        // Every page form refuses a post without the visitor's own token, and a forged
        // pair, whichever encoding it is sent in; no encoding gets through.
        if route.method == axum::http::Method::POST {
            match route.surface {
                Surface::Api => assert_eq!(
                    route.access,
                    Access::Public,
                    "{what}: an API write would need CSRF protection; API posts take no cookie authority"
                ),
                Surface::Page => {
                    let v = match route.access {
                        Access::Public => &anonymous,
                        Access::Practitioner => &practitioner_v,
                        Access::Admin | Access::Decision => &admin_v,
                    };
                    for forged in [None, Some("d".repeat(64))] {
                        let statuses = post_without_token(v, &path, forged.as_deref()).await;
                        assert!(
                            statuses.contains(&403)
                                && statuses.iter().all(|s| *s == 403 || *s == 400),
                            "{what} (forged pair: {}): {statuses:?}",
                            forged.is_some()
                        );
                    }
                }
            }
        }
    }
}

fn is_login_redirect(res: &reqwest::Response) -> bool {
    res.status() == 303
        && res
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .is_some_and(|l| l.starts_with("/login?next="))
}

#[test]
fn routes_are_added_only_through_the_route_table() {
    fn visit(dir: &std::path::Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                visit(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.ends_with("auth/gate.rs")
                // Its own server on METRICS_BIND, never merged into the site's router
                // (the metrics test checks that the site answers 404 there).
                && !path.ends_with("app/metrics.rs")
            {
                let text = std::fs::read_to_string(&path).expect("read");
                for needle in [".route(", ".route_service(", ".nest_service("] {
                    if text.contains(needle) {
                        found.push(format!("{} uses {needle}", path.display()));
                    }
                }
            }
        }
    }
    let mut found = Vec::new();
    visit(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    assert!(
        found.is_empty(),
        "every route must be declared with its access in a RouteTable: {found:?}"
    );
}

#[tokio::test]
async fn the_form_token_on_a_page_is_the_one_the_server_accepts() {
    let app = TestApp::spawn().await;
    let v = practitioner(&app, "page-token@example.com", "Page Token").await;
    let page = v.page("/dashboard").await;
    let token = csrf_in(&page);
    let res = v
        .post_raw(
            "/dashboard/availability",
            &[("csrf_token", &token), ("accepting", "yes")],
        )
        .await;
    assert_eq!(res.status(), 303);
    // Every job the test caused runs, and succeeds.
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn a_form_field_given_twice_is_refused_and_saves_nothing() {
    let app = TestApp::spawn().await;
    let v = practitioner(&app, "twice@example.com", "Twice").await;
    let res = v
        .post(
            "/dashboard/availability",
            &[("accepting", "yes"), ("accepting", "no")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let p = therapist_finder::entities::practitioner::Entity::find()
        .filter(therapist_finder::entities::practitioner::Column::DisplayName.eq("Twice"))
        .one(&app.state.db)
        .await
        .expect("q")
        .expect("row");
    assert_eq!(p.accepting_new_clients, None, "nothing was saved");
}

#[tokio::test]
async fn concurrent_sign_ups_and_profile_edits_all_succeed() {
    let app = TestApp::spawn().await;
    // 120 sign-ups, 64 at a time, from twelve addresses (ten each, the hourly limit).
    let mut statuses = Vec::new();
    let visitors: Vec<Visitor> = (0..12)
        .map(|host| Visitor::from_address(&app, Ipv4Addr::new(127, 0, 3, host + 1)))
        .collect();
    let mut tokens = Vec::new();
    for v in &visitors {
        tokens.push(v.csrf().await);
    }
    let mut batch = JoinSet::new();
    for i in 0..120_usize {
        let v = &visitors[i % 12];
        let (client, url, token) = (v.client.clone(), app.url("/signup"), tokens[i % 12].clone());
        batch.spawn(async move {
            client
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!(
                    "csrf_token={token}&email=crowd{i}%40example.com&password=a+long+password+1&display_name=Crowd+{i}"
                ))
                .send()
                .await
                .expect("post")
                .status()
                .as_u16()
        });
        if batch.len() == 64 {
            statuses.extend(batch.join_all().await);
            batch = JoinSet::new();
        }
    }
    statuses.extend(batch.join_all().await);
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(
        user::Entity::find()
            .count(&app.state.db)
            .await
            .expect("count"),
        120
    );

    // Concurrent edits of several profiles.
    let mut editors = Vec::new();
    for i in 0..4 {
        editors.push(practitioner(&app, &format!("editor{i}@example.com"), "Editor").await);
    }
    let mut edits = JoinSet::new();
    for round in 0..25 {
        for v in &editors {
            let (client, token) = (v.client.clone(), v.csrf().await);
            let url = app.url("/dashboard/availability");
            let accepting = if round % 2 == 0 { "yes" } else { "no" };
            edits.spawn(async move {
                client
                    .post(url)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(format!("csrf_token={token}&accepting={accepting}"))
                    .send()
                    .await
                    .expect("post")
                    .status()
                    .as_u16()
            });
        }
    }
    let statuses = edits.join_all().await;
    assert!(statuses.iter().all(|s| *s == 303), "{statuses:?}");
    app.run_pending_jobs().await;
}

#[tokio::test]
async fn a_hostile_form_with_many_keys_is_answered_at_once() {
    let app = TestApp::spawn().await;
    let v = Visitor::new(&app);
    let token = v.csrf().await;
    let mut body = format!("csrf_token={token}");
    for i in 0..60_000 {
        body.push_str(&format!("&k{i}=1"));
    }
    body.push_str("&email=a%40example.com&email=b%40example.com&password=x");
    let res = tokio::time::timeout(
        std::time::Duration::from_secs(20),
        v.client
            .post(app.url("/login"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send(),
    )
    .await
    .expect("an answer")
    .expect("response");
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("email: Give one value")
    );
}

#[tokio::test]
async fn api_answers_set_no_cookies() {
    let app = TestApp::spawn().await;
    let res = Visitor::new(&app)
        .get("/api/v1/practitioners?near=78701")
        .await;
    assert_eq!(res.status(), 200);
    assert!(res.headers().get("set-cookie").is_none());
    let res = Visitor::new(&app).get("/").await;
    assert!(res.headers().get("set-cookie").is_some(), "pages do");
}
