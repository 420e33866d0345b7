//! `GET /api/v1/practitioners` and `GET /api/v1/practitioners/{slug}`.

use axum::{
    Json,
    extract::{Path, State},
};
use chrono::Utc;
use serde::Deserialize;
use utoipa::IntoParams;

use super::{
    dto::{LocationDto, PractitionerList, PractitionerSummary, ProfileDto},
    extract::{fail_on, optional_number, radius_km},
};
use crate::{
    error::{AppError, ErrorEnvelope, FieldErrors},
    form::{self, ApiQuery},
    geocoding::resolve_required,
    policy::{self, Approach},
    practitioners,
    search::{MAX_PAGE, SearchQuery, SortOrder},
    state::AppState,
    validation::quoted,
};

/// The radius when the request gives none.
const DEFAULT_RADIUS_KM: f64 = 25.0;

/// The search's query string: the struct the handler parses and the OpenAPI document
/// describes, so the two cannot drift. Values arrive as typed and are checked below,
/// each failure naming its field.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct ListParams {
    /// A 5-digit US ZIP, "City, ST", a world city with optional country code, or `lat,lng`.
    #[param(required = true, min_length = 1)]
    near: String,
    /// Radius in km, more than 0 and at most 500 (default 25). Give this or `radius_mi`.
    #[param(value_type = Option<f64>, exclusive_minimum = 0, maximum = 500)]
    radius_km: Option<String>,
    /// Radius in miles, more than 0 and at most 310. Give this or `radius_km`.
    #[param(value_type = Option<f64>, exclusive_minimum = 0, maximum = 310)]
    radius_mi: Option<String>,
    /// Modality slug; repeat for any-of.
    modality: Vec<String>,
    /// Accessibility feature slug; repeat for all-of.
    accessibility: Vec<String>,
    /// Only practitioners who speak this language: an ISO 639-1 code (`en`, `es`,
    /// `zh`, `tl`, `vi`, `ar`, `fr`, `ko`, `ru`, `ht`, `pt`, `de`, `hi`, `it`, `pl`, `ja`).
    #[param(value_type = Option<String>)]
    language: Option<String>,
    /// Only practices that take HSA and FSA cards.
    #[param(value_type = Option<bool>)]
    hsa_fsa: Option<String>,
    /// Only practices that take auto-injury (PIP) and workers' compensation claims with a
    /// doctor's referral.
    #[param(value_type = Option<bool>)]
    injury_claims: Option<String>,
    /// Only practices whose 60-minute price is at most this, in whole units of their
    /// currency (1–2000); a practice with no 60-minute price is left out.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 2000)]
    max_price_60: Option<String>,
    /// Only verified, current licences.
    #[param(value_type = Option<bool>)]
    verified: Option<String>,
    /// Only practitioners accepting new clients (confirmed within 30 days).
    #[param(value_type = Option<bool>)]
    accepting: Option<String>,
    /// `clinic`, `home_based`, `mobile` or `spa`.
    practice_type: Option<String>,
    /// How the practitioner works, at least: `clinical` (clinically focused only),
    /// `mixed` (clinical or mixed) or `relaxation` (any).
    #[param(value_type = Option<String>, pattern = "^(clinical|mixed|relaxation)?$")]
    approach: Option<String>,
    /// `distance` (nearest first, the default) or `approach` (the most clinical first,
    /// then nearest).
    #[param(value_type = Option<String>, pattern = "^(distance|approach)?$")]
    sort: Option<String>,
    /// Free text on name, practice and city.
    q: Option<String>,
    /// Page, from 1.
    #[param(value_type = Option<usize>, minimum = 1, maximum = 10000)]
    page: Option<String>,
    /// Results per page, 1–100 (default 20).
    #[param(value_type = Option<usize>, minimum = 1, maximum = 100)]
    per_page: Option<String>,
}

/// The parameters [`ListParams`] reads; any other is refused rather than ignored, so a
/// typo (`modalty=`) never answers unfiltered results.
const PARAMETERS: [&str; 17] = [
    "near",
    "radius_km",
    "radius_mi",
    "modality",
    "accessibility",
    "language",
    "hsa_fsa",
    "injury_claims",
    "max_price_60",
    "verified",
    "accepting",
    "practice_type",
    "approach",
    "sort",
    "q",
    "page",
    "per_page",
];

/// A field error for each parameter the search does not read (the first five, each
/// name cut short and without control characters).
fn unknown_parameters(raw: Option<&str>) -> FieldErrors {
    let mut errors = FieldErrors::new();
    let unknown = url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .map(|(key, _)| key)
        .filter(|key| !PARAMETERS.contains(&key.as_ref()));
    for key in unknown.take(5) {
        let name: String = key
            .chars()
            .filter(|c| !c.is_control())
            .take(crate::validation::QUOTED_CHARS)
            .collect();
        errors.insert(
            name,
            crate::i18n::text_with(
                crate::i18n::Lang::current(),
                "param-unknown",
                [("known", PARAMETERS.join(", ").into())],
            ),
        );
    }
    errors
}

