//! One row of the latest roster of a jurisdiction.

use sea_orm::entity::prelude::*;

/// A row of `roster_entries`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "roster_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub import_id: i64,
    pub jurisdiction: String,
    pub number: String,
    pub name: String,
    pub status: String,
    pub expires_on: Option<Date>,
}

/// No declared relations: queries join explicitly by id.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
