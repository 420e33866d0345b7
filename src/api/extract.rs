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
            Err(rejection) => Err(AppError::unreadable_body(
                rejection.status(),
                rejection.body_text(),
            )),
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
