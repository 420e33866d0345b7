//! Accounts: sign-up with email verification, log-in with throttling, database
//! sessions, password reset and change. Passwords are argon2id; tokens are stored
//! only as hashes.

pub mod admins;
pub mod factors;
pub mod keys;
pub mod leaving;
pub mod passwords;
pub mod secrets;
mod sessions;

pub use sessions::{
    SignedSession, end_all_sessions, end_session, language_of, session_user, start_session,
};

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, NotSet, QueryFilter,
};

use crate::{
    audit,
    entities::{one_time_token, practitioner, user},
    i18n::{FluentValue, Lang},
    mail,
    throttle::{self, Limit, Taken},
    validation::FieldErrors,
};

/// The role of the directory's admins.
pub const ADMIN_ROLE: &str = "admin";
/// How long a session lasts.
pub const SESSION_DAYS: i64 = 30;
/// Failed log-ins on one account from one address, within the window, before that
/// pair is refused.
pub const PAIR_FAILURES: u64 = 5;
/// Failed log-ins from one address on any accounts, within the window.
pub const ADDRESS_FAILURES: u64 = 20;
/// Failed log-ins on one account from everywhere, within the window, before the
/// account accepts log-ins only from browsers it knows.
pub const ACCOUNT_FAILURES: u64 = 50;
/// The log-in throttling window.
pub const FAILURE_WINDOW_MINUTES: i64 = 15;
/// Sign-ups from one address per hour.
pub const SIGNUPS_PER_ADDRESS_PER_HOUR: u64 = 10;
/// Password-reset requests from one address per hour.
pub const RESETS_PER_ADDRESS_PER_HOUR: u64 = 5;
/// Password-reset requests for one email address per hour.
pub const RESETS_PER_ACCOUNT_PER_HOUR: u64 = 3;
/// How long a browser stays trusted after a log-in.
pub const TRUSTED_DEVICE_DAYS: i64 = 180;

const VERIFY: &str = "verify_email";
const RESET: &str = "reset_password";
const TRUSTED_DEVICE: &str = "trusted_device";

/// Whether an email address is plausible: one `@`, a dotted domain, no spaces.
pub fn valid_email(email: &str) -> bool {
    let email = email.trim();
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && email.len() <= 254
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

/// Lower-cased, trimmed email: the form in which addresses are stored and compared.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A URL-safe slug made of the words of a name.
pub fn slugify(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .take(6)
        .collect();
    if words.is_empty() {
        "practitioner".to_owned()
    } else {
        words.join("-")
    }
}

/// What sign-up needs.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct SignUp {
    /// Email address.
    pub email: String,
    /// Chosen password.
    pub password: String,
    /// Name shown on the profile.
    pub display_name: String,
}

/// A message of the current request's language.
pub(crate) fn say(key: &str) -> String {
    crate::i18n::text(Lang::current(), key)
}

/// A message in `lang` with its arguments.
pub(crate) fn say_in<'a>(
    lang: Lang,
    key: &str,
    args: impl IntoIterator<Item = (&'static str, FluentValue<'a>)>,
) -> String {
    crate::i18n::text_with(lang, key, args)
}

/// Why an account action failed.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// Some fields are invalid.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// Log-in refused: wrong email or password.
    #[error("{}", say("acct-wrong-credentials"))]
    WrongCredentials,
    /// Log-in refused: too many failures.
    #[error("{0}")]
    Throttled(String),
    /// Log-in refused: the email is not verified yet; a new link was sent.
    #[error("{}", say("acct-unverified"))]
    Unverified,
    /// The one-time link is unknown, used or expired.
    #[error("{}", say("acct-bad-token"))]
    BadToken,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// The language a person last signed in with, as stored on their account.
fn lang_of(u: &user::Model) -> Lang {
    Lang::parse(&u.language).unwrap_or_default()
}

