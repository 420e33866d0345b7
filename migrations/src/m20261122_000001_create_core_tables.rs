//! The core of the directory: users, practitioners, their modalities, regions, licences,
//! training ledger and outcome logs, plus the job outbox and the append-only audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(big_pk_auto(Users::Id))
                    .col(string_uniq(Users::Email))
                    .col(string(Users::PasswordHash))
                    .col(string(Users::Role))
                    .col(timestamp_with_time_zone_null(Users::EmailVerifiedAt))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Jurisdictions::Table)
                    .col(string_len(Jurisdictions::Code, 8).primary_key())
                    .col(string(Jurisdictions::Name))
                    .col(string(Jurisdictions::Country))
                    .col(boolean(Jurisdictions::LicensesMassage))
                    .col(string_null(Jurisdictions::BoardName))
                    .col(string_null(Jurisdictions::LookupUrl))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Modalities::Table)
                    .col(pk_auto(Modalities::Id))
                    .col(string_uniq(Modalities::Slug))
                    .col(string(Modalities::Name))
                    .col(text(Modalities::Description))
                    .col(integer(Modalities::SortOrder))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BodyRegions::Table)
                    .col(pk_auto(BodyRegions::Id))
                    .col(string_uniq(BodyRegions::Slug))
                    .col(string(BodyRegions::Name))
                    .col(integer(BodyRegions::SortOrder))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Practitioners::Table)
                    .col(big_pk_auto(Practitioners::Id))
                    .col(big_integer_null(Practitioners::UserId))
                    .col(string_uniq(Practitioners::Slug))
                    .col(string(Practitioners::DisplayName))
                    .col(string_null(Practitioners::PracticeName))
                    .col(text(Practitioners::Bio))
                    .col(string_null(Practitioners::Phone))
                    .col(string_null(Practitioners::PublicEmail))
                    .col(string_null(Practitioners::Website))
                    .col(string_null(Practitioners::AddressLine))
                    .col(string(Practitioners::City))
                    .col(string(Practitioners::RegionCode))
                    .col(string_null(Practitioners::PostalCode))
                    .col(string_len(Practitioners::Country, 2))
                    .col(double_null(Practitioners::Lat))
                    .col(double_null(Practitioners::Lng))
                    .col(string(Practitioners::LocationPrecision))
                    .col(string(Practitioners::PracticeType))
                    .col(boolean_null(Practitioners::CpWholeSessionOneArea))
                    .col(boolean_null(Practitioners::CpMyofascial))
                    .col(boolean_null(Practitioners::CpPostureAssessment))
                    .col(boolean_null(Practitioners::CpReferralPain))
                    .col(boolean_null(Practitioners::CpMinimalOil))
                    .col(boolean(Practitioners::PrenatalTrained))
                    .col(boolean(Practitioners::OncologyTrained))
                    .col(integer_null(Practitioners::PriceMin))
                    .col(integer_null(Practitioners::PriceMax))
                    .col(string_len(Practitioners::Currency, 3))
                    .col(string(Practitioners::Languages))
                    .col(string(Practitioners::Accessibility))
                    .col(boolean_null(Practitioners::AcceptingNewClients))
                    .col(timestamp_with_time_zone_null(
                        Practitioners::AcceptingConfirmedAt,
                    ))
                    .col(timestamp_with_time_zone_null(
                        Practitioners::ProfileConfirmedAt,
                    ))
                    .col(boolean(Practitioners::Listed))
                    .col(timestamp_with_time_zone_null(Practitioners::SuspendedAt))
                    .col(text_null(Practitioners::SuspendedReason))
                    .col(boolean(Practitioners::IsDemo))
                    .col(timestamp_with_time_zone(Practitioners::CreatedAt))
                    .col(timestamp_with_time_zone(Practitioners::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Practitioners::Table, Practitioners::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PractitionerModalities::Table)
                    .col(big_integer(PractitionerModalities::PractitionerId))
                    .col(integer(PractitionerModalities::ModalityId))
                    .primary_key(
                        Index::create()
                            .col(PractitionerModalities::PractitionerId)
                            .col(PractitionerModalities::ModalityId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                PractitionerModalities::Table,
                                PractitionerModalities::PractitionerId,
                            )
                            .to(Practitioners::Table, Practitioners::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                PractitionerModalities::Table,
                                PractitionerModalities::ModalityId,
                            )
                            .to(Modalities::Table, Modalities::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PractitionerRegions::Table)
                    .col(big_integer(PractitionerRegions::PractitionerId))
                    .col(integer(PractitionerRegions::RegionId))
                    .primary_key(
                        Index::create()
                            .col(PractitionerRegions::PractitionerId)
                            .col(PractitionerRegions::RegionId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                PractitionerRegions::Table,
                                PractitionerRegions::PractitionerId,
                            )
                            .to(Practitioners::Table, Practitioners::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PractitionerRegions::Table, PractitionerRegions::RegionId)
                            .to(BodyRegions::Table, BodyRegions::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Licences::Table)
                    .col(big_pk_auto(Licences::Id))
                    .col(big_integer(Licences::PractitionerId))
                    .col(string_len(Licences::Jurisdiction, 8))
                    .col(string(Licences::Number))
                    .col(string(Licences::Kind))
                    .col(date_null(Licences::ExpiresOn))
                    .col(string(Licences::Status))
                    .col(big_integer_null(Licences::VerifiedBy))
                    .col(timestamp_with_time_zone_null(Licences::VerifiedAt))
                    .col(string_null(Licences::VerificationMethod))
                    .col(text_null(Licences::RejectionReason))
                    .col(timestamp_with_time_zone(Licences::CreatedAt))
                    .col(timestamp_with_time_zone(Licences::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Licences::Table, Licences::PractitionerId)
                            .to(Practitioners::Table, Practitioners::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Licences::Table, Licences::Jurisdiction)
                            .to(Jurisdictions::Table, Jurisdictions::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Licences::Table, Licences::VerifiedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TrainingRecords::Table)
                    .col(big_pk_auto(TrainingRecords::Id))
                    .col(big_integer(TrainingRecords::PractitionerId))
                    .col(string(TrainingRecords::Course))
                    .col(string(TrainingRecords::Provider))
                    .col(integer_null(TrainingRecords::ModalityId))
                    .col(integer(TrainingRecords::Hours))
                    .col(date(TrainingRecords::CompletedOn))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TrainingRecords::Table, TrainingRecords::PractitionerId)
                            .to(Practitioners::Table, Practitioners::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TrainingRecords::Table, TrainingRecords::ModalityId)
                            .to(Modalities::Table, Modalities::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OutcomeLogs::Table)
                    .col(big_pk_auto(OutcomeLogs::Id))
                    .col(big_integer(OutcomeLogs::PractitionerId))
                    .col(date(OutcomeLogs::SessionDate))
                    .col(integer(OutcomeLogs::RegionId))
                    .col(small_integer(OutcomeLogs::PainBefore))
                    .col(small_integer(OutcomeLogs::PainAfter))
                    .col(timestamp_with_time_zone(OutcomeLogs::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OutcomeLogs::Table, OutcomeLogs::PractitionerId)
                            .to(Practitioners::Table, Practitioners::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OutcomeLogs::Table, OutcomeLogs::RegionId)
                            .to(BodyRegions::Table, BodyRegions::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Jobs::Table)
                    .col(big_pk_auto(Jobs::Id))
                    .col(string(Jobs::Kind))
                    .col(text(Jobs::Payload))
                    .col(string(Jobs::Status))
                    .col(integer(Jobs::Attempts))
                    .col(timestamp_with_time_zone(Jobs::RunAt))
                    .col(text_null(Jobs::LastError))
                    .col(timestamp_with_time_zone(Jobs::CreatedAt))
                    .col(timestamp_with_time_zone(Jobs::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(big_integer_null(AuditLog::ActorUserId))
                    .col(string(AuditLog::Action))
                    .col(string(AuditLog::SubjectType))
                    .col(string(AuditLog::SubjectId))
                    .col(text_null(AuditLog::Before))
                    .col(text_null(AuditLog::After))
                    .col(timestamp_with_time_zone(AuditLog::CreatedAt))
                    .to_owned(),
            )
            .await?;

        for (name, table, cols) in [
            (
                "idx_practitioners_user",
                Practitioners::Table.into_iden(),
                vec![Practitioners::UserId.into_iden()],
            ),
            (
                "idx_licences_practitioner",
                Licences::Table.into_iden(),
                vec![Licences::PractitionerId.into_iden()],
            ),
            (
                "idx_licences_status",
                Licences::Table.into_iden(),
                vec![
                    Licences::Status.into_iden(),
                    Licences::CreatedAt.into_iden(),
                ],
            ),
            (
                "idx_training_practitioner",
                TrainingRecords::Table.into_iden(),
                vec![TrainingRecords::PractitionerId.into_iden()],
            ),
            (
                "idx_outcomes_practitioner",
                OutcomeLogs::Table.into_iden(),
                vec![OutcomeLogs::PractitionerId.into_iden()],
            ),
            (
                "idx_jobs_due",
                Jobs::Table.into_iden(),
                vec![Jobs::Status.into_iden(), Jobs::RunAt.into_iden()],
            ),
            (
                "idx_audit_subject",
                AuditLog::Table.into_iden(),
                vec![
                    AuditLog::SubjectType.into_iden(),
                    AuditLog::SubjectId.into_iden(),
                ],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(table);
            for col in cols {
                index.col(col);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            Jobs::Table.into_iden(),
            OutcomeLogs::Table.into_iden(),
            TrainingRecords::Table.into_iden(),
            Licences::Table.into_iden(),
            PractitionerRegions::Table.into_iden(),
            PractitionerModalities::Table.into_iden(),
            Practitioners::Table.into_iden(),
            BodyRegions::Table.into_iden(),
            Modalities::Table.into_iden(),
            Jurisdictions::Table.into_iden(),
            Users::Table.into_iden(),
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
    Email,
    PasswordHash,
    Role,
    EmailVerifiedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Jurisdictions {
    Table,
    Code,
    Name,
    Country,
    LicensesMassage,
    BoardName,
    LookupUrl,
}

#[derive(DeriveIden)]
enum Modalities {
    Table,
    Id,
    Slug,
    Name,
    Description,
    SortOrder,
}

#[derive(DeriveIden)]
enum BodyRegions {
    Table,
    Id,
    Slug,
    Name,
    SortOrder,
}

#[derive(DeriveIden)]
enum Practitioners {
    Table,
    Id,
    UserId,
    Slug,
    DisplayName,
    PracticeName,
    Bio,
    Phone,
    PublicEmail,
    Website,
    AddressLine,
    City,
    RegionCode,
    PostalCode,
    Country,
    Lat,
    Lng,
    LocationPrecision,
    PracticeType,
    CpWholeSessionOneArea,
    CpMyofascial,
    CpPostureAssessment,
    CpReferralPain,
    CpMinimalOil,
    PrenatalTrained,
    OncologyTrained,
    PriceMin,
    PriceMax,
    Currency,
    Languages,
    Accessibility,
    AcceptingNewClients,
    AcceptingConfirmedAt,
    ProfileConfirmedAt,
    Listed,
    SuspendedAt,
    SuspendedReason,
    IsDemo,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PractitionerModalities {
    Table,
    PractitionerId,
    ModalityId,
}

#[derive(DeriveIden)]
enum PractitionerRegions {
    Table,
    PractitionerId,
    RegionId,
}

#[derive(DeriveIden)]
enum Licences {
    Table,
    Id,
    PractitionerId,
    Jurisdiction,
    Number,
    Kind,
    ExpiresOn,
    Status,
    VerifiedBy,
    VerifiedAt,
    VerificationMethod,
    RejectionReason,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TrainingRecords {
    Table,
    Id,
    PractitionerId,
    Course,
    Provider,
    ModalityId,
    Hours,
    CompletedOn,
}

#[derive(DeriveIden)]
enum OutcomeLogs {
    Table,
    Id,
    PractitionerId,
    SessionDate,
    RegionId,
    PainBefore,
    PainAfter,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Jobs {
    Table,
    Id,
    Kind,
    Payload,
    Status,
    Attempts,
    RunAt,
    LastError,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    ActorUserId,
    Action,
    SubjectType,
    SubjectId,
    Before,
    After,
    CreatedAt,
}
