//! The dashboard's home: what needs attention, publishing, availability and the
//! "my profile is up to date" confirmation.

use axum::{extract::State, http::StatusCode, response::Response};
use serde::{Deserialize, Serialize};

use super::{edit_error, saved, section_url};
use crate::{
    auth::{CsrfForm, CsrfToken, SignedIn},
    error::AppError,
    form::PageQuery,
    policy,
    practitioners::editor::{self, EditError},
    state::AppState,
    web::{errors::PageError, templates::private_page as page},
    wording::say,
};

#[derive(Serialize)]
struct AttentionView {
    message: String,
    url: &'static str,
}

#[derive(Serialize)]
struct HomeView {
    title: String,
    csrf: String,
    display_name: String,
    email: String,
    listed: bool,
    suspended: bool,
    public_url: String,
    attention: Vec<AttentionView>,
    accepting: Option<bool>,
    error: Option<String>,
    notice: Option<String>,
}

/// Notices after a redirect.
#[derive(Deserialize)]
pub struct Notice {
    /// What was saved.
    pub saved: Option<String>,
}

async fn home_view(
    state: &AppState,
    s: &SignedIn,
    csrf: String,
    error: Option<String>,
    notice: Option<String>,
) -> Result<HomeView, PageError> {
    let p = &s.practitioner;
    let now = chrono::Utc::now();
    Ok(HomeView {
        title: say("dash-title"),
        csrf,
        display_name: p.display_name.clone(),
        email: s.user.email.clone(),
        listed: p.listed,
        suspended: p.suspended_at.is_some(),
        public_url: format!("/p/{}", p.slug),
        attention: editor::attention(&state.db, p)
            .await?
            .into_iter()
            .map(|a| AttentionView {
                message: a.message,
                url: section_url(a.section),
            })
            .collect(),
        accepting: policy::current_availability(
            p.accepting_new_clients,
            p.accepting_confirmed_at,
            now,
        ),
        error,
        notice,
    })
}

/// `GET /dashboard`
pub async fn show_dashboard(
    State(state): State<AppState>,
    signed_in: SignedIn,
    CsrfToken(csrf): CsrfToken,
    PageQuery(q): PageQuery<Notice>,
) -> Result<Response, PageError> {
    let notice = q.saved.map(|what| {
        say(match what.as_str() {
            "published" => "dash-saved-published",
            "unpublished" => "dash-saved-unpublished",
            "confirmed" => "dash-saved-confirmed",
            _ => "dash-saved",
        })
    });
    let view = home_view(&state, &signed_in, csrf, None, notice).await?;
    page(&state, "dashboard/home.html", &view, StatusCode::OK)
}

/// `POST /dashboard/confirm-profile`
pub async fn confirm_profile(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    editor::confirm_profile(&state.db, &s.practitioner)
        .await
        .map_err(edit_error)?;
    Ok(saved("/dashboard?saved=confirmed"))
}

/// The availability form: `accepting` is `yes` or `no`.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct AvailabilityForm {
    accepting: String,
}

/// `POST /dashboard/availability`
pub async fn update_availability(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfForm(form): CsrfForm<AvailabilityForm>,
) -> Result<Response, PageError> {
    let accepting = match form.accepting.trim() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::field("accepting", say("dash-yes-or-no")).into()),
    };
    editor::set_availability(&state.db, &s.practitioner, accepting)
        .await
        .map_err(edit_error)?;
    Ok(saved("/dashboard?saved=availability"))
}

/// `POST /dashboard/publish`
pub async fn publish_profile(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    match editor::publish(&state.db, &s.practitioner).await {
        Ok(()) => Ok(saved("/dashboard?saved=published")),
        Err(EditError::Invalid(errors)) => {
            let view = home_view(&state, &s, csrf, errors.get("publish").cloned(), None).await?;
            page(
                &state,
                "dashboard/home.html",
                &view,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(edit_error(e)),
    }
}

/// `POST /dashboard/unpublish` — also leaves search at once, not only via the job.
pub async fn unpublish_profile(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfForm(_): CsrfForm,
) -> Result<Response, PageError> {
    editor::unpublish(&state.db, &s.practitioner)
        .await
        .map_err(edit_error)?;
    if let Err(e) = state.search.remove(&[s.practitioner.id]).await {
        tracing::warn!(practitioner.id = s.practitioner.id, error = %e, "immediate removal failed; the job will retry");
    }
    Ok(saved("/dashboard?saved=unpublished"))
}
