//! One entry of a practitioner's training ledger.

use sea_orm::entity::prelude::*;

/// A row of `training_records`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "training_records")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub practitioner_id: i64,
    pub course: String,
    pub provider: String,
    pub modality_id: Option<i32>,
    pub hours: i32,
    pub completed_on: Date,
}

/// No declared relations: queries join explicitly by id.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
