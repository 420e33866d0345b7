//! Rate limits counted in the database, so they hold across app instances.

use chrono::{TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter,
};

use crate::entities::rate_event;

/// Records one event in `bucket`.
pub async fn hit(db: &impl ConnectionTrait, bucket: &str) -> Result<(), DbErr> {
    rate_event::Entity::insert(rate_event::ActiveModel {
        id: NotSet,
        bucket: Set(bucket.to_owned()),
        created_at: Set(Utc::now()),
    })
    .exec(db)
    .await?;
    Ok(())
}

/// Events in `bucket` within the last `window`.
pub async fn recent(
    db: &impl ConnectionTrait,
    bucket: &str,
    window: TimeDelta,
) -> Result<u64, DbErr> {
    rate_event::Entity::find()
        .filter(rate_event::Column::Bucket.eq(bucket))
        .filter(rate_event::Column::CreatedAt.gte(Utc::now() - window))
        .count(db)
        .await
}

/// Forgets the events of `bucket` (after a successful login, say).
pub async fn clear(db: &impl ConnectionTrait, bucket: &str) -> Result<(), DbErr> {
    rate_event::Entity::delete_many()
        .filter(rate_event::Column::Bucket.eq(bucket))
        .exec(db)
        .await?;
    Ok(())
}
