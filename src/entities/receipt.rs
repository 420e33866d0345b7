//! A receipt a practitioner issued for a visit.

use sea_orm::entity::prelude::*;

/// A row of `receipts`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "receipts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub practitioner_id: i64,
    pub number: i32,
    pub visit_id: Option<i64>,
    pub form_key: String,
    pub practice_name: String,
    pub practice_address: String,
    pub practitioner_name: String,
    pub licence_number: String,
    pub licence_state: String,
    pub npi: Option<String>,
    pub client_name: String,
    pub service_date: Date,
    pub minutes: i32,
    pub procedure_code: String,
    pub diagnosis_code: Option<String>,
    pub amount_cents: i64,
    pub currency: String,
    pub paid_by: String,
    pub issued_at: DateTimeUtc,
}

/// No declared relations: queries join explicitly by id.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
