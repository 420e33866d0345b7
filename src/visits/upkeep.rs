//! The visits' part of the hourly housekeeping: requests never confirmed and holds
//! never answered lapse (the client is told of a lapsed hold), clients are reminded
//! the day before a visit and asked for their report the day after, and a client's
//! name, email and note are erased two years after the visit. Each row changes with a
//! conditional update in the transaction of its mail, so two servers running this at
//! once send each mail once.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::Expr,
};

use super::{
    Practice, Status, VisitError,
    links::{self, Purpose},
    mails::Context,
    reports::REPORT_LINK_DAYS,
};
use crate::entities::visit;

/// How long after a visit its client's name, email and note are kept.
pub const KEEP_CLIENT_DETAILS: TimeDelta = TimeDelta::days(730);
/// How long after a visit's end its client is asked for a report.
pub const ASK_REPORT_AFTER: TimeDelta = TimeDelta::days(1);

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
    /// Report links sent.
    pub asked: u64,
    /// Visits whose client details were erased.
    pub erased: u64,
}

/// What one row's change is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Lapse,
    Remind,
    AskReport,
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
        if change_then_mail(db, &row, Step::Lapse, now, public_url).await? {
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
        if change_then_mail(db, &row, Step::Remind, now, public_url).await? {
            done.reminded += 1;
        }
    }
    let passed = visit::Entity::find()
        .filter(visit::Column::Status.eq(Status::Accepted.as_str()))
        .filter(visit::Column::ReportAskedAt.is_null())
        .filter(visit::Column::EndAt.lte(now - ASK_REPORT_AFTER))
        .filter(visit::Column::EndAt.gt(now - TimeDelta::days(REPORT_LINK_DAYS)))
        .order_by_asc(visit::Column::Id)
        .limit(BATCH)
        .all(db)
        .await?;
    for row in passed {
        if change_then_mail(db, &row, Step::AskReport, now, public_url).await? {
            done.asked += 1;
        }
    }
    done.erased = visit::Entity::update_many()
        .col_expr(visit::Column::Name, Expr::value(Option::<String>::None))
        .col_expr(visit::Column::Email, Expr::value(Option::<String>::None))
        .col_expr(visit::Column::Note, Expr::value(Option::<String>::None))
        .filter(visit::Column::EndAt.lt(now - KEEP_CLIENT_DETAILS))
        .filter(
            sea_orm::Condition::any()
                .add(visit::Column::Name.is_not_null())
                .add(visit::Column::Email.is_not_null())
                .add(visit::Column::Note.is_not_null()),
        )
        .exec(db)
        .await?
        .rows_affected;
    Ok(done)
}

/// Lapses a hold, marks a reminder sent or a report asked for, and queues the mail,
/// in one transaction; `false` when another pass changed the row first.
async fn change_then_mail(
    db: &DatabaseConnection,
    row: &visit::Model,
    step: Step,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<bool, DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let update = visit::Entity::update_many().filter(visit::Column::Id.eq(row.id));
    let changed = match step {
        Step::Lapse => update
            .col_expr(visit::Column::Status, Expr::value(Status::Expired.as_str()))
            .col_expr(
                visit::Column::HeldUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(visit::Column::Status.eq(Status::Held.as_str()))
            .filter(visit::Column::HeldUntil.lte(now)),
        Step::Remind => update
            .col_expr(visit::Column::RemindedAt, Expr::value(now))
            .filter(visit::Column::Status.eq(Status::Accepted.as_str()))
            .filter(visit::Column::RemindedAt.is_null())
            .filter(visit::Column::StartAt.eq(row.start_at)),
        Step::AskReport => update
            .col_expr(visit::Column::ReportAskedAt, Expr::value(now))
            .filter(visit::Column::Status.eq(Status::Accepted.as_str()))
            .filter(visit::Column::ReportAskedAt.is_null())
            .filter(visit::Column::EndAt.eq(row.end_at)),
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
        match step {
            Step::Lapse => mail.lapsed(&txn).await?,
            Step::Remind => mail.reminder(&txn).await?,
            Step::AskReport => {
                let until = now + TimeDelta::days(REPORT_LINK_DAYS);
                let secret = links::make(&txn, row.id, Purpose::Report, now, until).await?;
                mail.ask_report(&txn, &secret).await?;
            }
        }
    }
    txn.commit().await?;
    Ok(changed)
}
