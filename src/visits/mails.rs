//! The mail each step of a visit sends, queued in the step's transaction. Mail never
//! repeats the client's note: it may describe someone's health, so the practitioner
//! reads it in the inbox.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr};

use super::{
    Practice,
    invite::{self, Event, Method},
};
use crate::{
    entities::visit,
    i18n::{self, FluentValue, Lang, dates},
    mail::{self, Letter},
};

/// Why an invite goes out: the visit is booked, or moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Booked {
    /// Accepted, or a proposal taken.
    Confirmed,
    /// Moved to another time.
    Moved,
}

impl Booked {
    /// The subject line of the practitioner's mail.
    fn english(self) -> &'static str {
        match self {
            Self::Confirmed => "Visit confirmed",
            Self::Moved => "Visit moved",
        }
    }

    /// The client's subject line, a catalogue key.
    fn client_key(self) -> &'static str {
        match self {
            Self::Confirmed => "mail-booked-subject",
            Self::Moved => "mail-moved-subject",
        }
    }
}

/// What the mail of a step needs.
pub(super) struct Context<'a> {
    pub practice: &'a Practice,
    pub visit: &'a visit::Model,
    pub public_url: &'a str,
    pub now: DateTime<Utc>,
}

impl Context<'_> {
    fn client(&self) -> Option<&str> {
        self.visit.email.as_deref()
    }

    fn client_name(&self) -> &str {
        self.visit.name.as_deref().unwrap_or("A client")
    }

    fn name(&self) -> &str {
        &self.practice.practitioner.display_name
    }

    fn when(&self) -> String {
        self.practice.when(self.visit.start_at)
    }

    /// The language the client asked in.
    fn lang(&self) -> Lang {
        Lang::parse(&self.visit.language).unwrap_or_default()
    }

    /// A time on the practice's clock as the client's language says it.
    fn client_when(&self, at: DateTime<Utc>) -> String {
        dates::moment(self.lang(), &at.with_timezone(&self.practice.zone))
    }

    /// A message to the client, in their language, with the visit's usual arguments
    /// (`minutes`, `name`, `when`, `place`, `profile`) and `more`.
    fn to_client<'a>(
        &self,
        key: &str,
        more: impl IntoIterator<Item = (&'static str, FluentValue<'a>)>,
    ) -> String {
        let mut args: Vec<(&'static str, FluentValue<'a>)> = vec![
            ("minutes", self.visit.minutes.into()),
            ("name", self.name().to_owned().into()),
            ("when", self.client_when(self.visit.start_at).into()),
            ("place", self.practice.place().into()),
            (
                "profile",
                format!("{}/p/{}", self.public_url, self.practice.practitioner.slug).into(),
            ),
        ];
        args.extend(more);
        i18n::text_with(self.lang(), key, args)
    }

    /// A subject line to the client, in their language.
    fn client_subject(&self, key: &str) -> String {
        i18n::text(self.lang(), key)
    }

    fn link(&self, secret: &str) -> String {
        format!("{}/visits/{secret}", self.public_url)
    }

    fn event(&self, cancelled: bool) -> Event {
        let host = self
            .public_url
            .split("://")
            .nth(1)
            .unwrap_or("localhost")
            .split(['/', ':'])
            .next()
            .unwrap_or("localhost");
        Event {
            uid: self.visit.uid.clone(),
            sequence: self.visit.sequence,
            start: self.visit.start_at,
            minutes: self.visit.minutes,
            zone: self.practice.zone,
            summary: format!("Massage visit with {}", self.name()),
            location: self.practice.place(),
            description: format!(
                "{} minutes with {}. {}/p/{}",
                self.visit.minutes,
                self.name(),
                self.public_url,
                self.practice.practitioner.slug
            ),
            organizer: (
                self.name().to_owned(),
                self.practice
                    .email
                    .clone()
                    .unwrap_or_else(|| format!("no-reply@{host}")),
            ),
            attendee: self
                .client()
                .map(|email| (self.client_name().to_owned(), email.to_owned())),
            cancelled,
        }
    }

    fn invite(&self, method: Method) -> String {
        invite::calendar(
            method,
            &[self.event(method == Method::Cancel)],
            self.now,
            None,
        )
    }

    async fn send(
        &self,
        db: &impl ConnectionTrait,
        to: Option<&str>,
        subject: &str,
        text: &str,
        calendar: Option<&str>,
    ) -> Result<(), DbErr> {
        match to {
            Some(to) => {
                mail::enqueue_letter(
                    db,
                    &Letter {
                        to,
                        subject,
                        text,
                        calendar,
                    },
                )
                .await
            }
            None => Ok(()),
        }
    }

    /// To the client: the link that confirms the request.
    pub async fn confirm(&self, db: &impl ConnectionTrait, secret: &str) -> Result<(), DbErr> {
        let text = self.to_client("mail-confirm", [("link", self.link(secret).into())]);
        let subject = self.client_subject("mail-confirm-subject");
        self.send(db, self.client(), &subject, &text, None).await
    }

    /// To both: the time is held for the practitioner's answer.
    pub async fn held(&self, db: &impl ConnectionTrait, client_secret: &str) -> Result<(), DbErr> {
        let client_until = self
            .visit
            .held_until
            .map_or_else(String::new, |at| self.client_when(at));
        let text = self.to_client(
            "mail-held",
            [
                ("until", client_until.into()),
                ("link", self.link(client_secret).into()),
            ],
        );
        let subject = self.client_subject("mail-held-subject");
        self.send(db, self.client(), &subject, &text, None).await?;
        let until = self
            .visit
            .held_until
            .map_or_else(String::new, |at| self.practice.when(at));
        let text = format!(
            "{} asks for a {} minute visit on {}. The time is held until {until}; after that it opens again.\n\nAccept, decline or propose another time in your inbox: {}/dashboard/inbox",
            self.client_name(),
            self.visit.minutes,
            self.when(),
            self.public_url,
        );
        self.send(
            db,
            self.practice.email.as_deref(),
            "New visit request",
            &text,
            None,
        )
        .await
    }

    /// To both, with the invite: the visit is booked (`subject` says how).
    pub async fn booked(
        &self,
        db: &impl ConnectionTrait,
        subject: Booked,
        client_secret: &str,
        practitioner_secret: &str,
    ) -> Result<(), DbErr> {
        let invite = self.invite(Method::Request);
        let text = self.to_client("mail-booked", [("link", self.link(client_secret).into())]);
        let client_subject = self.client_subject(subject.client_key());
        self.send(db, self.client(), &client_subject, &text, Some(&invite))
            .await?;
        let text = format!(
            "Your {} minute visit with {} is on {}. The invite is attached for your calendar.\n\nTo cancel or move the visit: {}",
            self.visit.minutes,
            self.client_name(),
            self.when(),
            self.link(practitioner_secret),
        );
        self.send(
            db,
            self.practice.email.as_deref(),
            subject.english(),
            &text,
            Some(&invite),
        )
        .await
    }

    /// To both, with the cancellation for their calendars; `by_client` says who
    /// cancelled: the client, or the practitioner.
    pub async fn cancelled(&self, db: &impl ConnectionTrait, by_client: bool) -> Result<(), DbErr> {
        let by = if by_client {
            "the client"
        } else {
            "the practitioner"
        };
        let invite = self.invite(Method::Cancel);
        let text = self.to_client(
            if by_client {
                "mail-cancelled-by-you"
            } else {
                "mail-cancelled"
            },
            [],
        );
        let subject = self.client_subject("mail-cancelled-subject");
        self.send(db, self.client(), &subject, &text, Some(&invite))
            .await?;
        let text = format!(
            "The visit on {} with {} was cancelled by {by}. The time is open again.",
            self.when(),
            self.client_name(),
        );
        self.send(
            db,
            self.practice.email.as_deref(),
            "Visit cancelled",
            &text,
            Some(&invite),
        )
        .await
    }

    /// To the practitioner: the client withdrew a request (or declined a proposal).
    pub async fn withdrawn(&self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        let text = format!(
            "{} withdrew the request for {}. The time is open again.",
            self.client_name(),
            self.when(),
        );
        self.send(
            db,
            self.practice.email.as_deref(),
            "Visit request withdrawn",
            &text,
            None,
        )
        .await
    }

    /// To the client: the practitioner declined.
    pub async fn declined(&self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        let text = self.to_client("mail-declined", []);
        let subject = self.client_subject("mail-declined-subject");
        self.send(db, self.client(), &subject, &text, None).await
    }

    /// To the client: the practitioner proposes the visit's (new) time.
    pub async fn proposed(
        &self,
        db: &impl ConnectionTrait,
        client_secret: &str,
    ) -> Result<(), DbErr> {
        let text = self.to_client("mail-proposed", [("link", self.link(client_secret).into())]);
        let subject = self.client_subject("mail-proposed-subject");
        self.send(db, self.client(), &subject, &text, None).await
    }

    /// To the client: the hold lapsed without an answer.
    pub async fn lapsed(&self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        let text = self.to_client("mail-lapsed", []);
        let subject = self.client_subject("mail-lapsed-subject");
        self.send(db, self.client(), &subject, &text, None).await
    }

    /// To the client, the day after: the link to report on the visit.
    pub async fn ask_report(&self, db: &impl ConnectionTrait, secret: &str) -> Result<(), DbErr> {
        let text = self.to_client("mail-ask-report", [("link", self.link(secret).into())]);
        let subject = self.client_subject("mail-ask-report-subject");
        self.send(db, self.client(), &subject, &text, None).await
    }

    /// To the client, the day before.
    pub async fn reminder(&self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        let text = self.to_client("mail-reminder", []);
        let subject = self.client_subject("mail-reminder-subject");
        self.send(db, self.client(), &subject, &text, None).await
    }
}
