//! Second factors: authenticator codes (TOTP) and recovery codes; the half-finished
//! log-in that waits for one; and the step-up time on a session. Wrong codes are
//! throttled like passwords; a TOTP code is accepted once (its step is recorded by a
//! conditional update, so two requests racing with one code cannot both pass); a
//! recovery code is used once the same way. Every enrolment, removal, reset and
//! failed check goes to the audit log.

pub mod passkeys;
pub mod recovery;
pub mod totp;

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, sea_query::Expr,
};
use serde_json::json;

use super::{FAILURE_WINDOW_MINUTES, secrets};
use crate::{
    audit,
    entities::{one_time_token, recovery_code, session, totp_factor, user},
    mail,
    throttle::{self, Limit, Taken},
};

/// How recent a second-factor check must be for an admin's decision.
pub const STEP_UP_MINUTES: i64 = 10;
/// How long a log-in may wait between the password and the second factor.
pub const PENDING_MINUTES: i64 = 5;
/// Wrong codes on one account from one address, within the window.
pub const PAIR_FAILURES: u64 = 5;
/// Wrong codes from one address on any accounts, within the window.
pub const ADDRESS_FAILURES: u64 = 20;
/// Wrong codes on one account from everywhere, within the window, before the account
/// takes codes only from browsers it knows (whose codes are still checked).
pub const ACCOUNT_FAILURES: u64 = 50;

const PENDING: &str = "second_factor_login";

