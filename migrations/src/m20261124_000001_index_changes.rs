//! The index change log: one row for every write that changes what search returns,
//! numbered in commit order (`seq`), so every server keeping its own copy of the index
//! can follow the database's changes in order and never skip one.
//!
//! `seq` is given when the writing transaction commits, not when the row is inserted.
//! On PostgreSQL a deferred constraint trigger takes a transaction-scoped advisory lock
//! and numbers the transaction's rows from a sequence at commit: the lock is held from
//! there to the end of the commit, so a transaction numbered later always commits later,
//! and a reader that sees `seq` N has seen every change numbered below it. It also
//! notifies `index_changes` listeners. SQLite has one writer at a time, so the row id,
//! copied into `seq` by a trigger, is already in commit order.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The advisory lock that orders committing writers (`index_changes` in hex, short).
const ORDER_LOCK_KEY: i64 = 0x6978_5f63_6867_7331;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(IndexChanges::Table)
                    .col(
                        ColumnDef::new(IndexChanges::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(IndexChanges::Seq).big_integer().null())
                    .col(
                        ColumnDef::new(IndexChanges::PractitionerId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(IndexChanges::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_index_changes_seq")
                    .table(IndexChanges::Table)
                    .col(IndexChanges::Seq)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_index_changes_created_at")
                    .table(IndexChanges::Table)
                    .col(IndexChanges::CreatedAt)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match db.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared("CREATE SEQUENCE index_changes_seq")
                    .await?;
                db.execute_unprepared(&format!(
                    "CREATE FUNCTION index_changes_number() RETURNS trigger LANGUAGE plpgsql AS $$
                     BEGIN
                         PERFORM pg_advisory_xact_lock({ORDER_LOCK_KEY});
                         UPDATE index_changes SET seq = nextval('index_changes_seq')
                          WHERE id = NEW.id;
                         PERFORM pg_notify('index_changes', '');
                         RETURN NULL;
                     END $$"
                ))
                .await?;
                db.execute_unprepared(
                    "CREATE CONSTRAINT TRIGGER index_changes_number
                     AFTER INSERT ON index_changes
                     DEFERRABLE INITIALLY DEFERRED
                     FOR EACH ROW EXECUTE FUNCTION index_changes_number()",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "CREATE TRIGGER index_changes_number AFTER INSERT ON index_changes
                     BEGIN
                         UPDATE index_changes SET seq = NEW.id WHERE id = NEW.id;
                     END",
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        manager
            .drop_table(Table::drop().table(IndexChanges::Table).to_owned())
            .await?;
        if db.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared("DROP FUNCTION index_changes_number()")
                .await?;
            db.execute_unprepared("DROP SEQUENCE index_changes_seq")
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum IndexChanges {
    Table,
    Id,
    Seq,
    PractitionerId,
    CreatedAt,
}