async fn issue_token(
    db: &impl ConnectionTrait,
    user_id: i64,
    purpose: &str,
    valid_for: TimeDelta,
) -> Result<String, DbErr> {
    let token = secrets::random_token();
    let now = Utc::now();
    one_time_token::Entity::insert(one_time_token::ActiveModel {
        id: Set(secrets::token_hash(&token)),
        user_id: Set(user_id),
        purpose: Set(purpose.to_owned()),
        expires_at: Set(now + valid_for),
        used_at: Set(None),
        created_at: Set(now),
    })
    .exec(db)
    .await?;
    Ok(token)
}

async fn send_verification(
    db: &impl ConnectionTrait,
    user: &user::Model,
    public_url: &str,
) -> Result<(), DbErr> {
    let token = issue_token(db, user.id, VERIFY, TimeDelta::hours(48)).await?;
    let lang = Lang::current();
    mail::enqueue(
        db,
        &user.email,
        &say_in(lang, "mail-verify-subject", []),
        &say_in(
            lang,
            "mail-verify",
            [(
                "link",
                format!("{public_url}/verify-email?token={token}").into(),
            )],
        ),
    )
    .await
}

/// Creates a practitioner account with an unlisted draft profile, and mails a
/// verification link. An address that is already registered gets a notice instead,
/// so sign-up does not reveal who has an account.
pub async fn sign_up(
    db: &DatabaseConnection,
    input: &SignUp,
    address: &str,
    public_url: &str,
) -> Result<(), AccountError> {
    let mut errors = FieldErrors::new();
    let email = normalise_email(&input.email);
    if !valid_email(&email) {
        errors.insert("email".into(), say("edit-email"));
    }
    if let Some(msg) = passwords::check_new(&input.password) {
        errors.insert("password".into(), msg);
    }
    let name = input.display_name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.insert("display_name".into(), say("acct-name-invalid"));
    }
    if !errors.is_empty() {
        return Err(AccountError::Invalid(errors));
    }
    let limit = Limit::new(
        format!("signup:address:{address}"),
        SIGNUPS_PER_ADDRESS_PER_HOUR,
        TimeDelta::hours(1),
    );
    if let Taken::Refused(_) = throttle::take(db, &[limit]).await? {
        return Err(AccountError::Throttled(say("acct-signup-throttled")));
    }
    let hash = passwords::hash_off_thread(&input.password)
        .await
        .map_err(DbErr::Custom)?;
    let txn = crate::db::begin_write(db).await?;
    if let Some(existing) = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(&txn)
        .await?
    {
        mail::enqueue(
            &txn,
            &existing.email,
            &say_in(lang_of(&existing), "mail-exists-subject", []),
            &say_in(
                lang_of(&existing),
                "mail-exists",
                [
                    ("login", format!("{public_url}/login").into()),
                    ("reset", format!("{public_url}/forgot-password").into()),
                ],
            ),
        )
        .await?;
        txn.commit().await?;
        return Ok(());
    }
    let now = Utc::now();
    let created = user::ActiveModel {
        id: NotSet,
        email: Set(email),
        password_hash: Set(hash),
        role: Set("practitioner".into()),
        email_verified_at: Set(None),
        created_at: Set(now),
        language: Set(Lang::current().code().into()),
    }
    .insert(&txn)
    .await?;
    let draft = practitioner::ActiveModel {
        id: NotSet,
        user_id: Set(Some(created.id)),
        slug: Set(format!("draft-{}", secrets::random_token())),
        display_name: Set(name.to_owned()),
        practice_name: Set(None),
        bio: Set(String::new()),
        phone: Set(None),
        public_email: Set(None),
        website: Set(None),
        address_line: Set(None),
        city: Set(String::new()),
        region_code: Set(String::new()),
        postal_code: Set(None),
        country: Set("US".into()),
        lat: Set(None),
        lng: Set(None),
        location_precision: Set("city".into()),
        practice_type: Set("clinic".into()),
        cp_whole_session_one_area: Set(None),
        cp_myofascial: Set(None),
        cp_posture_assessment: Set(None),
        cp_referral_pain: Set(None),
        cp_minimal_oil: Set(None),
        prenatal_trained: Set(false),
        oncology_trained: Set(false),
        prices: Set(String::new()),
        currency: Set("USD".into()),
        sliding_scale: Set(false),
        price_note: Set(None),
        payment: Set(String::new()),
        insurers: Set(None),
        npi: Set(None),
        languages: Set("en".into()),
        languages_unread: Set(None),
        bio_es: Set(None),
        accessibility: Set(String::new()),
        accepting_new_clients: Set(None),
        accepting_confirmed_at: Set(None),
        profile_confirmed_at: Set(None),
        listed: Set(false),
        suspended_at: Set(None),
        suspended_reason: Set(None),
        is_demo: Set(false),
        training_hours: Set(0),
        outcome_count: Set(0),
        outcome_median_before: Set(None),
        outcome_median_after: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let mut slugged: practitioner::ActiveModel = draft.clone().into();
    slugged.slug = Set(format!("{}-{}", slugify(name), draft.id));
    slugged.update(&txn).await?;
    send_verification(&txn, &created, public_url).await?;
    txn.commit().await?;
    tracing::info!(user.id = created.id, "account created");
    Ok(())
}

