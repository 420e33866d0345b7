//! Search documents from the database: a practitioner row with its licences, training,
//! modalities and regions, read a page at a time for a whole build or by id for a
//! re-index.

use std::{collections::HashMap, sync::Arc};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, EntityTrait,
    FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use tokio::sync::mpsc;

use super::{CHUNK, LicenceRow, best_licence, effective_status, publicly_listed, summary};
use crate::{
    entities::{body_region, licence, modality, practitioner},
    progress::Progress,
    search::{
        Feed,
        document::{ClinicalPractice, LicenceSummary, PractitionerDoc},
    },
};

/// The columns of a practitioner row that its search document needs (everything but
/// the free text and contact details), and the ids of its modalities and regions as
/// comma-separated lists, so paging through a large directory reads one row per
/// practitioner.
#[derive(Debug, Clone, FromQueryResult)]
pub(super) struct Listing {
    pub(super) id: i64,
    pub(super) slug: String,
    pub(super) display_name: String,
    pub(super) practice_name: Option<String>,
    pub(super) city: String,
    pub(super) region_code: String,
    pub(super) lat: Option<f64>,
    pub(super) lng: Option<f64>,
    pub(super) practice_type: String,
    pub(super) cp_whole_session_one_area: Option<bool>,
    pub(super) cp_myofascial: Option<bool>,
    pub(super) cp_posture_assessment: Option<bool>,
    pub(super) cp_referral_pain: Option<bool>,
    pub(super) cp_minimal_oil: Option<bool>,
    pub(super) prenatal_trained: bool,
    pub(super) oncology_trained: bool,
    pub(super) accepting_new_clients: Option<bool>,
    pub(super) accepting_confirmed_at: Option<DateTime<Utc>>,
    pub(super) profile_confirmed_at: Option<DateTime<Utc>>,
    pub(super) is_demo: bool,
    pub(super) accessibility: String,
    pub(super) languages: String,
    pub(super) prices: String,
    pub(super) currency: String,
    pub(super) payment: String,
    pub(super) training_hours: i32,
    pub(super) outcome_count: i32,
    pub(super) outcome_median_before: Option<f64>,
    pub(super) outcome_median_after: Option<f64>,
    pub(super) modality_ids: Option<String>,
    pub(super) region_ids: Option<String>,
}

impl Listing {
    /// Practitioners with the columns `Listing` reads.
    pub(super) fn select(backend: DatabaseBackend) -> sea_orm::Select<practitioner::Entity> {
        use practitioner::Column as C;
        // Fixed SQL, no input: the one aggregate that differs between the backends.
        let ids_of = |table: &str, column: &str| {
            let list = match backend {
                DatabaseBackend::Postgres => format!("string_agg(CAST({column} AS TEXT), ',')"),
                _ => format!("group_concat({column})"),
            };
            sea_orm::sea_query::Expr::cust(format!(
                "(SELECT {list} FROM {table} WHERE {table}.practitioner_id = practitioners.id)"
            ))
        };
        practitioner::Entity::find()
            .select_only()
            .columns([
                C::Id,
                C::Slug,
                C::DisplayName,
                C::PracticeName,
                C::City,
                C::RegionCode,
                C::Lat,
                C::Lng,
                C::PracticeType,
                C::CpWholeSessionOneArea,
                C::CpMyofascial,
                C::CpPostureAssessment,
                C::CpReferralPain,
                C::CpMinimalOil,
                C::PrenatalTrained,
                C::OncologyTrained,
                C::AcceptingNewClients,
                C::AcceptingConfirmedAt,
                C::ProfileConfirmedAt,
                C::IsDemo,
                C::Accessibility,
                C::Languages,
                C::Prices,
                C::Currency,
                C::Payment,
                C::TrainingHours,
                C::OutcomeCount,
                C::OutcomeMedianBefore,
                C::OutcomeMedianAfter,
            ])
            .expr_as(
                ids_of("practitioner_modalities", "modality_id"),
                "modality_ids",
            )
            .expr_as(ids_of("practitioner_regions", "region_id"), "region_ids")
    }
}

/// Only rows that belong in search: publicly listed and located.
fn searchable() -> sea_orm::Condition {
    publicly_listed()
        .add(practitioner::Column::Lat.is_not_null())
        .add(practitioner::Column::Lng.is_not_null())
}

/// Related rows of a set of practitioners, grouped by practitioner id.
#[derive(Default)]
struct Related {
    pub(super) licences: HashMap<i64, Vec<LicenceRow>>,
}

