//! Second-factor pages: the log-in's second step, the account's security page
//! (authenticator app, recovery codes), enrolment, and the check an admin's decision
//! asks for when the last one is more than ten minutes old.

use axum::{
    extract::State,
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use axum_extra::extract::cookie::CookieJar;
use serde::{Deserialize, Serialize};

use super::{
    account::{
        Field, FormPage, Link, SECOND_STEP, SessionStart, message, show, start_session_here,
        with_next,
    },
    errors::PageError,
    templates::private_page,
};
use crate::{
    accounts::{
        self,
        factors::{self, Check, FactorError, totp},
    },
    auth::{
        ClientAddress, CsrfForm, CsrfToken, SignedInUser, StepUpPrompt,
        cookies::{self, Names},
        csrf, home_of, local_path,
    },
    entities::user,
    error::{AppError, FieldErrors},
    form::{FormPairs, PageQuery},
    state::AppState,
    wording::say,
};

/// Why another factor cannot be added yet: an account that has one adds another only
/// with a recent check, so a stolen session cannot plant a factor of its own.
/// The catalogue key of the refusal to add a factor when the last check is old.
pub(super) const FRESH_CHECK: &str = "sec-fresh-check";

/// A form that carries one code.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct CodeForm {
    code: String,
    /// A passkey's answer (JSON), filled in by the page's script.
    passkey: String,
}

impl CodeForm {
    /// What was given: the passkey's answer, else the code.
    fn given(&self) -> &str {
        if self.passkey.trim().is_empty() {
            &self.code
        } else {
            &self.passkey
        }
    }
}

/// Where to go once done.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct NextQuery {
    next: Option<String>,
    done: Option<String>,
}

fn code_field(label: String) -> Field {
    Field::new("code", label, "text", "one-time-code")
}

fn code_errors(message: &str) -> FieldErrors {
    FieldErrors::from([("code".to_owned(), message.to_owned())])
}

async fn trusted(state: &AppState, headers: &HeaderMap, user_id: i64) -> Result<bool, PageError> {
    let names = Names::new(state.secure_cookies);
    let jar = CookieJar::from_headers(headers);
    Ok(match jar.get(names.device) {
        Some(device) => accounts::is_trusted_device(&state.db, user_id, device.value()).await?,
        None => false,
    })
}

/// Checks a typed code for `found`; a refusal becomes the status and message to show.
pub(super) async fn check_code(
    state: &AppState,
    headers: &HeaderMap,
    address: &str,
    found: &user::Model,
    code: &str,
) -> Result<Result<(), (StatusCode, String)>, PageError> {
    let attempt = Check {
        code,
        address,
        trusted: trusted(state, headers, found.id).await?,
        now: state.clock.now(),
        webauthn: state.webauthn.as_deref(),
    };
    Ok(match factors::check(&state.db, found, attempt).await {
        Ok(()) => Ok(()),
        Err(e @ FactorError::Throttled(_)) => Err((StatusCode::TOO_MANY_REQUESTS, e.to_string())),
        Err(e @ (FactorError::WrongCode(_) | FactorError::Refused(_))) => {
            Err((StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))
        }
        Err(FactorError::Db(e)) => return Err(e.into()),
    })
}

/// Whether a "Use a passkey" button can help this account: passkeys are available
/// here and it has one.
async fn offers_passkey(state: &AppState, user_id: i64) -> Result<bool, PageError> {
    Ok(state.webauthn.is_some() && factors::of(&state.db, user_id).await?.passkeys > 0)
}

fn second_step_form(csrf: &str, next: Option<&str>, passkey: bool) -> FormPage {
    FormPage {
        title: say("sec-enter-code"),
        intro: say("sec-enter-code-intro"),
        action: with_next(SECOND_STEP, next),
        submit: say("acct-login"),
        fields: vec![code_field(say("sec-code-label"))],
        hidden: Vec::new(),
        error: None,
        notice: None,
        links: vec![Link {
            href: "/login",
            label: say("sec-restart"),
        }],
        csrf: csrf.to_owned(),
        passkey: passkey.then_some("/login/second-factor/passkey"),
    }
}

fn pending_token(state: &AppState, headers: &HeaderMap) -> Option<String> {
    CookieJar::from_headers(headers)
        .get(Names::new(state.secure_cookies).pending)
        .map(|c| c.value().to_owned())
}

