//! Portable schema migrations: every migration here runs unchanged on SQLite and PostgreSQL.
//! Migrations only shape the schema; reference and demo data come from the `seed` command.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_create_core_tables;
mod m20261122_000002_create_accounts;
mod m20261122_000003_create_admin_tables;
mod m20261122_000004_practitioner_summaries;
mod m20261123_000001_create_server_keys;
mod m20261123_000002_mail_claims;
mod m20261123_000003_roster_layouts;
mod m20261123_000004_practitioner_changes;
mod m20261124_000001_index_changes;
mod m20261205_000001_schedules;
mod m20261205_000002_visits;
mod m20261205_000003_second_factors;
mod m20261205_000004_board_directory;
mod m20261205_000005_passkeys;
mod m20261206_000001_spoken_languages;
mod m20261206_000002_spanish_about;
mod m20261206_000003_visit_language;
mod m20261206_000004_account_language;
mod m20261206_000005_prices_and_payment;
mod m20261206_000006_receipts;

/// The ordered list of migrations the application applies at start-up and in `migrate`.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_create_core_tables::Migration),
            Box::new(m20261122_000002_create_accounts::Migration),
            Box::new(m20261122_000003_create_admin_tables::Migration),
            Box::new(m20261122_000004_practitioner_summaries::Migration),
            Box::new(m20261123_000001_create_server_keys::Migration),
            Box::new(m20261123_000002_mail_claims::Migration),
            Box::new(m20261123_000003_roster_layouts::Migration),
            Box::new(m20261123_000004_practitioner_changes::Migration),
            Box::new(m20261124_000001_index_changes::Migration),
            Box::new(m20261205_000001_schedules::Migration),
            Box::new(m20261205_000002_visits::Migration),
            Box::new(m20261205_000003_second_factors::Migration),
            Box::new(m20261205_000004_board_directory::Migration),
            Box::new(m20261205_000005_passkeys::Migration),
            Box::new(m20261206_000001_spoken_languages::Migration),
            Box::new(m20261206_000002_spanish_about::Migration),
            Box::new(m20261206_000003_visit_language::Migration),
            Box::new(m20261206_000004_account_language::Migration),
            Box::new(m20261206_000005_prices_and_payment::Migration),
            Box::new(m20261206_000006_receipts::Migration),
        ]
    }
}
