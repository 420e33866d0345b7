//! PostGIS set up as its own experts would for this workload, the baseline the
//! benchmark measures against (the plain setup in `postgis.rs` stays as the "naive
//! PostGIS" row):
//!
//! - sessions with `jit = off` and no parallel workers (sent as connection options):
//!   JIT compiles every statement, and parallel plans only add overhead for 16 clients
//!   on 2 cores;
//! - the table written in spatial order and then `CLUSTER`ed on its GiST index, so a
//!   circle's rows share pages;
//! - filters as integer bitmasks (modalities, and one flag word for verified,
//!   accepting, prenatal, oncology, the spoken languages, HSA/FSA and injury claims)
//!   instead of a `text[]` compared with `&&`, and the 60-minute price as an integer
//!   column in the covering index;
//! - the page found by a nearest-first index scan (`<->`) that gives the last
//!   distance on the page, then an exact `ST_DWithin` to that distance ordered by
//!   distance and id, instead of sorting every row in the circle;
//! - the exact count answered from one covering index alone (latitude and longitude,
//!   with the unit vector and the filter words included), after `VACUUM ANALYZE`: a
//!   latitude band and longitude range, then a dot product with the centre's unit
//!   vector, the same test as the embedded index.

use std::{collections::HashMap, sync::RwLock};

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, Value};

use therapist_finder::{
    policy,
    search::{PractitionerDoc, SearchQuery},
};

/// The table's name.
const TABLE: &str = "bench_tuned";
/// Mean Earth radius in metres: PostGIS's sphere for `use_spheroid = false`, and the
/// product's (6371.0088 km).
const EARTH_RADIUS_M: f64 = 6_371_008.8;
/// Metres per degree of latitude on that sphere.
const M_PER_DEGREE: f64 = EARTH_RADIUS_M * std::f64::consts::PI / 180.0;

const VERIFIED: i32 = 1;
const ACCEPTING: i32 = 2;
const PRENATAL: i32 = 4;
const ONCOLOGY: i32 = 8;
/// The flag of the first spoken language; the others follow in
/// `policy::SPOKEN_LANGUAGES` order (16 bits, inside the 32-bit flag word).
const LANGUAGE_SHIFT: u32 = 4;
/// Takes HSA and FSA cards (above the 16 language bits).
const HSA_FSA: i32 = 1 << 20;
/// Takes injury claims.
const INJURY_CLAIMS: i32 = 1 << 21;

/// A statement and its bound values.
type Query = (String, Vec<Value>);

/// The session settings the tuned engine connects with: `options` for the
/// connection URL.
pub const SESSION_OPTIONS: &str = "-c jit=off -c max_parallel_workers_per_gather=0";

/// `url` with [`SESSION_OPTIONS`] added as its `options` parameter.
pub fn tuned_url(url: &str) -> String {
    let encoded: String =
        url::form_urlencoded::byte_serialize(SESSION_OPTIONS.as_bytes()).collect();
    let joiner = if url.contains('?') { '&' } else { '?' };
    format!("{url}{joiner}options={encoded}")
}

/// The tuned PostGIS engine on its own table.
pub struct TunedPostgis {
    db: DatabaseConnection,
    /// Modality slug → bit, fixed at load.
    modality_bits: RwLock<HashMap<String, u32>>,
    /// Practice type slug → code, fixed at load.
    practice_types: RwLock<HashMap<String, i16>>,
}

fn unit_vector(lat: f64, lng: f64) -> [f64; 3] {
    let (la, lo) = (lat.to_radians(), lng.to_radians());
    [la.cos() * lo.cos(), la.cos() * lo.sin(), la.sin()]
}

/// A cell key that keeps nearby points near each other in the load order: cells of
/// 0.05°, interleaved (Z-order).
fn spatial_key(lat: f64, lng: f64) -> u64 {
    let cell = |v: f64, offset: f64| ((v + offset) / 0.05).floor().clamp(0.0, 65_535.0) as u64;
    let (a, b) = (cell(lat, 90.0), cell(lng, 180.0));
    (0..16).fold(0, |key, i| {
        key | (((a >> i) & 1) << (2 * i + 1)) | (((b >> i) & 1) << (2 * i))
    })
}

