//! Static assets, embedded in the binary so it runs from any folder.

use axum::{
    extract::Path,
    http::header,
    response::{IntoResponse, Response},
};

use super::errors::PageError;
use crate::error::AppError;

const STYLE: &str = include_str!("../../static/style.css");
const LOCATE: &str = include_str!("../../static/locate.js");
const MAP: &str = include_str!("../../static/map.js");
const PASSKEY: &str = include_str!("../../static/passkey.js");
/// Leaflet, copied from the npm lockfile's package by `scripts/vendor-assets`.
const LEAFLET_JS: &str = include_str!("../../static/vendor/leaflet/leaflet.js");
const LEAFLET_CSS: &str = include_str!("../../static/vendor/leaflet/leaflet.css");

/// Serves one embedded asset with a day of caching.
pub async fn show_asset(Path(file): Path<String>) -> Result<Response, PageError> {
    let (body, kind) = match file.as_str() {
        "style.css" => (STYLE, "text/css; charset=utf-8"),
        "locate.js" => (LOCATE, "text/javascript; charset=utf-8"),
        "map.js" => (MAP, "text/javascript; charset=utf-8"),
        "passkey.js" => (PASSKEY, "text/javascript; charset=utf-8"),
        "leaflet.js" => (LEAFLET_JS, "text/javascript; charset=utf-8"),
        "leaflet.css" => (LEAFLET_CSS, "text/css; charset=utf-8"),
        _ => return Err(AppError::NotFound(crate::wording::say("error-no-file")).into()),
    };
    Ok((
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        body,
    )
        .into_response())
}
