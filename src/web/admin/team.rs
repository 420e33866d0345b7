//! The admins' page (`/admin/admins`: who the admins are, invitations, removal and
//! second-factor resets) and the invitation link's page, where an invitee sets a
//! password and an authenticator app.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use serde::{Deserialize, Serialize};

use super::{PageError, page};
use crate::{
    accounts::{
        admins::{self, Acceptance, INVITED_ROLE, TeamError},
        factors::totp,
    },
    auth::{CsrfForm, CsrfToken, Identity, SignedInAdmin},
    error::{AppError, FieldErrors},
    form::PageQuery,
    state::AppState,
    web::{
        account::{SessionStart, start_session_with},
        templates::private_page,
    },
    wording::say,
};

#[derive(Serialize)]
struct MemberRow {
    id: i64,
    email: String,
    invited: bool,
    totp: bool,
    recovery_left: u64,
    you: bool,
    since: String,
}

#[derive(Serialize)]
struct TeamView {
    title: String,
    csrf: String,
    members: Vec<MemberRow>,
    notice: Option<String>,
    error: Option<String>,
    email: String,
    email_error: Option<String>,
}

/// A notice after a redirect.
#[derive(Deserialize)]
pub struct TeamQuery {
    done: Option<String>,
}

async fn team_page(
    state: &AppState,
    admin: &SignedInAdmin,
    csrf: String,
    messages: (Option<String>, Option<String>),
    typed: (String, Option<String>),
    status: StatusCode,
) -> Result<Response, PageError> {
    let members = admins::members(&state.db)
        .await?
        .into_iter()
        .map(|m| MemberRow {
            id: m.user.id,
            invited: m.user.role == INVITED_ROLE,
            you: m.user.id == admin.user.id,
            since: m.user.created_at.date_naive().to_string(),
            email: m.user.email,
            totp: m.totp,
            recovery_left: m.recovery_left,
        })
        .collect();
    page(
        state,
        "admin/admins.html",
        &TeamView {
            title: say("adm-admins"),
            csrf,
            members,
            notice: messages.0,
            error: messages.1,
            email: typed.0,
            email_error: typed.1,
        },
        status,
    )
}

/// `GET /admin/admins`
pub async fn list_admins(
    State(state): State<AppState>,
    admin: SignedInAdmin,
    CsrfToken(csrf): CsrfToken,
    PageQuery(q): PageQuery<TeamQuery>,
) -> Result<Response, PageError> {
    let notice = q.done.as_deref().map(|d| {
        say(match d {
            "invited" => "adm-done-invited",
            "removed" => "adm-done-removed",
            "reset" => "adm-done-reset",
            _ => "sec-done",
        })
    });
    team_page(
        &state,
        &admin,
        csrf,
        (notice, None),
        (String::new(), None),
        StatusCode::OK,
    )
    .await
}

/// The invitation form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    email: String,
}

/// `POST /admin/admins` — invites an address.
pub async fn create_admin_invitation(
    State(state): State<AppState>,
    admin: SignedInAdmin,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> Result<Response, PageError> {
    let now = state.clock.now();
    match admins::invite(
        &state.db,
        admin.user.id,
        &form.email,
        &state.public_url,
        now,
    )
    .await
    {
        Ok(()) => Ok(Redirect::to("/admin/admins?done=invited").into_response()),
        Err(TeamError::Invalid(errors)) => {
            let typed = (form.email.clone(), errors.get("email").cloned());
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            team_page(&state, &admin, csrf, (None, None), typed, status).await
        }
        Err(e) => Err(AppError::internal(e).into()),
    }
}

async fn refused_or(
    state: &AppState,
    admin: &SignedInAdmin,
    csrf: String,
    result: Result<(), TeamError>,
    done: &str,
) -> Result<Response, PageError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/admin/admins?done={done}")).into_response()),
        Err(e @ TeamError::Refused(_)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            let messages = (None, Some(e.to_string()));
            team_page(state, admin, csrf, messages, (String::new(), None), status).await
        }
        Err(TeamError::NotFound) => Err(AppError::NotFound(say("adm-no-admin")).into()),
        Err(e) => Err(AppError::internal(e).into()),
    }
}