/// Which practitioners' related rows to load: a list of ids (queried in chunks) or a
/// contiguous id range (one query per table, for paging through everything).
enum Scope<'a> {
    Ids(&'a [i64]),
    Range(i64, i64),
}

impl Scope<'_> {
    /// One condition per query on `column`.
    pub(super) fn conditions(&self, column: impl ColumnTrait + Copy) -> Vec<sea_orm::Condition> {
        match self {
            Scope::Ids(ids) => ids
                .chunks(CHUNK)
                .map(|chunk| sea_orm::Condition::all().add(column.is_in(chunk.to_vec())))
                .collect(),
            Scope::Range(first, last) => {
                vec![sea_orm::Condition::all().add(column.between(*first, *last))]
            }
        }
    }
}

/// Slugs in display order from a comma-separated list of ids.
fn slugs_of(ids: Option<&str>, slugs: &HashMap<i32, (i32, String)>) -> Vec<String> {
    let mut found: Vec<&(i32, String)> = ids
        .unwrap_or_default()
        .split(',')
        .filter_map(|id| slugs.get(&id.trim().parse().ok()?))
        .collect();
    found.sort();
    found.into_iter().map(|s| s.1.clone()).collect()
}

/// Modality and region slugs by id, with their display order.
struct Slugs {
    pub(super) modalities: HashMap<i32, (i32, String)>,
    pub(super) regions: HashMap<i32, (i32, String)>,
}

impl Slugs {
    pub(super) async fn load(db: &impl ConnectionTrait) -> Result<Self, DbErr> {
        Ok(Self {
            modalities: modality::Entity::find()
                .all(db)
                .await?
                .into_iter()
                .map(|m| (m.id, (m.sort_order, m.slug)))
                .collect(),
            regions: body_region::Entity::find()
                .all(db)
                .await?
                .into_iter()
                .map(|r| (r.id, (r.sort_order, r.slug)))
                .collect(),
        })
    }
}

async fn load_related(db: &impl ConnectionTrait, scope: Scope<'_>) -> Result<Related, DbErr> {
    let mut related = Related::default();
    for condition in scope.conditions(licence::Column::PractitionerId) {
        let rows: Vec<LicenceRow> = licence::Entity::find()
            .filter(condition)
            .into_partial_model()
            .all(db)
            .await?;
        for l in rows {
            related
                .licences
                .entry(l.practitioner_id)
                .or_default()
                .push(l);
        }
    }
    Ok(related)
}

fn build_document(
    p: Listing,
    slugs: &Slugs,
    related: &mut Related,
    today: NaiveDate,
) -> Option<PractitionerDoc> {
    let (lat, lng) = (p.lat?, p.lng?);
    let licences = related.licences.remove(&p.id).unwrap_or_default();
    let best = best_licence(&licences, today);
    let licence = best.map(|l| LicenceSummary {
        status: effective_status(l, today).to_owned(),
        jurisdiction: l.jurisdiction.clone(),
        number: l.number.clone(),
        verified_on: l.verified_at.map(|t| t.date_naive().to_string()),
    });
    let verified = licence.as_ref().is_some_and(|l| l.status == "verified");
    Some(PractitionerDoc {
        id: p.id,
        clinical_practice: ClinicalPractice {
            whole_session_one_area: p.cp_whole_session_one_area == Some(true),
            myofascial: p.cp_myofascial == Some(true),
            posture_assessment: p.cp_posture_assessment == Some(true),
            referral_pain: p.cp_referral_pain == Some(true),
            minimal_oil: p.cp_minimal_oil == Some(true),
        },
        slug: p.slug,
        display_name: p.display_name,
        practice_name: p.practice_name,
        city: p.city,
        region: p.region_code,
        lat,
        lng,
        practice_type: p.practice_type,
        modalities: slugs_of(p.modality_ids.as_deref(), &slugs.modalities),
        focus_regions: slugs_of(p.region_ids.as_deref(), &slugs.regions),
        licence,
        verified,
        training_hours: p.training_hours,
        prenatal_trained: p.prenatal_trained,
        oncology_trained: p.oncology_trained,
        accepting_new_clients: p.accepting_new_clients == Some(true),
        accepting_confirmed_ts: p.accepting_confirmed_at.map_or(0, |t| t.timestamp()),
        profile_confirmed_ts: p.profile_confirmed_at.map_or(0, |t| t.timestamp()),
        outcome: summary::stored_outcome(
            p.outcome_count,
            p.outcome_median_before,
            p.outcome_median_after,
        ),
        is_demo: p.is_demo,
        accessibility: crate::policy::ACCESSIBILITY
            .iter()
            .filter(|(slug, _)| p.accessibility.split(',').any(|a| a.trim() == *slug))
            .map(|(slug, _)| (*slug).to_owned())
            .collect(),
        languages: crate::policy::spoken_languages(&p.languages)
            .into_iter()
            .map(str::to_owned)
            .collect(),
        price_60: super::payment::sixty(&p.prices),
        prices: super::payment::read(&p.prices),
        currency: p.currency,
        hsa_fsa: super::payment::takes(&p.payment, "hsa_fsa"),
        injury_claims: super::payment::takes(&p.payment, "injury_claims"),
    })
}

