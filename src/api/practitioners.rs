//! `GET /api/v1/practitioners` and `GET /api/v1/practitioners/{slug}`.

use axum::{
    Json,
    extract::{Path, RawQuery, State},
};
use chrono::Utc;
use utoipa::IntoParams;

use super::{
    dto::{LocationDto, PractitionerList, PractitionerSummary, ProfileDto},
    extract::{check_radius, fail_on},
};
use crate::{
    app::AppState,
    error::{AppError, ErrorEnvelope, FieldErrors},
    form::FormPairs,
    geocoding::resolve_required,
    policy, practitioners,
    search::{MAX_PAGE, SearchQuery},
};

/// Search parameters (documentation of the query string).
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "describes the query string for OpenAPI; parsing is by FormPairs"
)]
pub struct ListParams {
    /// A 5-digit US ZIP, "City, ST", a world city with optional country code, or `lat,lng`.
    near: String,
    /// Radius in km, more than 0 and at most 500 (default 25).
    radius_km: Option<f64>,
    /// Modality slug; repeat for any-of.
    modality: Option<Vec<String>>,
    /// Only verified, current licences.
    verified: Option<bool>,
    /// Only practitioners accepting new clients (confirmed within 30 days).
    accepting: Option<bool>,
    /// `clinic`, `home_based`, `mobile` or `spa`.
    practice_type: Option<String>,
    /// Free text on name, practice and city.
    q: Option<String>,
    /// Page, from 1.
    page: Option<usize>,
    /// Results per page, 1–100 (default 20).
    per_page: Option<usize>,
}

/// Searches practitioners near a place, nearest first.
#[utoipa::path(
    get,
    path = "/api/v1/practitioners",
    params(ListParams),
    responses(
        (status = 200, description = "A page of practitioners", body = PractitionerList),
        (status = 422, description = "Invalid parameters", body = ErrorEnvelope),
    ),
    tag = "search"
)]
pub async fn list_practitioners(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<PractitionerList>, AppError> {
    let query = FormPairs::parse(raw.as_deref());
    let mut errors = FieldErrors::new();
    let radius_km = query.number("radius_km", 25.0_f64, f64::MIN..=f64::MAX, &mut errors);
    check_radius(radius_km, &mut errors);
    let known: Vec<&str> = state.catalogue.modality_slugs().collect();
    let modalities = query.all("modality");
    if let Some(bad) = modalities.iter().find(|m| !known.contains(&m.as_str())) {
        errors.insert(
            "modality".into(),
            format!(
                "unknown modality `{}`",
                bad.chars().take(40).collect::<String>()
            ),
        );
    }
    let practice_type = query
        .get("practice_type")
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    if practice_type
        .as_deref()
        .is_some_and(|t| !policy::is_practice_type(t))
    {
        errors.insert(
            "practice_type".into(),
            format!(
                "must be one of {}",
                policy::PRACTICE_TYPES.map(|(slug, _)| slug).join(", ")
            ),
        );
    }
    let verified = query.bool("verified", &mut errors);
    let accepting = query.bool("accepting", &mut errors);
    let page = query.number("page", 1_usize, 1..=MAX_PAGE, &mut errors);
    let per_page = query.number("per_page", 20_usize, 1..=100, &mut errors);
    let place = match resolve_required(state.geocoder.as_ref(), query.get("near")).await {
        Ok(place) => Some(place),
        Err(e) => {
            errors.insert("near".into(), e.message());
            None
        }
    };
    fail_on(errors)?;
    let Some(place) = place else {
        return Err(AppError::internal("place missing after validation"));
    };
    let since = policy::accepting_since(Utc::now());
    let mut search = SearchQuery::near(place.lat, place.lng, radius_km, since);
    search.modalities = modalities;
    search.verified_only = verified;
    search.accepting_only = accepting;
    search.practice_type = practice_type;
    search.text = query
        .get("q")
        .filter(|q| !q.is_empty())
        .map(|q| q.chars().take(200).collect());
    search.offset = (page - 1) * per_page;
    search.limit = per_page;
    let results = state
        .search
        .search(&search)
        .await
        .map_err(|e| AppError::Unavailable(e.to_string()))?;
    Ok(Json(PractitionerList {
        location: LocationDto {
            lat: place.lat,
            lng: place.lng,
            label: place.label,
        },
        total: results.total,
        page,
        per_page,
        results: results
            .hits
            .iter()
            .map(|h| PractitionerSummary::new(&h.doc, h.distance_km, since))
            .collect(),
    }))
}

/// One practitioner's public profile.
#[utoipa::path(
    get,
    path = "/api/v1/practitioners/{slug}",
    params(("slug" = String, Path, description = "The profile's slug")),
    responses(
        (status = 200, description = "The profile", body = ProfileDto),
        (status = 404, description = "No such listed practitioner", body = ErrorEnvelope),
    ),
    tag = "practitioners"
)]
pub async fn show_practitioner(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<ProfileDto>, AppError> {
    let now = Utc::now();
    let profile = practitioners::public_profile(&state.db, &slug, now.date_naive())
        .await?
        .ok_or_else(|| AppError::NotFound("No practitioner is listed with this slug.".into()))?;
    Ok(Json(ProfileDto::new(profile, now)))
}