fn start_again(next: Option<&str>) -> Response {
    let mut to = with_next("/login", next);
    to.push(if to.contains('?') { '&' } else { '?' });
    to.push_str("expired=1");
    axum::response::Redirect::to(&to).into_response()
}

/// `GET /login/second-factor`
pub async fn new_second_step(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    PageQuery(q): PageQuery<NextQuery>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let next = local_path(q.next.as_deref());
    let token = pending_token(&state, &headers).unwrap_or_default();
    let Some(found) = factors::pending_login(&state.db, &token, state.clock.now()).await? else {
        return Ok(start_again(next.as_deref()));
    };
    let passkey = offers_passkey(&state, found.id).await?;
    show(
        &state,
        &second_step_form(&csrf, next.as_deref(), passkey),
        StatusCode::OK,
    )
}

/// `POST /login/second-factor` — the code after the password; only now does a
/// session start.
pub async fn create_second_step(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    ClientAddress(address): ClientAddress,
    PageQuery(q): PageQuery<NextQuery>,
    headers: HeaderMap,
    axum::Extension(identity): axum::Extension<crate::auth::Identity>,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<Response, PageError> {
    let next = local_path(q.next.as_deref());
    let now = state.clock.now();
    let token = pending_token(&state, &headers).unwrap_or_default();
    let Some(found) = factors::pending_login(&state.db, &token, now).await? else {
        return Ok(start_again(next.as_deref()));
    };
    if let Err((status, error)) =
        check_code(&state, &headers, &address, &found, form.given()).await?
    {
        let passkey = offers_passkey(&state, found.id).await?;
        let page = second_step_form(&csrf, next.as_deref(), passkey)
            .with_errors(&code_errors(&error), &[]);
        return show(&state, &page, status);
    }
    if !factors::finish_login(&state.db, &token, now).await? {
        return Ok(start_again(next.as_deref()));
    }
    let start = SessionStart {
        user: &found,
        trusted: trusted(&state, &headers, found.id).await?,
        second_factor_at: Some(now),
        replaces: identity.session_token.as_deref(),
    };
    let to = next.unwrap_or_else(|| home_of(&found).to_owned());
    let mut response = start_session_here(&state, start, &to).await?;
    let names = Names::new(state.secure_cookies);
    cookies::set(&mut response, names.pending, "", 0, state.secure_cookies);
    Ok(response)
}

/// A passkey as the security page lists it.
#[derive(Serialize)]
struct PasskeyRow {
    id: i64,
    name: String,
    added: String,
    last_used: Option<String>,
}

#[derive(Serialize)]
struct SecurityView {
    title: String,
    csrf: String,
    admin: bool,
    totp: bool,
    recovery_left: u64,
    /// Whether this site can offer passkeys (it is served under a domain name).
    passkeys_available: bool,
    passkeys: Vec<PasskeyRow>,
    notice: Option<String>,
    error: Option<String>,
    /// The enrolment page, carrying where to go afterwards.
    enrol_href: String,
    home: &'static str,
}

async fn security_page(
    state: &AppState,
    signed: &SignedInUser,
    notice: Option<String>,
    error: Option<(StatusCode, String)>,
    next: Option<String>,
) -> Result<Response, PageError> {
    let found = factors::of(&state.db, signed.user.id).await?;
    let admin = crate::auth::extract::is_admin(&signed.user);
    let notice = notice.or_else(|| (admin && !found.any()).then(|| say("sec-admin-needs")));
    let (status, error) = error.map_or((StatusCode::OK, None), |(s, e)| (s, Some(e)));
    let passkeys = factors::passkeys::list(&state.db, signed.user.id)
        .await?
        .into_iter()
        .map(|p| PasskeyRow {
            id: p.id,
            name: p.name,
            added: p.created_at.date_naive().to_string(),
            last_used: p.last_used_at.map(|t| t.date_naive().to_string()),
        })
        .collect();
    private_page(
        state,
        "account/security.html",
        &SecurityView {
            title: say("sec-title"),
            csrf: signed.identity.csrf.0.clone(),
            admin,
            totp: found.totp,
            recovery_left: found.recovery_left,
            passkeys_available: state.webauthn.is_some(),
            passkeys,
            notice,
            error,
            enrol_href: with_next("/account/second-factor/app", next.as_deref()),
            home: home_of(&signed.user),
        },
        status,
    )
}

/// `GET /account/second-factor`
pub async fn show_security(
    State(state): State<AppState>,
    signed: SignedInUser,
    PageQuery(q): PageQuery<NextQuery>,
) -> Result<Response, PageError> {
    let notice = q.done.as_deref().map(|d| match d {
        "removed" => say("sec-app-removed"),
        "passkey" => say("sec-passkey-added"),
        "passkey-removed" => say("sec-passkey-removed"),
        _ => say("sec-done"),
    });
    security_page(&state, &signed, notice, None, local_path(q.next.as_deref())).await
}

/// The security page again, with why a change was refused.
pub(super) async fn refused_on_security_page(
    state: &AppState,
    signed: &SignedInUser,
    refusal: String,
) -> Result<Response, PageError> {
    let error = Some((StatusCode::UNPROCESSABLE_ENTITY, refusal));
    security_page(state, signed, None, error, None).await
}

#[derive(Serialize)]
struct EnrolView {
    title: String,
    csrf: String,
    secret: String,
    grouped: String,
    uri: String,
    qr: String,
    replacing: bool,
    action: String,
    error: Option<String>,
    current_error: Option<String>,
}

/// The enrolment form for `secret`.
async fn enrol_page(
    state: &AppState,
    signed: &SignedInUser,
    secret: &str,
    next: Option<&str>,
    errors: (Option<String>, Option<String>),
    status: StatusCode,
) -> Result<Response, PageError> {
    let uri = totp::uri(secret, &signed.user.email);
    let qr = totp::qr_svg(&uri).ok_or_else(|| AppError::internal("QR code"))?;
    let replacing = factors::of(&state.db, signed.user.id).await?.totp;
    private_page(
        state,
        "account/enrol_app.html",
        &EnrolView {
            title: say("sec-enrol-title"),
            csrf: signed.identity.csrf.0.clone(),
            secret: secret.to_owned(),
            grouped: totp::grouped(secret),
            uri,
            qr,
            replacing,
            action: with_next("/account/second-factor/app", next),
            error: errors.0,
            current_error: errors.1,
        },
        status,
    )
}

/// `GET /account/second-factor/app` — a new secret, as a QR code, as text and as the
/// `otpauth://` address.
pub async fn new_totp(
    State(state): State<AppState>,
    signed: SignedInUser,
    PageQuery(q): PageQuery<NextQuery>,
) -> Result<Response, PageError> {
    let next = local_path(q.next.as_deref());
    enrol_page(
        &state,
        &signed,
        &totp::new_secret(),
        next.as_deref(),
        (None, None),
        StatusCode::OK,
    )
    .await
}

/// The enrolment form: the secret shown (kept in the page) and a code from the app;
/// replacing an app also takes a code from the current one.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct EnrolForm {
    secret: String,
    code: String,
    current_code: String,
}

