//! Passkeys (WebAuthn): each account's named credentials, stored as webauthn-rs
//! serialises them (public key, counter), and the one ceremony each account may have
//! under way (a registration or an authentication), which a finish uses once.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Passkeys::Table)
                    .col(pk_auto(Passkeys::Id).big_integer())
                    .col(big_integer(Passkeys::UserId))
                    .col(string(Passkeys::Name))
                    // The credential id, base64url, to find a credential by.
                    .col(string(Passkeys::CredentialId).unique_key())
                    .col(text(Passkeys::Credential))
                    .col(timestamp_with_time_zone(Passkeys::CreatedAt))
                    .col(timestamp_with_time_zone_null(Passkeys::LastUsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Passkeys::Table, Passkeys::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_passkeys_user")
                    .table(Passkeys::Table)
                    .col(Passkeys::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WebauthnStates::Table)
                    .col(big_integer(WebauthnStates::UserId))
                    // "register" or "authenticate".
                    .col(string(WebauthnStates::Purpose))
                    .col(text(WebauthnStates::State))
                    .col(timestamp_with_time_zone(WebauthnStates::ExpiresAt))
                    .primary_key(
                        Index::create()
                            .col(WebauthnStates::UserId)
                            .col(WebauthnStates::Purpose),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(WebauthnStates::Table, WebauthnStates::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(WebauthnStates::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Passkeys::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Passkeys {
    Table,
    Id,
    UserId,
    Name,
    CredentialId,
    Credential,
    CreatedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum WebauthnStates {
    Table,
    UserId,
    Purpose,
    State,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
