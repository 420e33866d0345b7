//! `POST /api/v1/practitioners/{slug}/requests`: asking for one of a practice's open
//! times, with no account. The time is held only once the email is confirmed through
//! the link mailed to it.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::extract::ApiJson;
use crate::{
    auth::ClientAddress,
    error::{AppError, ErrorEnvelope},
    practitioners,
    state::AppState,
    visits::{
        self,
        request::{RequestInput, Requested},
    },
};

/// A request for one open time.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VisitRequestBody {
    /// One of the starts the slots operation answers, RFC 3339 with its offset.
    #[schema(format = DateTime, example = "2026-12-08T09:00:00-06:00")]
    start: String,
    /// One of the lengths offered at that start, in minutes.
    #[schema(value_type = u16, example = 60)]
    #[serde(deserialize_with = "whole_minutes")]
    minutes: u16,
    /// The client's name: some text, no control characters.
    #[schema(example = "Bo Li", min_length = 1, max_length = 100)]
    name: String,
    /// The client's email; the confirmation link goes there.
    #[schema(format = Email, example = "bo@example.com")]
    email: String,
    /// An optional note for the practitioner. No health details are needed here.
    #[schema(max_length = 1000)]
    #[serde(default)]
    note: Option<String>,
}

/// A length in minutes: a whole number, written `60` or `60.0`.
fn whole_minutes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    let n = f64::deserialize(d)?;
    if n.fract() == 0.0 && (0.0..=f64::from(u16::MAX)).contains(&n) {
        Ok(n as u16)
    } else {
        Err(serde::de::Error::custom(
            "minutes must be a whole number of minutes",
        ))
    }
}

/// What happens next.
#[derive(Debug, Serialize, ToSchema)]
pub struct VisitRequestedDto {
    /// Always `awaiting_confirmation`.
    #[schema(example = "awaiting_confirmation")]
    status: &'static str,
    /// The next step, in words.
    message: String,
}

/// Asks for one of a listed practitioner's open times. The answer comes once the
/// confirmation mail is queued; the time is held for 24 hours only after the email is
/// confirmed through its link, and then the practitioner accepts, declines or
/// proposes another time.
#[utoipa::path(
    post,
    path = "/api/v1/practitioners/{slug}/requests",
    params(("slug" = String, Path, description = "The profile's slug")),
    request_body = VisitRequestBody,
    responses(
        (status = 202, description = "The confirmation mail is queued", body = VisitRequestedDto),
        (status = 400, description = "The body is not JSON of this shape", body = ErrorEnvelope),
        (status = 404, description = "No such listed practitioner", body = ErrorEnvelope),
        (status = 409, description = "This email already has 3 requests waiting, or the practitioner has no open times", body = ErrorEnvelope),
        (status = 422, description = "A field is invalid: a time or length not offered, a past time, a malformed email", body = ErrorEnvelope),
        (status = 429, description = "Too many requests from this address or for this email lately", body = ErrorEnvelope),
    ),
    tag = "practitioners"
)]
pub async fn create_visit_request(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ClientAddress(address): ClientAddress,
    ApiJson(body): ApiJson<VisitRequestBody>,
) -> Result<(StatusCode, Json<VisitRequestedDto>), AppError> {
    let practitioner = practitioners::listed_by_slug(&state.db, &slug)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(crate::i18n::text(
                crate::i18n::Lang::current(),
                "api-no-practitioner",
            ))
        })?;
    let input = RequestInput {
        start: body.start,
        minutes: Some(body.minutes),
        name: body.name,
        email: body.email,
        note: body.note.unwrap_or_default(),
        honeypot: String::new(),
    };
    let outcome = visits::request::request(
        &state.db,
        &practitioner,
        &input,
        &address,
        &state.public_url,
        state.clock.now(),
    )
    .await?;
    debug_assert_eq!(outcome, Requested::Queued, "the API has no honeypot");
    Ok((
        StatusCode::ACCEPTED,
        Json(VisitRequestedDto {
            status: "awaiting_confirmation",
            message: crate::i18n::text(crate::i18n::Lang::current(), "api-visit-requested"),
        }),
    ))
}
