//! What a session costs and how people may pay. A practice's prices become one per
//! session length (`prices`: `minutes:amount` pairs in ascending minutes, such as
//! `30:55,60:95`), with an optional sliding scale and note; `payment` lists how it
//! may be paid (codes of `policy::PAYMENT_OPTIONS`); `insurers` names the insurers it
//! bills directly, one a line; `npi` is its National Provider Identifier.
//!
//! The earlier range per 60 minutes becomes the 60-minute price (its low end); a range
//! whose ends differ is also kept, in figures, as the note, so nothing is lost. Down
//! puts the range back from the lowest and highest prices.

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
            string(Practitioners::Prices).default("").to_owned(),
            boolean(Practitioners::SlidingScale)
                .default(false)
                .to_owned(),
            string_len_null(Practitioners::PriceNote, 200),
            string(Practitioners::Payment).default("").to_owned(),
            text_null(Practitioners::Insurers),
            string_len_null(Practitioners::Npi, 10),
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
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE practitioners SET prices = '60:' || CAST(price_min AS TEXT) \
             WHERE price_min IS NOT NULL",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE practitioners SET price_note = '60 min: ' || CAST(price_min AS TEXT) \
             || '–' || CAST(price_max AS TEXT) || ' ' || currency \
             WHERE price_min IS NOT NULL AND price_max IS NOT NULL AND price_max <> price_min",
        )
        .await?;
        // A range with only its high end set had no low end to show; keep the one
        // figure as the 60-minute price.
        db.execute_unprepared(
            "UPDATE practitioners SET prices = '60:' || CAST(price_max AS TEXT) \
             WHERE price_min IS NULL AND price_max IS NOT NULL",
        )
        .await?;
        for column in [Practitioners::PriceMin, Practitioners::PriceMax] {
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

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Practitioners::PriceMin, Practitioners::PriceMax] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Practitioners::Table)
                        .add_column(integer_null(column))
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        let rows = db
            .query_all_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT id, prices FROM practitioners WHERE prices <> ''",
            ))
            .await?;
        for row in rows {
            let id: i64 = row.try_get("", "id")?;
            let prices: String = row.try_get("", "prices")?;
            let amounts: Vec<i64> = prices
                .split(',')
                .filter_map(|pair| pair.split_once(':'))
                .filter_map(|(_, amount)| amount.parse().ok())
                .collect();
            if let (Some(lo), Some(hi)) = (amounts.iter().min(), amounts.iter().max()) {
                let update = Query::update()
                    .table(Practitioners::Table)
                    .value(Practitioners::PriceMin, *lo)
                    .value(Practitioners::PriceMax, *hi)
                    .and_where(Expr::col(Practitioners::Id).eq(id))
                    .to_owned();
                db.execute(&update).await?;
            }
        }
        for column in [
            Practitioners::Prices,
            Practitioners::SlidingScale,
            Practitioners::PriceNote,
            Practitioners::Payment,
            Practitioners::Insurers,
            Practitioners::Npi,
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

#[derive(DeriveIden)]
enum Practitioners {
    Table,
    Id,
    PriceMin,
    PriceMax,
    Prices,
    SlidingScale,
    PriceNote,
    Payment,
    Insurers,
    Npi,
}
