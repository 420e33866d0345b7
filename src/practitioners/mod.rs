//! Practitioner profiles: the queries that assemble a public profile and the search
//! documents derived from the database.

pub mod contact;
pub mod editor;
pub mod indexing;
pub mod records;
pub mod summary;

use std::collections::HashMap;

use std::sync::Arc;

use tokio::sync::mpsc;

pub use summary::{MIN_OUTCOME_LOGS, outcome_summary};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, DerivePartialModel,
    EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::{
    entities::{
        body_region, jurisdiction, licence, modality, practitioner, practitioner_modality,
        practitioner_region, training_record,
    },
    progress::Progress,
    search::{
        Feed,
        document::{ClinicalPractice, LicenceSummary, OutcomeSummary, PractitionerDoc},
    },
};

/// Ids per `IN (…)` list, well under every backend's parameter limit.
const CHUNK: usize = 500;

/// What deciding a licence's public state reads: a whole row, or the few columns
/// a search document needs.
pub trait LicenceState {
    /// The recorded status.
    fn status(&self) -> &str;
    /// The expiry date, if any.
    fn expires_on(&self) -> Option<NaiveDate>;
    /// When the licence was added.
    fn created_at(&self) -> DateTime<Utc>;
}

/// Both licence shapes have the same three fields.
macro_rules! licence_state {
    ($($shape:ty),*) => {$(
        impl LicenceState for $shape {
            fn status(&self) -> &str {
                &self.status
            }
            fn expires_on(&self) -> Option<NaiveDate> {
                self.expires_on
            }
            fn created_at(&self) -> DateTime<Utc> {
                self.created_at
            }
        }
    )*};
}

/// The columns of a licence that a search document shows.
#[derive(Debug, Clone, DerivePartialModel)]
#[sea_orm(entity = "licence::Entity")]
struct LicenceRow {
    practitioner_id: i64,
    jurisdiction: String,
    number: String,
    status: String,
    expires_on: Option<NaiveDate>,
    verified_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

licence_state!(licence::Model, LicenceRow);

/// The status a licence shows today: a verified licence past its expiry is expired,
/// even before the expiry job has recorded it.
pub fn effective_status(licence: &impl LicenceState, today: NaiveDate) -> &str {
    match (licence.status(), licence.expires_on()) {
        ("verified", Some(expiry)) if expiry < today => "expired",
        (status, _) => status,
    }
}

/// The licence a listing leads with: verified, then pending, then expired, then
/// rejected; newest first within a status.
pub fn best_licence<L: LicenceState>(licences: &[L], today: NaiveDate) -> Option<&L> {
    let rank = |l: &L| match effective_status(l, today) {
        "verified" => 0,
        "pending" => 1,
        "expired" => 2,
        _ => 3,
    };
    licences.iter().min_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then(b.created_at().cmp(&a.created_at()))
    })
}

/// The columns of a practitioner row that its search document needs (everything but
/// the free text and contact details), and the ids of its modalities and regions as
/// comma-separated lists, so paging through a large directory reads one row per
/// practitioner.
#[derive(Debug, Clone, FromQueryResult)]
struct Listing {
    id: i64,
    slug: String,
    display_name: String,
    practice_name: Option<String>,
    city: String,
    region_code: String,
    lat: Option<f64>,
    lng: Option<f64>,
    practice_type: String,
    cp_whole_session_one_area: Option<bool>,
    cp_myofascial: Option<bool>,
    cp_posture_assessment: Option<bool>,
    cp_referral_pain: Option<bool>,
    cp_minimal_oil: Option<bool>,
    prenatal_trained: bool,
    oncology_trained: bool,
    accepting_new_clients: Option<bool>,
    accepting_confirmed_at: Option<DateTime<Utc>>,
    profile_confirmed_at: Option<DateTime<Utc>>,
    is_demo: bool,
    accessibility: String,
    training_hours: i32,
    outcome_count: i32,
    outcome_median_before: Option<f64>,
    outcome_median_after: Option<f64>,
    modality_ids: Option<String>,
    region_ids: Option<String>,
}