/// Creates an admin, or makes an existing user an admin with this password.
pub async fn create_admin(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
) -> Result<user::Model, AccountError> {
    let email = normalise_email(email);
    let mut errors = FieldErrors::new();
    if !valid_email(&email) {
        errors.insert("email".into(), say("edit-email"));
    }
    if let Some(msg) = passwords::check_new(password) {
        errors.insert("password".into(), msg);
    }
    if !errors.is_empty() {
        return Err(AccountError::Invalid(errors));
    }
    let hash = passwords::hash_off_thread(password)
        .await
        .map_err(DbErr::Custom)?;
    let txn = crate::db::begin_write(db).await?;
    let admin = match user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(&txn)
        .await?
    {
        Some(existing) => {
            let mut active: user::ActiveModel = existing.into();
            active.role = Set(ADMIN_ROLE.into());
            active.password_hash = Set(hash);
            active.email_verified_at = Set(Some(Utc::now()));
            active.update(&txn).await?
        }
        None => {
            user::ActiveModel {
                id: NotSet,
                email: Set(email),
                password_hash: Set(hash),
                role: Set(ADMIN_ROLE.into()),
                email_verified_at: Set(Some(Utc::now())),
                created_at: Set(Utc::now()),
                language: Set(Lang::current().code().into()),
            }
            .insert(&txn)
            .await?
        }
    };
    audit::record(
        &txn,
        None,
        "user.make_admin",
        audit::Subject {
            kind: "user",
            id: &admin.id.to_string(),
        },
        None,
        Some(serde_json::json!({"email": admin.email, "role": "admin"})),
    )
    .await?;
    txn.commit().await?;
    Ok(admin)
}

