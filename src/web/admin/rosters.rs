//! The roster pages under `/admin/rosters`: a state board's licensee file uploaded to a
//! temporary file as it arrives, previewed, then applied; and the saved column mappings.

use axum::{
    extract::{Multipart, Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::{PageError, page};
use crate::web::security::check_code;
use crate::{
    accounts::factors,
    admin::roster::{self, ImportError, ImportReport, Mapping},
    auth::{ClientAddress, CsrfForm, CsrfToken, Identity, SignedInAdmin, csrf},
    error::AppError,
    progress::Silent,
    state::AppState,
    validation::quoted,
    wording::{say, say_with},
};

#[derive(Serialize)]
struct MappingRow {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) mapping: Mapping,
    pub(super) active_values: String,
    pub(super) filter_values: String,
}

#[derive(Serialize)]
struct RosterView {
    pub(super) title: String,
    pub(super) csrf: String,
    pub(super) jurisdictions: Vec<(String, String)>,
    pub(super) mappings: Vec<MappingRow>,
    pub(super) report: Option<ImportReport>,
    pub(super) error: Option<String>,
    pub(super) today: String,
    /// The state chosen in the form, kept after a preview or a refusal.
    pub(super) chosen: String,
    /// The report's state by name.
    pub(super) report_state: Option<String>,
    /// Whether the second factor was checked recently enough to apply a roster;
    /// otherwise the form asks for a code.
    pub(super) stepped_up: bool,
}

async fn roster_view(
    state: &AppState,
    csrf: String,
    report: Option<ImportReport>,
    error: Option<String>,
) -> Result<RosterView, PageError> {
    let mut licensing: Vec<_> = state
        .catalogue
        .jurisdictions
        .iter()
        .filter(|j| j.licenses_massage())
        .collect();
    licensing.sort_by(|a, b| a.name.cmp(&b.name));
    let mut mappings = Vec::new();
    for j in licensing {
        let mapping = roster::mapping_for(&state.db, &j.code).await?;
        mappings.push(MappingRow {
            active_values: mapping.active_values.join(", "),
            filter_values: mapping.filter_values.join(", "),
            code: j.code.clone(),
            name: j.name.clone(),
            mapping,
        });
    }
    let jurisdictions = state.catalogue.jurisdictions_by_name();
    let report_state = report.as_ref().map(|r| {
        jurisdictions
            .iter()
            .find(|(code, _)| *code == r.jurisdiction)
            .map_or_else(|| r.jurisdiction.clone(), |(_, name)| name.clone())
    });
    Ok(RosterView {
        title: say("ros-title"),
        csrf,
        jurisdictions,
        mappings,
        report,
        error,
        today: Utc::now().date_naive().to_string(),
        chosen: String::new(),
        report_state,
        stepped_up: true,
    })
}

/// `GET /admin/rosters`
pub async fn show_rosters(
    State(state): State<AppState>,
    _admin: SignedInAdmin,
    CsrfToken(csrf): CsrfToken,
    axum::Extension(identity): axum::Extension<Identity>,
) -> Result<Response, PageError> {
    let mut view = roster_view(&state, csrf, None, None).await?;
    view.stepped_up = identity.stepped_up;
    page(&state, "admin/rosters.html", &view, StatusCode::OK)
}

/// Writes an uploaded file to an anonymous temporary file a chunk at a time, and
/// returns it rewound: an upload is never held in memory whole.
async fn spool(mut field: axum::extract::multipart::Field<'_>) -> Result<std::fs::File, AppError> {
    use std::io::Seek;
    use tokio::io::AsyncWriteExt;
    let file = tempfile::tempfile()
        .map_err(|e| AppError::Internal(format!("cannot make a temporary file: {e}")))?;
    let mut out = tokio::fs::File::from_std(file);
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| AppError::unreadable_body(e.status(), e.body_text()))?
    {
        out.write_all(&chunk)
            .await
            .map_err(|e| AppError::Internal(format!("cannot spool the upload: {e}")))?;
    }
    out.flush()
        .await
        .map_err(|e| AppError::Internal(format!("cannot spool the upload: {e}")))?;
    let mut file = out.into_std().await;
    file.rewind()
        .map_err(|e| AppError::Internal(format!("cannot read the upload back: {e}")))?;
    Ok(file)
}

