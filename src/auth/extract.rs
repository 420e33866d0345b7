//! Extractors for who is asking: the current user, a signed-in practitioner or admin
//! (pages redirect or refuse, the API answers 401 or 403 with the envelope), and the
//! client's address for rate limits.

use std::net::{IpAddr, SocketAddr};

use axum::{
    extract::{ConnectInfo, FromRequestParts},
    http::{Method, request::Parts},
    response::{IntoResponse, Redirect, Response},
};

use sea_orm::EntityTrait;

use super::Identity;
use crate::{
    entities::{practitioner, user},
    error::{AppError, PageError},
    practitioners,
    state::AppState,
};

pub use crate::accounts::ADMIN_ROLE;

/// Whether a user is one of the directory's admins.
pub fn is_admin(user: &user::Model) -> bool {
    user.role == ADMIN_ROLE
}

fn identity(parts: &Parts) -> Result<&Identity, AppError> {
    parts
        .extensions
        .get::<Identity>()
        .ok_or_else(|| AppError::internal("the identify middleware did not run"))
}

/// The signed-in user, if any.
pub struct CurrentUser(pub Option<user::Model>);

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(identity(parts)?.user.clone()))
    }
}

/// Sends the browser to the log-in page, coming back to `back` afterwards.
pub struct LoginRedirect(pub String);

impl IntoResponse for LoginRedirect {
    fn into_response(self) -> Response {
        let next = url::form_urlencoded::byte_serialize(self.0.as_bytes()).collect::<String>();
        Redirect::to(&format!("/login?next={next}")).into_response()
    }
}

/// Where to come back to after logging in: this page for a GET, else `home`.
pub fn come_back_to(method: &Method, path: &str, home: &str) -> String {
    if method == Method::GET {
        path.to_owned()
    } else {
        home.to_owned()
    }
}

/// Any signed-in user, practitioner or admin, with their session's identity; anyone
/// else is sent to log in.
pub struct SignedInUser {
    /// The user.
    pub user: user::Model,
    /// The session's token, CSRF token and second-factor times.
    pub identity: Identity,
}

impl<S: Send + Sync> FromRequestParts<S> for SignedInUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let found = identity(parts).map_err(|e| PageError(e).into_response())?;
        match found.user.clone() {
            Some(user) => Ok(Self {
                user,
                identity: found.clone(),
            }),
            None => Err(
                LoginRedirect(come_back_to(&parts.method, parts.uri.path(), "/dashboard"))
                    .into_response(),
            ),
        }
    }
}

/// A signed-in practitioner and their profile; anyone else is sent to log in.
pub struct SignedIn {
    /// The user.
    pub user: user::Model,
    /// Their practitioner profile.
    pub practitioner: practitioner::Model,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let found = identity(parts)
            .map_err(|e| PageError(e).into_response())?
            .user
            .clone();
        let Some(user) = found else {
            return Err(
                LoginRedirect(come_back_to(&parts.method, parts.uri.path(), "/dashboard"))
                    .into_response(),
            );
        };
        let found = practitioners::by_user_id(&state.db, user.id)
            .await
            .map_err(|e| PageError::from(e).into_response())?;
        let Some(practitioner) = found else {
            // A request that raced the account's deletion finds the listing gone, and
            // its session with it: it goes to log in, as one that came a moment later.
            let deleted = user::Entity::find_by_id(user.id)
                .one(&state.db)
                .await
                .map_err(|e| PageError::from(e).into_response())?
                .is_none_or(|u| u.role == crate::accounts::leaving::DELETED_ROLE);
            if deleted {
                return Err(LoginRedirect(come_back_to(
                    &parts.method,
                    parts.uri.path(),
                    "/dashboard",
                ))
                .into_response());
            }
            return Err(PageError(AppError::Forbidden(crate::i18n::text(
                crate::i18n::Lang::current(),
                "auth-practitioners-only",
            )))
            .into_response());
        };
        Ok(Self { user, practitioner })
    }
}

/// A signed-in admin; anonymous visitors are sent to log in, everyone else is refused.
pub struct SignedInAdmin {
    /// The admin.
    pub user: user::Model,
}

