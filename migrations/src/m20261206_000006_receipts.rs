//! Receipts a practitioner issues for a visit: numbered per practice, and keeping what
//! they said when issued, so a receipt printed again reads the same.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Receipts::Table)
                    .col(big_pk_auto(Receipts::Id))
                    .col(big_integer(Receipts::PractitionerId))
                    // 1, 2, 3… within the practice.
                    .col(integer(Receipts::Number))
                    // The accepted visit it is for; NULL for a visit entered by hand.
                    .col(big_integer_null(Receipts::VisitId))
                    // The form's one-time key: sending the same form twice issues one.
                    .col(string(Receipts::FormKey))
                    // The issuer as it stood when issued.
                    .col(string(Receipts::PracticeName))
                    .col(string(Receipts::PracticeAddress))
                    .col(string(Receipts::PractitionerName))
                    .col(string(Receipts::LicenceNumber))
                    .col(string(Receipts::LicenceState))
                    .col(string_null(Receipts::Npi))
                    .col(string(Receipts::ClientName))
                    .col(date(Receipts::ServiceDate))
                    .col(integer(Receipts::Minutes))
                    // A code of `receipts::PROCEDURES`.
                    .col(string(Receipts::ProcedureCode))
                    // An ICD-10-CM code the client gave from their letter, if any.
                    .col(string_null(Receipts::DiagnosisCode))
                    // In cents of `currency`.
                    .col(big_integer(Receipts::AmountCents))
                    .col(string(Receipts::Currency))
                    // A code of `receipts::PAID_BY`.
                    .col(string(Receipts::PaidBy))
                    .col(timestamp_with_time_zone(Receipts::IssuedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Receipts::Table, Receipts::PractitionerId)
                            .to(Practitioners::Table, Practitioners::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Receipts::Table, Receipts::VisitId)
                            .to(Visits::Table, Visits::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_receipts_number", Receipts::Number),
            ("idx_receipts_form_key", Receipts::FormKey),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Receipts::Table)
                        .col(Receipts::PractitionerId)
                        .col(column)
                        .unique()
                        .to_owned(),
                )
                .await?;
        }
        // One receipt a visit (NULLs, the visits entered by hand, never meet).
        manager
            .create_index(
                Index::create()
                    .name("idx_receipts_visit")
                    .table(Receipts::Table)
                    .col(Receipts::VisitId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Receipts::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Receipts {
    Table,
    Id,
    PractitionerId,
    Number,
    VisitId,
    FormKey,
    PracticeName,
    PracticeAddress,
    PractitionerName,
    LicenceNumber,
    LicenceState,
    Npi,
    ClientName,
    ServiceDate,
    Minutes,
    ProcedureCode,
    DiagnosisCode,
    AmountCents,
    Currency,
    PaidBy,
    IssuedAt,
}

#[derive(DeriveIden)]
enum Practitioners {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Visits {
    Table,
    Id,
}