/// Uses a one-time token of `purpose`; returns its user.
async fn use_token(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: &str,
) -> Result<user::Model, AccountError> {
    let now = Utc::now();
    let row = one_time_token::Entity::find_by_id(secrets::token_hash(token.trim()))
        .one(db)
        .await?
        .filter(|t| t.purpose == purpose && t.used_at.is_none() && t.expires_at > now)
        .ok_or(AccountError::BadToken)?;
    let used = one_time_token::Entity::update_many()
        .col_expr(
            one_time_token::Column::UsedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(one_time_token::Column::Id.eq(row.id.clone()))
        .filter(one_time_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if used.rows_affected != 1 {
        return Err(AccountError::BadToken);
    }
    user::Entity::find_by_id(row.user_id)
        .one(db)
        .await?
        .ok_or(AccountError::BadToken)
}

/// Marks the email of the token's user as verified.
pub async fn verify_email(
    db: &DatabaseConnection,
    token: &str,
) -> Result<user::Model, AccountError> {
    let txn = crate::db::begin_write(db).await?;
    let found = use_token(&txn, token, VERIFY).await?;
    let mut active: user::ActiveModel = found.into();
    active.email_verified_at = Set(Some(Utc::now()));
    let updated = active.update(&txn).await?;
    txn.commit().await?;
    Ok(updated)
}

/// One log-in attempt.
#[derive(Debug, Clone, Copy)]
pub struct LogIn<'a> {
    /// Email as typed.
    pub email: &'a str,
    /// Password as typed.
    pub password: &'a str,
    /// The client's address.
    pub address: &'a str,
    /// The browser's trusted-device token, if it sent one.
    pub device: Option<&'a str>,
}

/// A successful log-in.
#[derive(Debug)]
pub struct LoggedIn {
    /// The user.
    pub user: user::Model,
    /// Whether the browser is one the account has logged in from before.
    pub trusted: bool,
}

fn login_limits(email: &str, address: &str, trusted: bool) -> [Limit; 3] {
    let window = TimeDelta::minutes(FAILURE_WINDOW_MINUTES);
    [
        Limit::new(
            format!("login:pair:{email}:{address}"),
            PAIR_FAILURES,
            window,
        ),
        Limit::new(format!("login:address:{address}"), ADDRESS_FAILURES, window),
        Limit::new(format!("login:account:{email}"), ACCOUNT_FAILURES, window)
            .enforced_if(!trusted),
    ]
}

/// Checks credentials under three limits (see the README's security section): failures
/// per account and address pair, per address, and per account from everywhere. The
/// last one is not applied to a browser the account has logged in from before, so an
/// attacker cannot lock the owner out. Each attempt takes its slots before the
/// password is checked, so concurrent attempts cannot slip past a limit.
pub async fn log_in(
    db: &DatabaseConnection,
    attempt: LogIn<'_>,
    public_url: &str,
) -> Result<LoggedIn, AccountError> {
    let email = normalise_email(attempt.email);
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(db)
        .await?;
    let trusted = match (&found, attempt.device) {
        (Some(u), Some(device)) => is_trusted_device(db, u.id, device).await?,
        _ => false,
    };
    let limits = login_limits(&email, attempt.address, trusted);
    let slots = match throttle::take(db, &limits).await? {
        Taken::Granted(slots) => slots,
        Taken::Refused(which) => {
            return Err(AccountError::Throttled(
                say(match which {
                    0 => "acct-login-throttled-account",
                    1 => "acct-login-throttled-network",
                    _ => "acct-login-throttled-everywhere",
                })
                .to_owned(),
            ));
        }
    };
    let ok = match &found {
        Some(u) => passwords::verify_off_thread(attempt.password, &u.password_hash).await,
        None => {
            // Spend the same effort as a real check, so timing does not reveal accounts.
            let _ = passwords::hash_off_thread(attempt.password).await;
            false
        }
    };
    // A failed attempt keeps its slots: they are the record of the failure.
    // Invited and removed accounts cannot log in, whatever is typed.
    let Some(found) = found.filter(|u| ok && u.role != admins::REMOVED_ROLE) else {
        return Err(AccountError::WrongCredentials);
    };
    slots.release(db).await?;
    throttle::clear(db, &limits[0].bucket).await?;
    if found.email_verified_at.is_none() {
        send_verification(db, &found, public_url).await?;
        return Err(AccountError::Unverified);
    }
    Ok(LoggedIn {
        user: found,
        trusted,
    })
}

/// Marks a browser as one the user has logged in from; returns its token.
pub async fn trust_device(db: &impl ConnectionTrait, user_id: i64) -> Result<String, DbErr> {
    issue_token(
        db,
        user_id,
        TRUSTED_DEVICE,
        TimeDelta::days(TRUSTED_DEVICE_DAYS),
    )
    .await
}

/// Whether `device` is a trusted-device token of the user.
pub async fn is_trusted_device(
    db: &impl ConnectionTrait,
    user_id: i64,
    device: &str,
) -> Result<bool, DbErr> {
    if !secrets::looks_like_token(device) {
        return Ok(false);
    }
    Ok(
        one_time_token::Entity::find_by_id(secrets::token_hash(device))
            .one(db)
            .await?
            .is_some_and(|t| {
                t.purpose == TRUSTED_DEVICE && t.user_id == user_id && t.expires_at > Utc::now()
            }),
    )
}

/// Mails a reset link when the address has an account; silent otherwise. Limited
/// per client address and per address asked about, whether or not it has an account.
pub async fn request_reset(
    db: &DatabaseConnection,
    email: &str,
    address: &str,
    public_url: &str,
) -> Result<(), AccountError> {
    let email = normalise_email(email);
    let hour = TimeDelta::hours(1);
    let limits = [
        Limit::new(
            format!("reset:address:{address}"),
            RESETS_PER_ADDRESS_PER_HOUR,
            hour,
        ),
        Limit::new(
            format!("reset:account:{email}"),
            RESETS_PER_ACCOUNT_PER_HOUR,
            hour,
        ),
    ];
    if let Taken::Refused(_) = throttle::take(db, &limits).await? {
        return Err(AccountError::Throttled(say("acct-reset-throttled")));
    }
    let Some(found) = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let txn = crate::db::begin_write(db).await?;
    let token = issue_token(&txn, found.id, RESET, TimeDelta::hours(1)).await?;
    mail::enqueue(
        &txn,
        &found.email,
        &say_in(Lang::current(), "mail-reset-subject", []),
        &say_in(
            Lang::current(),
            "mail-reset",
            [(
                "link",
                format!("{public_url}/reset-password?token={token}").into(),
            )],
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Stores a new password hash, ends every session and every outstanding reset link.
async fn set_password(
    db: &impl ConnectionTrait,
    found: user::Model,
    hash: String,
) -> Result<(), DbErr> {
    let user_id = found.id;
    let mut active: user::ActiveModel = found.into();
    active.password_hash = Set(hash);
    if active.email_verified_at.as_ref().is_none() {
        active.email_verified_at = Set(Some(Utc::now()));
    }
    active.update(db).await?;
    end_all_sessions(db, user_id).await?;
    one_time_token::Entity::update_many()
        .col_expr(
            one_time_token::Column::UsedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(one_time_token::Column::UserId.eq(user_id))
        .filter(one_time_token::Column::Purpose.eq(RESET))
        .filter(one_time_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

async fn hash_new(password: &str) -> Result<String, AccountError> {
    if let Some(msg) = passwords::check_new(password) {
        return Err(AccountError::Invalid(FieldErrors::from([(
            "password".to_owned(),
            msg,
        )])));
    }
    Ok(passwords::hash_off_thread(password)
        .await
        .map_err(DbErr::Custom)?)
}

/// Sets a new password from a reset link, ends every session and every other reset
/// link, and trusts this browser (it proved it reads the account's mail); returns the
/// trusted-device token.
pub async fn reset_password(
    db: &DatabaseConnection,
    token: &str,
    new_password: &str,
) -> Result<String, AccountError> {
    let hash = hash_new(new_password).await?;
    let txn = crate::db::begin_write(db).await?;
    let found = use_token(&txn, token, RESET).await?;
    let user_id = found.id;
    set_password(&txn, found, hash).await?;
    let device = trust_device(&txn, user_id).await?;
    txn.commit().await?;
    Ok(device)
}

/// Changes the password after checking the current one; ends every session and
/// returns a fresh session token for this browser, which keeps the time its second
/// factor was checked.
pub async fn change_password(
    db: &DatabaseConnection,
    found: user::Model,
    current: &str,
    new_password: &str,
    second_factor_at: Option<DateTime<Utc>>,
) -> Result<String, AccountError> {
    if !passwords::verify_off_thread(current, &found.password_hash).await {
        return Err(AccountError::Invalid(FieldErrors::from([(
            "current_password".to_owned(),
            say("acct-not-current"),
        )])));
    }
    let hash = hash_new(new_password).await?;
    let txn = crate::db::begin_write(db).await?;
    let user_id = found.id;
    set_password(&txn, found, hash).await?;
    let token = start_session(&txn, user_id, second_factor_at).await?;
    txn.commit().await?;
    Ok(token)
}

#[cfg(test)]
mod tests;
