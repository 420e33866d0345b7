//! Security headers on every response: a Content-Security-Policy the pages pass (no
//! inline script or style, no framing), nosniff, a referrer policy where the handler
//! set none, and HSTS when the site is served over https.

use axum::{
    extract::{Request, State},
    http::{HeaderName, HeaderValue, header},
    middleware::Next,
    response::Response,
};

use crate::state::AppState;

/// The policy every page is served with. Forms post only to this site, nothing may
/// frame a page (so approve and publish buttons cannot be clickjacked), and scripts,
/// styles and images come from this site only.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// The policy with `tiles_origin` (a configured map tile server) allowed for images.
pub fn content_security_policy(tiles_origin: Option<&str>) -> String {
    match tiles_origin {
        Some(origin) => CONTENT_SECURITY_POLICY.replace(
            "img-src 'self' data:;",
            &format!("img-src 'self' data: {origin};"),
        ),
        None => CONTENT_SECURITY_POLICY.to_owned(),
    }
}

/// Middleware: adds the headers, keeping any a handler set itself (a stricter
/// `Referrer-Policy: no-referrer` on pages that carry answers, say).
pub async fn add_security_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY)
        && let Ok(policy) = HeaderValue::from_str(&state.content_security_policy)
    {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    let mut set = |name: HeaderName, value: &'static str| {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    set(
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        HeaderName::from_static("permissions-policy"),
        "geolocation=(self), camera=(), microphone=(), payment=()",
    );
    if state.secure_cookies {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    response
}
