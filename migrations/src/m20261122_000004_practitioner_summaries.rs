//! A practitioner's ledger total and outcome summary, kept on the practitioner row so
//! building the search index reads one row per practitioner instead of every ledger
//! entry and outcome log. Existing rows are filled in from their logs.

use std::collections::BTreeMap;

use sea_orm_migration::{
    prelude::*,
    schema::*,
    sea_orm::{ConnectionTrait, Statement},
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            integer(Practitioners::TrainingHours).default(0).to_owned(),
            integer(Practitioners::OutcomeCount).default(0).to_owned(),
            double_null(Practitioners::OutcomeMedianBefore).to_owned(),
            double_null(Practitioners::OutcomeMedianAfter).to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Practitioners::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        backfill(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Practitioners::OutcomeMedianAfter,
            Practitioners::OutcomeMedianBefore,
            Practitioners::OutcomeCount,
            Practitioners::TrainingHours,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Practitioners::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

/// Fills the new columns from the ledger and the outcome logs already recorded.
async fn backfill(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    db.execute_unprepared(
        "UPDATE practitioners SET training_hours = COALESCE((SELECT SUM(hours) FROM training_records \
         WHERE training_records.practitioner_id = practitioners.id), 0)",
    )
    .await?;
    let mut logs: BTreeMap<i64, (Vec<i32>, Vec<i32>)> = BTreeMap::new();
    for row in db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT practitioner_id, pain_before, pain_after FROM outcome_logs",
        ))
        .await?
    {
        let id: i64 = row.try_get("", "practitioner_id")?;
        let before: i16 = row.try_get("", "pain_before")?;
        let after: i16 = row.try_get("", "pain_after")?;
        let entry = logs.entry(id).or_default();
        entry.0.push(i32::from(before));
        entry.1.push(i32::from(after));
    }
    for (id, (before, after)) in logs {
        let count = before.len() as i32;
        let query = Query::update()
            .table(Practitioners::Table)
            .value(Practitioners::OutcomeCount, count)
            .value(Practitioners::OutcomeMedianBefore, median(before))
            .value(Practitioners::OutcomeMedianAfter, median(after))
            .and_where(Expr::col(Practitioners::Id).eq(id))
            .to_owned();
        db.execute(&query).await?;
    }
    Ok(())
}

/// The median of a non-empty list.
fn median(mut values: Vec<i32>) -> f64 {
    values.sort_unstable();
    let n = values.len();
    if n % 2 == 1 {
        f64::from(values[n / 2])
    } else {
        (f64::from(values[n / 2 - 1]) + f64::from(values[n / 2])) / 2.0
    }
}

#[derive(DeriveIden)]
enum Practitioners {
    Table,
    Id,
    TrainingHours,
    OutcomeCount,
    OutcomeMedianBefore,
    OutcomeMedianAfter,
}
