//! Seeding: reference data from `seed/` (idempotent) and the deterministic demo
//! generator.

pub mod demo;
mod hours;

use chrono::Utc;
use sea_orm::{DatabaseConnection, DbErr};

use crate::{matching::Rules, practitioners, progress::Progress, reference};

/// Loads reference data, then `demo` demo practitioners; with `only_if_empty`, demo
/// data is generated only when the directory has no practitioners yet.
pub async fn run(
    db: &DatabaseConnection,
    catalogue: &reference::Catalogue,
    rules: &Rules,
    demo: Option<u32>,
    only_if_empty: bool,
    progress: &dyn Progress,
) -> Result<u32, DbErr> {
    reference::load(db, catalogue, rules).await?;
    let Some(n) = demo.filter(|n| *n > 0) else {
        return Ok(0);
    };
    if only_if_empty && practitioners::count(db).await? > 0 {
        return Ok(0);
    }
    let inserted = demo::generate(db, catalogue, n, Utc::now(), progress).await?;
    tracing::info!(practitioners = inserted, "demo practitioners generated");
    Ok(inserted)
}
