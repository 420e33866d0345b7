//! `GET /api/v1/practitioners/{slug}/slots`: a practice's open times.

use axum::{
    Json,
    extract::{Path, State},
};
use chrono::{NaiveDate, SecondsFormat};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::extract::{fail_on, given};
use crate::{
    error::{AppError, ErrorEnvelope, FieldErrors},
    form::ApiQuery,
    practitioners, schedule,
    state::AppState,
    validation::quoted,
};

/// Days answered when the request names none.
const DEFAULT_DAYS: u32 = 7;

/// The query string.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct SlotParams {
    /// The first day, `YYYY-MM-DD`, on the practice's clock (default: its today).
    #[param(value_type = Option<String>, format = Date)]
    #[serde(deserialize_with = "given")]
    from: Option<String>,
    /// How many days, 1–31 (default 7).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 31)]
    #[serde(deserialize_with = "given")]
    days: Option<String>,
}

/// One open time.
#[derive(Debug, Serialize, ToSchema)]
pub struct SlotDto {
    /// Start, RFC 3339 with the practice's UTC offset at that moment.
    #[schema(format = DateTime, example = "2026-12-08T09:00:00-06:00")]
    start: String,
    /// Length in minutes.
    #[schema(example = 60)]
    minutes: u16,
}

/// A practice's open times.
#[derive(Debug, Serialize, ToSchema)]
pub struct SlotsDto {
    /// The practice's IANA time zone; null while the practitioner has no hours or no
    /// location to find it from.
    #[schema(example = "America/Chicago")]
    zone: Option<String>,
    /// Open times in order of start, then length.
    slots: Vec<SlotDto>,
}

/// A listed practitioner's open times: their weekly hours minus time off, minus the
/// shortest notice, within how far ahead they take bookings.
#[utoipa::path(
    get,
    path = "/api/v1/practitioners/{slug}/slots",
    params(("slug" = String, Path, description = "The profile's slug"), SlotParams),
    responses(
        (status = 200, description = "Open times", body = SlotsDto),
        (status = 404, description = "No such listed practitioner", body = ErrorEnvelope),
        (status = 422, description = "Invalid parameters", body = ErrorEnvelope),
    ),
    tag = "practitioners"
)]
pub async fn list_slots(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiQuery(params): ApiQuery<SlotParams>,
) -> Result<Json<SlotsDto>, AppError> {
    let mut errors = FieldErrors::new();
    // An empty value is not "no value": the contract's date format refuses it too.
    let from =
        params
            .from
            .as_deref()
            .and_then(|f| match NaiveDate::parse_from_str(f, "%Y-%m-%d") {
                Ok(day) if f.len() == 10 => Some(day),
                _ => {
                    errors.insert(
                        "from".into(),
                        format!("{} is not a date written YYYY-MM-DD", quoted(f)),
                    );
                    None
                }
            });
    let days = match params.days.as_deref() {
        None => DEFAULT_DAYS,
        Some(d) => match d.parse::<u32>() {
            Ok(n) if (1..=schedule::MAX_DAYS).contains(&n) => n,
            _ => {
                errors.insert(
                    "days".into(),
                    format!("must be a whole number from 1 to {}", schedule::MAX_DAYS),
                );
                DEFAULT_DAYS
            }
        },
    };
    fail_on(errors)?;
    let practitioner = practitioners::listed_by_slug(&state.db, &slug)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(crate::i18n::text(
                crate::i18n::Lang::current(),
                "api-no-practitioner",
            ))
        })?;
    let open =
        schedule::open_times(&state.db, practitioner.id, from, days, state.clock.now()).await?;
    Ok(Json(SlotsDto {
        zone: open.zone.map(|z| z.name().to_owned()),
        slots: open
            .slots
            .iter()
            .map(|s| SlotDto {
                start: s.start.to_rfc3339_opts(SecondsFormat::Secs, false),
                minutes: s.minutes,
            })
            .collect(),
    }))
}
