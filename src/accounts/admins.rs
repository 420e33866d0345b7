//! The directory's admins: invited by another admin from the site (a one-time link,
//! 72 hours, through which the invitee sets a password and an authenticator app in one
//! step), listed, and removed, never down to none. The CLI's `admin create` makes the
//! first one.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    NotSet, PaginatorTrait, QueryFilter, QueryOrder, sea_query::Expr,
};
use serde_json::json;

use super::{
    ADMIN_ROLE, end_all_sessions, factors, normalise_email, passwords, secrets, valid_email,
};
use crate::{
    audit,
    db::{LockScope, lock},
    entities::{one_time_token, recovery_code, totp_factor, user},
    i18n::Lang,
    mail,
    validation::FieldErrors,
};

/// How long an invitation link works.
pub const INVITE_HOURS: i64 = 72;
/// The role of an invited account until the invitation is accepted: it cannot log in.
pub const INVITED_ROLE: &str = "invited";
/// The role of a removed admin: it cannot log in.
pub const REMOVED_ROLE: &str = "removed";

const INVITE: &str = "admin_invite";

/// Why a change to the admins failed.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    /// Some fields are invalid.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// The invitation link is unknown, used or expired.
    #[error("{}", super::say("inv-bad-token"))]
    BadToken,
    /// The change would leave no admin, or acts on the admin's own account (the
    /// message's key).
    #[error("{}", super::say(.0))]
    Refused(&'static str),
    /// No such admin.
    #[error("not found")]
    NotFound,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbErr),
}

fn invalid(field: &str, message: &str) -> TeamError {
    TeamError::Invalid(FieldErrors::from([(field.to_owned(), message.to_owned())]))
}

