//! The server-rendered website. Every page route is listed here; handlers live in one
//! file per area and are named verb_noun.

mod assets;
pub mod errors;
mod home;
mod ops;
mod practitioners;
mod questionnaire;
mod search;
pub mod templates;

use axum::{Router, routing::get};

use crate::app::AppState;

/// All page routes (and the operational probes).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::show_home))
        .route("/search", get(search::show_search))
        .route("/questionnaire", get(questionnaire::show_questionnaire))
        .route(
            "/questionnaire/edit",
            get(questionnaire::edit_questionnaire),
        )
        .route("/match", get(questionnaire::show_match))
        .route("/p/{slug}", get(practitioners::show_practitioner))
        .route("/static/{file}", get(assets::show_asset))
        .route("/healthz", get(ops::show_health))
        .route("/readyz", get(ops::show_readiness))
}
