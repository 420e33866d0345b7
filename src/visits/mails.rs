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
    mail::{self, Letter},
};

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
        let text = format!(
            "You asked for a {} minute visit with {} on {}.\n\nConfirm your request with this link within 24 hours: {}\n\nUntil you confirm, the time is not held and {} does not see the request. If you did not ask for this, ignore this email.",
            self.visit.minutes,
            self.name(),
            self.when(),
            self.link(secret),
            self.name(),
        );
        self.send(db, self.client(), "Confirm your visit request", &text, None)
            .await
    }

    /// To both: the time is held for the practitioner's answer.
    pub async fn held(&self, db: &impl ConnectionTrait, client_secret: &str) -> Result<(), DbErr> {
        let until = self
            .visit
            .held_until
            .map_or_else(String::new, |at| self.practice.when(at));
        let text = format!(
            "Your request for {} with {} is confirmed, and the time is held for you until {until}. {} will accept it, decline it or propose another time, and you will get an email either way.\n\nTo withdraw the request: {}",
            self.when(),
            self.name(),
            self.name(),
            self.link(client_secret),
        );
        self.send(db, self.client(), "Your time is held", &text, None)
            .await?;
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
        subject: &str,
        client_secret: &str,
        practitioner_secret: &str,
    ) -> Result<(), DbErr> {
        let invite = self.invite(Method::Request);
        let text = format!(
            "Your {} minute visit with {} is on {}, at {}. The invite is attached for your calendar.\n\nTo cancel or move the visit: {}",
            self.visit.minutes,
            self.name(),
            self.when(),
            self.practice.place(),
            self.link(client_secret),
        );
        self.send(db, self.client(), subject, &text, Some(&invite))
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
            subject,
            &text,
            Some(&invite),
        )
        .await
    }

    /// To both, with the cancellation for their calendars.
    pub async fn cancelled(&self, db: &impl ConnectionTrait, by: &str) -> Result<(), DbErr> {
        let invite = self.invite(Method::Cancel);
        let text = format!(
            "The visit on {} with {} was cancelled by {by}. Your calendar can remove it with the attached cancellation.\n\nTo find another time: {}/p/{}",
            self.when(),
            self.name(),
            self.public_url,
            self.practice.practitioner.slug,
        );
        self.send(db, self.client(), "Visit cancelled", &text, Some(&invite))
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
        let text = format!(
            "{} cannot see you on {}. Other open times: {}/p/{}#open-times",
            self.name(),
            self.when(),
            self.public_url,
            self.practice.practitioner.slug,
        );
        self.send(db, self.client(), "Your visit request", &text, None)
            .await
    }

    /// To the client: the practitioner proposes the visit's (new) time.
    pub async fn proposed(
        &self,
        db: &impl ConnectionTrait,
        client_secret: &str,
    ) -> Result<(), DbErr> {
        let text = format!(
            "{} cannot see you at the time you asked for and proposes {} instead, for {} minutes. The time is held for you for 24 hours.\n\nTake it or decline it here: {}",
            self.name(),
            self.when(),
            self.visit.minutes,
            self.link(client_secret),
        );
        self.send(db, self.client(), "Another time proposed", &text, None)
            .await
    }

    /// To the client: the hold lapsed without an answer.
    pub async fn lapsed(&self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        let text = format!(
            "Your request for {} with {} was not answered within 24 hours, so the time is no longer held. Other open times: {}/p/{}#open-times",
            self.when(),
            self.name(),
            self.public_url,
            self.practice.practitioner.slug,
        );
        self.send(db, self.client(), "Your request lapsed", &text, None)
            .await
    }

    /// To the client, the day after: the link to report on the visit.
    pub async fn ask_report(&self, db: &impl ConnectionTrait, secret: &str) -> Result<(), DbErr> {
        let text = format!(
            "How was your visit with {} on {}?\n\nTell other people in pain what it did for you: your pain before and now, and a few yes-or-no questions. It takes a minute, needs no account, and shows on the profile only as figures and, if you write one, a comment with your initials once our admins approve it. If something went wrong, you can tell our admins privately on the same page.\n\n{}\n\nThe link works for 30 days.",
            self.name(),
            self.when(),
            self.link(secret),
        );
        self.send(db, self.client(), "How was your visit?", &text, None)
            .await
    }

    /// To the client, the day before.
    pub async fn reminder(&self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        let text = format!(
            "A reminder: your {} minute visit with {} is on {}, at {}.\n\nTo cancel or move it, use the link in the email that confirmed the visit.",
            self.visit.minutes,
            self.name(),
            self.when(),
            self.practice.place(),
        );
        self.send(db, self.client(), "Your visit tomorrow", &text, None)
            .await
    }
}
