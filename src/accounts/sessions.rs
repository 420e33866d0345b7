//! Database sessions: the browser holds a random token, the table its SHA-256, with
//! the time the session's second factor was last checked.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    sea_query::Expr,
};

use super::{SESSION_DAYS, secrets};
use crate::entities::{session, user};

/// Starts a session, with the time its second factor was checked if it was, and
/// remembers the request's language as the person's, for mail sent them later; returns
/// the token for the cookie.
pub async fn start_session(
    db: &impl ConnectionTrait,
    user_id: i64,
    second_factor_at: Option<DateTime<Utc>>,
) -> Result<String, DbErr> {
    let token = secrets::random_token();
    let now = Utc::now();
    session::Entity::insert(session::ActiveModel {
        id: Set(secrets::token_hash(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + TimeDelta::days(SESSION_DAYS)),
        second_factor_at: Set(second_factor_at),
    })
    .exec(db)
    .await?;
    user::Entity::update_many()
        .col_expr(
            user::Column::Language,
            Expr::value(crate::i18n::Lang::current().code()),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(token)
}

/// The language a person last signed in with (English for an unknown code).
pub async fn language_of(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<crate::i18n::Lang, DbErr> {
    Ok(user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .and_then(|u| crate::i18n::Lang::parse(&u.language))
        .unwrap_or_default())
}

/// A live session and its user.
#[derive(Debug, Clone)]
pub struct SignedSession {
    /// The user.
    pub user: user::Model,
    /// When the session's second factor was last checked, if ever.
    pub second_factor_at: Option<DateTime<Utc>>,
}

/// The user of a live session.
pub async fn session_user(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<SignedSession>, DbErr> {
    let Some(s) = session::Entity::find_by_id(secrets::token_hash(token))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if s.expires_at <= now {
        return Ok(None);
    }
    Ok(user::Entity::find_by_id(s.user_id)
        .one(db)
        .await?
        .map(|user| SignedSession {
            user,
            second_factor_at: s.second_factor_at,
        }))
}

/// Ends one session.
pub async fn end_session(db: &impl ConnectionTrait, token: &str) -> Result<(), DbErr> {
    session::Entity::delete_by_id(secrets::token_hash(token))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a user.
pub async fn end_all_sessions(db: &impl ConnectionTrait, user_id: i64) -> Result<(), DbErr> {
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}
