//! Databases made by an earlier version (`tests/fixtures/upgrade/`, written by
//! `scripts/upgrade-fixture`: that version's demo seed and admin command, then a row of
//! every other kind) upgrade to the current schema keeping every row and every field,
//! and the site then serves them. A migration that drops or rewrites data without
//! being listed here, with its own check, fails this test.

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use therapist_finder::db;

use crate::support::{TestApp, fresh_postgres_database, visitor::Visitor};

/// The password the fixture's accounts were given (`scripts/upgrade-fixture`).
const PASSWORD: &str = "an upgrade fixture password";
/// The versions the fixtures were made by, oldest first, and whether each had visits.
const FIXTURES: [(&str, bool); 2] = [("5ad4392", false), ("208c5ca", true)];
/// Columns the migrations since move elsewhere on purpose; [`moved_prices`] checks them.
const MOVED: [(&str, &str); 2] = [
    ("practitioners", "price_min"),
    ("practitioners", "price_max"),
];
/// Columns whose values the migrations since rewrite on purpose; [`rewritten_languages`]
/// checks them.
const REWRITTEN: [(&str, &str); 1] = [("practitioners", "languages")];

/// Each table's columns.
type Schema = BTreeMap<String, Vec<String>>;
/// Each table's rows, every value as text, sorted.
type Contents = BTreeMap<String, Vec<Vec<Option<String>>>>;

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/upgrade")
        .join(name)
}

async fn schema(db: &DatabaseConnection) -> Schema {
    let sql = match db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => {
            "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns \
             WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
        }
        _ => {
            "SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid"
        }
    };
    let mut schema = Schema::new();
    for row in db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("schema")
    {
        schema
            .entry(row.try_get("", "t").expect("table"))
            .or_default()
            .push(row.try_get("", "c").expect("column"));
    }
    schema
}