#[cfg(test)]
mod parameter_tests {
    use utoipa::IntoParams;

    #[test]
    fn the_known_parameters_are_exactly_those_the_api_documents() {
        let documented: Vec<String> =
            super::ListParams::into_params(|| Some(utoipa::openapi::path::ParameterIn::Query))
                .into_iter()
                .map(|p| p.name)
                .collect();
        assert_eq!(documented, super::PARAMETERS);
    }
}

/// Searches practitioners near a place, nearest first or the most clinical first.
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
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Json<PractitionerList>, AppError> {
    let p = params;
    let mut errors = unknown_parameters(raw.as_deref());
    let km = optional_number("radius_km", p.radius_km.as_deref(), &mut errors);
    let mi = optional_number("radius_mi", p.radius_mi.as_deref(), &mut errors);
    let radius_km = radius_km(km, mi, Some(DEFAULT_RADIUS_KM), &mut errors);
    if let Some(bad) = p
        .accessibility
        .iter()
        .find(|a| !policy::is_accessibility(a))
    {
        errors.insert(
            "accessibility".into(),
            crate::i18n::text_with(
                crate::i18n::Lang::current(),
                "param-accessibility",
                [
                    ("value", quoted(bad).into()),
                    (
                        "choices",
                        policy::ACCESSIBILITY
                            .map(|(slug, _)| slug)
                            .join(", ")
                            .into(),
                    ),
                ],
            ),
        );
    }
    let known: Vec<&str> = state.catalogue.modality_slugs().collect();
    let modalities = p.modality;
    if let Some(bad) = modalities.iter().find(|m| !known.contains(&m.as_str())) {
        errors.insert(
            "modality".into(),
            crate::i18n::text_with(
                crate::i18n::Lang::current(),
                "param-modality",
                [("value", quoted(bad).into())],
            ),
        );
    }
    let practice_type = p
        .practice_type
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    if practice_type
        .as_deref()
        .is_some_and(|t| !policy::is_practice_type(t))
    {
        errors.insert(
            "practice_type".into(),
            crate::i18n::text_with(
                crate::i18n::Lang::current(),
                "param-one-of",
                [(
                    "choices",
                    policy::PRACTICE_TYPES
                        .map(|(slug, _)| slug)
                        .join(", ")
                        .into(),
                )],
            ),
        );
    }
    let approach = match p.approach.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(given) => Approach::from_slug(given).or_else(|| {
            errors.insert(
                "approach".into(),
                crate::i18n::text_with(
                    crate::i18n::Lang::current(),
                    "param-approach",
                    [("value", quoted(given).into())],
                ),
            );
            None
        }),
    };
    let sort = match p.sort.as_deref().map(str::trim) {
        None | Some("") => SortOrder::Distance,
        Some(given) => SortOrder::from_slug(given).unwrap_or_else(|| {
            errors.insert(
                "sort".into(),
                crate::i18n::text_with(
                    crate::i18n::Lang::current(),
                    "param-sort",
                    [("value", quoted(given).into())],
                ),
            );
            SortOrder::Distance
        }),
    };
    let verified = form::flag("verified", p.verified.as_deref(), &mut errors);
    let accepting = form::flag("accepting", p.accepting.as_deref(), &mut errors);
    let language = form::language("language", p.language.as_deref(), &mut errors);
    let hsa_fsa = form::flag("hsa_fsa", p.hsa_fsa.as_deref(), &mut errors);
    let injury_claims = form::flag("injury_claims", p.injury_claims.as_deref(), &mut errors);
    let max_price_60 = form::max_price("max_price_60", p.max_price_60.as_deref(), &mut errors);
    let page = form::number(
        "page",
        p.page.as_deref(),
        1_usize,
        1..=MAX_PAGE,
        &mut errors,
    );
    let per_page = form::number(
        "per_page",
        p.per_page.as_deref(),
        20_usize,
        1..=100,
        &mut errors,
    );
    let near = p.near.trim();
    let near = (!near.is_empty()).then_some(near);
    let place = match resolve_required(state.geocoder.as_ref(), near).await {
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
    search.modalities = crate::search::distinct(modalities);
    search.accessibility = crate::search::distinct(p.accessibility);
    search.verified_only = verified;
    search.accepting_only = accepting;
    search.practice_type = practice_type;
    search.language = language;
    search.hsa_fsa = hsa_fsa;
    search.injury_claims = injury_claims;
    search.max_price_60 = max_price_60;
    search.approach = approach.filter(|a| *a > Approach::Relaxation);
    search.sort = sort;
    search.text =
        p.q.as_deref()
            .map(str::trim)
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
        pages: results.total.div_ceil(per_page),
        results: results
            .hits
            .into_iter()
            .map(|h| PractitionerSummary::new(h.doc, h.distance_km, since))
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
        .ok_or_else(|| {
            AppError::NotFound(crate::i18n::text(
                crate::i18n::Lang::current(),
                "api-no-practitioner",
            ))
        })?;
    Ok(Json(ProfileDto::new(profile, now)))
}
