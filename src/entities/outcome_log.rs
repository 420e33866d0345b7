//! Pain before and after one session, as logged by the practitioner (no client identity).

use sea_orm::entity::prelude::*;

/// A row of `outcome_logs`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "outcome_logs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub practitioner_id: i64,
    pub session_date: Date,
    pub region_id: i32,
    pub pain_before: i16,
    pub pain_after: i16,
    pub created_at: DateTimeUtc,
}

/// No declared relations: queries join explicitly by id.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