/// Practitioners per page when building every document.
const PAGE: u64 = 20_000;

/// Search documents for every searchable practitioner in id order, a page at a time:
/// one query per table per page, so memory stays flat whatever the directory's size.
pub struct DocumentPages<'a, C> {
    db: &'a C,
    slugs: Slugs,
    today: NaiveDate,
    after: i64,
}

impl<'a, C: ConnectionTrait> DocumentPages<'a, C> {
    /// Pages through the whole directory; `today` decides which licences have expired.
    pub async fn new(db: &'a C, today: NaiveDate) -> Result<Self, DbErr> {
        Ok(Self {
            db,
            slugs: Slugs::load(db).await?,
            today,
            after: i64::MIN,
        })
    }

    /// The id of the last practitioner read so far (`i64::MIN` before the first page).
    /// Every searchable practitioner up to it has been in a page.
    pub fn position(&self) -> i64 {
        self.after
    }

    /// The next page, or `None` after the last.
    pub async fn next(&mut self) -> Result<Option<Vec<PractitionerDoc>>, DbErr> {
        let rows: Vec<Listing> = Listing::select(self.db.get_database_backend())
            .filter(practitioner::Column::Id.gt(self.after))
            .filter(searchable())
            .order_by_asc(practitioner::Column::Id)
            .limit(PAGE)
            .into_model()
            .all(self.db)
            .await?;
        let (Some(first), Some(last)) = (rows.first().map(|p| p.id), rows.last().map(|p| p.id))
        else {
            return Ok(None);
        };
        self.after = last;
        let mut related = load_related(self.db, Scope::Range(first, last)).await?;
        Ok(Some(
            rows.into_iter()
                .filter_map(|p| build_document(p, &self.slugs, &mut related, self.today))
                .collect(),
        ))
    }
}

/// Sends every search document to a rebuild, page by page, then `Feed::End`. Stops
/// quietly if the rebuild has gone (it reports its own error); on a database error
/// it stops without `End`, so the rebuild leaves the index as it was.
pub async fn feed_documents(
    db: DatabaseConnection,
    today: NaiveDate,
    feed: mpsc::Sender<Feed>,
    progress: Arc<dyn Progress>,
) -> Result<(), DbErr> {
    if progress.is_shown() {
        progress.total(
            practitioner::Entity::find()
                .filter(searchable())
                .count(&db)
                .await?,
        );
    }
    let mut pages = DocumentPages::new(&db, today).await?;
    while let Some(page) = pages.next().await? {
        progress.advance(page.len() as u64);
        if feed.send(Feed::Page(page)).await.is_err() {
            return Ok(());
        }
    }
    // A closed channel here means the rebuild already failed and says why.
    feed.send(Feed::End).await.ok();
    Ok(())
}

/// Search documents for every searchable practitioner, ordered by id.
pub async fn all_documents(
    db: &impl ConnectionTrait,
    today: NaiveDate,
) -> Result<Vec<PractitionerDoc>, DbErr> {
    let mut docs = Vec::new();
    let mut pages = DocumentPages::new(db, today).await?;
    while let Some(page) = pages.next().await? {
        docs.extend(page);
    }
    Ok(docs)
}

/// The search documents of these practitioners; ids that are not searchable are left out.
pub async fn documents_for(
    db: &impl ConnectionTrait,
    ids: &[i64],
    today: NaiveDate,
) -> Result<Vec<PractitionerDoc>, DbErr> {
    let mut rows: Vec<Listing> = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        rows.extend(
            Listing::select(db.get_database_backend())
                .filter(practitioner::Column::Id.is_in(chunk.to_vec()))
                .filter(searchable())
                .into_model()
                .all(db)
                .await?,
        );
    }
    let found: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let slugs = Slugs::load(db).await?;
    let mut related = load_related(db, Scope::Ids(&found)).await?;
    Ok(rows
        .into_iter()
        .filter_map(|p| build_document(p, &slugs, &mut related, today))
        .collect())
}
