//! Account pages: sign up, verify email, log in and out, forgotten and changed
//! passwords.

use axum::{
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
};
use axum_extra::extract::cookie::CookieJar;
use serde::{Deserialize, Serialize};

use super::{
    errors::PageError,
    templates::{private_page, render},
};
use crate::{
    accounts::{self, AccountError, LogIn, SignUp, factors},
    auth::{
        ClientAddress, CsrfForm, CsrfToken, Identity, SignedIn,
        cookies::{self, DEVICE_DAYS, Names, SESSION_DAYS},
        extract::is_admin,
        gate::ENROL_PAGE,
        home_of, local_path,
    },
    entities::user as accounts_user,
    error::{AppError, FieldErrors},
    form::PageQuery,
    state::AppState,
    wording::{say, say_with},
};

/// One input of an account form.
#[derive(Debug, Serialize)]
pub(super) struct Field {
    pub(super) name: &'static str,
    pub(super) label: String,
    pub(super) kind: &'static str,
    pub(super) value: String,
    pub(super) error: Option<String>,
    pub(super) autocomplete: &'static str,
}

impl Field {
    pub(super) fn new(
        name: &'static str,
        label: String,
        kind: &'static str,
        autocomplete: &'static str,
    ) -> Self {
        Self {
            name,
            label,
            kind,
            value: String::new(),
            error: None,
            autocomplete,
        }
    }
}

#[derive(Debug, Serialize)]
pub(super) struct Link {
    pub(super) href: &'static str,
    pub(super) label: String,
}

/// A whole account form page.
#[derive(Debug, Serialize)]
pub(super) struct FormPage {
    pub(super) title: String,
    pub(super) intro: String,
    pub(super) action: String,
    pub(super) submit: String,
    pub(super) fields: Vec<Field>,
    pub(super) hidden: Vec<(String, String)>,
    pub(super) error: Option<String>,
    pub(super) notice: Option<String>,
    pub(super) links: Vec<Link>,
    pub(super) csrf: String,
    /// Where the page's "Use a passkey" button asks for a passkey check, if it has one.
    pub(super) passkey: Option<&'static str>,
}

impl FormPage {
    /// The page again with the messages and what was typed (never a password).
    pub(super) fn with_errors(mut self, errors: &FieldErrors, typed: &[(&str, &str)]) -> Self {
        for f in &mut self.fields {
            f.error = errors.get(f.name).cloned();
            if f.kind != "password"
                && let Some((_, value)) = typed.iter().find(|(name, _)| *name == f.name)
            {
                (*value).clone_into(&mut f.value);
            }
        }
        self
    }
}

/// The log-in form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct Credentials {
    email: String,
    password: String,
}

/// A form that asks only for an email address.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct EmailForm {
    email: String,
}

/// The new-password form a reset link opens.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ResetForm {
    token: String,
    password: String,
}

/// The change-password form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ChangePasswordForm {
    current_password: String,
    password: String,
}

#[derive(Serialize)]
struct MessagePage {
    title: String,
    message: String,
    link: Option<Link>,
}

pub(super) fn show(
    state: &AppState,
    page: &FormPage,
    status: StatusCode,
) -> Result<Response, PageError> {
    private_page(state, "account/form.html", page, status)
}

pub(super) fn message(
    state: &AppState,
    title: String,
    message: String,
    link: Option<Link>,
) -> Result<Html<String>, PageError> {
    render(
        &state.templates,
        "account/message.html",
        &MessagePage {
            title,
            message,
            link,
        },
    )
}

fn signup_form(csrf: &str) -> FormPage {
    FormPage {
        title: say("acct-join"),
        intro: say("acct-join-intro"),
        action: "/signup".into(),
        submit: say("acct-create"),
        fields: vec![
            Field::new("display_name", say("acct-display-name"), "text", "name"),
            Field::new("email", say("acct-email"), "email", "email"),
            Field::new(
                "password",
                say("acct-new-password-first"),
                "password",
                "new-password",
            ),
        ],
        hidden: Vec::new(),
        error: None,
        notice: None,
        links: vec![Link {
            href: "/login",
            label: say("acct-have-account"),
        }],
        csrf: csrf.to_owned(),
        passkey: None,
    }
}

/// `GET /signup`
pub async fn new_signup(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    show(&state, &signup_form(&csrf), StatusCode::OK)
}

