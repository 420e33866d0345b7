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
    body::Body,
    extract::{Path, RawQuery, State},
    http::header,
    response::{IntoResponse, Response},
};
use chrono::Utc;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::query_pairs;
use crate::{
    app::AppState,
    error::AppError,
    geocoding::Resolution,
    policy,
    practitioners::{
        editor::LANGUAGES,
        records::{self, Bound, Detail, PublicRecord, RecordFilter, Words},
    },
    reference::ModalityDef,
    search::SearchQuery,
};

/// Items per page when `per_page` is not given.
const DEFAULT_PER_PAGE: u64 = 50;
/// The largest `per_page`.
const MAX_PER_PAGE: u64 = 200;
/// The deepest page a list serves (offset paging; the bulk download has everything).
const MAX_PAGE: u64 = 10_000;
/// The widest `proximity`, in metres: the site's own 500 km.
const MAX_PROXIMITY_M: f64 = 500_000.0;
/// Records per database page of a CSV download.
const TABLE_PAGE: u64 = 1_000;

/// The kinds of record an HSDS id can name: the first group of its UUID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
enum Table {
    Organization = 1,
    Service = 2,
    Location = 3,
    ServiceAtLocation = 4,
    Address = 5,
    Phone = 6,
    Language = 7,
    Accessibility = 8,
    Attribute = 9,
    Taxonomy = 10,
    TaxonomyTerm = 11,
}

/// The id of row `index` of `table` for listing `id`.
fn uuid(table: Table, index: u16, id: i64) -> String {
    format!(
        "{:08x}-{index:04x}-8000-8000-{:012x}",
        table as u32,
        id & 0xffff_ffff_ffff
    )
}

/// The listing an id of `table` names, if it is one of ours.
fn listing_of(table: Table, text: &str) -> Option<i64> {
    let parts: Vec<&str> = text.split('-').collect();
    let [kind, _, "8000", "8000", id] = parts.as_slice() else {
        return None;
    };
    (u32::from_str_radix(kind, 16).ok()? == table as u32 && id.len() == 12)
        .then(|| i64::from_str_radix(id, 16).ok())
        .flatten()
}

/// A modality's taxonomy term id: stable for its slug.
fn term_id(slug: &str) -> String {
    let digest = Sha256::digest(slug.as_bytes());
    let mut n = 0_i64;
    for byte in &digest[..6] {
        n = (n << 8) | i64::from(*byte);
    }
    uuid(Table::TaxonomyTerm, 0, n)
}

fn taxonomy_id() -> String {
    uuid(Table::Taxonomy, 0, 1)
}

fn profile_url(state_url: &str, r: &PublicRecord) -> String {
    format!("{state_url}/p/{}", r.slug)
}

/// Drops the keys whose value is null: HSDS leaves absent what is unknown.
fn compact(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .collect::<Map<_, _>>(),
        ),
        other => other,
    }
}

