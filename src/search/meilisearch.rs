//! The Meilisearch backend, for deployments with several app instances. Filters are
//! built only from validated slugs and numbers; free text goes in the query string,
//! never into a filter expression.

use std::{ops::RangeInclusive, time::Duration};

use async_trait::async_trait;
use meilisearch_sdk::{
    client::{Client, SwapIndexes},
    errors::{Error as MeiliError, ErrorCode},
    indexes::Index,
    search::MatchingStrategies,
    settings::{PaginationSetting, Settings, TypoToleranceSettings},
    task_info::TaskInfo,
    tasks::Task,
};
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;

use super::{
    Feed, PractitionerDoc, SearchError, SearchHit, SearchIndex, SearchPage, SearchQuery, SortOrder,
    distance_km,
};

const BATCH: usize = 5_000;
/// Document additions a rebuild keeps queued in Meilisearch before it waits for the
/// oldest: enough for Meilisearch to batch them into one indexing run.
const REBUILD_IN_FLIGHT: usize = 8;

/// A Meilisearch-backed index named `{prefix}practitioners`.
pub struct MeiliIndex {
    client: Client,
    uid: String,
}

#[derive(Serialize, Deserialize)]
struct Geo {
    lat: f64,
    lng: f64,
}

#[derive(Serialize, Deserialize)]
struct MeiliDoc {
    #[serde(flatten)]
    doc: PractitionerDoc,
    #[serde(rename = "_geo")]
    geo: Geo,
    /// `policy::Approach::rank`, for the approach filter and sort.
    approach_rank: u8,
}

impl From<PractitionerDoc> for MeiliDoc {
    fn from(doc: PractitionerDoc) -> Self {
        let geo = Geo {
            lat: doc.lat,
            lng: doc.lng,
        };
        let approach_rank = doc.approach().approach().rank();
        Self {
            doc,
            geo,
            approach_rank,
        }
    }
}

fn unavailable(err: impl std::fmt::Display) -> SearchError {
    SearchError::Unavailable(err.to_string())
}

/// Index settings shared by the live index and every rebuild.
fn settings() -> Settings {
    Settings::default()
        .with_searchable_attributes(["display_name", "practice_name", "city"])
        .with_filterable_attributes([
            "_geo",
            "id",
            "modalities",
            "verified",
            "accepting_new_clients",
            "accepting_confirmed_ts",
            "practice_type",
            "prenatal_trained",
            "oncology_trained",
            "accessibility",
            "languages",
            "approach_rank",
            "hsa_fsa",
            "injury_claims",
            "price_60",
        ])
        .with_sortable_attributes(["_geo", "approach_rank", "id"])
        .with_ranking_rules([
            "sort",
            "words",
            "typo",
            "proximity",
            "attribute",
            "exactness",
        ])
        .with_typo_tolerance(TypoToleranceSettings {
            enabled: Some(false),
            ..Default::default()
        })
        .with_pagination(PaginationSetting {
            max_total_hits: 1_000_000,
        })
}

/// A slug quoted for a filter expression. Slugs are validated before they reach the
/// index; this refuses anything else rather than escaping it.
fn quoted_slug(slug: &str) -> Result<String, SearchError> {
    if !slug.is_empty()
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        Ok(format!("\"{slug}\""))
    } else {
        Err(SearchError::Unavailable(format!(
            "refusing a filter value that is not a slug: {slug:?}"
        )))
    }
}

