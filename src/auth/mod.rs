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
use chrono::Utc;

use crate::{
    accounts::{self, secrets},
    entities::user,
    error::{AppError, PageError},
    state::AppState,
};

pub use csrf::{CsrfForm, CsrfToken};
pub use extract::{ApiAdmin, ApiPractitioner, ClientAddress, CurrentUser, SignedIn, SignedInAdmin};
pub use gate::{Access, RouteInfo, RouteTable, Surface};

/// Who sent this request, resolved once by [`identify`] and read by the extractors.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The user of a live session, if any.
    pub user: Option<user::Model>,
    /// The raw session token from the cookie, when it has the shape of one.
    pub session_token: Option<String>,
    /// The CSRF token forms on this request must carry.
    pub csrf: CsrfToken,
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
    let user = match &session_token {
        Some(token) => match accounts::session_user(&state.db, token, Utc::now()).await {
            Ok(user) => user,
            Err(e) => return fail(AppError::Unavailable(format!("sessions: {e}"))),
        },
        None => None,
    };
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
/// strip or rewrite into one. Anything else falls back to the dashboard.
pub fn safe_next(next: Option<&str>) -> String {
    const FALLBACK: &str = "/dashboard";
    let Some(next) = next else {
        return FALLBACK.to_owned();
    };
    let printable = next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    let local = next.starts_with('/') && !next.starts_with("//") && next.len() <= 2000;
    if printable && local {
        next.to_owned()
    } else {
        FALLBACK.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::safe_next;

    #[test]
    fn refuses_open_redirects() {
        assert_eq!(
            safe_next(Some("/dashboard/training?x=1")),
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
            assert_eq!(safe_next(Some(bad)) == "/dashboard", fallback, "{bad:?}");
        }
        assert_eq!(safe_next(None), "/dashboard");
    }

    proptest! {
        /// Whatever comes in, what goes out is a path on this site that a browser
        /// resolves against this site's origin.
        #[test]
        fn next_always_stays_on_this_site(raw in any::<String>()) {
            let out = safe_next(Some(&raw));
            let base = url::Url::parse("https://directory.example/login").expect("base");
            let resolved = base.join(&out).expect("a relative path joins");
            prop_assert_eq!(resolved.host_str(), Some("directory.example"));
            prop_assert!(axum::http::HeaderValue::from_str(&out).is_ok());
        }
    }
}
