//! Working hours: the week, session lengths, buffer, horizon, notice and time off, with
//! the next open times they give.

use axum::{extract::State, http::StatusCode, response::Response};
use serde::Serialize;

use super::{edit_error, saved};
use crate::{
    auth::{CsrfForm, CsrfToken, SignedIn},
    error::FieldErrors,
    practitioners::editor::{self, EditError, HoursInput},
    schedule,
    state::AppState,
    web::{
        errors::PageError,
        open_times::{self, DayTimes},
        search::FormOption,
        templates::private_page as page,
    },
    wording,
};

#[derive(Serialize)]
struct DayField {
    field: &'static str,
    label: String,
    value: String,
}

#[derive(Serialize)]
struct HoursView {
    title: String,
    csrf: String,
    /// The practice's zone as read, or `None` while its location gives none.
    zone: Option<String>,
    days: Vec<DayField>,
    lengths: Vec<FormOption>,
    typed: HoursInput,
    errors: FieldErrors,
    /// The open times of the next 7 days, as the profile shows them.
    preview: Vec<DayTimes>,
}

async fn hours_view(
    state: &AppState,
    s: &SignedIn,
    csrf: String,
    typed: Option<HoursInput>,
    errors: FieldErrors,
) -> Result<HoursView, PageError> {
    let p = &s.practitioner;
    let stored = schedule::stored(&state.db, p.id).await?;
    let now = state.clock.now();
    let zone = state
        .geocoder
        .time_zone(p.postal_code.as_deref(), p.lat.zip(p.lng));
    let preview = stored
        .as_ref()
        .and_then(schedule::Stored::plan)
        .map(|plan| {
            open_times::by_day(
                &plan.open_slots(&[], now, plan.today(now), 7),
                &plan.lengths,
            )
        })
        .unwrap_or_default();
    let typed = typed.unwrap_or_else(|| HoursInput::from_stored(stored.as_ref()));
    Ok(HoursView {
        title: wording::say("hours-title"),
        csrf,
        zone: zone.map(|z| open_times::zone_label(z, now)),
        days: editor::WEEKDAYS
            .iter()
            .zip(typed.days())
            .enumerate()
            .map(|(n, (field, value))| DayField {
                field,
                label: wording::capitalised(&wording::say(&format!("weekday-{n}"))),
                value: value.to_owned(),
            })
            .collect(),
        lengths: schedule::LENGTHS
            .iter()
            .map(|l| FormOption {
                value: l.to_string(),
                label: wording::say_with("inbox-minutes", [("minutes", (*l).into())]),
                selected: typed.lengths.iter().any(|t| t.trim() == l.to_string()),
            })
            .collect(),
        typed,
        errors,
        preview,
    })
}

/// `GET /dashboard/hours`
pub async fn edit_hours(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    let view = hours_view(&state, &s, csrf, None, FieldErrors::new()).await?;
    page(&state, "dashboard/hours.html", &view, StatusCode::OK)
}

/// `POST /dashboard/hours`
pub async fn update_hours(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(input): CsrfForm<HoursInput>,
) -> Result<Response, PageError> {
    let p = &s.practitioner;
    let zone = state
        .geocoder
        .time_zone(p.postal_code.as_deref(), p.lat.zip(p.lng));
    match editor::save_hours(&state.db, zone, p, &input).await {
        Ok(()) => {
            state.plans.forget(p.id);
            Ok(saved("/dashboard/hours"))
        }
        Err(EditError::Invalid(errors)) => {
            let view = hours_view(&state, &s, csrf, Some(input), errors).await?;
            page(
                &state,
                "dashboard/hours.html",
                &view,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(edit_error(e)),
    }
}