/// The filter expression for a query: only slugs, booleans and numbers.
pub fn filter_expression(query: &SearchQuery) -> Result<String, SearchError> {
    let num = |x: f64| -> Result<String, SearchError> {
        if x.is_finite() {
            Ok(format!("{x}"))
        } else {
            Err(SearchError::Unavailable(
                "non-finite number in a filter".into(),
            ))
        }
    };
    let mut parts = vec![format!(
        "_geoRadius({}, {}, {})",
        num(query.lat)?,
        num(query.lng)?,
        num((query.radius_km * 1000.0).round())?
    )];
    if !query.modalities.is_empty() {
        let list = query
            .modalities
            .iter()
            .map(|m| quoted_slug(m))
            .collect::<Result<Vec<_>, _>>()?;
        parts.push(format!("modalities IN [{}]", list.join(", ")));
    }
    if query.verified_only {
        parts.push("verified = true".into());
    }
    if query.accepting_only {
        parts.push(format!(
            "accepting_new_clients = true AND accepting_confirmed_ts >= {}",
            query.accepting_since_ts
        ));
    }
    if let Some(kind) = &query.practice_type {
        parts.push(format!("practice_type = {}", quoted_slug(kind)?));
    }
    for feature in &query.accessibility {
        parts.push(format!("accessibility = {}", quoted_slug(feature)?));
    }
    if let Some(code) = &query.language {
        parts.push(format!("languages = {}", quoted_slug(code)?));
    }
    if query.prenatal {
        parts.push("prenatal_trained = true".into());
    }
    if query.oncology {
        parts.push("oncology_trained = true".into());
    }
    if let Some(approach) = query.approach {
        parts.push(format!("approach_rank >= {}", approach.rank()));
    }
    if query.hsa_fsa {
        parts.push("hsa_fsa = true".into());
    }
    if query.injury_claims {
        parts.push("injury_claims = true".into());
    }
    if let Some(max) = query.max_price_60 {
        // A number the query validated; a listing with no 60-minute price has none to
        // compare and is left out.
        parts.push(format!("price_60 <= {max}"));
    }
    Ok(parts.join(" AND "))
}

/// The sort rules of a query: nearest first, or the most clinical first and then
/// nearest; the id breaks ties, as in the embedded index.
fn sort_rules(query: &SearchQuery) -> Vec<String> {
    let geo = format!("_geoPoint({}, {}):asc", query.lat, query.lng);
    match query.sort {
        SortOrder::Distance => vec![geo, "id:asc".into()],
        SortOrder::Approach => vec!["approach_rank:desc".into(), geo, "id:asc".into()],
    }
}

/// The body of one `POST /indexes/{uid}/search` that answers what `query` asks — the
/// page and the exact total — in a single call (page-based pagination counts
/// exhaustively), for driving Meilisearch from a load generator.
pub fn search_body(query: &SearchQuery) -> Result<serde_json::Value, SearchError> {
    let per_page = query.limit.max(1);
    Ok(serde_json::json!({
        "q": query.text.as_deref().unwrap_or_default(),
        "filter": filter_expression(query)?,
        "sort": sort_rules(query),
        "matchingStrategy": "all",
        "hitsPerPage": per_page,
        "page": query.offset / per_page + 1,
    }))
}

impl MeiliIndex {
    /// The index's name.
    pub fn uid(&self) -> &str {
        &self.uid
    }

    /// Connects to Meilisearch at `url`; the index is named `{prefix}practitioners`.
    pub fn new(url: &str, api_key: Option<&str>, prefix: &str) -> Result<Self, SearchError> {
        let client = Client::new(url.trim_end_matches('/'), api_key).map_err(unavailable)?;
        Ok(Self {
            client,
            uid: format!("{prefix}practitioners"),
        })
    }

    async fn wait(&self, task: TaskInfo, timeout: Duration) -> Result<(), SearchError> {
        match task
            .wait_for_completion(&self.client, Some(Duration::from_millis(25)), Some(timeout))
            .await
            .map_err(unavailable)?
        {
            Task::Failed { content } => Err(unavailable(content.error)),
            _ => Ok(()),
        }
    }

    async fn create_with_settings(&self, uid: &str) -> Result<Index, SearchError> {
        let task = self
            .client
            .create_index(uid, Some("id"))
            .await
            .map_err(unavailable)?;
        match task
            .wait_for_completion(
                &self.client,
                Some(Duration::from_millis(25)),
                Some(Duration::from_secs(60)),
            )
            .await
            .map_err(unavailable)?
        {
            Task::Failed { content }
                if content.error.error_code != ErrorCode::IndexAlreadyExists =>
            {
                return Err(unavailable(content.error));
            }
            _ => {}
        }
        let index = self.client.index(uid);
        let task = index.set_settings(&settings()).await.map_err(unavailable)?;
        self.wait(task, Duration::from_secs(60)).await?;
        Ok(index)
    }

