//! The router: every surface merged, with the layers every request passes through.

use std::time::Duration;

use axum::{
    Router,
    extract::{MatchedPath, Request},
    http::{HeaderValue, StatusCode},
    middleware,
    response::Response,
};
use tower_http::{
    LatencyUnit,
    timeout::{RequestBodyDeadlineLayer, TimeoutLayer},
    trace::{DefaultOnResponse, TraceLayer},
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
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<_>| {
                    // The route's template only: paths and query strings can carry
                    // questionnaire answers (health data), names and places.
                    let route = request
                        .extensions()
                        .get::<MatchedPath>()
                        .map_or("unmatched", MatchedPath::as_str);
                    let id = request.extensions().get::<RequestId>().map_or(0, |id| id.0);
                    tracing::info_span!(
                        "request",
                        id = %format_args!("{id:016x}"),
                        method = %request.method(),
                        route = %route
                    )
                })
                .on_response(
                    DefaultOnResponse::new()
                        .level(tracing::Level::INFO)
                        .latency_unit(LatencyUnit::Micros),
                ),
        )
        .layer(middleware::from_fn(super::metrics::record_request))
        .layer(middleware::from_fn(number_request))
        .with_state(state)
}

/// A request's number in the log, also answered as `x-request-id` so a person can
/// quote it.
#[derive(Debug, Clone, Copy)]
struct RequestId(u64);

/// Gives each request a random number before anything else sees it.
async fn number_request(mut request: Request, next: middleware::Next) -> Response {
    let id = RequestId(rand::random());
    request.extensions_mut().insert(id);
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&format!("{:016x}", id.0)) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}
