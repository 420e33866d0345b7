//! Each practitioner's private calendar feed: an `.ics` address with a secret that any
//! calendar app can subscribe to. Only the secret's SHA-256 is stored, so the address
//! is shown once, when it is made; making a new one ends the old.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::OnConflict,
};

use super::{
    Practice, Status, VisitError,
    invite::{self, Event, Method},
};
use crate::{
    accounts::secrets::{looks_like_token, random_token, token_hash},
    entities::{calendar_feed, visit},
};

/// Most visits one feed holds.
pub const MAX_EVENTS: u64 = 2000;

/// Makes a new feed secret for a practitioner, ending any earlier one.
pub async fn replace(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let secret = random_token();
    calendar_feed::Entity::insert(calendar_feed::ActiveModel {
        practitioner_id: Set(practitioner_id),
        token_hash: Set(token_hash(&secret)),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(calendar_feed::Column::PractitionerId)
            .update_columns([
                calendar_feed::Column::TokenHash,
                calendar_feed::Column::CreatedAt,
            ])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(secret)
}

/// When the practitioner's current feed was made, if there is one.
pub async fn made_at(
    db: &impl ConnectionTrait,
    practitioner_id: i64,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    Ok(calendar_feed::Entity::find_by_id(practitioner_id)
        .one(db)
        .await?
        .map(|f| f.created_at))
}

/// The feed of a secret: the practitioner's booked visits from 30 days ago on.
pub async fn calendar(
    db: &impl ConnectionTrait,
    secret: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<String, VisitError> {
    if !looks_like_token(secret) {
        return Err(VisitError::NotFound);
    }
    let feed = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::TokenHash.eq(token_hash(secret)))
        .one(db)
        .await?
        .ok_or(VisitError::NotFound)?;
    let practice = Practice::load(db, feed.practitioner_id).await?;
    let visits = visit::Entity::find()
        .filter(visit::Column::PractitionerId.eq(feed.practitioner_id))
        .filter(visit::Column::Status.eq(Status::Accepted.as_str()))
        .filter(visit::Column::EndAt.gt(now - TimeDelta::days(30)))
        .order_by_asc(visit::Column::StartAt)
        .limit(MAX_EVENTS)
        .all(db)
        .await?;
    let name = &practice.practitioner.display_name;
    let events: Vec<Event> = visits
        .iter()
        .map(|v| Event {
            uid: v.uid.clone(),
            sequence: v.sequence,
            start: v.start_at,
            minutes: v.minutes,
            zone: practice.zone,
            summary: format!(
                "Visit: {}",
                v.name.as_deref().unwrap_or("client (name erased)")
            ),
            location: practice.place(),
            description: format!("{} minutes. {public_url}/dashboard/inbox", v.minutes),
            organizer: (name.clone(), practice.email.clone().unwrap_or_default()),
            attendee: v.name.clone().zip(v.email.clone()),
            cancelled: false,
        })
        .collect();
    Ok(invite::calendar(
        Method::Publish,
        &events,
        now,
        Some(&format!("Visits with {name}")),
    ))
}
