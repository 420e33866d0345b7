//! A licence or board certification a practitioner claims, and its verification.

use sea_orm::entity::prelude::*;

/// A row of `licences`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "licences")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub practitioner_id: i64,
    pub jurisdiction: String,
    pub number: String,
    pub kind: String,
    pub expires_on: Option<Date>,
    pub status: String,
    pub verified_by: Option<i64>,
    pub verified_at: Option<DateTimeUtc>,
    pub verification_method: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub rejection_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub needs_review: bool,
    #[sea_orm(column_type = "Text", nullable)]
    pub review_note: Option<String>,
    pub reminded_at: Option<DateTimeUtc>,
}

/// No declared relations: queries join explicitly by id.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
