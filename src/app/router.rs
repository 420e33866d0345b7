//! The router: every surface merged, with the layers every request passes through.

use std::time::Duration;

use axum::{Router, extract::Request, http::StatusCode, middleware};
use tower_http::{
    timeout::{RequestBodyDeadlineLayer, TimeoutLayer},
    trace::TraceLayer,
};

use crate::{api, auth, opendata, state::AppState, web};

/// The longest any request may take before it answers 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest a request body may take to arrive, however slowly it trickles.
pub const BODY_DEADLINE: Duration = Duration::from_secs(20);

/// Every route the site serves, pages and API, with who may use each.
pub fn route_list() -> Vec<auth::RouteInfo> {
    let mut all = web::routes().listed().to_vec();
    all.extend_from_slice(api::routes().listed());
    all.extend_from_slice(opendata::routes().listed());
    all
}

/// The whole router: pages, API, error pages, identity, security headers and tracing.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(web::routes().into_router())
        .merge(opendata::routes().into_router())
        .nest("/api", api::router())
        .fallback(web::errors::show_not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            web::templates::remember_canonical_url,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::identify,
        ))
        .layer(middleware::map_response_with_state(
            state.clone(),
            web::errors::render_error_pages,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            web::language::choose_language,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::headers::add_security_headers,
        ))
        // A request that takes too long answers 503; a body that trickles in is cut off.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(RequestBodyDeadlineLayer::new(BODY_DEADLINE))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
            // The path only: query strings can carry questionnaire answers (health data).
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
        }))
        .with_state(state)
}
