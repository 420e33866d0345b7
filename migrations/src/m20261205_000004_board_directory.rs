//! How each jurisdiction regulates massage therapists: a licence, a registration, a
//! voluntary certification or nothing (`licenses_massage` stays: true for the first
//! two). The reference loader fills it from `seed/jurisdictions.toml` at every start.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Jurisdictions::Table)
                    .add_column(string(Jurisdictions::Regulation).default("licence"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Jurisdictions::Table)
                    .drop_column(Jurisdictions::Regulation)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Jurisdictions {
    Table,
    Regulation,
}
