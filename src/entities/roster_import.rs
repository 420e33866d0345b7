//! One imported state roster and its report.

use sea_orm::entity::prelude::*;

/// A row of `roster_imports`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "roster_imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub jurisdiction: String,
    pub imported_by: Option<i64>,
    pub file_name: String,
    pub roster_date: Date,
    pub rows_read: i32,
    pub matched: i32,
    pub verified: i32,
    pub conflicts: i32,
    pub invalid: i32,
    pub missing: i32,
    pub created_at: DateTimeUtc,
}

/// No declared relations: queries join explicitly by id.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
