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
    "partials/reach_fields.html",
    "partials/map.html",
    "partials/answers_hidden.html",
    "home.html",
    "search/results.html",
    "questionnaire/form.html",
    "questionnaire/results.html",
    "questionnaire/note.html",
    "practitioners/show.html",
    "errors/error.html",
    "account/form.html",
    "account/message.html",
    "account/security.html",
    "account/enrol_app.html",
    "account/recovery_codes.html",
    "account/invitation.html",
    "dashboard/home.html",
    "dashboard/profile.html",
    "dashboard/training.html",
    "dashboard/licences.html",
    "dashboard/outcomes.html",
    "dashboard/hours.html",
    "dashboard/inbox.html",
    "visits/show.html",
    "visits/report.html",
    "admin/overview.html",
    "admin/licences.html",
    "admin/rosters.html",
    "admin/reports.html",
    "admin/client_reports.html",
    "admin/practitioners.html",
    "admin/audit.html",
    "admin/admins.html",
];

/// Parses every template; a template error stops start-up.
pub fn load() -> Result<Tera, tera::Error> {
    let mut tera = Tera::new();
    tera.add_raw_templates(TEMPLATES.iter().copied())?;
    Ok(tera)
}

/// JSON text made safe to place inside a `<script>` block: no `<`, `>` or `&` is left
/// that could close the block or start markup (each becomes its `\u` escape, which
/// JSON reads back as the same character).
pub fn script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Renders `name` with a serializable page struct.
pub fn render(tera: &Tera, name: &str, page: &impl Serialize) -> Result<Html<String>, PageError> {
    let context = context(page).map_err(AppError::internal)?;
    tera.render(name, &context)
        .map(Html)
        .map_err(|e| AppError::internal(format!("template {name}: {e:?}")).into())
}

/// The template context of a page: its view, plus what `base.html` needs on every
/// page (the canonical address, a description).
pub fn context(page: &impl Serialize) -> Result<Context, tera::Error> {
    let mut context = Context::from_serialize(page)?;
    let canonical = CANONICAL_URL.try_with(Clone::clone).unwrap_or_default();
    context.insert("canonical_url", &canonical);
    if let Ok(Some(viewer)) = VIEWER.try_with(Clone::clone) {
        context.insert("viewer", &viewer);
    }
    if !context.contains_key("meta_description") {
        context.insert("meta_description", DEFAULT_DESCRIPTION);
    }
    Ok(context)
}

tokio::task_local! {
    /// The public address of the page being answered (no query string), for its
    /// canonical link; set for each page request by [`remember_canonical_url`].
    pub static CANONICAL_URL: String;
    /// Who is signed in, for the header of every page; set with the canonical address.
    static VIEWER: Option<Viewer>;
}

/// The signed-in account as the header shows it.
#[derive(Debug, Clone, Serialize)]
struct Viewer {
    email: String,
    admin: bool,
    /// The token the header's log-out form carries.
    csrf: String,
}

/// What search engines show for a page that does not describe itself.
const DEFAULT_DESCRIPTION: &str = "Find licensed, clinically trained massage therapists for back, neck and sciatica pain, after a short safety screen that knows when to see a doctor first.";

/// Middleware: remembers the public address of the page being answered, and who is
/// signed in, while its handler runs, so every rendered page links to its canonical
/// address and its header names the account.
pub async fn remember_canonical_url(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let url = format!("{}{}", state.public_url, request.uri().path());
    let viewer = request
        .extensions()
        .get::<crate::auth::Identity>()
        .and_then(|i| {
            i.user.as_ref().map(|u| Viewer {
                email: u.email.clone(),
                admin: crate::auth::extract::is_admin(u),
                csrf: i.csrf.0.clone(),
            })
        });
    let signed_in = viewer.is_some();
    let mut response = CANONICAL_URL
        .scope(url, VIEWER.scope(viewer, next.run(request)))
        .await;
    // A page that names who is signed in is theirs alone: no cache may keep it.
    let headers = response.headers_mut();
    if signed_in && !headers.contains_key(axum::http::header::CACHE_CONTROL) {
        headers.insert(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("private, no-store"),
        );
    }
    response
}

/// A page about one person's own account or profile, or an admin's work: rendered
/// with `status` and never stored by a cache.
pub fn private_page(
    state: &crate::state::AppState,
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
