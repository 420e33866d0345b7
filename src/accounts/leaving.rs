//! A practitioner's right to take their data and leave.
//!
//! [`export`] gathers everything the site holds about an account into one JSON
//! document: the account, the listing, its techniques and regions, licences, ledger,
//! outcome logs, hours, the visits and messages received, clients' reports, receipts,
//! reports about the listing, sign-in factors and sessions (never a secret or a
//! hash), and the audit entries about them. Every table with a `practitioner_id` or
//! `user_id` column is in [`EXPORTED`] or in [`NOT_EXPORTED`] with its reason; a test
//! reads the schema and fails when a new table is in neither.
//!
//! [`delete`] erases an account in one write transaction, after its password: the
//! listing and every row hanging from it go (the foreign keys cascade), sign-in
//! factors, sessions, tokens and queued mail to the address go, the user row stays
//! only as a pseudonym (`deleted-<id>@invalid`, no password, role `deleted`) so the
//! audit log still reads, and the audit entries about the person keep their decisions
//! with the personal values in them erased. The deletion is itself audited. The last
//! admin cannot leave this way.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, ModelTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use serde_json::{Map, Value, json};

use super::{ADMIN_ROLE, passwords};
use crate::{
    audit,
    db::{LockScope, lock},
    entities::{
        audit_log, calendar_feed, contact_request, licence, mail, one_time_token, outcome_log,
        passkey, practitioner, practitioner_modality, practitioner_region, receipt, recovery_code,
        report, schedule, session, totp_factor, training_record, user, visit, visit_report,
        webauthn_state,
    },
};

/// The role of an account that was deleted.
pub const DELETED_ROLE: &str = "deleted";

/// Tables in the export, each under its own key.
pub const EXPORTED: [&str; 19] = [
    "users",
    "practitioners",
    "practitioner_modalities",
    "practitioner_regions",
    "licences",
    "training_records",
    "outcome_logs",
    "schedules",
    "visits",
    "visit_reports",
    "contact_requests",
    "receipts",
    "reports",
    "calendar_feeds",
    "sessions",
    "passkeys",
    "totp_factors",
    "recovery_codes",
    "audit_log",
];

/// Tables with a practitioner or user id left out of the export, and why.
pub const NOT_EXPORTED: [(&str, &str); 4] = [
    (
        "index_changes",
        "the search index's change log: practitioner ids and numbers, nothing about them",
    ),
    (
        "one_time_tokens",
        "links mailed to the account, minutes or hours long; only their hashes are kept",
    ),
    (
        "webauthn_states",
        "the state of a passkey ceremony in progress, kept for minutes",
    ),
    (
        "safety_reports",
        "a client's confidential report to the admins; it would name the client",
    ),
];

/// Columns never exported: secrets, hashes and keyed digests.
const SECRET: [&str; 7] = [
    "password_hash",
    "secret",
    "credential",
    "credential_id",
    "token_hash",
    "address_key",
    "form_key",
];

fn without_secrets(rows: Vec<Value>) -> Value {
    Value::Array(
        rows.into_iter()
            .map(|mut row| {
                if let Some(fields) = row.as_object_mut() {
                    fields.retain(|k, _| !SECRET.contains(&k.as_str()));
                }
                row
            })
            .collect(),
    )
}

