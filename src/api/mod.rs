//! The JSON API under `/api`. Every route is listed here; errors use the envelope
//! `{"error":{"code","message","fields"}}`.

use axum::Router;

use crate::{app::AppState, error::AppError};

/// All API routes.
pub fn routes() -> Router<AppState> {
    Router::new().fallback(show_api_not_found)
}

/// Unknown API paths answer with the JSON envelope, not an HTML page.
async fn show_api_not_found() -> AppError {
    AppError::NotFound("No such API endpoint.".into())
}
