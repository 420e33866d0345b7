//! Rate limits counted in the database, so they hold across app instances. Taking a
//! slot records the event first and counts second, so many requests racing for the
//! last slot can never all pass: each one counts its own row and every row recorded
//! before it.

use chrono::{TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter,
};

use crate::entities::rate_event;

/// No limit's window may be longer than this: older events are pruned
/// (`housekeeping::prune`).
pub const LONGEST_WINDOW: TimeDelta = TimeDelta::days(1);

/// The counter of refusals in `/metrics`, labelled by [`Limit::kind`].
pub const REFUSALS: &str = "therapist_finder_rate_limit_refusals_total";

/// At most `max` events in `bucket` within `window`.
#[derive(Debug, Clone)]
pub struct Limit {
    /// What is counted, e.g. `login:pair:ana@example.com:203.0.113.9`.
    pub bucket: String,
    /// Events allowed within the window, this one included.
    pub max: u64,
    /// How far back events count.
    pub window: TimeDelta,
    /// Whether going over refuses the request (otherwise the event is only recorded).
    pub enforced: bool,
}

impl Limit {
    /// An enforced limit.
    pub fn new(bucket: impl Into<String>, max: u64, window: TimeDelta) -> Self {
        debug_assert!(
            window <= LONGEST_WINDOW,
            "events older than a day are pruned"
        );
        Self {
            bucket: bucket.into(),
            max,
            window,
            enforced: true,
        }
    }

    /// What kind of limit this is, for metrics: the bucket's words before what it
    /// counts (`login:address`, `contact`), never the address or email itself.
    pub fn kind(&self) -> &str {
        let mut words = self.bucket.splitn(3, ':');
        let first = words.next().unwrap_or_default();
        match words.next() {
            Some(second @ ("pair" | "address" | "account" | "email")) => {
                &self.bucket[..first.len() + 1 + second.len()]
            }
            _ => first,
        }
    }

    /// The same limit, enforced only when `enforced` holds.
    pub fn enforced_if(mut self, enforced: bool) -> Self {
        self.enforced = enforced;
        self
    }
}

/// The events one request recorded; they stay counted unless given back.
#[derive(Debug)]
#[must_use = "slots stay counted until released"]
pub struct Slots(Vec<i64>);

impl Slots {
    /// Gives the slots back: the request turned out not to count (a correct password).
    pub async fn release(self, db: &DatabaseConnection) -> Result<(), DbErr> {
        rate_event::Entity::delete_many()
            .filter(rate_event::Column::Id.is_in(self.0))
            .exec(db)
            .await?;
        Ok(())
    }
}

/// The answer to [`take`].
#[derive(Debug)]
pub enum Taken {
    /// Every enforced limit had room; the events are recorded.
    Granted(Slots),
    /// The limit at this index is full; nothing stays recorded.
    Refused(usize),
}

/// Records one event in every limit's bucket, then refuses if any enforced limit is now
/// over its maximum. Runs outside any transaction so that each count sees every event
/// committed before it; concurrent callers may over-count (and be refused) but never
/// under-count.
pub async fn take(db: &DatabaseConnection, limits: &[Limit]) -> Result<Taken, DbErr> {
    let now = Utc::now();
    let mut ids = Vec::with_capacity(limits.len());
    for limit in limits {
        let inserted = rate_event::Entity::insert(rate_event::ActiveModel {
            id: NotSet,
            bucket: Set(limit.bucket.clone()),
            created_at: Set(now),
        })
        .exec(db)
        .await?;
        ids.push(inserted.last_insert_id);
    }
    for (i, limit) in limits.iter().enumerate() {
        if limit.enforced && count(db, &limit.bucket, limit.window).await? > limit.max {
            Slots(ids).release(db).await?;
            metrics::counter!(REFUSALS, "limit" => limit.kind().to_owned()).increment(1);
            return Ok(Taken::Refused(i));
        }
    }
    Ok(Taken::Granted(Slots(ids)))
}

/// Events in `bucket` within the last `window`.
pub async fn count(db: &DatabaseConnection, bucket: &str, window: TimeDelta) -> Result<u64, DbErr> {
    rate_event::Entity::find()
        .filter(rate_event::Column::Bucket.eq(bucket))
        .filter(rate_event::Column::CreatedAt.gte(Utc::now() - window))
        .count(db)
        .await
}

/// Forgets the events of `bucket` (a log-in from this address succeeded, say).
pub async fn clear(db: &DatabaseConnection, bucket: &str) -> Result<(), DbErr> {
    rate_event::Entity::delete_many()
        .filter(rate_event::Column::Bucket.eq(bucket))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limits_kind_never_holds_what_it_counts() {
        let kind = |bucket: &str| {
            Limit::new(bucket, 1, TimeDelta::minutes(1))
                .kind()
                .to_owned()
        };
        assert_eq!(kind("login:pair:ana@example.com:203.0.113.9"), "login:pair");
        assert_eq!(kind("login:address:203.0.113.9"), "login:address");
        assert_eq!(kind("code:account:17"), "code:account");
        assert_eq!(kind("visit:email:ana@example.com"), "visit:email");
        assert_eq!(kind("contact:2001:db8::1"), "contact");
        assert_eq!(kind("report:203.0.113.9"), "report");
    }
}