/// Why a second-factor action failed.
#[derive(Debug, thiserror::Error)]
pub enum FactorError {
    /// The code is wrong, already used or not a code at all (the message's key).
    #[error("{}", crate::accounts::say(.0))]
    WrongCode(&'static str),
    /// Too many wrong codes (the message's key).
    #[error("{}", crate::accounts::say(.0))]
    Throttled(&'static str),
    /// The change is not allowed, such as an admin's last factor (the message's key).
    #[error("{}", crate::accounts::say(.0))]
    Refused(&'static str),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// What an account has.
#[derive(Debug, Clone, Copy, Default)]
pub struct Factors {
    /// An authenticator app.
    pub totp: bool,
    /// Recovery codes not used yet.
    pub recovery_left: u64,
    /// Passkeys.
    pub passkeys: u64,
}

impl Factors {
    /// Whether the account has a second factor (recovery codes alone are not one).
    pub fn any(&self) -> bool {
        self.totp || self.passkeys > 0
    }
}

/// The account's factors.
pub async fn of(db: &impl ConnectionTrait, user_id: i64) -> Result<Factors, DbErr> {
    let totp = totp_factor::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .is_some();
    let recovery_left = recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await?;
    let passkeys = crate::entities::passkey::Entity::find()
        .filter(crate::entities::passkey::Column::UserId.eq(user_id))
        .count(db)
        .await?;
    Ok(Factors {
        totp,
        recovery_left,
        passkeys,
    })
}

fn unix(now: DateTime<Utc>) -> u64 {
    u64::try_from(now.timestamp()).unwrap_or_default()
}

fn step_of(step: u64) -> i64 {
    i64::try_from(step).unwrap_or(i64::MAX)
}

/// The step of the first code from a new app, or why it is refused.
pub(super) fn step_for_enrolment(
    secret: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<u64, FactorError> {
    totp::matching_step(secret, code, unix(now)).ok_or(FactorError::WrongCode("sec-code-mismatch"))
}

/// Stores an app whose first code was of `step`, in place of any earlier app; returns a
/// first set of recovery codes when the account had none left.
pub(super) async fn install_totp(
    txn: &impl ConnectionTrait,
    user_id: i64,
    secret: &str,
    step: u64,
    now: DateTime<Utc>,
) -> Result<Option<Vec<String>>, DbErr> {
    totp_factor::Entity::delete_by_id(user_id).exec(txn).await?;
    totp_factor::Entity::insert(totp_factor::ActiveModel {
        user_id: Set(user_id),
        secret: Set(secret.to_owned()),
        last_step: Set(step_of(step)),
        created_at: Set(now),
    })
    .exec(txn)
    .await?;
    first_recovery_codes(txn, user_id, now).await
}

/// A first set of recovery codes when the account has none left.
pub(super) async fn first_recovery_codes(
    txn: &impl ConnectionTrait,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<Vec<String>>, DbErr> {
    let left = recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(txn)
        .await?;
    Ok(if left == 0 {
        Some(replace_recovery_codes(txn, user_id, now).await?)
    } else {
        None
    })
}

/// Enrols an authenticator app after checking one code from it; replaces an earlier
/// app. Returns a first set of recovery codes when the account had none left.
pub async fn enrol_totp(
    db: &DatabaseConnection,
    found: &user::Model,
    secret: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Option<Vec<String>>, FactorError> {
    let step = step_for_enrolment(secret, code, now)?;
    let txn = crate::db::begin_write(db).await?;
    let codes = install_totp(&txn, found.id, secret, step, now).await?;
    record(
        &txn,
        found.id,
        found.id,
        "second_factor.enrol",
        json!({"kind": "totp"}),
    )
    .await?;
    let lang = crate::i18n::Lang::current();
    mail::enqueue(
        &txn,
        &found.email,
        &super::say_in(lang, "mail-app-added-subject", []),
        &super::say_in(lang, "mail-app-added", []),
    )
    .await?;
    txn.commit().await?;
    Ok(codes)
}

/// A new set of recovery codes, which ends the old set; the codes are returned once.
pub async fn new_recovery_codes(
    db: &DatabaseConnection,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<String>, DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let codes = replace_recovery_codes(&txn, user_id, now).await?;
    record(
        &txn,
        user_id,
        user_id,
        "second_factor.recovery_codes",
        json!({"count": codes.len()}),
    )
    .await?;
    txn.commit().await?;
    Ok(codes)
}

async fn replace_recovery_codes(
    db: &impl ConnectionTrait,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<String>, DbErr> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    let codes: Vec<String> = (0..recovery::PER_SET)
        .map(|_| recovery::new_code())
        .collect();
    let rows = codes.iter().map(|c| recovery_code::ActiveModel {
        id: Set(recovery::digest(
            user_id,
            &recovery::normalise(c).unwrap_or_default(),
        )),
        user_id: Set(user_id),
        used_at: Set(None),
        created_at: Set(now),
    });
    recovery_code::Entity::insert_many(rows).exec(db).await?;
    Ok(codes)
}

/// Removes the authenticator app, and the recovery codes when no passkey is left. An
/// admin keeps their last factor: admins must have one.
pub async fn remove_totp(db: &DatabaseConnection, found: &user::Model) -> Result<(), FactorError> {
    let txn = crate::db::begin_write(db).await?;
    let passkeys = of(&txn, found.id).await?.passkeys;
    if found.role == super::ADMIN_ROLE && passkeys == 0 {
        return Err(FactorError::Refused("sec-admin-keep-app"));
    }
    totp_factor::Entity::delete_by_id(found.id)
        .exec(&txn)
        .await?;
    if passkeys == 0 {
        recovery_code::Entity::delete_many()
            .filter(recovery_code::Column::UserId.eq(found.id))
            .exec(&txn)
            .await?;
    }
    record(
        &txn,
        found.id,
        found.id,
        "second_factor.remove",
        json!({"kind": "totp"}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Another admin resets an account's second factor: its factors and all its sessions
/// end, and the owner is told by mail.
pub async fn reset(
    db: &DatabaseConnection,
    admin_id: i64,
    target: &user::Model,
) -> Result<(), DbErr> {
    let txn = crate::db::begin_write(db).await?;
    totp_factor::Entity::delete_by_id(target.id)
        .exec(&txn)
        .await?;
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(target.id))
        .exec(&txn)
        .await?;
    crate::entities::passkey::Entity::delete_many()
        .filter(crate::entities::passkey::Column::UserId.eq(target.id))
        .exec(&txn)
        .await?;
    super::end_all_sessions(&txn, target.id).await?;
    record(
        &txn,
        admin_id,
        target.id,
        "second_factor.reset",
        json!({"by": admin_id}),
    )
    .await?;
    let lang = crate::i18n::Lang::parse(&target.language).unwrap_or_default();
    mail::enqueue(
        &txn,
        &target.email,
        &super::say_in(lang, "mail-factor-reset-subject", []),
        &super::say_in(lang, "mail-factor-reset", []),
    )
    .await?;
    txn.commit().await
}

pub(super) async fn record(
    db: &impl ConnectionTrait,
    actor: i64,
    user_id: i64,
    action: &str,
    after: serde_json::Value,
) -> Result<(), DbErr> {
    audit::record(
        db,
        Some(actor),
        action,
        audit::Subject {
            kind: "user",
            id: &user_id.to_string(),
        },
        None,
        Some(after),
    )
    .await
}

fn limits(user_id: i64, address: &str, trusted: bool) -> [Limit; 3] {
    let window = TimeDelta::minutes(FAILURE_WINDOW_MINUTES);
    [
        Limit::new(
            format!("code:pair:{user_id}:{address}"),
            PAIR_FAILURES,
            window,
        ),
        Limit::new(format!("code:address:{address}"), ADDRESS_FAILURES, window),
        Limit::new(format!("code:account:{user_id}"), ACCOUNT_FAILURES, window)
            .enforced_if(!trusted),
    ]
}

/// One second-factor check.
#[derive(Debug, Clone, Copy)]
pub struct Check<'a> {
    /// The code as typed: six digits from the app, or a recovery code.
    pub code: &'a str,
    /// The client's address.
    pub address: &'a str,
    /// Whether the browser is one the account has logged in from before: only then is
    /// the account-wide limit lifted (the code itself is always asked for).
    pub trusted: bool,
    /// The time the code is checked at.
    pub now: DateTime<Utc>,
    /// The relying party, when passkeys are available: a code that is a passkey's
    /// answer (JSON) is checked by it.
    pub webauthn: Option<&'a webauthn_rs::Webauthn>,
}

/// Checks a code under the same three limits as passwords (per account and address,
/// per address, per account unless the browser is trusted). Each attempt takes its
/// slots before the code is checked; a right code gives them back.
pub async fn check(
    db: &DatabaseConnection,
    found: &user::Model,
    attempt: Check<'_>,
) -> Result<(), FactorError> {
    let limits = limits(found.id, attempt.address, attempt.trusted);
    let slots = match throttle::take(db, &limits).await? {
        Taken::Granted(slots) => slots,
        Taken::Refused(_) => {
            return Err(FactorError::Throttled("sec-throttled"));
        }
    };
    let accepted = if attempt.code.trim_start().starts_with('{') {
        match attempt.webauthn {
            Some(webauthn) => {
                passkeys::use_passkey(db, webauthn, found.id, attempt.code, attempt.now).await?
            }
            None => false,
        }
    } else if let Some(plain) = recovery::normalise(attempt.code) {
        use_recovery_code(db, found.id, &plain, attempt.now).await?
    } else {
        use_totp_code(db, found.id, attempt.code, attempt.now).await?
    };
    if accepted {
        slots.release(db).await?;
        throttle::clear(db, &limits[0].bucket).await?;
        return Ok(());
    }
    record(
        db,
        found.id,
        found.id,
        "second_factor.fail",
        json!({"address": attempt.address}),
    )
    .await?;
    Err(FactorError::WrongCode("sec-wrong-code"))
}

async fn use_totp_code(
    db: &DatabaseConnection,
    user_id: i64,
    code: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let Some(factor) = totp_factor::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(false);
    };
    let Some(step) = totp::matching_step(&factor.secret, code, unix(now)) else {
        return Ok(false);
    };
    let step = step_of(step);
    // Only a later step than any accepted before: a code works once, and so does
    // every code before it.
    let taken = totp_factor::Entity::update_many()
        .col_expr(totp_factor::Column::LastStep, Expr::value(step))
        .filter(totp_factor::Column::UserId.eq(user_id))
        .filter(totp_factor::Column::Secret.eq(factor.secret))
        .filter(totp_factor::Column::LastStep.lt(step))
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

async fn use_recovery_code(
    db: &DatabaseConnection,
    user_id: i64,
    plain: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let used = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(now))
        .filter(recovery_code::Column::Id.eq(recovery::digest(user_id, plain)))
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if used.rows_affected == 1 {
        record(
            db,
            user_id,
            user_id,
            "second_factor.recovery_code_used",
            json!({}),
        )
        .await?;
    }
    Ok(used.rows_affected == 1)
}

/// Starts a half-finished log-in: the password was right and the second factor is
/// still to come. Returns the token for the browser; it has no session.
pub async fn begin_login(
    db: &impl ConnectionTrait,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let token = secrets::random_token();
    one_time_token::Entity::insert(one_time_token::ActiveModel {
        id: Set(secrets::token_hash(&token)),
        user_id: Set(user_id),
        purpose: Set(PENDING.to_owned()),
        expires_at: Set(now + TimeDelta::minutes(PENDING_MINUTES)),
        used_at: Set(None),
        created_at: Set(now),
    })
    .exec(db)
    .await?;
    Ok(token)
}

/// The user of a half-finished log-in not yet expired or finished.
pub async fn pending_login(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<user::Model>, DbErr> {
    if !secrets::looks_like_token(token) {
        return Ok(None);
    }
    let Some(row) = one_time_token::Entity::find_by_id(secrets::token_hash(token))
        .one(db)
        .await?
        .filter(|t| t.purpose == PENDING && t.used_at.is_none() && t.expires_at > now)
    else {
        return Ok(None);
    };
    user::Entity::find_by_id(row.user_id).one(db).await
}

/// Ends a half-finished log-in once; false when it had already ended or expired.
pub async fn finish_login(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let done = one_time_token::Entity::update_many()
        .col_expr(one_time_token::Column::UsedAt, Expr::value(now))
        .filter(one_time_token::Column::Id.eq(secrets::token_hash(token)))
        .filter(one_time_token::Column::Purpose.eq(PENDING))
        .filter(one_time_token::Column::UsedAt.is_null())
        .filter(one_time_token::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Records on a session that its second factor was just checked.
pub async fn mark_session(
    db: &impl ConnectionTrait,
    session_token: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    session::Entity::update_many()
        .col_expr(session::Column::SecondFactorAt, Expr::value(now))
        .filter(session::Column::Id.eq(secrets::token_hash(session_token)))
        .exec(db)
        .await?;
    Ok(())
}

/// Whether a check at `checked` still covers a decision at `now`.
pub fn stepped_up(checked: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    checked.is_some_and(|at| now - at <= TimeDelta::minutes(STEP_UP_MINUTES))
}