/// The rows of every table in `schema`, reading only the columns `schema` names.
async fn contents(db: &DatabaseConnection, schema: &Schema) -> Contents {
    let mut all = Contents::new();
    for (table, columns) in schema {
        let list = columns
            .iter()
            .enumerate()
            .map(|(i, c)| format!("CAST(\"{c}\" AS TEXT) AS c{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let rows = db
            .query_all_raw(Statement::from_string(
                db.get_database_backend(),
                format!("SELECT {list} FROM \"{table}\""),
            ))
            .await
            .unwrap_or_else(|e| panic!("{table}: {e}"));
        let mut values: Vec<Vec<Option<String>>> = rows
            .iter()
            .map(|row| {
                (0..columns.len())
                    .map(|i| {
                        row.try_get::<Option<String>>("", &format!("c{i}"))
                            .expect("text")
                    })
                    .collect()
            })
            .collect();
        values.sort();
        all.insert(table.clone(), values);
    }
    all
}

/// Upgrades the database at `url`, made by the fixture's version, and checks that every
/// table, column and row it held is still there.
async fn upgrade_keeps_every_row(url: &str) {
    let db = db::connect(url).await.expect("connect");
    let before_schema = schema(&db).await;
    let before = contents(&db, &before_schema).await;
    let empty: Vec<&String> = before
        .iter()
        .filter(|(_, rows)| rows.is_empty())
        .map(|(t, _)| t)
        .collect();
    assert!(empty.is_empty(), "the fixture has no row in {empty:?}");

    db::migrate(&db).await.expect("the upgrade runs");
    let after_schema = schema(&db).await;
    // Every table and every column is still there, but those moved on purpose.
    let mut kept = Schema::new();
    for (table, columns) in &before_schema {
        let now = after_schema
            .get(table)
            .unwrap_or_else(|| panic!("the upgrade dropped the table {table}"));
        let columns: Vec<String> = columns
            .iter()
            .filter(|c| {
                let moved = MOVED.contains(&(table.as_str(), c.as_str()));
                assert!(moved || now.contains(c), "the upgrade dropped {table}.{c}");
                !moved && !REWRITTEN.contains(&(table.as_str(), c.as_str()))
            })
            .cloned()
            .collect();
        kept.insert(table.clone(), columns);
    }
    // Every row, with every kept field as it was (an upgrade may add rows, as the
    // migrations table does, but not lose or change one).
    let before_kept = {
        let mut projected = Contents::new();
        for (table, columns) in &before_schema {
            let keep: Vec<usize> = columns
                .iter()
                .enumerate()
                .filter(|(_, c)| kept[table].contains(c))
                .map(|(i, _)| i)
                .collect();
            let mut rows: Vec<Vec<Option<String>>> = before[table]
                .iter()
                .map(|row| keep.iter().map(|&i| row[i].clone()).collect())
                .collect();
            rows.sort();
            projected.insert(table.clone(), rows);
        }
        projected
    };
    let after = contents(&db, &kept).await;
    for (table, rows) in &before_kept {
        let mut now: Vec<&Vec<Option<String>>> = after[table].iter().collect();
        for row in rows {
            let found = now
                .iter()
                .position(|r| *r == row)
                .unwrap_or_else(|| panic!("the upgrade lost or changed a row of {table}: {row:?}"));
            now.swap_remove(found);
        }
    }
    moved_prices(&db).await;
    rewritten_languages(&db).await;
    db.close().await.ok();
}

async fn text(db: &DatabaseConnection, sql: &str) -> Vec<Vec<Option<String>>> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("query")
        .iter()
        .map(|row| {
            (0..3)
                .map(|i| {
                    row.try_get::<Option<String>>("", &format!("c{i}"))
                        .expect("text")
                })
                .collect()
        })
        .collect()
}

/// The price range became the 60-minute price, with a range's two ends kept in the note.
async fn moved_prices(db: &DatabaseConnection) {
    let rows = text(
        db,
        "SELECT slug AS c0, prices AS c1, price_note AS c2 FROM practitioners \
         WHERE slug IN ('wren-upgrade', 'only-high-end') ORDER BY slug",
    )
    .await;
    let s = |v: &str| Some(v.to_owned());
    assert_eq!(
        rows,
        vec![
            vec![s("only-high-end"), s("60:140"), None],
            vec![s("wren-upgrade"), s("60:85"), s("60 min: 85–120 USD")],
        ]
    );
    // Every demo listing that had a price has one.
    let unpriced = text(
        db,
        "SELECT slug AS c0, prices AS c1, currency AS c2 FROM practitioners WHERE is_demo = TRUE AND prices = ''",
    )
    .await;
    assert!(unpriced.is_empty(), "{unpriced:?}");
}

/// Free-text languages became codes, with the words no code matched kept for the
/// practitioner to see.
async fn rewritten_languages(db: &DatabaseConnection) {
    let rows = text(
        db,
        "SELECT languages AS c0, languages_unread AS c1, slug AS c2 FROM practitioners WHERE slug = 'wren-upgrade'",
    )
    .await;
    assert_eq!(rows[0][0].as_deref(), Some("en,es"));
    assert_eq!(rows[0][1].as_deref(), Some("Klingon"));
    let demo = text(
        db,
        "SELECT languages AS c0, languages_unread AS c1, slug AS c2 FROM practitioners WHERE is_demo = TRUE",
    )
    .await;
    for row in demo {
        let codes = row[0].as_deref().unwrap_or_default();
        assert!(
            !codes.is_empty() && codes.split(',').all(|c| c.len() == 2),
            "{row:?}"
        );
    }
}

/// The upgraded site serves what the earlier version held: the profile with its
/// licence, price and languages, search, and the practitioner's dashboard, where a
/// visit accepted before the upgrade (in a version that had visits) takes a receipt.
async fn site_serves(url: String, visits: bool) {
    let app = TestApp::spawn_with(move |config| config.database_url = url.into()).await;
    let profile = app.get("/p/wren-upgrade").await;
    assert_eq!(profile.status(), 200);
    let page = profile.text().await.expect("page");
    for shown in ["Wren Upgrade", "MT-UPG-1", "85", "Spanish"] {
        assert!(page.contains(shown), "{shown} missing from the profile");
    }
    assert_eq!(
        app.get("/p/only-high-end").await.status(),
        404,
        "a suspended listing stays hidden"
    );
    let found: serde_json::Value = app
        .get("/api/v1/practitioners?near=78701&radius_km=5")
        .await
        .json()
        .await
        .expect("json");
    let wren = found["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["slug"] == "wren-upgrade")
        .unwrap_or_else(|| panic!("not found: {found}"));
    assert_eq!(wren["prices"][0]["amount"], 85);
    assert_eq!(wren["languages"], serde_json::json!(["en", "es"]));

    // The practitioner logs in with the password the earlier version stored, and the
    // visit accepted then takes a receipt now.
    let v = Visitor::new(&app);
    let res = v
        .post(
            "/login",
            &[
                ("email", "upgrade.practitioner@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "log in");
    let inbox = v.page("/dashboard/inbox").await;
    assert!(inbox.contains("Casey Client"), "{inbox}");
    if visits {
        assert!(inbox.contains("Write a receipt"), "{inbox}");
    }
}

#[tokio::test]
async fn sqlite_databases_from_earlier_versions_upgrade_whole_and_serve() {
    for (rev, visits) in FIXTURES {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("upgraded.db");
        std::fs::copy(fixture(&format!("{rev}.sqlite")), &file).expect("copy the fixture");
        let url = format!("sqlite://{}?mode=rwc", file.display());
        upgrade_keeps_every_row(&url).await;
        site_serves(url, visits).await;
    }
}

#[tokio::test]
async fn postgresql_dumps_from_earlier_versions_upgrade_whole_and_serve() {
    let base = std::env::var("TEST_POSTGRES_URL")
        .expect("TEST_POSTGRES_URL must name a PostgreSQL server; scripts/test sets it");
    for (rev, visits) in FIXTURES {
        let url = fresh_postgres_database(&base).await;
        let out = std::process::Command::new("psql")
            .args(["-q", "-v", "ON_ERROR_STOP=1", "-d", &url, "-f"])
            .arg(fixture(&format!("{rev}.postgres.sql")))
            .output()
            .expect("psql");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        upgrade_keeps_every_row(&url).await;
        site_serves(url, visits).await;
    }
}
