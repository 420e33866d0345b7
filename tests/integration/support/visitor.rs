//! A browser-like HTTP visitor with its own cookie jar, for account tests.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use therapist_finder::{
    accounts::factors::{self, totp},
    entities::{mail, user},
};

use super::TestApp;

/// One person's HTTP client.
pub struct Visitor {
    pub client: reqwest::Client,
    jar: std::sync::Arc<reqwest::cookie::Jar>,
    base: String,
}

/// The value of the first hidden `csrf_token` field on a page.
pub fn csrf_in(page: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = page.find(marker).expect("page has a CSRF field") + marker.len();
    page[start..start + 64].to_owned()
}

impl Visitor {
    /// A new visitor of `app` with an empty cookie jar.
    pub fn new(app: &TestApp) -> Self {
        Self::from_address(app, std::net::Ipv4Addr::LOCALHOST)
    }

    /// A new visitor connecting from another loopback address (127.0.0.0/8), so the
    /// server sees a different client.
    pub fn from_address(app: &TestApp, address: std::net::Ipv4Addr) -> Self {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        Self {
            jar: jar.clone(),
            client: reqwest::Client::builder()
                .cookie_provider(jar)
                .redirect(reqwest::redirect::Policy::none())
                .local_address(std::net::IpAddr::V4(address))
                .build()
                .expect("client"),
            base: app.address.clone(),
        }
    }

    /// Puts a cookie in this visitor's jar, as a script on a sibling site could.
    pub fn plant_cookie(&self, cookie: &str) {
        let url = self.base.parse().expect("base URL");
        self.jar.add_cookie_str(&format!("{cookie}; Path=/"), &url);
    }

    /// The `Cookie` header this visitor sends, for tools that are given it.
    pub fn cookie_header(&self) -> String {
        use reqwest::cookie::CookieStore;
        let url = self.base.parse().expect("base URL");
        self.jar
            .cookies(&url)
            .map(|v| v.to_str().expect("ascii cookies").to_owned())
            .unwrap_or_default()
    }

    /// The server's base URL, `http://127.0.0.1:PORT`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// GET a path.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("get")
    }

    /// GET a page's body.
    pub async fn page(&self, path: &str) -> String {
        self.get(path).await.text().await.expect("body")
    }

    /// The CSRF token for this visitor (from any page with a form).
    pub async fn csrf(&self) -> String {
        csrf_in(&self.page("/login").await)
    }

    /// POST a form with this visitor's CSRF token.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// POST a form exactly as given (no CSRF token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.client
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("post")
    }
}

/// The newest mail to `to`, as (subject, body).
pub async fn last_mail(app: &TestApp, to: &str) -> (String, String) {
    let m = mail::Entity::find()
        .filter(mail::Column::ToAddress.eq(to))
        .order_by_desc(mail::Column::Id)
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("a mail was sent");
    (m.subject, m.body)
}

/// The path and query of the first link in a mail body that starts with `prefix`.
pub fn link_in(body: &str, prefix: &str) -> String {
    let start = body.find(prefix).expect("link in mail");
    let url = body[start..].split_whitespace().next().expect("url");
    let path_start = url
        .find("://")
        .map(|i| url[i + 3..].find('/').map_or(url.len(), |j| i + 3 + j))
        .unwrap_or(0);
    url[path_start..].to_owned()
}

/// Signs up, verifies the email and logs in; returns the visitor.
pub async fn practitioner(app: &TestApp, email: &str, name: &str) -> Visitor {
    let v = Visitor::new(app);
    let res = v
        .post(
            "/signup",
            &[
                ("email", email),
                ("password", "a long password 1"),
                ("display_name", name),
            ],
        )
        .await;
    assert_eq!(res.status(), 200, "signup");
    let (_, body) = last_mail(app, email).await;
    let link = link_in(&body, "http");
    assert_eq!(v.get(&link).await.status(), 200, "verify {link}");
    let res = v
        .post(
            "/login",
            &[("email", email), ("password", "a long password 1")],
        )
        .await;
    assert_eq!(res.status(), 303, "login");
    v
}

/// The id of a user's practitioner profile.
pub async fn practitioner_id(app: &TestApp, email: &str) -> i64 {
    let u = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("user");
    therapist_finder::practitioners::by_user_id(&app.state.db, u.id)
        .await
        .expect("query")
        .expect("profile")
        .id
}

/// Makes an admin with an authenticator app and logs them in (password, then code);
/// returns the visitor and the admin's user id.
pub async fn admin(app: &TestApp, email: &str) -> (Visitor, i64) {
    let (v, id, _) = admin_with_app(app, email).await;
    (v, id)
}

/// The current code of an authenticator secret, by the app's clock.
pub fn code_now(app: &TestApp, secret: &str) -> String {
    code_at(app, secret, 0)
}

/// The code of the step `offset_seconds` from the app's clock.
pub fn code_at(app: &TestApp, secret: &str, offset_seconds: i64) -> String {
    let at = app.state.clock.now().timestamp() + offset_seconds;
    totp::code_at(secret, u64::try_from(at).expect("after 1970")).expect("code")
}

/// Makes an admin whose authenticator app has `secret` (enrolled with the previous
/// step's code, so this step's code is still unused) and logs them in; returns the
/// visitor, the admin's user id and the secret.
pub async fn admin_with_app(app: &TestApp, email: &str) -> (Visitor, i64, String) {
    let a = therapist_finder::accounts::create_admin(&app.state.db, email, "an admin password")
        .await
        .expect("admin");
    let secret = totp::new_secret();
    factors::enrol_totp(
        &app.state.db,
        &a,
        &secret,
        &code_at(app, &secret, -30),
        app.state.clock.now(),
    )
    .await
    .expect("enrol");
    let v = Visitor::new(app);
    let res = v
        .post(
            "/login",
            &[("email", email), ("password", "an admin password")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/login/second-factor");
    let res = v
        .post("/login/second-factor", &[("code", &code_now(app, &secret))])
        .await;
    assert_eq!(res.status(), 303, "second factor");
    assert_eq!(location(&res), "/admin");
    (v, a.id, secret)
}

/// A redirect's `Location`.
pub fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .map(|l| l.to_str().expect("ascii").to_owned())
        .unwrap_or_default()
}
