//! The tera templates, embedded at compile time and parsed once at start-up.

use axum::response::Html;
use serde::Serialize;
use tera::{Context, Tera};

use super::errors::PageError;
use crate::error::AppError;

/// Embeds templates by their path under `templates/`.
macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/", $name)))),*]
    };
}

const TEMPLATES: &[(&str, &str)] = embed![
    "base.html",
    "partials/search_form.html",
    "partials/result_card.html",
    "home.html",
    "search/results.html",
    "questionnaire/form.html",
    "questionnaire/results.html",
    "practitioners/show.html",
    "errors/error.html",
    "account/form.html",
    "account/message.html",
    "dashboard/home.html",
    "dashboard/profile.html",
    "dashboard/training.html",
    "dashboard/licences.html",
    "dashboard/outcomes.html",
    "dashboard/inbox.html",
    "admin/overview.html",
    "admin/licences.html",
    "admin/rosters.html",
    "admin/reports.html",
    "admin/practitioners.html",
    "admin/audit.html",
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

/// A page about one person's own account or profile, or an admin's work: rendered
/// with `status` and never stored by a cache.
pub fn private_page(
    state: &crate::app::AppState,
    name: &str,
    view: &impl Serialize,
    status: axum::http::StatusCode,
) -> Result<axum::response::Response, PageError> {
    use axum::response::IntoResponse;
    let html = render(&state.templates, name, view)?;
    Ok((
        status,
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        html,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_under(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("templates folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                files_under(&path, root, out);
            } else {
                let rel = path.strip_prefix(root).expect("under root");
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }

    #[test]
    fn every_template_file_is_embedded_and_parses() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut files = Vec::new();
        files_under(&root, &root, &mut files);
        let mut embedded: Vec<String> = TEMPLATES.iter().map(|(n, _)| (*n).to_owned()).collect();
        files.sort();
        embedded.sort();
        assert_eq!(files, embedded);
        load().expect("templates parse");
    }
}