/// Everything the site holds about `u` (and their listing), as one JSON document.
pub async fn export(db: &impl ConnectionTrait, u: &user::Model) -> Result<Value, DbErr> {
    let listing = practitioner::Entity::find()
        .filter(practitioner::Column::UserId.eq(u.id))
        .one(db)
        .await?;
    let pid = listing.as_ref().map_or(-1, |p| p.id);
    let mut out = Map::new();
    out.insert("exported_at".into(), Value::String(Utc::now().to_rfc3339()));
    macro_rules! rows {
        ($key:literal, $entity:ident, $column:expr, $id:expr) => {
            out.insert(
                $key.into(),
                without_secrets(
                    $entity::Entity::find()
                        .filter($column.eq($id))
                        .into_json()
                        .all(db)
                        .await?,
                ),
            );
        };
    }
    rows!("users", user, user::Column::Id, u.id);
    rows!("practitioners", practitioner, practitioner::Column::Id, pid);
    rows!(
        "practitioner_modalities",
        practitioner_modality,
        practitioner_modality::Column::PractitionerId,
        pid
    );
    rows!(
        "practitioner_regions",
        practitioner_region,
        practitioner_region::Column::PractitionerId,
        pid
    );
    rows!("licences", licence, licence::Column::PractitionerId, pid);
    rows!(
        "training_records",
        training_record,
        training_record::Column::PractitionerId,
        pid
    );
    rows!(
        "outcome_logs",
        outcome_log,
        outcome_log::Column::PractitionerId,
        pid
    );
    rows!("schedules", schedule, schedule::Column::PractitionerId, pid);
    rows!("visits", visit, visit::Column::PractitionerId, pid);
    rows!(
        "visit_reports",
        visit_report,
        visit_report::Column::PractitionerId,
        pid
    );
    rows!(
        "contact_requests",
        contact_request,
        contact_request::Column::PractitionerId,
        pid
    );
    rows!("receipts", receipt, receipt::Column::PractitionerId, pid);
    rows!("reports", report, report::Column::PractitionerId, pid);
    rows!(
        "calendar_feeds",
        calendar_feed,
        calendar_feed::Column::PractitionerId,
        pid
    );
    rows!("sessions", session, session::Column::UserId, u.id);
    rows!("passkeys", passkey, passkey::Column::UserId, u.id);
    rows!(
        "totp_factors",
        totp_factor,
        totp_factor::Column::UserId,
        u.id
    );
    rows!(
        "recovery_codes",
        recovery_code,
        recovery_code::Column::UserId,
        u.id
    );
    // Reports about the listing name who sent them only to the admins.
    if let Some(Value::Array(reports)) = out.get_mut("reports") {
        for r in reports {
            if let Some(fields) = r.as_object_mut() {
                fields.remove("contact");
            }
        }
    }
    let licences: Vec<i64> = listing_licences(db, pid).await?;
    out.insert(
        "audit_log".into(),
        Value::Array(
            about(db, u.id, pid, &licences)
                .await?
                .into_iter()
                .map(|e| {
                    json!({
                        "at": e.created_at.to_rfc3339(),
                        "action": e.action,
                        "subject": format!("{}:{}", e.subject_type, e.subject_id),
                        "by_this_account": e.actor_user_id == Some(u.id),
                        "before": e.before.and_then(|b| serde_json::from_str::<Value>(&b).ok()),
                        "after": e.after.and_then(|a| serde_json::from_str::<Value>(&a).ok()),
                    })
                })
                .collect(),
        ),
    );
    Ok(Value::Object(out))
}

async fn listing_licences(db: &impl ConnectionTrait, pid: i64) -> Result<Vec<i64>, DbErr> {
    Ok(licence::Entity::find()
        .filter(licence::Column::PractitionerId.eq(pid))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.id)
        .collect())
}

/// Audit entries about an account, its listing or its licences, or made by it.
async fn about(
    db: &impl ConnectionTrait,
    user_id: i64,
    practitioner_id: i64,
    licences: &[i64],
) -> Result<Vec<audit_log::Model>, DbErr> {
    use sea_orm::Condition;
    let subject = |kind: &str, id: i64| {
        Condition::all()
            .add(audit_log::Column::SubjectType.eq(kind))
            .add(audit_log::Column::SubjectId.eq(id.to_string()))
    };
    let mut any = Condition::any()
        .add(audit_log::Column::ActorUserId.eq(user_id))
        .add(subject("user", user_id))
        .add(subject("practitioner", practitioner_id));
    for id in licences {
        any = any.add(subject("licence", *id));
    }
    audit_log::Entity::find()
        .filter(any)
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await
}

