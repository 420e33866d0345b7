//! Asking for a time, and confirming the email that asked.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, NotSet};

use super::{
    CONFIRM_WITHIN, HOLD, LockScope, MAX_NOTE, MAX_PENDING, Practice, Status, VisitError,
    links::{self, Opened, Purpose},
    lock,
    mails::Context,
    pending_of, plan_and_busy,
};
use crate::{
    accounts::{normalise_email, secrets::random_token, valid_email},
    entities::{practitioner, visit},
    i18n::{self, Lang},
    schedule::Minute,
    throttle::{self, Limit, Taken},
    validation::FieldErrors,
};

/// Requests one address may send per hour.
pub const PER_ADDRESS_PER_HOUR: u64 = 10;
/// Requests one email may be sent per hour.
pub const PER_EMAIL_PER_HOUR: u64 = 5;

/// A request as typed or sent.
#[derive(Debug, Clone, Default)]
pub struct RequestInput {
    /// One of the open times' starts, RFC 3339.
    pub start: String,
    /// One of the lengths offered.
    pub minutes: Option<Minute>,
    /// The client's name.
    pub name: String,
    /// The client's email.
    pub email: String,
    /// An optional note.
    pub note: String,
    /// The honeypot: a field people never see; bots fill it.
    pub honeypot: String,
}

/// What happened to a request that was not refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requested {
    /// Stored; the confirmation mail is queued.
    Queued,
    /// Looked like a bot; dropped without a word.
    Dropped,
}

/// The checked fields of a request.
struct Checked {
    start: DateTime<Utc>,
    minutes: Minute,
    name: String,
    email: String,
    note: Option<String>,
}

/// A message in the current request's language.
fn say(key: &str) -> String {
    i18n::text(Lang::current(), key)
}

/// A message with arguments in the current request's language.
fn say_with<'a>(
    key: &str,
    args: impl IntoIterator<Item = (&'static str, i18n::FluentValue<'a>)>,
) -> String {
    i18n::text_with(Lang::current(), key, args)
}

fn check(input: &RequestInput) -> Result<Checked, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = input.name.trim();
    if name.is_empty()
        || input.name.chars().count() > 100
        || input.name.chars().any(char::is_control)
    {
        errors.insert("name".into(), say("form-name-invalid"));
    }
    if !valid_email(&input.email) || input.email.chars().any(char::is_control) {
        errors.insert("email".into(), say("form-email-invalid"));
    }
    let note = input.note.trim();
    if input.note.chars().count() > MAX_NOTE
        || input
            .note
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        errors.insert(
            "note".into(),
            say_with("visit-note-too-long", [("max", MAX_NOTE.into())]),
        );
    }
    let start = DateTime::parse_from_rfc3339(input.start.trim())
        .ok()
        .map(|s| s.with_timezone(&Utc));
    if start.is_none() {
        errors.insert("start".into(), say("visit-choose-time"));
    }
    if input.minutes.is_none() {
        errors.insert("minutes".into(), say("visit-choose-length"));
    }
    match (start, input.minutes) {
        (Some(start), Some(minutes)) if errors.is_empty() => Ok(Checked {
            start,
            minutes,
            name: name.to_owned(),
            email: normalise_email(&input.email),
            note: (!note.is_empty()).then(|| note.to_owned()),
        }),
        _ => Err(errors),
    }
}

