//! The answers to a held request (accept, decline, propose another time) from the
//! practitioner's inbox, and what either side does through its one-time link: take a
//! proposed time, cancel, or move. Each runs in one write transaction under the
//! practitioner's lock, and each change of a booked visit sends both sides the
//! matching calendar update.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{ActiveValue::Set, DatabaseConnection, DatabaseTransaction, EntityTrait};

use super::{
    HOLD, LockScope, Practice, Status, VisitError,
    links::{self, Opened, Purpose},
    lock,
    mails::{Booked, Context},
    plan_and_busy,
};
use crate::{entities::visit, schedule::Minute, validation::FieldErrors};

/// The practitioner's answer to a held request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Book it.
    Accept,
    /// Say no.
    Decline,
    /// Offer another time instead; the client takes it or not.
    Propose {
        /// The new start, one of the open times.
        start: DateTime<Utc>,
        /// Its length.
        minutes: Minute,
    },
}

/// What a side does through its link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Take the time the practitioner proposed (the client).
    TakeProposal,
    /// Withdraw a request, decline a proposal, or cancel a booked visit.
    Cancel,
    /// Move a booked visit to another open time.
    Move {
        /// The new start, one of the open times.
        start: DateTime<Utc>,
        /// Its length.
        minutes: Minute,
    },
}

/// The practitioner `practitioner_id` answers visit `visit_id`.
pub async fn answer(
    db: &DatabaseConnection,
    practitioner_id: i64,
    visit_id: i64,
    answer: Answer,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<visit::Model, VisitError> {
    let txn = crate::db::begin_write(db).await?;
    lock(&txn, LockScope::Practitioner, practitioner_id).await?;
    let visit = super::find(&txn, visit_id).await?;
    if visit.practitioner_id != practitioner_id {
        return Err(VisitError::NotFound);
    }
    let waiting = Status::of(&visit) == Status::Held
        && visit.held_until.is_some_and(|until| until > now)
        && !visit.proposed;
    if !waiting {
        return Err(VisitError::Gone(crate::i18n::text(
            crate::i18n::Lang::current(),
            "visit-err-not-waiting",
        )));
    }
    let practice = Practice::load(&txn, practitioner_id).await?;
    links::end_all(&txn, visit.id, now).await?;
    let changed = match answer {
        Answer::Accept => {
            book(
                &txn,
                &practice,
                visit,
                None,
                Booked::Confirmed,
                public_url,
                now,
            )
            .await?
        }
        Answer::Decline => {
            let mut row: visit::ActiveModel = visit.into();
            row.status = Set(Status::Declined.as_str().to_owned());
            row.held_until = Set(None);
            let declined = visit::Entity::update(row).exec(&txn).await?;
            context(&practice, &declined, public_url, now)
                .declined(&txn)
                .await?;
            declined
        }
        Answer::Propose { start, minutes } => {
            check_open(&txn, &visit, start, minutes, now).await?;
            let mut row: visit::ActiveModel = visit.into();
            row.start_at = Set(start);
            row.end_at = Set(start + TimeDelta::minutes(i64::from(minutes)));
            row.minutes = Set(i32::from(minutes));
            row.proposed = Set(true);
            row.held_until = Set(Some((now + HOLD).min(start)));
            let proposed = visit::Entity::update(row).exec(&txn).await?;
            let secret =
                links::make(&txn, proposed.id, Purpose::Client, now, proposed.end_at).await?;
            context(&practice, &proposed, public_url, now)
                .proposed(&txn, &secret)
                .await?;
            proposed
        }
    };
    txn.commit().await?;
    Ok(changed)
}

/// Acts on a visit through a link of the client's or the practitioner's.
pub async fn act(
    db: &DatabaseConnection,
    opened: &Opened,
    act: Act,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<visit::Model, VisitError> {
    let by_client = match opened.purpose {
        Purpose::Client => true,
        Purpose::Practitioner => false,
        Purpose::Confirm | Purpose::Report => return Err(VisitError::NotFound),
    };
    let txn = crate::db::begin_write(db).await?;
    lock(&txn, LockScope::Practitioner, opened.visit.practitioner_id).await?;
    let visit = super::find(&txn, opened.visit.id).await?;
    links::spend(&txn, &opened.link, now).await?;
    let status = Status::of(&visit);
    let held = status == Status::Held && visit.held_until.is_some_and(|until| until > now);
    let booked = status == Status::Accepted && visit.start_at > now;
    let client = opened.purpose == Purpose::Client;
    let allowed = match act {
        Act::TakeProposal => client && held && visit.proposed,
        Act::Cancel => booked || (client && held),
        Act::Move { .. } => booked,
    };
    if !allowed {
        return Err(VisitError::Gone(match status {
            Status::Cancelled => {
                crate::i18n::text(crate::i18n::Lang::current(), "visit-err-cancelled")
            }
            Status::Declined => {
                crate::i18n::text(crate::i18n::Lang::current(), "visit-err-declined")
            }
            Status::Accepted if visit.start_at <= now => {
                crate::i18n::text(crate::i18n::Lang::current(), "visit-err-past")
            }
            _ => crate::i18n::text(crate::i18n::Lang::current(), "visit-err-unchangeable"),
        }));
    }
    let practice = Practice::load(&txn, visit.practitioner_id).await?;
    links::end_all(&txn, visit.id, now).await?;
    let changed = match act {
        Act::TakeProposal => {
            book(
                &txn,
                &practice,
                visit,
                None,
                Booked::Confirmed,
                public_url,
                now,
            )
            .await?
        }
        Act::Move { start, minutes } => {
            check_open(&txn, &visit, start, minutes, now).await?;
            book(
                &txn,
                &practice,
                visit,
                Some((start, minutes)),
                Booked::Moved,
                public_url,
                now,
            )
            .await?
        }
        Act::Cancel => {
            let was_booked = status == Status::Accepted;
            let mut row: visit::ActiveModel = visit.clone().into();
            row.status = Set(Status::Cancelled.as_str().to_owned());
            row.held_until = Set(None);
            if was_booked {
                row.sequence = Set(visit.sequence + 1);
            }
            let cancelled = visit::Entity::update(row).exec(&txn).await?;
            let mail = context(&practice, &cancelled, public_url, now);
            if was_booked {
                mail.cancelled(&txn, by_client).await?;
            } else {
                mail.withdrawn(&txn).await?;
            }
            cancelled
        }
    };
    txn.commit().await?;
    Ok(changed)
}

fn context<'a>(
    practice: &'a Practice,
    visit: &'a visit::Model,
    public_url: &'a str,
    now: DateTime<Utc>,
) -> Context<'a> {
    Context {
        practice,
        visit,
        public_url,
        now,
    }
}

