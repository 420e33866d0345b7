//! Licence verification by admins, and the lifecycle that follows: expiry and
//! reminders. Every decision is written to the audit log in its transaction.

use chrono::{NaiveDate, TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter,
};
use serde_json::json;

use crate::{
    audit::{self, Subject},
    entities::{licence, practitioner, user},
    i18n::{FluentValue, Lang},
    mail,
};

/// How a licence was verified.
pub const METHODS: [&str; 2] = ["board_lookup", "document_seen"];

/// Why an admin action was refused.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// No such row.
    #[error("not found")]
    NotFound,
    /// The input is invalid.
    #[error("{0}")]
    Invalid(String),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// A message in `lang` with its arguments.
fn say<'a>(
    lang: Lang,
    key: &str,
    args: impl IntoIterator<Item = (&'static str, FluentValue<'a>)>,
) -> String {
    crate::i18n::text_with(lang, key, args)
}

fn snapshot(l: &licence::Model) -> serde_json::Value {
    json!({
        "status": l.status,
        "jurisdiction": l.jurisdiction,
        "number": l.number,
        "expires_on": l.expires_on.map(|d| d.to_string()),
        "verification_method": l.verification_method,
        "needs_review": l.needs_review,
    })
}

/// An admin's decision on a licence.
#[derive(Debug, Clone, Copy)]
pub enum Decision<'a> {
    /// Verified, by this method (one of [`METHODS`]).
    Approve {
        /// How it was checked.
        method: &'a str,
    },
    /// Not verified, for a reason the practitioner sees.
    Reject {
        /// Why.
        reason: &'a str,
    },
}

impl Decision<'_> {
    fn check(&self) -> Result<(), AdminError> {
        match self {
            Self::Approve { method } if !METHODS.contains(method) => Err(AdminError::Invalid(say(
                Lang::current(),
                "adm-choose-method",
                [],
            ))),
            Self::Reject { reason }
                if reason.trim().is_empty() || reason.trim().chars().count() > 500 =>
            {
                Err(AdminError::Invalid(say(
                    Lang::current(),
                    "adm-reason-invalid",
                    [],
                )))
            }
            _ => Ok(()),
        }
    }

    /// The practitioner's mail about this decision on licence `label`, in `lang`.
    fn mail(&self, lang: Lang, label: &str, public_url: &str) -> (String, String) {
        let licences = format!("{public_url}/dashboard/licences");
        match self {
            Self::Approve { method } => (
                say(lang, "mail-licence-verified-subject", []),
                say(
                    lang,
                    "mail-licence-verified",
                    [
                        ("licence", label.into()),
                        (
                            "how",
                            say(lang, &format!("mail-method-{method}"), []).into(),
                        ),
                        ("link", licences.into()),
                    ],
                ),
            ),
            Self::Reject { reason } => (
                say(lang, "mail-licence-rejected-subject", []),
                say(
                    lang,
                    "mail-licence-rejected",
                    [
                        ("licence", label.into()),
                        ("reason", reason.trim().into()),
                        ("link", licences.into()),
                    ],
                ),
            ),
        }
    }

    fn action(&self) -> &'static str {
        match self {
            Self::Approve { .. } => "licence.approve",
            Self::Reject { .. } => "licence.reject",
        }
    }

    fn apply(&self, model: &mut licence::ActiveModel, actor: i64) {
        let now = Utc::now();
        match self {
            Self::Approve { method } => {
                model.status = Set("verified".into());
                model.verified_by = Set(Some(actor));
                model.verified_at = Set(Some(now));
                model.verification_method = Set(Some((*method).to_owned()));
                model.rejection_reason = Set(None);
                model.review_note = Set(None);
            }
            Self::Reject { reason } => {
                model.status = Set("rejected".into());
                model.rejection_reason = Set(Some(reason.trim().to_owned()));
                model.verified_by = Set(None);
                model.verified_at = Set(None);
                model.verification_method = Set(None);
            }
        }
        model.needs_review = Set(false);
        model.updated_at = Set(now);
    }
}