/// Invites `email` to be an admin: mails a one-time link. Inviting an address again
/// sends a new link and ends the old one. An address with an account of its own is
/// refused: admins have accounts of their own.
pub async fn invite(
    db: &DatabaseConnection,
    by: i64,
    email: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<(), TeamError> {
    let email = normalise_email(email);
    if !valid_email(&email) || email.chars().any(char::is_control) {
        return Err(invalid("email", &super::say("edit-email")));
    }
    let txn = crate::db::begin_write(db).await?;
    let invited = match user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(&txn)
        .await?
    {
        Some(u) if u.role == INVITED_ROLE => u,
        Some(_) => {
            return Err(invalid("email", &super::say("inv-has-account")));
        }
        None => {
            user::ActiveModel {
                id: NotSet,
                email: Set(email.clone()),
                // Not a PHC string: no password matches it.
                password_hash: Set("!".into()),
                role: Set(INVITED_ROLE.into()),
                email_verified_at: Set(None),
                created_at: Set(now),
                language: Set(Lang::current().code().into()),
            }
            .insert(&txn)
            .await?
        }
    };
    one_time_token::Entity::update_many()
        .col_expr(one_time_token::Column::UsedAt, Expr::value(now))
        .filter(one_time_token::Column::UserId.eq(invited.id))
        .filter(one_time_token::Column::Purpose.eq(INVITE))
        .filter(one_time_token::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    let token = secrets::random_token();
    one_time_token::Entity::insert(one_time_token::ActiveModel {
        id: Set(secrets::token_hash(&token)),
        user_id: Set(invited.id),
        purpose: Set(INVITE.to_owned()),
        expires_at: Set(now + TimeDelta::hours(INVITE_HOURS)),
        used_at: Set(None),
        created_at: Set(now),
    })
    .exec(&txn)
    .await?;
    mail::enqueue(
        &txn,
        &email,
        &super::say("mail-invite-subject"),
        &super::say_in(
            Lang::current(),
            "mail-invite",
            [
                ("hours", INVITE_HOURS.into()),
                (
                    "link",
                    format!("{public_url}/admin-invite?token={token}").into(),
                ),
            ],
        ),
    )
    .await?;
    audit::record(
        &txn,
        Some(by),
        "admin.invite",
        audit::Subject {
            kind: "user",
            id: &invited.id.to_string(),
        },
        None,
        Some(json!({"email": email})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The invited account behind a live invitation link.
pub async fn invitation(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<user::Model>, DbErr> {
    if !secrets::looks_like_token(token) {
        return Ok(None);
    }
    let Some(row) = one_time_token::Entity::find_by_id(secrets::token_hash(token))
        .one(db)
        .await?
        .filter(|t| t.purpose == INVITE && t.used_at.is_none() && t.expires_at > now)
    else {
        return Ok(None);
    };
    Ok(user::Entity::find_by_id(row.user_id)
        .one(db)
        .await?
        .filter(|u| u.role == INVITED_ROLE))
}

/// What an invitee sends: the link's token, a password, and the new app's secret
/// with its first code.
#[derive(Debug, Clone, Copy)]
pub struct Acceptance<'a> {
    /// The invitation link's token.
    pub token: &'a str,
    /// The chosen password.
    pub password: &'a str,
    /// The authenticator secret shown on the page.
    pub secret: &'a str,
    /// The first code from the app.
    pub code: &'a str,
}

/// Accepts an invitation: the password, the app and the admin role, all at once or not
/// at all; the link works once. Returns the admin and their recovery codes.
pub async fn accept(
    db: &DatabaseConnection,
    input: Acceptance<'_>,
    now: DateTime<Utc>,
) -> Result<(user::Model, Vec<String>), TeamError> {
    let mut errors = FieldErrors::new();
    if let Some(message) = passwords::check_new(input.password) {
        errors.insert("password".into(), message);
    }
    let step = match factors::step_for_enrolment(input.secret, input.code, now) {
        Ok(step) => Some(step),
        Err(e) => {
            errors.insert("code".into(), e.to_string());
            None
        }
    };
    let (Some(step), true) = (step, errors.is_empty()) else {
        return Err(TeamError::Invalid(errors));
    };
    let hash = passwords::hash_off_thread(input.password)
        .await
        .map_err(DbErr::Custom)?;
    let txn = crate::db::begin_write(db).await?;
    let row = one_time_token::Entity::find_by_id(secrets::token_hash(input.token))
        .one(&txn)
        .await?
        .filter(|t| t.purpose == INVITE)
        .ok_or(TeamError::BadToken)?;
    let used = one_time_token::Entity::update_many()
        .col_expr(one_time_token::Column::UsedAt, Expr::value(now))
        .filter(one_time_token::Column::Id.eq(row.id.clone()))
        .filter(one_time_token::Column::UsedAt.is_null())
        .filter(one_time_token::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    let invited = user::Entity::find_by_id(row.user_id)
        .one(&txn)
        .await?
        .filter(|u| u.role == INVITED_ROLE && used.rows_affected == 1)
        .ok_or(TeamError::BadToken)?;
    let mut active: user::ActiveModel = invited.into();
    active.role = Set(ADMIN_ROLE.into());
    active.password_hash = Set(hash);
    active.email_verified_at = Set(Some(now));
    let admin = active.update(&txn).await?;
    let codes = factors::install_totp(&txn, admin.id, input.secret, step, now)
        .await?
        .unwrap_or_default();
    factors::record(
        &txn,
        admin.id,
        admin.id,
        "admin.invite_accepted",
        json!({"email": admin.email, "second_factor": "totp"}),
    )
    .await?;
    txn.commit().await?;
    Ok((admin, codes))
}

/// One admin, or one invitation still open, as the admins' page lists them.
#[derive(Debug, Clone)]
pub struct Member {
    /// The account.
    pub user: user::Model,
    /// Whether it has an authenticator app.
    pub totp: bool,
    /// Recovery codes left.
    pub recovery_left: u64,
}

/// The admins and the open invitations, oldest first.
pub async fn members(db: &DatabaseConnection) -> Result<Vec<Member>, DbErr> {
    let users = user::Entity::find()
        .filter(user::Column::Role.is_in([ADMIN_ROLE, INVITED_ROLE]))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(users.len());
    for u in users {
        let found = factors::of(db, u.id).await?;
        out.push(Member {
            totp: found.totp,
            recovery_left: found.recovery_left,
            user: u,
        });
    }
    Ok(out)
}

/// Removes an admin (or withdraws an invitation): the account can no longer log in,
/// its sessions and factors end. The last admin cannot be removed, however many
/// removals race: they take the admins' lock one at a time.
pub async fn remove(db: &DatabaseConnection, by: i64, target: i64) -> Result<(), TeamError> {
    if by == target {
        return Err(TeamError::Refused("adm-no-self-removal"));
    }
    let txn = crate::db::begin_write(db).await?;
    lock(&txn, LockScope::Admins, 0).await?;
    let found = user::Entity::find_by_id(target)
        .one(&txn)
        .await?
        .filter(|u| u.role == ADMIN_ROLE || u.role == INVITED_ROLE)
        .ok_or(TeamError::NotFound)?;
    let admins = user::Entity::find()
        .filter(user::Column::Role.eq(ADMIN_ROLE))
        .count(&txn)
        .await?;
    if found.role == ADMIN_ROLE && admins <= 1 {
        return Err(TeamError::Refused("adm-last-admin"));
    }
    let before = found.role.clone();
    let mut active: user::ActiveModel = found.into();
    active.role = Set(REMOVED_ROLE.into());
    active.update(&txn).await?;
    end_all_sessions(&txn, target).await?;
    totp_factor::Entity::delete_by_id(target).exec(&txn).await?;
    crate::entities::passkey::Entity::delete_many()
        .filter(crate::entities::passkey::Column::UserId.eq(target))
        .exec(&txn)
        .await?;
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(target))
        .exec(&txn)
        .await?;
    one_time_token::Entity::delete_many()
        .filter(one_time_token::Column::UserId.eq(target))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Some(by),
        "admin.remove",
        audit::Subject {
            kind: "user",
            id: &target.to_string(),
        },
        Some(json!({"role": before})),
        Some(json!({"role": REMOVED_ROLE})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Resets the second factor of another admin who lost theirs (see
/// [`factors::reset`]): they log in again with their password and enrol anew.
pub async fn reset_second_factor(
    db: &DatabaseConnection,
    by: i64,
    target: i64,
) -> Result<(), TeamError> {
    if by == target {
        return Err(TeamError::Refused("adm-no-self-reset"));
    }
    let found = user::Entity::find_by_id(target)
        .one(db)
        .await?
        .filter(|u| u.role == ADMIN_ROLE)
        .ok_or(TeamError::NotFound)?;
    factors::reset(db, by, &found).await?;
    Ok(())
}
