//! Open Referral HSDS 3.0 under `/hsds`: the core read endpoints of the specification's
//! API with its paged envelope, and the whole directory as a tabular data package
//! (`datapackage.json` and one streamed CSV per table).
//!
//! Each listing is one organization (the practice), one service (massage therapy with
//! the practitioner), one location and the service at that location. HSDS ids are
//! UUIDs: ours are version 8 (RFC 9562, "custom") and spell the record's table, an
//! index for repeated rows, and the listing's id, so `/hsds/services/{id}` finds its
//! listing without a lookup table and an id never changes.

use axum::{
    Json,
    extract::{Path, RawQuery, State},
};
use chrono::Utc;
use serde_json::{Value, json};

mod mapping;
mod tabular;

use self::mapping::*;
pub use self::tabular::{export_table, show_datapackage};
use super::query_pairs;
use crate::{
    error::AppError,
    geocoding::Resolution,
    policy,
    practitioners::records::{self, Bound, Detail, PublicRecord, RecordFilter, Words},
    search::SearchQuery,
    state::AppState,
};

/// Items per page when `per_page` is not given.
const DEFAULT_PER_PAGE: u64 = 50;
/// The largest `per_page`.
const MAX_PER_PAGE: u64 = 200;
/// The deepest page a list serves (offset paging; the bulk download has everything).
const MAX_PAGE: u64 = 10_000;
/// The widest `proximity`, in metres: the site's own 500 km.
const MAX_PROXIMITY_M: f64 = 500_000.0;

/// What a list request asks for.
struct ListQuery {
    filter: RecordFilter,
    page: u64,
    per_page: u64,
    near: Option<(f64, f64, f64)>,
}

fn whole_number(
    field: &str,
    value: &str,
    range: std::ops::RangeInclusive<u64>,
) -> Result<u64, AppError> {
    value
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            AppError::field(
                field,
                format!(
                    "Enter a whole number from {} to {}.",
                    range.start(),
                    range.end()
                ),
            )
        })
}