    async fn add_in_batches(
        &self,
        index: &Index,
        docs: Vec<PractitionerDoc>,
    ) -> Result<(), SearchError> {
        let docs: Vec<MeiliDoc> = docs.into_iter().map(MeiliDoc::from).collect();
        for chunk in docs.chunks(BATCH) {
            let task = index
                .add_or_replace(chunk, Some("id"))
                .await
                .map_err(unavailable)?;
            self.wait(task, Duration::from_secs(600)).await?;
        }
        Ok(())
    }

    /// Deletes an index and waits for it to go.
    async fn drop_index(&self, uid: &str) -> Result<(), SearchError> {
        let task = self.client.delete_index(uid).await.map_err(unavailable)?;
        self.wait(task, Duration::from_secs(60)).await
    }

    /// Makes sure the live index exists with current settings. Returns whether it must
    /// be filled: it had to be created, or its documents predate the approach rank or
    /// the prices.
    pub async fn ensure_index(&self) -> Result<bool, SearchError> {
        match self.client.get_index(&self.uid).await {
            Ok(index) => {
                // An index from before the approach rank or the prices holds documents
                // without them: it is refilled once the settings name them.
                let sortable = index.get_sortable_attributes().await.map_err(unavailable)?;
                let filterable = index
                    .get_filterable_attributes()
                    .await
                    .map_err(unavailable)?;
                let task = index.set_settings(&settings()).await.map_err(unavailable)?;
                self.wait(task, Duration::from_secs(60)).await?;
                Ok(!sortable.iter().any(|a| a == "approach_rank")
                    || !filterable.iter().any(|a| a == "price_60"))
            }
            Err(MeiliError::Meilisearch(e)) if e.error_code == ErrorCode::IndexNotFound => {
                self.create_with_settings(&self.uid).await?;
                Ok(true)
            }
            Err(e) => Err(unavailable(e)),
        }
    }
}

#[derive(Deserialize)]
struct Hit {
    #[serde(flatten)]
    doc: PractitionerDoc,
}

