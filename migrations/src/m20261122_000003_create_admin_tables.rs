//! What admins need to keep the directory trustworthy: state roster imports with
//! their column mappings and rows, reports of wrong listings, and review flags and
//! expiry reminders on licences.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RosterMappings::Table)
                    .col(string_len(RosterMappings::Jurisdiction, 8).primary_key())
                    .col(string(RosterMappings::NumberColumn))
                    .col(string(RosterMappings::NameColumn))
                    .col(string(RosterMappings::StatusColumn))
                    .col(string(RosterMappings::ExpiryColumn))
                    .col(string(RosterMappings::ActiveValues))
                    .col(string(RosterMappings::DateFormat))
                    .col(timestamp_with_time_zone(RosterMappings::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RosterImports::Table)
                    .col(big_pk_auto(RosterImports::Id))
                    .col(string_len(RosterImports::Jurisdiction, 8))
                    .col(big_integer_null(RosterImports::ImportedBy))
                    .col(string(RosterImports::FileName))
                    .col(date(RosterImports::RosterDate))
                    .col(integer(RosterImports::RowsRead))
                    .col(integer(RosterImports::Matched))
                    .col(integer(RosterImports::Verified))
                    .col(integer(RosterImports::Conflicts))
                    .col(integer(RosterImports::Invalid))
                    .col(integer(RosterImports::Missing))
                    .col(timestamp_with_time_zone(RosterImports::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RosterEntries::Table)
                    .col(big_pk_auto(RosterEntries::Id))
                    .col(big_integer(RosterEntries::ImportId))
                    .col(string_len(RosterEntries::Jurisdiction, 8))
                    .col(string(RosterEntries::Number))
                    .col(string(RosterEntries::Name))
                    .col(string(RosterEntries::Status))
                    .col(date_null(RosterEntries::ExpiresOn))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RosterEntries::Table, RosterEntries::ImportId)
                            .to(RosterImports::Table, RosterImports::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_roster_entries_number")
                    .table(RosterEntries::Table)
                    .col(RosterEntries::Jurisdiction)
                    .col(RosterEntries::Number)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Reports::Table)
                    .col(big_pk_auto(Reports::Id))
                    .col(big_integer(Reports::PractitionerId))
                    .col(text(Reports::What))
                    .col(string_null(Reports::Contact))
                    .col(string(Reports::Status))
                    .col(big_integer_null(Reports::HandledBy))
                    .col(timestamp_with_time_zone_null(Reports::HandledAt))
                    .col(timestamp_with_time_zone(Reports::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Reports::Table, Reports::PractitionerId)
                            .to(Practitioners::Table, Practitioners::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Licences::Table)
                    .add_column(boolean(Licences::NeedsReview).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Licences::Table)
                    .add_column(text_null(Licences::ReviewNote))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Licences::Table)
                    .add_column(timestamp_with_time_zone_null(Licences::RemindedAt))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            Licences::RemindedAt,
            Licences::ReviewNote,
            Licences::NeedsReview,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Licences::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        for table in [
            Reports::Table.into_iden(),
            RosterEntries::Table.into_iden(),
            RosterImports::Table.into_iden(),
            RosterMappings::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Practitioners {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Licences {
    Table,
    NeedsReview,
    ReviewNote,
    RemindedAt,
}

#[derive(DeriveIden)]
enum RosterMappings {
    Table,
    Jurisdiction,
    NumberColumn,
    NameColumn,
    StatusColumn,
    ExpiryColumn,
    ActiveValues,
    DateFormat,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RosterImports {
    Table,
    Id,
    Jurisdiction,
    ImportedBy,
    FileName,
    RosterDate,
    RowsRead,
    Matched,
    Verified,
    Conflicts,
    Invalid,
    Missing,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RosterEntries {
    Table,
    Id,
    ImportId,
    Jurisdiction,
    Number,
    Name,
    Status,
    ExpiresOn,
}

#[derive(DeriveIden)]
enum Reports {
    Table,
    Id,
    PractitionerId,
    What,
    Contact,
    Status,
    HandledBy,
    HandledAt,
    CreatedAt,
}
