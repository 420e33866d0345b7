//! Who is asking and whether they may: cookies, database sessions, CSRF tokens bound
//! to the session, the sign-in extractors for pages and the API, the per-route access
//! gate every route is declared through, and the security headers. Pages (`web`) and
//! the API (`api`) both use it; it uses `accounts` for sessions.

pub mod cookies;
pub mod csrf;
pub mod extract;
pub mod gate;
pub mod headers;

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use axum_extra::extract::cookie::CookieJar;
use chrono::{DateTime, Utc};

use crate::{
    accounts::{self, factors, secrets},
    entities::user,
    error::{AppError, PageError},
    state::AppState,
};

pub use csrf::{CsrfForm, CsrfToken};
pub use extract::{
    ApiAdmin, ApiPractitioner, ClientAddress, CurrentUser, SignedIn, SignedInAdmin, SignedInUser,
};
pub use gate::{Access, RouteInfo, RouteTable, StepUpPrompt, Surface};

/// Who sent this request, resolved once by [`identify`] and read by the extractors.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The user of a live session, if any.
    pub user: Option<user::Model>,
    /// The raw session token from the cookie, when it has the shape of one.
    pub session_token: Option<String>,
    /// The CSRF token forms on this request must carry.
    pub csrf: CsrfToken,
    /// When this session's second factor was last checked, if ever.
    pub second_factor_at: Option<DateTime<Utc>>,
    /// Whether that check is recent enough for an admin's decision, by the app's clock.
    pub stepped_up: bool,
}

/// Middleware: resolves the session cookie to a user, derives the CSRF token bound to
/// that session (or to a random visitor cookie it sets on first visit), and leaves
/// both in the request's extensions.
pub async fn identify(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let fail = |e: AppError| {
        if api {
            e.into_response()
        } else {
            PageError(e).into_response()
        }
    };
    let names = cookies::Names::new(state.secure_cookies);
    let jar = CookieJar::from_headers(request.headers());
    let session_token = jar
        .get(names.session)
        .map(|c| c.value().to_owned())
        .filter(|t| secrets::looks_like_token(t));
    let signed = match &session_token {
        Some(token) => match accounts::session_user(&state.db, token, Utc::now()).await {
            Ok(signed) => signed,
            Err(e) => return fail(AppError::Unavailable(format!("sessions: {e}"))),
        },
        None => None,
    };
    let second_factor_at = signed.as_ref().and_then(|s| s.second_factor_at);
    let stepped_up = factors::stepped_up(second_factor_at, state.clock.now());
    let user = signed.map(|s| s.user);
    let existing = jar
        .get(names.visitor)
        .map(|c| c.value().to_owned())
        .filter(|t| secrets::looks_like_token(t));
    // Only pages carry forms: API and open-data answers and static files set no
    // visitor cookie.
    let path = request.uri().path();
    let needs_visitor = !api
        && !["/static/", "/fhir/", "/hsds/"]
            .iter()
            .any(|prefix| path.starts_with(prefix))
        && path != "/hsds";
    let fresh_visitor = (existing.is_none() && needs_visitor).then(secrets::random_token);
    let visitor = existing
        .as_deref()
        .or(fresh_visitor.as_deref())
        .unwrap_or_default();
    let csrf = match csrf::derive(&state, session_token.as_deref(), visitor) {
        Ok(token) => token,
        Err(e) => return fail(e),
    };
    request.extensions_mut().insert(Identity {
        user,
        session_token,
        csrf,
        second_factor_at,
        stepped_up,
    });
    let mut response = next.run(request).await;
    // A shared cache must never hand one visitor's cookie to the next.
    let shared_cacheable = response
        .headers()
        .get(axum::http::header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|d| d.trim().eq_ignore_ascii_case("public"))
        });
    if let Some(visitor) = fresh_visitor.filter(|_| !shared_cacheable) {
        cookies::set(
            &mut response,
            names.visitor,
            &visitor,
            cookies::VISITOR_DAYS,
            state.secure_cookies,
        );
    }
    response
}

/// Only same-site paths are followed after log-in: a single leading `/`, then printable
/// ASCII with no backslash, so no scheme, no other host and nothing a browser would
/// strip or rewrite into one. Anything else is `None`.
pub fn local_path(next: Option<&str>) -> Option<String> {
    let next = next?;
    let printable = next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    let local = next.starts_with('/') && !next.starts_with("//") && next.len() <= 2000;
    (printable && local).then(|| next.to_owned())
}

/// [`local_path`], or `fallback`.
pub fn safe_next(next: Option<&str>, fallback: &str) -> String {
    local_path(next).unwrap_or_else(|| fallback.to_owned())
}

/// Where an account goes after logging in when no page asked for it: admins to
/// `/admin`, practitioners to their dashboard.
pub fn home_of(user: &user::Model) -> &'static str {
    if extract::is_admin(user) {
        "/admin"
    } else {
        "/dashboard"
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::safe_next;

    #[test]
    fn refuses_open_redirects() {
        assert_eq!(
            safe_next(Some("/dashboard/training?x=1"), "/dashboard"),
            "/dashboard/training?x=1"
        );
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\t/evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/%0A",
            "/\n/evil.example",
            "/\r",
            "/\u{b}",
            "/ /evil.example",
            "/\u{2028}",
            "evil.example",
            "",
        ] {
            let fallback = bad != "/%0A";
            assert_eq!(
                safe_next(Some(bad), "/dashboard") == "/dashboard",
                fallback,
                "{bad:?}"
            );
        }
        assert_eq!(safe_next(None, "/admin"), "/admin");
    }

    proptest! {
        /// Whatever comes in, what goes out is a path on this site that a browser
        /// resolves against this site's origin.
        #[test]
        fn next_always_stays_on_this_site(raw in any::<String>()) {
            let out = safe_next(Some(&raw), "/dashboard");
            let base = url::Url::parse("https://directory.example/login").expect("base");
            let resolved = base.join(&out).expect("a relative path joins");
            prop_assert_eq!(resolved.host_str(), Some("directory.example"));
            prop_assert!(axum::http::HeaderValue::from_str(&out).is_ok());
        }
    }
}