/// `POST /signup`
pub async fn create_signup(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    ClientAddress(address): ClientAddress,
    CsrfForm(input): CsrfForm<SignUp>,
) -> Result<Response, PageError> {
    let typed = [
        ("email", input.email.as_str()),
        ("display_name", input.display_name.as_str()),
    ];
    match accounts::sign_up(&state.db, &input, &address, &state.public_url).await {
        Ok(()) => Ok(message(
            &state,
            say("acct-check-email"),
            say("acct-check-email-signup"),
            None,
        )?
        .into_response()),
        Err(AccountError::Invalid(errors)) => show(
            &state,
            &signup_form(&csrf).with_errors(&errors, &typed),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e @ AccountError::Throttled(_)) => {
            let mut page = signup_form(&csrf).with_errors(&FieldErrors::new(), &typed);
            page.error = Some(e.to_string());
            show(&state, &page, StatusCode::TOO_MANY_REQUESTS)
        }
        Err(e) => Err(AppError::internal(e).into()),
    }
}

/// The `token` of a one-time link.
#[derive(Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

/// `GET /verify-email?token=…`
pub async fn show_verify_email(
    State(state): State<AppState>,
    PageQuery(q): PageQuery<TokenQuery>,
) -> Result<Response, PageError> {
    match accounts::verify_email(&state.db, q.token.as_deref().unwrap_or_default()).await {
        Ok(_) => Ok(message(
            &state,
            say("acct-email-confirmed"),
            say("acct-email-confirmed-text"),
            Some(Link {
                href: "/login",
                label: say("acct-login"),
            }),
        )?
        .into_response()),
        Err(AccountError::BadToken) => {
            Err(AppError::BadRequest(AccountError::BadToken.to_string()).into())
        }
        Err(e) => Err(AppError::internal(e).into()),
    }
}

/// `path`, with `?next=` when a page asked to come back to it.
pub(super) fn with_next(path: &str, next: Option<&str>) -> String {
    match next {
        Some(next) => format!(
            "{path}?next={}",
            url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
        ),
        None => path.to_owned(),
    }
}

fn login_form(csrf: &str, next: Option<&str>) -> FormPage {
    FormPage {
        title: say("acct-login"),
        intro: say("acct-login-intro"),
        action: with_next("/login", next),
        submit: say("acct-login"),
        fields: vec![
            Field::new("email", say("acct-email"), "email", "email"),
            Field::new(
                "password",
                say("acct-password"),
                "password",
                "current-password",
            ),
        ],
        hidden: Vec::new(),
        error: None,
        notice: None,
        links: vec![
            Link {
                href: "/forgot-password",
                label: say("acct-forgot-link"),
            },
            Link {
                href: "/signup",
                label: say("acct-new-here"),
            },
        ],
        csrf: csrf.to_owned(),
        passkey: None,
    }
}

/// Where to go after logging in, and a notice to show.
#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    reset: Option<String>,
    expired: Option<String>,
}

/// `GET /login`
pub async fn new_login(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    PageQuery(q): PageQuery<LoginQuery>,
) -> Result<Response, PageError> {
    let mut page = login_form(&csrf, local_path(q.next.as_deref()).as_deref());
    if q.reset.is_some() {
        page.notice = Some(say("acct-password-reset-done"));
    }
    if q.expired.is_some() {
        page.notice = Some(say_with(
            "acct-login-expired",
            [("minutes", factors::PENDING_MINUTES.into())],
        ));
    }
    show(&state, &page, StatusCode::OK)
}