/// An absolute http(s) URL, or nothing: the schema's `uri` format allows no other.
fn web_address(text: Option<&str>) -> Option<String> {
    let parsed = url::Url::parse(text?.trim()).ok()?;
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

fn organization(r: &PublicRecord, site: &str) -> Value {
    let description = if r.bio.trim().is_empty() {
        format!("The massage therapy practice of {}.", r.display_name)
    } else {
        r.bio.clone()
    };
    compact(json!({
        "id": uuid(Table::Organization, 0, r.id),
        "name": r.practice_name(),
        "description": description,
        "email": r.email,
        "website": web_address(r.website.as_deref()),
        "uri": profile_url(site, r),
    }))
}

fn licences_text(r: &PublicRecord) -> Option<String> {
    let parts: Vec<String> = r
        .licences
        .iter()
        .map(|l| {
            let state = match (l.status.as_str(), l.verified_on) {
                ("verified", Some(on)) => format!("verified {on}"),
                ("verified", None) => "verified".to_owned(),
                (other, _) => other.to_owned(),
            };
            let board = l.board_name.as_deref().unwrap_or(&l.jurisdiction);
            format!("{} {} ({board}; {state})", l.jurisdiction, l.number)
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn service(r: &PublicRecord, site: &str) -> Value {
    let description = if r.bio.trim().is_empty() {
        format!(
            "Massage therapy with {}; {} hours of recorded training.",
            r.display_name, r.training_hours
        )
    } else {
        r.bio.clone()
    };
    let accepting = match r.accepting {
        Some(true) => Some("Accepting new clients."),
        Some(false) => Some("Not accepting new clients at present."),
        None => None,
    };
    compact(json!({
        "id": uuid(Table::Service, 0, r.id),
        "organization_id": uuid(Table::Organization, 0, r.id),
        "name": format!("Massage therapy with {}", r.display_name),
        "description": description,
        "url": profile_url(site, r),
        "email": r.email,
        "status": "active",
        "application_process": "Request an appointment through the practitioner's profile page.",
        "wait_time": accepting,
        "licenses": licences_text(r),
        "alert": r.is_demo.then_some("Demo listing: generated sample data, not a real practitioner."),
        "last_modified": r.updated_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    }))
}

fn location(r: &PublicRecord, site: &str) -> Value {
    let description = r.address_line.is_none().then(|| {
        format!(
            "{}, {}: the city only; this practitioner does not publish a street address.",
            r.city, r.region
        )
    });
    compact(json!({
        "id": uuid(Table::Location, 0, r.id),
        "location_type": "physical",
        "url": profile_url(site, r),
        "organization_id": uuid(Table::Organization, 0, r.id),
        "name": r.practice_name(),
        "description": description,
        "latitude": r.position.map(|p| p.0),
        "longitude": r.position.map(|p| p.1),
    }))
}

/// The street address, when both a street and a postal code are published (HSDS
/// requires both).
fn address(r: &PublicRecord) -> Option<Value> {
    let (line, postal_code) = (r.address_line.as_ref()?, r.postal_code.as_ref()?);
    Some(json!({
        "id": uuid(Table::Address, 0, r.id),
        "location_id": uuid(Table::Location, 0, r.id),
        "address_1": line,
        "city": r.city,
        "state_province": r.region,
        "postal_code": postal_code,
        "country": r.country,
        "address_type": "physical",
    }))
}

fn service_at_location(r: &PublicRecord) -> Value {
    json!({
        "id": uuid(Table::ServiceAtLocation, 0, r.id),
        "service_id": uuid(Table::Service, 0, r.id),
        "location_id": uuid(Table::Location, 0, r.id),
    })
}

fn phones(r: &PublicRecord) -> Vec<Value> {
    r.phone
        .iter()
        .map(|number| {
            json!({
                "id": uuid(Table::Phone, 0, r.id),
                "service_id": uuid(Table::Service, 0, r.id),
                "number": number,
                "type": "voice",
            })
        })
        .collect()
}

fn languages(r: &PublicRecord) -> Vec<Value> {
    r.languages
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let name = LANGUAGES
                .iter()
                .find(|(c, _)| c == code)
                .map_or(code.as_str(), |(_, n)| n);
            json!({
                "id": uuid(Table::Language, i as u16, r.id),
                "service_id": uuid(Table::Service, 0, r.id),
                "name": name,
                "code": code,
            })
        })
        .collect()
}

fn accessibility(r: &PublicRecord) -> Vec<Value> {
    r.accessibility
        .iter()
        .enumerate()
        .map(|(i, slug)| {
            let description = crate::policy::ACCESSIBILITY
                .iter()
                .find(|(s, _)| s == slug)
                .map_or(slug.as_str(), |(_, d)| d);
            json!({
                "id": uuid(Table::Accessibility, i as u16, r.id),
                "location_id": uuid(Table::Location, 0, r.id),
                "description": description,
            })
        })
        .collect()
}

/// The service's modalities, as attributes pointing at taxonomy terms.
fn attributes(r: &PublicRecord) -> Vec<Value> {
    r.modalities
        .iter()
        .enumerate()
        .map(|(i, slug)| {
            json!({
                "id": uuid(Table::Attribute, i as u16, r.id),
                "link_id": uuid(Table::Service, 0, r.id),
                "taxonomy_term_id": term_id(slug),
                "link_type": "modality",
                "link_entity": "service",
                "value": slug,
            })
        })
        .collect()
}

fn taxonomy(site: &str) -> Value {
    json!({
        "id": taxonomy_id(),
        "name": "Massage modalities",
        "description": "The techniques a practitioner in this directory offers.",
        "uri": format!("{site}/fhir/CodeSystem/modality"),
    })
}

fn term(m: &ModalityDef) -> Value {
    json!({
        "id": term_id(&m.slug),
        "code": m.slug,
        "name": m.name,
        "description": m.description,
        "taxonomy": "Massage modalities",
        "taxonomy_id": taxonomy_id(),
    })
}

fn with(mut object: Value, key: &str, value: Value) -> Value {
    object[key] = value;
    object
}

/// The whole service: its phones, languages, modalities, location and practice.
fn full_service(r: &PublicRecord, site: &str, modalities: &[ModalityDef]) -> Value {
    let mut s = service(r, site);
    s["phones"] = json!(phones(r));
    s["languages"] = json!(languages(r));
    s["attributes"] = json!(
        attributes(r)
            .into_iter()
            .map(|a| {
                let slug = a["value"].as_str().unwrap_or_default().to_owned();
                match modalities.iter().find(|m| m.slug == slug) {
                    Some(m) => with(a, "taxonomy_term", term(m)),
                    None => a,
                }
            })
            .collect::<Vec<_>>()
    );
    s["service_at_locations"] = json!([with(
        service_at_location(r),
        "location",
        full_location(r, site)
    )]);
    s["organization"] = organization(r, site);
    s
}

fn full_location(r: &PublicRecord, site: &str) -> Value {
    let mut l = location(r, site);
    l["addresses"] = json!(address(r).into_iter().collect::<Vec<_>>());
    l["accessibility"] = json!(accessibility(r));
    l
}

/// HSDS's paged envelope.
fn envelope(total: u64, page: u64, per_page: u64, contents: Vec<Value>) -> Value {
    let total_pages = total.div_ceil(per_page.max(1));
    json!({
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": contents.len(),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": contents.is_empty(),
        "contents": contents,
    })
}

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
const SERVICE_FILTERS: [&str; 5] = [
    "search",
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

/// One table of the data package: its HSDS name, file, and columns with their types.
struct TableDef {
    name: &'static str,
    path: &'static str,
    fields: &'static [(&'static str, &'static str)],
    rows: fn(&PublicRecord, &str) -> Vec<Value>,
    /// What of each record the rows are built from.
    detail: Detail,
}

const TABLES: [TableDef; 9] = [
    TableDef {
        name: "organization",
        path: "organizations.csv",
        fields: &[
            ("id", "string"),
            ("name", "string"),
            ("description", "string"),
            ("email", "string"),
            ("website", "string"),
            ("uri", "string"),
        ],
        rows: |r, site| vec![organization(r, site)],
        detail: Detail::Listing,
    },
    TableDef {
        name: "service",
        path: "services.csv",
        fields: &[
            ("id", "string"),
            ("organization_id", "string"),
            ("name", "string"),
            ("description", "string"),
            ("url", "string"),
            ("email", "string"),
            ("status", "string"),
            ("application_process", "string"),
            ("wait_time", "string"),
            ("licenses", "string"),
            ("alert", "string"),
            ("last_modified", "datetime"),
        ],
        rows: |r, site| vec![service(r, site)],
        detail: Detail::Full,
    },
    TableDef {
        name: "location",
        path: "locations.csv",
        fields: &[
            ("id", "string"),
            ("location_type", "string"),
            ("url", "string"),
            ("organization_id", "string"),
            ("name", "string"),
            ("description", "string"),
            ("latitude", "number"),
            ("longitude", "number"),
        ],
        rows: |r, site| vec![location(r, site)],
        detail: Detail::Listing,
    },
    TableDef {
        name: "service_at_location",
        path: "service_at_location.csv",
        fields: &[
            ("id", "string"),
            ("service_id", "string"),
            ("location_id", "string"),
        ],
        rows: |r, _| vec![service_at_location(r)],
        detail: Detail::Listing,
    },
    TableDef {
        name: "address",
        path: "addresses.csv",
        fields: &[
            ("id", "string"),
            ("location_id", "string"),
            ("address_1", "string"),
            ("city", "string"),
            ("state_province", "string"),
            ("postal_code", "string"),
            ("country", "string"),
            ("address_type", "string"),
        ],
        rows: |r, _| address(r).into_iter().collect(),
        detail: Detail::Listing,
    },
    TableDef {
        name: "phone",
        path: "phones.csv",
        fields: &[
            ("id", "string"),
            ("service_id", "string"),
            ("number", "string"),
            ("type", "string"),
        ],
        rows: |r, _| phones(r),
        detail: Detail::Listing,
    },
    TableDef {
        name: "language",
        path: "languages.csv",
        fields: &[
            ("id", "string"),
            ("service_id", "string"),
            ("name", "string"),
            ("code", "string"),
        ],
        rows: |r, _| languages(r),
        detail: Detail::Listing,
    },
    TableDef {
        name: "accessibility",
        path: "accessibility.csv",
        fields: &[
            ("id", "string"),
            ("location_id", "string"),
            ("description", "string"),
        ],
        rows: |r, _| accessibility(r),
        detail: Detail::Listing,
    },
    TableDef {
        name: "attribute",
        path: "attributes.csv",
        fields: &[
            ("id", "string"),
            ("link_id", "string"),
            ("taxonomy_term_id", "string"),
            ("link_type", "string"),
            ("link_entity", "string"),
            ("value", "string"),
        ],
        rows: |r, _| attributes(r),
        detail: Detail::Full,
    },
];

/// The two reference tables, the same for every listing.
const TAXONOMY_FIELDS: &[(&str, &str)] = &[
    ("id", "string"),
    ("name", "string"),
    ("description", "string"),
    ("uri", "string"),
];
const TERM_FIELDS: &[(&str, &str)] = &[
    ("id", "string"),
    ("code", "string"),
    ("name", "string"),
    ("description", "string"),
    ("taxonomy", "string"),
    ("taxonomy_id", "string"),
];

/// `GET /hsds/datapackage.json`: the tabular data package's descriptor. Its resources'
/// paths are relative (`data/services.csv`), so they resolve beside it.
pub async fn show_datapackage(State(state): State<AppState>) -> Json<Value> {
    let resource = |name: &str, path: &str, fields: &[(&str, &str)]| {
        json!({
            "name": name,
            "path": format!("data/{path}"),
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": fields.iter().map(|(n, t)| json!({ "name": n, "type": t })).collect::<Vec<_>>(),
                "primaryKey": ["id"],
            },
        })
    };
    let mut resources: Vec<Value> = TABLES
        .iter()
        .map(|t| resource(t.name, t.path, t.fields))
        .collect();
    resources.push(resource("taxonomy", "taxonomies.csv", TAXONOMY_FIELDS));
    resources.push(resource("taxonomy_term", "taxonomy_terms.csv", TERM_FIELDS));
    Json(json!({
        "name": "therapist-finder-hsds",
        "title": "Clinical massage therapists: the public directory in HSDS 3.0",
        "profile": "tabular-data-package",
        "created": Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "homepage": state.public_url.to_string(),
        "licenses": [{
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0"
        }],
        "resources": resources,
    }))
}

/// One CSV line of `fields` from `row` (a missing field is an empty cell).
fn csv_line(fields: &[(&str, &str)], row: &Value) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let cells: Vec<String> = fields
        .iter()
        .map(|(name, _)| match &row[*name] {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    // Writing to memory cannot fail.
    let _ = writer.write_record(&cells);
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The header line: the column names.
fn csv_header(fields: &[(&str, &str)]) -> String {
    let names: Map<String, Value> = fields
        .iter()
        .map(|(n, _)| ((*n).to_owned(), json!(*n)))
        .collect();
    csv_line(fields, &Value::Object(names))
}

/// `GET /hsds/data/{file}`: one table of the data package, streamed.
pub async fn export_table(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let csv_type = || {
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ]
    };
    let site = state.public_url.to_string();
    let small = |fields: &[(&str, &str)], rows: Vec<Value>| {
        let mut body = csv_header(fields);
        for row in &rows {
            body.push_str(&csv_line(fields, row));
        }
        (csv_type(), body).into_response()
    };
    match file.as_str() {
        "taxonomies.csv" => return Ok(small(TAXONOMY_FIELDS, vec![taxonomy(&site)])),
        "taxonomy_terms.csv" => {
            return Ok(small(
                TERM_FIELDS,
                state.catalogue.modalities.iter().map(term).collect(),
            ));
        }
        _ => {}
    }
    let table = TABLES.iter().find(|t| t.path == file).ok_or_else(|| {
        AppError::NotFound("There is no such table; see /hsds/datapackage.json.".into())
    })?;
    let permit = super::bulk_permit(&state).ok_or_else(|| {
        AppError::Unavailable(
            "Other whole-directory downloads are running. Please try again in a minute.".into(),
        )
    })?;
    let (fields, rows) = (table.fields, table.rows);
    let body = super::stream_pages(
        permit,
        state.db.clone(),
        TABLE_PAGE,
        table.detail,
        csv_header(fields),
        move |page| {
            let mut out = String::new();
            for record in page {
                for row in rows(record, &site) {
                    out.push_str(&csv_line(fields, &row));
                }
            }
            out
        },
    );
    Ok((csv_type(), Body::from_stream(body)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

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
