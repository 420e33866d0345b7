//! Request extractors whose rejections use the JSON error envelope.

use axum::{
    Json,
    extract::{FromRequest, Request},
};
use serde::de::DeserializeOwned;

use crate::error::{AppError, FieldErrors};

/// `Json<T>`, but a malformed body answers 400 with the error envelope.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(AppError::BadRequest(rejection.body_text())),
        }
    }
}

/// Query-string pairs, in order, with repeated keys kept.
pub struct QueryPairs(pub Vec<(String, String)>);

impl QueryPairs {
    /// Parses a raw query string.
    pub fn parse(raw: Option<&str>) -> Self {
        Self(
            url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
                .into_owned()
                .collect(),
        )
    }

    /// The first value of `key`, trimmed.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim())
    }

    /// Every value of `key`.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// An optional boolean (`true`/`false`/`1`/`0`/`on`); a bad value is a field error.
    pub fn bool(&self, key: &str, errors: &mut FieldErrors) -> bool {
        match self.get(key) {
            None | Some("") => false,
            Some("true" | "1" | "on" | "yes") => true,
            Some("false" | "0" | "off" | "no") => false,
            Some(_) => {
                errors.insert(key.to_owned(), "must be true or false".into());
                false
            }
        }
    }

    /// An optional number within `range`; a bad value is a field error.
    pub fn number<T>(
        &self,
        key: &str,
        default: T,
        range: std::ops::RangeInclusive<T>,
        errors: &mut FieldErrors,
    ) -> T
    where
        T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
    {
        match self.get(key) {
            None | Some("") => default,
            Some(raw) => match raw.parse::<T>() {
                Ok(v) if range.contains(&v) => v,
                _ => {
                    errors.insert(
                        key.to_owned(),
                        format!("must be a number from {} to {}", range.start(), range.end()),
                    );
                    default
                }
            },
        }
    }
}

/// The radius rule shared by every endpoint: more than 0 and at most 500 km.
pub fn check_radius(radius_km: f64, errors: &mut FieldErrors) {
    if !(radius_km.is_finite() && radius_km > 0.0 && radius_km <= 500.0) {
        errors.insert(
            "radius_km".into(),
            "must be more than 0 and at most 500".into(),
        );
    }
}

/// Turns collected field errors into a 422.
pub fn fail_on(errors: FieldErrors) -> Result<(), AppError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation {
            message: "Some parameters are invalid.".into(),
            fields: errors,
        })
    }
}
