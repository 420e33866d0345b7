//! The site's cookies: names (with the `__Host-` prefix over https, so no other host
//! can set them), and `Set-Cookie` values that are always HttpOnly, SameSite=Lax,
//! Path=/ and Secure over https.

use axum::{
    http::{HeaderValue, header},
    response::Response,
};
use axum_extra::extract::cookie::{Cookie, SameSite};

/// Days a session lasts (the cookie and the database row alike).
pub const SESSION_DAYS: i64 = crate::accounts::SESSION_DAYS;
/// Days the visitor cookie (the anonymous CSRF binding) lasts.
pub const VISITOR_DAYS: i64 = 30;
/// Days the language cookie lasts.
pub const LANG_DAYS: i64 = 365;
/// Days the trusted-device cookie lasts.
pub const DEVICE_DAYS: i64 = crate::accounts::TRUSTED_DEVICE_DAYS;

/// The cookie names of one deployment.
#[derive(Debug, Clone, Copy)]
pub struct Names {
    /// The session token.
    pub session: &'static str,
    /// A random per-browser value the CSRF token is bound to before log-in.
    pub visitor: &'static str,
    /// The trusted-device token, which lets the owner log in while their account is
    /// under attack from elsewhere.
    pub device: &'static str,
    /// A half-finished log-in waiting for its second factor (not a session).
    pub pending: &'static str,
    /// The language chosen with the switch.
    pub lang: &'static str,
}

impl Names {
    /// `__Host-` names over https, plain names over http (browsers refuse the prefix
    /// without Secure).
    pub fn new(secure: bool) -> Self {
        if secure {
            Self {
                session: "__Host-tf_session",
                visitor: "__Host-tf_csrf",
                device: "__Host-tf_device",
                pending: "__Host-tf_pending",
                lang: "__Host-tf_lang",
            }
        } else {
            Self {
                session: "tf_session",
                visitor: "tf_csrf",
                device: "tf_device",
                pending: "tf_pending",
                lang: "tf_lang",
            }
        }
    }
}

/// A `Set-Cookie` value; `days` 0 deletes the cookie.
pub fn header_value(name: &str, value: &str, days: i64, secure: bool) -> HeaderValue {
    let cookie = Cookie::build((name.to_owned(), value.to_owned()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(time::Duration::days(days))
        .build();
    HeaderValue::from_str(&cookie.encoded().to_string())
        .unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
}

/// Appends a `Set-Cookie` header to `response`.
pub fn set(response: &mut Response, name: &str, value: &str, days: i64, secure: bool) {
    response
        .headers_mut()
        .append(header::SET_COOKIE, header_value(name, value, days, secure));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_http_only_lax_and_secure_over_https() {
        let s = header_value("__Host-tf_session", "x", 30, true);
        let s = s.to_str().expect("ascii");
        for part in [
            "HttpOnly",
            "SameSite=Lax",
            "Secure",
            "Path=/",
            "Max-Age=2592000",
        ] {
            assert!(s.contains(part), "{s}");
        }
        assert!(!s.contains("Domain"), "{s}");
        let plain = header_value("tf_session", "x", 0, false);
        let plain = plain.to_str().expect("ascii");
        assert!(
            !plain.contains("Secure") && plain.contains("Max-Age=0"),
            "{plain}"
        );
        assert!(Names::new(true).session.starts_with("__Host-"));
        assert!(!Names::new(false).session.starts_with("__Host-"));
    }
}
