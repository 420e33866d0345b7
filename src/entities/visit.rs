//! A visit requested from a practitioner's open times.

use sea_orm::entity::prelude::*;

/// A row of `visits`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "visits")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub practitioner_id: i64,
    pub start_at: DateTimeUtc,
    pub end_at: DateTimeUtc,
    pub minutes: i32,
    pub status: String,
    pub name: Option<String>,
    pub email: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
    pub confirm_by: DateTimeUtc,
    pub held_until: Option<DateTimeUtc>,
    pub accepted_at: Option<DateTimeUtc>,
    pub proposed: bool,
    #[sea_orm(unique)]
    pub uid: String,
    pub sequence: i32,
    pub reminded_at: Option<DateTimeUtc>,
    pub report_asked_at: Option<DateTimeUtc>,
    /// The language the client asked in (an i18n catalogue code); their mail uses it.
    pub language: String,
}

/// No declared relations: queries join explicitly by id.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
