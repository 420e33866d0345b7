//! Every route is declared with who may use it. [`RouteTable`] is the only way the
//! routers add routes: each one names its [`Access`], which a gate layer enforces
//! before the handler runs, and the table keeps a list the test suite probes route by
//! route (anonymous, practitioner, admin; with and without a CSRF token).

use axum::{
    Router,
    extract::{DefaultBodyLimit, Request},
    handler::Handler,
    http::Method,
    middleware::{self, Next},
    response::{IntoResponse, Response},
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
    /// A signed-in admin.
    Admin,
}

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

/// The gate: refuses before the handler runs when the visitor may not use the route.
async fn enforce(surface: Surface, access: Access, request: Request, next: Next) -> Response {
    let user = request
        .extensions()
        .get::<Identity>()
        .and_then(|i| i.user.as_ref());
    let refusal = match (user, access, surface) {
        (_, Access::Public, _) => None,
        (None, _, Surface::Page) => {
            let home = if access == Access::Admin {
                "/admin"
            } else {
                "/dashboard"
            };
            let back = come_back_to(request.method(), request.uri().path(), home);
            Some(LoginRedirect(back).into_response())
        }
        (None, _, Surface::Api) => {
            Some(AppError::Unauthorized("Log in first.".into()).into_response())
        }
        (Some(u), Access::Admin, surface) if !is_admin(u) => {
            let e = AppError::Forbidden("This is for the directory's admins.".into());
            Some(match surface {
                Surface::Page => PageError(e).into_response(),
                Surface::Api => e.into_response(),
            })
        }
        (Some(_), _, _) => None,
    };
    match refusal {
        Some(response) => response,
        None => next.run(request).await,
    }
}