/// Records an admin's decision on a licence: the new state, one audit entry with the
/// licence before and after, a re-index, and a mail telling the practitioner (with
/// the reason, for a rejection), in one transaction.
pub async fn decide(
    db: &DatabaseConnection,
    actor: i64,
    licence_id: i64,
    decision: Decision<'_>,
    public_url: &str,
) -> Result<licence::Model, AdminError> {
    decision.check()?;
    let txn = crate::db::begin_write(db).await?;
    let row = licence::Entity::find_by_id(licence_id)
        .one(&txn)
        .await?
        .ok_or(AdminError::NotFound)?;
    let before = snapshot(&row);
    let mut model: licence::ActiveModel = row.into();
    decision.apply(&mut model, actor);
    let updated = model.update(&txn).await?;
    let mut after = snapshot(&updated);
    if let Decision::Reject { reason } = decision {
        after["rejection_reason"] = json!(reason.trim());
    }
    audit::record(
        &txn,
        Some(actor),
        decision.action(),
        Subject {
            kind: "licence",
            id: &licence_id.to_string(),
        },
        Some(before),
        Some(after),
    )
    .await?;
    crate::practitioners::published_change(&txn, updated.practitioner_id).await?;
    if let Some((to, lang)) = owner_email(&txn, updated.practitioner_id).await? {
        let (subject, body) = decision.mail(
            lang,
            &format!("{} {}", updated.jurisdiction, updated.number),
            public_url,
        );
        mail::enqueue(&txn, &to, &subject, &body).await?;
    }
    txn.commit().await?;
    tracing::info!(
        licence.id = licence_id,
        admin.id = actor,
        action = decision.action(),
        "licence decided"
    );
    Ok(updated)
}

/// The owner's address, and the language they last signed in with.
async fn owner_email(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
) -> Result<Option<(String, Lang)>, DbErr> {
    let Some(p) = practitioner::Entity::find_by_id(practitioner_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(match p.user_id {
        Some(uid) => user::Entity::find_by_id(uid)
            .one(db)
            .await?
            .map(|u| (u.email, Lang::parse(&u.language).unwrap_or_default())),
        None => None,
    })
}

/// What an expiry run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ExpiryReport {
    /// Licences marked expired.
    pub expired: usize,
    /// Reminders sent.
    pub reminded: usize,
}

/// Marks verified licences past their expiry as expired (re-indexed at once through
/// the outbox, practitioner told by mail) and reminds those expiring within 30 days.
pub async fn expire_and_remind(
    db: &DatabaseConnection,
    today: NaiveDate,
    public_url: &str,
) -> Result<ExpiryReport, DbErr> {
    let mut report = ExpiryReport::default();
    let due = licence::Entity::find()
        .filter(licence::Column::Status.eq("verified"))
        .filter(licence::Column::ExpiresOn.lt(today))
        .all(db)
        .await?;
    for l in due {
        let txn = crate::db::begin_write(db).await?;
        let before = snapshot(&l);
        let (id, practitioner_id, label) = (
            l.id,
            l.practitioner_id,
            format!("{} {}", l.jurisdiction, l.number),
        );
        let mut model: licence::ActiveModel = l.into();
        model.status = Set("expired".into());
        model.updated_at = Set(Utc::now());
        let updated = model.update(&txn).await?;
        audit::record(
            &txn,
            None,
            "licence.expire",
            Subject {
                kind: "licence",
                id: &id.to_string(),
            },
            Some(before),
            Some(snapshot(&updated)),
        )
        .await?;
        crate::practitioners::published_change(&txn, practitioner_id).await?;
        if let Some((to, lang)) = owner_email(&txn, practitioner_id).await? {
            let body = say(
                lang,
                "mail-licence-expired",
                [
                    ("licence", label.into()),
                    ("link", format!("{public_url}/dashboard/licences").into()),
                ],
            );
            let subject = say(lang, "mail-licence-expired-subject", []);
            mail::enqueue(&txn, &to, &subject, &body).await?;
        }
        txn.commit().await?;
        report.expired += 1;
    }
    let soon = licence::Entity::find()
        .filter(licence::Column::Status.is_in(["verified", "pending"]))
        .filter(licence::Column::ExpiresOn.gte(today))
        .filter(licence::Column::ExpiresOn.lte(today + TimeDelta::days(30)))
        .filter(licence::Column::RemindedAt.is_null())
        .all(db)
        .await?;
    for l in soon {
        let txn = crate::db::begin_write(db).await?;
        let label = format!("{} {}", l.jurisdiction, l.number);
        let expiry = l.expires_on.map(|d| d.to_string()).unwrap_or_default();
        let practitioner_id = l.practitioner_id;
        let mut model: licence::ActiveModel = l.into();
        model.reminded_at = Set(Some(Utc::now()));
        model.update(&txn).await?;
        if let Some((to, lang)) = owner_email(&txn, practitioner_id).await? {
            let body = say(
                lang,
                "mail-licence-expiring",
                [
                    ("licence", label.into()),
                    ("date", expiry.into()),
                    ("link", format!("{public_url}/dashboard/licences").into()),
                ],
            );
            let subject = say(lang, "mail-licence-expiring-subject", []);
            mail::enqueue(&txn, &to, &subject, &body).await?;
        }
        txn.commit().await?;
        report.reminded += 1;
    }
    if report.expired + report.reminded > 0 {
        tracing::info!(
            expired = report.expired,
            reminded = report.reminded,
            "licence expiry run"
        );
    }
    Ok(report)
}
