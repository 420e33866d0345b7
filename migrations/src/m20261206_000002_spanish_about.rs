//! A practitioner may add a Spanish version of their "About" text, shown on the
//! Spanish site in place of the one they wrote first.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Practitioners::Table)
                    .add_column(text_null(Practitioners::BioEs))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Practitioners::Table)
                    .drop_column(Practitioners::BioEs)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Practitioners {
    Table,
    BioEs,
}