#[derive(Serialize)]
struct CodesView {
    title: String,
    codes: Vec<String>,
    next: String,
}

/// The page that shows a new set of recovery codes, once.
pub(super) fn recovery_codes_page(
    state: &AppState,
    codes: Vec<String>,
    next: String,
) -> Result<Response, PageError> {
    private_page(
        state,
        "account/recovery_codes.html",
        &CodesView {
            title: say("sec-codes-title"),
            codes,
            next,
        },
        StatusCode::OK,
    )
}

/// `POST /account/second-factor/app`
pub async fn create_totp(
    State(state): State<AppState>,
    signed: SignedInUser,
    ClientAddress(address): ClientAddress,
    PageQuery(q): PageQuery<NextQuery>,
    headers: HeaderMap,
    CsrfForm(form): CsrfForm<EnrolForm>,
) -> Result<Response, PageError> {
    let next = local_path(q.next.as_deref());
    let Some(secret) = totp::parse_secret(&form.secret) else {
        return Err(AppError::BadRequest(say("sec-enrol-changed")).into());
    };
    let again =
        |errors, status| enrol_page(&state, &signed, &secret, next.as_deref(), errors, status);
    let existing = factors::of(&state.db, signed.user.id).await?;
    if existing.totp
        && let Err((status, e)) =
            check_code(&state, &headers, &address, &signed.user, &form.current_code).await?
    {
        return again((None, Some(e)), status).await;
    }
    if existing.any() && !existing.totp && !signed.identity.stepped_up {
        return again((Some(say(FRESH_CHECK)), None), StatusCode::FORBIDDEN).await;
    }
    let now = state.clock.now();
    let codes = match factors::enrol_totp(&state.db, &signed.user, &secret, &form.code, now).await {
        Ok(codes) => codes,
        Err(e @ FactorError::WrongCode(_)) => {
            return again(
                (Some(e.to_string()), None),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
        Err(e) => return Err(AppError::internal(e).into()),
    };
    if let Some(token) = &signed.identity.session_token {
        factors::mark_session(&state.db, token, now).await?;
    }
    let onward = next.unwrap_or_else(|| home_of(&signed.user).to_owned());
    match codes {
        Some(codes) => recovery_codes_page(&state, codes, onward),
        None => Ok(message(
            &state,
            say("sec-app-replaced-title"),
            say("sec-app-replaced"),
            Some(Link {
                href: "/account/second-factor",
                label: say("sec-back"),
            }),
        )?
        .into_response()),
    }
}

/// `POST /account/second-factor/recovery-codes` — a new set, after a code.
pub async fn create_recovery_codes(
    State(state): State<AppState>,
    signed: SignedInUser,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<Response, PageError> {
    if let Err(refused) = check_code(&state, &headers, &address, &signed.user, &form.code).await? {
        return security_page(&state, &signed, None, Some(refused), None).await;
    }
    let codes = factors::new_recovery_codes(&state.db, signed.user.id, state.clock.now()).await?;
    recovery_codes_page(&state, codes, "/account/second-factor".into())
}

/// `POST /account/second-factor/app/delete` — after a code; admins keep theirs.
pub async fn destroy_totp(
    State(state): State<AppState>,
    signed: SignedInUser,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<Response, PageError> {
    if let Err(refused) = check_code(&state, &headers, &address, &signed.user, &form.code).await? {
        return security_page(&state, &signed, None, Some(refused), None).await;
    }
    match factors::remove_totp(&state.db, &signed.user).await {
        Ok(()) => {
            Ok(axum::response::Redirect::to("/account/second-factor?done=removed").into_response())
        }
        Err(e @ FactorError::Refused(_)) => {
            let refused = (StatusCode::UNPROCESSABLE_ENTITY, e.to_string());
            security_page(&state, &signed, None, Some(refused), None).await
        }
        Err(e) => Err(AppError::internal(e).into()),
    }
}

/// The page that asks for a second factor before a decision goes on.
pub fn step_up_page(
    state: &AppState,
    prompt: &StepUpPrompt,
    status: StatusCode,
) -> Result<Response, PageError> {
    let csrf = prompt
        .fields
        .iter()
        .find(|(k, _)| k == csrf::FIELD)
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let mut hidden: Vec<(String, String)> = prompt
        .fields
        .iter()
        .filter(|(k, _)| k != csrf::FIELD)
        .cloned()
        .collect();
    hidden.push(("return_to".into(), prompt.action.clone()));
    let mut page = FormPage {
        title: say("sec-step-up-title"),
        intro: say("sec-step-up-intro"),
        action: "/account/step-up".into(),
        submit: say("sec-step-up-submit"),
        fields: vec![code_field(say("sec-code-label"))],
        hidden,
        error: None,
        notice: None,
        links: vec![Link {
            href: "/admin",
            label: say("sec-step-up-cancel"),
        }],
        csrf,
        passkey: Some("/account/passkey-options"),
    };
    if let Some(error) = &prompt.error {
        page = page.with_errors(&code_errors(error), &[]);
    }
    show(state, &page, status)
}

/// `POST /account/step-up` — checks the code, then sends the held form on to where it
/// was going (307 keeps the method and the body).
pub async fn create_step_up(
    State(state): State<AppState>,
    signed: SignedInUser,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    CsrfForm(pairs): CsrfForm<FormPairs>,
) -> Result<Response, PageError> {
    let Some(return_to) = local_path(pairs.get("return_to")) else {
        return Err(AppError::BadRequest(say("sec-no-destination")).into());
    };
    let passkey = pairs.text("passkey");
    let code = if passkey.is_empty() {
        pairs.text("code")
    } else {
        passkey
    };
    if let Err((status, error)) =
        check_code(&state, &headers, &address, &signed.user, &code).await?
    {
        let prompt = StepUpPrompt {
            action: return_to,
            fields: pairs
                .0
                .into_iter()
                .filter(|(k, _)| !matches!(k.as_str(), "code" | "passkey" | "return_to"))
                .collect(),
            error: Some(error),
        };
        return step_up_page(&state, &prompt, status);
    }
    if let Some(token) = &signed.identity.session_token {
        factors::mark_session(&state.db, token, state.clock.now()).await?;
    }
    Ok((
        StatusCode::TEMPORARY_REDIRECT,
        [(header::LOCATION, return_to)],
    )
        .into_response())
}