/// `POST /login` — starts a new session (the id is rotated, and with it the CSRF
/// token) and marks this browser as trusted by the account.
pub async fn create_login(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    ClientAddress(address): ClientAddress,
    PageQuery(q): PageQuery<LoginQuery>,
    headers: HeaderMap,
    axum::Extension(identity): axum::Extension<Identity>,
    CsrfForm(form): CsrfForm<Credentials>,
) -> Result<Response, PageError> {
    let next = local_path(q.next.as_deref());
    let names = Names::new(state.secure_cookies);
    let device = CookieJar::from_headers(&headers)
        .get(names.device)
        .map(|c| c.value().to_owned());
    let attempt = LogIn {
        email: &form.email,
        password: &form.password,
        address: &address,
        device: device.as_deref(),
    };
    let logged_in = match accounts::log_in(&state.db, attempt, &state.public_url).await {
        Ok(found) => found,
        Err(
            e @ (AccountError::WrongCredentials
            | AccountError::Throttled(_)
            | AccountError::Unverified),
        ) => {
            let status = if matches!(e, AccountError::Throttled(_)) {
                StatusCode::TOO_MANY_REQUESTS
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let mut page = login_form(&csrf, next.as_deref())
                .with_errors(&FieldErrors::new(), &[("email", form.email.as_str())]);
            page.error = Some(e.to_string());
            return show(&state, &page, status);
        }
        Err(e) => return Err(AppError::internal(e).into()),
    };
    let user = logged_in.user;
    let now = state.clock.now();
    if factors::of(&state.db, user.id).await?.any() {
        let pending = factors::begin_login(&state.db, user.id, now).await?;
        tracing::info!(user.id = user.id, "password accepted; second factor asked");
        let mut response = Redirect::to(&with_next(SECOND_STEP, next.as_deref())).into_response();
        cookies::set(
            &mut response,
            names.pending,
            &pending,
            1,
            state.secure_cookies,
        );
        return Ok(response);
    }
    // An admin without a second factor gets a session that reaches only the page
    // that enrols one.
    let to = if is_admin(&user) {
        with_next(ENROL_PAGE, next.as_deref())
    } else {
        next.unwrap_or_else(|| home_of(&user).to_owned())
    };
    let start = SessionStart {
        user: &user,
        trusted: logged_in.trusted,
        second_factor_at: None,
        replaces: identity.session_token.as_deref(),
    };
    start_session_here(&state, start, &to).await
}

/// The page of a log-in's second step.
pub(super) const SECOND_STEP: &str = "/login/second-factor";

/// A session about to start in this browser.
pub(super) struct SessionStart<'a> {
    pub(super) user: &'a accounts_user::Model,
    /// Whether the browser was already trusted by the account.
    pub(super) trusted: bool,
    pub(super) second_factor_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The session this browser had, which ends (the id is rotated, and with it the
    /// CSRF token).
    pub(super) replaces: Option<&'a str>,
}

/// Starts a session and sends the browser on to `to` (see [`start_session_with`]).
pub(super) async fn start_session_here(
    state: &AppState,
    start: SessionStart<'_>,
    to: &str,
) -> Result<Response, PageError> {
    start_session_with(state, start, Redirect::to(to).into_response()).await
}

/// Starts a session and sets its cookie on `response`, with a trusted-device cookie
/// for a browser the account did not know yet.
pub(super) async fn start_session_with(
    state: &AppState,
    start: SessionStart<'_>,
    mut response: Response,
) -> Result<Response, PageError> {
    let names = Names::new(state.secure_cookies);
    if let Some(old) = start.replaces {
        accounts::end_session(&state.db, old).await?;
    }
    let token = accounts::start_session(&state.db, start.user.id, start.second_factor_at).await?;
    tracing::info!(user.id = start.user.id, "logged in");
    cookies::set(
        &mut response,
        names.session,
        &token,
        SESSION_DAYS,
        state.secure_cookies,
    );
    if !start.trusted {
        let device = accounts::trust_device(&state.db, start.user.id).await?;
        cookies::set(
            &mut response,
            names.device,
            &device,
            DEVICE_DAYS,
            state.secure_cookies,
        );
    }
    Ok(response)
}

/// `POST /logout`
pub async fn destroy_session(
    State(state): State<AppState>,
    axum::Extension(identity): axum::Extension<Identity>,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    if let Some(token) = &identity.session_token {
        accounts::end_session(&state.db, token).await?;
    }
    let mut response = Redirect::to("/").into_response();
    let names = Names::new(state.secure_cookies);
    cookies::set(&mut response, names.session, "", 0, state.secure_cookies);
    Ok(response)
}

fn forgot_form(csrf: &str) -> FormPage {
    FormPage {
        title: say("acct-reset-title"),
        intro: say("acct-forgot-intro"),
        action: "/forgot-password".into(),
        submit: say("acct-send-link"),
        fields: vec![Field::new("email", say("acct-email"), "email", "email")],
        hidden: Vec::new(),
        error: None,
        notice: None,
        links: vec![Link {
            href: "/login",
            label: say("acct-back-login"),
        }],
        csrf: csrf.to_owned(),
        passkey: None,
    }
}

/// `GET /forgot-password`
pub async fn new_password_reset(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    show(&state, &forgot_form(&csrf), StatusCode::OK)
}

/// `POST /forgot-password` — answers the same whether or not the address has an account.
pub async fn create_password_reset(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    ClientAddress(address): ClientAddress,
    CsrfForm(form): CsrfForm<EmailForm>,
) -> Result<Response, PageError> {
    match accounts::request_reset(&state.db, &form.email, &address, &state.public_url).await {
        Ok(()) => {}
        Err(e @ AccountError::Throttled(_)) => {
            let mut page = forgot_form(&csrf)
                .with_errors(&FieldErrors::new(), &[("email", form.email.as_str())]);
            page.error = Some(e.to_string());
            return show(&state, &page, StatusCode::TOO_MANY_REQUESTS);
        }
        Err(e) => return Err(AppError::internal(e).into()),
    }
    Ok(message(
        &state,
        say("acct-check-email"),
        say("acct-forgot-sent"),
        None,
    )?
    .into_response())
}

fn reset_form(csrf: &str, token: &str) -> FormPage {
    FormPage {
        title: say("acct-choose-title"),
        intro: say("acct-choose-intro"),
        action: "/reset-password".into(),
        submit: say("acct-save-password"),
        fields: vec![Field::new(
            "password",
            say("acct-new-password"),
            "password",
            "new-password",
        )],
        hidden: vec![("token".into(), token.to_owned())],
        error: None,
        notice: None,
        links: Vec::new(),
        csrf: csrf.to_owned(),
        passkey: None,
    }
}

/// `GET /reset-password?token=…`
pub async fn edit_password_reset(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    PageQuery(q): PageQuery<TokenQuery>,
) -> Result<Response, PageError> {
    show(
        &state,
        &reset_form(&csrf, q.token.as_deref().unwrap_or_default()),
        StatusCode::OK,
    )
}

/// `POST /reset-password`
pub async fn update_password_reset(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(form): CsrfForm<ResetForm>,
) -> Result<Response, PageError> {
    let token = form.token.trim().to_owned();
    match accounts::reset_password(&state.db, &token, &form.password).await {
        Ok(device) => {
            let mut response = Redirect::to("/login?reset=1").into_response();
            let names = Names::new(state.secure_cookies);
            cookies::set(
                &mut response,
                names.device,
                &device,
                DEVICE_DAYS,
                state.secure_cookies,
            );
            Ok(response)
        }
        Err(AccountError::Invalid(errors)) => show(
            &state,
            &reset_form(&csrf, &token).with_errors(&errors, &[]),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(AccountError::BadToken) => {
            Err(AppError::BadRequest(AccountError::BadToken.to_string()).into())
        }
        Err(e) => Err(AppError::internal(e).into()),
    }
}

fn change_form(csrf: &str) -> FormPage {
    FormPage {
        title: say("acct-change-title"),
        intro: say("acct-change-intro"),
        action: "/account/password".into(),
        submit: say("dash-link-password"),
        fields: vec![
            Field::new(
                "current_password",
                say("acct-current-password"),
                "password",
                "current-password",
            ),
            Field::new(
                "password",
                say("acct-new-password"),
                "password",
                "new-password",
            ),
        ],
        hidden: Vec::new(),
        error: None,
        notice: None,
        links: vec![Link {
            href: "/dashboard",
            label: say("dash-back"),
        }],
        csrf: csrf.to_owned(),
        passkey: None,
    }
}

/// `GET /account/password`
pub async fn edit_password(
    State(state): State<AppState>,
    _signed_in: SignedIn,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    show(&state, &change_form(&csrf), StatusCode::OK)
}

/// `POST /account/password` — ends the old sessions and starts a new one here.
pub async fn update_password(
    State(state): State<AppState>,
    signed_in: SignedIn,
    CsrfToken(csrf): CsrfToken,
    axum::Extension(identity): axum::Extension<Identity>,
    CsrfForm(form): CsrfForm<ChangePasswordForm>,
) -> Result<Response, PageError> {
    match accounts::change_password(
        &state.db,
        signed_in.user,
        &form.current_password,
        &form.password,
        identity.second_factor_at,
    )
    .await
    {
        Ok(token) => {
            let mut response = message(
                &state,
                say("acct-password-changed"),
                say("acct-password-changed-text"),
                Some(Link {
                    href: "/dashboard",
                    label: say("dash-back"),
                }),
            )?
            .into_response();
            cookies::set(
                &mut response,
                Names::new(state.secure_cookies).session,
                &token,
                SESSION_DAYS,
                state.secure_cookies,
            );
            Ok(response)
        }
        Err(AccountError::Invalid(errors)) => show(
            &state,
            &change_form(&csrf).with_errors(&errors, &[]),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => Err(AppError::internal(e).into()),
    }
}