/// Asks for one of a listed practitioner's open times. Nothing is held until the
/// email is confirmed; the confirmation mail is queued with the request.
pub async fn request(
    db: &DatabaseConnection,
    p: &practitioner::Model,
    input: &RequestInput,
    address: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<Requested, VisitError> {
    if !input.honeypot.trim().is_empty() {
        return Ok(Requested::Dropped);
    }
    let checked = check(input).map_err(VisitError::Invalid)?;
    let mut errors = FieldErrors::new();
    match plan_and_busy(db, p.id, now, None).await? {
        None => return Err(VisitError::NoTimes),
        Some((plan, busy)) => {
            if !plan.lengths.contains(&checked.minutes) {
                let lengths: Vec<String> = plan.lengths.iter().map(ToString::to_string).collect();
                errors.insert(
                    "minutes".into(),
                    say_with(
                        "visit-lengths-offered",
                        [("lengths", lengths.join(", ").into())],
                    ),
                );
            } else if checked.start <= now {
                errors.insert("start".into(), say("visit-time-passed"));
            } else if !plan.offers(&busy, now, checked.start, checked.minutes) {
                errors.insert(
                    "start".into(),
                    say_with("visit-time-not-open", [("minutes", checked.minutes.into())]),
                );
            }
        }
    }
    if !errors.is_empty() {
        return Err(VisitError::Invalid(errors));
    }
    let limits = [
        Limit::new(
            format!("visit:address:{address}"),
            PER_ADDRESS_PER_HOUR,
            chrono::TimeDelta::hours(1),
        ),
        Limit::new(
            format!("visit:email:{}", checked.email),
            PER_EMAIL_PER_HOUR,
            chrono::TimeDelta::hours(1),
        ),
    ];
    if let Taken::Refused(_) = throttle::take(db, &limits).await? {
        return Err(VisitError::RateLimited);
    }
    let txn = crate::db::begin_write(db).await?;
    lock(&txn, LockScope::Email, super::email_key(&checked.email)).await?;
    if pending_of(&txn, &checked.email, now).await? >= MAX_PENDING {
        return Err(VisitError::TooManyPending);
    }
    let host = public_url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':']).next())
        .unwrap_or("localhost");
    let end = checked.start + chrono::TimeDelta::minutes(i64::from(checked.minutes));
    let inserted = visit::Entity::insert(visit::ActiveModel {
        id: NotSet,
        practitioner_id: Set(p.id),
        start_at: Set(checked.start),
        end_at: Set(end),
        minutes: Set(i32::from(checked.minutes)),
        status: Set(Status::Unconfirmed.as_str().to_owned()),
        name: Set(Some(checked.name)),
        email: Set(Some(checked.email)),
        note: Set(checked.note),
        created_at: Set(now),
        confirm_by: Set(now + CONFIRM_WITHIN),
        held_until: Set(None),
        accepted_at: Set(None),
        proposed: Set(false),
        uid: Set(format!("visit-{}@{host}", &random_token()[..32])),
        sequence: Set(0),
        reminded_at: Set(None),
        report_asked_at: Set(None),
        language: Set(crate::i18n::Lang::current().code().to_owned()),
    })
    .exec_with_returning(&txn)
    .await?;
    let secret = links::make(
        &txn,
        inserted.id,
        Purpose::Confirm,
        now,
        inserted.confirm_by,
    )
    .await?;
    let practice = Practice::load(&txn, p.id).await?;
    Context {
        practice: &practice,
        visit: &inserted,
        public_url,
        now,
    }
    .confirm(&txn, &secret)
    .await?;
    txn.commit().await?;
    Ok(Requested::Queued)
}

/// What confirming a request did.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirmed {
    /// The time is held for the client.
    Held(visit::Model),
    /// Someone else's hold came first; nothing is held.
    Taken(visit::Model),
}

/// Confirms a request's email through its link: holds the time for [`HOLD`] if it is
/// still open, in one transaction under the practitioner's lock.
pub async fn confirm(
    db: &DatabaseConnection,
    opened: &Opened,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<Confirmed, VisitError> {
    if opened.purpose != Purpose::Confirm {
        return Err(VisitError::NotFound);
    }
    let txn = crate::db::begin_write(db).await?;
    lock(&txn, LockScope::Practitioner, opened.visit.practitioner_id).await?;
    let visit = super::find(&txn, opened.visit.id).await?;
    links::spend(&txn, &opened.link, now).await?;
    if Status::of(&visit) != Status::Unconfirmed || visit.confirm_by <= now {
        return Err(VisitError::Gone(say("visit-cannot-confirm")));
    }
    let open = plan_and_busy(&txn, visit.practitioner_id, now, Some(visit.id))
        .await?
        .is_some_and(|(plan, busy)| {
            u16::try_from(visit.minutes)
                .is_ok_and(|minutes| plan.offers(&busy, now, visit.start_at, minutes))
        });
    let mut row: visit::ActiveModel = visit.clone().into();
    if !open {
        row.status = Set(Status::Taken.as_str().to_owned());
        let taken = visit::Entity::update(row).exec(&txn).await?;
        txn.commit().await?;
        return Ok(Confirmed::Taken(taken));
    }
    row.status = Set(Status::Held.as_str().to_owned());
    row.held_until = Set(Some((now + HOLD).min(visit.start_at)));
    let held = visit::Entity::update(row).exec(&txn).await?;
    let secret = links::make(&txn, held.id, Purpose::Client, now, held.end_at).await?;
    let practice = Practice::load(&txn, held.practitioner_id).await?;
    Context {
        practice: &practice,
        visit: &held,
        public_url,
        now,
    }
    .held(&txn, &secret)
    .await?;
    txn.commit().await?;
    Ok(Confirmed::Held(held))
}
