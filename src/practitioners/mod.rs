//! Practitioner profiles: the queries that assemble a public profile and the search
//! documents derived from the database.

pub mod contact;
mod documents;
pub mod editor;
pub mod indexing;
pub mod payment;
pub mod records;
pub mod summary;

pub use documents::{DocumentPages, all_documents, documents_for, feed_documents};
pub use summary::{MIN_OUTCOME_LOGS, outcome_summary};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, DerivePartialModel, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use crate::{
    entities::{
        body_region, jurisdiction, licence, modality, practitioner, practitioner_modality,
        practitioner_region, training_record,
    },
    search::document::OutcomeSummary,
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

/// Publicly listed: published and not suspended.
fn publicly_listed() -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(practitioner::Column::Listed.eq(true))
        .add(practitioner::Column::SuspendedAt.is_null())
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