impl Listing {
    /// Practitioners with the columns `Listing` reads.
    fn select(backend: DatabaseBackend) -> sea_orm::Select<practitioner::Entity> {
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

/// Publicly listed: published and not suspended.
fn publicly_listed() -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(practitioner::Column::Listed.eq(true))
        .add(practitioner::Column::SuspendedAt.is_null())
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
    licences: HashMap<i64, Vec<LicenceRow>>,
}

/// Which practitioners' related rows to load: a list of ids (queried in chunks) or a
/// contiguous id range (one query per table, for paging through everything).
enum Scope<'a> {
    Ids(&'a [i64]),
    Range(i64, i64),
}

impl Scope<'_> {
    /// One condition per query on `column`.
    fn conditions(&self, column: impl ColumnTrait + Copy) -> Vec<sea_orm::Condition> {
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
    modalities: HashMap<i32, (i32, String)>,
    regions: HashMap<i32, (i32, String)>,
}

impl Slugs {
    async fn load(db: &impl ConnectionTrait) -> Result<Self, DbErr> {
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

/// Records, inside the transaction of a write, that something published about the
/// practitioner changed: the row's `updated_at` (what the sitemaps and the open-data
/// exports' "last updated" read) becomes now, and search is brought up to date through
/// the outbox.
pub async fn published_change(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
) -> Result<(), DbErr> {
    practitioner::Entity::update_many()
        .col_expr(
            practitioner::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(practitioner::Column::Id.eq(practitioner_id))
        .exec(db)
        .await?;
    crate::jobs::enqueue_reindex(db, practitioner_id).await
}

/// Public profiles per sitemap file: the protocol's limit.
pub const SITEMAP_PAGE: u64 = 50_000;

/// How many public profiles there are (every one has a page).
pub async fn public_count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    practitioner::Entity::find()
        .filter(publicly_listed())
        .count(db)
        .await
}

/// One sitemap's worth of public profiles, in id order: slug and last change.
pub async fn public_slugs(
    db: &impl ConnectionTrait,
    page: u64,
) -> Result<Vec<(String, chrono::DateTime<chrono::Utc>)>, DbErr> {
    practitioner::Entity::find()
        .select_only()
        .column(practitioner::Column::Slug)
        .column(practitioner::Column::UpdatedAt)
        .filter(publicly_listed())
        .order_by_asc(practitioner::Column::Id)
        .offset(page.saturating_mul(SITEMAP_PAGE))
        .limit(SITEMAP_PAGE)
        .into_tuple()
        .all(db)
        .await
}

/// A few listed practitioners to browse from the home page, verified ones first.
pub async fn featured_ids(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<i64>, DbErr> {
    let verified: Vec<i64> = licence::Entity::find()
        .filter(licence::Column::Status.eq("verified"))
        .order_by_asc(licence::Column::PractitionerId)
        .limit(limit * 4)
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.practitioner_id)
        .collect();
    Ok(practitioner::Entity::find()
        .filter(practitioner::Column::Id.is_in(verified))
        .filter(publicly_listed())
        .order_by_asc(practitioner::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect())
}

/// How many practitioners exist (listed or not).
pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    practitioner::Entity::find().count(db).await
}

/// A modality or region, and whether the practitioner chose it.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Stable slug.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Chosen by the practitioner.
    pub chosen: bool,
}

/// Every modality and region in display order, marked with the practitioner's choices.
#[derive(Debug, Clone)]
pub struct Focus {
    /// Modalities.
    pub modalities: Vec<Choice>,
    /// Body regions.
    pub regions: Vec<Choice>,
}

/// The practitioner's modalities and regions of focus among all of them.
pub async fn focus_of(db: &impl ConnectionTrait, practitioner_id: i64) -> Result<Focus, DbErr> {
    let offered: Vec<i32> = practitioner_modality::Entity::find()
        .filter(practitioner_modality::Column::PractitionerId.eq(practitioner_id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.modality_id)
        .collect();
    let focused: Vec<i32> = practitioner_region::Entity::find()
        .filter(practitioner_region::Column::PractitionerId.eq(practitioner_id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.region_id)
        .collect();
    let modalities = modality::Entity::find()
        .order_by_asc(modality::Column::SortOrder)
        .all(db)
        .await?
        .into_iter()
        .map(|m| Choice {
            chosen: offered.contains(&m.id),
            slug: m.slug,
            name: m.name,
        })
        .collect();
    let regions = body_region::Entity::find()
        .order_by_asc(body_region::Column::SortOrder)
        .all(db)
        .await?
        .into_iter()
        .map(|r| Choice {
            chosen: focused.contains(&r.id),
            slug: r.slug,
            name: r.name,
        })
        .collect();
    Ok(Focus {
        modalities,
        regions,
    })
}

/// A licence with its board, for the profile's licence panel.
#[derive(Debug, Clone)]
pub struct LicenceView {
    /// The licence row.
    pub licence: licence::Model,
    /// Its status today.
    pub status: String,
    /// The jurisdiction and its board.
    pub jurisdiction: Option<jurisdiction::Model>,
}

/// Everything the public profile page shows.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The practitioner row.
    pub practitioner: practitioner::Model,
    /// Modalities as (slug, name).
    pub modalities: Vec<(String, String)>,
    /// Regions of focus as (slug, name).
    pub regions: Vec<(String, String)>,
    /// Licences, best first.
    pub licences: Vec<LicenceView>,
    /// Training ledger entries, newest first, with the modality name.
    pub training: Vec<(training_record::Model, Option<String>)>,
    /// Sum of the ledger.
    pub training_hours: i32,
    /// Outcome summary, when there are enough logs.
    pub outcome: Option<OutcomeSummary>,
    /// The five clinical-practice answers as stored (None = unanswered).
    pub clinical_answers: [Option<bool>; 5],
}

impl Profile {
    /// What "how this practitioner works" is computed from (`policy::ApproachEvidence`).
    pub fn approach(&self) -> crate::policy::ApproachEvidence {
        crate::policy::ApproachEvidence::of(
            self.clinical_answers
                .iter()
                .filter(|a| **a == Some(true))
                .count() as u8,
            self.modalities.iter().map(|(slug, _)| slug.as_str()),
            self.training_hours,
        )
    }
}

/// The practitioner listed at `slug`: published and not suspended.
pub async fn listed_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<practitioner::Model>, DbErr> {
    practitioner::Entity::find()
        .filter(practitioner::Column::Slug.eq(slug))
        .filter(publicly_listed())
        .one(db)
        .await
}

/// The public profile for a slug, if it is listed and not suspended.
pub async fn public_profile(
    db: &impl ConnectionTrait,
    slug: &str,
    today: NaiveDate,
) -> Result<Option<Profile>, DbErr> {
    let Some(p) = listed_by_slug(db, slug).await? else {
        return Ok(None);
    };
    let focus = focus_of(db, p.id).await?;
    let chosen = |list: &[Choice]| {
        list.iter()
            .filter(|c| c.chosen)
            .map(|c| (c.slug.clone(), c.name.clone()))
            .collect()
    };
    let modalities = chosen(&focus.modalities);
    let regions = chosen(&focus.regions);
    let modality_rows = modality::Entity::find().all(db).await?;
    let mut licences = licence::Entity::find()
        .filter(licence::Column::PractitionerId.eq(p.id))
        .all(db)
        .await?;
    let mut ordered = Vec::new();
    while let Some(best) = best_licence(&licences, today).map(|l| l.id) {
        let idx = licences
            .iter()
            .position(|l| l.id == best)
            .unwrap_or_default();
        ordered.push(licences.swap_remove(idx));
    }
    let mut licence_views = Vec::new();
    for l in ordered {
        let jurisdiction = jurisdiction::Entity::find_by_id(l.jurisdiction.clone())
            .one(db)
            .await?;
        licence_views.push(LicenceView {
            status: effective_status(&l, today).to_owned(),
            licence: l,
            jurisdiction,
        });
    }
    let training: Vec<_> = training_record::Entity::find()
        .filter(training_record::Column::PractitionerId.eq(p.id))
        .order_by_desc(training_record::Column::CompletedOn)
        .all(db)
        .await?
        .into_iter()
        .map(|t| {
            let name = t
                .modality_id
                .and_then(|id| modality_rows.iter().find(|m| m.id == id))
                .map(|m| m.name.clone());
            (t, name)
        })
        .collect();
    let outcome = summary::stored_outcome(
        p.outcome_count,
        p.outcome_median_before,
        p.outcome_median_after,
    );
    let clinical_answers = [
        p.cp_whole_session_one_area,
        p.cp_myofascial,
        p.cp_posture_assessment,
        p.cp_referral_pain,
        p.cp_minimal_oil,
    ];
    Ok(Some(Profile {
        training_hours: p.training_hours,
        practitioner: p,
        modalities,
        regions,
        licences: licence_views,
        training,
        outcome,
        clinical_answers,
    }))
}

/// The practitioner profile of a user (the one their account owns), if any.
pub async fn by_user_id(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Option<practitioner::Model>, DbErr> {
    practitioner::Entity::find()
        .filter(practitioner::Column::UserId.eq(user_id))
        .one(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn licence(id: i64, status: &str, expires: Option<NaiveDate>) -> licence::Model {
        let t = Utc
            .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
            .single()
            .expect("valid");
        licence::Model {
            id,
            practitioner_id: 1,
            jurisdiction: "TX".into(),
            number: format!("MT-{id}"),
            kind: "state_licence".into(),
            expires_on: expires,
            status: status.into(),
            verified_by: None,
            verified_at: None,
            verification_method: None,
            rejection_reason: None,
            created_at: t,
            updated_at: t,
            needs_review: false,
            review_note: None,
            reminded_at: None,
        }
    }

    #[test]
    fn verified_past_expiry_is_expired() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
        let l = licence(1, "verified", NaiveDate::from_ymd_opt(2026, 5, 31));
        assert_eq!(effective_status(&l, today), "expired");
        let l = licence(1, "verified", NaiveDate::from_ymd_opt(2026, 6, 1));
        assert_eq!(effective_status(&l, today), "verified");
    }

    #[test]
    fn best_licence_prefers_verified_then_pending() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
        let list = vec![
            licence(1, "rejected", None),
            licence(2, "pending", None),
            licence(3, "verified", NaiveDate::from_ymd_opt(2027, 1, 1)),
        ];
        assert_eq!(best_licence(&list, today).map(|l| l.id), Some(3));
        assert_eq!(best_licence(&list[..2], today).map(|l| l.id), Some(2));
        assert!(best_licence::<licence::Model>(&[], today).is_none());
    }
}