/// Refuses a new time for `visit` that is not one of the open times (its own time
/// counted as free).
async fn check_open(
    txn: &DatabaseTransaction,
    visit: &visit::Model,
    start: DateTime<Utc>,
    minutes: Minute,
    now: DateTime<Utc>,
) -> Result<(), VisitError> {
    let open = plan_and_busy(txn, visit.practitioner_id, now, Some(visit.id))
        .await?
        .is_some_and(|(plan, busy)| plan.offers(&busy, now, start, minutes));
    if open {
        return Ok(());
    }
    let mut errors = FieldErrors::new();
    errors.insert(
        "start".into(),
        crate::i18n::text_with(
            crate::i18n::Lang::current(),
            "visit-err-not-open",
            [("minutes", minutes.into())],
        ),
    );
    Err(VisitError::Invalid(errors))
}

/// Books a visit (at a new time when `to` is given): accepted, the invite's sequence
/// moved on for an update, fresh links for both sides, and the invite sent to both.
async fn book(
    txn: &DatabaseTransaction,
    practice: &Practice,
    visit: visit::Model,
    to: Option<(DateTime<Utc>, Minute)>,
    subject: Booked,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<visit::Model, VisitError> {
    let was_booked = Status::of(&visit) == Status::Accepted;
    let mut row: visit::ActiveModel = visit.clone().into();
    if let Some((start, minutes)) = to {
        row.start_at = Set(start);
        row.end_at = Set(start + TimeDelta::minutes(i64::from(minutes)));
        row.minutes = Set(i32::from(minutes));
        row.reminded_at = Set(None);
    }
    row.status = Set(Status::Accepted.as_str().to_owned());
    row.held_until = Set(None);
    row.proposed = Set(false);
    if was_booked {
        row.sequence = Set(visit.sequence + 1);
    } else {
        row.accepted_at = Set(Some(now));
    }
    let booked = visit::Entity::update(row).exec(txn).await?;
    let client = links::make(txn, booked.id, Purpose::Client, now, booked.end_at).await?;
    let own = links::make(txn, booked.id, Purpose::Practitioner, now, booked.end_at).await?;
    context(practice, &booked, public_url, now)
        .booked(txn, subject, &client, &own)
        .await?;
    Ok(booked)
}
