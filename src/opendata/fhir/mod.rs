//! The read-only FHIR R4 API under `/fhir`, shaped by Da Vinci PDex Plan-Net: the
//! CapabilityStatement, read and search of the five resource types a listing becomes,
//! the server's code systems, and the bulk download (NDJSON per resource type).
//! Searches by place are answered by the same search index as the site; every other
//! search reads the database a keyset page at a time.

pub mod resources;
pub mod search;

use axum::{
    body::Body,
    extract::{Path, RawQuery, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::Utc;
use serde_json::{Value, json};

use self::{
    resources::{Base, Kind, PLAN_NET},
    search::{ParamError, Search},
};
use super::{query_pairs, query_string};
use crate::{
    error::{AppError, RETRY_AFTER_SECONDS},
    policy,
    practitioners::records::{self, Detail, PublicRecord},
    search::SearchQuery,
    state::AppState,
};

/// The media type of every answer.
pub const FHIR_JSON: &str = "application/fhir+json; charset=utf-8";
/// The media type of the bulk files.
pub const FHIR_NDJSON: &str = "application/fhir+ndjson";
/// Records per database page of a bulk download.
const BULK_PAGE: u64 = 1_000;

/// A FHIR answer: the resource as `application/fhir+json`.
fn fhir(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, FHIR_JSON)],
        body.to_string(),
    )
        .into_response()
}

/// An error as an OperationOutcome, with the status it stands for.
pub struct Outcome {
    status: StatusCode,
    code: &'static str,
    diagnostics: String,
    /// Ask the client to come back after [`RETRY_AFTER_SECONDS`].
    retry_after: bool,
}

impl Outcome {
    fn new(status: StatusCode, code: &'static str, diagnostics: impl Into<String>) -> Self {
        Self {
            status,
            code,
            diagnostics: diagnostics.into(),
            retry_after: false,
        }
    }

    fn not_found(what: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not-found", what)
    }

    /// A busy refusal ([`AppError::Busy`]): 503, `transient`, with `Retry-After`.
    fn busy(refusal: AppError) -> Self {
        refusal.log();
        Self {
            retry_after: true,
            ..Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "transient",
                refusal.public_message(),
            )
        }
    }
}

impl From<ParamError> for Outcome {
    fn from(ParamError(message): ParamError) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid", message)
    }
}

impl From<sea_orm::DbErr> for Outcome {
    fn from(e: sea_orm::DbErr) -> Self {
        tracing::error!(error = %e, "FHIR request failed on the database");
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "transient",
            "The directory's database is not answering. Please try again shortly.",
        )
    }
}

impl IntoResponse for Outcome {
    fn into_response(self) -> Response {
        let mut response = fhir(
            self.status,
            &json!({
                "resourceType": "OperationOutcome",
                "issue": [{
                    "severity": "error",
                    "code": self.code,
                    "diagnostics": self.diagnostics,
                }]
            }),
        );
        if self.retry_after {
            response.headers_mut().insert(
                header::RETRY_AFTER,
                axum::http::HeaderValue::from(RETRY_AFTER_SECONDS),
            );
        }
        response
    }
}

fn base(state: &AppState) -> Base {
    Base {
        fhir: format!("{}/fhir", state.public_url),
        site: state.public_url.to_string(),
    }
}

/// `GET /fhir/metadata`: what this server supports, and nothing it does not.
pub async fn show_capabilities(State(state): State<AppState>) -> Response {
    let resources: Vec<Value> = Kind::ALL
        .into_iter()
        .map(|kind| {
            let mut r = json!({
                "type": kind.name(),
                "profile": kind.profile(),
                "interaction": [{ "code": "read" }, { "code": "search-type" }],
                "versioning": "no-version",
                "readHistory": false,
                "searchParam": search::params(kind).into_iter().map(|p| json!({
                    "name": p.name,
                    "definition": p.definition,
                    "type": p.kind,
                    "documentation": p.documentation,
                })).collect::<Vec<_>>(),
            });
            if kind == Kind::PractitionerRole {
                r["searchInclude"] = json!(search::INCLUDES.map(|(name, _)| name));
            }
            r
        })
        .chain(std::iter::once(json!({
            "type": "CodeSystem",
            "interaction": [{ "code": "read" }],
            "documentation": "CodeSystem/modality (the techniques practitioners offer) and CodeSystem/accessibility.",
        })))
        .collect();
    let base = base(&state);
    fhir(
        StatusCode::OK,
        &json!({
            "resourceType": "CapabilityStatement",
            "status": "active",
            "date": Utc::now().date_naive().to_string(),
            "publisher": "therapist-finder",
            "kind": "instance",
            "software": { "name": "therapist-finder", "version": env!("CARGO_PKG_VERSION") },
            "implementation": {
                "description": "A directory of clinically oriented massage therapists: read-only, public listings only.",
                "url": base.fhir,
            },
            "fhirVersion": "4.0.1",
            "format": ["json"],
            "implementationGuide": [format!("{PLAN_NET}/ImplementationGuide/hl7.fhir.us.davinci-pdex-plan-net")],
            "rest": [{
                "mode": "server",
                "documentation": "Search results are paged with _count (at most 100) and the Bundle's next link. Every listing is published as five resources with the same id. The whole directory is at /fhir/bulk as NDJSON per resource type.",
                "security": { "cors": false, "description": "Public data; no authentication." },
                "resource": resources,
            }],
        }),
    )
}

