//! The tera templates, embedded at compile time and parsed once at start-up.

use axum::response::Html;
use serde::Serialize;
use tera::{Context, Tera};

use super::errors::PageError;
use crate::error::AppError;

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "partials/search_form.html",
        include_str!("../../templates/partials/search_form.html"),
    ),
    (
        "partials/result_card.html",
        include_str!("../../templates/partials/result_card.html"),
    ),
    ("home.html", include_str!("../../templates/home.html")),
    (
        "search/results.html",
        include_str!("../../templates/search/results.html"),
    ),
    (
        "practitioners/show.html",
        include_str!("../../templates/practitioners/show.html"),
    ),
    (
        "errors/error.html",
        include_str!("../../templates/errors/error.html"),
    ),
];

/// Parses every template; a template error stops start-up.
pub fn load() -> Result<Tera, tera::Error> {
    let mut tera = Tera::new();
    tera.add_raw_templates(TEMPLATES.iter().copied())?;
    Ok(tera)
}

/// Renders `name` with a serializable page struct.
pub fn render(tera: &Tera, name: &str, page: &impl Serialize) -> Result<Html<String>, PageError> {
    let context = Context::from_serialize(page).map_err(AppError::internal)?;
    tera.render(name, &context)
        .map(Html)
        .map_err(|e| AppError::internal(format!("template {name}: {e:?}")).into())
}
