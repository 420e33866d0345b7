//! Every route is declared with who may use it. [`RouteTable`] is the only way the
//! routers add routes: each one names its [`Access`], which a gate layer enforces
//! before the handler runs, and the table keeps a list the test suite probes route by
//! route (anonymous, practitioner, admin; with and without a CSRF token).

use axum::{
    Router,
    extract::{DefaultBodyLimit, Request},
    handler::Handler,
    http::Method,
    http::StatusCode,
    middleware::{self, Next},
    response::{IntoResponse, Redirect, Response},
    routing::{self, MethodRouter},
};

use super::{
    Identity,
    extract::{LoginRedirect, come_back_to, is_admin},
};
use crate::{
    error::{AppError, PageError},
    state::AppState,
};

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone.
    Public,
    /// A signed-in user (the handler checks that they have a practitioner profile and
    /// scopes every query to it).
    Practitioner,
    /// A signed-in admin whose session has passed its second factor.
    Admin,
    /// An admin's decision: as `Admin`, and the second factor checked within the last
    /// [`STEP_UP_MINUTES`](crate::accounts::factors::STEP_UP_MINUTES); otherwise the
    /// page asks for it again and sends the form on (its fields must not be named
    /// `code`, `passkey` or `return_to`, which the prompt adds).
    Decision,
}

/// A decision held back for a second-factor check: the page that asks for it carries
/// the form's fields on to `action`. A response carrying it is rendered by the pages'
/// error layer.
#[derive(Debug, Clone)]
pub struct StepUpPrompt {
    /// Where the form was going (path and query).
    pub action: String,
    /// The form's fields, kept as sent.
    pub fields: Vec<(String, String)>,
    /// Why the last code was refused.
    pub error: Option<String>,
}

/// The page that enrols a second factor.
pub const ENROL_PAGE: &str = "/account/second-factor";

/// Which surface a route belongs to: it decides how a refusal looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// HTML pages: anonymous visitors are sent to log in, others see an error page.
    Page,
    /// The JSON API: 401 or 403 with the error envelope.
    Api,
}

/// One declared route.
#[derive(Debug, Clone)]
pub struct RouteInfo {
    /// The method.
    pub method: Method,
    /// The path pattern as given to the router, e.g. `/p/{slug}`.
    pub path: String,
    /// Who may use it.
    pub access: Access,
    /// Pages or API.
    pub surface: Surface,
}

/// A router under construction plus the list of what it serves.
pub struct RouteTable {
    router: Router<AppState>,
    surface: Surface,
    prefix: &'static str,
    listed: Vec<RouteInfo>,
}

impl RouteTable {
    /// An empty table for `surface`, whose router will be mounted at `prefix`.
    pub fn new(surface: Surface, prefix: &'static str) -> Self {
        Self {
            router: Router::new(),
            surface,
            prefix,
            listed: Vec::new(),
        }
    }

    /// Adds a GET route.
    pub fn get<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::GET, path, access, routing::get(handler))
    }

    /// Adds a POST route.
    pub fn post<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::POST, path, access, routing::post(handler))
    }

    /// Adds a POST route whose body may be as large as `limit` bytes (an upload),
    /// instead of the default 2 MB.
    pub fn post_upload<H, T>(
        self,
        path: &'static str,
        access: Access,
        handler: H,
        limit: usize,
    ) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(
            Method::POST,
            path,
            access,
            routing::post(handler).layer(DefaultBodyLimit::max(limit)),
        )
    }

    fn add(
        mut self,
        method: Method,
        path: &'static str,
        access: Access,
        route: MethodRouter<AppState>,
    ) -> Self {
        let surface = self.surface;
        let route = match access {
            Access::Public => route,
            _ => route.route_layer(middleware::from_fn(move |request: Request, next: Next| {
                enforce(surface, access, request, next)
            })),
        };
        self.router = self.router.route(path, route);
        self.listed.push(RouteInfo {
            method,
            path: format!("{}{path}", self.prefix),
            access,
            surface,
        });
        self
    }

    /// The routes declared so far, with their full paths.
    pub fn listed(&self) -> &[RouteInfo] {
        &self.listed
    }

    /// The router, to mount at the table's prefix.
    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}

