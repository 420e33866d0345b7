//! Outcome logs: the list, a new entry, and the CSV export.
use std::collections::BTreeMap;

use axum::{extract::State, http::StatusCode, response::Response};
use serde::Serialize;

use super::{edit_error, options, saved};
use crate::{
    auth::{CsrfForm, CsrfToken, SignedIn},
    error::FieldErrors,
    practitioners::{
        self,
        editor::{self, EditError},
    },
    reference,
    state::AppState,
    web::{errors::PageError, search::FormOption, templates::private_page as page},
};

#[derive(Serialize)]
struct OutcomeRow {
    session_date: String,
    region: String,
    pain_before: i16,
    pain_after: i16,
}

#[derive(Serialize)]
struct OutcomeView {
    title: String,
    csrf: String,
    rows: Vec<OutcomeRow>,
    regions: Vec<FormOption>,
    summary: Option<String>,
    typed: BTreeMap<String, String>,
    errors: FieldErrors,
}

async fn outcome_view(
    state: &AppState,
    s: &SignedIn,
    csrf: String,
    typed: Option<&editor::OutcomeInput>,
    errors: FieldErrors,
) -> Result<OutcomeView, PageError> {
    let rows = editor::outcomes(&state.db, &s.practitioner).await?;
    let logs: Vec<(i16, i16)> = rows
        .iter()
        .map(|(o, _)| (o.pain_before, o.pain_after))
        .collect();
    let regions = reference::body_regions(&state.db).await?;
    let blank = editor::OutcomeInput::default();
    let t = typed.unwrap_or(&blank);
    let typed_values: BTreeMap<String, String> = [
        (
            "session_date",
            crate::form::date_field_value(&t.session_date),
        ),
        ("region", t.region.clone()),
        ("pain_before", t.pain_before.clone()),
        ("pain_after", t.pain_after.clone()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    Ok(OutcomeView {
        title: crate::wording::say("out-title"),
        csrf,
        summary: practitioners::outcome_summary(&logs).map(|o| {
            crate::wording::say_with(
                "out-summary",
                [
                    ("before", format!("{:.1}", o.median_before).into()),
                    ("after", format!("{:.1}", o.median_after).into()),
                    ("count", o.count.into()),
                ],
            )
        }),
        rows: rows
            .into_iter()
            .map(|(o, region)| OutcomeRow {
                session_date: o.session_date.to_string(),
                region: super::region_label(state, &region),
                pain_before: o.pain_before,
                pain_after: o.pain_after,
            })
            .collect(),
        regions: options(
            regions
                .into_iter()
                .map(|(slug, _)| (slug.clone(), super::region_label(state, &slug))),
            &[typed_values.get("region").cloned().unwrap_or_default()],
        ),
        typed: typed_values,
        errors,
    })
}

/// `GET /dashboard/outcomes`
pub async fn list_outcomes(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, PageError> {
    let view = outcome_view(&state, &s, csrf, None, FieldErrors::new()).await?;
    page(&state, "dashboard/outcomes.html", &view, StatusCode::OK)
}

/// `POST /dashboard/outcomes`
pub async fn create_outcome(
    State(state): State<AppState>,
    s: SignedIn,
    CsrfToken(csrf): CsrfToken,
    CsrfForm(input): CsrfForm<editor::OutcomeInput>,
) -> Result<Response, PageError> {
    match editor::add_outcome(&state.db, &s.practitioner, &input).await {
        Ok(()) => Ok(saved("/dashboard/outcomes")),
        Err(EditError::Invalid(errors)) => {
            let view = outcome_view(&state, &s, csrf, Some(&input), errors).await?;
            page(
                &state,
                "dashboard/outcomes.html",
                &view,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(edit_error(e)),
    }
}

/// `GET /dashboard/outcomes.csv`
pub async fn export_outcomes(
    State(state): State<AppState>,
    s: SignedIn,
) -> Result<Response, PageError> {
    let rows = editor::outcomes(&state.db, &s.practitioner).await?;
    super::csv_file("outcomes.csv", editor::outcomes_csv(&rows))
}
