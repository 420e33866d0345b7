//! The tera templates, embedded at compile time and parsed once at start-up.

use axum::response::Html;
use serde::Serialize;
use tera::{Context, Tera};

use super::errors::PageError;
use crate::{
    error::AppError,
    i18n::{self, Lang},
};

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
    "partials/same_answers.html",
    "home.html",
    "search/results.html",
    "questionnaire/form.html",
    "questionnaire/results.html",
    "questionnaire/note.html",
    "questionnaire/letter.html",
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
    "dashboard/payment.html",
    "dashboard/receipt.html",
    "dashboard/receipts.html",
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
    tera.register_function("t", translate);
    tera.add_raw_templates(TEMPLATES.iter().copied())?;
    Ok(tera)
}

/// `t(key="…", name=…)`: the message `key` of the page's language (the context's
/// `lang`), with the other arguments as its Fluent arguments. A key no catalogue has
/// fails the render, so a typo cannot reach a page.
fn translate(kwargs: tera::Kwargs, state: &tera::State) -> tera::TeraResult<String> {
    use crate::i18n::FluentValue;
    let key: String = kwargs.must_get::<&str>("key")?.to_owned();
    let lang = state
        .get::<String>("lang")
        .ok()
        .flatten()
        .and_then(|code| Lang::parse(&code))
        .unwrap_or_else(Lang::current);
    let mut args = std::collections::HashMap::new();
    for (name, value) in kwargs.iter() {
        let name = name.to_string();
        if name == "key" {
            continue;
        }
        let value = match (value.as_i64(), value.as_number(), value.as_str()) {
            (Some(n), _, _) => FluentValue::from(n),
            (None, Some(n), _) => FluentValue::from(n.as_float()),
            (None, None, Some(s)) => FluentValue::from(s.to_owned()),
            _ => FluentValue::from(value.to_string()),
        };
        args.insert(std::borrow::Cow::Owned(name), value);
    }
    crate::i18n::lookup(lang, &key, Some(&args))
        .ok_or_else(|| tera::Error::message(format!("no catalogue has the message `{key}`")))
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
/// page (its language, the canonical address and the other languages' addresses, a
/// description).
pub fn context(page: &impl Serialize) -> Result<Context, tera::Error> {
    let mut context = Context::from_serialize(page)?;
    let lang = Lang::current();
    let address = PAGE_ADDRESS.try_with(Clone::clone).unwrap_or_default();
    let languages = address.languages(lang);
    let canonical = if address.url.is_empty() {
        String::new()
    } else {
        address.url_in(lang)
    };
    context.insert("canonical_url", &canonical);
    context.insert("lang", lang.code());
    context.insert("lang_query", &lang_query(lang));
    context.insert("site_languages", &languages);
    // Only a page a link can reach has other-language addresses to declare.
    context.insert("alternates", &(address.get && !address.url.is_empty()));
    if let Ok(Some(viewer)) = VIEWER.try_with(Clone::clone) {
        context.insert("viewer", &viewer);
    }
    if !context.contains_key("meta_description") {
        context.insert("meta_description", &i18n::text(lang, "site-description"));
    }
    Ok(context)
}

/// `?lang=es` for a language other than English, to carry it on a link; empty for
/// English.
pub fn lang_query(lang: Lang) -> String {
    if lang == Lang::english() {
        String::new()
    } else {
        format!("?lang={}", lang.code())
    }
}

tokio::task_local! {
    /// The public address of the page being answered, for its canonical link and its
    /// other languages' addresses; set for each page request by
    /// [`remember_canonical_url`].
    static PAGE_ADDRESS: PageAddress;
    /// Who is signed in, for the header of every page; set with the canonical address.
    static VIEWER: Option<Viewer>;
}

/// Where a page was asked for.
#[derive(Debug, Clone, Default)]
struct PageAddress {
    /// The public address without its query string.
    url: String,
    /// The query's pairs but `lang`, kept by the language switch.
    query: Vec<(String, String)>,
    /// Whether the page answers a GET: the switch can ask for it again. A page that
    /// answers a form (a questionnaire's result) cannot be asked for by a link, so its
    /// switch leads to the home page, and the choice is remembered from there.
    get: bool,
}

/// One language of a page: its canonical address, and the switch's link to it.
#[derive(Debug, Serialize)]
struct PageLanguage {
    code: &'static str,
    name: String,
    /// The canonical address of the page in this language (English has no `lang`).
    url: String,
    /// The same page and query in this language, for the switch.
    switch: String,
    current: bool,
}

impl PageAddress {
    fn url_in(&self, lang: Lang) -> String {
        format!("{}{}", self.url, lang_query(lang))
    }

    fn languages(&self, current: Lang) -> Vec<PageLanguage> {
        Lang::all()
            .iter()
            .map(|&lang| {
                let mut pairs = url::form_urlencoded::Serializer::new(String::new());
                pairs.extend_pairs(self.query.iter());
                pairs.append_pair("lang", lang.code());
                PageLanguage {
                    code: lang.code(),
                    name: lang.name(),
                    url: self.url_in(lang),
                    switch: if self.get {
                        format!("{}?{}", self.path(), pairs.finish())
                    } else {
                        format!("/?lang={}", lang.code())
                    },
                    current: lang == current,
                }
            })
            .collect()
    }

    /// The path of the address, for links within the site.
    fn path(&self) -> &str {
        self.url
            .find("://")
            .and_then(|scheme| self.url[scheme + 3..].find('/').map(|p| scheme + 3 + p))
            .map_or("", |p| &self.url[p..])
    }
}

/// The signed-in account as the header shows it.
#[derive(Debug, Clone, Serialize)]
struct Viewer {
    email: String,
    admin: bool,
    /// The token the header's log-out form carries.
    csrf: String,
}

/// Middleware: remembers the public address of the page being answered, and who is
/// signed in, while its handler runs, so every rendered page links to its canonical
/// address and its header names the account.
pub async fn remember_canonical_url(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let address = PageAddress {
        url: format!("{}{}", state.public_url, request.uri().path()),
        query: url::form_urlencoded::parse(request.uri().query().unwrap_or("").as_bytes())
            .filter(|(k, _)| k != "lang")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect(),
        get: request.method() == axum::http::Method::GET,
    };
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
    let mut response = PAGE_ADDRESS
        .scope(address, VIEWER.scope(viewer, next.run(request)))
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
