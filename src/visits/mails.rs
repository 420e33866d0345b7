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
    /// The practitioner's subject line, a catalogue key.
    fn practice_key(self) -> &'static str {
        match self {
            Self::Confirmed => "mail-practice-booked-subject",
            Self::Moved => "mail-practice-moved-subject",
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

    /// The client's name as the practitioner's mail gives it.
    fn client_name(&self) -> String {
        self.visit
            .name
            .clone()
            .unwrap_or_else(|| i18n::text(self.practice.language, "mail-practice-a-client"))
    }

    fn name(&self) -> &str {
        &self.practice.practitioner.display_name
    }

    /// A message to the practitioner, in their language, with the visit's usual
    /// arguments (`minutes`, `client`, `when`, `inbox`) and `more`.
    fn to_practice<'a>(
        &self,
        key: &str,
        more: impl IntoIterator<Item = (&'static str, FluentValue<'a>)>,
    ) -> String {
        let lang = self.practice.language;
        let mut args: Vec<(&'static str, FluentValue<'a>)> = vec![
            ("minutes", self.visit.minutes.into()),
            ("client", self.client_name().into()),
            (
                "when",
                dates::moment(
                    lang,
                    &self.visit.start_at.with_timezone(&self.practice.zone),
                )
                .into(),
            ),
            (
                "inbox",
                format!("{}/dashboard/inbox", self.public_url).into(),
            ),
        ];
        args.extend(more);
        i18n::text_with(lang, key, args)
    }

    /// A subject line to the practitioner, in their language.
    fn practice_subject(&self, key: &str) -> String {
        i18n::text(self.practice.language, key)
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
            summary: i18n::text_with(
                self.lang(),
                "invite-summary",
                [("name", self.name().to_owned().into())],
            ),
            location: self.practice.place(),
            description: i18n::text_with(
                self.lang(),
                "invite-description",
                [
                    ("minutes", self.visit.minutes.into()),
                    ("name", self.name().to_owned().into()),
                    (
                        "profile",
                        format!("{}/p/{}", self.public_url, self.practice.practitioner.slug).into(),
                    ),
                ],
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
                .map(|email| (self.client_name(), email.to_owned())),
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
        let until = self.visit.held_until.map_or_else(String::new, |at| {
            dates::moment(
                self.practice.language,
                &at.with_timezone(&self.practice.zone),
            )
        });
        let text = self.to_practice("mail-practice-held", [("until", until.into())]);
        let subject = self.practice_subject("mail-practice-held-subject");
        self.send(db, self.practice.email.as_deref(), &subject, &text, None)
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
        let text = self.to_practice(
            "mail-practice-booked",
            [("link", self.link(practitioner_secret).into())],
        );
        let subject = self.practice_subject(subject.practice_key());
        self.send(
            db,
            self.practice.email.as_deref(),
            &subject,
            &text,
            Some(&invite),
        )
        .await
    }

    /// To both, with the cancellation for their calendars; `by_client` says who
    /// cancelled: the client, or the practitioner.
    pub async fn cancelled(&self, db: &impl ConnectionTrait, by_client: bool) -> Result<(), DbErr> {
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
        let text = self.to_practice(
            if by_client {
                "mail-practice-cancelled-by-client"
            } else {
                "mail-practice-cancelled-by-you"
            },
            [],
        );
        let subject = self.practice_subject("mail-practice-cancelled-subject");
        self.send(
            db,
            self.practice.email.as_deref(),
            &subject,
            &text,
            Some(&invite),
        )
        .await
    }

    /// To the practitioner: the client withdrew a request (or declined a proposal).
    pub async fn withdrawn(&self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        let text = self.to_practice("mail-practice-withdrawn", []);
        let subject = self.practice_subject("mail-practice-withdrawn-subject");
        self.send(db, self.practice.email.as_deref(), &subject, &text, None)
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
