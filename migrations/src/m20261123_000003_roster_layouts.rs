//! Roster layouts: files without a header (columns by position), without a status
//! column, with a profession filter, and numbers as each board writes them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            boolean(RosterMappings::HasHeader).default(true).to_owned(),
            string(RosterMappings::FilterColumn).default("").to_owned(),
            string(RosterMappings::FilterValues).default("").to_owned(),
            string(RosterMappings::NumberPrefix).default("").to_owned(),
            boolean(RosterMappings::DropLeadingZeros)
                .default(false)
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(RosterMappings::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            RosterMappings::DropLeadingZeros,
            RosterMappings::NumberPrefix,
            RosterMappings::FilterValues,
            RosterMappings::FilterColumn,
            RosterMappings::HasHeader,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(RosterMappings::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum RosterMappings {
    Table,
    HasHeader,
    FilterColumn,
    FilterValues,
    NumberPrefix,
    DropLeadingZeros,
}
