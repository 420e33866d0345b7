//! Builders that insert test data straight into the database.

use chrono::{NaiveDate, TimeDelta, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter};
use therapist_finder::{
    entities::{
        body_region, licence, modality, outcome_log, practitioner, practitioner_modality,
        practitioner_region, training_record,
    },
    practitioners::summary,
};

/// A practitioner to insert; every field has a sensible default.
#[derive(Clone)]
pub struct PractitionerSpec {
    pub slug: String,
    pub display_name: String,
    pub practice_name: Option<String>,
    pub bio: String,
    pub city: String,
    pub state: String,
    pub lat: f64,
    pub lng: f64,
    pub practice_type: String,
    pub modalities: Vec<&'static str>,
    pub regions: Vec<&'static str>,
    pub licence_status: Option<&'static str>,
    pub training_hours: Vec<i32>,
    pub outcome_logs: Vec<(i16, i16)>,
    pub clinical: [Option<bool>; 5],
    pub accepting: Option<bool>,
    pub accepting_days_ago: i64,
    pub prenatal: bool,
    pub oncology: bool,
    pub listed: bool,
    pub accessibility: Vec<&'static str>,
    pub country: &'static str,
    /// Spoken languages as stored: codes separated by commas.
    pub languages: &'static str,
    /// Prices as stored: `minutes:amount` pairs.
    pub prices: &'static str,
    /// Ways to pay as stored: codes separated by commas.
    pub payment: &'static str,
}

impl PractitionerSpec {
    /// A clinical practitioner in central Austin, TX.
    pub fn new(slug: &str) -> Self {
        Self {
            slug: slug.to_owned(),
            display_name: format!("Test {slug}"),
            practice_name: Some("Test Clinical Massage".into()),
            bio: "Clinical massage for back pain.".into(),
            city: "Austin".into(),
            state: "TX".into(),
            lat: 30.2672,
            lng: -97.7431,
            practice_type: "clinic".into(),
            modalities: vec!["clinical", "trigger_point"],
            regions: vec!["low_back"],
            licence_status: Some("verified"),
            training_hours: vec![500, 120],
            outcome_logs: Vec::new(),
            clinical: [Some(true), Some(true), Some(true), Some(false), None],
            accepting: Some(true),
            accepting_days_ago: 1,
            prenatal: false,
            oncology: false,
            listed: true,
            accessibility: Vec::new(),
            country: "US",
            languages: "en",
            prices: "60:80,90:120",
            payment: "cash,card",
        }
    }
}

