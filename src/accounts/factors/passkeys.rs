//! Passkeys (WebAuthn, through webauthn-rs): as many as a person wants, each named and
//! removable. A ceremony's state waits in `webauthn_states` (one per account and
//! purpose, five minutes) and a finish takes it once; an assertion is accepted only
//! for a credential of this account, and its signature counter is kept.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, sea_query::OnConflict,
};
use serde_json::json;
use webauthn_rs::prelude::{
    CreationChallengeResponse, Passkey, PasskeyAuthentication, PasskeyRegistration,
    PublicKeyCredential, RegisterPublicKeyCredential, RequestChallengeResponse, Uuid, Webauthn,
};

use super::{FactorError, record};
use crate::{
    entities::{passkey, user, webauthn_state},
    mail,
};

/// How long a ceremony may take.
pub const CEREMONY_MINUTES: i64 = 5;
/// The longest name a passkey may have.
pub const MAX_NAME: usize = 60;

const REGISTER: &str = "register";
const AUTHENTICATE: &str = "authenticate";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The account's handle for authenticators: stable, and not its email.
fn handle(user_id: i64) -> Uuid {
    Uuid::from_u64_pair(
        0x7466_7061_7373_6b65,
        u64::try_from(user_id).unwrap_or_default(),
    )
}

fn internal(e: impl std::fmt::Display) -> DbErr {
    DbErr::Custom(format!("webauthn: {e}"))
}

