//! Visits booked from a practitioner's open times, with no account.
//!
//! A visit moves through these states:
//!
//! ```text
//! unconfirmed ──confirm link──▶ held ──accept──▶ accepted ──cancel──▶ cancelled
//!      │                         │  ├─decline─▶ declined        └──move──▶ accepted
//!      └─24 h──▶ expired         │  ├─propose─▶ held (proposed: the client takes it)
//!                                │  └─24 h────▶ expired
//!                                └─(time taken by another hold first)─▶ taken
//! ```
//!
//! An unconfirmed request takes no time, so strangers cannot fill a calendar; its
//! email's confirmation holds the time for [`HOLD`]. Every change that takes or frees
//! time runs in one write transaction that first takes the practitioner's lock
//! ([`lock`]) and checks the time against the open times inside it, so two people can
//! never both end up booked into one time. Requests take the email's lock and count
//! its pending requests inside it, so no one holds more than [`MAX_PENDING`].
//!
//! Each side acts on a visit through one-time links ([`links`]); invites follow
//! RFC 5545 ([`invite`]).

pub mod feed;
pub mod invite;
pub mod links;
mod mails;
pub mod reports;
pub mod request;
pub mod respond;
pub mod upkeep;

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::{
    entities::{practitioner, user, visit},
    schedule::{self, Busy, Plan},
};

/// How long a confirmed request holds its time for the practitioner's answer.
pub const HOLD: TimeDelta = TimeDelta::hours(24);
/// How long a request waits for its email to be confirmed.
pub const CONFIRM_WITHIN: TimeDelta = TimeDelta::hours(24);
/// Requests one email may have waiting (unconfirmed or held) at once.
pub const MAX_PENDING: u64 = 3;
/// Longest note a request may carry.
pub const MAX_NOTE: usize = 1000;

/// A visit's state, as stored in `visits.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Asked for; the email is not confirmed yet. Takes no time.
    Unconfirmed,
    /// Confirmed; the time is held until `held_until` for the practitioner's answer.
    Held,
    /// Accepted by the practitioner (or a proposal taken by the client).
    Accepted,
    /// Declined by the practitioner.
    Declined,
    /// Cancelled by either side.
    Cancelled,
    /// Not confirmed, or not answered, in time.
    Expired,
    /// Confirmed after another hold had taken the time.
    Taken,
}

impl Status {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unconfirmed => "unconfirmed",
            Self::Held => "held",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
            Self::Taken => "taken",
        }
    }

    /// The state of a stored word; an unknown word reads as expired (it takes no time).
    pub fn of(row: &visit::Model) -> Self {
        match row.status.as_str() {
            "unconfirmed" => Self::Unconfirmed,
            "held" => Self::Held,
            "accepted" => Self::Accepted,
            "declined" => Self::Declined,
            "cancelled" => Self::Cancelled,
            "taken" => Self::Taken,
            _ => Self::Expired,
        }
    }
}

/// Why a change to a visit was refused.
#[derive(Debug, thiserror::Error)]
pub enum VisitError {
    /// Some fields are invalid; nothing was stored.
    #[error("invalid input")]
    Invalid(crate::validation::FieldErrors),
    /// The address or email sent too many requests lately.
    #[error("too many requests")]
    RateLimited,
    /// The practitioner has no working hours (or no zone), so no time can be asked for.
    #[error("no open times")]
    NoTimes,
    /// The email already has [`MAX_PENDING`] requests waiting.
    #[error("too many requests waiting")]
    TooManyPending,
    /// The visit is not in a state that allows this (already answered, lapsed, passed).
    #[error("{0}")]
    Gone(String),
    /// No such visit or link, or not this practitioner's.
    #[error("not found")]
    NotFound,
    /// The database failed; the transaction was rolled back.
    #[error(transparent)]
    Db(#[from] DbErr),
}

pub use crate::db::{LockScope, lock};

/// A stable 64-bit key of an email, for [`lock`].
pub fn email_key(email: &str) -> i64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(email.as_bytes());
    i64::from_le_bytes(digest[..8].try_into().unwrap_or([0; 8]))
}

