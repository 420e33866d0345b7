//! A practitioner's profile: the public listing and its clinical-practice answers.

use sea_orm::entity::prelude::*;

/// A row of `practitioners`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "practitioners")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: Option<i64>,
    #[sea_orm(unique)]
    pub slug: String,
    pub display_name: String,
    pub practice_name: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub bio: String,
    /// The "About" text in Spanish, shown on the Spanish site when there is one.
    #[sea_orm(column_type = "Text", nullable)]
    pub bio_es: Option<String>,
    pub phone: Option<String>,
    pub public_email: Option<String>,
    pub website: Option<String>,
    pub address_line: Option<String>,
    pub city: String,
    pub region_code: String,
    pub postal_code: Option<String>,
    pub country: String,
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    pub location_precision: String,
    pub practice_type: String,
    pub cp_whole_session_one_area: Option<bool>,
    pub cp_myofascial: Option<bool>,
    pub cp_posture_assessment: Option<bool>,
    pub cp_referral_pain: Option<bool>,
    pub cp_minimal_oil: Option<bool>,
    pub prenatal_trained: bool,
    pub oncology_trained: bool,
    /// Prices per session length: `minutes:amount` pairs in ascending minutes, in
    /// whole units of `currency` (`practitioners::prices`).
    pub prices: String,
    pub currency: String,
    /// Whether the practice offers a sliding scale.
    pub sliding_scale: bool,
    /// A note on prices, at most 200 characters.
    pub price_note: Option<String>,
    /// How people may pay: codes of `policy::PAYMENT_OPTIONS`, comma-separated.
    pub payment: String,
    /// Insurers the practice bills directly, one a line.
    #[sea_orm(column_type = "Text", nullable)]
    pub insurers: Option<String>,
    /// National Provider Identifier, ten digits with a valid check digit.
    pub npi: Option<String>,
    /// Spoken languages, ISO 639-1 codes in `policy::SPOKEN_LANGUAGES` order.
    pub languages: String,
    /// Words of an earlier free-text languages list no code was found for, kept for
    /// the practitioner to settle; cleared when they save their languages.
    #[sea_orm(column_type = "Text", nullable)]
    pub languages_unread: Option<String>,
    pub accessibility: String,
    pub accepting_new_clients: Option<bool>,
    pub accepting_confirmed_at: Option<DateTimeUtc>,
    pub profile_confirmed_at: Option<DateTimeUtc>,
    pub listed: bool,
    pub suspended_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub suspended_reason: Option<String>,
    pub is_demo: bool,
    /// Sum of the training ledger, kept with the ledger (`practitioners::summary`).
    pub training_hours: i32,
    /// Outcome logs recorded.
    pub outcome_count: i32,
    /// Median pain before across the outcome logs, if any.
    pub outcome_median_before: Option<f64>,
    /// Median pain after across the outcome logs, if any.
    pub outcome_median_after: Option<f64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// No declared relations: queries join explicitly by id.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