/// `POST /admin/rosters` — a CSV upload (multipart, up to `roster::UPLOAD_LIMIT`),
/// checked for its CSRF token.
pub async fn create_roster_import(
    State(state): State<AppState>,
    admin: SignedInAdmin,
    CsrfToken(csrf): CsrfToken,
    ClientAddress(address): ClientAddress,
    headers: axum::http::HeaderMap,
    axum::Extension(identity): axum::Extension<Identity>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let (mut token, mut code, mut date, mut file_name, mut second_factor) = (
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    );
    let mut options = roster::ImportOptions::default();
    let mut spooled: Option<std::fs::File> = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::unreadable_body(e.status(), e.body_text()))?
    {
        match field.name().unwrap_or_default() {
            "csrf_token" => {
                token = field
                    .text()
                    .await
                    .map_err(|e| AppError::unreadable_body(e.status(), e.body_text()))?
            }
            "jurisdiction" => {
                code = field
                    .text()
                    .await
                    .map_err(|e| AppError::unreadable_body(e.status(), e.body_text()))?
            }
            "roster_date" => {
                date = field
                    .text()
                    .await
                    .map_err(|e| AppError::unreadable_body(e.status(), e.body_text()))?
            }
            "file" => {
                file_name = field.file_name().unwrap_or("roster.csv").to_owned();
                spooled = Some(spool(field).await?);
            }
            "code" => {
                second_factor = field
                    .text()
                    .await
                    .map_err(|e| AppError::unreadable_body(e.status(), e.body_text()))?
            }
            "dry_run" => options.dry_run = true,
            "confirm" => options.confirm = true,
            _ => {}
        }
    }
    csrf::verify(&CsrfToken(csrf.clone()), &token)?;
    if code.trim().is_empty() {
        let view = roster_view(&state, csrf, None, Some(say("ros-no-state"))).await?;
        return page(
            &state,
            "admin/rosters.html",
            &view,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    // An empty date means today; anything else must be a real date, never a guess.
    let roster_date = if date.trim().is_empty() {
        Utc::now().date_naive()
    } else {
        match crate::validation::calendar_date(&date) {
            Some(d) => d,
            None => {
                let mut view = roster_view(
                    &state,
                    csrf,
                    None,
                    Some(say_with("ros-bad-date", [("date", quoted(&date).into())])),
                )
                .await?;
                view.chosen = code.trim().to_owned();
                return page(
                    &state,
                    "admin/rosters.html",
                    &view,
                    StatusCode::UNPROCESSABLE_ENTITY,
                );
            }
        }
    };
    // Applying (not previewing) is a decision: it needs a recent second factor.
    if !options.dry_run && !identity.stepped_up {
        let checked = check_code(&state, &headers, &address, &admin.user, &second_factor).await?;
        if let Err((status, refusal)) = checked {
            let mut view = roster_view(
                &state,
                csrf,
                None,
                Some(say_with("ros-step-up", [("refusal", refusal.into())])),
            )
            .await?;
            view.chosen = code.trim().to_owned();
            view.stepped_up = false;
            return page(&state, "admin/rosters.html", &view, status);
        }
        if let Some(session) = &identity.session_token {
            factors::mark_session(&state.db, session, state.clock.now()).await?;
        }
    }
    let source: Box<dyn std::io::Read + Send> = match spooled {
        Some(file) => Box::new(std::io::BufReader::new(file)),
        None => Box::new(std::io::empty()),
    };
    match roster::import(
        &state.db,
        Some(admin.user.id),
        code.trim(),
        &file_name,
        roster_date,
        source,
        options,
        &Silent,
    )
    .await
    {
        Ok(report) => {
            let mut view = roster_view(&state, csrf, Some(report), None).await?;
            view.chosen = code.trim().to_owned();
            page(&state, "admin/rosters.html", &view, StatusCode::OK)
        }
        Err(ImportError::Db(e)) => Err(e.into()),
        Err(e) => {
            let mut view = roster_view(
                &state,
                csrf,
                None,
                Some(say_with("ros-failed", [("error", e.to_string().into())])),
            )
            .await?;
            view.chosen = code.trim().to_owned();
            page(
                &state,
                "admin/rosters.html",
                &view,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}

/// A roster's column mapping as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct MappingForm {
    pub(super) has_header: Option<String>,
    pub(super) number_column: String,
    pub(super) name_column: String,
    pub(super) status_column: String,
    pub(super) expiry_column: String,
    pub(super) active_values: String,
    pub(super) date_format: String,
    pub(super) filter_column: String,
    pub(super) filter_values: String,
    pub(super) number_prefix: String,
    pub(super) drop_leading_zeros: Option<String>,
}

/// `POST /admin/rosters/mappings/{code}`
pub async fn update_roster_mapping(
    State(state): State<AppState>,
    admin: SignedInAdmin,
    CsrfToken(csrf): CsrfToken,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm<MappingForm>,
) -> Result<Response, PageError> {
    let list = |v: &str| -> Vec<String> {
        v.split(',')
            .map(|v| v.trim().to_lowercase())
            .filter(|v| !v.is_empty())
            .collect()
    };
    let mapping = Mapping {
        has_header: form.has_header.is_some(),
        number_column: form.number_column.trim().to_owned(),
        name_column: form.name_column.trim().to_owned(),
        status_column: form.status_column.trim().to_owned(),
        expiry_column: form.expiry_column.trim().to_owned(),
        active_values: list(&form.active_values),
        date_format: form.date_format.trim().to_owned(),
        filter_column: form.filter_column.trim().to_owned(),
        filter_values: list(&form.filter_values),
        number_prefix: form.number_prefix.trim().to_owned(),
        drop_leading_zeros: form.drop_leading_zeros.is_some(),
    };
    match roster::save_mapping(&state.db, admin.user.id, &code, &mapping).await {
        Ok(()) => Ok(Redirect::to("/admin/rosters").into_response()),
        Err(ImportError::Db(e)) => Err(e.into()),
        Err(e) => {
            let view = roster_view(&state, csrf, None, Some(e.to_string())).await?;
            page(
                &state,
                "admin/rosters.html",
                &view,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}
