//! The language a client asked for a visit in, so every mail to them about it (the
//! confirmation, the hold, the answer, the reminder, the request for a report) is
//! written in it. Earlier visits were asked for in English.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Visits::Table)
                    .add_column(string_len(Visits::Language, 8).default("en"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Visits::Table)
                    .drop_column(Visits::Language)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Visits {
    Table,
    Language,
}
