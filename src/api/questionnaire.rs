//! `GET /api/v1/questionnaire` and `POST /api/v1/match`. Answers are processed for
//! the request only: never stored, never logged.

use axum::{Json, extract::State};
use chrono::Utc;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{
    dto::{LocationDto, MatchResponse, QuestionnaireDto},
    extract::{ApiJson, given, invalid, radius_km},
};
use crate::{
    error::{AppError, ErrorEnvelope, FieldErrors},
    geocoding::resolve_required,
    matches::{self, MatchContext},
    matching::{RawAnswers, screen},
    policy,
    state::AppState,
};

/// The questionnaire's questions and their slugs.
#[utoipa::path(
    get,
    path = "/api/v1/questionnaire",
    responses((status = 200, description = "The questionnaire definition", body = QuestionnaireDto)),
    tag = "match"
)]
pub async fn show_questionnaire(State(state): State<AppState>) -> Json<QuestionnaireDto> {
    Json(QuestionnaireDto::new(
        state.rules.current(),
        &state.catalogue,
    ))
}

/// A match request: the questionnaire's answers and where to look.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchRequest {
    /// Region slugs (one or more).
    pub regions: Vec<String>,
    /// Duration slug.
    pub duration: String,
    /// Pain right now, 0–10.
    #[serde(deserialize_with = "whole_number")]
    pub pain: i64,
    /// Red-flag slugs that apply.
    #[serde(default)]
    pub red_flags: Vec<String>,
    /// Age band (optional); `unsaid`, or leaving it out, changes nothing.
    #[serde(default, deserialize_with = "given")]
    pub age_band: Option<String>,
    /// Condition slugs that apply.
    #[serde(default)]
    pub conditions: Vec<String>,
    /// Pressure slug.
    pub pressure: String,
    /// Goal slug.
    pub goal: String,
    /// A ZIP, "City, ST", a world city or `lat,lng`.
    pub near: String,
    /// Radius in km, more than 0 and at most 500. Give this or `radius_mi`.
    #[serde(default, deserialize_with = "given")]
    pub radius_km: Option<f64>,
    /// Radius in miles, more than 0 and at most 310. Give this or `radius_km`.
    #[serde(default, deserialize_with = "given")]
    pub radius_mi: Option<f64>,
    /// A doctor has seen the person and said massage is fine (lifts only `see_doctor_first`).
    #[serde(default)]
    pub cleared_by_doctor: bool,
    /// Only practitioners who speak this language (an ISO 639-1 code such as `es`).
    /// Whatever it is, a practitioner who speaks the `Accept-Language` language ranks
    /// ahead of an otherwise equal one.
    #[serde(default, deserialize_with = "given")]
    #[schema(example = "es")]
    pub language: Option<String>,
    /// Only practices that take HSA and FSA cards.
    #[serde(default)]
    pub hsa_fsa: bool,
    /// Only practices that take auto-injury (PIP) and workers' compensation claims with
    /// a doctor's referral.
    #[serde(default)]
    pub injury_claims: bool,
    /// Only practices whose 60-minute price is at most this (1–2000); a practice with
    /// no 60-minute price is left out.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 2000)]
    pub max_price_60: Option<f64>,
}

/// A JSON whole number, written as `9` or `9.0` (JSON Schema counts both as integers).
fn whole_number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    let number = serde_json::Number::deserialize(deserializer)?;
    number
        .as_i64()
        .or_else(|| {
            number
                .as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
                .map(|f| f as i64)
        })
        .ok_or_else(|| serde::de::Error::custom(format!("expected a whole number, got {number}")))
}

/// Screens the answers and, when safe, returns ranked, explained matches.
#[utoipa::path(
    post,
    path = "/api/v1/match",
    request_body = MatchRequest,
    responses(
        (status = 200, description = "The verdict, precautions and matches", body = MatchResponse),
        (status = 400, description = "Malformed JSON", body = ErrorEnvelope),
        (status = 422, description = "Invalid answers", body = ErrorEnvelope),
    ),
    tag = "match"
)]
pub async fn create_match(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<MatchRequest>,
) -> Result<Json<MatchResponse>, AppError> {
    let raw = RawAnswers {
        regions: request.regions,
        duration: request.duration,
        pain: Some(request.pain),
        red_flags: request.red_flags,
        age_band: request.age_band,
        conditions: request.conditions,
        pressure: request.pressure,
        goal: request.goal,
        cleared_by_doctor: request.cleared_by_doctor,
    };
    let mut errors = FieldErrors::new();
    let answers = raw
        .validate(state.rules.current())
        .map_err(|invalid| errors.extend(invalid))
        .ok();
    let radius_km = radius_km(request.radius_km, request.radius_mi, None, &mut errors);
    let speaks = crate::form::language("language", request.language.as_deref(), &mut errors);
    let max_price_60 = request.max_price_60.map(|max| {
        crate::form::max_price("max_price_60", Some(&max.to_string()), &mut errors).unwrap_or(0)
    });
    let place = resolve_required(state.geocoder.as_ref(), Some(&request.near))
        .await
        .map_err(|e| {
            errors.insert("near".into(), e.message());
        })
        .ok();
    // Every failure above names its field, so this is never an empty refusal.
    let (Some(answers), Some(place), true) = (answers, place, errors.is_empty()) else {
        return Err(invalid(errors));
    };
    let screening = screen(&answers, state.rules.current());
    let ranked = if screening.verdict.shows_matches() {
        let ctx = MatchContext {
            search: state.search.as_ref(),
            rules: state.rules.current(),
            weights: &state.weights,
            catalogue: &state.catalogue,
            db: &state.db,
            plans: &state.plans,
            now: state.clock.now(),
            reader_language: crate::i18n::Lang::current().code(),
            speaks: speaks.as_deref(),
            cost: matches::CostFilter {
                hsa_fsa: request.hsa_fsa,
                injury_claims: request.injury_claims,
                max_price_60,
            },
        };
        matches::find_matches(&ctx, &answers, &screening, &place, radius_km)
            .await
            .map_err(|e| AppError::Unavailable(e.to_string()))?
    } else {
        Vec::new()
    };
    let location = LocationDto {
        lat: place.lat,
        lng: place.lng,
        label: place.label,
    };
    let since = policy::accepting_since(Utc::now());
    let modality_name = |slug: &str| crate::wording::modality_name(&state.catalogue, slug);
    Ok(Json(MatchResponse::new(
        &screening,
        ranked,
        location,
        state.rules.current(),
        &modality_name,
        since,
    )))
}
