//! What search engines read: `robots.txt`, the sitemap index and its sitemaps (split
//! at the protocol's 50,000 URLs, so a million profiles fit), and `/favicon.ico`.

use super::templates::lang_query;
use crate::i18n::Lang;
use axum::{
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Response},
};

use super::errors::PageError;
use crate::{error::AppError, practitioners, state::AppState};

const FAVICON: &[u8] = include_bytes!("../../static/favicon.ico");

/// Pages that are the same for everyone, listed in the first sitemap.
const PAGES: [&str; 2] = ["/", "/questionnaire"];

/// `GET /favicon.ico`
pub async fn show_favicon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/x-icon"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        FAVICON,
    )
        .into_response()
}

/// `GET /robots.txt`: everything public may be crawled; accounts, admin and the API
/// are not pages to index.
pub async fn show_robots(State(state): State<AppState>) -> Response {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /dashboard\nDisallow: /admin\nDisallow: /account\nDisallow: /api/\nDisallow: /visits/\nDisallow: /calendar/\n\nSitemap: {}/sitemap.xml\n",
        state.public_url
    );
    text(body, "text/plain; charset=utf-8")
}

/// `GET /sitemap.xml`: the sitemap index.
pub async fn show_sitemap_index(State(state): State<AppState>) -> Result<Response, PageError> {
    let profiles = practitioners::public_count(&state.db).await?;
    let files = profiles.div_ceil(practitioners::SITEMAP_PAGE);
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    body.push_str(&format!(
        "  <sitemap><loc>{}/sitemaps/pages.xml</loc></sitemap>\n",
        state.public_url
    ));
    for n in 1..=files {
        body.push_str(&format!(
            "  <sitemap><loc>{}/sitemaps/profiles-{n}.xml</loc></sitemap>\n",
            state.public_url
        ));
    }
    body.push_str("</sitemapindex>\n");
    Ok(text(body, "application/xml; charset=utf-8"))
}

/// `GET /sitemaps/{file}`: `pages.xml`, or `profiles-N.xml` (N from 1), up to 50,000
/// profiles each.
pub async fn show_sitemap(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, PageError> {
    let not_found = || PageError::from(AppError::NotFound(crate::wording::say("error-no-sitemap")));
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    if file == "pages.xml" {
        // Each page once per language, each naming all its languages.
        for path in PAGES {
            let url = format!("{}{path}", state.public_url);
            let links = alternates(&url);
            for lang in Lang::all() {
                body.push_str(&format!(
                    "  <url><loc>{url}{}</loc>{links}</url>\n",
                    lang_query(*lang)
                ));
            }
        }
    } else {
        let n: u64 = file
            .strip_prefix("profiles-")
            .and_then(|rest| rest.strip_suffix(".xml"))
            .and_then(|n| n.parse().ok())
            .filter(|n| *n >= 1)
            .ok_or_else(not_found)?;
        let slugs = practitioners::public_slugs(&state.db, n - 1).await?;
        if slugs.is_empty() {
            return Err(not_found());
        }
        for (slug, updated) in slugs {
            // Slugs are lowercase letters, digits and dashes: nothing to escape in XML.
            // One entry a profile (50,000 a file is the protocol's limit), naming its
            // other languages' addresses.
            let url = format!("{}/p/{slug}", state.public_url);
            body.push_str(&format!(
                "  <url><loc>{url}</loc><lastmod>{}</lastmod>{}</url>\n",
                updated.format("%Y-%m-%d"),
                alternates(&url)
            ));
        }
    }
    body.push_str("</urlset>\n");
    Ok(text(body, "application/xml; charset=utf-8"))
}

/// The `xhtml:link` alternates of a page at `url`, one per language and the default.
fn alternates(url: &str) -> String {
    let mut links: String = Lang::all()
        .iter()
        .map(|lang| {
            format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{url}{}\"/>",
                lang.code(),
                lang_query(*lang)
            )
        })
        .collect();
    links.push_str(&format!(
        "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{url}\"/>"
    ));
    links
}

fn text(body: String, kind: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}
