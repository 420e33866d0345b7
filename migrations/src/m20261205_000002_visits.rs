//! Visits booked from open times, the one-time links that act on them, the clients'
//! own reports after a visit and their private safety reports, each practitioner's
//! private calendar feed, and mail that carries an HTML part and a calendar invite.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Visits::Table)
                    .col(big_pk_auto(Visits::Id))
                    .col(big_integer(Visits::PractitionerId))
                    .col(timestamp_with_time_zone(Visits::StartAt))
                    .col(timestamp_with_time_zone(Visits::EndAt))
                    .col(integer(Visits::Minutes))
                    // unconfirmed → held → accepted; or declined, cancelled, expired,
                    // taken (someone else's hold came first).
                    .col(string(Visits::Status))
                    // The client's name and email: erased two years after the visit.
                    .col(string_null(Visits::Name))
                    .col(string_null(Visits::Email))
                    .col(text_null(Visits::Note))
                    .col(timestamp_with_time_zone(Visits::CreatedAt))
                    // An unconfirmed request lapses at this time.
                    .col(timestamp_with_time_zone(Visits::ConfirmBy))
                    // A held time is kept for the client until this time.
                    .col(timestamp_with_time_zone_null(Visits::HeldUntil))
                    .col(timestamp_with_time_zone_null(Visits::AcceptedAt))
                    // Set when the practitioner proposed the current time.
                    .col(boolean(Visits::Proposed).default(false))
                    // The calendar invite's UID and SEQUENCE.
                    .col(string_uniq(Visits::Uid))
                    .col(integer(Visits::Sequence).default(0))
                    .col(timestamp_with_time_zone_null(Visits::RemindedAt))
                    // When the client was sent the link to report on the visit.
                    .col(timestamp_with_time_zone_null(Visits::ReportAskedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Visits::Table, Visits::PractitionerId)
                            .to(Practitioners::Table, Practitioners::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_visits_practitioner_start")
                    .table(Visits::Table)
                    .col(Visits::PractitionerId)
                    .col(Visits::StartAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_visits_email")
                    .table(Visits::Table)
                    .col(Visits::Email)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_visits_status_start")
                    .table(Visits::Table)
                    .col(Visits::Status)
                    .col(Visits::StartAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(VisitLinks::Table)
                    // The SHA-256 of the link's secret, in hex.
                    .col(string(VisitLinks::Id).primary_key())
                    .col(big_integer(VisitLinks::VisitId))
                    // confirm | client | practitioner | report
                    .col(string(VisitLinks::Purpose))
                    .col(timestamp_with_time_zone(VisitLinks::ExpiresAt))
                    .col(timestamp_with_time_zone_null(VisitLinks::UsedAt))
                    .col(timestamp_with_time_zone(VisitLinks::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(VisitLinks::Table, VisitLinks::VisitId)
                            .to(Visits::Table, Visits::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(VisitReports::Table)
                    .col(big_pk_auto(VisitReports::Id))
                    // One report per visit.
                    .col(big_integer_uniq(VisitReports::VisitId))
                    .col(big_integer(VisitReports::PractitionerId))
                    // A region slug of the questionnaire.
                    .col(string(VisitReports::Region))
                    .col(integer(VisitReports::PainBefore))
                    .col(integer(VisitReports::PainNow))
                    .col(boolean(VisitReports::PressureRight))
                    .col(boolean(VisitReports::ConsentExplained))
                    .col(boolean(VisitReports::WouldReturn))
                    .col(text_null(VisitReports::Comment))
                    // none | pending | approved | rejected
                    .col(string(VisitReports::CommentStatus))
                    // The client's initials, all that is ever shown of them.
                    .col(string(VisitReports::Initials))
                    .col(text_null(VisitReports::Reply))
                    .col(timestamp_with_time_zone_null(VisitReports::RepliedAt))
                    // Why the report is kept out of the counts for an admin to look at:
                    // own_email | many_from_address; NULL when counted.
                    .col(string_null(VisitReports::Flag))
                    // A keyed digest of the sender's address, to notice many reports
                    // from one address without keeping the address.
                    .col(string(VisitReports::AddressKey))
                    .col(timestamp_with_time_zone(VisitReports::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(VisitReports::Table, VisitReports::VisitId)
                            .to(Visits::Table, Visits::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_visit_reports_practitioner")
                    .table(VisitReports::Table)
                    .col(VisitReports::PractitionerId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SafetyReports::Table)
                    .col(big_pk_auto(SafetyReports::Id))
                    .col(big_integer(SafetyReports::VisitId))
                    .col(big_integer(SafetyReports::PractitionerId))
                    .col(text(SafetyReports::What))
                    // open | resolved
                    .col(string(SafetyReports::Status))
                    .col(big_integer_null(SafetyReports::HandledBy))
                    .col(timestamp_with_time_zone_null(SafetyReports::HandledAt))
                    .col(timestamp_with_time_zone(SafetyReports::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SafetyReports::Table, SafetyReports::VisitId)
                            .to(Visits::Table, Visits::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CalendarFeeds::Table)
                    .col(big_integer(CalendarFeeds::PractitionerId).primary_key())
                    // The SHA-256 of the feed's secret, in hex; a new secret replaces it.
                    .col(string_uniq(CalendarFeeds::TokenHash))
                    .col(timestamp_with_time_zone(CalendarFeeds::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CalendarFeeds::Table, CalendarFeeds::PractitionerId)
                            .to(Practitioners::Table, Practitioners::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for column in [
            text_null(MailOutbox::Html).to_owned(),
            // A whole iCalendar object whose METHOD names the part's method.
            text_null(MailOutbox::Calendar).to_owned(),
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
        for column in [MailOutbox::Calendar, MailOutbox::Html] {
            manager
                .alter_table(
                    Table::alter()
                        .table(MailOutbox::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for table in [
            CalendarFeeds::Table.into_iden(),
            SafetyReports::Table.into_iden(),
            VisitReports::Table.into_iden(),
            VisitLinks::Table.into_iden(),
            Visits::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Visits {
    Table,
    Id,
    PractitionerId,
    StartAt,
    EndAt,
    Minutes,
    Status,
    Name,
    Email,
    Note,
    CreatedAt,
    ConfirmBy,
    HeldUntil,
    AcceptedAt,
    Proposed,
    Uid,
    Sequence,
    RemindedAt,
    ReportAskedAt,
}

#[derive(DeriveIden)]
enum VisitReports {
    Table,
    Id,
    VisitId,
    PractitionerId,
    Region,
    PainBefore,
    PainNow,
    PressureRight,
    ConsentExplained,
    WouldReturn,
    Comment,
    CommentStatus,
    Initials,
    Reply,
    RepliedAt,
    Flag,
    AddressKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SafetyReports {
    Table,
    Id,
    VisitId,
    PractitionerId,
    What,
    Status,
    HandledBy,
    HandledAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum VisitLinks {
    Table,
    Id,
    VisitId,
    Purpose,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CalendarFeeds {
    Table,
    PractitionerId,
    TokenHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Html,
    Calendar,
}

#[derive(DeriveIden)]
enum Practitioners {
    Table,
    Id,
}
