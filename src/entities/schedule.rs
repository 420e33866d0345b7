//! A practitioner's working hours and booking rules, with the practice's time zone.

use sea_orm::entity::prelude::*;

/// A row of `schedules`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "schedules")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub practitioner_id: i64,
    pub zone: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub week: String,
    pub lengths: String,
    pub buffer_minutes: i32,
    pub horizon_days: i32,
    pub notice_hours: i32,
    #[sea_orm(column_type = "Text")]
    pub time_off: String,
    pub updated_at: DateTimeUtc,
}

/// No declared relations: queries join explicitly by id.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
