//! Which modalities a practitioner offers.

use sea_orm::entity::prelude::*;

/// A row of `practitioner_modalities`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "practitioner_modalities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub practitioner_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub modality_id: i32,
}

/// No declared relations: queries join explicitly by id.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
