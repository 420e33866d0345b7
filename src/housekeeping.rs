//! Pruning: rows that have served their purpose are deleted, so tables do not grow
//! without bound however long the site runs. Expired sessions and one-time tokens, used
//! one-time tokens, rate-limit events older than any window, finished jobs and sent mail
//! after a grace period in which admins can still look at them.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::{
    entities::{job, mail, one_time_token, rate_event, session, visit_link},
    throttle,
};

/// How long finished jobs are kept: long enough for a rebuild to find the jobs that
/// ran while it was filling the new index (`jobs::REBUILD_OVERLAP`), and for admins
/// to look back a day.
pub const KEEP_DONE_JOBS: TimeDelta = TimeDelta::days(1);

/// How long sent mail is kept (its links have long expired by then).
pub const KEEP_SENT_MAIL: TimeDelta = TimeDelta::days(7);

/// How long a visit's used or expired link is kept, so following it says "used" or
/// "expired" rather than "no such link".
pub const KEEP_VISIT_LINKS: TimeDelta = TimeDelta::days(30);

/// Rows deleted by one pruning pass, per table.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pruned {
    /// Sessions past their expiry.
    pub sessions: u64,
    /// One-time tokens used or past their expiry, and visit links [`KEEP_VISIT_LINKS`]
    /// after that.
    pub tokens: u64,
    /// Rate-limit events older than the longest window.
    pub rate_events: u64,
    /// Jobs finished more than [`KEEP_DONE_JOBS`] ago.
    pub jobs: u64,
    /// Mail sent more than [`KEEP_SENT_MAIL`] ago.
    pub mail: u64,
    /// Index changes older than [`crate::jobs::changes::KEEP`].
    pub index_changes: u64,
}

impl Pruned {
    /// Rows deleted in all.
    pub fn total(&self) -> u64 {
        self.sessions + self.tokens + self.rate_events + self.jobs + self.mail + self.index_changes
    }
}

/// Deletes what is no longer needed as of `now`.
pub async fn prune(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Pruned, DbErr> {
    let sessions = session::Entity::delete_many()
        .filter(session::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?
        .rows_affected;
    let tokens = one_time_token::Entity::delete_many()
        .filter(
            Condition::any()
                .add(one_time_token::Column::ExpiresAt.lt(now))
                .add(one_time_token::Column::UsedAt.is_not_null()),
        )
        .exec(db)
        .await?
        .rows_affected
        + visit_link::Entity::delete_many()
            .filter(
                Condition::any()
                    .add(visit_link::Column::ExpiresAt.lt(now - KEEP_VISIT_LINKS))
                    .add(visit_link::Column::UsedAt.lt(now - KEEP_VISIT_LINKS)),
            )
            .exec(db)
            .await?
            .rows_affected;
    let rate_events = rate_event::Entity::delete_many()
        .filter(rate_event::Column::CreatedAt.lt(now - throttle::LONGEST_WINDOW))
        .exec(db)
        .await?
        .rows_affected;
    let jobs = job::Entity::delete_many()
        .filter(job::Column::Status.eq("done"))
        .filter(job::Column::UpdatedAt.lt(now - KEEP_DONE_JOBS))
        .exec(db)
        .await?
        .rows_affected;
    let mail = mail::Entity::delete_many()
        .filter(mail::Column::SentAt.lt(now - KEEP_SENT_MAIL))
        .exec(db)
        .await?
        .rows_affected;
    let index_changes = crate::jobs::changes::prune(db, now).await?;
    Ok(Pruned {
        sessions,
        tokens,
        rate_events,
        jobs,
        mail,
        index_changes,
    })
}