/// Why an account was not deleted.
#[derive(Debug, thiserror::Error)]
pub enum LeaveError {
    /// The password typed is not the account's.
    #[error("wrong password")]
    WrongPassword,
    /// The account is the last admin.
    #[error("the last admin")]
    LastAdmin,
    /// The database failed; the transaction was rolled back.
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Replaces every string in `value` that holds one of `words` with `(erased)`.
fn erase(value: &mut Value, words: &[String]) -> bool {
    match value {
        Value::String(s) if words.iter().any(|w| s.contains(w.as_str())) => {
            *s = "(erased)".into();
            true
        }
        Value::Array(items) => items.iter_mut().fold(false, |hit, v| erase(v, words) | hit),
        Value::Object(fields) => fields
            .values_mut()
            .fold(false, |hit, v| erase(v, words) | hit),
        _ => false,
    }
}

/// Deletes `u`'s account after checking `password`. Returns the id of the listing
/// that went, for the caller to take out of search at once.
pub async fn delete(
    db: &DatabaseConnection,
    u: &user::Model,
    password: &str,
) -> Result<Option<i64>, LeaveError> {
    if !passwords::verify_off_thread(password, &u.password_hash).await {
        return Err(LeaveError::WrongPassword);
    }
    let txn = crate::db::begin_write(db).await?;
    lock(&txn, LockScope::Admins, 0).await?;
    let current = user::Entity::find_by_id(u.id)
        .one(&txn)
        .await?
        .filter(|u| u.role != DELETED_ROLE)
        // Deleted by a request that came first: nothing left to delete.
        .ok_or(LeaveError::WrongPassword)?;
    if current.role == ADMIN_ROLE {
        let admins = user::Entity::find()
            .filter(user::Column::Role.eq(ADMIN_ROLE))
            .count(&txn)
            .await?;
        if admins <= 1 {
            return Err(LeaveError::LastAdmin);
        }
    }
    let listing = practitioner::Entity::find()
        .filter(practitioner::Column::UserId.eq(u.id))
        .one(&txn)
        .await?;
    let pid = listing.as_ref().map(|p| p.id);
    let licences = match pid {
        Some(pid) => {
            licence::Entity::find()
                .filter(licence::Column::PractitionerId.eq(pid))
                .all(&txn)
                .await?
        }
        None => Vec::new(),
    };
    // The personal values the audit entries may carry.
    let mut words: Vec<String> = vec![current.email.clone()];
    if let Some(p) = &listing {
        words.extend(
            [
                Some(p.display_name.clone()),
                p.practice_name.clone(),
                p.public_email.clone(),
                p.phone.clone(),
                p.address_line.clone(),
                p.website.clone(),
                p.npi.clone(),
                Some(p.slug.clone()),
            ]
            .into_iter()
            .flatten(),
        );
    }
    words.extend(licences.iter().map(|l| l.number.clone()));
    words.retain(|w| w.trim().chars().count() >= 3);
    let ids: Vec<i64> = licences.iter().map(|l| l.id).collect();
    for entry in about(&txn, u.id, pid.unwrap_or(-1), &ids).await? {
        let mut before = entry
            .before
            .as_deref()
            .and_then(|b| serde_json::from_str(b).ok());
        let mut after = entry
            .after
            .as_deref()
            .and_then(|a| serde_json::from_str(a).ok());
        let hit = before.as_mut().is_some_and(|v| erase(v, &words))
            | after.as_mut().is_some_and(|v| erase(v, &words));
        if hit {
            audit::pseudonymise(&txn, entry.id, before, after).await?;
        }
    }
    if let Some(p) = listing {
        let p_id = p.id;
        p.delete(&txn).await?;
        // Search drops it through its re-index job like any unlisting.
        crate::jobs::enqueue_reindex(&txn, p_id).await?;
    }
    mail::Entity::delete_many()
        .filter(mail::Column::ToAddress.eq(current.email.as_str()))
        .exec(&txn)
        .await?;
    one_time_token::Entity::delete_many()
        .filter(one_time_token::Column::UserId.eq(u.id))
        .exec(&txn)
        .await?;
    webauthn_state::Entity::delete_many()
        .filter(webauthn_state::Column::UserId.eq(u.id))
        .exec(&txn)
        .await?;
    passkey::Entity::delete_many()
        .filter(passkey::Column::UserId.eq(u.id))
        .exec(&txn)
        .await?;
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(u.id))
        .exec(&txn)
        .await?;
    totp_factor::Entity::delete_by_id(u.id).exec(&txn).await?;
    super::end_all_sessions(&txn, u.id).await?;
    let mut pseudonym: user::ActiveModel = current.into();
    pseudonym.email = Set(format!("deleted-{}@invalid", u.id));
    pseudonym.password_hash = Set("!".into());
    pseudonym.role = Set(DELETED_ROLE.into());
    pseudonym.email_verified_at = Set(None);
    pseudonym.update(&txn).await?;
    audit::record(
        &txn,
        Some(u.id),
        "account.delete",
        audit::Subject {
            kind: "user",
            id: &u.id.to_string(),
        },
        None,
        Some(json!({ "practitioner": pid })),
    )
    .await?;
    txn.commit().await?;
    Ok(pid)
}