/// `GET /fhir/CodeSystem/{id}`: `modality` or `accessibility`.
pub async fn show_code_system(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, Outcome> {
    let base = base(&state);
    let (title, description, concepts): (&str, &str, Vec<Value>) = match id.as_str() {
        "modality" => (
            "Massage modalities",
            "The techniques a practitioner in this directory offers.",
            state
                .catalogue
                .modalities
                .iter()
                .map(|m| json!({ "code": m.slug, "display": m.name, "definition": m.description }))
                .collect(),
        ),
        "accessibility" => (
            "Accessibility features",
            "Features of a practice's location that help people with access needs.",
            policy::ACCESSIBILITY
                .iter()
                .map(|(code, name)| json!({ "code": code, "display": name }))
                .collect(),
        ),
        _ => return Err(Outcome::not_found("There is no such CodeSystem here.")),
    };
    Ok(fhir(
        StatusCode::OK,
        &json!({
            "resourceType": "CodeSystem",
            "id": id,
            "url": base.code_system(&id),
            "name": title.replace(' ', ""),
            "title": title,
            "status": "active",
            "description": description,
            "caseSensitive": true,
            "content": "complete",
            "count": concepts.len(),
            "concept": concepts,
        }),
    ))
}

/// `GET /fhir/{type}/{id}`
pub async fn show_resource(
    State(state): State<AppState>,
    Path((type_name, id)): Path<(String, String)>,
) -> Result<Response, Outcome> {
    let kind = kind(&type_name)?;
    let gone = || {
        Outcome::not_found(format!(
            "There is no {} {} here.",
            kind.name(),
            search::shorten(&id)
        ))
    };
    let id: i64 = id.parse().map_err(|_| gone())?;
    // A read takes the whole record, whatever the kind: the tests compare search and
    // bulk answers (which read only what their kind declares) against it.
    let record = records::by_ids(&state.db, &[id], Detail::Full, Utc::now())
        .await?
        .pop()
        .ok_or_else(gone)?;
    Ok(fhir(
        StatusCode::OK,
        &resources::resource(kind, &record, &base(&state)),
    ))
}

fn kind(name: &str) -> Result<Kind, Outcome> {
    Kind::parse(name).ok_or_else(|| {
        Outcome::not_found(format!(
            "{} is not a resource type this server has; it has Practitioner, PractitionerRole, Location, Organization and HealthcareService.",
            search::shorten(name)
        ))
    })
}

/// `GET /fhir/{type}?…`: a searchset Bundle, paged.
pub async fn search_resources(
    State(state): State<AppState>,
    Path(type_name): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, Outcome> {
    let kind = kind(&type_name)?;
    let pairs = query_pairs(query.as_deref());
    let modalities: Vec<String> = state
        .catalogue
        .modalities
        .iter()
        .map(|m| m.slug.clone())
        .collect();
    let search = search::parse(kind, &pairs, &modalities)?;
    let detail = std::iter::once(kind)
        .chain(search.include.iter().copied())
        .map(Kind::detail)
        .max()
        .unwrap_or(Detail::Full);
    let base = base(&state);
    let now = Utc::now();
    let (found, total, next_cursor, distances) = match search.near {
        Some(near) => near_page(&state, &search, near, detail).await?,
        None => {
            let mut page = records::page_after(
                &state.db,
                &search.filter,
                i64::try_from(search.cursor).unwrap_or(i64::MAX),
                search.count as u64 + 1,
                detail,
                now,
            )
            .await?;
            let more = page.len() > search.count;
            page.truncate(search.count);
            let next = more.then(|| page.last().map(|r| r.id as u64)).flatten();
            (page, None, next, Vec::new())
        }
    };
    let mut entries: Vec<Value> = Vec::new();
    for (i, record) in found.iter().enumerate() {
        let mut search_info = json!({ "mode": "match" });
        if let Some(km) = distances.get(i) {
            search_info["extension"] = json!([{
                "url": "http://hl7.org/fhir/StructureDefinition/location-distance",
                "valueDistance": {
                    "value": (km * 1000.0).round() / 1000.0,
                    "unit": "km",
                    "system": "http://unitsofmeasure.org",
                    "code": "km",
                }
            }]);
        }
        entries.push(entry(kind, record, &base, search_info));
    }
    for included in &search.include {
        for record in &found {
            entries.push(entry(
                *included,
                record,
                &base,
                json!({ "mode": "include" }),
            ));
        }
    }
    let own_url = |cursor: Option<u64>| {
        let mut kept: Vec<(String, String)> = pairs
            .iter()
            .filter(|(k, _)| k != "_cursor")
            .cloned()
            .collect();
        if let Some(c) = cursor {
            kept.push(("_cursor".into(), c.to_string()));
        }
        let query = query_string(&kept);
        if query.is_empty() {
            format!("{}/{}", base.fhir, kind.name())
        } else {
            format!("{}/{}?{query}", base.fhir, kind.name())
        }
    };
    let mut links = vec![
        json!({ "relation": "self", "url": own_url((search.cursor > 0).then_some(search.cursor)) }),
    ];
    if let Some(next) = next_cursor {
        links.push(json!({ "relation": "next", "url": own_url(Some(next)) }));
    }
    let mut bundle = json!({
        "resourceType": "Bundle",
        "type": "searchset",
        "meta": { "lastUpdated": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true) },
        "link": links,
        "entry": entries,
    });
    if let Some(total) = total {
        bundle["total"] = json!(total);
    }
    Ok(fhir(StatusCode::OK, &bundle))
}

type Page = (Vec<PublicRecord>, Option<usize>, Option<u64>, Vec<f64>);

/// A `near` page from the search index, nearest first; its cursor is an offset.
async fn near_page(
    state: &AppState,
    search: &Search,
    near: search::Near,
    detail: Detail,
) -> Result<Page, Outcome> {
    let offset = usize::try_from(search.cursor).unwrap_or(usize::MAX);
    if offset > crate::search::MAX_PAGE * search::MAX_COUNT {
        return Err(
            ParamError("_cursor is past the last page a near search serves.".into()).into(),
        );
    }
    let mut query = SearchQuery::near(
        near.lat,
        near.lng,
        near.radius_km,
        policy::accepting_since(Utc::now()),
    );
    query.offset = offset;
    query.limit = search.count;
    let page = state.search.search(&query).await.map_err(|e| {
        tracing::warn!(error = %e, "FHIR near search failed");
        Outcome::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "transient",
            "Search is not answering. Please try again shortly.",
        )
    })?;
    let ids: Vec<i64> = page.hits.iter().map(|h| h.doc.id).collect();
    let found = records::by_ids(&state.db, &ids, detail, Utc::now()).await?;
    let distances = found
        .iter()
        .map(|r| {
            page.hits
                .iter()
                .find(|h| h.doc.id == r.id)
                .map_or(0.0, |h| h.distance_km)
        })
        .collect();
    let end = offset + page.hits.len();
    let next = (end < page.total && !page.hits.is_empty()).then_some(end as u64);
    Ok((found, Some(page.total), next, distances))
}

