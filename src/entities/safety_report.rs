//! A client's private report that something went wrong at a visit.

use sea_orm::entity::prelude::*;

/// A row of `safety_reports`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "safety_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub visit_id: i64,
    pub practitioner_id: i64,
    #[sea_orm(column_type = "Text")]
    pub what: String,
    pub status: String,
    pub handled_by: Option<i64>,
    pub handled_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

/// No declared relations: queries join explicitly by id.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
