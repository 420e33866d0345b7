//! Request extractors whose rejections use the JSON error envelope.

use axum::{
    Json,
    extract::{FromRequest, Request},
};
use serde::de::DeserializeOwned;

use crate::{
    error::{AppError, FieldErrors},
    validation::quoted,
    wording::Unit,
};

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
            Err(rejection) => Err(AppError::unreadable_body(
                rejection.status(),
                rejection.body_text(),
            )),
        }
    }
}

/// The radius of a search, given in kilometres (`radius_km`) or in miles
/// (`radius_mi`), never both: more than 0 and at most 500 km (310 miles). Returns it in
/// kilometres; `default_km` when neither is given and `default_km` is set.
pub fn radius_km(
    km: Option<f64>,
    mi: Option<f64>,
    default_km: Option<f64>,
    errors: &mut FieldErrors,
) -> f64 {
    let check = |field: &str, value: f64, unit: Unit, errors: &mut FieldErrors| {
        let max = unit.max_radius();
        if value.is_finite() && value > 0.0 && value <= f64::from(max) {
            unit.to_km(value)
        } else {
            errors.insert(
                field.to_owned(),
                crate::i18n::text_with(
                    crate::i18n::Lang::current(),
                    "param-radius",
                    [("max", max.into())],
                ),
            );
            0.0
        }
    };
    match (km, mi, default_km) {
        (Some(_), Some(_), _) => {
            errors.insert(
                "radius_mi".into(),
                crate::i18n::text(crate::i18n::Lang::current(), "param-radius-both"),
            );
            0.0
        }
        (Some(km), None, _) => check("radius_km", km, Unit::Km, errors),
        (None, Some(mi), _) => check("radius_mi", mi, Unit::Mi, errors),
        (None, None, Some(default)) => default,
        (None, None, None) => {
            errors.insert(
                "radius_km".into(),
                crate::i18n::text(crate::i18n::Lang::current(), "param-radius-missing"),
            );
            0.0
        }
    }
}

/// An optional number from a query string; text that is not a number is a field error.
pub fn optional_number(field: &str, raw: Option<&str>, errors: &mut FieldErrors) -> Option<f64> {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
    match raw.parse::<f64>() {
        Ok(v) => Some(v),
        Err(_) => {
            errors.insert(
                field.to_owned(),
                crate::i18n::text_with(
                    crate::i18n::Lang::current(),
                    "param-not-number",
                    [("value", quoted(raw).into())],
                ),
            );
            None
        }
    }
}

/// A value that, when its key is there, is of its type: JSON's `null` is refused and a
/// query string's empty value is kept as empty, neither read as "not given".
pub fn given<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}

/// Turns collected field errors into a 422.
pub fn fail_on(errors: FieldErrors) -> Result<(), AppError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(invalid(errors))
    }
}

/// The refusal for these field errors.
pub fn invalid(errors: FieldErrors) -> AppError {
    AppError::Validation {
        message: crate::i18n::text(crate::i18n::Lang::current(), "api-invalid"),
        fields: errors,
    }
}
