//! The one error type of the request layer. Every variant has a stable machine code;
//! the API renders it as `{"error":{"code","message","fields"}}` and pages render it
//! through `web::errors`. Internals are logged for 5xx only and never sent.

use std::collections::BTreeMap;

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Serialize;

use crate::i18n::Lang;

pub use crate::validation::FieldErrors;

/// An error a handler can return.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The thing asked for does not exist (or is not public).
    #[error("{0}")]
    NotFound(String),
    /// The request was understood but some fields are invalid.
    #[error("{message}")]
    Validation {
        /// What is wrong, in one sentence.
        message: String,
        /// Per-field messages.
        fields: FieldErrors,
    },
    /// The request itself is malformed.
    #[error("{0}")]
    BadRequest(String),
    /// The caller must sign in first.
    #[error("{0}")]
    Unauthorized(String),
    /// Signed in, but not allowed; or a form without a valid CSRF token.
    #[error("{0}")]
    Forbidden(String),
    /// Too many requests in a short time.
    #[error("{0}")]
    TooManyRequests(String),
    /// The request conflicts with the state of things (too many requests waiting).
    #[error("{0}")]
    Conflict(String),
    /// What the request acts on has moved on: a link used, a request answered.
    #[error("{0}")]
    Gone(String),
    /// The request body is larger than this endpoint accepts.
    #[error("{0}")]
    TooLarge(String),
    /// A dependency (database, search) cannot be reached.
    #[error("{0}")]
    Unavailable(String),
    /// Every slot for this kind of work is taken; the caller may try again after
    /// [`RETRY_AFTER_SECONDS`]. Expected under load, so logged as a warning.
    #[error("{0}")]
    Busy(String),
    /// A bug or an unexpected failure; the detail is logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// An error for one invalid field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        Self::Validation {
            message: message.clone(),
            fields: BTreeMap::from([(field.to_owned(), message)]),
        }
    }

    /// The error for a request body that could not be read: 413 when it was too large,
    /// 400 otherwise.
    pub fn unreadable_body(status: StatusCode, detail: String) -> Self {
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            Self::TooLarge(say("error-too-large"))
        } else {
            Self::BadRequest(detail)
        }
    }

    /// Wraps any unexpected failure.
    pub fn internal(err: impl std::fmt::Display) -> Self {
        Self::Internal(err.to_string())
    }

    /// The HTTP status this error answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Gone(_) => StatusCode::GONE,
            Self::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Unavailable(_) | Self::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound(_) => "not_found",
            Self::Validation { .. } => "validation_failed",
            Self::BadRequest(_) => "bad_request",
            Self::Unauthorized(_) => "unauthorized",
            Self::Forbidden(_) => "forbidden",
            Self::TooManyRequests(_) => "rate_limited",
            Self::Conflict(_) => "conflict",
            Self::Gone(_) => "gone",
            Self::TooLarge(_) => "payload_too_large",
            Self::Unavailable(_) => "service_unavailable",
            Self::Busy(_) => "busy",
            Self::Internal(_) => "internal",
        }
    }

    /// The message safe to show to the caller.
    pub fn public_message(&self) -> String {
        match self {
            Self::Internal(_) => say("error-internal"),
            Self::Unavailable(_) => say("error-unavailable"),
            other => other.to_string(),
        }
    }

    /// The per-field messages, if any.
    pub fn fields(&self) -> FieldErrors {
        match self {
            Self::Validation { fields, .. } => fields.clone(),
            _ => FieldErrors::new(),
        }
    }

    /// Logs server-side failures; client errors are not logged, and a busy refusal
    /// is a warning.
    pub fn log(&self) {
        if let Self::Busy(detail) = self {
            tracing::warn!(error.code = self.code(), error.detail = %detail, "request refused: busy");
        } else if self.status().is_server_error() {
            tracing::error!(error.code = self.code(), error.detail = %self, "request failed");
        }
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::Internal(format!("database: {err}"))
    }
}

/// A message in the current request's language.
fn say(key: &str) -> String {
    crate::i18n::text(Lang::current(), key)
}

impl From<crate::visits::VisitError> for AppError {
    fn from(err: crate::visits::VisitError) -> Self {
        use crate::visits::{MAX_PENDING, VisitError};
        match err {
            VisitError::Invalid(fields) => Self::Validation {
                message: say("fields-invalid"),
                fields,
            },
            VisitError::RateLimited => Self::TooManyRequests(say("visit-rate-limited")),
            VisitError::TooManyPending => Self::Conflict(crate::i18n::text_with(
                Lang::current(),
                "visit-too-many-waiting",
                [("max", MAX_PENDING.into())],
            )),
            VisitError::NoTimes => Self::Conflict(say("visit-no-open-times")),
            VisitError::Gone(message) => Self::Gone(message),
            VisitError::NotFound => Self::NotFound(say("visit-err-not-found")),
            VisitError::Db(e) => e.into(),
        }
    }
}

/// Seconds a busy refusal asks the caller to wait (`Retry-After`).
pub const RETRY_AFTER_SECONDS: u64 = 60;

/// The JSON error envelope.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorEnvelope {
    /// The error body.
    pub error: ErrorBody,
}

/// The body inside the envelope.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Stable machine code, e.g. `validation_failed`.
    pub code: &'static str,
    /// Human message.
    pub message: String,
    /// Per-field messages; empty when the error is not about fields.
    pub fields: FieldErrors,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let body = ErrorEnvelope {
            error: ErrorBody {
                code: self.code(),
                message: self.public_message(),
                fields: self.fields(),
            },
        };
        let mut response = (self.status(), Json(body)).into_response();
        if matches!(self, Self::Busy(_)) {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(RETRY_AFTER_SECONDS),
            );
        }
        response
    }
}

/// An error from a page handler. It answers with the error's status and carries the
/// status and message as a [`RenderedError`] extension, which `web::errors` turns into
/// a friendly HTML page.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl From<AppError> for PageError {
    fn from(err: AppError) -> Self {
        Self(err)
    }
}

impl From<sea_orm::DbErr> for PageError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self(err.into())
    }
}

/// The status and message a page error renders with.
#[derive(Debug, Clone)]
pub struct RenderedError {
    /// The status.
    pub status: StatusCode,
    /// The message safe to show.
    pub message: String,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        self.0.log();
        let mut response = self.0.status().into_response();
        response.extensions_mut().insert(RenderedError {
            status: self.0.status(),
            message: self.0.public_message(),
        });
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_details_are_not_public() {
        let err = AppError::internal("connection refused at 10.0.0.1");
        assert!(!err.public_message().contains("10.0.0.1"));
        assert_eq!(err.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn field_error_carries_the_field() {
        let err = AppError::field("pain", "must be between 0 and 10");
        assert_eq!(err.code(), "validation_failed");
        assert_eq!(err.fields()["pain"], "must be between 0 and 10");
    }
}