impl TunedPostgis {
    /// Uses `db`, which should be connected through [`tuned_url`].
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            db,
            modality_bits: RwLock::new(HashMap::new()),
            practice_types: RwLock::new(HashMap::new()),
        }
    }

    /// Creates the table in spatial order, its indexes, clusters and analyses it.
    pub async fn load(&self, docs: &[PractitionerDoc]) -> Result<(), DbErr> {
        let mut modalities: Vec<&str> = docs
            .iter()
            .flat_map(|d| d.modalities.iter().map(String::as_str))
            .collect();
        modalities.sort_unstable();
        modalities.dedup();
        if modalities.len() > 63 {
            return Err(DbErr::Custom(
                "the tuned engine's bitmask holds 63 modalities".into(),
            ));
        }
        let bits: HashMap<String, u32> = modalities
            .iter()
            .enumerate()
            .map(|(i, m)| ((*m).to_owned(), i as u32))
            .collect();
        let mut kinds: Vec<&str> = docs.iter().map(|d| d.practice_type.as_str()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        let types: HashMap<String, i16> = kinds
            .iter()
            .enumerate()
            .map(|(i, k)| ((*k).to_owned(), i as i16))
            .collect();
        for sql in [
            "CREATE EXTENSION IF NOT EXISTS postgis".to_owned(),
            format!("DROP TABLE IF EXISTS {TABLE}"),
            format!(
                "CREATE TABLE {TABLE} (id BIGINT PRIMARY KEY, slug TEXT NOT NULL, \
                 geog GEOGRAPHY(POINT, 4326) NOT NULL, lat DOUBLE PRECISION NOT NULL, \
                 lng DOUBLE PRECISION NOT NULL, x DOUBLE PRECISION NOT NULL, \
                 y DOUBLE PRECISION NOT NULL, z DOUBLE PRECISION NOT NULL, \
                 modality_bits BIGINT NOT NULL, flags INTEGER NOT NULL, \
                 accepting_ts BIGINT NOT NULL, practice_type SMALLINT NOT NULL, price_60 INTEGER)"
            ),
        ] {
            self.db.execute_unprepared(&sql).await?;
        }
        let mut ordered: Vec<&PractitionerDoc> = docs.iter().collect();
        ordered.sort_by_key(|d| (spatial_key(d.lat, d.lng), d.id));
        // Twelve values a row: latitude and longitude are bound once and used twice
        // (the point and the plain columns).
        const PER_ROW: usize = 12;
        for chunk in ordered.chunks(2_000) {
            let mut sql = format!("INSERT INTO {TABLE} VALUES ");
            let mut values: Vec<Value> = Vec::with_capacity(chunk.len() * PER_ROW);
            for (i, d) in chunk.iter().enumerate() {
                let b = i * PER_ROW;
                if i > 0 {
                    sql.push(',');
                }
                sql.push_str(&format!(
                    "(${}, ${}, ST_SetSRID(ST_MakePoint(${}, ${}), 4326)::geography, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                    b + 1, b + 2, b + 3, b + 4, b + 4, b + 3, b + 5, b + 6, b + 7, b + 8, b + 9, b + 10, b + 11, b + 12
                ));
                let [x, y, z] = unit_vector(d.lat, d.lng);
                let modality_bits = d
                    .modalities
                    .iter()
                    .filter_map(|m| bits.get(m))
                    .fold(0_i64, |mask, bit| mask | (1 << bit));
                let flags = [
                    (d.verified, VERIFIED),
                    (d.accepting_new_clients, ACCEPTING),
                    (d.prenatal_trained, PRENATAL),
                    (d.oncology_trained, ONCOLOGY),
                    (d.hsa_fsa, HSA_FSA),
                    (d.injury_claims, INJURY_CLAIMS),
                ]
                .into_iter()
                .filter(|(on, _)| *on)
                .fold(0, |f, (_, bit)| f | bit)
                    | (i32::from(policy::language_bits(&d.languages)) << LANGUAGE_SHIFT);
                values.extend([
                    d.id.into(),
                    d.slug.clone().into(),
                    d.lng.into(),
                    d.lat.into(),
                    x.into(),
                    y.into(),
                    z.into(),
                    modality_bits.into(),
                    flags.into(),
                    d.accepting_confirmed_ts.into(),
                    types
                        .get(&d.practice_type)
                        .copied()
                        .unwrap_or_default()
                        .into(),
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
        for sql in [
            format!("CREATE INDEX {TABLE}_geog ON {TABLE} USING GIST (geog)"),
            format!("CLUSTER {TABLE} USING {TABLE}_geog"),
            format!(
                "CREATE INDEX {TABLE}_band ON {TABLE} (lat, lng) \
                 INCLUDE (x, y, z, modality_bits, flags, accepting_ts, practice_type, price_60)"
            ),
            format!("VACUUM ANALYZE {TABLE}"),
        ] {
            self.db.execute_unprepared(&sql).await?;
        }
        *self.modality_bits.write().map_err(poisoned)? = bits;
        *self.practice_types.write().map_err(poisoned)? = types;
        Ok(())
    }

    /// The filter words of `q` as SQL over bound parameters, or `None` when a slug is
    /// unknown to the table (nothing can match).
    fn filters(&self, q: &SearchQuery, values: &mut Vec<Value>) -> Result<Option<String>, DbErr> {
        let mut conditions = Vec::new();
        if !q.modalities.is_empty() {
            let bits = self.modality_bits.read().map_err(poisoned)?;
            let mask = q
                .modalities
                .iter()
                .filter_map(|m| bits.get(m))
                .fold(0_i64, |mask, bit| mask | (1 << bit));
            if mask == 0 {
                return Ok(None);
            }
            values.push(mask.into());
            conditions.push(format!("(modality_bits & ${}) <> 0", values.len()));
        }
        let mut need = 0;
        for (on, bit) in [
            (q.verified_only, VERIFIED),
            (q.accepting_only, ACCEPTING),
            (q.prenatal, PRENATAL),
            (q.oncology, ONCOLOGY),
            (q.hsa_fsa, HSA_FSA),
            (q.injury_claims, INJURY_CLAIMS),
        ] {
            if on {
                need |= bit;
            }
        }
        if let Some(code) = &q.language {
            let Some(bit) = policy::language_bit(code) else {
                return Ok(None);
            };
            need |= i32::from(bit) << LANGUAGE_SHIFT;
        }
        if need != 0 {
            values.push(need.into());
            conditions.push(format!("(flags & ${0}) = ${0}", values.len()));
        }
        if q.accepting_only {
            values.push(q.accepting_since_ts.into());
            conditions.push(format!("accepting_ts >= ${}", values.len()));
        }
        if let Some(max) = q.max_price_60 {
            values.push(i64::from(max).into());
            conditions.push(format!("price_60 <= ${}", values.len()));
        }
        if let Some(kind) = &q.practice_type {
            let types = self.practice_types.read().map_err(poisoned)?;
            let Some(code) = types.get(kind) else {
                return Ok(None);
            };
            values.push((*code).into());
            conditions.push(format!("practice_type = ${}", values.len()));
        }
        if !q.accessibility.is_empty() || q.text.is_some() {
            return Err(DbErr::Custom(
                "the benchmark's PostGIS engines filter neither accessibility nor text".into(),
            ));
        }
        Ok(Some(if conditions.is_empty() {
            "TRUE".to_owned()
        } else {
            conditions.join(" AND ")
        }))
    }

    /// The exact number of matches, from the covering index alone.
    pub async fn count(&self, q: &SearchQuery) -> Result<usize, DbErr> {
        let Some((sql, values)) = self.count_statement(q)? else {
            return Ok(0);
        };
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                sql,
                values,
            ))
            .await?;
        row.map_or(Ok(0), |r| r.try_get::<i64>("", "n"))
            .map(|n| usize::try_from(n).unwrap_or_default())
    }

    /// The count's statement: a latitude band and longitude range the covering index
    /// answers, then the dot product with the centre's unit vector and the filter words.
    fn count_statement(&self, q: &SearchQuery) -> Result<Option<(String, Vec<Value>)>, DbErr> {
        let radius_m = q.radius_km * 1000.0;
        let mut values: Vec<Value> = Vec::new();
        let Some(filter) = self.filters(q, &mut values)? else {
            return Ok(None);
        };
        let half_lat = radius_m / M_PER_DEGREE;
        let (south, north) = (q.lat - half_lat, q.lat + half_lat);
        let cos_lat = north.abs().max(south.abs()).min(90.0).to_radians().cos();
        let longitude = if north >= 90.0 || south <= -90.0 || cos_lat < 1e-9 {
            "TRUE".to_owned()
        } else {
            let half_lng = (radius_m / (M_PER_DEGREE * cos_lat)).min(180.0);
            let (west, east) = (q.lng - half_lng, q.lng + half_lng);
            let mut range = |a: f64, b: f64| {
                values.push(a.into());
                values.push(b.into());
                format!("lng BETWEEN ${} AND ${}", values.len() - 1, values.len())
            };
            if half_lng >= 180.0 {
                "TRUE".to_owned()
            } else if west < -180.0 {
                format!(
                    "({} OR {})",
                    range(west + 360.0, 180.0),
                    range(-180.0, east)
                )
            } else if east > 180.0 {
                format!(
                    "({} OR {})",
                    range(west, 180.0),
                    range(-180.0, east - 360.0)
                )
            } else {
                range(west, east)
            }
        };
        let [cx, cy, cz] = unit_vector(q.lat, q.lng);
        let min_dot = (radius_m / EARTH_RADIUS_M).cos();
        let n = values.len();
        values.extend([
            south.into(),
            north.into(),
            cx.into(),
            cy.into(),
            cz.into(),
            min_dot.into(),
        ]);
        let sql = format!(
            "SELECT COUNT(*) AS n FROM {TABLE} WHERE lat BETWEEN ${} AND ${} AND {longitude} \
             AND x * ${} + y * ${} + z * ${} >= ${} AND {filter}",
            n + 1,
            n + 2,
            n + 3,
            n + 4,
            n + 5,
            n + 6
        );
        Ok(Some((sql, values)))
    }

    /// The slugs of one page, nearest first then by id: a nearest-first index scan
    /// finds the page's last distance, then an exact `ST_DWithin` to it is sorted.
    pub async fn page(&self, q: &SearchQuery) -> Result<Vec<String>, DbErr> {
        let Ok([_, knn, mut page]) = <[Query; 3]>::try_from(self.statements(q)?) else {
            return Ok(Vec::new());
        };
        self.narrow(q, &knn, &mut page).await?;
        self.db
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                page.0,
                page.1,
            ))
            .await?
            .into_iter()
            .map(|r| r.try_get::<String>("", "slug"))
            .collect()
    }

    /// Runs the nearest-first scan and narrows the sorted page's radius (`$3`) to the
    /// distance it found, a centimetre over so rounding cannot drop a tie.
    async fn narrow(&self, q: &SearchQuery, knn: &Query, page: &mut Query) -> Result<(), DbErr> {
        let edge = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                knn.0.clone(),
                knn.1.clone(),
            ))
            .await?
            .map(|r| r.try_get::<f64>("", "d"))
            .transpose()?;
        if let Some(d) = edge {
            page.1[2] = (d + 0.01).min(q.radius_km * 1000.0).into();
        }
        Ok(())
    }

    /// The total and one page, as the product answers a search.
    pub async fn search(&self, q: &SearchQuery) -> Result<(usize, Vec<String>), DbErr> {
        Ok((self.count(q).await?, self.page(q).await?))
    }

    /// The settings the engine's sessions run with, for the record: the two it sets and
    /// the server's memory and planner settings.
    pub async fn settings(&self) -> Result<Vec<(String, String)>, DbErr> {
        let mut out = Vec::new();
        for name in [
            "server_version",
            "jit",
            "max_parallel_workers_per_gather",
            "shared_buffers",
            "work_mem",
            "effective_cache_size",
            "random_page_cost",
        ] {
            let value = self
                .db
                .query_one_raw(Statement::from_string(
                    DbBackend::Postgres,
                    format!("SHOW {name}"),
                ))
                .await?
                .map(|r| r.try_get::<String>("", name))
                .transpose()?
                .unwrap_or_default();
            out.push((name.to_owned(), value));
        }
        Ok(out)
    }

    /// `EXPLAIN (ANALYZE, BUFFERS)` of the three statements a search for `q` runs (the
    /// count, the nearest-first scan, the sorted page), for the record.
    pub async fn explain(&self, q: &SearchQuery) -> Result<String, DbErr> {
        let mut out = String::new();
        let mut statements = self.statements(q)?;
        // The page runs to the distance the nearest-first scan found, as `page` does.
        if let [_, knn, page] = statements.as_mut_slice() {
            self.narrow(q, knn, page).await?;
        }
        for sql in statements {
            out.push_str(&format!("-- {}\n", sql.0));
            let rows = self
                .db
                .query_all_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    format!("EXPLAIN (ANALYZE, BUFFERS) {}", sql.0),
                    sql.1,
                ))
                .await?;
            for row in rows {
                out.push_str(&row.try_get::<String>("", "QUERY PLAN")?);
                out.push('\n');
            }
            out.push('\n');
        }
        Ok(out)
    }

    /// The statements a search runs, with their values (for `explain`): the count, the
    /// nearest-first scan and the sorted page (with the full radius, which `explain`
    /// narrows to the scan's distance as `page` does).
    fn statements(&self, q: &SearchQuery) -> Result<Vec<Query>, DbErr> {
        let Some(count) = self.count_statement(q)? else {
            return Ok(Vec::new());
        };
        let mut values: Vec<Value> =
            vec![q.lng.into(), q.lat.into(), (q.radius_km * 1000.0).into()];
        let Some(filter) = self.filters(q, &mut values)? else {
            return Ok(Vec::new());
        };
        let centre = "ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography";
        let mut knn_values = values.clone();
        knn_values.push(((q.offset + q.limit).max(1) as i64 - 1).into());
        let knn = format!(
            "SELECT ST_Distance(geog, {centre}, false) AS d FROM {TABLE} \
             WHERE ST_DWithin(geog, {centre}, $3, false) AND {filter} \
             ORDER BY geog <-> {centre} LIMIT 1 OFFSET ${}",
            knn_values.len()
        );
        values.push((q.limit as i64).into());
        values.push((q.offset as i64).into());
        let page = format!(
            "SELECT slug FROM {TABLE} WHERE ST_DWithin(geog, {centre}, $3, false) AND {filter} \
             ORDER BY ST_Distance(geog, {centre}, false), id LIMIT ${} OFFSET ${}",
            values.len() - 1,
            values.len()
        );
        Ok(vec![count, (knn, knn_values), (page, values)])
    }
}

fn poisoned<T>(_: std::sync::PoisonError<T>) -> DbErr {
    DbErr::Custom("a lock of the tuned engine was poisoned".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spatial_keys_keep_neighbours_together() {
        let here = spatial_key(30.27, -97.74);
        let next_door = spatial_key(30.28, -97.74);
        let far = spatial_key(40.71, -74.0);
        assert!(here.abs_diff(next_door) < here.abs_diff(far));
    }

    #[test]
    fn the_session_options_ride_on_the_url() {
        assert_eq!(
            tuned_url("postgres://u@h/db"),
            "postgres://u@h/db?options=-c+jit%3Doff+-c+max_parallel_workers_per_gather%3D0"
        );
        assert!(tuned_url("postgres://u@h/db?sslmode=disable").contains("&options="));
    }
}
