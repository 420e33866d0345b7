//! Accounts and their side tables: database sessions, one-time tokens (email
//! verification, password reset), the mail outbox, rate-limit events, and the
//! contact requests people send to practitioners.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(string_len(Sessions::Id, 64).primary_key())
                    .col(big_integer(Sessions::UserId))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sessions::Table, Sessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OneTimeTokens::Table)
                    .col(string_len(OneTimeTokens::Id, 64).primary_key())
                    .col(big_integer(OneTimeTokens::UserId))
                    .col(string(OneTimeTokens::Purpose))
                    .col(timestamp_with_time_zone(OneTimeTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(OneTimeTokens::UsedAt))
                    .col(timestamp_with_time_zone(OneTimeTokens::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OneTimeTokens::Table, OneTimeTokens::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MailOutbox::Table)
                    .col(big_pk_auto(MailOutbox::Id))
                    .col(string(MailOutbox::ToAddress))
                    .col(string(MailOutbox::Subject))
                    .col(text(MailOutbox::Body))
                    .col(string(MailOutbox::Status))
                    .col(integer(MailOutbox::Attempts))
                    .col(text_null(MailOutbox::LastError))
                    .col(timestamp_with_time_zone(MailOutbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(MailOutbox::SentAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RateEvents::Table)
                    .col(big_pk_auto(RateEvents::Id))
                    .col(string(RateEvents::Bucket))
                    .col(timestamp_with_time_zone(RateEvents::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ContactRequests::Table)
                    .col(big_pk_auto(ContactRequests::Id))
                    .col(big_integer(ContactRequests::PractitionerId))
                    .col(string(ContactRequests::Name))
                    .col(string(ContactRequests::Email))
                    .col(text(ContactRequests::Message))
                    .col(timestamp_with_time_zone(ContactRequests::CreatedAt))
                    .col(timestamp_with_time_zone_null(ContactRequests::ReadAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ContactRequests::Table, ContactRequests::PractitionerId)
                            .to(Practitioners::Table, Practitioners::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, table, col) in [
            (
                "idx_sessions_user",
                Sessions::Table.into_iden(),
                Sessions::UserId.into_iden(),
            ),
            (
                "idx_tokens_user",
                OneTimeTokens::Table.into_iden(),
                OneTimeTokens::UserId.into_iden(),
            ),
            (
                "idx_mail_status",
                MailOutbox::Table.into_iden(),
                MailOutbox::Status.into_iden(),
            ),
            (
                "idx_rate_bucket",
                RateEvents::Table.into_iden(),
                RateEvents::Bucket.into_iden(),
            ),
            (
                "idx_contact_practitioner",
                ContactRequests::Table.into_iden(),
                ContactRequests::PractitionerId.into_iden(),
            ),
        ] {
            manager
                .create_index(Index::create().name(name).table(table).col(col).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ContactRequests::Table.into_iden(),
            RateEvents::Table.into_iden(),
            MailOutbox::Table.into_iden(),
            OneTimeTokens::Table.into_iden(),
            Sessions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Practitioners {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    UserId,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum OneTimeTokens {
    Table,
    Id,
    UserId,
    Purpose,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Id,
    ToAddress,
    Subject,
    Body,
    Status,
    Attempts,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum RateEvents {
    Table,
    Id,
    Bucket,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ContactRequests {
    Table,
    Id,
    PractitionerId,
    Name,
    Email,
    Message,
    CreatedAt,
    ReadAt,
}
