//! One-time links that act on a visit: the client's email confirmation, and each
//! side's link to cancel or move. Only the SHA-256 of a link's secret is stored. A
//! link works once: using it marks it used in the same transaction as the change it
//! makes, so a link followed twice, or twice at once, acts once.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    sea_query::Expr,
};

use super::VisitError;
use crate::{
    accounts::secrets::{looks_like_token, random_token, token_hash},
    entities::{visit, visit_link},
};

/// Who a link is for, and so what it may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirms the client's email, which holds the time.
    Confirm,
    /// The client's link: withdraw, take a proposed time, cancel or move.
    Client,
    /// The practitioner's link: cancel or move.
    Practitioner,
    /// The client's link to report on a visit after it, and to delete the report;
    /// it works for 30 days and is not spent by the report (one report per visit).
    Report,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::Confirm => "confirm",
            Self::Client => "client",
            Self::Practitioner => "practitioner",
            Self::Report => "report",
        }
    }

    fn of(word: &str) -> Option<Self> {
        match word {
            "confirm" => Some(Self::Confirm),
            "client" => Some(Self::Client),
            "practitioner" => Some(Self::Practitioner),
            "report" => Some(Self::Report),
            _ => None,
        }
    }
}

/// Makes a link for a visit, valid until `expires_at`; returns its secret.
pub async fn make(
    db: &impl ConnectionTrait,
    visit_id: i64,
    purpose: Purpose,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<String, DbErr> {
    let secret = random_token();
    visit_link::Entity::insert(visit_link::ActiveModel {
        id: Set(token_hash(&secret)),
        visit_id: Set(visit_id),
        purpose: Set(purpose.as_str().to_owned()),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(now),
    })
    .exec(db)
    .await?;
    Ok(secret)
}

/// A live link and its visit.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The stored link.
    pub link: visit_link::Model,
    /// Who it is for.
    pub purpose: Purpose,
    /// Its visit.
    pub visit: visit::Model,
}

/// The link of a secret and its visit, if it is unused and not expired at `now`.
pub async fn open(
    db: &impl ConnectionTrait,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Opened, VisitError> {
    let gone = || {
        VisitError::Gone(
            "This link has been used already or has expired. The latest email about your visit has a link that works."
                .into(),
        )
    };
    if !looks_like_token(secret) {
        return Err(VisitError::NotFound);
    }
    let link = visit_link::Entity::find_by_id(token_hash(secret))
        .one(db)
        .await?
        .ok_or(VisitError::NotFound)?;
    if link.used_at.is_some() || link.expires_at <= now {
        return Err(gone());
    }
    let purpose = Purpose::of(&link.purpose).ok_or(VisitError::NotFound)?;
    let visit = super::find(db, link.visit_id).await?;
    Ok(Opened {
        link,
        purpose,
        visit,
    })
}

/// Marks a link used, inside the transaction of the change it makes; fails when
/// another use came first.
pub async fn spend(
    db: &impl ConnectionTrait,
    link: &visit_link::Model,
    now: DateTime<Utc>,
) -> Result<(), VisitError> {
    let done = visit_link::Entity::update_many()
        .col_expr(visit_link::Column::UsedAt, Expr::value(now))
        .filter(visit_link::Column::Id.eq(link.id.clone()))
        .filter(visit_link::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if done.rows_affected == 1 {
        Ok(())
    } else {
        Err(VisitError::Gone(
            "This link has been used already. The latest email about your visit has a link that works."
                .into(),
        ))
    }
}

/// Ends every unused link of a visit: it changed, and the mail about the change
/// carries new links.
pub async fn end_all(
    db: &impl ConnectionTrait,
    visit_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    visit_link::Entity::update_many()
        .col_expr(visit_link::Column::UsedAt, Expr::value(now))
        .filter(visit_link::Column::VisitId.eq(visit_id))
        .filter(visit_link::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