#[async_trait]
impl SearchIndex for MeiliIndex {
    fn backend(&self) -> &'static str {
        "meilisearch"
    }

    fn is_shared(&self) -> bool {
        true
    }

    async fn prepare(&self) -> Result<bool, SearchError> {
        if self.ensure_index().await? {
            return Ok(true);
        }
        Ok(self.document_count().await? == 0)
    }

    async fn rebuild_from(&self, mut feed: mpsc::Receiver<Feed>) -> Result<usize, SearchError> {
        let build_uid = format!(
            "{}_build_{}",
            self.uid,
            chrono::Utc::now().timestamp_millis()
        );
        let build = self.create_with_settings(&build_uid).await?;
        let mut count = 0;
        // Additions are pipelined: Meilisearch batches queued additions into one
        // indexing run, so waiting after each would serialise work it can share. At
        // most REBUILD_IN_FLIGHT are queued at once, so memory stays bounded.
        let mut queued: std::collections::VecDeque<TaskInfo> = std::collections::VecDeque::new();
        let complete = loop {
            match feed.recv().await {
                Some(Feed::Page(docs)) => {
                    count += docs.len();
                    let docs: Vec<MeiliDoc> = docs.into_iter().map(MeiliDoc::from).collect();
                    for chunk in docs.chunks(BATCH) {
                        let added = match build.add_or_replace(chunk, Some("id")).await {
                            Ok(task) => task,
                            Err(e) => {
                                self.drop_index(&build_uid).await?;
                                return Err(unavailable(e));
                            }
                        };
                        queued.push_back(added);
                        if queued.len() > REBUILD_IN_FLIGHT
                            && let Some(oldest) = queued.pop_front()
                            && let Err(e) = self.wait(oldest, Duration::from_secs(600)).await
                        {
                            self.drop_index(&build_uid).await?;
                            return Err(e);
                        }
                    }
                }
                Some(Feed::End) => break true,
                None => break false,
            }
        };
        while let Some(task) = queued.pop_front() {
            if let Err(e) = self.wait(task, Duration::from_secs(600)).await {
                self.drop_index(&build_uid).await?;
                return Err(e);
            }
        }
        if !complete {
            self.drop_index(&build_uid).await?;
            return Err(SearchError::Incomplete);
        }
        self.ensure_index().await?;
        let swap = SwapIndexes {
            indexes: (self.uid.clone(), build_uid.clone()),
            rename: None,
        };
        let task = self
            .client
            .swap_indexes([&swap])
            .await
            .map_err(unavailable)?;
        self.wait(task, Duration::from_secs(60)).await?;
        self.drop_index(&build_uid).await?;
        Ok(count)
    }

    async fn upsert(&self, docs: Vec<PractitionerDoc>) -> Result<(), SearchError> {
        if docs.is_empty() {
            return Ok(());
        }
        let index = self.client.index(&self.uid);
        within(WRITE_TIMEOUT, self.add_in_batches(&index, docs)).await
    }

    async fn remove(&self, ids: &[i64]) -> Result<(), SearchError> {
        if ids.is_empty() {
            return Ok(());
        }
        within(WRITE_TIMEOUT, async {
            let task = self
                .client
                .index(&self.uid)
                .delete_documents(ids)
                .await
                .map_err(unavailable)?;
            self.wait(task, Duration::from_secs(60)).await
        })
        .await
    }

    async fn search(&self, query: &SearchQuery) -> Result<SearchPage, SearchError> {
        within(QUERY_TIMEOUT, self.search_now(query)).await
    }

    async fn health(&self) -> Result<String, SearchError> {
        within(QUERY_TIMEOUT, self.health_now()).await
    }

    async fn documents(&self) -> Result<u64, SearchError> {
        within(QUERY_TIMEOUT, self.document_count())
            .await
            .map(|n| n as u64)
    }

    async fn documents_in(
        &self,
        ids: RangeInclusive<i64>,
    ) -> Result<Vec<PractitionerDoc>, SearchError> {
        let index = self.client.index(&self.uid);
        let mut docs: Vec<PractitionerDoc> = Vec::new();
        let mut from = *ids.start();
        loop {
            // Only numbers go into the filter; pages follow the id, not an offset.
            let filter = format!("id >= {from} AND id <= {}", ids.end());
            let mut search = index.search();
            search
                .with_filter(&filter)
                .with_sort(&["id:asc"])
                .with_limit(LISTING_PAGE);
            let page = within(LISTING_TIMEOUT, async {
                search.execute::<Hit>().await.map_err(unavailable)
            })
            .await?;
            let got = page.hits.len();
            docs.extend(page.hits.into_iter().map(|hit| hit.result.doc));
            match docs.last() {
                Some(last) if got == LISTING_PAGE && last.id < *ids.end() => from = last.id + 1,
                _ => return Ok(docs),
            }
        }
    }
}

/// Documents per request when listing an id range for reconciliation.
const LISTING_PAGE: usize = 1_000;

/// How long one page of a listing may take.
const LISTING_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a search or a health check may take before the backend counts as
/// unavailable: people get an answer (a 503 that says so) within two seconds.
pub const QUERY_TIMEOUT: Duration = Duration::from_millis(1500);

/// How long one upsert or removal (the worker's jobs) may take; a job that times out is
/// retried with backoff.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(90);

/// `work`, or `Unavailable` when it takes longer than `limit` (the request is dropped).
async fn within<T>(
    limit: Duration,
    work: impl Future<Output = Result<T, SearchError>>,
) -> Result<T, SearchError> {
    tokio::time::timeout(limit, work).await.unwrap_or_else(|_| {
        Err(SearchError::Unavailable(format!(
            "Meilisearch did not answer within {} ms",
            limit.as_millis()
        )))
    })
}

