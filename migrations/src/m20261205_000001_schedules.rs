//! Working hours: one row per practitioner holding the weekly hours, the session
//! lengths, the buffer, the booking horizon, the shortest notice, time off and the
//! practice's time zone, so the open times of many practitioners are read in one query.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Schedules::Table)
                    .col(
                        ColumnDef::new(Schedules::PractitionerId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    // The IANA zone of the practice, from its ZIP or point; NULL while
                    // the location gives none.
                    .col(string_null(Schedules::Zone))
                    // The week as JSON: seven lists (Monday first) of [start, end)
                    // minute pairs from local midnight.
                    .col(text(Schedules::Week))
                    // Session lengths offered, in minutes, comma-separated, shortest first.
                    .col(string(Schedules::Lengths))
                    .col(integer(Schedules::BufferMinutes).default(0))
                    .col(integer(Schedules::HorizonDays).default(60))
                    .col(integer(Schedules::NoticeHours).default(12))
                    // Time off as JSON: a list of [first, last] local dates, inclusive.
                    .col(text(Schedules::TimeOff))
                    .col(timestamp_with_time_zone(Schedules::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Schedules::Table, Schedules::PractitionerId)
                            .to(Practitioners::Table, Practitioners::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Schedules::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Schedules {
    Table,
    PractitionerId,
    Zone,
    Week,
    Lengths,
    BufferMinutes,
    HorizonDays,
    NoticeHours,
    TimeOff,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Practitioners {
    Table,
    Id,
}
