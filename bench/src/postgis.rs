//! "Naive PostGIS", kept as a labelled row beside the tuned baseline (`tuned.rs`): a
//! geography column with a GiST index, `ST_DWithin` on the sphere (the same sphere as
//! the rest of the product), filters in SQL over a `text[]`, `ORDER BY` distance then
//! id, `LIMIT`, and a plain `COUNT(*)`, with the server's default settings.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, Value};

use therapist_finder::search::{PractitionerDoc, SearchQuery};

/// The comparison table's name.
const TABLE: &str = "bench_practitioners";

/// A PostGIS-backed engine on its own table.
pub struct PostgisEngine {
    db: DatabaseConnection,
}

impl PostgisEngine {
    /// Uses `db` (PostgreSQL with the PostGIS extension available).
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// Creates the extension and table, and loads `docs` in batches.
    pub async fn load(&self, docs: &[PractitionerDoc]) -> Result<(), DbErr> {
        self.db
            .execute_unprepared("CREATE EXTENSION IF NOT EXISTS postgis")
            .await?;
        self.db
            .execute_unprepared(&format!("DROP TABLE IF EXISTS {TABLE}"))
            .await?;
        self.db
            .execute_unprepared(&format!(
                "CREATE TABLE {TABLE} (id BIGINT PRIMARY KEY, slug TEXT NOT NULL, geog GEOGRAPHY(POINT, 4326) NOT NULL, \
                 modalities TEXT[] NOT NULL, verified BOOLEAN NOT NULL, accepting BOOLEAN NOT NULL, accepting_ts BIGINT NOT NULL, \
                 practice_type TEXT NOT NULL, prenatal BOOLEAN NOT NULL, oncology BOOLEAN NOT NULL, languages TEXT[] NOT NULL, \
                 hsa_fsa BOOLEAN NOT NULL, injury_claims BOOLEAN NOT NULL, price_60 INTEGER)"
            ))
            .await?;
        for chunk in docs.chunks(2_000) {
            let mut sql = format!("INSERT INTO {TABLE} VALUES ");
            let mut values: Vec<Value> = Vec::with_capacity(chunk.len() * 15);
            for (i, d) in chunk.iter().enumerate() {
                let b = i * 15;
                if i > 0 {
                    sql.push(',');
                }
                sql.push_str(&format!(
                    "(${}, ${}, ST_SetSRID(ST_MakePoint(${}, ${}), 4326)::geography, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                    b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7, b + 8, b + 9, b + 10, b + 11, b + 12, b + 13, b + 14, b + 15
                ));
                values.extend([
                    d.id.into(),
                    d.slug.clone().into(),
                    d.lng.into(),
                    d.lat.into(),
                    text_array(&d.modalities),
                    d.verified.into(),
                    d.accepting_new_clients.into(),
                    d.accepting_confirmed_ts.into(),
                    d.practice_type.clone().into(),
                    d.prenatal_trained.into(),
                    d.oncology_trained.into(),
                    text_array(&d.languages),
                    d.hsa_fsa.into(),
                    d.injury_claims.into(),
                    d.price_60
                        .map(|p| i32::try_from(p).unwrap_or(i32::MAX))
                        .into(),
                ]);
            }
            self.db
                .execute_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    sql,
                    values,
                ))
                .await?;
        }
        self.db
            .execute_unprepared(&format!(
                "CREATE INDEX {TABLE}_geog ON {TABLE} USING GIST (geog)"
            ))
            .await?;
        self.db
            .execute_unprepared(&format!("ANALYZE {TABLE}"))
            .await?;
        Ok(())
    }

    /// The slugs of one page of results, nearest first, and the total.
    pub async fn search(&self, q: &SearchQuery) -> Result<(usize, Vec<String>), DbErr> {
        let mut conditions = vec![
            "ST_DWithin(geog, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $3, false)"
                .to_owned(),
        ];
        let mut values: Vec<Value> =
            vec![q.lng.into(), q.lat.into(), (q.radius_km * 1000.0).into()];
        if !q.modalities.is_empty() {
            values.push(text_array(&q.modalities));
            conditions.push(format!("modalities && ${}::text[]", values.len()));
        }
        if q.verified_only {
            conditions.push("verified".into());
        }
        if q.accepting_only {
            values.push(q.accepting_since_ts.into());
            conditions.push(format!("accepting AND accepting_ts >= ${}", values.len()));
        }
        if let Some(t) = &q.practice_type {
            values.push(t.clone().into());
            conditions.push(format!("practice_type = ${}", values.len()));
        }
        if q.prenatal {
            conditions.push("prenatal".into());
        }
        if q.oncology {
            conditions.push("oncology".into());
        }
        if let Some(code) = &q.language {
            values.push(code.clone().into());
            conditions.push(format!("${} = ANY(languages)", values.len()));
        }
        if q.hsa_fsa {
            conditions.push("hsa_fsa".into());
        }
        if q.injury_claims {
            conditions.push("injury_claims".into());
        }
        if let Some(max) = q.max_price_60 {
            values.push(i64::from(max).into());
            conditions.push(format!("price_60 <= ${}", values.len()));
        }
        let filter = conditions.join(" AND ");
        values.push((q.limit as i64).into());
        let limit = values.len();
        values.push((q.offset as i64).into());
        let offset = values.len();
        let page_sql = format!(
            "SELECT slug FROM {TABLE} WHERE {filter} ORDER BY ST_Distance(geog, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, false), id LIMIT ${limit} OFFSET ${offset}"
        );
        let rows = self
            .db
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                page_sql,
                values.clone(),
            ))
            .await?;
        let slugs = rows
            .into_iter()
            .map(|r| r.try_get::<String>("", "slug"))
            .collect::<Result<Vec<_>, _>>()?;
        values.truncate(values.len() - 2);
        let count_sql = format!("SELECT COUNT(*) AS n FROM {TABLE} WHERE {filter}");
        let total = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                count_sql,
                values,
            ))
            .await?
            .map_or(Ok(0), |r| r.try_get::<i64>("", "n"))?;
        Ok((usize::try_from(total).unwrap_or_default(), slugs))
    }
}

/// A list of strings as a PostgreSQL `text[]` value.
fn text_array(items: &[String]) -> Value {
    Value::Array(
        sea_orm::sea_query::ArrayType::String,
        Some(Box::new(
            items
                .iter()
                .map(|m| Value::String(Some(m.clone())))
                .collect(),
        )),
    )
}
