//! Open directory data for other systems to reuse: the FHIR R4 Plan-Net API under
//! `/fhir`, the Open Referral HSDS 3.0 API under `/hsds`, and the bulk downloads of
//! both. Read-only and public; only published, unsuspended listings appear, through
//! `practitioners::records`. Part of the request layer, beside `web` and `api`.

pub mod fhir;
pub mod hsds;

use std::sync::Arc;

use axum::body::Bytes;
use chrono::Utc;
use futures_util::{Stream, StreamExt};
use sea_orm::DatabaseConnection;
use tokio::sync::OwnedSemaphorePermit;

use crate::{
    auth::{Access::Public, RouteTable, Surface},
    error::AppError,
    practitioners::records::{self, Detail, PublicRecord, RecordFilter},
    state::AppState,
};

/// Every open-data route, each public.
pub fn routes() -> RouteTable {
    RouteTable::new(Surface::Api, "")
        .get("/fhir/metadata", Public, fhir::show_capabilities)
        .get("/fhir/bulk", Public, fhir::show_bulk_manifest)
        .get("/fhir/bulk/{file}", Public, fhir::export_resources)
        .get("/fhir/CodeSystem/{id}", Public, fhir::show_code_system)
        .get("/fhir/{resource}", Public, fhir::search_resources)
        .get("/fhir/{resource}/{id}", Public, fhir::show_resource)
        .get("/hsds", Public, hsds::show_api_info)
        .get("/hsds/services", Public, hsds::list_services)
        .get("/hsds/services/{id}", Public, hsds::show_service)
        .get("/hsds/organizations", Public, hsds::list_organizations)
        .get("/hsds/organizations/{id}", Public, hsds::show_organization)
        .get(
            "/hsds/service_at_locations",
            Public,
            hsds::list_service_at_locations,
        )
        .get(
            "/hsds/service_at_locations/{id}",
            Public,
            hsds::show_service_at_location,
        )
        .get("/hsds/taxonomies", Public, hsds::list_taxonomies)
        .get("/hsds/taxonomy_terms", Public, hsds::list_taxonomy_terms)
        .get("/hsds/datapackage.json", Public, hsds::show_datapackage)
        .get("/hsds/data/{file}", Public, hsds::export_table)
}

/// The pairs of a query string, decoded, in order.
pub fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// A query string from pairs, encoded.
pub fn query_string(pairs: &[(String, String)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// Whole-directory downloads (FHIR bulk files, HSDS tables) served at once; one more
/// is told to come back later. Each takes most of a core for about a minute at a
/// million listings.
pub const BULK_AT_ONCE: usize = 2;

/// A permit to stream the whole directory, or a busy refusal (503 with `Retry-After`)
/// when `BULK_AT_ONCE` downloads are already running. The stream holds it until the
/// download ends or is dropped; a client that stops reading loses its connection, and
/// so the permit, once the connection has been idle for `CONNECTION_IDLE_SECONDS`.
pub fn bulk_permit(state: &AppState) -> Result<OwnedSemaphorePermit, AppError> {
    state
        .bulk_downloads
        .clone()
        .try_acquire_owned()
        .map_err(|_| {
            AppError::Busy(
                "Other whole-directory downloads are running. Please try again in a minute.".into(),
            )
        })
}

/// `head`, then every public listing, `page` records at a time in id order, each page
/// rendered to text by `render`: a body that streams the whole directory in constant
/// memory. A database failure part way ends the stream with an error, so the client
/// sees a broken download rather than a short one.
pub fn stream_pages<F>(
    permit: OwnedSemaphorePermit,
    db: DatabaseConnection,
    page: u64,
    detail: Detail,
    head: String,
    render: F,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static
where
    F: Fn(&[PublicRecord]) -> String + Send + Sync + 'static,
{
    let render = Arc::new(render);
    let pages = futures_util::stream::unfold(Some(0_i64), move |after| {
        let db = db.clone();
        let render = render.clone();
        async move {
            let after = after?;
            let filter = RecordFilter::default();
            match records::page_after(&db, &filter, after, page, detail, Utc::now()).await {
                Ok(found) if found.is_empty() => None,
                Ok(found) => {
                    let last = found.last().map(|r| r.id);
                    Some((Ok(Bytes::from(render(&found))), last))
                }
                Err(e) => {
                    tracing::error!(error = %e, "a bulk download stopped on a database error");
                    Some((Err(std::io::Error::other("the database failed")), None))
                }
            }
        }
    });
    futures_util::stream::once(std::future::ready(Ok(Bytes::from(head))))
        .chain(pages)
        .map(move |chunk| {
            // Held for as long as the body streams; dropped with it.
            let _held = &permit;
            chunk
        })
}
