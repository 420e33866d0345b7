//! HTML error pages. A handler returns `PageError` (from `error`); the response carries
//! the error as an extension and `render_error_pages` turns it into a friendly page.

use axum::{
    extract::State,
    http::StatusCode,
    response::{Html, IntoResponse, Response},
};
use serde::Serialize;

pub use crate::error::PageError;
use crate::{
    error::{AppError, RenderedError},
    state::AppState,
};

#[derive(Serialize)]
struct ErrorPage {
    title: String,
    status: u16,
    message: String,
}

/// Middleware: renders the error page for responses that carry a page error.
pub async fn render_error_pages(State(state): State<AppState>, response: Response) -> Response {
    if let Some(prompt) = response.extensions().get::<crate::auth::StepUpPrompt>() {
        return super::security::step_up_page(&state, prompt, response.status())
            .unwrap_or_else(IntoResponse::into_response);
    }
    let Some(error) = response.extensions().get::<RenderedError>().cloned() else {
        return response;
    };
    let title = crate::i18n::text(
        crate::i18n::Lang::current(),
        match error.status {
            StatusCode::NOT_FOUND => "error-not-found",
            s if s.is_server_error() => "error-went-wrong",
            _ => "error-did-not-work",
        },
    );
    let page = ErrorPage {
        title,
        status: error.status.as_u16(),
        message: error.message,
    };
    let context = super::templates::context(&page).unwrap_or_default();
    match state.templates.render("errors/error.html", &context) {
        Ok(html) => (error.status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "error page failed to render");
            (error.status, page.message).into_response()
        }
    }
}

/// The fallback for unknown URLs.
pub async fn show_not_found() -> PageError {
    AppError::NotFound(crate::wording::say("error-no-page")).into()
}
