//! Which columns of a state's roster file hold the licence number, name, status and expiry.

use sea_orm::entity::prelude::*;

/// A row of `roster_mappings`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "roster_mappings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub jurisdiction: String,
    pub number_column: String,
    pub name_column: String,
    pub status_column: String,
    pub expiry_column: String,
    pub active_values: String,
    pub date_format: String,
    pub updated_at: DateTimeUtc,
    pub has_header: bool,
    pub filter_column: String,
    pub filter_values: String,
    pub number_prefix: String,
    pub drop_leading_zeros: bool,
}

/// No declared relations: queries join explicitly by id.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