/// `POST /admin/admins/{id}/remove`
pub async fn destroy_admin(
    State(state): State<AppState>,
    admin: SignedInAdmin,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    let result = admins::remove(&state.db, admin.user.id, id).await;
    refused_or(&state, &admin, csrf, result, "removed").await
}

/// `POST /admin/admins/{id}/reset-second-factor`
pub async fn reset_admin_second_factor(
    State(state): State<AppState>,
    admin: SignedInAdmin,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    let result = admins::reset_second_factor(&state.db, admin.user.id, id).await;
    refused_or(&state, &admin, csrf, result, "reset").await
}

#[derive(Serialize)]
struct InvitationView {
    title: String,
    csrf: String,
    email: String,
    token: String,
    secret: String,
    grouped: String,
    uri: String,
    qr: String,
    password_error: Option<String>,
    code_error: Option<String>,
}

fn invitation_page(
    state: &AppState,
    csrf: String,
    (email, token, secret): (&str, &str, &str),
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<Response, PageError> {
    let uri = totp::uri(secret, email);
    let qr = totp::qr_svg(&uri).ok_or_else(|| AppError::internal("QR code"))?;
    private_page(
        state,
        "account/invitation.html",
        &InvitationView {
            title: say("inv-accept"),
            csrf,
            email: email.to_owned(),
            token: token.to_owned(),
            secret: secret.to_owned(),
            grouped: totp::grouped(secret),
            uri,
            qr,
            password_error: errors.get("password").cloned(),
            code_error: errors.get("code").cloned(),
        },
        status,
    )
}

/// The invitation link's `token`.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct InvitationQuery {
    token: String,
}

/// `GET /admin-invite?token=…`
pub async fn show_invitation(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    PageQuery(q): PageQuery<InvitationQuery>,
) -> Result<Response, PageError> {
    let token = q.token.trim();
    let Some(invited) = admins::invitation(&state.db, token, state.clock.now()).await? else {
        return Err(AppError::Gone(TeamError::BadToken.to_string()).into());
    };
    let secret = totp::new_secret();
    let key = (invited.email.as_str(), token, secret.as_str());
    invitation_page(&state, csrf, key, &FieldErrors::new(), StatusCode::OK)
}

/// The invitee's form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct AcceptForm {
    token: String,
    password: String,
    secret: String,
    code: String,
}

/// `POST /admin-invite` — sets the password and the app, makes the account an admin
/// and starts its session, its second factor just checked.
pub async fn accept_invitation(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    axum::Extension(identity): axum::Extension<Identity>,
    CsrfForm(form): CsrfForm<AcceptForm>,
) -> Result<Response, PageError> {
    let now = state.clock.now();
    let token = form.token.trim();
    let Some(invited) = admins::invitation(&state.db, token, now).await? else {
        return Err(AppError::Gone(TeamError::BadToken.to_string()).into());
    };
    let Some(secret) = totp::parse_secret(&form.secret) else {
        return Err(AppError::BadRequest(say("inv-form-changed")).into());
    };
    let input = Acceptance {
        token,
        password: &form.password,
        secret: &secret,
        code: &form.code,
    };
    let (admin, codes) = match admins::accept(&state.db, input, now).await {
        Ok(done) => done,
        Err(TeamError::Invalid(errors)) => {
            let key = (invited.email.as_str(), token, secret.as_str());
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return invitation_page(&state, csrf, key, &errors, status);
        }
        Err(TeamError::BadToken) => {
            return Err(AppError::Gone(TeamError::BadToken.to_string()).into());
        }
        Err(e) => return Err(AppError::internal(e).into()),
    };
    let start = SessionStart {
        user: &admin,
        trusted: false,
        second_factor_at: Some(now),
        replaces: identity.session_token.as_deref(),
    };
    // The session starts with the page that shows the recovery codes, once.
    let codes = crate::web::security::recovery_codes_page(&state, codes, "/admin".into())?;
    start_session_with(&state, start, codes).await
}
