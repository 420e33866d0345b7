//! A client's own report after a visit.

use sea_orm::entity::prelude::*;

/// A row of `visit_reports`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "visit_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub visit_id: i64,
    pub practitioner_id: i64,
    pub region: String,
    pub pain_before: i32,
    pub pain_now: i32,
    pub pressure_right: bool,
    pub consent_explained: bool,
    pub would_return: bool,
    #[sea_orm(column_type = "Text", nullable)]
    pub comment: Option<String>,
    pub comment_status: String,
    pub initials: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub reply: Option<String>,
    pub replied_at: Option<DateTimeUtc>,
    pub flag: Option<String>,
    pub address_key: String,
    pub created_at: DateTimeUtc,
}

/// No declared relations: queries join explicitly by id.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