impl<S: Send + Sync> FromRequestParts<S> for SignedInAdmin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let found = identity(parts).map_err(|e| PageError(e).into_response())?;
        let verified = found.second_factor_at.is_some();
        match found.user.clone() {
            None => Err(
                LoginRedirect(come_back_to(&parts.method, parts.uri.path(), "/admin"))
                    .into_response(),
            ),
            Some(user) if is_admin(&user) && verified => Ok(Self { user }),
            Some(user) if is_admin(&user) => {
                Err(Redirect::to(super::gate::ENROL_PAGE).into_response())
            }
            Some(_) => Err(PageError(AppError::Forbidden(crate::i18n::text(
                crate::i18n::Lang::current(),
                "auth-admins-page",
            )))
            .into_response()),
        }
    }
}

/// The signed-in practitioner, for the JSON API (401/403 with the envelope).
pub struct ApiPractitioner(pub practitioner::Model);

impl FromRequestParts<AppState> for ApiPractitioner {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let user = identity(parts)?.user.clone().ok_or_else(|| {
            AppError::Unauthorized(crate::i18n::text(
                crate::i18n::Lang::current(),
                "auth-log-in-first",
            ))
        })?;
        practitioners::by_user_id(&state.db, user.id)
            .await?
            .map(Self)
            .ok_or_else(|| {
                AppError::Forbidden(crate::i18n::text(
                    crate::i18n::Lang::current(),
                    "auth-no-profile",
                ))
            })
    }
}

/// An admin signed in through the session cookie, for the JSON API.
pub struct ApiAdmin;

impl<S: Send + Sync> FromRequestParts<S> for ApiAdmin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let found = identity(parts)?;
        match &found.user {
            None => Err(AppError::Unauthorized(crate::i18n::text(
                crate::i18n::Lang::current(),
                "auth-log-in-admin",
            ))),
            Some(u) if is_admin(u) && found.second_factor_at.is_some() => Ok(Self),
            Some(u) if is_admin(u) => Err(AppError::Forbidden(crate::i18n::text(
                crate::i18n::Lang::current(),
                "auth-admin-factor",
            ))),
            Some(_) => Err(AppError::Forbidden(crate::i18n::text(
                crate::i18n::Lang::current(),
                "auth-admins-only",
            ))),
        }
    }
}

/// The client's address, for rate limits. With `TRUSTED_PROXY_HOPS` = N, it is the
/// N-th address from the right of `X-Forwarded-For` (the one the outermost trusted
/// proxy saw); otherwise, or when the header is short, the connecting address.
pub struct ClientAddress(pub String);

/// The client address of a request, given the connecting address and how many proxies
/// in front of the app are trusted to append to `X-Forwarded-For`.
pub fn client_address(
    connected: Option<IpAddr>,
    forwarded_for: &[&str],
    trusted_hops: usize,
) -> String {
    let hops: Vec<&str> = forwarded_for
        .iter()
        .flat_map(|h| h.split(','))
        .map(str::trim)
        .collect();
    let forwarded = (trusted_hops > 0 && hops.len() >= trusted_hops)
        .then(|| hops[hops.len() - trusted_hops])
        .and_then(|h| h.parse::<IpAddr>().ok());
    forwarded
        .or(connected)
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let connected = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        Ok(Self(client_address(
            connected,
            &forwarded,
            state.trusted_proxy_hops,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::client_address;

    #[test]
    fn trusts_only_the_configured_proxy_hops() {
        let peer = Some("10.0.0.5".parse().expect("ip"));
        let spoofed = ["1.1.1.1, 203.0.113.9"];
        assert_eq!(client_address(peer, &spoofed, 0), "10.0.0.5");
        assert_eq!(client_address(peer, &spoofed, 1), "203.0.113.9");
        assert_eq!(client_address(peer, &spoofed, 2), "1.1.1.1");
        assert_eq!(client_address(peer, &spoofed, 3), "10.0.0.5");
        assert_eq!(client_address(peer, &["garbage"], 1), "10.0.0.5");
        assert_eq!(client_address(None, &[], 0), "unknown");
    }
}
