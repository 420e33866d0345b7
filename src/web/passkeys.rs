//! Passkey pages and the ceremonies' options: adding a passkey from the sign-in
//! security page, removing one, and the options a "Use a passkey" button asks for at
//! the log-in's second step and before a decision. Each options request is a form
//! post carrying the CSRF token; the page's script hands the options to the browser
//! and sends the answer back in an ordinary form.

use axum::{
    Json,
    extract::{Path, State},
    http::{HeaderMap, header},
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

use super::{errors::PageError, security};
use crate::{
    accounts::factors::{self, FactorError, passkeys},
    auth::{CsrfForm, SignedInUser, cookies::Names},
    error::AppError,
    state::AppState,
    wording::say,
};

fn unavailable() -> AppError {
    AppError::NotFound(say("pk-no-domain"))
}

fn options(body: impl serde::Serialize) -> Response {
    ([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

/// `POST /account/passkeys/options` — the options to create a passkey.
pub async fn create_registration_options(
    State(state): State<AppState>,
    signed: SignedInUser,
    CsrfForm(_): CsrfForm,
) -> Result<Response, AppError> {
    let webauthn = state.webauthn.as_deref().ok_or_else(unavailable)?;
    if needs_fresh_check(&state, &signed).await? {
        return Err(AppError::Forbidden(say(security::FRESH_CHECK)));
    }
    let found =
        passkeys::start_registration(&state.db, webauthn, &signed.user, state.clock.now()).await?;
    Ok(options(found))
}

/// Whether the account already has a second factor and this session's check is older
/// than 10 minutes: then no factor is added (see [`security::FRESH_CHECK`]).
async fn needs_fresh_check(state: &AppState, signed: &SignedInUser) -> Result<bool, AppError> {
    Ok(!signed.identity.stepped_up && factors::of(&state.db, signed.user.id).await?.any())
}

/// The form that adds a passkey: its name and the browser's answer.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct PasskeyForm {
    name: String,
    credential: String,
}

/// `POST /account/passkeys` — adds the passkey the browser made; the first factor of
/// an account also brings its recovery codes.
pub async fn create_passkey(
    State(state): State<AppState>,
    signed: SignedInUser,
    CsrfForm(form): CsrfForm<PasskeyForm>,
) -> Result<Response, PageError> {
    let webauthn = state.webauthn.as_deref().ok_or_else(unavailable)?;
    if needs_fresh_check(&state, &signed).await? {
        let refusal = say(security::FRESH_CHECK);
        return security::refused_on_security_page(&state, &signed, refusal).await;
    }
    let now = state.clock.now();
    let user = &signed.user;
    match passkeys::finish_registration(
        &state.db,
        webauthn,
        user,
        &form.name,
        &form.credential,
        now,
    )
    .await
    {
        Ok(codes) => {
            if let Some(token) = &signed.identity.session_token {
                factors::mark_session(&state.db, token, now).await?;
            }
            match codes {
                Some(codes) => security::recovery_codes_page(
                    &state,
                    codes,
                    crate::auth::home_of(user).to_owned(),
                ),
                None => Ok(Redirect::to("/account/second-factor?done=passkey").into_response()),
            }
        }
        Err(e @ FactorError::WrongCode(_)) => {
            security::refused_on_security_page(&state, &signed, e.to_string()).await
        }
        Err(e) => Err(AppError::internal(e).into()),
    }
}

/// `POST /account/passkeys/{id}/delete` — needs the second factor checked within the
/// last 10 minutes; an admin keeps at least one factor.
pub async fn destroy_passkey(
    State(state): State<AppState>,
    signed: SignedInUser,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    if !signed.identity.stepped_up {
        let refusal = say("pk-remove-fresh");
        return security::refused_on_security_page(&state, &signed, refusal).await;
    }
    match passkeys::remove(&state.db, &signed.user, id).await {
        Ok(()) => Ok(Redirect::to("/account/second-factor?done=passkey-removed").into_response()),
        Err(e @ FactorError::Refused(_)) => {
            security::refused_on_security_page(&state, &signed, e.to_string()).await
        }
        Err(e) => Err(AppError::internal(e).into()),
    }
}

async fn authentication_options(state: &AppState, user_id: i64) -> Result<Response, AppError> {
    let webauthn = state.webauthn.as_deref().ok_or_else(unavailable)?;
    match passkeys::start_authentication(&state.db, webauthn, user_id, state.clock.now()).await? {
        Some(found) => Ok(options(found)),
        None => Err(AppError::NotFound(say("pk-none"))),
    }
}

/// `POST /account/passkey-options` — the options to check a passkey of the signed-in
/// account (before a decision).
pub async fn create_check_options(
    State(state): State<AppState>,
    signed: SignedInUser,
    CsrfForm(_): CsrfForm,
) -> Result<Response, AppError> {
    authentication_options(&state, signed.user.id).await
}

/// `POST /login/second-factor/passkey` — the options to check a passkey of the
/// half-finished log-in's account.
pub async fn create_login_options(
    State(state): State<AppState>,
    headers: HeaderMap,
    CsrfForm(_): CsrfForm,
) -> Result<Response, AppError> {
    let token = CookieJar::from_headers(&headers)
        .get(Names::new(state.secure_cookies).pending)
        .map(|c| c.value().to_owned())
        .unwrap_or_default();
    let Some(found) = factors::pending_login(&state.db, &token, state.clock.now()).await? else {
        return Err(AppError::Gone(say("pk-too-long")));
    };
    authentication_options(&state, found.id).await
}
