//! The visits' part of the hourly housekeeping: requests never confirmed and holds
//! never answered lapse (the client is told of a lapsed hold), and clients are
//! reminded the day before a visit. Each row changes with a conditional update in the
//! transaction of its mail, so two servers running this at once send each mail once.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::Expr,
};

use super::{Practice, Status, VisitError, mails::Context};
use crate::entities::visit;

/// Rows one pass changes of each kind, at most; the next pass takes the rest.
const BATCH: u64 = 500;

/// What one pass did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Upkeep {
    /// Unconfirmed requests that lapsed.
    pub unconfirmed: u64,
    /// Holds that lapsed without an answer; their practitioners, whose open times changed.
    pub lapsed: Vec<i64>,
    /// Reminders queued.
    pub reminded: u64,
}

/// Runs the pass at `now`.
pub async fn run(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<Upkeep, VisitError> {
    let mut done = Upkeep {
        unconfirmed: visit::Entity::update_many()
            .col_expr(visit::Column::Status, Expr::value(Status::Expired.as_str()))
            .filter(visit::Column::Status.eq(Status::Unconfirmed.as_str()))
            .filter(visit::Column::ConfirmBy.lte(now))
            .exec(db)
            .await?
            .rows_affected,
        ..Upkeep::default()
    };
    let lapsed = visit::Entity::find()
        .filter(visit::Column::Status.eq(Status::Held.as_str()))
        .filter(visit::Column::HeldUntil.lte(now))
        .order_by_asc(visit::Column::Id)
        .limit(BATCH)
        .all(db)
        .await?;
    for row in lapsed {
        if change_then_mail(db, &row, Status::Held, now, public_url).await? {
            done.lapsed.push(row.practitioner_id);
        }
    }
    let due = visit::Entity::find()
        .filter(visit::Column::Status.eq(Status::Accepted.as_str()))
        .filter(visit::Column::RemindedAt.is_null())
        .filter(visit::Column::StartAt.gt(now))
        .filter(visit::Column::StartAt.lte(now + TimeDelta::hours(24)))
        .order_by_asc(visit::Column::Id)
        .limit(BATCH)
        .all(db)
        .await?;
    for row in due {
        if change_then_mail(db, &row, Status::Accepted, now, public_url).await? {
            done.reminded += 1;
        }
    }
    Ok(done)
}

/// Lapses a hold (`from` held) or marks a reminder sent (`from` accepted), and queues
/// the mail, in one transaction; `false` when another pass changed the row first.
async fn change_then_mail(
    db: &DatabaseConnection,
    row: &visit::Model,
    from: Status,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<bool, DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let update = visit::Entity::update_many()
        .filter(visit::Column::Id.eq(row.id))
        .filter(visit::Column::Status.eq(from.as_str()));
    let changed = if from == Status::Held {
        update
            .col_expr(visit::Column::Status, Expr::value(Status::Expired.as_str()))
            .col_expr(
                visit::Column::HeldUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(visit::Column::HeldUntil.lte(now))
    } else {
        update
            .col_expr(visit::Column::RemindedAt, Expr::value(now))
            .filter(visit::Column::RemindedAt.is_null())
            .filter(visit::Column::StartAt.eq(row.start_at))
    }
    .exec(&txn)
    .await?
    .rows_affected
        == 1;
    if changed {
        let practice = match Practice::load(&txn, row.practitioner_id).await {
            Ok(practice) => practice,
            Err(VisitError::Db(e)) => return Err(e),
            Err(_) => return Ok(false),
        };
        let mail = Context {
            practice: &practice,
            visit: row,
            public_url,
            now,
        };
        if from == Status::Held {
            mail.lapsed(&txn).await?;
        } else {
            mail.reminder(&txn).await?;
        }
    }
    txn.commit().await?;
    Ok(changed)
}
