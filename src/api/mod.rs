//! The JSON API under `/api`. Every route is listed here; errors use the envelope
//! `{"error":{"code","message","fields"}}`. The OpenAPI 3.1 document is generated
//! from the handlers and DTOs and served at `/api/openapi.json`.

mod admin;
pub mod dto;
pub mod extract;
mod me;
mod practitioners;
mod questionnaire;

use axum::{Json, Router};
use utoipa::OpenApi;

use crate::{
    app::AppState,
    auth::{
        Access::{Admin, Practitioner, Public},
        RouteTable, Surface,
    },
    error::AppError,
};

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

/// All API routes, relative to `/api`, each with who may use it.
pub fn routes() -> RouteTable {
    RouteTable::new(Surface::Api, "/api")
        .get(
            "/v1/practitioners",
            Public,
            practitioners::list_practitioners,
        )
        .get(
            "/v1/practitioners/{slug}",
            Public,
            practitioners::show_practitioner,
        )
        .get(
            "/v1/questionnaire",
            Public,
            questionnaire::show_questionnaire,
        )
        .post("/v1/match", Public, questionnaire::create_match)
        .get("/v1/me/profile", Practitioner, me::show_my_profile)
        .get("/v1/me/licences", Practitioner, me::list_my_licences)
        .get("/v1/me/outcomes", Practitioner, me::list_my_outcomes)
        .get("/v1/me/inbox", Practitioner, me::list_my_inbox)
        .get("/v1/admin/licences", Admin, admin::list_licence_queue)
        .get("/v1/admin/audit", Admin, admin::list_audit)
        .get("/openapi.json", Public, show_openapi)
}

/// The API router, with the envelope for unknown paths.
pub fn router() -> Router<AppState> {
    routes().into_router().fallback(show_api_not_found)
}

/// `GET /api/openapi.json`
async fn show_openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// Unknown API paths answer with the JSON envelope, not an HTML page.
async fn show_api_not_found() -> AppError {
    AppError::NotFound("No such API endpoint.".into())
}
