//! Appointment requests from the public profile: stored in the practitioner's inbox,
//! with a notification through the mail outbox. Abuse limits: a honeypot field, a
//! per-address rate limit and length caps.

use chrono::{TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, QueryOrder,
};

use super::editor::EditError;
use crate::{
    accounts::valid_email,
    entities::{contact_request, practitioner, user},
    mail,
    throttle::{self, Limit, Taken},
    validation::FieldErrors,
};

/// Requests one address may send per hour.
pub const PER_ADDRESS_PER_HOUR: u64 = 5;
/// Longest message accepted.
pub const MAX_MESSAGE: usize = 2000;

/// A request as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ContactInput {
    /// Sender's name.
    pub name: String,
    /// Sender's email.
    pub email: String,
    /// The message.
    pub message: String,
    #[serde(rename = "website")]
    /// The honeypot: a field people never see; bots fill it.
    pub honeypot: String,
}

/// What happened to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactOutcome {
    /// Stored and notified.
    Sent,
    /// Looked like a bot; silently dropped.
    Dropped,
    /// The address sent too many requests.
    RateLimited,
}

/// Validates and stores a request to a listed practitioner.
pub async fn submit(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    input: &ContactInput,
    address: &str,
    public_url: &str,
) -> Result<ContactOutcome, EditError> {
    if !input.honeypot.trim().is_empty() {
        return Ok(ContactOutcome::Dropped);
    }
    let mut errors = FieldErrors::new();
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.insert(
            "name".into(),
            crate::i18n::text(crate::i18n::Lang::current(), "form-name-invalid"),
        );
    }
    if !valid_email(&input.email) {
        errors.insert(
            "email".into(),
            crate::i18n::text(crate::i18n::Lang::current(), "form-email-invalid"),
        );
    }
    let message = input.message.trim();
    if message.is_empty() || message.chars().count() > MAX_MESSAGE {
        errors.insert(
            "message".into(),
            crate::i18n::text_with(
                crate::i18n::Lang::current(),
                "contact-message-invalid",
                [("max", MAX_MESSAGE.into())],
            ),
        );
    }
    if !errors.is_empty() {
        return Err(EditError::Invalid(errors));
    }
    let limit = Limit::new(
        format!("contact:{address}"),
        PER_ADDRESS_PER_HOUR,
        TimeDelta::hours(1),
    );
    if let Taken::Refused(_) = throttle::take(db, &[limit]).await? {
        return Ok(ContactOutcome::RateLimited);
    }
    let txn = crate::db::begin_write(db).await?;
    contact_request::Entity::insert(contact_request::ActiveModel {
        id: NotSet,
        practitioner_id: Set(p.id),
        name: Set(name.to_owned()),
        email: Set(input.email.trim().to_owned()),
        message: Set(message.to_owned()),
        created_at: Set(Utc::now()),
        read_at: Set(None),
    })
    .exec(&txn)
    .await?;
    let owner = match p.user_id {
        Some(id) => user::Entity::find_by_id(id).one(&txn).await?,
        None => None,
    };
    let lang = owner
        .as_ref()
        .and_then(|u| crate::i18n::Lang::parse(&u.language))
        .unwrap_or_default();
    if let Some(to) = owner.map(|u| u.email).or_else(|| p.public_email.clone()) {
        // The notice does not repeat the message: it may describe someone's health.
        mail::enqueue(
            &txn,
            &to,
            &crate::i18n::text(lang, "mail-contact-subject"),
            &crate::i18n::text_with(
                lang,
                "mail-contact",
                [("inbox", format!("{public_url}/dashboard/inbox").into())],
            ),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(ContactOutcome::Sent)
}

/// A practitioner's inbox, newest first.
pub async fn inbox(
    db: &impl ConnectionTrait,
    p: &practitioner::Model,
) -> Result<Vec<contact_request::Model>, sea_orm::DbErr> {
    contact_request::Entity::find()
        .filter(contact_request::Column::PractitionerId.eq(p.id))
        .order_by_desc(contact_request::Column::Id)
        .all(db)
        .await
}