impl MeiliIndex {
    async fn search_now(&self, query: &SearchQuery) -> Result<SearchPage, SearchError> {
        let filter = filter_expression(query)?;
        let sort = sort_rules(query);
        let sort: Vec<&str> = sort.iter().map(String::as_str).collect();
        let index = self.client.index(&self.uid);
        let mut search = index.search();
        search
            .with_filter(&filter)
            .with_sort(&sort)
            .with_matching_strategy(MatchingStrategies::ALL)
            .with_offset(query.offset)
            .with_limit(query.limit);
        let text = query
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        if let Some(text) = text {
            search.with_query(text);
        }
        // Offset/limit pagination gives an estimate; ask for the exact count separately
        // through page-based pagination, which Meilisearch counts exhaustively.
        let results = search.execute::<Hit>().await.map_err(unavailable)?;
        let mut count = index.search();
        count
            .with_filter(&filter)
            .with_matching_strategy(MatchingStrategies::ALL)
            .with_page(1)
            .with_hits_per_page(0);
        if let Some(text) = text {
            count.with_query(text);
        }
        let counted = count
            .execute::<serde_json::Value>()
            .await
            .map_err(unavailable)?;
        let total = counted.total_hits.unwrap_or(results.hits.len());
        let hits = results
            .hits
            .into_iter()
            .map(|hit| {
                let doc = hit.result.doc;
                let distance_km = distance_km(query.lat, query.lng, doc.lat, doc.lng);
                SearchHit { doc, distance_km }
            })
            .collect();
        Ok(SearchPage { total, hits })
    }

    async fn health_now(&self) -> Result<String, SearchError> {
        let health = self.client.health().await.map_err(unavailable)?;
        let documents = self.document_count().await?;
        Ok(format!(
            "{}: {documents} documents in {}",
            health.status, self.uid
        ))
    }

    /// How many documents the index holds, from its stats.
    async fn document_count(&self) -> Result<usize, SearchError> {
        let stats = self
            .client
            .index(&self.uid)
            .get_stats()
            .await
            .map_err(unavailable)?;
        Ok(stats.number_of_documents)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query() -> SearchQuery {
        SearchQuery::near(30.27, -97.74, 25.0, 1_700_000_000)
    }

    #[test]
    fn filter_uses_only_slugs_and_numbers() {
        let mut q = query();
        q.modalities = vec!["trigger_point".into(), "swedish".into()];
        q.verified_only = true;
        q.accepting_only = true;
        q.practice_type = Some("clinic".into());
        q.accessibility = vec!["step_free".into(), "scent_free".into()];
        q.text = Some("\" OR verified = false".into());
        let f = filter_expression(&q).expect("valid");
        assert_eq!(
            f,
            "_geoRadius(30.27, -97.74, 25000) AND modalities IN [\"trigger_point\", \"swedish\"] \
             AND verified = true AND accepting_new_clients = true AND accepting_confirmed_ts >= 1700000000 \
             AND practice_type = \"clinic\" AND accessibility = \"step_free\" \
             AND accessibility = \"scent_free\""
        );
        assert!(!f.contains("OR"), "free text never reaches the filter");
    }

    #[test]
    fn hostile_filter_values_are_refused() {
        for hostile in ["swedish\" OR id > 0", "a b", "", "DROP", "x\\"] {
            let mut q = query();
            q.modalities = vec![hostile.into()];
            assert!(filter_expression(&q).is_err(), "{hostile:?} accepted");
            let mut q = query();
            q.practice_type = Some(hostile.into());
            assert!(filter_expression(&q).is_err(), "{hostile:?} accepted");
            let mut q = query();
            q.accessibility = vec![hostile.into()];
            assert!(filter_expression(&q).is_err(), "{hostile:?} accepted");
        }
    }
}
