//! Which language a request is answered in. A page reads, in order: the `lang` query
//! parameter (what the language switch and each language's own address carry; it is
//! remembered in a cookie), the cookie, then `Accept-Language`. The API reads
//! `Accept-Language` only. Either way the answer says `Content-Language`.

use axum::{
    extract::{Request, State},
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};
use axum_extra::extract::cookie::CookieJar;

use crate::{
    auth::cookies::{self, Names},
    i18n::{self, Lang},
    state::AppState,
};

/// Middleware: runs the request with its language as [`Lang::current`].
pub async fn choose_language(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let accept = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or_else(Lang::english, i18n::negotiate);
    let is_page = !request.uri().path().starts_with("/api/");
    let names = Names::new(state.secure_cookies);
    let chosen = is_page
        .then(|| query_lang(request.uri().query().unwrap_or("")))
        .flatten();
    let remembered = is_page
        .then(|| {
            CookieJar::from_headers(request.headers())
                .get(names.lang)
                .and_then(|c| Lang::parse(c.value()))
        })
        .flatten();
    let lang = chosen.or(remembered).unwrap_or(accept);
    let mut response = lang.scope(next.run(request)).await;
    if let Some(chosen) = chosen.filter(|c| Some(*c) != remembered) {
        cookies::set(
            &mut response,
            names.lang,
            chosen.code(),
            cookies::LANG_DAYS,
            state.secure_cookies,
        );
    }
    let headers = response.headers_mut();
    if let Ok(code) = HeaderValue::from_str(lang.code()) {
        headers.insert(header::CONTENT_LANGUAGE, code);
    }
    headers.append(
        header::VARY,
        HeaderValue::from_static(if is_page {
            "Accept-Language, Cookie"
        } else {
            "Accept-Language"
        }),
    );
    response
}

/// The language a query string's `lang` names, if the site speaks it.
fn query_lang(query: &str) -> Option<Lang> {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Lang::parse(&v))
}
