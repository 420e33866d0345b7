//! The index change log: every write that changes what search returns appends the
//! practitioner's id here, in the write's transaction. Rows are numbered (`seq`) in
//! commit order (the migration explains how), so a server that keeps its own copy of
//! the index follows the log by asking for what comes after the last number it applied,
//! and cannot skip a change committed late. Unlike a job, a change is not claimed: every
//! server reads every change.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::entities::index_change;

/// The PostgreSQL notification channel a commit with changes notifies.
pub const CHANNEL: &str = "index_changes";

/// How long changes are kept: far longer than a running server can fall behind (it
/// reads the log several times a second). A server that starts from an index snapshot
/// older than the log rebuilds its index instead.
pub const KEEP: TimeDelta = TimeDelta::days(1);

/// Appends a change of `practitioner_id`; call it inside the write's transaction.
pub async fn append(db: &impl ConnectionTrait, practitioner_id: i64) -> Result<(), DbErr> {
    index_change::Entity::insert(index_change::ActiveModel {
        id: NotSet,
        seq: NotSet,
        practitioner_id: Set(practitioner_id),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The number of the last committed change (0 when there is none). An index built
/// from reads that began after this call holds every change up to it.
pub async fn latest(db: &impl ConnectionTrait) -> Result<i64, DbErr> {
    let seq: Option<Option<i64>> = index_change::Entity::find()
        .select_only()
        .column(index_change::Column::Seq)
        .filter(index_change::Column::Seq.is_not_null())
        .order_by_desc(index_change::Column::Seq)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?;
    Ok(seq.flatten().unwrap_or(0))
}

/// Up to `limit` committed changes numbered after `seq`, in order: `(seq, practitioner)`.
pub async fn after(
    db: &impl ConnectionTrait,
    seq: i64,
    limit: u64,
) -> Result<Vec<(i64, i64)>, DbErr> {
    index_change::Entity::find()
        .select_only()
        .column(index_change::Column::Seq)
        .column(index_change::Column::PractitionerId)
        .filter(index_change::Column::Seq.gt(seq))
        .order_by_asc(index_change::Column::Seq)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await
}

/// Removes the changes older than [`KEEP`] before `now`, lowest numbers first, and
/// never the latest change: what stays is every change after some number, which is
/// how [`covers`] knows a gap. Returns how many were removed.
pub async fn prune(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let through: Option<Option<i64>> = index_change::Entity::find()
        .select_only()
        .column_as(index_change::Column::Seq.max(), "through")
        .filter(index_change::Column::CreatedAt.lt(now - KEEP))
        .into_tuple()
        .one(db)
        .await?;
    let Some(through) = through.flatten() else {
        return Ok(0);
    };
    let through = through.min(latest(db).await? - 1);
    Ok(index_change::Entity::delete_many()
        .filter(index_change::Column::Seq.lte(through))
        .exec(db)
        .await?
        .rows_affected)
}

/// Whether the log still holds every change numbered after `position`, so an index
/// complete up to `position` is brought up to date by applying them. False when the
/// log was pruned past it, or `position` is beyond the log (another database, or one
/// restored from an older backup).
pub async fn covers(db: &impl ConnectionTrait, position: i64) -> Result<bool, DbErr> {
    let first: Option<Option<i64>> = index_change::Entity::find()
        .select_only()
        .column_as(index_change::Column::Seq.min(), "first")
        .into_tuple()
        .one(db)
        .await?;
    if position > latest(db).await? {
        return Ok(false);
    }
    Ok(match first.flatten() {
        Some(first) => first <= position.saturating_add(1),
        None => position == 0,
    })
}
