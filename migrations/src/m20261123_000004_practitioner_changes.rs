//! An index on when each practitioner's published data last changed, for the open-data
//! exports' "changed since" searches (`_lastUpdated`, `modified_after`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_practitioners_updated_at")
                    .table(Practitioners::Table)
                    .col(Practitioners::UpdatedAt)
                    .col(Practitioners::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_practitioners_updated_at")
                    .table(Practitioners::Table)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Practitioners {
    Table,
    Id,
    UpdatedAt,
}
