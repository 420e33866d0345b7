//! A licensing jurisdiction (a US state) and its massage board.

use sea_orm::entity::prelude::*;

/// A row of `jurisdictions`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "jurisdictions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub name: String,
    pub country: String,
    pub licenses_massage: bool,
    pub regulation: String,
    pub board_name: Option<String>,
    pub lookup_url: Option<String>,
}

/// No declared relations: queries join explicitly by id.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
