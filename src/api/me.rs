//! The signed-in practitioner's own data as JSON: draft profile, licences, outcome
//! logs and inbox. Read-only and scoped to the session's user, so one practitioner
//! can never reach another's rows through the API.

use axum::{Json, extract::State};
use chrono::Utc;
use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    auth::ApiPractitioner,
    error::{AppError, ErrorEnvelope},
    practitioners::{self, contact, editor},
    state::AppState,
};

/// The practitioner's own profile, published or not.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyProfileDto {
    /// URL slug.
    pub slug: String,
    /// Name.
    pub display_name: String,
    /// Practice name.
    pub practice_name: Option<String>,
    /// About.
    pub bio: String,
    /// City.
    pub city: String,
    /// State.
    pub region: String,
    /// Published in the directory.
    pub listed: bool,
    /// Suspended by the admins.
    pub suspended: bool,
    /// Modality slugs.
    pub modalities: Vec<String>,
    /// Regions of focus.
    pub focus_regions: Vec<String>,
    /// What the profile still needs before publishing.
    pub missing: Vec<String>,
}

/// A licence as its owner sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyLicenceDto {
    /// Id.
    pub id: i64,
    /// Jurisdiction code.
    pub jurisdiction: String,
    /// Number.
    pub number: String,
    /// Kind.
    pub kind: String,
    /// Status today.
    pub status: String,
    /// Why it was rejected.
    pub rejection_reason: Option<String>,
    /// Expiry (ISO date).
    pub expires_on: Option<String>,
}

/// One logged session.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyOutcomeDto {
    /// Session date.
    pub session_date: String,
    /// Region slug.
    pub region: String,
    /// Pain before.
    pub pain_before: i16,
    /// Pain after.
    pub pain_after: i16,
}

/// One appointment request.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyMessageDto {
    /// Sender's name.
    pub name: String,
    /// Sender's email.
    pub email: String,
    /// The message.
    pub message: String,
    /// Received (RFC 3339).
    pub received: String,
}

/// Your own profile, draft or published.
#[utoipa::path(get, path = "/api/v1/me/profile", responses(
    (status = 200, description = "Your profile", body = MyProfileDto),
    (status = 401, description = "Not signed in", body = ErrorEnvelope),
    (status = 403, description = "Not a practitioner", body = ErrorEnvelope),
), tag = "me")]
pub async fn show_my_profile(
    State(state): State<AppState>,
    ApiPractitioner(p): ApiPractitioner,
) -> Result<Json<MyProfileDto>, AppError> {
    let focus = practitioners::focus_of(&state.db, p.id).await?;
    let chosen = |list: Vec<practitioners::Choice>| {
        list.into_iter()
            .filter(|c| c.chosen)
            .map(|c| c.slug)
            .collect()
    };
    let missing = editor::missing_for_publishing(&state.db, &p)
        .await?
        .into_iter()
        .map(|m| m.label())
        .collect();
    Ok(Json(MyProfileDto {
        modalities: chosen(focus.modalities),
        focus_regions: chosen(focus.regions),
        missing,
        suspended: p.suspended_at.is_some(),
        slug: p.slug,
        display_name: p.display_name,
        practice_name: p.practice_name,
        bio: p.bio,
        city: p.city,
        region: p.region_code,
        listed: p.listed,
    }))
}

/// Your licences and their status.
#[utoipa::path(get, path = "/api/v1/me/licences", responses(
    (status = 200, description = "Your licences", body = Vec<MyLicenceDto>),
    (status = 401, description = "Not signed in", body = ErrorEnvelope),
), tag = "me")]
pub async fn list_my_licences(
    State(state): State<AppState>,
    ApiPractitioner(p): ApiPractitioner,
) -> Result<Json<Vec<MyLicenceDto>>, AppError> {
    let today = Utc::now().date_naive();
    Ok(Json(
        editor::licences_of(&state.db, &p)
            .await?
            .into_iter()
            .map(|l| MyLicenceDto {
                id: l.id,
                status: practitioners::effective_status(&l, today).to_owned(),
                jurisdiction: l.jurisdiction,
                number: l.number,
                kind: l.kind,
                rejection_reason: l.rejection_reason,
                expires_on: l.expires_on.map(|d| d.to_string()),
            })
            .collect(),
    ))
}

/// Your outcome logs, newest first.
#[utoipa::path(get, path = "/api/v1/me/outcomes", responses(
    (status = 200, description = "Your outcome logs", body = Vec<MyOutcomeDto>),
    (status = 401, description = "Not signed in", body = ErrorEnvelope),
), tag = "me")]
pub async fn list_my_outcomes(
    State(state): State<AppState>,
    ApiPractitioner(p): ApiPractitioner,
) -> Result<Json<Vec<MyOutcomeDto>>, AppError> {
    Ok(Json(
        editor::outcomes(&state.db, &p)
            .await?
            .into_iter()
            .map(|(o, region)| MyOutcomeDto {
                session_date: o.session_date.to_string(),
                region,
                pain_before: o.pain_before,
                pain_after: o.pain_after,
            })
            .collect(),
    ))
}

/// Your inbox of appointment requests, newest first.
#[utoipa::path(get, path = "/api/v1/me/inbox", responses(
    (status = 200, description = "Your inbox", body = Vec<MyMessageDto>),
    (status = 401, description = "Not signed in", body = ErrorEnvelope),
), tag = "me")]
pub async fn list_my_inbox(
    State(state): State<AppState>,
    ApiPractitioner(p): ApiPractitioner,
) -> Result<Json<Vec<MyMessageDto>>, AppError> {
    Ok(Json(
        contact::inbox(&state.db, &p)
            .await?
            .into_iter()
            .map(|m| MyMessageDto {
                name: m.name,
                email: m.email,
                message: m.message,
                received: m.created_at.to_rfc3339(),
            })
            .collect(),
    ))
}