fn refuse(surface: Surface, e: AppError) -> Response {
    match surface {
        Surface::Page => PageError(e).into_response(),
        Surface::Api => e.into_response(),
    }
}

/// The gate: refuses before the handler runs when the visitor may not use the route.
async fn enforce(surface: Surface, access: Access, request: Request, next: Next) -> Response {
    let identity = request.extensions().get::<Identity>();
    let user = identity.and_then(|i| i.user.as_ref());
    let (verified, stepped_up) = identity.map_or((false, false), |i| {
        (i.second_factor_at.is_some(), i.stepped_up)
    });
    let staff = matches!(access, Access::Admin | Access::Decision);
    let refusal = match (user, surface) {
        _ if access == Access::Public => None,
        (None, Surface::Page) => {
            let home = if staff { "/admin" } else { "/dashboard" };
            let back = come_back_to(request.method(), request.uri().path(), home);
            Some(LoginRedirect(back).into_response())
        }
        (None, Surface::Api) => Some(
            AppError::Unauthorized(crate::i18n::text(
                crate::i18n::Lang::current(),
                "auth-log-in-first",
            ))
            .into_response(),
        ),
        (Some(u), _) if staff && !is_admin(u) => Some(refuse(
            surface,
            AppError::Forbidden(crate::i18n::text(
                crate::i18n::Lang::current(),
                "auth-admins-page",
            )),
        )),
        (Some(_), Surface::Page) if staff && !verified => {
            let back = come_back_to(request.method(), request.uri().path(), "/admin");
            let next = url::form_urlencoded::byte_serialize(back.as_bytes()).collect::<String>();
            Some(Redirect::to(&format!("{ENROL_PAGE}?next={next}")).into_response())
        }
        (Some(_), Surface::Api) if staff && !verified => Some(refuse(
            surface,
            AppError::Forbidden(crate::i18n::text_with(
                crate::i18n::Lang::current(),
                "auth-admin-enrol",
                [("page", ENROL_PAGE.into())],
            )),
        )),
        (Some(_), Surface::Api) if access == Access::Decision && !stepped_up => Some(refuse(
            surface,
            AppError::Forbidden(crate::i18n::text(
                crate::i18n::Lang::current(),
                "auth-step-up",
            )),
        )),
        (Some(_), Surface::Page) if access == Access::Decision && !stepped_up => {
            return hold_for_step_up(request).await;
        }
        (Some(_), _) => None,
    };
    match refusal {
        Some(response) => response,
        None => next.run(request).await,
    }
}

/// Keeps a decision's form and answers with the prompt for a second-factor check.
async fn hold_for_step_up(request: Request) -> Response {
    let action = request.uri().path_and_query().map_or_else(
        || request.uri().path().to_owned(),
        |p| p.as_str().to_owned(),
    );
    let body = match axum::body::to_bytes(request.into_body(), FORM_LIMIT).await {
        Ok(body) => body,
        Err(_) => {
            return refuse(
                Surface::Page,
                AppError::BadRequest(crate::i18n::text(
                    crate::i18n::Lang::current(),
                    "form-unreadable",
                )),
            );
        }
    };
    let fields = url::form_urlencoded::parse(&body)
        .into_owned()
        .filter(|(k, _)| !matches!(k.as_str(), "code" | "passkey" | "return_to"))
        .collect();
    let mut response = StatusCode::FORBIDDEN.into_response();
    response.extensions_mut().insert(StepUpPrompt {
        action,
        fields,
        error: None,
    });
    response
}

/// The largest decision form the gate holds while asking for a second factor.
const FORM_LIMIT: usize = 64 * 1024;