/// The account's passkeys, oldest first.
pub async fn list(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<passkey::Model>, DbErr> {
    passkey::Entity::find()
        .filter(passkey::Column::UserId.eq(user_id))
        .order_by_asc(passkey::Column::Id)
        .all(db)
        .await
}

fn credentials(rows: &[passkey::Model]) -> Vec<Passkey> {
    rows.iter()
        .filter_map(|r| serde_json::from_str(&r.credential).ok())
        .collect()
}

async fn keep_state(
    db: &impl ConnectionTrait,
    user_id: i64,
    purpose: &str,
    state: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    webauthn_state::Entity::insert(webauthn_state::ActiveModel {
        user_id: Set(user_id),
        purpose: Set(purpose.to_owned()),
        state: Set(state),
        expires_at: Set(now + TimeDelta::minutes(CEREMONY_MINUTES)),
    })
    .on_conflict(
        OnConflict::columns([
            webauthn_state::Column::UserId,
            webauthn_state::Column::Purpose,
        ])
        .update_columns([
            webauthn_state::Column::State,
            webauthn_state::Column::ExpiresAt,
        ])
        .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// Takes the ceremony's state once: a second finish with the same state finds none.
async fn take_state(
    db: &impl ConnectionTrait,
    user_id: i64,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbErr> {
    let Some(row) = webauthn_state::Entity::find_by_id((user_id, purpose.to_owned()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let taken = webauthn_state::Entity::delete_many()
        .filter(webauthn_state::Column::UserId.eq(user_id))
        .filter(webauthn_state::Column::Purpose.eq(purpose))
        .filter(webauthn_state::Column::State.eq(row.state.clone()))
        .exec(db)
        .await?;
    Ok((taken.rows_affected == 1 && row.expires_at > now).then_some(row.state))
}

/// Starts adding a passkey: the options for `navigator.credentials.create`.
pub async fn start_registration(
    db: &DatabaseConnection,
    webauthn: &Webauthn,
    found: &user::Model,
    now: DateTime<Utc>,
) -> Result<CreationChallengeResponse, DbErr> {
    let existing = credentials(&list(db, found.id).await?);
    let exclude = existing.iter().map(|p| p.cred_id().clone()).collect();
    let (options, state) = webauthn
        .start_passkey_registration(handle(found.id), &found.email, &found.email, Some(exclude))
        .map_err(internal)?;
    let state = serde_json::to_string::<PasskeyRegistration>(&state).map_err(internal)?;
    keep_state(db, found.id, REGISTER, state, now).await?;
    Ok(options)
}

/// Finishes adding a passkey named `name` from the browser's answer; returns a first
/// set of recovery codes when the account had none left.
pub async fn finish_registration(
    db: &DatabaseConnection,
    webauthn: &Webauthn,
    found: &user::Model,
    name: &str,
    answer: &str,
    now: DateTime<Utc>,
) -> Result<Option<Vec<String>>, FactorError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        return Err(FactorError::WrongCode("pk-name-invalid"));
    }
    let refused = FactorError::WrongCode("pk-not-added");
    let Ok(answer) = serde_json::from_str::<RegisterPublicKeyCredential>(answer) else {
        return Err(refused);
    };
    let txn = crate::db::begin_write(db).await?;
    let Some(state) = take_state(&txn, found.id, REGISTER, now).await? else {
        return Err(refused);
    };
    let state: PasskeyRegistration = serde_json::from_str(&state).map_err(internal)?;
    let Ok(created) = webauthn.finish_passkey_registration(&answer, &state) else {
        txn.commit().await?;
        return Err(refused);
    };
    passkey::Entity::insert(passkey::ActiveModel {
        id: sea_orm::NotSet,
        user_id: Set(found.id),
        name: Set(name.to_owned()),
        credential_id: Set(hex(created.cred_id().as_ref())),
        credential: Set(serde_json::to_string(&created).map_err(internal)?),
        created_at: Set(now),
        last_used_at: Set(None),
    })
    .exec(&txn)
    .await?;
    let codes = super::first_recovery_codes(&txn, found.id, now).await?;
    record(
        &txn,
        found.id,
        found.id,
        "second_factor.enrol",
        json!({"kind": "passkey", "name": name}),
    )
    .await?;
    mail::enqueue(
        &txn,
        &found.email,
        &crate::accounts::say_in(
            crate::i18n::Lang::current(),
            "mail-passkey-added-subject",
            [],
        ),
        &crate::accounts::say_in(
            crate::i18n::Lang::current(),
            "mail-passkey-added",
            [("name", name.into())],
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(codes)
}

/// Starts a passkey check: the options for `navigator.credentials.get`, or `None`
/// when the account has no passkey.
pub async fn start_authentication(
    db: &DatabaseConnection,
    webauthn: &Webauthn,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<RequestChallengeResponse>, DbErr> {
    let existing = credentials(&list(db, user_id).await?);
    if existing.is_empty() {
        return Ok(None);
    }
    let (options, state) = webauthn
        .start_passkey_authentication(&existing)
        .map_err(internal)?;
    let state = serde_json::to_string::<PasskeyAuthentication>(&state).map_err(internal)?;
    keep_state(db, user_id, AUTHENTICATE, state, now).await?;
    Ok(Some(options))
}

/// Whether `answer` is a valid assertion by one of the account's passkeys for the
/// ceremony under way (which it ends); the passkey's counter and last use are kept.
pub(super) async fn use_passkey(
    db: &DatabaseConnection,
    webauthn: &Webauthn,
    user_id: i64,
    answer: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let Ok(answer) = serde_json::from_str::<PublicKeyCredential>(answer) else {
        return Ok(false);
    };
    let Some(state) = take_state(db, user_id, AUTHENTICATE, now).await? else {
        return Ok(false);
    };
    let state: PasskeyAuthentication = serde_json::from_str(&state).map_err(internal)?;
    let Ok(result) = webauthn.finish_passkey_authentication(&answer, &state) else {
        return Ok(false);
    };
    let id = hex(result.cred_id().as_ref());
    let Some(row) = passkey::Entity::find()
        .filter(passkey::Column::UserId.eq(user_id))
        .filter(passkey::Column::CredentialId.eq(&id))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    let mut credential: Passkey = serde_json::from_str(&row.credential).map_err(internal)?;
    credential.update_credential(&result);
    passkey::Entity::update_many()
        .col_expr(
            passkey::Column::Credential,
            sea_orm::sea_query::Expr::value(serde_json::to_string(&credential).map_err(internal)?),
        )
        .col_expr(
            passkey::Column::LastUsedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(passkey::Column::Id.eq(row.id))
        .exec(db)
        .await?;
    Ok(true)
}

/// Removes one of the account's passkeys. An admin keeps at least one factor.
pub async fn remove(
    db: &DatabaseConnection,
    found: &user::Model,
    passkey_id: i64,
) -> Result<(), FactorError> {
    let txn = crate::db::begin_write(db).await?;
    let Some(row) = passkey::Entity::find_by_id(passkey_id)
        .one(&txn)
        .await?
        .filter(|p| p.user_id == found.id)
    else {
        return Err(FactorError::Refused("pk-no-such"));
    };
    let left = super::of(&txn, found.id).await?;
    let others = left.passkeys - 1 + u64::from(left.totp);
    if found.role == crate::accounts::ADMIN_ROLE && others == 0 {
        return Err(FactorError::Refused("pk-admin-keep"));
    }
    passkey::Entity::delete_by_id(row.id).exec(&txn).await?;
    record(
        &txn,
        found.id,
        found.id,
        "second_factor.remove",
        json!({"kind": "passkey", "name": row.name}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