fn entry(kind: Kind, record: &PublicRecord, base: &Base, search: Value) -> Value {
    json!({
        "fullUrl": format!("{}/{}/{}", base.fhir, kind.name(), record.id),
        "resource": resources::resource(kind, record, base),
        "search": search,
    })
}

/// `GET /fhir/bulk`: where the bulk files are, in the manner of a Bulk Data export's
/// manifest.
pub async fn show_bulk_manifest(State(state): State<AppState>) -> Response {
    let base = base(&state);
    fhir(
        StatusCode::OK,
        &json!({
            "transactionTime": Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "request": format!("{}/bulk", base.fhir),
            "requiresAccessToken": false,
            "output": Kind::ALL.map(|k| json!({
                "type": k.name(),
                "url": format!("{}/bulk/{}.ndjson", base.fhir, k.name()),
            })),
            "error": [],
        }),
    )
}

/// `GET /fhir/bulk/{Type}.ndjson`: every public listing as one resource per line,
/// streamed a page at a time, so memory stays flat however large the directory.
pub async fn export_resources(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, Outcome> {
    let kind = file
        .strip_suffix(".ndjson")
        .and_then(Kind::parse)
        .ok_or_else(|| {
            Outcome::not_found(
                "There is no such bulk file; /fhir/bulk lists them (Practitioner.ndjson, …).",
            )
        })?;
    let permit = super::bulk_permit(&state).map_err(Outcome::busy)?;
    let base = base(&state);
    let body = super::stream_pages(
        permit,
        state.db.clone(),
        BULK_PAGE,
        kind.detail(),
        String::new(),
        move |page| {
            let mut out = String::new();
            for record in page {
                out.push_str(&resources::resource(kind, record, &base).to_string());
                out.push('\n');
            }
            out
        },
    );
    Ok((
        [
            (header::CONTENT_TYPE, FHIR_NDJSON),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        Body::from_stream(body),
    )
        .into_response())
}
