//! The JSON API under `/api`. Every route is listed here; errors use the envelope
//! `{"error":{"code","message","fields"}}`. The OpenAPI 3.1 document is generated
//! from the handlers and DTOs and served at `/api/openapi.json`.

mod admin;
pub mod dto;
pub mod extract;
mod me;
mod practitioners;
mod questionnaire;

use axum::{
    Json, Router,
    routing::{get, post},
};
use utoipa::OpenApi;

use crate::{app::AppState, error::AppError};

/// The OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Clinical Therapist Finder API",
        description = "Search licensed, clinically trained massage therapists, and match a pain pattern after a safety screen. This finder does not diagnose."
    ),
    paths(
        practitioners::list_practitioners,
        practitioners::show_practitioner,
        questionnaire::show_questionnaire,
        questionnaire::create_match,
        me::show_my_profile,
        me::list_my_licences,
        me::list_my_outcomes,
        me::list_my_inbox,
        admin::list_licence_queue,
        admin::list_audit,
    ),
    components(schemas(crate::error::ErrorEnvelope, crate::error::ErrorBody))
)]
pub struct ApiDoc;

/// All API routes, relative to `/api`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/practitioners", get(practitioners::list_practitioners))
        .route(
            "/v1/practitioners/{slug}",
            get(practitioners::show_practitioner),
        )
        .route("/v1/questionnaire", get(questionnaire::show_questionnaire))
        .route("/v1/match", post(questionnaire::create_match))
        .route("/v1/me/profile", get(me::show_my_profile))
        .route("/v1/me/licences", get(me::list_my_licences))
        .route("/v1/me/outcomes", get(me::list_my_outcomes))
        .route("/v1/me/inbox", get(me::list_my_inbox))
        .route("/v1/admin/licences", get(admin::list_licence_queue))
        .route("/v1/admin/audit", get(admin::list_audit))
        .route("/openapi.json", get(show_openapi))
        .fallback(show_api_not_found)
}

/// `GET /api/openapi.json`
async fn show_openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// Unknown API paths answer with the JSON envelope, not an HTML page.
async fn show_api_not_found() -> AppError {
    AppError::NotFound("No such API endpoint.".into())
}