/// Parses a list's query string; `allowed` names the filters this list takes beyond
/// `page`, `per_page` and `format`. Anything else is an error, not ignored.
async fn list_query(
    state: &AppState,
    query: Option<&str>,
    allowed: &[&str],
) -> Result<ListQuery, AppError> {
    let mut q = ListQuery {
        filter: RecordFilter::default(),
        page: 1,
        per_page: DEFAULT_PER_PAGE,
        near: None,
    };
    let mut postcode = None;
    let mut proximity = None;
    for (key, value) in query_pairs(query) {
        let value = value.trim().to_owned();
        match key.as_str() {
            "page" => q.page = whole_number("page", &value, 1..=MAX_PAGE)?,
            "per_page" => q.per_page = whole_number("per_page", &value, 1..=MAX_PER_PAGE)?,
            "format" if value == "json" => {}
            "format" => {
                return Err(AppError::field(
                    "format",
                    "Only json is served here; the whole directory is at /hsds/datapackage.json.",
                ));
            }
            k if !allowed.contains(&k) => {
                return Err(AppError::field(
                    &super::fhir::search::shorten(k),
                    format!(
                        "This list does not take {}; it takes {}.",
                        super::fhir::search::shorten(k),
                        ["page", "per_page"]
                            .iter()
                            .chain(allowed)
                            .copied()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            "search" => q
                .filter
                .add_words(Words::Text, &value)
                .map_err(|why| AppError::field("search", why))?,
            "modified_after" => {
                let at = chrono::DateTime::parse_from_rfc3339(&value)
                    .map_err(|_| {
                        AppError::field(
                            "modified_after",
                            "Enter a date and time such as 2026-11-20T10:00:00Z.",
                        )
                    })?
                    .with_timezone(&Utc);
                q.filter.changed.push((Bound::From, at));
            }
            "organization_id" => {
                let id = listing_of(Table::Organization, &value).unwrap_or(-1);
                q.filter.ids = Some(vec![id]);
            }
            "taxonomy_term_id" => {
                match state
                    .catalogue
                    .modalities
                    .iter()
                    .find(|m| term_id(&m.slug) == value)
                {
                    Some(m) => q.filter.modality = Some(m.slug.clone()),
                    None => q.filter.nothing = true,
                }
            }
            "taxonomy_id" => q.filter.nothing |= value != taxonomy_id(),
            "language" if policy::is_spoken_language(&value) => q.filter.language = Some(value),
            "language" => {
                return Err(AppError::field(
                    "language",
                    format!(
                        "Enter a language code: {}.",
                        policy::SPOKEN_LANGUAGES.join(", ")
                    ),
                ));
            }
            "postcode" => postcode = Some(value),
            "proximity" => {
                proximity = Some(
                    value
                        .parse::<f64>()
                        .ok()
                        .filter(|m| m.is_finite() && *m > 0.0 && *m <= MAX_PROXIMITY_M)
                        .ok_or_else(|| {
                            AppError::field(
                                "proximity",
                                "Enter a distance in metres above 0 and at most 500000.",
                            )
                        })?,
                );
            }
            _ => {}
        }
    }
    match (postcode, proximity) {
        (Some(code), Some(metres)) => {
            let zip_only = code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit());
            let place = match zip_only {
                true => match state.geocoder.resolve(&code).await {
                    Resolution::Found(place) => Some(place),
                    _ => None,
                },
                false => None,
            };
            let place = place
                .ok_or_else(|| AppError::field("postcode", "Enter a known 5-digit US ZIP code."))?;
            q.near = Some((place.lat, place.lng, metres / 1000.0));
        }
        (Some(code), None) => q.filter.postal_code = Some(code),
        (None, Some(_)) => {
            return Err(AppError::field(
                "proximity",
                "proximity needs a postcode to measure from.",
            ));
        }
        (None, None) => {}
    }
    if q.near.is_some() && q.filter != RecordFilter::default() {
        return Err(AppError::field(
            "proximity",
            "postcode with proximity combines only with page and per_page.",
        ));
    }
    Ok(q)
}

/// One page of records: from the search index, nearest first, for a proximity search;
/// else from the database in id order.
async fn list_page(
    state: &AppState,
    q: &ListQuery,
    detail: Detail,
) -> Result<(u64, Vec<PublicRecord>), AppError> {
    let offset = (q.page - 1) * q.per_page;
    let now = Utc::now();
    if let Some((lat, lng, radius_km)) = q.near {
        let mut query = SearchQuery::near(lat, lng, radius_km, policy::accepting_since(now));
        query.offset = offset as usize;
        query.limit = q.per_page as usize;
        let page = state
            .search
            .search(&query)
            .await
            .map_err(|e| AppError::Unavailable(e.to_string()))?;
        let ids: Vec<i64> = page.hits.iter().map(|h| h.doc.id).collect();
        let found = records::by_ids(&state.db, &ids, detail, now).await?;
        return Ok((page.total as u64, found));
    }
    let total = records::count(&state.db, &q.filter).await?;
    let found = records::page_at(&state.db, &q.filter, q.page - 1, q.per_page, detail, now).await?;
    Ok((total, found))
}

async fn one(state: &AppState, table: Table, id: &str) -> Result<PublicRecord, AppError> {
    let missing = || AppError::NotFound("There is no such record here.".into());
    let listing = listing_of(table, id).ok_or_else(missing)?;
    records::by_ids(&state.db, &[listing], Detail::Full, Utc::now())
        .await?
        .pop()
        .ok_or_else(missing)
}

/// `GET /hsds`: what this API is.
pub async fn show_api_info(State(state): State<AppState>) -> Json<Value> {
    Json(json!({
        "version": "3.0",
        "profile": "https://docs.openreferral.org/en/latest/hsds/",
        "openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json",
        "datapackage_url": format!("{}/hsds/datapackage.json", state.public_url),
    }))
}

/// The filters the service lists take.
const SERVICE_FILTERS: [&str; 6] = [
    "search",
    "language",
    "modified_after",
    "organization_id",
    "taxonomy_term_id",
    "taxonomy_id",
];

/// `GET /hsds/services`
pub async fn list_services(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, AppError> {
    let q = list_query(&state, query.as_deref(), &SERVICE_FILTERS).await?;
    let (total, found) = list_page(&state, &q, Detail::Full).await?;
    let contents = found
        .iter()
        .map(|r| {
            with(
                service(r, &state.public_url),
                "organization",
                organization(r, &state.public_url),
            )
        })
        .collect();
    Ok(Json(envelope(total, q.page, q.per_page, contents)))
}

/// `GET /hsds/services/{id}`
pub async fn show_service(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let r = one(&state, Table::Service, &id).await?;
    Ok(Json(full_service(
        &r,
        &state.public_url,
        &state.catalogue.modalities,
    )))
}

/// `GET /hsds/organizations`
pub async fn list_organizations(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, AppError> {
    let q = list_query(&state, query.as_deref(), &["search"]).await?;
    let (total, found) = list_page(&state, &q, Detail::Listing).await?;
    let contents = found
        .iter()
        .map(|r| organization(r, &state.public_url))
        .collect();
    Ok(Json(envelope(total, q.page, q.per_page, contents)))
}

/// `GET /hsds/organizations/{id}`: the practice with its service and location.
pub async fn show_organization(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let r = one(&state, Table::Organization, &id).await?;
    let site = &state.public_url;
    let mut service = full_service(&r, site, &state.catalogue.modalities);
    if let Some(s) = service.as_object_mut() {
        s.remove("organization");
    }
    let mut org = organization(&r, site);
    org["locations"] = json!([full_location(&r, site)]);
    org["services"] = json!([service]);
    Ok(Json(org))
}

/// `GET /hsds/service_at_locations`, with `postcode` and `proximity` (metres).
pub async fn list_service_at_locations(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, AppError> {
    let filters = [SERVICE_FILTERS.as_slice(), &["postcode", "proximity"]].concat();
    let q = list_query(&state, query.as_deref(), &filters).await?;
    let (total, found) = list_page(&state, &q, Detail::Full).await?;
    let site = &state.public_url;
    let contents = found
        .iter()
        .map(|r| {
            let mut sal = service_at_location(r);
            sal["location"] = location(r, site);
            sal["service"] = service(r, site);
            sal
        })
        .collect();
    Ok(Json(envelope(total, q.page, q.per_page, contents)))
}

/// `GET /hsds/service_at_locations/{id}`
pub async fn show_service_at_location(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let r = one(&state, Table::ServiceAtLocation, &id).await?;
    let site = &state.public_url;
    let mut sal = service_at_location(&r);
    sal["location"] = full_location(&r, site);
    let mut service = full_service(&r, site, &state.catalogue.modalities);
    if let Some(s) = service.as_object_mut() {
        s.remove("service_at_locations");
    }
    sal["service"] = service;
    Ok(Json(sal))
}

/// `GET /hsds/taxonomies`: the one taxonomy, of modalities.
pub async fn list_taxonomies(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, AppError> {
    let q = list_query(&state, query.as_deref(), &[]).await?;
    let contents = if q.page == 1 {
        vec![taxonomy(&state.public_url)]
    } else {
        Vec::new()
    };
    Ok(Json(envelope(1, q.page, q.per_page, contents)))
}

/// `GET /hsds/taxonomy_terms`: the modalities.
pub async fn list_taxonomy_terms(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, AppError> {
    let q = list_query(&state, query.as_deref(), &[]).await?;
    let all = &state.catalogue.modalities;
    let contents = all
        .iter()
        .skip(((q.page - 1) * q.per_page) as usize)
        .take(q.per_page as usize)
        .map(term)
        .collect();
    Ok(Json(envelope(
        all.len() as u64,
        q.page,
        q.per_page,
        contents,
    )))
}

#[cfg(test)]
mod tests {
    use super::{
        tabular::{csv_header, csv_line},
        *,
    };

    #[test]
    fn ids_are_version_8_uuids_that_name_their_listing() {
        let id = uuid(Table::Service, 0, 123_456);
        assert_eq!(id, "00000002-0000-8000-8000-00000001e240");
        assert_eq!(listing_of(Table::Service, &id), Some(123_456));
        assert_eq!(listing_of(Table::Organization, &id), None);
        assert_eq!(listing_of(Table::Service, "not-a-uuid"), None);
        assert_ne!(term_id("swedish"), term_id("trigger_point"));
    }

    #[test]
    fn the_envelope_counts_pages() {
        let e = envelope(101, 3, 50, vec![json!({})]);
        assert_eq!(e["total_pages"], 3);
        assert_eq!(e["last_page"], true);
        assert_eq!(e["first_page"], false);
        let e = envelope(0, 1, 50, vec![]);
        assert_eq!(e["empty"], true);
        assert_eq!(e["last_page"], true);
    }

    #[test]
    fn csv_cells_are_quoted_when_they_need_it() {
        let fields = &[("id", "string"), ("name", "string"), ("latitude", "number")];
        let line = csv_line(
            fields,
            &json!({ "id": "a", "name": "Smith, \"Jo\"", "latitude": 1.5 }),
        );
        assert_eq!(line, "a,\"Smith, \"\"Jo\"\"\",1.5\r\n");
        assert_eq!(csv_header(fields), "id,name,latitude\r\n");
    }
}