/// Inserts a practitioner with its related rows; returns its id.
pub async fn insert_practitioner(db: &impl ConnectionTrait, spec: &PractitionerSpec) -> i64 {
    let now = Utc::now();
    let row = practitioner::Entity::insert(practitioner::ActiveModel {
        id: NotSet,
        user_id: Set(None),
        slug: Set(spec.slug.clone()),
        display_name: Set(spec.display_name.clone()),
        practice_name: Set(spec.practice_name.clone()),
        bio: Set(spec.bio.clone()),
        bio_es: Set(None),
        languages_unread: Set(None),
        phone: Set(None),
        public_email: Set(None),
        website: Set(None),
        address_line: Set(Some("1 Main St".into())),
        city: Set(spec.city.clone()),
        region_code: Set(spec.state.clone()),
        postal_code: Set(None),
        country: Set(spec.country.into()),
        lat: Set(Some(spec.lat)),
        lng: Set(Some(spec.lng)),
        location_precision: Set("address".into()),
        practice_type: Set(spec.practice_type.clone()),
        cp_whole_session_one_area: Set(spec.clinical[0]),
        cp_myofascial: Set(spec.clinical[1]),
        cp_posture_assessment: Set(spec.clinical[2]),
        cp_referral_pain: Set(spec.clinical[3]),
        cp_minimal_oil: Set(spec.clinical[4]),
        prenatal_trained: Set(spec.prenatal),
        oncology_trained: Set(spec.oncology),
        prices: Set(spec.prices.into()),
        currency: Set("USD".into()),
        sliding_scale: Set(false),
        price_note: Set(None),
        payment: Set(spec.payment.into()),
        insurers: Set(None),
        npi: Set(None),
        languages: Set(spec.languages.into()),
        accessibility: Set(spec.accessibility.join(",")),
        accepting_new_clients: Set(spec.accepting),
        accepting_confirmed_at: Set(Some(now - TimeDelta::days(spec.accepting_days_ago))),
        profile_confirmed_at: Set(Some(now)),
        listed: Set(spec.listed),
        suspended_at: Set(None),
        suspended_reason: Set(None),
        is_demo: Set(false),
        training_hours: NotSet,
        outcome_count: NotSet,
        outcome_median_before: NotSet,
        outcome_median_after: NotSet,
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec(db)
    .await
    .expect("insert practitioner");
    let id = row.last_insert_id;
    for slug in &spec.modalities {
        let m = modality::Entity::find()
            .filter(modality::Column::Slug.eq(*slug))
            .one(db)
            .await
            .expect("query")
            .expect("known modality");
        practitioner_modality::Entity::insert(practitioner_modality::ActiveModel {
            practitioner_id: Set(id),
            modality_id: Set(m.id),
        })
        .exec(db)
        .await
        .expect("link modality");
    }
    let mut first_region = None;
    for slug in &spec.regions {
        let r = body_region::Entity::find()
            .filter(body_region::Column::Slug.eq(*slug))
            .one(db)
            .await
            .expect("query")
            .expect("known region");
        first_region.get_or_insert(r.id);
        practitioner_region::Entity::insert(practitioner_region::ActiveModel {
            practitioner_id: Set(id),
            region_id: Set(r.id),
        })
        .exec(db)
        .await
        .expect("link region");
    }
    if let Some(status) = spec.licence_status {
        licence::Entity::insert(licence::ActiveModel {
            id: NotSet,
            practitioner_id: Set(id),
            jurisdiction: Set(spec.state.clone()),
            number: Set(format!("MT-{id:06}")),
            kind: Set("state_licence".into()),
            expires_on: Set(Some(now.date_naive() + TimeDelta::days(365))),
            status: Set(status.into()),
            verified_by: Set(None),
            verified_at: Set((status == "verified").then_some(now)),
            verification_method: Set((status == "verified").then(|| "board_lookup".into())),
            rejection_reason: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            needs_review: Set(false),
            review_note: Set(None),
            reminded_at: Set(None),
        })
        .exec(db)
        .await
        .expect("insert licence");
    }
    for (i, hours) in spec.training_hours.iter().enumerate() {
        training_record::Entity::insert(training_record::ActiveModel {
            id: NotSet,
            practitioner_id: Set(id),
            course: Set(format!("Course {i}")),
            provider: Set("Test Institute".into()),
            modality_id: Set(None),
            hours: Set(*hours),
            completed_on: Set(NaiveDate::from_ymd_opt(2024, 5, 1).expect("date")),
        })
        .exec(db)
        .await
        .expect("insert training");
    }
    for (before, after) in &spec.outcome_logs {
        outcome_log::Entity::insert(outcome_log::ActiveModel {
            id: NotSet,
            practitioner_id: Set(id),
            session_date: Set(now.date_naive()),
            region_id: Set(first_region.expect("outcome logs need a region")),
            pain_before: Set(*before),
            pain_after: Set(*after),
            created_at: Set(now),
        })
        .exec(db)
        .await
        .expect("insert outcome");
    }
    summary::refresh(db, id).await.expect("refresh summary");
    id
}

/// A practitioner named `name` whose only licence is pending, numbered as they typed it,
/// in `jurisdiction`, expiring on `expires`; returns (practitioner id, licence id).
pub async fn pending_licence_in(
    db: &impl ConnectionTrait,
    slug: &str,
    name: &str,
    number: &str,
    jurisdiction: &str,
    expires: Option<NaiveDate>,
) -> (i64, i64) {
    let mut spec = PractitionerSpec::new(slug);
    spec.display_name = name.into();
    spec.licence_status = Some("pending");
    let pid = insert_practitioner(db, &spec).await;
    let lic = licence::Entity::find()
        .filter(licence::Column::PractitionerId.eq(pid))
        .one(db)
        .await
        .expect("q")
        .expect("licence");
    let id = lic.id;
    let mut m: licence::ActiveModel = lic.into();
    m.number = Set(number.into());
    m.jurisdiction = Set(jurisdiction.into());
    m.expires_on = Set(expires);
    sea_orm::ActiveModelTrait::update(m, db)
        .await
        .expect("claim");
    (pid, id)
}