/// A practice's plan and the visits taking its time at `now` (leaving out `except`),
/// read inside the caller's transaction.
pub async fn plan_and_busy(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
    now: DateTime<Utc>,
    except: Option<i64>,
) -> Result<Option<(Plan, Vec<Busy>)>, DbErr> {
    let Some(plan) = schedule::stored(db, practitioner_id)
        .await?
        .and_then(|s| s.plan())
    else {
        return Ok(None);
    };
    let busy = schedule::busy(db, &[practitioner_id], now, except)
        .await?
        .remove(&practitioner_id)
        .unwrap_or_default();
    Ok(Some((plan, busy)))
}

/// Requests of `email` still waiting at `now`: unconfirmed and not lapsed, or held.
pub async fn pending_of(
    db: &impl ConnectionTrait,
    email: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    visit::Entity::find()
        .filter(visit::Column::Email.eq(email))
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(visit::Column::Status.eq(Status::Unconfirmed.as_str()))
                        .add(visit::Column::ConfirmBy.gt(now)),
                )
                .add(
                    Condition::all()
                        .add(visit::Column::Status.eq(Status::Held.as_str()))
                        .add(visit::Column::HeldUntil.gt(now)),
                ),
        )
        .count(db)
        .await
}

/// The practitioner of a visit, what mail and invites say about them.
#[derive(Debug, Clone)]
pub struct Practice {
    /// The listing.
    pub practitioner: practitioner::Model,
    /// Where the practitioner's mail goes: their account's email, or the public one.
    pub email: Option<String>,
    /// The practice's zone; UTC when its location gives none.
    pub zone: Tz,
    /// The language the practitioner last signed in with, for their mail.
    pub language: crate::i18n::Lang,
}

impl Practice {
    /// Reads a practice.
    pub async fn load(db: &impl ConnectionTrait, practitioner_id: i64) -> Result<Self, VisitError> {
        let practitioner = practitioner::Entity::find_by_id(practitioner_id)
            .one(db)
            .await?
            .ok_or(VisitError::NotFound)?;
        let owner = match practitioner.user_id {
            Some(id) => user::Entity::find_by_id(id).one(db).await?,
            None => None,
        };
        let zone = schedule::stored(db, practitioner_id)
            .await?
            .and_then(|s| s.zone)
            .unwrap_or(Tz::UTC);
        let language = owner
            .as_ref()
            .and_then(|u| crate::i18n::Lang::parse(&u.language))
            .unwrap_or_default();
        Ok(Self {
            language,
            email: owner
                .map(|u| u.email)
                .or_else(|| practitioner.public_email.clone()),
            practitioner,
            zone,
        })
    }

    /// Where the visit takes place, as much as the listing makes public.
    pub fn place(&self) -> String {
        let p = &self.practitioner;
        let town = format!("{}, {}", p.city, p.region_code);
        match (&p.address_line, p.location_precision.as_str()) {
            (Some(line), "address") => format!("{line}, {town}"),
            _ => town,
        }
    }
}

/// Finds a visit by id.
pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<visit::Model, VisitError> {
    visit::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(VisitError::NotFound)
}

/// The visits of a practitioner the inbox shows: waiting ones, and those from 30 days
/// ago on, soonest first.
pub async fn of_practitioner(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<visit::Model>, DbErr> {
    use sea_orm::QueryOrder;
    visit::Entity::find()
        .filter(visit::Column::PractitionerId.eq(practitioner_id))
        .filter(visit::Column::Status.ne(Status::Unconfirmed.as_str()))
        .filter(visit::Column::EndAt.gt(now - TimeDelta::days(30)))
        .order_by_asc(visit::Column::StartAt)
        .all(db)
        .await
}
