//! The migrations produce the same tables and columns on SQLite and PostgreSQL.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use therapist_finder::db;

use crate::support::fresh_postgres_database;

type Schema = BTreeMap<String, BTreeSet<String>>;

async fn rows(db: &DatabaseConnection, sql: &str) -> Vec<(String, String)> {
    db.query_all_raw(Statement::from_string(
        db.get_database_backend(),
        sql.to_owned(),
    ))
    .await
    .expect("schema query")
    .into_iter()
    .map(|r| {
        (
            r.try_get::<String>("", "t").expect("table"),
            r.try_get::<String>("", "c").expect("column"),
        )
    })
    .collect()
}

fn collect(pairs: Vec<(String, String)>) -> Schema {
    let mut schema = Schema::new();
    for (t, c) in pairs {
        schema.entry(t).or_default().insert(c);
    }
    schema
}

#[tokio::test]
async fn migrations_give_identical_tables_and_columns_on_sqlite_and_postgres() {
    let base = std::env::var("TEST_POSTGRES_URL")
        .or_else(|_| std::env::var("TEST_DATABASE_URL"))
        .expect("TEST_POSTGRES_URL (or TEST_DATABASE_URL) must name a PostgreSQL server; scripts/test sets it");
    let dir = tempfile::tempdir().expect("dir");
    let sqlite = db::connect(&format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("s.db").display()
    ))
    .await
    .expect("sqlite");
    db::migrate(&sqlite).await.expect("migrate sqlite");
    let pg = db::connect(&fresh_postgres_database(&base).await)
        .await
        .expect("postgres");
    db::migrate(&pg).await.expect("migrate postgres");

    let sqlite_schema = collect(
        rows(
            &sqlite,
            "SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
        )
        .await,
    );
    let pg_schema = collect(
        rows(
            &pg,
            "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns \
             WHERE table_schema = 'public'",
        )
        .await,
    );
    assert!(sqlite_schema.contains_key("practitioners"));
    assert!(sqlite_schema.len() >= 12, "{:?}", sqlite_schema.keys());
    assert_eq!(sqlite_schema, pg_schema);
}

/// A directory that already has ledgers and outcome logs gets the totals and medians
/// that search reads from the practitioner row when the summary migration runs.
#[tokio::test]
async fn the_summary_migration_fills_totals_and_medians_from_existing_rows() {
    use migration::{Migrator, MigratorTrait};
    use sea_orm::EntityTrait;
    use therapist_finder::entities::practitioner;

    let app = crate::support::TestApp::spawn().await;
    let mut spec = crate::support::builders::PractitionerSpec::new("logged");
    spec.training_hours = vec![500, 120];
    spec.outcome_logs = vec![(8, 4), (6, 2), (7, 3), (9, 5)];
    let id = crate::support::builders::insert_practitioner(&app.state.db, &spec).await;
    let mut bare_spec = crate::support::builders::PractitionerSpec::new("bare");
    bare_spec.training_hours = vec![];
    let bare = crate::support::builders::insert_practitioner(&app.state.db, &bare_spec).await;

    // With the server stopped (nothing else on the database while its schema
    // changes), undo the summary migration (drops its columns) and every one after
    // it, then apply them all again.
    let stopped = app.stop().await;
    let (db, undone) =
        crate::support::rolled_back_before(&stopped, "m20261122_000004_practitioner_summaries")
            .await;
    let db = &db;
    let pending = Migrator::get_pending_migrations(db).await.expect("status");
    assert_eq!(
        pending.len(),
        undone,
        "the rollback undid the summaries and every later one"
    );
    Migrator::up(db, None).await.expect("up");

    let row = |id| async move {
        let p = practitioner::Entity::find_by_id(id)
            .one(db)
            .await
            .expect("query")
            .expect("row");
        (
            p.training_hours,
            p.outcome_count,
            p.outcome_median_before,
            p.outcome_median_after,
        )
    };
    assert_eq!(row(id).await, (620, 4, Some(7.5), Some(3.5)));
    assert_eq!(row(bare).await, (0, 0, None, None));
}
