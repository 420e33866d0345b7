//! CSRF tokens bound to the session. A form's token is the HMAC, under a server key kept
//! in the database, of the session token (or, before log-in, of a random visitor
//! cookie). A cookie planted by someone else cannot be paired with a token they made
//! up, and a signed-in visitor's token changes with every new session.

use axum::{
    body::Bytes,
    extract::{FromRequest, FromRequestParts, Request},
    http::request::Parts,
};

use super::Identity;
use crate::{
    accounts::secrets,
    error::{AppError, PageError},
    form::{self, FormPairs},
    state::AppState,
};
use serde::de::DeserializeOwned;

/// The form field that carries the CSRF token.
pub const FIELD: &str = "csrf_token";

/// The catalogue key of the refusal of a form without a valid token.
const REFUSED: &str = "csrf-refused";

/// The CSRF token of this request, for forms to embed.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

/// The token for a session token, or for a visitor cookie when there is no session.
pub fn derive(
    state: &AppState,
    session: Option<&str>,
    visitor: &str,
) -> Result<CsrfToken, AppError> {
    let key = state
        .csrf_key
        .get()
        .ok_or_else(|| AppError::internal("the CSRF key is not loaded; run app::prepare"))?;
    let message = match session {
        Some(token) => format!("csrf:session:{token}"),
        None => format!("csrf:visitor:{visitor}"),
    };
    Ok(CsrfToken(secrets::keyed_digest(key, &message)))
}

fn identity(parts: &Parts) -> Result<&Identity, PageError> {
    parts
        .extensions
        .get::<Identity>()
        .ok_or_else(|| AppError::internal("the identify middleware did not run").into())
}

impl<S: Send + Sync> FromRequestParts<S> for CsrfToken {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(identity(parts)?.csrf.clone())
    }
}

/// Refuses unless `sent` is this request's CSRF token (for forms read some other way,
/// such as a file upload).
pub fn verify(expected: &CsrfToken, sent: &str) -> Result<(), PageError> {
    if secrets::same_secret(sent, &expected.0) {
        Ok(())
    } else {
        Err(AppError::Forbidden(crate::i18n::text(crate::i18n::Lang::current(), REFUSED)).into())
    }
}

/// A submitted urlencoded form whose CSRF token was checked before the handler runs,
/// parsed into the handler's request struct `T` (or kept as pairs).
pub struct CsrfForm<T = FormPairs>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let body = Bytes::from_request(Request::from_parts(parts.clone(), body), state)
            .await
            .map_err(|e| AppError::unreadable_body(e.status(), e.body_text()))?;
        let text = std::str::from_utf8(&body).map_err(|_| {
            AppError::BadRequest(crate::i18n::text(
                crate::i18n::Lang::current(),
                "form-not-utf8",
            ))
        })?;
        let pairs = FormPairs::parse(Some(text));
        verify(
            &identity(&parts)?.csrf,
            pairs.get(FIELD).unwrap_or_default(),
        )?;
        form::parse(text)
            .map(Self)
            .map_err(|fields| form::unreadable(fields).into())
    }
}
