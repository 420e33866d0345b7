//! Mail delivery claims: a message is claimed before it is sent, so two instances never
//! send it twice, and a failed send waits before its next attempt.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            timestamp_with_time_zone_null(MailOutbox::ClaimedAt).to_owned(),
            timestamp_with_time_zone_null(MailOutbox::NextAttemptAt).to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(MailOutbox::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [MailOutbox::NextAttemptAt, MailOutbox::ClaimedAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(MailOutbox::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    ClaimedAt,
    NextAttemptAt,
}
