//! Sessions, cookies and CSRF for pages. The session cookie holds a random token whose
//! hash names a database session. Every state-changing form carries a CSRF token that
//! must equal the `tf_csrf` cookie (double submit), compared in constant time.

use std::net::SocketAddr;

use axum::{
    body::Bytes,
    extract::{ConnectInfo, FromRequest, FromRequestParts, Request, State},
    http::{HeaderMap, HeaderValue, header, request::Parts},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;

use super::errors::PageError;
use crate::{
    accounts::{self, secrets},
    api::extract::QueryPairs,
    app::AppState,
    entities::{practitioner, user},
    error::AppError,
    practitioners::editor,
};

/// The session cookie.
pub const SESSION_COOKIE: &str = "tf_session";
/// The CSRF cookie.
pub const CSRF_COOKIE: &str = "tf_csrf";
/// The form field that carries the CSRF token.
pub const CSRF_FIELD: &str = "csrf_token";

/// The value of a cookie.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Secure over https.
pub fn cookie_header(name: &str, value: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
}

fn looks_like_token(value: &str) -> bool {
    value.len() == 64 && value.chars().all(|c| c.is_ascii_hexdigit())
}

/// The CSRF token of this request, for forms to embed.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

impl<S: Send + Sync> FromRequestParts<S> for CsrfToken {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<CsrfToken>()
            .cloned()
            .ok_or_else(|| AppError::internal("CSRF middleware missing").into())
    }
}

/// Middleware: makes sure every visitor has a CSRF cookie.
pub async fn ensure_csrf_cookie(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let existing = cookie(request.headers(), CSRF_COOKIE).filter(|t| looks_like_token(t));
    let (token, fresh) = match existing {
        Some(t) => (t, false),
        None => (secrets::random_token(), true),
    };
    request.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(request).await;
    if fresh {
        response.headers_mut().append(
            header::SET_COOKIE,
            cookie_header(CSRF_COOKIE, &token, 60 * 60 * 24 * 30, state.secure_cookies),
        );
    }
    response
}

/// A submitted form whose CSRF token was checked.
pub struct CsrfForm(pub QueryPairs);

impl FromRequest<AppState> for CsrfForm {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let expected = cookie(req.headers(), CSRF_COOKIE);
        let body = Bytes::from_request(req, state)
            .await
            .map_err(|e| AppError::BadRequest(e.body_text()))?;
        let text = std::str::from_utf8(&body)
            .map_err(|_| AppError::BadRequest("The form was not UTF-8.".into()))?;
        let pairs = QueryPairs::parse(Some(text));
        let sent = pairs.get(CSRF_FIELD).unwrap_or_default();
        match expected {
            Some(expected) if looks_like_token(&expected) && secrets::same_secret(sent, &expected) => Ok(Self(pairs)),
            _ => Err(AppError::Forbidden(
                "This form has expired or did not come from this site. Go back, reload the page and try again.".into(),
            )
            .into()),
        }
    }
}

/// The client's address, for rate limits.
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let addr = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string());
        Ok(Self(addr))
    }
}

/// The signed-in user, if any.
pub struct CurrentUser(pub Option<user::Model>);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE).filter(|t| looks_like_token(t))
        else {
            return Ok(Self(None));
        };
        Ok(Self(
            accounts::session_user(&state.db, &token, Utc::now()).await?,
        ))
    }
}

/// A signed-in practitioner and their profile; anyone else is sent to log in.
pub struct SignedIn {
    /// The user.
    pub user: user::Model,
    /// Their practitioner profile.
    pub practitioner: practitioner::Model,
}

/// Sends the browser to the log-in page, coming back here afterwards.
pub struct LoginRedirect(String);

impl IntoResponse for LoginRedirect {
    fn into_response(self) -> Response {
        let next = url::form_urlencoded::byte_serialize(self.0.as_bytes()).collect::<String>();
        Redirect::to(&format!("/login?next={next}")).into_response()
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let back = if parts.method == axum::http::Method::GET {
            parts.uri.path()
        } else {
            "/dashboard"
        }
        .to_owned();
        let CurrentUser(found) = CurrentUser::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Some(user) = found else {
            return Err(LoginRedirect(back).into_response());
        };
        let practitioner = editor::owned(&state.db, user.id)
            .await
            .map_err(|e| PageError::from(e).into_response())?
            .ok_or_else(|| {
                PageError(AppError::Forbidden(
                    "This page is for practitioners.".into(),
                ))
                .into_response()
            })?;
        Ok(Self { user, practitioner })
    }
}

/// A signed-in admin; anonymous visitors are sent to log in, everyone else is refused.
pub struct SignedInAdmin {
    /// The admin.
    pub user: user::Model,
}

impl FromRequestParts<AppState> for SignedInAdmin {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let back = if parts.method == axum::http::Method::GET {
            parts.uri.path()
        } else {
            "/admin"
        }
        .to_owned();
        let CurrentUser(found) = CurrentUser::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match found {
            None => Err(LoginRedirect(back).into_response()),
            Some(user) if user.role == "admin" => Ok(Self { user }),
            Some(_) => Err(PageError(AppError::Forbidden(
                "This page is for the directory's admins.".into(),
            ))
            .into_response()),
        }
    }
}

/// Checks a CSRF token sent outside a urlencoded form (a file upload).
pub fn csrf_matches(headers: &HeaderMap, sent: &str) -> bool {
    cookie(headers, CSRF_COOKIE).is_some_and(|expected| {
        looks_like_token(&expected) && secrets::same_secret(sent, &expected)
    })
}

/// Only local paths are followed after log-in, never another site.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/dashboard".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cookies_and_refuses_open_redirects() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; tf_csrf=abc; b=2"),
        );
        assert_eq!(cookie(&headers, "tf_csrf").as_deref(), Some("abc"));
        assert_eq!(cookie(&headers, "missing"), None);
        assert_eq!(
            safe_next(Some("/dashboard/training")),
            "/dashboard/training"
        );
        assert_eq!(safe_next(Some("//evil.example")), "/dashboard");
        assert_eq!(safe_next(Some("https://evil.example")), "/dashboard");
        assert_eq!(safe_next(None), "/dashboard");
    }

    #[test]
    fn cookies_are_http_only_and_lax() {
        let v = cookie_header("tf_session", "x", 60, true);
        let s = v.to_str().expect("ascii");
        assert!(s.contains("HttpOnly") && s.contains("SameSite=Lax") && s.contains("Secure"));
        let v = cookie_header("tf_session", "x", 60, false);
        assert!(!v.to_str().expect("ascii").contains("Secure"));
    }
}
